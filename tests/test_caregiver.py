"""The caregiver app: linked clients only, ticks on the client's behalf, guides, home changes."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from flask import g

from app import guides
from app.adherence import local_today
from app.caregiver import overview
from app.models import (
    Assessment,
    AuditEvent,
    CaregiverLink,
    Completion,
    Guide,
    GuideAssignment,
    GuideProgress,
    GuideStep,
    HomeModification,
    User,
)
from tests.conftest import Auth, make_plan, make_user


def switch_person():
    """Forget the signed-in user cached on the shared app context (see the app fixture).

    Tests run every request inside one app context, so flask-login's cached user would
    leak from one test client to another; real requests each get their own context.
    """
    g.pop("_login_user", None)
    g.pop("csrf_token", None)


def text(response) -> str:
    """The page as a reader sees the words (entities such as &#39; decoded)."""
    return unescape(response.get_data(as_text=True))


def make_guide(title="Safe transfer", steps=3, slug=None):
    guide = Guide.create(slug=slug, title=title, summary=f"How to do a {title.lower()}.",
                         image="img/guides/bed-to-chair-transfer.svg")
    for n in range(1, steps + 1):
        GuideStep.create(guide=guide, position=n, title=f"{title} step {n}",
                         body=f"Body of step {n}.", safety=f"Careful at step {n}!",
                         image="img/guides/bed-to-chair-transfer-1.svg" if n == 1 else "")
    return guide


def assign(guide, client, therapist):
    return GuideAssignment.create(guide=guide, client=client, assigned_by=therapist)


@pytest.fixture
def world(app, therapist, other_therapist, patient, stranger, caregiver):
    """The caregiver's client and a stranger, each with a plan, a guide and a home change."""
    _, items = make_plan(patient, therapist, items=3)
    _, foreign_items = make_plan(stranger, other_therapist, items=2)
    foreign_guide = make_guide("Stranger guide")
    assign(foreign_guide, stranger, other_therapist)
    guide = make_guide("Patient guide")
    assign(guide, patient, therapist)
    today = local_today(stranger)
    foreign_completion = Completion.create(
        key="stranger-key-0001", plan_item=foreign_items[0], client=stranger, day=today, slot=1,
        logged_by=stranger, logged_by_role="client")
    return {
        "items": items, "guide": guide, "foreign_guide": foreign_guide,
        "foreign_completion": foreign_completion,
        "mod": HomeModification.create(client=patient, room="bathroom", kind="grab_bar"),
        "foreign_mod": HomeModification.create(client=stranger, room="hall", kind="ramp"),
    }


def tick(auth, client_id, item, key, assistance="4", htmx=True, **extra):
    return auth.post(f"/care/{client_id}/tick", {
        "item": item.id, "slot": 1, "key": key, "assistance": assistance, **extra}, htmx=htmx)


# -- Who the caregiver can see ------------------------------------------------------------

def test_care_lists_linked_clients_with_todays_progress_only(auth, client, caregiver, world):
    auth.login(caregiver)
    page = client.get("/care").get_data(as_text=True)
    assert "Pat Client" in page
    assert "0 of 3 done today" in page
    assert "Stella Stranger" not in page


def _caregiver_rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint.startswith("caregiver.")]


def test_every_caregiver_route_answers_404_for_another_clients_records(
        app, auth, client, caregiver, patient, stranger, world):
    auth.login(caregiver)
    foreign = {"client_id": stranger.id, "guide_id": world["foreign_guide"].id,
               "completion_id": world["foreign_completion"].id,
               "mod_id": world["foreign_mod"].id}
    # The same guessed ids of other people's records under the caregiver's own client.
    mixed = dict(foreign, client_id=patient.id)
    checked = 0
    for rule in _caregiver_rules(app):
        if not rule.arguments:
            continue
        for values in (foreign, mixed, {k: "not-a-number" for k in foreign},
                       {k: "99999999999999999999" for k in foreign}):
            if values is mixed and rule.arguments == {"client_id"}:
                continue  # the caregiver's own client is allowed
            path = rule.build({k: values[k] for k in rule.arguments})[1]
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                if method == "GET":
                    response = client.get(path)
                else:
                    response = auth.post(path, {"status": "practised", "key": "guess-key-123",
                                                "item": world["items"][0].id})
                assert response.status_code == 404, (method, path)
                checked += 1
    assert checked >= 20
    assert HomeModification.get_by_id(world["foreign_mod"].id).status == "recommended"
    assert Completion.get_or_none(Completion.key == "guess-key-123") is None
    assert not GuideProgress.select().where(GuideProgress.caregiver == caregiver).exists()


def test_caregiver_pages_without_ids_show_nothing_of_other_clients(
        app, auth, client, caregiver, world):
    auth.login(caregiver)
    for rule in _caregiver_rules(app):
        if rule.arguments or "GET" not in rule.methods:
            continue
        page = client.get(rule.rule).get_data(as_text=True)
        assert "Stella Stranger" not in page and "Stranger guide" not in page, rule.rule


def test_other_roles_cannot_open_caregiver_pages(auth, client, patient, therapist, world):
    for user in (patient, therapist):
        auth.login(user)
        assert client.get(f"/care/{patient.id}").status_code == 403
        assert client.get("/guides").status_code == 403
        auth.logout()


def test_caregiver_never_sees_private_notes_or_the_therapist_pages(
        app, auth, client, caregiver, patient, therapist, world):
    Assessment.create(client=patient, therapist=therapist, assessed_on=dt.date.today(),
                      private_notes="PRIVATE-NOTE-XYZ", history="History")
    auth.login(caregiver)
    guide_id = world["guide"].id
    for path in ["/care", f"/care/{patient.id}", f"/care/{patient.id}/home", "/guides",
                 f"/guides/{guide_id}", f"/guides/{guide_id}?step=1"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "PRIVATE-NOTE-XYZ" not in response.get_data(as_text=True)
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("therapist.") or "GET" not in rule.methods:
            continue
        path = rule.build({k: str(patient.id) for k in rule.arguments})[1]
        assert client.get(path).status_code in (403, 404), path


# -- Ticking on the client's behalf -------------------------------------------------------

def test_tick_on_behalf_records_the_caregiver_and_the_help_given(
        auth, client, caregiver, patient, world):
    auth.login(caregiver)
    response = tick(auth, patient.id, world["items"][0], "carer-key-0001", assistance="4")
    assert response.status_code == 200
    assert "logged by Cara Carer" in response.get_data(as_text=True)
    stored = Completion.get(Completion.key == "carer-key-0001")
    assert (stored.logged_by_id, stored.logged_by_role, stored.assistance) == (
        caregiver.id, "caregiver", 4)
    assert stored.client_id == patient.id


def test_caregiver_view_offers_help_levels_in_plain_words(auth, client, caregiver, patient, world):
    auth.login(caregiver)
    page = client.get(f"/care/{patient.id}").get_data(as_text=True)
    assert "How much help did you give?" in page
    for words in ("Did it alone", "A little hands-on help", "I did most of it"):
        assert words in page
    assert f'action="/care/{patient.id}/tick"' in page
    assert page.count('name="key"') == 3
    # In the caregiver's own language, on the same (kept) cards.
    User.update(language="es").where(User.id == caregiver.id).execute()
    page = client.get(f"/care/{patient.id}").get_data(as_text=True)
    assert "Lo hizo solo" in page and "Did it alone" not in page


def test_client_sees_who_logged_a_tick_on_their_behalf(auth, client, caregiver, patient, world):
    auth.login(caregiver)
    tick(auth, patient.id, world["items"][0], "carer-key-0002")
    auth.logout()
    auth.login(patient)
    assert "logged by Cara Carer" in client.get("/today").get_data(as_text=True)


def test_client_and_caregiver_ticking_the_same_slot_make_one_completion(
        app, auth, client, caregiver, patient, world):
    item = world["items"][0]
    as_client = Auth(app.test_client())
    as_client.login(patient)
    as_client.post("/today/tick", {"item": item.id, "slot": 1, "key": "client-key-0001"})
    switch_person()
    auth.login(caregiver)
    response = tick(auth, patient.id, item, "carer-key-0003")
    assert response.status_code == 200
    assert Completion.select().where(Completion.plan_item == item).count() == 1
    stored = Completion.get(Completion.plan_item == item)
    assert stored.logged_by_id == patient.id
    assert "1 of 3 done" in client.get(f"/care/{patient.id}").get_data(as_text=True)


def test_same_caregiver_tick_sent_twice_is_stored_once(auth, caregiver, patient, world):
    auth.login(caregiver)
    for _ in range(2):
        assert tick(auth, patient.id, world["items"][1], "carer-key-0004").status_code == 200
    assert Completion.select().where(Completion.key == "carer-key-0004").count() == 1


def test_tick_without_javascript_redirects_back_to_the_clients_day(auth, caregiver, patient, world):
    auth.login(caregiver)
    response = tick(auth, patient.id, world["items"][0], "carer-key-0005", htmx=False)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/care/{patient.id}")


def test_unknown_help_level_is_refused_with_a_message_and_nothing_stored(
        auth, caregiver, patient, world):
    auth.login(caregiver)
    response = tick(auth, patient.id, world["items"][0], "carer-key-0006", assistance="99",
                    htmx=False)
    assert response.status_code == 422
    assert "how much help" in response.get_data(as_text=True)
    assert not Completion.select().where(Completion.client == patient).exists()


def test_caregiver_can_rate_and_undo_a_tick_for_the_client(auth, caregiver, patient, world):
    auth.login(caregiver)
    tick(auth, patient.id, world["items"][0], "carer-key-0007")
    stored = Completion.get(Completion.key == "carer-key-0007")
    response = auth.post(f"/care/{patient.id}/completions/{stored.id}/rate", {"pain": "3"},
                         htmx=True)
    assert response.status_code == 200
    assert Completion.get_by_id(stored.id).pain == 3
    response = auth.post(f"/care/{patient.id}/completions/{stored.id}/undo", htmx=True)
    assert response.status_code == 200
    assert Completion.get_or_none(Completion.id == stored.id) is None
    undone = AuditEvent.get(AuditEvent.action == "undo_on_behalf")
    assert (undone.target, undone.client_id) == (f"completion:{stored.id}", patient.id)


# -- What needs the caregiver -------------------------------------------------------------

def test_care_page_shows_a_new_guide_until_the_caregiver_opens_it(
        auth, client, caregiver, world):
    auth.login(caregiver)
    assert "new guide to read" in client.get("/care").get_data(as_text=True)
    client.get(f"/guides/{world['guide'].id}")
    assert "new guide to read" not in client.get("/care").get_data(as_text=True)


def test_practice_is_due_once_its_time_of_day_has_come(caregiver, patient, therapist):
    _, (item,) = make_plan(patient, therapist, items=1, times_per_day=2)
    day = local_today(patient)
    # Europe/London is UTC+0 or +1: 10:00 UTC is mid-morning, 19:00 UTC is evening.
    morning = overview.summary(caregiver, patient, dt.datetime.combine(day, dt.time(10)))
    evening = overview.summary(caregiver, patient, dt.datetime.combine(day, dt.time(19)))
    assert [c.slot for c in morning.due_now] == [1]
    assert [c.slot for c in evening.due_now] == [1, 2]
    Completion.create(key="done-key-0001", plan_item=item, client=patient, day=day, slot=1,
                      logged_by=patient, logged_by_role="client")
    evening = overview.summary(caregiver, patient, dt.datetime.combine(day, dt.time(19)))
    assert [c.slot for c in evening.due_now] == [2]


def test_caregiver_of_two_clients_can_switch_between_them(
        auth, client, caregiver, patient, therapist, world):
    second = make_user("client", "sam@example.test", "Sam Second", therapist=therapist)
    CaregiverLink.create(caregiver=caregiver, client=second)
    auth.login(caregiver)
    care = client.get("/care").get_data(as_text=True)
    assert "Pat Client" in care and "Sam Second" in care
    page = client.get(f"/care/{patient.id}").get_data(as_text=True)
    assert f'href="/care/{second.id}"' in page
    assert "Sam Second's practice" in text(client.get(f"/care/{second.id}"))


# -- Training guides ----------------------------------------------------------------------

def test_guide_shows_every_step_with_pictures_and_safety_warnings(
        auth, client, caregiver, world):
    auth.login(caregiver)
    page = client.get(f"/guides/{world['guide'].id}").get_data(as_text=True)
    for n in (1, 2, 3):
        assert f"Patient guide step {n}" in page
        assert f"Careful at step {n}!" in page
    assert "img/guides/bed-to-chair-transfer-1.svg" in page
    assert 'class="guide-safety" role="note"' in page
    assert "I practised this" in page and "I'm not confident yet" in unescape(page)


def test_one_step_per_screen_has_next_and_back_links(auth, client, caregiver, world):
    auth.login(caregiver)
    gid = world["guide"].id
    page = client.get(f"/guides/{gid}?step=2").get_data(as_text=True)
    assert "Step 2 of 3" in page
    assert "Patient guide step 2" in page and "Patient guide step 3" not in page
    assert f'href="/guides/{gid}?step=3"' in page and f'href="/guides/{gid}?step=1"' in page
    last = client.get(f"/guides/{gid}?step=3").get_data(as_text=True)
    assert "Finish" in last and "I practised this" in last
    for bad in ("0", "4", "two"):
        assert client.get(f"/guides/{gid}?step={bad}").status_code == 404


def test_first_view_of_a_guide_is_recorded_once(auth, client, caregiver, world):
    auth.login(caregiver)
    for _ in range(2):
        client.get(f"/guides/{world['guide'].id}")
    rows = list(GuideProgress.select().where(GuideProgress.caregiver == caregiver))
    assert [r.status for r in rows] == ["opened"]


def test_guide_progress_is_what_the_therapist_sees(
        app, auth, caregiver, patient, therapist, world):
    other_carer = make_user("caregiver", "carer2@example.test", "Dan Dad")
    CaregiverLink.create(caregiver=other_carer, client=patient)
    before = guides.progress_for_client(patient)
    assert [(p["caregiver"].name, p["status"]) for p in before[0]["caregivers"]] == [
        ("Cara Carer", "not_opened"), ("Dan Dad", "not_opened")]
    auth.login(caregiver)
    response = auth.post(f"/guides/{world['guide'].id}/progress", {"status": "practised"},
                         htmx=True)
    assert response.status_code == 200
    switch_person()
    second = Auth(app.test_client())
    second.login(other_carer)
    second.post(f"/guides/{world['guide'].id}/progress", {"status": "not_confident"})
    after = guides.progress_for_client(patient)
    assert after[0]["guide"].title == "Patient guide"
    assert [(p["caregiver"].name, p["status"]) for p in after[0]["caregivers"]] == [
        ("Cara Carer", "practised"), ("Dan Dad", "not_confident")]


def test_guide_progress_with_an_unknown_answer_is_refused(auth, caregiver, world):
    auth.login(caregiver)
    response = auth.post(f"/guides/{world['guide'].id}/progress", {"status": "expert"})
    assert response.status_code == 422
    assert not GuideProgress.select().where(GuideProgress.status != "opened").exists()


def test_guides_page_lists_assigned_guides_with_status(auth, client, caregiver, world):
    auth.login(caregiver)
    page = client.get("/guides").get_data(as_text=True)
    assert "Patient guide" in page and "New" in page
    auth.post(f"/guides/{world['guide'].id}/progress", {"status": "practised"})
    assert "Practised" in client.get("/guides").get_data(as_text=True)


# -- Home modifications -------------------------------------------------------------------

def test_caregiver_marks_a_home_change_installed(auth, client, caregiver, patient, world):
    auth.login(caregiver)
    page = client.get(f"/care/{patient.id}/home").get_data(as_text=True)
    assert "Grab bar" in page and "Bathroom" in page
    mod = world["mod"]
    response = auth.post(f"/care/{patient.id}/home/{mod.id}/installed", htmx=False)
    assert response.status_code == 303
    stored = HomeModification.get_by_id(mod.id)
    assert (stored.status, stored.updated_by_id) == ("installed", caregiver.id)
    page = text(client.get(f"/care/{patient.id}/home"))
    assert f"/home/{mod.id}/installed" not in page
    assert "Installed" in page
