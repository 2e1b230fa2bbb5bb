"""The shape of a text: S104 length, S107 stock-frame, P202 comma-chain."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from drafting.anatomy.parts import PROSE
from drafting.lint.rule import ALL, Issue, Rule, Severity, register
from drafting.lint.rules._phrasing import sentence_span, trimmed
from drafting.sources.document import PreparedDoc
from drafting.zh.chars import states_formula, unquoted
from drafting.zh.patterns import lazy_re

_GENRE_NAMES = {"commentary": "时评", "summary": "总结"}


def body_length(doc: PreparedDoc) -> int:
    """Characters of the body, not counting spaces."""
    return sum(len(re.sub(r"\s", "", p.text)) for p in doc.body)


@register
class Length(Rule):
    code = "S104"
    name = "length"
    severity = Severity.INFO
    profiles = frozenset({"commentary", "summary"})
    options: ClassVar[Mapping[str, Any]] = {"min": 400, "max": 1500}
    profile_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "summary": {"min": 800, "max": 8000}
    }

    what = (
        "正文字数（不计空白）超出该文种的常见篇幅：时评 400～1500 字，总结 800～8000 字。"
        "提示标在标题上（没有标题时标在第一段）。"
    )
    why = (
        "时评短小，一般千字左右，常见五百字：太短说不透一个论点，太长则“大而全而空”。"
        "总结要写清成绩、问题和下一步打算，不足 800 字难以成篇，超过 8000 字多半在罗列材料。"
        "篇幅因报刊版面和单位要求而异，所以只作提示，可在配置中改 min/max。"
    )
    bad = "文明出行从我做起\n过马路请走斑马线。"
    good = "文明出行从我做起\n" + "过马路走斑马线，是对自己和他人生命的尊重。" * 20
    example_genre = "commentary"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        if doc.speech:
            return  # a 政府工作报告 runs to twenty thousand characters by its nature
        total = body_length(doc)
        low, high = int(opts["min"]), int(opts["max"])
        if low <= total <= high:
            return
        anchor = doc.title or next(iter(doc.body), None)
        if anchor is None or not anchor.text.strip():
            return
        start, end = trimmed(doc, anchor.start, anchor.end)
        kind = _GENRE_NAMES.get(doc.genre, "正文")
        side = "短于" if total < low else "长于"
        advice = "宜充实论证" if total < low else "宜删繁就简、集中一个角度"
        yield Issue(start, end, f"正文 {total} 字，{side}{kind}常见篇幅 {low}～{high} 字，{advice}")


_FRAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("首先……其次……最后", lazy_re(r"(首先|其次|再次|最后)(?=[，,：:]|要|是|应|必须)")),
    ("一是……二是……三是", lazy_re(r"[一二三四五六七八九十]是")),
    ("一、二、三、", lazy_re(r"[一二三四五六七八九十]、")),
)


@register
class StockFrame(Rule):
    code = "S107"
    name = "stock-frame"
    severity = Severity.INFO
    parts = PROSE
    profiles = frozenset({"commentary"})
    options: ClassVar[Mapping[str, Any]] = {"min_parts": 3}

    what = (
        "时评正文被“首先/其次/最后”“一是/二是/三是”或“一、二、三、”切成三段以上："
        "这些词或序号出现在三个以上段落的开头。提示标在第一个框架词上。"
    )
    why = (
        "时评围绕一个论点递进或并列地展开，不必硬套公文的一二三四或“首先、其次、最后”；"
        "套了框架，文章就成了材料清单。两段的对举很常见，所以三段起才提示。"
    )
    bad = (
        "治理噪声要有耐心\n"
        "首先，要摸清噪声从哪里来。\n"
        "其次，要把标准讲清楚。\n"
        "最后，要让居民参与监督。"
    )
    good = (
        "治理噪声要有耐心\n"
        "治理噪声，先要摸清噪声从哪里来。\n"
        "摸清来源之后，标准要讲清楚，居民也要参与监督。"
    )
    example_genre = "commentary"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for label, pattern in _FRAMES:
            hits: list[tuple[int, int]] = []
            for paragraph in doc.body:
                start, end = trimmed(doc, paragraph.start, paragraph.end)
                match = pattern.match(doc.text, start, end)
                if match:
                    hits.append((match.start(), match.end()))
            if len(hits) >= int(opts["min_parts"]):
                a, b = hits[0]
                yield Issue(
                    a,
                    b,
                    f"全文按“{label}”分成 {len(hits)} 段，时评不必套用固定框架，"
                    "宜围绕论点递进或并列展开",
                )
                return


@register
class CommaChain(Rule):
    code = "P202"
    name = "comma-chain"
    severity = Severity.INFO
    parts = PROSE
    profiles = ALL
    options: ClassVar[Mapping[str, Any]] = {"max_commas": 6}

    what = (
        "一句话（以 。！？； 断句）里逗号“，”超过上限（默认 6 个，按文种校准，见下方），一逗到底。"
        "引号里引文中的逗号不计。"
    )
    why = (
        "逗号一个接一个，读者要记住很多分句才能等到句末的意思；公文要求“文字精练”，"
        "时评要求短句。6 个逗号约合七个分句，已是一口气读完的上限；列举事项时请改用顿号或分号。"
    )
    bad = (
        "会议听取了汇报，研究了问题，部署了工作，明确了分工，提出了要求，"
        "确定了时限，落实了责任，安排了督查。"
    )
    good = "会议听取了汇报，研究了问题。会议部署了工作，明确了分工和时限。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        limit = int(opts["max_commas"])
        for sentence in doc.sentences(semicolon=True):
            if states_formula(sentence.text):
                continue  # a prescribed formula (总体要求是：…) is one sentence by convention
            count = unquoted(sentence.text).count("，")
            if count > limit:
                start, end = sentence_span(doc, sentence)
                yield Issue(
                    start,
                    end,
                    f"一句中用了 {count} 个逗号（不宜超过 {limit} 个），宜拆成几句或改用分号",
                )
