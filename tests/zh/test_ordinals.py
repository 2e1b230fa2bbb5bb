"""Heading ordinals: the three readings (lint's correct form, the draft's typed form, the anatomy
reader's written form) and the one writing, each caller's behaviour pinned."""

from __future__ import annotations

import pytest

from drafting.zh.ordinals import correct_ordinal, format_ordinal, typed_ordinal, written_ordinal

# text, correct_ordinal (lint), typed_ordinal (drafts), written_ordinal (anatomy)
CASES = [
    ("一、总体要求", (1, "一、"), (1, 1, "一、"), (1, "一、")),
    ("（一）加强领导", (2, "（一）"), (2, 1, "（一）"), (2, "（一）")),
    ("(二)细化", (2, "(二)"), (2, 2, "(二)"), (2, "(二)")),
    ("1.压实责任", (3, "1."), (3, 1, "1."), (3, "1.")),
    ("1．全角点", (3, "1．"), (3, 1, "1．"), (3, "1．")),
    ("（2）按时报送", (4, "（2）"), (4, 2, "（2）"), (4, "（2）")),
    ("(3)半角", (4, "(3)"), (4, 3, "(3)"), (4, "(3)")),
    ("十二、其他", (1, "十二、"), (1, 12, "十二、"), (1, "十二、")),
    ("一.错误点", None, (1, 1, "一."), (1, "一.")),
    ("一，逗号", None, (1, 1, "一，"), (1, "一，")),
    ("1、顿号", None, (3, 1, "1、"), (3, "1、")),
    ("（ 三 ）空格", None, (2, 3, "（ 三 ）"), (2, "（ 三 ）")),
    ("  一、缩进", None, None, (1, "一、")),
    ("\u3000（一）全角缩进", None, None, (2, "（一）")),
    ("一百零五、很多", None, (1, 105, "一百零五、"), (1, "一百零五、")),
    ("两、两", None, None, (1, "两、")),
    ("2026年是关键之年", None, None, None),
    ("1.5倍", None, None, None),
    ("一、", (1, "一、"), None, (1, "一、")),
    ("十分重要", None, None, None),
]


@pytest.mark.parametrize(("text", "correct", "typed", "written"), CASES)
def test_each_reading_of_an_ordinal(text, correct, typed, written):
    assert correct_ordinal(text) == correct
    assert typed_ordinal(text) == typed
    assert written_ordinal(text) == written


@pytest.mark.parametrize(
    ("number", "level", "expected"),
    [(1, 1, "一、"), (12, 2, "（十二）"), (3, 3, "3."), (10, 4, "（10）"), (105, 1, "一百零五、")],
)
def test_format_ordinal(number, level, expected):
    assert format_ordinal(number, level) == expected


def test_format_ordinal_refuses_a_fifth_level():
    with pytest.raises(ValueError, match="序号层级应为 1–4"):
        format_ordinal(1, 5)
