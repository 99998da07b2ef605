// The JSON API: same-origin cookies, the CSRF header on writes, one error type; and apiCached(),
// which keeps the last copy of what a patient needs offline (plan, program, contract, profile).
import { idb } from "./idb.js";

let csrfToken = null;
let cacheScope = null;   // the signed-in user's id: one person's copies are never shown to another

export function setCsrf(token) { csrfToken = token || null; }

export class ApiError extends Error {
  constructor(message, { status = 0, code = null, body = null, offline = false, retryAfter = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
    this.offline = offline;
    this.retryAfter = retryAfter;   // seconds, from a refusal's Retry-After
  }
  /** The first field message of a 422, else the message. */
  get detail() {
    const errors = this.body && this.body.errors;
    if (errors) {
      for (const where of Object.values(errors)) {
        for (const messages of Object.values(where || {})) {
          if (Array.isArray(messages) && messages.length) return String(messages[0]);
          if (messages && typeof messages === "object") {
            const nested = Object.values(messages).flat()[0];
            if (nested) return String(Array.isArray(nested) ? nested[0] : nested);
          }
        }
      }
    }
    return this.message;
  }
  /** The field a 422 names, if any. */
  get field() {
    const errors = this.body && this.body.errors;
    if (!errors) return null;
    for (const where of Object.values(errors)) {
      const names = Object.keys(where || {});
      if (names.length) return names[0];
    }
    return null;
  }
}

async function send(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method, headers, credentials: "same-origin", cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError("offline", { offline: true });
  }
  if (response.status === 204) return null;
  let data = null;
  try { data = await response.json(); } catch (error) { data = null; }
  if (!response.ok) {
    const wait = Number.parseInt(response.headers.get("Retry-After") || "", 10);
    throw new ApiError((data && data.message) || response.statusText,
      { status: response.status, code: data && data.error, body: data, retryAfter: wait > 0 ? wait : null });
  }
  return data;
}

/** api("/patients/me/plan"), api("/patients/me/diary", {method: "POST", body}) */
export async function api(path, options = {}) {
  try {
    return await send(path, options);
  } catch (error) {
    // An expired CSRF token (a long-lived tab): fetch a fresh one and try once more.
    if (error.status === 403 && error.code === "csrf" && path !== "/me") {
      const me = await send("/me");
      setCsrf(me.csrf_token);
      return send(path, options);
    }
    throw error;
  }
}

// --- offline copies ----------------------------------------------------------------------
// Kept in IndexedDB's "prefs" store under "cache:<user>:<key>", which sign-out empties (session.js),
// so only what the app needs offline stays on the phone, and only until the patient signs out.

export function setCacheScope(userId) { cacheScope = userId; }

const cacheKey = (key) => `cache:${cacheScope}:${key}`;

export async function readCached(key) {
  if (cacheScope === null) return null;
  try {
    const row = await idb.get("prefs", cacheKey(key));
    return row ? row.value : null;
  } catch (error) {
    return null;
  }
}

export async function forgetCached(key) {
  try { await idb.delete("prefs", cacheKey(key)); } catch (error) { /* nothing kept */ }
}

/** apiCached("/patients/me/plan?...", {key: "plan"}) -> {data, updatedAt, offline}: fresh from the
 *  network when it answers (and kept), else the kept copy with its time. Offline with no copy, or a
 *  4xx from the server, throws as api() does; a 404 also forgets the copy (e.g. the contract is gone). */
export async function apiCached(path, { key = path } = {}) {
  try {
    const data = await api(path);
    const updatedAt = Date.now();
    // Kept in the background: the screen need not wait for the disk.
    if (cacheScope !== null) idb.put("prefs", { key: cacheKey(key), value: { data, updatedAt } }).catch(() => {});
    return { data, updatedAt, offline: false };
  } catch (error) {
    if (error.status === 404) await forgetCached(key);
    if (!error.offline && !(error.status >= 500)) throw error;
    const kept = await readCached(key);
    if (!kept) throw error;
    return { data: kept.data, updatedAt: kept.updatedAt, offline: true };
  }
}
