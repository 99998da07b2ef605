// Clinic admin: the access-log review (who read which patient's record, accesses to patients not
// assigned to the reader marked), the retention period, and one patient's record page with its
// log and the close-account action.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { addDays, fmtDateTime, isoDay, t } from "../lib/i18n.js";
import { busy, card, chip, errorMessage, field, formError, input, pageHeader, sectionTitle } from "../lib/ui.js";
import { avatar } from "../shared/common.js";
import { closeAccountCard } from "./close-account.js";
import { accessLog, staffKind } from "../patient/privacy.js";

function reportTable(rows) {
  if (!rows.length) return h("p", { class: "muted" }, t("report.empty"));
  const head = ["report.staff", "report.patient", "report.accesses", "report.unassigned", "report.refused", "report.last",
    "report.what"];
  return h("div", { class: "table-wrap", "data-scroll-x": "", tabindex: "0", role: "region", "aria-label": t("report.title") },
    h("table", { class: "table report-table" },
      h("thead", {}, h("tr", {}, head.map((key) => h("th", { scope: "col" }, t(key))))),
      h("tbody", {}, rows.map((row) => h("tr", { class: row.unassigned || row.refused ? "is-flagged" : null },
        h("th", { scope: "row" }, row.actor.name, h("span", { class: "muted small block" }, t(`role.${row.actor.role}`))),
        h("td", {}, row.patient.name
          ? h("a", { href: `#/records/${row.patient.id}` }, row.patient.name) : t("report.removed")),
        h("td", { class: "num-cell" }, String(row.accesses)),
        h("td", {}, row.unassigned ? chip(`${row.unassigned} · ${t("report.not_theirs")}`, "warn", "flag") : "0"),
        h("td", { class: "num-cell" }, row.refused ? chip(String(row.refused), "warn", "flag") : "0"),
        h("td", {}, fmtDateTime(row.last_at)),
        h("td", { class: "small" }, row.kinds.map(staffKind).join(", ")))))),
    h("p", { class: "muted small scroll-hint" }, t("report.scroll_hint")));
}

async function retentionCard() {
  const clinic = await api("/clinic");
  const years = input({ type: "number", min: String(clinic.minimum_retention_years), max: "100", step: "1",
    value: String(clinic.retention_years), inputmode: "numeric" });
  const problem = formError();
  const save = h("button", { class: "btn btn-secondary", type: "submit" }, t("retention.save"));
  const form = h("form", { class: "retention-form", novalidate: true },
    field({ label: t("retention.label"), control: years, hint: t("retention.hint") }), problem, save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hide();
    busy(save, async () => {
      try {
        const saved = await api("/clinic", { method: "PATCH", body: { retention_years: Number(years.value) } });
        toast(t("retention.saved", { years: saved.retention_years }), "good");
      } catch (error) { problem.show(errorMessage(error)); }
    });
  });
  return card({ class: "retention-card" }, sectionTitle(t("retention.title")), form);
}

export async function accessReport(ctx) {
  const end = ctx.query.get("to") || isoDay();
  const start = ctx.query.get("from") || addDays(end, -30);
  const from = input({ type: "date", value: start, name: "from" });
  const to = input({ type: "date", value: end, name: "to" });
  const period = `from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`;
  const form = h("form", { class: "report-period" },
    field({ label: t("report.from"), control: from }), field({ label: t("report.to"), control: to }),
    h("button", { class: "btn btn-primary", type: "submit" }, t("report.show")),
    h("a", { class: "btn btn-secondary", href: `/api/v1/access-log/report.csv?${period}`, download: "" },
      icon("download"), t("report.csv")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ctx.go(`#/access-report?from=${from.value}&to=${to.value}`);
  });
  let body;
  try {
    body = reportTable((await api(`/access-log/report?${period}`)).rows);
  } catch (error) { body = h("p", { class: "field-error", role: "alert" }, errorMessage(error)); }
  return h("div", { class: "view view-wide" }, pageHeader(t("report.title"), t("report.subtitle")),
    card({}, form, body), await retentionCard());
}

export async function adminRecord(ctx) {
  const patient = await api(`/patients/${Number(ctx.params.id)}`);
  ctx.setBack("#/access-report");
  return h("div", { class: "view view-wide" },
    h("header", { class: "patient-head" }, avatar(patient.name),
      h("div", { class: "patient-head-text" }, h("h1", { class: "page-title", tabindex: "-1" }, patient.name),
        h("p", { class: "page-subtitle" }, patient.email),
        h("p", { class: "muted small" }, patient.therapist ? `${t("role.therapist")}: ${patient.therapist.name}` : ""))),
    closeAccountCard(ctx, patient),
    card({ class: "access-card" }, sectionTitle(t("record.log_title")), await accessLog(patient.id, { staff: true })));
}
