"""jieba, loaded once per process and only when a selected rule needs words.

The project's user dictionary of official terms (``corpus/userdict.txt``) is added on load.
jieba's dictionary cache lives in the user's cache folder (``$XDG_CACHE_HOME/drafting`` or
``~/.cache/drafting``), not in a shared temp path. Part-of-speech tagging is about six times
slower than plain cutting, so it is offered per span, not for the whole text.
"""

from __future__ import annotations

import os
from functools import cache
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


def cut(text: str, offset: int = 0) -> list[Token]:
    """Words of ``text`` with offsets (plus ``offset``), by jieba's default (accurate) mode."""
    out: list[Token] = []
    pos = offset
    for word in tokenizer().cut(text, HMM=True):
        out.append(Token(word, pos, pos + len(word)))
        pos += len(word)
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
