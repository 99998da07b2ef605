// Pieces several screens share: the logo, the language switch, flag chips, patient status.
import { h, s } from "../lib/dom.js";
import { getLocale, LOCALES, setLocale, t } from "../lib/i18n.js";
import { chip } from "../lib/ui.js";

// The vertebrae of the app icon (icons/icon.svg), drawn inline.
const VERTEBRAE = [[-34, 112, 112], [-4, 180, 124], [26, 248, 136], [18, 316, 150], [-18, 384, 164]];

export function logo(cls = "logo") {
  return s("svg", { class: cls, viewBox: "0 0 512 512", "aria-hidden": "true", focusable: "false" },
    s("rect", { width: 512, height: 512, rx: 116, class: "logo-bg" }),
    VERTEBRAE.map(([dx, y, w], i) => s("rect", { x: 256 + dx - w / 2, y: y - 25, width: w, height: 50, rx: 25,
      class: i === 2 ? "logo-bone logo-bone-accent" : "logo-bone" })));
}

export function languageSwitch() {
  const current = getLocale();
  return h("div", { class: "lang-switch", role: "group", "aria-label": t("lang.label") },
    LOCALES.map((code) => h("button", {
      class: ["lang-btn", code === current ? "is-active" : ""], type: "button", lang: code,
      "aria-pressed": String(code === current), onclick: () => setLocale(code),
    }, t(`lang.${code}`))));
}

export const FLAG_KIND = {
  no_diary_7_days: "warn", high_rpe: "danger", pain_rising: "danger", questionnaire_missed: "warn",
  level_suggestion: "good", level_observed: "good", missed_two_in_a_row: "warn", no_diary_7d: "warn", rpe_high: "danger",
  pacing_hold_twice: "warn", unanswered_message: "warn", red_flag: "danger", rom_worse: "danger",
  attendance_unrecorded: "warn", low_attendance: "warn",
};

export function flagChip(flag) {
  return chip(t(`flag.${flag}`), FLAG_KIND[flag] || "neutral", flag === "level_suggestion" || flag === "level_observed" ? "star" : "flag");
}

export function initials(name) {
  return String(name || "?").split(/\s+/).filter(Boolean).slice(0, 2).map((p) => p[0].toUpperCase()).join("");
}

export function avatar(name) {
  return h("span", { class: "avatar", "aria-hidden": "true" }, initials(name));
}

export function greeting(name) {
  const hour = new Date().getHours();
  const part = hour < 10 ? "morning" : hour < 18 ? "day" : "evening";
  const first = String(name || "").split(" ")[0];
  return first ? t(`greet.${part}_name`, { name: first }) : t(`greet.${part}`);
}
