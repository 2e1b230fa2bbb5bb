"""The linter held to published texts (``make eval``'s targets, checked in ``make test`` too).

On the real corpus (``../shared/corpus/real``, read in place): no false alarm on at least 90% of
the published statutory documents (every warning they get judged a real fault), at most two
warnings per 10,000 characters, every rule at warning or error at least 0.9 precise on the
judged findings (``tests/real/judged.tsv``), every warning judged, at least 300 findings judged;
and the committed calibration (``corpus/calibration.json``) is what ``scripts/calibrate.py``
computes from the corpus today.
"""

from __future__ import annotations

import sys

import pytest
from paths import ROOT, TESTS
from real_corpus import CORPUS, require_corpus

SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))

from evallib.real import Targets, measure  # noqa: E402

JUDGED = TESTS / "real" / "judged.tsv"


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    require_corpus()
    return measure(CORPUS, JUDGED)


def test_published_documents_draw_no_false_alarm(result) -> None:  # type: ignore[no-untyped-def]
    assert result.false_alarm_free_share() >= Targets().quiet_share


def test_few_warnings_per_ten_thousand_characters(result) -> None:  # type: ignore[no-untyped-def]
    assert result.per_10k() <= Targets().per_10k


def test_every_warning_rule_is_precise_on_judged_findings(result) -> None:  # type: ignore[no-untyped-def]
    weak = {
        code: (true, judged)
        for code, (true, judged) in result.precision().items()
        if judged and true / judged < Targets().precision
    }
    assert weak == {}


def test_every_warning_on_published_text_has_been_judged(result) -> None:  # type: ignore[no-untyped-def]
    assert [f.key for f in result.unjudged_failing()] == []


def test_enough_findings_judged_and_every_rule_represented(result) -> None:  # type: ignore[no-untyped-def]
    assert result.missed(Targets()) == []


def test_calibration_is_current() -> None:
    require_corpus()
    import calibrate

    assert calibrate.main(["--check", "--corpus", str(CORPUS)]) == 0
