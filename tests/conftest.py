"""The fixtures every test folder shares: where the fixtures and the sample notice are, the one
LibreOffice helper, and the real corpus (skipping, saying why, where it is absent).

Helper modules (``badinputs``, ``matrix``, ``pdf_layout``, ``real_corpus``, ``paths`` …) stay
at the top of ``tests/``, importable from every folder (``pythonpath = ["tests"]``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from paths import FIXTURES, SAMPLE_NOTICE
from pdf_layout import convert, soffice_or_skip
from real_corpus import require_corpus


@pytest.fixture
def fixtures_dir() -> Path:
    """``tests/fixtures``."""
    return FIXTURES


@pytest.fixture
def sample_notice() -> Path:
    """The notice template's sample data (``templates/notice/sample.yaml``)."""
    return SAMPLE_NOTICE


@pytest.fixture
def soffice() -> str:
    """The LibreOffice executable, or skip the test saying why."""
    return soffice_or_skip()


@pytest.fixture
def to_pdf(soffice: str) -> Callable[[Path, Path], Path]:
    """``to_pdf(docx, outdir)``: LibreOffice's PDF of ``docx`` in ``outdir`` (private profile)."""
    return convert


@pytest.fixture
def real_corpus() -> Path:
    """The real corpus folder (``DRAFTING_REAL_CORPUS``), or skip saying where it was sought."""
    return require_corpus()
