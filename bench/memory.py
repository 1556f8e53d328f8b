"""Memory: what the web process holds once everyone in the seeded clinic has used it.

gunicorn runs with the Procfile's settings. Every seeded client signs in, opens Today,
ticks a card and takes the tick back; every caregiver opens their list and the page of
each person they help; every therapist opens the caseload and each client's record.
Each worker keeps what it built in its own caches (kept pages, cards, plan items,
opened session cookies, caseload rows; each has a limit, see docs/benchmarks.md), so
this is the memory a deploy needs once the clinic has been through.

The processes' memory is read from /proc before and after: RSS (what a process has in
RAM, pages it shares with the others counted in each) and PSS (shared pages split
between the processes sharing them, so the sum over the master and its workers is what
the web process costs the machine).

    .venv/bin/python -m bench.memory --database-url sqlite:////tmp/homeward-bench/bench.db
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import SQLITE_URL, Server, engine, save
from bench.load import Conn, Person, client_steps, everyone

FIELDS = ("Rss", "Pss")
THREADS = 8


def visits(conn: Conn, person: Person, rng: random.Random):
    """The requests one person makes: (name, method, path, body, headers)."""
    if person.role == "client":
        for name, request in client_steps(conn, person, rng):
            yield (name, *request)
    elif person.role == "caregiver":
        yield "GET /care", "GET", "/care", b"", {}
        for client_id in person.targets:
            yield "GET /care/<id>", "GET", f"/care/{client_id}", b"", {}
    else:
        yield "GET /clients", "GET", "/clients", b"", {}
        for client_id in person.targets:
            yield "GET /clients/<id>", "GET", f"/clients/{client_id}", b"", {}


def use(port: int, person: Person, seed: int) -> tuple[int, int]:
    """Sign one person in and make their requests; (requests, refused or failed)."""
    person.sign_in(port)
    conn = Conn(port)
    conn.cookies = dict(person.cookies)
    conn.last = b""
    sent = failed = 0
    for _name, method, path, body, headers in visits(conn, person, random.Random(seed)):
        status, _, conn.last = conn.request(method, path, body, headers)
        sent += 1
        failed += status >= 400
    conn.close()
    return sent, failed


def process_memory(pid: int) -> dict[str, int]:
    """RSS and PSS of one process, in bytes."""
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in FIELDS:
                out[key.lower()] = int(rest.split()[0]) * 1024
    return out


def server_memory(server: Server) -> dict:
    """The master's and each worker's memory."""
    master = server.proc.pid
    with open(f"/proc/{master}/task/{master}/children") as fh:
        workers = [int(p) for p in fh.read().split()]
    return {"master": process_memory(master),
            "workers": [process_memory(pid) for pid in workers]}


def run(url: str) -> dict:
    people = [person for group in everyone(url).values() for person in group]
    with Server("app:create_app()", url) as server:
        before = server_memory(server)
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
            done = list(pool.map(use, [server.port] * len(people), people, range(len(people))))
        seconds = time.perf_counter() - started
        after = server_memory(server)
    counts = {role: sum(p.role == role for p in people)
              for role in ("client", "caregiver", "therapist")}
    return {"engine": engine(url), "people": counts,
            "requests": sum(sent for sent, _ in done), "failed": sum(bad for _, bad in done),
            "seconds": round(seconds, 1), "before": before, "after": after}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", SQLITE_URL))
    args = parser.parse_args(argv)
    result = run(args.database_url)
    save(f"memory-{result['engine']}.json", result)
    print(json.dumps(result, indent=2))
    return 1 if result["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
