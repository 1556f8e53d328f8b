"""Demo data: two practices, the exercise library and training guides (never in production)."""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets

from .adherence import local_today
from .db import atomic
from .models import (
    MODELS,
    Assessment,
    AssessmentItem,
    CaregiverLink,
    Completion,
    Exercise,
    Goal,
    GoalCheckin,
    Guide,
    GuideAssignment,
    GuideProgress,
    GuideStep,
    HomeModification,
    Plan,
    PlanItem,
    ReminderSchedule,
    User,
    utcnow,
)
from .passwords import hash_password

DEMO_PASSWORD = "homeward-demo"
DEMO_TOTP_SECRET = "HOMEWARDDEMOTOTP"
HISTORY_DAYS = 42


class DemoRefused(RuntimeError):
    """The database already holds data and --reset was not given."""


def load_library() -> tuple[int, int]:
    """Create or update the shared exercise library and guides (by slug). Idempotent."""
    from .content.library import EXERCISES, GUIDES

    with atomic():
        for data in EXERCISES:
            fields = {
                "title": data["title"], "category": data["category"],
                "specialties": ",".join(data.get("specialties", [])),
                "purpose": data.get("purpose", ""),
                "steps": json.dumps(data.get("steps", [])),
                "safety": json.dumps(data.get("safety", [])),
                "equipment": json.dumps(data.get("equipment", [])),
                "image": data.get("image", ""),
                "sets": data.get("sets", 0), "reps": data.get("reps", 0),
                "hold_seconds": data.get("hold_seconds", 0), "minutes": data.get("minutes", 0),
                "translations": json.dumps({"es": data["es"]} if data.get("es") else {}),
            }
            updated = Exercise.update(**fields).where(Exercise.slug == data["slug"]).execute()
            if not updated:
                Exercise.create(slug=data["slug"], **fields)
        for data in GUIDES:
            guide = Guide.get_or_none(Guide.slug == data["slug"])
            translations = json.dumps({"es": data["es"]} if data.get("es") else {})
            if guide is None:
                guide = Guide.create(slug=data["slug"], title=data["title"],
                                     summary=data.get("summary", ""),
                                     image=data.get("image", ""), translations=translations)
            else:
                Guide.update(title=data["title"], summary=data.get("summary", ""),
                             image=data.get("image", ""), translations=translations
                             ).where(Guide.id == guide.id).execute()
                GuideStep.delete().where(GuideStep.guide == guide).execute()
            for position, step in enumerate(data["steps"], start=1):
                GuideStep.create(guide=guide, position=position, title=step["title"],
                                 body=step.get("body", ""), safety=step.get("safety", ""),
                                 image=step.get("image", ""))
    return len(EXERCISES), len(GUIDES)


def is_empty() -> bool:
    """True when no user exists yet."""
    return not User.select().exists()


def wipe() -> None:
    """Delete every row of every table (children first)."""
    with atomic():
        for model in reversed(MODELS):
            if model is User:
                # Clients point at their therapist (RESTRICT): remove them first.
                User.delete().where(User.therapist.is_null(False)).execute()
            model.delete().execute()


def load_demo(reset: bool = False, seed: int = 7) -> str:
    """Load the demo practices; refuses a database that already has users unless reset."""
    if not is_empty():
        if not reset:
            raise DemoRefused(
                "The database already has data. Use --reset to delete it and load the demo."
            )
        wipe()
    exercises, guides = load_library()
    rng = random.Random(seed)
    with atomic():
        first = _practice(rng, "therapist@example.org", "Dr Maya Patel", "client@example.org",
                          "Rose Turner", "Europe/London", "adult")
        second = _practice(rng, "therapist2@example.org", "Sam Okafor", "client2@example.org",
                           "Leo Garcia", "America/New_York", "child")
        caregiver = _user("caregiver@example.org", "caregiver", "Tom Turner", "Europe/London")
        CaregiverLink.create(caregiver=caregiver, client=first, relationship="Son")
        _history(rng, first, caregiver)
        _history(rng, second, None)
        _caregiver_extras(first, caregiver)
    return (f"Loaded the demo: {exercises} exercises, {guides} guides, 2 practices. "
            f"Sign in with any demo account and the password {DEMO_PASSWORD!r}.")


def _user(email, role, name, timezone, therapist=None) -> User:
    return User.create(email=email, role=role, name=name, timezone=timezone,
                       therapist=therapist, password_hash=hash_password(DEMO_PASSWORD))


def _practice(rng, therapist_email, therapist_name, client_email, client_name, tz, kind) -> User:
    """A therapist with one client: plan, goals, assessment, reminder, home changes."""
    from .content.library import DEMO_PLAN2_SLUGS, DEMO_PLAN_SLUGS

    therapist = _user(therapist_email, "therapist", therapist_name, "Europe/London")
    therapist.totp_secret = DEMO_TOTP_SECRET  # demo-only second factor (printed in the README)
    therapist.save()
    client = _user(client_email, "client", client_name, tz, therapist=therapist)
    today = local_today(client)
    start = today - dt.timedelta(days=HISTORY_DAYS)
    plan = Plan.create(client=client, therapist=therapist, start_date=start,
                       title="Home programme")
    slugs = DEMO_PLAN_SLUGS if kind == "adult" else DEMO_PLAN2_SLUGS
    for position, slug in enumerate(slugs):
        ex = Exercise.get(Exercise.slug == slug)
        item = PlanItem.create(
            plan=plan, exercise=ex, position=position, sets=ex.sets, reps=ex.reps,
            hold_seconds=ex.hold_seconds, minutes=ex.minutes,
            times_per_day=2 if position == 0 else 1, start_date=start,
            instructions=("Use your weaker hand first, then the other." if position == 0
                          and kind == "adult" else ""),
        )
        if position == 1:
            # A dosage change two weeks ago: the old version ends, a new one starts.
            changed = today - dt.timedelta(days=14)
            PlanItem.update(end_date=changed - dt.timedelta(days=1), status="replaced").where(
                PlanItem.id == item.id).execute()
            PlanItem.create(
                plan=plan, exercise=ex, position=position, sets=ex.sets + 1, reps=ex.reps,
                hold_seconds=ex.hold_seconds, minutes=ex.minutes, start_date=changed,
                replaces=item,
            )
    ReminderSchedule.create(client=client, local_time="09:00", set_by=therapist)
    if kind == "adult":
        _adult_goals_and_assessment(rng, therapist, client, today)
    else:
        _child_goals_and_assessment(rng, therapist, client, today)
    return client


def _goal(client, therapist, today, area, title, baseline, target, weeks, ladder, status="active",
          description="", next_step=""):
    return Goal.create(
        client=client, therapist=therapist, area=area, title=title, baseline=baseline,
        target=target, description=description, target_date=today + dt.timedelta(weeks=weeks),
        status=status, next_step=next_step,
        gas_minus2=ladder[0], gas_minus1=ladder[1], gas_0=ladder[2], gas_plus1=ladder[3],
        gas_plus2=ladder[4],
        closed_at=utcnow() - dt.timedelta(days=7) if status == "achieved" else None,
    )


def _checkins(rng, goal, client, therapist, today, start_perf, start_sat, step=1):
    for week in range(6, 0, -1):
        when = dt.datetime.combine(today - dt.timedelta(weeks=week), dt.time(10, 0))
        progress = 6 - week
        performance = min(10, start_perf + progress * step // 2 + rng.randint(0, 1))
        GoalCheckin.create(goal=goal, by=client, created_at=when, performance=performance,
                           satisfaction=min(10, start_sat + progress * step // 2))
        if week in (6, 3, 1):
            GoalCheckin.create(goal=goal, by=therapist, created_at=when + dt.timedelta(hours=1),
                               gas_score=-2 if week == 6 else (-1 if week == 3 else 0))


def _adult_goals_and_assessment(rng, therapist, client, today):
    dressing = _goal(
        client, therapist, today, "dressing", "Put on my shirt and do up the buttons myself",
        "Needs help with buttons; 15 minutes to put on a shirt.",
        "Dresses top half alone, including buttons, in under 10 minutes.", 4,
        ["Needs help with every button", "Does the bottom 2 buttons alone",
         "Does all buttons alone in under 10 minutes", "Does all buttons in under 5 minutes",
         "Dresses fully alone, buttons and zips, in under 5 minutes"],
        description="Within 6 weeks Rose will put on a button-up shirt by herself, "
                    "in under 10 minutes, using her left hand to help.")
    _checkins(rng, dressing, client, therapist, today, 3, 2)
    cooking = _goal(
        client, therapist, today, "meal_prep", "Make my own breakfast and a cup of tea safely",
        "Son makes breakfast every day.", "Makes tea and toast alone, sitting to rest as needed.",
        8, ["Cannot make a hot drink", "Makes a cold drink alone", "Makes tea and toast alone",
            "Makes a simple cooked breakfast", "Cooks a simple lunch for two"])
    _checkins(rng, cooking, client, therapist, today, 2, 3)
    achieved = _goal(
        client, therapist, today - dt.timedelta(weeks=5), "transfers",
        "Get out of my armchair without help", "Needed a hand from her son to stand up.",
        "Stands up from the armchair alone, first try.", 3,
        ["Needs a lot of help", "Needs a little help", "Stands alone in 2 tries",
         "Stands alone first try", "Stands alone from any chair"], status="achieved",
        next_step="Next: walk to the kitchen with the stick and carry a cup on a trolley.")
    _checkins(rng, achieved, client, therapist, today, 5, 5, step=2)
    initial = Assessment.create(
        client=client, therapist=therapist, kind="initial",
        assessed_on=today - dt.timedelta(days=HISTORY_DAYS + 2),
        history="78-year-old retired teacher. Stroke 3 months ago affecting the right arm and "
                "hand (dominant). Lives with her son, who works days. Uses a walking stick.",
        priorities="Dress herself without waiting for her son. Make her own breakfast. "
                    "Get back to her knitting club.",
        motivation="Very motivated; wants to stay in her own home.",
        private_notes="Mild low mood since the stroke; GP aware.",
    )
    levels = {"eating": 5, "bathing": 3, "dressing": 3, "grooming": 5, "toileting": 5,
              "transfers": 4, "meal_prep": 2, "shopping": 1, "medication": 5,
              "community_mobility": 2, "safety": 4}
    answers = {"meal_prep": {"cooks": "No", "someone_else": "Yes, her son"},
               "shopping": {"groceries": "No", "someone_else": "Yes, online delivery"},
               "dressing": {"fasteners": "No, needs help with buttons"}}
    for area, level in levels.items():
        AssessmentItem.create(assessment=initial, area=area, level=level,
                              answers=json.dumps(answers.get(area, {})))
    reeval = Assessment.create(
        client=client, therapist=therapist, kind="reeval", baseline=initial,
        assessed_on=today - dt.timedelta(days=3),
        history="Six weeks into the home programme. Practising most days.",
        priorities="Buttons, breakfast, knitting.", motivation="Pleased with progress.")
    for area, level in levels.items():
        better = {"dressing": 5, "transfers": 6, "meal_prep": 3, "grooming": 6}.get(area, level)
        AssessmentItem.create(assessment=reeval, area=area, level=better,
                              answers=json.dumps(answers.get(area, {})))
    for room, kind, status in [("bathroom", "grab_bar", "installed"),
                               ("bathroom", "shower_chair", "installed"),
                               ("toilet", "raised_toilet_seat", "in_progress"),
                               ("hall", "lighting", "recommended"),
                               ("living", "remove_rugs", "recommended"),
                               ("kitchen", "lever_handles", "not_needed")]:
        HomeModification.create(client=client, room=room, kind=kind, status=status,
                                updated_by=therapist)
    for slug in ("bed-to-chair-transfer", "helping-with-bathing", "dressing-after-stroke",
                 "making-home-safer"):
        guide = Guide.get_or_none(Guide.slug == slug)
        if guide:
            GuideAssignment.create(guide=guide, client=client, assigned_by=therapist)


def _child_goals_and_assessment(rng, therapist, client, today):
    goal = _goal(
        client, therapist, today, "education", "Write my name and a sentence neatly",
        "Letters are hard to read; hand gets tired after 2 lines.",
        "Writes 3 sentences that a classmate can read.", 6,
        ["Writes 1 line", "Writes 2 lines", "Writes 3 readable sentences",
         "Writes half a page", "Writes a full page without a break"])
    _checkins(rng, goal, client, therapist, today, 3, 3)
    a = Assessment.create(client=client, therapist=therapist, kind="initial",
                          assessed_on=today - dt.timedelta(days=HISTORY_DAYS + 1),
                          history="9 years old; handwriting and fine motor difficulties.",
                          priorities="Keep up with writing at school.")
    for area, level in {"education": 4, "dressing": 6, "eating": 6}.items():
        AssessmentItem.create(assessment=a, area=area, level=level)


def _history(rng, client, caregiver):
    """Several weeks of realistic practice: most days, some gaps, ratings easing over time."""
    today = local_today(client)
    start = today - dt.timedelta(days=HISTORY_DAYS)
    items = list(PlanItem.select().join(Plan).where(Plan.client == client))
    gap = set(start + dt.timedelta(days=d) for d in (9, 10, 11, 25))
    rows = []
    for offset in range(HISTORY_DAYS + 1):
        day = start + dt.timedelta(days=offset)
        if day in gap or (day != today and rng.random() < 0.1):
            continue
        keen = 0.55 + 0.4 * offset / HISTORY_DAYS
        for item in items:
            if not item.due_on(day):
                continue
            for slot in range(1, item.times_per_day + 1):
                if day == today and (item.position > 1 or slot > 1):
                    continue
                if rng.random() > keen:
                    continue
                by_carer = caregiver is not None and rng.random() < 0.2
                rated = rng.random() < 0.65
                ease = offset / HISTORY_DAYS
                at = dt.datetime.combine(day, dt.time(9 + slot * 4, rng.randint(0, 59)))
                rows.append({
                    "key": secrets.token_urlsafe(12), "plan_item": item.id, "client": client.id,
                    "day": day, "slot": slot, "completed_at": at,
                    "logged_by": caregiver.id if by_carer else client.id,
                    "logged_by_role": "caregiver" if by_carer else "client",
                    "assistance": rng.choice([5, 4, 4, 3]) if by_carer else None,
                    "difficulty": max(0, min(10, round(6 - 3 * ease + rng.gauss(0, 1))))
                    if rated else None,
                    "pain": max(0, min(10, round(4 - 2.5 * ease + rng.gauss(0, 1))))
                    if rated else None,
                    "note": rng.choice(["", "", "", "", "Hand felt stiff this morning.",
                                        "Easier today!", "Did it while the kettle boiled."]),
                })
    for chunk in range(0, len(rows), 200):
        Completion.insert_many(rows[chunk:chunk + 200]).execute()


def _caregiver_extras(client, caregiver):
    first = GuideAssignment.select().where(GuideAssignment.client == client).first()
    if first:
        GuideProgress.create(assignment=first, caregiver=caregiver, status="practised")
