"""jieba, loaded once per process and only when a selected rule needs words.

The project's user dictionary of official terms (``corpus/userdict.txt``) is added on load.
jieba's dictionary cache lives in the user's cache folder (``$XDG_CACHE_HOME/drafting`` or
``~/.cache/drafting``), not in a shared temp path. Part-of-speech tagging is about six times
slower than plain cutting, so it is offered per span, not for the whole text.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable
from functools import cache
from itertools import accumulate, compress, repeat
from pathlib import Path
from typing import Any, NamedTuple

from drafting.resources import corpus_file


class Token(NamedTuple):
    """A word and its ``[start, end)`` offsets in the text it was cut from; ``flag`` is its POS.

    A named tuple rather than a frozen dataclass: a megabyte of text is 200,000 words, and a
    tuple is made several times faster (about 0.4 s less per megabyte)."""

    word: str
    start: int
    end: int
    flag: str = ""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "drafting"


@cache
def tokenizer() -> Any:
    """The process-wide jieba tokenizer with the user dictionary loaded."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(folder)
    except OSError:
        pass  # an unwritable cache folder only costs the cache, not the result
    jieba.dt.initialize()
    userdict = corpus_file("userdict.txt")
    if userdict.exists():
        jieba.dt.load_userdict(str(userdict))
    return jieba.dt


@cache
def _pos_tokenizer() -> Any:
    """jieba.posseg's own tokenizer, built on :func:`tokenizer` (``jieba.dt``) when that module
    is imported: a second ``POSTokenizer`` would read the dictionary's tags again (about a
    second). A separate one only where :func:`tokenizer` is not ``jieba.dt``."""
    dt = tokenizer()
    import jieba.posseg

    if jieba.posseg.dt.tokenizer is dt:
        return jieba.posseg.dt
    return jieba.posseg.POSTokenizer(dt)


class Words(NamedTuple):
    """Words and their ``[start, end)`` offsets as three lists side by side. A megabyte is
    200,000 words: a :class:`Token` for each takes about 0.1 s to make, and the garbage
    collector's passes over them about half as much again, so tokens are made only for the
    words asked for."""

    texts: list[str]
    starts: list[int]
    ends: list[int]

    def tokens(self, i: int = 0, j: int | None = None) -> list[Token]:
        """The words ``i`` up to ``j`` (all by default) as tokens (made in C, no Python loop)."""
        words = zip(self.texts[i:j], self.starts[i:j], self.ends[i:j], repeat(""))
        return list(map(Token._make, words))

    def extend(self, texts: list[str], bounds: list[int], i: int, j: int) -> None:
        """Add the words ``texts[i:j]``, ``bounds`` being the offsets between the words."""
        self.texts.extend(texts[i:j])
        self.starts.extend(bounds[i:j])
        self.ends.extend(bounds[i + 1 : j + 1])


def _cut(text: str, offset: int = 0) -> tuple[list[str], list[int]]:
    """The words of ``text`` and the offsets (plus ``offset``) between them, one more."""
    words = tokenizer().lcut(text, HMM=True)
    return words, list(accumulate(map(len, words), initial=offset))


def cut(text: str, offset: int = 0) -> list[Token]:
    """Words of ``text`` with offsets (plus ``offset``), by jieba's default (accurate) mode."""
    words, bounds = _cut(text, offset)
    out = Words([], [], [])
    out.extend(words, bounds, 0, len(words))
    return out.tokens()


def cut_lines(text: str, breaks: Iterable[int], *, blank_runs: bool = False) -> Words:
    """The words of ``text`` as :func:`cut` gives them line by line: as if each stretch
    between the line breaks (``\\n``) at the offsets ``breaks`` were cut on its own, and the
    breaks were not words.

    jieba is called once for the whole text, which spares its per-call cost on thousands of
    short paragraphs. The words are the same: a line break is not among the characters jieba
    joins into words, so it cuts the text on either side of one as it cuts each alone, and
    gives the break as a word of its own, which is left out here. Only ``\\r\\n`` is one
    word to jieba: a text holding it is cut line by line.

    With ``blank_runs``, every line break is left out (a plain text reads a run of blank lines
    as one paragraph, line breaks and all), and a stretch of blank lines :data:`_LONG_RUN`
    characters or longer is not given to jieba at all (ten megabytes of empty lines would be
    ten million one-character words)."""
    breaks = sorted(breaks)
    if "\r\n" in text:
        out = _cut_each(text, breaks)
    else:
        words, bounds = _cut_runs(text) if blank_runs else _cut(text)
        out = Words([], [], [])
        begin = 0
        for at in breaks:
            i = bisect.bisect_left(bounds, at, begin)  # the word at the break: "\n" alone
            if i < len(words) and bounds[i] == at and words[i] == "\n":
                out.extend(words, bounds, begin, i)
                i += 1
                while blank_runs and i < len(words) and words[i] == "\n":  # empty lines after
                    i += 1
                begin = i
        out.extend(words, bounds, begin, len(words))
    if blank_runs and "\n" in out.texts:  # blank lines with spaces, or before any paragraph
        keep = [word != "\n" for word in out.texts]
        return Words(*(list(compress(column, keep)) for column in out))
    return out


#: Characters from which :func:`cut_lines` passes over a stretch of blank lines (from a line
#: break to a line break, nothing but spaces between) as one "word" ``\n``, not given to jieba.
_LONG_RUN = 64
_RUN = re.compile(rf"\n\s{{{_LONG_RUN - 2},}}\n")


def _cut_runs(text: str) -> tuple[list[str], list[int]]:
    """:func:`_cut`, but each stretch of blank lines :data:`_LONG_RUN` characters or longer is
    one word ``\\n`` spanning it."""
    if _RUN.search(text) is None:
        return _cut(text)
    words: list[str] = []
    bounds = [0]
    begin = 0
    for run in _RUN.finditer(text):
        piece, piece_bounds = _cut(text[begin : run.start()], begin)
        words += piece
        bounds += piece_bounds[1:]
        words.append("\n")
        bounds.append(run.end())
        begin = run.end()
    piece, piece_bounds = _cut(text[begin:], begin)
    return words + piece, bounds + piece_bounds[1:]


def _cut_each(text: str, breaks: list[int]) -> Words:
    """:func:`cut_lines` the slow way: a call to jieba for each stretch between the breaks."""
    out = Words([], [], [])
    begin = 0
    for at in [*breaks, len(text)]:
        if at > begin:
            words, bounds = _cut(text[begin:at], begin)
            out.extend(words, bounds, 0, len(words))
        begin = at + 1
    return out


def tag(text: str, offset: int = 0) -> list[Token]:
    """Words of ``text`` with offsets and part-of-speech flags (jieba.posseg)."""
    out: list[Token] = []
    pos = offset
    for pair in _pos_tokenizer().cut(text, HMM=True):
        out.append(Token(pair.word, pos, pos + len(pair.word), pair.flag))
        pos += len(pair.word)
    return out


def add_words(words: list[str]) -> None:
    """Add extra words (from config lexicons) to the dictionary of this process."""
    dt = tokenizer()
    for word in words:
        dt.add_word(word)
