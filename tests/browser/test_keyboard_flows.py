"""The main flows with a keyboard only (Tab, Shift+Tab, Enter, Space; no mouse), and a visible
focus indicator on every element the Tab key stops at on the way."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DEMO_PASSWORD, DEMO_TOTP, DESKTOP, PHONE

# Where focus is and whether it can be seen: an outline or a box shadow on the element, or
# (for a visually replaced radio or checkbox) on the label text that stands in for it.
FOCUS = """(selector) => {
  const el = document.activeElement;
  if (!el || el === document.body) return {desc: 'body', visible: false, match: false};
  const shows = node => { if (!node) return false; const cs = getComputedStyle(node);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    return outline || (cs.boxShadow && cs.boxShadow !== 'none'); };
  const stand_in = el.matches('input') ? el.nextElementSibling : null;
  const desc = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '') +
    ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"';
  return {desc, visible: shows(el) || shows(stand_in), match: el.matches(selector)};
}"""


def tab_to(page, selector: str, backwards: bool = False, limit: int = 150) -> list[str]:
    """Press Tab (or Shift+Tab) until `selector` has focus; every stop must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS, selector)
        seen.append(state["desc"])
        assert state["visible"], f"no visible focus on {state['desc']} (on the way to {selector})"
        if state["match"]:
            return seen
    raise AssertionError(f"{key} never reached {selector}; stops: {seen[-20:]}")


def type_into(page, selector: str, text: str):
    """Tab to a field and type, as a person would."""
    tab_to(page, selector)
    page.keyboard.type(text)


def keyboard_sign_in(page, email: str):
    """Sign in with the keyboard only, answering the TOTP step for therapists."""
    page.goto("/login")
    type_into(page, "input[name=email]", email)
    type_into(page, "input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if page.locator("input[name=code]").count():
        from app.auth.totp import totp

        type_into(page, "input[name=code]", totp(DEMO_TOTP).now())
        with page.expect_navigation():
            page.keyboard.press("Enter")


@pytest.fixture
def keyboard_page(browser, live_server):
    """A phone-sized page; the demo data is put back afterwards."""
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE)
    ctx.set_default_timeout(10_000)
    yield ctx.new_page()
    ctx.close()
    live_server.reset_demo()


def rose_completion(live_server, item, slot):
    """Today's-and-older completions for Rose's plan item and slot, newest first."""
    return live_server.query(
        "select difficulty, pain from completion where plan_item_id = ? and slot = ? "
        "order by id desc", (item, slot))


def test_client_signs_in_ticks_rates_and_undoes_by_keyboard(keyboard_page, live_server):
    page = keyboard_page
    keyboard_sign_in(page, "client@example.org")
    assert page.url.endswith("/today")
    card = page.locator(".card:not(.is-done)").first
    card_id = card.get_attribute("id")
    item = card.locator("input[name=item]").get_attribute("value")
    slot = card.locator("input[name=slot]").get_attribute("value")
    done_before = len(rose_completion(live_server, item, slot))

    tab_to(page, f"#{card_id} .tick-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{card_id}.is-done")
    assert len(rose_completion(live_server, item, slot)) == done_before + 1

    tab_to(page, f"#{card_id} button[name=difficulty][value='4']")
    page.keyboard.press("Space")
    page.wait_for_selector(f"#{card_id} button[name=difficulty][value='4'][aria-pressed=true]")
    tab_to(page, f"#{card_id} button[name=pain][value='2']")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{card_id} button[name=pain][value='2'][aria-pressed=true]",
                           state="attached")
    assert rose_completion(live_server, item, slot)[0] == (4, 2)
    # The swap is over and focus is back inside the card (on its "Done" status, since
    # the scales fold away once both ratings are in), not lost to the page.
    page.wait_for_function(
        "id => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        " && document.getElementById(id).contains(document.activeElement)", arg=card_id)

    tab_to(page, f"#{card_id} .undo-form button")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{card_id}:not(.is-done) .tick-form")
    assert len(rose_completion(live_server, item, slot)) == done_before


def test_client_checks_in_on_a_goal_by_keyboard(keyboard_page, live_server):
    page = keyboard_page
    keyboard_sign_in(page, "client@example.org")
    page.goto("/goals")
    form = page.locator("form.checkin").first
    goal_id = form.locator("xpath=ancestor::article").get_attribute("id")
    before = live_server.query("select count(*) from goal_checkin where goal_id = ?",
                               (goal_id.split("-")[1],))[0][0]
    tab_to(page, f"#{goal_id} input[name=performance]")
    page.keyboard.press("Space")
    tab_to(page, f"#{goal_id} input[name=satisfaction]")
    page.keyboard.press("Space")
    type_into(page, f"#{goal_id} input[name=note]", "Easier with the long sponge")
    tab_to(page, f"#{goal_id} button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#{goal_id} .flash")
    rows = live_server.query("select performance, satisfaction, note from goal_checkin "
                             "where goal_id = ? order by id desc", (goal_id.split("-")[1],))
    assert len(rows) == before + 1
    assert rows[0] == (1, 1, "Easier with the long sponge")


def test_therapist_adds_a_plan_item_by_keyboard(browser, live_server):
    ctx = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    try:
        keyboard_sign_in(page, "therapist@example.org")
        assert page.url.endswith("/clients")
        tab_to(page, "a.client-link")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        tab_to(page, ".record-nav a[href$='/programme']")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        client_id = page.url.rstrip("/").split("/")[-2]
        count = "select count(*) from plan_item pi join plan p on p.id = pi.plan_id " \
                "where p.client_id = ? and pi.status = 'active'"
        before = live_server.query(count, (client_id,))[0][0]
        details = page.locator("details.add-item").first
        summary_id = details.locator("xpath=ancestor::li").get_attribute("id")
        tab_to(page, f"#{summary_id} details.add-item summary")
        page.keyboard.press("Enter")
        assert details.get_attribute("open") is not None
        type_into(page, f"#{summary_id} textarea[name=instructions]", "Morning, after breakfast")
        tab_to(page, f"#{summary_id} form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert live_server.query(count, (client_id,))[0][0] == before + 1
        assert "Morning, after breakfast" in page.locator(".plan-items").inner_text()
    finally:
        ctx.close()
        live_server.reset_demo()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(keyboard_page):
    page = keyboard_page
    keyboard_sign_in(page, "client@example.org")
    page.goto("/today")
    stops = tab_to(page, "a.skip-link")
    assert len(stops) == 1
    assert page.locator("a.skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
