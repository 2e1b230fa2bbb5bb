"""How a rule reads the user's extra lexicons from its options mapping.

The engine puts every ``extra-<name>`` and ``allow`` entry of the config into each rule's
``opts`` as a tuple of resolved paths (``opts["extra-florid"]``). A rule combines them with its
shipped list::

    florid = set(lexicon.words("florid.txt")) | set(extra_words(opts, "florid"))
    typos = {**lexicon.pairs("typos.txt"), **extra_pairs(opts, "typos")}
    if word in allowed(opts): ...
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from drafting.lexicon import read_pairs, read_words


def _paths(opts: Mapping[str, Any], key: str) -> tuple[Path, ...]:
    value = opts.get(key) or ()
    return tuple(Path(p) for p in value)


@cache
def _words(path: Path) -> tuple[str, ...]:
    return read_words(path)


@cache
def _pairs(path: Path) -> tuple[tuple[str, str], ...]:
    return tuple(read_pairs(path).items())


def extra_words(opts: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """Entries of the user's ``extra-<name>`` word files (empty when none are configured)."""
    out: list[str] = []
    for path in _paths(opts, f"extra-{name}"):
        out.extend(_words(path))
    return tuple(out)


def extra_pairs(opts: Mapping[str, Any], name: str) -> dict[str, str]:
    """``wrong → right`` pairs of the user's ``extra-<name>`` pair files."""
    out: dict[str, str] = {}
    for path in _paths(opts, f"extra-{name}"):
        out.update(_pairs(path))
    return out


def allowed(opts: Mapping[str, Any]) -> frozenset[str]:
    """Words the user allows (proper names and the like) from the ``allow`` files."""
    out: set[str] = set()
    for path in _paths(opts, "allow"):
        out.update(_words(path))
    return frozenset(out)


def lexicon_words(paths: Mapping[str, tuple[Path, ...]]) -> list[str]:
    """Every word the configured lexicons name (the wrong side of pairs), for jieba's dictionary."""
    words: list[str] = []
    for files in paths.values():
        for path in files:
            for entry in _words(path):
                for sep in ("→", "->"):
                    entry = entry.split(sep)[0]
                entry = entry.strip()
                if entry and " " not in entry:
                    words.append(entry)
    return words
