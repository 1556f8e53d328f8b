"""Hostile input to every form and JSON endpoint, as every role: never a 500, nothing
half-written, and whatever HTML is sent comes back escaped.

The endpoints come from app.url_map (every rule that takes POST/PUT/PATCH/DELETE); the
field names from every template and every FlaskForm, so new forms are covered too.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import db as database
from tests.conftest import Auth
from tests.test_security_routes import _world

ROOT = Path(__file__).resolve().parents[1]
MARKERS = ("<script>hw8()</script>", '"><img src=x onerror=hw8()>', "<svg/onload=hw8()>")
UNESCAPED = re.compile(rb"<script>hw8\(\)|<img src=x onerror|<svg/onload")
# Tables a refused request may still write to: the audit log and sign-in bookkeeping.
BOOKKEEPING = {"audit_event", "login_throttle", "web_authn_challenge", "schema_migration"}
NOT_FUZZED = {"auth.logout", "rights.close"}  # would end the signed-in session on purpose
FUZZ = settings(max_examples=3, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))

hostile_text = st.one_of(
    st.sampled_from(["", " ", "0", "-1", "1.5", "1e309", "NaN", "99999999999999999999",
                     "-9223372036854775809", "' OR '1'='1", "1; DROP TABLE user; --",
                     "../../etc/passwd", "\x00", "null", "true", "[]", "{}", "2026-02-30",
                     "9999-12-31", "\u202e\u0645\u0631\u062d\u0628\u0627", "👩🏽‍🦽" * 50,
                     *MARKERS]),
    st.text(max_size=40),
    st.text(min_size=3000, max_size=20000, alphabet="aé<>&\"'\n 日"),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), hostile_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["endpoint", "keys", "p256dh",
                                                             "auth", "credential", "id",
                                                             "response", "name"]), inner,
                                            max_size=4)),
    max_leaves=8)


def _field_names() -> list[str]:
    names = set()
    for template in (ROOT / "templates").rglob("*.html"):
        names.update(re.findall(r'name="([a-z_0-9]+)"', template.read_text()))
    todo = list(FlaskForm.__subclasses__())
    while todo:
        form = todo.pop()
        todo.extend(form.__subclasses__())
        names.update(name for name, _field in getattr(form, "_unbound_fields", None) or [])
    names.discard("csrf_token")
    return sorted(names)


def _snapshot() -> str:
    """A digest of every table's rows (bookkeeping tables left out)."""
    digest = hashlib.sha256()
    for table in sorted(set(database.db.get_tables()) - BOOKKEEPING):
        rows = database.db.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()  # noqa: S608
        digest.update(repr((table, rows)).encode())
    return digest.hexdigest()


def _post_rules(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        methods = rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
        if methods and rule.endpoint not in NOT_FUZZED:
            yield rule, sorted(methods)[0]


def _build(rule, args: dict) -> str:
    try:
        return rule.build(args, append_unknown=False)[1]
    except Exception:  # a value the converter refuses (text for <int:>): use a real id
        return None


def _check(response, problems, label, before=None):
    body = response.get_data()
    response.close()
    if response.status_code >= 500:
        problems.append(f"{label} -> {response.status_code}")
    if UNESCAPED.search(body):
        problems.append(f"{label} -> HTML came back unescaped")
    if before is not None and response.status_code >= 400 and _snapshot() != before:
        problems.append(f"{label} -> refused ({response.status_code}) but data changed")


def _fuzzer(auth, rule, method, own, fields, problems, role):
    """A Hypothesis test for one endpoint: hostile form, JSON body and path values."""
    real_path = {a: own.get(a, 1) for a in rule.arguments}

    @FUZZ
    @given(form=st.dictionaries(st.sampled_from(fields), hostile_text, max_size=8),
           body=st.one_of(st.none(), json_value),
           path=st.fixed_dictionaries({a: st.one_of(st.just(v), hostile_text)
                                       for a, v in real_path.items()}))
    def post(form, body, path):
        url = _build(rule, path) or _build(rule, real_path)
        if url is None:
            return
        headers = {"X-CSRFToken": auth.token}
        before = _snapshot()
        if body is not None:
            response = auth.client.open(url, method=method, json=body, headers=headers)
        else:
            response = auth.client.open(url, method=method, headers=headers,
                                        data={**form, "csrf_token": auth.token})
        _check(response, problems, f"{role} {method} {rule.rule} {url[:80]!r}", before)

    return post


@pytest.mark.parametrize("role", ["patient", "caregiver", "therapist"])
def test_hostile_input_to_every_form_never_fails_or_half_writes(app, role, request,
                                                                therapist, patient, caregiver):
    own = _world(therapist, patient, caregiver)
    auth = Auth(app.test_client())
    auth.login(request.getfixturevalue(role))
    fields, problems = _field_names(), []

    for rule, method in _post_rules(app):
        _fuzzer(auth, rule, method, own, fields, problems, role)()
        if not auth.client.get("/offline").status_code == 200:
            auth.login(request.getfixturevalue(role))  # an endpoint signed us out
        auth.refresh()

    # Whatever was stored above is shown escaped on every page this role can open.
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            url = _build(rule, {a: own.get(a, 1) for a in rule.arguments})
            if url:
                _check(auth.client.get(url), problems, f"{role} GET {url}")
    assert not problems, "\n".join(sorted(set(problems))[:60])
