"""Chinese numerals both ways: written out for drafts, read back for the rules."""

from __future__ import annotations

import pytest

from drafting.zh.numerals import chinese_number, cn_number, loose_number, to_chinese, to_integer


@pytest.mark.parametrize("number", [1, 9, 10, 11, 20, 35, 99, 100, 101, 110, 999])
def test_chinese_number_reads_what_cn_number_writes(number):
    assert chinese_number(cn_number(number)) == number
    assert to_chinese(number) == cn_number(number)


def test_zero_differs_on_purpose():
    assert cn_number(0) == "零" and to_chinese(0) == "〇"  # a count, a digit of a date


@pytest.mark.parametrize(("text", "value"), [("十二", 12), ("一百零五", 105), ("１２", 12)])
def test_loose_number(text, value):
    assert loose_number(text) == value


@pytest.mark.parametrize("bad", [True, 1.5, "甲", None])
def test_to_integer_refuses_what_is_no_integer(bad):
    with pytest.raises(ValueError, match="不是整数"):
        to_integer(bad)
