"""Precision on realistic documents outside the labelled set: every rule, exact findings.

The good documents (two commentaries, a notice, two summaries, a duty list) are the kind a careful
writer in a 文字综合 post would hand in; none of them may draw a finding at ``warning`` or
above. The faulty commentary must draw exactly the findings listed, line by line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.lint.api import lint_text
from drafting.lint.model import Severity

FIXTURES = Path(__file__).parent / "fixtures" / "realistic"

GOOD = [
    ("commentary_good.txt", "commentary"),
    ("commentary_news_peg.txt", "commentary"),
    ("notice.txt", "notice"),
    ("work_summary.txt", "summary"),
    ("annual_summary.txt", "summary"),
    ("duties.txt", "duties"),
]


def _serious(name: str, genre: str) -> set[tuple[str, int]]:
    result = lint_text((FIXTURES / name).read_text(encoding="utf-8"), genre=genre)
    return {(f.code, f.line) for f in result.findings if f.severity >= Severity.WARNING}


@pytest.mark.parametrize(("name", "genre"), GOOD)
def test_good_document_draws_no_warning(name: str, genre: str) -> None:
    assert _serious(name, genre) == set()


def test_good_documents_are_judged_under_their_own_genre() -> None:
    # the auto profile reads the genre from each title, so the CLI default agrees; a
    # commentary title names no kind of document, so it is left to --genre
    for name, genre in GOOD[2:]:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert lint_text(text).genre == genre, name


def test_faulty_commentary_draws_each_fault_once() -> None:
    # The 60-character sentence (P201) and the four idioms in one sentence (P204) are within
    # what published commentaries do (calibrated: 160 characters, 4 idioms): infos at most.
    assert _serious("commentary_faulty.txt", "commentary") == {
        ("S108", 2),  # 178 字的故事开篇：初冬、王秀英大娘、村口
        ("P205", 3),  # 这让我联想到
        ("P203", 4),  # 如诗如画、熠熠生辉、波澜壮阔、时代画卷
        ("S101", 5),  # 论点在第 7 句、正文第 230 字
    }


def test_faulty_commentary_thesis_message_says_where() -> None:
    text = (FIXTURES / "commentary_faulty.txt").read_text(encoding="utf-8")
    found = [f for f in lint_text(text, genre="commentary").findings if f.code == "S101"]
    assert [f.message for f in found] == [
        "论点出现在第 7 句（正文第 230 字，约 85%，以“我们认为”表态），宜在前 214 字内亮明观点"
    ]
