// Log a general-training session: minutes, effort on the Borg 6-20 scale with its verbal anchors,
// pain 0-10 and a note. Saved to the outbox first, so it works offline and is sent exactly once.
import { h, nextId, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { addDays, fmtDay, isoDay, t } from "../lib/i18n.js";
import { memory } from "../lib/memory.js";
import { enqueue, flush, uuid } from "../lib/outbox.js";
import { BAND, BORG, borgAnchor, formName, inPlannedBand } from "../lib/training.js";
import { busy, card, field, formError, pageHeader, select } from "../lib/ui.js";
import { badDayOn, restoreBadDay } from "./today.js";

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
 * step with its anchor words where it has them, and the prescribed 11-14 band marked. */
export function borgPicker(name, value, legend) {
  const hintId = nextId(`${name}-hint`);
  const fieldset = h("fieldset", { class: "borg", "aria-describedby": hintId },
    h("legend", { class: "label" }, legend),
    h("p", { class: "hint", id: hintId }, t("log.effort_hint"), " ", h("strong", { class: "borg-band-hint" }, t("log.band"))),
    h("div", { class: "borg-scale" }, BORG.map((n) => {
      const id = nextId(`${name}-${n}`);
      const anchor = borgAnchor(n);
      const inBand = inPlannedBand(n);
      return h("label", { class: ["borg-option", `borg-${n}`, anchor ? "has-anchor" : "", inBand ? "in-band" : ""], for: id },
        h("input", { class: "sr-only-input", type: "radio", name, id, value: String(n), checked: value === n }),
        h("span", { class: "borg-num" }, String(n)),
        h("span", { class: "borg-anchor" }, anchor),
        n === BAND[0] ? h("span", { class: "borg-band-tag" }, t("log.band_tag")) : null);
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

export async function log(ctx) {
  await restoreBadDay();
  const plan = memory.get("plan");
  const rx = plan && plan.general_training;
  const today = plan ? plan.date : isoDay();
  const badDay = badDayOn();
  const dates = Array.from({ length: 7 }, (_, i) => addDays(today, -i));
  const dateSelect = select(dates.map((d, i) => [d, i === 0 ? t("log.today") : i === 1 ? t("log.yesterday")
    : fmtDay(d)]), today, { name: "date" });
  const minutes = stepper({ label: t("log.minutes"), value: rx ? rx.minutes : 20, min: 1, max: 600, name: "minutes",
    hint: rx ? t("log.minutes_hint", { count: rx.minutes }) : null });
  const hard = rx && rx.hard_minutes ? stepper({ label: t("log.hard_minutes"), value: rx.hard_minutes, min: 0, max: 600,
    name: "hard", hint: t("log.hard_hint") }) : null;
  const note = h("textarea", { class: "input", name: "note", rows: "3", maxlength: "1000" });
  const bad = h("input", { type: "checkbox", name: "bad_day", class: "check-input", checked: badDay });
  const problem = formError();
  const submit = h("button", { class: "btn btn-primary btn-block btn-large", type: "submit" }, icon("check"), t("log.save"));
  const form = h("form", { class: "log-form", novalidate: true },
    card({}, field({ label: t("log.date"), control: dateSelect }),
      rx ? h("p", { class: "log-form-name" }, icon("activity"), formName(rx.training_form, rx.training_form_other)) : null,
      minutes.node, hard ? hard.node : null),
    card({}, borgPicker("rpe", null, t("log.effort"))),
    card({}, painPicker("pain", null, t("log.pain"))),
    card({}, field({ label: t("log.note"), control: note, hint: t("log.note_hint") }),
      h("label", { class: "check" }, bad, h("span", {}, h("strong", {}, t("log.bad_day")),
        h("span", { class: "check-hint" }, t("log.bad_day_hint"))))),
    problem,
    h("div", { class: "sticky-actions" }, submit));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hide();
    const data = new FormData(form);
    const mins = Number(minutes.control.value);
    const rpe = data.get("rpe");
    if (!Number.isInteger(mins) || mins < 1 || mins > 600) { problem.show(t("log.need_minutes")); minutes.control.focus(); return; }
    if (!rpe) { problem.show(t("log.need_effort")); form.querySelector('input[name="rpe"]').focus(); return; }
    const hardMins = hard ? Number(hard.control.value || 0) : null;
    if (hardMins !== null && hardMins > mins) { problem.show(t("log.hard_too_many")); hard.control.focus(); return; }
    const body = { client_id: uuid(), date: dateSelect.value, minutes: mins, rpe: Number(rpe), bad_day: bad.checked };
    if (hardMins !== null) body.hard_minutes = hardMins;
    if (data.get("pain") !== null) body.pain = Number(data.get("pain"));
    if (note.value.trim()) body.note = note.value.trim();
    await busy(submit, async () => {
      await enqueue(body, { label: rx ? formName(rx.training_form, rx.training_form_other) : null });
      const result = await flush();
      if (result.sent) toast(t("log.sent"), "good");
      else if (result.failed) toast(t("log.refused"), "error");
      else toast(t("log.queued"), "info");
      ctx.go("#/today");
    });
  });

  return h("div", { class: "view" },
    pageHeader(t("log.title"), rx ? t("log.subtitle", { count: rx.minutes }) : t("log.subtitle_plain")),
    badDay ? h("p", { class: "pill pill-warm" }, icon("heart"), t("log.bad_day_on")) : null,
    form);
}
