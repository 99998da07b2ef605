"""Swedish for the per-field messages of a 422: marshmallow's own and our schemas' validators.

Keys are the English templates exactly as marshmallow (4.x) and server/schemas write them;
`{name}` parts match any text and are carried over. Field names stay as keys, untranslated.
A message with no entry here is passed through in English rather than lost.
"""
from __future__ import annotations

import re
from functools import lru_cache

SWEDISH: dict[str, str] = {
    # marshmallow fields
    "Missing data for required field.": "Uppgiften saknas men krävs.",
    "Field may not be null.": "Fältet får inte vara tomt (null).",
    "Unknown field.": "Okänt fält.",
    "Invalid input type.": "Fel typ av indata.",
    "Invalid value.": "Ogiltigt värde.",
    "Invalid type.": "Fel typ.",
    "Invalid input.": "Ogiltig indata.",
    "Not a valid {obj_type}.": "Inte ett giltigt värde ({obj_type}).",
    "Not a valid {awareness} {obj_type}.": "Inte ett giltigt värde ({awareness} {obj_type}).",
    "Not a valid boolean.": "Inte ett giltigt sant/falskt-värde.",
    "Not a valid date.": "Inte ett giltigt datum (ÅÅÅÅ-MM-DD).",
    "Not a valid datetime.": "Inte en giltig tidpunkt.",
    "Not a valid time.": "Inte en giltig tid (TT:MM).",
    "Not a valid mapping type.": "Inte ett giltigt objekt.",
    "Not a valid email address.": "Inte en giltig e-postadress.",
    "Not a valid integer.": "Inte ett giltigt heltal.",
    "Not a valid list.": "Inte en giltig lista.",
    "Not a valid number.": "Inte ett giltigt tal.",
    "Number too large.": "Talet är för stort.",
    "Not a valid string.": "Inte en giltig text.",
    "Not a valid utf-8 string.": "Inte en giltig UTF-8-text.",
    "Not a valid URL.": "Inte en giltig URL.",
    "Not a valid UUID.": "Inte ett giltigt UUID.",
    "Special numeric values (nan or infinity) are not permitted.": "Specialvärden (nan, oändligt) är inte tillåtna.",
    "Must be one of: {choices}.": "Måste vara något av: {choices}.",
    "Length must be between {min} and {max}.": "Längden måste vara mellan {min} och {max}.",
    "Length must be {equal}.": "Längden måste vara {equal}.",
    "Longer than maximum length {max}.": "Längre än högst {max}.",
    "Shorter than minimum length {min}.": "Kortare än minst {min}.",
    "Must be greater than or equal to {min} and less than or equal to {max}.":
        "Måste vara minst {min} och högst {max}.",
    "Must be greater than {min} and less than {max}.": "Måste vara större än {min} och mindre än {max}.",
    "Must be greater than or equal to {min}.": "Måste vara minst {min}.",
    "Must be less than or equal to {max}.": "Måste vara högst {max}.",
    "String does not match expected pattern.": "Texten har fel format.",
    # our schemas
    "Use an IANA time zone name such as Europe/Stockholm.": "Ange en IANA-tidszon, till exempel Europe/Stockholm.",
    "Pick one weekday for each session of the week.": "Välj en veckodag för varje pass i veckan.",
    "Each weekday once.": "Varje veckodag en gång.",
    "Name the training form.": "Skriv vilken träningsform.",
    "Pick {per_week} training days, one for each session of the week.":
        "Välj {per_week} träningsdagar, en för varje pass i veckan.",
    "Hard minutes cannot be more than the goal minutes.":
        "Minuter med hög ansträngning kan inte vara fler än målminuterna.",
    "Hard minutes are at most {max}: 10 of the 30 minutes stay easy.":
        "Minuter med hög ansträngning är högst {max}: 10 av de 30 minuterna är lugna.",
    "Intervals start at 30 minutes: with a goal under 30 minutes, set the hard minutes to 0.":
        "Intervaller börjar vid 30 minuter: med ett mål under 30 minuter ska minuterna med hög ansträngning "
        "vara 0.",
    "Log minutes and effort (RPE) together.": "Ange minuter och ansträngning (RPE) tillsammans.",
    "Log exercises, general training, or both.": "Ange övningar, allmän träning eller båda.",
    "Not base64url.": "Inte base64url.",
    "Expected a {length}-byte key.": "En nyckel på {length} byte väntades.",
    "The endpoint must be an https URL.": "Adressen måste vara en https-URL.",
    "The endpoint must be an https URL of a known push service.":
        "Adressen måste vara en https-URL till en känd push-tjänst.",
    "Send {{instrument: {{item: code}}}}.": "Skicka {{instrument: {{item: code}}}}.",
    "Control characters are not allowed.": "Styrtecken är inte tillåtna.",
    "Use a date from {min} to {max}.": "Ange ett datum från {min} till {max}.",
    "Send a JSON object.": "Skicka ett JSON-objekt.",
}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str]]:
    patterns = []
    # The most literal text first: "Not a valid email address." is not "Not a valid {obj_type}.",
    # and "Length must be between {min} and {max}." is not "Length must be {equal}."
    for english, swedish in sorted(SWEDISH.items(), key=lambda kv: -len(re.sub(r"\{[a-z_]+\}", "", kv[0]))):
        # "{name}" becomes a named group; "{{" / "}}" are literal braces, as in str.format.
        parts = re.split(r"(\{\{|\}\}|\{[a-z_]+\})", english)
        regex = "".join(
            "\\{" if p == "{{" else "\\}" if p == "}}" else f"(?P<{p[1:-1]}>.+?)" if p.startswith("{") else re.escape(p)
            for p in parts)
        patterns.append((re.compile(f"^{regex}$", re.S), swedish))
    return patterns


def translate(message: str, locale: str) -> str:
    if locale != "sv" or not isinstance(message, str):
        return message
    for pattern, swedish in _patterns():
        match = pattern.match(message)
        if match:
            return swedish.format(**match.groupdict())
    return message


def translate_tree(tree, locale: str):
    """The same nested {location: {field: [messages]}} with each message translated."""
    if isinstance(tree, dict):
        return {key: translate_tree(value, locale) for key, value in tree.items()}
    if isinstance(tree, list):
        return [translate_tree(item, locale) for item in tree]
    return translate(tree, locale)
