"""Wording errors: typos from the typo table, confusable pairs in context (mixed scripts: N312
in ``script.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from drafting import lexicon
from drafting.lint.extras import allowed, extra_pairs
from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.zh.patterns import WordFinder


@cache
def _typo_finder(wrongs: frozenset[str]) -> WordFinder:
    return WordFinder(wrongs)


@cache
def _exceptions() -> dict[str, tuple[tuple[str, int], ...]]:
    """For each wrong form, the legitimate strings containing it and where it sits in them."""
    out: dict[str, list[tuple[str, int]]] = {}
    entries = lexicon.words("typo_exceptions.txt")
    for wrong in lexicon.pairs("typos.txt"):
        for entry in entries:
            at = entry.find(wrong)
            while at >= 0:
                out.setdefault(wrong, []).append((entry, at))
                at = entry.find(wrong, at + 1)
    return {wrong: tuple(found) for wrong, found in out.items()}


def _inside_exception(text: str, start: int, wrong: str) -> bool:
    for entry, at in _exceptions().get(wrong, ()):
        begin = start - at
        if begin >= 0 and text[begin : begin + len(entry)] == entry:
            return True
    return False


@register
class CommonTypo(Rule):
    code = "T401"
    name = "common-typo"
    severity = Severity.ERROR
    fixable = True
    what = (
        "常见错别字：错别字表（corpus/typos.txt，可用 extra-typos 扩充）中的写法，"
        "如“再接再励”应为“再接再厉”、“一愁莫展”应为“一筹莫展”、“按装”应为“安装”。"
        "表中只收在任何语境下都不成词的写法；“按装修标准”之类的合法组合不报。"
    )
    why = (
        "“办公室工作无小事”：公文中的一个错别字就是一处可见的差错，会损害发文机关的严肃性。"
        "《党政机关公文处理工作条例》要求公文“文字精练”“表述准确”。"
    )
    bad = "希望各单位再接再励，按时按装调试设备。"
    good = "希望各单位再接再厉，按时安装调试设备，按装修标准验收。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        typos = {**lexicon.pairs("typos.txt"), **extra_pairs(opts, "typos")}
        allow = allowed(opts)
        for start, end in _typo_finder(frozenset(typos)).spans(doc.text):
            wrong = doc.text[start:end]
            if wrong in allow or _inside_exception(doc.text, start, wrong):
                continue
            right = typos[wrong]
            yield Issue(
                start,
                end,
                f"错别字：“{wrong}”应为“{right}”",
                fix=right,
            )


@cache
def _confusables() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    rules = []
    for row in lexicon.rows("confusables.txt"):
        rules.append((re.compile(row[0]), row[1], row[2] if len(row) > 2 else ""))
    return tuple(rules)


@register
class Confusable(Rule):
    code = "T402"
    name = "confusable"
    severity = Severity.WARNING
    what = (
        "两边都是规范词、但在此语境下用错的易混词（corpus/confusables.txt）："
        "截至/截止（后接时间点用“截至”：截至2026年10月底；时间点之后用“截止”：11月5日截止）、"
        "指人的“其它”应为“其他”、“取的成效”应为“取得成效”、“做的很好”应为“做得很好”、"
        "“认真的落实了”应为“认真地落实了”、修饰动作的“必需”应为“必须”。只在语境清楚时才报。"
    )
    why = (
        "这些词各有用法，错用后意思走样（“截止2026年10月底”字面是“到10月底停止”），"
        "是公文审核中的常见差错；《现代汉语词典》对各词的释义是判断依据。"
    )
    bad = "截止2026年10月底，全市已完成改造任务，取的了显著成效。"
    good = "截至2026年10月底，全市已完成改造任务，取得了显著成效。报名于11月5日截止。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for paragraph in doc.paragraphs:
            for pattern, right, note in _confusables():
                for match in pattern.finditer(paragraph.text):
                    reason = f"（{note}）" if note else ""
                    yield Issue(
                        paragraph.start + match.start(),
                        paragraph.start + match.end(),
                        f"“{match.group()}”应为“{right}”{reason}",
                    )
