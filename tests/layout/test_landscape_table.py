"""Landscape table pages (GB/T 9704-2012 clause 8, A4 表格横排): the ``<!-- 横排 -->`` mark, the
landscape section in the OOXML and, with LibreOffice, the rendered pages."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from paths import TESTS
from pdf_layout import (
    BOTTOM,
    EDGE_TOLERANCE_MM,
    LEFT,
    NUMBER_DROP_MM,
    NUMBER_DROP_TOLERANCE_MM,
    PAGE_H,
    PAGE_W,
    PT_TO_MM,
    RIGHT,
    convert,
    dash_ink,
    soffice_or_skip,
)

from drafting.drafts.markdown import parse_draft
from drafting.layout import LayoutProfile, build_docx
from drafting.model import Attachment, OfficialDocument, Paragraph, Table

DRAFT = TESTS / "fixtures" / "drafts" / "landscape_table.md"
EVEN_DRAFT = DRAFT.with_name("landscape_table_even.md")  # the table on page 2, not page 3
#: a landscape table as the first body block, two in a row, the last right before the 署名
TABLES_DRAFT = DRAFT.with_name("landscape_tables.md")
#: an article ending in a landscape table: nothing after it, not even a signature
LAST_DRAFT = """---
title: 2026年一季度重点项目进展
layout: article
---

一季度重点项目进展见下表。

<!-- 横排 -->
| 序号 | 项目名称 | 形象进度 |
| --- | --- | --- |
| 1 | 城东污水处理厂扩建 | 主体结构施工 |
"""
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {
    "w": W,
    "r": R,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
EMU_PER_MM = 36000
EMU_PER_TWIP = 635


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def _document(draft: Path = DRAFT):
    return parse_draft(draft.read_text(encoding="utf-8"), path=draft)


def _footers(docx: bytes, sect: etree._Element) -> dict[str, etree._Element]:
    """``{type: w:ftr}`` of the footers ``sect`` references."""
    package = zipfile.ZipFile(io.BytesIO(docx))
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    return {
        ref.get(q("type")): etree.fromstring(package.read("word/" + targets[ref.get(f"{{{R}}}id")]))
        for ref in sect.findall(q("footerReference"))
    }


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return build_docx(_document())


@pytest.fixture(scope="module")
def sections(docx_bytes: bytes) -> list[etree._Element]:
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml"))
    return xml.xpath("//w:sectPr", namespaces=NS)


def test_mark_before_table_sets_landscape() -> None:
    (table,) = [b for b in _document().body if isinstance(b, Table)]
    assert table.landscape is True
    assert len(table.rows[0]) == 10
    plain = parse_draft("---\ntitle: 通知\n---\n\n| 甲 | 乙 |\n| - | - |\n| 1 | 2 |\n", path="t.md")
    assert [b.landscape for b in plain.body if isinstance(b, Table)] == [False]


def test_three_sections_portrait_landscape_portrait(sections: list[etree._Element]) -> None:
    sizes = [
        (
            s.find(q("pgSz")).get(q("w")),
            s.find(q("pgSz")).get(q("h")),
            s.find(q("pgSz")).get(q("orient")),
        )
        for s in sections
    ]
    assert sizes == [
        ("11906", "16838", None),
        ("16838", "11906", "landscape"),
        ("11906", "16838", None),
    ]


def test_landscape_margins_keep_the_text_block_in_place(sections: list[etree._Element]) -> None:
    def margins(s: etree._Element) -> tuple[str, ...]:
        mar = s.find(q("pgMar"))
        return tuple(mar.get(q(side)) for side in ("top", "left", "bottom", "right"))

    assert margins(sections[0]) == margins(sections[2]) == ("2098", "1587", "1984", "1474")
    # turned a quarter clockwise: top = 订口 28 mm, right = 天头 37 mm, bottom 26, left 35 mm
    assert margins(sections[1]) == ("1587", "1984", "1474", "2098")
    assert LayoutProfile().landscape_margins_twips == (1587, 1984, 1474, 2098)


def test_landscape_section_has_its_own_footers_and_numbers_continue(
    sections: list[etree._Element],
) -> None:
    def refs(s: etree._Element) -> dict[str, str]:
        return {r.get(q("type")): r.get(f"{{{R}}}id") for r in s.findall(q("footerReference"))}

    portrait, landscape, after = (refs(s) for s in sections)
    assert set(portrait) == set(landscape) == {"default", "even"}
    assert set(portrait.values()).isdisjoint(landscape.values())
    assert after == portrait  # back to the portrait footers after the table
    for later in sections[1:]:
        start = later.find(q("pgNumType"))
        assert start is None or start.get(q("start")) is None
        assert later.find(q("titlePg")) is None


def _text_box_paragraph(footer: etree._Element) -> etree._Element:
    (paragraph,) = footer.xpath(".//wps:txbx/w:txbxContent/w:p", namespaces=NS)
    return paragraph


@pytest.mark.parametrize(("kind", "side"), [("default", "right"), ("even", "left")])
def test_landscape_number_is_a_turned_text_box_where_the_portrait_number_lies(
    docx_bytes: bytes, sections: list[etree._Element], kind: str, side: str
) -> None:
    footer = _footers(docx_bytes, sections[1])[kind]
    (anchor,) = footer.xpath(".//wp:anchor", namespaces=NS)
    h, v = anchor.find("wp:positionH", NS), anchor.find("wp:positionV", NS)
    assert h.get("relativeFrom") == v.get("relativeFrom") == "page"
    x, y = (int(pos.findtext("wp:posOffset", namespaces=NS)) for pos in (h, v))
    extent = anchor.find("wp:extent", NS)
    cx, cy = int(extent.get("cx")), int(extent.get("cy"))
    # the portrait bottom edge is the landscape left edge: the number's line (one 4号 line,
    # 14 pt) ends where the portrait one starts, its dash 7 mm below the 版心 (1984 − 260
    # twips from that edge); across, it spans the 版心 from the 订口 (28 mm)
    assert x + cx == (1984 - 260) * EMU_PER_TWIP
    assert cx == 280 * EMU_PER_TWIP
    assert y == 1587 * EMU_PER_TWIP and abs(y / EMU_PER_MM - 28.0) < 0.02
    assert cy == 8845 * EMU_PER_TWIP and abs(cy / EMU_PER_MM - 156.0) < 0.02
    assert anchor.find("wp:wrapNone", NS) is not None
    (body,) = footer.xpath(".//wps:bodyPr", namespaces=NS)
    assert body.get("vert") == "vert"  # turned a quarter clockwise: lines run top to bottom
    (rect,) = footer.xpath(".//mc:Fallback//v:rect", namespaces=NS)
    assert "layout-flow:vertical" in rect.get("style")
    assert "mso-position-horizontal-relative:page" in rect.get("style")
    paragraph = _text_box_paragraph(footer)
    assert paragraph.find("w:pPr/w:jc", NS).get(q("val")) == side
    assert "".join(paragraph.xpath(".//w:instrText/text()", namespaces=NS)).strip() == "PAGE"
    assert "".join(paragraph.xpath(".//w:t/text()", namespaces=NS)) == "— 1 —"
    outside = footer.xpath("w:p/w:r/w:t/text()", namespaces=NS)
    assert outside == []  # nothing along the landscape bottom edge


@pytest.mark.parametrize("kind", ["default", "even"])
def test_landscape_number_paragraph_is_the_portrait_one(
    docx_bytes: bytes, sections: list[etree._Element], kind: str
) -> None:
    """Same style, side, indent, faces, dashes and field as the portrait footer, and the same
    line: the 页码 style's one exact 4号 line (280 twips), which fills the box."""
    turned = _text_box_paragraph(_footers(docx_bytes, sections[1])[kind])
    (portrait,) = _footers(docx_bytes, sections[0])[kind].findall(q("p"))
    assert turned.find("w:pPr/w:spacing", NS) is None  # the line comes from the style
    assert _shape(turned) == _shape(portrait)


def _shape(element: etree._Element) -> list[tuple[str, list[tuple[str, str]], str | None]]:
    """Tags, attributes and text of ``element`` and its descendants, namespaces aside."""
    return [(e.tag, sorted(e.attrib.items()), e.text) for e in element.iter()]


def test_landscape_footers_shared_and_reproducible() -> None:
    text = DRAFT.read_text(encoding="utf-8")
    table = text[text.index("<!-- 横排 -->") : text.index("# 报送要求")]
    twice = parse_draft(text + "\n" + table, path=DRAFT)
    docx = build_docx(twice)
    assert docx == build_docx(twice)
    package = zipfile.ZipFile(io.BytesIO(docx))
    assert sorted(n for n in package.namelist() if n.startswith("word/footer")) == [
        f"word/footer{n}.xml" for n in range(1, 5)
    ]
    xml = etree.fromstring(package.read("word/document.xml"))
    sects = xml.xpath("//w:sectPr", namespaces=NS)
    refs = [tuple(r.get(f"{{{R}}}id") for r in s.findall(q("footerReference"))) for s in sects]
    assert len(refs) == 5
    assert refs[1] == refs[3] != refs[0] == refs[2] == refs[4]


def _body(docx: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))[0]


def _orientations(docx: bytes) -> str:
    """``P``/``L`` for each section in order."""
    sects = _body(docx).xpath(".//w:sectPr", namespaces=NS)
    return "".join("L" if s.find(q("pgSz")).get(q("orient")) == "landscape" else "P" for s in sects)


def _section_contents(docx: bytes) -> list[list[str]]:
    """Each section's body elements: ``tbl``, or ``p:`` and the paragraph's text; ``|`` after
    the one carrying the section's ``w:sectPr``."""
    sections: list[list[str]] = [[]]
    for element in _body(docx):
        if element.tag == q("sectPr"):
            continue
        if element.tag == q("tbl"):
            sections[-1].append("tbl")
            continue
        text = "".join(element.xpath(".//w:t/text()", namespaces=NS))
        if element.find("w:pPr/w:sectPr", NS) is None:
            sections[-1].append(f"p:{text}")
        else:
            sections[-1].append(f"p:{text}|")
            sections.append([])
    return sections


def _landscape_doc(*blocks: object, **fields: object) -> bytes:
    return build_docx(OfficialDocument("测试", body=list(blocks), **fields))


_SMALL = [["序号", "项目"], ["1", "城东污水处理厂扩建"]]


def test_consecutive_landscape_tables_share_one_landscape_section() -> None:
    """First body block, two in a row, last before the 署名: five sections, no portrait one
    between the two tables; they stand one empty line apart."""
    docx = build_docx(_document(TABLES_DRAFT))
    assert _orientations(docx) == "PLPLP"
    first, table, between, tables, last = _section_contents(docx)
    assert first[-1] == "p:各区发展改革局，市直有关单位：|"  # the 主送 ends the section
    assert table == ["tbl", "p:|"]
    ((paragraph,),) = [between]  # a paragraph of its own: it carries the w:sectPr
    assert paragraph.startswith("p:请各单位") and paragraph.endswith("建设进度情况。|")
    assert tables == ["tbl", "p:", "tbl", "p:|"]
    assert last[0] == "p:某某市发展和改革委员会"  # the 署名 right after the last table


def test_section_ends_take_no_line_of_their_own() -> None:
    """A w:sectPr rides on the section's last paragraph, or after a table on a paragraph one
    point high: an empty grid line could fall onto a page of its own (a blank page)."""
    docx = build_docx(_document(TABLES_DRAFT))
    for paragraph in _body(docx).xpath("w:p[w:pPr/w:sectPr]", namespaces=NS):
        if "".join(paragraph.xpath(".//w:t/text()", namespaces=NS)):
            continue
        spacing = paragraph.find("w:pPr/w:spacing", NS)
        assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("20", "exact")


@pytest.mark.parametrize(
    "docx",
    [
        pytest.param(lambda: build_docx(parse_draft(LAST_DRAFT, path="t.md")), id="article"),
        pytest.param(
            lambda: _landscape_doc(
                Paragraph([]),
                signature="某某局",
                attachments=[Attachment("项目表", [Table(_SMALL, landscape=True)])],
            ),
            id="attachment",
        ),
    ],
)
def test_document_ending_in_a_landscape_table_ends_landscape(docx) -> None:
    """No empty portrait section (a blank page) after a landscape table that ends the
    document: the last section is the landscape one, closed by a one-point paragraph."""
    data = docx()
    assert _orientations(data) == "PL"
    assert _section_contents(data)[-1] == ["tbl", "p:"]
    body = _body(data)
    point = body[-2].find("w:pPr/w:spacing", NS)
    assert (point.get(q("line")), point.get(q("lineRule"))) == ("20", "exact")
    refs = body[-1].findall(q("footerReference"))
    first = body.find("w:p/w:pPr/w:sectPr", NS).findall(q("footerReference"))
    assert {r.get(q("type")) for r in refs} == {"default", "even"}
    assert {r.get(f"{{{R}}}id") for r in refs}.isdisjoint(r.get(f"{{{R}}}id") for r in first)


def test_portrait_tables_in_a_row_stand_one_line_apart_and_empty_ones_make_no_page() -> None:
    plain = _landscape_doc(Table(_SMALL), Table(_SMALL), Table([], landscape=True))
    assert _orientations(plain) == "P"
    assert _section_contents(plain) == [["p:测试", "tbl", "p:", "tbl", "p:"]]
    docx = _landscape_doc(Table(_SMALL), Table(_SMALL, landscape=True), Table(_SMALL))
    assert _orientations(docx) == "PLP"
    assert _section_contents(docx) == [["p:测试", "tbl", "p:|"], ["tbl", "p:|"], ["tbl", "p:"]]


def test_landscape_table_spans_the_text_block_height(docx_bytes: bytes) -> None:
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml"))
    widths = [int(w) for w in xml.xpath("//w:tbl/w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert len(widths) == 10
    assert sum(widths) == LayoutProfile().text_height_twips  # columns sized by content


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """LibreOffice's PDFs of the fixtures: the landscape table on page 3 (``odd``) and on
    page 2 (``even``); landscape tables first, in a row and last (``tables``); an article
    ending in one (``last``)."""
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("landscape")
    documents = {
        "odd": _document(DRAFT),
        "even": _document(EVEN_DRAFT),
        "tables": _document(TABLES_DRAFT),
        "last": parse_draft(LAST_DRAFT, path="last.md"),
    }
    paths = {}
    for name, document in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(build_docx(document))
        paths[name] = convert(path, folder)
    return paths


@pytest.mark.slow
def test_rendered_landscape_page_between_portrait_pages(pdfs: dict[str, Path]) -> None:
    import pymupdf

    with pymupdf.open(pdfs["odd"]) as pdf:
        pages = [(p.rect.width, p.rect.height, p.get_text()) for p in pdf]
    mm = 25.4 / 72
    shapes = ["landscape" if w > h else "portrait" for w, h, _ in pages]
    assert shapes.count("landscape") == 1
    turned = shapes.index("landscape")
    assert 0 < turned < len(pages) - 1  # portrait pages before and after
    assert "城东污水处理厂扩建" in pages[turned][2].replace("\n", "")
    for index, (width, height, text) in enumerate(pages):
        size = (round(width * mm), round(height * mm))
        assert size == ((297, 210) if index == turned else (210, 297))
        assert f"— {index + 1} —" in text  # numbers continue through the landscape page
    assert "三、报送要求" in pages[turned + 1][2]


_NUMBER = re.compile(r"^—(\d+)—$")


def _rendered(pdf_path: Path) -> list[tuple[str, list[str], str]]:
    """``(P or L, the page's ― N ― texts, its other text)`` of each page, spaces removed."""
    import pymupdf

    pages = []
    with pymupdf.open(pdf_path) as pdf:
        for page in pdf:
            text = re.sub(r"\s", "", page.get_text())
            numbers = re.findall(r"—\d+—", text)
            shape = "L" if page.rect.width > page.rect.height else "P"
            pages.append((shape, numbers, re.sub(r"—\d+—", "", text)))
    return pages


@pytest.mark.slow
@pytest.mark.parametrize(("name", "shapes"), [("tables", "PLPLP"), ("last", "PL")])
def test_rendered_landscape_tables_leave_no_blank_page(
    pdfs: dict[str, Path], name: str, shapes: str
) -> None:
    pages = _rendered(pdfs[name])
    assert "".join(shape for shape, _, _ in pages) == shapes
    for number, (_, numbers, text) in enumerate(pages, 1):
        assert numbers == [f"—{number}—"]  # one number a page, continuous
        assert text, f"page {number} carries nothing but its number"
    if name == "tables":
        assert "关于报送" in pages[0][2] and "序号" not in pages[0][2]
        assert pages[1][2].count("序号") == 1
        assert "建设进度情况。" in pages[2][2]
        both = pages[3][2]  # the two tables in a row on one landscape page
        assert both.count("序号") == 2 and "一季度合计" in both and "计划竣工" in both
        assert pages[4][2].startswith("某某市发展和改革委员会2026年3月20日抄送")


def _numbers(page) -> list[tuple[str, tuple[float, ...], tuple[float, float]]]:
    """``(text, bbox in mm, direction)`` of every ``— N —`` line on a pymupdf page."""
    found = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            text = re.sub(r"\s", "", "".join(span["text"] for span in line["spans"]))
            if _NUMBER.match(text):
                found.append((text, tuple(v * PT_TO_MM for v in line["bbox"]), line["dir"]))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("parity", ["odd", "even"])
def test_rendered_landscape_number_keeps_the_portrait_place(
    pdfs: dict[str, Path], parity: str
) -> None:
    """Read in landscape: the portrait bottom edge is the left edge, the portrait right edge
    the bottom one. The number is turned (top to bottom), the portrait drop below the 版心
    (from the left edge of the landscape page) and the odd/even side one character in."""
    import pymupdf

    one_char = 14 * PT_TO_MM
    with pymupdf.open(pdfs[parity]) as pdf:
        pages = list(pdf)
        turned = [i for i, p in enumerate(pages) if p.rect.width > p.rect.height]
        assert len(turned) == 1
        index = turned[0]
        number = index + 1
        assert number % 2 == (1 if parity == "odd" else 0)
        portrait_drops = []
        for other in pages:
            if other.rect.width < other.rect.height:
                ((_, _, direction),) = _numbers(other)
                assert direction == (1.0, 0.0)
                portrait_drops.append(dash_ink(other)[1] - (PAGE_H - BOTTOM))
        landscape_height = pages[index].rect.height * PT_TO_MM
        found = _numbers(pages[index])
        dash = dash_ink(pages[index])
    # one number on the landscape page, none left along its bottom edge
    assert len(found) == 1, found
    text, (x0, y0, x1, y1), (cos, sin) = found[0]
    assert text == f"—{number}—"
    assert abs(cos) < 0.01 and abs(sin - 1) < 0.01  # runs top to bottom: turned clockwise
    assert y1 < landscape_height - RIGHT  # not in the landscape bottom margin
    # the dash's top (GB/T 9704 7.5: 一字线上距版心下边缘 7 mm) is its right side; the 版心
    # starts 35 mm in
    drop = BOTTOM - dash[2]
    tolerance = NUMBER_DROP_TOLERANCE_MM
    assert abs(drop - NUMBER_DROP_MM) <= tolerance, f"landscape number {drop:.2f} mm below the 版心"
    assert all(abs(drop - portrait) <= tolerance for portrait in portrait_drops), portrait_drops
    # odd: portrait right = landscape bottom; even: portrait left = landscape top
    odd = parity == "odd"
    along = y1 - (PAGE_W - RIGHT - one_char) if odd else y0 - (LEFT + one_char)
    assert abs(along) <= EDGE_TOLERANCE_MM, f"{parity} page number {along:+.2f} mm off"
    print(
        f"\n{parity} landscape page {number}: box x {x0:.2f}–{x1:.2f} y {y0:.2f}–{y1:.2f} mm, "
        f"drop {drop:.2f} mm (portrait {', '.join(f'{d:.2f}' for d in portrait_drops)}), "
        f"along {along:+.2f} mm, direction {(cos, sin)}"
    )
