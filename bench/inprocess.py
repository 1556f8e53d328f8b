"""CPU per request with no server in between: the app called directly, in one thread.

    .venv/bin/python -m bench.inprocess [--database-url URL] [--requests 1000] [--repeats 5]
    .venv/bin/python -m bench.inprocess --only today --profile    # cProfile of one endpoint

Not part of `make bench`. gunicorn's own work, the other threads and the network are left
out, so what is left is the app's cost per request: the steadiest figure on a shared
machine for comparing two versions of the code (run it on each, one after the other).
Uses the seeded clinic (`bench/seed.py`): the first seeded client for Today and the tick,
the first therapist for the caseload and a client record, the first caregiver for the
caregiver's view of a client. Each request is a full WSGI call with the person's session
cookie; only the app call is timed (process CPU time), not building the request.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import secrets
import statistics
import sys
import time
from urllib.parse import urlencode

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import PASSWORD, SQLITE_URL, TOTP_SECRET, make_app
from bench.load import ACCEPT_LANGUAGE, HIDDEN, TICK_FORM, UNDO

FORM_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ENDPOINTS = ("today", "tick", "clients", "client_record", "care_client")


class Person:
    """A signed-in test client and the WSGI environ of its requests."""

    def __init__(self, app, email, second_factor=False):
        self.app, self.client = app, app.test_client()
        form = {"email": email, "password": PASSWORD, "csrf_token": self._token("/login")}
        answer = self.client.post("/login", data=form)
        if second_factor:
            import pyotp

            where = answer.headers["Location"]
            form = {"code": pyotp.TOTP(TOTP_SECRET).now(), "csrf_token": self._token(where)}
            answer = self.client.post(where, data=form)
        if answer.status_code not in (302, 303):
            raise RuntimeError(f"sign-in of {email} answered {answer.status_code}")
        self.csrf = self._token("/settings")

    def _token(self, path):
        return FORM_CSRF.search(self.client.get(path).get_data(as_text=True)).group(1)

    def environ(self, path, method="GET", body=b""):
        from werkzeug.test import EnvironBuilder

        cookie = "; ".join(f"{c.key}={c.value}" for c in self.client._cookies.values())
        headers = {"Cookie": cookie, "Accept-Language": ACCEPT_LANGUAGE}
        if method == "POST":
            headers.update({"X-CSRFToken": self.csrf, "HX-Request": "true"})
        return EnvironBuilder(path=path, method=method, data=body, headers=headers,
                              content_type="application/x-www-form-urlencoded",
                              environ_base=dict(self.client.environ_base)).get_environ()


def call(app, environ) -> tuple[str, bytes, float]:
    """(status, body, CPU seconds) of one WSGI call."""
    status = []
    start = time.process_time()
    body = b"".join(app.wsgi_app(environ, lambda s, h, exc=None: status.append(s)))
    return status[0], body, time.process_time() - start


def gets(person, path):
    """Endless requests for one page."""
    def run():
        while True:
            yield person.environ(path)
    return run


def ticks_and_undos(person):
    """Tick a card, take it back, and again (the load test's solo tick phase)."""
    def run():
        last = call(person.app, person.environ("/today"))[1]
        while True:
            forms = TICK_FORM.findall(last)
            if not forms:
                undo = UNDO.search(last)
                last = yield person.environ(undo.group(1).decode().replace("&amp;", "&"), "POST")
                continue
            fields = {k.decode(): v.decode() for k, v in HIDDEN.findall(forms[0])}
            fields["key"] = secrets.token_urlsafe(16)
            last = yield person.environ("/today/tick", "POST", urlencode(fields).encode())
            undo = UNDO.search(last)
            last = yield person.environ(undo.group(1).decode().replace("&amp;", "&"), "POST")
    return run


def first_seeded(role: str):
    """The first seeded account (bench/seed.py) of a role: the one these figures use."""
    from app.models import User

    return (User.select().where(User.email.startswith("bench-"), User.role == role)
            .order_by(User.id).first())


def people(app):
    """The seeded accounts used, and what each endpoint asks for."""
    from app import db as database
    from app.models import CaregiverLink, User

    with database.db.connection_context():
        client = first_seeded("client")
        therapist = first_seeded("therapist")
        carer = first_seeded("caregiver")
        record = User.select().where(User.therapist == therapist).order_by(User.id).first()
        cared = CaregiverLink.get(CaregiverLink.caregiver == carer).client_id
    as_client = Person(app, client.email)
    as_therapist = Person(app, therapist.email, second_factor=True)
    as_carer = Person(app, carer.email)
    return {
        "today": gets(as_client, "/today"),
        "tick": ticks_and_undos(as_client),
        "clients": gets(as_therapist, "/clients"),
        "client_record": gets(as_therapist, f"/clients/{record.id}"),
        "care_client": gets(as_carer, f"/care/{cared}"),
    }


def measure(app, requests_of, count: int, profile: cProfile.Profile | None = None) -> float:
    """Mean CPU ms per request over count requests (two more first, not counted)."""
    run = requests_of()
    environ = next(run)
    total, status, body = 0.0, "", b""
    for n in range(count + 2):
        if profile is not None and n == 2:
            profile.enable()
        status, body, cpu = call(app, environ)
        if not status.startswith("200"):
            raise RuntimeError(f"answered {status}: {body[:200]!r}")
        if n >= 2:
            total += cpu
        environ = run.send(body)
    if profile is not None:
        profile.disable()
    return total / count * 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", SQLITE_URL))
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", choices=ENDPOINTS, action="append")
    parser.add_argument("--profile", action="store_true", help="cProfile the first --only")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"],
                        help="the order of the --profile listing")
    args = parser.parse_args(argv)
    app = make_app(args.database_url)
    runs = people(app)
    chosen = args.only or list(ENDPOINTS)
    if args.profile:
        profile = cProfile.Profile()
        measure(app, runs[chosen[0]], args.requests, profile)
        pstats.Stats(profile).sort_stats(args.sort).print_stats(40)
        return 0
    print(f"CPU ms per request, {args.requests} requests × {args.repeats} repeats "
          f"({args.database_url.split(':')[0]}):")
    for name in chosen:
        figures = sorted(measure(app, runs[name], args.requests) for _ in range(args.repeats))
        print(f"  {name:14} median {statistics.median(figures):6.2f}   "
              f"min {figures[0]:6.2f}   max {figures[-1]:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
