"""``drafting render --lint`` (on by default) prints findings; ``--strict`` fails the render."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from paths import TESTS

from drafting.cli import cli
from drafting.compose import lint_draft
from drafting.render import prepare

DRAFT = TESTS / "fixtures" / "review" / "render-draft.md"


def _render(*args: str) -> object:
    return CliRunner().invoke(cli, ["render", str(DRAFT), *args])


def test_render_prints_findings_and_still_writes(tmp_path: Path) -> None:
    out = tmp_path / "通知.txt"
    result = _render("-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert f"{out}:4:28: N301 [error]" in result.stdout
    assert result.stdout.index("已生成") < result.stdout.index("审校结果")


def test_no_lint_prints_nothing_about_review(tmp_path: Path) -> None:
    out = tmp_path / "通知.md"
    result = _render("-o", str(out), "--no-lint")
    assert result.exit_code == 0
    assert "审校" not in result.output
    assert out.read_text(encoding="utf-8") == DRAFT.read_text(encoding="utf-8")


def test_strict_fails_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "通知.docx"
    result = _render("-o", str(out), "--strict")
    assert result.exit_code == 1
    assert not out.exists()
    assert f"未生成 {out}（--strict）" in result.stderr
    assert "N301 [error]" in result.stdout


def test_strict_clean_draft_renders_quietly(tmp_path: Path) -> None:
    out = tmp_path / "通知.txt"
    clean = tmp_path / "clean.md"
    clean.write_text(DRAFT.read_text(encoding="utf-8").replace("办公室,", "办公室，"), "utf-8")
    result = CliRunner().invoke(cli, ["render", str(clean), "-o", str(out), "--strict"])
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert result.output == f"已生成：{out}（文稿）\n"  # a clean render says nothing more


def test_docx_render_is_linted_as_the_docx_it_writes(tmp_path: Path) -> None:
    out = tmp_path / "通知.docx"
    result = lint_draft(prepare(DRAFT), out, to="docx")
    (n301,) = [f for f in result.findings if f.code == "N301"]
    assert n301.path == str(out) and n301.paragraph == n301.line
    assert n301.excerpt == ","
    pdf = lint_draft(prepare(DRAFT), tmp_path / "通知.pdf", to="pdf")
    assert {f.path for f in pdf.findings} == {str(tmp_path / "通知.pdf")}
    assert [f.code for f in pdf.findings] == [f.code for f in result.findings]


def test_render_with_lint_builds_the_docx_once(tmp_path: Path, monkeypatch) -> None:
    import drafting.layout

    real = drafting.layout.build_docx
    calls: list[int] = []

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(drafting.layout, "build_docx", counting)
    out = tmp_path / "通知.docx"
    result = _render("-o", str(out), "--lint")
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert calls == [1]
