// One patient for the therapist: the overview with charts (minutes and hard minutes against the
// contract, effort per session with the 11-14 band, pain, adherence, questionnaire scores with the
// baseline and the important-change line), the pacing timeline and the message thread. Every
// sentence speaks about the patient (third person), never to them.
import { api } from "../lib/api.js";
import { barChart, lineChart } from "../lib/charts.js";
import { h } from "../lib/dom.js";
import { fmtDay, fmtNumber, getLocale, has, t } from "../lib/i18n.js";
import { formName } from "../lib/training.js";
import { banner, card, chip, emptyState } from "../lib/ui.js";
import { avatar } from "../shared/common.js";
import { messageThread } from "../shared/messages.js";
import { FLAG_CODES } from "./staff-common.js";

const short = (iso) => fmtDay(iso, { day: "numeric", month: "short" });

// The important change per instrument, as server/domain/proms.py judges it (_CHANGE_RULES):
// the threshold and whether a higher score is better. NRS is judged on back pain.
const IMPORTANT = { nrs: [2, false], odi: [10, false], eq5d3l: [0.08, true], eq5d5l: [0.08, true], psfs: [2, true] };
const SCALE = { nrs: [0, 10, [0, 2, 4, 6, 8, 10]], odi: [0, 100, [0, 20, 40, 60, 80, 100]], eq5d3l: [-0.6, 1, [-0.5, 0, 0.5, 1]],
  eq5d5l: [-0.6, 1, [-0.5, 0, 0.5, 1]], psfs: [0, 10, [0, 2, 4, 6, 8, 10]] };

/** The dose (minutes a session) in force on a day, from the pacing timeline. */
function doseOn(blocks, day, fallback) {
  const block = blocks.find((b) => b.start <= day && day <= b.end);
  return block ? block.minutes : fallback;
}

function tiles(progress, timeline) {
  const weeks = progress.weeks || [];
  const now = weeks[weeks.length - 1];
  const trend = progress.pain_trend === "stable" ? "steady" : progress.pain_trend;
  const current = timeline.find((b) => b.decision === "in_progress") || timeline[timeline.length - 1];
  return h("div", { class: "tiles tiles-staff" },
    h("div", { class: "tile" }, h("span", { class: "tile-label" }, t("staff.this_week")),
      h("span", { class: "tile-value" }, now ? t("progress.of", { done: now.done, planned: now.planned }) : "–"),
      h("span", { class: "tile-note" }, t("staff.sessions_note"))),
    h("div", { class: "tile" }, h("span", { class: "tile-label" }, t("staff.dose")),
      h("span", { class: "tile-value" }, current ? t("staff.dose_value", { count: current.minutes }) : "–"),
      h("span", { class: "tile-note" }, current && current.hard_minutes ? t("staff.dose_hard", { count: current.hard_minutes })
        : progress.contract ? formName(progress.contract.training_form, progress.contract.training_form_other) : "")),
    h("div", { class: ["tile", trend ? `trend-${trend}` : ""] }, h("span", { class: "tile-label" }, t("progress.pain")),
      h("span", { class: "tile-value tile-value-text" }, trend ? t(`staff.trend_short_${trend}`) : "–"),
      h("span", { class: "tile-note" }, trend ? t(`staff.trend_${trend}`) : t("staff.trend_none"))));
}

function trainingCharts(progress, diary, blocks) {
  const weeks = (progress.weeks || []).slice(-12);
  const labels = weeks.map((w) => short(w.start));
  const start = progress.contract ? progress.contract.start_minutes || progress.contract.capable_minutes : 0;
  const target = weeks.map((w) => w.planned * doseOn(blocks, w.start, start));
  const sessions = diary.filter((e) => e.rpe).slice(0, 24).reverse();
  const last = weeks[weeks.length - 1];
  return [
    barChart({ title: t("staff.chart_minutes"), labels, values: weeks.map((w) => w.minutes), target,
      inner: weeks.map((w) => w.hard_minutes || 0), innerLabel: t("staff.hard_minutes"), unit: " min",
      summary: last ? t("staff.minutes_summary", { minutes: last.minutes, target: target[target.length - 1] }) : "" }),
    lineChart({ title: t("staff.chart_rpe"), labels: sessions.map((e) => short(e.date)), values: sessions.map((e) => e.rpe || null),
      min: 6, max: 20, ticks: [6, 9, 11, 14, 17, 20], band: [11, 14], bandLabel: t("chart.effort_band"),
      rowLabel: t("staff.session"), summary: t("staff.rpe_summary", { count: sessions.filter((e) => e.rpe >= 15).length }) }),
    lineChart({ title: t("staff.chart_pain"), labels, values: weeks.map((w) => w.mean_pain), min: 0, max: 10,
      ticks: [0, 2, 4, 6, 8, 10], summary: progress.pain_trend ? t(`staff.trend_${progress.pain_trend === "stable" ? "steady" : progress.pain_trend}`) : t("staff.trend_none") }),
    barChart({ title: t("staff.chart_adherence"), labels, values: weeks.map((w) => w.adherence_percent || 0), unit: " %", max: 100,
      summary: last ? t("staff.adherence_summary", { percent: last.adherence_percent || 0 }) : "" }),
  ];
}

function scoreCharts(scores) {
  if (!scores || !scores.scores) return [];
  const timepoints = scores.timepoints || ["baseline", "3m", "6m", "12m"];
  return Object.keys(IMPORTANT).filter((name) => scores.scores.some((s) => s.instrument === name)).map((name) => {
    const value = (s) => (name === "nrs" ? (s.subscales || {}).back ?? null : s.total);
    const rows = scores.scores.filter((s) => s.instrument === name);
    const values = timepoints.map((tp) => { const r = rows.find((s) => s.timepoint === tp); return r ? value(r) : null; });
    const base = values[0];
    const [threshold, higherBetter] = IMPORTANT[name];
    const goal = base === null ? null : Number((base + (higherBetter ? threshold : -threshold)).toFixed(2));
    const [min, max, ticks] = SCALE[name];
    const demo = rows.some((s) => s.wording_label);   // the demo's placeholder wording: never unlabelled
    return lineChart({ title: demo ? `${t(`instrument.${name}`)} (${t("scores.demo_wording")})` : t(`instrument.${name}`), labels: timepoints.map((tp) => t(`timepoint.${tp}`)), values, min, max, ticks,
      rowLabel: t("scores.timepoint"),
      refs: [{ value: base, label: t("staff.baseline", { value: fmtNumber(base, 2) }), kind: "base" },
        { value: goal, label: t("staff.important", { value: fmtNumber(goal, 2) }), kind: "goal" }],
      summary: t("staff.score_summary", { name: t(`instrument.${name}`) }) });
  });
}

/** The care episode at a glance: paused care, a missing screening, the considerations (never blocking). */
function careCard(patient, data) {
  const ep = data && data.episode;
  if (!ep) return null;
  const labels = Object.fromEntries((data.considerations_checklist || []).map((c) => [c.code, c.label]));
  const link = h("a", { href: `#/patients/${patient.id}/episode` }, t("episode.title"));
  if (!ep.paused && ep.screened && !ep.considerations.length) return null;
  return card({ class: "care-mini" },
    ep.paused ? banner({ kind: "warn", iconName: "alert", title: t("episode.paused_title"),
      text: t(ep.paused.reason === "referred" ? "staff.paused_referred" : "staff.paused_red_flag") }) : null,
    ep.screened ? null : h("p", {}, chip(t("episode.not_screened"), "warn")),
    ep.considerations.length ? h("p", {}, h("strong", {}, t("staff.considerations")), " ",
      ep.considerations.map((c) => chip(labels[c] || c, "neutral"))) : null, link);
}

export async function staffOverview(patient, progress) {
  const [diary, timeline, scores, episode] = await Promise.all([api(`/patients/${patient.id}/diary?limit=200`),
    api(`/patients/${patient.id}/pacing-timeline?locale=${getLocale()}`).catch(() => ({ blocks: [] })),
    api(`/patients/${patient.id}/scores`).catch(() => null),
    api(`/patients/${patient.id}/episode?locale=${getLocale()}`).catch(() => null)]);
  const blocks = timeline.blocks || [];
  const current = blocks.find((b) => b.decision === "in_progress") || blocks[blocks.length - 1];
  const decided = blocks.filter((b) => b.decision !== "in_progress").pop();
  const charts = [...trainingCharts(progress, diary, blocks), ...scoreCharts(scores)];
  return h("div", {}, careCard(patient, episode), tiles(progress, blocks),
    current ? card({ class: "rx-mini" }, h("h2", { class: "section-title" }, t("staff.pacing_now")),
      h("p", { class: "rx-mini-line" }, t("staff.dose_line", { minutes: current.minutes, hard: current.hard_minutes || 0 })),
      // Why the dose is what it is: the last finished block's decision (the running one is not judged yet).
      decided ? h("p", { class: "muted" }, t("staff.last_decision", { date: short(decided.end) }), " ", decided.reason)
        : h("p", { class: "muted" }, current.reason),
      h("a", { href: `#/patients/${patient.id}/pacing` }, t("staff.see_timeline"))) : null,
    h("div", { class: "charts charts-staff" }, charts.map((chart) => card({ class: "chart-card" }, chart))));
}

export async function pacingTab(ctx, patient) {
  const { blocks } = await api(`/patients/${patient.id}/pacing-timeline?locale=${getLocale()}`);
  if (!blocks.length) return emptyState({ iconName: "activity", title: t("pacing.empty_title"), text: t("pacing.empty_text") });
  const kind = (d) => ({ grow: "good", grow_goal: "good", dose: "warn", dose_hard: "warn", goal: "good", goal_hard: "good",
    intervals_grow: "good", intervals_start: "good", lengthen: "good", lengthen_goal: "good", hold: "warn", repeat: "warn",
    intervals_hold: "warn", lengthen_hold: "warn", too_few: "danger", in_progress: "brand" }[d] || "neutral");
  const chart = barChart({ title: t("pacing.chart"), labels: blocks.map((b) => short(b.start)), values: blocks.map((b) => b.minutes),
    inner: blocks.map((b) => b.hard_minutes || 0), innerLabel: t("staff.hard_minutes"), unit: " min",
    summary: t("pacing.chart_summary", { count: blocks.length }) });
  return h("div", {}, h("p", { class: "muted" }, t("pacing.help")), h("div", { class: "pacing-layout" },
    card({ class: "chart-card pacing-chart" }, chart),
    h("ol", { class: "pacing-list" }, blocks.map((b, i) => h("li", { class: ["card", "pacing-block", `is-${kind(b.decision)}`] },
      h("div", { class: "pacing-head" }, h("h2", { class: "pacing-title" }, t("pacing.block", { n: i + 1, from: short(b.start), to: short(b.end) })),
        chip(has(`pacing.decision_${b.decision}`) ? t(`pacing.decision_${b.decision}`) : b.decision, kind(b.decision))),
      h("dl", { class: "pacing-facts" },
        h("div", {}, h("dt", {}, t("pacing.dose")), h("dd", {}, t("staff.dose_line", { minutes: b.minutes, hard: b.hard_minutes || 0 }))),
        h("div", {}, h("dt", {}, t("pacing.sessions")), h("dd", {}, `${b.sessions}/${b.planned_sessions}`)),
        h("div", {}, h("dt", {}, t("pacing.counted")), h("dd", {}, String(b.counted_sessions))),
        h("div", {}, h("dt", {}, t("pacing.done")), h("dd", {}, String(b.done_sessions))),
        h("div", {}, h("dt", {}, t("pacing.mean_rpe")), h("dd", { class: b.mean_rpe >= 15 ? "is-high" : "" }, fmtNumber(b.mean_rpe)))),
      h("p", { class: "pacing-reason" }, b.reason))))));
}

export async function messagesTab(ctx, patient) {
  const thread = await messageThread(patient.id, { mySide: "therapist", emptyText: t("msg.empty_staff") });
  return card({ class: "patient-thread" }, h("h2", { class: "section-title" }, t("msg.with", { name: patient.name })), thread.node);
}

/** From 1024 px the caseload stays beside the patient (most urgent first). */
export function sideList(patients, activeId) {
  const rank = (p) => Math.min(...(p.flags || []).map((f) => FLAG_CODES.indexOf(f.code || f)), 99);
  const sorted = patients.slice().sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return h("nav", { class: "side-list", "aria-label": t("case.side_list") }, h("ul", {}, sorted.map((p) => h("li", {},
    h("a", { class: ["side-row", p.id === activeId ? "is-active" : ""], href: `#/patients/${p.id}`,
      "aria-current": p.id === activeId ? "page" : null }, avatar(p.name), h("span", { class: "side-name" }, p.name),
    (p.flags || []).length ? h("span", { class: "side-flags" }, String(p.flags.length),
      h("span", { class: "sr-only" }, ` ${t("case.flags_n", { count: p.flags.length })}`)) : null)))));
}

