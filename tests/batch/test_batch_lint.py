"""drafting batch --lint: each written document is linted as render --lint does it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from paths import TESTS

from drafting.batch import run_batch
from drafting.cli import cli
from drafting.compose import review_draft

FIXTURES = TESTS / "fixtures" / "batch"


def _csv(tmp_path: Path, opening: str) -> Path:
    lines = (FIXTURES / "units-2026.csv").read_text(encoding="utf-8-sig").splitlines()
    header, first, second = lines[0], lines[1], lines[2]
    text = first.replace("认真履行部门职责，", opening, 1)
    path = tmp_path / "units.csv"
    path.write_text("\n".join([header, text, second]) + "\n", encoding="utf-8")
    return path


def test_lint_reports_the_findings_of_the_written_document(tmp_path: Path) -> None:
    data = _csv(tmp_path, "认真履行部门职责;")
    result = run_batch("annual-summary", [data], tmp_path / "out", review=review_draft)
    assert result.written == 2 and result.failed == 0
    first, second = result.outcomes
    assert "N301" in first.review and "半角“;”" in first.review
    assert str(first.path) in first.review
    assert "N301" not in second.review  # the other unit's text has no half-width mark


def test_without_lint_nothing_is_linted(tmp_path: Path) -> None:
    data = _csv(tmp_path, "认真履行部门职责;")
    result = run_batch("annual-summary", [data], tmp_path / "out")
    assert [o.review for o in result.outcomes] == ["", ""]


def test_cli_prints_the_review_after_the_written_line_and_exits_0(tmp_path: Path) -> None:
    data = _csv(tmp_path, "认真履行部门职责;")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["batch", "annual-summary", str(data), "-o", str(out), "--lint", "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "审校结果" in result.output and "N301 [error]" in result.output
    assert len(list(out.glob("*.docx"))) == 2
