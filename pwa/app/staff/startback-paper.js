// Staff: STarT Back from Keele's paper form, recorded in the episode (issue 16). The app asks STarT
// Back only in validated wording; without the clinic's Swedish pack the patient fills in the paper
// form and the therapist records its total and psychosocial score, which the pathway then uses.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { t } from "../lib/i18n.js";
import { busy, card, field, formError, input, sectionTitle } from "../lib/ui.js";

export function paperStartBack(ctx, id, data, ep) {
  if (!ep || ep.discharged_on) return null;
  const risk = data.risk;
  const problem = formError();
  const total = input({ type: "number", min: "0", max: "9", inputmode: "numeric", name: "total", required: true,
    value: risk && risk.source === "paper" ? risk.total : "" });
  const psychosocial = input({ type: "number", min: "0", max: "5", inputmode: "numeric", name: "psychosocial",
    required: true, value: risk && risk.source === "paper" ? risk.psychosocial : "" });
  const save = h("button", { class: "btn btn-secondary", type: "submit" }, icon("check"), t("startback_paper.save"));
  const form = h("form", { class: "startback-paper", novalidate: true },
    h("div", { class: "row-2" }, field({ label: t("startback_paper.total"), control: total }),
      field({ label: t("startback_paper.psychosocial"), control: psychosocial })), problem, save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hide();
    busy(save, async () => {
      try {
        await api(`/patients/${id}/episode/startback`, { method: "PUT", body: {
          total: total.value === "" ? null : Number(total.value),
          psychosocial: psychosocial.value === "" ? null : Number(psychosocial.value) } });
        toast(t("episode.saved"), "good");
        ctx.refresh();
      } catch (error) { problem.show(error); }
    });
  });
  return card({}, sectionTitle(t("startback_paper.title")),
    h("p", { class: "muted" }, t("startback_paper.help")),
    risk && risk.source === "paper" ? h("p", {}, t("startback_paper.recorded")) : null, form);
}
