"""Tables (issue 18, item 5), rendered by LibreOffice and measured on the PDF: column widths from
the content, so numbers are never split across lines; table text on lines of its own 4号 size,
off the body's 28.95 pt grid; the header row repeated on every page; no row broken across pages.
Portrait and landscape (GB/T 9704-2012 8). Skips, saying why, where ``soffice`` is missing.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pdf_layout import PITCH_MM, Line, measure

from drafting.layout import build_docx
from drafting.layout.body import column_widths
from drafting.model import HeaderFields, Inline, OfficialDocument, Paragraph, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
HEAD = ["序号", "项目名称", "建设单位", "总投资", "年度计划", "完成投资", "完成率", "同比增长"]


def _rows(count: int) -> list[list[str]]:
    rows = [HEAD]
    for n in range(1, count + 1):
        name = (
            "城东污水处理厂扩建工程"
            if n % 3
            else "江州市中心城区老旧小区改造及配套基础设施提升工程"
        )
        rows.append(
            [str(n), name, "市住建局", f"{1200 + n * 37}", f"{860 + n}", f"{845.5 + n:.1f}",
             f"{98.3 - n / 10:.1f}%", f"-{12.5 + n / 10:.1f}%"]
        )  # fmt: skip
    return rows


def _document(rows: list[list[str]], *, landscape: bool) -> OfficialDocument:
    return OfficialDocument(
        title="关于重点项目进展情况的通报",
        body=[
            Paragraph([Inline("现将重点项目进展情况通报如下。")]),
            Table(rows, header=True, landscape=landscape),
            Paragraph([Inline("请各单位加快推进。")]),
        ],
        kind="notice",
        layout="official",
        header=HeaderFields(organs=["江州市人民政府办公室"], doc_number="江政办发〔2026〕9号"),
        recipients="各区人民政府：",
        signature="江州市人民政府办公室",
        date=dt.date(2026, 12, 6),
    )


def _numbers(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows[1:] for cell in row[3:]]


def _table_lines(page_lines: list[Line]) -> list[Line]:
    return [line for line in page_lines if any(c.isdigit() for c in line.chars)]


def _serials(page_lines: list[Line]) -> dict[int, Line]:
    """The first column's serial numbers on a page (the PDF may join a serial to the name
    beside it in one line)."""
    found: dict[int, Line] = {}
    text = [line for line in page_lines if not line.chars.startswith("—")]  # not the number
    left = min((line.x0 for line in text), default=0.0)
    for line in text:
        match = re.match(r"\d{1,2}(?!\d)", line.chars)
        if match and line.x0 < left + 12:
            found[int(match.group())] = line
    return found


@pytest.mark.slow
@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_numbers_whole_rows_tight_and_the_header_repeated(
    landscape: bool, tmp_path: Path, soffice: str
) -> None:
    rows = _rows(40)
    path = tmp_path / "table.docx"
    path.write_bytes(build_docx(_document(rows, landscape=landscape)))
    layout = measure(path)
    texts = [line.chars for page in layout.pages for line in page.lines]
    for number in _numbers(rows):  # each number whole on one line of some cell
        assert any(number in text for text in texts), number
    serials = {page.number: _serials(page.lines) for page in layout.pages}
    table_pages = [page for page in layout.pages if serials[page.number]]
    assert len(table_pages) >= 2
    for page in table_pages:  # the header row on top of the table on every page
        head = [line for line in page.lines if line.chars.startswith("序")]
        assert head and max(line.y0 for line in head) < min(
            line.y0 for line in serials[page.number].values()
        )
    # lines of the 4号 size: a cell's lines, and one-line rows, well under a body line apart
    steps = [
        b - a
        for page in table_pages
        for a, b in itertools.pairwise(sorted({round(line.y0, 1) for line in page.lines}))
    ]
    assert min(steps) < 0.8 * PITCH_MM, steps
    # every row whole on one page: its serial, its figures and its last line together
    pages_of_serial = {n: page for page, found in serials.items() for n in found}
    assert sorted(pages_of_serial) == list(range(1, len(rows)))
    for row in rows[1:]:
        page = layout.pages[pages_of_serial[int(row[0])] - 1]
        assert any(row[-1] in line.chars for line in page.lines), row


def test_rows_are_kept_whole_and_the_header_marked_to_repeat() -> None:
    data = build_docx(_document(_rows(3), landscape=False))
    document = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    (table,) = document.xpath("//w:tbl", namespaces=NS)
    rows = table.findall(f"{{{W}}}tr")
    assert all(row.find(f"{{{W}}}trPr/{{{W}}}cantSplit") is not None for row in rows)
    assert rows[0].find(f"{{{W}}}trPr/{{{W}}}tblHeader") is not None
    assert all(row.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is None for row in rows[1:])
    grid = [int(col.get(f"{{{W}}}w")) for col in table.findall(f"{{{W}}}tblGrid/{{{W}}}gridCol")]
    assert sum(grid) == 8845
    assert grid[1] == max(grid)  # the names' column widest, the serials' narrowest
    assert grid[0] == min(grid)


def test_column_widths_fit_the_widest_number_and_fill_the_span() -> None:
    rows = [["序号", "说明", "金额"], ["1", "很长的说明文字" * 6, "1234567.89"]]
    widths = column_widths(rows, 8845, advance=275, margin=120)
    assert sum(widths) == 8845
    assert widths[2] >= 120 + round(10 * 0.6 * 275)  # the amount on one line
    assert widths[1] > widths[2] > widths[0]
    many = [[str(n) * 6 for n in range(12)]]  # more than fits: in proportion, still the span
    assert sum(column_widths(many, 8845, advance=275, margin=120)) == 8845
