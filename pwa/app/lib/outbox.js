// The outbox: diary entries (and edits) written on this phone, kept in IndexedDB until the server
// has STORED them. Only two things take an entry out: the server's 201 (stored) or 200 (a replay of
// the stored entry), or the patient choosing to discard it. A refusal (4xx) keeps it, marked
// "failed" with the reason, to be corrected and resent; a server error or no network keeps it
// "pending" and retries it with a growing pause, without holding back the entries behind it.
// Sent exactly once: the server stores one entry per client_id and answers a replay with 200.
import { api } from "./api.js";
import { idb } from "./idb.js";

const STORE = "outbox";
const DIARY = "/patients/me/diary";
export const SHOW_AFTER_TRIES = 3;   // a server error this many times running: tell the patient
const listeners = new Set();
let owner = null;        // the signed-in user's id; only their entries are sent or shown
let running = null;      // the flush in progress
let queued = null;       // one more flush asked for while one runs (it must see the newest rows)
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

/** This user's rows still on the phone, oldest first:
 *  {client_id, method, path, body, label, status: "pending"|"failed", error: {code, message}, tries}. */
export async function waiting() {
  if (owner === null) return [];
  try {
    const rows = await idb.all(STORE);
    return rows.filter((r) => r.user_id === owner).sort((a, b) => a.created_at - b.created_at);
  } catch (error) {
    return [];
  }
}

export async function getRow(clientId) {
  const row = await idb.get(STORE, clientId).catch(() => null);
  return row && row.user_id === owner ? row : null;
}

function record(clientId, method, path, body, label, entryId = null) {
  return { client_id: clientId, user_id: owner, method, path, body, label, entry_id: entryId,
    created_at: Date.now(), status: "pending", error: null, tries: 0, next_at: 0 };
}

/** Keep a new diary entry on the phone and try to send it at once. */
export async function enqueue(body, { label = null } = {}) {
  // `label` (an exercise title or training form) lets the phone show what is waiting after a restart.
  const row = record(body.client_id, "POST", DIARY, body, label);
  await idb.put(STORE, row);
  notify({ queued: row });
  row.sending = flush();   // resolves with this row's outcome (result.outcomes[client_id])
  return row;
}

/** Keep a correction of a stored entry (PATCH, within the server's 7 days) and send it. */
export async function enqueueEdit(entryId, changes, { label = null } = {}) {
  const row = record(uuid(), "PATCH", `${DIARY}/${entryId}`, changes, label, entryId);
  await idb.put(STORE, row);
  notify({ queued: row });
  row.sending = flush();   // resolves with this row's outcome (result.outcomes[client_id])
  return row;
}

/** A refused row, corrected by the patient (or unchanged: "try again"), goes back in the queue.
 *  A new entry gets a new client_id: the refused one was never stored, and the id may have been taken. */
export async function resend(clientId, body = null) {
  const row = await getRow(clientId);
  if (!row) return null;
  const next = { ...row, body: { ...(body || row.body) }, status: "pending", error: null, tries: 0, next_at: 0 };
  if (row.method === "POST") {
    next.client_id = uuid();
    next.body.client_id = next.client_id;
    await idb.delete(STORE, clientId);
  }
  await idb.put(STORE, next);
  notify({ queued: next });
  next.sending = flush();
  return next;
}

/** Take a row out of the outbox (an un-ticked exercise, or one the patient chose to discard). */
export async function discard(clientId) {
  if (running) await running.catch(() => {});
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

/** Send what is due. Resolves to {sent, failed, retrying, offline, outcomes: {client_id: outcome}}
 *  where outcome is "sent", "refused", "retry" (server error) or "offline". */
export function flush() {
  if (!running) {
    running = send().finally(() => { running = null; });
    return running;
  }
  if (!queued) queued = running.catch(() => {}).then(() => { queued = null; return flush(); });
  return queued;
}

/** The pause before the next try after `tries` server errors: 15 s, 30 s, 1 min ... at most 15 min. */
export function backoff(tries) { return Math.min(15000 * 2 ** Math.max(0, tries - 1), 15 * 60000); }

async function sendOne(row) {
  await api(row.path, { method: row.method, body: row.body });   // POST: 201 new, 200 the stored replay
  await idb.delete(STORE, row.client_id);
}

async function send() {
  const result = { sent: 0, failed: 0, retrying: 0, offline: false, outcomes: {} };
  if (owner === null) return result;
  const now = Date.now();
  const rows = (await waiting()).filter((r) => r.status === "pending" && (r.next_at || 0) <= now);
  for (const row of rows) {
    try {
      await sendOne(row);
      result.sent += 1;
      result.outcomes[row.client_id] = "sent";
    } catch (error) {
      if (error.offline || error.status === 401) {   // no network, or signed out: all wait
        result.offline = true;
        rows.filter((r) => !(r.client_id in result.outcomes)).forEach((r) => { result.outcomes[r.client_id] = "offline"; });
        break;
      }
      if (error.status >= 500 || error.status === 429 || error.status === 408 || !error.status) {
        const tries = (row.tries || 0) + 1;      // the server's trouble: try later, go on with the next
        await idb.put(STORE, { ...row, tries, next_at: Date.now() + backoff(tries),
          error: { code: error.code || null, message: error.message, status: error.status } });
        result.retrying += 1;
        result.outcomes[row.client_id] = "retry";
        continue;
      }
      // Refused (400-499, including 409): keep it with the reason; only the patient can discard it.
      await idb.put(STORE, { ...row, status: "failed",
        error: { code: error.code || null, message: error.detail || error.message, status: error.status,
          field: error.field || null } });
      result.failed += 1;
      result.outcomes[row.client_id] = "refused";
    }
  }
  if (rows.length) notify({ flushed: result });
  await scheduleRetry();
  return result;
}

async function scheduleRetry() {
  clearTimeout(retryTimer);
  const pending = (await waiting()).filter((r) => r.status === "pending");
  if (!pending.length) return;
  const soonest = Math.min(...pending.map((r) => r.next_at || 0));
  retryTimer = setTimeout(() => flush(), Math.max(5000, Math.min(soonest - Date.now(), 15 * 60000)));
}

/** Flush on start, when the network comes back, and when the app comes to the front. */
export function startOutbox() {
  window.addEventListener("online", () => flush());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") flush();
  });
}
