// The guided session: today's exercises one screen each (the drawing large, the dose, a rep
// counter, a hold timer that counts down and vibrates where the phone can), then ONE diary entry
// with what was done, through the outbox, so it works offline and is sent exactly once.
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { t } from "../lib/i18n.js";
import { memory } from "../lib/memory.js";
import { enqueue, flush, uuid, waiting } from "../lib/outbox.js";
import { dosageText } from "../lib/training.js";
import { busy, emptyState, formError, progressBar } from "../lib/ui.js";
import { loadPlan } from "./today.js";

const buzz = (pattern) => { if (navigator.vibrate) navigator.vibrate(pattern); };

function queuedItems(rows, date) {
  const ids = new Set();
  rows.filter((r) => r.body.date === date && !r.body.minutes && r.status !== "failed")
    .forEach((r) => (r.body.exercises || []).forEach((e) => ids.add(e.item_id)));
  return ids;
}

/** Counted sets so far, a set in progress counting as one. */
function setsDone(state) { return state.sets + (state.reps > 0 ? 1 : 0); }

function repCounter(item, state, onChange) {
  const total = item.repetitions;
  const sets = item.sets || 1;
  const readout = h("output", { class: "rep-readout", "aria-live": "polite" });
  const setLine = h("p", { class: "rep-set" });
  const count = h("button", { class: "btn btn-primary rep-count", type: "button" }, t("session.count"));
  const back = h("button", { class: "btn btn-secondary rep-uncount", type: "button", "aria-label": t("session.uncount") }, icon("minus"));
  const draw = () => {
    const finished = state.sets >= sets;
    readout.textContent = finished ? t("session.set_done") : `${state.reps} / ${total}`;
    setLine.textContent = t("session.set", { n: Math.min(state.sets + 1, sets), total: sets });
    setLine.hidden = finished || sets < 2;
    count.disabled = finished;
    back.disabled = !state.reps && !state.sets;
    count.setAttribute("aria-label", t("session.count_label", { done: state.reps, total }));
  };
  count.addEventListener("click", () => {
    state.reps += 1;
    if (state.reps >= total) { state.sets += 1; state.reps = 0; buzz(120); }
    draw();
    onChange();
  });
  back.addEventListener("click", () => {
    if (state.reps > 0) state.reps -= 1;
    else if (state.sets > 0) { state.sets -= 1; state.reps = total - 1; }
    draw();
    onChange();
  });
  draw();
  return h("section", { class: "rep-box", "aria-label": t("session.reps") },
    h("h2", { class: "rep-title" }, t("session.reps")), readout, setLine, h("div", { class: "rep-actions" }, back, count));
}

function holdTimer(ctx, item, onDone) {
  const seconds = item.hold_seconds;
  const display = h("p", { class: "hold-readout", role: "timer", "aria-live": "off" }, String(seconds));
  const status = h("p", { class: "hold-status", role: "status" });
  const button = h("button", { class: "btn btn-soft hold-start", type: "button" }, icon("clock"), t("session.start_timer"));
  let timer = null;
  const stop = () => { clearInterval(timer); timer = null; button.replaceChildren(icon("clock"), t("session.start_timer")); };
  ctx.onLeave(stop);
  button.addEventListener("click", () => {
    if (timer) { stop(); display.textContent = String(seconds); status.textContent = ""; return; }
    const end = Date.now() + seconds * 1000;
    status.textContent = t("session.holding");
    button.replaceChildren(t("session.stop_timer"));
    buzz(60);
    timer = setInterval(() => {
      if (!display.isConnected) { stop(); return; }   // the patient moved on to another exercise
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      display.textContent = String(left);
      if (left > 0) return;
      stop();
      display.textContent = "0";
      status.textContent = t("session.timer_done");
      buzz([200, 100, 200]);
      onDone();
    }, 250);
  });
  return h("section", { class: "hold-box", "aria-label": t("session.hold_for", { seconds }) },
    h("h2", { class: "rep-title" }, t("session.hold_for", { seconds })), display, button, status);
}

function stepScreen(ctx, flow, index) {
  const { items, states } = flow;
  const item = items[index];
  const state = states[index];
  const label = t("session.step", { n: index + 1, total: items.length });
  let counter = null;
  const onCount = () => { state.touched = true; };
  if (item.repetitions) counter = repCounter(item, state, onCount);
  const hold = item.hold_seconds ? holdTimer(ctx, item, () => {
    // A hold that runs to the end is one repetition done.
    if (counter) counter.querySelector(".rep-count").click(); else state.touched = true;
  }) : null;
  const last = index === items.length - 1;
  return [
    h("p", { class: "session-step" }, label),
    progressBar(index + 1, items.length, label),
    h("h1", { class: "session-title", tabindex: "-1" }, item.title),
    item.illustration_url ? h("figure", { class: "session-figure" }, h("img", { class: "session-img", src: item.illustration_url,
      alt: t("session.illustration", { title: item.title }), width: "320", height: "200" })) : null,
    h("p", { class: "session-dose" }, h("span", { class: "muted small block" }, t("session.your_dose")),
      dosageText(item) || t("exercise.no_dose")),
    h("div", { class: "session-tools" }, counter, hold),
    h("div", { class: "sticky-actions session-nav" },
      h("button", { class: "btn btn-secondary", type: "button", disabled: index === 0, onclick: () => flow.show(index - 1) },
        icon("back"), t("session.back")),
      // Moving on from an exercise counts as having done it; the end screen lets the patient untick it.
      h("button", { class: "btn btn-primary session-next", type: "button", onclick: () => { state.touched = true; flow.show(index + 1); } },
        last ? t("session.finish") : t("session.next"), icon("chevron"))),
  ];
}

function endScreen(ctx, flow) {
  const { items, states, plan } = flow;
  const problem = formError();
  const checks = items.map((item, n) => {
    const state = states[n];
    const box = h("input", { type: "checkbox", class: "check-input", name: `did-${item.item_id}`, checked: state.touched || state.sets > 0 });
    const sets = setsDone(state) || item.sets || 1;
    return { item, box, sets, row: h("label", { class: "check session-check" }, box,
      h("span", {}, h("strong", {}, t("session.did", { title: item.title })),
        h("span", { class: "check-hint" }, t("session.sets_done", { count: sets })))) };
  });
  const save = h("button", { class: "btn btn-primary btn-block btn-large", type: "button" }, icon("check"), t("session.save"));
  save.addEventListener("click", () => busy(save, async () => {
    problem.hide();
    const done = checks.filter((c) => c.box.checked);
    if (!done.length) { problem.show(t("session.nothing")); return; }
    const row = await enqueue({ client_id: uuid(), date: plan.date, bad_day: Boolean(plan.bad_day),
      exercises: done.map((c) => ({ item_id: c.item.item_id, sets_done: Math.min(50, c.sets),
        repetitions_done: c.item.repetitions || 0 })) }, { label: t("session.title") });
    memory.delete("guided");
    // What happened to THIS entry: stored, refused (it stays in the diary to fix), or waiting.
    const result = await (row.sending || flush());
    const outcome = result.outcomes ? result.outcomes[row.client_id]
      : (result.sent ? "sent" : result.failed ? "refused" : "waiting");
    if (outcome === "sent") toast(t("session.saved"), "good");
    else if (outcome === "refused") toast(t("session.refused"), "error");
    else toast(t("session.queued"), "info");
    ctx.go("#/today");
  }));
  return [
    h("h1", { class: "session-title", tabindex: "-1" }, t("session.end_title")),
    h("p", {}, t("session.end_text")),
    h("fieldset", { class: "card session-done" }, h("legend", { class: "sr-only" }, t("session.title")), checks.map((c) => c.row)),
    problem,
    h("div", { class: "sticky-actions session-nav" },
      h("button", { class: "btn btn-secondary", type: "button", onclick: () => flow.show(items.length - 1) }, icon("back"), t("session.back")),
      save),
  ];
}

export async function guidedSession(ctx) {
  const [{ plan }, rows] = await Promise.all([loadPlan(), waiting()]);
  const queued = plan ? queuedItems(rows, plan.date) : new Set();
  const items = plan ? (plan.exercises || []).filter((i) => !i.done && !queued.has(i.item_id)) : [];
  if (!items.length) {
    return h("div", { class: "view" }, emptyState({ iconName: "sparkle", title: t("session.none_title"), text: t("session.none_text"),
      action: h("a", { class: "btn btn-primary", href: "#/today" }, t("session.to_today")) }));
  }
  const stage = h("div", { class: "view session" });
  // Kept in memory for the day, so a redraw (going offline, a language switch) resumes where the patient was.
  const key = `${plan.date}:${items.map((i) => i.item_id).join(",")}`;
  const kept = memory.get("guided");
  const flow = kept && kept.key === key ? kept
    : memory.set("guided", { key, index: 0, states: items.map(() => ({ sets: 0, reps: 0, touched: false })) });
  flow.plan = plan;
  flow.items = items;
  flow.show = (index) => {
    flow.index = Math.max(0, Math.min(items.length, index));
    stage.replaceChildren(...(flow.index >= items.length ? endScreen(ctx, flow) : stepScreen(ctx, flow, flow.index)));
    window.scrollTo(0, 0);
    const heading = stage.querySelector("h1");
    if (heading && stage.isConnected) heading.focus({ preventScroll: true });
  };
  flow.show(flow.index);
  return stage;
}
