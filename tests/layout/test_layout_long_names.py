"""Long names (issue 18, item 2), rendered by LibreOffice and measured on the PDF: a 署名 wider
than the line is a block of whole-word lines, two characters in from the right, with the
成文日期 on one line under it; a long 发文机关标志 keeps at least 2号, condensed in width or
broken into lines, inside the 版心.

Skips, saying why, where ``soffice`` is not installed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pdf_layout import LEFT, PAGE_W, PT_TO_MM, RIGHT, PdfLayout, measure, soffice_or_skip

from drafting.layout import build_docx
from drafting.model import HeaderFields, Inline, OfficialDocument, Paragraph

pytestmark = pytest.mark.slow

TOL = 1.0
ONE_CHAR_MM = 315 / 20 * PT_TO_MM
LONG_SIGNATURE = "中共江州市委全面深化改革委员会办公室江州市发展和改革委员会"
DATE_TEXT = "2026年12月26日"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document(signature: str, organ: str) -> OfficialDocument:
    return OfficialDocument(
        title="关于长名称排版测试的通知",
        body=[Paragraph([Inline("正文内容。" * 10)])],
        kind="notice",
        layout="official",
        header=HeaderFields(organs=[organ], doc_number="江政办发〔2026〕1号"),
        recipients="各区人民政府：",
        signature=signature,
        date=dt.date(2026, 12, 26),
    )


def _render(doc: OfficialDocument, path: Path) -> PdfLayout:
    soffice_or_skip()
    path.write_bytes(build_docx(doc))
    return measure(path)


def test_a_signature_wider_than_the_line_is_a_right_block_with_the_date_under_it(
    tmp_path: Path,
) -> None:
    layout = _render(_document(LONG_SIGNATURE, "江州市人民政府办公室"), tmp_path / "sig.docx")
    lines = layout.pages[0].lines
    date = next(line for line in lines if line.chars == DATE_TEXT)  # one line, whole
    block = [line for line in lines if line.y1 <= date.y0 + 0.5 and line.x0 > LEFT + 20]
    block = [line for line in block if line.chars and line.chars in LONG_SIGNATURE]
    assert len(block) == 2, block
    assert "".join(line.chars for line in block) == LONG_SIGNATURE
    assert abs(block[0].x0 - block[1].x0) < 0.5  # the lines start together
    widest = max(line.x1 for line in block)
    assert abs(widest - (PAGE_W - RIGHT - 2 * ONE_CHAR_MM)) <= TOL  # two characters in
    assert date.x0 > block[0].x0 and abs(date.x1 - widest) <= TOL  # under it, one line
    assert 0 < date.y0 - block[-1].y1 < 10  # on the next line


def _mark_lines(layout: PdfLayout) -> list:
    return [line for line in layout.pages[0].lines if line.colors and 0xE60012 in line.colors]


def test_a_long_mark_keeps_2hao_condensed_to_the_line(tmp_path: Path) -> None:
    organ = "江州市住房和城乡建设局江州市城市管理局"
    layout = _render(_document("江州市人民政府办公室", organ), tmp_path / "mark.docx")
    (mark,) = _mark_lines(layout)
    assert mark.chars == organ + "文件"
    title = next(line for line in layout.pages[0].lines if line.chars.endswith("通知"))
    assert mark.y1 - mark.y0 >= (title.y1 - title.y0) - 0.1  # at least the title's 2号
    assert mark.x0 >= LEFT - TOL and mark.x1 <= PAGE_W - RIGHT + TOL
    package = zipfile.ZipFile(tmp_path / "mark.docx")
    document = etree.fromstring(package.read("word/document.xml"))
    scales = {int(v) for v in document.xpath("//w:r/w:rPr/w:w/@w:val", namespaces={"w": W})}
    sizes = document.xpath("//w:p[w:r/w:rPr/w:w]/w:r/w:rPr/w:sz/@w:val", namespaces={"w": W})
    assert len(scales) == 1 and 70 <= scales.pop() < 100
    assert sizes and all(int(size) >= 44 for size in sizes)  # 22 pt


def test_a_very_long_mark_breaks_into_lines_of_at_least_2hao(tmp_path: Path) -> None:
    organ = LONG_SIGNATURE
    layout = _render(_document("江州市人民政府办公室", organ), tmp_path / "long.docx")
    marks = _mark_lines(layout)
    assert len(marks) == 2
    assert "".join(line.chars for line in marks) == organ + "文件"
    title = next(line for line in layout.pages[0].lines if line.chars.endswith("通知"))
    for line in marks:
        assert line.y1 - line.y0 >= (title.y1 - title.y0) - 0.1
        assert line.x0 >= LEFT - TOL and line.x1 <= PAGE_W - RIGHT + TOL
    number = next(line for line in layout.pages[0].lines if "〔2026〕" in line.text)
    assert number.y0 > marks[-1].y1  # the 发文字号 moves down under the second line


def test_signature_lines_given_on_several_lines_stay_as_given() -> None:
    doc = _document("江州市人民政府办公室\n江州市财政局", "江州市人民政府办公室")
    document = etree.fromstring(
        zipfile.ZipFile(io.BytesIO(build_docx(doc))).read("word/document.xml")
    )
    ns = {"w": W}
    paragraphs = document.xpath("//w:body/w:p", namespaces=ns)
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=ns)) for p in paragraphs]
    at = texts.index("江州市人民政府办公室", 3)
    block = paragraphs[at : at + 2]
    assert texts[at + 1] == "江州市财政局"
    assert texts[at + 2] == "2026年12月26日"
    for paragraph in block:  # one paragraph a line, both starting where the widest does
        assert paragraph.xpath("w:pPr/w:jc/@w:val", namespaces=ns) == ["left"]
        assert paragraph.xpath("w:pPr/w:keepNext/@w:val", namespaces=ns) in (["1"], [])
    lefts = {p.xpath("w:pPr/w:ind/@w:left", namespaces=ns)[0] for p in block}
    assert len(lefts) == 1
    # the date two characters in from the right, under the block (unsealed)
    date = paragraphs[at + 2]
    assert date.xpath("w:pPr/w:ind/@w:right", namespaces=ns) == [str(2 * 315)]
