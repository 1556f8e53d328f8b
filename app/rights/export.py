"""Everything Homeward holds about one client, as JSON or as a zip of CSV files.

Tables are found from the models, not listed by hand: every table with a `client`
column, and the tables that hang off those (a plan's items, a goal's check-ins), so a
feature added later is exported without anyone remembering to add it here. Secrets
(password and code hashes, push keys, sign-in tokens) and the therapist's private
notes are left out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

from flask_babel import lazy_gettext as _l
from peewee import BlobField, ForeignKeyField

from ..exports import safe_cell
from ..models import BaseModel, User, utcnow

SECRET_FIELDS = {"password_hash", "totp_secret", "p256dh", "auth", "endpoint", "hash",
                 "prev_hash", "ip", "private_notes", "public_key", "credential_id",
                 "sign_count", "challenge"}
PROFILE_FIELDS = ("id", "email", "name", "role", "timezone", "language", "larger_text",
                  "high_contrast", "reduced_motion", "quiet_start", "quiet_end", "created_at",
                  "last_login_at", "discharged_at")


def _models() -> list[type[BaseModel]]:
    found, todo = [], list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        if model is not User and not getattr(model._meta, "without_rowid", False):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.table_name)


def _hidden(name: str) -> bool:
    return name in SECRET_FIELDS or "secret" in name or "token" in name or name.endswith("_hash")


def _columns(model) -> list:
    return [f for f in model._meta.sorted_fields
            if not _hidden(f.name) and not isinstance(f, BlobField)]


def _value(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _rows(model, query) -> list[dict]:
    columns = _columns(model)
    return [{f.name: _value(row.get(f.name)) for f in columns}
            for row in query.order_by(model._meta.primary_key).dicts()]


def client_tables(client: User) -> dict[str, list[dict]]:
    """Every row that belongs to the client, table by table."""
    tables, owned = {}, {}
    models = [m for m in _models() if m.table_exists()]
    for model in models:
        field = model._meta.fields.get("client")
        if isinstance(field, ForeignKeyField) and field.rel_model is User:
            query = model.select().where(field == client.id)
            owned[model] = query
            tables[model._meta.table_name] = _rows(model, query)
    for model in models:
        if model in owned:
            continue
        for field in model._meta.sorted_fields:
            if isinstance(field, ForeignKeyField) and field.rel_model in owned:
                parent = owned[field.rel_model]
                ids = parent.select(field.rel_model._meta.primary_key)
                query = model.select().where(field.in_(ids))
                tables[model._meta.table_name] = _rows(model, query)
                break
    return tables


def _people(client: User, tables) -> list[dict]:
    """Names and roles of everyone the rows mention (their ids), never their emails."""
    ids = {client.therapist_id} - {None}
    user_columns = {f.name for m in _models() for f in m._meta.sorted_fields
                    if isinstance(f, ForeignKeyField) and f.rel_model is User}
    for rows in tables.values():
        for row in rows:
            ids.update(v for k, v in row.items() if k in user_columns and isinstance(v, int))
    people = User.select(User.id, User.name, User.role).where(User.id.in_(sorted(ids)))
    return [{"id": p.id, "name": p.name, "role": p.role} for p in people.order_by(User.id)]


def client_data(client: User) -> dict:
    """The whole export: the profile, the people mentioned and every table."""
    tables = client_tables(client)
    profile = {name: _value(getattr(client, name)) for name in PROFILE_FIELDS}
    return {"exported_at": utcnow().isoformat(timespec="seconds") + "Z",
            "profile": profile, "people": _people(client, tables), "tables": tables}


def as_json(data: dict) -> bytes:
    """The export as readable JSON."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()


def _csv(rows: list[dict], header: list[str] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = header or (list(rows[0]) if rows else [])
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(row.get(k)) for k in header])
    return buffer.getvalue()


README = _l("""Your Homeward data, exported %(at)s (UTC).

profile.csv      your account
people.csv       the people named by id in the other files (therapist, caregivers)
<table>.csv      one file per kind of record: ticks (completion), goals, plans ...
audit_event.csv  who opened or changed your record, and when

Cells that start like a spreadsheet formula (= + - @) begin with ' so they stay text.
""")  # the file names stay in English: they match the files in the zip


def as_csv_zip(data: dict) -> bytes:
    """The export as a zip of CSV files, one per table."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", str(README) % {"at": data["exported_at"]})
        archive.writestr("profile.csv", _csv([data["profile"]]))
        archive.writestr("people.csv", _csv(data["people"], ["id", "name", "role"]))
        for name, rows in data["tables"].items():
            archive.writestr(f"{name}.csv", _csv(rows))
    return out.getvalue()
