"""Where things are, for every test module: the repository, the tests folder, the fixtures, the
labelled sets, the scripts and the sample notice (the one notice the tests render and read)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
LABELLED = TESTS / "labelled"
SCRIPTS = ROOT / "scripts"
TEMPLATES = ROOT / "templates"
#: The sample notice: the notice template's sample data, rendered by many tests.
SAMPLE_NOTICE = TEMPLATES / "notice" / "sample.yaml"
