"""The client on a phone: tick, rate and undo in place, also without JavaScript; goals; history."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import PHONE, sign_in


@pytest.fixture
def rose(page, live_server):
    """Rose (the demo client) signed in; the demo data is put back afterwards."""
    problems = []
    page.on("console", lambda m: problems.append(m.text)
            if "Content Security Policy" in m.text or m.type == "error" and "422" not in m.text
            else None)
    sign_in(page, "client@example.org")
    yield page, problems
    live_server.reset_demo()


def _progress(page) -> tuple[int, int]:
    done, total = re.match(r"\D*(\d+) of (\d+) done", page.inner_text("#progress h2")).groups()
    return int(done), int(total)


def test_done_rate_and_undo_update_the_card_in_place(rose):
    page, problems = rose
    done, total = _progress(page)
    card_id = page.locator("article.card:not(.is-done)").first.get_attribute("id")
    card = page.locator(f"#{card_id}")
    card.locator("button.button-done").click()
    card.locator(".done-badge").wait_for()
    assert _progress(page) == (done + 1, total)
    assert f"{done + 1} of {total} done" in page.inner_text("#tick-message")
    card.locator("button[name=difficulty][value='3']").click()
    card.locator("button[name=difficulty][value='3'][aria-pressed=true]").wait_for()
    card.locator("button[name=pain][value='1']").click()
    card.get_by_text("How hard: 3 of 10 · Pain: 1 of 10").wait_for()
    card.locator(".undo-form button").click()
    card.locator("button.button-done").wait_for()
    assert _progress(page) == (done, total)
    assert problems == []


def test_without_javascript_done_posts_and_comes_back(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE,
                                  java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, "client@example.org")
        done, total = _progress(page)
        page.locator("article.card:not(.is-done) button.button-done").first.click()
        page.wait_for_load_state()
        assert page.url.split("#")[0].endswith("/today")
        assert _progress(page) == (done + 1, total)
        assert page.get_by_text("Well done!").is_visible()
    finally:
        context.close()
        live_server.reset_demo()


def test_goal_check_in_is_saved_and_a_missing_rating_is_explained(rose):
    page, problems = rose
    page.get_by_role("link", name="Goals").click()
    goal = page.locator("article.goal:has(form.checkin)").first
    goal_id = goal.get_attribute("id")
    goal.locator("button[type=submit]").click()
    page.locator(f"#{goal_id} .alert").get_by_text("Please choose a number").wait_for()
    goal = page.locator(f"#{goal_id}")
    goal.locator("label.rating-opt:has(input[name=performance][value='6'])").click()
    goal.locator("label.rating-opt:has(input[name=satisfaction][value='7'])").click()
    goal.locator("button[type=submit]").click()
    page.locator(f"#{goal_id}").get_by_text("Your check-in is saved").wait_for()
    assert page.get_by_text("What comes next").is_visible()
    assert problems == []


def test_history_shows_the_calendar_and_its_table(rose):
    page, problems = rose
    page.get_by_role("link", name="Progress").click()
    calendar = page.locator("section:has(#calendar-h)")
    assert calendar.locator("svg[role=img]").is_visible()
    calendar.get_by_text("Show as a table").click()
    assert calendar.locator("table").is_visible()
    assert "Week of" in calendar.locator("table").inner_text()
    assert problems == []
