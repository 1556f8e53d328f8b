"""A real passkey in Chromium: the DevTools virtual authenticator plays the phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, sign_in


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1].split("?", 1)[0]


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized page on http://localhost (a passkey needs a host name, not an IP
    address) with a virtual platform authenticator that has fingerprint-style verification."""
    url = live_server.url.replace("127.0.0.1", "localhost")
    context = browser.new_context(base_url=url, viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    page.authenticator = (cdp, added["authenticatorId"])
    yield page
    context.close()


def test_a_client_adds_a_passkey_and_signs_in_with_one_tap(phone_page, live_server):
    page = phone_page
    sign_in(page, "client2@example.org")
    assert _path(page.url) == "/today"
    page.goto("/settings")
    page.fill("[data-passkey-name]", "Leo's phone")
    page.get_by_role("button", name="Add a passkey").click()
    page.wait_for_selector("text=Your passkey is ready")
    assert page.locator(".passkey-row", has_text="Leo's phone").count() == 1
    cdp, authenticator = page.authenticator
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})[
        "credentials"]) == 1

    page.locator("header .logout button").click()
    page.wait_for_url(lambda url: _path(url) == "/login")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(lambda url: _path(url) == "/today")
    assert page.get_by_role("heading", level=1).count() >= 1
    rows = live_server.query(
        "SELECT c.last_used_at FROM web_authn_credential c JOIN \"user\" u ON u.id = c.user_id "
        "WHERE u.email = ?", ("client2@example.org",))
    assert len(rows) == 1 and rows[0][0] is not None

    # Tidy up: remove it again from Settings; it no longer signs in.
    page.goto("/settings")
    page.locator(".passkey-row", has_text="Leo's phone").get_by_role("button").click()
    page.wait_for_selector("text=The passkey is removed")
    assert live_server.query(
        "SELECT count(*) FROM web_authn_credential c JOIN \"user\" u ON u.id = c.user_id "
        "WHERE u.email = ?", ("client2@example.org",))[0][0] == 0
