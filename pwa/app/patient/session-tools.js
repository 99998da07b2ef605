// The guided session's tools: the repetition counter (what was counted, set by set), the hold runner
// (hold, rest, next repetition, on its own), a short beep and a buzz where the phone has them, and
// keeping the screen awake while the session runs.
import { h } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { t } from "../lib/i18n.js";

// Between two holds of a set: the protocol gives hold times, not rests; 5 seconds lets the patient
// let go and breathe without losing the rhythm (README, decisions).
export const REST_SECONDS = 5;

export const buzz = (pattern) => { if (navigator.vibrate) navigator.vibrate(pattern); };

let audio = null;
/** A short beep (Web Audio), silent where the phone has none or blocks it. */
export function beep(frequency = 880, ms = 160) {
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    if (audio.state === "suspended") audio.resume();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.value = 0.12;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + ms / 1000);
  } catch (error) { /* no sound: the buzz and the screen still say it */ }
}

/** Keep the screen on while the session runs (Wake Lock API); again when the page is shown again. */
export function keepAwake() {
  let lock = null;
  let on = true;
  const take = async () => {
    if (!on || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    try { lock = await navigator.wakeLock.request("screen"); } catch (error) { lock = null; }
  };
  const onVisible = () => { if (document.visibilityState === "visible" && on) take(); };
  document.addEventListener("visibilitychange", onVisible);
  take();
  return () => {
    on = false;
    document.removeEventListener("visibilitychange", onVisible);
    if (lock) lock.release().catch(() => {});
    lock = null;
  };
}

// --- what was counted: state.counts holds the repetitions of each set begun, e.g. [10, 3] ---------------

/** The set being counted (a new one once the last is full), or -1 when every set is full. */
function currentSet(state, total, sets) {
  const last = state.counts.length - 1;
  if (last >= 0 && state.counts[last] < total) return last;
  return state.counts.length < sets ? state.counts.length : -1;
}

export function countOne(state, item) {
  const total = item.repetitions || 1;
  const index = currentSet(state, total, item.sets || 1);
  if (index < 0) return false;
  if (index === state.counts.length) state.counts.push(0);
  state.counts[index] += 1;
  state.skipped = false;
  if (state.counts[index] >= total) { buzz(120); beep(660, 220); }
  return true;
}

export function uncountOne(state) {
  const last = state.counts.length - 1;
  if (last < 0) return;
  state.counts[last] -= 1;
  if (!state.counts[last]) state.counts.pop();
}

export const allSetsDone = (state, item) => currentSet(state, item.repetitions || 1, item.sets || 1) < 0;

/** What the diary stores of one exercise: what was counted, or skipped, or not started. */
export function logRow(item, state) {
  const counted = state.counts.filter((n) => n > 0);
  if (counted.length) {
    return { item_id: item.item_id, outcome: "done", sets_done: counted.length,
      repetitions_done: Math.min(...counted), set_repetitions: counted };
  }
  return { item_id: item.item_id, outcome: state.skipped ? "skipped" : "not_started" };
}

export function repCounter(item, state, onChange) {
  const total = item.repetitions || 1;
  const sets = item.sets || 1;
  const readout = h("output", { class: "rep-readout", "aria-live": "polite" });
  const setLine = h("p", { class: "rep-set" });
  const count = h("button", { class: "btn btn-primary rep-count", type: "button" }, t("session.count"));
  const back = h("button", { class: "btn btn-secondary rep-uncount", type: "button", "aria-label": t("session.uncount") }, icon("minus"));
  const all = h("button", { class: "btn btn-soft btn-small rep-all", type: "button" }, t("session.did_all"));
  const draw = () => {
    const index = currentSet(state, total, sets);
    const finished = index < 0;
    const inSet = finished ? 0 : (state.counts[index] || 0);
    readout.textContent = finished ? t("session.set_done") : `${inSet} / ${total}`;
    setLine.textContent = t("session.set", { n: finished ? sets : index + 1, total: sets });
    setLine.hidden = finished || sets < 2;
    count.disabled = finished;
    all.hidden = finished;
    back.disabled = !state.counts.length;
    count.setAttribute("aria-label", t("session.count_label", { done: inSet, total }));
  };
  const changed = () => { draw(); onChange(); };
  count.addEventListener("click", () => { countOne(state, item); changed(); });
  back.addEventListener("click", () => { uncountOne(state); changed(); });
  all.addEventListener("click", () => { state.counts = Array(sets).fill(total); state.skipped = false; changed(); });
  draw();
  const box = h("section", { class: "rep-box", "aria-label": t(item.hold_seconds ? "session.holds" : "session.reps") },
    h("h2", { class: "rep-title" }, t(item.hold_seconds ? "session.holds" : "session.reps")), readout, setLine,
    h("div", { class: "rep-actions" }, back, count), all);
  box.redraw = draw;
  return box;
}

const setFull = (state, item) => (state.counts[state.counts.length - 1] || 0) >= (item.repetitions || 1);

/** Hold, rest, next repetition, on its own until the set is full; each full hold counts one. */
export function holdRunner(ctx, item, state, onCount) {
  const seconds = item.hold_seconds;
  const display = h("p", { class: "hold-readout", role: "timer", "aria-live": "off" }, String(seconds));
  const status = h("p", { class: "hold-status", role: "status" });
  const button = h("button", { class: "btn btn-soft hold-start", type: "button" }, icon("clock"), t("session.start_timer"));
  let timer = null;
  const idle = () => button.replaceChildren(icon("clock"), t(state.counts.length ? "session.continue_timer" : "session.start_timer"));
  const stop = () => { clearInterval(timer); timer = null; idle(); };
  ctx.onLeave(stop);
  const phase = (name, length, then) => {
    const end = Date.now() + length * 1000;
    status.textContent = t(name === "hold" ? "session.holding" : "session.resting");
    display.dataset.phase = name;
    display.textContent = String(length);
    timer = setInterval(() => {
      if (!display.isConnected) { stop(); return; }   // the patient moved on to another exercise
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      display.textContent = String(left);
      if (left > 0) return;
      clearInterval(timer);
      then();
    }, 250);
  };
  const setDone = () => {
    timer = null;
    buzz([200, 100, 200]);
    beep(520, 300);
    display.textContent = "0";
    status.textContent = t(allSetsDone(state, item) ? "session.timer_all_done" : "session.timer_set_done");
    idle();
  };
  const hold = () => {
    buzz(60);
    beep(880);
    phase("hold", seconds, () => {
      countOne(state, item);
      onCount();
      if (setFull(state, item)) { setDone(); return; }
      beep(520);
      phase("rest", REST_SECONDS, hold);
    });
  };
  button.addEventListener("click", () => {
    if (timer) { stop(); display.textContent = String(seconds); status.textContent = t("session.timer_paused"); return; }
    if (allSetsDone(state, item)) return;
    button.replaceChildren(t("session.stop_timer"));
    hold();
  });
  return h("section", { class: "hold-box", "aria-label": t("session.hold_for", { seconds }) },
    h("h2", { class: "rep-title" }, t("session.hold_for", { seconds })), display, button, status);
}
