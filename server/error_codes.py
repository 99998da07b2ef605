"""The catalogue of error codes: every error the API gives names one of these in `error`.

Codes are stable (the app shows its own text for the ones it knows); `message` is the
catalogue text in the caller's language, formatted with the error's parameters.
README.md lists the codes. A new code is added here with both languages.
"""
from __future__ import annotations

# code: (English, Swedish)
CODES: dict[str, tuple[str, str]] = {
    # --- the protocol level ---------------------------------------------------------------
    "bad_request": ("The request could not be read.", "Begäran kunde inte läsas."),
    "control_characters": ("Some fields contain control characters, which are not allowed.",
                           "Några uppgifter innehåller styrtecken, som inte är tillåtna."),
    "invalid_input": ("Some fields are not valid.", "Några uppgifter är inte giltiga."),
    "sign_in_required": ("Please sign in.", "Logga in först."),
    "forbidden_role": ("Your role does not give access to this.", "Din roll ger inte åtkomst till detta."),
    "no_access_rule": ("This route has no access rule.", "Den här adressen saknar åtkomstregel."),
    "csrf": ("The security token is missing or stale (send the one from GET /api/v1/me as X-CSRF-Token). "
             "Reload the page and try again.",
             "Säkerhetskoden saknas eller är för gammal. Ladda om sidan och försök igen."),
    "not_found": ("Not found.", "Hittades inte."),
    "method_not_allowed": ("This method is not allowed here.", "Metoden är inte tillåten här."),
    "not_acceptable": ("No acceptable response format.", "Inget godtagbart svarsformat."),
    "payload_too_large": ("The request body is too large.", "Begärans innehåll är för stort."),
    "uri_too_long": ("The address is too long.", "Adressen är för lång."),
    "unsupported_media_type": ("Send the body as application/json.", "Skicka innehållet som application/json."),
    "body_required": ("This request needs a JSON body.", "Begäran behöver ett JSON-innehåll."),
    "rate_limited": ("Too many attempts. Try again in {wait}.", "För många försök. Försök igen om {wait}."),
    "server_error": ("Something went wrong on our side. Please try again.",
                     "Något gick fel hos oss. Försök igen."),
    "http_error": ("The request could not be completed.", "Begäran kunde inte genomföras."),
    # --- accounts ---------------------------------------------------------------------------
    "login_failed": ("Wrong e-mail or password.", "Fel e-postadress eller lösenord."),
    "password_weak": ("Choose a password of 10 to 128 characters with more than three different characters, "
                      "not your e-mail address.",
                      "Välj ett lösenord på 10 till 128 tecken med fler än tre olika tecken, "
                      "inte din e-postadress."),
    "password_wrong": ("The current password is wrong.", "Det nuvarande lösenordet är fel."),
    "email_taken": ("This e-mail address cannot be used for a new account here.",
                    "E-postadressen kan inte användas för ett nytt konto här."),
    "cannot_demote_self": ("You cannot deactivate yourself or drop your own admin role.",
                           "Du kan inte inaktivera dig själv eller ta bort din egen administratörsroll."),
    "account_not_found": ("No account with this e-mail.", "Inget konto med den e-postadressen."),
    "clinic_not_found": ('No clinic is named "{name}" (clinics: {names}). Check the spelling, or add --new-clinic '
                         "to create it.",
                         'Ingen mottagning heter "{name}" (mottagningar: {names}). Kontrollera stavningen, eller lägg '
                         "till --new-clinic för att skapa den."),
    "account_ambiguous": ("This e-mail has accounts in more than one clinic: name the clinic.",
                          "E-postadressen har konton på flera mottagningar: ange mottagningen."),
    "invite_invalid": ("This invitation code is not valid. Check it or ask your physiotherapist.",
                       "Inbjudningskoden är inte giltig. Kontrollera den eller fråga din fysioterapeut."),
    "invite_used": ("This invitation code has already been used.", "Inbjudningskoden har redan använts."),
    "invite_replaced": ("This invitation code has been replaced by a newer one.",
                        "Inbjudningskoden har ersatts av en nyare."),
    "invite_expired": ("This invitation code has expired. Ask your physiotherapist for a new one.",
                       "Inbjudningskoden har gått ut. Be din fysioterapeut om en ny."),
    "already_active": ("This patient has already set a password.", "Patienten har redan valt ett lösenord."),
    "name_locked": ("Ask your physiotherapist to change your name.", "Be din fysioterapeut att ändra ditt namn."),
    # --- who may see what -----------------------------------------------------------------------
    "patient_not_found": ("No such patient.", "Patienten finns inte."),
    "me_patient_only": ("Only a patient has a 'me' record.", "Bara en patient har en egen journal ('me')."),
    "group_not_found": ("No such group.", "Gruppen finns inte."),
    "staff_not_found": ("No such staff member.", "Medarbetaren finns inte."),
    "therapist_not_found": ("No active therapist with this id in the clinic.",
                            "Ingen aktiv fysioterapeut med det id:t på mottagningen."),
    # --- groups ----------------------------------------------------------------------------------
    "supervisor_invalid": ("The supervisor must be an active supervisor or therapist of the clinic.",
                           "Handledaren måste vara en aktiv handledare eller fysioterapeut på mottagningen."),
    "already_member": ("The patient is already in this group.", "Patienten är redan med i gruppen."),
    "not_member": ("The patient is not in this group.", "Patienten är inte med i gruppen."),
    "no_session_on_date": ("The group has no session on this date.", "Gruppen har inget pass det datumet."),
    "attendance_too_early": ("Attendance can be taken on the day of the session or later.",
                             "Närvaro kan tas samma dag som passet eller senare."),
    # --- training: program, contract, diary ----------------------------------------------------------
    "no_contract": ("There is no training contract yet.", "Det finns inget träningskontrakt än."),
    "contract_revised": ("Your physiotherapist has changed the contract since you opened it (you accepted version "
                         "{accepted}, the current one is version {version}); read the new one before accepting.",
                         "Din fysioterapeut har ändrat kontraktet sedan du öppnade det (du godkände version "
                         "{accepted}, den nya är version {version}); läs det nya innan du godkänner."),
    "contract_version_unknown": ("There is no version {version} of your contract; the current one is version "
                                 "{current}.",
                                 "Det finns ingen version {version} av ditt kontrakt; det gällande är version "
                                 "{current}."),
    "before_program": ("The date is before these exercises were added to your program.",
                       "Datumet är före den dag övningarna lades till i ditt program."),
    "already_accepted": ("You have already accepted this contract.", "Du har redan godkänt kontraktet."),
    "contract_not_started": ("The date is before your training contract starts ({start}).",
                             "Datumet är före ditt träningskontrakts start ({start})."),
    "date_in_future": ("The date is in the future for your time zone.",
                       "Datumet ligger i framtiden i din tidszon."),
    "date_out_of_range": ("Use a date from {min} to {max}.", "Ange ett datum från {min} till {max}."),
    "hard_minutes_exceed": ("Hard minutes cannot be more than the session's minutes.",
                            "Minuter med hög ansträngning kan inte vara fler än passets minuter."),
    "exercise_not_in_program": ("Not in your program: item {item}.", "Finns inte i ditt program: övning {item}."),
    "no_open_episode": ("This patient has no open care episode.", "Patienten har ingen öppen vårdepisod."),
    "episode_open": ("This patient already has an open care episode.", "Patienten har redan en öppen vårdepisod."),
    "red_flag_unknown": ("Unknown red flag: {flags}.", "Okänd röd flagga: {flags}."),
    "visit_before_episode": ("A visit cannot be before the episode was opened.",
                             "Ett besök kan inte ligga före vårdepisodens början."),
    "discharge_before_episode": ("Discharge cannot be before the episode was opened.",
                                 "Avslutet kan inte ligga före vårdepisodens början."),
    "red_flag_outcome_required": ("A red flag needs its outcome first ({flags}): ruled out after examination, or "
                                  "referred.",
                                  "En röd flagga behöver först ett utfall ({flags}): utesluten efter undersökning "
                                  "eller remitterad."),
    "red_flag_not_ticked": ("This red flag is not ticked in the care episode.",
                            "Den röda flaggan är inte markerad i vårdepisoden."),
    "red_flag_outcome_recorded": ("This red flag already has an outcome; tick it again for a new assessment.",
                                  "Den röda flaggan har redan ett utfall; markera den på nytt för en ny bedömning."),
    "referral_needs_recipient": ("Write who the patient was referred to.", "Skriv vem patienten remitterades till."),
    "resume_needs_note": ("Write why care can resume.", "Skriv varför behandlingen kan återupptas."),
    "care_not_paused": ("This patient's care is not paused.", "Patientens behandling är inte pausad."),
    "care_paused": ("Care is paused for this patient (a red flag or a referral). Program, levels, contract and "
                    "groups cannot be changed until the therapist resumes care in the care episode.",
                    "Patientens behandling är pausad (röd flagga eller remiss). Program, nivåer, kontrakt och "
                    "grupper kan inte ändras förrän behandlingen återupptas i vårdepisoden."),
    "screening_required": ("Screen for red flags in an open care episode before the first program or contract "
                           "(\"none of these\" is an answer).",
                           "Gå igenom de röda flaggorna i en öppen vårdepisod innan det första programmet eller "
                           "kontraktet (”Inga av dessa” är också ett svar)."),
    "account_closed": ("This patient's account is closed; the record can be read, not changed.",
                       "Patientens konto är avslutat; journalen kan läsas men inte ändras."),
    "retention_too_short": ("Swedish patient records are kept at least {minimum} years.",
                            "Patientjournaler ska enligt lag sparas i minst {minimum} år."),
    "retention_too_long": ("At most {maximum} years.", "Högst {maximum} år."),
    "equipment_unknown": ("Unknown equipment: use none or one of {known}.",
                          "Okänd utrustning: ange none eller något av {known}."),
    "review_item_not_found": ("No such item in your review queue.", "Det finns ingen sådan punkt i din granskningslista."),
    "symptom_response_not_rom": ("Item {item} is not a range-of-movement exercise; only those are asked how the back "
                                 "and leg felt.",
                                 "Övning {item} är ingen rörlighetsövning; bara de frågar hur ryggen och benet kändes."),
    "exercise_not_done_with_counts": ("Item {item} is logged as skipped or not started, so it has no sets, "
                                      "repetitions, effort or symptom answer.",
                                      "Övning {item} är markerad som hoppad över eller inte påbörjad och kan då inte "
                                      "ha set, repetitioner, ansträngning eller svar om besvären."),
    "exercise_done_without_counts": ("Item {item} is logged as done: give at least one set and one repetition, or "
                                     "log it as skipped.",
                                     "Övning {item} är markerad som gjord: ange minst ett set och en repetition, "
                                     "eller markera den som hoppad över."),
    "set_repetitions_mismatch": ("Item {item}: the repetitions per set do not match the sets and repetitions done.",
                                 "Övning {item}: repetitionerna per set stämmer inte med antalet set och "
                                 "repetitioner."),
    "client_id_reused": ("This entry id was already used for a different entry.",
                         "Postens id har redan använts för en annan post."),
    "entry_deleted": ("This entry was deleted.", "Posten har tagits bort."),
    "entry_not_found": ("No such diary entry.", "Dagboksposten finns inte."),
    "edit_window_closed": ("Diary entries can be changed for {days} days only.",
                           "Dagboksposter kan bara ändras i {days} dagar."),
    "minutes_rpe_together": ("Log minutes and effort (RPE) together.",
                             "Ange minuter och ansträngning (RPE) tillsammans."),
    "entry_empty": ("An entry needs exercises or general training.",
                    "En post behöver övningar eller allmän träning."),
    "exercise_unknown": ("items.{index}: no exercise '{exercise}' in the library.",
                         "items.{index}: övningen '{exercise}' finns inte i biblioteket."),
    "general_in_contract": ("items.{index}: general training is set in the training contract.",
                            "items.{index}: allmän träning bestäms i träningskontraktet."),
    "exercise_twice": ("items.{index}: '{exercise}' is listed twice.", "items.{index}: '{exercise}' finns två gånger."),
    "family_twice": ("items.{index}: family '{family}' is already at level {level}; assign one level per family.",
                     "items.{index}: familjen '{family}' har redan nivå {level}; en nivå per familj."),
    "part1_not_reached": ("Part 2 can be assigned once the patient has reached the basic competencies of Part 1.",
                          "Del 2 kan tilldelas när patienten har nått grundfärdigheterna i del 1."),
    "part2_assigned": ("Remove the Part 2 exercises before withdrawing the Part 1 competence.",
                       "Ta bort övningarna i del 2 innan du drar tillbaka färdigheten i del 1."),
    "family_not_in_program": ("Family '{family}' is not in this patient's program.",
                              "Familjen '{family}' finns inte i patientens program."),
    "already_at_level": ("Family '{family}' is already at level {level}.",
                         "Familjen '{family}' har redan nivå {level}."),
    "no_such_level": ("Family '{family}' has no level {level}.", "Familjen '{family}' har ingen nivå {level}."),
    # --- content --------------------------------------------------------------------------------------
    "observation_item_not_found": ("No such exercise in this patient's current program.",
                                   "Övningen finns inte i patientens nuvarande program."),
    "observation_not_part2": ("Readiness for the next level is recorded for Part 2 exercises only.",
                              "Redo för nästa nivå anges bara för övningar i del 2."),
    "observation_top_level": ("Level {level} is the last level; there is no next level to get ready for.",
                              "Nivå {level} är den sista nivån; det finns ingen nästa nivå."),
    "family_unknown": ("Unknown exercise family.", "Okänd övningsfamilj."),
    "exercise_not_found": ("No such exercise.", "Övningen finns inte."),
    "education_not_found": ("No such education item.", "Utbildningsmaterialet finns inte."),
    # --- questionnaires -------------------------------------------------------------------------------
    "questionnaire_not_found": ("No such questionnaire.", "Formuläret finns inte."),
    "instrument_not_included": ("'{instrument}' is not part of this questionnaire.",
                                "'{instrument}' ingår inte i det här formuläret."),
    "startback_out_of_range": ("STarT Back: the total is 0-9 and the psychosocial score 0-5.",
                               "STarT Back: summan är 0–9 och den psykosociala delsumman 0–5."),
    "startback_inconsistent": ("STarT Back: the psychosocial score (items 5-9) is part of the total, and items "
                               "1-4 add at most 4; check the form.",
                               "STarT Back: den psykosociala delsumman (fråga 5–9) ingår i summan, och fråga 1–4 "
                               "ger högst 4; kontrollera formuläret."),
    "licensed_wording_missing": ("'{instrument}' is not asked: its validated wording is not installed at this "
                                 "clinic (see content/questionnaires/README.md).",
                                 "'{instrument}' ställs inte: den validerade ordalydelsen finns inte installerad "
                                 "på mottagningen (se content/questionnaires/README.md)."),
    "answer_invalid": ("An answer to {instrument} is not valid ({item}).",
                       "Ett svar i {instrument} är inte giltigt ({item})."),
    "answers_missing": ("Answers are missing for: {instruments}.", "Svar saknas för: {instruments}."),
    "assessment_completed": ("This questionnaire has already been answered.", "Formuläret är redan besvarat."),
    "assessment_upcoming": ("This questionnaire opens on {date}.", "Formuläret öppnar {date}."),
    "assessment_missed": ("This questionnaire has closed.", "Formuläret har stängt."),
    # --- the CRPE tool ---------------------------------------------------------------------------------
    "crpe_item_unknown": ("'{item}' is not an item of this part of the CRPE form.",
                          "'{item}' finns inte i den här delen av CRPE-formuläret."),
    "crpe_grade_range": ("The grade of '{item}' must be 0 to 4.", "Graden för '{item}' ska vara 0 till 4."),
    "crpe_subgroup_unknown": ("'{subgroup}' is not a category of the form.",
                              "'{subgroup}' är inte en kategori i formuläret."),
    "crpe_icd10_required": ("Choose at least one ICD-10 code for the category.",
                            "Välj minst en ICD-10-kod för kategorin."),
    "crpe_icd10_needs_subgroup": ("Choose the primary category before its ICD-10 codes.",
                                  "Välj huvudkategori innan du väljer ICD-10-koder."),
    "crpe_icd10_not_allowed": ("{icd10} is not a code of category '{subgroup}' (a new code is added at the final "
                               "assessment).",
                               "{icd10} hör inte till kategorin '{subgroup}' (en ny kod läggs till vid "
                               "slutbedömningen)."),
    "crpe_final_only": ("Treatment, effect and visits are recorded at the final assessment.",
                        "Behandling, effekt och antal besök fylls i vid slutbedömningen."),
    "crpe_treatment_unknown": ("'{item}' is not a treatment of the form.",
                               "'{item}' är inte en behandling i formuläret."),
    "crpe_other_words": ("Say in words which other treatment was used ({group}).",
                         "Skriv vilken annan behandling som användes ({group})."),
    "crpe_other_unticked": ("Words for another treatment ({group}) need its box ticked.",
                            "Kryssa i rutan för annan behandling ({group}) när du beskriver den."),
    "crpe_effect_unknown": ("'{effect}' is not one of the form's treatment effects.",
                            "'{effect}' är inte en av formulärets behandlingseffekter."),
    "crpe_first_missing": ("Record the first assessment before the final one.",
                           "Fyll i den första bedömningen före slutbedömningen."),
    "crpe_before_episode": ("The assessment cannot be before the care episode was opened ({date}).",
                            "Bedömningen kan inte ligga före vårdepisodens början ({date})."),
    "crpe_no_episode": ("Open the care episode before the CRPE assessment.",
                        "Öppna vårdepisoden före CRPE-bedömningen."),
    # --- push -----------------------------------------------------------------------------------------
    "subscription_not_found": ("No such subscription of yours.", "Du har ingen sådan prenumeration."),
    "endpoint_taken": ("This push endpoint belongs to another account.",
                       "Den här push-adressen hör till ett annat konto."),
}


def wait_words(seconds: int) -> dict[str, str]:
    """How long to wait, in words per language: seconds under a minute, else whole minutes (rounded up)."""
    if seconds < 60:
        return {"en": f"{seconds} second{'' if seconds == 1 else 's'}",
                "sv": f"{seconds} {'sekund' if seconds == 1 else 'sekunder'}"}
    minutes = -(-seconds // 60)
    return {"en": f"{minutes} minute{'' if minutes == 1 else 's'}",
            "sv": f"{minutes} {'minut' if minutes == 1 else 'minuter'}"}


def text(code: str, locale: str, **params) -> str:
    """The catalogue text of `code` in `locale` (en or sv), with its parameters filled in."""
    english, swedish = CODES.get(code, CODES["http_error"])
    template = swedish if locale == "sv" else english
    # A parameter may be given per language as {"en": ..., "sv": ...} (e.g. names of red flags).
    params = {k: (v.get(locale, v.get("en")) if isinstance(v, dict) else v) for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
