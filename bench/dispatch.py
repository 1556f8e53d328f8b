"""Reminder dispatch: 10,000 due reminders sent to a local push service, with real encryption.

A database of its own holds 10,000 clients (200 therapists x 50), each with a plan,
a reminder at 09:00 London time and one subscribed phone. The phones are made by
tests/pushservice.py in a separate process: a real HTTP push service on 127.0.0.1
that, for every 20th message (--check-every), checks the VAPID signature and
decrypts the aes128gcm body with the phone's private key as a browser would, so
a message that was not really encrypted and signed shows up as an error. (Checking
all of them works too, but then the service's own CPU competes with the sender
for this machine's two cores.)

The app's own one-pass sender (app.reminders.send_due, what `flask reminders
send-due` runs) then sends everything due at 09:01. Reported: reminders/s (wall
clock) and the sender's CPU time per reminder, split into encryption (RFC 8291,
the `webpush` package), VAPID signing (ES256 JWT), HTTP (the request to the push
service) and the rest (database: claim, plan look-up for the text, bookkeeping).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import sys
import threading
import time
from zoneinfo import ZoneInfo

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import BENCH_INSTANCE, PG_URL, engine, make_app, reset_database, save

COUNT = 10_000
SQLITE_DISPATCH_URL = "sqlite:///" + os.path.join(BENCH_INSTANCE, "dispatch.db")
PG_DISPATCH_URL = PG_URL.rsplit("/", 1)[0] + "/homeward_bench_dispatch"


def _push_service(conn, count: int, check_every: int):
    """Child process: run the push service with `count` subscribed phones until told to stop.

    Every `check_every`-th message is fully checked (VAPID signature, aes128gcm
    decryption with the phone's key); the others are answered 201 unread, so the push
    service's own CPU does not slow the sender down on this 2-core machine.
    """
    import itertools

    from tests.pushservice import PushService

    with PushService() as service:
        # socketserver listens with a backlog of 5: with the sender's threads connecting
        # at once, the kernel drops SYNs and each drop stalls a send for a second (a
        # retransmit), which no real push service does to its clients.
        service.server.socket.listen(128)
        counter = itertools.count()
        check = service.handle
        skipped = []

        def handle(path, headers, body):
            if check_every and next(counter) % check_every == 0:
                return check(path, headers, body)
            skipped.append(1)
            return 201

        service.handle = handle  # type: ignore[method-assign]
        conn.send([service.browser().subscription() for _ in range(count)])
        conn.send(service.origin)
        service.vapid_key = conn.recv()
        conn.recv()  # "stop"
        cpu = os.times()
        conn.send({"received": len(service.received), "errors": service.errors[:5],
                   "answered_unchecked": len(skipped),
                   "error_count": len(service.errors),
                   "cpu_s": cpu.user + cpu.system})


def seed(url: str, count: int) -> None:
    """A fresh database with `count` reminded clients (plans, no practice logged yet)."""
    from bench.seed import build

    reset_database(url)
    app = make_app(url)
    from app import db as database
    from app.demo import load_library
    from app.models import ReminderSchedule, User

    with app.app_context():
        database.migrate()
        with database.db.connection_context():
            load_library()
            build(therapists=max(1, count // 50), clients_per=50, items=4, days=14,
                  prefix="dispatch", carer_share=0.0, history=False)
            with database.atomic():
                User.update(timezone="Europe/London", quiet_start=None, quiet_end=None).where(
                    User.role == "client").execute()
                ReminderSchedule.update(local_time="09:00", days_of_week=0b1111111).execute()


def subscribe_all(url: str, subscriptions: list[dict]) -> None:
    """One PushSubscription per client, in bulk."""
    from bench.seed import chunked_insert

    app = make_app(url)
    from app import db as database
    from app.models import PushSubscription, User, utcnow

    with app.app_context(), database.db.connection_context():
        ids = [uid for (uid,) in User.select(User.id).where(User.role == "client")
               .order_by(User.id).tuples()]
        rows = [{"user": uid, "endpoint": sub["endpoint"], "p256dh": sub["keys"]["p256dh"],
                 "auth": sub["keys"]["auth"], "user_agent": "bench", "created_at": utcnow()}
                for uid, sub in zip(ids, subscriptions, strict=False)]
        with database.atomic():
            PushSubscription.delete().execute()
            chunked_insert(PushSubscription, rows)


class Meter:
    """CPU (this thread) and wall time spent inside wrapped functions, by label."""

    def __init__(self):
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.lock = threading.Lock()

    def wrap(self, label, func):
        def timed(*args, **kwargs):
            c0, w0 = time.thread_time(), time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                cpu, wall = time.thread_time() - c0, time.perf_counter() - w0
                with self.lock:
                    self.cpu[label] = self.cpu.get(label, 0.0) + cpu
                    self.wall[label] = self.wall.get(label, 0.0) + wall
                    self.calls[label] = self.calls.get(label, 0) + 1

        return timed


def send_concurrently(reminders, at, sender, app, threads: int) -> dict[str, int]:
    """Claim every due occurrence one by one, then deliver each on its own on `threads`
    threads (the way to compare with send_due's batches, which use their own thread pool).
    """
    from concurrent.futures import ThreadPoolExecutor

    from app.db import db

    claimed = [d for d in (reminders.claim(s, day) for s, day in reminders.due_occurrences(at))
               if d]
    db.close()

    def one(delivery):
        with app.app_context():
            try:
                return reminders.deliver(delivery, at, sender)
            finally:
                if not db.is_closed():
                    db.close()

    counts: dict[str, int] = {}
    with ThreadPoolExecutor(threads) as pool:
        for status in pool.map(one, claimed):
            counts[status] = counts.get(status, 0) + 1
    return counts


def _progress(path, meter, cpu0, wall0, stop):
    """Every 2 s, what has been sent so far and the meters (read if the run is cut short)."""
    while not stop.wait(2):
        with meter.lock:
            snapshot = {"elapsed": time.perf_counter() - wall0,
                        "cpu_s": time.process_time() - cpu0, "cpu": dict(meter.cpu),
                        "wall": dict(meter.wall), "calls": dict(meter.calls)}
        with open(path + ".tmp", "w") as fh:
            json.dump(snapshot, fh)
        os.replace(path + ".tmp", path)


def send(url: str, origin: str, threads: int = 0, progress_path: str | None = None) -> dict:
    """Run the app's send_due at 09:01 London time with meters on each part."""
    app = make_app(url)
    app.config["PUSH_ALLOWED_HOSTS"] = "127.0.0.1"
    from app import reminders, webpush_send
    from app.push.vapid import ensure_keys
    from app.push.vapid import sender as make_sender

    with app.app_context():
        keys = ensure_keys(app)
        sender = make_sender(app)
        meter = Meter()
        sender.encrypt = meter.wrap("encrypt", sender.encrypt)
        sender.vapid_header = meter.wrap("vapid", sender.vapid_header)
        webpush_send._opener.open = meter.wrap("http", webpush_send._opener.open)
        # send_due claims and builds texts a batch at a time: these count batches.
        reminders.claim_many = meter.wrap("claim", reminders.claim_many)
        reminders.reminder_texts = meter.wrap("text", reminders.reminder_texts)
        london = ZoneInfo("Europe/London")
        today = dt.datetime.now(london).date()
        at = dt.datetime.combine(today, dt.time(9, 1), tzinfo=london).astimezone(dt.UTC)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        stop = threading.Event()
        if progress_path:
            threading.Thread(target=_progress, args=(progress_path, meter, cpu0, wall0, stop),
                             daemon=True).start()
        if threads:
            counts = send_concurrently(reminders, at, sender, app, threads)
        else:
            counts = reminders.send_due(at, sender)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        stop.set()
    sent = counts.get("sent", 0)
    per = (lambda seconds: seconds / sent * 1000 if sent else None)  # noqa: E731
    split = {k: per(v) for k, v in meter.cpu.items()}
    known = sum(v for k, v in meter.cpu.items() if k in ("encrypt", "vapid", "http"))
    split["rest"] = per(cpu - known)
    return {"counts": counts, "at": at.isoformat(), "wall_s": wall, "cpu_s": cpu,
            "per_second": sent / wall if wall else None,
            "cpu_ms_per_reminder": per(cpu), "cpu_ms_split": split,
            "wall_ms_split": {k: per(v) for k, v in meter.wall.items()},
            "calls": meter.calls, "vapid_public_key": keys.application_server_key,
            "threads": threads, "finished": True}


def _send_child(url, origin, threads, out_path, progress_path):
    """Child process: send() and leave the figures in out_path."""
    result = send(url, origin, threads, progress_path)
    with open(out_path, "w") as fh:
        json.dump(result, fh, default=str)


def _cut_short(url: str, progress_path: str, count: int) -> dict:
    """Figures of a run stopped at the deadline: the rate so far, projected to `count`."""
    make_app(url)
    from app import db as database
    from app.models import ReminderDelivery

    with database.db.connection_context():
        sent = ReminderDelivery.select().where(ReminderDelivery.status == "sent").count()
    with open(progress_path) as fh:
        snap = json.load(fh)
    # send_due claims, sends and records a batch at a time: project the rate so far.
    calls, cpu_by, wall_by = snap["calls"], snap["cpu"], snap["wall"]
    done = calls.get("http", 0)
    projected = snap["elapsed"] * count / done if done else None
    per = (lambda seconds: seconds / done * 1000 if done else None)  # noqa: E731
    split = {k: per(v) for k, v in cpu_by.items() if k != "claim"}
    split["claim"] = per(cpu_by.get("claim", 0.0))
    known = sum(v for k, v in cpu_by.items() if k in ("encrypt", "vapid", "http", "claim"))
    split["rest"] = (per(snap["cpu_s"] - known) or 0) + split["claim"] if done else None
    return {"counts": {"sent": sent}, "finished": False, "wall_s": snap["elapsed"],
            "cpu_s": snap["cpu_s"], "projected_s": projected,
            "per_second": count / projected if projected else None,
            "cpu_ms_per_reminder": (split["rest"] + sum(split.get(k) or 0 for k in (
                "encrypt", "vapid", "http"))) if done else None,
            "cpu_ms_split": split,
            "wall_ms_split": {k: per(v) for k, v in wall_by.items()},
            "calls": snap["calls"]}


def run(url: str, count: int = COUNT, check_every: int = 20, threads: int = 0,
        deadline: float = 0) -> dict:
    """Seed, subscribe, send; returns the figures and the push service's own count.

    With a deadline (seconds), a send still running then is stopped and its rate so far
    is projected to `count` (so the suite's running time stays bounded however slow
    sending is).
    """
    t0 = time.perf_counter()
    seed(url, count)
    seeded = time.perf_counter() - t0
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    service = ctx.Process(target=_push_service, args=(child, count, check_every), daemon=True)
    service.start()
    try:
        subscriptions = parent.recv()
        origin = parent.recv()
        subscribe_all(url, subscriptions)
        app = make_app(url)
        from app.push.vapid import ensure_keys

        parent.send(ensure_keys(app).application_server_key)
        out_path = os.path.join(BENCH_INSTANCE, "dispatch-result.json")
        progress_path = os.path.join(BENCH_INSTANCE, "dispatch-progress.json")
        for stale in (out_path, progress_path):
            if os.path.exists(stale):
                os.remove(stale)
        sender = ctx.Process(target=_send_child,
                             args=(url, origin, threads, out_path, progress_path))
        sender.start()
        sender.join(deadline or None)
        if sender.is_alive():
            sender.terminate()
            sender.join()
            result = _cut_short(url, progress_path, count)
        else:
            with open(out_path) as fh:
                result = json.load(fh)
        parent.send("stop")
        pushed = parent.recv()
    finally:
        service.join(timeout=30)
        if service.is_alive():
            service.terminate()
    result.update({"engine": engine(url), "reminders_due": count, "checked_every": check_every,
                   "push_service": pushed, "seed_s": seeded})
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DISPATCH_DATABASE_URL",
                                                                 SQLITE_DISPATCH_URL))
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--threads", type=int, default=0,
                        help="deliver on this many threads (0: the app's send_due as it is)")
    parser.add_argument("--deadline", type=float, default=0,
                        help="stop sending after this many seconds and project the rate "
                             "(0: no deadline)")
    parser.add_argument("--check-every", type=int, default=20,
                        help="the push service verifies and decrypts every Nth message "
                             "(1: all of them; 0: none)")
    args = parser.parse_args(argv)
    # Shorthands: a database of its own next to the clinic's, on either engine.
    args.database_url = {"sqlite": SQLITE_DISPATCH_URL, "postgresql": PG_DISPATCH_URL}.get(
        args.database_url, args.database_url)
    result = run(args.database_url, args.count, check_every=args.check_every,
                 threads=args.threads, deadline=args.deadline)
    suffix = f"-threads{args.threads}" if args.threads else ""
    save(f"dispatch-{result['engine']}{suffix}.json", result)
    print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
