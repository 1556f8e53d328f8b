"""200% text at 320 CSS px wide (WCAG 1.4.4 and 1.4.10): content reflows into one column, the
page never scrolls sideways and nothing sticks out past the screen's edge. Data tables may
scroll inside their own (keyboard-reachable) box, as 1.4.10 allows."""

from __future__ import annotations

import pytest

from tests.browser.a11y import all_pages

NARROW = {"width": 320, "height": 568}
THERAPIST_MAIN = {"therapist.clients", "therapist.record", "therapist.programme",
                  "therapist.goals", "therapist.progress", "therapist.library",
                  "therapist.assessment", "therapist.care", "therapist.home"}
PAGES = [p for p in all_pages()
         if p.role in ("client", "caregiver") or p.endpoint in THERAPIST_MAIN]

# Doubles the text: the root size is 112.5% in app.css, so 200% of it is 225%.
DOUBLE_TEXT = "() => { document.documentElement.style.fontSize = '225%'; }"
OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX; if (ox === 'auto' || ox === 'scroll') return true; }
    return false; };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el.closest('.sr-only, .skip-link') || scrolls(el)) continue;
    if (r.right > vw + 1 || r.left < -1) {
      const text = (el.innerText || '').slice(0, 30);
      out.push(`${el.tagName.toLowerCase()}.${el.className} "${text}" ` +
               `spans ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return {width: document.documentElement.scrollWidth, viewport: vw, sticking_out: out.slice(0, 8)};
}"""



@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.id)
def test_page_reflows_at_double_text_and_320_px(profiles, ids, target):
    ctx = profiles.context(target.role, NARROW)
    try:
        page, _ = profiles.goto(ctx, target.role, ids.path(target))
        page.evaluate(DOUBLE_TEXT)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        result = page.evaluate(OVERFLOW)
        assert result["width"] <= result["viewport"] and not result["sticking_out"], result
    finally:
        ctx.close()


def test_larger_text_setting_also_reflows_at_320_px(browser, live_server, login):
    """The app's own larger-text preference, on top of 200% text, still fits a small phone."""
    live_server.query('update "user" set larger_text = ? where email = ? returning id',
                      (True, "client@example.org"))
    ctx = browser.new_context(base_url=live_server.url, viewport=NARROW)
    try:
        page = ctx.new_page()
        login(page, "client@example.org")
        for path in ("/today", "/goals", "/history", "/settings"):
            page.goto(path)
            assert page.locator("body.text-large").count() == 1
            result = page.evaluate(OVERFLOW)
            fits = result["width"] <= result["viewport"] and not result["sticking_out"]
            assert fits, (path, result)
    finally:
        ctx.close()
        live_server.query('update "user" set larger_text = ? where email = ? returning id',
                          (False, "client@example.org"))
