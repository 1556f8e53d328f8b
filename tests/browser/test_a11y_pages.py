"""axe-core on every page of every demo role, on a phone and a desktop screen: zero WCAG 2.2
A and AA violations. The page list comes from the app's url_map (see tests/browser/a11y.py)."""

from __future__ import annotations

import pytest

from tests.browser.a11y import (
    VIEWPORTS,
    all_pages,
    axe_violations,
    describe,
    open_all_details,
)

PAGES = all_pages()


def check_page(profiles, role, viewport, path, prepare=None):
    """Open `path` as `role` and fail with axe's findings, if any."""
    ctx = profiles.context(role, VIEWPORTS[viewport], bypass_csp=True)
    try:
        page, response = profiles.goto(ctx, role, path)
        assert response is not None and response.status < 500, f"{path} answered {response}"
        if prepare:
            prepare(page)
        open_all_details(page)
        violations = axe_violations(page)
        assert not violations, describe(violations, f"{path} as {role} ({viewport}, {page.url})")
    finally:
        ctx.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.id)
def test_page_has_no_axe_violations(profiles, ids, target, viewport):
    check_page(profiles, target.role, viewport, ids.path(target))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_error_page_has_no_axe_violations(profiles, viewport):
    check_page(profiles, "guest", viewport, "/no-such-page")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_signed_in_error_page_has_no_axe_violations(profiles, viewport):
    check_page(profiles, "client", viewport, "/clients/1")  # a therapist page: not for Rose


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_second_factor_step_has_no_axe_violations(browser, live_server, viewport):
    ctx = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS[viewport],
                              bypass_csp=True)
    try:
        page = ctx.new_page()
        page.goto("/login")
        page.fill("input[name=email]", "therapist@example.org")
        page.fill("input[name=password]", "homeward-demo")
        page.click("form[action^='/login'] button[type=submit]")
        page.wait_for_selector("input[name=code]")
        violations = axe_violations(page)
        assert not violations, describe(violations, f"the second-factor step ({viewport})")
    finally:
        ctx.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_today_after_a_tick_has_no_axe_violations(profiles, live_server, viewport):
    """A done card shows more (rating scales, note, undo): it must pass too."""

    def tick_first(page):
        page.locator(".tick-form button[type=submit]").first.click()
        page.wait_for_selector(".card.is-done .done-badge")

    try:
        check_page(profiles, "client", viewport, "/today", prepare=tick_first)
    finally:
        live_server.reset_demo()
