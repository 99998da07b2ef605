// Group supervisors: their groups, attendance per session in a few taps, adherence per member
// (group attendance and diary sessions vs the contract) and who needs a word.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, fmtNumber, isoDay, t } from "../lib/i18n.js";
import { days } from "../lib/training.js";
import { banner, busy, card, chip, emptyState, errorMessage, pageHeader, progressBar, sectionTitle } from "../lib/ui.js";
import { avatar, flagChip } from "./common.js";

function weekOf(group, today) {
  const start = new Date(`${group.start_date}T00:00:00`);
  const now = new Date(`${today}T00:00:00`);
  const week = Math.floor((now - start) / (7 * 86400000)) + 1;
  return week;
}

function scheduleLine(group) {
  return t("groups.schedule", { days: days(group.weekdays, "short"), time: group.time });
}

export async function groupList() {
  const groups = await api("/groups");
  const today = isoDay();
  if (!groups.length) {
    return h("div", { class: "view" }, pageHeader(t("groups.title")),
      emptyState({ iconName: "users", title: t("groups.empty_title"), text: t("groups.empty_text") }));
  }
  return h("div", { class: "view view-wide" }, pageHeader(t("groups.title"), t("groups.subtitle")),
    h("ul", { class: "group-list" }, groups.map((g) => {
      const held = g.session_dates.filter((d) => d <= today).length;
      const next = g.session_dates.find((d) => d >= today);
      const week = weekOf(g, today);
      const status = week < 1 ? t("groups.starts", { date: fmtDay(g.start_date) })
        : week > g.weeks ? t("groups.finished") : t("groups.week_of", { week, weeks: g.weeks });
      return h("li", {}, h("a", { class: "group-card card", href: `#/groups/${g.id}` },
        h("div", { class: "group-card-head" }, h("span", { class: "rx-icon" }, icon("users")),
          h("div", {}, h("h2", { class: "group-name" }, g.name), h("p", { class: "muted small" }, scheduleLine(g))),
          h("span", { class: "link-row-chevron" }, icon("chevron"))),
        h("div", { class: "chips" }, chip(status, "brand"), chip(t("groups.members", { count: g.member_count }), "neutral", "users"),
          next ? chip(next === today ? t("groups.today") : t("groups.next", { date: fmtDay(next, { weekday: "short", day: "numeric", month: "short" }) }),
            next === today ? "warn" : "neutral", "calendar") : null),
        progressBar(held, g.session_dates.length, t("groups.held", { held, total: g.session_dates.length })),
        h("p", { class: "muted small" }, t("groups.held", { held, total: g.session_dates.length }))));
    })));
}

function attendanceSection(ctx, group, today) {
  const past = group.session_dates.filter((d) => d <= today).reverse();
  const box = h("div", { class: "attendance" });
  if (!past.length) {
    box.append(emptyState({ iconName: "calendar", title: t("attend.none_title"),
      text: t("attend.none_text", { date: fmtDay(group.session_dates[0]) }) }));
    return card({ class: "attend-card" }, h("h2", { class: "section-title" }, t("attend.title")), box);
  }
  let chosen = ctx.query.get("date") && past.includes(ctx.query.get("date")) ? ctx.query.get("date") : past[0];
  const dateRow = h("div", { class: "date-chips", role: "group", "aria-label": t("attend.pick") });
  const drawDates = () => dateRow.replaceChildren(...past.slice(0, 8).map((d) => h("button", {
    class: ["date-chip", d === chosen ? "is-active" : ""], type: "button", "aria-pressed": String(d === chosen),
    onclick: () => { chosen = d; drawDates(); load(); },
  }, h("span", { class: "date-chip-day" }, d === today ? t("groups.today") : fmtDay(d, { weekday: "short" })),
  h("span", { class: "date-chip-date" }, fmtDay(d, { day: "numeric", month: "short" })))));
  drawDates();
  const rows = h("ul", { class: "attend-list" });
  const summary = h("p", { class: "attend-summary", role: "status" });
  const state = new Map();
  const draw = () => {
    rows.replaceChildren(...group.members.map((m) => {
      const value = state.get(m.id);
      const button = (present) => h("button", {
        class: ["attend-btn", present ? "is-present" : "is-absent", value === present ? "is-active" : ""], type: "button",
        "aria-pressed": String(value === present),
        "aria-label": t(present ? "attend.present_for" : "attend.absent_for", { name: m.name }),
        onclick: () => { state.set(m.id, present); draw(); },
      }, icon(present ? "check" : "close"), h("span", {}, t(present ? "attend.present" : "attend.absent")));
      return h("li", { class: "attend-row" }, h("span", { class: "attend-name" }, m.name),
        h("span", { class: "attend-buttons" }, button(true), button(false)));
    }));
    const present = [...state.values()].filter(Boolean).length;
    summary.textContent = t("attend.summary", { present, total: group.members.length, marked: state.size });
  };
  const save = h("button", { class: "btn btn-primary btn-block", type: "button" }, t("attend.save"));
  save.addEventListener("click", () => busy(save, async () => {
    const attendance = group.members.filter((m) => state.has(m.id)).map((m) => ({ patient_id: m.id, present: state.get(m.id) }));
    if (!attendance.length) { toast(t("attend.nothing"), "info"); return; }
    try {
      await api(`/groups/${group.id}/attendance/${chosen}`, { method: "PUT", body: { attendance } });
      toast(t("attend.saved", { date: fmtDay(chosen, { weekday: "long", day: "numeric", month: "long" }) }), "good");
      ctx.refresh({ keepFocus: ".attend-card .btn-primary" });
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  }));
  const allPresent = h("button", { class: "btn btn-soft btn-small", type: "button",
    onclick: () => { group.members.forEach((m) => state.set(m.id, true)); draw(); } }, icon("check"), t("attend.all"));
  async function load() {
    rows.replaceChildren(h("li", { class: "muted pad" }, t("common.loading")));
    state.clear();
    try {
      const data = await api(`/groups/${group.id}/attendance/${chosen}`);
      data.attendance.forEach((r) => state.set(r.patient_id, r.present));
    } catch (error) { toast(errorMessage(error), "error"); }
    draw();
  }
  load();
  box.append(dateRow, h("div", { class: "attend-tools" }, summary, allPresent), rows, save);
  return card({ class: "attend-card" }, h("h2", { class: "section-title" }, t("attend.title")), box);
}

function adherenceTable(review) {
  if (!review.members.length) return null;
  return card({ class: "table-card" },
    h("h2", { class: "section-title" }, t("adhere.title")),
    h("p", { class: "muted small" }, t("adhere.help", { held: review.sessions_held })),
    h("div", { class: "table-wrap" }, h("table", { class: "table adhere-table" },
      h("thead", {}, h("tr", {}, [t("adhere.member"), t("adhere.group"), t("adhere.diary"), t("adhere.rpe")]
        .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, review.members.map((m) => h("tr", { class: m.flags.length ? "is-flagged" : "" },
        h("th", { scope: "row" }, h("span", { class: "block" }, m.name),
          h("span", { class: "muted small block" }, m.last_diary_date ? t("adhere.last", { date: fmtDay(m.last_diary_date, { day: "numeric", month: "short" }) }) : t("adhere.never"))),
        h("td", {}, h("span", { class: "num" }, `${m.attended}/${m.recorded}`),
          h("span", { class: "muted small block" }, m.attendance_percent === null ? "–" : `${m.attendance_percent} %`)),
        h("td", {}, h("span", { class: "num" }, `${m.diary_sessions}/${m.planned_sessions}`),
          h("span", { class: "muted small block" }, m.planned_sessions ? `${Math.min(100, Math.round((100 * m.diary_sessions) / m.planned_sessions))} %` : "–")),
        h("td", { class: m.mean_rpe_14_days >= 15 ? "is-high" : "" }, h("span", { class: "num" }, fmtNumber(m.mean_rpe_14_days)))))))));
}

function needsAWord(review) {
  const members = review.members.filter((m) => review.needs_a_word.includes(m.patient_id));
  if (!members.length) {
    return banner({ kind: "good", iconName: "check", title: t("adhere.all_good_title"), text: t("adhere.all_good_text") });
  }
  return card({ class: "word-card" },
    h("h2", { class: "section-title" }, icon("flag"), t("adhere.word_title", { count: members.length })),
    h("ul", { class: "plain-list" }, members.map((m) => h("li", { class: "word-row" }, avatar(m.name),
      h("span", {}, h("strong", { class: "block" }, m.name), h("span", { class: "chips" }, m.flags.map(flagChip)))))));
}

export async function groupDetail(ctx) {
  const id = Number(ctx.params.id);
  const [group, review] = await Promise.all([api(`/groups/${id}`), api(`/groups/${id}/adherence`)]);
  const today = isoDay();
  const week = weekOf(group, today);
  ctx.setBack("#/groups");
  return h("div", { class: "view view-wide" },
    pageHeader(group.name, `${scheduleLine(group)} · ${week < 1 ? t("groups.starts", { date: fmtDay(group.start_date) })
      : week > group.weeks ? t("groups.finished") : t("groups.week_of", { week, weeks: group.weeks })}`),
    needsAWord(review),
    group.members.length ? attendanceSection(ctx, group, today)
      : emptyState({ iconName: "users", title: t("groups.no_members_title"), text: t("groups.no_members_text") }),
    adherenceTable(review),
    sectionTitle(t("groups.sessions")),
    h("ul", { class: "card session-list" }, group.session_dates.map((d, i) => h("li", { class: ["session-row", d === today ? "is-today" : "", d < today ? "is-past" : ""] },
      h("span", { class: "session-n" }, String(i + 1)), h("span", {}, fmtDay(d)),
      d === today ? chip(t("groups.today"), "warn") : null))));
}
