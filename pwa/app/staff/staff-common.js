// Pieces the staff screens share: flag links to their evidence, a table that scrolls sideways on
// a phone (with a visible hint), where a patient is in the program, trend marks.
import { h } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { t } from "../lib/i18n.js";
import { session } from "../lib/session.js";

/** A refused program or contract: the reason, and for a missing screening or paused care the way to
 * the care episode's checklist. */
export function showTreatmentRefusal(problem, error, patientId, text) {
  problem.show(text);
  if (error && ["screening_required", "care_paused"].includes(error.code)) {
    problem.append(" ", h("a", { class: "text-link", href: `#/patients/${patientId}/episode` }, t("episode.to_checklist")));
  }
}

// The API's one vocabulary for flags and review reasons, most urgent first.
export const FLAG_CODES = ["red_flag", "rom_worse", "unanswered_message", "pacing_hold_twice", "rpe_high", "pain_rising",
  "no_diary_7d", "questionnaire_missed", "level_observed", "level_suggestion"];
const FLAG_KIND = { red_flag: "danger", rom_worse: "danger", unanswered_message: "brand", pacing_hold_twice: "warn",
  rpe_high: "danger", pain_rising: "danger", no_diary_7d: "warn", questionnaire_missed: "warn", level_observed: "good",
  level_suggestion: "good" };

// Good news for the therapist (a level to consider), not a problem: no "needs attention" mark.
export const POSITIVE = new Set(["level_suggestion", "level_observed"]);

/** A flag chip that opens the screen holding its evidence (a hash route from the API). */
export function flagLink(flag) {
  const code = flag.code || flag;
  const safe = typeof flag.evidence === "string" && flag.evidence.startsWith("#/") ? flag.evidence : null;
  return h(safe ? "a" : "span", { class: ["chip", `chip-${FLAG_KIND[code] || "neutral"}`, "flag-link"], href: safe,
    title: safe ? t("case.evidence") : null },
  icon(POSITIVE.has(code) ? "star" : code === "unanswered_message" ? "send" : "flag"), t(`flag.${code}`));
}

/** A table wrapper: sticky headers on wide screens; on a phone it scrolls sideways with a hint. */
export function scrollTable(table, hint = t("case.scroll_hint")) {
  return h("div", { class: "staff-table-card card" }, scrollBox(table, hint));
}

/** The same without the card, for a table inside a card of its own. */
export function scrollBox(table, hint = t("case.scroll_hint")) {
  const note = h("p", { class: "scroll-hint small muted", "aria-hidden": "true" }, "↔ ", hint);
  const box = h("div", { class: "table-wrap staff-table-wrap", "data-scroll-x": "", tabindex: "0", role: "region",
    "aria-label": hint }, table);
  // The hint shows only while the table is wider than its box.
  if ("ResizeObserver" in window) {
    new ResizeObserver(() => { note.hidden = box.scrollWidth <= box.clientWidth + 1; }).observe(box);
  }
  return [note, box];
}

/** Part 1 / Part 2 week n of 12 / maintenance, in the third person for staff. */
export function stageText(stage) {
  if (!stage || stage.phase === "none") return h("span", { class: "muted" }, t("stage.none"));
  if (stage.phase === "part2" && stage.week) return t("stage.part2_week", { week: stage.week, weeks: stage.weeks || 12 });
  return t(`stage.${stage.phase}`);
}

const BAD = { pain: "rising", rpe: "rising" };

/** An arrow and a word for a trend; rising pain or effort is shown as a warning. */
export function trendMark(trend, kind, words = false) {
  if (!trend) return null;
  const arrow = { rising: "↑", falling: "↓", steady: "→", stable: "→" }[trend] || "";
  const norm = trend === "stable" ? "steady" : trend;
  return h("span", { class: ["trend", `trend-${norm}`, BAD[kind] === norm ? "is-bad" : ""],
    title: words ? null : t(`case.${kind}_${norm}`) },
  h("span", { "aria-hidden": "true" }, arrow), words ? ` ${t(`case.${kind}_${norm}`)}` : h("span", { class: "sr-only" }, t(`case.${kind}_${norm}`)));
}

/** After reading messages: the tab bar's unread badge follows at once. */
export function setUnread(count) {
  if (!session.user) return;
  session.user.unread_messages = Math.max(0, count);
  window.dispatchEvent(new Event("bb-unread"));
}
