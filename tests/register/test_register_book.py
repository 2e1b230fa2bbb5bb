"""The 发文登记簿 as a library, on SQLite and on a real PostgreSQL: reserve, confirm, void, list,
schema versions and migrations, and the errors a clerk can meet (locked, read-only, not a
register, a newer schema)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from register_support import register_url

from drafting.errors import DraftingError
from drafting.register import schema
from drafting.register.book import Register
from drafting.register.location import RegisterError, resolve


@pytest.fixture(params=["sqlite", "postgresql"])
def book(request: pytest.FixtureRequest, tmp_path: Path) -> Register:
    register = Register(resolve(register_url(request.param, tmp_path)))
    yield register
    register.close()


def test_numbers_are_consecutive_per_prefix_and_year(book: Register) -> None:
    got = [book.reserve("江政办发", 2026).number for _ in range(3)]
    assert got == ["江政办发〔2026〕1号", "江政办发〔2026〕2号", "江政办发〔2026〕3号"]
    assert book.reserve("江政办函", 2026).number == "江政办函〔2026〕1号"
    assert book.reserve("江政办发", 2026).serial == 4


def test_a_new_year_starts_at_one(book: Register) -> None:
    for _ in range(5):
        book.reserve("江政发", 2026)
    assert book.reserve("江政发", 2027).number == "江政发〔2027〕1号"
    assert book.reserve("江政发", 2026).serial == 6


def test_the_default_year_is_this_year(book: Register) -> None:
    assert book.reserve("江政发").year == dt.date.today().year


def test_a_reservation_records_who_when_and_what(book: Register) -> None:
    before = dt.datetime.now(dt.timezone.utc)
    entry = book.reserve(
        "江政办发",
        2026,
        title="关于做好2026年度工作总结的通知",
        organ="江州市人民政府办公室",
        doc_date=dt.date(2026, 11, 20),
        output="通知.docx",
    )
    assert entry.status == "reserved" and entry.status_name == "已预留"
    assert entry.title == "关于做好2026年度工作总结的通知"
    assert entry.organ == "江州市人民政府办公室"
    assert entry.doc_date == dt.date(2026, 11, 20)
    assert entry.output == "通知.docx"
    assert entry.reserved_by
    assert entry.reserved_at.tzinfo is not None
    assert before - dt.timedelta(seconds=5) <= entry.reserved_at <= dt.datetime.now(dt.timezone.utc)
    assert entry.confirmed_at is None and entry.voided_at is None


def test_confirm_then_void_and_the_void_number_stays(book: Register) -> None:
    first = book.reserve("江政办发", 2026).number
    second = book.reserve("江政办发", 2026).number
    confirmed = book.confirm(first, output="a.docx", title="标题甲")
    assert confirmed.status == "confirmed" and confirmed.confirmed_at is not None
    assert confirmed.output == "a.docx" and confirmed.title == "标题甲"
    voided = book.void(second, reason="撤回重发")
    assert voided.status == "void" and voided.reason == "撤回重发"
    assert book.reserve("江政办发", 2026).serial == 3  # 2 is never given out again
    statuses = {e.number: e.status for e in book.entries()}
    assert statuses == {
        "江政办发〔2026〕1号": "confirmed",
        "江政办发〔2026〕2号": "void",
        "江政办发〔2026〕3号": "reserved",
    }


def test_a_confirmed_number_can_be_voided_but_not_confirmed_again(book: Register) -> None:
    number = book.reserve("江政办发", 2026).number
    book.confirm(number)
    with pytest.raises(DraftingError, match=r"已于 .* 确认，不能再确认"):
        book.confirm(number)
    book.void(number, reason="文件撤销")
    with pytest.raises(DraftingError, match="作废，不能再作废"):
        book.void(number)
    with pytest.raises(DraftingError, match="作废，不能再确认"):
        book.confirm(number)


def test_an_unknown_number_is_named(book: Register) -> None:
    book.reserve("江政办发", 2026)
    with pytest.raises(DraftingError, match="登记簿中没有文号“江政办发〔2026〕9号”"):
        book.confirm("江政办发〔2026〕9号")
    with pytest.raises(DraftingError, match="没有文号"):
        book.void("江政发〔2026〕1号")


def test_entries_filter_and_order(book: Register) -> None:
    for prefix, year in [("江政发", 2027), ("江政办发", 2026), ("江政发", 2026), ("江政发", 2026)]:
        book.reserve(prefix, year)
    book.void("江政发〔2026〕1号")
    numbers = [e.number for e in book.entries()]
    assert numbers == [
        "江政办发〔2026〕1号",
        "江政发〔2026〕1号",
        "江政发〔2026〕2号",
        "江政发〔2027〕1号",
    ]
    assert [e.number for e in book.entries(year=2027)] == ["江政发〔2027〕1号"]
    assert [e.number for e in book.entries(prefix="江政办发")] == ["江政办发〔2026〕1号"]
    assert [e.number for e in book.entries(status="void")] == ["江政发〔2026〕1号"]
    with pytest.raises(DraftingError, match="状态“gone”未知"):
        book.entries(status="gone")


def test_as_dict_is_plain_json(book: Register) -> None:
    import json

    entry = book.reserve("江政办发", 2026, doc_date=dt.date(2026, 3, 1))
    data = json.loads(json.dumps(entry.as_dict(), ensure_ascii=False))
    assert data["number"] == "江政办发〔2026〕1号"
    assert data["date"] == "2026-03-01"
    assert data["reserved_at"].endswith("+00:00")


def test_bad_text_is_refused_before_anything_is_written(book: Register) -> None:
    with pytest.raises(DraftingError, match="标题中有控制字符"):
        book.reserve("江政办发", 2026, title="标题\x1b[2J")
    with pytest.raises(DraftingError, match="过长"):
        book.reserve("江政办发", 2026, organ="机" * 501)
    with pytest.raises(DraftingError, match="只能由汉字组成"):
        book.reserve("JZ 发", 2026)
    with pytest.raises(DraftingError, match="不在 1949–2099 之间"):
        book.reserve("江政办发", 3000)
    assert book.entries() == []


def test_the_schema_version_is_recorded(book: Register) -> None:
    book.reserve("江政办发", 2026)
    from sqlalchemy import create_engine

    engine = create_engine(book.location.url)
    with engine.connect() as conn:
        assert schema.current_version(conn) == schema.SCHEMA_VERSION
    engine.dispose()


def test_a_newer_schema_is_refused(book: Register) -> None:
    book.reserve("江政办发", 2026)
    from sqlalchemy import create_engine, update

    engine = create_engine(book.location.url)
    with engine.begin() as conn:
        conn.execute(update(schema.SCHEMA).values(version=schema.SCHEMA_VERSION + 7))
    engine.dispose()
    fresh = Register(book.location)
    with pytest.raises(RegisterError, match=rf"版本为 {schema.SCHEMA_VERSION + 7}，比本程序"):
        fresh.reserve("江政办发", 2026)
    with pytest.raises(RegisterError, match="请升级 drafting"):
        fresh.entries()
    fresh.close()


def test_migrations_run_in_order_inside_one_transaction(
    book: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    book.reserve("江政办发", 2026)
    book.close()
    from sqlalchemy import text

    applied: list[int] = []

    def add_note(conn) -> None:
        applied.append(2)
        conn.execute(text("ALTER TABLE drafting_number ADD COLUMN note TEXT"))

    def add_index(conn) -> None:
        applied.append(3)
        conn.execute(text("CREATE INDEX drafting_number_status_idx ON drafting_number (status)"))

    steps = (
        *schema.MIGRATIONS,
        schema.Migration(2, "附注", add_note),
        schema.Migration(3, "状态索引", add_index),
    )
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    upgraded = Register(book.location)
    assert upgraded.reserve("江政办发", 2026).serial == 2
    assert applied == [2, 3]
    from sqlalchemy import create_engine

    engine = create_engine(book.location.url)
    with engine.connect() as conn:
        assert schema.current_version(conn) == 3
    engine.dispose()
    upgraded.close()


def test_a_failing_migration_changes_nothing(
    book: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    book.reserve("江政办发", 2026)
    book.close()
    from sqlalchemy import text

    def half(conn) -> None:
        conn.execute(text("ALTER TABLE drafting_number ADD COLUMN note TEXT"))
        raise RuntimeError("step two of the migration failed")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, schema.Migration(2, "坏", half)))
    with pytest.raises(RuntimeError):
        Register(book.location).reserve("江政办发", 2026)
    monkeypatch.undo()
    again = Register(book.location)
    assert again.reserve("江政办发", 2026).serial == 2  # still version 1, no half column
    from sqlalchemy import create_engine, inspect

    engine = create_engine(book.location.url)
    with engine.connect() as conn:
        assert "note" not in {c["name"] for c in inspect(conn).get_columns("drafting_number")}
        assert schema.current_version(conn) == 1
    engine.dispose()
    again.close()


# --------------------------------------------------------------------------- SQLite only


def test_reading_a_register_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.sqlite3"
    book = Register(resolve(str(path)))
    assert book.entries() == []
    with pytest.raises(DraftingError, match="没有文号"):
        book.void("江政办发〔2026〕1号")
    assert not path.exists()


def test_a_sqlite_file_of_another_program_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(RegisterError, match="不是发文登记簿（其中已有别的数据表：contacts）"):
        Register(resolve(str(path))).reserve("江政办发", 2026)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("这不是数据库。\n" * 200, encoding="utf-8")
    with pytest.raises(RegisterError, match="不是发文登记簿（不是 SQLite 数据库文件）"):
        Register(resolve(str(path))).reserve("江政办发", 2026)
    assert path.read_text(encoding="utf-8") == "这不是数据库。\n" * 200


def test_a_read_only_register_can_be_listed_but_not_written(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    with Register(resolve(str(path))) as book:
        book.reserve("江政办发", 2026)
    before = path.read_bytes()
    read_only = resolve(f"sqlite:///file:{path}?mode=ro&uri=true")
    with Register(read_only) as book:
        assert [e.number for e in book.entries()] == ["江政办发〔2026〕1号"]
        with pytest.raises(RegisterError, match="发文登记簿是只读的，未能取号"):
            book.reserve("江政办发", 2026)
        with pytest.raises(RegisterError, match="只读的，未能作废文号"):
            book.void("江政办发〔2026〕1号")
    assert path.read_bytes() == before


_HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(60)
"""


def test_a_locked_register_waits_then_says_so(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    with Register(resolve(str(path))) as book:
        book.reserve("江政办发", 2026)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        book = Register(resolve(str(path)), timeout=0.3)
        book._version = schema.SCHEMA_VERSION  # checked above; go straight to the write lock
        started = time.monotonic()
        with pytest.raises(RegisterError, match=r"正被其他程序占用，等了 0.3 秒仍未释放，未能取号"):
            book.reserve("江政办发", 2026)
        assert time.monotonic() - started >= 0.25  # it waited (a floor, not a timing claim)
    finally:
        holder.kill()
        holder.wait()
    with Register(resolve(str(path))) as book:
        assert book.reserve("江政办发", 2026).serial == 2


def test_the_default_register_lives_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("DRAFTING_DB", raising=False)
    location = resolve()
    assert location.default
    assert location.path == tmp_path / "data" / "drafting" / "register.sqlite3"
    with Register(location) as book:
        book.reserve("江政办发", 2026)
    assert location.path.is_file()


def test_drafting_db_names_the_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTING_DB", str(tmp_path / "office.sqlite3"))
    assert resolve().path == tmp_path / "office.sqlite3"
    assert resolve(str(tmp_path / "mine.sqlite3")).path == tmp_path / "mine.sqlite3"  # --db wins
