"""The figures of issue 21: ``drafting serve`` answering on 127.0.0.1.

A real server (the installed ``drafting serve`` on a free port of 127.0.0.1, two lint
processes) is started once for the group and stopped at its end. The client is httpx.

* **Warm lint** of the one-page notice (``notice.txt``) through ``POST /api/lint``: requests
  one after another once the server has answered a few; target p95 ≤ 30 ms. Baseline, for
  reference: ``lint_text`` of the same text in this process.
* **Render** of the notice sample through ``POST /api/render`` (JSON data → .docx bytes); target
  p95 ≤ 60 ms. Baseline: ``prepare`` + ``build_docx`` in this process.
* **Soak**: 20 clients, each its own connection, for 30 s (bounded in time and in count), half
  linting the notice and half rendering the sample; targets: no error (every answer a 200 with
  the body it should have), and memory flat: the resident memory of the server and its lint
  processes at the end within :data:`SOAK_RSS_MARGIN` of what it was after a warm-up round.
"""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchlib import inputs
from benchlib.measure import Stats
from benchlib.table import Row

# Targets of issue 21 (binding; never loosen them here).
LINT_P95_MAX = 0.030
RENDER_P95_MAX = 0.060
SOAK_CLIENTS = 20
SOAK_SECONDS = 30.0
#: "Memory flat": RSS at the end at most this much above RSS after the warm-up round.
SOAK_RSS_MARGIN = 0.10
#: Most requests one soak client sends (a bound besides the time).
SOAK_MAX_REQUESTS = 20_000


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the lint processes, the resource tracker)."""
    from benchlib.measure import _descendants

    return [pid, *_descendants(pid)]


def tree_rss_mib(pid: int) -> float:
    return sum(_rss_kib(p) for p in _tree(pid)) / 1024


class ServeProcess:
    """``drafting serve`` on a free port of 127.0.0.1 (started, waited for, stopped)."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        argv = [*command, "serve", "--port", str(self.port), "--jobs", "2"]
        self.proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def wait(self, client: Any, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"drafting serve exited: {self.proc.stderr.read().decode()}")
            try:
                if client.get(f"{self.base}/api/templates").status_code == 200:
                    return
            except Exception:  # not listening yet
                time.sleep(0.2)
        raise RuntimeError("drafting serve did not answer within 120 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _lint_body(text: str) -> bytes:
    return json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")


def _render_body() -> bytes:
    data = json.loads(json.dumps(inputs.sample_data("notice"), default=str))
    return json.dumps({"template": "notice", "data": data}, ensure_ascii=False).encode("utf-8")


JSON = {"content-type": "application/json"}


def _timed(call: Callable[[], Any], count: int) -> list[float]:
    values = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        values.append(time.perf_counter() - start)
    return values


def _lint_ok(response: Any) -> bool:
    return response.status_code == 200 and bool(response.json()["files"])


def _render_ok(response: Any) -> bool:
    return response.status_code == 200 and response.content[:2] == b"PK"


def _soak(base: str, lint: bytes, render: bytes, seconds: float) -> tuple[int, list[str]]:
    """``SOAK_CLIENTS`` threads with a connection each for ``seconds``: requests sent and the
    errors met (each described)."""
    import httpx

    errors: list[str] = []
    counts = [0] * SOAK_CLIENTS
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        path, body, ok = (
            ("/api/lint", lint, _lint_ok) if index % 2 else ("/api/render", render, _render_ok)
        )
        with httpx.Client(timeout=60) as http:
            while time.monotonic() < deadline and counts[index] < SOAK_MAX_REQUESTS:
                try:
                    response = http.post(f"{base}{path}", content=body, headers=JSON)
                    if not ok(response):
                        errors.append(f"{path} {response.status_code}")
                except Exception as exc:  # a refused or broken connection is an error too
                    errors.append(f"{path} {type(exc).__name__}")
                counts[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(SOAK_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), errors


def serve(bench: Any) -> list[Row]:
    """The rows of the ``serve`` group (see the module docstring)."""
    import httpx

    from drafting.layout import build_docx
    from drafting.lint.api import lint_text
    from drafting.render import prepare

    notice = bench.path("notice.txt").read_text(encoding="utf-8")
    lint, render = _lint_body(notice), _render_body()
    requests = 40 if bench.runs <= 2 else 200
    soak_seconds = 5.0 if bench.runs <= 2 else SOAK_SECONDS
    server = ServeProcess(bench.drafting, bench.env, bench.workdir)
    rows: list[Row] = []
    try:
        with httpx.Client(timeout=60) as http:
            server.wait(http)
            bench.log("  serve: warming up (lint and render)")
            for _ in range(10):  # both lint processes warm, patterns compiled, caches filled
                assert _lint_ok(http.post(f"{server.base}/api/lint", content=lint, headers=JSON))
                assert _render_ok(
                    http.post(f"{server.base}/api/render", content=render, headers=JSON)
                )
            bench.log(f"  serve: {requests} lint requests, {requests} render requests")
            lints = _timed(
                lambda: http.post(f"{server.base}/api/lint", content=lint, headers=JSON), requests
            )
            renders = _timed(
                lambda: http.post(f"{server.base}/api/render", content=render, headers=JSON),
                requests,
            )
        sample = inputs.ROOT / "templates" / "notice" / "sample.yaml"
        local_lint = _timed(lambda: lint_text(notice), max(10, requests // 4))
        local_render = _timed(
            lambda: build_docx((d := prepare("notice", sample)).document, base_dir=d.base_dir),
            max(10, requests // 4),
        )
        for label, values, base, name, limit in (
            ("serve: lint one-page notice, POST /api/lint (warm)", lints, local_lint,
             "lint_text in-process", LINT_P95_MAX),
            ("serve: render notice sample, POST /api/render", renders, local_render,
             "prepare + build_docx in-process", RENDER_P95_MAX),
        ):  # fmt: skip
            stats, base_stats = Stats(tuple(values)), Stats(tuple(base))
            high = p95(values)
            rows.append(
                Row(
                    label,
                    stats,
                    baseline=name,
                    base=base_stats,
                    ratio=stats.median / base_stats.median,
                    target=f"p95 ≤ {limit * 1000:.0f} ms",
                    met=high <= limit,
                    note=f"p95 {high * 1000:.1f} ms over {len(values)} requests",
                )
            )
        bench.log(f"  serve: {SOAK_CLIENTS} clients for {soak_seconds:.0f} s (warm-up round first)")
        _soak(server.base, lint, render, min(5.0, soak_seconds))
        warm_mib = tree_rss_mib(server.proc.pid)
        started = time.perf_counter()
        sent, errors = _soak(server.base, lint, render, soak_seconds)
        elapsed = time.perf_counter() - started
        end_mib = tree_rss_mib(server.proc.pid)
    finally:
        server.stop()
    rows.append(
        Row(
            f"serve: {SOAK_CLIENTS} clients × {soak_seconds:.0f} s, errors",
            Stats((float(len(errors)),)),
            unit="",
            target="0",
            met=not errors,
            note=f"{sent:,} requests, {sent / elapsed:.0f}/s"
            + (f"; first: {errors[0]}" if errors else ""),
        )
    )
    growth = (end_mib - warm_mib) / warm_mib if warm_mib else math.inf
    rows.append(
        Row(
            "  … RSS of server + lint processes at the end",
            Stats((end_mib,)),
            unit="MiB",
            baseline="after warm-up round",
            base=Stats((warm_mib,)),
            ratio=end_mib / warm_mib if warm_mib else None,
            target=f"≤ +{SOAK_RSS_MARGIN:.0%}",
            met=growth <= SOAK_RSS_MARGIN,
            note=f"{growth:+.1%}",
        )
    )
    return rows
