// UI text in English and Swedish. The language follows the browser until the person picks one
// with the switch; the choice (not health data) is kept in localStorage and, for the service
// worker's notification text, in IndexedDB.
import { setPref } from "./idb.js";

export const LOCALES = ["en", "sv"];
const KEY = "bb.locale";
const tables = {};
let locale = "en";
const listeners = new Set();

function fromBrowser() {
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (LOCALES.includes(base)) return base;
  }
  return "en";
}

export function chosenLocale() {
  try {
    const saved = localStorage.getItem(KEY);
    if (LOCALES.includes(saved)) return saved;
  } catch (error) { /* storage blocked */ }
  return fromBrowser();
}

async function load(code) {
  if (!tables[code]) {
    // Relative to this module: under /v/<version>/app/ the texts are cached with the code that uses them.
    const response = await fetch(new URL(`../i18n/${code}.json`, import.meta.url));
    tables[code] = await response.json();
  }
  return tables[code];
}

export async function initI18n() {
  locale = chosenLocale();
  await Promise.all([load("en"), load(locale)]);
  document.documentElement.lang = locale;
  setPref("locale", locale);
}

export function getLocale() { return locale; }

export async function setLocale(code) {
  if (!LOCALES.includes(code)) return;
  await load(code);
  locale = code;
  try { localStorage.setItem(KEY, code); } catch (error) { /* ignore */ }
  document.documentElement.lang = code;
  await setPref("locale", code);
  listeners.forEach((listener) => listener(code));
}

export function onLocaleChange(listener) { listeners.add(listener); }

function lookup(key) {
  return (tables[locale] && tables[locale][key]) ?? (tables.en && tables.en[key]);
}

/** t("today.minutes", {count: 20}) - `key_one`/`key_other` by count, {name} placeholders. */
export function t(key, vars = {}) {
  let text;
  if (typeof vars.count === "number") text = lookup(`${key}_${vars.count === 1 ? "one" : "other"}`);
  if (text === undefined) text = lookup(key);
  if (text === undefined) return key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

export function has(key) { return lookup(key) !== undefined; }

// --- dates and numbers -------------------------------------------------------------------

const intlLocale = () => (locale === "sv" ? "sv-SE" : "en-GB");

/** "2026-11-23" -> a Date at local midnight. */
export function parseDay(iso) {
  const [y, m, d] = String(iso).slice(0, 10).split("-").map(Number);
  return new Date(y, m - 1, d);
}

export function isoDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(iso, days) {
  const date = parseDay(iso);
  date.setDate(date.getDate() + days);
  return isoDay(date);
}

/** "söndag 29 november" / "Sunday 29 November"; the year is added when it is not this year
 * ("12 months - opens Monday 29 November 2027"). Swedish keeps Intl's lower-case names. */
export function fmtDay(iso, options = { weekday: "long", day: "numeric", month: "long" }) {
  if (!iso) return "";
  const date = parseDay(iso);
  const withYear = date.getFullYear() !== new Date().getFullYear() && !options.year ? { ...options, year: "numeric" } : options;
  return new Intl.DateTimeFormat(intlLocale(), withYear).format(date);
}

export function fmtShortDay(iso) { return fmtDay(iso, { day: "numeric", month: "short" }); }

/** "14:05" in the page's language (for "updated HH:MM"). */
export function fmtTime(value) {
  if (!value) return "";
  return new Intl.DateTimeFormat(intlLocale(), { hour: "2-digit", minute: "2-digit" }).format(new Date(value));
}

export function fmtDateTime(value) {
  if (!value) return "";
  return new Intl.DateTimeFormat(intlLocale(), { day: "numeric", month: "short", year: "numeric",
    hour: "2-digit", minute: "2-digit" }).format(new Date(value));
}

/** ISO weekday (Monday = 1) -> its name. */
export function weekdayName(isoWeekday, width = "long") {
  const monday = new Date(2024, 0, 1); // a Monday
  monday.setDate(monday.getDate() + isoWeekday - 1);
  return new Intl.DateTimeFormat(intlLocale(), { weekday: width }).format(monday);
}

export function listFormat(items) {
  try {
    return new Intl.ListFormat(intlLocale(), { style: "long", type: "conjunction" }).format(items);
  } catch (error) {
    return items.join(", ");
  }
}

export function fmtNumber(value, digits = 1, minimumDigits = 0) {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: minimumDigits, maximumFractionDigits: digits }).format(value);
}
