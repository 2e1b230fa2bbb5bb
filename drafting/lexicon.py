"""Lexicons are data: files in ``corpus/``, one entry a line, ``#`` lines are comments.

Every corpus file opens with comment lines that say what it holds and where it came from.
A pair file holds ``wrong<TAB>right`` (or ``wrong → right``) per line. Users add entries through
config (``extra-florid``, ``extra-typos``, ``allow``) with files of the same form; an entry whose
pattern (the wrong side) is empty would match everywhere (``→X`` would insert X between every
two characters), so it is a :class:`ConfigError` naming the file and the line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from drafting.errors import ConfigError
from drafting.inputs import read_text
from drafting.limits import MAX_TEXT_BYTES
from drafting.resources import corpus_file

_SEPARATORS = ("\t", "→", "->")


def _text(path: Path) -> str:
    """The text of a lexicon file, read through the input gate: a user's word list named in a
    config is a regular file of at most 20 MB, UTF-8."""
    return read_text(path, MAX_TEXT_BYTES, what="词表", error=ConfigError)


def _entries(path: Path) -> list[str]:
    """The stripped lines of ``path`` that are neither blank nor comments (a list built by
    comprehension: the lint of one page reads some 15,000 lines)."""
    text = _text(path)
    return [line for line in map(str.strip, text.splitlines()) if line and line[0] != "#"]


def _numbered_entries(path: Path) -> list[tuple[int, str]]:
    """As :func:`_entries`, each with its line number in the file."""
    numbered = enumerate(map(str.strip, _text(path).splitlines()), 1)
    return [(number, line) for number, line in numbered if line and line[0] != "#"]


def _empty_pattern(path: Path, number: int, line: str) -> ConfigError:
    return ConfigError(
        f"词条“{line}”的左边（要查找的写法）是空的，会匹配任何位置；请补全或删去这一行",
        path=str(path),
        line=number,
    )


def check_user_list(path: Path) -> None:
    """Refuse a user's word or pair list with an entry whose pattern is empty (``→X``)."""
    for number, line in _numbered_entries(path):
        if line.startswith(_SEPARATORS[1:]):
            raise _empty_pattern(path, number, line)


def read_words(path: Path) -> tuple[str, ...]:
    """The entries of a one-entry-a-line file (first column if a line has tabs)."""
    return tuple(line.partition("\t")[0].strip() for line in _entries(path))


def read_pairs(path: Path) -> dict[str, str]:
    """The ``wrong → right`` pairs of a pair file; ConfigError for a line of another form or
    with an empty wrong side, naming the file and the line."""
    pairs: dict[str, str] = {}
    for number, line in _numbered_entries(path):
        for sep in _SEPARATORS:
            wrong, found, right = line.partition(sep)
            if found:
                break
        else:
            raise ConfigError(f"词条不是“错→对”格式：{line}", path=str(path), line=number)
        if not wrong.strip():
            raise _empty_pattern(path, number, line)
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
