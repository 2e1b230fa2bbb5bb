"""Terminal safety: control characters, escape sequences and bidi controls in a draft or a file
name are printed as visible escapes (``⟨ESC⟩``, ``⟨U+202E⟩``) by the text report and every
message; carets stay under their span; JSON and SARIF keep the exact text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafting.cli import cli
from drafting.lint.api import lint_paths, lint_text
from drafting.lint.report import renderer
from drafting.lint.report.text import caret_lines
from drafting.lint.rule import Finding, Severity
from drafting.terminal import BIDI, is_unsafe, visible, visible_lines
from drafting.zh.chars import display_width

CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;owned\x07"
RLO = "\u202e"
TEXT = f"请于11月5日前报送材料{CLEAR},逾期{RLO}不再受理。请各单位认真组织，按时完成。\n"


def _raw_controls(text: str) -> list[str]:
    """Every character in ``text`` that a terminal could obey (tab and line feed aside)."""
    return [char for char in text if char not in "\t\n" and is_unsafe(char)]


# -- the function ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (CLEAR, "⟨ESC⟩[2J"),
        (OSC_TITLE, "⟨ESC⟩]0;owned⟨BEL⟩"),
        ("a\rb", "a⟨CR⟩b"),
        ("a\nb", "a⟨LF⟩b"),
        ("\x00\x7f", "⟨NUL⟩⟨DEL⟩"),
        ("\x9b31m", "⟨U+009B⟩31m"),  # C1 CSI
        (RLO + "txt.exe", "⟨U+202E⟩txt.exe"),
        ("\u2066\u2069\u200e\u200f\u061c", "⟨U+2066⟩⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩"),
        ("\u2028", "⟨U+2028⟩"),
        ("a\tb", "a\tb"),  # tab is kept
        ("中文，English 123。", "中文，English 123。"),
    ],
)
def test_visible_escapes_what_a_terminal_would_obey(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_every_c0_c1_and_bidi_character_is_escaped_and_nothing_else() -> None:
    controls = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c != 9]
    for char in (*controls, *BIDI):
        assert is_unsafe(char), repr(char)
        assert visible(char).startswith("⟨") and visible(char).endswith("⟩")
    assert not any(is_unsafe(chr(c)) for c in range(0x20, 0x7F))
    assert not any(is_unsafe(c) for c in "⟨⟩中。“”\t")


def test_visible_lines_keeps_line_breaks_and_crlf() -> None:
    assert visible_lines(f"a{CLEAR}\r\nb\rc\n") == "a⟨ESC⟩[2J\r\nb⟨CR⟩c\n"


def test_escape_brackets_are_narrow() -> None:
    assert display_width("⟨ESC⟩") == 5


# -- the text report ---------------------------------------------------------------------------


def _text_report(tmp_path: Path, text: str = TEXT, name: str = "a.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return renderer("text")(lint_paths([path], genre="notice", select=["N301"]))


def test_text_report_shows_escapes_not_raw_controls(tmp_path: Path) -> None:
    report = _text_report(tmp_path)
    assert "⟨ESC⟩[2J" in report and "⟨U+202E⟩" in report
    assert _raw_controls(report) == []


def test_caret_stays_under_its_span_after_an_escape(tmp_path: Path) -> None:
    lines = _text_report(tmp_path).splitlines()
    head = next(i for i, line in enumerate(lines) if "N301" in line)
    shown, caret = lines[head + 1], lines[head + 2]
    column = caret.index("^")
    before = ""
    for char in shown:
        if display_width(before) >= column:
            break
        before += char
    assert display_width(before) == column
    assert shown[len(before)] == ","


@pytest.mark.parametrize("lead", [0, 30, 60, 200])
def test_caret_under_the_span_in_a_long_line_full_of_escapes(lead: int) -> None:
    line = ("文" + CLEAR) * lead + "夜景璀璨" + ("\x07" * 3 + "后文") * 40
    start = line.index("璀璨")
    finding = Finding(
        "P203", "florid-word", Severity.WARNING, "辞藻华丽", "a.txt",
        1, start + 1, 1, start + 3, start, start + 2, "璀璨",
    )  # fmt: skip
    shown, caret = caret_lines(finding, [line])
    assert _raw_controls(shown) == []
    assert display_width(shown) - 4 <= 80
    marked = _under(shown, caret)
    assert marked == "璀璨"


def _under(shown: str, caret: str) -> str:
    out, column = [], 0
    for char in shown:
        width = display_width(char)
        if caret[column : column + width].strip():
            out.append(char)
        column += width
    return "".join(out)


def test_file_name_and_message_text_are_escaped(tmp_path: Path) -> None:
    report = _text_report(tmp_path, name=f"a{CLEAR}.txt")
    assert "a⟨ESC⟩[2J.txt:1:" in report
    assert _raw_controls(report) == []


def test_a_typo_message_quoting_the_text_is_escaped() -> None:
    result = lint_text(f"各单位要再接再励{RLO}，按时完成。\n", select=["T401"])
    report = renderer("text")([result])
    assert _raw_controls(report) == []


# -- machine formats keep the exact text --------------------------------------------------------


def test_json_and_sarif_keep_the_exact_text() -> None:
    sentence = "这" * 40 + CLEAR + RLO + "那" * 40
    results = [lint_text(sentence + "。\n", select=["P201"], genre="generic", path=f"a{RLO}.txt")]
    data = json.loads(renderer("json")(results))
    (file,) = data["files"]
    assert file["path"] == f"a{RLO}.txt"
    assert data["files"][0]["findings"][0]["excerpt"] == sentence + "。"
    sarif = json.loads(renderer("sarif")(results))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == sentence + "。"
    assert "⟨" not in renderer("json")(results) + renderer("sarif")(results)


def test_html_escapes_markup_and_shows_bidi_controls(tmp_path: Path) -> None:
    text = f"请于11月5日前报送材料,逾期<b>{RLO}不再受理</b>。\n"
    page = _page(tmp_path, text)
    assert "&lt;b&gt;⟨U+202E⟩" in page
    assert RLO not in page and "<b>" not in page


def _page(tmp_path: Path, text: str) -> str:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return renderer("html")(lint_paths([path], genre="notice", select=["N301"]))


# -- messages of the command line ----------------------------------------------------------------


def test_error_line_for_a_missing_file_with_escapes_in_its_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["lint", str(tmp_path / f"x{OSC_TITLE}.txt")])
    assert result.exit_code == 2
    assert "x⟨ESC⟩]0;owned⟨BEL⟩.txt" in result.stderr
    assert _raw_controls(result.stderr) == []


def test_drafting_error_line_is_escaped(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["lint", "a.txt", "--config", str(tmp_path / f"{CLEAR}.toml")])
    assert result.exit_code == 2
    assert "⟨ESC⟩[2J.toml" in result.stderr and _raw_controls(result.stderr) == []


def test_fix_change_descriptions_and_diff_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / f"b{CLEAR}.txt"
    path.write_text(TEXT, encoding="utf-8")
    args = ["lint", str(path), "--genre", "notice", "--select", "N301"]
    diff = CliRunner().invoke(cli, [*args, "--diff"])
    assert "⟨ESC⟩[2J" in diff.stdout and _raw_controls(diff.output) == []
    fixed = CliRunner().invoke(cli, [*args, "--fix"])
    assert fixed.exit_code == 0, fixed.output
    assert "已修复：" in fixed.stderr and "b⟨ESC⟩[2J.txt" in fixed.stderr
    assert _raw_controls(fixed.output) == []
    assert path.read_text(encoding="utf-8") == TEXT.replace(",", "，")  # the file keeps its text


def test_batch_failure_lines_and_summary_are_escaped(tmp_path: Path) -> None:
    data = tmp_path / f"r{CLEAR}.csv"
    data.write_text('unit,title\n"县政府","关于开展检查的通知"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", "notice", str(data), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "r⟨ESC⟩[2J.csv" in result.stderr
    assert _raw_controls(result.output) == []
