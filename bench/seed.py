"""A realistic clinic, written straight through the models in bulk.

Default: 20 therapists with 50 clients each, 6 plan items per client, up to 180 days
of practice with gaps, ratings and caregiver ticks, goals with check-ins, assessments,
reminders. `--scale N` makes N times as many therapists (and so clients).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/homeward_bench \\
        .venv/bin/python -m bench.seed --scale 1

Every seeded account has the password `bench-password` (hashed once, reused):
bench-therapist-<n>@example.org, bench-client-<n>@example.org,
bench-caregiver-<n>@example.org, numbered from 1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import secrets
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import PASSWORD, SQLITE_URL, TOTP_SECRET, engine, make_app, reset_database

ZONES = ["Europe/London"] * 6 + ["Europe/Madrid", "America/New_York", "America/Chicago",
                                  "America/Los_Angeles", "Australia/Sydney"]
FIRST = ["Rose", "Arthur", "Maya", "Leo", "Grace", "Omar", "Ines", "Kofi", "Hannah", "Wei",
         "Priya", "Tom", "Lucia", "Sam", "Ada", "Jonah", "Mei", "Ravi", "Elena", "Noah"]
LAST = ["Turner", "Garcia", "Patel", "Okafor", "Nguyen", "Smith", "Kowalski", "Haddad",
        "Brown", "Silva", "Murphy", "Khan", "Rossi", "Jones", "Ito", "Dubois"]
NOTES = ["", "", "", "", "", "", "Hand felt stiff this morning.", "Easier today!",
         "Did it while the kettle boiled.", "Tired after lunch, did half.", "My son helped."]
AREAS = ["dressing", "meal_prep", "transfers", "bathing", "grooming", "shopping",
         "community_mobility", "leisure", "education", "medication"]
LEVEL_AREAS = ["eating", "bathing", "dressing", "grooming", "toileting", "transfers",
               "meal_prep", "shopping", "medication", "community_mobility", "safety"]
ROOMS = [("bathroom", "grab_bar"), ("bathroom", "shower_chair"), ("toilet", "raised_toilet_seat"),
         ("hall", "lighting"), ("living", "remove_rugs"), ("kitchen", "lever_handles"),
         ("entrance", "ramp")]
MOD_STATUS = ["recommended", "in_progress", "installed", "not_needed"]


def chunked_insert(model, rows, fields=None):
    """Insert many rows of a model fast: one prepared INSERT run with executemany.

    Table and column names come from the model; values are given as dicts (keys are field
    names) or as tuples in the order of `fields`. Building peewee's multi-row INSERT is
    CPU-bound at this size, so the statement is built once and the driver loops.
    """
    if not rows:
        return
    from app.db import db, is_sqlite

    if fields is None:
        # Dicts: every column but the id, with the model's (Python-side) defaults filled in.
        fields = [f for f in model._meta.sorted_fields if not f.primary_key]
        defaults = {f.name: f.default for f in fields}
        rows = [tuple(row[f.name] if f.name in row else _default(defaults[f.name])
                      for f in fields) for row in rows]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([db.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    if is_sqlite():
        rows = [tuple(_sqlite_value(v) for v in row) for row in rows]
    cursor = db.cursor()
    for start in range(0, len(rows), 5000):
        cursor.executemany(sql, rows[start:start + 5000])


def _default(value):
    return value() if callable(value) else value


def _sqlite_value(value):
    """What peewee stores in SQLite for a date or datetime (text), other values as they are."""
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Clinic:
    """Builds the clinic in a fixed order; every random choice comes from one seeded rng."""

    def __init__(self, therapists=20, clients_per=50, items=6, days=180, seed=1,
                 totp=False, prefix="bench", carer_share=0.4):
        self.n_therapists, self.clients_per, self.items, self.days = (
            therapists, clients_per, items, days)
        self.prefix, self.carer_share = prefix, carer_share
        self.rng = random.Random(seed)
        self.totp = totp
        self.counts: dict[str, int] = {}

    # -- people -------------------------------------------------------------------------
    def users(self, password_hash):
        from app.models import CaregiverLink, User

        rng, now = self.rng, dt.datetime(2026, 1, 1)
        rows = [{"email": f"{self.prefix}-therapist-{t}@example.org", "role": "therapist",
                 "name": f"Dr {rng.choice(FIRST)} {rng.choice(LAST)}", "timezone": "Europe/London",
                 "password_hash": password_hash, "created_at": now,
                 "totp_secret": TOTP_SECRET if self.totp else None}
                for t in range(1, self.n_therapists + 1)]
        chunked_insert(User, rows)
        therapist_ids = dict(User.select(User.email, User.id).where(
            User.role == "therapist", User.email.startswith(self.prefix + "-")).tuples())
        rows, n = [], 0
        for t in range(1, self.n_therapists + 1):
            tid = therapist_ids[f"{self.prefix}-therapist-{t}@example.org"]
            for _ in range(self.clients_per):
                n += 1
                rows.append({"email": f"{self.prefix}-client-{n}@example.org", "role": "client",
                             "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
                             "timezone": rng.choice(ZONES), "therapist": tid,
                             "password_hash": password_hash, "created_at": now,
                             "larger_text": rng.random() < 0.2})
        chunked_insert(User, rows)
        self.clients = list(User.select().where(
            User.role == "client", User.email.startswith(self.prefix + "-")).order_by(User.id))
        # About 40% of clients have a caregiver; a few caregivers help two clients.
        rows, links, k = [], [], 0
        for client in self.clients:
            if rng.random() < self.carer_share:
                k += 1
                rows.append({"email": f"{self.prefix}-caregiver-{k}@example.org",
                             "role": "caregiver",
                             "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} (carer {k})",
                             "timezone": client.timezone, "password_hash": password_hash,
                             "created_at": now})
                links.append((k, client.id))
        chunked_insert(User, rows)
        carer_ids = dict(User.select(User.email, User.id).where(
            User.role == "caregiver", User.email.startswith(self.prefix + "-")).tuples())
        link_rows, self.carer_of = [], {}
        for k, client_id in links:
            cid = carer_ids[f"{self.prefix}-caregiver-{k}@example.org"]
            self.carer_of[client_id] = cid
            link_rows.append({"caregiver": cid, "client": client_id,
                              "relationship": rng.choice(["Son", "Daughter", "Partner", "Parent"]),
                              "created_at": now})
        # Every tenth caregiver also helps the next client on the list (e.g. a neighbour).
        ids = [c.id for c in self.clients]
        for k, client_id in links[::10]:
            other = ids[(ids.index(client_id) + 1) % len(ids)]
            link_rows.append({"caregiver": carer_ids[f"{self.prefix}-caregiver-{k}@example.org"],
                              "client": other, "relationship": "Neighbour", "created_at": now})
        chunked_insert(CaregiverLink, link_rows)
        self.counts.update(therapists=self.n_therapists, clients=len(self.clients),
                           caregivers=len(carer_ids), caregiver_links=len(link_rows))

    # -- plans --------------------------------------------------------------------------
    def plans(self):
        from app.adherence import local_today
        from app.models import Exercise, Plan, PlanItem

        rng = self.rng
        exercises = list(Exercise.select().where(Exercise.owner.is_null()))
        self.today = {c.id: local_today(c) for c in self.clients}
        self.start = {}
        plan_rows = []
        for c in self.clients:
            # Clients joined at different times: a caseload has old hands and newcomers.
            length = rng.choice([self.days] * 3 + [rng.randint(14, self.days)])
            self.start[c.id] = self.today[c.id] - dt.timedelta(days=length)
            plan_rows.append({"client": c.id, "therapist": c.therapist_id,
                              "title": "Home programme", "start_date": self.start[c.id],
                              "is_active": True, "created_at": dt.datetime(2026, 1, 1)})
        chunked_insert(Plan, plan_rows)
        ids = [c.id for c in self.clients]
        plan_of = dict(Plan.select(Plan.client, Plan.id).where(Plan.client.in_(ids)).tuples())
        rows = []
        for c in self.clients:
            start, today = self.start[c.id], self.today[c.id]
            twice = rng.random() < 0.35
            for position, ex in enumerate(rng.sample(exercises, self.items)):
                base = {"plan": plan_of[c.id], "exercise": ex.id, "position": position,
                        "sets": ex.sets, "reps": ex.reps, "hold_seconds": ex.hold_seconds,
                        "minutes": ex.minutes, "instructions": "",
                        "times_per_day": 2 if (twice and position == 0) else 1,
                        "days_of_week": 0b0010101 if rng.random() < 0.15 else 0b1111111,
                        "status": "active", "start_date": start, "end_date": None,
                        "created_at": dt.datetime(2026, 1, 1)}
                if position == 2:
                    base["instructions"] = "Sit at the table, feet flat on the floor."
                if rng.random() < 0.25 and (today - start).days > 30:
                    # A dosage change part-way: the old item ends, a new one starts.
                    changed = start + dt.timedelta(days=rng.randint(10, (today - start).days - 5))
                    rows.append({**base, "end_date": changed - dt.timedelta(days=1),
                                 "status": "replaced"})
                    rows.append({**base, "start_date": changed, "sets": (ex.sets or 1) + 1})
                else:
                    rows.append(base)
        chunked_insert(PlanItem, rows)
        self.plan_items: dict[int, list] = {}
        for item_id, plan_client, start, end, days, times in (
            PlanItem.select(PlanItem.id, Plan.client, PlanItem.start_date, PlanItem.end_date,
                            PlanItem.days_of_week, PlanItem.times_per_day)
            .join(Plan).where(Plan.client.in_(ids)).tuples()
        ):
            self.plan_items.setdefault(plan_client, []).append(
                (item_id, _date(start), _date(end) if end else None, days, times))
        self.counts.update(plans=len(plan_rows), plan_items=len(rows))

    # -- practice history ---------------------------------------------------------------
    def history(self):
        from app.models import Completion

        rng = self.rng
        fields = [Completion.key, Completion.plan_item, Completion.client, Completion.day,
                  Completion.slot, Completion.completed_at, Completion.logged_by,
                  Completion.logged_by_role, Completion.assistance, Completion.difficulty,
                  Completion.pain, Completion.note]
        total = 0
        batch = []
        for c in self.clients:
            start, today = self.start[c.id], self.today[c.id]
            span = (today - start).days
            keen = rng.uniform(0.35, 0.95)
            gaps = set()
            for _ in range(rng.randint(0, 3)):  # holidays, illness, a bad week
                first = rng.randint(0, max(0, span - 3))
                gaps.update(range(first, first + rng.randint(2, 10)))
            carer = self.carer_of.get(c.id)
            pain0, hard0 = rng.uniform(2, 6), rng.uniform(4, 8)
            for offset in range(span + 1):
                day = start + dt.timedelta(days=offset)
                if offset in gaps or (day != today and rng.random() < 0.08):
                    continue
                ease = offset / max(span, 1)
                p = min(0.98, keen * (0.8 + 0.3 * ease))
                for item_id, i_start, i_end, days, times in self.plan_items[c.id]:
                    if day < i_start or (i_end and day > i_end) or not days & (1 << day.weekday()):
                        continue
                    for slot in range(1, times + 1):
                        if day == today and slot > 1:
                            continue
                        if rng.random() > p:
                            continue
                        by_carer = carer is not None and rng.random() < 0.25
                        rated = rng.random() < 0.6
                        at = dt.datetime.combine(day, dt.time(8 + slot * 4, rng.randint(0, 59)))
                        batch.append((
                            secrets.token_urlsafe(12), item_id, c.id, day, slot, at,
                            carer if by_carer else c.id, "caregiver" if by_carer else "client",
                            rng.choice([5, 4, 4, 3, 7]) if by_carer else None,
                            _clamp(hard0 - 3 * ease + rng.gauss(0, 1)) if rated else None,
                            _clamp(pain0 - 2.5 * ease + rng.gauss(0, 1)) if rated else None,
                            rng.choice(NOTES),
                        ))
            if len(batch) >= 20000:
                chunked_insert(Completion, batch, fields)
                total += len(batch)
                batch = []
        chunked_insert(Completion, batch, fields)
        total += len(batch)
        self.counts["completions"] = total

    # -- goals, assessments, the rest ---------------------------------------------------
    def goals(self):
        from app.models import Goal, GoalCheckin

        rng, rows = self.rng, []
        for c in self.clients:
            for n in range(rng.choice([1, 2, 2, 3])):
                achieved = n == 0 and rng.random() < 0.3
                opened = self.start[c.id] + dt.timedelta(days=rng.randint(0, 10))
                rows.append({
                    "client": c.id, "therapist": c.therapist_id, "area": rng.choice(AREAS),
                    "title": f"Goal {n + 1}: do it on my own", "description": "SMART statement.",
                    "baseline": "Needs help.", "target": "Does it alone.",
                    "target_date": self.today[c.id] + dt.timedelta(days=rng.randint(-10, 60)),
                    "status": "achieved" if achieved else "active",
                    "gas_minus2": "Much less", "gas_minus1": "Less", "gas_0": "Expected",
                    "gas_plus1": "More", "gas_plus2": "Much more",
                    "created_at": dt.datetime.combine(opened, dt.time(10)),
                    "closed_at": dt.datetime.combine(self.today[c.id], dt.time(9))
                    if achieved else None,
                })
        chunked_insert(Goal, rows)
        checkins = []
        ids = [c.id for c in self.clients]
        for goal_id, client_id, therapist_id, created in Goal.select(
                Goal.id, Goal.client, Goal.therapist, Goal.created_at).where(
                Goal.client.in_(ids)).tuples():
            created = _datetime(created)
            weeks = max(0, (self.today[client_id] - created.date()).days // 14)
            for w in range(weeks + 1):
                when = created + dt.timedelta(days=14 * w)
                checkins.append({"goal": goal_id, "by": client_id, "created_at": when,
                                 "performance": min(10, 2 + w // 2 + rng.randint(0, 2)),
                                 "satisfaction": min(10, 2 + w // 2 + rng.randint(0, 2)),
                                 "gas_score": None, "note": ""})
                if w % 2 == 0:
                    checkins.append({"goal": goal_id, "by": therapist_id,
                                     "created_at": when + dt.timedelta(hours=1),
                                     "performance": None, "satisfaction": None,
                                     "gas_score": max(-2, min(2, -2 + w // 3)), "note": ""})
        chunked_insert(GoalCheckin, checkins)
        self.counts.update(goals=len(rows), goal_checkins=len(checkins))

    def assessments(self):
        from app.models import Assessment, AssessmentItem

        rng, rows = self.rng, []
        for c in self.clients:
            rows.append({"client": c.id, "therapist": c.therapist_id, "kind": "initial",
                         "assessed_on": self.start[c.id] - dt.timedelta(days=2),
                         "history": "Referred after a hospital stay.",
                         "priorities": "Dress myself. Make breakfast.", "motivation": "Keen.",
                         "private_notes": "", "created_at": dt.datetime(2026, 1, 1)})
        chunked_insert(Assessment, rows)
        ids = [c.id for c in self.clients]
        initial = dict(Assessment.select(Assessment.client, Assessment.id).where(
            Assessment.client.in_(ids)).tuples())
        reevals = []
        for c in self.clients:
            if (self.today[c.id] - self.start[c.id]).days > 60 and rng.random() < 0.6:
                reevals.append({"client": c.id, "therapist": c.therapist_id, "kind": "reeval",
                                "baseline": initial[c.id],
                                "assessed_on": self.today[c.id] - dt.timedelta(days=7),
                                "history": "Six weeks on.", "priorities": "", "motivation": "",
                                "private_notes": "", "created_at": dt.datetime(2026, 1, 1)})
        chunked_insert(Assessment, reevals)
        items = [{"assessment": aid, "area": area, "level": rng.randint(1, 7), "answers": "{}",
                  "notes": ""}
                 for (aid,) in Assessment.select(Assessment.id).where(
                     Assessment.client.in_(ids)).tuples() for area in LEVEL_AREAS]
        chunked_insert(AssessmentItem, items)
        self.counts.update(assessments=len(rows) + len(reevals), assessment_items=len(items))

    def extras(self):
        """Reminders, home modifications, guides for caregivers, messages."""
        from app.models import (
            Guide,
            GuideAssignment,
            GuideProgress,
            HomeModification,
            Message,
            ReminderSchedule,
        )

        rng, now = self.rng, dt.datetime(2026, 1, 1)
        chunked_insert(ReminderSchedule, [
            {"client": c.id, "local_time": rng.choice(["08:30", "09:00", "09:00", "18:00"]),
             "days_of_week": 0b1111111, "is_active": True, "set_by": c.therapist_id,
             "created_at": now} for c in self.clients])
        mods = []
        for c in self.clients:
            for room, kind in rng.sample(ROOMS, rng.randint(0, 4)):
                mods.append({"client": c.id, "room": room, "kind": kind,
                             "status": rng.choice(MOD_STATUS), "notes": "", "updated_at": now,
                             "updated_by": c.therapist_id})
        chunked_insert(HomeModification, mods)
        guides = [g for (g,) in Guide.select(Guide.id).tuples()]
        assignments = []
        for c in self.clients:
            if c.id in self.carer_of and guides:
                for g in rng.sample(guides, min(len(guides), rng.randint(1, 3))):
                    assignments.append({"guide": g, "client": c.id, "assigned_by": c.therapist_id,
                                        "assigned_at": now})
        chunked_insert(GuideAssignment, assignments)
        progress = [{"assignment": aid, "caregiver": self.carer_of[cid],
                     "status": rng.choice(["opened", "practised", "not_confident"]),
                     "opened_at": now, "updated_at": now}
                    for aid, cid in GuideAssignment.select(
                        GuideAssignment.id, GuideAssignment.client).where(
                        GuideAssignment.client.in_(list(self.carer_of))).tuples()
                    if rng.random() < 0.6]
        chunked_insert(GuideProgress, progress)
        messages = [{"client": c.id, "sender": c.therapist_id, "body": "Great week, keep going!",
                     "created_at": dt.datetime.combine(self.today[c.id], dt.time(8))
                     - dt.timedelta(days=rng.randint(0, 60)), "read_at": None}
                    for c in self.clients for _ in range(rng.randint(0, 3))]
        chunked_insert(Message, messages)
        self.counts.update(reminders=len(self.clients), home_modifications=len(mods),
                           guide_assignments=len(assignments), messages=len(messages))


def _clamp(value) -> int:
    return max(0, min(10, round(value)))


def _date(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value) -> dt.datetime:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def has_totp_step() -> bool:
    """True when therapists sign in with a second factor (an authenticator-app code)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.exists(os.path.join(root, "app", "auth", "totp.py"))


@contextlib.contextmanager
def triggers_off():
    """Bulk loading without the database's triggers (the revision counters of
    migrations/0009): a new clinic has no kept pages to invalidate, and a trigger run per
    inserted row made loading it three times slower. They are back on afterwards."""
    from app.db import db, is_sqlite

    if is_sqlite():
        triggers = db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _sql in triggers:
            db.execute_sql(f'DROP TRIGGER "{name}"')
        try:
            yield
        finally:
            for _name, sql in triggers:
                db.execute_sql(sql)
        return
    tables = db.get_tables()
    for table in tables:
        db.execute_sql(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
    try:
        yield
    finally:
        for table in tables:
            db.execute_sql(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')


def build(therapists=20, clients_per=50, items=6, days=180, seed=1, totp=None,
          password_hash=None, prefix="bench", carer_share=0.4, history=True) -> dict:
    """Write a clinic into the bound (migrated, library-loaded) database; returns row counts."""
    from app.db import atomic
    from app.passwords import hash_password

    clinic = Clinic(therapists, clients_per, items, days, seed,
                    totp=has_totp_step() if totp is None else totp, prefix=prefix,
                    carer_share=carer_share)
    password_hash = password_hash or hash_password(PASSWORD)
    steps = [("users", lambda: clinic.users(password_hash)), ("plans", clinic.plans),
             ("history", clinic.history if history else lambda: None), ("goals", clinic.goals),
             ("assessments", clinic.assessments), ("extras", clinic.extras)]
    timings = {}
    with triggers_off():
        for name, step in steps:
            started = time.perf_counter()
            with atomic():
                step()
            timings[name] = round(time.perf_counter() - started, 2)
    clinic.counts["seconds"] = timings
    clinic.counts["totp"] = clinic.totp
    return clinic.counts


def seed_database(url: str, scale: int = 1, fresh: bool = True, **options) -> dict:
    """Reset (when fresh), migrate, load the library and build a clinic at url."""
    if fresh:
        reset_database(url)
    app = make_app(url)
    from app import db as database
    from app.demo import load_library

    with app.app_context():
        database.migrate()
        with database.db.connection_context():
            load_library()
            counts = build(therapists=20 * scale, **options)
            if engine(url) == "postgresql":
                database.db.execute_sql("ANALYZE")
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="N x (20 therapists x 50 clients)")
    parser.add_argument("--clients-per-therapist", type=int, default=50)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", SQLITE_URL))
    parser.add_argument("--keep", action="store_true",
                        help="add to the database instead of starting from an empty one")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = seed_database(args.database_url, args.scale, fresh=not args.keep,
                           clients_per=args.clients_per_therapist, days=args.days,
                           seed=args.seed)
    counts["total_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(counts, indent=2))


if __name__ == "__main__":
    main()
