"""Read aloud, one step at a time, reduced motion, high contrast and "not by colour alone",
checked in a real browser."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DEMO_PASSWORD, PHONE  # noqa: F401

# A stand-in for the browser's speech synthesis that records what it is asked to say.
FAKE_SPEECH = """
(() => {
  window.__spoken = [];
  window.__calls = [];
  class FakeUtterance { constructor(text) { this.text = text; this.lang = ''; } }
  const synth = {
    paused: false, speaking: false,
    speak(u) { window.__spoken.push({text: u.text, lang: u.lang}); this.speaking = true; },
    cancel() { window.__calls.push('cancel'); this.speaking = false; this.paused = false; },
    pause() { window.__calls.push('pause'); this.paused = true; },
    resume() { window.__calls.push('resume'); this.paused = false; },
    getVoices() { return []; },
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = FakeUtterance;
})();
"""
NO_SPEECH = """
(() => { delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;
         delete Window.prototype.speechSynthesis; })();
"""


def tick_one(page) -> str:
    """Tick the first card not yet done; returns its id."""
    card = page.locator(".card:not(.is-done)").first
    card_id = card.get_attribute("id")
    card.locator(".tick-form button[type=submit]").click()
    page.wait_for_selector(f"#{card_id}.is-done")
    return card_id


def undo(page, card_id: str):
    """Take a tick back and wait for the card to show it."""
    page.locator(f"#{card_id} .undo-form button").click()
    page.wait_for_selector(f"#{card_id}:not(.is-done) .tick-form")


def _rose_context(browser, live_server, login, **kwargs):
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE, **kwargs)
    page = ctx.new_page()
    login(page, "client@example.org")
    return ctx, page


def test_read_aloud_speaks_the_exercise_steps_and_stop_cancels(browser, live_server, login):
    ctx, page = _rose_context(browser, live_server, login)
    try:
        ctx.add_init_script(FAKE_SPEECH)
        page.goto("/today")
        card = page.locator(".card:not(.is-done)").first
        card.locator("details.how summary").click()
        steps = card.locator(".steps li").all_inner_texts()
        card.locator(".read-start").click()
        spoken = page.evaluate("() => window.__spoken")
        assert [s["text"] for s in spoken] == [s.strip() for s in steps]
        assert spoken[0]["lang"] == "en"
        stop = card.locator(".read-stop")
        pause = card.locator(".read-pause")
        assert stop.is_visible() and pause.inner_text() == "Pause"
        pause.click()
        assert pause.inner_text() == "Resume"
        pause.click()
        assert pause.inner_text() == "Pause"
        stop.click()
        assert page.evaluate("() => window.__calls").count("cancel") >= 2  # on start, on stop
        assert page.evaluate("() => window.__calls")[-1] == "cancel"
        assert not stop.is_visible() and not pause.is_visible()
        assert page.evaluate("() => window.speechSynthesis.speaking") is False
    finally:
        ctx.close()


def test_read_aloud_speaks_a_guide_step_with_its_safety_note(browser, live_server, login):
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE)
    try:
        page = ctx.new_page()
        login(page, "caregiver@example.org")
        ctx.add_init_script(FAKE_SPEECH)
        page.goto("/guides")
        page.locator(".guide-row h2 a").first.click()
        page.wait_for_load_state()
        page.goto(page.url.split("?")[0] + "?step=1")
        title = page.locator("h1").inner_text()
        body = page.locator(".step-body").inner_text()
        page.locator(".read-start").click()
        spoken = [s["text"] for s in page.evaluate("() => window.__spoken")]
        assert spoken[0] == title and spoken[-1] == body
        if page.locator(".guide-safety").count():
            assert spoken[1].startswith("Safety. ")
        page.locator(".read-stop").click()
        assert page.evaluate("() => window.__calls")[-1] == "cancel"
    finally:
        ctx.close()


def test_read_aloud_stays_hidden_without_speech_synthesis(browser, live_server, login):
    ctx, page = _rose_context(browser, live_server, login)
    try:
        ctx.add_init_script(NO_SPEECH)
        page.goto("/today")
        assert page.evaluate("() => 'speechSynthesis' in window") is False
        page.locator(".card:not(.is-done) details.how summary").first.click()
        assert page.locator(".read-aloud").count() > 0
        assert page.locator(".read-start:visible").count() == 0
    finally:
        ctx.close()


def test_one_step_at_a_time_walks_an_exercise_without_javascript(browser, live_server, login):
    ctx, page = _rose_context(browser, live_server, login, java_script_enabled=False)
    try:
        page.goto("/today")
        card = page.locator(".card:not(.is-done)").first
        steps = card.locator(".steps li").all_text_contents()
        title = card.locator(".card-title").text_content()
        card.locator("details.how summary").click()
        card.get_by_role("link", name="Show one step at a time").click()
        for number, text in enumerate(steps, start=1):
            assert page.locator("h1").inner_text().startswith(f"Step {number} of {len(steps)}")
            assert page.locator(".step-body").inner_text() == text.strip()
            assert title.split("·")[0].strip() in page.title()
            if number < len(steps):
                page.get_by_role("link", name="Next").click()
        page.get_by_role("link", name="Back").click()
        assert page.locator("h1").inner_text().startswith(f"Step {len(steps) - 1} of")
        page.goto(page.url.split("?")[0] + f"?step={len(steps)}")
        page.get_by_role("link", name="Finish").click()
        assert page.url.endswith("/today")
    finally:
        ctx.close()


def test_one_step_page_refuses_steps_and_items_that_do_not_exist(browser, live_server, login):
    ctx, page = _rose_context(browser, live_server, login)
    try:
        item = live_server.query(
            "select pi.id from plan_item pi join plan p on p.id = pi.plan_id join \"user\" u "
            "on u.id = p.client_id where u.email = ? order by pi.id", ("client@example.org",))[0][0]
        foreign = live_server.query(
            "select pi.id from plan_item pi join plan p on p.id = pi.plan_id join \"user\" u "
            "on u.id = p.client_id where u.email = ? order by pi.id",
            ("client2@example.org",))[0][0]
        assert page.goto(f"/today/item/{item}/steps?step=1").status == 200
        assert page.goto(f"/today/item/{item}/steps?step=99").status == 404
        assert page.goto(f"/today/item/{item}/steps?step=two").status == 404
        assert page.goto(f"/today/item/{foreign}/steps").status == 404
        assert page.goto("/today/item/x/steps").status == 404
    finally:
        ctx.close()


def test_one_step_page_works_by_keyboard(browser, live_server, login):
    ctx, page = _rose_context(browser, live_server, login)
    try:
        page.goto("/today")
        link = page.get_by_role("link", name="Show one step at a time").first
        page.locator(".card:not(.is-done) details.how summary").first.click()
        href = link.get_attribute("href")
        page.goto(href)
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.classList.contains('step-next')"):
                break
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "step=2" in page.url
        assert page.locator("h1").inner_text().startswith("Step 2 of")
    finally:
        ctx.close()


MOTION = """() => Array.from(document.querySelectorAll(
    '.card, .card *, .progress-panel, .progress-panel *, .pip, .done-badge')).map(el => {
  const cs = getComputedStyle(el);
  const longest = s => Math.max(...s.split(',').map(v => parseFloat(v) || 0));
  return {el: el.className || el.tagName, t: longest(cs.transitionDuration),
          a: longest(cs.animationDuration) * (cs.animationName === 'none' ? 0 : 1)};
}).filter(x => x.t > 0 || x.a > 0)"""


def test_reduced_motion_turns_off_card_and_progress_animation(browser, live_server, login):
    ctx, page = _rose_context(browser, live_server, login, reduced_motion="reduce")
    try:
        page.goto("/today")
        card_id = tick_one(page)
        assert page.evaluate(MOTION) == []
        undo(page, card_id)
    finally:
        ctx.close()


def test_without_the_preference_the_done_tick_is_animated(browser, live_server, login):
    """Proves the check above can fail: the same page moves when motion is allowed."""
    ctx, page = _rose_context(browser, live_server, login, reduced_motion="no-preference")
    try:
        page.goto("/today")
        card_id = tick_one(page)
        assert page.evaluate(MOTION) != []
        undo(page, card_id)
    finally:
        ctx.close()


CONTRAST = """() => {
  const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const alpha = c => { const p = c.match(/[\\d.]+/g); return p.length > 3 ? Number(p[3]) : 1; };
  const background = el => { for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor; if (alpha(bg) > 0) return bg; }
    return 'rgb(255, 255, 255)'; };
  const out = [];
  for (const el of document.querySelectorAll('main *, nav *, header *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    const r = el.getBoundingClientRect();
    if (!own || r.width === 0 || el.closest('.sr-only, [hidden], [aria-hidden="true"]')) continue;
    const fg = getComputedStyle(el).color, bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 7) out.push({text: el.textContent.trim().slice(0, 40), fg, bg,
                             ratio: Math.round(ratio * 100) / 100});
  }
  return out;
}"""


@pytest.mark.parametrize("email, paths", [
    ("client@example.org", ["/today", "/goals", "/history", "/equipment", "/settings"]),
    ("caregiver@example.org", ["/care", "/guides", "/settings"]),
])
def test_high_contrast_setting_gives_at_least_7_to_1_for_text(browser, live_server, login,
                                                               email, paths):
    set_flag = 'update "user" set high_contrast = ? where email = ? returning id'
    live_server.query(set_flag, (True, email))
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE)
    try:
        page = ctx.new_page()
        login(page, email)
        for path in paths:
            page.goto(path)
            assert page.locator("body.contrast-high").count() == 1
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            assert page.evaluate(CONTRAST) == [], path
    finally:
        ctx.close()
        live_server.query(set_flag, (False, email))


def test_done_state_is_said_in_words_not_only_colour(browser, live_server, login):
    ctx, page = _rose_context(browser, live_server, login)
    try:
        page.goto("/today")
        card_id = tick_one(page)
        badge = page.locator(f"#{card_id} .done-badge")
        assert "Done" in badge.inner_text() and "✓" in badge.inner_text()
        assert "done" in page.locator(".progress-count").inner_text().lower()
        undo(page, card_id)
    finally:
        ctx.close()


@pytest.mark.parametrize("email, path", [
    ("client@example.org", "/history"),
    ("client@example.org", "/goals"),
    ("therapist@example.org", "/clients/{rose}/progress"),
])
def test_every_chart_has_a_text_alternative_and_a_table(browser, live_server, login, email, path):
    rose = live_server.query('select id from "user" where email = ?', ("client@example.org",))[0][0]
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE)
    try:
        page = ctx.new_page()
        login(page, email)
        page.goto(path.format(rose=rose))
        charts = page.locator("figure.chart")
        assert charts.count() > 0
        for i in range(charts.count()):
            chart = charts.nth(i)
            svg = chart.locator("svg").first
            name = svg.get_attribute("aria-label") or svg.locator("title").first.text_content()
            assert svg.get_attribute("role") == "img" and name and name.strip()
            assert chart.locator("figcaption").inner_text().strip()
            assert chart.locator("table").count() == 1
    finally:
        ctx.close()
