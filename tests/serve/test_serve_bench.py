"""The ``serve`` group of ``make bench`` is registered, and its percentile is the nearest rank
(no timings here: those are ``scripts/bench.py --only serve``)."""

from __future__ import annotations

import sys

from paths import ROOT

SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))

import bench  # noqa: E402
from benchlib import serve  # noqa: E402


def test_the_serve_group_is_registered() -> None:
    assert bench.GROUPS["serve"] is serve.serve
    assert bench.parse_args(["--only", "serve"]).only == "serve"


def test_p95_is_the_nearest_rank() -> None:
    assert serve.p95([float(n) for n in range(1, 101)]) == 95.0
    assert serve.p95([0.01, 0.02]) == 0.02
    assert serve.p95([5.0]) == 5.0


def test_the_targets_are_those_of_the_issue() -> None:
    assert (serve.LINT_P95_MAX, serve.RENDER_P95_MAX) == (0.030, 0.060)
    assert (serve.SOAK_CLIENTS, serve.SOAK_SECONDS) == (20, 30.0)
