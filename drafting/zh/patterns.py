"""Regular expressions for the rules: compiled on first use, and word lists as one fast pattern.

The rule modules hold about a hundred patterns, many with large classes of Chinese characters;
compiling them all at import cost ``drafting rules`` (which only lists the rules) about as much
as importing click. :func:`lazy_re` defers each compilation to the pattern's first use.

:func:`words_pattern` turns a word list (typos, florid words …) into one pattern that finds
the same matches as ``"|".join`` of the words longest first, several times faster on a
megabyte: the words are merged into a tree by their characters, and a look-ahead on the first
two characters lets the scan skip most positions without entering the alternation.
:func:`char_class` writes a set of characters (traditional forms, uncommon ideographs) as one
class, and :class:`CharRuns` finds runs of them, instead of a ``str.translate`` per character.
Compiling such a class, or a word tree, costs some 20 ms: a process's first ``SCAN_BUDGET``
characters are scanned in Python instead (:class:`CharRuns`, :class:`WordFinder`), so the lint
of one page does not pay for the patterns a megabyte needs.
:class:`Occurrences` searches a whole text for a word list once and reads the matches of each
sentence or paragraph off that one scan, instead of a search per sentence and per paragraph.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable, Container, Iterable, Iterator
from functools import cached_property, partial
from typing import Any, cast

_BOUND = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A pattern compiled on the first use of any of its attributes; its methods are then kept
    on the instance, so later calls go straight to the compiled pattern's.

    sre scans quickly only for a pattern that opens with a plain character or class; one that
    opens with a look-behind or a repeat (``(?<![0-9])\\d{4}年``) is tried at every position
    of the text. ``first``, when given, is a pattern of one character (a class, perhaps with a
    look-ahead: ``\\d(?=\\d{3}年)``) that matches at least wherever a match can start; it opens
    with a class, so sre finds its places at C speed, and :meth:`finditer` and :meth:`search`
    try the pattern only there, giving the same matches (tests/zh/test_patterns.py checks
    every such pair on random text)."""

    def __init__(self, pattern: str, flags: int = 0, first: str | None = None) -> None:
        self.pattern = pattern
        self.first = first
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # private names, copy and pickle probes: never compile for them
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in _BOUND:
            setattr(self, attr, getattr(compiled, attr))
        if self.first is not None:
            starts = re.compile(self.first)
            self.finditer = partial(_finditer, compiled, starts)  # type: ignore[method-assign]
            self.search = partial(_search, compiled, starts)  # type: ignore[method-assign]
        return getattr(self, name) if name in _BOUND else getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re({self.pattern!r})"


def _finditer(
    pattern: re.Pattern[str],
    starts: re.Pattern[str],
    string: str,
    pos: int = 0,
    endpos: int = sys.maxsize,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(string, pos, endpos)``, trying only where ``starts`` matches."""
    match_at = pattern.match
    resume = pos
    for start in starts.finditer(string, pos, endpos):
        at = start.start()
        if at < resume:
            continue  # inside the previous match
        found = match_at(string, at, endpos)
        if found:
            yield found
            resume = found.end()


def _search(
    pattern: re.Pattern[str],
    starts: re.Pattern[str],
    string: str,
    pos: int = 0,
    endpos: int = sys.maxsize,
) -> re.Match[str] | None:
    return next(_finditer(pattern, starts, string, pos, endpos), None)


def lazy_re(pattern: str, flags: int = 0, *, first: str | None = None) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used (typed as the pattern it is);
    ``first``: the class of characters every match starts with (see :class:`LazyPattern`)."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags, first))


Ranges = list[tuple[int, int]]  # inclusive code point ranges, sorted


def ranges_of(chars: Iterable[str]) -> Ranges:
    """The code points of the single characters among ``chars`` as merged ranges."""
    out: Ranges = []
    for code in sorted({ord(c) for c in chars if len(c) == 1}):
        if out and out[-1][1] + 1 == code:
            out[-1] = (out[-1][0], code)
        else:
            out.append((code, code))
    return out


def ranges_without(ranges: Ranges, chars: Iterable[str]) -> Ranges:
    """``ranges`` with the single characters among ``chars`` taken out."""
    holes = sorted({ord(c) for c in chars if len(c) == 1})
    out: Ranges = []
    for low, high in ranges:
        start = low
        for code in holes:
            if low <= code <= high:
                if code > start:
                    out.append((start, code - 1))
                start = code + 1
        if start <= high:
            out.append((start, high))
    return out


def char_class(ranges: Ranges) -> str:
    """A character class (``[…]``) of ``ranges``; sre tests it in constant time per character,
    so ``char_class(…) + "+"`` finds runs of a few thousand characters in one C-speed pass."""
    if not ranges:
        return r"[^\x00-\U0010ffff]"  # matches nothing
    parts = (
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return "[" + "".join(parts) + "]"


_ASTRAL = lazy_re("[\U00010000-\U0010ffff]")


#: Characters a process scans in Python (:class:`CharRuns`, :class:`WordFinder`) before it
#: compiles the pattern: compiling a class of thousands of characters, or the typo tree, costs
#: about 20 ms, about what the word scan takes on 50,000 characters (the class scan: 2–3 ms).
SCAN_BUDGET = 50_000


class CharRuns:
    """Finds the runs of characters from a set (given as ranges), at C speed.

    sre tests the characters below U+10000 of a class in one table look-up, but those above it
    one by one, after the table: a class with hundreds of rare characters of extension B would
    make every common character pay hundreds of comparisons. So a text without such characters
    (nearly every text) is searched with the class cut to U+FFFF, which finds the same runs.

    Until the process has scanned :data:`SCAN_BUDGET` characters, texts are scanned in Python
    instead: the distinct characters of the text are looked up in the ranges, and only a text
    holding a member is walked; the runs are the same (tests/zh/test_patterns.py)."""

    def __init__(
        self, ranges: Ranges | Callable[[], Ranges], chars: Container[str] | None = None
    ) -> None:
        """``ranges``, or a function giving them when the pattern is first compiled; ``chars``,
        when given, holds the same characters, for the Python scan (else the ranges do)."""
        self._make_ranges = ranges
        self._chars = chars
        self._scanned = 0

    @cached_property
    def _ranges(self) -> Ranges:
        return self._make_ranges() if callable(self._make_ranges) else self._make_ranges

    @cached_property
    def _lows(self) -> list[int]:
        return [low for low, _ in self._ranges]

    @cached_property
    def _all(self) -> re.Pattern[str]:
        return re.compile(char_class(self._ranges) + "+")

    @cached_property
    def _bmp(self) -> re.Pattern[str]:
        bmp = [(low, min(high, 0xFFFF)) for low, high in self._ranges if low <= 0xFFFF]
        return re.compile(char_class(bmp) + "+") if bmp != self._ranges else self._all

    def _pattern(self, text: str) -> re.Pattern[str]:
        return self._all if _ASTRAL.search(text) else self._bmp

    def _member(self, char: str) -> bool:
        if self._chars is not None:
            return char in self._chars
        code = ord(char)
        at = bisect.bisect_right(self._lows, code) - 1
        return at >= 0 and code <= self._ranges[at][1]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[start, end)`` of each run, in order."""
        self._scanned += len(text)
        if self._scanned > SCAN_BUDGET:
            return [match.span() for match in self._pattern(text).finditer(text)]
        members = {char for char in set(text) if self._member(char)}
        return _runs_among(text, members) if members else []


def _runs_among(text: str, members: set[str]) -> list[tuple[int, int]]:
    """``[start, end)`` of each run of characters from ``members`` in ``text``."""
    spans: list[tuple[int, int]] = []
    start = -1
    for i, char in enumerate(text):
        if char in members:
            if start < 0:
                start = i
        elif start >= 0:
            spans.append((start, i))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return spans


_END = ""  # the key marking, in the word tree, that a word ends at this node


def _tree(words: Iterable[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _branches(node: dict[str, Any]) -> str:
    """The pattern of the words below ``node``: longer continuations are tried before a word
    that ends here, so the longest word at a position wins (as in a longest-first join)."""
    alternatives = [re.escape(char) + _branches(node[char]) for char in sorted(node) if char]
    if not alternatives:
        return ""
    if len(alternatives) == 1 and _END not in node:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")" + ("?" if _END in node else "")


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(set(chars))) + "]"


_GROUP = 40  # first characters per group of the top-level alternation


def words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One compiled pattern finding ``words``: at each position the longest word there, like
    ``re.compile("|".join(longest first))``. An empty word (which would match everywhere) or
    no words at all fall back to exactly that join."""
    words = set(words)
    if not words or "" in words:
        return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    root = _tree(words)
    firsts = sorted(root)
    # the top level tried group by group: a class test skips a whole group at once
    groups = [firsts[i : i + _GROUP] for i in range(0, len(firsts), _GROUP)]
    top = "|".join(
        f"(?={_char_class(group)})(?:"
        + "|".join(re.escape(char) + _branches(root[char]) for char in group)
        + ")"
        for group in groups
    )
    ahead = _char_class(w[0] for w in words)
    if all(len(w) >= 2 for w in words):
        ahead += _char_class(w[1] for w in words)
    return re.compile(f"(?={ahead})(?:{top})")


class WordFinder:
    """Finds ``words`` like :func:`words_pattern` (at each position the longest word there,
    without overlaps), compiling that pattern only once the process has scanned
    :data:`SCAN_BUDGET` characters; before, a Python scan tries at each position the words
    that start with the two characters there (tests/zh/test_patterns.py checks both agree)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = frozenset(words)
        self._pattern: re.Pattern[str] | None = None
        self._scanned = 0
        self._by_start: dict[str, list[str]] | None = None

    def _starts(self) -> dict[str, list[str]]:
        """The words by their first two characters (a one-character word by that one), each
        list longest first."""
        if self._by_start is None:
            by_start: dict[str, list[str]] = {}
            for word in sorted(self._words, key=len, reverse=True):
                by_start.setdefault(word[:2], []).append(word)
            self._by_start = by_start
        return self._by_start

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[start, end)`` of each word found, in order."""
        self._scanned += len(text)
        plain = self._words and "" not in self._words  # else the join: empty matches
        if self._pattern is None and (not plain or self._scanned > SCAN_BUDGET):
            self._pattern = words_pattern(self._words)
        if self._pattern is not None:
            return [match.span() for match in self._pattern.finditer(text)]
        return self._scan(text)

    def _scan(self, text: str) -> list[tuple[int, int]]:
        by_start = self._starts()
        spans: list[tuple[int, int]] = []
        i, end = 0, len(text)
        while i < end:
            found = None
            for key in (text[i : i + 2], text[i]):
                for word in by_start.get(key, ()):
                    if text.startswith(word, i):
                        found = word
                        break
                if found or len(key) == 1:
                    break
            if found:
                spans.append((i, i + len(found)))
                i += len(found)
            else:
                i += 1
        return spans


class Occurrences:
    """The matches of a word-list pattern in one text, found in one scan: :meth:`within` gives
    those of any stretch ``[start, end)``, the same as ``pattern.finditer(text, start, end)``.

    For a pattern of literal words (:func:`words_pattern`, or their escaped join; no anchors,
    look-behinds or negative look-aheads, never an empty match). The scan of the whole text
    tries every position that is not inside a match, and a match found there needs no text
    beyond its end; so a search of the stretch meets the same matches as the whole scan from
    ``start`` on, unless a match of the whole text straddles ``start`` or ``end``. Such a
    stretch is searched on its own (tests/zh/test_patterns.py checks this on random text)."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern = pattern
        self._text = text
        self._spans = [match.span() for match in pattern.finditer(text)]
        self._starts = [a for a, _ in self._spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """``[a, b)`` of each match in ``text[start:end]``, as offsets into ``text``."""
        spans = self._spans
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end, i)  # spans[i:j] start inside the stretch
        if (i and spans[i - 1][1] > start) or (j > i and spans[j - 1][1] > end):
            return [match.span() for match in self.pattern.finditer(self._text, start, end)]
        return spans[i:j]
