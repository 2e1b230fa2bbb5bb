"""Where a lint of one file spends its time, phase by phase and rule by rule (in-process).

``python scripts/bench.py --phases`` prints this for the 1 MB prose after the main table: the
evidence for a lint figure that misses its target. It runs in a fresh process so that the
imports and jieba's load count as a user's ``drafting lint`` pays them (the report itself and
process start-up are not in it).
"""

from __future__ import annotations

import json
import sys
import time


def phases(path: str, text_only: bool = False) -> dict[str, object]:
    """Seconds per phase (imports, read, jieba load, cut, sentences) and per rule."""
    out: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        out[name] = now - clock
        clock = now

    from drafting.lint.engine import Settings, _prepare_words, rule_options, selected_rules
    from drafting.lint.profiles import choose_genre
    from drafting.lint.rule import Needs
    from drafting.sources import read_source

    lap("import drafting.lint")
    source = read_source(path, None)
    doc = source.doc
    settings = Settings()
    doc.genre = choose_genre(doc, "auto").genre
    rules = selected_rules(doc.genre, settings)
    if text_only:
        rules = [rule for rule in rules if rule.needs == Needs.TEXT]
    lap("read and prepare the text")
    _prepare_words(rules, settings)
    lap("import jieba and load its dictionary")
    if any(rule.needs >= Needs.WORDS for rule in rules):
        _ = doc.cut  # the words as the rules read them (tokens only for the spans asked for)
        lap("cut the words (jieba)")
    doc.sentences()
    doc.sentences(semicolon=True)
    lap("split sentences")
    rule_times: dict[str, float] = {}
    findings = 0
    for rule in rules:
        start = time.perf_counter()
        findings += sum(1 for _ in rule().check(doc, rule_options(rule, doc.genre, settings)))
        rule_times[rule.code] = time.perf_counter() - start
    return {"genre": doc.genre, "phases": out, "rules": rule_times, "findings": findings}


def main() -> None:
    print(json.dumps(phases(sys.argv[1], text_only=sys.argv[2:] == ["--text-only"])))


if __name__ == "__main__":
    main()
