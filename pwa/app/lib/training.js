// Words for training data: dosage, training forms, the Borg scale, pacing reasons.
import { t, weekdayName, listFormat } from "./i18n.js";

export const BORG = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
// The effort general training is done at: "between 11 (fairly light) and 14 (somewhat hard)" (seed 002 lines
// 4259-4261), marked on the picker.
export const BAND = [11, 14];
export const inPlannedBand = (value) => value >= BAND[0] && value <= BAND[1];

/** "2 sets × 10, hold 10 s" */
export function dosageText(item) {
  const parts = [];
  if (item.sets && item.repetitions) {
    parts.push(t(item.each_side ? "dose.sets_reps_side" : "dose.sets_reps",
      { count: item.sets, sets: item.sets, reps: item.repetitions }));
  }
  if (item.hold_seconds) parts.push(t("dose.hold", { seconds: item.hold_seconds }));
  return parts.join(" · ");
}

/** One exercise of a diary entry as the therapist reads it: what was done (the repetitions counted per
 *  set, or sets × repetitions for a tick, and the effort when given), or that it was skipped or not started. */
export function exerciseLogText(row, title) {
  if (row.outcome === "skipped") return t("diary.ex_skipped", { title });
  if (row.outcome === "not_started") return t("diary.ex_not_started", { title });
  const done = row.set_repetitions ? row.set_repetitions.join(" + ") : `${row.sets_done} × ${row.repetitions_done}`;
  return t(row.rpe ? "diary.ex_done_effort" : "diary.ex_done", { title, done, rpe: row.rpe });
}

export function formName(form, other) {
  if (form === "other" && other) return other;
  return t(`form.${form}`);
}

export function borgAnchor(value) {
  const key = `borg.${value}`;
  const text = t(key);
  return text === key ? "" : text;
}

export function days(weekdays, width = "long") {
  return listFormat((weekdays || []).slice().sort().map((d) => weekdayName(d, width)));
}

export function partName(part) { return t(`part.${part}`); }

// The server writes the pacing reason in the language asked for (?locale=), so it is shown as it is.
export function reasonText(reason) {
  return reason || "";
}
