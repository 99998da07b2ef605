// Staff: one patient's care episode (model of care step 1): red-flag screening with each flag's
// outcome (ruled out / referred) and the resume after a referral, the considerations, the STarT
// Back risk profile and what it means for the pathway, planned visits, the visit log and discharge.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, getLocale, isoDay, t } from "../lib/i18n.js";
import { banner, busy, card, chip, field, formError, input, linkRow, pageHeader, sectionTitle, select } from "../lib/ui.js";

import { paperStartBack } from "./startback-paper.js";

const base = (id) => `/patients/${id}/episode`;

async function send(ctx, button, problem, url, method, body) {
  problem.hide();
  await busy(button, async () => {
    try {
      await api(url, { method, body });
      toast(t("episode.saved"), "good");
      ctx.refresh();
    } catch (error) { problem.show(error); }
  });
}

function checkList(items, name, legend, ticked, disabled) {
  return h("fieldset", { class: "episode-flags" }, h("legend", { class: "label" }, legend),
    items.map((item) => h("label", { class: "check" },
      h("input", { type: "checkbox", class: "check-input", name, value: item.code, checked: ticked.includes(item.code), disabled }),
      h("span", {}, item.label))));
}

const checked = (form, name) => Array.from(form.querySelectorAll(`input[name="${name}"]:checked`), (el) => el.value);

/** The red flags (each answered: ticked, or "none of these") and, apart, the considerations. */
function screeningFields(data, ep, disabled) {
  const none = h("input", { type: "checkbox", class: "check-input", name: "no_red_flags",
    checked: Boolean(ep && ep.screened && !ep.red_flags.length), disabled });
  return [checkList(data.checklist, "red_flags", t("episode.flags_legend"), ep ? ep.red_flags : [], disabled),
    h("label", { class: "check episode-none" }, none, h("span", {}, t("episode.no_red_flags"))),
    checkList(data.considerations_checklist, "considerations", t("episode.considerations_legend"),
      ep ? ep.considerations : [], disabled),
    h("p", { class: "muted small" }, t("episode.considerations_hint"))];
}

/** The screening as the API takes it, or null when the checklist is not answered (no flag, no "none"). */
function screeningBody(form) {
  const flags = checked(form, "red_flags");
  const none = form.querySelector('input[name="no_red_flags"]').checked;
  if (!flags.length && !none) return null;
  return { red_flags: flags, considerations: checked(form, "considerations") };
}

function openForm(ctx, id, data) {
  const problem = formError();
  const planned = input({ type: "number", min: "1", max: "100", inputmode: "numeric", name: "planned_visits" });
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, icon("plus"), t("episode.open"));
  const form = h("form", { novalidate: true }, screeningFields(data, null, false),
    field({ label: t("episode.planned"), control: planned, hint: t("episode.planned_hint") }), problem, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const screening = screeningBody(form);
    if (!screening) { problem.show(t("episode.answer_checklist")); return; }
    const body = { ...screening, opened_on: isoDay() };
    if (planned.value) body.planned_visits = Number(planned.value);
    send(ctx, submit, problem, base(id), "POST", body);
  });
  return card({ id: "screening" }, sectionTitle(t("episode.open_title")), h("p", { class: "muted" }, t("episode.open_text")), form);
}

function pausedBanner(ctx, id, ep) {
  if (!ep.paused) return null;
  const since = fmtDay(ep.paused.since.slice(0, 10));
  if (ep.paused.reason === "red_flag") {
    return banner({ kind: "warn", iconName: "alert", title: t("episode.paused_title"), text: t("episode.paused_red_flag", { date: since }) });
  }
  const problem = formError();
  const note = h("textarea", { class: "input", rows: "2", maxlength: "2000", name: "resume_note", required: true });
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, t("episode.resume"));
  const form = h("form", { class: "episode-resume", novalidate: true },
    field({ label: t("episode.resume_note"), control: note, hint: t("episode.resume_hint") }), problem, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!note.value.trim()) { problem.show(t("episode.resume_note_missing")); return; }
    send(ctx, submit, problem, `${base(id)}/resume`, "POST", { note: note.value.trim() });
  });
  return banner({ kind: "warn", iconName: "alert", title: t("episode.paused_title"),
    text: t("episode.paused_referred", { date: since }), action: form });
}

const who = (name, at) => t("episode.by_on", { name: name || "?", date: fmtDay(at.slice(0, 10)) });

/** One tick of a flag: who ticked it and when, then its outcome, or the two outcome buttons. */
function flagRecord(ctx, id, record) {
  const head = h("p", {}, h("strong", {}, record.label), " · ", t("episode.ticked"), " ", who(record.ticked_by, record.ticked_at));
  if (record.outcome) {
    return h("li", { class: "plain-row flag-record" }, h("div", {}, head,
      h("p", {}, chip(t(`episode.outcome_${record.outcome}`), record.outcome === "referred" ? "warn" : "good"), " ",
        who(record.outcome_by, record.outcome_at), record.note ? `: ${record.note}` : "")));
  }
  const problem = formError();
  const note = h("textarea", { class: "input", rows: "2", maxlength: "2000", name: `outcome_note_${record.flag}` });
  const ruledOut = h("button", { class: "btn btn-secondary", type: "submit", value: "ruled_out" }, t("episode.rule_out"));
  const referred = h("button", { class: "btn btn-secondary", type: "submit", value: "referred" }, t("episode.refer"));
  const form = h("form", { class: "flag-outcome", novalidate: true },
    field({ label: t("episode.outcome_note"), control: note, hint: t("episode.outcome_hint") }), problem,
    h("div", { class: "button-row" }, ruledOut, referred));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const outcome = event.submitter ? event.submitter.value : "ruled_out";
    if (outcome === "referred" && !note.value.trim()) { problem.show(t("episode.referred_to_missing")); return; }
    send(ctx, event.submitter || ruledOut, problem, `${base(id)}/red-flags/${record.flag}/outcome`, "POST",
      { outcome, note: note.value.trim() || null });
  });
  return h("li", { class: "plain-row flag-record is-open" }, h("div", {}, head, form));
}

function screeningCard(ctx, id, data, ep) {
  const problem = formError();
  const action = h("textarea", { class: "input", rows: "2", maxlength: "2000", name: "red_flag_action" });
  action.value = ep.red_flag_action || "";
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, t("episode.save_screening"));
  const open = !ep.discharged_on;
  const form = h("form", { novalidate: true }, screeningFields(data, ep, !open),
    field({ label: t("episode.action"), control: action, hint: t("episode.action_hint") }),
    problem, open ? submit : null);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const screening = screeningBody(form);
    if (!screening) { problem.show(t("episode.answer_checklist")); return; }
    const body = { ...screening };
    if (action.value.trim() !== (ep.red_flag_action || "")) body.red_flag_action = action.value.trim() || null;
    send(ctx, submit, problem, base(id), "PATCH", body);
  });
  const history = ep.flag_history.length
    ? [h("h3", { class: "label" }, t("episode.flag_history")),
      h("ul", { class: "plain-list" }, ep.flag_history.slice().reverse().map((r) => flagRecord(ctx, id, r)))] : [];
  const resumes = ep.resumes.map((r) => h("p", { class: "muted small" }, t("episode.resumed_line"), " ",
    who(r.resumed_by, r.resumed_at), `: ${r.note}`));
  return card({ id: "screening" }, sectionTitle(t("episode.screening"),
    ep.screened ? null : chip(t("episode.not_screened"), "warn")),
    pausedBanner(ctx, id, ep), history, resumes, form);
}

function riskCard(data) {
  const risk = data.risk;
  if (!risk) return card({}, sectionTitle(t("episode.risk")), h("p", { class: "muted" }, t("episode.risk_missing")));
  return card({}, sectionTitle(t("episode.risk"), chip(t(`episode.risk_${risk.group}`), risk.group === "low" ? "good" : "warn")),
    h("p", {}, t("episode.risk_total", { total: risk.total })), h("p", {}, risk.meaning),
    h("p", {}, risk.psychosocial_text),
    risk.psychosocial_high ? banner({ kind: "info", text: t("episode.psychosocial_high") }) : null);
}

function visitsCard(ctx, id, data, ep) {
  const planned = ep.planned_visits ? t("episode.visits_of", { done: ep.visits_done, planned: ep.planned_visits })
    : t("episode.visits_done", { done: ep.visits_done });
  const list = h("ul", { class: "plain-list" }, ep.visits.map((v) => h("li", { class: "plain-row" },
    h("span", {}, h("strong", {}, fmtDay(v.date)), " · ", t(`episode.kind_${v.kind}`), v.note ? ` · ${v.note}` : ""))));
  if (ep.discharged_on) return card({}, sectionTitle(t("episode.visits"), chip(planned)), list);
  const problem = formError();
  const date = input({ type: "date", name: "date", value: isoDay(), required: true });
  const kind = select(data.visit_kinds.map((k) => [k, t(`episode.kind_${k}`)]), "return", { name: "kind" });
  const note = input({ type: "text", name: "note", maxlength: "500" });
  const plannedInput = input({ type: "number", min: "1", max: "100", inputmode: "numeric", name: "planned_visits",
    value: ep.planned_visits ?? "" });
  const add = h("button", { class: "btn btn-primary", type: "submit" }, icon("plus"), t("episode.add_visit"));
  const form = h("form", { novalidate: true },
    h("div", { class: "row-2" }, field({ label: t("episode.visit_date"), control: date }),
      field({ label: t("episode.visit_kind"), control: kind })),
    field({ label: t("episode.visit_note"), control: note }), problem, add);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(ctx, add, problem, `${base(id)}/visits`, "POST", { date: date.value, kind: kind.value, note: note.value.trim() || null });
  });
  const saveProblem = formError();
  const save = h("button", { class: "btn btn-secondary", type: "submit" }, t("episode.save_planned"));
  const plannedForm = h("form", { class: "inline-form", novalidate: true },
    field({ label: t("episode.planned"), control: plannedInput }), saveProblem, save);
  plannedForm.addEventListener("submit", (event) => {
    event.preventDefault();
    send(ctx, save, saveProblem, base(id), "PATCH", { planned_visits: plannedInput.value ? Number(plannedInput.value) : null });
  });
  return card({}, sectionTitle(t("episode.visits"), chip(planned)), list, plannedForm, form);
}

function dischargeCard(ctx, id, data, ep) {
  if (ep.discharged_on) {
    return card({}, sectionTitle(t("episode.discharged")),
      h("p", {}, t("episode.discharged_line", { date: fmtDay(ep.discharged_on), reason: t(`episode.reason_${ep.discharge_reason}`) })),
      h("p", {}, ep.referred ? t("episode.referred_yes") : t("episode.referred_no")),
      ep.discharge_note ? h("p", { class: "muted" }, ep.discharge_note) : null);
  }
  const problem = formError();
  const date = input({ type: "date", name: "date", value: isoDay(), required: true });
  const reason = select(data.discharge_reasons.map((r) => [r, t(`episode.reason_${r}`)]), "goals-met", { name: "reason" });
  const referred = h("input", { type: "checkbox", class: "check-input", name: "referred" });
  const note = h("textarea", { class: "input", rows: "2", maxlength: "2000", name: "note" });
  const submit = h("button", { class: "btn btn-secondary", type: "submit" }, t("episode.discharge"));
  const form = h("form", { novalidate: true },
    h("div", { class: "row-2" }, field({ label: t("episode.discharge_date"), control: date }),
      field({ label: t("episode.discharge_reason"), control: reason })),
    h("label", { class: "check" }, referred, h("span", {}, t("episode.referred"))),
    field({ label: t("episode.discharge_note"), control: note }), problem, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(ctx, submit, problem, `${base(id)}/discharge`, "POST",
      { date: date.value, reason: reason.value, referred: referred.checked, note: note.value.trim() || null });
  });
  return card({}, sectionTitle(t("episode.discharge_title")), form);
}

export async function episodeView(ctx) {
  const id = Number(ctx.params.id);
  const [patient, data] = await Promise.all([api(`/patients/${id}`), api(`${base(id)}?locale=${getLocale()}`)]);
  ctx.setBack(`#/patients/${id}`);
  const ep = data.episode;
  const parts = [pageHeader(t("episode.title"), patient.name,
    ep ? h("p", { class: "muted" }, t("episode.opened", { date: fmtDay(ep.opened_on) })) : null)];
  if (!ep || ep.discharged_on) parts.push(openForm(ctx, id, data));
  if (ep) {
    parts.push(screeningCard(ctx, id, data, ep), riskCard(data), paperStartBack(ctx, id, data, ep),
      card({}, linkRow({ href: `#/patients/${id}/crpe`, iconName: "clipboard", title: t("crpe.link"), text: t("crpe.link_text") })),
      visitsCard(ctx, id, data, ep), dischargeCard(ctx, id, data, ep));
  } else {
    parts.push(riskCard(data));
  }
  return h("div", { class: "view view-wide episode" }, parts);
}

