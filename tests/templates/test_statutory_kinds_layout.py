"""Every new kind's sample rendered to .docx and converted by LibreOffice meets GB/T 9704-2012:
the 文件 format for most, 签发人 beside the 发文字号 for 请示 and 报告, the 信函格式 for 函
(red double lines, no page number on page 1) and the 纪要格式 for 纪要.

Skips, saying why, where ``soffice`` is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_layout import (
    EDGE_TOLERANCE_MM,
    LEFT,
    NUMBER_DROP_MM,
    NUMBER_DROP_TOLERANCE_MM,
    PAGE_H,
    PAGE_W,
    PT_TO_MM,
    RIGHT,
    TOP,
    PdfLayout,
    assert_gbt9704,
    back_pages,
    ink_box,
    measure,
    soffice_or_skip,
)

from drafting.drafts.templating import find_template
from drafting.layout import build_docx
from drafting.render import prepare, write_output

pytestmark = pytest.mark.slow

TOL = EDGE_TOLERANCE_MM
ONE_CHAR_MM = 315 / 20 * PT_TO_MM  # one body character with its spacing


def _layout(template_id: str, folder: Path) -> PdfLayout:
    soffice_or_skip()
    draft = prepare(template_id, find_template(template_id).sample_path)
    path = write_output(draft, folder / f"{template_id}.docx", to="docx")
    return measure(path)


@pytest.mark.parametrize(
    "template_id", ["bulletin", "opinion", "decision", "reply", "circular", "announcement"]
)
def test_official_kinds_meet_the_standard(template_id: str, tmp_path: Path) -> None:
    layout = _layout(template_id, tmp_path)
    assert_gbt9704(layout, official=True, colophon=False, full_pages=False)
    first = layout.pages[0].body_lines
    assert first[0].chars.endswith("文件")
    if template_id in ("circular", "announcement"):  # no 主送机关: the text follows the title
        title_at = next(i for i, line in enumerate(first) if line.chars.endswith(("通告", "公告")))
        assert not first[title_at + 1].chars.endswith("：")


@pytest.mark.parametrize(("template_id", "signer"), [("request", "李建华"), ("report", "陈国栋")])
def test_upward_kinds_put_the_number_left_level_with_the_signer(
    template_id: str, signer: str, tmp_path: Path
) -> None:
    layout = _layout(template_id, tmp_path)
    assert_gbt9704(layout, official=True, colophon=False, full_pages=False)
    page = layout.pages[0]
    number = next(line for line in page.lines if "〔2026〕" in line.text)
    signer_line = next(line for line in page.lines if signer in line.chars)
    assert abs(number.y0 - signer_line.y0) < 0.5  # on the same line
    assert abs(number.x0 - (LEFT + ONE_CHAR_MM)) <= TOL  # one character in from the left
    assert abs(signer_line.x1 - (PAGE_W - RIGHT - ONE_CHAR_MM)) <= TOL
    rule = layout.red_rule_on_first_page
    assert rule is not None and 3 <= rule.y - number.y1 <= 5 + TOL


def test_letter_has_red_double_lines_and_no_page_number_on_page_one(tmp_path: Path) -> None:
    layout = _layout("letter", tmp_path)
    page = layout.pages[0]
    mark = min(
        (line for line in page.lines if line.chars == "江州市文化广电和旅游局"),
        key=lambda line: line.y0,
    )
    import pymupdf

    with pymupdf.open(layout.pdf_path) as pdf:  # the characters' ink, as a ruler finds it
        ink = ink_box(pdf[0], (mark.x0, mark.y0 - 3, mark.x1, mark.y1))
    assert ink is not None
    assert abs(ink[1] - 30.0) <= TOL  # 30 mm from the top edge of the page
    assert mark.colors and all(color == 0xE60012 for color in mark.colors)
    red = sorted((r for r in page.rules if r.is_red), key=lambda rule: rule.y)
    assert len(red) == 4, red
    for rule in red:
        assert abs(rule.length - 170.0) <= TOL and abs((rule.x0 + rule.x1) / 2 - PAGE_W / 2) < TOL
    upper_thick, upper_thin, lower_thin, lower_thick = red
    assert upper_thick.width_pt > upper_thin.width_pt and upper_thick.y < upper_thin.y
    assert lower_thin.width_pt < lower_thick.width_pt and lower_thin.y < lower_thick.y
    upper_top = upper_thick.y - upper_thick.width_pt * PT_TO_MM / 2
    assert 4.0 - TOL <= upper_top - ink[3] <= 4.0 + TOL  # 4 mm under the characters
    lower_bottom = lower_thick.y + lower_thick.width_pt * PT_TO_MM / 2
    assert abs(PAGE_H - lower_bottom - 20.0) <= TOL
    number = next(line for line in page.lines if line.chars == "江文旅函〔2026〕58号")
    assert abs(number.x1 - (PAGE_W - RIGHT)) <= TOL  # flush right
    assert number.y0 > upper_thin.y
    assert layout.page_numbers[0] == (1, None, None)
    for _, text, side in layout.page_numbers[1:]:
        assert text is not None and side is not None
    # 版记: the 抄送 alone, no 印发 row, no black lines
    last = layout.pages[-1]
    assert any(line.chars.startswith("抄送：") for line in last.lines)
    assert not any(line.chars.endswith("印发") for line in last.lines)
    assert layout.colophon_rules == []
    body = [line for line in page.body_lines if mark.y1 < line.y0]
    assert abs(max(line.x1 for line in body) - (PAGE_W - RIGHT)) <= TOL
    assert abs(layout.left_mm - LEFT) <= TOL


def test_minutes_have_the_red_mark_and_the_attendance_lists(tmp_path: Path) -> None:
    layout = _layout("minutes", tmp_path)
    assert_gbt9704(layout, official=True, colophon=True, full_pages=False)
    page = layout.pages[0]
    mark = next(line for line in page.lines if line.chars == "江州市人民政府常务会议纪要")
    assert abs(mark.y0 - (TOP + 35.0)) <= TOL + 0.5
    assert all(color == 0xE60012 for color in mark.colors)
    lines = [line for page in layout.pages for line in page.body_lines]
    present = next(line for line in lines if line.chars.startswith("出席："))
    assert abs(present.x0 - (LEFT + 2 * ONE_CHAR_MM)) <= TOL
    texts = [line.chars for line in lines]
    at = texts.index(present.chars)
    assert texts[at + 1].startswith("请假：周海涛")
    assert texts[at + 2].startswith("列席：市政府办公室")


def test_a_longer_letter_numbers_every_page_but_the_first(tmp_path: Path) -> None:
    soffice_or_skip()
    draft = prepare("letter", find_template("letter").sample_path)
    doc = draft.document
    doc.body = doc.body * 4  # the sample's text four times: more than a page
    path = tmp_path / "letter-long.docx"
    path.write_bytes(build_docx(doc))
    layout = measure(path)
    assert len(layout.pages) >= 2
    assert layout.page_numbers[0] == (1, None, None)
    unnumbered = back_pages(layout)  # a blank page and the 版记 page after it, if any
    for number, text, side in layout.page_numbers[1:]:
        if number not in unnumbered:
            assert (text, side) == (f"—{number}—", "left" if number % 2 == 0 else "right")
    drops = layout.page_number_drop_mm  # page 1 has no number, the others the usual drop
    assert len(drops) == len(layout.pages) - 1 - len(unnumbered)
    assert all(abs(drop - NUMBER_DROP_MM) <= NUMBER_DROP_TOLERANCE_MM for drop in drops), drops
    for page in layout.pages[1:]:
        assert not [rule for rule in page.rules if rule.is_red]
