// Staff: one patient's care episode (model of care step 1): red-flag screening, the STarT Back
// risk profile and what it means for the pathway, planned visits, the visit log and discharge.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, getLocale, isoDay, t } from "../lib/i18n.js";
import { banner, busy, card, chip, field, formError, input, linkRow, pageHeader, sectionTitle, select } from "../lib/ui.js";

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

function flagList(data, ticked, disabled) {
  return h("fieldset", { class: "episode-flags" }, h("legend", { class: "label" }, t("episode.flags_legend")),
    data.checklist.map((item) => h("label", { class: "check" },
      h("input", { type: "checkbox", class: "check-input", name: "red_flags", value: item.code, checked: ticked.includes(item.code), disabled }),
      h("span", {}, item.label))));
}

const checked = (form) => Array.from(form.querySelectorAll('input[name="red_flags"]:checked'), (el) => el.value);

function openForm(ctx, id, data) {
  const problem = formError();
  const planned = input({ type: "number", min: "1", max: "100", inputmode: "numeric", name: "planned_visits" });
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, icon("plus"), t("episode.open"));
  const form = h("form", { novalidate: true }, flagList(data, [], false),
    field({ label: t("episode.planned"), control: planned, hint: t("episode.planned_hint") }), problem, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { red_flags: checked(form), opened_on: isoDay() };
    if (planned.value) body.planned_visits = Number(planned.value);
    send(ctx, submit, problem, base(id), "POST", body);
  });
  return card({}, sectionTitle(t("episode.open_title")), h("p", { class: "muted" }, t("episode.open_text")), form);
}

function screeningCard(ctx, id, data, ep) {
  const problem = formError();
  const action = h("textarea", { class: "input", rows: "3", maxlength: "2000", name: "red_flag_action" });
  action.value = ep.red_flag_action || "";
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, t("episode.save_screening"));
  const open = !ep.discharged_on;
  const form = h("form", { novalidate: true }, flagList(data, ep.red_flags, !open),
    ep.red_flags.length || ep.red_flag_action
      ? field({ label: t("episode.action"), control: action, hint: t("episode.action_hint") }) : null,
    problem, open ? submit : null);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { red_flags: checked(form) };
    // only a changed text is sent: a newly ticked flag then asks for its own record (server rule)
    if (action.value.trim() !== (ep.red_flag_action || "")) body.red_flag_action = action.value.trim() || null;
    send(ctx, submit, problem, base(id), "PATCH", body);
  });
  return card({}, sectionTitle(t("episode.screening")),
    ep.program_blocked ? banner({ kind: "warn", iconName: "alert", title: t("episode.blocked_title"), text: t("episode.blocked_text") }) : null,
    form);
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
    parts.push(screeningCard(ctx, id, data, ep), riskCard(data),
      card({}, linkRow({ href: `#/patients/${id}/crpe`, iconName: "clipboard", title: t("crpe.link"), text: t("crpe.link_text") })),
      visitsCard(ctx, id, data, ep), dischargeCard(ctx, id, data, ep));
  } else {
    parts.push(riskCard(data));
  }
  return h("div", { class: "view view-wide episode" }, parts);
}

