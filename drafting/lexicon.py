"""Lexicons are data: files in ``corpus/``, one entry a line, ``#`` lines are comments.

Every corpus file opens with comment lines that say what it holds and where it came from.
A pair file holds ``wrong<TAB>right`` (or ``wrong → right``) per line. Users add entries through
config (``extra-florid``, ``extra-typos``, ``allow``) with files of the same form.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from drafting.errors import ConfigError
from drafting.inputs import read_text
from drafting.limits import MAX_TEXT_BYTES
from drafting.resources import corpus_file


def _entries(path: Path) -> list[str]:
    """The stripped lines of ``path`` that are neither blank nor comments (a list built by
    comprehension: the lint of one page reads some 15,000 lines). Read through the input gate:
    a user's word list named in a config is a regular file of at most 20 MB, UTF-8."""
    text = read_text(path, MAX_TEXT_BYTES, what="词表", error=ConfigError)
    return [line for line in map(str.strip, text.splitlines()) if line and line[0] != "#"]


def read_words(path: Path) -> tuple[str, ...]:
    """The entries of a one-entry-a-line file (first column if a line has tabs)."""
    return tuple(line.partition("\t")[0].strip() for line in _entries(path))


def read_pairs(path: Path) -> dict[str, str]:
    """The ``wrong → right`` pairs of a pair file."""
    pairs: dict[str, str] = {}
    for number, line in enumerate(_entries(path), 1):
        for sep in ("\t", "→", "->"):
            wrong, found, right = line.partition(sep)
            if found:
                break
        else:
            raise ConfigError(f"词表第 {number} 条不是“错→对”格式：{line}", path=str(path))
        pairs[wrong.strip()] = right.strip().partition("\t")[0].strip()
    return pairs


@cache
def words(filename: str) -> tuple[str, ...]:
    """The shipped word list ``corpus/filename`` (cached for the process)."""
    return read_words(corpus_file(filename))


@cache
def pairs(filename: str) -> dict[str, str]:
    """The shipped pair list ``corpus/filename`` (cached for the process)."""
    return read_pairs(corpus_file(filename))


@cache
def rows(filename: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated columns of each entry of ``corpus/filename`` (cached for the process)."""
    return tuple(
        tuple(part.strip() for part in line.split("\t")) for line in _entries(corpus_file(filename))
    )
