// Staff: close a patient's account (the responsible therapist or the clinic admin). Sign-in and
// reminders stop at once on the server; the record is kept for the clinic's retention period.
import { api } from "../lib/api.js";
import { confirmDialog, h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, t } from "../lib/i18n.js";
import { banner, busy, card, errorMessage, sectionTitle } from "../lib/ui.js";

const WITH_YEAR = { day: "numeric", month: "long", year: "numeric" };

export function closeAccountCard(ctx, patient) {
  if (patient.status === "closed") {
    return banner({ kind: "info", iconName: "info", title: t("close.closed_title"),
      text: t("close.closed_text", { date: fmtDay(String(patient.closed_at).slice(0, 10), WITH_YEAR),
        until: fmtDay(patient.kept_until, WITH_YEAR) }) });
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
  return card({ class: "close-card" }, sectionTitle(t("close.title")), h("p", { class: "muted" }, t("close.text")), button);
}
