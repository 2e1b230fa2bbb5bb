"""Simplified and Traditional script mixed in one text (N312), read with OpenCC."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from drafting.lint.extras import allowed
from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.zh import hanzi

_ALL_TRADITIONAL = "全文使用繁体字：公文应使用规范简体字（确需繁体时设规则选项 traditional = true）"


def _mask_allowed(text: str, words: frozenset[str]) -> str:
    """``text`` with every occurrence of an allowed word (a proper name in 繁体) blanked."""
    for word in words:
        if word in text:
            text = text.replace(word, "\u3000" * len(word))
    return text


def _runs(positions: list[tuple[int, str]]) -> Iterator[tuple[int, int, str]]:
    """Adjacent positions joined: ``(start, end, replacement)``."""
    start = end = -1
    right = ""
    for i, form in positions:
        if i == end:
            end, right = i + 1, right + form
            continue
        if start >= 0:
            yield start, end, right
        start, end, right = i, i + 1, form
    if start >= 0:
        yield start, end, right


@register
class MixedScript(Rule):
    code = "N312"
    name = "mixed-script"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"traditional": False}
    what = (
        "简体文本中混入繁体字（臺灣、後、們……），或繁体文本中混入简体字和错用的异体"
        "（幹部写成“干部”，聯繫写成“聯系”，範、後、於、並、麼写成“范、后、于、并、么”）。"
        "繁体文本按 OpenCC 的词语转换在上下文中判断：把全文转成简体再转回繁体，"
        "在 OpenCC、台湾、香港三种繁体标准里都与原文不同的字才报（秘、群是台湾、香港的"
        "规范写法，不报）。默认按简体规范字检查，通篇繁体时另报一条；规则选项 "
        "traditional = true 时允许通篇繁体，只报混入的字。"
        "简繁同形或在简体中另有用法的字（乾坤的乾、於姓的於、覆盖的覆）不报；"
        "allow 词表中的专名（如繁体书写的商号）不报。"
    )
    why = (
        "《中华人民共和国国家通用语言文字法》规定公文使用规范汉字；简繁混杂多是从港台网页或旧文档"
        "复制、输入法切换带入的，排印后一眼可见。繁体文本里的简体残留（干部、后、于）和"
        "一对多转换的误选（聯系、範圍写成范围）同样是差错。"
    )
    bad = "全市經濟運行总体平稳，各项工作有序推进。"
    good = "全市经济运行总体平稳，各项工作有序推进。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        text = _mask_allowed(doc.text, allowed(opts))
        if hanzi.mostly_traditional(text):
            if not opts.get("traditional"):
                start, end = hanzi.traditional_runs().spans(text)[0]
                yield Issue(
                    start,
                    end,
                    _ALL_TRADITIONAL,
                )
            yield from self._leftovers(doc, text)
            return
        yield from self._traditional(doc, text)

    @staticmethod
    def _leftovers(doc: PreparedDoc, text: str) -> Iterator[Issue]:
        for paragraph in doc.paragraphs:
            own = text[paragraph.start : paragraph.end]
            positions = hanzi.simplified_leftovers(own)
            for start, end, right in _runs(positions):
                wrong = own[start:end]
                yield Issue(
                    paragraph.start + start,
                    paragraph.start + end,
                    f"繁体文本中混入简体字或用错的异体“{wrong}”：改为“{right}”",
                )

    @staticmethod
    def _traditional(doc: PreparedDoc, text: str) -> Iterator[Issue]:
        """Traditional characters in a Simplified text, each run with its Simplified form
        (the table's: a Traditional-only character has one usual Simplified form)."""
        table = hanzi.traditional_only()
        for start, end in hanzi.traditional_runs().spans(text):
            wrong = text[start:end]
            right = "".join(table.get(char, char) for char in wrong)
            yield Issue(start, end, f"简体文本中混入繁体字“{wrong}”：改为“{right}”")
