"""序次语 helpers shared by the form and heading rules: ordinal shapes, correct or not.

The numerals and the correct forms are :mod:`drafting.zh.numerals` and
:mod:`drafting.zh.ordinals`.
"""

from __future__ import annotations

import re

from drafting.sources.document import TextParagraph
from drafting.zh.numerals import chinese_number, to_chinese
from drafting.zh.ordinals import correct_ordinal
from drafting.zh.patterns import lazy_re

#: Any paragraph-opening ordinal, correct or not (一、 一. （一） 1. 1、 （1） ① 一是).
ANY_ORDINAL = lazy_re(
    r"\s*(?:[一二三四五六七八九十百]+[、.．，,]"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|[0-9０-９]{1,2}[.．、，,](?![0-9０-９])"
    r"|[（(][0-9０-９]{1,2}[）)]"
    r"|[①-⑳]"
    r"|[一二三四五六七八九十]+是)"
)

_LEADING_SPACE = lazy_re(r"[\s\u3000]*")


def ordinal_number(ordinal: str) -> int | None:
    """The number an ordinal stands for: （三） → 3, 12. → 12."""
    core = ordinal.strip("、.．（）()")
    core = core.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return int(core) if core.isdigit() else chinese_number(core)


def render(level: int, number: int, like: str) -> str:
    """The ordinal of ``level`` for ``number``, in the same bracket style as ``like``."""
    half = like.startswith("(")
    if level == 1:
        return f"{to_chinese(number)}、"
    if level == 2:
        return f"({to_chinese(number)})" if half else f"（{to_chinese(number)}）"
    if level == 3:
        return f"{number}{'．' if '．' in like else '.'}"
    return f"({number})" if half else f"（{number}）"


def leading_ordinal(paragraph: TextParagraph) -> tuple[int, str, int] | None:
    """(level, ordinal, offset in the paragraph) of a correct-form ordinal opening it, if any.

    Leading indentation (full-width spaces of a copied .txt) is skipped. A list of numbers
    (一、二季度; 1.5) is not an ordinal.
    """
    indent = _LEADING_SPACE.match(paragraph.text).end()
    rest = paragraph.text[indent:]
    found = correct_ordinal(rest)
    if not found:
        return None
    level, ordinal = found
    after = rest[len(ordinal) :]
    if level == 1 and re.match(r"[一二三四五六七八九十]+(?:[、，,]|季度|年级|月|个)", after):
        return None
    return level, ordinal, indent
