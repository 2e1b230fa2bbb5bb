"""``--fix`` / ``--diff``: fixed text equals the expected file, nothing left to fix on a second run,
backups, encodings, overlaps, exit codes."""

from __future__ import annotations

import os
import random
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import TESTS

from drafting.cli import cli
from drafting.lint.rule import Finding, Severity
from drafting.review.fix import apply_fixes, fix_paths

FIXTURES = TESTS / "fixtures" / "review"
#: The rules these tests fix; pinned so that rules added later do not change expected files.
SELECT = ["N301", "N302"]


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copyfile(FIXTURES / name, target)
    return target


def test_txt_fixed_equals_expected_and_keeps_a_backup(tmp_path: Path) -> None:
    path = _copy("notice.txt", tmp_path)
    original = path.read_bytes()

    (outcome,) = fix_paths([path], select=SELECT)

    assert path.read_text(encoding="utf-8") == (FIXTURES / "notice.fixed.txt").read_text("utf-8")
    assert [(c.code, c.line, c.column, c.before, c.after) for c in outcome.changes] == [
        ("N301", 2, 9, ",", "，"),
        ("N302", 4, 31, "。。", "。"),
    ]
    assert outcome.backup == tmp_path / "notice.txt.bak"
    assert outcome.backup.read_bytes() == original
    assert outcome.result.findings == []

    (again,) = fix_paths([path], select=SELECT)
    assert again.changes == [] and again.skipped == [] and not again.changed
    assert not (tmp_path / "notice.txt.bak.1").exists()


def test_fixes_of_several_rules_in_one_run(tmp_path: Path) -> None:
    path = _copy("notice.txt", tmp_path)

    (outcome,) = fix_paths([path], select=["N301", "N302", "N307", "T401"])

    expected = (FIXTURES / "notice.fixed-all.txt").read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == expected
    assert sorted(c.code for c in outcome.changes) == ["N301", "N302", "N307", "T401", "T401"]
    assert outcome.result.findings == []


def test_md_fixed_equals_expected_and_span_across_markup_is_left(tmp_path: Path) -> None:
    path = _copy("draft.md", tmp_path)

    (outcome,) = fix_paths([path], select=SELECT)

    assert path.read_text(encoding="utf-8") == (FIXTURES / "draft.fixed.md").read_text("utf-8")
    assert len(outcome.changes) == 5
    (left,) = outcome.skipped
    assert (left.finding.code, left.finding.line, left.finding.excerpt) == ("N302", 9, "。。")
    assert "原文与问题摘录不一致" in left.reason
    assert [(f.code, f.line) for f in outcome.result.findings] == [("N302", 9)]

    (again,) = fix_paths([path], select=SELECT)
    assert again.changes == [] and not again.changed


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = _copy("notice.txt", tmp_path)
    before = path.read_bytes()

    (outcome,) = fix_paths([path], write=False, select=SELECT)

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.txt"]
    diff = outcome.diff()
    assert "-各区县应急管理局,市直有关单位：\n" in diff
    assert "+各区县应急管理局，市直有关单位：\n" in diff
    assert diff.startswith(f"--- {path}\n+++ {path}\n")


def test_no_backup(tmp_path: Path) -> None:
    path = _copy("notice.txt", tmp_path)
    (outcome,) = fix_paths([path], backup=False, select=SELECT)
    assert outcome.written and outcome.backup is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.txt"]


def test_existing_backup_is_never_overwritten(tmp_path: Path) -> None:
    path = _copy("notice.txt", tmp_path)
    (tmp_path / "notice.txt.bak").write_text("older backup", encoding="utf-8")

    (outcome,) = fix_paths([path], select=SELECT)

    assert (tmp_path / "notice.txt.bak").read_text(encoding="utf-8") == "older backup"
    assert outcome.backup == tmp_path / "notice.txt.bak.1"
    assert outcome.backup.read_bytes() == (FIXTURES / "notice.txt").read_bytes()


def test_encoding_line_endings_and_permissions_are_kept(tmp_path: Path) -> None:
    text = (FIXTURES / "notice.txt").read_text(encoding="utf-8")
    path = tmp_path / "notice.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    os.chmod(path, 0o640)

    fix_paths([path], select=SELECT)

    expected = (FIXTURES / "notice.fixed.txt").read_text(encoding="utf-8")
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode("gb18030")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_utf8_bom_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "notice.txt").read_bytes())
    fix_paths([path], select=SELECT)
    assert path.read_bytes() == b"\xef\xbb\xbf" + (FIXTURES / "notice.fixed.txt").read_bytes()


def _finding(code: str, text: str, start: int, end: int, fix: str) -> Finding:
    return Finding(
        code, "test", Severity.ERROR, "测试", "t.txt", 1, start + 1, 1, end + 1,
        start, end, text[start:end], fix,
    )  # fmt: skip


def test_overlapping_fixes_resolve_by_start_then_code_whatever_the_order() -> None:
    text = "各单位要再接再励，，做好工作"
    findings = [
        _finding("T401", text, 4, 8, "再接再厉"),
        _finding("N302", text, 8, 10, "，"),
        _finding("N301", text, 8, 9, "、"),  # same start as N302: N301 sorts first
        _finding("P999", text, 6, 9, "X"),  # overlaps T401, which starts earlier
    ]
    for seed in range(5):
        shuffled = findings[:]
        random.Random(seed).shuffle(shuffled)
        new, changes, skipped = apply_fixes(text, shuffled)
        assert new == "各单位要再接再厉、，做好工作"
        assert [c.code for c in changes] == ["T401", "N301"]
        assert skipped == []


def test_fix_whose_source_differs_from_excerpt_is_skipped() -> None:
    text = "各单位要再接再励"
    stale = _finding("T401", "各单位要再接再历", 4, 8, "再接再厉")
    new, changes, skipped = apply_fixes(text, [stale])
    assert new == text and changes == []
    assert [s.finding for s in skipped] == [stale]


def test_docx_is_never_rewritten(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "通知.docx"
    document = docx.Document()
    document.add_paragraph("请于11月5日前报送材料,逾期不再受理。")
    document.save(path)
    before = path.read_bytes()

    (result,) = fix_paths([path], select=SELECT)

    assert path.read_bytes() == before
    assert [f.code for f in result.findings] == ["N301"]
    assert not (tmp_path / "通知.docx.bak").exists()


# -- the command ---------------------------------------------------------------------------


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, ["lint", *args])


def test_cli_fix_exits_0_when_everything_was_fixed(tmp_path: Path) -> None:
    path = _copy("notice.txt", tmp_path)
    result = _run(str(path), "--fix", "--select", ",".join(SELECT))
    assert result.exit_code == 0, result.output
    assert f"已修复：{path}:2:9: N301 “,”→“，”" in result.stderr
    assert f"原文件已备份为 {path}.bak" in result.stderr
    assert path.read_text("utf-8") == (FIXTURES / "notice.fixed.txt").read_text("utf-8")

    again = _run(str(path), "--fix", "--select", ",".join(SELECT))
    assert again.exit_code == 0
    assert "共修复 0 处" in again.stderr
    assert not (tmp_path / "notice.txt.bak.1").exists()


def test_cli_fix_exits_1_while_an_unfixed_finding_is_left(tmp_path: Path) -> None:
    path = _copy("draft.md", tmp_path)
    result = _run(str(path), "--fix", "--no-backup", "--select", ",".join(SELECT))
    assert result.exit_code == 1
    assert "N302 未修复：原文与问题摘录不一致" in result.stderr
    assert f"{path}:9:29: N302 [error]" in result.stdout
    assert not (tmp_path / "draft.md.bak").exists()
    # the N302 left is an error: it fails at --fail-on error too; without it nothing is left
    still_error = _run(str(path), "--fix", "--select", "N302", "--fail-on", "error")
    assert still_error.exit_code == 1
    nothing_left = _run(str(path), "--fix", "--select", "N301")
    assert nothing_left.exit_code == 0


def test_cli_diff_prints_and_exits_by_the_findings_still_there(tmp_path: Path) -> None:
    path = _copy("notice.txt", tmp_path)
    before = path.read_bytes()
    result = _run(str(path), "--diff", "--select", ",".join(SELECT))
    assert result.exit_code == 1
    assert "+一、提高认识。各单位要再接再励，把安全生产摆在更加突出的位置。\n" in result.stdout
    assert "可自动修复 2 处" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.txt"]


def test_cli_fix_on_stdin_is_an_error() -> None:
    result = CliRunner().invoke(
        cli, ["lint", "-", "--fix"], input="请于11月5日前报送材料,逾期不再受理。"
    )
    assert result.exit_code == 2
    assert "标准输入不能就地修复" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "--annotate", "out.docx"], "--annotate 只能用于单个 .docx 文件"),
        (["a.docx", "b.docx", "--annotate", "out.docx"], "--annotate 只能用于单个 .docx 文件"),
        (["a.docx", "--annotate", "out.txt"], "--annotate 的输出必须是 .docx 文件"),
        (["a.docx", "--annotate", "out.docx", "--fix"], "不能与 --fix 或 --diff 同时使用"),
    ],
)
def test_cli_annotate_usage_errors(args: list[str], message: str) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_cli_annotate_writes_a_commented_copy(tmp_path: Path) -> None:
    import docx

    src = tmp_path / "通知.docx"
    document = docx.Document()
    document.add_paragraph("请于11月5日前报送材料,逾期不再受理。")
    document.save(src)
    before = src.read_bytes()
    out = tmp_path / "通知-批注.docx"

    result = _run(str(src), "--annotate", str(out), "--select", "N301")

    assert result.exit_code == 1  # the finding still counts
    assert f"已写入批注副本：{out}（1 条批注；原文件未改动）" in result.stderr
    assert src.read_bytes() == before
    (comment,) = list(docx.Document(out).comments)
    assert comment.text == "N301 中文语句中用了半角“,”，应为全角“，”"  # the fix said once
    assert comment.author == "drafting"

    refused = _run(str(src), "--annotate", str(out), "--select", "N301")
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    forced = _run(str(src), "--annotate", str(out), "--force", "--select", "N301")
    assert forced.exit_code == 1


def test_cli_html_format_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "报告.html"
    result = _run(str(FIXTURES / "notice.txt"), "--format", "html", "-o", str(out))
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'data-code="N301"' in page
