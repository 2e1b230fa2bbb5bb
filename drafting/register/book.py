"""The 发文登记簿: reserve the next number, confirm or void it, list what was issued.

One data-access layer (SQLAlchemy Core) for SQLite and PostgreSQL. Every change is one short
transaction: reserving a number locks its (机关代字, year) counter row, takes the next serial
and writes the new row before it commits, so numbers per 机关代字 and year are consecutive and
unique however many processes reserve at once, and a process killed halfway leaves nothing
half-written (the transaction is rolled back). A process killed *after* reserving leaves its
number ``reserved``: listed, and settled by :meth:`Register.confirm` or :meth:`Register.void`,
never handed out again. A void number stays in the book.

SQLite transactions that write begin with ``BEGIN IMMEDIATE`` (the write lock is taken before
the counter is read) and wait up to :func:`busy_timeout` seconds for another writer; on
PostgreSQL the counter row is locked with ``SELECT … FOR UPDATE`` (inserted first, if new,
with ``ON CONFLICT DO NOTHING``) under the same ``lock_timeout``. A database that is locked
beyond that, read-only, unreachable, not a register, or of a newer schema is a
:class:`~drafting.register.location.RegisterError`: one Chinese line, nothing changed.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select, update
from sqlalchemy import exc as sa_exc

from drafting.errors import DraftingError
from drafting.register import schema
from drafting.register.location import Location, RegisterError, resolve
from drafting.register.numbers import DocNumber, check_prefix, check_year, parse_number

#: Seconds a write waits for another writer before giving up (``DRAFTING_DB_TIMEOUT``).
BUSY_TIMEOUT = 30.0
#: Seconds to wait for a PostgreSQL server to answer before calling it unreachable.
CONNECT_TIMEOUT = 10
#: Longest title, organ or reason kept in the book, in characters.
MAX_TEXT_CHARS = 500

STATUS_NAMES = {"reserved": "已预留", "confirmed": "已确认", "void": "已作废"}

#: PostgreSQL error codes (SQLSTATE) and what they mean for the register.
_PG_REASONS = {
    "28P01": "用户名或密码不对",
    "28000": "服务器拒绝了这个用户",
    "3D000": "数据库不存在",
    "42501": "没有权限",
    "25006": "数据库是只读的",
    "57P03": "服务器正在启动或关闭",
    "53300": "连接数已满",
}


def busy_timeout() -> float:
    """:data:`BUSY_TIMEOUT`, or the seconds in ``DRAFTING_DB_TIMEOUT`` when that is a number."""
    value = os.environ.get("DRAFTING_DB_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        return BUSY_TIMEOUT
    return seconds if 0 < seconds <= 3600 else BUSY_TIMEOUT


def current_user() -> str:
    """The operating-system user (经办人)."""
    try:
        return getpass.getuser()
    except Exception:  # no login name and no passwd entry (a bare container)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "未知"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Entry:
    """One row of the 发文登记簿."""

    number: str
    prefix: str
    year: int
    serial: int
    status: str
    title: str | None
    organ: str | None
    doc_date: dt.date | None
    output: str | None
    reason: str | None
    reserved_by: str
    reserved_at: dt.datetime
    confirmed_at: dt.datetime | None
    voided_at: dt.datetime | None
    settled_by: str | None

    @property
    def status_name(self) -> str:
        """已预留 / 已确认 / 已作废."""
        return STATUS_NAMES.get(self.status, self.status)

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON and CSV (dates and times in ISO 8601, UTC)."""
        return {
            "number": self.number,
            "prefix": self.prefix,
            "year": self.year,
            "serial": self.serial,
            "status": self.status,
            "title": self.title,
            "organ": self.organ,
            "date": self.doc_date.isoformat() if self.doc_date else None,
            "output": self.output,
            "reason": self.reason,
            "reserved_by": self.reserved_by,
            "reserved_at": self.reserved_at.isoformat(),
            "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
            "voided_at": self.voided_at.isoformat() if self.voided_at else None,
            "settled_by": self.settled_by,
        }


def clean_text(value: str | None, what: str) -> str | None:
    """A title, organ or reason as the book keeps it: stripped, ``None`` when empty; control
    characters and text past :data:`MAX_TEXT_CHARS` are a :class:`DraftingError`."""
    if value is None:
        return None
    text = value.strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise DraftingError(f"{what}中有控制字符或换行；请只写一行文字")
    if len(text) > MAX_TEXT_CHARS:
        raise DraftingError(f"{what}过长（{len(text)} 字，上限 {MAX_TEXT_CHARS} 字）")
    return text or None


class Register:
    """A 发文登记簿 at a :class:`Location`. Connects on first use; :meth:`close` when done."""

    def __init__(self, location: Location | None = None, *, timeout: float | None = None) -> None:
        self.location = location if location is not None else resolve()
        self.timeout = timeout if timeout is not None else busy_timeout()
        self._engine: Engine | None = None
        self._version: int | None = None

    @classmethod
    def at(cls, db: str | None = None) -> Register:
        """The register named by ``--db`` / ``DRAFTING_DB`` / the default file."""
        return cls(resolve(db))

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ operations

    def reserve(
        self,
        prefix: str,
        year: int | None = None,
        *,
        title: str | None = None,
        organ: str | None = None,
        doc_date: dt.date | None = None,
        output: str | None = None,
    ) -> Entry:
        """Take the next number for ``prefix`` and ``year`` (default: this year) and record it
        as reserved; return its row."""
        prefix = check_prefix(prefix)
        year = check_year(year if year is not None else dt.date.today().year)
        values = {
            "prefix": prefix,
            "year": year,
            "status": "reserved",
            "title": clean_text(title, "标题"),
            "organ": clean_text(organ, "发文机关"),
            "doc_date": doc_date,
            "output": output,
            "reserved_by": current_user(),
            "reserved_at": utc_now(),
        }
        with self._write("取号") as conn:
            serial = self._next_serial(conn, prefix, year)
            number = str(DocNumber(prefix, year, serial))
            conn.execute(schema.NUMBER.insert().values(number=number, serial=serial, **values))
            return self._get(conn, number)

    def confirm(
        self,
        number: str | DocNumber,
        *,
        output: str | None = None,
        title: str | None = None,
        organ: str | None = None,
        doc_date: dt.date | None = None,
    ) -> Entry:
        """Mark a reserved number as used (the document was written); the details given
        replace those recorded at reservation."""
        key = self._key(number)
        changes: dict[str, Any] = {
            "output": output,
            "title": clean_text(title, "标题"),
            "organ": clean_text(organ, "发文机关"),
            "doc_date": doc_date,
        }
        changes = {name: value for name, value in changes.items() if value is not None}
        self._must_exist(key)
        with self._write("确认文号") as conn:
            entry = self._get(conn, key, lock=True)
            if entry.status != "reserved":
                raise DraftingError(_settled(entry, "确认"))
            conn.execute(
                update(schema.NUMBER)
                .where(schema.NUMBER.c.number == key)
                .values(
                    status="confirmed", confirmed_at=utc_now(), settled_by=current_user(), **changes
                )
            )
            return self._get(conn, key)

    def void(self, number: str | DocNumber, *, reason: str | None = None) -> Entry:
        """Mark a number as void (作废): it stays in the book and is never given out again."""
        key = self._key(number)
        reason = clean_text(reason, "作废原因")
        self._must_exist(key)
        with self._write("作废文号") as conn:
            entry = self._get(conn, key, lock=True)
            if entry.status == "void":
                raise DraftingError(_settled(entry, "作废"))
            conn.execute(
                update(schema.NUMBER)
                .where(schema.NUMBER.c.number == key)
                .values(
                    status="void", voided_at=utc_now(), settled_by=current_user(), reason=reason
                )
            )
            return self._get(conn, key)

    def get(self, number: str | DocNumber) -> Entry:
        """The row of ``number``; a :class:`DraftingError` when the book does not have it."""
        key = self._key(number)
        self._must_exist(key)
        with self._read("读取登记簿") as conn:
            if conn is None:
                raise DraftingError(_unknown(key, self.location))
            return self._get(conn, key)

    def entries(
        self, *, year: int | None = None, prefix: str | None = None, status: str | None = None
    ) -> list[Entry]:
        """Rows in order of 机关代字, year and serial, filtered by the arguments given; empty
        when the register file does not exist yet (nothing is created)."""
        if status is not None and status not in schema.STATUSES:
            raise DraftingError(f"状态“{status}”未知；可用：{'、'.join(schema.STATUSES)}")
        if not self.location.exists():
            return []
        table = schema.NUMBER
        query = select(table).order_by(table.c.prefix, table.c.year, table.c.serial)
        if year is not None:
            query = query.where(table.c.year == year)
        if prefix is not None:
            query = query.where(table.c.prefix == check_prefix(prefix))
        if status is not None:
            query = query.where(table.c.status == status)
        with self._read("读取登记簿") as conn:
            if conn is None:
                return []
            return [Entry(**_row(row)) for row in conn.execute(query).mappings()]

    # ------------------------------------------------------------------ helpers

    def _must_exist(self, number: str) -> None:
        """A register file not made yet has no numbers: say so, and create nothing."""
        if not self.location.exists():
            raise DraftingError(_unknown(number, self.location))

    def _key(self, number: str | DocNumber) -> str:
        return str(number if isinstance(number, DocNumber) else parse_number(number))

    def _get(self, conn: Connection, number: str, *, lock: bool = False) -> Entry:
        query = select(schema.NUMBER).where(schema.NUMBER.c.number == number)
        if lock:
            query = query.with_for_update()
        row = conn.execute(query).mappings().one_or_none()
        if row is None:
            raise DraftingError(_unknown(number, self.location))
        return Entry(**_row(row))

    def _next_serial(self, conn: Connection, prefix: str, year: int) -> int:
        """Lock the (prefix, year) counter row, creating it if new; advance it; return it."""
        counter = schema.COUNTER
        if self.location.kind == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        conn.execute(
            insert(counter)
            .values(prefix=prefix, year=year, last_serial=0)
            .on_conflict_do_nothing(index_elements=["prefix", "year"])
        )
        where = (counter.c.prefix == prefix) & (counter.c.year == year)
        last = conn.execute(select(counter.c.last_serial).where(where).with_for_update())
        serial = last.scalar_one() + 1
        conn.execute(update(counter).where(where).values(last_serial=serial))
        return serial

    def _engine_for_use(self) -> Engine:
        if self._engine is None:
            self._engine = _make_engine(self.location, self.timeout)
        return self._engine

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        """A transaction that writes: the SQLite file's write lock taken at its start, the
        schema created or brought up to date first."""
        with self._guard(action):
            if self.location.default and self.location.path is not None:
                self.location.path.parent.mkdir(parents=True, exist_ok=True)
            self._book_version(create=True)
            with self._engine_for_use().connect() as conn:
                conn.execution_options(drafting_write=True)
                with conn.begin():
                    self._limit_lock_wait(conn)
                    yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection | None]:
        """A transaction that reads; ``None`` when the database holds no register yet."""
        with self._guard(action):
            if self._book_version(create=False) is None:
                yield None
                return
            with self._engine_for_use().connect() as conn, conn.begin():
                yield conn

    def _limit_lock_wait(self, conn: Connection) -> None:
        if self.location.kind == "postgresql":
            millis = max(1, int(self.timeout * 1000))
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {millis}")

    def _book_version(self, *, create: bool) -> int | None:
        """The schema version, checked once per :class:`Register`; with ``create`` (or when
        the database is older than this program) the register is created or migrated first.
        ``None``: no register in the database, and ``create`` is off."""
        if self._version is not None:
            return self._version
        engine = self._engine_for_use()
        with engine.connect() as conn, conn.begin():
            found = schema.current_version(conn)
        self._refuse_newer(found)
        if found is None and not create:
            return None
        if found != schema.MIGRATIONS[-1].version:
            self._migrate(engine)
        self._version = schema.MIGRATIONS[-1].version
        return self._version

    def _refuse_newer(self, found: int | None) -> None:
        latest = schema.MIGRATIONS[-1].version
        if found is not None and found > latest:
            raise RegisterError(
                f"发文登记簿（{self.location.shown()}）的版本为 {found}，比本程序支持的版本 "
                f"{latest} 新；请升级 drafting 后再用"
            )

    def _migrate(self, engine: Engine) -> None:
        """Create or upgrade the register in one transaction, one migrator at a time."""
        with engine.connect() as conn:
            conn.execution_options(drafting_write=True)
            with conn.begin():
                self._limit_lock_wait(conn)
                if self.location.kind == "postgresql":
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(2026220101)")
                found = schema.current_version(conn)  # again, under the lock
                self._refuse_newer(found)
                if found is None and self.location.kind == "sqlite":
                    others = schema.foreign_tables(conn)
                    if others:
                        raise RegisterError(
                            f"{self.location.shown()} 不是发文登记簿（其中已有别的数据表："
                            f"{'、'.join(others[:3])}）；请另指定一个文件"
                        )
                if found != schema.MIGRATIONS[-1].version:
                    schema.migrate(conn, found)

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn database errors into one Chinese line naming the register (password masked)."""
        try:
            yield
        except DraftingError:
            raise
        except sa_exc.NoSuchModuleError:
            raise RegisterError(_no_driver(self.location)) from None
        except ImportError as exc:
            if "psycopg" in str(exc):
                raise RegisterError(_no_driver(self.location)) from None
            raise
        except sa_exc.DBAPIError as exc:
            raise RegisterError(_explain(exc, action, self.location, self.timeout)) from None
        except sa_exc.SQLAlchemyError as exc:
            shown = self.location.shown()
            raise RegisterError(
                f"发文登记簿出错，未能{action}（{shown}）：{type(exc).__name__}"
            ) from None
        except OSError as exc:
            from drafting.errors import os_reason

            raise RegisterError(
                f"无法{action}：发文登记簿（{self.location.shown()}）{os_reason(exc)}"
            ) from None


def _row(row: Any) -> dict[str, Any]:
    names = Entry.__dataclass_fields__
    return {name: row[name] for name in names}


def _unknown(number: str, location: Location) -> str:
    return f"登记簿中没有文号“{number}”（{location.shown()}）；可用 drafting number list 查看"


def _settled(entry: Entry, action: str) -> str:
    when = entry.voided_at if entry.status == "void" else entry.confirmed_at
    at = f"已于 {when.astimezone():%Y-%m-%d %H:%M} " if when else "已"
    by = f"由 {entry.settled_by} " if entry.settled_by else ""
    done = "作废" if entry.status == "void" else "确认"
    return f"文号“{entry.number}”{at}{by}{done}，不能再{action}"


def _no_driver(location: Location) -> str:
    return (
        f"连接 PostgreSQL 登记簿（{location.shown()}）需要 psycopg：请安装 "
        "pip install 'drafting[postgres]'"
    )


def _explain(exc: sa_exc.DBAPIError, action: str, location: Location, timeout: float) -> str:
    """One Chinese line for a database error."""
    shown = location.shown()
    orig = exc.orig
    if location.kind == "sqlite":
        name = getattr(orig, "sqlite_errorname", "") or ""
        text = str(orig).lower()
        if name.startswith("SQLITE_BUSY") or "locked" in text:
            return (
                f"发文登记簿正被其他程序占用，等了 {timeout:g} 秒仍未释放，未能{action}"
                f"（{shown}）；请稍后再试，登记簿未改动"
            )
        if name.startswith("SQLITE_READONLY") or "readonly" in text:
            return f"发文登记簿是只读的，未能{action}（{shown}）；请检查文件及其文件夹的写权限"
        if name.startswith("SQLITE_NOTADB") or "not a database" in text:
            return f"{shown} 不是发文登记簿（不是 SQLite 数据库文件）；请另指定一个文件"
        if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
            where = location.path.parent if location.path is not None else shown
            return f"无法打开发文登记簿（{shown}）：文件夹 {where} 不存在或不可写"
        if name.startswith("SQLITE_FULL") or "full" in text:
            return f"磁盘空间不足，未能{action}（{shown}）；登记簿未改动"
        if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
            return f"发文登记簿文件已损坏（{shown}）；请从备份恢复"
        return f"发文登记簿出错，未能{action}（{shown}）：{_first_line(orig)}"
    code = getattr(orig, "sqlstate", None)
    if code in ("55P03", "40P01"):  # lock_not_available, deadlock_detected
        return (
            f"发文登记簿正被其他程序占用，等了 {timeout:g} 秒仍未释放，未能{action}"
            f"（{shown}）；请稍后再试，登记簿未改动"
        )
    if code in _PG_REASONS:
        return f"无法{action}：发文登记簿数据库 {shown} {_PG_REASONS[code]}"
    if isinstance(exc, sa_exc.OperationalError) and code is None:
        return f"无法连接发文登记簿数据库 {shown}（{_connection_reason(orig)}）"
    return f"发文登记簿出错，未能{action}（{shown}）：{_first_line(orig)}"


def _connection_reason(orig: BaseException | None) -> str:
    text = str(orig).lower()
    if "refused" in text:
        return "连接被拒绝：服务器没有运行，或端口不对"
    if "timeout" in text or "timed out" in text:
        return f"{CONNECT_TIMEOUT} 秒内没有应答"
    if "could not translate host name" in text or "name or service not known" in text:
        return "找不到这个主机名"
    if "no such file or directory" in text:
        return "找不到服务器的套接字文件：服务器没有运行"
    if "password" in text:
        return "用户名或密码不对"
    if "does not exist" in text:
        return "数据库或用户不存在"
    return "服务器没有应答"


def _first_line(orig: BaseException | None) -> str:
    from drafting.register.location import mask

    return mask(str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__)


def _make_engine(location: Location, timeout: float) -> Engine:
    """An engine for ``location``; SQLite connections begin their own transactions (deferred
    for reading, ``BEGIN IMMEDIATE`` for writing) and wait ``timeout`` seconds when busy."""
    if location.kind == "postgresql":
        return create_engine(
            location.url,
            connect_args={"connect_timeout": CONNECT_TIMEOUT, "application_name": "drafting"},
            pool_pre_ping=False,
        )
    engine = create_engine(location.url, connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves (below)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("drafting_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
