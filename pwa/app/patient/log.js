// Log a general-training session: minutes, effort on the Borg 6-20 scale with its verbal anchors,
// pain 0-10 and a note. Saved to the outbox first, so it works offline and is sent exactly once.
// The same form corrects a refused entry (?fix=<client_id>) and edits a stored one (?entry=<id>).
import { h, nextId, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { addDays, fmtDay, isoDay, t } from "../lib/i18n.js";
import { api } from "../lib/api.js";
import { enqueue, enqueueEdit, getRow, resend, uuid } from "../lib/outbox.js";
import { badDayOn, currentPlan, loadContract } from "../lib/patient-data.js";
import { refusalText } from "../lib/reasons.js";
import { BAND, BORG, borgAnchor, formName, inPlannedBand } from "../lib/training.js";
import { banner, busy, card, emptyState, field, formError, pageHeader, select } from "../lib/ui.js";

function stepper({ label, value, min, max, step = 1, name, hint = null }) {
  const id = nextId(name);
  const control = h("input", { class: "input stepper-input", type: "number", inputmode: "numeric", id, name,
    min: String(min), max: String(max), step: String(step), value: value === null ? "" : String(value) });
  const change = (delta) => {
    const current = Number(control.value || 0);
    control.value = String(Math.min(max, Math.max(min, current + delta)));
    control.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const wrap = h("div", { class: "stepper" },
    h("button", { class: "stepper-btn", type: "button", "aria-label": t("log.less", { what: label }),
      onclick: () => change(-step * 5) }, icon("minus")),
    control,
    h("span", { class: "stepper-unit", "aria-hidden": "true" }, t("log.min")),
    h("button", { class: "stepper-btn", type: "button", "aria-label": t("log.more", { what: label }),
      onclick: () => change(step * 5) }, icon("plus")));
  const f = field({ label, control, hint, id });
  f.querySelector("input").replaceWith(wrap);
  wrap.insertBefore(control, wrap.children[1]);
  return { node: f, control };
}

/** The Borg RPE 6-20 picker: a compact radio group (the whole scale fits on a phone screen), every
 * step with its anchor words where it has them, and the prescribed 11-14 band of general training
 * marked (`band: false` for the effort of the exercises, which has no band). */
export function borgPicker(name, value, legend, { hint = t("log.effort_hint"), band = true } = {}) {
  const hintId = nextId(`${name}-hint`);
  const fieldset = h("fieldset", { class: "borg", "aria-describedby": hintId },
    h("legend", { class: "label" }, legend),
    h("p", { class: "hint", id: hintId }, hint, band ? " " : null, band ? h("strong", { class: "borg-band-hint" }, t("log.band")) : null),
    h("div", { class: "borg-scale" }, BORG.map((n) => {
      const id = nextId(`${name}-${n}`);
      const anchor = borgAnchor(n);
      const inBand = band && inPlannedBand(n);
      return h("label", { class: ["borg-option", `borg-${n}`, anchor ? "has-anchor" : "", inBand ? "in-band" : ""], for: id },
        h("input", { class: "sr-only-input", type: "radio", name, id, value: String(n), checked: value === n }),
        h("span", { class: "borg-num" }, String(n)),
        h("span", { class: "borg-anchor" }, anchor),
        band && n === BAND[0] ? h("span", { class: "borg-band-tag" }, t("log.band_tag")) : null);
    })));
  return fieldset;
}

export function painPicker(name, value, legend) {
  return h("fieldset", { class: "pain" },
    h("legend", { class: "label" }, legend),
    h("p", { class: "hint" }, t("log.pain_hint")),
    h("div", { class: "pain-scale" }, Array.from({ length: 11 }, (_, n) => {
      const id = nextId(`${name}-${n}`);
      return h("label", { class: ["pain-option", `pain-${n}`], for: id },
        h("input", { class: "sr-only-input", type: "radio", name, id, value: String(n), checked: value === n }),
        h("span", {}, String(n)));
    })),
    h("div", { class: "pain-ends", "aria-hidden": "true" }, h("span", {}, t("log.pain_0")), h("span", {}, t("log.pain_10"))));
}

/** The dates the server accepts for general training: the last 7 days, not before the contract. */
export function logDates(today, contract) {
  const all = Array.from({ length: 7 }, (_, i) => addDays(today, -i));
  return contract ? all.filter((d) => d >= contract.start_date) : [];
}

/** What the patient is correcting: a refused row still on the phone (?fix=) or a stored entry (?entry=). */
async function loadTarget(ctx) {
  const fix = ctx.query.get("fix");
  if (fix) {
    const row = await getRow(fix);
    return row ? { kind: "fix", row, values: row.body } : null;
  }
  const entryId = Number(ctx.query.get("entry"));
  if (!entryId) return null;
  const list = await api("/patients/me/diary?limit=200");
  const entry = list.find((e) => e.id === entryId);
  return entry ? { kind: "edit", entry, values: entry } : null;
}

/** Save through the outbox and say truthfully what happened to this entry. */
async function save(ctx, target, body, label) {
  let row;
  if (target && target.kind === "fix") row = await resend(target.row.client_id, body);
  else if (target && target.kind === "edit") {
    const { client_id: ignored, ...changes } = body;
    row = await enqueueEdit(target.entry.id, changes, { label });
  } else row = await enqueue(body, { label });
  const outcome = (await row.sending).outcomes[row.client_id];
  if (outcome === "sent") toast(t(target && target.kind === "edit" ? "log.updated" : "log.sent"), "good");
  else if (outcome === "refused") {
    toast(t("log.refused_reason", { reason: refusalText((await getRow(row.client_id) || {}).error) }), "error");
    ctx.go("#/diary");
    return;
  } else if (outcome === "retry") toast(t("log.retrying"), "info");
  else toast(t("log.queued"), "info");
  ctx.go(target && target.kind === "edit" ? "#/diary" : "#/today");
}

function noContract(contract) {
  const text = contract ? t("log.starts_text", { date: fmtDay(contract.start_date) }) : t("log.no_contract_text");
  return h("div", { class: "view" }, pageHeader(t("log.title")),
    emptyState({ iconName: "contract", title: t(contract ? "log.starts_title" : "log.no_contract_title"), text,
      action: h("a", { class: "btn btn-primary", href: "#/today" }, t("log.to_today")) }));
}

/** The form's controls, filled from what is being corrected (`was`) or from the prescription. */
function controls({ dates, today, was, rx, target, badDay }) {
  const dateSelect = select(dates.map((d) => [d, d === today ? t("log.today") : d === addDays(today, -1)
    ? t("log.yesterday") : fmtDay(d)]), dates.includes(was.date) ? was.date : dates[0], { name: "date" });
  const minutes = stepper({ label: t("log.minutes"), value: was.minutes || (rx ? rx.minutes : 20), min: 1, max: 600,
    name: "minutes", hint: rx ? t("log.minutes_hint", { count: rx.minutes }) : null });
  const hardValue = was.hard_minutes ?? (rx && rx.hard_minutes ? rx.hard_minutes : null);
  const hard = hardValue !== null && hardValue !== undefined ? stepper({ label: t("log.hard_minutes"), value: hardValue,
    min: 0, max: 600, name: "hard", hint: t("log.hard_hint") }) : null;
  const note = h("textarea", { class: "input", name: "note", rows: "3", maxlength: "1000" });
  note.value = was.note || "";
  const bad = h("input", { type: "checkbox", name: "bad_day", class: "check-input", checked: badDay });
  const submit = h("button", { class: "btn btn-primary btn-block btn-large", type: "submit" }, icon("check"),
    t(target ? "log.resend" : "log.save"));
  return { dateSelect, minutes, hard, note, bad, submit, problem: formError() };
}

/** The entry the form describes, or null after showing (and focusing) what is missing. */
function readForm(form, c, target) {
  const data = new FormData(form);
  const mins = Number(c.minutes.control.value);
  const rpe = data.get("rpe");
  const hardMins = c.hard ? Number(c.hard.control.value || 0) : null;
  const fail = (key, control) => { c.problem.show(t(key)); control.focus(); return null; };
  if (!Number.isInteger(mins) || mins < 1 || mins > 600) return fail("log.need_minutes", c.minutes.control);
  if (!rpe) return fail("log.need_effort", form.querySelector('input[name="rpe"]'));
  if (hardMins !== null && hardMins > mins) return fail("log.hard_too_many", c.hard.control);
  const body = { client_id: uuid(), date: c.dateSelect.value, minutes: mins, rpe: Number(rpe), bad_day: c.bad.checked };
  if (hardMins !== null) body.hard_minutes = hardMins;
  if (data.get("pain") !== null) body.pain = Number(data.get("pain"));
  if (c.note.value.trim()) body.note = c.note.value.trim();
  else if (target && target.kind === "edit") body.note = null;
  return body;
}

function formNode(c, { was, rx, target }) {
  const refused = target && target.kind === "fix" && target.row.error;
  return h("form", { class: "log-form", novalidate: true },
    refused ? banner({ kind: "error", iconName: "alert", title: t("outbox.attention"), text: refusalText(target.row.error) }) : null,
    card({}, field({ label: t("log.date"), control: c.dateSelect, hint: t("log.date_hint") }),
      rx ? h("p", { class: "log-form-name" }, icon("activity"), formName(rx.training_form, rx.training_form_other)) : null,
      c.minutes.node, c.hard ? c.hard.node : null),
    card({}, borgPicker("rpe", was.rpe ?? null, t("log.effort"))),
    card({}, painPicker("pain", was.pain ?? null, t("log.pain"))),
    card({}, field({ label: t("log.note"), control: c.note, hint: t("log.note_hint") }),
      h("label", { class: "check" }, c.bad, h("span", {}, h("strong", {}, t("log.bad_day")),
        h("span", { class: "check-hint" }, t("log.bad_day_hint"))))),
    c.problem,
    h("div", { class: "sticky-actions" }, c.submit));
}

export async function log(ctx) {
  const [plan, contract, target] = await Promise.all([currentPlan(), loadContract().catch(() => null), loadTarget(ctx)]);
  const rx = plan && plan.general_training;
  const today = plan ? plan.date : isoDay();
  const dates = logDates(today, contract);
  if (!contract || !dates.length) return noContract(contract);
  const was = target ? target.values : {};
  const badDay = target ? Boolean(was.bad_day) : badDayOn();
  if (was.date && !dates.includes(was.date) && target.kind === "edit") dates.push(was.date);
  const c = controls({ dates, today, was, rx, target, badDay });
  const form = formNode(c, { was, rx, target });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    c.problem.hide();
    const body = readForm(form, c, target);
    if (body) await busy(c.submit, () => save(ctx, target, body, rx ? formName(rx.training_form, rx.training_form_other) : null));
  });
  const title = target ? t(target.kind === "edit" ? "log.edit_title" : "log.fix_title") : t("log.title");
  return h("div", { class: "view" },
    pageHeader(title, rx ? t("log.subtitle", { count: rx.minutes }) : t("log.subtitle_plain")),
    badDay ? h("p", { class: "pill pill-warm" }, icon("heart"), t("log.bad_day_on")) : null,
    form);
}
