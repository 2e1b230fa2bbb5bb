"""The measured grid and margins (``--render``) on pages laid out as LibreOffice lays out the
builder's documents: a heading kept with its paragraph leaves an inner page a line short, and a
closing mark may hang past the right edge; neither is a finding. Pages are made here, so no
LibreOffice is needed."""

from __future__ import annotations

import pytest
from layout_samples import load

from drafting.gbt9704 import LayoutProfile
from drafting.layout import build_docx
from drafting.lint.docx_layout import open_document, read_facts
from drafting.lint.docx_layout.measure import Line, Measurer, Page

P = LayoutProfile()
PITCH = P.line_pitch_twips / 20 * 25.4 / 72
HEIGHT = P.body_size_pt * 25.4 / 72
CHAR = P.char_twips / 20 * 25.4 / 72
LEFT, RIGHT = P.margin_left_mm, P.page_width_mm - P.margin_right_mm
TEXT = "为做好有关工作现将事项通知如下请各单位认真贯彻落实确保取得实效"[: P.chars_per_line]


def _page(number: int, count: int, *, hanging: bool = False) -> Page:
    """A page of ``count`` full body lines from the top of the 版心; with ``hanging`` its first
    line ends on a comma set past the right edge (29 marks on the line)."""
    page = Page(number, P.page_width_mm, P.page_height_mm)
    for index in range(count):
        y0 = P.margin_top_mm + index * PITCH + (PITCH - HEIGHT) / 2
        text, x1 = TEXT, RIGHT
        if hanging and index == 0:
            text, x1 = TEXT + "，", RIGHT + CHAR
        page.lines.append(Line(text, LEFT, y0, x1, y0 + HEIGHT))
    return page


@pytest.fixture(scope="module")
def facts():
    return read_facts(open_document(build_docx(load("notice"))))


def _grid_findings(facts, pages: list[Page]) -> list[tuple[str, str]]:
    measurer = Measurer(pages, facts, P)
    measurer._grid_and_margins()
    assert {"grid", "margins"} <= measurer.judged
    return [(issue.code, issue.message) for issue in measurer.issues]


def test_the_fullest_inner_page_is_measured(facts) -> None:
    pages = [_page(1, 14), _page(2, 21), _page(3, 22), _page(4, 6)]
    assert _grid_findings(facts, pages) == []


def test_a_mark_hanging_past_the_edge_is_not_the_edge(facts) -> None:
    pages = [_page(1, 14), _page(2, 22, hanging=True), _page(3, 22, hanging=True), _page(4, 6)]
    assert _grid_findings(facts, pages) == []


def test_short_pages_are_still_found(facts) -> None:
    pages = [_page(1, 14), _page(2, 20), _page(3, 21), _page(4, 6)]
    found = dict(_grid_findings(facts, pages))
    assert found["L503"].startswith("正文每面 21 行、每行 28 字，应为每面 22 行")
    assert "下 45.5" in found["L502"]  # a line short at the foot
