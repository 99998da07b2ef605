// The app's own words for the API's stable error codes (`error` in every error body). Known codes
// get the app's sentence in the page's language; anything else falls back to the server's message
// (itself in the account's language), so a new code still says something true.
import { has, t } from "./i18n.js";

const KNOWN = ["no_contract", "contract_not_started", "before_program", "date_in_future", "hard_minutes_exceed",
  "exercise_not_in_program", "client_id_reused", "entry_deleted", "edit_window_closed", "invite_invalid",
  "password_wrong", "contract_revised", "contract_version_unknown"];

/** {code, message} (an ApiError or an outbox row's error) -> a sentence for the patient. */
export function refusalText(error) {
  if (!error) return t("error.generic");
  if (error.code && KNOWN.includes(error.code) && has(`reason.${error.code}`)) return t(`reason.${error.code}`);
  if (error.offline) return t("error.offline_short");
  if (error.status >= 500) return t("error.server");
  return error.detail || error.message || t("error.generic");
}
