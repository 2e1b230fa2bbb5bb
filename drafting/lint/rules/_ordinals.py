"""序次语 helpers shared by the form and heading rules: Chinese numerals and ordinal shapes."""

from __future__ import annotations

import re

from drafting.lint.document import Paragraph, ordinal_of
from drafting.lint.patterns import lazy_re

CN_DIGITS = "〇一二三四五六七八九"
CN_NUMERAL = "一二三四五六七八九十百"

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


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral below 1,000 (一 → 1, 十二 → 12, 二十 → 20)."""
    if not text or any(c not in CN_NUMERAL + "〇零" for c in text):
        return None
    if "百" in text:
        head, _, rest = text.partition("百")
        hundreds = chinese_number(head) if head else 1
        tail = chinese_number(rest.lstrip("零〇")) if rest.strip("零〇") else 0
        return None if hundreds is None or tail is None else hundreds * 100 + tail
    if "十" in text:
        head, _, rest = text.partition("十")
        tens = CN_DIGITS.index(head) if head else 1
        units = CN_DIGITS.index(rest) if rest else 0
        return tens * 10 + units if len(head) <= 1 and len(rest) <= 1 else None
    return CN_DIGITS.index(text) if len(text) == 1 else None


def to_chinese(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五, 105 → 一百零五."""
    if number >= 100:  # rare in headings: the drafting filter knows 百/千/万 (imported late)
        from drafting.drafts.filters import cn_number

        return cn_number(number)
    if number < 10:
        return CN_DIGITS[number]
    tens, units = divmod(number, 10)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[units] if units else "")


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


def leading_ordinal(paragraph: Paragraph) -> tuple[int, str, int] | None:
    """(level, ordinal, offset in the paragraph) of a correct-form ordinal opening it, if any.

    Leading indentation (full-width spaces of a copied .txt) is skipped. A list of numbers
    (一、二季度; 1.5) is not an ordinal.
    """
    indent = _LEADING_SPACE.match(paragraph.text).end()
    rest = paragraph.text[indent:]
    found = ordinal_of(rest)
    if not found:
        return None
    level, ordinal = found
    after = rest[len(ordinal) :]
    if level == 1 and re.match(r"[一二三四五六七八九十]+(?:[、，,]|季度|年级|月|个)", after):
        return None
    return level, ordinal, indent
