// Clinic outcomes (therapists and clinic admins, their own clinic only): per instrument and
// timepoint how many answered, the mean change from baseline and the share reaching the
// important change; the response rate per timepoint; the adherence distribution; a CSV file.
// The server hides every count and figure resting on fewer than `min_cell` (5) patients (null,
// named in `suppressed`): a hidden count reads "< 5", a hidden figure "not shown".
import { api } from "../lib/api.js";
import { barChart } from "../lib/charts.js";
import { h } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtNumber, t } from "../lib/i18n.js";
import { banner, card, emptyState, pageHeader } from "../lib/ui.js";
import { scrollTable } from "./staff-common.js";

const ORDER = ["nrs", "odi", "eq5d3l", "eq5d5l", "psfs", "pgic", "bipq", "startback", "pei", "satisfaction"];
const TP = ["baseline", "3m", "6m", "12m"];
const pct = (share) => (share === null || share === undefined ? "–" : `${Math.round(share * 100)} %`);
let MIN = 5;   // the server's min_cell, set on each load
const below = () => t("outcomes.below", { min: MIN });
/** A count, or "< 5" when the server hid it. */
const count = (value) => (value === null ? below() : String(value));
const hidden = (row, name) => (row.suppressed || []).includes(name);
/** A figure's cell: its text, or "not shown" when the server hid it. */
const figure = (row, name, text) => (hidden(row, name)
  ? h("span", { class: "muted small" }, t("outcomes.suppressed")) : text);

function compared(r) {
  if (r.n_change === undefined || r.timepoint === "baseline") return null;
  const text = r.n_change === null ? t("outcomes.compared_few", { min: MIN }) : t("outcomes.compared", { count: r.n_change });
  return h("span", { class: "small muted block" }, text);
}

function instrumentTable(rows) {
  const sorted = rows.slice().sort((a, b) => (ORDER.indexOf(a.instrument) - ORDER.indexOf(b.instrument))
    || TP.indexOf(a.timepoint) - TP.indexOf(b.timepoint));
  return scrollTable(h("table", { class: "table staff-table outcome-table" },
    h("caption", { class: "sr-only" }, t("outcomes.per_instrument")),
    h("thead", {}, h("tr", {}, [t("outcomes.instrument"), t("outcomes.timepoint"), t("outcomes.n"), t("outcomes.mean_change"),
      t("outcomes.improved")].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, sorted.map((r) => h("tr", { class: r.timepoint === "baseline" ? "is-baseline" : "" },
      h("th", { scope: "row" }, t(`instrument.${r.instrument}`),
        r.label ? h("span", { class: "small block demo-wording" }, t("scores.demo_wording")) : null),
      h("td", {}, t(`timepoint.${r.timepoint}`)),
      h("td", {}, h("span", { class: "num" }, count(r.n)), compared(r)),
      h("td", {}, figure(r, "mean_change", r.mean_change === null || r.mean_change === undefined ? "–"
        : `${r.mean_change > 0 ? "+" : ""}${fmtNumber(r.mean_change, 2)}`)),
      h("td", {}, figure(r, "share_improved", pct(r.share_improved))))))));
}

const rateLine = (r) => t("outcomes.rate_line", { timepoint: t(`timepoint.${r.timepoint}`), answered: count(r.answered),
  due: count(r.due) });
/** Licensed questionnaires not asked for want of the clinic's pack (issue 16): said, never left blank. */
function notCollected(rows) {
  if (!rows || !rows.length) return null;
  return banner({ kind: "warn", iconName: "info", title: t("scores.not_collected_title"),
    text: t("scores.not_collected_text", { list: rows.map((r) => t("outcomes.not_collected_line", {
      instrument: t(`instrument.${r.instrument}`), timepoint: t(`timepoint.${r.timepoint}`), count: count(r.patients) })).join("; ") }) });
}

export async function clinicOutcomes() {
  const data = await api("/clinic/outcomes");
  MIN = data.min_cell || 5;
  const download = h("a", { class: "btn btn-secondary header-action", href: "/api/v1/clinic/outcomes.csv", download: "" },
    icon("install"), t("outcomes.csv"));
  const header = pageHeader(t("outcomes.title"), t("outcomes.subtitle"), download);
  if (!data.instruments.length && !data.adherence.some((a) => a.patients !== 0)) {
    return h("div", { class: "view view-staff" }, header, notCollected(data.not_collected),
      emptyState({ iconName: "clipboard", title: t("outcomes.empty_title"), text: t("outcomes.empty_text") }));
  }
  const rates = TP.map((tp) => data.response_rate.find((r) => r.timepoint === tp)).filter(Boolean);
  const rateChart = barChart({ title: t("outcomes.response_rate"), labels: rates.map((r) => t(`timepoint.${r.timepoint}`)),
    values: rates.map((r) => r.answered), target: rates.map((r) => r.due), format: count,
    summary: rates.map(rateLine).join(" ") });
  const adherenceChart = barChart({ title: t("outcomes.adherence"), labels: data.adherence.map((a) => `${a.range} %`),
    values: data.adherence.map((a) => a.patients), format: count, summary: data.adherence.map((a) => (a.patients === null
      ? t("outcomes.adherence_line_few", { range: a.range, min: MIN })
      : t("outcomes.adherence_line", { range: a.range, count: a.patients }))).join(" ") });
  return h("div", { class: "view view-staff" }, header,
    h("h2", { class: "section-title staff-section" }, t("outcomes.per_instrument")),
    h("p", { class: "muted small" }, t("outcomes.help"), " ", t("outcomes.suppressed_help", { min: MIN })),
    notCollected(data.not_collected),
    instrumentTable(data.instruments),
    h("div", { class: "charts charts-2" },
      card({ class: "chart-card" }, rateChart,
        h("ul", { class: "plain-list small rate-list" }, rates.map((r) => h("li", {}, rateLine(r),
          ` (${hidden(r, "rate") ? t("outcomes.suppressed") : pct(r.rate)})`)))),
      card({ class: "chart-card" }, adherenceChart, h("p", { class: "muted small" }, t("outcomes.adherence_help")))));
}
