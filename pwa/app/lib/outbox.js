// The outbox: diary entries written on this phone, kept in IndexedDB with their UUID until the
// server has them. Sent exactly once: the server stores one entry per client_id and answers a
// replay with the stored entry (200), so a retry after a lost reply never makes a second entry.
import { api } from "./api.js";
import { idb } from "./idb.js";

const STORE = "outbox";
const listeners = new Set();
let owner = null;        // the signed-in user's id; only their entries are sent or shown
let flushing = null;
let retryTimer = null;

export function setOwner(userId) { owner = userId; }

export function onOutboxChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(detail = {}) { listeners.forEach((listener) => listener(detail)); }

export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, "0")).join("");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** This user's entries still on the phone, oldest first: {client_id, body, status, error}. */
export async function waiting() {
  if (owner === null) return [];
  try {
    const rows = await idb.all(STORE);
    return rows.filter((r) => r.user_id === owner).sort((a, b) => a.created_at - b.created_at);
  } catch (error) {
    return [];
  }
}

/** Keep a diary entry on the phone and try to send it at once. */
export async function enqueue(body, { label = null } = {}) {
  // `label` (an exercise title or training form) lets the phone show what is waiting after a restart.
  const record = { client_id: body.client_id, user_id: owner, path: "/patients/me/diary", body, label,
    created_at: Date.now(), status: "pending", error: null };
  await idb.put(STORE, record);
  notify({ queued: record });
  flush();
  return record;
}

/** Take an entry out of the outbox (an un-ticked exercise, or a failed entry the patient discards). */
export async function discard(clientId) {
  if (flushing) await flushing.catch(() => {});
  const row = await idb.get(STORE, clientId);
  if (!row) return false;
  await idb.delete(STORE, clientId);
  notify({ discarded: clientId });
  return true;
}

/** Forget everything (logout), and entries left behind by another account on this phone. */
export async function clearAll() {
  try { await idb.clear(STORE); } catch (error) { /* nothing stored */ }
  notify({ cleared: true });
}

export async function dropOthers(userId) {
  const rows = await idb.all(STORE).catch(() => []);
  await Promise.all(rows.filter((r) => r.user_id !== userId).map((r) => idb.delete(STORE, r.client_id)));
}

/** Send what is waiting. One flush at a time; resolves to {sent, dropped, failed, left}. */
export function flush() {
  if (!flushing) flushing = send().finally(() => { flushing = null; });
  return flushing;
}

async function send() {
  const result = { sent: 0, dropped: 0, failed: 0, left: 0 };
  if (owner === null) return result;
  const rows = (await waiting()).filter((r) => r.status === "pending");
  for (const [index, row] of rows.entries()) {
    try {
      await api(row.path, { method: "POST", body: row.body });   // 201 new, 200 the stored replay
      await idb.delete(STORE, row.client_id);
      result.sent += 1;
    } catch (error) {
      if (error.offline || error.status >= 500 || error.status === 429 || error.status === 401) {
        result.left = rows.length - index;   // try again later: online, visible, signed in again
        break;
      }
      if (error.status === 409) {            // the id was used already, or the entry was deleted
        await idb.delete(STORE, row.client_id);
        result.dropped += 1;
      } else {                               // the server refuses it: keep it and say why
        await idb.put(STORE, { ...row, status: "failed", error: error.detail || error.message });
        result.failed += 1;
      }
    }
  }
  if (result.sent || result.dropped || result.failed) notify({ flushed: result });
  scheduleRetry(result.left > 0);
  return result;
}

function scheduleRetry(needed) {
  clearTimeout(retryTimer);
  if (needed) retryTimer = setTimeout(() => flush(), 30000);
}

/** Flush on start, when the network comes back, and when the app comes to the front. */
export function startOutbox() {
  window.addEventListener("online", () => flush());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") flush();
  });
}
