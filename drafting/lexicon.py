"""Lexicons are data: files in ``corpus/``, one entry a line, ``#`` lines are comments.

Every corpus file opens with comment lines that say what it holds and where it came from.
A pair file holds ``wrong<TAB>right`` (or ``wrong → right``) per line. Users add entries through
config (``extra-florid``, ``extra-typos``, ``allow``) with files of the same form.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from drafting.errors import ConfigError
from drafting.resources import corpus_file


def _entries(path: Path) -> Iterable[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"无法读取词表：{exc.strerror}", path=str(path)) from exc
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line


def read_words(path: Path) -> tuple[str, ...]:
    """The entries of a one-entry-a-line file (first column if a line has tabs)."""
    return tuple(line.split("\t")[0].strip() for line in _entries(path))


def read_pairs(path: Path) -> dict[str, str]:
    """The ``wrong → right`` pairs of a pair file."""
    pairs: dict[str, str] = {}
    for number, line in enumerate(_entries(path), 1):
        for sep in ("\t", "→", "->"):
            if sep in line:
                wrong, right = (part.strip() for part in line.split(sep, 1))
                break
        else:
            raise ConfigError(f"词表第 {number} 条不是“错→对”格式：{line}", path=str(path))
        pairs[wrong] = right.split("\t")[0].strip()
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
