// What a patient needs on a cold start without signal: the day's plan, the program, the contract
// and the profile. Each is fetched with apiCached() (the last copy kept in IndexedDB until sign-out)
// and mirrored in memory for the views that read it synchronously.
import { apiCached, readCached } from "./api.js";
import { getPref, setPref } from "./idb.js";
import { getLocale, isoDay } from "./i18n.js";
import { memory } from "./memory.js";

/** The bad-day choice lasts the day: kept with the offline copies, so a reload keeps it. */
export function badDayOn() { return memory.get("badDay") === isoDay(); }

/** Read once per start (main.js begins it at once, so the plan request does not wait for the disk). */
export async function loadBadDay() {
  if (!memory.get("badDayLoading")) {
    memory.set("badDayLoading", getPref("badDay").then((day) => {
      if (day === isoDay() && !memory.get("badDaySet")) memory.set("badDay", day);
    }));
  }
  await memory.get("badDayLoading");
  return badDayOn();
}

export async function setBadDay(on) {
  memory.set("badDaySet", true);
  if (on) memory.set("badDay", isoDay()); else memory.delete("badDay");
  await setPref("badDay", on ? isoDay() : null);
}

/** A plan kept from an earlier day, opened offline: the same exercises, for today, none done yet. */
function carriedOver(plan) {
  const today = isoDay();
  if (!plan || plan.date >= today) return plan;
  return { ...plan, date: today, carried_over: true,
    exercises: (plan.exercises || []).map((item) => ({ ...item, done: false })) };
}

/** {plan, stale, offline, updatedAt}; plan is null only offline with nothing kept. */
export async function loadPlan() {
  const bad = await loadBadDay();
  try {
    const got = await apiCached(`/patients/me/plan?locale=${getLocale()}&bad_day=${bad}`, { key: "plan" });
    const plan = got.offline ? carriedOver(got.data) : got.data;
    memory.set("plan", plan);
    memory.set("planUpdatedAt", got.updatedAt);
    return { plan, stale: got.offline, offline: got.offline, updatedAt: got.updatedAt };
  } catch (error) {
    const kept = memory.get("plan");
    if (error.offline && kept) return { plan: kept, stale: true, offline: true, updatedAt: memory.get("planUpdatedAt") };
    if (error.offline) return { plan: null, stale: true, offline: true, updatedAt: null };
    throw error;
  }
}

/** The plan in memory, else the copy kept on the phone (a cold start straight into a sub-page). */
export async function currentPlan() {
  if (memory.get("plan")) return memory.get("plan");
  const kept = await readCached("plan");
  return kept ? memory.set("plan", carriedOver(kept.data)) : null;
}

async function cachedOrNull(path, key) {
  try {
    const got = await apiCached(path, { key });
    memory.set(key, got.data);
    return got.data;
  } catch (error) {
    if (error.status === 404 || error.offline) { memory.delete(key); return null; }
    throw error;
  }
}

/** The training contract (null when there is none yet). */
export function loadContract() { return cachedOrNull("/patients/me/contract", "contract"); }

export function loadProgram() { return cachedOrNull("/patients/me/program", "program"); }

export function loadProfile() { return cachedOrNull("/patients/me", "profile"); }
