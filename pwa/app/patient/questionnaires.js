// Questionnaires (PROMs) when due: one question per screen, resumable. Answers in progress are
// kept on the server as a draft after every answer, never in browser storage.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, getLocale, t } from "../lib/i18n.js";
import { banner, busy, card, chip, emptyState, errorMessage, pageHeader, progressBar, sectionTitle } from "../lib/ui.js";

const STATUS_KIND = { open: "warn", upcoming: "neutral", completed: "good", missed: "danger" };

function unavailable(error) {
  if (error.offline) {
    return banner({ kind: "warn", iconName: "offline", title: t("offline.title"), text: t("quest.offline") });
  }
  if (error.status === 404) return emptyState({ iconName: "clipboard", title: t("quest.none_title"), text: t("quest.unavailable") });
  throw error;
}

function timepoint(a) { return t(`timepoint.${a.timepoint}`); }

export async function questionnaireList() {
  let list;
  try {
    list = await api("/patients/me/assessments");
  } catch (error) {
    return h("div", { class: "view" }, pageHeader(t("quest.title")), unavailable(error));
  }
  const open = list.filter((a) => a.status === "open");
  const upcoming = list.filter((a) => a.status === "upcoming").sort((a, b) => a.due_date.localeCompare(b.due_date));
  const past = list.filter((a) => a.status === "completed" || a.status === "missed");
  const parts = [pageHeader(t("quest.title"), t("quest.subtitle"))];
  if (!open.length) {
    parts.push(emptyState({ iconName: "check", title: t("quest.none_title"),
      text: upcoming.length ? t("quest.next_opens", { when: timepoint(upcoming[0]), date: fmtDay(upcoming[0].due_date) })
        : t("quest.none_text") }));
  }
  for (const a of open) {
    const started = a.draft && a.draft.answers && Object.keys(a.draft.answers).length;
    parts.push(card({ class: "quest-card is-open" },
      h("div", { class: "quest-head" }, h("span", { class: "rx-icon" }, icon("clipboard")),
        h("div", {}, h("h2", { class: "section-title" }, t("quest.open_title", { when: timepoint(a) })),
          h("p", { class: "muted small" }, t("quest.open_until", { date: fmtDay(a.closes_date) })))),
      h("p", {}, t("quest.about", { count: a.instruments.length })),
      h("a", { class: "btn btn-primary btn-block", href: `#/questionnaires/${a.id}` },
        started ? t("quest.continue") : t("quest.start"), icon("chevron"))));
  }
  if (upcoming.length || past.length) {
    parts.push(sectionTitle(t("quest.schedule")));
    parts.push(h("ul", { class: "card plain-list" }, [...upcoming, ...past].map((a) => h("li", { class: "plain-row" },
      h("span", {}, h("strong", {}, timepoint(a)), h("span", { class: "muted small block" },
        a.status === "upcoming" ? t("quest.opens", { date: fmtDay(a.due_date) }) : fmtDay(a.due_date))),
      chip(t(`quest.status_${a.status}`), STATUS_KIND[a.status])))));
  }
  return h("div", { class: "view" }, parts);
}

export async function questionnaireFlow(ctx) {
  const id = Number(ctx.params.id);
  let assessment;
  try {
    assessment = (await api("/patients/me/assessments")).find((a) => a.id === id);
  } catch (error) {
    return h("div", { class: "view" }, pageHeader(t("quest.title")), unavailable(error));
  }
  if (!assessment || assessment.status !== "open") {
    return h("div", { class: "view" }, pageHeader(t("quest.title")),
      emptyState({ iconName: "clipboard", title: t("quest.not_open_title"), text: t("quest.not_open_text"),
        action: h("a", { class: "btn btn-secondary", href: "#/questionnaires" }, t("quest.back_list")) }));
  }
  const forms = await Promise.all(assessment.instruments.map((name) =>
    api(`/questionnaires/${encodeURIComponent(name)}?locale=${getLocale()}`).then((q) => ({ ...q, instrument: name }))));
  const answers = JSON.parse(JSON.stringify((assessment.draft && assessment.draft.answers) || {}));
  const steps = [];
  forms.forEach((form, f) => {
    steps.push({ kind: "intro", form, f });
    form.items.forEach((item, i) => steps.push({ kind: "item", form, item, i }));
  });
  steps.push({ kind: "finish" });
  const questions = steps.filter((s) => s.kind === "item");
  const answered = (step) => answers[step.form.instrument] && answers[step.form.instrument][step.item.key] !== undefined;
  const required = questions.filter((s) => !s.item.optional);
  let index = steps.findIndex((s) => s.kind === "item" && !answered(s));
  if (index < 0) index = steps.length - 1;
  else if (index > 0 && steps[index - 1].kind === "intro" && !Object.keys(answers).length) index -= 1;

  const stage = h("div", { class: "quest-stage" });
  const show = (next) => {
    index = Math.max(0, Math.min(steps.length - 1, next));
    stage.replaceChildren(screen(steps[index]));
    const heading = stage.querySelector("h1, h2");
    if (heading) heading.focus();
    window.scrollTo(0, 0);
  };

  // Drafts are saved one after another, each with every answer so far, so the last one wins.
  let saving = Promise.resolve();
  function save(instrument, key, code, status) {
    answers[instrument] = { ...(answers[instrument] || {}), [key]: code };
    if (status) status.textContent = t("quest.saving");
    saving = saving.then(() => api(`/patients/me/assessments/${id}/draft`, { method: "PUT", body: { answers } }))
      .then(() => { if (status) status.textContent = t("quest.saved"); })
      .catch((error) => { if (status && status.isConnected) status.textContent = errorMessage(error); else toast(errorMessage(error), "error"); });
    return saving;
  }

  function nav(canGoOn, label = t("quest.next")) {
    const back = h("button", { class: "btn btn-secondary", type: "button", disabled: index === 0, onclick: () => show(index - 1) },
      icon("back"), t("quest.back"));
    const next = label === null ? null : h("button", { class: "btn btn-primary quest-next", type: "button", disabled: !canGoOn,
      onclick: () => show(index + 1) }, label, icon("chevron"));
    return h("div", { class: "quest-nav sticky-actions" }, back, next);
  }

  function screen(step) {
    // Recounted on every screen, so the line is right after each tap (answers advance at once).
    const done = questions.filter(answered).length;
    const position = step.kind === "item" ? questions.indexOf(step) + 1 : null;
    const line = [position ? t("quest.question_n", { n: position, total: questions.length }) : null,
      t("quest.progress", { done, total: questions.length })].filter(Boolean).join(" · ");
    const head = h("div", { class: "quest-progress" },
      h("p", { class: "muted small quest-progress-line" }, line),
      progressBar(done, questions.length, t("quest.progress", { done, total: questions.length })));
    if (step.kind === "intro") {
      return h("div", {}, head, card({ class: "quest-intro" },
        chip(t("quest.part", { n: step.f + 1, total: forms.length }), "brand"),
        h("h1", { class: "quest-title", tabindex: "-1" }, step.form.title),
        h("p", { class: "quest-intro-text" }, t("quest.intro", { count: step.form.items.length })),
        step.form.copyright ? h("p", { class: "muted small" }, step.form.copyright) : null),
      nav(true, t("quest.begin")));
    }
    if (step.kind === "finish") {
      const missing = required.filter((q) => !answered(q)).length;
      const send = h("button", { class: "btn btn-primary btn-block btn-large", type: "button", disabled: missing > 0 },
        icon("send"), t("quest.send"));
      const problem = h("p", { class: "field-error", role: "alert", hidden: true });
      send.addEventListener("click", () => busy(send, async () => {
        try {
          await saving;
          await api(`/patients/me/assessments/${id}/response`, { method: "POST", body: { answers } });
          const thanks = h("h1", { class: "empty-title", tabindex: "-1" }, t("quest.thanks_title"));
          stage.replaceChildren(h("section", { class: "empty quest-thanks" },
            h("div", { class: "empty-icon" }, icon("sparkle")), thanks, h("p", { class: "empty-text" }, t("quest.thanks_text")),
            h("a", { class: "btn btn-primary", href: "#/today" }, t("quest.to_today"))));
          thanks.focus();
          toast(t("quest.sent"), "good");
        } catch (error) {
          problem.hidden = false;
          problem.textContent = error.status === 409 ? t("quest.conflict") : errorMessage(error);
        }
      }));
      return h("div", {}, head, card({ class: "quest-intro" },
        h("h1", { class: "quest-title", tabindex: "-1" }, missing ? t("quest.missing_title") : t("quest.finish_title")),
        h("p", {}, missing ? t("quest.missing_text", { count: missing }) : t("quest.finish_text")),
        missing ? h("button", { class: "btn btn-secondary", type: "button",
          onclick: () => show(steps.findIndex((s) => s.kind === "item" && !s.item.optional && !answered(s))) }, t("quest.go_missing")) : null,
        send, problem), nav(false, null));
    }
    const { form, item } = step;
    const saved = answers[form.instrument] || {};
    const current = saved[item.key];
    const status = h("p", { class: "quest-status muted small", role: "status" });
    const name = `q-${form.instrument}-${item.key}`;
    // A single-choice tap answers and moves on (the draft is saved behind the scenes); the slider
    // keeps "Next", since it is moved, not tapped.
    const choose = (code, advance = true) => {
      nextButton.disabled = false;
      save(form.instrument, item.key, code, status);
      const here = index;
      if (advance) setTimeout(() => { if (index === here && stage.isConnected) show(index + 1); }, 200);
    };
    const numeric = item.answers.length >= 5
      && item.answers.every((a) => String(a.label).startsWith(String(a.code)));
    let options;
    if (numeric && item.answers.length > 21) {
      // A long scale (0-100): a slider with a large read-out; unanswered until it is moved.
      const first = item.answers[0];
      const last = item.answers[item.answers.length - 1];
      const readout = h("output", { class: "quest-readout", for: `${name}-range` },
        current === undefined || current === null ? "–" : String(current));
      const range = h("input", { class: "quest-range", type: "range", id: `${name}-range`, min: String(first.code),
        max: String(last.code), step: "1", value: String(current ?? Math.round((first.code + last.code) / 2)),
        "aria-describedby": `${name}-ends` });
      range.addEventListener("input", () => { readout.textContent = range.value; });
      range.addEventListener("change", () => choose(Number(range.value), false));
      options = h("div", { class: "quest-slider" }, readout,
        h("label", { class: "sr-only", for: `${name}-range` }, item.label), range,
        h("div", { class: "pain-ends", id: `${name}-ends` }, h("span", {}, first.label), h("span", {}, last.label)));
    } else if (numeric) {
      options = h("div", {},
        h("div", { class: "pain-scale" }, item.answers.map((answer, n) => {
          const inputId = `${name}-${n}`;
          const radio = h("input", { class: "sr-only-input", type: "radio", name, id: inputId, value: String(answer.code),
            checked: current !== undefined && current !== null && String(current) === String(answer.code) });
          radio.addEventListener("change", () => choose(answer.code));
          return h("label", { class: "pain-option", for: inputId, title: answer.label }, radio, h("span", {}, String(answer.code)));
        })),
        h("div", { class: "pain-ends" }, h("span", {}, item.answers[0].label),
          h("span", {}, item.answers[item.answers.length - 1].label)));
    } else {
      options = h("div", { class: ["quest-options", item.answers.length > 7 ? "is-long" : ""] },
        item.answers.map((answer, n) => {
          const inputId = `${name}-${n}`;
          const radio = h("input", { class: "sr-only-input", type: "radio", name, id: inputId, value: String(answer.code),
            checked: current !== undefined && current !== null && String(current) === String(answer.code) });
          radio.addEventListener("change", () => choose(answer.code));
          return h("label", { class: "quest-option", for: inputId }, radio, h("span", { class: "quest-dot", "aria-hidden": "true" }),
            h("span", {}, answer.label));
        }));
    }
    const fieldset = h("fieldset", { class: "quest-fieldset" },
      h("legend", { class: "quest-question" },
        h("span", { class: "quest-instrument" }, item.text ? `${form.title} · ${item.label}` : form.title),
        item.text || item.label),
      options);
    const skip = item.optional ? h("button", { class: "btn btn-soft btn-small quest-skip", type: "button", onclick: () => {
      save(form.instrument, item.key, null, null);
      show(index + 1);
    } }, t("quest.skip")) : null;
    const navBar = nav(current !== undefined);
    const nextButton = navBar.querySelector(".quest-next");
    const heading = h("h1", { class: "sr-only", tabindex: "-1" }, t("quest.question_n", { n: step.i + 1, total: form.items.length }));
    return h("div", {}, head, heading, card({ class: "quest-card" }, fieldset, skip, status), navBar);
  }

  show(index);
  return h("div", { class: "view quest" }, stage);
}
