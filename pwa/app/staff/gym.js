// The supervisor at the gym: today's session first, one tap per member saved at once (each row
// shows that it was saved), past sessions without attendance highlighted, a short session note.
// After every save the caller reloads the adherence review, so the two always agree.
import { api } from "../lib/api.js";
import { h, nextId, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, listFormat, t } from "../lib/i18n.js";
import { banner, busy, card, errorMessage } from "../lib/ui.js";

const short = (iso) => fmtDay(iso, { day: "numeric", month: "short" });

function sessionChips(sessions, chosen, pick) {
  return h("div", { class: "date-chips", role: "group", "aria-label": t("attend.pick") }, sessions.slice(0, 10).map((s) => h("button", {
    class: ["date-chip", s.date === chosen ? "is-active" : "", !s.recorded && !s.today ? "is-unrecorded" : ""], type: "button",
    "aria-pressed": String(s.date === chosen), onclick: () => pick(s.date),
  }, h("span", { class: "date-chip-day" }, s.today ? t("groups.today") : fmtDay(s.date, { weekday: "short" })),
  h("span", { class: "date-chip-date" }, short(s.date)),
  !s.recorded && !s.today ? h("span", { class: "date-chip-flag" }, t("gym.unrecorded_short")) : null)));
}

export async function attendanceCard(ctx, group, onSaved) {
  let sessions;
  try { sessions = await api(`/groups/${group.id}/sessions`); } catch (error) {
    if (error.status === 403) return null;     // a role that does not take attendance
    throw error;
  }
  const wrap = card({ class: "attend-card" });
  if (!sessions.length) {
    wrap.append(h("h2", { class: "section-title" }, t("attend.title")),
      h("p", { class: "muted" }, t("attend.none_text", { date: fmtDay(group.session_dates[0]) })));
    return wrap;
  }
  const wanted = ctx.query.get("date");
  let chosen = sessions.some((s) => s.date === wanted) ? wanted : sessions[0].date;
  const state = new Map();
  const status = new Map();
  const rows = h("ul", { class: "attend-list" });
  const summary = h("p", { class: "attend-summary", role: "status" });
  const chipsSlot = h("div", {});
  const missing = () => sessions.filter((s) => !s.recorded && !s.today);
  const missingSlot = h("div", {});
  const noteBox = h("textarea", { class: "input", id: nextId("note"), rows: "2", maxlength: "1000" });
  const noteSave = h("button", { class: "btn btn-secondary btn-small", type: "button" }, t("gym.note_save"));
  const current = () => sessions.find((s) => s.date === chosen);

  const drawChips = () => {
    chipsSlot.replaceChildren(sessionChips(sessions, chosen, (d) => { chosen = d; load(); }));
    const gaps = missing();
    missingSlot.replaceChildren(gaps.length ? banner({ kind: "warn", iconName: "alert", title: t("gym.unrecorded_title", { count: gaps.length }),
      text: t("gym.unrecorded_text", { dates: listFormat(gaps.map((s) => short(s.date))) }) }) : []);
  };
  const save = async (memberRows) => {
    memberRows.forEach((r) => status.set(r.patient_id, "saving"));
    draw();
    try {
      await api(`/groups/${group.id}/attendance/${chosen}`, { method: "PUT", body: { attendance: memberRows } });
      memberRows.forEach((r) => { state.set(r.patient_id, r.present); status.set(r.patient_id, "saved"); });
      const s = current();
      s.recorded = true;
      s.present = [...state.values()].filter(Boolean).length;
      drawChips();
      onSaved();
    } catch (error) {
      memberRows.forEach((r) => status.set(r.patient_id, "error"));
      toast(errorMessage(error), "error");
    }
    draw();
  };
  // A closed member's record is read-only: their marks show, and nothing can be sent for them.
  const open = group.members.filter((m) => !m.closed);
  function draw() {
    rows.replaceChildren(...group.members.map((m) => {
      const value = state.get(m.id);
      if (m.closed) {
        const mark = value === undefined ? "" : ` · ${t(value ? "attend.present" : "attend.absent")}`;
        return h("li", { class: "attend-row is-closed" }, h("span", { class: "attend-name" }, m.name,
          h("span", { class: "attend-status" }, t("gym.member_closed") + mark)));
      }
      const button = (present) => h("button", {
        class: ["attend-btn", present ? "is-present" : "is-absent", value === present ? "is-active" : ""], type: "button",
        "aria-pressed": String(value === present),
        "aria-label": t(present ? "attend.present_for" : "attend.absent_for", { name: m.name }),
        onclick: () => save([{ patient_id: m.id, present }]),
      }, icon(present ? "check" : "close"), h("span", {}, t(present ? "attend.present" : "attend.absent")));
      const st = status.get(m.id);
      return h("li", { class: "attend-row" }, h("span", { class: "attend-name" }, m.name,
        h("span", { class: ["attend-status", st ? `is-${st}` : ""] }, st ? t(`gym.status_${st}`) : value === undefined ? t("gym.not_marked") : "")),
      h("span", { class: "attend-buttons" }, button(true), button(false)));
    }));
    const present = [...state.values()].filter(Boolean).length;
    summary.textContent = t("attend.summary", { present, total: group.members.length, marked: state.size });
  }
  async function load() {
    drawChips();
    rows.replaceChildren(h("li", { class: "muted pad" }, t("common.loading")));
    state.clear();
    status.clear();
    try {
      const data = await api(`/groups/${group.id}/attendance/${chosen}`);
      data.attendance.forEach((r) => state.set(r.patient_id, r.present));
      noteBox.value = data.note || "";
    } catch (error) { toast(errorMessage(error), "error"); }
    draw();
  }
  const everyone = h("button", { class: "btn btn-soft btn-small", type: "button" }, icon("check"), t("gym.rest_here"));
  everyone.addEventListener("click", () => busy(everyone, async () => {
    const rest = open.filter((m) => !state.has(m.id)).map((m) => ({ patient_id: m.id, present: true }));
    if (!rest.length) { toast(t("gym.all_marked"), "info"); return; }
    await save(rest);
  }));
  noteSave.addEventListener("click", () => busy(noteSave, async () => {
    try {
      await api(`/groups/${group.id}/attendance/${chosen}`, { method: "PUT", body: { attendance: [], note: noteBox.value.trim() || null } });
      current().note = noteBox.value.trim() || null;
      toast(t("gym.note_saved"), "good");
    } catch (error) { toast(errorMessage(error), "error"); }
  }));
  wrap.append(h("div", { class: "section-head" }, h("h2", { class: "section-title" }, t("attend.title")),
    h("span", { class: "muted small" }, t("gym.tap_saves"))),
  missingSlot, chipsSlot, h("div", { class: "attend-tools" }, summary, everyone), rows,
  h("div", { class: "gym-note" }, h("label", { class: "label", for: noteBox.id }, t("gym.note")), noteBox, noteSave));
  load();
  return wrap;
}

/** "Performed satisfactorily, ready for the next level": the group physiotherapist's word on each
 *  member's Part 2 exercises, which reaches the responsible therapist's review queue. */
export async function levelsCard(group) {
  let members;
  try { members = await api(`/groups/${group.id}/levels`); } catch (error) {
    if (error.status === 403) return null;     // the clinic admin sees no one's program
    throw error;
  }
  const withItems = members.filter((m) => m.items.length);
  const wrap = card({ class: "levels-card" }, h("h2", { class: "section-title" }, t("gym.levels_title")),
    h("p", { class: "muted small" }, t("gym.levels_text")));
  if (!withItems.length) { wrap.append(h("p", { class: "muted" }, t("gym.levels_none"))); return wrap; }
  const row = (member, item) => {
    const slot = h("span", { class: "level-action" });
    const draw = () => {
      if (item.observation) {
        slot.replaceChildren(h("span", { class: "chip chip-good" }, icon("check"),
          t("gym.level_noted", { date: short(item.observation.observed_at.slice(0, 10)) })));
      } else if (!item.next_level) {
        slot.replaceChildren(h("span", { class: "muted small" }, t("gym.level_top")));
      } else {
        const button = h("button", { class: "btn btn-secondary btn-small", type: "button",
          "aria-label": t("gym.level_ready_for", { name: member.name, title: item.title, level: item.next_level }) },
        icon("star"), t("gym.level_ready", { level: item.next_level }));
        button.addEventListener("click", () => busy(button, async () => {
          try {
            const saved = await api(`/groups/${group.id}/members/${member.patient_id}/level-observations`,
              { method: "POST", body: { item_id: item.item_id } });
            item.observation = { observed_at: saved.observed_at, observed_by: saved.observed_by };
            toast(t("gym.level_saved"), "good");
            draw();
          } catch (error) { toast(errorMessage(error), "error"); }
        }));
        slot.replaceChildren(button);
      }
    };
    draw();
    return h("li", { class: "level-row" }, h("span", { class: "level-what" }, h("strong", {}, member.name),
      h("span", { class: "block small" }, t("gym.level_line", { title: item.title, level: item.level }))), slot);
  };
  wrap.append(h("ul", { class: "level-list" }, withItems.flatMap((m) => m.items.map((item) => row(m, item)))));
  return wrap;
}
