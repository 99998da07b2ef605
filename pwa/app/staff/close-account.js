// Staff: a patient's data export (the therapist; logged) and closing the account (the responsible
// therapist or the clinic admin). Sign-in and reminders stop at once on the server; the record is
// kept for the clinic's retention period.
import { api } from "../lib/api.js";
import { confirmDialog, h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, t } from "../lib/i18n.js";
import { banner, busy, card, errorMessage, sectionTitle } from "../lib/ui.js";

const WITH_YEAR = { day: "numeric", month: "long", year: "numeric" };

function exportLink(patient) {
  return h("a", { class: "btn btn-secondary", href: `/api/v1/patients/${patient.id}/export`, download: "" },
    icon("download"), t("close.export"));
}

export function closeAccountCard(ctx, patient) {
  const therapist = ctx.user && ctx.user.role === "therapist";
  if (patient.status === "closed") {
    const closed = banner({ kind: "info", iconName: "info", title: t("close.closed_title"),
      text: t("close.closed_text", { date: fmtDay(String(patient.closed_at).slice(0, 10), WITH_YEAR),
        until: fmtDay(patient.kept_until, WITH_YEAR) }) });
    return therapist ? h("div", {}, closed, card({ class: "close-card" }, exportLink(patient))) : closed;
  }
  const button = h("button", { class: "btn btn-danger", type: "button" }, icon("close"), t("close.button"));
  button.addEventListener("click", async () => {
    const ok = await confirmDialog({ title: t("close.confirm_title", { name: patient.name }),
      text: t("close.confirm_text", { name: patient.name }), ok: t("close.button"), cancel: t("common.cancel"), danger: true });
    if (!ok) return;
    await busy(button, async () => {
      try {
        await api(`/patients/${patient.id}/close`, { method: "POST" });
        toast(t("close.done"), "good");
        ctx.refresh();
      } catch (error) { toast(errorMessage(error), "error"); }
    });
  });
  return card({ class: "close-card" }, sectionTitle(t(therapist ? "close.title_data" : "close.title")),
    therapist ? h("p", { class: "muted" }, t("close.export_text")) : null,
    h("p", { class: "muted" }, t("close.text")),
    h("div", { class: "button-row" }, therapist ? exportLink(patient) : null, button));
}
