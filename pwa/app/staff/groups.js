// Group supervisors: their groups, attendance per session in a few taps, adherence per member
// (group attendance and diary sessions vs the contract) and who needs a word.
import { api } from "../lib/api.js";
import { confirmDialog, h, nextId, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, fmtNumber, isoDay, t, weekdayName } from "../lib/i18n.js";
import { session } from "../lib/session.js";
import { days } from "../lib/training.js";
import {
  banner, busy, card, chip, emptyState, errorMessage, field, formError, input, pageHeader, progressBar, sectionTitle,
  select,
} from "../lib/ui.js";
import { avatar, flagChip } from "../shared/common.js";
import { attendanceCard, levelsCard } from "./gym.js";
import { scrollBox } from "./staff-common.js";

function weekOf(group, today) {
  const start = new Date(`${group.start_date}T00:00:00`);
  const now = new Date(`${today}T00:00:00`);
  const week = Math.floor((now - start) / (7 * 86400000)) + 1;
  return week;
}

function scheduleLine(group) {
  return t("groups.schedule", { days: days(group.weekdays, "short"), time: group.time });
}

/** Therapists and clinic admins create groups and choose their members; supervisors do not. */
function canManage() {
  return Boolean(session.user) && ["therapist", "admin"].includes(session.user.role);
}

export async function groupList() {
  const groups = await api("/groups");
  const today = isoDay();
  const manage = canManage();
  const newButton = () => h("a", { class: "btn btn-primary header-action", href: "#/groups/new" }, icon("plus"), t("groups.new"));
  if (!groups.length) {
    return h("div", { class: "view" }, pageHeader(t("groups.title")),
      emptyState({ iconName: "users", title: t("groups.empty_title"), text: t(manage ? "groups.empty_text_manage" : "groups.empty_text"),
        action: manage ? newButton() : null }));
  }
  // Past sessions with no attendance taken, per group, so the list shows where marks are missing.
  const untaken = await Promise.all(groups.map((g) => api(`/groups/${g.id}/sessions`)
    .then((rows) => rows.filter((r) => !r.recorded && !r.today).length).catch(() => 0)));
  return h("div", { class: "view view-wide" },
    pageHeader(t("groups.title"), t(manage ? "groups.subtitle_manage" : "groups.subtitle"), manage ? newButton() : null),
    h("ul", { class: "group-list" }, groups.map((g, index) => {
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
            next === today ? "warn" : "neutral", "calendar") : null,
          untaken[index] ? chip(t("gym.untaken_chip", { count: untaken[index] }), "warn", "alert") : null),
        progressBar(held, g.session_dates.length, t("groups.held", { held, total: g.session_dates.length })),
        h("p", { class: "muted small" }, t("groups.held", { held, total: g.session_dates.length }))));
    })));
}

// --- a new group (therapist, admin) -------------------------------------------------------

/** The messages of one field in a 422 body ({errors: {json: {field: [..] or {index: [..]}}}}). */
function fieldMessages(error) {
  const out = {};
  const where = (error && error.body && error.body.errors) || {};
  for (const fields of Object.values(where)) {
    for (const [name, messages] of Object.entries(fields || {})) {
      const flat = Array.isArray(messages) ? messages : Object.values(messages || {}).flat(Infinity);
      if (flat.length) out[name] = String(flat[0]);
    }
  }
  return out;
}

function showFieldError(slot, message) {
  slot.textContent = message || "";
  slot.hidden = !message;
  const control = slot.parentElement && slot.parentElement.querySelector("input, select");
  if (control && control.type !== "checkbox") control.setAttribute("aria-invalid", message ? "true" : "false");
}

export async function newGroup(ctx) {
  const staff = await api("/staff/supervisors");
  ctx.setBack("#/groups");
  const name = input({ name: "name", autocomplete: "off", required: true, maxlength: "120", placeholder: t("groups.name_placeholder") });
  const start = input({ name: "start_date", type: "date", value: isoDay(), required: true });
  const time = input({ name: "time", type: "time", value: "17:30", required: true });
  const weeks = select(Array.from({ length: 12 }, (_, i) => [i + 1, t("groups.weeks_n", { count: i + 1 })]), 6, { name: "weeks" });
  const perWeek = select(Array.from({ length: 7 }, (_, i) => [i + 1, t("groups.per_week_n", { count: i + 1 })]), 2,
    { name: "sessions_per_week" });
  const supervisors = staff.slice().sort((a, b) => (a.role === "supervisor" ? 0 : 1) - (b.role === "supervisor" ? 0 : 1)
    || a.name.localeCompare(b.name));
  // Supervisors first, then the physiotherapists (who may lead a group too), in two option groups.
  const byRole = (role) => supervisors.filter((p) => p.role === role);
  const supervisor = h("select", { class: "input", name: "supervisor_id", required: true },
    h("option", { value: "" }, t("groups.supervisor_pick")),
    ["supervisor", "therapist"].filter((role) => byRole(role).length).map((role) => h("optgroup", { label: t(`groups.role_${role}`) },
      byRole(role).map((p) => h("option", { value: String(p.id) }, p.name)))));
  if (supervisors.length === 1) supervisor.value = String(supervisors[0].id);
  const dayBoxes = [1, 2, 3, 4, 5, 6, 7].map((d) => h("input", { type: "checkbox", class: "sr-only-input", name: "weekdays",
    value: String(d), checked: [2, 4].includes(d), id: nextId("gd") }));
  const daysHint = h("span", { class: "hint", id: nextId("gd-hint") });
  const daysError = h("p", { class: "field-error", id: nextId("gd-error"), hidden: true });
  const chosenDays = () => dayBoxes.filter((b) => b.checked).map((b) => Number(b.value));
  const drawDaysHint = () => {
    const want = Number(perWeek.value);
    const have = chosenDays().length;
    daysHint.textContent = t("groups.days_hint", { count: want, chosen: have });
    daysHint.classList.toggle("is-done", have === want);
  };
  dayBoxes.forEach((box) => box.addEventListener("change", () => { showFieldError(daysError, ""); drawDaysHint(); }));
  perWeek.addEventListener("change", drawDaysHint);
  drawDaysHint();

  const fields = {
    name: field({ label: t("groups.name"), control: name }),
    start_date: field({ label: t("groups.start"), control: start }),
    time: field({ label: t("groups.time"), control: time }),
    weeks: field({ label: t("groups.weeks"), control: weeks }),
    sessions_per_week: field({ label: t("groups.per_week"), control: perWeek }),
    supervisor_id: field({ label: t("groups.supervisor"), control: supervisor }),
  };
  const slots = Object.fromEntries(Object.entries(fields).map(([key, el]) => [key, el.querySelector(".field-error")]));
  slots.weekdays = daysError;
  const dayset = h("fieldset", { class: "plain-fieldset group-days", "aria-describedby": `${daysHint.id} ${daysError.id}` },
    h("legend", { class: "label group-days-legend" }, h("span", {}, t("groups.weekdays")), daysHint),
    h("div", { class: "day-chips" }, dayBoxes.map((box) => h("label", { class: "day-chip", for: box.id }, box,
      h("span", {}, weekdayName(Number(box.value), "short"))))),
    daysError);
  const problem = formError();
  const submit = h("button", { class: "btn btn-primary btn-block btn-large", type: "submit" }, icon("plus"), t("groups.create"));
  const form = h("form", { class: "new-group", novalidate: true },
    card({ class: "new-group-about" }, fields.name, fields.supervisor_id),
    card({}, h("h2", { class: "section-title" }, t("groups.when")),
      h("div", { class: "row-2" }, fields.start_date, fields.time),
      h("div", { class: "row-2 row-2-tight" }, fields.weeks, fields.sessions_per_week),
      dayset),
    problem, submit);
  Object.entries(fields).forEach(([key, el]) => el.querySelector("input, select")
    .addEventListener("input", () => showFieldError(slots[key], "")));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hide();
    Object.values(slots).forEach((slot) => showFieldError(slot, ""));
    const weekdays = chosenDays();
    const local = {};
    if (!name.value.trim()) local.name = t("groups.need_name");
    if (!start.value) local.start_date = t("groups.need_start");
    if (!time.value) local.time = t("groups.need_time");
    if (!supervisor.value) local.supervisor_id = t("groups.need_supervisor");
    if (weekdays.length !== Number(perWeek.value)) local.weekdays = t("groups.days_mismatch", { count: Number(perWeek.value) });
    if (Object.keys(local).length) {
      Object.entries(local).forEach(([key, message]) => showFieldError(slots[key], message));
      const first = Object.keys(fields).concat("weekdays").find((key) => local[key]);
      (first === "weekdays" ? dayBoxes[0] : fields[first].querySelector("input, select")).focus();
      return;
    }
    const body = { name: name.value.trim(), start_date: start.value, weeks: Number(weeks.value),
      sessions_per_week: Number(perWeek.value), weekdays, time: time.value.slice(0, 5), supervisor_id: Number(supervisor.value) };
    busy(submit, async () => {
      try {
        const created = await api("/groups", { method: "POST", body });
        toast(t("groups.created", { name: created.name }), "good");
        ctx.go(`#/groups/${created.id}`);
      } catch (error) {
        const messages = error.status === 422 || error.status === 400 ? fieldMessages(error) : {};
        let shown = false;
        for (const [key, message] of Object.entries(messages)) {
          if (slots[key]) { showFieldError(slots[key], message); shown = true; }
        }
        if (!shown) problem.show(error);
        else if (Object.keys(messages).some((key) => !slots[key])) problem.show(error);
      }
    });
  });
  return h("div", { class: "view" }, pageHeader(t("groups.new_title"), t("groups.new_subtitle")), form);
}

// --- members (therapist, admin) ------------------------------------------------------------

async function membersCard(ctx, group) {
  let patients = [];
  let loadError = null;
  try { patients = await api("/patients"); } catch (error) { loadError = error; }
  const inGroup = new Set(group.members.map((m) => m.id));
  const candidates = patients.filter((p) => !inGroup.has(p.id)).sort((a, b) => a.name.localeCompare(b.name));
  const panel = h("div", { class: "member-add", hidden: true });
  const addButton = h("button", { class: "btn btn-soft btn-small", type: "button", "aria-expanded": "false" },
    icon("plus"), t("groups.add_patient"));
  const openPanel = (open) => {
    panel.hidden = !open;
    addButton.hidden = open;
    addButton.setAttribute("aria-expanded", String(open));
  };
  if (loadError) {
    panel.append(h("p", { class: "muted" }, errorMessage(loadError)));
  } else if (!candidates.length) {
    panel.append(h("p", { class: "muted member-none" }, t(patients.length ? "groups.all_added" : "groups.no_patients")));
  } else {
    const choice = select([["", t("groups.patient_pick")], ...candidates.map((p) => [p.id,
      p.status === "invited" ? `${p.name} (${t("patients.invited")})` : p.name])], "", { name: "patient_id" });
    const choiceField = field({ label: t("groups.patient"), control: choice });
    const error = choiceField.querySelector(".field-error");
    choice.addEventListener("change", () => showFieldError(error, ""));
    const add = h("button", { class: "btn btn-primary", type: "submit" }, t("groups.add"));
    const cancel = h("button", { class: "btn btn-secondary", type: "button", onclick: () => { openPanel(false); addButton.focus(); } },
      t("common.cancel"));
    const form = h("form", { class: "member-add-form", novalidate: true }, choiceField, h("div", { class: "button-row" }, cancel, add));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!choice.value) { showFieldError(error, t("groups.need_patient")); choice.focus(); return; }
      const patient = candidates.find((p) => p.id === Number(choice.value));
      busy(add, async () => {
        try {
          await api(`/groups/${group.id}/members`, { method: "POST", body: { patient_id: Number(choice.value) } });
          toast(t("groups.added", { name: patient.name }), "good");
          ctx.refresh({ keepFocus: ".members-card .btn-soft" });
        } catch (failure) {
          showFieldError(error, errorMessage(failure));
        }
      });
    });
    panel.append(form);
  }
  addButton.addEventListener("click", () => {
    openPanel(true);
    const first = panel.querySelector("select");
    if (first) first.focus();
  });
  if (ctx.query.get("add") === "1") openPanel(true);
  const list = group.members.length
    ? h("ul", { class: "member-list" }, group.members.map((m) => h("li", { class: "member-row" }, avatar(m.name),
      h("span", { class: "member-name" }, m.name),
      h("button", { class: "icon-btn member-remove", type: "button", "aria-label": t("groups.remove_for", { name: m.name }),
        onclick: async () => {
          const ok = await confirmDialog({ title: t("groups.remove_title", { name: m.name }), text: t("groups.remove_text"),
            ok: t("groups.remove"), cancel: t("common.cancel"), danger: true });
          if (!ok) return;
          try {
            await api(`/groups/${group.id}/members/${m.id}`, { method: "DELETE" });
            toast(t("groups.removed", { name: m.name }), "good");
            ctx.refresh();
          } catch (failure) { toast(errorMessage(failure), "error"); }
        } }, icon("trash")))))
    : h("p", { class: "muted member-empty" }, t("groups.no_members_manage"));
  return card({ class: "members-card" },
    h("div", { class: "section-head" }, h("h2", { class: "section-title" }, icon("users"),
      t("groups.members_title", { count: group.members.length })), addButton),
    list, panel);
}

function adherenceTable(review) {
  if (!review || !review.members.length) return null;
  return card({ class: "table-card" },
    h("h2", { class: "section-title" }, t("adhere.title")),
    h("p", { class: "muted small" }, t("adhere.help", { held: review.sessions_held })),
    scrollBox(h("table", { class: "table adhere-table" },
      h("thead", {}, h("tr", {}, [t("adhere.member"), t("adhere.group"), t("adhere.diary"), t("adhere.rpe")]
        .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, review.members.map((m) => h("tr", { class: m.flags.length ? "is-flagged" : "" },
        h("th", { scope: "row" }, h("span", { class: "block" }, m.name),
          h("span", { class: "muted small block" }, m.last_diary_date ? t("adhere.last", { date: fmtDay(m.last_diary_date, { day: "numeric", month: "short" }) }) : t("adhere.never"))),
        h("td", { class: m.unrecorded ? "is-unrecorded" : "" }, h("span", { class: "num" }, `${m.attended}/${m.recorded}`),
          h("span", { class: "muted small block" }, m.attendance_percent === null ? "–" : `${m.attendance_percent} %`),
          m.unrecorded ? h("span", { class: "small block unrecorded-note" }, t("gym.member_unrecorded", { count: m.unrecorded })) : null),
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
  // The clinic admin sees no diary-derived figures (the server answers 403), so does not ask.
  const seesAdherence = session.user && session.user.role !== "admin";
  const [group, review] = await Promise.all([api(`/groups/${id}`),
    seesAdherence ? api(`/groups/${id}/adherence`) : Promise.resolve(null)]);
  const today = isoDay();
  const week = weekOf(group, today);
  const manage = canManage();
  const members = manage ? await membersCard(ctx, group) : null;
  ctx.setBack("#/groups");
  // Before the first session (and with no one flagged) there is nothing to say yet.
  const wordOf = (r) => (r && group.members.length && (r.sessions_held || r.needs_a_word.length) ? needsAWord(r) : null);
  const wordSlot = h("div", {}, wordOf(review));
  const tableSlot = h("div", {}, adherenceTable(review));
  // Each saved tap reloads the review, so "needs a word" and the table agree with the marks shown.
  const reload = async () => {
    if (!seesAdherence) return;
    try {
      const fresh = await api(`/groups/${id}/adherence`);
      wordSlot.replaceChildren(wordOf(fresh) || []);
      tableSlot.replaceChildren(adherenceTable(fresh) || []);
    } catch (error) { /* the marks are saved; the table catches up on the next visit */ }
  };
  const attendance = group.members.length ? await attendanceCard(ctx, group, reload) : null;
  const levels = group.members.length && seesAdherence ? await levelsCard(group) : null;
  return h("div", { class: "view view-staff gym" },
    pageHeader(group.name, `${scheduleLine(group)} · ${week < 1 ? t("groups.starts", { date: fmtDay(group.start_date) })
      : week > group.weeks ? t("groups.finished") : t("groups.week_of", { week, weeks: group.weeks })}`),
    h("div", { class: ["gym-grid", seesAdherence ? "" : "is-single"] },
      h("div", { class: "gym-main" }, attendance
        || (manage ? null : emptyState({ iconName: "users", title: t("groups.no_members_title"), text: t("groups.no_members_text") })),
      levels, members),
      seesAdherence ? h("div", { class: "gym-side" }, wordSlot, tableSlot) : null),
    sectionTitle(t("groups.sessions")),
    h("ul", { class: "card session-list" }, group.session_dates.map((d, i) => h("li", { class: ["session-row", d === today ? "is-today" : "", d < today ? "is-past" : ""] },
      h("span", { class: "session-n" }, String(i + 1)), h("span", {}, fmtDay(d)),
      d === today ? chip(t("groups.today"), "warn") : null))));
}
