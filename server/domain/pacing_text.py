"""The plain-words reasons of server/domain/pacing.py, in each language the app speaks.

Each rule gives a code and its numbers; the sentence is chosen here, so a Swedish patient reads
the same reasoning as an English one. Numbers with decimals follow the language's own mark.
"""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "start": "Start at {minutes} minutes, {per_week} times a week, about 20 % below what you can do now, at an "
                 "effort of 11-14 (fairly light to somewhat hard).",
        "dose": "Do the planned sessions first: {done} of {needed} done in the last two weeks (a session counts "
                "when it lasts at least 80 % of {planned} minutes; you planned {per_week} a week). The plan stays "
                "the same until the sessions are done.",
        "grow": "The last two weeks felt below somewhat hard (average effort {mean}), so your sessions grow by 20 % "
                "to {minutes} minutes.",
        "grow_goal": "The last two weeks felt below somewhat hard (average effort {mean}), so your sessions grow to "
                     "{minutes} minutes: you have reached your goal of {goal} minutes.",
        "repeat": "The last two weeks felt hard (average effort {mean}): repeat the same for two more weeks.",
        "hold": "The last two weeks felt somewhat hard (average effort {mean}): keep the same for two more weeks.",
        "intervals_start": "You now train {minutes} minutes and it felt below somewhat hard (average effort {mean}). "
                           "Instead of longer sessions towards your goal of {goal} minutes, add intervals: {hard} "
                           "minutes at 15-16 on the scale, hard enough that talking is difficult.",
        "intervals_wait": "At {minutes} minutes the last two weeks had an average effort of {mean}; intervals start "
                          "once it feels below somewhat hard (under 14).",
        "intervals_grow": "Your intervals went well (average effort {mean}): {hard} hard minutes at 15-16 from now on.",
        "intervals_hold": "The last two weeks were harder than the intervals should be (average effort {mean}): keep "
                          "{hard} hard minutes for two more weeks.",
        "goal_hard": "You have reached your goal of {goal} minutes, trained as {minutes} minutes with {hard} hard "
                     "minutes. Keep it up.",
        "goal": "You have reached your goal of {goal} minutes per session. Keep it up.",
        "very_easy": "Your last two sessions felt very easy (effort {first} and {second}), so add a little: "
                     "{minutes} minutes.",
        "bad_day": "A bad day: do half of today's plan - {minutes} of {planned} minutes. This session will not "
                   "count when your plan is reviewed.",
        "bad_day_hard": "A bad day: do half of today's plan - {minutes} of {planned} minutes, {hard} of them hard. "
                        "This session will not count when your plan is reviewed.",
    },
    # One term each: "ansträngning" for effort (RPE), "i genomsnitt" for the mean, "ansträngande
    # minuter" for hard minutes, "pass" for a session.
    "sv": {
        "start": "Börja med {minutes} minuter {per_week} gånger i veckan, ungefär 20 % under vad du klarar i dag. "
                 "Ansträngningen ska ligga på 11–14 (ganska lätt till något ansträngande).",
        "dose": "Gör först de planerade passen: {done} av {needed} gjorda de senaste två veckorna (ett pass räknas "
                "när det varar minst 80 % av {planned} minuter; du planerade {per_week} i veckan). Planen är densamma "
                "tills passen är gjorda.",
        "grow": "De senaste två veckorna kändes lättare än något ansträngande (ansträngning i genomsnitt {mean}), "
                "så dina pass ökar med 20 % till {minutes} minuter.",
        "grow_goal": "De senaste två veckorna kändes lättare än något ansträngande (ansträngning i genomsnitt "
                     "{mean}), så dina pass ökar till {minutes} minuter: du har nått ditt mål på {goal} minuter.",
        "repeat": "De senaste två veckorna kändes ansträngande (ansträngning i genomsnitt {mean}): gör likadant "
                  "två veckor till.",
        "hold": "De senaste två veckorna kändes något ansträngande (ansträngning i genomsnitt {mean}): fortsätt "
                "likadant två veckor till.",
        "intervals_start": "Du tränar nu {minutes} minuter och det kändes lättare än något ansträngande "
                           "(ansträngning i genomsnitt {mean}). I stället för längre pass mot ditt mål på {goal} "
                           "minuter lägger du till intervaller: {hard} minuter på 15–16 på skalan, så jobbigt att "
                           "det är svårt att prata.",
        "intervals_wait": "Med {minutes} minuter var ansträngningen i genomsnitt {mean} de senaste två veckorna. "
                          "Intervaller börjar när det känns lättare än något ansträngande (under 14).",
        "intervals_grow": "Dina intervaller gick bra (ansträngning i genomsnitt {mean}): {hard} ansträngande minuter "
                          "på 15–16 från och med nu.",
        "intervals_hold": "De senaste två veckorna var jobbigare än intervallerna ska vara (ansträngning i "
                          "genomsnitt {mean}): behåll {hard} ansträngande minuter två veckor till.",
        "goal_hard": "Du har nått ditt mål på {goal} minuter, som du tränar som {minutes} minuter varav {hard} "
                     "ansträngande. Fortsätt så!",
        "goal": "Du har nått ditt mål på {goal} minuter per pass. Fortsätt så!",
        "very_easy": "Dina två senaste pass kändes mycket lätta (ansträngning {first} och {second}), så lägg till "
                     "lite: {minutes} minuter.",
        "bad_day": "En dålig dag: gör halva dagens plan – {minutes} av {planned} minuter. Passet räknas inte när "
                   "din plan ses över.",
        "bad_day_hard": "En dålig dag: gör halva dagens plan – {minutes} av {planned} minuter, varav {hard} "
                        "ansträngande. Passet räknas inte när din plan ses över.",
    },
}
DECIMAL_MARK = {"en": ".", "sv": ","}

# The same decisions for the therapist's pacing timeline: third person, the rule named, no advice to
# the patient. One sentence per decision code of pacing_timeline.timeline ("dose" and "grow_goal" are the codes
# of the revised pacing rules of issue 9).
FOR_THERAPIST: dict[str, dict[str, str]] = {
    "en": {
        "too_few": "Held: {count} counted sessions, fewer than the {needed} needed to judge the block.",
        "dose": "Held: {done} sessions reached 80 % of the {planned} planned minutes; {needed} are needed "
                "({per_week} a week contracted).",
        "grow_goal": "Grew to the goal of {goal} minutes: mean effort {mean}, below somewhat hard (14).",
        "grow": "Grew by 20 % to {minutes} minutes: mean effort {mean}, below somewhat hard (14).",
        "repeat": "Repeated for two more weeks: mean effort {mean}, 15 or more.",
        "hold": "Held: mean effort {mean}, somewhat hard (14 up to 15).",
        "intervals_start": "Intervals started at {hard} hard minutes: {minutes} minutes reached with mean effort "
                           "{mean}.",
        "intervals_wait": "Intervals not started yet: mean effort {mean} at {minutes} minutes (needs below 14).",
        "intervals_grow": "Hard minutes grew to {hard}: mean effort {mean}, 16 or less.",
        "intervals_hold": "Hard minutes held at {hard}: mean effort {mean}, above 16.",
        "goal": "Maintaining: the goal of {minutes} minutes per session is reached.",
        "goal_hard": "Maintaining: the goal of {minutes} minutes with {hard} hard minutes is reached.",
        "in_progress": "Current block: judged on its last day.",
    },
    "sv": {
        "too_few": "Oförändrat: {count} räknade pass, färre än de {needed} som behövs för att bedöma perioden.",
        "dose": "Oförändrat: {done} pass nådde 80 % av de planerade {planned} minuterna; {needed} behövs "
                "({per_week} i veckan enligt kontraktet).",
        "grow_goal": "Ökat till målet på {goal} minuter: medelansträngning {mean}, under något ansträngande (14).",
        "grow": "Ökat med 20 % till {minutes} minuter: medelansträngning {mean}, under något ansträngande (14).",
        "repeat": "Upprepas två veckor till: medelansträngning {mean}, 15 eller mer.",
        "hold": "Oförändrat: medelansträngning {mean}, något ansträngande (14 till 15).",
        "intervals_start": "Intervaller påbörjade med {hard} ansträngande minuter: {minutes} minuter nådda med "
                           "medelansträngning {mean}.",
        "intervals_wait": "Intervaller inte påbörjade än: medelansträngning {mean} vid {minutes} minuter (kräver "
                          "under 14).",
        "intervals_grow": "Ansträngande minuter ökade till {hard}: medelansträngning {mean}, högst 16.",
        "intervals_hold": "Ansträngande minuter oförändrade på {hard}: medelansträngning {mean}, över 16.",
        "goal": "Bibehåller: målet på {minutes} minuter per pass är nått.",
        "goal_hard": "Bibehåller: målet på {minutes} minuter varav {hard} ansträngande är nått.",
        "in_progress": "Pågående period: bedöms på sista dagen.",
    },
}


def render(code: str, values: dict, locale: str = "en") -> str:
    """The sentence for a reason code; unknown locales fall back to English."""
    locale = locale if locale in TEXTS else "en"
    shown = {k: (v.replace(".", DECIMAL_MARK[locale]) if isinstance(v, str) else v) for k, v in values.items()}
    return TEXTS[locale][code].format(**shown)


def render_for_therapist(code: str, values: dict, locale: str = "en") -> str:
    """A timeline decision in the therapist's words; unknown locales fall back to English."""
    locale = locale if locale in FOR_THERAPIST else "en"
    shown = {k: (v.replace(".", DECIMAL_MARK[locale]) if isinstance(v, str) else v) for k, v in values.items()}
    return FOR_THERAPIST[locale][code].format(**shown)
