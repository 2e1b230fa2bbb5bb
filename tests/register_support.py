"""Shared by the ``test_register_*`` modules: a real PostgreSQL server, and registers to test.

The server: ``DRAFTING_TEST_POSTGRES`` (a URL; ``.ci/run`` starts a server with
``.ci/postgres`` and sets it), else one started here with ``.ci/postgres`` for this test run and
stopped when it ends. Where neither works (PostgreSQL not installed, no user to run it as), the
PostgreSQL tests skip and say why. Each test gets its own PostgreSQL schema (``search_path`` in
the URL), so tests never see each other's numbers.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / ".ci" / "postgres"
ENV_VAR = "DRAFTING_TEST_POSTGRES"

_server: dict[str, str | None] = {}


def postgres_server() -> str:
    """The URL of a PostgreSQL database for tests; skips the test when there is none."""
    if "url" not in _server:
        _server.update(_start())
    url = _server.get("url")
    if not url:
        pytest.skip(f"PostgreSQL not available: {_server.get('reason')}")
    return url


def _start() -> dict[str, str | None]:
    given = os.environ.get(ENV_VAR, "").strip()
    if given:
        return {"url": given}
    if os.environ.get("DRAFTING_TEST_NO_POSTGRES") == "1":
        return {"url": None, "reason": "DRAFTING_TEST_NO_POSTGRES=1"}
    if shutil.which("bash") is None:
        return {"url": None, "reason": "no bash to run .ci/postgres"}
    folder = tempfile.mkdtemp(prefix="drafting-pg-")
    try:
        done = subprocess.run(
            ["bash", str(SCRIPT), "start", folder],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except subprocess.TimeoutExpired:
        done = None
    if done is None or done.returncode != 0 or not done.stdout.strip():
        reason = "timed out" if done is None else (done.stderr.strip() or "no URL").splitlines()[-1]
        subprocess.run(["bash", str(SCRIPT), "stop", folder], capture_output=True, check=False)
        print(f"\nPostgreSQL tests skip: .ci/postgres could not start a server ({reason})")
        return {"url": None, "reason": f".ci/postgres start failed: {reason}"}
    atexit.register(
        subprocess.run, ["bash", str(SCRIPT), "stop", folder], capture_output=True, check=False
    )
    return {"url": done.stdout.strip().splitlines()[-1]}


def fresh_postgres_url() -> str:
    """A URL whose ``search_path`` is a new, empty schema of the test database."""
    import psycopg

    base = postgres_server()
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options={quote(f'-csearch_path={name}')}"


def register_url(kind: str, folder: Path) -> str:
    """A new, empty register of ``kind`` (``sqlite`` or ``postgresql``)."""
    if kind == "sqlite":
        return str(folder / "register.sqlite3")
    return fresh_postgres_url()


def cli(
    args: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, timeout=120
) -> subprocess.CompletedProcess[str]:
    """``python -m drafting ARGS`` in a subprocess (UTF-8, no DRAFTING_DB unless given)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("DRAFTING_DB", "DRAFTING_DEBUG")}
    environ["PYTHONIOENCODING"] = "utf-8"
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "drafting", *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def reserve_many(url: str, prefix: str, count: int, barrier: Any, results: Any) -> None:
    """A worker process: wait for the others at ``barrier``, reserve ``count`` numbers one by
    one through the library, put ``(pid, serials)`` on ``results``."""
    from drafting.register.book import Register
    from drafting.register.location import resolve

    book = Register(resolve(url), timeout=300)
    try:
        book.entries()  # connect and check the schema before the race starts
        barrier.wait(timeout=300)
        serials = [book.reserve(prefix, 2026).serial for _ in range(count)]
        results.put((os.getpid(), serials))
    except BaseException as exc:
        results.put((os.getpid(), f"{type(exc).__name__}: {exc}"))
        raise
    finally:
        book.close()
