"""Instructions per request, counted by callgrind: the steadiest way to compare two versions.

    .venv/bin/python -m bench.instructions [tick today floor hello] [--requests 200]

Not part of `make bench`. Each endpoint is run twice under `valgrind --tool=callgrind`,
calling the app directly as bench/inprocess.py does (the first seeded client, signed in;
each request's environ built outside the call): once with 50 requests and once with 50
more than --requests, each run on its own copy of the seeded SQLite file, and the
difference is divided by --requests. Start-up, imports and the sign-in cancel out.
Instructions, not seconds: the same code counts the same to a fraction of a percent
whatever else the machine is doing, where load-test figures on a shared machine move by
a third between minutes. About a minute and a half per endpoint (both runs side by side).

Needs valgrind (Debian's package) and the SQLite bench data (`python -m bench.seed`).
*floor* is bench/floor.py's route (a signed-in POST that does nothing), *hello* the
ceiling's app (bench/hello.py).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import PYTHON, ROOT, SQLITE_URL

ENDPOINTS = ("tick", "today", "floor", "hello")
WARM = 50  # requests in both runs: what they cost cancels out with the start-up


def _requests(app, what: str):
    """Endless WSGI environs for one endpoint, each made from the answer before it."""
    from app import db as database
    from bench import inprocess

    with database.db.connection_context():
        email = inprocess.first_seeded("client").email
    person = inprocess.Person(app, email)
    if what == "tick":
        return inprocess.ticks_and_undos(person)()
    if what == "floor":
        def floors():
            while True:
                yield person.environ("/bench/floor", "POST",
                                     b"item=5&day=2026-01-01&slot=1&key=abcdefghijklmnop")
        return floors()
    return inprocess.gets(person, "/today")()


def child(url: str, what: str, count: int) -> None:
    """Run `count` requests of one endpoint in this process (under valgrind)."""
    if what == "hello":
        from werkzeug.test import EnvironBuilder

        from bench.hello import create_app

        app = create_app()
        for _ in range(count):
            b"".join(app.wsgi_app(EnvironBuilder(path="/").get_environ(), lambda *a: None))
        return
    from bench.common import make_app
    from bench.floor import add_floor

    app = add_floor(make_app(url))
    run = _requests(app, what)
    environ = next(run)
    for _ in range(count):
        environ = run.send(b"".join(app.wsgi_app(environ, lambda *a: None)))


def _count(db_copy: str, what: str, count: int) -> int:
    """Instructions callgrind counted for one run of `count` requests."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", PYTHON, "-m",
         "bench.instructions", "--child", what, str(count), "--database-url",
         "sqlite:///" + db_copy],
        cwd=ROOT, capture_output=True, text=True, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"{what}: valgrind run failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_request(url: str, what: str, requests: int) -> float:
    """Instructions per request of one endpoint: the two runs' difference ÷ requests."""
    source = url[len("sqlite:///"):]
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for name in ("short", "long"):
            copies.append(os.path.join(tmp, f"{name}.db"))
            # SQLite's backup, not a file copy: what is still in the -wal file comes too.
            with contextlib.closing(sqlite3.connect(source)) as src, \
                    contextlib.closing(sqlite3.connect(copies[-1])) as dst:
                src.backup(dst)
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            short, long = pool.map(_count, copies, [what] * 2, [WARM, WARM + requests])
    return (long - short) / requests


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endpoints", nargs="*", metavar="ENDPOINT",
                        help="any of " + ", ".join(ENDPOINTS) + " (default: all)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", default=SQLITE_URL)
    parser.add_argument("--child", nargs=2, metavar=("ENDPOINT", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.database_url, args.child[0], int(args.child[1]))
        return 0
    if not args.database_url.startswith("sqlite:///"):
        parser.error("instructions are counted on copies of the SQLite bench file")
    unknown = set(args.endpoints) - set(ENDPOINTS)
    if unknown:
        parser.error(f"unknown endpoint(s): {', '.join(sorted(unknown))}")
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed (apt-get install valgrind)")
    print(f"Instructions per request (callgrind, {args.requests} requests after {WARM}):")
    for what in args.endpoints or ENDPOINTS:
        figure = per_request(args.database_url, what, args.requests)
        print(f"  {what:6} {figure / 1e6:6.2f} M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
