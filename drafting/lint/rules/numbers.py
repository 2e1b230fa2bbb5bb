"""N-rules of numbers and dates (GB/T 15835-2011, GB/T 9704-2012 成文日期)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from drafting.anatomy.parts import Part
from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.zh.numerals import CN_DIGITS, chinese_number
from drafting.zh.patterns import lazy_re

# ``first``: where a match can start (see drafting.zh.patterns), so that a megabyte of
# figures is not tried position by position
_NUMERIC_DATE = lazy_re(
    r"(?<![A-Za-z0-9_.\-/:])(\d{4})([./\-])(\d{1,2})\2(\d{1,2})(?![A-Za-z0-9_.\-/])",
    first=r"\d(?=\d{3}[./\-])",
)
_YMD = lazy_re(r"(?<![0-9０-９])(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?", first=r"\d(?=\d{3}年)")
_CN_DATE = lazy_re(
    r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日",
    first="[〇零○一二三四五六七八九](?=[〇零○一二三四五六七八九]{3}年)",
)
_SHORT_YEAR_DATE = lazy_re(r"(?<![0-9０-９'’])(\d{2})年(\d{1,2})月(\d{1,2})日", first=r"\d(?=\d年)")


def _valid(year: int, month: int, day: int | None) -> bool:
    return 1900 <= year <= 2099 and 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def _full_year(two: str) -> str:
    return ("19" if int(two) >= 50 else "20") + two


#: The year GB/T 9704-2012 replaced the 1999 edition (in force from 1 July 2012): before it,
#: 成文日期 were written in Chinese numerals (一九九九年十月一日), and that is no error there.
_GBT9704_2012 = 2012


#: The year of the first national rule on numbers in publications (《关于出版物上数字用法的试行
#: 规定》, 1987), which GB/T 15835 follows: an older document is not judged by it.
_NUMBER_RULES = 1987


def _year_written(doc: PreparedDoc) -> int | None:
    """The year of the document's own 成文日期 (or of a date under its title, or the year its
    title names), if it has one."""
    for paragraph in reversed(doc.of_part(Part.DATE, Part.SUBTITLE)):
        digits = re.search(r"(\d{4})\s*年", paragraph.text)
        if digits:
            return int(digits[1])
        chinese = re.search(r"([〇零○一二三四五六七八九]{4})\s*年", paragraph.text)
        if chinese:
            return int(
                "".join(
                    str(CN_DIGITS.index(c))
                    for c in chinese[1].replace("零", "〇").replace("○", "〇")
                )
            )
    title = doc.title_text or ""
    named = re.search(r"(\d{4})\s*年", title)  # 1978年…政府工作报告: the year it was written for
    return int(named[1]) if named else None


@register
class DateForm(Rule):
    code = "N306"
    name = "date-form"
    severity = Severity.ERROR
    profiles = frozenset({"notice", "summary"})
    what = (
        "日期的写法：用阿拉伯数字写全年月日，如“2026年11月5日”；不写“2026.11.5”“2026-11-05”"
        "“2026/11/5”，月日不加虚位“0”（不写“2026年01月05日”），不用汉字数字"
        "（不写“二〇二六年十一月五日”），年份不省略（不写“26年11月5日”）。文件名、网址、"
        "版本号中的日期不报。"
    )
    why = (
        "GB/T 9704-2012 第 7.3.5.1 条：成文日期用阿拉伯数字将年、月、日标全，年份应标全称，"
        "月、日不编虚位（即 1 不编为 01）；GB/T 15835-2011 第 4.1 条：公历年月日用阿拉伯数字。"
    )
    bad = "会议定于2026.11.5召开，材料请于2026年01月05日前报送。"
    good = "会议定于2026年11月5日召开，材料请于2026年1月5日前报送。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        # one pass over the whole text: no pattern matches a line break, and at a paragraph's
        # edge the break satisfies the look-arounds exactly as the edge of the paragraph does
        text = doc.text
        for match in _NUMERIC_DATE.finditer(text):
            year, month, day = int(match[1]), int(match[3]), int(match[4])
            if _valid(year, month, day):
                yield self._issue(match, f"{year}年{month}月{day}日")
        for match in _YMD.finditer(text):
            year, month = int(match[1]), int(match[2])
            day = int(match[3]) if match[3] else None
            padded = match[2].startswith("0") or (match[3] or "").startswith("0")
            if padded and _valid(year, month, day):
                right = f"{year}年{month}月" + (f"{day}日" if day else "")
                yield Issue(*match.span(), f"日期的月、日不加虚位“0”：改为“{right}”")
        written = _year_written(doc)
        for match in _CN_DATE.finditer(text):
            digits = match[1].replace("零", "〇").replace("○", "〇")
            year = "".join(str(CN_DIGITS.index(c)) for c in digits)
            month, day = chinese_number(match[2]), chinese_number(match[3])
            if (written or int(year)) < _GBT9704_2012:
                continue  # written under GB/T 9704-1999, which dated documents in Chinese numerals
            if doc.paragraph_at(match.start()).part is Part.SUBTITLE:
                continue  # ——二〇二六年一月…在…会议上: a speech's occasion, not a 成文日期
            if month and day and _valid(int(year), month, day):
                yield self._issue(match, f"{year}年{month}月{day}日")
        for match in _SHORT_YEAR_DATE.finditer(text):
            month, day = int(match[2]), int(match[3])
            if 1 <= month <= 12 and 1 <= day <= 31:
                yield Issue(
                    *match.span(),
                    f"日期的年份应写全：改为“{_full_year(match[1])}年{month}月{day}日”",
                )

    @staticmethod
    def _issue(match: re.Match[str], right: str) -> Issue:
        return Issue(*match.span(), f"日期“{match.group()}”写法不规范：改为“{right}”")


_SHORT_YEAR = lazy_re(
    r"(?<![0-9０-９])(?:['’](\d{2})|(0\d))年(?!\d{1,2}月\d{1,2}日)(?!代)", first="['’0]"
)
_APPROX = lazy_re(
    r"(?<![第、0-9])([一二三四五六七八九两])、([一二三四五六七八九两])"
    r"(?=十(?!年代)|百|千|万|个|名|人|次|天|岁|件|项|家|条|位|场|种|倍|小时|公里|分钟|"
    r"套|所|台|辆|户|亩|元|成|米|吨|遍|趟|轮|届|部|本|篇|座|层|间|张|步|段|周|年(?!级))",
    first="[一二三四五六七八九两](?=、)",
)
_CN_VALUE = {c: i + 1 for i, c in enumerate("一二三四五六七八九")} | {"两": 2}
_MIXED = lazy_re(
    r"(?<![0-9.])\d+[百千]零?[0-9一二三四五六七八九](?!\d*[米克瓦伏帕])", first=r"\d(?=\d*[百千])"
)
_FULLWIDTH = lazy_re(r"[０-９]+(?:[．.][０-９]+)?", first="[０-９]")
_RANGE = lazy_re(
    r"(?<![0-9.\-－/])(\d+(?:\.\d+)?)([～~—－-])(\d+(?:\.\d+)?)(%|％|万|亿)(?![0-9])",
    first=r"\d(?=[\d.]*[～~—－-])",
)
_PARAGRAPH_HEAD = lazy_re(r"[ \t\u3000]*")


def _paragraph_head(doc: PreparedDoc, offset: int) -> int:
    """Where the text of the paragraph holding ``offset`` starts, after its indent."""
    paragraph = doc.paragraph_at(offset)
    return paragraph.start + _PARAGRAPH_HEAD.match(paragraph.text).end()


_HALF = str.maketrans("０１２３４５６７８９．", "0123456789.")


@register
class NumberForm(Rule):
    code = "N308"
    name = "number-form"
    severity = Severity.WARNING
    what = (
        "数字用法（GB/T 15835-2011）：年份不简写（“08年”写作“2008年”）；相邻两数表示概数时"
        "中间不用顿号（“三、四个”写作“三四个”，“第三、四个”“一、二、三”等序数列举不报）；"
        "同一数值不混用阿拉伯数字和汉字（“1百零8”）；不用全角数字（“２０２６”）；"
        "表示范围时“%”“万”“亿”两端都要写（“10～20%”写作“10%～20%”）。"
    )
    why = (
        "GB/T 15835-2011《出版物上数字用法》：年份不能简写（第 4.1.2 条）；相邻两个数字连用"
        "表示概数时，中间不加顿号（第 4.2.2 条）；数值范围中的百分号、“万”“亿”不能省略"
        "（第 4.1.6 条）；一个数值不能一部分用阿拉伯数字、一部分用汉字。"
    )
    bad = "08年以来，已有三、四个县完成改造，覆盖率为10～20%。"
    good = "2008年以来，已有三四个县完成改造，覆盖率为10%～20%。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        text = doc.text  # one pass over the whole text, as in DateForm
        for match in _SHORT_YEAR.finditer(text):
            two = match[1] or match[2]
            yield Issue(*match.span(), f"年份不应简写：改为“{_full_year(two)}年”")
        dated = _year_written(doc)
        for match in _APPROX.finditer(text):
            if dated is not None and dated < _NUMBER_RULES:
                break  # written before there was a national rule on numbers in text
            first, second = _CN_VALUE[match[1]], _CN_VALUE[match[2]]
            if second != first + 1 or match.start() == _paragraph_head(doc, match.start()):
                continue
            yield Issue(
                *match.span(), f"相邻数字表示概数，中间不用顿号：改为“{match[1]}{match[2]}”"
            )
        for match in _MIXED.finditer(text):
            yield Issue(
                *match.span(), f"数值“{match.group()}”混用阿拉伯数字和汉字：统一用阿拉伯数字"
            )
        for match in _FULLWIDTH.finditer(text):
            half = match.group().translate(_HALF)
            yield Issue(*match.span(), f"全角数字“{match.group()}”：改为半角“{half}”")
        for match in _RANGE.finditer(text):
            sign = "%" if match[4] in "%％" else match[4]
            right = f"{match[1]}{sign}～{match[3]}{sign}"
            yield Issue(*match.span(), f"表示范围时两端的“{sign}”都不能省略：改为“{right}”")
