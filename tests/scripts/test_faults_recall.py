"""The fault-injection evaluation (scripts/faults.py), reduced: 40 documents of the real corpus,
the same seed, the same recall targets and false-alarm limit as ``make eval``."""

from __future__ import annotations

import sys

from paths import ROOT
from real_corpus import require_corpus

sys.path.insert(0, str(ROOT / "scripts"))

from evallib import faults


def test_recall_per_fault_class_meets_its_target_on_real_texts():
    outcome = faults.run(require_corpus(), limit=40)
    print(faults.table(outcome))
    assert outcome.documents == 40
    assert all(outcome.placed[name] > 0 for name in faults.CLASSES), outcome.placed
    assert outcome.failures() == []


def test_generated_junk_and_residue_are_found_by_their_rules():
    import random

    from drafting.lint.api import lint_text

    rng = random.Random(faults.SEED)
    junk_found = 0
    for _ in range(40):
        junk, residue = faults.junk_run(rng), faults.residue_line(rng)
        text = f"全市各项工作有序推进。\n{junk}\n{residue}\n下一步要抓好落实。"
        codes = {f.code for f in lint_text(text).findings}
        assert "N315" in codes, text  # every residue line
        junk_found += "N314" in codes
    assert junk_found >= 32  # a run with a single sign in it may pass for an alphanumeric list


def test_invalid_dates_and_figures_are_what_they_claim():
    import calendar
    import random
    import re

    rng = random.Random(1)
    for _ in range(50):
        date = faults.invalid_date(rng)
        numbers = [int(n) for n in re.findall(r"\d+", date)]
        year = numbers[0] if len(numbers) == 3 else 2000  # 2000 is a leap year
        month, day = numbers[-2], numbers[-1]
        assert day > calendar.monthrange(year, month)[1], date
