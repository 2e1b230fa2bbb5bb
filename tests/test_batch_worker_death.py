"""A batch worker that dies costs only the record it held (issue 19): the others are run
again on a fresh worker, and the one is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting import batch as batch_module
from drafting.batch import KILL_HOOK_ENV, run_batch

UNITS = Path(__file__).parent / "fixtures" / "batch" / "units-2026.csv"


@pytest.fixture
def killing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers (spawned: they inherit the environment) kill themselves at row 5."""
    monkeypatch.setenv(KILL_HOOK_ENV, "第5行")


@pytest.mark.usefixtures("killing")
def test_a_killed_worker_fails_only_its_record(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch("annual-summary", [UNITS], out, jobs=2, to="md")
    failed = [outcome for outcome in result.outcomes if outcome.status == "failed"]
    killed = [outcome for outcome in failed if "工作进程意外退出" in outcome.message]
    assert [outcome.where for outcome in killed] == [f"{UNITS} 第5行"]
    assert killed[0].message == (
        "处理此条时工作进程意外退出（可能内存不足或被系统终止）；其余记录已在新的进程中完成"
    )
    # the fixture's two bad rows fail validation as always; every other record is written
    assert (result.written, result.failed) == (17, 3)
    # nothing half-written is left by the workers the broken pool took down with it
    assert len(list(out.iterdir())) == 17
    assert len(result.outcomes) == 20


@pytest.mark.usefixtures("killing")
def test_a_killed_worker_in_a_later_chunk_costs_one_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_module, "TASKS_PER_WORKER", 1)  # chunks of 2 documents
    out = tmp_path / "out"
    result = run_batch("annual-summary", [UNITS], out, jobs=2, to="docx")
    assert (result.written, result.failed) == (17, 3)
    assert len(list(out.iterdir())) == 17


def test_in_this_process_the_hook_does_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KILL_HOOK_ENV, "第5行")
    result = run_batch("annual-summary", [UNITS], tmp_path / "out", jobs=1, to="md")
    assert (result.written, result.failed) == (18, 2)
