// Today, in the order a patient needs it: a greeting; what is due today (the exercises to tick,
// with "start" for a guided session, and general training with its minutes, a "done" state once
// logged, or a clear rest day); then anything else (contract, questionnaire, group session) as
// compact cards. The bad-day choice lasts the local day.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, getLocale, isoDay, t } from "../lib/i18n.js";
import { memory } from "../lib/memory.js";
import { badDayOn, loadContract, loadPlan, loadProfile, loadProgram, setBadDay } from "../lib/patient-data.js";
import { discard, enqueue, getRow, uuid, waiting } from "../lib/outbox.js";
import { refusalText } from "../lib/reasons.js";
import { session } from "../lib/session.js";
import { days, dosageText, formName, reasonText } from "../lib/training.js";
import { errorMessage, progressBar } from "../lib/ui.js";
import { greeting } from "../shared/common.js";
import { askEffort } from "./effort-question.js";
import { askSymptoms, heldNote, showStopAdvice } from "./rom-question.js";

// The data (kept on the phone for a cold start without signal) comes from lib/patient-data.js.
export { badDayOn, loadPlan };

const didIt = (e, item) => e.item_id === item.item_id && (!e.outcome || e.outcome === "done");

function pendingTick(rows, plan, item) {
  // A refused tick is not "done": it waits in the Diary for the patient's attention. Nor is an
  // exercise a guided session logged as skipped or not started.
  return rows.find((r) => r.status !== "failed" && r.body.date === plan.date && !r.body.minutes
    && (r.body.exercises || []).some((e) => didIt(e, item)));
}

async function untick(plan, item, rows) {
  const queued = pendingTick(rows, plan, item);
  if (queued && (queued.body.exercises || []).length === 1) { await discard(queued.client_id); return; }
  const entries = await api(`/patients/me/diary?from=${plan.date}&to=${plan.date}`);
  const entry = entries.find((e) => !e.minutes && e.exercises.length === 1 && didIt(e.exercises[0], item))
    || entries.find((e) => !e.minutes && e.exercises.some((x) => didIt(x, item)));
  if (entry) await api(`/patients/me/diary/${entry.id}`, { method: "DELETE" });
}

/** Tick an exercise off; a range-of-movement one first asks how back and leg felt (false: cancelled), a
 *  Part 2 one how hard it was (optional: skipping still logs the tick).
 *  Throws (with the reason) when the server refuses it, so no toast says "well done" for a tick the
 *  server did not take; offline it resolves (the tick waits on the phone). */
export async function tick(plan, item) {
  const exercise = { item_id: item.item_id, sets_done: item.sets, repetitions_done: item.repetitions };
  if (item.part === "rom") {
    exercise.symptom_response = await askSymptoms(item.title);
    if (!exercise.symptom_response) return false;
  }
  if (item.part === "2") {
    const effort = await askEffort(item.title);
    if (effort) exercise.rpe = effort;
  }
  const row = await enqueue({ client_id: uuid(), date: plan.date, bad_day: Boolean(plan.bad_day), exercises: [exercise] },
    { label: item.title });
  if ((await row.sending).outcomes[row.client_id] === "refused") {
    const kept = await getRow(row.client_id);
    throw new Error(refusalText(kept && kept.error));
  }
  if (exercise.symptom_response === "worse") await showStopAdvice(item);   // seed l.3309-3315: stop and call
  return true;
}

function exerciseCard(ctx, plan, item, rows) {
  const queued = pendingTick(rows, plan, item);
  const done = item.done || Boolean(queued);
  const button = h("button", {
    class: ["tick", done ? "is-done" : ""], type: "button", "aria-pressed": String(done),
    "aria-label": t(done ? "today.undo_label" : "today.done_label", { title: item.title }),
  }, icon("check"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if (done) {
        await untick(plan, item, await waiting());
        item.done = false;
      } else {
        if (await tick(plan, item)) {
          item.done = true;
          toast(t("today.ticked", { title: item.title }), "good");
        }
      }
    } catch (error) {
      toast(error.offline ? t("today.untick_offline") : errorMessage(error), "error");
    }
    ctx.refresh({ keepFocus: `[data-item="${item.item_id}"] .tick` });
  });
  const meta = queued ? h("span", { class: "ex-meta" }, h("span", { class: "waiting-tag" }, icon("clock"), t("today.waiting_tag"))) : null;
  return h("li", { class: ["ex-card", done ? "is-done" : ""], dataset: { item: String(item.item_id) } },
    h("a", { class: "ex-link", href: `#/exercise/${encodeURIComponent(item.exercise_id)}?item=${item.item_id}` },
      item.illustration_url ? h("img", { class: "ex-img", src: item.illustration_url, alt: "", width: "96", height: "60" }) : null,
      h("span", { class: "ex-text" }, h("span", { class: "ex-title" }, item.title),
        h("span", { class: "ex-dose" }, dosageText(item)), meta)),
    button);
}

function exercisesBlock(ctx, plan, rows) {
  const items = plan.exercises || [];
  if (!items.length) return null;
  const doneCount = items.filter((i) => i.done || pendingTick(rows, plan, i)).length;
  const label = t("today.done_count", { done: doneCount, total: items.length });
  const all = doneCount === items.length;
  return h("section", { class: "due-block", "aria-labelledby": "due-ex" },
    h("div", { class: "section-head" }, h("h2", { class: "section-title", id: "due-ex" }, t("today.exercises")),
      h("span", { class: "section-aside" }, label)),
    progressBar(doneCount, items.length, label),
    plan.bad_day ? h("p", { class: "muted small" }, t("today.bad_day_exercises")) : null,
    h("ul", { class: "ex-list" }, items.map((item) => exerciseCard(ctx, plan, item, rows))),
    all ? h("p", { class: "all-done" }, icon("sparkle"), t("today.all_done"))
      : h("div", { class: "sticky-actions" }, h("a", { class: "btn btn-primary btn-block btn-start", href: "#/session" },
        icon("activity"), doneCount ? t("today.continue_session") : t("today.start_session"))));
}

/** Minutes of general training on the plan's day: stored on the server or waiting in the outbox. */
async function trainedToday(plan, rows, offline) {
  const queued = rows.filter((r) => r.body.date === plan.date && r.body.minutes && r.status !== "failed")
    .reduce((sum, r) => sum + r.body.minutes, 0);
  let stored = 0;
  if (!offline) {
    try {
      const entries = await api(`/patients/me/diary?from=${plan.date}&to=${plan.date}`);
      stored = entries.filter((e) => e.minutes).reduce((sum, e) => sum + e.minutes, 0);
    } catch (error) { /* offline or refused: the outbox still counts */ }
  }
  return queued + stored;
}

function trainingBlock(plan, minutesDone) {
  const rx = plan.general_training;
  if (!rx) return h("p", { class: "due-note muted rx-empty" }, icon("activity"), t("today.no_contract"));
  const form = formName(rx.training_form, rx.training_form_other);
  const why = h("details", { class: "rx-why" }, h("summary", {}, t("today.why")), h("p", { class: "rx-reason" }, reasonText(rx.reason)));
  if (minutesDone) {
    return h("section", { class: "rx-card rx-done", "aria-labelledby": "due-rx" },
      h("div", { class: "rx-head" }, h("span", { class: "rx-icon is-good" }, icon("check")),
        h("div", {}, h("h2", { class: "rx-title", id: "due-rx" }, t("today.training_done")),
          h("p", { class: "rx-form" }, t("today.training_done_text", { count: minutesDone, form })))),
      h("a", { class: "text-link", href: "#/log" }, t("today.log_another")));
  }
  if (!plan.training_day) {
    const contractDays = memory.get("contractDays");
    return h("section", { class: "rx-card rx-rest", "aria-labelledby": "due-rx" },
      h("div", { class: "rx-head" }, h("span", { class: "rx-icon is-rest" }, icon("calendar")),
        h("div", {}, h("h2", { class: "rx-title", id: "due-rx" }, t("today.rest_title")),
          h("p", { class: "rx-form" }, contractDays ? t("today.rest_days", { days: contractDays }) : t("today.rest_text")))),
      h("p", { class: "rx-anyway" }, t("today.if_anyway", { count: rx.minutes, form })),
      why,
      h("a", { class: "text-link", href: "#/log" }, t("today.log_anyway")));
  }
  return h("section", { class: ["rx-card", plan.bad_day ? "is-bad-day" : ""], "aria-labelledby": "due-rx" },
    h("div", { class: "rx-head" }, h("span", { class: "rx-icon" }, icon("activity")),
      h("div", {}, h("h2", { class: "rx-title", id: "due-rx" }, t("today.training_minutes", { count: rx.minutes, form })),
        h("p", { class: "rx-form" }, rx.hard_minutes ? t("today.effort_intervals_short", { count: rx.hard_minutes })
          : t("today.effort_short")))),
    why,
    h("a", { class: "btn btn-primary btn-block", href: "#/log" }, icon("plus"), t("today.log")));
}

function badDayRow(ctx, plan) {
  const on = plan.bad_day;
  const toggle = h("button", { class: ["btn", on ? "btn-secondary" : "btn-soft", "btn-small"], type: "button",
    "aria-pressed": String(on) }, icon("heart"), on ? t("today.bad_day_off") : t("today.bad_day_on"));
  toggle.addEventListener("click", async () => {
    await setBadDay(!on);
    ctx.refresh({ keepFocus: ".bad-day .btn" });
  });
  return h("section", { class: ["bad-day", on ? "is-on" : ""], "aria-live": "polite" },
    on ? h("div", { class: "bad-day-text" }, h("strong", {}, t("today.bad_day_title")), h("p", {}, t("today.bad_day_text")))
      : h("p", { class: "bad-day-ask" }, t("today.bad_day_ask")),
    toggle);
}

function compact({ iconName, title, text = null, href = null, kind = "brand" }) {
  const body = [h("span", { class: ["mini-icon", `mini-${kind}`] }, icon(iconName)),
    h("span", { class: "mini-body" }, h("span", { class: "mini-title" }, title), text ? h("span", { class: "mini-text" }, text) : null),
    href ? h("span", { class: "mini-chevron" }, icon("chevron")) : null];
  return h("li", { class: "mini-card" }, href ? h("a", { class: "mini-link", href }, body) : h("div", { class: "mini-link" }, body));
}

function moreCards(plan, rows, due) {
  const cards = [];
  const failed = rows.filter((r) => r.status === "failed").length;
  if (failed) cards.push(compact({ iconName: "alert", kind: "danger", href: "#/diary", title: t("outbox.failed_title", { count: failed }) }));
  else if (rows.length) {
    cards.push(compact({ iconName: "clock", kind: "warn", href: "#/diary", title: t("outbox.waiting_title", { count: rows.length }),
      text: navigator.onLine ? t("outbox.waiting_online") : t("outbox.waiting_offline_short") }));
  }
  if (plan && plan.contract && !plan.contract.accepted) {
    cards.push(compact({ iconName: "contract", href: "#/contract", title: t("today.contract_title"), text: t("today.contract_action") }));
  }
  if (due) {
    cards.push(compact({ iconName: "clipboard", href: `#/questionnaires/${due.id}`, title: t("today.questionnaire_title"),
      text: t("today.questionnaire_text") }));
  }
  for (const group of (plan && plan.group_sessions) || []) {
    cards.push(compact({ iconName: "users", kind: "neutral", title: t("today.group_title", { time: group.time }), text: group.name }));
  }
  if (!cards.length) return null;
  return h("section", { class: "more-block", "aria-labelledby": "more-title" },
    h("h2", { class: "section-title", id: "more-title" }, t("today.more")), h("ul", { class: "mini-list" }, cards));
}

/** Nothing due at all: say so plainly, with the training days and a way to log anyway. */
function restDayCard(plan) {
  const contractDays = memory.get("contractDays");
  return h("section", { class: "rest-day", "aria-labelledby": "rest-title" },
    h("span", { class: "rest-icon" }, icon("sparkle")),
    h("div", {}, h("h2", { class: "rest-title", id: "rest-title" }, t("today.rest_day_title")),
      h("p", {}, t("today.rest_day_text")),
      plan.general_training && contractDays ? h("p", { class: "muted small" }, t("today.rest_days", { days: contractDays })) : null,
      h("a", { class: "text-link", href: "#/log" }, t("today.log_anyway"))));
}

/** Care is paused (a red flag to examine, or a referral): why in plain words, since when, who to contact.
 * No exercises and no training; the diary and questionnaires go on. */
function pausedCard(paused) {
  return h("section", { class: "rest-day is-paused", "aria-labelledby": "paused-title" },
    h("span", { class: "rest-icon" }, icon("info")),
    h("div", {}, h("h2", { class: "rest-title", id: "paused-title" }, t("today.paused_title")),
      h("p", {}, t(paused.reason === "referred" ? "today.paused_referred" : "today.paused_red_flag")),
      h("p", { class: "muted small" }, t("today.paused_since", { date: fmtDay(paused.since, { day: "numeric", month: "long" }) })),
      h("p", {}, t("today.paused_contact")),
      h("a", { class: "btn btn-primary btn-block", href: "#/messages" }, icon("send"), t("today.paused_message")),
      h("p", { class: "muted small paused-diary" }, t("today.paused_diary"), " ",
        h("a", { class: "text-link", href: "#/log" }, t("today.paused_diary_link")))));
}

async function dueQuestionnaire() {
  try {
    const list = await api("/patients/me/assessments");
    memory.set("assessments", list);
    return list.find((a) => a.status === "open") || null;
  } catch (error) {
    return (memory.get("assessments") || []).find((a) => a.status === "open") || null;
  }
}

async function patientName() {
  if (session.user && session.user.name) return session.user.name;
  return ((await loadProfile().catch(() => null)) || {}).name || "";
}

function header(name, plan, stale, updatedAt) {
  return h("header", { class: "today-head" },
    h("p", { class: "today-date" }, fmtDay(plan ? plan.date : isoDay())),
    h("h1", { class: "page-title", tabindex: "-1" }, greeting(name)),
    stale || !navigator.onLine ? h("p", { class: "today-offline updated-at" }, icon("offline"),
      updatedAt ? updatedText(updatedAt) : t("offline.title")) : null);
}

export async function today(ctx) {
  // The profile and program are fetched to be kept for a cold start offline (lib/patient-data.js).
  const [{ plan, stale, updatedAt }, rows, due, name] = await Promise.all([loadPlan(), waiting(), dueQuestionnaire(),
    patientName(), rememberContractDays()]);
  if (session.user && session.user.name) setTimeout(() => { loadProfile().catch(() => null); loadProgram().catch(() => null); }, 1500);
  if (!plan) {
    return h("div", { class: "view today" }, header(name, null, true, null),
      h("section", { class: "rx-card" }, h("h2", { class: "rx-title" }, t("today.offline_no_plan")),
        h("a", { class: "btn btn-primary btn-block", href: "#/log" }, icon("plus"), t("today.log"))),
      moreCards(null, rows, due));
  }
  if (plan.paused) {
    return h("div", { class: "view today is-paused" }, header(name, plan, stale, updatedAt), pausedCard(plan.paused),
      moreCards(plan, rows, due));
  }
  const minutesDone = await trainedToday(plan, rows, stale);
  const exercises = exercisesBlock(ctx, plan, rows);
  const restDay = !exercises && !plan.training_day && !minutesDone;
  return h("div", { class: ["view", "today", restDay ? "is-rest-day" : ""] },
    header(name, plan, stale, updatedAt),
    heldNote(plan),
    restDay ? restDayCard(plan) : [exercises, trainingBlock(plan, minutesDone), badDayRow(ctx, plan)],
    moreCards(plan, rows, due));
}

/** Remember the contract's training days for the rest-day note. */
export async function rememberContractDays() {
  try {
    const contract = await loadContract();
    if (contract) {
      memory.set("contract", contract);
      memory.set("contractDays", days(contract.training_days));
    }
  } catch (error) { /* no contract yet, or offline without a copy: Today still shows the plan */ }
}

/** "updated 14:05" (today) or "updated 28 Nov 14:05": when the copy on the phone was fetched. */
export function updatedText(at) {
  const when = new Date(at);
  const time = new Intl.DateTimeFormat(getLocale() === "sv" ? "sv-SE" : "en-GB", { hour: "2-digit", minute: "2-digit" }).format(when);
  const day = isoDay(when) === isoDay() ? time : `${fmtDay(isoDay(when), { day: "numeric", month: "short" })} ${time}`;
  return t("offline.updated", { time: day });
}
