// After a range-of-movement exercise: "how did your back and leg feel afterwards?" Its answer
// (better / same / worse) decides when the therapist sees a level suggestion, not the effort.
import { h, nextId } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

/** Resolves "better" | "same" | "worse", or null when the patient cancels (nothing is logged). */
export function askSymptoms(title) {
  return new Promise((resolve) => {
    const id = nextId("rom");
    const choice = (value) => h("button", { class: "btn btn-secondary btn-block rom-answer", type: "submit", value },
      t(`rom.${value}`));
    const form = h("form", { method: "dialog", "aria-labelledby": id },
      h("h2", { class: "dialog-title", id }, t("rom.question")),
      h("p", {}, h("strong", {}, title)),
      h("p", { class: "muted" }, t("rom.hint")),
      h("div", { class: "rom-answers" }, choice("better"), choice("same"), choice("worse")),
      h("div", { class: "dialog-actions" },
        h("button", { class: "btn btn-secondary", type: "button", onclick: () => dialog.close("") }, t("common.cancel"))));
    const dialog = h("dialog", { class: "dialog", "aria-labelledby": id }, form);
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(["better", "same", "worse"].includes(dialog.returnValue) ? dialog.returnValue : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
