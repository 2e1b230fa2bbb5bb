"""The register's tables, its schema version and the migrations that bring a database up to it.

Three tables, named ``drafting_*`` so that an office can keep them in a PostgreSQL database
that holds other things too:

* ``drafting_schema``: one row, the schema version of this database.
* ``drafting_counter``: per (机关代字, year) the last serial given out. Reserving a number
  locks this row (SQLite: the whole file, ``BEGIN IMMEDIATE``; PostgreSQL: ``SELECT … FOR
  UPDATE``), so two writers can never take the same serial, and no serial is skipped.
* ``drafting_number``: the 发文登记簿 itself, one row per number ever given out, with its
  status (reserved, confirmed, void); a row is never deleted.

:data:`MIGRATIONS` is the explicit list of steps, applied in order inside one transaction by
:func:`migrate`; :data:`SCHEMA_VERSION` is the last one. A migration, once released, is never
edited: a change to the tables is a new step at the end (and the table definitions below are
updated to match it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.types import TypeDecorator

STATUSES = ("reserved", "confirmed", "void")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment in UTC: aware datetimes in, aware UTC datetimes out, on SQLite (which stores
    no zone: the naive UTC time is stored) and PostgreSQL (``timestamptz``) alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


def _tables(metadata: MetaData) -> tuple[Table, Table, Table]:
    """The tables of schema version 1."""
    schema = Table(
        "drafting_schema",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("version", Integer, nullable=False),
        CheckConstraint("id = 1", name="drafting_schema_one_row"),
    )
    counter = Table(
        "drafting_counter",
        metadata,
        Column("prefix", String(64), primary_key=True),
        Column("year", Integer, primary_key=True, autoincrement=False),
        Column("last_serial", Integer, nullable=False),
    )
    number = Table(
        "drafting_number",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("number", String(128), nullable=False, unique=True),
        Column("prefix", String(64), nullable=False),
        Column("year", Integer, nullable=False),
        Column("serial", Integer, nullable=False),
        Column("status", String(16), nullable=False),
        Column("title", Text),
        Column("organ", Text),
        Column("doc_date", Date),
        Column("output", Text),
        Column("reason", Text),
        Column("reserved_by", Text, nullable=False),
        Column("reserved_at", UTCDateTime, nullable=False),
        Column("confirmed_at", UTCDateTime),
        Column("voided_at", UTCDateTime),
        Column("settled_by", Text),
        UniqueConstraint("prefix", "year", "serial", name="drafting_number_serial"),
        CheckConstraint(
            "status IN ('reserved', 'confirmed', 'void')", name="drafting_number_status"
        ),
    )
    return schema, counter, number


METADATA = MetaData()
SCHEMA, COUNTER, NUMBER = _tables(METADATA)


def _create_v1(conn: Connection) -> None:
    metadata = MetaData()
    _tables(metadata)
    metadata.create_all(conn)


@dataclass(frozen=True)
class Migration:
    """One step: the version it brings a database to, what it does, and the step itself."""

    version: int
    what: str
    apply: Callable[[Connection], None]


#: Every step, in order. Append; never edit or reorder a released step.
MIGRATIONS: tuple[Migration, ...] = (Migration(1, "建立发文登记簿的三张表", _create_v1),)
SCHEMA_VERSION = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int | None:
    """The database's schema version; ``None`` when it has no register yet."""
    if not inspect(conn).has_table("drafting_schema"):
        return None
    return conn.execute(select(SCHEMA.c.version)).scalar_one_or_none()


def foreign_tables(conn: Connection) -> list[str]:
    """Tables in the database that are not the register's."""
    return [name for name in inspect(conn).get_table_names() if not name.startswith("drafting_")]


def migrate(conn: Connection, found: int | None) -> int:
    """Apply the steps of :data:`MIGRATIONS` after version ``found`` (``None``: none yet) on
    ``conn``, inside the caller's transaction; return the version reached."""
    version = found or 0
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        step.apply(conn)
        version = step.version
    if found is None:
        conn.execute(insert(SCHEMA).values(id=1, version=version))
    else:
        conn.execute(update(SCHEMA).where(SCHEMA.c.id == 1).values(version=version))
    return version
