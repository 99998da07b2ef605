// The program editor: a searchable, filterable exercise library with illustrations (part, family,
// level, equipment) and the patient's program with a dose (sets, repetitions, hold, each side) and
// days per exercise. One level per family: choosing level B of the bridge replaces level A.
import { api } from "../lib/api.js";
import { h, nextId, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { isoDay, t, weekdayName } from "../lib/i18n.js";
import { dosageText, partName } from "../lib/training.js";
import { banner, busy, card, errorMessage, field, formError, input, sectionTitle, select } from "../lib/ui.js";
import { showTreatmentRefusal } from "./staff-common.js";

const PARTS = ["1", "2", "rom", "stretch"];
const EQUIPMENT = ["ball", "chair", "pole", "stick", "table", "theraband", "wall"];

function doseOf(source) {
  return { sets: source.sets ?? null, repetitions: source.repetitions ?? null, hold_seconds: source.hold_seconds ?? null,
    each_side: Boolean(source.each_side), weekdays: source.weekdays || null, schedule: source.schedule || null };
}

function numberInput(value, min, max, label, onValue) {
  const el = input({ type: "number", inputmode: "numeric", min: String(min), max: String(max), value: value ?? "",
    class: "input input-dose", "aria-label": label });
  el.addEventListener("input", () => onValue(el.value === "" ? null : Number(el.value)));
  return el;
}

function doseRow(exercise, dose, onRemove) {
  const name = exercise.title;
  const sets = numberInput(dose.sets, 1, 20, t("editor.sets_for", { name }), (v) => { dose.sets = v; });
  const reps = numberInput(dose.repetitions, 1, 200, t("editor.reps_for", { name }), (v) => { dose.repetitions = v; });
  const hold = numberInput(dose.hold_seconds, 1, 600, t("editor.hold_for", { name }), (v) => { dose.hold_seconds = v; });
  const side = h("input", { type: "checkbox", class: "check-input", checked: dose.each_side, id: nextId("side") });
  side.addEventListener("change", () => { dose.each_side = side.checked; });
  const dayBoxes = [1, 2, 3, 4, 5, 6, 7].map((d) => h("input", { type: "checkbox", class: "sr-only-input", value: String(d),
    checked: (dose.weekdays || []).includes(d), id: nextId("xd") }));
  dayBoxes.forEach((box) => box.addEventListener("change", () => {
    const chosen = dayBoxes.filter((b) => b.checked).map((b) => Number(b.value));
    dose.weekdays = chosen.length ? chosen : null;
  }));
  const col = (label, control) => h("label", { class: "dose-field" }, h("span", { class: "dose-label", "aria-hidden": "true" }, label), control);
  return h("li", { class: "dose-row", "data-exercise": exercise.id },
    h("img", { class: "dose-img", src: exercise.illustration_url, alt: "", width: "96", height: "60" }),
    h("div", { class: "dose-main" },
      h("p", { class: "dose-title" }, h("strong", {}, name), h("span", { class: "muted small" },
        ` · ${[exercise.code, exercise.level ? t("editor.level", { level: exercise.level }) : null].filter(Boolean).join(" · ")}`)),
      h("div", { class: "dose-fields" }, col(t("editor.sets"), sets), col(t("editor.reps"), reps), col(t("editor.hold"), hold),
        h("label", { class: "dose-side", for: side.id }, side, t("editor.each_side"))),
      h("fieldset", { class: "plain-fieldset dose-days" }, h("legend", { class: "small muted" }, t("editor.days_short"),
        h("span", { class: "sr-only" }, ` ${t("editor.days", { name })}`)),
        h("div", { class: "day-chips day-chips-small" }, dayBoxes.map((box) => h("label", { class: "day-chip", for: box.id }, box,
          h("span", {}, weekdayName(Number(box.value), "short"))))))),
    h("button", { class: "icon-btn", type: "button", "aria-label": t("editor.remove", { name }), onclick: onRemove }, icon("trash")));
}

export function programEditor(ctx, patient, data, library) {
  const usable = library.filter((e) => PARTS.includes(e.part));
  const byId = Object.fromEntries(usable.map((e) => [e.id, e]));
  const chosen = new Map(data.items.filter((i) => byId[i.exercise_id]).map((i) => [i.exercise_id, doseOf(i)]));
  const search = input({ type: "search", id: nextId("lib"), autocomplete: "off", placeholder: t("editor.search_placeholder") });
  const partSel = select([["", t("editor.all_parts")], ...PARTS.map((p) => [p, partName(p)])], "", { id: nextId("part") });
  const familySel = select([["", t("editor.all_families")], ...[...new Set(usable.map((e) => e.family))].map((f) => [f, t(`family.${f}`)])],
    "", { id: nextId("fam") });
  const levelSel = select([["", t("editor.all_levels")], ...["A", "B", "C"].map((l) => [l, t("editor.level", { level: l })])], "", { id: nextId("lvl") });
  const equipSel = select([["", t("editor.any_equipment")], ["none", t("equipment.none")], ...EQUIPMENT.map((e) => [e, t(`equipment.${e}`)])],
    "", { id: nextId("eq") });
  const grid = h("ol", { class: "library-grid" });
  const programList = h("ol", { class: "dose-list" });
  const programTitle = h("h2", { class: "section-title" });
  const found = h("p", { class: "muted small", role: "status" });
  const locked = (e) => e.part === "2" && !data.part1_competent;
  const toggle = (e) => {
    if (chosen.has(e.id)) chosen.delete(e.id);
    else {
      // One level per family (Part 2 and range of movement): the new level replaces the old one.
      if (e.level) [...chosen.keys()].filter((id) => byId[id].family === e.family).forEach((id) => chosen.delete(id));
      chosen.set(e.id, doseOf(e.dosage || {}));
    }
    drawLibrary();
    drawProgram();
  };
  function drawLibrary() {
    const q = search.value.trim().toLowerCase();
    const shown = usable.filter((e) => (!q || `${e.title} ${e.code} ${t(`family.${e.family}`)}`.toLowerCase().includes(q))
      && (!partSel.value || e.part === partSel.value) && (!familySel.value || e.family === familySel.value)
      && (!levelSel.value || e.level === levelSel.value)
      && (!equipSel.value || (equipSel.value === "none" ? !e.equipment.length : e.equipment.includes(equipSel.value))));
    found.textContent = t("editor.found", { count: shown.length });
    grid.replaceChildren(...shown.map((e) => {
      const on = chosen.has(e.id);
      return h("li", { class: ["lib-card", on ? "is-chosen" : ""] },
        h("img", { class: "lib-img", src: e.illustration_url, alt: "", width: "160", height: "100", loading: "lazy" }),
        h("p", { class: "lib-title" }, e.title),
        h("p", { class: "small muted" }, [partName(e.part).split(" · ")[0], e.level ? t("editor.level", { level: e.level }) : e.code,
          dosageText(e.dosage || {})].filter(Boolean).join(" · ")),
        e.equipment.length ? h("p", { class: "small muted" }, e.equipment.map((x) => t(`equipment.${x}`)).join(", ")) : null,
        h("button", { class: ["btn", "btn-small", on ? "btn-soft" : "btn-secondary"], type: "button", "aria-pressed": String(on),
          disabled: locked(e) && !on, "aria-label": t(on ? "editor.remove" : "editor.add", { name: e.title }), onclick: () => toggle(e) },
        icon(on ? "check" : "plus"), t(on ? "editor.added" : "editor.add_short")));
    }));
  }
  function drawProgram() {
    programTitle.textContent = t("editor.program", { count: chosen.size });
    const order = (id) => PARTS.indexOf(byId[id].part) * 1000 + usable.indexOf(byId[id]);
    programList.replaceChildren(...[...chosen.keys()].sort((a, b) => order(a) - order(b))
      .map((id) => doseRow(byId[id], chosen.get(id), () => toggle(byId[id]))));
    part2Card.hidden = ![...chosen.keys()].some((id) => byId[id].part === "2");
  }
  [search, partSel, familySel, levelSel, equipSel].forEach((el) => el.addEventListener("input", drawLibrary));
  const weekdayBoxes = [1, 2, 3, 4, 5, 6, 7].map((d) => h("input", { type: "checkbox", class: "sr-only-input", value: String(d),
    checked: (data.part2_weekdays || [2, 4]).includes(d), id: nextId("wd") }));
  const start = input({ type: "date", value: data.part2_start_date || isoDay() });
  const part2Card = card({ class: "part2-card" }, h("h2", { class: "section-title" }, partName("2")),
    h("fieldset", { class: "plain-fieldset" }, h("legend", { class: "label" }, t("program.part2_days")),
      h("div", { class: "day-chips" }, weekdayBoxes.map((box) => h("label", { class: "day-chip", for: box.id }, box,
        h("span", {}, weekdayName(Number(box.value), "short")))))),
    field({ label: t("program.part2_start"), control: start }));
  const reason = input({ maxlength: "500", placeholder: t("program.reason_placeholder") });
  const problem = formError();
  const save = h("button", { class: "btn btn-primary", type: "submit" }, t("program.save"));
  const filter = (el, text) => h("div", { class: "filter" }, h("label", { class: "label", for: el.id }, text), el);
  const form = h("form", { class: "program-editor editor-split", novalidate: true },
    h("section", { class: "card editor-library", "aria-labelledby": "lib-title" },
      h("h2", { class: "section-title", id: "lib-title" }, t("editor.library")),
      h("div", { class: "filters" }, h("div", { class: "filter filter-search" }, h("label", { class: "label", for: search.id }, t("editor.search")),
        h("div", { class: "search" }, icon("search"), search)),
      filter(partSel, t("editor.part")), filter(familySel, t("editor.family")), filter(levelSel, t("editor.level_label")),
      filter(equipSel, t("editor.equipment"))),
      data.part1_competent ? null : banner({ kind: "warn", iconName: "info", text: t("program.part2_locked") }),
      found, grid),
    h("div", { class: "editor-program" },
      card({}, programTitle, h("p", { class: "muted small" }, t("editor.dose_help")), programList),
      part2Card,
      card({}, field({ label: t("program.reason"), control: reason, hint: t("program.reason_hint") })),
      problem,
      h("div", { class: "sticky-actions button-row" },
        h("a", { class: "btn btn-secondary", href: `#/patients/${patient.id}/program` }, t("common.cancel")), save)));
  drawLibrary();
  drawProgram();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hide();
    const items = [...chosen.entries()].map(([id, d]) => {
      const item = { exercise_id: id };
      for (const key of ["sets", "repetitions", "hold_seconds"]) if (d[key] !== null) item[key] = d[key];
      item.each_side = d.each_side;
      if (d.weekdays) item.weekdays = d.weekdays;
      if (d.schedule) item.schedule = d.schedule;
      return item;
    });
    const body = { items };
    if (items.some((i) => byId[i.exercise_id].part === "2")) {
      const weekdays = weekdayBoxes.filter((b) => b.checked).map((b) => Number(b.value));
      if (!weekdays.length) { problem.show(t("program.need_days")); return; }
      body.part2_weekdays = weekdays;
      body.part2_start_date = start.value || isoDay();
    }
    if (reason.value.trim()) body.reason = reason.value.trim();
    busy(save, async () => {
      try {
        await api(`/patients/${patient.id}/program`, { method: "PUT", body });
        toast(t("program.saved"), "good");
        ctx.go(`#/patients/${patient.id}/program`);
      } catch (error) {
        showTreatmentRefusal(problem, error, patient.id,
          error.code === "part1_not_reached" ? t("program.part2_locked") : errorMessage(error));
      }
    });
  });
  return h("div", {}, sectionTitle(data.items.length ? t("program.edit") : t("program.assign")), form);
}
