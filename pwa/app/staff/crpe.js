// Staff: the physiotherapist's CRPE tool (protocol supplementary file 4) for one patient's care
// episode: the first and the final assessment, one section on screen at a time (functional
// impairment, activity limitation, diagnosis, treatment), the first assessment's grades beside the
// final's, and the scores with their change. What is typed is kept in memory per patient and
// assessment until the server has it, so a redraw (a lost connection, a language switch) loses nothing.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { fmtDay, fmtNumber, getLocale, t } from "../lib/i18n.js";
import { banner, busy, card, chip, field, formError, input, pageHeader, sectionTitle, segmented } from "../lib/ui.js";
import { scrollBox } from "./staff-common.js";

const drafts = new Map();   // `${patient}:${which}` -> the answer being edited
const SECTIONS = ["impairment", "activity", "diagnosis", "treatment"];

const two = (value) => fmtNumber(value, 2, 2);
const signed = (value) => (value === null || value === undefined ? "–" : `${value > 0 ? "+" : value < 0 ? "−" : "±"}${two(Math.abs(value))}`);

function startingDraft(data, which) {
  const stored = data[which] || (which === "final" && data.first ? { ...data.first, treatments: [], treatment_other: {},
    effect: null, part1_applied: null, part2_applied: null, visits: null } : null);
  const pick = (name, empty) => (stored && stored[name] !== undefined && stored[name] !== null ? structuredClone(stored[name]) : empty);
  return { impairment: pick("impairment", {}), activity: pick("activity", {}), subgroup: pick("subgroup", null),
    icd10: pick("icd10", []), part1_applied: pick("part1_applied", null), part2_applied: pick("part2_applied", null),
    treatments: pick("treatments", []), treatment_other: pick("treatment_other", {}), effect: pick("effect", null),
    visits: pick("visits", null) };
}

function scoresCard(data) {
  const row = (label, part) => h("tr", {}, h("th", { scope: "row" }, label),
    h("td", {}, two(data.first && data.first[`${part}_score`])), h("td", {}, two(data.final && data.final[`${part}_score`])),
    h("td", {}, signed(data.change[part])));
  return card({ class: "crpe-scores" }, sectionTitle(t("crpe.scores")),
    scrollBox(h("table", { class: "table crpe-score-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, h("span", { class: "sr-only" }, t("crpe.part"))),
        h("th", { scope: "col" }, t("crpe.first")), h("th", { scope: "col" }, t("crpe.final")), h("th", { scope: "col" }, t("crpe.change")))),
      h("tbody", {}, row(t("crpe.impairment"), "impairment"), row(t("crpe.activity"), "activity")))),
    h("p", { class: "muted small" }, t("crpe.score_help")),
    h("p", {}, t("crpe.visits_total", { count: data.visits_total })));
}

/** One item's grade: "not graded" or 0-4, with the first assessment's grade beside the final's. */
function gradeRow(form, draft, part, item, earlier) {
  const name = `${part}-${item.key}`;
  const current = draft[part][item.key];
  const choose = (value) => { if (value === null) delete draft[part][item.key]; else draft[part][item.key] = value; };
  const option = (value, text, label) => h("label", { class: "grade-option", title: label },
    h("input", { type: "radio", name, value: String(value), checked: (current ?? null) === value,
      onchange: () => choose(value), "aria-label": label }), h("span", { "aria-hidden": "true" }, text));
  return h("div", { class: "grade-row", role: "radiogroup", "aria-labelledby": `${name}-label` },
    h("span", { class: "grade-label", id: `${name}-label` }, item.label, " ", h("span", { class: "muted small" }, item.kva)),
    earlier ? h("span", { class: "grade-earlier small" }, earlier[part][item.key] === undefined ? t("crpe.first_none")
      : t("crpe.first_grade", { grade: earlier[part][item.key] })) : null,
    h("span", { class: "grade-options" }, option(null, "–", t("crpe.not_graded")),
      form.grades.map((g) => option(g.grade, String(g.grade), `${g.grade} · ${g.label}`))));
}

function gradesSection(form, draft, part, earlier) {
  return h("fieldset", { class: "crpe-section" }, h("legend", { class: "sr-only" }, t(`crpe.${part}`)),
    h("p", { class: "muted small" }, t("crpe.grade_help", { scale: form.grades.map((g) => `${g.grade} ${g.label.toLowerCase()}`).join(", ") })),
    form[part].map((item) => gradeRow(form, draft, part, item, earlier)));
}

function codeGrid(codes, draft) {
  const toggle = (code, on) => { draft.icd10 = on ? [...new Set([...draft.icd10, code])] : draft.icd10.filter((c) => c !== code); };
  return h("div", { class: "check-grid" }, codes.map((c) => h("label", { class: "check check-card" },
    h("input", { type: "checkbox", class: "check-input", value: c.code, checked: draft.icd10.includes(c.code),
      onchange: (event) => toggle(c.code, event.target.checked) }),
    h("span", {}, h("strong", {}, c.code), " ", c.label))));
}

function diagnosisSection(form, draft, which, redraw) {
  const chosen = form.subgroups.find((s) => s.key === draft.subgroup);
  const own = chosen ? chosen.icd10 : [];
  // At the final assessment a new code may come from any row of the form's table (l.3063-3064).
  const others = which === "final" ? form.subgroups.flatMap((s) => s.icd10)
    .filter((c, i, all) => all.findIndex((d) => d.code === c.code) === i && !own.some((o) => o.code === c.code)) : [];
  const pickCategory = (key) => {
    const next = form.subgroups.find((s) => s.key === key);
    draft.subgroup = key;
    draft.icd10 = draft.icd10.filter((c) => which === "final" || next.icd10.some((x) => x.code === c));
    if (!draft.icd10.length) draft.icd10 = [next.icd10[0].code];
    redraw();
  };
  return h("div", { class: "crpe-section crpe-diagnosis" },
    h("fieldset", {}, h("legend", { class: "label" }, t("crpe.category")),
      form.subgroups.map((s) => h("label", { class: "check" },
        h("input", { type: "radio", class: "check-input", name: "subgroup", value: s.key, checked: s.key === draft.subgroup,
          onchange: () => pickCategory(s.key) }),
        h("span", {}, s.label, h("span", { class: "check-hint" }, s.icd10.map((c) => c.code).join(", ")))))),
    chosen ? h("fieldset", {}, h("legend", { class: "label" }, t("crpe.codes")), codeGrid(own, draft))
      : h("p", { class: "muted" }, t("crpe.category_first")),
    chosen && others.length ? h("fieldset", {}, h("legend", { class: "label" }, t("crpe.codes_new")), codeGrid(others, draft)) : null);
}

function yesNo(draft, name, label) {
  const option = (value, text) => h("label", { class: "check" }, h("input", { type: "radio", class: "check-input", name,
    checked: draft[name] === value, onchange: () => { draft[name] = value; } }), h("span", {}, text));
  return h("fieldset", { class: "crpe-yesno" }, h("legend", { class: "label" }, label), option(true, t("crpe.yes")), option(false, t("crpe.no")));
}

function treatmentSection(form, draft, data) {
  const toggle = (key, on) => { draft.treatments = on ? [...new Set([...draft.treatments, key])] : draft.treatments.filter((k) => k !== key); };
  const groups = form.treatment_groups.map((group) => h("fieldset", { class: "crpe-group" }, h("legend", { class: "label" }, group.label),
    h("div", { class: "check-grid" }, form.treatments.filter((item) => item.group === group.key).map((item) => {
      const box = h("input", { type: "checkbox", class: "check-input", value: item.key, checked: draft.treatments.includes(item.key),
        onchange: (event) => toggle(item.key, event.target.checked) });
      const words = item.kind === "other" ? input({ type: "text", maxlength: "200", value: draft.treatment_other[group.key] || "",
        "aria-label": item.label, oninput: (event) => {
          const text = event.target.value;
          if (text.trim()) { draft.treatment_other[group.key] = text; box.checked = true; toggle(item.key, true); }
          else delete draft.treatment_other[group.key];
        } }) : null;
      return h("label", { class: "check check-card" }, box,
        h("span", {}, item.label, item.kva ? h("span", { class: "check-hint" }, item.kva) : null, words));
    }))));
  const visits = input({ type: "number", min: "0", max: "500", inputmode: "numeric", value: draft.visits ?? "", placeholder: String(data.visits_logged),
    oninput: (event) => { draft.visits = event.target.value === "" ? null : Number(event.target.value); } });
  return h("div", { class: "crpe-section" },
    h("div", { class: "row-2" }, yesNo(draft, "part1_applied", t("crpe.part1")), yesNo(draft, "part2_applied", t("crpe.part2"))),
    groups,
    h("fieldset", {}, h("legend", { class: "label" }, t("crpe.effect")), form.effect.map((e) => h("label", { class: "check" },
      h("input", { type: "radio", class: "check-input", name: "effect", value: e.key, checked: draft.effect === e.key,
        onchange: () => { draft.effect = e.key; } }), h("span", {}, e.label)))),
    field({ label: t("crpe.visits"), control: visits, hint: t("crpe.visits_hint", { count: data.visits_logged }) }));
}

function editor(ctx, id, form, data, which, section) {
  const key = `${id}:${which}`;
  if (!drafts.has(key)) drafts.set(key, startingDraft(data, which));
  const draft = drafts.get(key);
  const earlier = which === "final" ? data.first : null;
  const redraw = () => ctx.refresh();
  const body = {
    impairment: () => gradesSection(form, draft, "impairment", earlier),
    activity: () => gradesSection(form, draft, "activity", earlier),
    diagnosis: () => diagnosisSection(form, draft, which, redraw),
    treatment: () => treatmentSection(form, draft, data),
  }[section]();
  const problem = formError();
  const save = h("button", { class: "btn btn-primary", type: "submit" }, t(which === "final" ? "crpe.save_final" : "crpe.save_first"));
  const formNode = h("form", { class: "crpe-form", novalidate: true }, body, h("div", { class: "crpe-actions" }, problem, save));
  formNode.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hide();
    const answer = which === "final" ? draft : { impairment: draft.impairment, activity: draft.activity, subgroup: draft.subgroup, icd10: draft.icd10 };
    busy(save, async () => {
      try {
        await api(`/patients/${id}/episode/crpe/${which}`, { method: "PUT", body: answer });
        drafts.delete(key);
        toast(t("crpe.saved"), "good");
        redraw();
      } catch (error) { problem.show(error); }
    });
  });
  return formNode;
}

export async function crpeView(ctx) {
  const id = Number(ctx.params.id);
  const [patient, form, data, episode] = await Promise.all([api(`/patients/${id}`), api(`/crpe/form?locale=${getLocale()}`),
    api(`/patients/${id}/episode/crpe`), api(`/patients/${id}/episode?locale=${getLocale()}`)]);
  ctx.setBack(`#/patients/${id}/episode`);
  const header = pageHeader(t("crpe.title"), patient.name, h("p", { class: "muted" }, t("crpe.subtitle")));
  if (!episode.episode) {
    return h("div", { class: "view view-wide crpe" }, header, banner({ kind: "info", text: t("crpe.no_episode"),
      action: h("a", { class: "btn btn-secondary btn-small", href: `#/patients/${id}/episode` }, t("crpe.to_episode")) }));
  }
  const which = ctx.query.get("which") === "final" && data.first ? "final" : "first";
  const sections = which === "final" ? SECTIONS : SECTIONS.slice(0, 3);
  const section = sections.includes(ctx.query.get("section")) ? ctx.query.get("section") : "impairment";
  const href = (w, s) => `#/patients/${id}/crpe?which=${w}&section=${s}`;
  const stored = data[which];
  return h("div", { class: "view view-wide crpe" }, header, scoresCard(data),
    card({ class: "crpe-card" },
      segmented(t("crpe.which"), [["first", t("crpe.first_short"), href("first", section)],
        ...(data.first ? [["final", t("crpe.final_short"), href("final", section)]] : [])], which),
      data.first ? null : h("p", { class: "muted small" }, t("crpe.final_after_first")),
      stored ? h("p", { class: "muted small" }, t("crpe.recorded", { date: fmtDay(stored.assessed_on), name: stored.recorded_by }))
        : chip(t("crpe.not_recorded")),
      h("div", { class: "tabs-scroll", "data-scroll-x": "" }, segmented(t("crpe.sections"),
        sections.map((s) => [s, t(`crpe.section_${s}`), href(which, s)]), section)),
      editor(ctx, id, form, data, which, section)));
}
