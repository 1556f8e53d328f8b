"""Languages: a complete, current Spanish catalogue; pages in the reader's language.

The catalogue checks read app/translations (see docs/translations.md); the page checks load
the demo and read pages as a Spanish-speaking client, caregiver and therapist would.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.i18n import local_pattern
from app.models import Guide, GuideStep, User

from .conftest import TOTP_SECRET

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
LANGUAGES = ["es"]  # every language besides English; add yours here too
# The same keywords as `make translations` (-k _l -k lazy_gettext -k lazy_ngettext:1,2).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
DEMO_PASSWORD = "homeward-demo"


def _po(language: str) -> Catalog:
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=language)


def _key(message_id) -> str:
    return "\x04".join(message_id) if isinstance(message_id, tuple) else message_id


def _messages(catalog) -> dict:
    return {_key(m.id): m for m in catalog if m.id}


def _forms(message) -> list[tuple[str, str]]:
    """(source text, translation) pairs: one per plural form for a plural message."""
    if isinstance(message.id, tuple):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return [(message.id[0] if n == 0 else message.id[1], s) for n, s in enumerate(strings)]
    return [(message.id, message.string)]


# ------------------------------------------------------------------ the catalogue


def test_template_lists_every_message_the_sources_use():
    """messages.pot and the .po files are current: run `make translations` when this fails."""
    with open(ROOT / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f, "babel.cfg")
    found = {
        _key(message[2] if isinstance(message[2], tuple) and len(message[2]) > 1
             else (message[2][0] if isinstance(message[2], tuple) else message[2]))
        for message in extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)
    }
    found.discard("")
    with open(TRANSLATIONS / "messages.pot", "rb") as f:
        template = set(_messages(read_po(f)))
    missing = sorted(found - template)
    assert not missing, f"not in messages.pot (run `make translations`): {missing[:20]}"
    for language in LANGUAGES:
        missing = sorted(found - set(_messages(_po(language))))
        assert not missing, f"not in the {language} catalogue: {missing[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    """Every message id of messages.pot has a non-empty, reviewed (not fuzzy) translation."""
    with open(TRANSLATIONS / "messages.pot", "rb") as f:
        template = _messages(read_po(f))
    catalogue = _messages(_po(language))
    untranslated = []
    for key in template:
        message = catalogue.get(key)
        if (message is None or "fuzzy" in message.flags
                or not all(text.strip() for _, text in _forms(message))):
            untranslated.append(key)
    assert not untranslated, (
        f"{len(untranslated)} untranslated in {language}: {untranslated[:20]}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    """%(name)s in the English must be in the translation, with nothing new or misspelt."""
    wrong = []
    for message in _messages(_po(language)).values():
        for source, text in _forms(message):
            if not text:
                continue
            wanted = sorted(PLACEHOLDER.findall(source))
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append((source, text))
            elif wanted:
                try:  # Flask-Babel fills these with %: a stray % would break the page
                    text % {name: 1 for name in wanted}
                except (ValueError, TypeError, KeyError):
                    wrong.append((source, text))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    """The committed messages.mo is what `pybabel compile` makes from messages.po."""
    compiled = io.BytesIO()
    write_mo(compiled, _po(language))
    on_disk = (TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert on_disk == compiled.getvalue(), "run `make translations` to compile the .mo"


def test_spanish_has_two_plural_forms():
    catalogue = _po("es")
    assert catalogue.num_plurals == 2
    assert catalogue.plural_expr == "(n != 1)"


def test_demo_content_is_complete_in_spanish():
    """The demo plans' exercises and the demo's guides: every field and step in Spanish."""
    from app.content.library import DEMO_PLAN2_SLUGS, DEMO_PLAN_SLUGS, EXERCISES, GUIDES

    exercises = {e["slug"]: e for e in EXERCISES}
    for slug in DEMO_PLAN_SLUGS + DEMO_PLAN2_SLUGS:
        english, spanish = exercises[slug], exercises[slug].get("es", {})
        assert spanish.get("title") and spanish.get("purpose"), slug
        for field in ("steps", "safety", "equipment"):
            assert len(spanish.get(field, [])) == len(english[field]), (slug, field)
    guides = {g["slug"]: g for g in GUIDES}
    for slug in ("bed-to-chair-transfer", "helping-with-bathing", "dressing-after-stroke",
                 "making-home-safer"):
        english, spanish = guides[slug], guides[slug].get("es", {})
        assert spanish.get("title") and spanish.get("summary"), slug
        assert len(spanish.get("steps", [])) == len(english["steps"]), slug
        for en_step, es_step in zip(english["steps"], spanish["steps"], strict=True):
            assert es_step["title"] and es_step["body"], slug
            assert bool(es_step.get("safety")) == bool(en_step.get("safety")), slug


# ------------------------------------------------------------------ dates and numbers


def test_date_patterns_follow_the_language():
    es, en = Locale.parse("es"), Locale.parse("en")
    assert local_pattern("EEEE d MMMM", es) == "EEEE, d 'de' MMMM"
    assert local_pattern("d MMMM yyyy", es) == "d 'de' MMMM 'de' y"
    assert local_pattern("EEEE d MMMM", en) == "EEEE d MMMM"  # English: as written
    assert local_pattern("full", es) == "full"


# ------------------------------------------------------------------ pages


@pytest.fixture
def demo(app):
    from app.demo import load_demo

    load_demo()
    return app


def _text(response) -> str:
    """What a reader meets: visible text plus labels read aloud, entities decoded."""
    page = response.get_data(as_text=True)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    labels = " ".join(re.findall(r'(?:aria-label|alt|title|placeholder)="([^"]*)"', page))
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page) + " " + labels))


def _english_only() -> list[str]:
    """Interface sentences whose Spanish differs: none of these may show on a Spanish page."""
    out = []
    for message in _messages(_po("es")).values():
        for source, text in _forms(message):
            if (len(source) >= 12 and " " in source and not PLACEHOLDER.search(source)
                    and text and text != source):
                out.append(source)
    return out


def _assert_spanish(response, *expected):
    assert response.status_code == 200
    assert '<html lang="es">' in response.get_data(as_text=True)
    text = _text(response)
    leftovers = [s for s in _english_only() if s in text]
    assert not leftovers, f"English on a Spanish page: {leftovers}"
    for words in expected:
        assert words in text, words
    return text


def _login(auth, email, language="es"):
    # The demo's short authenticator secret is for people; the test helper needs a long one.
    User.update(language=language, totp_secret=TOTP_SECRET).where(
        User.email == email, User.role == "therapist").execute()
    User.update(language=language).where(User.email == email).execute()
    auth.login(email, DEMO_PASSWORD)


def test_client_pages_are_in_spanish_with_spanish_exercises(demo, auth, client):
    _login(auth, "client@example.org")
    today = _assert_spanish(client.get("/today"), "Hoy", "Hecho", "Por qué le ayuda:",
                            "Apretar la masilla", "Siéntese a una mesa")
    for english in ("Done", "Why this helps", "Putty squeeze", "Sit at a table"):
        assert english not in today
    _assert_spanish(client.get("/goals"), "Mis metas", "¿Qué tan bien puede hacerlo ahora?")
    history = client.get("/history")
    _assert_spanish(history, "Mi progreso", "Día a día")
    assert re.search(r"\d+\xa0%", history.get_data(as_text=True)), "Spanish percent: 52 %"
    _assert_spanish(client.get("/settings"), "Ajustes", "Idioma", "Igual que mi teléfono")
    _assert_spanish(client.get("/equipment"), "Lo que necesita")


def test_today_shows_the_date_in_spanish_words(demo, auth, client):
    from app.adherence import local_today

    _login(auth, "client@example.org")
    rose = User.get(User.email == "client@example.org")
    from babel.dates import format_date

    expected = format_date(local_today(rose), "EEEE, d 'de' MMMM", locale="es")
    assert expected in _text(client.get("/today"))


def test_the_answer_to_a_tick_and_its_undo_is_in_spanish(demo, auth, client, app):
    from flask import template_rendered

    from app import cards
    from app.adherence import local_today
    from app.today import cards_for

    _login(auth, "client@example.org")
    rose = User.get(User.email == "client@example.org")
    card = next(c for c in cards_for(rose, local_today(rose)) if not c.done)
    cards.clear()
    rendered = []

    def record(sender, template, **extra):
        rendered.append(template.name)

    template_rendered.connect(record, app)
    try:
        # Rendered first (and, under TESTING, compared with the answer put together); then,
        # outside TESTING, put together from the card and panel kept by the first.
        for n, testing in enumerate((True, False)):
            app.testing, rendered[:] = testing, []
            data = {"item": card.item.id, "slot": card.slot, "key": f"spanish-answer-{n}"}
            answer = auth.post("/today/tick", data, htmx=True).get_data(as_text=True)
            assert re.search(r'aria-live="polite" hx-swap-oob="innerHTML">¡Muy bien! \d+ de \d+ '
                             r"hechos</div>", answer), answer[-300:]
            assert "Deshacer" in answer and "Well done" not in answer and " done" not in answer
            assert ("client/_tick_response.html" in rendered) is testing
            undo = re.search(r'hx-post="([^"]+/undo)"', answer).group(1)
            taken_back = auth.post(html.unescape(undo), {}, htmx=True).get_data(as_text=True)
            assert "Ya no aparece como hecho" in taken_back, taken_back[-300:]
    finally:
        app.testing = True
        template_rendered.disconnect(record, app)


def test_caregiver_pages_and_guides_are_in_spanish(demo, auth, client):
    _login(auth, "caregiver@example.org")
    _assert_spanish(client.get("/care"), "A quién ayudo")
    _assert_spanish(client.get("/guides"), "Guías de práctica")
    guide = Guide.get(Guide.slug == "bed-to-chair-transfer")
    spanish = json.loads(guide.translations)["es"]
    first = GuideStep.get(GuideStep.guide == guide, GuideStep.position == 1)
    page = _assert_spanish(client.get(f"/guides/{guide.id}"), spanish["title"],
                           spanish["steps"][0]["title"], spanish["steps"][0]["body"])
    assert first.title not in page and first.body not in page
    one_step = _assert_spanish(client.get(f"/guides/{guide.id}?step=2"), "Paso 2 de",
                               spanish["steps"][1]["title"], "Siguiente")
    assert "Next" not in one_step


def test_guide_steps_without_a_translation_fall_back_to_english(demo, auth, client):
    _login(auth, "caregiver@example.org")
    guide = Guide.get(Guide.slug == "bed-to-chair-transfer")
    spanish = json.loads(guide.translations)
    spanish["es"]["steps"] = spanish["es"]["steps"][:1]  # only the first step translated
    Guide.update(translations=json.dumps(spanish)).where(Guide.id == guide.id).execute()
    second = GuideStep.get(GuideStep.guide == guide, GuideStep.position == 2)
    page = _text(client.get(f"/guides/{guide.id}"))
    assert spanish["es"]["steps"][0]["title"] in page
    assert second.title in page


def test_therapist_caseload_is_in_spanish(demo, auth, client):
    _login(auth, "therapist@example.org")
    _assert_spanish(client.get("/clients"), "Clientes", "Rose Turner")


def test_signed_out_pages_follow_the_browser_language(app, client):
    page = client.get("/login", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    _assert_spanish(page, "Entrar", "Contraseña")
    english = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in english.get_data(as_text=True)
    assert "Sign in" in _text(english)
    unknown = client.get("/login", headers={"Accept-Language": "de"})
    assert '<html lang="en">' in unknown.get_data(as_text=True)


def test_a_long_language_header_is_matched_but_not_kept(app, client):
    from app import i18n

    header = ",".join(f"x{n:03d};q=0.1" for n in range(60)) + ",es;q=0.9"
    assert len(header) > 500
    i18n._kept_browser_language.cache_clear()
    for _ in range(2):
        _assert_spanish(client.get("/login", headers={"Accept-Language": header}), "Entrar")
    assert i18n._kept_browser_language.cache_info().currsize == 0
    client.get("/login", headers={"Accept-Language": "es"})
    assert i18n._kept_browser_language.cache_info().currsize == 1


def test_the_language_setting_wins_over_the_browser(app, auth, client, patient):
    auth.login(patient)
    # "Same as my phone" (no setting): the browser decides.
    assert '<html lang="es">' in client.get(
        "/settings", headers={"Accept-Language": "es"}).get_data(as_text=True)
    saved = auth.post("/settings", {"name": patient.name, "timezone": patient.timezone,
                                    "language": "en"}, headers={"Accept-Language": "es"})
    assert saved.status_code == 303
    page = client.get("/settings", headers={"Accept-Language": "es"})
    assert '<html lang="en">' in page.get_data(as_text=True)
    assert "Your settings are saved." in _text(page)
    auth.post("/settings", {"name": patient.name, "timezone": patient.timezone,
                            "language": "es"})
    page = client.get("/settings", headers={"Accept-Language": "en"})
    _assert_spanish(page, "Sus ajustes están guardados.")
    assert User.get_by_id(patient.id).language == "es"


def test_going_back_to_the_phones_language_says_so_in_that_language(app, auth, client,
                                                                     patient):
    """From Spanish back to "Same as my phone" on an English phone: the saved message is
    in English, not in the Spanish the page was shown in."""
    User.update(language="es").where(User.id == patient.id).execute()
    auth.login(patient)
    english_phone = {"Accept-Language": "en-GB,en;q=0.9"}
    assert '<html lang="es">' in client.get("/settings", headers=english_phone).get_data(
        as_text=True)
    saved = auth.post("/settings", {"name": patient.name, "timezone": patient.timezone,
                                    "language": ""}, headers=english_phone)
    assert saved.status_code == 303
    assert User.get_by_id(patient.id).language is None
    page = client.get("/settings", headers=english_phone)
    assert '<html lang="en">' in page.get_data(as_text=True)
    assert "Your settings are saved." in _text(page)
    # Saved again from a Spanish phone: the message follows that phone.
    spanish_phone = {"Accept-Language": "es-ES,es;q=0.9"}
    auth.post("/settings", {"name": patient.name, "timezone": patient.timezone,
                            "language": ""}, headers=spanish_phone)
    _assert_spanish(client.get("/settings", headers=spanish_phone),
                    "Sus ajustes están guardados.")


def test_a_caregiver_sees_the_client_in_their_own_language(app, auth, client, caregiver,
                                                           patient, therapist):
    """Languages are per reader: a Spanish-speaking carer of an English-speaking client."""
    from .conftest import make_plan

    make_plan(patient, therapist, items=1)
    User.update(language="es").where(User.id == caregiver.id).execute()
    auth.login(caregiver)
    page = _text(client.get(f"/care/{patient.id}"))
    assert "Hecho" in page and "Done" not in page


def test_a_moment_is_written_in_each_readers_language_and_time_zone(app, patient):
    """format_datetime keeps what it wrote per moment: the language and time zone are part
    of what it is kept under, so one reader's words never reach another."""
    from flask_login import login_user

    from app.i18n import format_datetime

    moment = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    written = {}
    for zone, language in (("Europe/London", "en"), ("America/New_York", "en"),
                           ("Europe/London", "es"), ("Europe/London", "en")):
        User.update(timezone=zone, language=language).where(User.id == patient.id).execute()
        with app.app_context(), app.test_request_context("/"):  # a request of its own
            login_user(User.get_by_id(patient.id))
            written.setdefault((zone, language), []).append(
                format_datetime(moment, "EEEE d MMMM HH:mm"))
    assert written[("Europe/London", "en")] == ["Sunday 1 March 23:30"] * 2
    assert written[("America/New_York", "en")] == ["Sunday 1 March 18:30"]
    assert written[("Europe/London", "es")][0].startswith("domingo, 1 de marzo")


def test_without_a_setting_today_and_its_ticks_follow_each_request_browser(app, auth, client,
                                                                          patient, therapist):
    """The browser's language is read afresh for every request (and its answer kept per
    header): a phone switched between Spanish and English gets each page, kept or not,
    and each tick's answer in the language it asks for."""
    from .conftest import make_plan

    _, (item, _other) = make_plan(patient, therapist, items=2)
    auth.login(patient)
    spanish, english = "es-MX,es;q=0.9,en;q=0.5", "en-GB,en;q=0.9"
    try:
        for n, (testing, header) in enumerate([(t, h) for t in (True, False)
                                               for h in (spanish, english, spanish)]):
            app.testing = testing
            asked = {"Accept-Language": header}
            page = client.get("/today", headers=asked).get_data(as_text=True)
            lang = "es" if header == spanish else "en"
            assert f'<html lang="{lang}">' in page
            tick = {"item": item.id, "slot": 1, "key": f"browser-language-{n}"}
            answer = auth.post("/today/tick", tick, htmx=True,
                               headers=asked).get_data(as_text=True)
            assert ("¡Muy bien!" in answer) is (lang == "es"), answer[-300:]
            assert ("Well done!" in answer) is (lang == "en"), answer[-300:]
            undo = re.search(r'hx-post="([^"]+/undo)"', answer).group(1)
            taken_back = auth.post(html.unescape(undo), {}, htmx=True, headers=asked)
            assert ("Ya no aparece como hecho" in taken_back.get_data(as_text=True)) is (
                lang == "es")
    finally:
        app.testing = True
