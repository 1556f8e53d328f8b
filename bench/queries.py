"""Query budget: how many SQL statements each page runs, counted by wrapping execute_sql.

Transaction control (BEGIN, SAVEPOINT, RELEASE, COMMIT, ROLLBACK) is not counted:
only statements that read or write rows. The same counter backs
tests/test_query_budget.py, which checks that the counts do not grow with the data.

    .venv/bin/python -m bench.queries --database-url sqlite:////tmp/homeward-bench/bench.db
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import PASSWORD, SQLITE_URL, engine, make_app, save

CONTROL = re.compile(r"^\s*(BEGIN|SAVEPOINT|RELEASE|COMMIT|ROLLBACK|SET |SHOW )", re.I)
CSRF = re.compile(rb'name="csrf-token" content="([^"]+)"')


@contextlib.contextmanager
def counting():
    """Collect every data statement the bound database runs inside the block."""
    from app.db import db

    database = db.obj
    statements: list[str] = []
    original = database.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        if not CONTROL.match(sql):
            statements.append(sql)
        return original(sql, params, *args, **kwargs)

    database.execute_sql = execute_sql
    try:
        yield statements
    finally:
        del database.execute_sql  # back to the class's method


def csrf_of(response) -> str:
    match = CSRF.search(response.data)
    if not match:
        raise AssertionError(f"no csrf-token on {response.request.path}")
    return match.group(1).decode()


def sign_in(client, email: str, password: str = PASSWORD) -> None:
    """Sign a Flask test client in, with the authenticator code when one is asked for."""
    import pyotp

    from app.models import User

    token = csrf_of(client.get("/login"))
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": token})
    location = response.headers.get("Location", "")
    if "second-factor" in location:
        secret = User.get(User.email == email).totp_secret
        page = client.get(location)
        response = client.post(location, data={"code": pyotp.TOTP(secret).now(),
                                               "csrf_token": csrf_of(page)})
    if response.status_code not in (302, 303):
        raise AssertionError(f"sign-in of {email} answered {response.status_code}")


def count_page(client, path: str) -> tuple[int, list[str]]:
    """(status, statements) of one GET."""
    with counting() as statements:
        response = client.get(path)
    return response.status_code, list(statements)


def count_tick(client, counted: str = "tick") -> tuple[int, list[str]]:
    """(status, statements) of an htmx tick on the first card left to tick, then undone;
    counted: which of the two is counted ("tick" or "undo")."""
    page = client.get("/today")
    token = csrf_of(page)
    from bench.load import HIDDEN, TICK_FORM, UNDO

    forms = TICK_FORM.findall(page.data)
    undo = UNDO.search(page.data)
    if not forms and undo:  # everything is done today: take one tick back first
        page = client.post(undo.group(1).decode().replace("&amp;", "&"),
                           headers={"HX-Request": "true", "X-CSRFToken": token})
        forms = TICK_FORM.findall(page.data)
    if not forms:
        return 0, []
    fields = {k.decode(): v.decode() for k, v in HIDDEN.findall(forms[0])}
    fields["key"] = "bench-" + os.urandom(8).hex()
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    with counting() as statements:
        response = client.post("/today/tick", data=fields, headers=headers)
    undo = UNDO.search(response.data)
    if undo and counted == "undo":
        with counting() as statements:
            response = client.post(undo.group(1).decode(), headers=headers)
    elif undo:
        client.post(undo.group(1).decode(), headers=headers)
    return response.status_code, list(statements)


def pages_for(people: dict) -> dict:
    """Path of each measured page for the chosen people (see choose_people)."""
    return {
        "/today": ("client", "/today"),
        "tick (htmx POST)": ("client", None),
        "/care": ("caregiver", "/care"),
        "/care/<client>": ("caregiver", f"/care/{people['cared_for']}"),
        "/clients": ("therapist", "/clients"),
        "/clients/<client>": ("therapist", f"/clients/{people['record']}"),
    }


def measure(app, people: dict) -> dict:
    """{page: {"status", "queries", "sql"}} for one client, caregiver and therapist."""
    out = {}
    clients = {}
    for role in ("client", "caregiver", "therapist"):
        clients[role] = app.test_client()
        sign_in(clients[role], people[role])
    from app import pagecache

    for name, (role, path) in pages_for(people).items():
        client = clients[role]
        client.get(path or "/today")  # once first: caches that fill on first use are not counted
        if path is None:
            status, statements = count_tick(client)
            out[name] = {"status": status, "queries": len(statements), "sql": statements}
            continue
        # The page built afresh (as after any change to what it shows), then as kept.
        pagecache.clear(app)
        status, statements = count_page(client, path)
        kept = count_page(client, path)[1]
        out[name] = {"status": status, "queries": len(statements), "kept": len(kept),
                     "sql": statements}
    return out


def choose_people(prefix: str = "bench") -> dict:
    """Therapist 1, their busiest-history client, a caregiver of one of their clients."""
    from peewee import fn

    from app.models import CaregiverLink, Completion, User

    therapist = User.get(User.email == f"{prefix}-therapist-1@example.org")
    link = (CaregiverLink.select().join(User, on=(CaregiverLink.client == User.id))
            .where(User.therapist == therapist).order_by(CaregiverLink.id).first())
    client = (User.select(User.id, User.email).join(Completion, on=(Completion.client == User.id))
              .where(User.therapist == therapist).group_by(User.id, User.email)
              .order_by(fn.COUNT(Completion.id).desc()).first())
    return {"therapist": therapist.email, "client": client.email, "record": client.id,
            "caregiver": link.caregiver.email, "cared_for": link.client_id}


def run(url: str) -> dict:
    """Queries per page on the seeded clinic at url."""
    app = make_app(url)
    app.config["SERVER_NAME"] = None
    from app import db as database

    with app.app_context(), database.db.connection_context():
        people = choose_people()
    result = measure(app, people)
    return {"engine": engine(url), "people": people, "pages": result}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", SQLITE_URL))
    parser.add_argument("--sql", action="store_true", help="print the statements too")
    args = parser.parse_args(argv)
    result = run(args.database_url)
    save(f"queries-{result['engine']}.json", result)
    for name, page in result["pages"].items():
        kept = f" ({page['kept']} when kept)" if "kept" in page else ""
        print(f"{name:24} {page['status']}  {page['queries']} queries{kept}")
        if args.sql:
            for sql in page["sql"]:
                print("    " + sql[:200])


if __name__ == "__main__":
    main()
