// Shared building blocks: cards, empty states, banners, loading and error states, form fields.
import { h, nextId } from "./dom.js";
import { icon } from "./icons.js";
import { t } from "./i18n.js";
import { codeMessage } from "./reasons.js";

export { codeMessage };

export function card(attrs, ...children) {
  return h("section", { ...attrs, class: ["card", attrs && attrs.class] }, children);
}

export function pageHeader(title, subtitle = null, extra = null) {
  return h("header", { class: "page-header" },
    h("h1", { class: "page-title", tabindex: "-1" }, title),
    subtitle ? h("p", { class: "page-subtitle" }, subtitle) : null,
    extra);
}

export function sectionTitle(text, aside = null) {
  return h("div", { class: "section-head" }, h("h2", { class: "section-title" }, text), aside);
}

export function emptyState({ iconName = "sparkle", title, text, action = null }) {
  return h("div", { class: "empty" },
    h("div", { class: "empty-icon" }, icon(iconName)),
    h("h2", { class: "empty-title" }, title),
    text ? h("p", { class: "empty-text" }, text) : null,
    action);
}

export function banner({ kind = "info", iconName = "info", title = null, text, action = null }) {
  return h("div", { class: ["banner", `banner-${kind}`], role: kind === "error" ? "alert" : null },
    h("span", { class: "banner-icon" }, icon(iconName)),
    h("div", { class: "banner-body" }, title ? h("strong", { class: "banner-title" }, title) : null,
      text ? h("p", { class: "banner-text" }, text) : null, action));
}

export function loading(label = t("common.loading")) {
  return h("div", { class: "loading", role: "status" },
    h("span", { class: "spinner", "aria-hidden": "true" }), h("span", {}, label));
}

export function skeleton(lines = 3) {
  return h("div", { class: "skeleton-wrap", "aria-busy": "true", "aria-label": t("common.loading") },
    Array.from({ length: lines }, () => h("div", { class: "skeleton" })));
}

/** A friendly explanation of an ApiError (or any error), with a retry button. */
export function errorState(error, retry) {
  let title = t("error.title");
  let text = t("error.generic");
  if (error && error.offline) { title = t("error.offline_title"); text = t("error.offline_text"); }
  else if (error && error.status === 404) { text = t("error.not_found"); }
  else if (error && error.status === 403) { text = t("error.forbidden"); }
  else if (error && error.status >= 500) { text = t("error.server"); }
  return emptyState({ iconName: error && error.offline ? "offline" : "alert", title, text,
    action: retry ? h("button", { class: "btn btn-secondary", type: "button", onclick: retry }, t("common.try_again")) : null });
}

export function errorMessage(error) {
  if (!error) return t("error.generic");
  if (error.offline) return t("error.offline_short");
  if (error.status === 401 && error.code !== "login_failed") return t("error.signed_out");
  if (error.status >= 500) return t("error.server");
  return codeMessage(error.code) || error.detail || error.message || t("error.generic");
}

/** <label> + control + hint + error slot, wired with ids and aria-describedby. */
export function field({ label, control, hint = null, id = null }) {
  const controlId = id || control.id || nextId("field");
  control.id = controlId;
  const hintId = hint ? `${controlId}-hint` : null;
  const errorId = `${controlId}-error`;
  control.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
  return h("div", { class: "field" },
    h("label", { class: "label", for: controlId }, label),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    control,
    h("p", { class: "field-error", id: errorId, hidden: true }));
}

export function input(attrs) { return h("input", { class: "input", ...attrs }); }

export function select(options, value, attrs = {}) {
  const el = h("select", { class: "input", ...attrs },
    options.map(([v, label]) => h("option", { value: v }, label)));
  if (value !== undefined && value !== null) el.value = String(value);
  return el;
}

/** A form-level error area; show(error|string) / hide(). */
export function formError() {
  const box = h("div", { class: "form-error", role: "alert", hidden: true });
  box.show = (error) => {
    box.replaceChildren(icon("alert"), h("span", {}, typeof error === "string" ? error : errorMessage(error)));
    box.hidden = false;
  };
  box.hide = () => { box.hidden = true; box.replaceChildren(); };
  return box;
}

/** Set a busy state on a submit button while work runs. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try { return await work(); } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

export function segmented(label, options, value, onChange) {
  return h("div", { class: "segmented", role: "group", "aria-label": label },
    options.map(([v, text, href]) => (href
      ? h("a", { class: ["segment", v === value ? "is-active" : ""], href, "aria-current": v === value ? "page" : null }, text)
      : h("button", { class: ["segment", v === value ? "is-active" : ""], type: "button", "aria-pressed": String(v === value),
        onclick: () => onChange(v) }, text))));
}

export function linkRow({ href, iconName, title, text = null, badge = null, onclick = null }) {
  const tag = href ? "a" : "button";
  return h(tag, { class: "link-row", href, type: href ? null : "button", onclick },
    h("span", { class: "link-row-icon" }, icon(iconName)),
    h("span", { class: "link-row-body" }, h("span", { class: "link-row-title" }, title),
      text ? h("span", { class: "link-row-text" }, text) : null),
    badge, h("span", { class: "link-row-chevron" }, icon("chevron")));
}

export function chip(text, kind = "neutral", iconName = null) {
  return h("span", { class: ["chip", `chip-${kind}`] }, iconName ? icon(iconName) : null, text);
}

export function progressBar(value, max, label) {
  const pct = max ? Math.min(100, Math.round((value / max) * 100)) : 0;
  const bar = h("span", { class: "progress-fill" });
  bar.style.width = `${pct}%`;
  return h("div", { class: "progress", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": String(max),
    "aria-valuenow": String(value), "aria-label": label }, bar);
}
