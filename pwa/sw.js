// BetterBack service worker.
// - Precaches the app shell (the list and its version come from /app/precache.js, written by
//   tools/pwa_precache.py) and the public content library (exercises, education, illustrations).
// - Health data is never cached: every other /api/ request goes straight to the network.
// - Shows reminders from push messages {type, id, url} with a generic, localised text.
importScripts("/app/precache.js");

const { version: VERSION, files: SHELL_FILES } = self.BB_PRECACHE;
const SHELL = `bb-shell-${VERSION}`;
const CONTENT = "bb-content-v1";
const LOCALES = ["en", "sv"];
const CONTENT_API = /^\/api\/v1\/(exercises|education)(\/[A-Za-z0-9_-]+)?$/;
const NAV_TIMEOUT_MS = 4000;

// --- precaching --------------------------------------------------------------------------

async function cacheShell() {
  const cache = await caches.open(SHELL);
  await cache.addAll(SHELL_FILES.map((url) => new Request(url, { cache: "reload" })));
}

async function pool(urls, worker, size = 6) {
  const queue = [...urls];
  await Promise.all(Array.from({ length: size }, async () => {
    while (queue.length) {
      const url = queue.shift();
      try { await worker(url); } catch (error) { /* one missing item must not stop the rest */ }
    }
  }));
}

async function put(cache, url) {
  const response = await fetch(url, { cache: "no-cache", credentials: "omit" });
  if (response.ok) await cache.put(url, response.clone());
  return response;
}

/** The public content library in both languages, for reading offline. Never health data. */
async function cacheContent() {
  const cache = await caches.open(CONTENT);
  const items = [];
  const illustrations = new Set();
  for (const locale of LOCALES) {
    for (const kind of ["exercises", "education"]) {
      const list = `/api/v1/${kind}?locale=${locale}`;
      try {
        const response = await put(cache, list);
        if (!response.ok) continue;
        for (const item of await response.clone().json()) {
          items.push(`/api/v1/${kind}/${encodeURIComponent(item.id)}?locale=${locale}`);
          if (item.illustration_url) illustrations.add(item.illustration_url);
        }
      } catch (error) { /* offline during install: the shell still works */ }
    }
  }
  await pool([...items, ...illustrations], (url) => put(cache, url));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await cacheShell();
    await cacheContent();
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((key) => key.startsWith("bb-shell-") && key !== SHELL).map((key) => caches.delete(key)));
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  // After sign-out the page deletes every cache; fetch the app and the public content again.
  if (event.data && event.data.type === "warm") event.waitUntil(cacheShell().then(cacheContent).catch(() => {}));
});

// --- fetching ----------------------------------------------------------------------------

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") cache.put(request, response.clone());
  return response;
}

async function staleWhileRevalidate(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreVary: true });
  const refresh = fetch(request).then((response) => {
    if (response.ok && response.type === "basic") cache.put(request, response.clone());
    return response;
  });
  if (hit) {
    refresh.catch(() => {});
    return hit;
  }
  return refresh;
}

async function navigation(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), NAV_TIMEOUT_MS)),
    ]);
    if (response.ok) cache.put("/", response.clone());
    return response;
  } catch (error) {
    const shell = await cache.match("/");
    if (shell) return shell;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) {
    // Only the public content library; patients, me, groups and everything else: network only.
    if (CONTENT_API.test(url.pathname)) event.respondWith(staleWhileRevalidate(request, CONTENT));
    return;
  }
  if (url.pathname.startsWith("/content/illustrations/")) {
    event.respondWith(cacheFirst(request, CONTENT));
    return;
  }
  if (request.mode === "navigate") {
    if (url.pathname === "/" || url.pathname === "/index.html") event.respondWith(navigation(request));
    return;
  }
  if (url.pathname.startsWith("/app/") || url.pathname.startsWith("/v/") || url.pathname === "/manifest.webmanifest") {
    event.respondWith(cacheFirst(request, SHELL));
  }
});

// --- push reminders ----------------------------------------------------------------------

const TEXT = {
  en: {
    training: ["Time for your training", "Your general training is planned for today. Open BetterBack to see your plan."],
    part1: ["Your daily exercises", "A few minutes of exercises keeps your back moving."],
    group: ["Group training today", "See you at group training. Open BetterBack for the time."],
    questionnaire: ["A questionnaire is waiting", "Tell us how your back is doing. It takes about 10 minutes."],
    message: ["New message", "Open BetterBack to read it."],
    default: ["BetterBack", "Open BetterBack to see what's new."],
  },
  sv: {
    training: ["Dags för träning", "Din konditionsträning är planerad i dag. Öppna BetterBack och se din plan."],
    part1: ["Dina dagliga övningar", "Några minuters övningar håller ryggen i rörelse."],
    group: ["Gruppträning i dag", "Vi ses på gruppträningen. Öppna BetterBack för att se tiden."],
    questionnaire: ["Ett frågeformulär väntar", "Berätta hur din rygg mår. Det tar ungefär 10 minuter."],
    message: ["Nytt meddelande", "Öppna BetterBack för att läsa det."],
    default: ["BetterBack", "Öppna BetterBack och se vad som är nytt."],
  },
};

function readLocale() {
  // The same database, version and upgrade code as /app/lib/idb.js.
  return new Promise((resolve) => {
    const request = indexedDB.open("betterback", 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("outbox")) db.createObjectStore("outbox", { keyPath: "client_id" });
      if (!db.objectStoreNames.contains("prefs")) db.createObjectStore("prefs", { keyPath: "key" });
    };
    request.onerror = () => resolve(null);
    request.onsuccess = () => {
      try {
        const get = request.result.transaction("prefs", "readonly").objectStore("prefs").get("locale");
        get.onsuccess = () => resolve(get.result ? get.result.value : null);
        get.onerror = () => resolve(null);
      } catch (error) {
        resolve(null);
      }
    };
  });
}

function localeFrom(saved) {
  if (LOCALES.includes(saved)) return saved;
  const base = String(self.navigator.language || "en").toLowerCase().split("-")[0];
  return LOCALES.includes(base) ? base : "en";
}

function sameOriginUrl(value) {
  try {
    const url = new URL(value || "/", self.location.origin);
    return url.origin === self.location.origin ? url.href : "/";
  } catch (error) {
    return "/";
  }
}

self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  event.waitUntil((async () => {
    const locale = localeFrom(await readLocale());
    const [title, body] = TEXT[locale][data.type] || TEXT[locale].default;
    await self.registration.showNotification(title, {
      body, lang: locale, icon: "/app/icons/icon-192.png", badge: "/app/icons/badge-96.png",
      // The server's tag (kind:ref:day) makes a resend replace the notification instead of adding one.
      tag: /^[A-Za-z0-9:._-]{1,80}$/.test(String(data.tag || "")) ? `bb-${data.tag}` : `bb-${data.type || "news"}`,
      renotify: true,
      data: { url: sameOriginUrl(data.url), type: data.type || null, id: data.id || null },
    });
  })());
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
      if (new URL(client.url).origin === self.location.origin) {
        client.postMessage({ type: "navigate", url });
        return client.focus();
      }
    }
    return self.clients.openWindow(url);
  })());
});

self.addEventListener("pushsubscriptionchange", (event) => {
  // The push service replaced the subscription: register the new one (best effort).
  event.waitUntil((async () => {
    const options = event.oldSubscription && event.oldSubscription.options;
    if (!options) return;
    const subscription = event.newSubscription || await self.registration.pushManager.subscribe(options);
    const me = await fetch("/api/v1/me", { credentials: "same-origin" });
    if (!me.ok) return;
    const { csrf_token: token } = await me.json();
    const json = subscription.toJSON();
    await fetch("/api/v1/push/subscriptions", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ endpoint: json.endpoint, keys: json.keys }),
    });
  })().catch(() => {}));
});
