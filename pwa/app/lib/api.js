// The JSON API: same-origin cookies, the CSRF header on writes, one error type.
let csrfToken = null;

export function setCsrf(token) { csrfToken = token || null; }

export class ApiError extends Error {
  constructor(message, { status = 0, code = null, body = null, offline = false } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
    this.offline = offline;
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
    throw new ApiError((data && data.message) || response.statusText,
      { status: response.status, code: data && data.error, body: data });
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

// A stand-in for the offline cache (issue 8, branch issue8a writes the real one, kept in IndexedDB):
// the same signature, kept in memory only, so views can already ask for "the last copy".
const lastCopies = new Map();

/** apiCached("/patients/me/plan") -> {data, updatedAt, offline}: the server's answer, or offline the last one. */
export async function apiCached(path) {
  try {
    const data = await api(path);
    const updatedAt = Date.now();
    lastCopies.set(path, { data, updatedAt });
    return { data, updatedAt, offline: false };
  } catch (error) {
    const kept = lastCopies.get(path);
    if (error.offline && kept) return { ...kept, offline: true };
    throw error;
  }
}
