"""LibreOffice renders the built .docx the way GB/T 9704-2012 lays it out (measured in the PDF).

Skips, saying why, where ``soffice`` is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from layout_samples import FIXTURES, load
from pdf_layout import (
    LEFT,
    PAGE_H,
    PAGE_W,
    RIGHT,
    TOP,
    PdfLayout,
    assert_gbt9704,
    measure,
    soffice_or_skip,
)

from drafting.layout import build_docx

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> PdfLayout:
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("notice")
    path = folder / "notice.docx"
    path.write_bytes(build_docx(load("notice")))
    return measure(path)


def test_notice_meets_gbt9704(notice: PdfLayout) -> None:
    assert_gbt9704(notice)


def test_notice_has_full_pages_of_22_lines_of_28(notice: PdfLayout) -> None:
    # page 3 is full; page 2 ends a line short, its last heading kept with its paragraph
    # on page 3 (page 1's 22 lines: tests/layout/test_layout_first_page.py)
    assert notice.full_pages >= 1
    assert notice.lines_per_full_page == 22
    assert notice.chars_per_full_line == 28
    print(
        f"\nLibreOffice: {notice.lines_per_full_page} lines × {notice.chars_per_full_line} chars, "
        f"pitch {notice.line_pitch_mm:.2f} mm, left {notice.left_mm:.2f} mm, "
        f"right {notice.right_mm:.2f} mm, top {notice.top_mm:.2f} mm, "
        f"bottom {notice.bottom_mm:.2f} mm, numbers {notice.page_number_drop_mm[0]:.2f} mm below"
    )


def test_header_block_on_page_one(notice: PdfLayout) -> None:
    page = notice.pages[0]
    texts = [line.chars for line in page.lines]
    assert texts[:3] == ["000123", "秘密★1年", "特急"]
    mark = next(line for line in page.lines if line.chars == "某某市人民政府办公室文件")
    assert all(color == 0xE60012 for color in mark.colors)
    assert abs(mark.y0 - (TOP + 35)) <= 1.5  # top edge 35 mm below the 版心
    rule = notice.red_rule_on_first_page
    number = next(line for line in page.lines if line.chars == "某政办发〔2026〕12号")
    assert 3 <= rule.y - number.y1 <= 6  # the red line about 4 mm below the 发文字号
    assert abs(rule.length - (PAGE_W - LEFT - RIGHT)) <= 1


def test_attachments_start_new_pages_and_colophon_is_last(notice: PdfLayout) -> None:
    starts = [page.lines[0].chars for page in notice.pages]
    assert starts[-3:-1] == ["附件1", "附件2"]
    # 附件2 ends on page 7: the 版记 goes to the back, page 8, alone and numbered
    last = notice.pages[-1]
    assert len(notice.pages) == 8 and last.page_number is not None
    assert last.body_lines[0].chars.startswith("抄送：")
    cc = next(line for line in last.lines if line.chars.startswith("抄送："))
    rules = notice.colophon_rules
    assert len(rules) == 3
    assert rules[0].y < cc.y0 < rules[1].y  # 抄送 between the thick and the thin line
    assert abs(rules[-1].y - (PAGE_H - 35)) <= 1


def test_article_renders_on_the_same_grid_without_red(tmp_path: Path) -> None:
    soffice_or_skip()
    path = tmp_path / "article.docx"
    path.write_bytes(build_docx(load("article")))
    layout = measure(path)
    assert_gbt9704(layout, official=False, colophon=False, full_pages=False)
    assert not layout.red_text_on_first_page
    title = layout.pages[0].lines[0]
    assert title.chars == "让“最多跑一次”成为服务常态"
    assert abs((title.x0 + title.x1) / 2 - (LEFT + (PAGE_W - LEFT - RIGHT) / 2)) <= 1


def test_seal_is_drawn_in_red_over_the_signature(tmp_path: Path) -> None:
    soffice_or_skip()
    import pymupdf

    path = tmp_path / "request.docx"
    path.write_bytes(build_docx(load("joint_request"), base_dir=FIXTURES))
    layout = measure(path)
    assert_gbt9704(layout, colophon=False, full_pages=False)
    last = layout.pages[-1]
    date = next(line for line in last.lines if line.chars == "2026年12月3日")
    with pymupdf.open(layout.pdf_path) as pdf:
        (image,) = pdf[len(pdf) - 1].get_image_info()
    x0, y0, x1, y1 = (value * 25.4 / 72 for value in image["bbox"])
    assert abs((x1 - x0) - 42) <= 0.5  # 42 mm seal
    assert y0 < date.y0 < y1  # it covers the date
    assert x0 < (date.x0 + date.x1) / 2 < x1
