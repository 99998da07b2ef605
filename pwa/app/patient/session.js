// The guided session: today's exercises one screen each (the drawing large, the dose, how to do it,
// a rep counter, holds that run on their own), then ONE diary entry with exactly what was done,
// through the outbox, so it works offline and is sent exactly once. Each exercise is logged as done
// (the repetitions counted in each set), skipped (the patient's choice) or not started (moved past
// without counting): moving on never stores the prescription (issue 17).
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { getLocale, t } from "../lib/i18n.js";
import { memory } from "../lib/memory.js";
import { enqueue, flush, uuid, waiting } from "../lib/outbox.js";
import { dosageText } from "../lib/training.js";
import { busy, chip, emptyState, formError, progressBar } from "../lib/ui.js";
import { borgPicker } from "./log.js";
import { askSymptoms, showStopAdvice } from "./rom-question.js";
import { holdRunner, keepAwake, logRow, repCounter } from "./session-tools.js";
import { loadPlan } from "./today.js";

/** Items already done today in an entry still waiting on the phone (skipped ones are still to do). */
function queuedItems(rows, date) {
  const ids = new Set();
  rows.filter((r) => r.body.date === date && !r.body.minutes && r.status !== "failed")
    .forEach((r) => (r.body.exercises || []).filter((e) => !e.outcome || e.outcome === "done")
      .forEach((e) => ids.add(e.item_id)));
  return ids;
}

/** How to do it: the exercise's own instructions (public content, kept for offline reading). */
function instructions(item) {
  const box = h("details", { class: "session-howto" }, h("summary", {}, t("session.how_to")));
  api(`/exercises/${encodeURIComponent(item.exercise_id)}?locale=${getLocale()}`)
    .then((data) => { if (data && data.html) box.append(h("div", { class: "prose", html: data.html })); else box.remove(); })
    .catch(() => box.remove());
  return box;
}

function stepScreen(ctx, flow, index) {
  const { items, states } = flow;
  const item = items[index];
  const state = states[index];
  const label = t("session.step", { n: index + 1, total: items.length });
  const skip = h("button", { class: "btn btn-secondary btn-small session-skip", type: "button" }, t("session.skip"));
  const skippedTag = chip(t("session.skipped_tag"), "warm");
  const drawSkip = () => { skip.hidden = state.counts.length > 0; skippedTag.hidden = !state.skipped; };
  const counter = repCounter(item, state, drawSkip);
  const hold = item.hold_seconds ? holdRunner(ctx, item, state, () => { counter.redraw(); drawSkip(); }) : null;
  skip.addEventListener("click", () => { state.skipped = true; flow.show(index + 1); });
  drawSkip();
  const last = index === items.length - 1;
  return [
    h("p", { class: "session-step" }, label),
    progressBar(index + 1, items.length, label),
    h("h1", { class: "session-title", tabindex: "-1" }, item.title),
    item.illustration_url ? h("figure", { class: "session-figure" }, h("img", { class: "session-img", src: item.illustration_url,
      alt: t("session.illustration", { title: item.title }), width: "320", height: "200" })) : null,
    h("p", { class: "session-dose" }, h("span", { class: "muted small block" }, t("session.your_dose")),
      dosageText(item) || t("exercise.no_dose")),
    h("div", { class: "session-tools" }, hold, counter),
    h("div", { class: "session-skip-row" }, skippedTag, skip),
    instructions(item),
    h("div", { class: "sticky-actions session-nav" },
      h("button", { class: "btn btn-secondary", type: "button", disabled: index === 0, onclick: () => flow.show(index - 1) },
        icon("back"), t("session.back")),
      h("button", { class: "btn btn-primary session-next", type: "button", onclick: () => flow.show(index + 1) },
        last ? t("session.finish") : t("session.next"), icon("chevron"))),
  ];
}

function rowText(item, row) {
  if (row.outcome === "done") {
    return t("session.row_done", { counted: row.set_repetitions.join(" + "), dose: dosageText(item) });
  }
  return t(row.outcome === "skipped" ? "session.row_skipped" : "session.row_not_started");
}

/** The symptom question for each range-of-movement exercise done; null when the patient cancels one. */
async function symptomAnswers(items, rows) {
  const answers = {};
  for (const [n, item] of items.entries()) {
    if (item.part !== "rom" || rows[n].outcome !== "done") continue;
    const answer = await askSymptoms(item.title);
    if (!answer) return null;
    answers[item.item_id] = answer;
    if (answer === "worse") await showStopAdvice(item);   // the exercise's own advice, seed l.3309-3315
  }
  return answers;
}

async function save(ctx, flow, rows, effort, problem) {
  const { items, plan } = flow;
  if (!rows.some((r) => r.outcome !== "not_started")) { problem.show(t("session.nothing")); return; }
  const answers = await symptomAnswers(items, rows);
  if (!answers) { problem.show(t("session.symptoms_needed")); return; }
  const exercises = rows.map((row, n) => {
    const out = { ...row };
    if (row.outcome === "done" && items[n].part === "2" && effort) out.rpe = effort;
    if (answers[row.item_id]) out.symptom_response = answers[row.item_id];
    return out;
  });
  const row = await enqueue({ client_id: uuid(), date: plan.date, bad_day: Boolean(plan.bad_day), exercises },
    { label: t("session.title") });
  memory.delete("guided");
  // What happened to THIS entry: stored, refused (it stays in the diary to fix), or waiting.
  const result = await (row.sending || flush());
  const outcome = result.outcomes ? result.outcomes[row.client_id]
    : (result.sent ? "sent" : result.failed ? "refused" : "waiting");
  if (outcome === "sent") toast(t("session.saved"), "good");
  else if (outcome === "refused") toast(t("session.refused"), "error");
  else toast(t("session.queued"), "info");
  ctx.go("#/today");
}

function endScreen(ctx, flow) {
  const { items, states } = flow;
  const problem = formError();
  const rows = items.map((item, n) => logRow(item, states[n]));
  const list = h("ul", { class: "session-summary" }, items.map((item, n) => h("li", { class: ["session-sum-row", `is-${rows[n].outcome}`] },
    h("span", { class: "session-sum-text" }, h("strong", {}, item.title), h("span", { class: "check-hint" }, rowText(item, rows[n]))),
    h("button", { class: "btn btn-secondary btn-small", type: "button", "aria-label": t("session.change_label", { title: item.title }),
      onclick: () => flow.show(n) }, t("session.change")))));
  const part2 = items.some((item, n) => item.part === "2" && rows[n].outcome === "done");
  const effort = part2 ? borgPicker("session-rpe", flow.effort ?? null, t("session.effort_question"),
    { hint: t("session.effort_hint"), band: false }) : null;
  if (effort) effort.addEventListener("change", (event) => { flow.effort = Number(event.target.value); });
  const button = h("button", { class: "btn btn-primary btn-block btn-large", type: "button" }, icon("check"), t("session.save"));
  button.addEventListener("click", () => busy(button, async () => { problem.hide(); await save(ctx, flow, rows, flow.effort, problem); }));
  return [
    h("h1", { class: "session-title", tabindex: "-1" }, t("session.end_title")),
    h("p", {}, t("session.end_text")),
    h("section", { class: "card session-done", "aria-label": t("session.title") }, list),
    effort ? h("div", { class: "card session-effort" }, effort) : null,
    problem,
    h("div", { class: "sticky-actions session-nav" },
      h("button", { class: "btn btn-secondary", type: "button", onclick: () => flow.show(items.length - 1) }, icon("back"), t("session.back")),
      button),
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
    : memory.set("guided", { key, index: 0, effort: null, states: items.map(() => ({ counts: [], skipped: false })) });
  flow.plan = plan;
  flow.items = items;
  // The screen stays on through the exercises; at the end screen (and on leaving) it may sleep again.
  let release = null;
  const awake = (on) => {
    if (on && !release) release = keepAwake();
    if (!on && release) { release(); release = null; }
  };
  ctx.onLeave(() => awake(false));
  flow.show = (index) => {
    flow.index = Math.max(0, Math.min(items.length, index));
    awake(flow.index < items.length);
    const parts = flow.index >= items.length ? endScreen(ctx, flow) : stepScreen(ctx, flow, flow.index);
    stage.replaceChildren(...parts.filter(Boolean));   // (replaceChildren would write a null as text)
    window.scrollTo(0, 0);
    const heading = stage.querySelector("h1");
    if (heading && stage.isConnected) heading.focus({ preventScroll: true });
  };
  flow.show(flow.index);
  return stage;
}
