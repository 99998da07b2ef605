// Sign in, and first sign-in with the invitation code from the physiotherapist.
import { h } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { t } from "../lib/i18n.js";
import { refusalText } from "../lib/reasons.js";
import { acceptInvite, login } from "../lib/session.js";
import { banner, busy, field, formError, codeMessage, input } from "../lib/ui.js";
import { languageSwitch, logo } from "./common.js";

function hero(subtitle) {
  return h("div", { class: "auth-hero" },
    h("div", { class: "auth-top" }, languageSwitch()),
    logo("auth-logo"),
    h("h1", { class: "auth-title", tabindex: "-1" }, "BetterBack"),
    h("p", { class: "auth-tagline" }, subtitle));
}

function offlineNote() {
  return navigator.onLine ? null : banner({ kind: "warn", iconName: "offline", title: t("offline.title"),
    text: t("login.offline") });
}

/** "2 seconds", "3 minutes": how long a refused sign-in waits, from the reply's Retry-After. */
function waitWords(seconds) {
  return seconds < 60 ? t("login.wait_seconds", { count: seconds }) : t("login.wait_minutes", { count: Math.ceil(seconds / 60) });
}

function messageFor(error) {
  if (error.offline) return t("error.offline_short");
  if (error.status === 401) return t("login.wrong");
  if (error.status === 429) return error.retryAfter ? t("login.too_many_wait", { wait: waitWords(error.retryAfter) }) : t("login.too_many");
  if (error.code === "invite_used") return t("invite.used");
  if (error.code === "invite_expired") return t("invite.expired");
  if (codeMessage(error.code)) return codeMessage(error.code);
  if (error.code === "invite_invalid" || error.code === "invite_replaced") return refusalText({ code: "invite_invalid" });
  if (error.status === 404) return t("invite.invalid");
  if (error.status === 400 || error.status === 422) return error.detail || t("invite.invalid");
  return t("error.generic");
}

export function signIn(ctx) {
  const email = input({ type: "email", name: "email", autocomplete: "username", required: true, inputmode: "email",
    autocapitalize: "none", spellcheck: "false" });
  const password = input({ type: "password", name: "password", autocomplete: "current-password", required: true });
  const problem = formError();
  const submit = h("button", { class: "btn btn-primary btn-block", type: "submit" }, t("login.submit"));
  const form = h("form", { class: "auth-form", novalidate: true },
    field({ label: t("login.email"), control: email }),
    field({ label: t("login.password"), control: password }),
    problem, submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hide();
    if (!email.value.trim() || !password.value) { problem.show(t("login.missing")); return; }
    await busy(submit, async () => {
      try {
        await login(email.value.trim(), password.value);
        ctx.go(null);
      } catch (error) {
        problem.show(messageFor(error));
        password.select();
      }
    });
  });
  return h("div", { class: "auth" },
    hero(t("login.tagline")),
    h("div", { class: "auth-card card" },
      h("h2", { class: "auth-heading" }, t("login.heading")),
      offlineNote(), form,
      h("div", { class: "auth-links" },
        h("a", { class: "btn btn-secondary btn-block", href: "#/invite" }, icon("key"), t("login.have_code")),
        h("details", { class: "forgot" }, h("summary", { class: "text-link" }, t("login.forgot")),
          h("p", { class: "muted small" }, t("login.forgot_text"))),
        h("a", { class: "text-link", href: "#/learn" }, t("login.read_first")))));
}

export function invite(ctx) {
  const code = input({ type: "text", name: "code", autocomplete: "one-time-code", autocapitalize: "characters",
    spellcheck: "false", required: true, class: "input input-code" });
  // The link in the invitation (QR code) carries the code in the #fragment: it never reached a server.
  const given = (ctx.query.get("code") || "").replace(/[^A-Za-z0-9]/g, "").toUpperCase();
  if (given) code.value = given.replace(/(.{4})(?=.)/g, "$1-");
  const password = input({ type: "password", name: "new-password", autocomplete: "new-password", required: true,
    minlength: "8" });
  const again = input({ type: "password", name: "confirm-password", autocomplete: "new-password", required: true });
  const problem = formError();
  const submit = h("button", { class: "btn btn-primary btn-block", type: "submit" }, t("invite.submit"));
  const form = h("form", { class: "auth-form", novalidate: true },
    field({ label: t("invite.code"), control: code, hint: t("invite.code_hint") }),
    field({ label: t("invite.password"), control: password, hint: t("invite.password_hint") }),
    field({ label: t("invite.again"), control: again }),
    problem, submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hide();
    const cleaned = code.value.replace(/[\s-]/g, "").toUpperCase();
    if (!cleaned) { problem.show(t("invite.missing_code")); code.focus(); return; }
    if (password.value.length < 8) { problem.show(t("invite.short")); password.focus(); return; }
    if (password.value !== again.value) { problem.show(t("invite.mismatch")); again.focus(); return; }
    await busy(submit, async () => {
      try {
        await acceptInvite(cleaned, password.value);
        ctx.go("#/today");
      } catch (error) {
        problem.show(messageFor(error));
      }
    });
  });
  return h("div", { class: "auth" },
    hero(t("invite.tagline")),
    h("div", { class: "auth-card card" },
      h("h2", { class: "auth-heading" }, t("invite.heading")),
      h("p", { class: "muted" }, given ? t("invite.intro_filled") : t("invite.intro")),
      offlineNote(), form,
      h("div", { class: "auth-links" }, h("a", { class: "text-link", href: "#/login" }, t("invite.back")))));
}
