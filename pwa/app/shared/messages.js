// Messages: one thread per patient between the patient and their therapist. The therapist has an
// inbox (the thread beside it from 1024 px), the patient reaches their thread from Me. A typed
// message stays in the box until the server has it: nothing is lost when sending fails.
import { api } from "../lib/api.js";
import { h, nextId, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDateTime, t } from "../lib/i18n.js";
import { session } from "../lib/session.js";
import { busy, emptyState, errorMessage, formError, pageHeader } from "../lib/ui.js";
import { avatar } from "./common.js";
import { setUnread } from "../staff/staff-common.js";

const MAX = 2000;

function bubble(message, mySide) {
  const mine = message.sender === mySide;
  return h("li", { class: ["msg", mine ? "msg-mine" : "msg-theirs"] },
    h("p", { class: "msg-meta small" }, h("strong", {}, mine ? t("msg.you") : message.sender_name), " · ",
      h("time", { datetime: message.created_at }, fmtDateTime(message.created_at))),
    h("p", { class: "msg-body" }, message.body),
    mine ? h("p", { class: "msg-read small" }, message.read_at ? t("msg.read") : t("msg.delivered")) : null);
}

/** The thread and the compose box. `who` is the patient's id or "me". */
export async function messageThread(who, { mySide, emptyText }) {
  const data = await api(`/patients/${who}/messages`);
  const list = h("ol", { class: "msg-list", "aria-label": t("msg.thread"), "aria-live": "polite" },
    data.messages.map((m) => bubble(m, mySide)));
  const empty = h("p", { class: "muted msg-empty" }, emptyText);
  empty.hidden = Boolean(data.messages.length);
  const id = nextId("msg");
  const box = h("textarea", { id, class: "input msg-input", rows: "3", maxlength: String(MAX), name: "body" });
  const problem = formError();
  const send = h("button", { class: "btn btn-primary", type: "submit" }, icon("send"), t("msg.send"));
  const form = h("form", { class: "msg-form", novalidate: true },
    h("label", { class: "label", for: id }, t("msg.write")), box, problem, h("div", { class: "msg-send" }, send));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hide();
    const body = box.value.trim();
    if (!body) { problem.show(t("msg.empty_body")); box.focus(); return; }
    busy(send, async () => {
      try {
        const sent = await api(`/patients/${who}/messages`, { method: "POST", body: { body } });
        list.append(bubble(sent, mySide));
        empty.hidden = true;
        box.value = "";
        toast(t("msg.sent"), "good");
      } catch (error) {
        problem.show(error.offline ? t("msg.offline") : errorMessage(error));
      }
    });
  });
  return { node: h("div", { class: "msg-thread" }, empty, list, form), unread: data.unread };
}

function inboxList(rows, activeId) {
  if (!rows.length) return emptyState({ iconName: "send", title: t("msg.inbox_empty_title"), text: t("msg.inbox_empty_text") });
  return h("ul", { class: "inbox-list card" }, rows.map((r) => h("li", {},
    h("a", { class: ["inbox-row", r.patient_id === activeId ? "is-active" : "", r.unread ? "is-unread" : ""],
      href: `#/inbox/${r.patient_id}`, "aria-current": r.patient_id === activeId ? "page" : null },
    avatar(r.patient_name),
    h("span", { class: "inbox-main" }, h("span", { class: "inbox-name" }, r.patient_name),
      h("span", { class: "small muted" }, fmtDateTime(r.last_at))),
    r.unread ? h("span", { class: "count-badge" }, h("span", { "aria-hidden": "true" }, String(r.unread)),
      h("span", { class: "sr-only" }, t("msg.unread_badge", { count: r.unread }))) : null))));
}

/** Therapist: the inbox; with a patient chosen, their thread beside it (or alone on a phone). */
export async function inbox(ctx) {
  const activeId = ctx.params.id ? Number(ctx.params.id) : null;
  let rows = await api("/messages/inbox");
  let pane = null;
  if (activeId) {
    const thread = await messageThread(activeId, { mySide: "therapist", emptyText: t("msg.empty_staff") });
    // Reading marks the patient's messages read: the list and the badge follow.
    rows = rows.map((r) => (r.patient_id === activeId ? { ...r, unread: 0 } : r));
    const name = (rows.find((r) => r.patient_id === activeId) || {}).patient_name || "";
    pane = h("section", { class: "inbox-thread card", "aria-labelledby": "thread-title" },
      h("div", { class: "section-head" }, h("h2", { class: "section-title", id: "thread-title" }, t("msg.with", { name })),
        h("a", { class: "btn btn-secondary btn-small", href: `#/patients/${activeId}` }, t("msg.open_patient"))),
      thread.node);
    ctx.setBack("#/inbox");
  }
  setUnread(rows.reduce((sum, r) => sum + r.unread, 0));
  const unread = rows.filter((r) => r.unread).length;
  return h("div", { class: ["view view-staff", activeId ? "has-thread" : ""] },
    pageHeader(t("msg.inbox_title"), unread ? t("msg.inbox_unread", { count: unread }) : t("msg.inbox_none")),
    h("div", { class: "split" }, h("div", { class: "split-list" }, inboxList(rows, activeId)),
      pane || h("div", { class: "split-detail split-placeholder muted" }, t("msg.pick"))));
}

/** The patient's own thread with their therapist. */
export async function patientThread() {
  const thread = await messageThread("me", { mySide: "patient", emptyText: t("msg.empty_patient") });
  setUnread((session.user.unread_messages || 0) - thread.unread);
  return h("div", { class: "view" }, pageHeader(t("msg.title"), t("msg.patient_subtitle")), h("div", { class: "card" }, thread.node));
}
