"""发文字号 as values: ``机关代字〔年份〕序号号``, parsed strictly and formatted one way.

GB/T 9704-2012 第 7.2.4 条 (and rule N305): the year in full inside six-sided brackets 〔〕, the
serial in Arabic numerals without 第 and without leading zeros. The 机关代字 is one to
:data:`MAX_PREFIX_CHARS` Chinese characters (``江政办发``, ``国办函``), as the .docx reader expects.
Nothing here touches a database, so the CLI can check a number before opening one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafting.errors import DraftingError

#: Longest 机关代字, in characters (the .docx reader finds 发文字号 with up to 16).
MAX_PREFIX_CHARS = 16
#: Years a register accepts (rule N305 checks the same span).
FIRST_YEAR, LAST_YEAR = 1949, 2099
#: Largest serial: no office issues a million documents of one kind in a year.
MAX_SERIAL = 999_999

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_PREFIX = re.compile(rf"[{_HAN}]{{1,{MAX_PREFIX_CHARS}}}")
_NUMBER = re.compile(rf"(?P<prefix>[{_HAN}]+)〔(?P<year>\d{{4}})〕(?P<serial>[1-9]\d*)号")
_BRACKETS = "[]【】()（）［］〖〗{}<>《》"
EXAMPLE = "江政办发〔2026〕13号"


class NumberError(DraftingError):
    """A 发文字号 or 机关代字 that is not well formed."""


@dataclass(frozen=True, order=True)
class DocNumber:
    """One 发文字号: 机关代字, year, serial."""

    prefix: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def check_prefix(prefix: str) -> str:
    """``prefix`` if it is a 机关代字 (Chinese characters only); else :class:`NumberError`."""
    text = prefix.strip()
    if not text:
        raise NumberError(f"机关代字不能为空；如：{EXAMPLE[:4]}")
    if "〔" in text or any(ch in _BRACKETS for ch in text):
        raise NumberError(
            f"机关代字“{text}”只写代字本身，不带年份和序号；如：{EXAMPLE[:4]}（文号由登记簿生成）"
        )
    if len(text) > MAX_PREFIX_CHARS:
        raise NumberError(f"机关代字“{text[:20]}…”过长（超过 {MAX_PREFIX_CHARS} 个字）")
    if not _PREFIX.fullmatch(text):
        raise NumberError(f"机关代字“{text}”只能由汉字组成（不含空格、数字和标点）；如：江政办发")
    return text


def check_year(year: int) -> int:
    """``year`` if a register takes it; else :class:`NumberError`."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NumberError(f"年份 {year} 不在 {FIRST_YEAR}–{LAST_YEAR} 之间")
    return year


def parse_number(text: str) -> DocNumber:
    """``江政办发〔2026〕13号`` → :class:`DocNumber`; anything else is a :class:`NumberError`
    saying what is wrong (brackets, a two-digit year, 第, a leading zero …)."""
    value = text.strip()
    match = _NUMBER.fullmatch(value)
    if match is None:
        raise NumberError(f"文号“{value}”格式不对：{_what_is_wrong(value)}；应为“{EXAMPLE}”的形式")
    prefix = check_prefix(match["prefix"])
    year = check_year(int(match["year"]))
    serial = int(match["serial"])
    if serial > MAX_SERIAL:
        raise NumberError(f"文号“{value}”的序号过大（超过 {MAX_SERIAL}）")
    return DocNumber(prefix, year, serial)


def _what_is_wrong(value: str) -> str:
    """The likeliest mistake in a 发文字号 that did not parse."""
    if not value:
        return "文号为空"
    if "〔" not in value and any(ch in value for ch in "[【(（［〖"):
        return "年份应使用六角括号〔〕"
    if re.search(r"〔\d{2}〕", value):
        return "年份应写全四位"
    if "第" in value:
        return "序号前不加“第”"
    if re.search(r"〕0\d", value):
        return "序号不编虚位（不写 01、001）"
    if not value.endswith("号"):
        return "应以“号”结尾"
    return "应为机关代字、六角括号括入的四位年份、序号和“号”"
