// The app's own words for the API's stable error codes (`error` in every error body, listed in
// server/error_codes.py). One place answers for every screen: a known code gets the app's sentence
// in the page's language (`reason.<code>`, else `apierror.<code>` in i18n/*.json); anything else falls
// back to the server's message (itself in the account's language), so a new code still says something true.
import { has, t } from "./i18n.js";

/** The app's own sentence for an error code, or null when it has none. */
export function codeMessage(code) {
  if (!code) return null;
  const key = [`reason.${code}`, `apierror.${code}`].find((k) => has(k));
  return key ? t(key) : null;
}

/** {code, message} (an ApiError or an outbox row's error) -> a sentence for the patient. */
export function refusalText(error) {
  if (!error) return t("error.generic");
  const own = codeMessage(error.code);
  if (own) return own;
  if (error.offline) return t("error.offline_short");
  if (error.status >= 500) return t("error.server");
  return error.detail || error.message || t("error.generic");
}
