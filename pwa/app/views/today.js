// Today: the day's exercises to tick off, the general-training prescription and its reason,
// a bad-day switch that halves the plan, and what is still waiting to be sent.
import { api } from "../lib/api.js";
import { h } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, getLocale, isoDay, t } from "../lib/i18n.js";
import { memory } from "../lib/memory.js";
import { badDayOn, loadContract, loadPlan, loadProfile, loadProgram, setBadDay } from "../lib/patient-data.js";
import { discard, enqueue, getRow, uuid, waiting } from "../lib/outbox.js";
import { refusalText } from "../lib/reasons.js";
import { session } from "../lib/session.js";
import { days, dosageText, formName, reasonText } from "../lib/training.js";
import { banner, card, emptyState, errorMessage, progressBar, sectionTitle } from "../lib/ui.js";
import { toast } from "../lib/dom.js";
import { greeting } from "./common.js";
import { askSymptoms } from "./rom-question.js";

// The data (kept on the phone for a cold start without signal) comes from lib/patient-data.js.
export { badDayOn, loadPlan };

function pendingTick(rows, plan, item) {
  // A refused tick is not "done": it waits in the Diary for the patient's attention.
  return rows.find((r) => r.status !== "failed" && r.body.date === plan.date && !r.body.minutes
    && (r.body.exercises || []).some((e) => e.item_id === item.item_id));
}

async function untick(plan, item, rows) {
  const queued = pendingTick(rows, plan, item);
  if (queued) { await discard(queued.client_id); return true; }
  const entries = await api(`/patients/me/diary?from=${plan.date}&to=${plan.date}`);
  const entry = entries.find((e) => !e.minutes && e.exercises.length === 1 && e.exercises[0].item_id === item.item_id)
    || entries.find((e) => !e.minutes && e.exercises.some((x) => x.item_id === item.item_id));
  if (entry) await api(`/patients/me/diary/${entry.id}`, { method: "DELETE" });
  return true;
}

/** Tick an exercise off; a range-of-movement one first asks how back and leg felt (false: cancelled).
 *  Throws (with the reason) when the server refuses it, so no toast says "well done" for a tick the
 *  server did not take; offline it resolves (the tick waits on the phone). */
export async function tick(plan, item) {
  const exercise = { item_id: item.item_id, sets_done: item.sets, repetitions_done: item.repetitions };
  if (item.part === "rom") {
    exercise.symptom_response = await askSymptoms(item.title);
    if (!exercise.symptom_response) return false;
  }
  const row = await enqueue({ client_id: uuid(), date: plan.date, bad_day: Boolean(plan.bad_day), exercises: [exercise] },
    { label: item.title });
  if ((await row.sending).outcomes[row.client_id] === "refused") {
    const kept = await getRow(row.client_id);
    throw new Error(refusalText(kept && kept.error));
  }
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
  const meta = [item.code ? t("today.code", { code: item.code }) : null,
    queued ? h("span", { class: "waiting-tag" }, icon("clock"), t("today.waiting_tag")) : null];
  return h("article", { class: ["ex-card", done ? "is-done" : ""], dataset: { item: String(item.item_id) } },
    h("a", { class: "ex-link", href: `#/exercise/${encodeURIComponent(item.exercise_id)}?item=${item.item_id}` },
      item.illustration_url ? h("img", { class: "ex-img", src: item.illustration_url, alt: "", width: "320", height: "200", loading: "lazy" }) : null,
      h("span", { class: "ex-text" },
        h("span", { class: "ex-title" }, item.title),
        h("span", { class: "ex-dose" }, dosageText(item)),
        h("span", { class: "ex-meta" }, meta))),
    button);
}

function trainingCard(plan) {
  const rx = plan.general_training;
  if (!rx) {
    return card({ class: "rx-card rx-empty" },
      h("div", { class: "rx-head" }, h("span", { class: "rx-icon" }, icon("activity")),
        h("h2", { class: "rx-title" }, t("today.training"))),
      h("p", {}, t("today.no_contract")));
  }
  const contract = memory.get("contractDays");
  return card({ class: ["rx-card", plan.bad_day ? "is-bad-day" : ""] },
    h("div", { class: "rx-head" },
      h("span", { class: "rx-icon" }, icon("activity")),
      h("div", {}, h("h2", { class: "rx-title" }, t("today.training")),
        h("p", { class: "rx-form" }, formName(rx.training_form, rx.training_form_other)))),
    h("p", { class: "rx-minutes" }, h("span", { class: "rx-number" }, String(rx.minutes)),
      h("span", { class: "rx-unit" }, t("today.minutes"))),
    rx.hard_minutes ? h("p", { class: "rx-hard" }, t("today.hard", { count: rx.hard_minutes })) : null,
    h("p", { class: "rx-effort" }, rx.hard_minutes ? t("today.effort_intervals") : t("today.effort")),
    !plan.training_day ? h("p", { class: "rx-note" }, icon("calendar"),
      contract ? t("today.not_training_day_days", { days: contract }) : t("today.not_training_day")) : null,
    h("div", { class: "rx-why" }, h("h3", { class: "rx-why-title" }, t("today.why")),
      h("p", { class: "rx-reason" }, reasonText(rx.reason))),
    h("a", { class: "btn btn-primary btn-block", href: "#/log" }, icon("plus"), t("today.log")));
}

function badDayCard(ctx, plan) {
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

function waitingBanner(rows) {
  if (!rows.length) return null;
  const failed = rows.filter((r) => r.status === "failed").length;
  return banner({ kind: failed ? "error" : "info", iconName: failed ? "alert" : "clock",
    title: failed ? t("outbox.failed_title", { count: failed }) : t("outbox.waiting_title", { count: rows.length }),
    text: navigator.onLine ? t("outbox.waiting_online") : t("outbox.waiting_offline"),
    action: h("a", { class: "text-link", href: "#/diary" }, t("outbox.see")) });
}

async function dueQuestionnaire() {
  try {
    const list = await api("/patients/me/assessments");
    memory.set("assessments", list);
    return list.find((a) => a.status === "open") || null;
  } catch (error) {
    return null;
  }
}

export async function today(ctx) {
  // The profile and program are fetched to be kept for a cold start offline; Today does not wait for
  // them unless it has no name to greet with (offline: the kept profile answers at once).
  const [{ plan, stale, updatedAt }, rows, due] = await Promise.all([loadPlan(), waiting(),
    dueQuestionnaire(), rememberContractDays()]);
  let name = session.user && session.user.name;
  if (!name) name = ((await loadProfile().catch(() => null)) || {}).name;
  else setTimeout(() => { loadProfile().catch(() => null); loadProgram().catch(() => null); }, 1500);
  const head = h("header", { class: "today-head" },
    h("p", { class: "today-date" }, fmtDay(plan ? plan.date : isoDay())),
    h("h1", { class: "page-title", tabindex: "-1" }, greeting(name)));
  const parts = [head];
  if (!navigator.onLine || stale) {
    parts.push(banner({ kind: "warn", iconName: "offline", title: t("offline.title"),
      text: plan ? t("today.offline_with_plan") : t("today.offline_no_plan") }));
    if (plan && updatedAt) parts.push(h("p", { class: "muted small updated-at" }, icon("clock"), updatedText(updatedAt)));
  }
  parts.push(waitingBanner(rows));
  if (!plan) {
    parts.push(card({ class: "rx-card" }, h("h2", { class: "rx-title" }, t("today.training")),
      h("p", {}, t("today.offline_log")),
      h("a", { class: "btn btn-primary btn-block", href: "#/log" }, icon("plus"), t("today.log"))));
    return h("div", { class: "view" }, parts);
  }
  if (plan.contract && !plan.contract.accepted) {
    parts.push(banner({ kind: "brand", iconName: "contract", title: t("today.contract_title"), text: t("today.contract_text"),
      action: h("a", { class: "btn btn-primary btn-small", href: "#/contract" }, t("today.contract_action")) }));
  }
  if (due) {
    parts.push(banner({ kind: "brand", iconName: "clipboard", title: t("today.questionnaire_title"),
      text: t("today.questionnaire_text"),
      action: h("a", { class: "btn btn-primary btn-small", href: `#/questionnaires/${due.id}` }, t("today.questionnaire_action")) }));
  }
  for (const group of plan.group_sessions || []) {
    parts.push(banner({ kind: "info", iconName: "users", title: t("today.group_title", { time: group.time }),
      text: group.name }));
  }
  parts.push(badDayCard(ctx, plan));
  parts.push(trainingCard(plan));

  const items = plan.exercises || [];
  const doneCount = items.filter((i) => i.done || pendingTick(rows, plan, i)).length;
  parts.push(sectionTitle(t("today.exercises"),
    items.length ? h("span", { class: "section-aside" }, t("today.done_count", { done: doneCount, total: items.length })) : null));
  if (items.length) {
    parts.push(progressBar(doneCount, items.length, t("today.done_count", { done: doneCount, total: items.length })));
    if (plan.bad_day) parts.push(h("p", { class: "muted small" }, t("today.bad_day_exercises")));
    parts.push(h("div", { class: "ex-list" }, items.map((item) => exerciseCard(ctx, plan, item, rows))));
    if (doneCount === items.length) {
      parts.push(h("p", { class: "all-done" }, icon("sparkle"), t("today.all_done")));
    }
  } else {
    parts.push(emptyState({ iconName: "today", title: t("today.no_exercises_title"),
      text: t("today.no_exercises_text") }));
  }
  return h("div", { class: "view" }, parts);
}

/** Remember the contract's training days for the "not a training day" note. */
export async function rememberContractDays() {
  try {
    const contract = await loadContract();
    if (contract) memory.set("contractDays", days(contract.training_days));
  } catch (error) { /* the server refused: Today still shows the plan */ }
}

/** "updated 14:05" (today) or "updated 28 Nov 14:05": when the copy on the phone was fetched. */
export function updatedText(at) {
  const when = new Date(at);
  const time = new Intl.DateTimeFormat(getLocale() === "sv" ? "sv-SE" : "en-GB", { hour: "2-digit", minute: "2-digit" }).format(when);
  const day = isoDay(when) === isoDay() ? time : `${fmtDay(isoDay(when), { day: "numeric", month: "short" })} ${time}`;
  return t("offline.updated", { time: day });
}
