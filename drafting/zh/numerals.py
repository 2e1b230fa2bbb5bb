"""Chinese numerals, both ways: an integer written out (105 → 一百零五) and a numeral read back
(十二 → 12). The drafting pipeline writes them (the ``cn_number`` filter, heading ordinals);
the reviewing pipeline reads them (ordinals, dates in Chinese numerals).
"""

from __future__ import annotations

from typing import Any

#: The digits as a date writes them (二〇二六年): 〇 for zero.
CN_DIGITS = "〇一二三四五六七八九"
#: The characters of a numeral below 1,000 as an ordinal writes it.
CN_NUMERAL = "一二三四五六七八九十百"

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")


def cn_number(value: int) -> str:
    """An integer in Chinese numerals: 3→三, 12→十二, 20→二十, 105→一百零五, 10001→一万零一."""
    number = to_integer(value)
    if number < 0:
        return "负" + cn_number(-number)
    if number == 0:
        return "零"
    groups: list[int] = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(_BIG_UNITS):
        raise ValueError(f"数字太大：{value}")
    text = ""
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(text)
            continue
        if text and (need_zero or group < 1000):
            text += "零"
        text += _group(group) + _BIG_UNITS[index]
        need_zero = False
    if text.startswith("一十"):  # 十二, not 一十二 (but 一百一十 inside stays)
        text = text[1:]
    return text


def _group(number: int) -> str:
    """0 < number < 10000 in Chinese, with 零 for inner gaps (一千零五)."""
    text = ""
    zero = False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += _DIGITS[digit] + _SMALL_UNITS[position]
    return text


def to_integer(value: Any) -> int:
    """``value`` as an integer: an int, a float with no fraction, or a string of digits;
    anything else (a bool too) is a ValueError saying so in Chinese."""
    if isinstance(value, bool):
        raise ValueError(f"不是整数：{value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise ValueError(f"不是整数：{value!r}")


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
    """1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五, 105 → 一百零五 (0 → 〇, as a date writes it)."""
    if number >= 100:
        return cn_number(number)
    if number < 10:
        return CN_DIGITS[number]
    tens, units = divmod(number, 10)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[units] if units else "")


def loose_number(numeral: str) -> int:
    """The value of a numeral as a writer types it before a heading: Arabic (full- or
    half-width) or Chinese (十二 → 12, 一百零五 → 105), read leniently: a character that is
    not a digit, 十 or 百 is passed over."""
    numeral = numeral.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if numeral.isdigit():
        return int(numeral)
    digits = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total, current = 0, 0
    for char in numeral:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current
