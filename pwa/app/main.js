// BetterBack app: start-up, the hash router, the shell (top bar, tab bar, status) and the
// service worker registration. Plain ES modules, no build step.
import { h } from "./lib/dom.js";
import { icon } from "./lib/icons.js";
import { initI18n, onLocaleChange, t } from "./lib/i18n.js";
import { openDb } from "./lib/idb.js";
import { loadBadDay } from "./lib/patient-data.js";
import { flush, onOutboxChange, startOutbox, waiting } from "./lib/outbox.js";
import { watchInstall } from "./lib/push.js";
import { restore, revalidate, session } from "./lib/session.js";
import { errorState, skeleton } from "./lib/ui.js";
import { logo } from "./shared/common.js";
import { history, progress } from "./patient/diary.js";
import { exercise } from "./patient/exercise.js";
import { groupDetail, groupList, newGroup } from "./staff/groups.js";
import { learnItem, learnList } from "./patient/learn.js";
import { log } from "./patient/log.js";
import { invite, signIn } from "./shared/login.js";
import { accessReport, adminRecord } from "./staff/access-report.js";
import { changePassword, contractView, me } from "./patient/me.js";
import { newPatient, patientDetail } from "./staff/patients.js";
import { crpeView } from "./staff/crpe.js";
import { episodeView } from "./staff/episode.js";
import { privacy } from "./patient/privacy.js";
import { questionnaireFlow, questionnaireList } from "./patient/questionnaires.js";
import { reminders } from "./patient/reminders.js";
import { guidedSession } from "./patient/session.js";
import { today } from "./patient/today.js";
import { caseload } from "./staff/caseload.js";
import { reviewQueue } from "./staff/review.js";
import { inbox, patientThread } from "./shared/messages.js";
import { clinicOutcomes } from "./staff/outcomes.js";
import { printProgram } from "./staff/program-print.js";

const PATIENT = ["patient"];
const CARE = ["therapist", "admin"];
const STAFF = ["therapist", "supervisor", "admin"];
const ALL = ["patient", ...STAFF];

// pattern, view, who, tab (highlighted in the tab bar), back (the top bar's back link)
const ROUTES = [
  ["/login", signIn, null, null, null, { bare: true }],
  ["/invite", invite, null, null, null, { bare: true }],
  ["/today", today, PATIENT, "today"],
  ["/log", log, PATIENT, "today", "#/today", { title: "log.title" }],
  ["/session", guidedSession, PATIENT, "today", "#/today", { title: "session.title" }],
  ["/exercise/:id", exercise, PATIENT, "today", "#/today", { title: "exercise.title" }],
  ["/diary", history, PATIENT, "diary"],
  ["/progress", progress, PATIENT, "diary"],
  ["/learn", learnList, "any", "learn"],
  ["/learn/:id", learnItem, "any", "learn", "#/learn", { title: "learn.title" }],
  ["/me", me, ALL, "me"],
  ["/password", changePassword, ALL, "me", "#/me", { title: "password.title" }],
  ["/contract", contractView, PATIENT, "me", "#/me", { title: "contract.title" }],
  ["/questionnaires", questionnaireList, PATIENT, "me", "#/me", { title: "quest.title" }],
  ["/questionnaires/:id", questionnaireFlow, PATIENT, "me", "#/questionnaires", { title: "quest.title" }],
  ["/reminders", reminders, PATIENT, "me", "#/me", { title: "remind.title" }],
  ["/privacy", privacy, PATIENT, "me", "#/me", { title: "privacy.title" }],
  ["/access-report", accessReport, ["admin"], "me", "#/me", { title: "report.title" }],
  ["/records/:id", adminRecord, ["admin"], "patients", "#/patients", { title: "record.title" }],
  ["/patients", caseload, CARE, "patients"],
  ["/review", reviewQueue, ["therapist"], "review"],
  ["/inbox", inbox, ["therapist"], "inbox"],
  ["/inbox/:id", inbox, ["therapist"], "inbox", "#/inbox", { title: "msg.inbox_title" }],
  ["/messages", patientThread, PATIENT, "me", "#/me", { title: "msg.title" }],
  ["/outcomes", clinicOutcomes, CARE, "outcomes"],
  ["/patients/:id/program/print", printProgram, ["therapist"], "patients", "#/patients", { title: "print.title" }],
  ["/patients/new", newPatient, ["therapist"], "patients", "#/patients", { title: "patients.new_title" }],
  ["/patients/:id", patientDetail, ["therapist"], "patients", "#/patients", { title: "patients.title" }],
  ["/patients/:id/episode", episodeView, ["therapist"], "patients", "#/patients", { title: "episode.title" }],
  ["/patients/:id/crpe", crpeView, ["therapist"], "patients", "#/patients", { title: "crpe.title" }],
  ["/patients/:id/:tab", patientDetail, ["therapist"], "patients", "#/patients", { title: "patients.title" }],
  ["/groups", groupList, STAFF, "groups"],
  ["/groups/new", newGroup, CARE, "groups", "#/groups", { title: "groups.new_title" }],
  ["/groups/:id", groupDetail, STAFF, "groups", "#/groups", { title: "groups.title" }],
].map(([pattern, view, roles, tab, back, extra]) => ({ pattern, view, roles, tab, back, ...(extra || {}),
  regex: new RegExp(`^${pattern.replace(/:(\w+)/g, "(?<$1>[^/]+)")}$`) }));

const TABS = {
  patient: [["today", "#/today", "today"], ["diary", "#/diary", "diary"], ["learn", "#/learn", "learn"], ["me", "#/me", "me"]],
  therapist: [["patients", "#/patients", "users"], ["review", "#/review", "flag"], ["inbox", "#/inbox", "send"],
    ["groups", "#/groups", "calendar"], ["outcomes", "#/outcomes", "diary", "wide"], ["me", "#/me", "me"]],
  admin: [["patients", "#/patients", "users"], ["groups", "#/groups", "calendar"], ["outcomes", "#/outcomes", "diary"],
    ["me", "#/me", "me"]],
  supervisor: [["groups", "#/groups", "users"], ["me", "#/me", "me"]],
};

function home(user) {
  if (!user) return "#/login";
  return { patient: "#/today", therapist: "#/patients", admin: "#/patients", supervisor: "#/groups" }[user.role] || "#/me";
}

function parse(hash) {
  const [path, query = ""] = (hash || "").replace(/^#/, "").split("?");
  for (const route of ROUTES) {
    const match = route.regex.exec(path || "/");
    if (match) {
      const params = Object.fromEntries(Object.entries(match.groups || {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { route, params, query: new URLSearchParams(query) };
    }
  }
  return null;
}

const els = {};
let renderCount = 0;
let leaving = [];
let current = null;

function go(hash) {
  const target = hash || home(session.user);
  if (location.hash === target) render();
  else location.hash = target;
}

function topbar(route, backOverride) {
  const back = backOverride || route.back;
  const user = session.user;
  const left = back
    ? h("a", { class: "topbar-back", href: back, "aria-label": t("nav.back") }, icon("back"))
    : h("a", { class: "topbar-brand", href: home(user), "aria-label": t("nav.home") }, logo("topbar-logo"));
  const title = back && route.title ? t(route.title) : "BetterBack";
  els.topbar.replaceChildren(left, h("span", { class: "topbar-title" }, title), els.status);
}

async function drawStatus() {
  const parts = [];
  if (!navigator.onLine) parts.push(h("span", { class: "pill pill-offline" }, icon("offline"), t("offline.pill")));
  if (session.user && session.user.role === "patient") {
    const rows = await waiting();
    if (rows.length) {
      parts.push(h("a", { class: "pill pill-waiting", href: "#/diary", "aria-label": t("outbox.pill_label", { count: rows.length }) },
        icon("clock"), String(rows.length)));
    }
  }
  els.status.replaceChildren(...parts);
}

let tabRoute = null;
function tabbar(route) {
  tabRoute = route;
  const tabs = session.user && !route.bare ? TABS[session.user.role] || [] : [];
  els.tabbar.hidden = !tabs.length;
  // Unread messages: on the therapist's inbox tab and the patient's Me tab (their thread is under Me).
  const unread = (session.user && session.user.unread_messages) || 0;
  const badgeOn = { therapist: "inbox", patient: "me" }[session.user && session.user.role];
  els.tabbar.replaceChildren(...tabs.map(([key, href, iconName, wide]) => h("a", {
    class: ["tab", route.tab === key ? "is-active" : "", wide ? "tab-wide-only" : ""], href,
    "aria-current": route.tab === key ? "page" : null,
  }, icon(iconName), h("span", { class: "tab-label" }, t(`tab.${key}`)),
  key === badgeOn && unread ? h("span", { class: "tab-badge" }, h("span", { "aria-hidden": "true" }, String(unread)),
    h("span", { class: "sr-only" }, t("msg.unread_badge", { count: unread }))) : null)));
}

async function render({ keepFocus = null, quiet = false } = {}) {
  const number = ++renderCount;
  leaving.forEach((fn) => fn());
  leaving = [];
  const parsed = parse(location.hash);
  if (!parsed) { go(null); return; }
  const { route } = parsed;
  const user = session.user;
  if (route.roles && route.roles !== "any" && (!user || !route.roles.includes(user.role))) { go(user ? null : "#/login"); return; }
  if (route.bare && user) { go(null); return; }
  const sameView = current && current.hash === location.hash;
  current = { hash: location.hash };
  let backOverride = null;
  const ctx = {
    params: parsed.params, query: parsed.query, user,
    alive: () => number === renderCount,
    refresh: (options = {}) => render({ quiet: true, ...options }),
    go, setBack: (href) => { backOverride = href; },
    onLeave: (fn) => leaving.push(fn),
  };
  document.body.classList.toggle("is-bare", Boolean(route.bare));
  document.body.dataset.role = user ? user.role : "guest";
  tabbar(route);
  topbar(route);
  drawStatus();
  if (!quiet && !sameView) els.main.replaceChildren(skeleton(4));
  let node;
  try {
    node = await route.view(ctx);
  } catch (error) {
    if (error && error.status === 401) { session.user = null; go("#/login"); return; }
    node = h("div", { class: "view" }, errorState(error, () => render()));
  }
  if (number !== renderCount) return;
  if (backOverride) topbar(route, backOverride);
  const scroll = window.scrollY;
  els.main.replaceChildren(node);
  document.title = `${route.title && route.back ? t(route.title) : t(`tab.${route.tab || "today"}`)} · BetterBack`;
  const activeSegment = els.main.querySelector(".tabs-scroll .segment.is-active");
  if (activeSegment) activeSegment.scrollIntoView({ block: "nearest", inline: "center" });
  if (quiet || sameView) {
    window.scrollTo(0, scroll);
    const again = keepFocus && els.main.querySelector(keepFocus);
    if (again) again.focus({ preventScroll: true });
  } else {
    window.scrollTo(0, 0);
    const heading = els.main.querySelector("h1");
    if (heading && navigatedByUser) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }
  navigatedByUser = true;
  document.body.dataset.ready = "true";
}
let navigatedByUser = false;

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => { /* the app works without it */ });
  // A tapped reminder: the service worker asks the open app to show the reminder's screen.
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (!event.data || event.data.type !== "navigate") return;
    const url = new URL(event.data.url, location.origin);
    if (url.origin === location.origin) go(url.hash || null);
  });
}

async function start() {
  els.topbar = document.getElementById("topbar");
  els.main = document.getElementById("main");
  els.tabbar = document.getElementById("tabbar");
  els.status = h("span", { class: "topbar-status", "aria-live": "polite" });
  // A cold start does its waiting in parallel: the texts, who is signed in, and opening IndexedDB
  // (the outbox and the copies kept for offline use) all start at once.
  openDb().then(loadBadDay).catch(() => {});
  const signedIn = restore();
  await initI18n();
  els.tabbar.setAttribute("aria-label", t("nav.main"));
  watchInstall();
  registerServiceWorker();
  startOutbox();
  await signedIn;
  window.addEventListener("hashchange", () => render());
  window.addEventListener("bb-unread", () => { if (tabRoute) tabbar(tabRoute); });
  onLocaleChange(() => render({ quiet: true }));
  window.addEventListener("online", async () => {
    const wasOffline = session.offline;
    await revalidate();
    if (wasOffline && !session.user) { go("#/login"); return; }
    render({ quiet: true });
  });
  window.addEventListener("offline", () => { drawStatus(); render({ quiet: true }); });
  onOutboxChange((detail) => {
    drawStatus();
    if (detail.flushed && (location.hash.startsWith("#/today") || location.hash.startsWith("#/diary"))) render({ quiet: true });
  });
  if (!location.hash || location.hash === "#" || location.hash === "#/") history_replace(home(session.user));
  await render();
  if (session.user && session.user.role === "patient") flush();
}

function history_replace(hash) { window.history.replaceState(null, "", hash); }

start();
