"""Helpers shared by the structure and phrasing rules: lexicon matching and sentence spans.

Lexicon entries are found as substrings (longest entry first, no overlaps). An entry of one or
two characters counts only where jieba's cut puts a word boundary at both of its ends, so that
挺 in 挺拔 or 啥 in 啥子 … do not match on their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from drafting import lexicon
from drafting.sources.document import PreparedDoc, Sentence
from drafting.zh.segment import Token

#: Entries this short must line up with jieba's word boundaries.
SHORT = 2

_SPACE = " \t\u3000\r"
_FIRST_PERSON = ("我", "我们", "笔者", "本文", "本人", "咱们")
_CLAUSE_END = "，：:；,"


@cache
def _pattern(filename: str) -> re.Pattern[str] | None:
    """The entries of ``corpus/filename`` as one pattern, longest first: a plain join, which
    for lists this short compiles (and mostly scans) faster than a ``words_pattern`` tree."""
    entries = sorted(set(lexicon.words(filename)), key=len, reverse=True)
    if not entries:
        return None
    return re.compile("|".join(re.escape(e) for e in entries))


def find_terms(doc: PreparedDoc, filename: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans ``[a, b)`` in ``doc.text`` where an entry of ``corpus/filename`` occurs: those a
    search of ``[start, end)`` alone finds, read off one search of the whole text."""
    pattern = _pattern(filename)
    if pattern is None or start >= end:
        return []
    hits = doc.occurrences(pattern).within(start, end)
    if hits and any(b - a <= SHORT for a, b in hits):
        words = doc.words_in(start, end)
        starts = {w.start for w in words}
        ends = {w.end for w in words}
        hits = [(a, b) for a, b in hits if b - a > SHORT or (a in starts and b in ends)]
    return hits


def quoted(items: Iterable[str]) -> str:
    """“甲”“乙” — the Chinese way to name several words in a message."""
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return "".join(f"“{item}”" for item in seen)


def trimmed(doc: PreparedDoc, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without leading or trailing spaces (also full-width ones)."""
    while start < end and doc.text[start] in _SPACE:
        start += 1
    while end > start and doc.text[end - 1] in _SPACE:
        end -= 1
    return start, end


def sentence_span(doc: PreparedDoc, sentence: Sentence) -> tuple[int, int]:
    return trimmed(doc, sentence.start, sentence.end)


def body_sentences(doc: PreparedDoc) -> list[Sentence]:
    """Sentences of body paragraphs (not the title, not table cells), in order."""
    body = {p.index for p in doc.body}
    return [s for s in doc.sentences() if s.paragraph in body and s.text.strip()]


def quote_lead(doc: PreparedDoc, start: int, end: int) -> int | None:
    """End of the lead-in when the sentence ``[start, end)`` reports what someone else said.

    The first clause must end with a quote verb that has a subject before it (××报告指出，
    ××同志强调：), or the sentence opens with a quotation followed by ××说 / ××指出. A first-person
    subject (我们、笔者) is the writer speaking, and a clause opening with a preposition
    (按照省委要求，根据会议要求，) gives a basis; neither is a quotation.
    """
    text = doc.text
    clause_start = start
    if text.startswith("“", start) and "”" in text[start:end]:
        clause_start = text.index("”", start, end) + 1
        while clause_start < end and text[clause_start] in _CLAUSE_END:
            clause_start += 1
    rest = text[clause_start:end]
    cut = next((i for i, ch in enumerate(rest) if ch in _CLAUSE_END + "。"), len(rest))
    clause_end = clause_start + cut
    if clause_end >= end or text.startswith(_FIRST_PERSON, clause_start):
        return None
    says = clause_start > start and clause_start < clause_end and text[clause_end - 1] == "说"
    if not says:
        verbs = find_terms(doc, "quote_verbs.txt", clause_start, clause_end)
        if not (verbs and verbs[-1][1] == clause_end and verbs[-1][0] > clause_start):
            return None
    # tagged only now, for the few clauses that end with a quote verb: tagging is slow
    words = doc.tag(clause_start, clause_end)
    if words and words[0].flag == "p" and words[0].word != "在":
        return None  # 按照省委要求，…… / 根据会议要求，……: a basis, not a quotation
    return clause_end


PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
_FAMILIAR = ("老", "小")


@cache
def _names_lexicon(filename: str) -> frozenset[str]:
    return frozenset(lexicon.words(filename))


def _has_surname(word: str) -> bool:
    surnames = _names_lexicon("surnames.txt")
    if len(word) == 2 and word[0] in _FAMILIAR and word[1] in surnames:
        return True  # 老李、小王
    if word[:2] in surnames:
        return 3 <= len(word) <= 4  # 欧阳修、司马光明
    return word[:1] in surnames and 2 <= len(word) <= 3


def person_name(words: list[Token], i: int) -> str | None:
    """The person's name at ``words[i]`` when jieba tags it ``nr`` and it looks like a name.

    jieba tags many plain nouns ``nr`` (柳树、春耕、银行卡), so the tag alone is not enough.
    A one-character tagged surname (``corpus/surnames.txt``) is a name only with a title or a
    tagged given name after it (张/女士, 赵/德才). A longer tagged word is a name when it is
    followed by a person title or a verb of speech (``corpus/person_titles.txt``,
    ``speech_verbs.txt``: 李秀兰/老人、老李/说), or when it is two or three characters long (four
    with a compound surname) and starts with a surname, or is 老/小 + surname (老李、小王);
    never when it is a title itself or a known mis-tag (``corpus/not_names.txt``). A
    one-character surname jieba leaves untagged before a given name is joined to it (王/秀英).
    """
    w = words[i]
    if w.flag not in PERSON_TAGS:
        return None
    surnames = _names_lexicon("surnames.txt")
    titles = _names_lexicon("person_titles.txt")
    after = words[i + 1] if i + 1 < len(words) and words[i + 1].start == w.end else None
    before = words[i - 1] if i and words[i - 1].end == w.start else None
    if len(w.word) == 1:
        if w.word not in surnames or after is None:
            return None
        if after.word in titles or (after.flag in PERSON_TAGS and len(after.word) <= 2):
            return w.word + after.word  # 张/女士, 赵/德才
        return None
    if w.word in titles or w.word in _names_lexicon("not_names.txt"):
        return None
    spoken = after is not None and (
        after.word in titles or after.word in _names_lexicon("speech_verbs.txt")
    )
    if not (spoken or _has_surname(w.word)):
        return None
    if before is not None and len(w.word) == 2 and before.word in surnames:
        return before.word + w.word  # 王/秀英 when jieba tags only the given name
    return w.word
