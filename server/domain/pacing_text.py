"""The plain-words reasons of server/domain/pacing.py, in each language the app speaks.

Each rule gives a code and its numbers; the sentence is chosen here, so a Swedish patient reads
the same reasoning as an English one. Numbers with decimals follow the language's own mark.
A bad day is said one way everywhere (issue 17): BAD_DAY_RULE, also in the app's and the
seminar's texts.
"""
from __future__ import annotations

BAD_DAY_RULE = {
    "en": "A bad-day session counts as a session done; it is not used when your plan is reviewed.",
    "sv": "Ett pass en dålig dag räknas som ett gjort pass, men det används inte när din plan ses över.",
}

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "start": "Start at {minutes} minutes, {per_week} times a week, about 20 % below what you can do now, at an "
                 "effort of 11-14 (fairly light to somewhat hard).",
        "carried": "Your new contract carries on where your training had got to: {minutes} minutes, {per_week} "
                   "times a week, on the way to your goal of {goal} minutes.",
        "carried_hard": "Your new contract carries on where your training had got to: {minutes} minutes, {hard} of "
                        "them hard, {per_week} times a week, on the way to your goal of {goal} minutes, "
                        "{hard_goal} of them hard.",
        "dose": "Your plan stays the same for now: {done} of {needed} done in the last two weeks. A session is "
                "done when it lasts at least 80 % of {planned} minutes (you planned {per_week} a week).",
        "dose_hard": "Your plan stays the same for now: {done} of {needed} done in the last two weeks. A session "
                     "is done when it lasts at least 80 % of {planned} minutes and 80 % of {hard} hard minutes "
                     "(you planned {per_week} a week).",
        "bad_days_note": "Bad days: {bad_days}. " + BAD_DAY_RULE["en"],
        "grow": "The last two weeks felt below somewhat hard (average effort {mean}), so your sessions grow by 20 % "
                "to {minutes} minutes.",
        "grow_goal": "The last two weeks felt below somewhat hard (average effort {mean}), so your sessions grow to "
                     "{minutes} minutes: you have reached your goal of {goal} minutes.",
        "repeat": "The last two weeks felt hard (average effort {mean}): repeat the same for two more weeks.",
        "hold": "The last two weeks felt somewhat hard (average effort {mean}): keep the same for two more weeks.",
        "intervals_start": "You now train {minutes} minutes and it felt below somewhat hard (average effort {mean}). "
                           "Add intervals: {hard} minutes at 15-16 on the scale, hard enough that talking is "
                           "difficult, on the way to your goal of {goal} minutes, {hard_goal} of them hard.",
        "intervals_wait": "At {minutes} minutes the last two weeks had an average effort of {mean}; intervals start "
                          "once it feels below somewhat hard (under 14).",
        "intervals_grow": "Your intervals went well (average effort {mean}): {hard} hard minutes at 15-16 from now "
                          "on, on the way to your goal of {goal} minutes, {hard_goal} of them hard.",
        "intervals_hold": "The last two weeks were at the top of the interval effort or above (average effort "
                          "{mean}): keep {hard} hard minutes for two more weeks, on the way to your goal of {goal} "
                          "minutes, {hard_goal} of them hard.",
        "lengthen": "Your sessions went well (average effort {mean}), so they grow by 20 % to {minutes} minutes, "
                    "{hard} of them hard, on the way to your goal of {goal} minutes, {hard_goal} of them hard.",
        "lengthen_goal": "Your sessions went well (average effort {mean}), so they grow to {minutes} minutes: you "
                         "have reached your goal of {goal} minutes, {hard} of them hard.",
        "lengthen_hold": "The last two weeks were hard (average effort {mean}): keep {minutes} minutes, {hard} of "
                         "them hard, for two more weeks, on the way to your goal of {goal} minutes, {hard_goal} of "
                         "them hard.",
        "goal_hard": "You have reached your goal of {goal} minutes, {hard} of them hard. Keep it up.",
        "goal": "You have reached your goal of {goal} minutes per session. Keep it up.",
        "very_easy": "Your last two sessions felt very easy (effort {first} and {second}), so add a little: "
                     "{minutes} minutes.",
        "bad_day": "A bad day: do half of today's plan - {minutes} of {planned} minutes. " + BAD_DAY_RULE["en"],
        "bad_day_hard": "A bad day: do half of today's plan - {minutes} of {planned} minutes, {hard} of them hard. "
                        + BAD_DAY_RULE["en"],
    },
    # One term each: "ansträngning" for effort (RPE), "i genomsnitt" for the mean, "ansträngande
    # minuter" for hard minutes, "pass" for a session.
    "sv": {
        "start": "Börja med {minutes} minuter {per_week} gånger i veckan, ungefär 20 % under vad du klarar i dag. "
                 "Ansträngningen ska ligga på 11–14 (ganska lätt till något ansträngande).",
        "carried": "Ditt nya kontrakt fortsätter där din träning var: {minutes} minuter {per_week} gånger i veckan, "
                   "på väg mot ditt mål på {goal} minuter.",
        "carried_hard": "Ditt nya kontrakt fortsätter där din träning var: {minutes} minuter varav {hard} "
                        "ansträngande, {per_week} gånger i veckan, på väg mot ditt mål på {goal} minuter varav "
                        "{hard_goal} ansträngande.",
        "dose": "Din plan är densamma tills vidare: {done} av {needed} gjorda de senaste två veckorna. Ett pass är "
                "gjort när det varar minst 80 % av {planned} minuter (du planerade {per_week} i veckan).",
        "dose_hard": "Din plan är densamma tills vidare: {done} av {needed} gjorda de senaste två veckorna. Ett pass "
                     "är gjort när det varar minst 80 % av {planned} minuter och 80 % av {hard} ansträngande minuter "
                     "(du planerade {per_week} i veckan).",
        "bad_days_note": "Dåliga dagar: {bad_days}. " + BAD_DAY_RULE["sv"],
        "grow": "De senaste två veckorna kändes lättare än ”något ansträngande” (ansträngning i genomsnitt "
                "{mean}, under 14), så dina pass ökar med 20 % till {minutes} minuter.",
        "grow_goal": "De senaste två veckorna kändes lättare än ”något ansträngande” (ansträngning i genomsnitt "
                     "{mean}, under 14), så dina pass ökar till {minutes} minuter: du har nått ditt mål på {goal} "
                     "minuter.",
        "repeat": "De senaste två veckorna kändes ansträngande (ansträngning i genomsnitt {mean}): gör likadant "
                  "två veckor till.",
        "hold": "De senaste två veckorna kändes något ansträngande (ansträngning i genomsnitt {mean}): fortsätt "
                "likadant två veckor till.",
        "intervals_start": "Du tränar nu {minutes} minuter och det kändes lättare än ”något ansträngande” "
                           "(ansträngning i genomsnitt {mean}, under 14). Lägg till intervaller: {hard} minuter "
                           "på 15–16 på skalan, så jobbigt att det är svårt att prata, på väg mot ditt mål på "
                           "{goal} minuter varav {hard_goal} ansträngande.",
        "intervals_wait": "Med {minutes} minuter var ansträngningen i genomsnitt {mean} de senaste två veckorna. "
                          "Intervaller börjar när det känns lättare än ”något ansträngande” (under 14).",
        "intervals_grow": "Dina intervaller gick bra (ansträngning i genomsnitt {mean}): {hard} ansträngande minuter "
                          "på 15–16 från och med nu, på väg mot ditt mål på {goal} minuter varav {hard_goal} "
                          "ansträngande.",
        "intervals_hold": "De senaste två veckorna låg i överkant av intervallernas ansträngning eller över "
                          "(ansträngning i genomsnitt {mean}): behåll {hard} ansträngande minuter två veckor till, "
                          "på väg mot ditt mål på {goal} minuter varav {hard_goal} ansträngande.",
        "lengthen": "Dina pass gick bra (ansträngning i genomsnitt {mean}), så de ökar med 20 % till {minutes} "
                    "minuter varav {hard} ansträngande, på väg mot ditt mål på {goal} minuter varav {hard_goal} "
                    "ansträngande.",
        "lengthen_goal": "Dina pass gick bra (ansträngning i genomsnitt {mean}), så de ökar till {minutes} minuter: "
                         "du har nått ditt mål på {goal} minuter varav {hard} ansträngande.",
        "lengthen_hold": "De senaste två veckorna var ansträngande (ansträngning i genomsnitt {mean}): behåll "
                         "{minutes} minuter varav {hard} ansträngande två veckor till, på väg mot ditt mål på "
                         "{goal} minuter varav {hard_goal} ansträngande.",
        "goal_hard": "Du har nått ditt mål på {goal} minuter varav {hard} ansträngande. Fortsätt så!",
        "goal": "Du har nått ditt mål på {goal} minuter per pass. Fortsätt så!",
        "very_easy": "Dina två senaste pass kändes mycket lätta (ansträngning {first} och {second}), så lägg till "
                     "lite: {minutes} minuter.",
        "bad_day": "En dålig dag: gör halva dagens plan – {minutes} av {planned} minuter. " + BAD_DAY_RULE["sv"],
        "bad_day_hard": "En dålig dag: gör halva dagens plan – {minutes} av {planned} minuter, varav {hard} "
                        "ansträngande. " + BAD_DAY_RULE["sv"],
    },
}
DECIMAL_MARK = {"en": ".", "sv": ","}
# Codes whose sentence is followed by the bad-day note when the block had bad days.
WITH_BAD_DAYS = frozenset({"dose", "dose_hard"})

# The same decisions for the therapist's pacing timeline: third person, the rule named, no advice to
# the patient. One sentence per decision code of pacing_timeline.timeline; the means are over the
# done sessions (rules v3, issue 17).
FOR_THERAPIST: dict[str, dict[str, str]] = {
    "en": {
        "too_few": "Held: {count} counted sessions, fewer than the {needed} needed to judge the block.",
        "dose": "Held: {done} sessions done (80 % of the {planned} planned minutes); {needed} are needed "
                "({per_week} a week contracted).",
        "dose_hard": "Held: {done} sessions done (80 % of the {planned} planned minutes and of the {hard} hard "
                     "minutes); {needed} are needed ({per_week} a week contracted).",
        "bad_days_note": "Bad-day sessions: {bad_days}, counted as done for adherence, never judged.",
        "grow_goal": "Grew to the goal of {goal} minutes: mean effort of the done sessions {mean}, below somewhat "
                     "hard (14).",
        "grow": "Grew by 20 % to {minutes} minutes: mean effort of the done sessions {mean}, below somewhat hard "
                "(14).",
        "repeat": "Repeated for two more weeks: mean effort of the done sessions {mean}, 15 or more.",
        "hold": "Held: mean effort of the done sessions {mean}, somewhat hard (14 up to 15).",
        "intervals_start": "Intervals started at {hard} hard minutes: {minutes} minutes reached with mean effort "
                           "{mean}; goal {goal} minutes, {hard_goal} hard.",
        "intervals_wait": "Intervals not started yet: mean effort {mean} at {minutes} minutes (needs below 14).",
        "intervals_grow": "Hard minutes grew to {hard}: mean effort of the done sessions {mean}, below 16; goal "
                          "{goal} minutes, {hard_goal} hard.",
        "intervals_hold": "Hard minutes held at {hard}: mean effort of the done sessions {mean}, 16 or more.",
        "lengthen": "Grew by 20 % to {minutes} minutes, {hard} hard kept: mean effort of the done sessions {mean}, "
                    "below 16; goal {goal} minutes, {hard_goal} hard.",
        "lengthen_goal": "Grew to the goal of {goal} minutes, {hard} hard: mean effort of the done sessions {mean}, "
                         "below 16.",
        "lengthen_hold": "Held at {minutes} minutes, {hard} hard: mean effort of the done sessions {mean}, 16 or "
                         "more.",
        "goal": "Maintaining: the goal of {minutes} minutes per session is reached.",
        "goal_hard": "Maintaining: the goal of {minutes} minutes with {hard} hard minutes is reached.",
        "in_progress": "Current block: judged on its last day.",
    },
    "sv": {
        "too_few": "Oförändrat: {count} räknade pass, färre än de {needed} som behövs för att bedöma perioden.",
        "dose": "Oförändrat: {done} pass gjorda (80 % av de planerade {planned} minuterna); {needed} behövs "
                "({per_week} i veckan enligt kontraktet).",
        "dose_hard": "Oförändrat: {done} pass gjorda (80 % av de planerade {planned} minuterna och av de {hard} "
                     "ansträngande minuterna); {needed} behövs ({per_week} i veckan enligt kontraktet).",
        "bad_days_note": "Pass en dålig dag: {bad_days}, räknade som gjorda i följsamheten, aldrig bedömda.",
        "grow_goal": "Ökat till målet på {goal} minuter: medelansträngning för gjorda pass {mean}, under något "
                     "ansträngande (14).",
        "grow": "Ökat med 20 % till {minutes} minuter: medelansträngning för gjorda pass {mean}, under något "
                "ansträngande (14).",
        "repeat": "Upprepas två veckor till: medelansträngning för gjorda pass {mean}, 15 eller mer.",
        "hold": "Oförändrat: medelansträngning för gjorda pass {mean}, något ansträngande (14 till 15).",
        "intervals_start": "Intervaller påbörjade med {hard} ansträngande minuter: {minutes} minuter nådda med "
                           "medelansträngning {mean}; mål {goal} minuter varav {hard_goal} ansträngande.",
        "intervals_wait": "Intervaller inte påbörjade än: medelansträngning {mean} vid {minutes} minuter (kräver "
                          "under 14).",
        "intervals_grow": "Ansträngande minuter ökade till {hard}: medelansträngning för gjorda pass {mean}, under "
                          "16; mål {goal} minuter varav {hard_goal} ansträngande.",
        "intervals_hold": "Ansträngande minuter oförändrade på {hard}: medelansträngning för gjorda pass {mean}, "
                          "16 eller mer.",
        "lengthen": "Ökat med 20 % till {minutes} minuter, {hard} ansträngande behålls: medelansträngning för "
                    "gjorda pass {mean}, under 16; mål {goal} minuter varav {hard_goal} ansträngande.",
        "lengthen_goal": "Ökat till målet på {goal} minuter varav {hard} ansträngande: medelansträngning för gjorda "
                         "pass {mean}, under 16.",
        "lengthen_hold": "Oförändrat på {minutes} minuter varav {hard} ansträngande: medelansträngning för gjorda "
                         "pass {mean}, 16 eller mer.",
        "goal": "Bibehåller: målet på {minutes} minuter per pass är nått.",
        "goal_hard": "Bibehåller: målet på {minutes} minuter varav {hard} ansträngande är nått.",
        "in_progress": "Pågående period: bedöms på sista dagen.",
    },
}


def _shown(values: dict, locale: str) -> dict:
    return {k: (v.replace(".", DECIMAL_MARK[locale]) if isinstance(v, str) else v) for k, v in values.items()}


def _say(texts: dict[str, str], code: str, values: dict) -> str:
    sentence = texts[code].format(**values)
    if code in WITH_BAD_DAYS and values.get("bad_days"):
        sentence += " " + texts["bad_days_note"].format(**values)
    return sentence


def render(code: str, values: dict, locale: str = "en") -> str:
    """The sentence for a reason code; unknown locales fall back to English."""
    locale = locale if locale in TEXTS else "en"
    return _say(TEXTS[locale], code, _shown(values, locale))


def render_for_therapist(code: str, values: dict, locale: str = "en") -> str:
    """A timeline decision in the therapist's words; unknown locales fall back to English."""
    locale = locale if locale in FOR_THERAPIST else "en"
    return _say(FOR_THERAPIST[locale], code, _shown(values, locale))
