"""Every rule is held to its labelled set in tests/labelled/ (see drafting.lint.evaluate)."""

from __future__ import annotations

import pytest
from paths import LABELLED

from drafting.lint.evaluate import load_examples, run_rule, score
from drafting.lint.rule import all_rules

EXAMPLES = load_examples(LABELLED)


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if not e.known], ids=lambda e: f"{e.rule}:{e.source}"
)
def test_labelled_example(example):
    rule = all_rules()[example.rule]
    got = sorted(
        (i.start, i.end) for i in run_rule(rule, example.text, example.genre, example.options)
    )
    assert got == sorted(example.spans), example.text


def test_precision_of_warning_and_error_rules_is_at_least_0_9():
    weak = {
        code: round(s.precision, 3)
        for code, s in score(EXAMPLES).items()
        if s.severity in ("warning", "error") and s.precision < 0.9
    }
    assert weak == {}


def test_every_registered_rule_has_its_labelled_file():
    """``tests/labelled/<CODE>.yaml``; the layout rules (L5xx), which read a .docx's layout,
    keep theirs under ``tests/labelled/layout/``."""
    missing = [
        code
        for code in all_rules()
        if not (LABELLED / f"{code}.yaml").is_file()
        and not (code.startswith("L5") and (LABELLED / "layout" / f"{code}.yaml").is_file())
    ]
    assert missing == []


def test_every_labelled_file_names_a_registered_rule():
    codes = {e.rule for e in EXAMPLES}
    assert codes <= set(all_rules())
