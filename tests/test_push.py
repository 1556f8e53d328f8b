"""Web push: keys, subscriptions, trusted hosts, real encrypted delivery, encouragement."""

from __future__ import annotations

import json
import os

import pytest

from app.models import Message, PushSubscription
from app.push.vapid import ensure_keys, keys_from, new_private_pem
from app.webpush_send import EndpointRefused, allowed_hosts, check_endpoint
from tests.conftest import make_plan, make_user
from tests.pushservice import PushService, unb64url


@pytest.fixture
def service(app):
    """The local push service; only messages signed with the app's VAPID key are accepted."""
    with PushService() as running:
        running.vapid_key = ensure_keys(app).application_server_key
        yield running
    assert running.errors == []


def subscribe(client, auth, body):
    """POST /push/subscribe as the signed-in person, the way pwa.js does."""
    return client.post("/push/subscribe", data=json.dumps(body),
                       headers={"Content-Type": "application/json",
                                "X-CSRFToken": auth.token or auth.refresh()})


def test_key_is_the_p256_point_the_browser_subscribes_with(client, app):
    response = client.get("/push/key")
    assert response.status_code == 200
    raw = unb64url(response.json["publicKey"])
    assert len(raw) == 65 and raw[0] == 4
    assert client.get("/push/key").json == response.json  # made once, kept


def test_keys_are_made_once_and_kept_in_instance(app, runner):
    result = runner.invoke(args=["push", "ensure-keys"])
    assert result.exit_code == 0
    path = os.path.join(app.instance_path, "vapid_private_key.pem")
    assert os.stat(path).st_mode & 0o077 == 0  # readable by the owner only
    with open(path) as fh:
        assert keys_from(fh.read()).application_server_key in result.output
    again = runner.invoke(args=["push", "ensure-keys"])
    assert again.output == result.output


def test_private_key_from_the_environment_wins(app, client):
    pem = new_private_pem()
    app.config["VAPID_PRIVATE_KEY"] = pem
    app.extensions.pop("homeward_vapid", None)
    assert client.get("/push/key").json["publicKey"] == keys_from(pem).application_server_key


def test_subscription_is_stored_for_the_signed_in_person(client, auth, patient, service):
    browser = service.browser()
    auth.login(patient)
    response = subscribe(client, auth, browser.subscription())
    assert response.status_code == 201
    stored = PushSubscription.get(PushSubscription.endpoint == browser.endpoint)
    assert stored.user_id == patient.id
    # The same browser again (a refreshed subscription) is not a second device.
    assert subscribe(client, auth, browser.subscription()).status_code == 201
    assert PushSubscription.select().count() == 1


def test_subscribe_needs_sign_in_and_csrf(client, auth, patient, service):
    browser = service.browser()
    response = client.post("/push/subscribe", json=browser.subscription())
    assert response.status_code in (400, 401, 302)
    auth.login(patient)
    response = client.post("/push/subscribe", json=browser.subscription())
    assert response.status_code == 400  # no CSRF token
    assert PushSubscription.select().count() == 0


@pytest.mark.parametrize("endpoint", [
    "https://evil.example/push/1",
    "https://fcm.googleapis.com.evil.example/fcm/send/1",
    "http://10.0.0.5/push",
    "http://169.254.169.254/latest/meta-data",
    "ftp://127.0.0.1/push",
    "not a url",
])
def test_endpoint_on_an_untrusted_host_is_refused_at_subscribe(client, auth, patient, service,
                                                               endpoint):
    body = service.browser().subscription()
    body["endpoint"] = endpoint
    auth.login(patient)
    response = subscribe(client, auth, body)
    assert response.status_code == 400
    assert response.json["error"]
    assert PushSubscription.select().count() == 0


def test_malformed_subscriptions_get_a_clear_400(client, auth, patient, service):
    auth.login(patient)
    good = service.browser().subscription()
    for body in ([], {"endpoint": good["endpoint"]},
                 {**good, "keys": {"p256dh": "abc", "auth": good["keys"]["auth"]}},
                 {**good, "keys": {"p256dh": good["keys"]["p256dh"], "auth": "x" * 300}}):
        response = subscribe(client, auth, body)
        assert response.status_code == 400, body
        assert "error" in response.json


def test_default_hosts_are_the_browsers_push_services():
    hosts = allowed_hosts("")
    for endpoint in ("https://fcm.googleapis.com/fcm/send/abc",
                     "https://updates.push.services.mozilla.com/wpush/v2/abc",
                     "https://web.push.apple.com/QGx",
                     "https://db5p.notify.windows.com/w/?token=abc"):
        assert check_endpoint(endpoint, hosts) == endpoint
    for endpoint in ("http://fcm.googleapis.com/fcm/send/abc",  # not https
                     "https://127.0.0.1/push",  # not on the list
                     "https://user@fcm.googleapis.com/x",
                     "https://evilpush.apple.com/x"):
        with pytest.raises(EndpointRefused):
            check_endpoint(endpoint, hosts)


def test_push_allowed_hosts_replaces_the_list_and_only_loopback_may_be_http():
    hosts = allowed_hosts("push.example.org, 127.0.0.1")
    assert check_endpoint("https://push.example.org/x", hosts)
    assert check_endpoint("http://127.0.0.1:8080/x", hosts)
    with pytest.raises(EndpointRefused):
        check_endpoint("https://fcm.googleapis.com/fcm/send/abc", hosts)
    with pytest.raises(EndpointRefused):
        check_endpoint("http://push.example.org/x", hosts)


def test_unsubscribe_forgets_only_that_device(client, auth, patient, service):
    phone, laptop = service.browser(), service.browser()
    auth.login(patient)
    subscribe(client, auth, phone.subscription())
    subscribe(client, auth, laptop.subscription())
    response = client.post("/push/unsubscribe", json={"endpoint": phone.endpoint},
                           headers={"X-CSRFToken": auth.token})
    assert response.status_code == 200 and response.json["removed"] is True
    assert [s.endpoint for s in PushSubscription.select()] == [laptop.endpoint]


def test_test_reminder_arrives_encrypted_and_signed(client, auth, patient, service):
    browser = service.browser()
    auth.login(patient)
    subscribe(client, auth, browser.subscription())
    response = client.post("/push/test", json={}, headers={"X-CSRFToken": auth.token})
    assert response.json == {"sent": 1, "devices": 1}
    [got] = service.received
    assert got.payload["url"] == "/today"
    assert got.payload["body"]
    assert got.claims["aud"] == service.origin
    assert got.headers["urgency"] == "normal"
    assert int(got.headers["ttl"]) >= 3600


def test_gone_subscription_is_deleted(client, auth, patient, service):
    browser = service.browser()
    auth.login(patient)
    subscribe(client, auth, browser.subscription())
    service.answer(browser, 410)
    response = client.post("/push/test", json={}, headers={"X-CSRFToken": auth.token})
    assert response.json["sent"] == 0
    assert PushSubscription.select().count() == 0


def test_send_time_check_refuses_a_host_no_longer_trusted(app, patient, service):
    from app.push.subscriptions import deliver
    from app.push.vapid import sender

    browser = service.browser()
    stored = PushSubscription.create(user=patient, endpoint=browser.endpoint,
                                     **_keys(browser))
    app.config["PUSH_ALLOWED_HOSTS"] = "push.example.org"
    result = deliver(sender(), stored, {"title": "x"}, ttl=60)
    assert result.outcome == "failed" and "trust" in result.error
    assert service.received == []
    assert PushSubscription.get_by_id(stored.id).failures == 1


def _keys(browser):
    keys = browser.subscription()["keys"]
    return {"p256dh": keys["p256dh"], "auth": keys["auth"]}


def test_therapist_encouragement_is_pushed_and_shown_on_today(client, auth, therapist, patient,
                                                              service):
    make_plan(patient, therapist, items=2)
    browser = service.browser()
    PushSubscription.create(user=patient, endpoint=browser.endpoint, **_keys(browser))
    auth.login(therapist)
    page = client.get(f"/clients/{patient.id}/reminders")
    assert page.status_code == 200
    response = auth.post(f"/clients/{patient.id}/messages",
                         {"body": "Great work this week, keep going!"}, htmx=False)
    assert response.status_code == 303
    [got] = service.received
    assert got.payload["body"] == "Great work this week, keep going!"
    assert got.payload["url"] == "/today"
    auth.logout()

    auth.login(patient)
    today = client.get("/today")
    assert b"Great work this week, keep going!" in today.data
    message = Message.get()
    assert auth.post(f"/messages/{message.id}/read", {}).status_code == 303
    assert Message.get_by_id(message.id).read_at is not None
    assert b"Great work this week" not in client.get("/today").data


def test_empty_or_long_encouragement_is_refused(client, auth, therapist, patient):
    auth.login(therapist)
    for body in ("", "   ", "x" * 301):
        response = auth.post(f"/clients/{patient.id}/messages", {"body": body})
        assert response.status_code == 422
    assert Message.select().count() == 0


def test_therapist_cannot_open_another_practice_clients_reminders(client, auth, therapist,
                                                                  stranger):
    auth.login(therapist)
    assert client.get(f"/clients/{stranger.id}/reminders").status_code == 404
    assert client.get("/clients/nope/reminders").status_code == 404
    assert auth.post(f"/clients/{stranger.id}/messages", {"body": "hi"}).status_code == 404
    assert auth.post(f"/clients/{stranger.id}/reminders", {"time": "09:00", "day": "0"}
                     ).status_code == 404
    assert Message.select().count() == 0


def test_client_cannot_put_away_someone_elses_message(client, auth, therapist, patient):
    other = make_user("client", "other-client@example.test", therapist=therapist)
    message = Message.create(client=other, sender=therapist, body="For someone else")
    auth.login(patient)
    assert auth.post(f"/messages/{message.id}/read", {}).status_code == 404
    assert auth.post("/messages/abc/read", {}).status_code == 404
    assert Message.get_by_id(message.id).read_at is None
