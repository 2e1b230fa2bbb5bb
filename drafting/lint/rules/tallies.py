"""Figures in one sentence that contradict each other (S111): 受理25件、办结30件; a 采用率
over 100%; a part (其中) larger than its whole."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from drafting.anatomy.parts import PROSE
from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc, Sentence
from drafting.zh.patterns import lazy_re

_NUMBER = r"(\d+(?:\.\d+)?)\s*(万|亿)?"
_UNITS = (
    "人次|平方公里|公里|万元|亿元|元|个|家|所|人|名|件|项|起|条|座|户|辆|台|套|亩|吨|场|次|篇|部|批|"
    "宗|份|处"
)
#: Shares that cannot pass 100%: a rate of what was done among what was asked for.
_RATE = lazy_re(
    r"(采用率|结案率|办结率|合格率|覆盖率|满意率|参保率|(?<!毛)入学率|出勤率|知晓率|回复率|答复率|办复率|"
    r"及时率|通过率|达标率|普及率|好评率|准确率|正确率|到位率|出席率|签约率|受理率|执行率|落实率|"
    r"完好率|接种率|知晓度|占比|比重)"
    r"(?:分别)?(?:为|达到|达|是|已达|提高到|提高至|提升到|提升至|上升到|上升至|保持在|稳定在|超过)?"
    r"\s*(\d+(?:\.\d+)?)\s*[%％]",
    first="[采结办合覆满参入出知回答及通达普好准正到签受执落完接占比]",
)
_SHARE_OF = lazy_re(r"占[^，。；！？]{1,15}?的\s*(\d+(?:\.\d+)?)\s*[%％]", first="占")
#: Words after which a rate is a change, not a share (增长120%, 提高120% without 到).
_CARRY_OVER = lazy_re(r"结转|往年|上年|历年|累计|遗留|积案|存量|以前|此前|前期")
#: What was asked for and what was done with it, in the order they are reported.
_WHOLE = r"受理|收到|接收|收集|征集|登记|接到|交办|转办"
_PART = r"办结|办理完毕|答复|回复|采纳|采用|结案|办复|化解|处理完毕|处置完毕|立案"
_ASKED = lazy_re(
    rf"(?:{_WHOLE})[^，。；！？\d]{{0,10}}?{_NUMBER}({_UNITS})", first="[受收接征登交转]"
)
_DONE = lazy_re(
    rf"(?:{_PART})[^，。；！？\d]{{0,10}}?{_NUMBER}({_UNITS})", first="[办答回采结化处立]"
)
_TOTAL = lazy_re(rf"{_NUMBER}({_UNITS})", first=r"\d")
_AMONG = lazy_re(rf"其中[^。；！？\d]{{0,16}}?{_NUMBER}({_UNITS})", first="其")


#: Where a contradiction can be: a rate or share with a number, 其中, a word of what was done.
_TRIGGER = lazy_re(
    r"率|占|比重|其中|办结|办理完毕|答复|回复|采纳|采用|结案|办复|化解|处理完毕|处置完毕|立案"
)
_SENTENCE_MARK = lazy_re(r"[。！？；;\n]")


def _candidates(text: str) -> Iterator[Sentence]:
    """The sentences (split at 。！？；) holding a trigger word, each once, without splitting
    the whole text: a megabyte has some 24,000 sentences and a few hundred candidates."""
    end = -1
    for match in _TRIGGER.finditer(text):
        if match.start() < end:
            continue
        before = text.rfind("\n", 0, match.start())
        start = max(
            (
                m.end()
                for m in _SENTENCE_MARK.finditer(
                    text, max(before + 1, match.start() - 300), match.start()
                )
            ),
            default=max(before + 1, match.start() - 300),
        )
        found = _SENTENCE_MARK.search(text, match.end())
        end = found.end() if found else len(text)
        if found and found.group() == "\n":
            end -= 1
        yield Sentence(start, end, text[start:end], -1)


def _value(number: str, scale: str | None) -> float:
    return float(number) * {"万": 1e4, "亿": 1e8}.get(scale or "", 1)


@register
class FigureContradiction(Rule):
    code = "S111"
    name = "figure-contradiction"
    severity = Severity.WARNING
    parts = PROSE
    what = (
        "一句中明显自相矛盾的数字：办结数大于受理数（受理25件、办结30件）、采纳数大于收到数；"
        "采用率、结案率、满意率、覆盖率、占比等比率超过100%；“其中”所说的部分大于它前面"
        "同一单位的总数（共有学校120所，其中小学150所）。句中说明了结转、往年积案、累计的不报；"
        "“增长120%”“完成计划的120%”之类的变化率和完成率不报。"
    )
    why = (
        "总结、报告里的数字互相矛盾，读者会怀疑全部数据；这类错误多是改稿时只改了一处数字。"
        "《党政机关公文处理工作条例》要求公文“情况确实”“数据准确”。"
    )
    bad = "全年共受理群众来信25件，办结30件，采用率达120%。"
    good = "全年共受理群众来信30件，办结25件，采用率达80%。"
    example_genre = "summary"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for sentence in _candidates(doc.text):
            text = sentence.text
            yield from self._rates(sentence)
            if _CARRY_OVER.search(text):
                continue
            yield from self._asked_and_done(sentence)
            yield from self._part_and_whole(sentence)

    @staticmethod
    def _rates(sentence: Sentence) -> Iterator[Issue]:
        text, base = sentence.text, sentence.start
        for pattern, group in ((_RATE, 2), (_SHARE_OF, 1)):
            for match in pattern.finditer(text):
                if float(match[group]) > 100:
                    yield Issue(
                        base + match.start(),
                        base + match.end(),
                        f"“{match.group()}”：比率不可能超过100%，请核对数字",
                    )

    @staticmethod
    def _asked_and_done(sentence: Sentence) -> Iterator[Issue]:
        text, base = sentence.text, sentence.start
        asked = list(_ASKED.finditer(text))
        for done in _DONE.finditer(text):
            before = [m for m in asked if m.end() <= done.start() and m[3] == done[3]]
            if not before:
                continue
            whole = before[-1]
            if _value(done[1], done[2]) > _value(whole[1], whole[2]):
                yield Issue(
                    base + done.start(),
                    base + done.end(),
                    f"“{done.group()}”多于前面的“{whole.group()}”，请核对数字",
                )

    @staticmethod
    def _part_and_whole(sentence: Sentence) -> Iterator[Issue]:
        text, base = sentence.text, sentence.start
        for among in _AMONG.finditer(text):
            clause = _clause_before(text, among.start())
            totals = [
                m
                for m in _TOTAL.finditer(text, clause, among.start())
                if m[3] == among[3] and not _is_part_of_larger(text, m)
            ]
            if not totals or _CHANGE.search(text, clause, totals[-1].start()):
                continue
            whole = totals[-1]
            if _value(among[1], among[2]) > _value(whole[1], whole[2]):
                yield Issue(
                    base + among.start(),
                    base + among.end(),
                    f"“其中”的部分“{text[among.start(1) : among.end()]}”大于总数"
                    f"“{whole.group()}”，请核对数字",
                )


_CLAUSE_MARK = lazy_re(r"[，,；;：:]")
#: A figure after these is a change (增加1193万辆), not a total the part can be compared with.
_CHANGE = lazy_re(r"增|减|降|升|提高|多|少|比|较|同比|环比|超|净")


def _clause_before(text: str, end: int) -> int:
    """Where the clause before ``end`` (the one a “，其中” follows) starts."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, 0, max(0, end - 1))]
    return marks[-1] if marks else 0


def _is_part_of_larger(text: str, match: re.Match[str]) -> bool:
    """A figure inside a larger one (2026年, 1.5 of 11.5) is not a total: the character before
    it continues the number."""
    start = match.start()
    return start > 0 and (text[start - 1].isdigit() or text[start - 1] == ".")
