// After ticking a Part 2 exercise: "how hard was it?" on the Borg scale, one tap, or skip. The answer
// lets the therapist see when a level has become easy (issue 17); skipping logs the tick without it.
import { h, nextId } from "../lib/dom.js";
import { t } from "../lib/i18n.js";
import { BORG, borgAnchor } from "../lib/training.js";

/** Resolves the effort (6-20), or null when the patient skips the question (the tick is logged anyway). */
export function askEffort(title) {
  return new Promise((resolve) => {
    const id = nextId("effort");
    const choice = (n) => h("button", { class: ["btn", "btn-secondary", "effort-answer", borgAnchor(n) ? "has-anchor" : ""],
      type: "submit", value: String(n) }, h("span", { class: "effort-num" }, String(n)),
    borgAnchor(n) ? h("span", { class: "effort-anchor" }, borgAnchor(n)) : null);
    const form = h("form", { method: "dialog", "aria-labelledby": id },
      h("h2", { class: "dialog-title", id }, t("effort.question")),
      h("p", {}, h("strong", {}, title)),
      h("p", { class: "muted small" }, t("effort.hint")),
      h("div", { class: "effort-answers" }, BORG.map(choice)),
      h("div", { class: "dialog-actions" },
        h("button", { class: "btn btn-secondary effort-skip", type: "submit", value: "" }, t("effort.skip"))));
    const dialog = h("dialog", { class: "dialog", "aria-labelledby": id }, form);
    dialog.addEventListener("close", () => {
      dialog.remove();
      const value = Number(dialog.returnValue);
      resolve(BORG.includes(value) ? value : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
