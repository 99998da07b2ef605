// Education: the brochure chapters and the seminar sessions, cached for offline reading, with
// what has been read.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { getLocale, t } from "../lib/i18n.js";
import { markRead, markUnread, readMarks } from "../lib/reads.js";
import { session } from "../lib/session.js";
import { banner, card, chip, pageHeader, progressBar, sectionTitle } from "../lib/ui.js";

function meta(item) {
  return item.kind === "seminar"
    ? t("learn.seminar_meta", { n: item.session, count: item.duration_minutes || 60 })
    : t("learn.reading", { count: item.reading_minutes || 1 });
}

function itemCard(item, read) {
  return h("li", {}, h("a", { class: ["learn-card", read ? "is-read" : ""], href: `#/learn/${encodeURIComponent(item.id)}` },
    h("span", { class: "learn-num", "aria-hidden": "true" }, item.kind === "seminar" ? String(item.session) : String(item.order)),
    h("span", { class: "learn-body" },
      h("span", { class: "learn-title" }, item.title),
      h("span", { class: "learn-summary" }, item.summary),
      h("span", { class: "learn-meta" }, icon("clock"), meta(item),
        read ? h("span", { class: "learn-read" }, icon("check"), t("learn.read")) : null)),
    h("span", { class: "link-row-chevron" }, icon("chevron"))));
}

export async function learnList() {
  const [items, marks] = await Promise.all([api(`/education?locale=${getLocale()}`), readMarks()]);
  const isRead = (item) => marks[item.id] === item.version;
  const brochure = items.filter((i) => i.kind === "brochure");
  const seminars = items.filter((i) => i.kind === "seminar");
  const readCount = items.filter(isRead).length;
  const offlineReady = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
  return h("div", { class: "view" },
    pageHeader(t("learn.title"), t("learn.subtitle")),
    !session.user ? banner({ kind: "brand", iconName: "key", text: t("learn.guest"),
      action: h("a", { class: "btn btn-primary btn-small", href: "#/login" }, t("login.submit")) }) : null,
    session.user ? card({ class: "learn-progress" },
      h("p", { class: "learn-progress-text" }, t("learn.progress", { read: readCount, total: items.length })),
      progressBar(readCount, items.length, t("learn.progress", { read: readCount, total: items.length })),
      offlineReady ? h("p", { class: "muted small offline-ready" }, icon("check"), t("learn.offline_ready")) : null) : null,
    sectionTitle(t("learn.brochure")),
    h("ul", { class: "learn-list" }, brochure.map((i) => itemCard(i, isRead(i)))),
    sectionTitle(t("learn.seminars")),
    h("p", { class: "muted section-intro" }, t("learn.seminars_intro")),
    h("ul", { class: "learn-list" }, seminars.map((i) => itemCard(i, isRead(i)))));
}

export async function learnItem(ctx) {
  const id = ctx.params.id;
  const staff = session.user && session.user.role !== "patient";
  const [item, list, marks, notes] = await Promise.all([
    api(`/education/${encodeURIComponent(id)}?locale=${getLocale()}`),
    api(`/education?locale=${getLocale()}`).catch(() => []),
    readMarks(),
    staff ? api(`/education/${encodeURIComponent(id)}/leader-notes?locale=${getLocale()}`).catch(() => null) : null]);
  const read = marks[item.id] === item.version;
  const index = list.findIndex((i) => i.id === item.id);
  const next = index >= 0 ? list[index + 1] : null;
  const readButton = session.user ? h("button", { class: ["btn", read ? "btn-secondary" : "btn-primary", "btn-block"], type: "button",
    "aria-pressed": String(read) }, icon("check"), read ? t("learn.marked") : t("learn.mark")) : null;
  if (readButton) {
    readButton.addEventListener("click", async () => {
      if (read) await markUnread(item.id); else { await markRead(item.id, item.version); toast(t("learn.marked_toast"), "good"); }
      ctx.refresh({ keepFocus: ".read-actions .btn" });
    });
  }
  return h("div", { class: "view view-article" },
    pageHeader(item.title, item.summary, h("div", { class: "tags" },
      chip(item.kind === "seminar" ? t("learn.seminar_n", { n: item.session }) : t("learn.chapter_n", { n: item.order }), "brand"),
      chip(meta(item), "neutral", "clock"), read ? chip(t("learn.read"), "good", "check") : null)),
    (item.goals || []).length ? card({ class: "goals" }, h("h2", {}, t("learn.goals")),
      h("ul", {}, item.goals.map((g) => h("li", {}, g)))) : null,
    h("article", { class: "prose", html: item.html }),
    notes && notes.leader_notes.length ? card({ class: "leader-notes" }, h("h2", {}, t("learn.leader_notes")),
      h("p", { class: "muted small" }, t("learn.leader_notes_hint")),
      h("ul", {}, notes.leader_notes.map((m) => h("li", {}, m)))) : null,
    h("div", { class: "read-actions" }, readButton,
      next ? h("a", { class: "btn btn-soft btn-block", href: `#/learn/${encodeURIComponent(next.id)}` },
        t("learn.next", { title: next.title }), icon("chevron")) : null));
}
