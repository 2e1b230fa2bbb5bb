"""Wording errors: typos from the typo table, confusable pairs in context, mixed scripts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, ClassVar

from drafting import lexicon
from drafting.lint.document import PreparedDoc
from drafting.lint.extras import allowed, extra_pairs
from drafting.lint.model import Issue, Rule, Severity, register
from drafting.lint.patterns import CharRuns, WordFinder, ranges_of


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


@cache
def _traditional() -> dict[str, str]:
    return lexicon.pairs("trad_simp.txt")


@cache
def _simplified_only() -> frozenset[str]:
    return frozenset(lexicon.words("simp_only.txt"))


@cache
def _member_runs(traditional: bool) -> CharRuns:
    members = _traditional() if traditional else _simplified_only()
    return CharRuns(lambda: ranges_of(members), members)


def _runs(text: str, traditional: bool) -> list[tuple[int, int]]:
    """``[start, end)`` of each run of traditional (or simplified-only) characters."""
    return _member_runs(traditional).spans(text)


def _few_simplified(text: str, most: int) -> bool:
    """Whether ``text`` holds at most ``most`` simplified-only characters. A simplified text
    shows more within its first sentences, so the count stops there, long before the end."""
    simplified = _simplified_only()
    count = 0
    for char in text:
        if char in simplified:
            count += 1
            if count > most:
                return False
    return True


def _mask_allowed(text: str, words: frozenset[str]) -> str:
    """``text`` with every occurrence of an allowed word (a proper name in 繁体) blanked."""
    for word in words:
        if word in text:
            text = text.replace(word, "\u3000" * len(word))
    return text


@register
class MixedScript(Rule):
    code = "N312"
    name = "mixed-script"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"traditional": False}
    what = (
        "简体文本中混入繁体字（臺灣、後、們……），或繁体文本中混入简体字。默认按简体规范字检查；"
        "规则选项 traditional = true 时允许通篇繁体，只报混入的少数一方。"
        "简繁同形或在简体中另有用法的字（乾坤的乾、於姓的於、覆盖的覆）不报；"
        "allow 词表中的专名（如繁体书写的商号）不报。"
    )
    why = (
        "《中华人民共和国国家通用语言文字法》规定公文使用规范汉字；简繁混杂多是从港台网页或旧文档"
        "复制、输入法切换带入的，排印后一眼可见。"
    )
    bad = "全市經濟運行總體平稳，各项工作有序推进。"
    good = "全市经济运行总体平稳，各项工作有序推进。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        trad = _traditional()
        text = _mask_allowed(doc.text, allowed(opts))
        trad_runs = _runs(text, traditional=True)
        trad_count = sum(end - start for start, end in trad_runs)
        mostly_traditional = trad_count >= 5 and _few_simplified(text, trad_count // 10)
        if opts.get("traditional") and mostly_traditional:
            for start, end in _runs(text, traditional=False):
                yield Issue(
                    start,
                    end,
                    f"繁体文本中混入简体字“{text[start:end]}”：改用繁体写法",
                )
            return
        if mostly_traditional:
            start, end = trad_runs[0]
            yield Issue(
                start,
                end,
                "全文使用繁体字：公文应使用规范简体字（确需繁体时设规则选项 traditional = true）",
            )
            return
        for start, end in trad_runs:
            wrong = text[start:end]
            right = "".join(trad[c] for c in wrong)
            yield Issue(start, end, f"简体文本中混入繁体字“{wrong}”：改为“{right}”")
