"""N-rules of written form: 序次语 punctuation, ellipsis and dash, stray spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from drafting.anatomy.parts import PROSE
from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.zh.chars import is_chinese, is_ideograph
from drafting.zh.patterns import lazy_re

_CN = "一二三四五六七八九十"
_INDENT = lazy_re(r"[ \t\u3000]*")

#: Wrong 序次语 at the start of a paragraph, each with how to write it.
_WRONG_ORDINALS: tuple[tuple[re.Pattern[str], str], ...] = (
    (lazy_re(rf"([{_CN}]+)[.．,，](?![0-9０-９])"), "{0}、"),
    (lazy_re(rf"([（(][{_CN}]+[）)])[、.．,，:：](?![（(])"), "{0}"),
    (lazy_re(r"([0-9]{1,2})[、,，](?![0-9０-９])"), "{0}."),
    (lazy_re(r"([（(][0-9]{1,2}[）)])[、.．,，:：](?![（(])"), "{0}"),
)


#: Where a space may set two organs apart (中共中央 国务院, 中共中央办公厅 国务院办公厅).
_JOINT_ORGANS = lazy_re(r"中央|国务院|办公厅|委员会|人民政府")
_ORGAN_TAIL = lazy_re(r"(?:中共中央|中央|国务院|办公厅|委员会|人民政府|军委|[部委局厅院办])$")
_ORGAN_HEAD = lazy_re(
    r"(?:中共|中央|国务院|全国|[\u4e00-\u9fff]{1,10}?(?:办公厅|人民政府|委员会|[部委局厅院办]))"
)


def _joins_organs(text: str, start: int, end: int) -> bool:
    """A space between two organs' names: what comes before ends as an organ's name does and
    what follows begins with one."""
    return bool(_ORGAN_TAIL.search(text[max(0, start - 8) : start])) and bool(
        _ORGAN_HEAD.match(text, end)
    )


_SLOGAN = lazy_re(r"“([\u4e00-\u9fff]{2,8})[ \u3000]([\u4e00-\u9fff]{2,8})”")


def _inside_slogan(text: str, start: int, end: int) -> bool:
    """A space that splits a quoted two-part slogan (“雄奇山水 新韵某地”): two short phrases of
    Chinese characters, the whole in quotation marks."""
    return any(m.start(2) == end and m.end(1) == start for m in _SLOGAN.finditer(text))


@register
class OrdinalPunct(Rule):
    code = "N304"
    name = "ordinal-punct"
    severity = Severity.ERROR
    fixable = True
    what = (
        "段首序次语的标点：一级用“一、”（不用“一.”“一，”），二级“（一）”后不再加标点，"
        "三级用“1.”（不用“1、”“1，”），四级“（1）”后不再加标点。"
    )
    why = (
        "GB/T 9704-2012 第 7.3.3 条规定结构层次序数依次为“一、”“（一）”“1.”“（1）”；"
        "GB/T 15834-2011 规定括号内的序次语后不再加顿号。"
    )
    bad = "一.总体要求\n（一）、工作目标\n1、完成全部检查任务。"
    good = "一、总体要求\n（一）工作目标\n1.完成全部检查任务。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for paragraph in doc.paragraphs:
            if paragraph.role == "table":
                continue
            indent = _INDENT.match(paragraph.text).end()
            for pattern, right in _WRONG_ORDINALS:
                match = pattern.match(paragraph.text, indent)
                if match:
                    fix = right.format(match.group(1))
                    start = paragraph.start + match.start()
                    yield Issue(
                        start,
                        paragraph.start + match.end(),
                        f"序次语“{match.group()}”写法不规范：改为“{fix}”",
                        fix=fix,
                    )
                    break


_DOTS = lazy_re(r"\.{3,}|。{3,}|．{3,}|·{3,}|・{3,}", first=r"([.。．·・])(?=\1\1)")
_SINGLE_ELLIPSIS = lazy_re(r"(?<!…)…(?!…)", first="…")
_DASH_RUN = lazy_re(r"[-－—–─]{2,}", first="[-－—–─](?=[-－—–─])")
_SINGLE_DASH = lazy_re(r"(?<![-－—–─])—(?![-－—–─])", first="—")
_DASH_OPENERS = "“‘（《，。：；"


def _near_ideograph(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (bool(before) and is_ideograph(before)) or (bool(after) and is_ideograph(after))


@register
class EllipsisDash(Rule):
    code = "N307"
    name = "ellipsis-dash"
    severity = Severity.ERROR
    fixable = True
    what = (
        "省略号和破折号的写法：中文里的省略号是六个点“……”（不是 ... 。。。 或单个“…”），"
        "破折号是两个字长的“——”（不是 -- 或单个“—”）。数字之间的一字线（2025—2026年）"
        "和地名之间的连接号（北京—上海）不在此列。"
    )
    why = "GB/T 15834-2011 第 4.11 条（省略号“……”占两个字位置）和第 4.9 条（破折号“——”）。"
    bad = "会议研究了人事、财务、基建等事项...会后——通报——\n此次检查—“回头看”—很有必要。"
    good = "会议研究了人事、财务、基建……\n此次检查——“回头看”——很有必要。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        # one pass per pattern over the whole text: none matches a line break, and a line
        # break beside a match is no ideograph, just as the edge of a paragraph is none
        text = doc.text
        for match in _DOTS.finditer(text):
            if _near_ideograph(text, match.start(), match.end()):
                yield Issue(*match.span(), f"省略号“{match.group()}”写法不规范：改为“……”", fix="……")
        for match in _SINGLE_ELLIPSIS.finditer(text):
            yield Issue(*match.span(), "省略号只写了一半“…”：改为“……”", fix="……")
        for match in _DASH_RUN.finditer(text):
            if match.group() != "——" and _near_ideograph(text, match.start(), match.end()):
                yield Issue(*match.span(), f"破折号“{match.group()}”写法不规范：改为“——”", fix="——")
        for match in _SINGLE_DASH.finditer(text):
            paragraph = doc.paragraph_at(match.start())  # its end counts, not the line break
            if self._is_broken_dash(paragraph.text, match.start() - paragraph.start):
                yield Issue(*match.span(), "破折号只写了一半“—”：改为“——”", fix="——")

    @staticmethod
    def _is_broken_dash(text: str, index: int) -> bool:
        """A single — used as a 破折号: next to an opening quote, a bracket or a clause mark.
        Between two characters or digits it is a connector (北京—上海, 2025—2026) and fine."""
        before = text[index - 1] if index > 0 else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if is_ideograph(before) and (after in _DASH_OPENERS or after == ""):
            return True
        if before == "）" and is_ideograph(after):
            opened = text.rfind("（", 0, index)
            if opened > 0 and is_ideograph(text[opened - 1]):
                return False  # 中国（某省）—东盟: a name with its bracket, joined to another
        return before in "”’）》，。" and is_ideograph(after)


_SPACE = r"[ \t\u3000\u00a0]"
_SPACES = lazy_re(_SPACE + "+", first=_SPACE)
_PAGE_NUMBER = lazy_re(rf"{_SPACE}+(\d{{1,3}}){_SPACE}+", first=_SPACE)
_PAGE_LINE = lazy_re(r"[\s\u3000]*[-—－–]\s*\d{1,3}\s*[-—－–][\s\u3000]*")
_LEGAL_HEAD = lazy_re(r"第[一二三四五六七八九十百零〇\d]+[章节条款编部分卷]$")
_MEASURE_BEFORE = "第共约有近超达计为了是至到和与及或占每前后逾仅只"
_MEASURE_AFTER = "个人项次名家条年月日天元万亿件位种届期批台辆所座场篇份页章节倍岁号时分秒度"
_MEASURE_AFTER += "米克吨亩户间层级类支队组%％"
_ORDINAL_HEAD = lazy_re(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．])"
)


def _is_spaced_list(text: str) -> bool:
    """A short line of short pieces set apart by spaces: a name list, a table row, a spaced
    title (通　　知). Spaces there are layout, not stray."""
    if len(text.strip()) > 40:
        return False  # before splitting: most paragraphs are long
    pieces = _SPACES.split(text.strip())
    return (
        len(pieces) > 1
        and all(len(piece) <= 4 for piece in pieces)
        and not re.search(r"[。！？；，]", text)
    )


@register
class StraySpace(Rule):
    code = "N313"
    name = "stray-space"
    severity = Severity.WARNING
    parts = PROSE
    fixable = True
    what = (
        "中文字符之间的多余空格，以及夹在正文里的页码（从 PDF 复制时带入：工作内容 7 越来越新）。"
        "中西文之间、英文单词之间的空格（Windows 10、GB/T 9704），法规条文“第一条　”后的空格，"
        "名单、表格行和疏排标题中的空格不报。"
    )
    why = (
        "中文不以空格分词，字间空格会在排版后造成参差和断行错位，多是从 PDF 或网页复制时带入；"
        "夹在正文中的页码更是明显的残留。"
    )
    bad = "各单位要认真 落实工作要求，确保工作内容 7 越来越新。"
    good = "各单位要认真落实工作要求，使用 Windows 10 系统办公。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for paragraph in doc.paragraphs:
            text, base = paragraph.text, paragraph.start
            if not text.strip():
                continue
            if _PAGE_LINE.fullmatch(text):
                yield Issue(base, base + len(text), "疑似页码行混入正文：删去此行")
                continue
            if _SPACES.search(text) is None:
                continue  # most paragraphs: no space, nothing more to look at
            if _is_spaced_list(text) or paragraph.style == "发文字号":  # 字号 tab 签发人
                continue
            head = _ORDINAL_HEAD.match(text)
            skip_to = head.end() if head else 0
            pages: list[tuple[int, int]] = []
            for match in _PAGE_NUMBER.finditer(text):
                if self._is_page_number(text, match):
                    pages.append((match.start(), match.end()))
                    yield Issue(
                        base + match.start(),
                        base + match.end(),
                        f"正文中夹有疑似页码“{match.group(1)}”（复制时带入）：核对后删去",
                    )
            for match in _SPACES.finditer(text):
                start, end = match.start(), match.end()
                if start == 0 or end == len(text) or start <= skip_to:
                    continue
                if any(a <= start < b for a, b in pages):
                    continue
                before, after = text[start - 1], text[end]
                if not (is_chinese(before) and is_chinese(after)):
                    continue
                if not (is_ideograph(before) or is_ideograph(after)):
                    continue
                if _LEGAL_HEAD.search(text[:start]):
                    continue
                if _JOINT_ORGANS.search(text[max(0, start - 12) : end + 12], 0) and _joins_organs(
                    text, start, end
                ):
                    continue  # 中共中央 国务院: joint issuers are set apart by a space
                if _inside_slogan(text, start, end):
                    continue  # “才聚某地 智荟某地”: a two-part slogan is written with a space
                yield Issue(base + start, base + end, "中文字符之间有多余空格：删去空格", fix="")

    @staticmethod
    def _is_page_number(text: str, match: re.Match[str]) -> bool:
        start, end = match.start(), match.end()
        if start == 0 or end == len(text):
            return False
        before, after = text[start - 1], text[end]
        return (
            is_ideograph(before)
            and is_ideograph(after)
            and before not in _MEASURE_BEFORE
            and after not in _MEASURE_AFTER
        )
