// Therapists: the patient list with flags, a new patient with the invitation code, and one
// patient's overview, program, contract, diary and questionnaire scores.
import { api } from "../lib/api.js";
import { lineChart } from "../lib/charts.js";
import { confirmDialog, h, nextId, promptDialog, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDateTime, fmtDay, fmtNumber, getLocale, has, isoDay, listFormat, t, weekdayName } from "../lib/i18n.js";
import { borgAnchor, days, dosageText, exerciseLogText, formName, partName } from "../lib/training.js";
import {
  banner, busy, card, chip, emptyState, errorMessage, field, formError, input, pageHeader, sectionTitle,
  segmented, select,
} from "../lib/ui.js";
import { closeAccountCard } from "./close-account.js";
import { avatar } from "../shared/common.js";
import { contractText } from "../shared/contract-text.js";
import { messagesTab, pacingTab, sideList, staffOverview } from "./patient-overview.js";
import { programEditor } from "./program-editor.js";
import { flagLink, showTreatmentRefusal } from "./staff-common.js";

// --- new patient and invitation codes ------------------------------------------------------

function copyButton(label, text, done) {
  const button = h("button", { class: "btn btn-secondary", type: "button" }, label);
  button.addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(text); toast(done, "good"); } catch (error) { toast(text); }
  });
  return button;
}

/** The invitation: a QR code to scan (the link opens the app with the code filled in), the link to
 *  send, and the code to type. The QR code is the server's SVG, shown as an image (no markup injected). */
function inviteCard(invite, name) {
  const code = invite.invite_code;
  const raw = code.replace(/[\s-]/g, "");
  const grouped = raw.replace(/(.{4})(?=.)/g, "$1 ");
  const qr = invite.invite_qr_svg ? h("img", { class: "invite-qr", width: "200", height: "200",
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(invite.invite_qr_svg)}`,
    alt: t("invite_code.qr_alt", { name }) }) : null;
  return card({ class: "invite-card" },
    h("p", { class: "invite-label" }, t("invite_code.for", { name })),
    h("div", { class: "invite-grid" },
      qr,
      h("div", { class: "invite-text" },
        h("ol", { class: "steps" }, h("li", {}, t("invite_code.step_scan")), h("li", {}, t("invite_code.step_password"))),
        invite.invite_url ? h("p", { class: "invite-url" }, h("a", { href: invite.invite_url, rel: "noopener" }, invite.invite_url)) : null,
        h("p", { class: "muted small" }, t("invite_code.or_type")),
        h("p", { class: "invite-code", "aria-label": raw.split("").join(" ") }, grouped),
        h("p", { class: "muted small" }, t("invite_code.expires", { date: fmtDateTime(invite.invite_expires_at) })),
        h("div", { class: "invite-actions" },
          invite.invite_url ? copyButton(t("invite_code.copy_link"), invite.invite_url, t("invite_code.link_copied")) : null,
          copyButton(t("invite_code.copy"), grouped, t("invite_code.copied"))))));
}

export function newPatient(ctx) {
  const name = input({ name: "name", autocomplete: "off", required: true, maxlength: "120" });
  const email = input({ name: "email", type: "email", autocomplete: "off", required: true });
  const locale = select([["sv", t("lang.sv")], ["en", t("lang.en")]], getLocale());
  const zone = select([["Europe/Stockholm", "Europe/Stockholm"], ["Europe/Helsinki", "Europe/Helsinki"],
    ["Europe/Oslo", "Europe/Oslo"], ["Europe/Copenhagen", "Europe/Copenhagen"], ["Europe/London", "Europe/London"]],
  "Europe/Stockholm");
  const problem = formError();
  const submit = h("button", { class: "btn btn-primary btn-block", type: "submit" }, t("patients.create"));
  const stage = h("div", {});
  const form = h("form", { class: "card", novalidate: true },
    field({ label: t("patients.name"), control: name }),
    field({ label: t("patients.email"), control: email, hint: t("patients.email_hint") }),
    h("div", { class: "row-2" }, field({ label: t("patients.language"), control: locale }),
      field({ label: t("patients.timezone"), control: zone })),
    problem, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hide();
    if (!name.value.trim() || !email.value.trim()) { problem.show(t("patients.missing")); return; }
    busy(submit, async () => {
      try {
        const created = await api("/patients", { method: "POST", body: { name: name.value.trim(), email: email.value.trim(),
          locale: locale.value, timezone: zone.value } });
        stage.replaceChildren(
          banner({ kind: "good", iconName: "check", title: t("patients.created", { name: created.name }), text: t("patients.created_text") }),
          inviteCard(created, created.name),
          h("div", { class: "button-row" },
            h("a", { class: "btn btn-primary", href: `#/patients/${created.id}/program?edit=1` }, t("patients.set_program")),
            h("a", { class: "btn btn-secondary", href: "#/patients" }, t("patients.back_list"))));
        stage.querySelector(".banner").setAttribute("tabindex", "-1");
        stage.querySelector(".banner").focus();
      } catch (error) {
        problem.show(errorMessage(error));
      }
    });
  });
  stage.append(form);
  return h("div", { class: "view" }, pageHeader(t("patients.new_title"), t("patients.new_subtitle")), stage);
}

// --- one patient ---------------------------------------------------------------------------

const TABS = ["overview", "program", "contract", "diary", "scores", "pacing", "messages"];

export async function patientDetail(ctx) {
  const id = Number(ctx.params.id);
  const tab = TABS.includes(ctx.params.tab) ? ctx.params.tab : "overview";
  const patient = await api(`/patients/${id}`);
  let caseload = [];
  try { caseload = await api("/patients"); } catch (error) { caseload = []; }
  const flags = (caseload.find((p) => p.id === id) || {}).flags || [];
  const head = h("header", { class: "patient-head" }, avatar(patient.name),
    h("div", { class: "patient-head-text" },
      h("h1", { class: "page-title", tabindex: "-1" }, patient.name),
      h("p", { class: "page-subtitle" }, patient.email),
      h("div", { class: "chips" }, patient.status === "invited" ? chip(t("patients.invited"), "warn") : null,
        patient.status === "closed" ? chip(t("patients.closed"), "neutral") : null,
        flags.map(flagLink)),
      h("a", { class: "btn btn-secondary btn-small", href: `#/patients/${id}/episode` }, icon("clipboard"), t("patient.episode_link"))));
  const tabs = h("nav", { class: "tabs-scroll", "aria-label": t("patient.sections") },
    segmented(t("patient.sections"), TABS.map((key) => [key, t(`patient.tab_${key}`), `#/patients/${id}/${key}`]), tab));
  const body = await ({ overview, program, contract, diary, scores, pacing: pacingTab, messages: messagesTab }[tab])(ctx, patient);
  ctx.setBack("#/patients");
  // The program editor needs the whole width for the library beside the program.
  const editing = tab === "program" && ctx.query.get("edit") === "1";
  return h("div", { class: ["view view-staff", editing ? "" : "view-split"] }, editing ? null : sideList(caseload, id),
    h("div", { class: "split-main" }, head, tabs, body, tab === "overview" ? closeAccountCard(ctx, patient) : null));
}

/** A new invitation code: for a patient who has not signed in yet, and (forgotten password, new
 *  phone) for one who has - the server then signs out their devices until the code is used. */
function newCodeBanner(patient) {
  const invited = patient.status === "invited";
  const slot = h("div", {});
  const again = h("button", { class: "btn btn-secondary", type: "button" }, icon("key"), t("patient.new_code"));
  again.addEventListener("click", () => busy(again, async () => {
    if (!invited && !await confirmDialog({ title: t("patient.new_code_title"), text: t("patient.new_code_text"),
      ok: t("patient.new_code"), cancel: t("common.cancel") })) return;
    try {
      const invite = await api(`/patients/${patient.id}/invite`, { method: "POST" });
      slot.replaceChildren(inviteCard(invite, patient.name));
    } catch (error) { toast(errorMessage(error), "error"); }
  }));
  return h("div", {}, invited
    ? banner({ kind: "warn", iconName: "key", title: t("patient.not_signed_in"), text: t("patient.not_signed_in_text"), action: again })
    : h("div", { class: "new-code-row" }, h("p", { class: "muted small" }, t("patient.forgot_hint")), again),
  slot);
}

async function overview(ctx, patient) {
  const parts = [];
  parts.push(newCodeBanner(patient));
  const [progress, program] = await Promise.all([api(`/patients/${patient.id}/progress?locale=${getLocale()}`), api(`/patients/${patient.id}/program?locale=${getLocale()}`)]);
  if (program.level_suggestions.length) parts.push(suggestionsCard(ctx, patient, program));
  if (!progress.contract) {
    parts.push(emptyState({ iconName: "contract", title: t("patient.no_contract_title"), text: t("patient.no_contract_text"),
      action: h("a", { class: "btn btn-primary", href: `#/patients/${patient.id}/contract` }, t("patient.write_contract")) }));
    return h("div", {}, parts);
  }
  parts.push(await staffOverview(patient, progress));
  return h("div", {}, parts);
}

function suggestionsCard(ctx, patient, program) {
  return card({ class: "suggest-card" },
    h("h2", { class: "section-title" }, icon("star"), t("patient.suggestions")),
    h("ul", { class: "plain-list" }, program.level_suggestions.map((s) => h("li", { class: "plain-row" },
      h("span", {}, h("strong", {}, t(`family.${s.family}`)), " ", t(s.basis === "observation" ? "patient.suggest_observed_line"
        : "patient.suggest_line", { from: s.from_level, to: s.to_level })),
      h("button", { class: "btn btn-primary btn-small", type: "button",
        onclick: () => changeLevel(ctx, patient, s.family, s.to_level, t("patient.suggest_reason", { level: s.to_level })) },
      t("patient.apply_level", { level: s.to_level }))))));
}

async function changeLevel(ctx, patient, family, level, suggested = "") {
  const reason = await promptDialog({ title: t("patient.level_title", { family: t(`family.${family}`), level }),
    label: t("patient.level_reason"), ok: t("patient.level_ok"), cancel: t("common.cancel"), value: suggested });
  if (!reason) return;
  try {
    await api(`/patients/${patient.id}/program/levels`, { method: "POST", body: { family, level, reason } });
    toast(t("patient.level_done", { family: t(`family.${family}`), level }), "good");
    ctx.refresh();
  } catch (error) {
    toast(errorMessage(error), "error");
  }
}

const PART_ORDER = ["1", "2", "rom", "stretch"];

async function program(ctx, patient) {
  const [data, library] = await Promise.all([api(`/patients/${patient.id}/program?locale=${getLocale()}`),
    api(`/exercises?locale=${getLocale()}`)]);
  const editing = ctx.query.get("edit") === "1";
  if (editing) return programEditor(ctx, patient, data, library);
  const parts = [];
  const part1 = card({ class: ["part1-card", data.part1_competent ? "is-done" : ""] },
    h("div", { class: "section-head" }, h("h2", { class: "section-title" }, t("program.part1_title")),
      data.part1_competent ? chip(t("program.part1_reached"), "good", "check") : chip(t("program.part1_not_yet"), "neutral")),
    h("p", { class: "muted" }, data.part1_competent
      ? t("program.part1_reached_text", { date: fmtDay(String(data.part1_competent_at).slice(0, 10)) })
      : t("program.part1_text")),
    data.part1_note ? h("p", { class: "entry-note" }, data.part1_note) : null);
  const toggle = h("button", { class: ["btn", "btn-small", data.part1_competent ? "btn-secondary" : "btn-primary"], type: "button" },
    data.part1_competent ? t("program.part1_withdraw") : t("program.part1_record"));
  toggle.addEventListener("click", async () => {
    const achieved = !data.part1_competent;
    const note = achieved ? await promptDialog({ title: t("program.part1_record"), label: t("program.part1_note"),
      ok: t("common.save"), cancel: t("common.cancel"), required: false }) : null;
    if (achieved && note === null) return;
    if (!achieved && !await confirmDialog({ title: t("program.part1_withdraw"), text: t("program.part1_withdraw_text"),
      ok: t("program.part1_withdraw"), cancel: t("common.cancel") })) return;
    try {
      await api(`/patients/${patient.id}/program/part1-competence`, { method: "POST", body: { achieved, note: note || null } });
      ctx.refresh();
    } catch (error) { toast(errorMessage(error), "error"); }
  });
  part1.append(toggle);
  parts.push(part1);
  if (data.level_suggestions.length) parts.push(suggestionsCard(ctx, patient, data));

  const head = sectionTitle(t("program.current"), h("span", { class: "button-row-inline" },
    data.items.length ? h("a", { class: "btn btn-secondary btn-small", href: `#/patients/${patient.id}/program/print` }, icon("book"), t("print.open")) : null,
    h("a", { class: "btn btn-primary btn-small", href: `#/patients/${patient.id}/program?edit=1` },
      icon("edit"), data.items.length ? t("program.edit") : t("program.assign"))));
  parts.push(head);
  if (!data.items.length) {
    parts.push(emptyState({ iconName: "today", title: t("program.empty_title"), text: t("program.empty_text") }));
  }
  const byFamily = {};
  const titles = Object.fromEntries(library.map((e) => [e.id, e.title]));
  library.forEach((e) => { (byFamily[e.family] = byFamily[e.family] || []).push(e); });
  for (const part of PART_ORDER) {
    const items = data.items.filter((i) => i.part === part);
    if (!items.length) continue;
    parts.push(h("h3", { class: "part-title" }, partName(part),
      part === "2" && data.part2_start_date ? h("span", { class: "muted small part-when" }, t("program.part2_when", {
        days: days(data.part2_weekdays), from: fmtDay(data.part2_start_date, { day: "numeric", month: "short" }),
        to: fmtDay(data.part2_end_date, { day: "numeric", month: "short" }) })) : null));
    parts.push(h("ul", { class: "card program-list" }, items.map((item) => {
      const levels = (byFamily[item.family] || []).filter((e) => e.level).map((e) => e.level);
      return h("li", { class: "program-item" },
        item.illustration_url ? h("img", { class: "program-img", src: item.illustration_url, alt: "", width: "96", height: "60" }) : null,
        h("div", { class: "program-body" },
          h("p", { class: "program-title" }, titles[item.exercise_id] || item.title, item.code ? h("span", { class: "muted" }, ` · ${item.code}`) : null),
          item.held ? chip(t("program.held"), "danger", "flag") : null,
          h("p", { class: "muted small" }, dosageText(item), " · ",
            item.weekdays && item.weekdays.length ? days(item.weekdays, "short") : t(`schedule.${item.schedule}`)),
          levels.length > 1 ? h("div", { class: "level-pick", role: "group", "aria-label": t("program.level_of", { family: t(`family.${item.family}`) }) },
            h("span", { class: "small muted" }, t("program.level")),
            levels.map((level) => h("button", { class: ["level-btn", level === item.level ? "is-active" : ""], type: "button",
              "aria-pressed": String(level === item.level), disabled: level === item.level,
              "aria-label": t("program.level_aria", { family: t(`family.${item.family}`), level }),
              onclick: () => changeLevel(ctx, patient, item.family, level) }, level))) : null));
    })));
  }
  if (data.level_history.length) {
    parts.push(h("details", { class: "card history" }, h("summary", {}, t("program.history", { count: data.level_history.length })),
      h("ul", { class: "plain-list" }, data.level_history.map((c) => h("li", { class: "plain-row" },
        h("span", {}, h("strong", {}, t(`family.${c.family}`)), " ",
          c.from_level ? `${c.from_level} → ${c.to_level || "–"}` : t("program.started_at", { level: c.to_level || "–" }),
          h("span", { class: "muted small block" }, c.reason)),
        h("span", { class: "muted small" }, fmtDateTime(c.changed_at)))))));
  }
  return h("div", {}, parts);
}

const FORMS = ["walking", "nordic-walking", "cycling", "jogging", "swimming", "dancing", "gym", "other"];

async function contract(ctx, patient) {
  let current = null;
  try { current = await api(`/patients/${patient.id}/contract`); } catch (error) { if (error.status !== 404) throw error; }
  const parts = [];
  if (current) {
    parts.push(card({ class: "contract-doc" },
      h("div", { class: "section-head" }, h("h2", { class: "section-title" }, t("contract.version", { version: current.version })),
        current.accepted ? chip(t("contract.accepted_chip"), "good", "check") : chip(t("patient.awaiting_acceptance"), "warn")),
      contractText(current)));
  }
  const c = current || { training_form: "walking", sessions_per_week: 3, capable_minutes: 20, goal_minutes: 45,
    goal_hard_minutes: 0, start_date: isoDay(), training_days: [1, 3, 5], reminder_time: "18:00" };
  const formSel = select(FORMS.map((f) => [f, t(`form.${f}`)]), c.training_form);
  const other = input({ value: c.training_form_other || "", maxlength: "100" });
  const otherField = field({ label: t("contract.form_custom"), control: other });
  const toggleOther = () => { otherField.hidden = formSel.value !== "other"; };
  formSel.addEventListener("change", toggleOther);
  toggleOther();
  const num = (value, min, max) => input({ type: "number", inputmode: "numeric", min: String(min), max: String(max), value: String(value) });
  const perWeek = num(c.sessions_per_week, 1, 7);
  const capable = num(c.capable_minutes, 1, 600);
  const goal = num(c.goal_minutes, 1, 600);
  const goalHard = num(c.goal_hard_minutes, 0, 20);
  const start = input({ type: "date", value: c.start_date });
  const reminder = input({ type: "time", value: c.reminder_time });
  const dayBoxes = [1, 2, 3, 4, 5, 6, 7].map((d) => h("input", { type: "checkbox", class: "sr-only-input", value: String(d),
    checked: c.training_days.includes(d), id: nextId("cd") }));
  const problem = formError();
  const save = h("button", { class: "btn btn-primary btn-block", type: "submit" }, current ? t("contract.revise") : t("contract.create"));
  const form = h("form", { class: "card", novalidate: true },
    h("h2", { class: "section-title" }, current ? t("contract.revise_title") : t("contract.create_title")),
    h("p", { class: "muted small" }, t("contract.form_help")),
    field({ label: t("contract.form"), control: formSel }), otherField,
    h("div", { class: "row-2" }, field({ label: t("contract.per_week"), control: perWeek }),
      field({ label: t("contract.reminder"), control: reminder })),
    h("fieldset", { class: "plain-fieldset" }, h("legend", { class: "label" }, t("contract.days")),
      h("div", { class: "day-chips" }, dayBoxes.map((box) => h("label", { class: "day-chip", for: box.id }, box,
        h("span", {}, weekdayName(Number(box.value), "short")))))),
    h("div", { class: "row-2" }, field({ label: t("contract.capable"), control: capable,
      hint: t(current ? "contract.carry_hint" : "contract.capable_hint") }),
      field({ label: t("contract.start"), control: start })),
    h("div", { class: "row-2" }, field({ label: t("contract.goal"), control: goal }),
      field({ label: t("contract.goal_hard"), control: goalHard, hint: t("contract.goal_hard_hint") })),
    problem, save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hide();
    [goalHard, goal, capable].forEach((control) => control.removeAttribute("aria-invalid"));
    const trainingDays = dayBoxes.filter((b) => b.checked).map((b) => Number(b.value));
    if (trainingDays.length !== Number(perWeek.value)) {
      problem.show(t("contract.days_mismatch", { count: Number(perWeek.value) }));
      return;
    }
    if (Number(goalHard.value) > 0 && Number(goal.value) < 30) {   // the server refuses it too (422)
      problem.show(t("contract.hard_needs_30"));
      goalHard.setAttribute("aria-invalid", "true");
      goalHard.focus();
      return;
    }
    const body = { training_form: formSel.value, training_form_other: formSel.value === "other" ? other.value.trim() || null : null,
      sessions_per_week: Number(perWeek.value), capable_minutes: Number(capable.value), goal_minutes: Number(goal.value),
      goal_hard_minutes: Number(goalHard.value), start_date: start.value, training_days: trainingDays, reminder_time: reminder.value };
    busy(save, async () => {
      try {
        const saved = await api(`/patients/${patient.id}/contract`, { method: "PUT", body });
        toast(t("contract.saved", { version: saved.version }), "good");
        ctx.refresh();
      } catch (error) {
        // A 422 names its field: show the server's message (in the reader's language) and mark the control;
        // a refusal for want of screening or during paused care leads to the checklist.
        const control = { goal_hard_minutes: goalHard, goal_minutes: goal, capable_minutes: capable }[error.field];
        showTreatmentRefusal(problem, error, patient.id, control ? error.detail : errorMessage(error));
        if (control) control.setAttribute("aria-invalid", "true");
      }
    });
  });
  parts.push(form);
  return h("div", {}, parts);
}

async function diary(ctx, patient) {
  const [entries, library, progress] = await Promise.all([api(`/patients/${patient.id}/diary?limit=200`),
    api(`/exercises?locale=${getLocale()}`), api(`/patients/${patient.id}/progress?locale=${getLocale()}`)]);
  const titles = Object.fromEntries(library.map((e) => [e.id, e.title]));
  if (!entries.length) return emptyState({ iconName: "diary", title: t("patient.diary_empty"), text: t("patient.diary_empty_text") });
  const form = progress.contract ? formName(progress.contract.training_form, progress.contract.training_form_other) : t("diary.general_training");
  const rows = entries.map((e) => h("tr", {},
    h("th", { scope: "row", class: "nowrap" }, fmtDay(e.date, { day: "numeric", month: "short" })),
    h("td", {}, e.minutes ? h("span", { class: "nowrap" }, t("patient.minutes_short", { count: e.minutes }))
      : e.exercises.map((x) => exerciseLogText(x, titles[x.exercise_id] || x.exercise_id)).join("; ")),
    h("td", {}, e.rpe ? `${e.rpe}${borgAnchor(e.rpe) ? ` · ${borgAnchor(e.rpe)}` : ""}` : "–"),
    h("td", {}, e.pain ?? "–"),
    h("td", {}, [e.bad_day ? chip(t("diary.bad_day"), "warm") : null, e.note ? h("span", { class: "small" }, e.note) : null])));
  return card({ class: "table-card" }, h("h2", { class: "section-title" }, t("patient.diary_title", { count: entries.length })),
    h("p", { class: "muted small" }, t("patient.diary_form", { form })),
    h("div", { class: "table-wrap" }, h("table", { class: "table" },
      h("thead", {}, h("tr", {}, [t("patient.col_date"), t("patient.col_what"), t("patient.col_effort"), t("patient.col_pain"),
        t("patient.col_note")].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows))));
}

const JUDGE_KIND = { improved: "good", worsened: "danger", unchanged: "neutral" };

function scoreText(score) {
  const parts = [];
  if (score.total !== null && score.total !== undefined) parts.push(fmtNumber(score.total, 3));
  for (const [key, value] of Object.entries(score.subscales || {})) {
    parts.push(`${has(`subscale.${key}`) ? t(`subscale.${key}`) : key} ${fmtNumber(value, 3)}`);
  }
  return parts.length ? parts.join(" · ") : "–";
}

/** Licensed questionnaires left out for want of the clinic's pack: said, with where packs are explained. */
function notCollected(list) {
  if (!list || !list.length) return null;
  return banner({ kind: "warn", iconName: "info", title: t("scores.not_collected_title"), text: t("scores.not_collected_text", {
    list: listFormat(list.map((m) => t("scores.not_collected_item", { instrument: t(`instrument.${m.instrument}`),
      timepoint: t(`timepoint.${m.timepoint}`) }))) }) });
}

async function scores(ctx, patient) {
  let data;
  try {
    data = await api(`/patients/${patient.id}/scores`);
  } catch (error) {
    if (error.status === 404) return emptyState({ iconName: "clipboard", title: t("scores.none_title"), text: t("scores.unavailable") });
    throw error;
  }
  const missing = notCollected(data.not_collected);
  if (!data.scores || !data.scores.length) {
    return h("div", {}, missing, emptyState({ iconName: "clipboard", title: t("scores.none_title"), text: t("scores.none_text") }));
  }
  const timepoints = data.timepoints || [...new Set(data.scores.map((s) => s.timepoint))];
  const ORDER = ["nrs", "odi", "eq5d3l", "eq5d5l", "bipq", "startback", "pei", "pgic", "satisfaction", "psfs"];
  const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  const instruments = [...new Set(data.scores.map((s) => s.instrument))].sort((a, b) => rank(a) - rank(b));
  const parts = [missing];
  if (data.startback_group) {
    const demo = data.scores.some((s) => s.instrument === "startback" && s.wording_label);
    parts.push(banner({ kind: "brand", iconName: "info", title: t("scores.startback", { group: t(`startback.${data.startback_group}`) }),
      text: demo ? t("scores.demo_wording") : null }));
  }
  for (const name of instruments) {
    const rows = data.scores.filter((s) => s.instrument === name);
    // NRS has no total, only back and leg pain: chart the back pain (its important-change measure).
    const valueOf = (r) => (r.total !== null && r.total !== undefined ? r.total
      : (r.subscales && (r.subscales.back ?? Object.values(r.subscales)[0])) ?? null);
    const values = timepoints.map((tp) => { const r = rows.find((s) => s.timepoint === tp); return r ? valueOf(r) : null; });
    const numeric = values.filter((v) => typeof v === "number");
    const max = Math.max(10, ...numeric);
    const top = max <= 10 ? 10 : max <= 50 ? 50 : 100;
    const chart = numeric.length > 1 ? lineChart({ title: t(`instrument.${name}`), labels: timepoints.map((tp) => t(`timepoint.${tp}`)),
      values, min: 0, max: top, ticks: top === 10 ? [0, 2, 4, 6, 8, 10] : [0, top / 4, top / 2, (top * 3) / 4, top],
      summary: t("scores.chart_summary", { name: t(`instrument.${name}`) }) }) : null;
    parts.push(card({ class: "score-card" },
      h("h2", { class: "section-title" }, t(`instrument.${name}`)),
      rows.some((r) => r.wording_label) ? chip(t("scores.demo_wording"), "warn", "flag") : null,
      chart,
      h("div", { class: "table-wrap" }, h("table", { class: "table" },
        h("thead", {}, h("tr", {}, [t("scores.timepoint"), t("scores.total"), t("scores.band"), t("scores.change")]
          .map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, rows.map((s) => h("tr", {},
          h("th", { scope: "row" }, t(`timepoint.${s.timepoint}`)),
          h("td", {}, scoreText(s)),
          h("td", {}, s.band ? (has(`band.${s.band}`) ? t(`band.${s.band}`) : s.band) : "–"),
          h("td", {}, s.change ? chip(`${s.change.value > 0 ? "+" : ""}${fmtNumber(s.change.value, 3)} · ${t(`judge.${s.change.judgement}`)}`,
            JUDGE_KIND[s.change.judgement] || "neutral") : "–"))))))));
  }
  return h("div", {}, parts);
}

