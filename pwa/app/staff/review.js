// The review queue: the patients who need the therapist now, each with why, the evidence and the
// action, and "mark handled" (the server records who and when).
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDateTime, fmtDay, fmtNumber, listFormat, t } from "../lib/i18n.js";
import { busy, emptyState, errorMessage, pageHeader } from "../lib/ui.js";
import { avatar } from "../shared/common.js";
import { FLAG_CODES, flagLink } from "./staff-common.js";

const short = (iso) => fmtDay(iso, { day: "numeric", month: "short" });

/** One sentence about the patient (third person) from the item's detail. */
export function reviewDetail(item) {
  const d = item.detail || {};
  switch (item.reason) {
    case "red_flag":   // each flag by name, who ticked it and when: care is paused until its outcome
      return t("review.d_red_flag", { list: listFormat((d.flags || []).map((f) => t("review.d_flag_by", {
        flag: t(`redflag.${f.flag}`), name: f.recorded_by, date: short(f.recorded_at.slice(0, 10)) }))) });
    case "no_diary_7d":
      return d.last_diary_day ? t("review.d_no_diary", { date: fmtDay(d.last_diary_day, { day: "numeric", month: "long" }) }) : t("review.d_no_diary_never");
    case "rpe_high":
      return t("review.d_rpe", { list: listFormat((d.last_rpe || []).map(String)), mean: fmtNumber(d.mean_rpe_2w) });
    case "pain_rising":
      return t("review.d_pain", { list: listFormat((d.weekly_pain || []).map((v) => fmtNumber(v))) });
    case "questionnaire_missed":
      return t("review.d_quest", { timepoint: t(`timepoint.${d.timepoint}`), date: short(d.due_date) });
    case "level_suggestion":
      return t("review.d_level", { list: listFormat((d.suggestions || []).map((s) => `${t(`family.${s.family}`)} ${s.from_level} → ${s.to_level}`)) });
    case "level_observed":
      return t("review.d_observed", { list: listFormat((d.suggestions || []).map((s) => t("review.d_observed_one", {
        family: t(`family.${s.family}`), from: s.from_level, to: s.to_level, who: s.observed_by }))) });
    case "pacing_hold_twice":
      return t("review.d_pacing", { minutes: d.minutes, list: listFormat((d.blocks || []).map((b) =>
        t("review.d_block", { from: short(b.start), to: short(b.end), rpe: fmtNumber(b.mean_rpe) }))) });
    case "unanswered_message":
      return t("review.d_message", { count: d.count || 1 });
    case "rom_worse":
      return t("review.d_rom_worse", { list: listFormat((d.exercises || []).map((x) => {
        const item = t("review.d_rom_item", { family: t(`family.${x.family}`), level: x.level,
          answers: listFormat((x.answers || []).map((a) => `${short(a.date)} ${t(`rom.${a.response}`).toLowerCase()}`)) });
        return x.held ? t("review.d_rom_held", { item }) : item;
      })) });
    default:
      return t(`review.d_${item.reason}`);
  }
}

function itemRow(item, onHandled) {
  const handled = h("button", { class: "btn btn-secondary btn-small", type: "button",
    "aria-label": t("review.handled_for", { reason: t(`flag.${item.reason}`), name: item.patient_name }) }, icon("check"), t("review.handled"));
  const li = h("li", { class: "review-item", "data-reason": item.reason },
    h("a", { class: "review-who", href: `#/patients/${item.patient_id}` }, avatar(item.patient_name),
      h("span", { class: "review-name" }, item.patient_name)),
    h("div", { class: "review-why" }, flagLink({ code: item.reason, evidence: item.action }),
      h("p", { class: "review-detail" }, reviewDetail(item)),
      (item.considerations || []).length ? h("p", { class: "small" }, t("staff.considerations"), " ",
        listFormat(item.considerations.map((c) => t(`consideration.${c}`)))) : null,
      h("p", { class: "small muted" }, t("review.since", { date: fmtDay(item.since, { day: "numeric", month: "long" }) }))),
    h("div", { class: "review-actions" },
      h("a", { class: "btn btn-primary btn-small", href: item.action }, t(`review.action_${item.reason}`)), handled));
  handled.addEventListener("click", () => busy(handled, async () => {
    try {
      const done = await api(`/review-queue/${item.id}/handled`, { method: "POST" });
      li.classList.add("is-handled");
      handled.replaceWith(h("span", { class: "chip chip-good", role: "status" }, icon("check"),
        done && done.handled_at ? t("review.handled_at", { time: fmtDateTime(done.handled_at) }) : t("review.handled_done")));
      toast(t("review.handled_toast", { name: item.patient_name }), "good");
      onHandled();
    } catch (error) { toast(errorMessage(error), "error"); }
  }));
  return li;
}

export async function reviewQueue() {
  const data = await api("/review-queue");
  const items = data.items.slice().sort((a, b) => FLAG_CODES.indexOf(a.reason) - FLAG_CODES.indexOf(b.reason)
    || String(a.since).localeCompare(String(b.since)));
  const header = pageHeader(t("review.title"), null);
  const subtitle = h("p", { class: "page-subtitle", role: "status" });
  let open = items.length;
  const say = () => { subtitle.textContent = open ? t("review.count", { count: open }) : t("review.all_done"); };
  say();
  header.append(subtitle);
  if (!items.length) {
    return h("div", { class: "view view-staff" }, header,
      emptyState({ iconName: "check", title: t("review.empty_title"), text: t("review.empty_text") }));
  }
  return h("div", { class: "view view-staff" }, header,
    h("ul", { class: "card review-list" }, items.map((item) => itemRow(item, () => { open -= 1; say(); }))));
}
