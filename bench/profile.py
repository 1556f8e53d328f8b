"""Where the time goes under load: py-spy samples the gunicorn workers during one phase.

    .venv/bin/python -m bench.profile today --seconds 10 [--database-url URL]

Runs the load test's solo phase for one endpoint (floor, today, tick, care, care_client,
clients, client_record; floor on bench/floor.py's app) and prints the functions with the
most samples: inclusive (on the stack) for Homeward's own code, and self time overall.
The raw collapsed stacks are kept in bench/results/profile-<endpoint>.txt (feed them to
a flame graph tool, or grep them).
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import os
import subprocess
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import PYTHON, RESULTS, SQLITE_URL, Server
from bench.load import CONNECTIONS, PROCESSES, SOLO, pick_people, run_phase, solo_assignments

IDLE = ("EpollSelector.select", "Arbiter.sleep", "Arbiter.wait_for_signals", "_worker (",
        "Condition.wait", "PollableMethodQueue", "select (")
INFRA = ("threading.py", "concurrent/futures", "gunicorn/", "process ", "flask/app.py",
         "werkzeug/serving")


def summarise(path: str, top: int = 30) -> str:
    """Top frames by inclusive and by self samples, over the samples that were not idle."""
    inclusive: collections.Counter = collections.Counter()
    own: collections.Counter = collections.Counter()
    busy = idle = 0
    with open(path) as fh:
        for line in fh:
            stack, _, count = line.rstrip().rpartition(" ")
            if not count.isdigit():
                continue
            n = int(count)
            frames = [f for f in stack.split(";") if not f.startswith("process ")]
            if not frames or any(frames[-1].startswith(i) or i in frames[-1] for i in IDLE):
                idle += n
                continue
            busy += n
            own[frames[-1]] += n
            for frame in set(frames):
                if not any(i in frame for i in INFRA):
                    inclusive[frame] += n
    busy = busy or 1
    lines = [f"{busy} busy samples ({idle} idle left out)", "",
             "On the stack (inclusive share of busy samples):"]
    lines += [f"{n / busy * 100:5.1f}%  {frame}" for frame, n in inclusive.most_common(top)]
    lines += ["", "Running (self share of busy samples):"]
    lines += [f"{n / busy * 100:5.1f}%  {frame}" for frame, n in own.most_common(top)]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endpoint", choices=list(SOLO))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", SQLITE_URL))
    args = parser.parse_args(argv)
    role, only = SOLO[args.endpoint]
    people = pick_people(args.database_url, {"client": CONNECTIONS, "caregiver": CONNECTIONS,
                                              "therapist": CONNECTIONS})
    os.makedirs(RESULTS, exist_ok=True)
    out = os.path.join(RESULTS, f"profile-{args.endpoint}.txt")
    spy = os.path.join(os.path.dirname(PYTHON), "py-spy")
    spec = "bench.floor:create_app()" if args.endpoint == "floor" else "app:create_app()"
    with Server(spec, args.database_url) as server:
        for person in people[role]:
            person.sign_in(server.port)
        recorder = subprocess.Popen(
            [spy, "record", "--pid", str(server.proc.pid), "--subprocesses", "--format", "raw",
             "--rate", "200", "--duration", str(int(args.seconds) + 1), "--output", out,
             "--nonblocking", "--gil"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with mp.get_context("fork").Pool(PROCESSES) as pool:
            phase = run_phase(pool, server.port, solo_assignments(people, role, only), 0.5,
                              args.seconds)
        recorder.wait(timeout=60)
    print(f"{args.endpoint}: {phase['rps']:.0f} requests/s while sampled")
    print(summarise(out))


if __name__ == "__main__":
    main()
