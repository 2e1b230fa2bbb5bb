"""Numbers under concurrency, on SQLite and on a real PostgreSQL: 20 processes reserving 50
numbers each get 1,000 distinct, consecutive numbers; a process killed between reserve and
confirm leaves a reservation that is listed, settled by hand, and never handed out again; a
process killed inside the reservation's transaction leaves nothing half-written."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from register_support import cli, register_url, reserve_many

from drafting.register.book import Register
from drafting.register.location import resolve

KINDS = ["sqlite", "postgresql"]
WORKERS, EACH = 20, 50


@pytest.fixture(params=KINDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return register_url(request.param, tmp_path)


def test_twenty_processes_reserving_fifty_each_get_one_to_a_thousand(url: str) -> None:
    with Register(resolve(url)) as book:
        book.entries()  # create the register before the race: the workers only reserve
        book.reserve("江政办函", 2026)  # and another prefix, which must not interfere
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    workers = [
        context.Process(target=reserve_many, args=(url, "江政办发", EACH, barrier, results))
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    got = dict(results.get(timeout=600) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    failures = {pid: value for pid, value in got.items() if isinstance(value, str)}
    assert not failures, failures
    serials = [serial for value in got.values() for serial in value]
    assert len(serials) == WORKERS * EACH
    assert sorted(serials) == list(range(1, WORKERS * EACH + 1))  # distinct and consecutive
    for value in got.values():
        assert value == sorted(value)  # each process saw its own numbers grow
    with Register(resolve(url)) as book:
        entries = book.entries(prefix="江政办发")
        assert [e.serial for e in entries] == list(range(1, WORKERS * EACH + 1))
        assert {e.status for e in entries} == {"reserved"}
        assert book.reserve("江政办发", 2026).serial == WORKERS * EACH + 1
        assert book.reserve("江政办函", 2026).serial == 2


def test_concurrent_cli_next_commands_print_distinct_consecutive_numbers(url: str) -> None:
    runs = 12
    env = {k: v for k, v in os.environ.items() if k not in ("DRAFTING_DB", "DRAFTING_DEBUG")}
    env.update(PYTHONIOENCODING="utf-8", DRAFTING_DB_TIMEOUT="300")
    command = [sys.executable, "-m", "drafting", "number", "next", "江政办发", "--year", "2026"]
    processes = [
        subprocess.Popen(
            [*command, "--db", url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for _ in range(runs)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0] * runs, outputs
    printed = sorted(out.decode("utf-8").strip() for out, _ in outputs)
    expected = sorted(f"江政办发〔2026〕{n}号" for n in range(1, runs + 1))
    assert printed == expected


_RESERVE_AND_HANG = """
import sys, time
from drafting.register.book import Register
from drafting.register.location import resolve
entry = Register(resolve(sys.argv[1])).reserve("江政办发", 2026, title="写到一半的通知")
print(entry.number, flush=True)
time.sleep(120)  # the document would be rendered here; the test kills us first
"""


def test_a_process_killed_after_reserving_leaves_a_listed_reservation(url: str) -> None:
    with Register(resolve(url)) as book:
        book.reserve("江政办发", 2026)
    child = subprocess.Popen(
        [sys.executable, "-c", _RESERVE_AND_HANG, url], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        number = child.stdout.readline().strip()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert number == "江政办发〔2026〕2号"

    listed = cli(["number", "list", "--status", "reserved", "--format", "json", "--db", url])
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(row["number"], row["title"]) for row in rows] == [
        ("江政办发〔2026〕1号", None),
        ("江政办发〔2026〕2号", "写到一半的通知"),
    ]
    table = cli(["number", "list", "--db", url])
    assert "江政办发〔2026〕2号  已预留  写到一半的通知" in table.stdout

    following = cli(["number", "next", "江政办发", "--year", "2026", "--db", url])
    assert following.stdout.strip() == "江政办发〔2026〕3号"  # 2 is not handed out again
    confirmed = cli(["number", "confirm", number, "--db", url])
    assert confirmed.returncode == 0 and confirmed.stdout.strip() == f"已确认：{number}"
    voided = cli(["number", "void", "江政办发〔2026〕1号", "--reason", "未印发", "--db", url])
    assert voided.returncode == 0, voided.stderr
    with Register(resolve(url)) as book:
        statuses = [(e.serial, e.status) for e in book.entries()]
    assert statuses == [(1, "void"), (2, "confirmed"), (3, "reserved")]


_SQLITE_HALFWAY = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE drafting_counter SET last_serial = last_serial + 1")
conn.execute("UPDATE drafting_number SET status = 'void'")
print("halfway", flush=True)
time.sleep(120)
"""

_POSTGRES_HALFWAY = """
import sys, time
import psycopg
conn = psycopg.connect(sys.argv[1])
conn.execute("SET search_path TO " + sys.argv[2])
conn.execute("SELECT last_serial FROM drafting_counter FOR UPDATE")
conn.execute("UPDATE drafting_counter SET last_serial = last_serial + 1")
conn.execute("UPDATE drafting_number SET status = 'void'")
print("halfway", flush=True)
time.sleep(120)
"""


def test_a_process_killed_inside_the_transaction_leaves_nothing_half_written(
    url: str,
) -> None:
    with Register(resolve(url)) as book:
        book.reserve("江政办发", 2026)
    if url.startswith("postgresql"):
        base, _, options = url.partition("?options=")
        schema_name = options.split("%3D")[-1]
        args = [sys.executable, "-c", _POSTGRES_HALFWAY, base, schema_name]
    else:
        args = [sys.executable, "-c", _SQLITE_HALFWAY, url]
    child = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "halfway"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    with Register(resolve(url), timeout=60) as book:
        assert [(e.serial, e.status) for e in book.entries()] == [(1, "reserved")]
        assert book.reserve("江政办发", 2026).serial == 2
