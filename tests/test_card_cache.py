"""Kept cards (app/cards.py): a change to what a card shows shows at once; every page
still gets its own CSRF token and one-time tick keys."""

from __future__ import annotations

import re

import pytest

from app import cards
from app.models import Exercise, PlanItem, User
from tests.conftest import csrf_from, make_plan


@pytest.fixture
def items(patient, therapist):
    _plan, made = make_plan(patient, therapist, items=2)
    return made


@pytest.fixture
def signed_in(auth, patient, items):
    auth.login(patient)
    return auth


def _cards_kept() -> int:
    return sum(1 for key in cards._cache if key[0] != "progress")


def _keys(page: bytes) -> list[str]:
    return re.findall(r'name="key" value="([^"]+)"', page.decode())


def _tick(signed_in, page: str, item, htmx=True, **fields):
    """Tick the item's first slot as the page's first tick form would: its one-time key,
    the page's day."""
    day = re.search(r'name="day" value="([^"]+)"', page).group(1)
    return signed_in.post("/today/tick", {"item": item.id, "slot": 1, "day": day,
                                          "key": _keys(page.encode())[0], **fields}, htmx=htmx)


def test_each_visit_gets_fresh_tick_keys_and_the_sessions_csrf_token(signed_in):
    first = signed_in.client.get("/today")
    second = signed_in.client.get("/today")
    assert len(_keys(first.data)) == 2 and len(set(_keys(first.data))) == 2
    assert not set(_keys(first.data)) & set(_keys(second.data)), "keys are one-time"
    # The cards' forms carry this request's token, the same as the page's own.
    fields = re.findall(r'name="csrf_token" value="([^"]+)"', second.data.decode())
    assert len(fields) == 3 and set(fields) == {csrf_from(second)}
    assert "\x00" not in second.data.decode()


def test_a_therapists_change_shows_on_the_next_visit(signed_in, items):
    assert b"2 sets of 10" in signed_in.client.get("/today").data
    PlanItem.update(sets=3, instructions="Slowly, please").where(
        PlanItem.id == items[0].id).execute()
    Exercise.update(title="Towel wring").where(Exercise.id == items[1].exercise_id).execute()
    page = signed_in.client.get("/today").data.decode()
    assert "3 sets of 10" in page and "Slowly, please" in page
    assert "Towel wring" in page and "Exercise 2" not in page


def test_a_tick_a_rating_and_a_new_language_each_show(signed_in, items, patient):
    _tick(signed_in, signed_in.client.get("/today").data.decode(), items[0], htmx=False)
    page = signed_in.client.get("/today").data.decode()
    assert "is-done" in page and "How did it go?" in page
    completion = re.search(r"/completions/(\d+)/rate", page).group(1)
    signed_in.post(f"/completions/{completion}/rate", {"difficulty": "4", "pain": "2"})
    page = signed_in.client.get("/today").data.decode()
    assert "How hard: 4 of 10 · Pain: 2 of 10" in page
    User.update(language="es").where(User.id == patient.id).execute()
    page = signed_in.client.get("/today").data.decode()
    assert "Hecho" in page and "How hard" not in page


def test_a_full_cache_is_emptied_not_grown(signed_in, monkeypatch):
    monkeypatch.setattr(cards, "LIMIT", 1)
    signed_in.client.get("/today")
    assert len(cards._cache) == 1
    assert len(_keys(signed_in.client.get("/today").data)) == 2


def test_each_tick_of_a_slot_gets_links_to_itself_though_its_card_is_kept(signed_in, items):
    """Tick, undo, tick again: the second answer is the kept card, yet its undo and
    rating links name the new tick, and they work."""
    from app.models import Completion

    day = re.search(rb'name="day" value="([^"]+)"', signed_in.client.get("/today").data)
    form = {"item": items[0].id, "slot": 1, "day": day.group(1).decode()}
    links, sizes = [], []
    for key in ("first-tick-key", "second-tick-key"):
        sizes.append(_cards_kept())
        answer = signed_in.post("/today/tick", dict(form, key=key), htmx=True).data.decode()
        sizes.append(_cards_kept())
        assert "\x00" not in answer
        stored = Completion.get(Completion.key == key)
        links.append(re.findall(r'action="(/completions/\d+/(?:undo|rate))"', answer))
        assert set(links[-1]) == {f"/completions/{stored.id}/undo",
                                  f"/completions/{stored.id}/rate"}
        assert signed_in.post(links[-1][0], htmx=True).status_code == 200  # undo
        assert not Completion.select().where(Completion.key == key).exists()
        # Another card ticked in between, so the next tick cannot reuse the id.
        signed_in.post("/today/tick", dict(form, item=items[1].id, key=f"other-{key}"))
    assert links[0] != links[1]
    assert sizes[1] == sizes[0] + 1, "the first tick's card is rendered and kept"
    assert sizes[3] == sizes[2], "the second tick's card is the one kept"


def test_the_kept_progress_panel_follows_the_figures_and_the_language(signed_in, items,
                                                                      patient):
    page = signed_in.client.get("/today").data.decode()
    assert "0 of 2 done" in page
    answer = _tick(signed_in, page, items[0]).data.decode()
    panel = re.search(r'<section id="progress".*?</section>', answer, re.S).group(0)
    assert 'hx-swap-oob="true"' in panel and "1 of 2 done" in panel
    assert 'class="pip on"' in panel and panel.count('class="pip"') == 1
    page = signed_in.client.get("/today").data.decode()
    panel = re.search(r'<section id="progress".*?</section>', page, re.S).group(0)
    assert "1 of 2 done" in panel and "hx-swap-oob" not in panel
    User.update(language="es").where(User.id == patient.id).execute()
    page = signed_in.client.get("/today").data.decode()
    assert "1 de 2 hechos" in page
    answer = _tick(signed_in, page, items[1]).data.decode()
    assert "2 de 2 hechos" in answer and "Todo hecho por hoy. ¡Estupendo!" in answer


def test_a_note_holding_a_marker_character_is_kept_as_plain_text(signed_in, items):
    """The kept cards mark where the CSRF field and keys go with NUL characters: one sent
    in a note is taken out of the form, so nothing is ever filled inside the note."""
    from app.models import Completion

    answer = _tick(signed_in, signed_in.client.get("/today").data.decode(), items[0],
                   note="left\x00csrf\x00 knee\x00key\x00 sore")
    assert answer.status_code == 200
    assert Completion.get().note == "leftcsrf kneekey sore"
    for shown in (answer.data.decode(), signed_in.client.get("/today").data.decode()):
        assert 'value="leftcsrf kneekey sore"' in shown
        assert "\x00" not in shown
