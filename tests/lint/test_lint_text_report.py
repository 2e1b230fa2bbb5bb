"""The text report shows a window of a long source line, with the caret on the right characters."""

from __future__ import annotations

from drafting.lint.report.text import WINDOW, caret_lines
from drafting.lint.rule import Finding, Severity
from drafting.zh.chars import display_width


def _finding(line: str, start: int, end: int) -> Finding:
    return Finding(
        "P203",
        "florid-word",
        Severity.WARNING,
        "辞藻华丽",
        "a.txt",
        1,
        start + 1,
        1,
        end + 1,
        start,
        end,
        line[start:end],
    )


def _underlined(shown: str, caret: str) -> str:
    """The characters of ``shown`` that stand above the caret line's ^ and ~ marks."""
    out, column = [], 0
    for char in shown:
        width = display_width(char)
        if caret[column : column + width].strip():
            out.append(char)
        column += width
    return "".join(out)


def test_short_line_is_shown_whole_with_the_caret_under_the_span():
    line = "各单位要认真落实，夜景璀璨。"
    shown, caret = caret_lines(_finding(line, 11, 13), [line])
    assert shown == "    " + line
    assert _underlined(shown, caret) == "璀璨"


def test_span_deep_in_a_long_paragraph_gets_a_window_marked_with_ellipses():
    line = (
        "那年冬天的一个清晨，天还没亮，环卫工人就推着保洁车来到了解放路。" * 8
        + "夜景璀璨。"
        + "后文。" * 40
    )
    start = line.index("璀璨")
    shown, caret = caret_lines(_finding(line, start, start + 2), [line])
    assert shown.startswith("    …") and shown.endswith("…")
    assert display_width(shown) - 4 <= WINDOW
    assert _underlined(shown, caret) == "璀璨"


def test_long_line_with_an_early_span_is_cut_only_at_the_end():
    line = "市政府工作报告指出，" + "城市管理要像绣花一样精细。" * 20
    shown, caret = caret_lines(_finding(line, 0, 9), [line])
    assert shown.startswith("    市政府工作报告指出") and shown.endswith("…")
    assert _underlined(shown, caret) == "市政府工作报告指出"


def test_span_running_past_the_window_is_underlined_to_its_edge():
    line = "开篇" + "叙事" * 200
    shown, caret = caret_lines(_finding(line, 0, len(line)), [line])
    assert _underlined(shown, caret) == shown[4:-1]
