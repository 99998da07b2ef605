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

/** After a "worse" answer: the exercise's own stop-and-call advice (its content), and that the
 *  physiotherapist is told. Resolves when the patient closes it. */
export function showStopAdvice(item) {
  return new Promise((resolve) => {
    const id = nextId("stop");
    const dialog = h("dialog", { class: "dialog stop-advice", "aria-labelledby": id },
      h("form", { method: "dialog" },
        h("h2", { class: "dialog-title", id }, t("rom.stop_title")),
        h("p", {}, h("strong", {}, item.title)),
        h("p", {}, item.stop_advice || t("rom.stop_fallback")),
        h("p", { class: "muted" }, t("rom.stop_told")),
        h("div", { class: "dialog-actions" },
          h("a", { class: "btn btn-secondary", href: "#/messages", onclick: () => dialog.close() }, t("rom.stop_write")),
          h("button", { class: "btn btn-primary", type: "submit" }, t("rom.stop_ok")))));
    dialog.addEventListener("close", () => { dialog.remove(); resolve(); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Today's note about the range-of-movement exercises taken off: "worse" twice in a row. */
export function heldNote(plan) {
  const held = (plan && plan.held_exercises) || [];
  if (!held.length) return null;
  return h("section", { class: "banner banner-warn held-exercises", "aria-labelledby": "held-title" },
    h("div", { class: "banner-body" },
      h("h2", { class: "banner-title", id: "held-title" }, t("rom.held_title")),
      h("p", { class: "banner-text" }, t("rom.held_text")),
      h("ul", {}, held.map((item) => h("li", {}, h("strong", {}, item.title), item.stop_advice ? ` ${item.stop_advice}` : null)))));
}
