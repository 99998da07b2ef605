// Me: the contract, questionnaires, reminders, installing the app, language, signing out.
import { api, apiCached } from "../lib/api.js";
import { confirmDialog, h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { fmtDay, t } from "../lib/i18n.js";
import { memory } from "../lib/memory.js";
import { waiting } from "../lib/outbox.js";
import { canPromptInstall, platform, promptInstall } from "../lib/push.js";
import { refusalText } from "../lib/reasons.js";
import { loadContract } from "../lib/patient-data.js";
import { logout, session } from "../lib/session.js";
import { banner, busy, card, chip, field, formError, input, linkRow, pageHeader, sectionTitle } from "../lib/ui.js";
import { avatar, languageSwitch } from "../shared/common.js";
import { contractText } from "../shared/contract-text.js";

const DISMISS = "bb.installDismissed";

export function installCard({ dismissible = false, refresh = null } = {}) {
  const { ios, standalone } = platform();
  if (standalone) return null;
  if (dismissible) {
    try { if (localStorage.getItem(DISMISS)) return null; } catch (error) { /* ignore */ }
  }
  let body;
  if (canPromptInstall()) {
    body = [h("p", {}, t("install.text")),
      h("button", { class: "btn btn-primary", type: "button", onclick: async () => {
        await promptInstall();
        if (refresh) refresh();
      } }, icon("install"), t("install.button"))];
  } else if (ios) {
    body = [h("p", {}, t("install.ios_text")),
      h("ol", { class: "steps" }, h("li", {}, t("install.ios_1")), h("li", {}, t("install.ios_2")), h("li", {}, t("install.ios_3")))];
  } else {
    body = [h("p", {}, t("install.other_text"))];
  }
  const dismiss = dismissible ? h("button", { class: "icon-btn install-close", type: "button", "aria-label": t("install.dismiss"),
    onclick: () => {
      try { localStorage.setItem(DISMISS, "1"); } catch (error) { /* ignore */ }
      if (refresh) refresh();
    } }, icon("close")) : null;
  return card({ class: "install-card" },
    h("div", { class: "install-head" }, h("span", { class: "install-icon" }, icon("install")),
      h("h2", { class: "section-title" }, t("install.title")), dismiss),
    body);
}

async function signOut(ctx) {
  const rows = session.user && session.user.role === "patient" ? await waiting() : [];
  const ok = await confirmDialog(rows.length
    ? { title: t("logout.unsent_title", { count: rows.length }), text: t("logout.unsent_text", { count: rows.length }), ok: t("logout.anyway"),
      cancel: t("common.cancel"), danger: true }
    : { title: t("logout.title"), text: t("logout.text"), ok: t("logout.button"), cancel: t("common.cancel") });
  if (!ok) return;
  await logout();
  toast(t("logout.done"), "good");
  ctx.go("#/login");
}

export async function me(ctx) {
  const user = session.user;
  const patient = user.role === "patient";
  let contract = null;
  let assessments = null;
  if (patient) {
    [contract, assessments] = await Promise.all([loadContract().catch(() => null),
      navigator.onLine ? api("/patients/me/assessments").catch(() => null) : null]);
  }
  const due = (assessments || []).filter((a) => a.status === "open").length;
  const parts = [h("header", { class: "me-head" }, avatar(user.name),
    h("div", {}, h("h1", { class: "page-title", tabindex: "-1" }, user.name || t("me.title")),
      user.email ? h("p", { class: "page-subtitle" }, user.email) : null,
      !patient ? h("p", { class: "muted small" }, t(`role.${user.role}`), user.clinic ? ` · ${user.clinic.name}` : "") : null))];
  if (session.offline) parts.push(banner({ kind: "warn", iconName: "offline", title: t("offline.title"), text: t("me.offline") }));
  if (patient) {
    parts.push(h("nav", { class: "card link-list", "aria-label": t("me.title") },
      linkRow({ href: "#/messages", iconName: "send", title: t("msg.title"), text: t("msg.me_text"),
        badge: user.unread_messages ? chip(t("msg.new", { count: user.unread_messages }), "brand") : null }),
      linkRow({ href: "#/contract", iconName: "contract", title: t("me.contract"),
        text: contract ? t("me.contract_version", { version: contract.version }) : t("me.contract_text"),
        badge: contract && !contract.accepted ? chip(t("me.to_accept"), "warn") : null }),
      linkRow({ href: "#/questionnaires", iconName: "clipboard", title: t("me.questionnaires"),
        text: t("me.questionnaires_text"), badge: due ? chip(t("me.due", { count: due }), "warn") : null }),
      linkRow({ href: "#/reminders", iconName: "bell", title: t("me.reminders"), text: t("me.reminders_text") }),
      linkRow({ href: "#/privacy", iconName: "shield", title: t("me.privacy"), text: t("me.privacy_text") })));
    parts.push(installCard({ refresh: ctx.refresh }));
  }
  if (user.role === "admin") {
    parts.push(h("nav", { class: "card link-list", "aria-label": t("me.access_report") },
      linkRow({ href: "#/access-report", iconName: "shield", title: t("me.access_report"), text: t("me.access_report_text") })));
  }
  parts.push(card({ class: "settings" }, sectionTitle(t("lang.title")),
    h("p", { class: "muted small" }, t("lang.hint")), languageSwitch()));
  parts.push(h("nav", { class: "card link-list", "aria-label": t("password.title") },
    linkRow({ href: "#/password", iconName: "key", title: t("password.title"), text: t("password.row_text") })));
  parts.push(h("button", { class: "btn btn-secondary btn-block", type: "button", onclick: () => signOut(ctx) },
    icon("logout"), t("logout.button")));
  parts.push(h("p", { class: "muted small center about" }, t("me.about")));
  return h("div", { class: "view" }, parts);
}

export async function contractView(ctx) {
  let contract;
  try {
    contract = (await apiCached("/patients/me/contract", { key: "contract" })).data;
  } catch (error) {
    if (error.status === 404) {
      return h("div", { class: "view" }, pageHeader(t("contract.title")),
        card({ class: "empty-card" }, h("p", {}, t("contract.none"))));
    }
    throw error;
  }
  memory.set("contract", contract);
  const accept = h("button", { class: "btn btn-primary btn-block btn-large", type: "button" }, icon("check"), t("contract.accept"));
  accept.addEventListener("click", async () => {
    accept.disabled = true;
    try {
      await api("/patients/me/contract/accept", { method: "POST", body: { version: contract.version } });
      toast(t("contract.accepted_toast"), "good");
      ctx.refresh();
    } catch (error) {
      accept.disabled = false;
      toast(refusalText(error), "error");
      if (error.code === "contract_revised") ctx.refresh();   // show the version to accept now
    }
  });
  return h("div", { class: "view view-article" },
    pageHeader(t("contract.title"), t("contract.subtitle"),
      h("div", { class: "tags" }, chip(t("contract.version", { version: contract.version }), "brand"),
        contract.accepted ? chip(t("contract.accepted_chip"), "good", "check") : chip(t("me.to_accept"), "warn"))),
    card({ class: "contract-doc" }, contractText(contract)),
    contract.accepted
      ? banner({ kind: "good", iconName: "check", title: t("contract.accepted_title"),
        text: t("contract.accepted_text", { date: fmtDay(String(contract.accepted_at).slice(0, 10)) }) })
      : h("div", { class: "sticky-actions" }, h("p", { class: "muted small" }, t("contract.accept_hint")), accept));
}

/** Change password: the current one, the new one twice. The server signs out every other device. */
export function changePassword(ctx) {
  const current = input({ type: "password", name: "current-password", autocomplete: "current-password", required: true });
  const fresh = input({ type: "password", name: "new-password", autocomplete: "new-password", required: true, minlength: "8" });
  const again = input({ type: "password", name: "confirm-password", autocomplete: "new-password", required: true });
  const problem = formError();
  const submit = h("button", { class: "btn btn-primary btn-block", type: "submit" }, icon("key"), t("password.submit"));
  const form = h("form", { class: "auth-form", novalidate: true },
    field({ label: t("password.current"), control: current }),
    field({ label: t("password.new"), control: fresh, hint: t("invite.password_hint") }),
    field({ label: t("password.again"), control: again }),
    problem, h("div", { class: "sticky-actions" }, submit));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hide();
    if (!current.value) { problem.show(t("password.need_current")); current.focus(); return; }
    if (fresh.value.length < 8) { problem.show(t("invite.short")); fresh.focus(); return; }
    if (fresh.value !== again.value) { problem.show(t("invite.mismatch")); again.focus(); return; }
    await busy(submit, async () => {
      try {
        await api("/auth/password", { method: "POST", body: { current_password: current.value, new_password: fresh.value } });
        toast(t("password.changed"), "good");
        ctx.go("#/me");
      } catch (error) {
        problem.show(refusalText(error));
        (error.field === "current_password" ? current : fresh).focus();
      }
    });
  });
  return h("div", { class: "view" }, pageHeader(t("password.title"), t("password.subtitle")),
    card({}, form), h("p", { class: "muted small" }, t("password.forgot")));
}
