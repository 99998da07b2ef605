// The training contract in plain first-person words (used by the patient and the therapist).
import { h } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, t } from "../lib/i18n.js";
import { days, formName } from "../lib/training.js";

export function contractText(c) {
  const line = (iconName, text) => h("li", { class: "contract-line" }, icon(iconName), h("span", {}, text));
  return h("ul", { class: "contract-lines" },
    line("activity", t("contract.line_form", { form: formName(c.training_form, c.training_form_other).toLowerCase(),
      count: c.sessions_per_week, days: days(c.training_days) })),
    line("calendar", t("contract.line_start", { date: fmtDay(c.start_date, { day: "numeric", month: "long", year: "numeric" }) })),
    line("clock", startLine(c)),
    line("diary", t("contract.line_review")),
    line("star", c.goal_hard_minutes && c.goal_minutes >= 30   // intervals only from 30 minutes (pacing rule 4)
      ? t("contract.line_goal_hard", { goal: c.goal_minutes, hard: c.goal_hard_minutes })
      : t("contract.line_goal", { goal: c.goal_minutes })),
    line("heart", t("contract.line_bad_day")),
    line("bell", t("contract.line_reminder", { time: c.reminder_time })));
}

// Block 0: 80 % of what the patient can do now, or, for a revision that kept that figure, where the
// training had got to (the pacing state carried over, issue 17).
function startLine(c) {
  const values = { capable: c.capable_minutes, start: c.start_minutes, hard: c.start_hard_minutes };
  if (!c.carried_over) return t("contract.line_capable", values);
  return t(c.start_hard_minutes ? "contract.line_carried_hard" : "contract.line_carried", values);
}
