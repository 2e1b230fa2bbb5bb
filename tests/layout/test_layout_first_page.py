"""Page 1 (issue 18, item 6), rendered by LibreOffice and measured: the 版头 takes whole grid
lines, so page 1 keeps its 22nd line, on the same grid as the pages after it; the red line
lies 4 mm under the 发文字号.

Skips, saying why, where ``soffice`` is not installed.
"""

from __future__ import annotations

import pytest
from layout_samples import load
from pdf_layout import EDGE_TOLERANCE_MM, LINES, PdfLayout, measure, soffice_or_skip

from drafting.layout import build_docx

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> PdfLayout:
    soffice_or_skip()
    path = tmp_path_factory.mktemp("first") / "notice.docx"
    path.write_bytes(build_docx(load("notice")))
    return measure(path)


def test_page_one_keeps_its_22nd_line_on_the_grid_of_the_others(notice: PdfLayout) -> None:
    first = notice.pages[0].body_lines
    full = next(page for page in notice.pages[1:] if len(page.body_lines) == LINES)
    grid = full.body_lines
    assert abs(first[-1].y0 - grid[-1].y0) < 0.5, (first[-1], grid[-1])
    # and the body's first line on page 1 stands on a grid line too
    body = next(line for line in first if line.chars.endswith("：") and line.x0 < 30)
    assert min(abs(body.y0 - line.y0) for line in grid) < 0.5, body


def test_red_line_lies_4mm_under_the_doc_number(notice: PdfLayout) -> None:
    page = notice.pages[0]
    number = next(line for line in page.lines if "〔2026〕" in line.text)
    rule = notice.red_rule_on_first_page
    assert rule is not None
    assert abs(rule.y - number.y1 - 4.0) <= EDGE_TOLERANCE_MM / 2, rule.y - number.y1
