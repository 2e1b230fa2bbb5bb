"""Title line breaking: whole words, lines within the measure, never an hourglass."""

from __future__ import annotations

import pytest

from drafting.layout.title import break_title, is_hourglass, units, width
from drafting.zh.segment import cut

TITLES = [
    "关于进一步加强和改进全市冬季安全生产与消防安全工作的通知",
    "关于申请2027年度农村义务教育学校校舍维修改造专项资金的请示",
    "某某市人民政府办公室关于印发《某某市推进数字政府建设三年行动方案（2026—2028年）》的通知",
    "中共某某市委办公室某某市人民政府办公室关于深入开展党政机关厉行节约反对浪费专项整治工作的实施意见",
]


def _boundaries(text: str) -> set[int]:
    return {token.end for token in cut(text)}


@pytest.mark.parametrize("title", TITLES)
def test_lines_keep_words_whole_and_fit_the_measure(title: str) -> None:
    lines = break_title(title, 20)
    assert "".join(lines) == title
    assert len(lines) >= 2
    assert all(width(line) <= 20 for line in lines)
    cuts, position = set(), 0
    for line in lines[:-1]:
        position += len(line)
        cuts.add(position)
    assert cuts <= _boundaries(title), lines


@pytest.mark.parametrize("title", TITLES)
def test_lines_never_form_an_hourglass(title: str) -> None:
    assert not is_hourglass([width(line) for line in break_title(title, 16)])


def test_short_title_stays_on_one_line() -> None:
    assert break_title("关于召开年度工作会议的通知", 20) == ["关于召开年度工作会议的通知"]


def test_two_lines_are_balanced_not_greedy() -> None:
    lines = break_title(TITLES[0], 20)
    assert lines == ["关于进一步加强和改进全市冬季", "安全生产与消防安全工作的通知"]


def test_book_title_in_guillemets_is_not_split() -> None:
    title = "某某市人民政府关于印发《某某市数字政府建设行动方案》的通知"
    assert "《某某市数字政府建设行动方案》" in units(title)
    for line in break_title(title, 20):
        assert line.count("《") == line.count("》"), line


def test_book_title_longer_than_a_line_breaks_between_its_words() -> None:
    lines = break_title(TITLES[2], 20)
    assert all(width(line) <= 20 for line in lines)
    assert "".join(lines) == TITLES[2]


def test_a_line_does_not_end_on_guan_yu() -> None:
    for line in break_title(TITLES[3], 20)[:-1]:
        assert not line.endswith(("关于", "的"))


def test_hourglass_detection() -> None:
    assert is_hourglass([18, 10, 18])
    assert not is_hourglass([10, 14, 18])
    assert not is_hourglass([12, 18, 12])
    assert not is_hourglass([18, 14])
