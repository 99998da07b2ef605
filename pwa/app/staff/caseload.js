// The therapist's caseload as a table: where each patient is in the program, diary, sessions
// against the contract, effort and pain trends, the next questionnaire and flags (each a link to
// its evidence). Sortable, filterable and searchable; a clinic admin sees the basic records only.
import { api } from "../lib/api.js";
import { h, nextId } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, fmtNumber, isoDay, parseDay, t } from "../lib/i18n.js";
import { session } from "../lib/session.js";
import { emptyState, input, pageHeader, select } from "../lib/ui.js";
import { avatar } from "../shared/common.js";
import { FLAG_CODES, POSITIVE, flagLink, scrollTable, setUnread, stageText, trendMark } from "./staff-common.js";

const PHASE_RANK = { none: 0, part1: 1, part2: 2, maintenance: 3 };
const Q_RANK = { missed: 0, open: 1, upcoming: 2 };

function daysSince(iso) {
  if (!iso) return null;
  return Math.round((parseDay(isoDay()) - parseDay(iso)) / 86400000);
}

/** Sort keys per column; nulls always last. */
const COLUMNS = [
  ["name", (p) => p.name.toLowerCase()],
  ["risk", (p) => ({ low: 0, "medium-high": 1 }[p.risk_group] ?? null)],
  ["stage", (p) => (p.stage ? PHASE_RANK[p.stage.phase] * 100 + (p.stage.week || 0) : null)],
  ["diary", (p) => daysSince(p.last_diary_day)],
  ["sessions", (p) => (p.sessions_2w && p.sessions_2w.contracted ? p.sessions_2w.done / p.sessions_2w.contracted : null)],
  ["rpe", (p) => p.mean_rpe_2w ?? null],
  ["pain", (p) => ({ rising: 0, steady: 1, falling: 2 }[p.pain_trend] ?? null)],
  ["quest", (p) => (p.next_questionnaire ? `${Q_RANK[p.next_questionnaire.status]}${p.next_questionnaire.due_date}` : null)],
  ["flags", (p) => (p.flags || []).reduce((sum, f) => sum + 10 ** (FLAG_CODES.length - FLAG_CODES.indexOf(f.code)), 0) || null],
];

function sortRows(rows, key, dir) {
  const get = Object.fromEntries(COLUMNS)[key];
  return rows.slice().sort((a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : x > y ? 1 : 0) * dir || a.name.localeCompare(b.name);
  });
}

function questionnaireCell(q) {
  if (!q) return h("span", { class: "muted" }, "–");
  const kind = { missed: "is-missed", open: "is-open", upcoming: "" }[q.status];
  return h("span", { class: ["q-cell", kind] }, h("span", { class: "block" }, t(`timepoint.${q.timepoint}`)),
    h("span", { class: "small block" }, q.status === "upcoming" ? fmtDay(q.due_date, { day: "numeric", month: "short" })
      : t(`case.q_${q.status}`, { date: fmtDay(q.due_date, { day: "numeric", month: "short" }) })));
}

function row(p) {
  const since = daysSince(p.last_diary_day);
  const s2 = p.sessions_2w || { done: 0, contracted: 0 };
  const low = s2.contracted && s2.done / s2.contracted < 0.5;
  return h("tr", { class: ["case-row", (p.flags || []).some((f) => !POSITIVE.has(f.code)) ? "is-flagged" : ""] },
    h("th", { scope: "row" }, h("a", { class: "case-name", href: `#/patients/${p.id}` }, avatar(p.name),
      h("span", {}, h("span", { class: "block" }, p.name),
        p.status === "invited" ? h("span", { class: "small muted block" }, t("patients.invited")) : null)),
      p.unread_messages ? h("a", { class: "unread-pill", href: `#/patients/${p.id}/messages` },
        icon("send"), t("case.unread", { count: p.unread_messages })) : null),
    h("td", {}, p.risk_group ? h("span", { class: ["risk", `risk-${p.risk_group}`] }, t(`startback.${p.risk_group}`)) : "–",
      p.visits_planned ? h("span", { class: "small muted block" }, t("case.visits", { done: p.visits_done || 0, planned: p.visits_planned })) : null),
    h("td", {}, stageText(p.stage)),
    h("td", { class: since !== null && since >= 7 ? "is-late" : "" }, p.last_diary_day
      ? [h("span", { class: "block" }, fmtDay(p.last_diary_day, { day: "numeric", month: "short" })),
        h("span", { class: "small muted block" }, t("case.days_ago", { count: since }))] : h("span", { class: "muted" }, t("case.never"))),
    h("td", { class: low ? "is-late" : "" }, s2.contracted   // no contract yet: nothing to count against
      ? h("span", { class: "num" }, `${s2.done}/${s2.contracted}`) : h("span", { class: "muted" }, "–")),
    h("td", { class: p.mean_rpe_2w >= 15 ? "is-high" : "" }, p.mean_rpe_2w === null || p.mean_rpe_2w === undefined ? "–"
      : h("span", { class: "num" }, fmtNumber(p.mean_rpe_2w)), " ", trendMark(p.rpe_trend, "rpe")),
    h("td", {}, p.pain_trend ? trendMark(p.pain_trend, "pain", true) : "–"),
    h("td", {}, questionnaireCell(p.next_questionnaire)),
    h("td", { class: "case-flags" }, (p.flags || []).length ? h("span", { class: "chips" },
      p.flags.slice().sort((a, b) => FLAG_CODES.indexOf(a.code) - FLAG_CODES.indexOf(b.code)).map(flagLink)) : "–"));
}

function adminTable(patients) {
  return scrollTable(h("table", { class: "table staff-table" },
    h("thead", {}, h("tr", {}, [t("patients.name"), t("patients.email"), t("case.therapist"), t("case.status")]
      .map((c) => h("th", { scope: "col" }, c)))),
    // An admin's row opens the record page with its access log and the close-account action.
    h("tbody", {}, patients.map((p) => h("tr", {}, h("th", { scope: "row" }, h("a", { href: `#/records/${p.id}` }, p.name)),
      h("td", {}, p.email), h("td", {}, p.therapist ? p.therapist.name : "–"),
      h("td", {}, p.status === "invited" ? t("patients.invited") : p.status === "closed" ? t("patients.closed")
        : t("case.active")))))));
}

export async function caseload(ctx) {
  const therapist = session.user.role === "therapist";
  const [patients, groups] = await Promise.all([api("/patients"), therapist ? api("/groups").catch(() => []) : []]);
  const newButton = therapist ? h("a", { class: "btn btn-primary header-action", href: "#/patients/new" }, icon("plus"), t("patients.new")) : null;
  if (!patients.length) {
    return h("div", { class: "view view-staff" }, pageHeader(t("patients.title"), null, newButton),
      emptyState({ iconName: "users", title: t("patients.empty_title"), text: t("patients.empty_text"), action: newButton }));
  }
  if (!therapist) {
    return h("div", { class: "view view-staff" }, pageHeader(t("patients.title"), t("case.admin_subtitle")), adminTable(patients));
  }
  // The caseload carries each patient's unread count: the inbox badge follows without a reload.
  setUnread(patients.reduce((sum, p) => sum + (p.unread_messages || 0), 0));
  const needing = patients.filter((p) => (p.flags || []).some((f) => !POSITIVE.has(f.code))).length;
  const state = { key: ctx.query.get("sort") || "flags", dir: -1 };
  const search = input({ type: "search", placeholder: t("patients.search_placeholder"), autocomplete: "off", id: nextId("search") });
  const flagSel = select([["", t("case.all_flags")], ...FLAG_CODES.map((c) => [c, t(`flag.${c}`)])], ctx.query.get("flag") || "",
    { id: nextId("flag") });
  const risks = [...new Set(patients.map((p) => p.risk_group).filter(Boolean))];
  const riskSel = select([["", t("case.all_risks")], ...["low", "medium-high"].map((r) => [r, t(`startback.${r}`)])], "",
    { id: nextId("risk"), disabled: !risks.length });
  const groupSel = select([["", t("case.all_groups")], ...groups.map((g) => [g.id, g.name])], "", { id: nextId("group") });
  const tbody = h("tbody", {});
  const count = h("p", { class: "muted small case-count", role: "status" });
  const heads = COLUMNS.map(([key]) => {
    const button = h("button", { class: "sort-btn", type: "button", onclick: () => {
      state.dir = state.key === key ? -state.dir : (key === "name" ? 1 : -1);
      state.key = key;
      draw();
    } }, t(`case.col_${key}`), h("span", { class: "sort-mark", "aria-hidden": "true" }));
    return h("th", { scope: "col", "data-key": key }, button);
  });
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const shown = sortRows(patients.filter((p) => (!q || p.name.toLowerCase().includes(q) || (p.email || "").toLowerCase().includes(q))
      && (!flagSel.value || (p.flags || []).some((f) => f.code === flagSel.value))
      && (!riskSel.value || p.risk_group === riskSel.value)
      && (!groupSel.value || (p.group_ids || []).includes(Number(groupSel.value)))), state.key, state.dir);
    heads.forEach((th) => {
      const on = th.dataset.key === state.key;
      th.setAttribute("aria-sort", on ? (state.dir > 0 ? "ascending" : "descending") : "none");
      th.querySelector(".sort-mark").textContent = on ? (state.dir > 0 ? "▲" : "▼") : "";
    });
    tbody.replaceChildren(...(shown.length ? shown.map(row)
      : [h("tr", {}, h("td", { colspan: String(COLUMNS.length), class: "muted center pad" }, t("patients.no_match")))]));
    count.textContent = t("case.showing", { shown: shown.length, total: patients.length });
  };
  [search, flagSel, riskSel, groupSel].forEach((el) => el.addEventListener("input", draw));
  draw();
  const label = (el, text) => h("div", { class: "filter" }, h("label", { class: "label", for: el.id }, text), el);
  return h("div", { class: "view view-staff" },
    pageHeader(t("patients.title"), needing ? t("case.needing", { count: needing }) : t("case.all_well"),
      // Outcomes has no tab on a phone (the rail shows it from 1024 px).
      h("div", { class: "header-actions" }, newButton,
        h("a", { class: "btn btn-secondary tab-phone-only", href: "#/outcomes" }, icon("diary"), t("tab.outcomes")))),
    h("div", { class: "filters" },
      h("div", { class: "filter filter-search" }, h("label", { class: "label", for: search.id }, t("patients.search")),
        h("div", { class: "search" }, icon("search"), search)),
      label(flagSel, t("case.filter_flag")), label(riskSel, t("case.filter_risk")), label(groupSel, t("case.filter_group"))),
    count,
    scrollTable(h("table", { class: "table staff-table case-table" }, h("thead", {}, h("tr", {}, heads)), tbody)));
}
