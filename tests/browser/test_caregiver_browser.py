"""The caregiver on a phone: tick for the client with the help given, read a guide step by step."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import sign_in


@pytest.fixture
def carer_page(page, live_server):
    """Tom (the demo caregiver) signed in; the demo data is put back afterwards."""
    sign_in(page, "caregiver@example.org")
    yield page
    live_server.reset_demo()


def test_caregiver_ticks_for_the_client_and_the_card_says_who(carer_page, live_server):
    page = carer_page
    page.get_by_role("link", name=re.compile("Open Rose Turner's practice")).click()
    form = page.locator("form.tick-form").first
    card_id = form.evaluate("f => f.closest('article').id")
    form.get_by_label("A little hands-on help").check()
    form.locator("button.button-done").click()
    card = page.locator(f"#{card_id}")
    card.get_by_text("logged by Tom Turner").wait_for()
    rows = live_server.query(
        "SELECT logged_by_role, assistance FROM completion WHERE logged_by_role = 'caregiver' "
        "ORDER BY id DESC LIMIT 1")
    assert rows == [("caregiver", 4)]


def test_guide_one_step_per_screen_moves_with_next_and_back(carer_page):
    page = carer_page
    page.get_by_role("link", name="Guides").click()
    page.locator(".guide-row a").first.click()
    page.get_by_role("link", name="Start: one step at a time").click()
    assert page.get_by_text("Step 1 of").is_visible()
    next_button = page.get_by_role("link", name="Next")
    assert next_button.is_visible()  # stays in reach while reading
    box = next_button.bounding_box()
    assert box["height"] >= 48 and box["y"] + box["height"] <= 844
    next_button.click()
    assert page.get_by_text("Step 2 of").is_visible()
    page.get_by_role("link", name="Back").click()
    assert page.get_by_text("Step 1 of").is_visible()
