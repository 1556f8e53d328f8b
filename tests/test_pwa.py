"""The installable app: manifest, service worker, offline page, icons, reminder settings."""

from __future__ import annotations

import re
import struct

from app.models import ReminderDelivery, ReminderSchedule, User
from tests.conftest import make_plan


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def fetch(client, path):
    """(status, body) of a GET, closing the response (static files are streamed)."""
    response = client.get(path)
    try:
        return response.status_code, response.data
    finally:
        response.close()


def test_manifest_has_what_browsers_need_to_install(client):
    response = client.get("/manifest.webmanifest")
    response.close()
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    import json

    manifest = json.loads(fetch(client, "/manifest.webmanifest")[1])
    assert manifest["name"] and manifest["short_name"]
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] and manifest["background_color"]
    assert any(s["url"] == "/today" for s in manifest["shortcuts"])
    sizes = {}
    for icon in manifest["icons"]:
        if icon["type"] != "image/png":
            continue
        status, data = fetch(client, icon["src"])
        assert status == 200, icon["src"]
        width, height = png_size(data)
        assert icon["sizes"] == f"{width}x{height}"
        sizes.setdefault(icon.get("purpose", "any"), set()).add(width)
    assert {192, 512} <= sizes["any"]
    assert 512 in sizes["maskable"]


def test_service_worker_is_served_from_the_root_with_a_version(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response.headers["Cache-Control"]
    body = response.get_data(as_text=True)
    version = re.search(r'const VERSION = "([0-9a-f]{12})"', body)
    assert version, "the version placeholder was not filled in"
    # Every file the worker precaches exists, so install cannot fail on a 404.
    for path in re.findall(r'"(/static/[^"]+)"', body):
        assert fetch(client, path)[0] == 200, path


def test_a_changed_app_file_gives_a_new_worker_version(app, client, tmp_path):
    import shutil

    first = client.get("/sw.js").get_data(as_text=True)
    static = tmp_path / "static"
    shutil.copytree(app.static_folder, static)
    (static / "css" / "app.css").write_text("/* new deploy */")
    app.static_folder = str(static)
    second = client.get("/sw.js").get_data(as_text=True)
    assert re.search(r'VERSION = "(\w+)"', first)[1] != re.search(r'VERSION = "(\w+)"', second)[1]


def test_offline_page_works_signed_in_or_not(client, auth, patient):
    assert client.get("/offline").status_code == 200
    auth.login(patient)
    page = client.get("/offline")
    assert page.status_code == 200
    assert b'name="csrf-token"' in page.data


def test_every_page_loads_the_pwa_script_and_manifest(client, auth, patient):
    make_plan(patient, patient.therapist)
    auth.login(patient)
    today = client.get("/today").get_data(as_text=True)
    assert 'src="/static/js/pwa.js"' in today
    assert 'rel="manifest" href="/manifest.webmanifest"' in today


def test_sign_out_tells_the_browser_to_forget_saved_pages(client, auth, patient):
    auth.login(patient)
    response = auth.logout()
    assert "storage" in response.headers["Clear-Site-Data"]


def test_client_settings_offer_reminders_and_times(client, auth, patient, therapist):
    ReminderSchedule.create(client=patient, local_time="09:00", set_by=therapist)
    auth.login(patient)
    page = client.get("/settings").get_data(as_text=True)
    assert "Turn on reminders" in page
    assert "Send me a test reminder" in page
    assert 'value="09:00"' in page
    assert "Your therapist suggested these times" in page
    assert "Add to Home Screen" in page  # the iPhone steps


def test_client_changes_reminder_times_days_and_quiet_hours(client, auth, patient, therapist):
    ReminderSchedule.create(client=patient, local_time="09:00", set_by=therapist)
    auth.login(patient)
    response = auth.post("/settings/reminders", {
        "time": ["18:30", "09:00", ""], "day": ["0", "2", "4"],
        "quiet_start": "21:00", "quiet_end": "07:30"})
    assert response.status_code == 303
    active = ReminderSchedule.select().where(ReminderSchedule.is_active == True)  # noqa: E712
    assert sorted(s.local_time for s in active) == ["09:00", "18:30"]
    assert {s.days_of_week for s in active} == {0b0010101}
    me = User.get_by_id(patient.id)
    assert (me.quiet_start, me.quiet_end) == ("21:00", "07:30")


def test_bad_reminder_times_change_nothing(client, auth, patient, therapist):
    ReminderSchedule.create(client=patient, local_time="09:00", set_by=therapist)
    auth.login(patient)
    for form in ({"time": "25:99", "day": "0"}, {"time": "09:00"},
                 {"time": "09:00", "day": "9"},
                 {"time": ["07:00", "08:00", "09:00", "10:00", "11:00"], "day": "0"},
                 {"time": "09:00", "day": "0", "quiet_start": "21:00"},
                 {"time": "x" * 5000, "day": "0"}):
        response = auth.post("/settings/reminders", form)
        assert response.status_code == 422, form
        assert b'role="alert"' in response.data
    assert [s.local_time for s in ReminderSchedule.select()] == ["09:00"]
    assert ReminderSchedule.get().days_of_week == 0b1111111


def test_therapist_suggests_times_and_sees_what_was_sent(client, auth, therapist, patient):
    old = ReminderSchedule.create(client=patient, local_time="09:00", set_by=therapist)
    import datetime as dt

    ReminderDelivery.create(schedule=old, local_date=dt.date(2026, 6, 1), status="skipped",
                            error="practice already done")
    auth.login(therapist)
    page = client.get(f"/clients/{patient.id}/reminders").get_data(as_text=True)
    assert "practice already done" in page
    response = auth.post(f"/clients/{patient.id}/reminders", {"time": ["10:00"],
                                                              "day": [str(n) for n in range(7)]})
    assert response.status_code == 303
    active = ReminderSchedule.select().where(ReminderSchedule.is_active == True)  # noqa: E712
    assert [(s.local_time, s.set_by_id) for s in active] == [("10:00", therapist.id)]
    # The old time keeps its history (so what was sent stays visible), switched off.
    assert ReminderSchedule.get_by_id(old.id).is_active is False


def test_reminder_pages_are_for_the_right_roles(client, auth, patient, therapist):
    auth.login(patient)
    assert client.get(f"/clients/{patient.id}/reminders").status_code == 403
    auth.logout()
    auth.login(therapist)
    assert auth.post("/settings/reminders", {"time": "09:00", "day": "0"}).status_code == 403
