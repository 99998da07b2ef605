"""Questionnaires when due: one question per screen, resumable from the server-side draft."""
import pytest

pytestmark = pytest.mark.browser

PIA = "patient1@demo.betterback.se"
PAUL = "patient2@demo.betterback.se"


def _answer_current_screen(page) -> str:
    """Answer what is on screen; return 'intro', 'item' or 'finish'."""
    if page.locator(".quest-nav .quest-next:has-text('Begin')").count():
        page.click(".quest-next")
        return "intro"
    if page.locator("button:has-text('Send my answers')").count():
        return "finish"
    if page.locator(".quest-skip").count():
        page.click(".quest-skip")
        return "item"
    if page.locator(".quest-range").count():               # a slider is moved, then "Next"
        page.locator(".quest-range").dispatch_event("change")
        page.click(".quest-next")
        return "item"
    question = page.locator(".quest-question").inner_text()
    page.locator(".quest-card label.quest-option, .quest-card label.pain-option").nth(1).click()
    # One tap answers and moves on to the next screen.
    page.wait_for_function("(q) => !document.querySelector('.quest-question') || document.querySelector('.quest-question').innerText !== q",
                           arg=question)
    return "item"


def test_questionnaire_one_question_per_screen_resumable(app_page, live_server):
    api = live_server.api(PIA)
    if not api.exists("/patients/me/assessments"):
        pytest.skip("the questionnaire API is not on the server yet")
    open_ = [a for a in api.call("GET", "/patients/me/assessments") if a["status"] == "open"]
    assert open_, "the demo patient has an open baseline questionnaire"
    assessment = open_[0]

    app = app_page()
    app.login(PIA)
    page = app.page
    page.click(".mini-link[href^='#/questionnaires/']")   # Today's compact card
    app.ready()
    app.shot("60-questionnaire-intro")
    page.click(".quest-next")                       # Begin
    assert page.locator(".quest-question").count() == 1
    app.shot("61-questionnaire-question")
    _answer_current_screen(page)
    _answer_current_screen(page)
    _answer_current_screen(page)                    # into the second instrument

    # Resumable: the answers so far are on the server (not in the browser); a reload continues there.
    draft = api.call("GET", "/patients/me/assessments")
    draft = [a for a in draft if a["id"] == assessment["id"]][0]["draft"]["answers"]
    assert len(draft["nrs"]) == 2
    stored = page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    assert "nrs" not in stored
    page.reload()
    app.ready()
    assert "2 of" in page.locator(".quest-progress").inner_text()

    screens = 0
    while _answer_current_screen(page) != "finish":
        screens += 1
        assert screens < 80
    app.shot("62-questionnaire-finish")
    page.click("button:has-text('Send my answers')")
    page.wait_for_selector(".empty-title:has-text('Thank you')")
    app.shot("63-questionnaire-thanks")
    done = [a for a in api.call("GET", "/patients/me/assessments") if a["id"] == assessment["id"]][0]
    assert done["status"] == "completed"

    app.go("#/questionnaires")
    assert page.locator(".empty-title").inner_text() == "No questionnaires are due"
    app.shot("64-questionnaires-none-due")


def test_a_clear_note_when_none_are_due(app_page, live_server):
    api = live_server.api(PAUL)
    if not api.exists("/patients/me/assessments"):
        pytest.skip("the questionnaire API is not on the server yet")
    app = app_page()
    app.login(PAUL)
    app.go("#/questionnaires")
    page = app.page
    if any(a["status"] == "open" for a in api.call("GET", "/patients/me/assessments")):
        assert page.locator(".quest-card.is-open").count() >= 1
    else:
        assert page.locator(".empty-title").inner_text() == "No questionnaires are due"
