"""The 信函格式 head (GB/T 9704-2012 10.1) and the page number's 一字线 (7.5), in the OOXML and
rendered by LibreOffice: the 标志's characters 30 mm below the top edge of the page, the red
double lines 170 mm long 4 mm under them and 20 mm above the bottom edge, 份号/密级/紧急程度
flush left under the upper line with the 发文字号 flush right on the first of those lines
(10.1: "发文字号顶格居版心右边缘编排在第一条红色双线下，与该线的距离为3号汉字高度的7/8"), the
body flow clear of the frames, no page number on page 1; the dash of ``— N —`` 7 mm below the
版心 on odd and even pages; no L5xx finding from the layout review with ``--render``.

The rendered tests skip, saying why, where ``soffice`` is not installed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pdf_layout import (
    EDGE_TOLERANCE_MM,
    LEFT,
    NUMBER_DROP_MM,
    NUMBER_DROP_TOLERANCE_MM,
    PAGE_H,
    PAGE_W,
    PITCH_MM,
    PT_TO_MM,
    RIGHT,
    PdfLayout,
    ink_box,
    measure,
    soffice_or_skip,
)

from drafting.drafts.templating import find_template
from drafting.gbt9704 import LayoutProfile
from drafting.layout import build_docx
from drafting.lint.docx_layout import layout_report
from drafting.model import HeaderFields, OfficialDocument, Paragraph
from drafting.render import prepare

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TOL = EDGE_TOLERANCE_MM
MARK = "江州市文化广电和旅游局"
NUMBER = "江文旅函〔2026〕58号"
SEVEN_EIGHTHS_MM = 0.875 * 16 * PT_TO_MM  # 7/8 of a 3号 character: 4.94 mm
BODY = (
    "经市人民政府同意，2027年江州文化旅游节定于2027年5月1日至5月5日在江州古城举办，"
    "商请贵局予以支持。"
)


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def _letter(*, rows: bool = True, paragraphs: int = 1) -> OfficialDocument:
    header = HeaderFields(organs=[MARK], doc_number=NUMBER)
    if rows:
        header = HeaderFields(
            organs=[MARK],
            doc_number=NUMBER,
            copy_number="000123",
            classification="秘密★1年",
            urgency="特急",
        )
    return OfficialDocument(
        title="关于商请支持安保工作的函",
        body=[Paragraph.of(BODY) for _ in range(paragraphs)],
        layout="letter",
        header=header,
        recipients="江州市公安局：",
        signature=MARK,
        date=dt.date(2026, 11, 19),
        cc=["市人民政府办公室"],
    )


def _body(docx: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
    return document.findall(f"{q('body')}/{q('p')}")


def _text(paragraph: etree._Element) -> str:
    return "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))


def _frame(paragraph: etree._Element) -> etree._Element | None:
    return paragraph.find(f"{q('pPr')}/{q('framePr')}")


# -- OOXML -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [True, False])
def test_the_flow_starts_with_the_first_line_under_the_frames(rows: bool) -> None:
    """No paragraph of the body flow lies in a frame's extent (Word moves such a paragraph
    below the frame, LibreOffice does not): the flow starts with the first line under the
    double line, its space before carrying it past the frames that reach into the 版心."""
    p = LayoutProfile()
    paragraphs = _body(build_docx(_letter(rows=rows)))
    framed = [_frame(paragraph) is not None for paragraph in paragraphs]
    assert framed[:5] == [True, False, True, False, True]  # never two frames side by side
    mark, first, upper, _, _ = paragraphs[:5]
    assert _text(mark) == MARK
    flow_top = p.margins_twips[0] + int(first.find(f"{q('pPr')}/{q('spacing')}").get(q("before")))
    mark_frame = _frame(mark)
    mark_line = int(mark.find(f"{q('pPr')}/{q('spacing')}").get(q("line")))
    assert int(mark_frame.get(q("y"))) + mark_line < flow_top  # the 标志's frame ends above
    rule_frame = _frame(upper)
    rule_bottom = int(rule_frame.get(q("y"))) + 20 + p.letter_rule_height_twips
    assert rule_bottom <= flow_top  # the upper double line's frame (with its border) too
    assert int(mark_frame.get(q("y"))) < p.margins_twips[0]  # the 标志 starts in the margin


def test_the_mark_characters_stand_30mm_below_the_top_edge() -> None:
    """The frame's top plus the baseline's place in the exact line (4/5 down) less the
    characters' height above it (0.84 em) is 30 mm."""
    p = LayoutProfile()
    mark = _body(build_docx(_letter()))[0]
    y = int(_frame(mark).get(q("y")))
    line = int(mark.find(f"{q('pPr')}/{q('spacing')}").get(q("line")))
    size = int(mark.find(f".//{q('sz')}").get(q("val"))) * 10  # half points → twips
    assert (size, line) == (720, 864)
    assert y + round(0.8 * line) - round(0.84 * size) == round(30 / 25.4 * 1440)
    assert p.letter_rule_height_twips == 75  # 2.25 + 0.75 + 0.75 pt


def test_the_doc_number_is_on_the_first_line_with_the_copy_number() -> None:
    paragraphs = _body(build_docx(_letter()))
    first = paragraphs[1]
    assert _text(first) == "000123" + NUMBER
    assert first.xpath("w:pPr/w:tabs/w:tab/@w:val", namespaces=NS) == ["right"]
    assert first.xpath("w:pPr/w:tabs/w:tab/@w:pos", namespaces=NS) == ["8845"]
    assert _text(paragraphs[3]) == "秘密★1年"  # the second line keeps the two lines apart
    assert [_text(paragraph) for paragraph in paragraphs[5:6]] == ["特急"]
    assert not any(NUMBER in _text(paragraph) for paragraph in paragraphs[2:])


def test_page_one_footer_has_no_number_and_stays_in_the_margin() -> None:
    docx = build_docx(_letter())
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        sect = document.find(f".//{q('sectPr')}")
        assert sect.find(q("titlePg")) is not None
        (first,) = [
            ref for ref in sect.findall(q("footerReference")) if ref.get(q("type")) == "first"
        ]
        rel_id = first.get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        )
        target = next(rel.get("Target") for rel in rels if rel.get("Id") == rel_id)
        footer = package.read(f"word/{target}").decode()
    assert "PAGE" not in footer


# -- rendered ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfLayout:
    soffice_or_skip()
    path = tmp_path_factory.mktemp("letter") / "letter.docx"
    path.write_bytes(build_docx(_letter(paragraphs=14)))  # more than a page
    return measure(path)


def _ink(layout: PdfLayout, line) -> tuple[float, float, float, float]:
    import pymupdf

    with pymupdf.open(layout.pdf_path) as pdf:
        box = ink_box(pdf[0], (line.x0, line.y0 - 3, line.x1, line.y1))
    assert box is not None
    return box


@pytest.mark.slow
def test_rendered_letter_head(letter_pdf: PdfLayout) -> None:
    layout = letter_pdf
    page = layout.pages[0]
    (mark,) = [line for line in page.lines if line.chars == MARK]
    assert mark.colors and all(color == 0xE60012 for color in mark.colors)
    _, ink_top, _, ink_bottom = _ink(layout, mark)
    assert abs(ink_top - 30.0) <= TOL, f"标志 top {ink_top:.2f} mm from the top edge"
    red = sorted((rule for rule in page.rules if rule.is_red), key=lambda rule: rule.y)
    assert len(red) == 4, red
    for rule in red:
        assert abs(rule.length - 170.0) <= TOL and abs((rule.x0 + rule.x1) / 2 - PAGE_W / 2) < TOL
    upper_thick, upper_thin, lower_thin, lower_thick = red
    assert upper_thick.width_pt > upper_thin.width_pt and lower_thick.width_pt > lower_thin.width_pt
    upper_top = upper_thick.y - upper_thick.width_pt * PT_TO_MM / 2
    assert abs(upper_top - ink_bottom - 4.0) <= TOL, f"{upper_top - ink_bottom:.2f} mm under"
    lower_bottom = lower_thick.y + lower_thick.width_pt * PT_TO_MM / 2
    assert abs(PAGE_H - lower_bottom - 20.0) <= TOL, f"{PAGE_H - lower_bottom:.2f} mm above"
    # 份号 flush left and the 发文字号 flush right on the first line, 7/8 of a 3号 character
    # under the double line; 密级 and 紧急程度 on the lines below, flush left
    first = [line for line in page.lines if line.chars in ("000123", NUMBER)]
    assert len(first) == 2, first
    copy, number = sorted(first, key=lambda line: line.x0)
    assert abs(copy.y0 - number.y0) < 0.5
    assert abs(copy.x0 - LEFT) <= TOL and abs(number.x1 - (PAGE_W - RIGHT)) <= TOL
    thin_bottom = upper_thin.y + upper_thin.width_pt * PT_TO_MM / 2
    _, number_top, _, _ = _ink(layout, number)
    drop = number_top - thin_bottom
    assert abs(drop - SEVEN_EIGHTHS_MM) <= TOL, f"发文字号 {drop:.2f} mm under the line"
    below = [line for line in page.lines if line.chars in ("秘密★1年", "特急")]
    assert [line.chars for line in sorted(below, key=lambda line: line.y0)] == ["秘密★1年", "特急"]
    for index, line in enumerate(sorted(below, key=lambda line: line.y0), 1):
        assert abs(line.x0 - LEFT) <= TOL
        assert abs(line.y0 - copy.y0 - index * PITCH_MM) < 0.5
    # no body line under a frame: everything but the 标志 stands below the double line
    for line in page.body_lines:
        if line is not mark and line.chars != MARK:
            assert line.y0 > thin_bottom, line


@pytest.mark.slow
def test_rendered_letter_numbers_every_page_but_the_first(letter_pdf: PdfLayout) -> None:
    layout = letter_pdf
    assert len(layout.pages) >= 2
    assert layout.page_numbers[0] == (1, None, None)
    assert layout.page_numbers[1] == (2, "—2—", "left")
    assert len(layout.page_number_drop_mm) == len(layout.pages) - 1
    for drop in layout.page_number_drop_mm:
        assert abs(drop - NUMBER_DROP_MM) <= NUMBER_DROP_TOLERANCE_MM, f"dash {drop:.2f} mm below"
    for page in layout.pages[1:]:
        assert not [rule for rule in page.rules if rule.is_red]


@pytest.mark.slow
def test_rendered_notice_dashes_7mm_below_on_odd_and_even_pages(tmp_path: Path) -> None:
    soffice_or_skip()
    draft = prepare("notice", find_template("notice").sample_path)
    doc = draft.document
    doc.body = doc.body * 2
    path = tmp_path / "notice.docx"
    path.write_bytes(build_docx(doc))
    layout = measure(path)
    sides = {side for _, _, side in layout.page_numbers}
    assert sides == {"left", "right"}  # odd and even pages
    assert len(layout.page_number_drop_mm) == len(layout.pages)
    for drop in layout.page_number_drop_mm:
        assert abs(drop - NUMBER_DROP_MM) <= NUMBER_DROP_TOLERANCE_MM, f"dash {drop:.2f} mm below"


@pytest.mark.slow
@pytest.mark.parametrize("which", ["letter", "notice"])
def test_the_layout_review_renders_them_without_a_finding(which: str) -> None:
    soffice_or_skip()
    if which == "letter":
        docx = build_docx(_letter(paragraphs=14))
    else:
        doc = prepare("notice", find_template("notice").sample_path).document
        doc.body = doc.body * 2
        docx = build_docx(doc)
    report = layout_report(docx, render=True)
    assert report.measured
    assert report.issues == [], [issue.message for issue in report.issues]
