// Reminders: push turned on from a tap, which kinds at what time, quiet hours; and the iOS home-screen note.
import { api } from "../lib/api.js";
import { h, toast } from "../lib/dom.js";
import { icon } from "../lib/icons.js";
import { t } from "../lib/i18n.js";
import { currentSubscription, disablePush, enablePush, platform } from "../lib/push.js";
import { banner, busy, card, field, formError, input, pageHeader } from "../lib/ui.js";
import { installCard } from "./me.js";

const KINDS = ["training", "part1", "group", "questionnaire"];
const TIMED = ["training", "part1", "questionnaire"];   // a group reminder follows its session's time

/** The patient's own time for a kind (empty input: the default time, shown as a hint). */
function timeInput(kind, prefs) {
  const own = (prefs.times || {})[kind];
  const fallback = (prefs.default_times || {})[kind];
  return input({ type: "time", name: `time_${kind}`, value: own || fallback || "",
    "aria-label": t("remind.time_label", { kind: t(`remind.kind_${kind}`) }) });
}

function chosenTimes(inputs, prefs) {
  return Object.fromEntries(TIMED.map((kind) => {
    const value = inputs[kind].value || null;
    const own = (prefs.times || {})[kind];
    // Left at the default: keep following it (e.g. a changed contract time), unless chosen before.
    return [kind, !own && value === (prefs.default_times || {})[kind] ? null : value];
  }));
}

function pushError(error) {
  if (error.message === "denied") return t("remind.denied");
  if (error.message === "unsupported") return t("remind.unsupported");
  if (error.offline) return t("error.offline_short");
  if (error.status === 404) return t("remind.unavailable");
  return error.detail || t("remind.failed");
}

export async function reminders(ctx) {
  const { ios, standalone, supported } = platform();
  const parts = [pageHeader(t("remind.title"), t("remind.subtitle"))];
  if (ios && !standalone) {
    parts.push(banner({ kind: "brand", iconName: "install", title: t("remind.ios_title"), text: t("remind.ios_text") }));
    parts.push(installCard({}));
  }
  let subscription = null;
  try { subscription = await currentSubscription(); } catch (error) { subscription = null; }
  const permission = "Notification" in window ? Notification.permission : "unsupported";
  const on = Boolean(subscription) && permission === "granted";

  const status = card({ class: ["push-status", on ? "is-on" : ""] },
    h("div", { class: "push-head" }, h("span", { class: "rx-icon" }, icon("bell")),
      h("div", {}, h("h2", { class: "section-title" }, on ? t("remind.on_title") : t("remind.off_title")),
        h("p", { class: "muted small" }, on ? t("remind.on_text") : t("remind.off_text")))));
  const problem = formError();
  status.append(problem);
  if (!supported) {
    status.append(h("p", {}, ios && !standalone ? t("remind.ios_first") : t("remind.unsupported")));
  } else if (permission === "denied") {
    status.append(h("p", {}, t("remind.blocked")));
  } else if (!on) {
    const enable = h("button", { class: "btn btn-primary btn-block", type: "button" }, icon("bell"), t("remind.enable"));
    enable.addEventListener("click", () => busy(enable, async () => {
      problem.hide();
      try {
        await enablePush();
        toast(t("remind.enabled"), "good");
        ctx.refresh();
      } catch (error) {
        problem.show(pushError(error));
      }
    }));
    status.append(enable);
  } else {
    const disable = h("button", { class: "btn btn-secondary btn-block", type: "button" }, t("remind.disable"));
    disable.addEventListener("click", () => busy(disable, async () => {
      try {
        await disablePush();
        toast(t("remind.disabled"), "info");
        ctx.refresh();
      } catch (error) {
        problem.show(pushError(error));
      }
    }));
    status.append(disable);
  }
  parts.push(status);

  let prefs = null;
  try {
    prefs = await api("/patients/me/reminders");
  } catch (error) {
    parts.push(banner({ kind: "info", iconName: "info", text: error.offline ? t("remind.offline") : t("remind.prefs_unavailable") }));
    return h("div", { class: "view" }, parts);
  }
  const boxes = KINDS.map((kind) => h("input", { type: "checkbox", class: "check-input", name: kind,
    checked: Boolean(prefs.kinds && prefs.kinds[kind]) }));
  const times = Object.fromEntries(TIMED.map((kind) => [kind, timeInput(kind, prefs)]));
  const quietStart = input({ type: "time", name: "quiet_start", value: prefs.quiet_start || "21:00" });
  const quietEnd = input({ type: "time", name: "quiet_end", value: prefs.quiet_end || "08:00" });
  const saveProblem = formError();
  const save = h("button", { class: "btn btn-primary btn-block", type: "submit" }, t("remind.save"));
  const form = h("form", { class: "card remind-form", novalidate: true },
    h("fieldset", { class: "plain-fieldset" }, h("legend", { class: "section-title" }, t("remind.kinds")),
      KINDS.map((kind, i) => h("div", { class: "remind-kind" },
        h("label", { class: "check" }, boxes[i],
          h("span", {}, h("strong", {}, t(`remind.kind_${kind}`)), h("span", { class: "check-hint" },
            t(TIMED.includes(kind) ? `remind.kind_${kind}_hint_timed` : `remind.kind_${kind}_hint`)))),
        times[kind] ? h("label", { class: "remind-time" }, h("span", { class: "small muted" }, t("remind.at")), times[kind]) : null))),
    h("fieldset", { class: "plain-fieldset" }, h("legend", { class: "section-title" }, t("remind.quiet")),
      h("p", { class: "muted small" }, t("remind.quiet_hint")),
      h("div", { class: "row-2" }, field({ label: t("remind.quiet_start"), control: quietStart }),
        field({ label: t("remind.quiet_end"), control: quietEnd }))),
    saveProblem, save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveProblem.hide();
    busy(save, async () => {
      try {
        await api("/patients/me/reminders", { method: "PUT", body: {
          kinds: Object.fromEntries(KINDS.map((kind, i) => [kind, boxes[i].checked])),
          quiet_start: quietStart.value, quiet_end: quietEnd.value, times: chosenTimes(times, prefs) } });
        toast(t("remind.saved"), "good");
      } catch (error) {
        saveProblem.show(error.detail ? error.detail : pushError(error));
      }
    });
  });
  parts.push(form);
  return h("div", { class: "view" }, parts);
}
