"""Joint issuance sealed (issue 18, item 3; GB/T 9704-2012 7.3.5.1): several organs' 署名 side by
side in rows, in order, each under its own seal, the last seal over the last 署名 and the 成文日期
(four characters in from the right), the first seal's top within one line of the body, seals
neither touching nor crossing, all within the 版心; with one seal image per organ
(``seal: [a.png, b.png, c.png]`` in the front matter) and sealed by hand (``hand_seal: true``).

Rendered by LibreOffice and measured on the PDF (PyMuPDF finds each 署名 and each seal image);
the OOXML is checked too, and the L5xx review of the rendered file finds nothing. Skips, saying
why, where ``soffice`` is not installed.
"""

from __future__ import annotations

import io
import itertools
import math
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from pdf_layout import LEFT, PAGE_W, PITCH_MM, PT_TO_MM, RIGHT, assert_gbt9704, measure
from pdf_layout import Line as PdfLine

from drafting.drafts.markdown import parse_draft
from drafting.errors import DraftingError, InputError
from drafting.layout import build_docx
from drafting.lint.docx_layout import layout_report
from drafting.model import OfficialDocument

SEAL = Path(__file__).parents[1] / "fixtures" / "layout" / "seal.png"
ONE_CHAR_MM = 315 / 20 * PT_TO_MM
SEAL_MM = 42.0
#: The brief's tolerance for a seal centred over its 署名.
CENTRE_MM = 1.5
DATE = "2026年12月6日"
#: Long names: two to a row (the third alone, on the right, over the date).
LONG = ["江州市人民政府办公室", "江州市财政局", "江州市文化广电和旅游局"]
#: Short names: all three in one row.
SHORT = ["江州市财政局", "江州市教育局", "江州市民政局"]
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
DRAFT = """---
title: 关于做好2026年度文化旅游节经费保障工作的通知
doc_number: 江政办发〔2026〕8号
organs: [{organs}]
recipients: 各区人民政府：
signature: |
{signature}
date: 2026-12-06
{extra}
---

为做好2026年度文化旅游节经费保障工作，现将有关事项通知如下。

请遵照执行。
"""


def _draft_text(organs: list[str], extra: str) -> str:
    return DRAFT.format(
        organs=", ".join(organs),
        signature="\n".join(f"  {organ}" for organ in organs),
        extra=extra,
    )


def _document(folder: Path, organs: list[str], extra: str) -> OfficialDocument:
    path = folder / "draft.md"
    path.write_text(_draft_text(organs, extra), encoding="utf-8")
    return parse_draft(path.read_text(encoding="utf-8"), path=path)


def _seal_images(folder: Path, count: int) -> list[str]:
    names = [f"seal{index + 1}.png" for index in range(count)]
    for name in names:
        shutil.copy(SEAL, folder / name)
    return names


@dataclass
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Rendered:
    docx: Path
    organs: list[str]
    names: list[Box]  # each organ's 署名, in order
    seals: list[Box]  # the seal images, as drawn
    date: PdfLine
    body_end: PdfLine  # the body's last line, on the page of the signature block


def _render(folder: Path, organs: list[str], extra: str) -> Rendered:
    import pymupdf

    docx = folder / "joint.docx"
    docx.write_bytes(build_docx(_document(folder, organs, extra)))
    layout = measure(docx)
    assert_gbt9704(layout, official=True, colophon=False, full_pages=False)
    page = next(p for p in layout.pages if any(line.chars == DATE for line in p.lines))
    date = next(line for line in page.lines if line.chars == DATE)
    body_end = next(line for line in page.lines if line.chars == "请遵照执行。")
    with pymupdf.open(layout.pdf_path) as pdf:
        pdf_page = pdf[page.number - 1]
        names = []
        for organ in organs:  # the 署名 is below the body; the 标志 and title above it
            hits = [r for r in pdf_page.search_for(organ) if r.y0 * PT_TO_MM > body_end.y1]
            assert len(hits) == 1, (organ, hits)
            names.append(Box(*(value * PT_TO_MM for value in hits[0])))
        seals = [Box(*(v * PT_TO_MM for v in info["bbox"])) for info in pdf_page.get_image_info()]
    return Rendered(docx, organs, names, seals, date, body_end)


@pytest.fixture(scope="module", params=["long", "short"])
def sealed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    from pdf_layout import soffice_or_skip

    soffice_or_skip()
    organs = LONG if request.param == "long" else SHORT
    folder = tmp_path_factory.mktemp(f"sealed-{request.param}")
    extra = f"seal: [{', '.join(_seal_images(folder, len(organs)))}]"
    return _render(folder, organs, extra)


@pytest.fixture(scope="module")
def by_hand(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    from pdf_layout import soffice_or_skip

    soffice_or_skip()
    return _render(tmp_path_factory.mktemp("hand"), LONG, "hand_seal: true")


# -- the front matter ------------------------------------------------------------------------


def test_a_seal_list_gives_one_seal_per_organ_in_order(tmp_path: Path) -> None:
    names = _seal_images(tmp_path, 3)
    doc = _document(tmp_path, LONG, f"seal: [{', '.join(names)}]")
    assert doc.seal is None
    assert doc.seals == [(tmp_path / name).resolve() for name in names]


def test_one_organ_takes_one_seal_as_a_string_or_a_list(tmp_path: Path) -> None:
    (name,) = _seal_images(tmp_path, 1)
    for extra in (f"seal: {name}", f"seal: [{name}]"):
        doc = _document(tmp_path, LONG[:1], extra)
        assert (doc.seal, doc.seals) == ((tmp_path / name).resolve(), [])


@pytest.mark.parametrize(
    ("organs", "seals", "said"),
    [
        (LONG, 2, "印章图片有 2 个，署名中的发文机关有 3 个"),
        (LONG, 1, "印章图片有 1 个，署名中的发文机关有 3 个"),
        (LONG[:1], 2, "印章图片有 2 个，署名中的发文机关有 1 个"),
    ],
)
def test_a_seal_count_other_than_the_organs_is_refused_naming_the_line(
    tmp_path: Path, organs: list[str], seals: int, said: str
) -> None:
    names = _seal_images(tmp_path, seals)
    extra = f"seal: [{', '.join(names)}]" if seals > 1 else f"seal: {names[0]}"
    with pytest.raises(DraftingError, match=said) as caught:
        _document(tmp_path, organs, extra)
    assert caught.value.line == 8 + len(organs)  # the ``seal`` line
    assert "按署名顺序" in str(caught.value)


def test_the_builder_refuses_a_seal_count_other_than_the_organs(tmp_path: Path) -> None:
    doc = _document(tmp_path, LONG, "")
    doc.seals = [SEAL, SEAL]
    with pytest.raises(InputError, match="印章图片有 2 个，署名中的发文机关有 3 个"):
        build_docx(doc)


def test_an_unreadable_seal_in_the_list_is_a_clear_error(tmp_path: Path) -> None:
    names = _seal_images(tmp_path, 3)
    (tmp_path / names[1]).write_bytes(b"not an image")
    doc = _document(tmp_path, LONG, f"seal: [{', '.join(names)}]")
    with pytest.raises(InputError, match="印章图片无法读取"):
        build_docx(doc)


# -- the OOXML -------------------------------------------------------------------------------


def _xml(docx: Path) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _styled(root: etree._Element, style: str) -> list[etree._Element]:
    return root.xpath(f"//w:p[w:pPr/w:pStyle/@w:val='{style}']", namespaces=NS)


def _text(paragraph: etree._Element) -> str:
    return "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))


def test_ooxml_rows_of_names_on_centre_tabs_and_one_seal_each(sealed: Rendered) -> None:
    root = _xml(sealed.docx)
    rows = [p for p in _styled(root, "署名") if _text(p)]
    per_row = 2 if sealed.organs == LONG else 3
    expected = [sealed.organs[i : i + per_row] for i in range(0, len(sealed.organs), per_row)]
    assert [_text(p) for p in rows] == ["".join(row) for row in expected]
    for paragraph, row in zip(rows, expected, strict=True):
        tabs = paragraph.xpath("w:pPr/w:tabs/w:tab/@w:val", namespaces=NS)
        assert tabs == ["center"] * len(row)
        assert len(paragraph.xpath(".//w:r/w:tab", namespaces=NS)) == len(row)
    (date,) = _styled(root, "成文日期")
    assert date.xpath("string(w:pPr/w:ind/@w:right)", namespaces=NS) == str(4 * 315)
    anchors = root.xpath("//wp:anchor", namespaces=NS)
    assert len(anchors) == len(sealed.organs)
    ids = [anchor.xpath("string(wp:docPr/@id)", namespaces=NS) for anchor in anchors]
    assert len(set(ids)) == len(ids)  # Word wants every drawing's id unique
    for anchor in anchors:
        assert anchor.xpath("string(wp:extent/@cx)", namespaces=NS) == str(42 * 36000)
    assert len(date.xpath(".//wp:anchor", namespaces=NS)) == len(expected[-1])


def test_ooxml_hand_sealed_has_the_rows_and_no_image(by_hand: Rendered) -> None:
    root = _xml(by_hand.docx)
    rows = [_text(p) for p in _styled(root, "署名") if _text(p)]
    assert rows == [LONG[0] + LONG[1], LONG[2]]
    assert not root.xpath("//w:drawing", namespaces=NS)
    with zipfile.ZipFile(by_hand.docx) as package:
        assert not [name for name in package.namelist() if name.startswith("word/media/")]


# -- the rendered page -----------------------------------------------------------------------


def _rows(names: list[Box]) -> list[list[int]]:
    rows: list[list[int]] = []
    for index, box in enumerate(names):
        if rows and abs(names[rows[-1][0]].cy - box.cy) < 1:
            rows[-1].append(index)
        else:
            rows.append([index])
    return rows


def _check_names(rendered: Rendered) -> list[list[int]]:
    names = rendered.names
    rows = _rows(names)
    assert [len(row) for row in rows] == ([2, 1] if rendered.organs == LONG else [3]), rows
    for row in rows:
        assert [names[i].x0 for i in row] == sorted(names[i].x0 for i in row)  # in order
    assert [names[row[0]].cy for row in rows] == sorted(names[row[0]].cy for row in rows)
    for box in names:  # within the 版心
        assert box.x0 >= LEFT - 0.5 and box.x1 <= PAGE_W - RIGHT + 0.5, box
    for upper, lower in itertools.pairwise(rows):  # rows far enough apart for the seals
        assert names[lower[0]].cy - names[upper[0]].cy >= SEAL_MM + 1
    last = names[-1]
    date = rendered.date
    assert abs(PAGE_W - RIGHT - date.x1 - 4 * ONE_CHAR_MM) <= 1.0  # four characters in
    assert date.y0 > last.y1 and date.y0 - last.y1 < PITCH_MM  # on the next line
    assert abs(last.cx - (date.x0 + date.x1) / 2) <= ONE_CHAR_MM  # over the date
    return rows


def test_names_in_rows_in_order_within_the_type_area(sealed: Rendered) -> None:
    _check_names(sealed)


def test_each_seal_is_centred_over_its_name(sealed: Rendered) -> None:
    assert len(sealed.seals) == len(sealed.organs)
    seals = sorted(sealed.seals, key=lambda box: (round(box.cy), box.cx))
    for name, seal in zip(sealed.names, seals, strict=True):
        assert abs((seal.x1 - seal.x0) - SEAL_MM) <= 0.5
        assert abs(seal.cx - name.cx) <= CENTRE_MM, (name, seal)
        assert seal.y0 < name.y0 and name.y1 < seal.y1  # pressed over the name
        assert seal.x0 >= LEFT - 0.5 and seal.x1 <= PAGE_W - RIGHT + 0.5, seal  # in the 版心


def test_seals_neither_touch_nor_cross(sealed: Rendered) -> None:
    for one, other in itertools.combinations(sealed.seals, 2):
        distance = math.hypot(one.cx - other.cx, one.cy - other.cy)
        assert distance > SEAL_MM + 1, (one, other)  # round seals: centres a diameter apart


def test_the_last_seal_covers_the_last_name_and_the_date(sealed: Rendered) -> None:
    last = max(sealed.seals, key=lambda box: (round(box.cy), box.cx))
    name, date = sealed.names[-1], sealed.date
    assert last.y0 < name.y0 and date.y1 < last.y1
    # centred on the date as counted (digits half a character; the PDF's face sets them a
    # little wider, so within one character)
    assert abs(last.cx - (date.x0 + date.x1) / 2) <= ONE_CHAR_MM


def test_the_first_seal_top_is_within_one_line_of_the_body(sealed: Rendered) -> None:
    top = min(box.y0 for box in sealed.seals)
    assert 0 <= top - sealed.body_end.y1 <= PITCH_MM


def test_hand_sealed_leaves_each_seal_its_place(by_hand: Rendered) -> None:
    rows = _check_names(by_hand)
    names = by_hand.names
    for row in rows:  # a 42 mm seal centred on each name meets none beside it
        for left, right in itertools.pairwise(row):
            assert names[right].cx - names[left].cx > SEAL_MM + 1
    # the first seal, centred at the foot of the first name's line, starts under the body
    line_foot = names[0].cy + PITCH_MM / 2
    assert 0 <= line_foot - SEAL_MM / 2 - by_hand.body_end.y1 <= PITCH_MM


def test_the_layout_review_finds_nothing_on_the_rendered_files(
    sealed: Rendered, by_hand: Rendered
) -> None:
    from click.testing import CliRunner

    from drafting.cli import cli

    for rendered in (sealed, by_hand):
        report = layout_report(rendered.docx.read_bytes(), render=True)
        assert report.measured and report.issues == [], report.issues
        result = CliRunner().invoke(cli, ["lint", str(rendered.docx), "--render", "--select", "L5"])
        assert result.exit_code == 0, result.output
        assert "0 个错误，0 个警告" in result.stdout
