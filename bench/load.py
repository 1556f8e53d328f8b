"""Load test: Homeward under gunicorn (the Procfile's settings) against a Flask "hello" ceiling.

The servers run side by side for the whole test, with the same gunicorn settings. Each
repeat drives, at 16 concurrent connections (closed loop, no think time; kept alive where
the server's workers allow it, opened afresh for each request where they close it):

- `mix`: a realistic mix of people: clients load /today, tick a card (htmx) and take
  the tick back; caregivers open /care and their client's page; therapists open the
  caseload and client records. Reports latency per endpoint.
- one `solo` phase per endpoint (all 16 connections on it), and `hello` (the ceiling):
  requests/s and latency, so each endpoint's throughput is a share of the ceiling
  measured minutes apart on the same machine.
- `floor`: the same signed-in POST as a tick, sent to Homeward with one route added that
  does nothing (`bench/floor.py`): what every signed-in POST costs before its view runs.

Repeats alternate the phases and the figures reported are medians over repeats.
The load generator is a few processes of threads with raw sockets, kept alive where the
server allows (cheap per request, so it leaves the cores to the servers); its own CPU is
reported.

    .venv/bin/python -m bench.load --database-url sqlite:////tmp/homeward-bench/bench.db
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import secrets
import socket
import statistics
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import (
    PASSWORD,
    SQLITE_URL,
    TOTP_SECRET,
    Server,
    engine,
    make_app,
    save,
    server_settings,
)

CONNECTIONS = 16
PROCESSES = 2
# Sent with every request, to both servers, as a phone's browser does; the seeded people
# have no language of their own set, so Homeward picks its language from this header.
ACCEPT_LANGUAGE = "en-GB,en;q=0.9"
CSRF = re.compile(rb'name="csrf-token" content="([^"]+)"')
TICK_FORM = re.compile(rb'<form[^>]*class="tick-form".*?</form>', re.S)
HIDDEN = re.compile(rb'name="(key|item|slot|day)" value="([^"]*)"')
UNDO = re.compile(rb'action="(/completions/\d+/undo[^"]*)"')


# -- a minimal HTTP/1.1 keep-alive client ------------------------------------------------

class Conn:
    """One keep-alive connection with its own cookie jar."""

    def __init__(self, port: int):
        self.port = port
        self.sock = None
        self.cookies: dict[str, str] = {}
        self.buf = b""

    def _connect(self):
        self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def close(self):
        if self.sock:
            self.sock.close()
            self.sock = None

    def request(self, method: str, path: str, body: bytes = b"", headers=None):
        """(status, headers, body); reconnects once if the server closed an idle socket."""
        for attempt in (1, 2):
            if self.sock is None:
                self._connect()
            try:
                return self._exchange(method, path, body, headers or {})
            except (TimeoutError, ConnectionError, OSError, EOFError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _exchange(self, method, path, body, headers):
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}",
                 "Accept-Encoding: identity", f"Accept-Language: {ACCEPT_LANGUAGE}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = self._read_until(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        resp_headers: dict[str, list[str]] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            resp_headers.setdefault(name.strip().lower(), []).append(value.strip())
        for cookie in resp_headers.get("set-cookie", []):
            pair = cookie.split(";", 1)[0]
            name, _, value = pair.partition("=")
            if value and "expires=thu, 01 jan 1970" not in cookie.lower():
                self.cookies[name.strip()] = value.strip()
            else:
                self.cookies.pop(name.strip(), None)
        if "chunked" in ",".join(resp_headers.get("transfer-encoding", [])):
            data = self._read_chunked()
        else:
            data = self._read_exact(int(resp_headers.get("content-length", ["0"])[0]))
        if "close" in ",".join(resp_headers.get("connection", [])).lower():
            self.close()
        return status, resp_headers, data

    def _recv(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("server closed the connection")
        self.buf += chunk

    def _read_until(self, marker):
        while marker not in self.buf:
            self._recv()
        head, _, self.buf = self.buf.partition(marker)
        return head

    def _read_exact(self, n):
        while len(self.buf) < n:
            self._recv()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def _read_chunked(self):
        out = b""
        while True:
            size = int(self._read_until(b"\r\n").split(b";")[0], 16)
            if size == 0:
                self._read_until(b"\r\n")
                return out
            out += self._read_exact(size)
            self._read_exact(2)


# -- people --------------------------------------------------------------------------

def totp_now(secret: str) -> str:
    import pyotp

    return pyotp.TOTP(secret).now()


class Person:
    """A signed-in account: its cookies and CSRF token, and what it opens."""

    def __init__(self, role, email, targets):
        self.role, self.email, self.targets = role, email, targets
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def sign_in(self, port: int):
        conn = Conn(port)
        status, _, page = conn.request("GET", "/login")
        token = CSRF.search(page).group(1).decode()
        form = urlencode({"email": self.email, "password": PASSWORD, "csrf_token": token})
        status, headers, _ = conn.request(
            "POST", "/login", form.encode(),
            {"Content-Type": "application/x-www-form-urlencoded"})
        if status not in (302, 303):
            raise RuntimeError(f"sign-in of {self.email} answered {status}")
        location = urlsplit(headers["location"][0])
        path = location.path + (f"?{location.query}" if location.query else "")
        if "second-factor" in path:
            status, _, page = conn.request("GET", path)
            token = CSRF.search(page).group(1).decode()
            form = urlencode({"code": totp_now(TOTP_SECRET), "csrf_token": token})
            status, headers, _ = conn.request(
                "POST", path, form.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
            if status not in (302, 303):
                raise RuntimeError(f"second factor of {self.email} answered {status}")
        elif "enrol" in path:
            raise RuntimeError(f"{self.email} has no second factor: seed with TOTP")
        # A new session at sign-in means a new CSRF token: read it from a page.
        status, _, page = conn.request("GET", "/offline")
        match = CSRF.search(page)
        if status != 200 or not match:
            status, _, page = conn.request("GET", "/settings")
            match = CSRF.search(page)
        self.csrf = match.group(1).decode()
        self.cookies = dict(conn.cookies)
        conn.close()
        return self


def everyone(url: str) -> dict[str, list[Person]]:
    """Every seeded account by role, in the order they were made, with the records each
    opens (a therapist's clients, the people a caregiver helps)."""
    make_app(url)
    from app import db as database
    from app.models import CaregiverLink, User

    seeded = User.email.startswith("bench-")
    with database.db.connection_context():
        therapists = [
            Person("therapist", t.email,
                   [c for (c,) in User.select(User.id).where(User.therapist == t)
                    .order_by(User.id).tuples()])
            for t in User.select().where(User.role == "therapist", seeded).order_by(User.id)]
        clients = [Person("client", email, []) for (email,) in User.select(User.email)
                   .where(User.role == "client", seeded).order_by(User.id).tuples()]
        carers = [
            Person("caregiver", carer.email,
                   [c for (c,) in CaregiverLink.select(CaregiverLink.client).where(
                       CaregiverLink.caregiver == carer,
                       CaregiverLink.revoked_at.is_null()).tuples()])
            for carer in User.select().where(User.role == "caregiver", seeded).order_by(User.id)]
    database.db.close()
    return {"therapist": therapists, "client": clients, "caregiver": carers}


def pick_people(url: str, counts: dict[str, int], seed: int = 3) -> dict[str, list[Person]]:
    """Seeded accounts of each role spread over the clinic, with the records they open."""
    rng = random.Random(seed)
    return {role: rng.sample(group, min(counts[role], len(group)))
            for role, group in everyone(url).items()}


# -- what each kind of person does ---------------------------------------------------------

def _csrf_headers(person, htmx=True):
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": person.csrf}
    if htmx:
        headers["HX-Request"] = "true"
    return headers


def client_steps(conn, person, rng, only=None):
    """A client: open Today, tick a card, take it back (so there is always a card to tick).

    The card to tick is read from the last page or fragment, as the browser has it: an
    undo answers with the card's tick form again, so the solo tick phase alternates
    tick and undo without loading the page in between.
    """
    if only == "floor":  # bench/floor.py: a signed-in POST shaped like a tick, nothing done
        fields = {"item": "1", "day": time.strftime("%Y-%m-%d"), "slot": "1",
                  "key": secrets.token_urlsafe(16)}
        yield "POST /bench/floor", ("POST", "/bench/floor", urlencode(fields).encode(),
                                    _csrf_headers(person))
        return
    if only != "tick":
        yield "GET /today", ("GET", "/today", b"", {})
    if only == "today":
        return
    forms = TICK_FORM.findall(conn.last)
    if not forms and only == "tick":
        conn.last = conn.request("GET", "/today")[2]  # not timed: only to find a card
        forms = TICK_FORM.findall(conn.last)
    if not forms:
        # Everything is done today: take one tick back (a request like any other) so
        # there is a card to tick, rather than asking for the page again and again.
        undo = UNDO.search(conn.last)
        if undo is None:
            time.sleep(0.05)  # no card at all today: nothing this person can tick
            return
        yield "POST undo", ("POST", undo.group(1).decode().replace("&amp;", "&"), b"",
                            _csrf_headers(person))
        forms = TICK_FORM.findall(conn.last)
        if not forms:
            return
    fields = {k.decode(): v.decode() for k, v in HIDDEN.findall(rng.choice(forms))}
    fields["key"] = secrets.token_urlsafe(16)
    yield "POST /today/tick", ("POST", "/today/tick", urlencode(fields).encode(),
                               _csrf_headers(person))
    undo = UNDO.search(conn.last)
    if undo:
        yield "POST undo", ("POST", undo.group(1).decode().replace("&amp;", "&"), b"",
                            _csrf_headers(person))


def caregiver_steps(conn, person, rng, only=None):
    """A caregiver: the list of people they help, then one person's page."""
    if only in (None, "care"):
        yield "GET /care", ("GET", "/care", b"", {})
    if only in (None, "care_client") and person.targets:
        yield "GET /care/<id>", ("GET", f"/care/{rng.choice(person.targets)}", b"", {})


def therapist_steps(conn, person, rng, only=None):
    """A therapist: the caseload, then a client record."""
    if only in (None, "clients"):
        yield "GET /clients", ("GET", "/clients", b"", {})
    if only in (None, "client_record") and person.targets:
        yield "GET /clients/<id>", ("GET", f"/clients/{rng.choice(person.targets)}", b"", {})


STEPS = {"client": client_steps, "caregiver": caregiver_steps, "therapist": therapist_steps}
# Solo phases: endpoint name -> (role, only)
SOLO = {"floor": ("client", "floor"), "today": ("client", "today"), "tick": ("client", "tick"),
        "care": ("caregiver", "care"), "care_client": ("caregiver", "care_client"),
        "clients": ("therapist", "clients"), "client_record": ("therapist", "client_record")}


# -- running a phase ---------------------------------------------------------------------

def _worker_thread(port, person, only, start_at, record_at, end_at, seed, out, hello):
    rng = random.Random(seed)
    conn = Conn(port)
    conn.cookies = dict(person.cookies) if person else {}
    conn.last = b""
    lat: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    sent = 0
    while time.time() < start_at:
        time.sleep(0.005)
    while time.time() < end_at:
        steps = ([("GET /", ("GET", "/", b"", {}))] if hello
                 else STEPS[person.role](conn, person, rng, only))
        for name, (method, path, body, headers) in steps:
            if time.time() >= end_at:
                break
            t0 = time.perf_counter()
            try:
                status, _, data = conn.request(method, path, body, headers)
            except Exception:  # a failed request is counted, not fatal
                status, data = 599, b""
            elapsed = time.perf_counter() - t0
            sent += 1
            conn.last = data
            if time.time() >= record_at:
                lat.setdefault(name, []).append(elapsed)
                if status >= 400:
                    errors[name] = errors.get(name, 0) + 1
    conn.close()
    out.append((lat, errors, sent))


def _run_process(args):
    port, assignments, start_at, record_at, end_at, hello = args
    out: list = []
    cpu0 = os.times()
    threads = [threading.Thread(target=_worker_thread,
                                args=(port, person, only, start_at, record_at, end_at, seed, out,
                                      hello))
               for person, only, seed in assignments]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu1 = os.times()
    lat: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    sent = 0
    for part_lat, part_err, part_sent in out:
        sent += part_sent
        for k, v in part_lat.items():
            lat.setdefault(k, []).extend(v)
        for k, v in part_err.items():
            errors[k] = errors.get(k, 0) + v
    return lat, errors, (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system), sent


def percentile(values, q):
    values = sorted(values)
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(q / 100 * len(values) + 0.5) - 1))
    return values[index]


def run_phase(pool, port, assignments, warmup, duration, hello=False, server=None):
    """Run the assignments (person, only, seed) on 16 connections; figures per endpoint.

    With the server given, also the server's CPU time per request (warm-up included):
    unlike throughput, it hardly changes when other work shares the machine.
    """
    server_cpu0 = server.cpu_seconds() if server else None
    start_at = time.time() + 0.3
    record_at = start_at + warmup
    end_at = record_at + duration
    chunks = [assignments[i::PROCESSES] for i in range(PROCESSES)]
    results = pool.map(_run_process, [(port, chunk, start_at, record_at, end_at, hello)
                                      for chunk in chunks])
    lat: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    cpu = 0.0
    sent = 0
    for part_lat, part_err, part_cpu, part_sent in results:
        cpu += part_cpu
        sent += part_sent
        for k, v in part_lat.items():
            lat.setdefault(k, []).extend(v)
        for k, v in part_err.items():
            errors[k] = errors.get(k, 0) + v
    total = sum(len(v) for v in lat.values())
    phase = {"rps": total / duration, "requests": total,
             "generator_cpu_share": cpu / (warmup + duration) / (os.cpu_count() or 1),
             "server_cpu_ms_per_request": ((server.cpu_seconds() - server_cpu0) / sent * 1000
                                           if server and sent else None),
             "endpoints": {}}
    for name, values in sorted(lat.items()):
        phase["endpoints"][name] = {
            "rps": len(values) / duration, "requests": len(values),
            "errors": errors.get(name, 0),
            "p50_ms": percentile(values, 50) * 1000, "p95_ms": percentile(values, 95) * 1000,
            "p99_ms": percentile(values, 99) * 1000,
        }
    return phase


def mix_assignments(people):
    """10 clients, 3 caregivers and 3 therapists: the realistic mix on 16 connections."""
    chosen = people["client"][:10] + people["caregiver"][:3] + people["therapist"][:3]
    return [(p, None, n) for n, p in enumerate(chosen)]


def solo_assignments(people, role, only):
    chosen = (people[role] * CONNECTIONS)[:CONNECTIONS]
    return [(p, only, n) for n, p in enumerate(chosen)]


def median_of(repeats, path):
    """The median over repeats of the value at path (a tuple of keys); None when absent."""
    values = []
    for r in repeats:
        value = r
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
            if value is None:
                break
        if value is not None:
            values.append(value)
    return statistics.median(values) if values else None


def summarise(repeats):
    """Medians over repeats: each phase, each endpoint, and the share of the ceiling."""
    summary = {"phases": {}}
    phases = repeats[0].keys()
    for phase in phases:
        names = set()
        for r in repeats:
            names.update(r.get(phase, {}).get("endpoints", {}).keys())
        summary["phases"][phase] = {
            "rps": median_of(repeats, (phase, "rps")),
            "generator_cpu_share": median_of(repeats, (phase, "generator_cpu_share")),
            "server_cpu_ms_per_request": median_of(repeats, (phase, "server_cpu_ms_per_request")),
            "endpoints": {n: {k: median_of(repeats, (phase, "endpoints", n, k))
                              for k in ("rps", "p50_ms", "p95_ms", "p99_ms", "errors",
                                        "requests")}
                          for n in sorted(names)},
        }
        if phase != "hello":
            shares = [r[phase]["rps"] / r["hello"]["rps"] for r in repeats
                      if phase in r and r["hello"]["rps"]]
            summary["phases"][phase]["share_of_hello"] = (statistics.median(shares)
                                                          if shares else None)
    return summary


def run(url: str, repeats: int = 3, warmup: float = 1.0, duration: float = 5.0,
        mix_duration: float = 8.0, phases=None) -> dict:
    """The whole load test on one database; returns raw repeats and their medians."""
    people = pick_people(url, {"client": CONNECTIONS, "caregiver": CONNECTIONS,
                               "therapist": CONNECTIONS})
    phases = phases or ["hello", "mix", *SOLO]
    ctx = mp.get_context("fork")
    with Server("app:create_app()", url) as app_server, \
            Server("bench.hello:create_app()", url) as hello_server, \
            Server("bench.floor:create_app()", url) as floor_server:
        for group in people.values():
            for person in group:
                person.sign_in(app_server.port)
        raw = []
        with ctx.Pool(PROCESSES) as pool:
            for n in range(repeats):
                order = phases if n % 2 == 0 else list(reversed(phases))
                result = {}
                for phase in order:
                    if phase == "hello":
                        result[phase] = run_phase(pool, hello_server.port,
                                                  [(None, None, i) for i in range(CONNECTIONS)],
                                                  warmup, duration, hello=True,
                                                  server=hello_server)
                    elif phase == "mix":
                        result[phase] = run_phase(pool, app_server.port, mix_assignments(people),
                                                  warmup, mix_duration, server=app_server)
                    else:
                        role, only = SOLO[phase]
                        server = floor_server if phase == "floor" else app_server
                        result[phase] = run_phase(pool, server.port,
                                                  solo_assignments(people, role, only),
                                                  warmup, duration, server=server)
                    cpu = result[phase]["server_cpu_ms_per_request"]
                    print(f"  [{engine(url)} repeat {n + 1}] {phase}: "
                          f"{result[phase]['rps']:.0f} req/s, server CPU "
                          f"{cpu or 0:.2f} ms/request", file=sys.stderr)
                raw.append(result)
    return {"engine": engine(url), "connections": CONNECTIONS, "repeats": repeats,
            "duration_s": duration, "mix_duration_s": mix_duration, "warmup_s": warmup,
            "server": server_settings(), "raw": raw, "median": summarise(raw)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", SQLITE_URL))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--mix-duration", type=float, default=8.0)
    parser.add_argument("--phases", nargs="*", help="hello mix " + " ".join(SOLO))
    args = parser.parse_args(argv)
    result = run(args.database_url, args.repeats, duration=args.duration,
                 mix_duration=args.mix_duration, phases=args.phases)
    save(f"load-{result['engine']}.json", result)
    print(json.dumps(result["median"], indent=2))


if __name__ == "__main__":
    main()
