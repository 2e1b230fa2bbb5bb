"""Thresholds calibrated on published documents: ``corpus/calibration.json``.

``scripts/calibrate.py`` measures what each calibrated rule compares (the longest sentence of a
document, where its thesis falls, how long a narrative opening runs …) on the real corpus
(``../shared/corpus/real``: published documents of many kinds and newspaper commentaries), per
文种 where a kind has enough texts and per genre otherwise, and writes the thresholds and the
figures behind them here. A rule's options are, from weakest to strongest: its defaults, its
genre's overrides, the calibrated value for the document's genre, then for its 文种, and last
the user's config (``[rules.P201] max = 70``). ``drafting explain CODE`` prints the figures.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from drafting.resources import corpus_file

FILENAME = "calibration.json"


@cache
def _data() -> Mapping[str, Any]:
    path = corpus_file(FILENAME)
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def calibrated(code: str, genre: str, kind: str | None) -> dict[str, Any]:
    """The calibrated options of rule ``code`` for a document of ``genre`` and ``kind``: the
    kind's value where the corpus had enough texts of it, else the genre's."""
    out: dict[str, Any] = {}
    for option, by_group in _data().get("values", {}).get(code, {}).items():
        if kind is not None and kind in by_group:
            out[option] = by_group[kind]
        elif genre in by_group:
            out[option] = by_group[genre]
    return out


def figures(code: str) -> list[str]:
    """Lines for the explain page: each calibrated option, per group, with the figure it came
    from (empty when the rule is not calibrated)."""
    data = _data()
    rule = data.get("figures", {}).get(code)
    if not rule:
        return []
    corpus = data.get("corpus", {})
    lines = [
        f"校准：默认值取自 {corpus.get('texts', '?')} 篇已发表的真实文稿"
        f"（{corpus.get('description', '../shared/corpus/real')}），由 scripts/calibrate.py 计算："
    ]
    for option, groups in rule.items():
        for group, figure in groups.items():
            lines.append(f"  {option}（{group}）= {figure['value']}：{figure['said']}")
    return lines
