"""Typos that only context shows: a character doubled across a word boundary (T403: 工作作要求,
我们们), and homophones or near-forms that are words elsewhere but wrong here (T404: 从一下几个
方面, 增强主动型, 考虑的更周到), both read against jieba's word boundaries."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from drafting import lexicon
from drafting.lint.rule import Issue, Needs, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.zh.chars import is_ideograph
from drafting.zh.patterns import words_pattern

# -- T403 doubled characters --------------------------------------------------------------------

#: Single-character words that often stand before a word opening with the same character
#: (他会会见, 要要求): a doubling there may be right, so T403 does not judge it.
_FUNCTION_CHARS = frozenset(
    "会要在有是的了和与及对为从向把被让将能可也都就还又再才很最更比等个上下中大小多不一人好高说"
    "看想做用到去来给跟同由以于并而且或之其这那每各该本此全新老年月日天次作至"
)
#: Function words that never stand before their own last character as a word of its own
#: (关于于, 既要要): a doubling after them is a slip even though the character is common.
_FUNCTION_WORDS = frozenset(
    [
        "关于",
        "对于",
        "由于",
        "至于",
        "鉴于",
        "基于",
        "属于",
        "等于",
        "在于",
        "于是",
        "为了",
        "认为",
        "只要",
        "需要",
        "还要",
        "就要",
        "既要",
        "也要",
        "都要",
        "不要",
        "但是",
        "还是",
        "也是",
        "都是",
        "而是",
        "可是",
        "只是",
        "不是",
        "正是",
    ]
)
#: Single-character words that take a word opening with their own character as object or
#: complement (会|会见, 要|要求, 对|对方, 有|有关): a doubling after them may be right.
_TAKERS = frozenset(
    "会要对在有是的了将和与把让给比以能也都就还又再才很最更不一个上下中大小多人好高说看想做用到去来"
)
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
#: How often jieba's dictionary must have seen a doubled pair for it to count as a word.
_WORD_FREQ = 100


def _freq(word: str) -> int:
    from drafting.zh import segment

    return segment.tokenizer().FREQ.get(word) or 0


def _known(word: str) -> bool:
    """A word of jieba's dictionary (not one its HMM made up for unknown characters)."""
    return _freq(word) > 0


@cache
def _reduplication_ok() -> frozenset[str]:
    return frozenset(lexicon.words("reduplication_ok.txt"))


def _doubled_at(texts: list[str], i: int) -> bool:
    """Whether words ``i`` and ``i + 1`` hold a doubled character across their boundary that
    is a slip, not two words meeting (为了|了解, 生产|产品, 他会|会见)."""
    left, right = texts[i], texts[i + 1]
    char = left[-1]
    if char != right[0] or not is_ideograph(char) or left == right:
        return False  # the same word twice is P210's
    if char in _NUMERALS:
        return False  # 十五|五: a number
    if len(right) == 1 and len(left) > 1:  # 工作|作, 我们|们 (not 一步|步: 一步步 is right)
        if left in _FUNCTION_WORDS:
            return True  # 关于|于, 既要|要: a function word cannot take itself again
        return (
            char not in _FUNCTION_CHARS  # 目的|的, 安全|全链条: a word of its own
            and char + char not in _reduplication_ok()
            and left != "一" + char
        )
    if len(left) == 1 and len(right) > 1:  # 工|工作 (not 他会|会见, 要|要求)
        return char not in _TAKERS and _known(right) and not _known(left + right[:1])
    return False  # two words meeting (为了|了解, 教师|师德, 太湖|湖体)


def _doubled_token(texts: list[str], i: int, text: str, start: int) -> bool:
    """A doubled pair cut as one word after a character that forms a word with its first half
    (省市县县: 市县 is a word, 县县 a rare one), not 县县通 (each county)."""
    word = texts[i]
    if len(word) != 2 or word[0] != word[1] or not is_ideograph(word[0]) or start == 0:
        return False
    before = text[start - 1]
    return (
        is_ideograph(before)
        and _freq(word) < _WORD_FREQ
        and _freq(before + word[0]) >= 5
        and word not in _reduplication_ok()
    )


@register
class DoubledCharacter(Rule):
    code = "T403"
    name = "doubled-character"
    severity = Severity.INFO
    needs = Needs.WORDS
    supersedes = frozenset({"P210"})
    what = (
        "多打了一个字：同一个字在词界两边重复（工作作要求、我们们、进一步步、省市县县），"
        "按 jieba 分词判断。两个词恰好首尾同字（为了了解、生产产品、工作作风、他会会见）、"
        "词典收录的叠词（人人、天天、实实在在、一天天）和 corpus/reduplication_ok.txt 中的"
        "重叠式不报；整个词重复（的的、进一步进一步）归 P210。"
    )
    why = (
        "多打一个字是录入和改稿时最常见的硬伤之一，逐字校对时也容易看漏，"
        "因为每个字单看都对。印成正式文件是一眼可见的差错。"
    )
    bad = "我们们要加强强管理，逐项抓好落实。"
    good = "我们要加强管理，逐项抓好落实，转变工作作风。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        texts, starts, ends = doc.cut
        text = doc.text
        for i in range(len(texts) - 1):
            if ends[i] != starts[i + 1]:
                continue
            if texts[i][-1] == texts[i + 1][0] and _doubled_at(texts, i):
                at = ends[i] - 1
                yield Issue(at, at + 2, _message(text[at]))
        for i, word in enumerate(texts):
            if len(word) == 2 and word[0] == word[1] and _doubled_token(texts, i, text, starts[i]):
                yield Issue(starts[i], ends[i], _message(word[0]))


def _message(char: str) -> str:
    return f"“{char}{char}”疑为多打了一个“{char}”，删去一个"


# -- T404 context typos -------------------------------------------------------------------------


@dataclass(frozen=True)
class Confusion:
    """One entry of corpus/confusion_set.txt."""

    wrong: str
    right: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    before_not: bool
    after_not: bool
    source: str
    kind: str


def _context(pattern: str, *, before: bool) -> tuple[re.Pattern[str] | None, bool]:
    if not pattern:
        return None, False
    negative = pattern.startswith("!")
    body = pattern[1:] if negative else pattern
    return re.compile(f"(?:{body})$" if before else body), negative


@cache
def confusions() -> dict[str, tuple[Confusion, ...]]:
    """The confusion set by wrong form."""
    out: dict[str, list[Confusion]] = {}
    for row in lexicon.rows("confusion_set.txt"):
        cells = [*row, "", "", "", ""][:6]
        wrong, right, before, after, source, kind = cells
        before_re, before_not = _context(before, before=True)
        after_re, after_not = _context(after, before=False)
        entry = Confusion(
            wrong, right, before_re, after_re, before_not, after_not, source, kind or "形近"
        )
        out.setdefault(wrong, []).append(entry)
    return {wrong: tuple(entries) for wrong, entries in out.items()}


def _by_context(entry: Confusion) -> bool:
    """An entry found by its context rather than by its word: a single common character
    (的) with a context before it, searched as ``context + character`` in one scan."""
    return len(entry.wrong) == 1 and entry.before is not None and not entry.before_not


@cache
def _finder() -> re.Pattern[str]:
    words = [w for w, entries in confusions().items() if not all(map(_by_context, entries))]
    return words_pattern(words)


@cache
def _context_finders() -> tuple[tuple[re.Pattern[str], Confusion], ...]:
    out = []
    for entries in confusions().values():
        for entry in entries:
            if _by_context(entry) and entry.before is not None:
                before = (
                    entry.before.pattern.removesuffix("$").removeprefix("(?:").removesuffix(")")
                )
                out.append((re.compile(f"(?:{before})({re.escape(entry.wrong)})"), entry))
    return tuple(out)


_CLAUSE = re.compile(r"[。！？；\n]")
_REACH = 30


def _fits(entry: Confusion, text: str, start: int, end: int) -> bool:
    if entry.before is not None:
        found = entry.before.search(text, max(0, start - _REACH), start) is not None
        if found == entry.before_not:
            return False
    if entry.after is not None:
        stop = _CLAUSE.search(text, end)
        limit = min(stop.start() if stop else len(text), end + _REACH)
        found = entry.after.match(text, end, limit) is not None
        if found == entry.after_not:
            return False
    return True


@register
class ContextTypo(Rule):
    code = "T404"
    name = "context-typo"
    severity = Severity.WARNING
    needs = Needs.WORDS
    supersedes = frozenset({"T402"})
    what = (
        "在别处是词、在这里却是别字的同音、近音和形近误写（corpus/confusion_set.txt）："
        "“从一下几个方面”应为“以下”，“增强主动型”应为“主动性”，“必需要”应为“必须”，"
        "“过度期”应为“过渡期”、“过渡使用”应为“过度使用”，“既使……也”应为“即使”，"
        "“象……一样”应为“像”，“考虑的更周到”应为“得”，“认真的落实了”应为“地”。"
        "误写须与 jieba 的词界对齐（“形象”里的“象”不算），并符合表中给出的前后文；"
        "提示中注明是同音、音近还是形近（表中的类别按 pypinyin 的读音定出，不计声调）。"
    )
    why = (
        "这类别字每个词单看都对，拼写检查查不出，却是《咬文嚼字》历年公布的常见差错；"
        "只在语境能确定时才报，宁缺毋滥。"
    )
    bad = "下面从一下几个方面谈谈如何增强工作的主动型。"
    good = "下面从以下几个方面谈谈如何增强工作的主动性，请大家再讨论一下。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        text = doc.text
        cut = doc.cut
        table = confusions()
        for pattern, entry in _context_finders():
            for match in pattern.finditer(text):
                start, end = match.span(1)
                if _on_boundaries(cut, start, end) and _fits(entry, text, start, end):
                    yield self._issue(entry, start, end)
        for match in _finder().finditer(text):
            start, end = match.span()
            if not _on_boundaries(cut, start, end):
                continue
            for entry in table[match.group()]:
                if not _by_context(entry) and _fits(entry, text, start, end):
                    yield self._issue(entry, start, end)
                    break

    @staticmethod
    def _issue(entry: Confusion, start: int, end: int) -> Issue:
        return Issue(start, end, f"“{entry.wrong}”应为“{entry.right}”（{entry.kind}误写）")


def _on_boundaries(cut: Any, start: int, end: int) -> bool:
    """Whether ``[start, end)`` begins where a word begins and ends where a word ends; inside a
    word that jieba's HMM made up for unknown text (活来象), every character is a boundary."""
    starts, ends, texts = cut.starts, cut.ends, cut.texts
    i = bisect.bisect_right(starts, start) - 1
    j = bisect.bisect_left(ends, end)
    if i < 0 or j >= len(ends):
        return False
    return (starts[i] == start or not _known(texts[i])) and (ends[j] == end or not _known(texts[j]))
