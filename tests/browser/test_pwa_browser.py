"""The installable app in real Chromium: service worker, offline page, offline ticks, manifest."""

from __future__ import annotations

import time

from tests.browser.conftest import sign_in

CLIENT = "client@example.org"


def controlled(page):
    """Wait until the service worker is installed, activated and controls the page."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null",
                           timeout=20000)
    return page


def wait_for_rows(live_server, sql, params, expected, timeout=20.0):
    """Poll the server's database until the query counts `expected` (or time runs out)."""
    deadline = time.monotonic() + timeout
    count = None
    while time.monotonic() < deadline:
        count = live_server.query(sql, params)[0][0]
        if count == expected:
            return count
        time.sleep(0.25)
    return count


def test_service_worker_installs_and_controls_the_page(page):
    sign_in(page, CLIENT)
    page.goto("/today")
    controlled(page)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
    caches = page.evaluate("caches.keys()")
    assert any(name.startswith("homeward-shell-") for name in caches)
    shell = [n for n in caches if n.startswith("homeward-shell-")][0]
    cached = page.evaluate("""name => caches.open(name).then(c => c.keys())
                              .then(keys => keys.map(r => new URL(r.url).pathname))""", shell)
    assert "/offline" in cached and "/static/css/app.css" in cached


def test_offline_page_shows_when_the_network_is_cut(page, context):
    sign_in(page, CLIENT)
    page.goto("/today")
    controlled(page)
    page.reload()  # this visit goes through the worker, which keeps Today
    context.set_offline(True)
    try:
        page.goto("/settings")
        assert "offline" in page.locator("h1").inner_text().lower()
        # The last Today seen is still there to read on the bus.
        page.goto("/today")
        assert page.locator("h1").inner_text().startswith("Today")
        assert page.locator("article.card").count() > 0
    finally:
        context.set_offline(False)


def test_tick_made_offline_is_stored_once_after_reconnecting(page, context, live_server):
    sign_in(page, CLIENT)
    page.goto("/today")
    controlled(page)
    page.reload()
    form = page.locator("article.card:not(.is-done) form.tick-form").first
    card_id = form.locator("xpath=ancestor::article").get_attribute("id")
    key = form.locator("input[name=key]").get_attribute("value")
    sql = "SELECT count(*) FROM completion WHERE key = ?"
    assert live_server.query(sql, (key,))[0][0] == 0

    context.set_offline(True)
    try:
        form.locator("button[type=submit]").click()
        card = page.locator(f"#{card_id}")
        card.locator(".pending-badge").wait_for()
        assert "will sync" in card.inner_text()
        outbox = page.evaluate("window.Homeward.outbox.all()")
        assert [t["key"] for t in outbox] == [key]
        assert live_server.query(sql, (key,))[0][0] == 0
    finally:
        context.set_offline(False)

    assert wait_for_rows(live_server, sql, (key,), 1) == 1
    page.wait_for_function("window.Homeward.outbox.all().then(t => t.length === 0)")
    # Replaying again, or reloading, never makes a second row.
    page.evaluate("window.Homeward.outbox.replay()")
    page.reload()
    time.sleep(1)
    assert live_server.query(sql, (key,))[0][0] == 1
    assert page.locator(f"#{card_id}").get_attribute("class").find("is-done") >= 0


def test_manifest_is_valid_for_chromium(page):
    sign_in(page, CLIENT)
    page.goto("/today")
    session = page.context.new_cdp_session(page)
    result = session.send("Page.getAppManifest")
    assert result["url"].endswith("/manifest.webmanifest")
    assert result["errors"] == []
    manifest = page.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
    for member in ("name", "short_name", "start_url", "display", "icons", "theme_color",
                   "background_color"):
        assert manifest[member], member
    for icon in manifest["icons"]:
        if icon["type"] != "image/png":
            continue
        width, height = page.evaluate("""src => new Promise((ok, fail) => {
            const img = new Image(); img.onload = () => ok([img.naturalWidth, img.naturalHeight]);
            img.onerror = fail; img.src = src; })""", icon["src"])
        assert icon["sizes"] == f"{width}x{height}"
    assert {i.get("purpose", "any") for i in manifest["icons"]} >= {"any", "maskable"}
