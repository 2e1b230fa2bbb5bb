"""Enumerations that repeat or skip a step (S110): 一是……一是, 一是……三是, 首先……其次……其次."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from drafting.anatomy.parts import PROSE
from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc, TextParagraph
from drafting.zh.numerals import chinese_number
from drafting.zh.patterns import lazy_re

#: Where an enumerator can stand: the start of a paragraph or of a clause.
_BEFORE = r"(?:(?<=^)|(?<=[，；：。！？、\s“（(]))"
#: 一是 … 十二是 (not 一是一，二是二, nor 是否, 是非 after the numeral).
_IS = lazy_re(
    rf"{_BEFORE}([一二三四五六七八九十]{{1,3}})是(?!一|否|不是|非)",
    first="[一二三四五六七八九十](?=[一二三四五六七八九十]{0,2}是)",
)
#: 第一， 第二、 and 其一， 其二：
_ORDINAL = lazy_re(
    rf"{_BEFORE}(第|其)([一二三四五六七八九十]{{1,3}})(?=[，、：:])",
    first="[第其](?=[一二三四五六七八九十]{1,3}[，、：:])",
)
#: 首先 / 其次 / 再次 / 最后 opening a clause (最后 only before a comma: not 最后一公里).
_FRAME = lazy_re(
    rf"{_BEFORE}(首先|其次|再次|最后(?=[，,]))",
    first="(?:首(?=先)|其(?=次)|再(?=次)|最(?=后[，,]))",
)


@dataclass(frozen=True)
class Step:
    """One enumerator: its span in ``doc.text``, its family and value."""

    start: int
    end: int
    family: str
    value: int
    word: str


def _all_steps(text: str) -> list[Step]:
    """Every enumerator of the text in order (一是 family, 第一 / 其一 families): one scan of
    the whole text (a line break is a clause start, as a paragraph's start is)."""
    steps = []
    for match in _IS.finditer(text):
        value = chinese_number(match[1])
        if value:
            steps.append(Step(match.start(), match.end(), "是", value, match.group()))
    for match in _ORDINAL.finditer(text):
        value = chinese_number(match[2])
        if value:
            steps.append(Step(match.start(), match.end(), match[1], value, match.group()))
    return sorted(steps, key=lambda s: s.start)


def _heads(paragraph: TextParagraph, family: str, steps: list[Step]) -> bool:
    """Whether the paragraph opens with an enumerator of ``family``."""
    lead = len(paragraph.text) - len(paragraph.text.lstrip(" \u3000"))
    return bool(steps) and steps[0].family == family and steps[0].start == paragraph.start + lead


def _judge(previous: Step, step: Step) -> str | None:
    """What is wrong with ``step`` after ``previous`` in one list (Chinese), or None."""
    if step.value == previous.value:
        return f"“{step.word}”重复：前面已有“{previous.word}”，应为下一项"
    if step.value > previous.value + 1:
        missing = "、".join(_word(step, v) for v in range(previous.value + 1, step.value))
        return f"从“{previous.word}”跳到“{step.word}”，缺少“{missing}”"
    if 1 < step.value < previous.value:
        return f"“{step.word}”排在“{previous.word}”之后，次序颠倒"
    return None


def _word(step: Step, value: int) -> str:
    numeral = "一二三四五六七八九十"[value - 1] if value <= 10 else str(value)
    if step.family == "是":
        return f"{numeral}是"
    return f"{step.family}{numeral}"


@register
class EnumeratorOrder(Rule):
    code = "S110"
    name = "enumerator-order"
    severity = Severity.WARNING
    parts = PROSE
    what = (
        "段内列举的序次重复、跳号或颠倒：“一是……一是”“一是……三是”（缺二是）、"
        "“四是……四是”、“第一，……第三，”、“其一……其一”，以及“首先……其次……其次”"
        "“最后，……其次”。相连几段各以“一是”“二是”开头时按一串检查；"
        "新的一串从“一是”重新开始不算错。"
    )
    why = (
        "序次语是读者的路标：重复或跳号让人以为漏了一项或多了一项，"
        "多是增删内容后没有重新编号留下的。公文“结构严谨”，列举的次序必须连贯。"
    )
    bad = "一是加强组织领导。二是强化督促检查。二是严格考核问责。"
    good = "一是加强组织领导。二是强化督促检查。三是严格考核问责。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        open_lists: dict[str, Step] = {}  # per family, the last step of the list running on
        every = _all_steps(doc.text)
        starts = [step.start for step in every]
        frames = {doc.paragraph_at(m.start()).index for m in _FRAME.finditer(doc.text)}
        for paragraph in doc.paragraphs:
            if not paragraph.text.strip():
                continue
            i = bisect.bisect_left(starts, paragraph.start)
            steps = every[i : bisect.bisect_left(starts, paragraph.end, i)]
            if paragraph.index in frames:
                yield from self._frames(paragraph)
            if not steps and not open_lists:
                continue
            for family in list(open_lists):
                if not _heads(paragraph, family, steps):
                    del open_lists[family]  # a list runs on only through paragraphs it opens
            for step in steps:
                previous = open_lists.get(step.family)
                if previous is not None:
                    problem = _judge(previous, step)
                    if problem:
                        yield Issue(step.start, step.end, problem)
                open_lists[step.family] = step

    @staticmethod
    def _frames(paragraph: TextParagraph) -> Iterator[Issue]:
        """首先 / 其次 / 再次 / 最后 within one paragraph."""
        seen: list[re.Match[str]] = []
        base = paragraph.start
        for match in _FRAME.finditer(paragraph.text):
            word = match[1]
            words = [m[1] for m in seen]
            span = (base + match.start(), base + match.end())
            if word == "首先" and "首先" in words and "其次" not in words:
                yield Issue(*span, "“首先”重复：前面已有“首先”")
            elif word == "其次" and words and words[-1] == "其次":
                yield Issue(*span, "“其次”重复：前面已有“其次”，应为“再次”或“最后”")
            elif word in ("其次", "再次") and "最后" in words and word not in words[-1:]:
                yield Issue(*span, f"“{word}”排在“最后”之后，次序颠倒")
            elif word == "最后" and words and words[-1] == "最后":
                yield Issue(*span, "“最后”重复：前面已有“最后”")
            if word == "首先":
                seen = []
            seen.append(match)
