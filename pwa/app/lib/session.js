// Who is signed in. The server session is an HttpOnly cookie; the page keeps the user in memory.
// To open offline, localStorage keeps only {id, role} of the last account (no name, no health data);
// the name comes from the profile copy kept in IndexedDB (cleared at sign-out) when there is one.
// The account's language (chosen by the therapist, changed by the patient) wins over the browser's.
import { api, readCached, setCacheScope, setCsrf } from "./api.js";
import { getLocale, onLocaleChange, setLocale } from "./i18n.js";
import { clearAll, dropOthers, flush, setOwner } from "./outbox.js";
import { idb } from "./idb.js";
import { memory } from "./memory.js";

const HINT = "bb.session";
export const session = { user: null, offline: false };

function saveHint(user) {
  try { localStorage.setItem(HINT, JSON.stringify({ id: user.id, role: user.role })); } catch (error) { /* ignore */ }
}

function readHint() {
  try {
    const hint = JSON.parse(localStorage.getItem(HINT) || "null");
    return hint && Number.isInteger(hint.id) && typeof hint.role === "string" ? hint : null;
  } catch (error) {
    return null;
  }
}

function adopt(user) {
  session.user = user;
  session.offline = false;
  setCsrf(user.csrf_token);
  setOwner(user.id);
  setCacheScope(user.id);
  saveHint(user);
  // A patient's language is chosen with their therapist and saved on the account: it wins over the
  // browser's. (Staff keep the browser's or their own switch: they cannot change their account's here.)
  if (user.role === "patient" && user.locale && user.locale !== getLocale()) setLocale(user.locale);
}

// The language switch (common.js) calls setLocale(); saving it on the account makes the next
// sign-in, e-mails and reminders follow the patient's choice.
onLocaleChange(async (code) => {
  const user = session.user;
  if (!user || session.offline || user.role !== "patient" || user.locale === code) return;
  try {
    await api("/patients/me", { method: "PATCH", body: { locale: code } });
    user.locale = code;
  } catch (error) { /* offline or refused: the phone keeps the choice, the account its old one */ }
});

/** On start: the signed-in user, or (offline) the last one, or null. */
export async function restore() {
  try {
    adopt(await api("/me"));
    if (session.user.role === "patient") flush();
  } catch (error) {
    if (error.offline) {
      const hint = readHint();
      session.user = hint ? { id: hint.id, role: hint.role, name: "", offline: true } : null;
      session.offline = Boolean(hint);
      if (hint) {
        setOwner(hint.id);
        setCacheScope(hint.id);
        const profile = await readCached("profile");
        if (profile && profile.data && profile.data.name) session.user.name = profile.data.name;
      }
    } else {
      session.user = null;
    }
  }
  return session.user;
}

/** Called when the network comes back while we run on the offline hint. */
export async function revalidate() {
  if (!session.offline) return session.user;
  try {
    const me = await api("/me");
    if (session.user && me.id !== session.user.id) await dropOthers(me.id);
    adopt(me);
    flush();
  } catch (error) {
    if (!error.offline) { session.user = null; session.offline = false; }
  }
  return session.user;
}

/** Another account's offline copies (left by a session that expired instead of signing out). */
async function dropOtherCopies(userId) {
  try {
    const keys = (await idb.all("prefs")).map((p) => p.key);
    const theirs = keys.filter((k) => (k.startsWith("cache:") && !k.startsWith(`cache:${userId}:`)) || k === "badDay");
    await Promise.all(theirs.map((k) => idb.delete("prefs", k)));
  } catch (error) { /* nothing kept */ }
}

async function signedIn(me) {
  await dropOthers(me.id);    // never send another account's entries under this one
  const hint = readHint();
  if (!hint || hint.id !== me.id) await dropOtherCopies(me.id);
  adopt(me);
  flush();
  return me;
}

export async function login(email, password) {
  return signedIn(await api("/auth/login", { method: "POST", body: { email, password } }));
}

export async function acceptInvite(code, password) {
  return signedIn(await api("/auth/accept-invite", { method: "POST", body: { code, password } }));
}

/** Sign out: the server session, the outbox, read marks, in-memory data and every cache. */
export async function logout() {
  try { await api("/auth/logout", { method: "POST" }); } catch (error) { /* offline: still clear this phone */ }
  await clearAll();
  try {
    const prefs = await idb.all("prefs");
    await Promise.all(prefs.filter((p) => p.key !== "locale").map((p) => idb.delete("prefs", p.key)));
  } catch (error) { /* ignore */ }
  memory.clear();
  try { localStorage.removeItem(HINT); } catch (error) { /* ignore */ }
  if ("caches" in window) {
    const keys = await caches.keys();
    await Promise.all(keys.map((key) => caches.delete(key)));
  }
  // The caches held only the app and public content; fetch them again for the next person.
  if (navigator.serviceWorker && navigator.serviceWorker.controller) {
    navigator.serviceWorker.controller.postMessage({ type: "warm" });
  }
  setCsrf(null);
  setOwner(null);
  setCacheScope(null);
  session.user = null;
  session.offline = false;
}
