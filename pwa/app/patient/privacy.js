// Patients: who has looked at my record (the access log, newest first) and a copy of everything
// held about me. The log's rows are shared with the clinic admin's record page.
import { api } from "../lib/api.js";
import { h } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDateTime, has, t } from "../lib/i18n.js";
import { busy, card, emptyState, errorMessage, pageHeader, sectionTitle } from "../lib/ui.js";

const PAGE = 30;

/** A staff member's word for a kind ("Diary"), or the kind itself when there is none yet. */
export const staffKind = (kind) => (has(`access.staff.${kind}`) ? t(`access.staff.${kind}`) : kind);

/** "Läste din dagbok", "Fick inte läsa din dagbok" (a refused attempt); the clinic's words with `staff`. */
function what(entry, staff) {
  const action = entry.refused ? `refused_${entry.action}` : entry.action;
  if (staff) {
    const line = t(`access.staff_${action}`, { what: staffKind(entry.kind) });
    return entry.refused_status ? `${line} (${t("access.refused_answer", { status: entry.refused_status })})` : line;
  }
  if (!entry.refused && ["close", "removal", "create"].includes(entry.kind)) return t(`access.${entry.kind}`);
  const noun = has(`access.kind.${entry.kind}`) ? t(`access.kind.${entry.kind}`) : t("access.kind.other");
  return t(`access.${action}`, { what: noun });
}

function accessRow(entry, staff) {
  const system = entry.actor.role === "system";
  const times = h("span", { class: "access-times" });
  const row = h("li", { class: "access-row" },
    h("span", { class: "access-icon" }, icon(entry.refused ? "shield" : entry.action === "write" ? "edit" : "book")),
    h("span", { class: "access-main" },
      h("span", { class: "access-what" }, what(entry, staff)),
      h("span", { class: "access-who" }, system ? t("access.system") : entry.actor.name, " · ", t(`role.${entry.actor.role}`)),
      h("span", { class: "access-when" }, h("time", { datetime: entry.at }, fmtDateTime(entry.at)),
        entry.address ? ` · ${t("access.address", { address: entry.address })}` : "", times)));
  row.times = times;
  return row;
}

/** Rows in a run by the same person, of the same kind, on the same day show once, with a count
 * (the therapist's list is read many times a day; the patient wants to see who, what and when). */
function sameRun(a, b) {
  return a && a.actor.id === b.actor.id && a.actor.role === b.actor.role && a.kind === b.kind && a.action === b.action
    && Boolean(a.refused) === Boolean(b.refused) && (a.refused_status || 0) === (b.refused_status || 0)
    && (a.address || "") === (b.address || "") && new Date(a.at).toDateString() === new Date(b.at).toDateString();
}

/** The log of one record, a page at a time, with "Show older"; `staff` words it for the clinic. */
export async function accessLog(patientRef, { staff = false } = {}) {
  const list = h("ol", { class: "access-list" });
  const more = h("button", { class: "btn btn-secondary btn-block", type: "button", hidden: true }, t("privacy.more"));
  const problem = h("p", { class: "field-error", role: "alert", hidden: true });
  let before = null;
  let last = null;   // { entry, row, count } of the newest run shown so far, for collapsing
  const load = async () => {
    const page = await api(`/patients/${patientRef}/access-log?limit=${PAGE}${before ? `&before=${before}` : ""}`);
    for (const entry of page.entries) {
      if (sameRun(last && last.entry, entry)) {
        last.count += 1;
        last.row.times.textContent = ` · ${t("access.times", { count: last.count })}`;
        continue;
      }
      last = { entry, row: accessRow(entry, staff), count: 1 };
      list.append(last.row);
    }
    before = page.next_before;
    more.hidden = !before;
    return page.entries.length;
  };
  more.addEventListener("click", () => busy(more, async () => {
    try { problem.hidden = true; await load(); } catch (error) { problem.textContent = errorMessage(error); problem.hidden = false; }
  }));
  const count = await load();
  if (!count) return emptyState({ iconName: "book", title: t("privacy.empty_title"), text: t("privacy.empty_text") });
  return h("div", { class: "access-log" }, list, problem, more);
}

export async function privacy() {
  const download = h("a", { class: "btn btn-primary btn-block", href: "/api/v1/patients/me/export", download: "" },
    icon("download"), t("privacy.download"));
  return h("div", { class: "view" },
    pageHeader(t("privacy.title"), t("privacy.subtitle")),
    card({ class: "export-card" }, sectionTitle(t("privacy.copy_title")), h("p", {}, t("privacy.copy_text")), download),
    card({ class: "access-card" }, sectionTitle(t("privacy.log_title")), await accessLog("me")),
    h("p", { class: "muted small" }, t("privacy.questions")));
}
