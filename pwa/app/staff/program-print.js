// A printable program for patients without a smartphone: one A4 page with each exercise's
// illustration, dose and days (the print stylesheet in staff.css hides the app around it).
import { api } from "../lib/api.js";
import { h } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, getLocale, isoDay, t } from "../lib/i18n.js";
import { days, dosageText, formName, partName } from "../lib/training.js";
import { emptyState } from "../lib/ui.js";

const PARTS = ["1", "2", "rom", "stretch"];

export async function printProgram(ctx) {
  const id = Number(ctx.params.id);
  ctx.setBack(`#/patients/${id}/program`);
  const [patient, program, progress] = await Promise.all([api(`/patients/${id}`),
    api(`/patients/${id}/program?locale=${getLocale()}`), api(`/patients/${id}/progress?locale=${getLocale()}`).catch(() => ({}))]);
  const items = program.items.filter((i) => PARTS.includes(i.part))
    .sort((a, b) => PARTS.indexOf(a.part) - PARTS.indexOf(b.part));
  if (!items.length) return h("div", { class: "view" }, emptyState({ iconName: "today", title: t("program.empty_title"), text: t("program.empty_text") }));
  const when = (item) => {
    if (item.weekdays && item.weekdays.length) return days(item.weekdays, "short");
    if (item.part === "2" && program.part2_weekdays) return days(program.part2_weekdays, "short");
    return t(`schedule.${item.schedule}`);
  };
  const rx = progress.prescription;
  const contract = progress.contract;
  return h("div", { class: "view view-staff print-view" },
    h("div", { class: "print-tools no-print" },
      h("p", { class: "muted" }, t("print.help")),
      h("button", { class: "btn btn-primary", type: "button", onclick: () => window.print() }, icon("book"), t("print.print"))),
    h("article", { class: "print-sheet", "aria-labelledby": "print-title" },
      h("header", { class: "print-head" },
        h("h1", { class: "print-title", id: "print-title", tabindex: "-1" }, t("print.heading", { name: patient.name })),
        h("p", { class: "print-sub" }, t("print.date", { date: fmtDay(isoDay(), { day: "numeric", month: "long", year: "numeric" }) }))),
      rx && contract ? h("p", { class: "print-rx" }, h("strong", {}, t("print.general")), " ",
        t("print.general_line", { form: formName(rx.training_form, rx.training_form_other), minutes: rx.minutes,
          days: days(contract.training_days, "short") })) : null,
      // More exercises, more columns: a full program still fits one A4 page.
      h("ol", { class: ["print-grid", items.length > 16 ? "print-lots" : items.length > 9 ? "print-many" : ""] }, items.map((item) => h("li", { class: "print-item" },
        h("img", { class: "print-img", src: item.illustration_url, alt: "", width: "160", height: "100" }),
        h("div", { class: "print-text" },
          h("p", { class: "print-name" }, item.title),
          h("p", { class: "print-part" }, partName(item.part).split(" · ")[0], item.level ? ` · ${t("editor.level", { level: item.level })}` : ""),
          h("p", { class: "print-dose" }, dosageText(item) || "–"),
          h("p", { class: "print-days" }, when(item)))))),
      h("footer", { class: "print-foot" }, t("print.foot"))));
}
