// One exercise: illustration, dosage, instructions (public content, cached for offline reading).
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { getLocale, t } from "../lib/i18n.js";
import { currentPlan } from "../lib/patient-data.js";
import { dosageText, partName } from "../lib/training.js";
import { card, chip, errorMessage, pageHeader } from "../lib/ui.js";
import { tick } from "./today.js";

export async function exercise(ctx) {
  const id = ctx.params.id;
  const [data, plan] = await Promise.all([api(`/exercises/${encodeURIComponent(id)}?locale=${getLocale()}`),
    currentPlan()]);  // the plan kept on the phone, so the dose shows on a cold start without signal
  const itemId = Number(ctx.query.get("item"));
  const item = plan && (plan.exercises || []).find((e) => e.item_id === itemId && e.exercise_id === id);
  const dose = item || { ...data.dosage };
  const tags = [chip(partName(data.part), "brand")];
  if (data.code) tags.push(chip(t("today.code", { code: data.code }), "neutral"));
  if (plan && plan.bad_day && item) tags.push(chip(t("exercise.bad_day"), "warm", "heart"));

  let action = null;
  if (item) {
    action = h("button", { class: ["btn", item.done ? "btn-secondary" : "btn-primary", "btn-block", "btn-large"],
      type: "button", disabled: item.done }, icon("check"), item.done ? t("exercise.done") : t("exercise.mark_done"));
    action.addEventListener("click", async () => {
      try {
        if (!(await tick(plan, item))) return;
        item.done = true;
        toast(t("today.ticked", { title: item.title }), "good");
        ctx.go("#/today");
      } catch (error) {
        toast(errorMessage(error), "error");
      }
    });
  }
  return h("div", { class: "view view-article" },
    pageHeader(data.title, data.summary, h("div", { class: "tags" }, tags)),
    h("figure", { class: "ex-figure" },
      h("img", { class: "ex-figure-img", src: data.illustration_url, alt: t("exercise.illustration", { title: data.title }),
        width: "320", height: "200" })),
    card({ class: "dose-card" },
      h("h2", { class: "dose-title" }, item ? t("exercise.your_dose") : t("exercise.default_dose")),
      h("p", { class: "dose-text" }, dosageText(dose) || t("exercise.no_dose")),
      dose.each_side ? h("p", { class: "muted small" }, t("exercise.each_side")) : null),
    h("article", { class: "prose", html: data.html }),
    (data.alternatives || []).length ? h("section", { class: "alternatives" },
      h("h2", {}, t("exercise.alternatives")),
      data.alternatives.map((alt) => card({ class: "alt-card" }, h("h3", {}, alt.title), h("p", {}, alt.text)))) : null,
    action ? h("div", { class: "sticky-actions" }, action) : null);
}
