"""Landscape table pages (GB/T 9704-2012 clause 8, A4 表格横排): the ``<!-- 横排 -->`` mark, the
landscape section in the OOXML and, with LibreOffice, the rendered pages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pdf_layout import convert, soffice_or_skip

from drafting.drafts.markdown import parse_draft
from drafting.layout import LayoutProfile, build_docx
from drafting.model import Table

DRAFT = Path(__file__).parent / "fixtures" / "drafts" / "landscape_table.md"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def _document():
    return parse_draft(DRAFT.read_text(encoding="utf-8"), path=DRAFT)


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


def test_footers_inherited_and_numbers_continue(sections: list[etree._Element]) -> None:
    refs = sections[0].findall(q("footerReference"))
    assert {r.get(q("type")) for r in refs} >= {"default", "even"}
    for later in sections[1:]:  # no own footers: Word and LibreOffice inherit the first ones
        assert later.findall(q("footerReference")) == []
        start = later.find(q("pgNumType"))
        assert start is None or start.get(q("start")) is None


def test_landscape_table_spans_the_text_block_height(docx_bytes: bytes) -> None:
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml"))
    widths = [int(w) for w in xml.xpath("//w:tbl/w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert len(widths) == 10
    assert sum(widths) == LayoutProfile().text_height_twips // 10 * 10


@pytest.mark.slow
def test_rendered_landscape_page_between_portrait_pages(docx_bytes: bytes, tmp_path: Path) -> None:
    soffice_or_skip()
    import pymupdf

    path = tmp_path / "landscape.docx"
    path.write_bytes(docx_bytes)
    pdf_path = convert(path, tmp_path)
    with pymupdf.open(pdf_path) as pdf:
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
