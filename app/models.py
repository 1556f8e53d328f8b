"""The domain model: who uses Homeward and what their home practice is made of.

Instants are stored in UTC (naive datetimes meaning UTC); calendar days that belong
to a client ("the tick was for Tuesday") are stored as local dates.
"""

from __future__ import annotations

import datetime as dt
import json

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SmallIntegerField,
    TextField,
)

from .db import db

ROLES = ("client", "caregiver", "therapist", "admin")
ALL_DAYS = 0b1111111  # Monday is bit 0, Sunday bit 6


def utcnow() -> dt.datetime:
    """The current instant as a naive UTC datetime (how instants are stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class User(BaseModel):
    email = CharField(max_length=254, unique=True)
    password_hash = CharField(max_length=255, null=True)
    role = CharField(max_length=16, index=True)
    name = CharField(max_length=120)
    timezone = CharField(max_length=64, default="UTC")
    language = CharField(max_length=8, null=True)
    larger_text = BooleanField(default=False)
    high_contrast = BooleanField(default=False)
    reduced_motion = BooleanField(default=False)
    # A client belongs to one therapist's caseload.
    therapist = ForeignKeyField("self", null=True, backref="caseload", on_delete="RESTRICT")
    is_active = BooleanField(default=True)
    # Bumped to end every session of this user at their next request.
    session_version = IntegerField(default=1)
    # A client's pages as they stand: database triggers move it on in the same statement
    # as every change to what those pages show (migrations/0009_page_revision.py), so a
    # page kept for one revision is never stale (app/pagecache.py).
    revision = IntegerField(default=0)
    # The same for the client's plan alone (plan, items, their exercises), which a tick
    # leaves alone: the day's items are kept per process by it (migrations/0010).
    plan_revision = IntegerField(default=0)
    totp_secret = CharField(max_length=64, null=True)
    quiet_start = CharField(max_length=5, null=True)  # "21:00" local, no reminders from
    quiet_end = CharField(max_length=5, null=True)  # "08:00" local, until
    discharged_at = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    def __str__(self):
        return self.name

    # flask-login protocol
    @property
    def is_authenticated(self):
        return True

    @property
    def is_anonymous(self):
        return False

    def get_id(self):
        return f"{self.id}:{self.session_version}"


class CaregiverLink(BaseModel):
    """A caregiver allowed to see and help with one client's care, until revoked."""

    caregiver = ForeignKeyField(User, backref="client_links", on_delete="CASCADE")
    client = ForeignKeyField(User, backref="caregiver_links", on_delete="CASCADE")
    relationship = CharField(max_length=60, default="")
    can_export = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    revoked_at = DateTimeField(null=True, index=True)

    class Meta:
        indexes = ((("caregiver", "client"), False),)

    @classmethod
    def active(cls):
        return cls.select().where(cls.revoked_at.is_null())


class Invite(BaseModel):
    """A single-use, expiring link a therapist hands to a new client or caregiver."""

    token_hash = CharField(max_length=64, unique=True)
    role = CharField(max_length=16)
    email = CharField(max_length=254, default="")
    name = CharField(max_length=120, default="")
    therapist = ForeignKeyField(User, backref="invites_sent", on_delete="CASCADE")
    client = ForeignKeyField(User, null=True, backref="caregiver_invites", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)
    used_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


class Exercise(BaseModel):
    """A library item: shared (owner is null) or a therapist's own."""

    slug = CharField(max_length=80, null=True, unique=True)
    owner = ForeignKeyField(User, null=True, backref="own_exercises", on_delete="CASCADE")
    copied_from = ForeignKeyField("self", null=True, backref="copies", on_delete="SET NULL")
    title = CharField(max_length=120)
    category = CharField(max_length=40, index=True)
    specialties = CharField(max_length=255, default="")  # comma-separated keys
    purpose = TextField(default="")
    steps = TextField(default="[]")  # JSON list of strings
    safety = TextField(default="[]")  # JSON list of strings
    equipment = TextField(default="[]")  # JSON list of strings
    image = CharField(max_length=255, default="")  # path under static/ or uploads/
    sets = SmallIntegerField(default=0)
    reps = SmallIntegerField(default=0)
    hold_seconds = SmallIntegerField(default=0)
    minutes = SmallIntegerField(default=0)
    translations = TextField(default="{}")  # JSON {"es": {"title": ..., ...}}
    created_at = DateTimeField(default=utcnow)

    def _list(self, field):
        return json.loads(getattr(self, field) or "[]")

    @property
    def step_list(self):
        return self._list("steps")

    @property
    def safety_list(self):
        return self._list("safety")

    @property
    def equipment_list(self):
        return self._list("equipment")

    @property
    def specialty_list(self):
        return [s for s in self.specialties.split(",") if s]


class Plan(BaseModel):
    """A client's home programme; one active plan per client."""

    client = ForeignKeyField(User, backref="plans", on_delete="CASCADE")
    therapist = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    title = CharField(max_length=120, default="Home programme")
    start_date = DateField()
    end_date = DateField(null=True)
    is_active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)


class PlanItem(BaseModel):
    """An exercise in a plan with its dosage and schedule.

    The schedule of an item never changes once practice may have been logged
    against it: an edit ends this item and starts a new one, so past days keep the
    schedule they had.
    """

    plan = ForeignKeyField(Plan, backref="items", on_delete="CASCADE")
    exercise = ForeignKeyField(Exercise, backref="plan_items", on_delete="RESTRICT")
    position = SmallIntegerField(default=0)
    sets = SmallIntegerField(default=0)
    reps = SmallIntegerField(default=0)
    hold_seconds = SmallIntegerField(default=0)
    minutes = SmallIntegerField(default=0)
    times_per_day = SmallIntegerField(default=1)
    days_of_week = SmallIntegerField(default=ALL_DAYS)
    instructions = TextField(default="")
    start_date = DateField()
    end_date = DateField(null=True)  # last day it is due; null = open
    status = CharField(max_length=12, default="active")  # active, paused, removed, replaced
    replaces = ForeignKeyField("self", null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)

    def due_on(self, day: dt.date) -> bool:
        """True when this item is scheduled on the given local date."""
        if day < self.start_date or (self.end_date is not None and day > self.end_date):
            return False
        return bool(self.days_of_week & (1 << day.weekday()))


class Completion(BaseModel):
    """A tick: one slot of one plan item done on one local date."""

    key = CharField(max_length=64, unique=True)
    # No index of their own: the two below start with each (migrations/0011).
    plan_item = ForeignKeyField(PlanItem, backref="completions", on_delete="CASCADE",
                                index=False)
    client = ForeignKeyField(User, backref="completions", on_delete="CASCADE", index=False)
    day = DateField()
    slot = SmallIntegerField(default=1)
    completed_at = DateTimeField(default=utcnow)
    logged_by = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    logged_by_role = CharField(max_length=16)
    assistance = SmallIntegerField(null=True)  # ASSISTANCE_LEVELS key
    difficulty = SmallIntegerField(null=True)  # 0-10
    pain = SmallIntegerField(null=True)  # 0-10
    note = TextField(default="")

    class Meta:
        indexes = (
            (("plan_item", "day", "slot"), True),
            (("client", "day"), False),
        )


class Goal(BaseModel):
    """An occupation-based SMART goal with a Goal Attainment Scaling ladder."""

    client = ForeignKeyField(User, backref="goals", on_delete="CASCADE")
    therapist = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    area = CharField(max_length=40)  # an ADL/IADL area key
    title = CharField(max_length=200)  # in the client's own words
    description = TextField(default="")  # the SMART statement
    baseline = TextField(default="")
    target = TextField(default="")
    target_date = DateField(null=True)
    status = CharField(max_length=16, default="active", index=True)
    gas_minus2 = TextField(default="")
    gas_minus1 = TextField(default="")
    gas_0 = TextField(default="")
    gas_plus1 = TextField(default="")
    gas_plus2 = TextField(default="")
    next_step = TextField(default="")  # what comes next once achieved
    created_at = DateTimeField(default=utcnow)
    closed_at = DateTimeField(null=True)


class GoalCheckin(BaseModel):
    """A rating of a goal: the client's COPM-style scores and/or the therapist's GAS."""

    goal = ForeignKeyField(Goal, backref="checkins", on_delete="CASCADE")
    by = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow, index=True)
    performance = SmallIntegerField(null=True)  # 1-10
    satisfaction = SmallIntegerField(null=True)  # 1-10
    gas_score = SmallIntegerField(null=True)  # -2..2
    note = TextField(default="")


class Assessment(BaseModel):
    """An initial assessment or a re-evaluation compared with its baseline."""

    client = ForeignKeyField(User, backref="assessments", on_delete="CASCADE")
    therapist = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    kind = CharField(max_length=12, default="initial")  # initial, reeval
    baseline = ForeignKeyField("self", null=True, backref="reevaluations", on_delete="SET NULL")
    assessed_on = DateField()
    history = TextField(default="")
    priorities = TextField(default="")
    motivation = TextField(default="")
    private_notes = TextField(default="")  # therapist only
    created_at = DateTimeField(default=utcnow)


class AssessmentItem(BaseModel):
    """One ADL/IADL area of an assessment: independence level and follow-up answers."""

    assessment = ForeignKeyField(Assessment, backref="items", on_delete="CASCADE")
    area = CharField(max_length=40)
    level = SmallIntegerField(null=True)  # 1-7, FIM-style
    answers = TextField(default="{}")  # JSON {question_key: answer}
    notes = TextField(default="")

    class Meta:
        indexes = ((("assessment", "area"), True),)


class HomeModification(BaseModel):
    client = ForeignKeyField(User, backref="home_modifications", on_delete="CASCADE")
    room = CharField(max_length=40)
    kind = CharField(max_length=40)
    status = CharField(max_length=16, default="recommended")
    notes = TextField(default="")
    updated_at = DateTimeField(default=utcnow)
    updated_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")


class Guide(BaseModel):
    """A caregiver training guide: ordered steps with pictures and safety notes."""

    slug = CharField(max_length=80, null=True, unique=True)
    owner = ForeignKeyField(User, null=True, backref="+", on_delete="CASCADE")
    title = CharField(max_length=160)
    summary = TextField(default="")
    image = CharField(max_length=255, default="")
    translations = TextField(default="{}")
    created_at = DateTimeField(default=utcnow)


class GuideStep(BaseModel):
    guide = ForeignKeyField(Guide, backref="steps", on_delete="CASCADE")
    position = SmallIntegerField()
    title = CharField(max_length=160)
    body = TextField(default="")
    safety = TextField(default="")
    image = CharField(max_length=255, default="")

    class Meta:
        indexes = ((("guide", "position"), True),)


class GuideAssignment(BaseModel):
    guide = ForeignKeyField(Guide, backref="assignments", on_delete="CASCADE")
    client = ForeignKeyField(User, backref="guide_assignments", on_delete="CASCADE")
    assigned_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    assigned_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("guide", "client"), True),)


class GuideProgress(BaseModel):
    """How far one caregiver is with one assigned guide."""

    assignment = ForeignKeyField(GuideAssignment, backref="progress", on_delete="CASCADE")
    caregiver = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    status = CharField(max_length=16, default="opened")  # opened, practised, not_confident
    opened_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("assignment", "caregiver"), True),)


class PushSubscription(BaseModel):
    user = ForeignKeyField(User, backref="push_subscriptions", on_delete="CASCADE")
    endpoint = TextField(unique=True)
    p256dh = CharField(max_length=200)
    auth = CharField(max_length=64)
    user_agent = CharField(max_length=255, default="")
    created_at = DateTimeField(default=utcnow)
    last_success_at = DateTimeField(null=True)
    failures = SmallIntegerField(default=0)


class ReminderSchedule(BaseModel):
    """A reminder at a local time on some days of the week, for one client."""

    client = ForeignKeyField(User, backref="reminder_schedules", on_delete="CASCADE")
    local_time = CharField(max_length=5)  # "09:00"
    days_of_week = SmallIntegerField(default=ALL_DAYS)
    is_active = BooleanField(default=True)
    set_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)


class ReminderDelivery(BaseModel):
    """One reminder occurrence, claimed once (the unique row) before it is sent."""

    schedule = ForeignKeyField(ReminderSchedule, backref="deliveries", on_delete="CASCADE")
    local_date = DateField()
    status = CharField(max_length=12, default="claimed")  # claimed, sent, skipped, failed, retry
    claimed_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)
    attempts = SmallIntegerField(default=0)
    next_attempt_at = DateTimeField(null=True, index=True)
    error = TextField(default="")

    class Meta:
        indexes = ((("schedule", "local_date"), True),)


class Message(BaseModel):
    """A short encouragement from the therapist, shown in the app and pushed."""

    client = ForeignKeyField(User, backref="messages", on_delete="CASCADE")
    sender = ForeignKeyField(User, backref="+", on_delete="CASCADE")
    body = TextField()
    created_at = DateTimeField(default=utcnow)
    read_at = DateTimeField(null=True)


class AuditEvent(BaseModel):
    """Who viewed or changed which client's record, when. Append-only."""

    at = DateTimeField(default=utcnow, index=True)
    actor = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    actor_role = CharField(max_length=16, default="")
    client = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    action = CharField(max_length=60)
    target = CharField(max_length=120, default="")
    outcome = CharField(max_length=16, default="ok")
    ip = CharField(max_length=64, default="")
    prev_hash = CharField(max_length=64, default="")
    hash = CharField(max_length=64, default="")

    class Meta:
        indexes = ((("client", "at"), False),)


MODELS = [
    User,
    CaregiverLink,
    Invite,
    Exercise,
    Plan,
    PlanItem,
    Completion,
    Goal,
    GoalCheckin,
    Assessment,
    AssessmentItem,
    HomeModification,
    Guide,
    GuideStep,
    GuideAssignment,
    GuideProgress,
    PushSubscription,
    ReminderSchedule,
    ReminderDelivery,
    Message,
    AuditEvent,
]
