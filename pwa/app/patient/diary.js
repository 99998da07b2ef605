// The diary: what is still waiting on the phone, the history of entries, and progress charts.
import { api, readCached } from "../lib/api.js";
import { barChart, lineChart } from "../lib/charts.js";
import { confirmDialog, h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, fmtShortDay, getLocale, t } from "../lib/i18n.js";
import { memory } from "../lib/memory.js";
import { discard, flush, resend, SHOW_AFTER_TRIES, waiting } from "../lib/outbox.js";
import { refusalText } from "../lib/reasons.js";
import { borgAnchor, formName, reasonText } from "../lib/training.js";
import { banner, card, chip, emptyState, errorMessage, pageHeader, segmented } from "../lib/ui.js";

export function diaryTabs(active) {
  return segmented(t("diary.sections"), [
    ["history", t("diary.history"), "#/diary"], ["progress", t("diary.progress"), "#/progress"]], active);
}

async function exerciseTitles() {
  const key = `titles:${getLocale()}`;
  if (memory.get(key)) return memory.get(key);
  try {
    const list = await api(`/exercises?locale=${getLocale()}`);
    return memory.set(key, Object.fromEntries(list.map((e) => [e.id, e.title])));
  } catch (error) {
    return {};
  }
}

function effortChip(rpe) {
  if (rpe === null || rpe === undefined) return null;
  const anchor = borgAnchor(rpe);
  return chip(anchor ? t("diary.effort_anchor", { rpe, anchor }) : t("diary.effort", { rpe }), "brand", "activity");
}

function painChip(pain) {
  return pain === null || pain === undefined ? null : chip(t("diary.pain", { pain }), "neutral", "heart");
}

function sessionLine(body, titles, form, label = null) {
  if (body.minutes) {
    return h("p", { class: "entry-main" }, icon("activity"),
      t("diary.session_line", { form: form || label || t("diary.general_training"), count: body.minutes }));
  }
  // What was done; exercises a guided session logged as skipped or not started are not "done" here.
  const done = (body.exercises || []).filter((e) => !e.outcome || e.outcome === "done");
  if (!done.length) return h("p", { class: "entry-main" }, icon("clock"), t("diary.none_done_line"));
  const names = done.map((e) => titles[e.exercise_id] || label || t("diary.an_exercise"));
  return h("p", { class: "entry-main" }, icon("check"), names.length === 1 ? names[0] : t("diary.exercises_line", { count: names.length }));
}

function rowStatus(row) {
  if (row.status === "failed") {
    return h("p", { class: "outbox-status is-failed" }, icon("alert"),
      h("span", {}, h("strong", {}, t("outbox.attention")), " ", refusalText(row.error)));
  }
  if ((row.tries || 0) >= SHOW_AFTER_TRIES) {
    return h("p", { class: "outbox-status is-failed" }, icon("alert"), t("outbox.server_trouble", { count: row.tries }));
  }
  return h("p", { class: "outbox-status" }, icon("clock"), t("outbox.pending"));
}

function rowActions(ctx, row) {
  if (row.status !== "failed") return null;
  const fixable = row.method === "POST" ? Boolean(row.body.minutes) : true;
  const discardButton = h("button", { class: "btn btn-secondary btn-small", type: "button", onclick: async () => {
    if (await confirmDialog({ title: t("outbox.discard_title"), text: t("outbox.discard_text"),
      ok: t("outbox.discard"), cancel: t("common.cancel"), danger: true })) {
      await discard(row.client_id);
      ctx.refresh();
    }
  } }, t("outbox.discard"));
  const again = h("button", { class: "btn btn-soft btn-small", type: "button", onclick: async () => {
    await resend(row.client_id);
    const result = await flush();
    toast(result.sent ? t("outbox.sent", { count: result.sent }) : t("outbox.not_sent"), result.sent ? "good" : "info");
    ctx.refresh();
  } }, icon("send"), t("outbox.try_again"));
  const fix = fixable && row.method === "POST" ? h("a", { class: "btn btn-primary btn-small",
    href: `#/log?fix=${encodeURIComponent(row.client_id)}` }, t("outbox.correct")) : null;
  return h("div", { class: "outbox-actions" }, fix, again, discardButton);
}

function outboxSection(ctx, rows, titles, form) {
  if (!rows.length) return null;
  const plan = memory.get("plan");
  const byItem = Object.fromEntries(((plan && plan.exercises) || []).map((e) => [e.item_id, e.exercise_id]));
  const list = rows.map((row) => {
    const body = { ...row.body, exercises: (row.body.exercises || []).map((e) => ({ ...e, exercise_id: byItem[e.item_id] })) };
    const failed = row.status === "failed";
    return h("li", { class: ["outbox-item", failed ? "is-failed" : ""], dataset: { clientId: row.client_id } },
      h("div", { class: "outbox-body" },
        h("p", { class: "outbox-date" }, body.date ? fmtDay(body.date) : t("outbox.an_edit")),
        sessionLine(body, titles, form, row.label),
        h("div", { class: "chips" }, effortChip(body.rpe), painChip(body.pain)),
        rowStatus(row),
        rowActions(ctx, row)));
  });
  const failed = rows.filter((r) => r.status === "failed").length;
  const send = h("button", { class: "btn btn-primary btn-small", type: "button", disabled: !navigator.onLine },
    icon("send"), t("outbox.send_now"));
  send.addEventListener("click", async () => {
    const result = await flush();
    toast(result.sent ? t("outbox.sent", { count: result.sent }) : t("outbox.not_sent"), result.sent ? "good" : "info");
    ctx.refresh();
  });
  return card({ class: "outbox-card", "aria-labelledby": "outbox-title" },
    h("div", { class: "section-head" },
      h("h2", { class: "section-title", id: "outbox-title" },
        failed ? t("outbox.attention_title", { count: failed }) : t("outbox.title", { count: rows.length })),
      failed === rows.length ? null : send),
    failed === rows.length ? null
      : h("p", { class: "muted small" }, navigator.onLine ? t("outbox.waiting_online") : t("outbox.waiting_offline")),
    h("ul", { class: "outbox-list" }, list));
}

function entryCard(ctx, entry, titles, form) {
  const editable = entry.editable_until && new Date(entry.editable_until) > new Date();
  const remove = editable ? h("button", { class: "icon-btn", type: "button", "aria-label": t("diary.delete_label", { date: fmtDay(entry.date) }) },
    icon("trash")) : null;
  if (remove) {
    remove.addEventListener("click", async () => {
      if (!await confirmDialog({ title: t("diary.delete_title"), text: t("diary.delete_text"), ok: t("diary.delete"),
        cancel: t("common.cancel"), danger: true })) return;
      try {
        await api(`/patients/me/diary/${entry.id}`, { method: "DELETE" });
        toast(t("diary.deleted"), "good");
        ctx.refresh();
      } catch (error) {
        toast(errorMessage(error), "error");
      }
    });
  }
  const edit = editable && entry.minutes ? h("a", { class: "icon-btn", href: `#/log?entry=${entry.id}`,
    "aria-label": t("diary.edit_label", { date: fmtDay(entry.date) }) }, icon("edit")) : null;
  return h("li", { class: "entry" },
    h("div", { class: "entry-body" },
      sessionLine(entry, titles, form),
      h("div", { class: "chips" }, effortChip(entry.rpe), painChip(entry.pain),
        entry.hard_minutes ? chip(t("diary.hard", { count: entry.hard_minutes }), "neutral") : null,
        entry.bad_day ? chip(t("diary.bad_day"), "warm", "heart") : null),
      entry.note ? h("p", { class: "entry-note" }, entry.note) : null),
    h("div", { class: "entry-actions" }, edit, remove));
}

export async function history(ctx) {
  const [rows, titles] = await Promise.all([waiting(), exerciseTitles()]);
  let entries = null;
  let offline = false;
  try {
    entries = await api("/patients/me/diary?limit=200");
  } catch (error) {
    if (!error.offline) throw error;
    offline = true;
  }
  const contract = memory.get("contract") || (await readCached("contract") || {}).data;
  const form = contract ? formName(contract.training_form, contract.training_form_other) : null;
  const parts = [pageHeader(t("diary.title")), diaryTabs("history"), outboxSection(ctx, rows, titles, form)];
  if (offline) {
    parts.push(banner({ kind: "warn", iconName: "offline", title: t("offline.title"), text: t("diary.offline") }));
  } else if (!entries.length) {
    // "Log a session" only when there is a contract to log against; exercises are ticked on Today.
    parts.push(emptyState({ iconName: "diary", title: t("diary.empty_title"), text: t("diary.empty_text"),
      action: contract ? h("a", { class: "btn btn-primary", href: "#/log" }, icon("plus"), t("today.log"))
        : h("a", { class: "btn btn-primary", href: "#/today" }, t("log.to_today")) }));
  } else {
    const byDay = new Map();
    for (const entry of entries) {
      if (!byDay.has(entry.date)) byDay.set(entry.date, []);
      byDay.get(entry.date).push(entry);
    }
    parts.push(h("div", { class: "days" }, [...byDay].map(([day, list]) => h("section", { class: "day" },
      h("h2", { class: "day-title" }, fmtDay(day)),
      h("ul", { class: "entries card" }, list.map((entry) => entryCard(ctx, entry, titles, form)))))));
  }
  return h("div", { class: "view" }, parts);
}

/** Progress charts from /progress data: used by the patient and (for a patient) the therapist. */
export function progressCharts(progress, { staff = false } = {}) {
  const weeks = progress.weeks || [];
  const labels = weeks.map((w, i) => t("chart.week_n", { n: i + 1 }));
  const recent = (list) => list.slice(-12);
  const L = recent(labels);
  const W = recent(weeks);
  const last = W[W.length - 1];
  return [
    barChart({ title: t(staff ? "chart.sessions_staff" : "chart.sessions"), labels: L, values: W.map((w) => w.done), target: W.map((w) => w.planned),
      summary: last ? t("chart.sessions_summary", { done: last.done, planned: last.planned }) : "" }),
    barChart({ title: t("chart.minutes"), labels: L, values: W.map((w) => w.minutes), unit: " min",
      summary: t("chart.minutes_summary", { count: progress.totals ? progress.totals.minutes : 0 }) }),
    lineChart({ title: t("chart.effort"), labels: L, values: W.map((w) => w.mean_rpe), min: 6, max: 20,
      ticks: [6, 9, 11, 13, 15, 17, 20], band: [11, 14], bandLabel: t("chart.effort_band"),
      summary: t("chart.effort_summary") }),
    lineChart({ title: t("chart.pain"), labels: L, values: W.map((w) => w.mean_pain), min: 0, max: 10,
      ticks: [0, 2, 4, 6, 8, 10], summary: progress.pain_trend ? t(`trend.${progress.pain_trend}`) : t("chart.pain_summary") }),
  ];
}

export function progressTiles(progress) {
  const weeks = progress.weeks || [];
  const now = weeks[weeks.length - 1];
  const trend = progress.pain_trend;
  return h("div", { class: "tiles" },
    h("div", { class: "tile" }, h("span", { class: "tile-label" }, t("progress.this_week")),
      h("span", { class: "tile-value" }, now ? t("progress.of", { done: now.done, planned: now.planned }) : "–"),
      h("span", { class: "tile-note" }, t("progress.sessions"))),
    h("div", { class: "tile" }, h("span", { class: "tile-label" }, t("progress.total")),
      h("span", { class: "tile-value" }, String(progress.totals ? progress.totals.sessions : 0)),
      h("span", { class: "tile-note" }, t("progress.minutes_total", { count: progress.totals ? progress.totals.minutes : 0 }))),
    h("div", { class: ["tile", trend ? `trend-${trend}` : ""] }, h("span", { class: "tile-label" }, t("progress.pain")),
      h("span", { class: "tile-value tile-value-text" }, trend ? t(`trend.short_${trend}`) : "–"),
      h("span", { class: "tile-note" }, trend ? t(`trend.${trend}`) : t("trend.none"))));
}

export async function progress(ctx) {
  let data;
  try {
    data = await api(`/patients/me/progress?locale=${getLocale()}`);
  } catch (error) {
    if (!error.offline) throw error;
    return h("div", { class: "view" }, pageHeader(t("diary.title")), diaryTabs("progress"),
      banner({ kind: "warn", iconName: "offline", title: t("offline.title"), text: t("progress.offline") }));
  }
  const parts = [pageHeader(t("diary.title")), diaryTabs("progress")];
  if (!data.contract) {
    parts.push(emptyState({ iconName: "diary", title: t("progress.no_contract_title"), text: t("progress.no_contract_text") }));
    return h("div", { class: "view" }, parts);
  }
  parts.push(progressTiles(data));
  if (data.prescription) {
    parts.push(card({ class: "rx-mini" }, h("h2", { class: "section-title" }, t("progress.now")),
      h("p", { class: "rx-mini-line" }, t("progress.rx_line", { form: formName(data.prescription.training_form,
        data.prescription.training_form_other), count: data.prescription.minutes })),
      h("p", { class: "muted" }, reasonText(data.prescription.reason))));
  }
  parts.push(h("div", { class: "charts" }, progressCharts(data).map((chart) => card({ class: "chart-card" }, chart))));
  parts.push(h("p", { class: "muted small center" }, t("progress.contract_note", {
    count: data.contract.sessions_per_week, since: fmtShortDay(data.contract.start_date) })));
  return h("div", { class: "view" }, parts);
}

