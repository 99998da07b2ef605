// Tiny DOM helpers: build elements without innerHTML (strict CSP, no inline styles).
const SVG_NS = "http://www.w3.org/2000/svg";

function append(parent, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach((c) => append(parent, c)); return; }
  parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
}

function apply(el, attrs, svg) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", Array.isArray(value) ? value.flat(Infinity).filter(Boolean).join(" ") : value);
    else if (key === "text") el.textContent = value;
    else if (key === "html") el.innerHTML = value; // only for sanitised HTML from our own content API
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "value" && !svg) el.value = value;
    else if (key === "checked" && !svg) el.checked = !!value;
    else if (key === "style") throw new Error("use classes (CSP forbids style attributes)");
    else el.setAttribute(key, value === true ? "" : String(value));
  }
}

/** h("button", {class: "btn", onclick}, "Save") */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs, false);
  append(el, children);
  return el;
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs, true);
  append(el, children);
  return el;
}

export function clear(el) { el.replaceChildren(); return el; }

let uid = 0;
export function nextId(prefix = "f") { uid += 1; return `${prefix}-${uid}`; }

/** A polite live region for short messages ("Saved", "Sent"). */
// One toast at a time: a new one replaces the last, so they never stack up over the cards. The
// region sits over the top bar (styles.css), away from the cards, the sticky action and the tab bar
// that are tapped next.
let toastTimers = [];
export function toast(message, kind = "info") {
  const region = document.getElementById("toast");
  if (!region) return;
  toastTimers.forEach(clearTimeout);
  const item = h("div", { class: ["toast", `toast-${kind}`], role: kind === "error" ? "alert" : "status" }, message);
  region.replaceChildren(item);
  toastTimers = [setTimeout(() => item.classList.add("toast-out"), 3800), setTimeout(() => item.remove(), 4300)];
}

/** A modal confirm built on <dialog> (focus is trapped and restored by the browser). */
export function confirmDialog({ title, text, ok, cancel, danger = false }) {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "dialog", "aria-labelledby": "dlg-title" },
      h("h2", { id: "dlg-title", class: "dialog-title" }, title),
      text ? h("p", { class: "dialog-text" }, text) : null,
      h("div", { class: "dialog-actions" },
        h("button", { class: "btn btn-secondary", type: "button", value: "cancel", onclick: () => dialog.close("cancel") }, cancel),
        h("button", { class: ["btn", danger ? "btn-danger" : "btn-primary"], type: "button", onclick: () => dialog.close("ok") }, ok)));
    dialog.addEventListener("close", () => { dialog.remove(); resolve(dialog.returnValue === "ok"); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A modal that asks for one line of text; resolves to the text or null. */
export function promptDialog({ title, label, ok, cancel, value = "", required = true }) {
  return new Promise((resolve) => {
    const id = nextId("prompt");
    const input = h("textarea", { id, class: "input", rows: "3", maxlength: "500" });
    input.value = value;
    const form = h("form", { method: "dialog" },
      h("h2", { class: "dialog-title" }, title),
      h("label", { class: "label", for: id }, label),
      input,
      h("div", { class: "dialog-actions" },
        h("button", { class: "btn btn-secondary", type: "button", onclick: () => dialog.close("cancel") }, cancel),
        h("button", { class: "btn btn-primary", type: "submit", value: "ok" }, ok)));
    const dialog = h("dialog", { class: "dialog" }, form);
    form.addEventListener("submit", (event) => {
      if (required && !input.value.trim()) { event.preventDefault(); input.focus(); }
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "ok" ? input.value.trim() : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
