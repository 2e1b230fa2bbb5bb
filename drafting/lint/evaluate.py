"""The labelled set: Chinese examples per rule, and per-rule precision and recall over them.

One YAML file per rule in ``tests/labelled/`` (``N305.yaml``)::

    rule: N305
    genre: notice              # the genre entries are linted under (an entry may override)
    fire:                      # texts where the rule must fire, each span marked ⟦…⟧
      - 苏政发⟦[2026]⟧12号
      - text: |
          第一行
          第二行里有⟦错⟧
        genre: summary
    pass:                      # near-misses where it must not fire
      - 根据《民法典》第〔2020〕号……
      - text: 某项已知的漏报⟦例子⟧
        known: miss            # an honest limitation, counted in the scores, listed in tests
        why: 需要句法分析
      - text: 全文繁體的通知……
        options: {traditional: true}   # rule options for this entry (over the defaults)

A reported span counts as a true positive only when it equals a marked span exactly.
``make eval`` prints the table; the tests hold every rule at ``warning`` or ``error`` to a
precision of at least 0.9.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafting.lint.rule import Issue, Rule, all_rules
from drafting.sources.document import prepare_text

OPEN, CLOSE = "⟦", "⟧"


@dataclass(frozen=True)
class Example:
    """One labelled text: its plain text, the expected spans, and where it was written."""

    rule: str
    text: str
    spans: tuple[tuple[int, int], ...]
    genre: str
    expect_fire: bool
    known: str | None = None
    why: str | None = None
    source: str = ""
    options: dict[str, Any] = field(default_factory=dict)


def unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip ⟦ ⟧ marks from ``marked``; return the text and the marked spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start = None
    for char in marked:
        if char == OPEN:
            start = len("".join(out))
        elif char == CLOSE:
            if start is None:
                raise ValueError(f"unbalanced {CLOSE} in {marked!r}")
            spans.append((start, len("".join(out))))
            start = None
        else:
            out.append(char)
    if start is not None:
        raise ValueError(f"unbalanced {OPEN} in {marked!r}")
    return "".join(out), tuple(spans)


def load_examples(folder: Path) -> list[Example]:
    """Every example of every ``*.yaml`` file in ``folder``."""
    examples: list[Example] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        code = data["rule"]
        default_genre = data.get("genre", "generic")
        for key, expect in (("fire", True), ("pass", False)):
            for number, entry in enumerate(data.get(key) or [], 1):
                item: dict[str, Any] = entry if isinstance(entry, dict) else {"text": entry}
                text, spans = unmark(str(item["text"]).rstrip("\n"))
                if expect and not spans:
                    raise ValueError(f"{path.name} fire #{number}: no ⟦⟧ span marked")
                if not expect and spans:
                    raise ValueError(f"{path.name} pass #{number}: pass texts carry no span")
                examples.append(
                    Example(
                        code,
                        text,
                        spans,
                        item.get("genre", default_genre),
                        expect,
                        item.get("known"),
                        item.get("why"),
                        f"{path.name} {key} #{number}",
                        dict(item.get("options") or {}),
                    )
                )
    return examples


def run_rule(
    rule: type[Rule], text: str, genre: str, options: dict[str, Any] | None = None
) -> list[Issue]:
    """The issues ``rule`` reports on ``text`` under ``genre`` (default options, or the
    entry's ``options`` over them)."""
    doc = prepare_text(text, genre=genre)
    return list(rule().check(doc, rule.options_for(genre, options, calibrated=False)))


@dataclass
class Score:
    """Counts of one rule over its examples."""

    code: str
    severity: str = ""
    examples: int = 0
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        reported = self.true_pos + self.false_pos
        return self.true_pos / reported if reported else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_pos + self.false_neg
        return self.true_pos / expected if expected else 1.0


def score(examples: Iterable[Example]) -> dict[str, Score]:
    """Precision and recall per rule code; ``failures`` lists unexpected results by example."""
    rules = all_rules()
    scores: dict[str, Score] = {}
    for example in examples:
        rule = rules[example.rule]
        entry = scores.setdefault(
            example.rule, Score(example.rule, rule.severity_in(example.genre).label)
        )
        entry.examples += 1
        got = {
            (issue.start, issue.end)
            for issue in run_rule(rule, example.text, example.genre, example.options)
        }
        want = set(example.spans)
        entry.true_pos += len(got & want)
        entry.false_pos += len(got - want)
        entry.false_neg += len(want - got)
        if got != want and not example.known:
            entry.failures.append(
                f"{example.source}: 期望 {sorted(want)}，得到 {sorted(got)}：{example.text[:40]!r}"
            )
    return dict(sorted(scores.items()))


def table(scores: dict[str, Score]) -> str:
    """The per-rule table ``make eval`` prints."""
    lines = [
        f"{'rule':<6} {'severity':<8} {'examples':>8} {'TP':>4} {'FP':>4} {'FN':>4} "
        f"{'precision':>9} {'recall':>7}"
    ]
    for s in scores.values():
        lines.append(
            f"{s.code:<6} {s.severity:<8} {s.examples:>8} {s.true_pos:>4} {s.false_pos:>4} "
            f"{s.false_neg:>4} {s.precision:>9.3f} {s.recall:>7.3f}"
        )
    return "\n".join(lines)
