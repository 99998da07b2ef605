// Web push: permission from a tap, subscribe with the server's VAPID key, tell the server.
import { api } from "./api.js";

export function platform() {
  const ua = navigator.userAgent || "";
  const ios = /iPad|iPhone|iPod/.test(ua) || (ua.includes("Macintosh") && navigator.maxTouchPoints > 1);
  const standalone = window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  return { ios, standalone, supported };
}

function keyBytes(base64url) {
  const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

export async function currentSubscription() {
  if (!platform().supported) return null;
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

/** Resolves "on", or throws Error("denied" | "unsupported" | ...). */
export async function enablePush() {
  if (!platform().supported) throw new Error("unsupported");
  const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
  if (permission !== "granted") throw new Error("denied");
  const { key } = await api("/push/vapid-public-key");
  const registration = await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  if (!subscription) {
    subscription = await registration.pushManager.subscribe({ userVisibleOnly: true,
      applicationServerKey: keyBytes(key) });
  }
  const json = subscription.toJSON();
  await api("/push/subscriptions", { method: "POST",
    body: { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } } });
  return "on";
}

export async function disablePush() {
  const subscription = await currentSubscription();
  if (!subscription) return;
  try {
    await api("/push/subscriptions", { method: "DELETE", body: { endpoint: subscription.endpoint } });
  } finally {
    await subscription.unsubscribe();
  }
}

// --- install to home screen -------------------------------------------------------------
let deferredPrompt = null;
const installListeners = new Set();

export function watchInstall() {
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    deferredPrompt = event;
    installListeners.forEach((listener) => listener());
  });
  window.addEventListener("appinstalled", () => {
    deferredPrompt = null;
    installListeners.forEach((listener) => listener());
  });
}

export function canPromptInstall() { return Boolean(deferredPrompt); }

export async function promptInstall() {
  if (!deferredPrompt) return false;
  deferredPrompt.prompt();
  const choice = await deferredPrompt.userChoice;
  deferredPrompt = null;
  return choice && choice.outcome === "accepted";
}
