"""Every control on the client's and caregiver's pages is at least 48 x 48 CSS px (measured
from bounding boxes on a phone screen).

A radio button or checkbox is measured with its label, since the label is part of what a
finger can press. A link inside a sentence is exempt, as WCAG 2.5.8 allows for inline targets:
making it 48 px tall would pull the lines of the paragraph apart, and a sentence with a link
is read, not tapped in a hurry. Each such exemption is a link whose own box is `inline` and
whose paragraph or list item has words outside the link.
"""

from __future__ import annotations

import pytest

from tests.browser.a11y import PHONE, all_pages

PAGES = [p for p in all_pages() if p.role in ("client", "caregiver")]
MIN = 48

SMALL_TARGETS = """(min) => {
  const inSentence = el => {
    if (!el.matches('a') || getComputedStyle(el).display !== 'inline') return false;
    const block = el.closest('p, li, dd, td, th, label, legend, span.hint, div');
    return block && block.textContent.replace(el.textContent, '').trim().length > 0;
  };
  const out = [];
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary');
  for (const el of controls) {
    if (el.closest('.sr-only') || el.classList.contains('skip-link') || inSentence(el)) continue;
    let box = el;
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      box = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
    }
    const r = box.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not shown (hidden, closed)
    if (r.width < min - 0.5 || r.height < min - 0.5) {
      out.push(`${el.outerHTML.slice(0, 120)} is ${Math.round(r.width)} x ${Math.round(r.height)}`);
    }
  }
  return out;
}"""



@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.id)
def test_every_control_is_at_least_48_px(profiles, ids, target):
    ctx = profiles.context(target.role, PHONE)
    try:
        page, _ = profiles.goto(ctx, target.role, ids.path(target))
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        small = page.evaluate(SMALL_TARGETS, MIN)
        assert not small, f"{len(small)} small control(s) on {page.url}:\n" + "\n".join(small)
    finally:
        ctx.close()


def test_skip_link_is_big_enough_when_it_shows(profiles):
    ctx = profiles.context("client", PHONE)
    try:
        page, _ = profiles.goto(ctx, "client", "/today")
        page.keyboard.press("Tab")
        box = page.locator("a.skip-link").bounding_box()
        assert box["width"] >= MIN and box["height"] >= MIN
    finally:
        ctx.close()


def test_done_card_controls_are_at_least_48_px(profiles, live_server):
    ctx = profiles.context("client", PHONE)
    try:
        page, _ = profiles.goto(ctx, "client", "/today")
        card = page.locator(".card:not(.is-done)").first
        card_id = card.get_attribute("id")
        card.locator(".tick-form button[type=submit]").click()
        page.wait_for_selector(f"#{card_id}.is-done")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        assert page.evaluate(SMALL_TARGETS, MIN) == []
        page.locator(f"#{card_id} .undo-form button").click()
        page.wait_for_selector(f"#{card_id}:not(.is-done) .tick-form")
    finally:
        ctx.close()
