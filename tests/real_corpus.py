"""Where the real corpus is (``../shared/corpus/real``) and the judged data derived from it.

The texts are read in place at test time and never copied into the repository (see the corpus
README's rule of use); ``tests/real/`` keeps only what was judged about them: the part of every
non-body line (``gold_parts.tsv``) and the kind of every text (``gold_kinds.tsv``). Tests that
need the texts skip, saying why, where the corpus is absent (a user's clone).
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JUDGED = Path(__file__).resolve().parent / "real"
#: ``DRAFTING_REAL_CORPUS`` overrides where the corpus is looked for.
CORPUS = Path(os.environ.get("DRAFTING_REAL_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))


def require_corpus() -> Path:
    """The corpus folder, or skip the calling test saying where it was looked for."""
    if not (CORPUS / "manifest.tsv").is_file():
        pytest.skip(
            f"real corpus not found at {CORPUS} (CI has ../shared; set DRAFTING_REAL_CORPUS)"
        )
    return CORPUS


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def manifest() -> list[dict[str, str]]:
    """The corpus manifest's rows (path, kind, level, organ, date, title, chars, …)."""
    return _rows(require_corpus() / "manifest.tsv")


@cache
def gold_parts() -> dict[str, dict[int, str]]:
    """path → {1-based line: part} for every judged non-body line."""
    gold: dict[str, dict[int, str]] = defaultdict(dict)
    for row in _rows(JUDGED / "gold_parts.tsv"):
        gold[row["path"]][int(row["line"])] = row["part"]
    return dict(gold)


@cache
def gold_kinds() -> dict[str, dict[str, str]]:
    """path → the judged kind row (kind, judged, speech_like, carries)."""
    return {row["path"]: row for row in _rows(JUDGED / "gold_kinds.tsv")}


def lines_of(path: str) -> list[str]:
    """The lines of a corpus text, read in place."""
    return (require_corpus() / path).read_text(encoding="utf-8").split("\n")
