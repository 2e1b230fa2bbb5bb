"""Dates that do not exist (N317): 2026年11月31日, 2月30日, 29 February of a common year."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping
from typing import Any

from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.zh.numerals import CN_DIGITS, chinese_number
from drafting.zh.patterns import lazy_re

_CN = "〇零○一二三四五六七八九"
#: 2026年11月31日, 2026 年 2 月 30 日, and 11月31日 without a year.
_ARABIC = lazy_re(
    r"(?<![0-9０-９.])(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?![0-9])",
    first=r"\d(?=\d{0,3}\s*(?:年|月))",
)
#: 2026-11-31, 2026.11.31, 2026/11/31 (the forms N306 reports as bad form).
_NUMERIC = lazy_re(
    r"(?<![A-Za-z0-9_.\-/:])(\d{4})([./\-])(\d{1,2})\2(\d{1,2})(?![A-Za-z0-9_.\-/])",
    first=r"\d(?=\d{3}[./\-])",
)
#: 二〇二六年十一月三十一日, 十一月三十一日.
_CHINESE = lazy_re(
    rf"(?:([{_CN}]{{4}})年)?([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})[日号]",
    first="[〇零○一二三四五六七八九十]",
)
#: Where a date can be impossible: a day from 29 on (or 0), a month from 13 on (or 0). Only
#: around these are the date patterns tried: a megabyte holds thousands of dates, few suspect.
_SUSPECT = lazy_re(
    r"月(?:\s*(?:29|3\d|0+|\d{3,})\s*[日号]"
    r"|(?:二十九|三十[一二三四五六七八九]?|[四五六七八九]十[一二三四五六七八九]?)[日号]"
    r"|(?<=1[3-9]月|[2-9]\d月|00月)\s*\d"
    r"|(?<=十[三四五六七八九]月|[二三四五六七八九]十月))"
)
_WINDOW = 14
#: A lunar date is not checked against the solar calendar (腊月三十, 农历二月三十日).
_LUNAR = lazy_re(r"农历|阴历|夏历|旧历|正月|腊月|冬月|闰")


def _problem(year: int | None, month: int, day: int) -> str | None:
    """Why ``year-month-day`` is not a date (Chinese), or None when it is one."""
    if not 1 <= month <= 12:
        return f"没有{month}月"
    if day < 1:
        return "日不能为0"
    if year is not None:
        last = calendar.monthrange(year, month)[1]
        if day > last:
            if month == 2 and day == 29:
                return f"{year}年不是闰年，2月只有28天"
            return f"{year}年{month}月只有{last}天"
        return None
    last = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    if day > last:
        return f"{month}月只有{last}天" if month != 2 else "2月最多29天"
    return None


def _lunar(text: str, start: int) -> bool:
    return _LUNAR.search(text, max(0, start - 6), start) is not None


@register
class InvalidDate(Rule):
    code = "N317"
    name = "invalid-date"
    severity = Severity.ERROR
    what = (
        "日历上不存在的日期：2026年11月31日、2月30日、平年的2月29日（2026年2月29日）、"
        "13月、0日，写法不论是“2026年11月31日”“11月31日”“2026-11-31”“2026.11.31”"
        "还是“二〇二六年十一月三十一日”。没写年份的日期按闰年宽限（2月29日不报）；"
        "农历日期（腊月三十、农历十一月三十日）不按公历检查。"
    )
    why = (
        "日期错了，时限、生效日和成文日期就都无从算起；这类错误多是改稿时只改了月份"
        "（10月31日改成11月却没改日）。《党政机关公文处理工作条例》要求公文“内容准确”，"
        "drafting render 也拒收数据文件中不存在的日期。"
    )
    bad = "请于2026年11月31日前报送材料，2月30日召开总结会。"
    good = "请于2026年11月30日前报送材料，2月28日召开总结会。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        text = doc.text
        seen: set[tuple[int, int]] = set()
        for hit in _SUSPECT.finditer(text):
            low, high = max(0, hit.start() - _WINDOW), min(len(text), hit.end() + 4)
            for match in _ARABIC.finditer(text, low, high):
                if match.span() in seen or not match.start() <= hit.start() < match.end():
                    continue
                seen.add(match.span())
                year = int(match[1]) if match[1] else None
                yield from self._judge(text, match, year, int(match[2]), int(match[3]))
            for match in _CHINESE.finditer(text, low, high):
                if match.span() in seen or not match.start() <= hit.start() < match.end():
                    continue
                seen.add(match.span())
                yield from self._chinese(text, match)
        for match in _NUMERIC.finditer(text):
            year, month, day = int(match[1]), int(match[3]), int(match[4])
            if 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31:
                yield from self._judge(text, match, year, month, day)

    def _chinese(self, text: str, match: re.Match[str]) -> Iterator[Issue]:
        year = None
        if match[1]:
            digits = match[1].replace("零", "〇").replace("○", "〇")
            year = int("".join(str(CN_DIGITS.index(c)) for c in digits))
        month, day = chinese_number(match[2]), chinese_number(match[3])
        if month and day:
            yield from self._judge(text, match, year, month, day)

    @staticmethod
    def _judge(
        text: str, match: re.Match[str], year: int | None, month: int, day: int
    ) -> Iterator[Issue]:
        if year is not None and not 1 <= year <= 9999:
            return
        problem = _problem(year, month, day)
        if problem is None or _lunar(text, match.start()):
            return
        yield Issue(*match.span(), f"日期“{match.group()}”不存在：{problem}，请核对")
