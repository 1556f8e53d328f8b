"""Data rights: download everything, close an account, discharge to a read-only archive."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

from app import reminders
from app.models import (
    AuditEvent,
    CaregiverLink,
    Completion,
    Goal,
    PushSubscription,
    ReminderSchedule,
    User,
)
from tests.conftest import PASSWORD, make_plan


def _practice(patient, therapist):
    _plan, items = make_plan(patient, therapist, items=2)
    Completion.create(key="k1", plan_item=items[0], client=patient, day=dt.date.today(),
                      logged_by=patient, logged_by_role="client", pain=3,
                      note="=HYPERLINK(\"http://evil.example\")")
    Goal.create(client=patient, therapist=therapist, area="dressing",
                title="Button my own shirt")
    return items


def test_client_downloads_all_their_data_as_json(auth, client, patient, therapist):
    _practice(patient, therapist)
    auth.login(patient)
    response = client.get(f"/my-data/{patient.id}/homeward.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["profile"]["email"] == patient.email
    assert data["tables"]["completion"][0]["pain"] == 3
    assert data["tables"]["goal"][0]["title"] == "Button my own shirt"
    assert len(data["tables"]["plan_item"]) == 2  # rows that hang off the plan too
    assert {"name": "Theo Therapist", "role": "therapist", "id": therapist.id} in data["people"]
    text = response.data.decode()
    for secret in ("password_hash", "$argon2", "totp_secret", "private_notes"):
        assert secret not in text
    export = AuditEvent.get(AuditEvent.action == "export")
    assert export.client_id == patient.id and export.actor_id == patient.id


def test_client_downloads_spreadsheet_files_that_cannot_run_formulas(auth, client, patient,
                                                                       therapist):
    _practice(patient, therapist)
    auth.login(patient)
    response = client.get(f"/my-data/{patient.id}/homeward-csv.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert {"README.txt", "profile.csv", "completion.csv", "goal.csv"} <= set(archive.namelist())
    rows = list(csv.DictReader(io.StringIO(archive.read("completion.csv").decode())))
    assert rows[0]["note"].startswith("'=HYPERLINK")


def test_a_client_cannot_download_someone_else(auth, client, patient, stranger):
    auth.login(patient)
    assert client.get(f"/my-data/{stranger.id}/homeward.json").status_code == 404
    assert AuditEvent.select().where(AuditEvent.outcome == "denied").count() == 1


def test_caregiver_downloads_only_where_the_therapist_allowed_it(auth, client, caregiver,
                                                                 patient):
    auth.login(caregiver)
    assert client.get(f"/my-data/{patient.id}/homeward.json").status_code == 404
    assert patient.name.encode() not in client.get("/my-data").data
    CaregiverLink.update(can_export=True).where(CaregiverLink.caregiver == caregiver).execute()
    assert patient.name.encode() in client.get("/my-data").data
    assert client.get(f"/my-data/{patient.id}/homeward.json").status_code == 200
    CaregiverLink.update(revoked_at=dt.datetime(2026, 1, 1)).execute()
    assert client.get(f"/my-data/{patient.id}/homeward.json").status_code == 404


def test_closing_an_account_stops_sign_in_reminders_and_pushes(auth, client, patient):
    ReminderSchedule.create(client=patient, local_time="09:00")
    PushSubscription.create(user=patient, endpoint="https://push.example/1", p256dh="k",
                            auth="a")
    auth.login(patient)
    refused = auth.post("/my-data/close", data={"password": PASSWORD})  # box not ticked
    assert refused.status_code == 422 and User.get_by_id(patient.id).is_active
    response = auth.post("/my-data/close", data={"password": PASSWORD, "sure": "y"})
    assert response.status_code == 303 and "Clear-Site-Data" in response.headers
    assert not User.get_by_id(patient.id).is_active
    assert not ReminderSchedule.get(ReminderSchedule.client == patient).is_active
    assert PushSubscription.select().count() == 0
    assert auth.login(patient).status_code == 401
    assert Completion.select().count() == 0 and User.get_or_none(User.id == patient.id)


def test_discharged_client_keeps_reading_but_cannot_tick(auth, client, patient, therapist):
    items = _practice(patient, therapist)
    auth.login(therapist)
    assert auth.post(f"/clients/{patient.id}/discharge").status_code == 303
    assert User.get_by_id(patient.id).discharged_at is not None
    assert patient not in list(reminders.eligible_clients())
    auth.logout()
    auth.login(patient)
    assert client.get("/today").status_code == 200
    response = auth.post("/today/tick", data={"item": items[1].id, "slot": 1,
                                              "day": dt.date.today().isoformat(),
                                              "key": "discharged-tick-1"})
    assert response.status_code == 409 and b"programme with your therapist has ended" in (
        response.data)
    assert not Completion.select().where(Completion.key == "discharged-tick-1").exists()
    assert client.get(f"/my-data/{patient.id}/homeward.json").status_code == 200


def test_readmission_opens_the_record_again(auth, client, patient, therapist):
    auth.login(therapist)
    auth.post(f"/clients/{patient.id}/discharge")
    auth.post(f"/clients/{patient.id}/readmit")
    assert User.get_by_id(patient.id).discharged_at is None
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.client == patient)]
    assert "discharged" in actions and "readmitted" in actions


def test_another_therapist_cannot_discharge_my_client(auth, client, patient, other_therapist):
    auth.login(other_therapist)
    assert client.get(f"/clients/{patient.id}/discharge").status_code == 404
    assert auth.post(f"/clients/{patient.id}/discharge").status_code == 404
    assert User.get_by_id(patient.id).discharged_at is None
    assert AuditEvent.select().where(AuditEvent.outcome == "denied").count() == 2
