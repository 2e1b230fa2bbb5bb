"""Every rule's explain-page examples run through the engine: the bad one fires the rule,
the good one does not (under the rule's demo genre)."""

from __future__ import annotations

import pytest

from drafting.lint.api import lint_text
from drafting.lint.rule import all_rules

#: The layout rules (L5xx) judge a .docx, not text: tests/lint/test_layout_review.py runs
#: their examples.
RULES = [rule for rule in all_rules().values() if not getattr(rule, "needs_docx", False)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_fires(rule):
    result = lint_text(rule.bad, genre=rule.demo_genre(), select=[rule.code])
    assert [f.code for f in result.findings if f.code == rule.code], rule.bad


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_example_is_clean(rule):
    result = lint_text(rule.good, genre=rule.demo_genre(), select=[rule.code])
    assert [f.message for f in result.findings if f.code == rule.code] == [], rule.good


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_explain_page_is_complete(rule):
    for attr in ("what", "why", "bad", "good"):
        assert getattr(rule, attr).strip(), attr
    assert rule.bad != rule.good
