"""Page ends per GB/T 9704-2012 7.3.5 (issue 18, item 1), rendered by LibreOffice and measured on
the PDF: the body ending on lines 19–22 of a page, with and without an attachment, never leaves
the 署名 or the 成文日期 alone on a page (the last body lines go with them); the 版记 stands on
the bottom of the last page's 版心 however many lines its 抄送 takes.

Skips, saying why, where ``soffice`` is not installed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pdf_layout import (
    BOTTOM,
    EDGE_TOLERANCE_MM,
    PAGE_H,
    PITCH_MM,
    TOP,
    Line,
    assert_gbt9704,
    measure,
    soffice_or_skip,
)

from drafting.layout import build_docx
from drafting.model import Attachment, HeaderFields, Inline, OfficialDocument, Paragraph

pytestmark = pytest.mark.slow

SIGNATURE = "江州市人民政府办公室"
DATE = dt.date(2026, 12, 6)
DATE_TEXT = "2026年12月6日"
_DIGITS = "〇一二三四五六七八九"


def _line(number: int) -> Paragraph:
    """A body paragraph of exactly one full line (two characters in, 26 characters)."""
    tag = "".join(_DIGITS[int(d)] for d in f"{number:03d}")
    return Paragraph([Inline(("第" + tag + "行" + "正文测试内容示例" * 3)[:26])])


def _document(lines: int, *, attachment: bool, cc: list[str] | None = None) -> OfficialDocument:
    return OfficialDocument(
        title="关于页末排版测试的通知",
        body=[_line(number) for number in range(1, lines + 1)],
        kind="notice",
        layout="official",
        header=HeaderFields(organs=[SIGNATURE], doc_number="江政办发〔2026〕1号"),
        recipients="各区人民政府，市政府各部门：",
        signature=SIGNATURE,
        date=DATE,
        attachments=[Attachment("页末测试附件", [])] if attachment else [],
        cc=cc if cc is not None else ["市委办公厅"],
        printer=SIGNATURE,
        print_date=DATE,
    )


def _render(doc: OfficialDocument, path: Path):
    path.write_bytes(build_docx(doc))
    return measure(path)


def _grid_line(line: Line) -> int:
    """The 1-based grid line of the 版心 a text line stands on."""
    return round((line.y0 - TOP) / PITCH_MM) + 1


def _is_body(line: Line) -> bool:
    return line.chars.startswith("第") and line.chars[4:5] == "行"


@pytest.fixture(scope="module")
def first_page_lines(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many one-line body paragraphs page 1 holds under the header."""
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("probe")
    layout = _render(_document(40, attachment=False), folder / "probe.docx")
    return sum(_is_body(line) for line in layout.pages[0].body_lines)


@pytest.mark.parametrize("attachment", [False, True], ids=["plain", "attachment"])
@pytest.mark.parametrize("end_line", [19, 20, 21, 22])
def test_the_signature_block_never_stands_alone_on_a_page(
    end_line: int, attachment: bool, first_page_lines: int, tmp_path: Path
) -> None:
    lines = first_page_lines + end_line  # the body's last line on line ``end_line`` of page 2
    layout = _render(_document(lines, attachment=attachment), tmp_path / "ends.docx")
    assert_gbt9704(layout, official=True, colophon=True, full_pages=False)
    pages = layout.pages
    where = {}
    for page in pages:
        for line in page.body_lines:
            if line.chars == SIGNATURE and line.x0 > 100:  # the 署名, not the 印发 organ
                where["signature"] = (page.number, line)
            elif line.chars == DATE_TEXT.replace(" ", ""):
                where["date"] = (page.number, line)
            elif _is_body(line):
                where["last_body"] = (page.number, line)
            elif line.chars.startswith("附件：") and attachment:
                where["note"] = (page.number, line)
    (sig_page, signature), (date_page, date) = where["signature"], where["date"]
    body_page, last_body = where["last_body"]
    assert sig_page == date_page == body_page, where  # body's end, 署名 and date together
    assert _grid_line(date) == _grid_line(signature) + 1
    assert _grid_line(signature) - _grid_line(last_body) == (4 if attachment else 2)
    if attachment:
        assert where["note"][0] == sig_page
    # the page before the signature's is filled to within a few lines of its foot
    before = pages[sig_page - 2] if sig_page > 1 else None
    if before is not None and before.number > 1:
        assert _grid_line(before.body_lines[-1]) >= 22 - 5, before.body_lines[-1]
    # the 版记 on the last page, an even one (the back of the sheet)
    colophon = [p.number for p in pages if any(x.chars.startswith("抄送") for x in p.lines)]
    assert colophon == [len(pages)] and len(pages) % 2 == 0, colophon
    # the attachment starts a page of its own after the signature block
    if attachment:
        label = next(page for page in pages for line in page.body_lines if line.chars == "附件")
        assert label.number == sig_page + 1


def test_a_long_cc_list_grows_the_colophon_upwards_from_the_foot(
    tmp_path: Path, soffice: str
) -> None:
    organs = [f"江州市第{_DIGITS[n]}区人民政府办公室" for n in range(1, 10)]
    layout = _render(_document(5, attachment=False, cc=organs), tmp_path / "cc.docx")
    assert_gbt9704(layout, official=True, colophon=True, full_pages=False)
    last = layout.pages[-1]
    cc_lines = [line for line in last.lines if PAGE_H - BOTTOM - 60 < line.y0 < PAGE_H - BOTTOM]
    rows = sorted({round(line.y0) for line in cc_lines})
    assert len(rows) >= 4  # three lines of 抄送 and the 印发 row
    rules = layout.colophon_rules
    assert len(rules) == 3
    top, middle, bottom = rules
    assert abs(bottom.y - (PAGE_H - BOTTOM)) <= EDGE_TOLERANCE_MM
    assert top.y < min(line.y0 for line in cc_lines)  # the thick line above the 抄送
    printer = next(line for line in last.lines if line.chars.endswith("印发"))
    assert middle.y < printer.y0 < bottom.y
    assert top.width_pt > middle.width_pt < bottom.width_pt
