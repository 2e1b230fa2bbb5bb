"""Every sample of the summary, annual-summary, duties and commentary templates, rendered to
.docx and converted by LibreOffice, meets GB/T 9704-2012 (measured in the PDF).

Skips, saying why, where ``soffice`` is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_layout import (
    CHARS,
    EDGE_TOLERANCE_MM,
    LINES,
    PITCH_MM,
    TOP,
    PdfLayout,
    assert_gbt9704,
    measure,
    soffice_or_skip,
)

from drafting.render import prepare, write_output
from drafting.resources import templates_dir

pytestmark = pytest.mark.slow


def _layout(template_id: str, folder: Path) -> PdfLayout:
    soffice_or_skip()
    draft = prepare(template_id, templates_dir() / template_id / "sample.yaml")
    path = write_output(draft, folder / f"{template_id}.docx", to="docx")
    return measure(path)


def _assert_inner_pages_on_the_grid(layout: PdfLayout) -> None:
    """Pages between the first (版头) and the last are filled on the 22-line grid (the builder
    keeps no heading with its paragraph, so no page ends a line short)."""
    assert layout.chars_per_full_line == CHARS
    for page in layout.pages[1:-1]:
        body = page.body_lines
        assert len(body) == LINES, (page.number, len(body))
        pitch = (body[-1].y0 - body[0].y0) / (len(body) - 1)
        assert abs(pitch - PITCH_MM) < 0.1, (page.number, pitch)
        top = body[0].y0 - (pitch - (body[0].y1 - body[0].y0)) / 2
        assert abs(top - TOP) <= EDGE_TOLERANCE_MM, (page.number, top)


@pytest.mark.parametrize("template_id", ["summary", "annual-summary"])
def test_summaries_are_official_documents_on_the_grid(template_id: str, tmp_path: Path) -> None:
    layout = _layout(template_id, tmp_path)
    assert len(layout.pages) >= 3
    assert_gbt9704(layout, official=True, colophon=False, full_pages=False)
    _assert_inner_pages_on_the_grid(layout)


def test_duties_without_an_organ_have_no_red_header(tmp_path: Path) -> None:
    layout = _layout("duties", tmp_path)
    assert_gbt9704(layout, official=False, colophon=False, full_pages=False)
    assert not layout.red_text_on_first_page
    assert layout.pages[0].body_lines[0].chars == "县人民政府办公室综合科工作职责"


def test_commentary_is_an_article_on_the_same_grid(tmp_path: Path) -> None:
    layout = _layout("commentary", tmp_path)
    assert_gbt9704(layout, official=False, colophon=False, full_pages=False)
    assert not layout.red_text_on_first_page
    assert layout.pages[0].lines[0].chars == "为基层减负要减到实处"
