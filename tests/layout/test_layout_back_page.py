"""The 版记 on an even last page (GB/T 9704-2012 7.4, 7.5; issue 18, item 1), rendered by
LibreOffice and measured on the PDF, and the estimate that decides it measured against the
same renderer.

Three cases, by where the flow before the 版记 ends: an even page with room at its foot (the
版记 stands there); an odd page (the 版记 goes to the next, even page, numbered); an even page
without room (a blank page, then the 版记 page, neither numbered). With an attachment the last
attachment page decides. The layout review (``lint --render``) finds nothing on any of them.

Skips, saying why, where ``soffice`` is not installed (the estimate's own tests run anyway).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from paths import FIXTURES, TEMPLATES
from pdf_layout import PITCH_MM, TOP, PdfLayout, assert_gbt9704, measure, soffice_or_skip

from drafting.layout.builder import DocxBuilder
from drafting.layout.pagination import Estimate, FlowEnd, _wrapped
from drafting.lint.docx_layout import layout_report
from drafting.model import (
    Attachment,
    HeaderFields,
    Heading,
    Inline,
    OfficialDocument,
    Paragraph,
    Table,
)
from drafting.render import prepare

ORGAN = "江州市人民政府办公室"
JOINT = ["江州市人民政府办公室", "江州市财政局", "江州市文化广电和旅游局"]
DATE = dt.date(2026, 12, 6)
_DIGITS = "〇一二三四五六七八九"


def _line(number: int, chars: int = 26) -> Paragraph:
    """A body paragraph of ``chars`` characters (26: one full line after the indent)."""
    tag = "".join(_DIGITS[int(d)] for d in f"{number:03d}")
    return Paragraph([Inline(("第" + tag + "行" + "正文测试内容示例" * 40)[:chars])])


def _document(
    body: list, *, attachment: list | None = None, colophon: bool = True, layout: str = "official"
) -> OfficialDocument:
    return OfficialDocument(
        title="关于版记页排版测试的通知",
        body=body,
        kind="notice",
        layout=layout,
        header=HeaderFields(organs=[ORGAN], doc_number="江政办发〔2026〕3号"),
        recipients="各区人民政府，市政府各部门：",
        signature=ORGAN,
        date=DATE,
        attachments=[Attachment("版记页测试附件", attachment)] if attachment is not None else [],
        cc=["市委办公厅，市人大常委会办公厅"] if colophon else [],
        printer=ORGAN if colophon else None,
        print_date=DATE if colophon else None,
    )


def _built(doc: OfficialDocument) -> tuple[bytes, FlowEnd | None]:
    """The .docx and the estimated end of its flow (the 版记 aside: it floats)."""
    builder = DocxBuilder()
    builder.build(doc)
    end = Estimate(builder.writer).flow_end()
    return builder.save(), end


def _lines(count: int) -> list[Paragraph]:
    return [_line(number) for number in range(1, count + 1)]


# -- the estimate, without a renderer ---------------------------------------------------------


def test_the_estimate_counts_whole_lines_on_the_grid() -> None:
    _, short = _built(_document(_lines(3), colophon=False))
    _, longer = _built(_document(_lines(4), colophon=False))
    assert short is not None and longer is not None
    assert longer.page == short.page and longer.used - short.used == 579


def test_a_latin_number_is_not_split_and_a_closing_mark_hangs() -> None:
    wide, narrow = 315, 155
    room = 28 * wide
    assert _wrapped("字" * 28, 0, room, wide, narrow) == 1
    assert _wrapped("字" * 29, 0, room, wide, narrow) == 2
    assert _wrapped("字" * 28 + "。", 0, room, wide, narrow) == 1  # hangs
    assert _wrapped("字" * 27 + "1326件", 0, room, wide, narrow) == 2  # the number moves whole
    assert _wrapped("字" * 27 + "《标题》", 0, room, wide, narrow) == 2


def test_a_landscape_table_page_leaves_the_estimate_unknown() -> None:
    wide = Table(rows=[[f"列{n}" for n in range(12)], ["1"] * 12], landscape=True)
    _, end = _built(_document([_line(1), wide], colophon=False))
    assert end is None


def test_the_blank_and_back_pages_are_a_section_without_page_numbers() -> None:
    data, _ = _built(_document(_lines(27)))
    document = docx.Document(io.BytesIO(data))
    body, back = document.sections
    assert "PAGE" in body.footer._element.xml, "the body's section keeps its numbers"
    for footer in (back.footer, back.even_page_footer):
        assert not footer.is_linked_to_previous
        assert "PAGE" not in footer._element.xml
    breaks = document.element.body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
    assert len(breaks) == 1  # after the blank page, before the 版记


# -- rendered ---------------------------------------------------------------------------------


def _grid_line(y1: float) -> float:
    return (y1 - TOP) / PITCH_MM


def _flow_end(layout: PdfLayout) -> tuple[int, float]:
    """The page and grid line (its bottom) of the last text line above the 版记."""
    last = None
    for page in layout.pages:
        colophon = [
            line.y0
            for line in page.lines  # not body_lines: they keep one part of a row
            if line.chars.startswith("抄送") or line.chars.endswith("印发")
        ]
        top = min(colophon, default=float("inf")) - 2.0  # mm: a row's parts differ a little
        for line in page.body_lines:
            if line.y0 < top:
                last = (page.number, _grid_line(line.y1))
    assert last is not None
    return last


ESTIMATED = {
    "one line": _document(_lines(1), colophon=False),
    "a page": _document(_lines(20), colophon=False),
    "two pages": _document(_lines(48), colophon=False),
    "long paragraphs": _document([_line(n, 200) for n in range(12)], colophon=False),
    "headings": _document(
        [
            Heading(1, [Inline("一、总体要求")]),
            _line(1, 300),
            Heading(2, [Inline("（一）工作目标")]),
            _line(2, 75),
            _line(3, 51),
        ]
        * 4,
        colophon=False,
    ),
    "attachment": _document(_lines(30), attachment=_lines(20), colophon=False),
    "numbers and a table": _document(
        [_line(n, 60) for n in range(8)]
        + [
            Table(
                rows=[["项目", "数量", "比例"]]
                + [["一项需要换行显示的较长说明文字" * 2, "1200", "98.3%"]] * 12
            )
        ]
        + [
            Paragraph(
                [Inline("到2030年，全市基本建成居家社区机构相协调、医养康养相结合的体系。" * 3)]
            )
        ],
        colophon=False,
    ),
    "letter": _document(_lines(30), colophon=False, layout="letter"),
    "sealed": replace(_document(_lines(24), colophon=False), seal=FIXTURES / "layout" / "seal.png"),
    "joint sealed": replace(
        _document(_lines(18), colophon=False),
        signature="\n".join(JOINT),
        seals=[FIXTURES / "layout" / "seal.png"] * 3,
    ),
    "joint": replace(
        _document(_lines(40), colophon=False),
        header=HeaderFields(organs=JOINT, doc_number="江政办发〔2026〕8号"),
        signature="\n".join(JOINT),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ESTIMATED))
def test_the_estimate_matches_libreoffice(name: str, tmp_path: Path) -> None:
    soffice_or_skip()
    data, end = _built(ESTIMATED[name])
    path = tmp_path / "flow.docx"
    path.write_bytes(data)
    page, line = _flow_end(measure(path))
    assert end is not None
    assert end.page == page and abs(end.used / 579 - line) < 0.5, (end, page, line)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["notice", "request", "decision", "opinion", "summary"])
def test_the_estimate_matches_libreoffice_on_template_samples(kind: str, tmp_path: Path) -> None:
    soffice_or_skip()
    doc = prepare(kind, TEMPLATES / kind / "sample.yaml").document
    builder = DocxBuilder()
    builder.build(doc)
    body = builder.writer.document.element.body
    children = [child for child in body if child.tag != qn("w:sectPr")]
    texts = [
        child
        for child in children
        if "".join(child.itertext()).strip() and child.find(f".//{qn('w:tblpPr')}") is None
    ]
    flow = children[: children.index(texts[-1]) + 1]  # to the last text outside the 版记
    end = Estimate(builder.writer).flow_end(flow)
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(builder.save())
    page, line = _flow_end(measure(path))
    assert end is not None and end.page == page and abs(end.used / 579 - line) < 0.5, (end, line)


def _pages(layout: PdfLayout) -> list[tuple[bool, bool, str | None]]:
    """Each page: whether it holds body text, whether it holds the 版记, its number."""
    found = []
    for page in layout.pages:
        texts = [line.chars for line in page.body_lines]
        colophon = any(text.startswith("抄送") for text in texts)
        body = any(text.startswith("第") or text == "2026年12月6日" for text in texts)
        number = page.page_number.chars if page.page_number else None
        found.append((body, colophon, number))
    return found


def _render(doc: OfficialDocument, tmp_path: Path) -> tuple[PdfLayout, bytes]:
    data, _ = _built(doc)
    path = tmp_path / "back.docx"
    path.write_bytes(data)
    return measure(path), data


@pytest.mark.slow
def test_on_an_even_page_with_room_the_colophon_stands_at_its_foot(tmp_path: Path) -> None:
    soffice_or_skip()
    layout, data = _render(_document(_lines(20)), tmp_path)
    assert _pages(layout) == [(True, False, "—1—"), (True, True, "—2—")]
    assert_gbt9704(layout, official=True, colophon=True, full_pages=False)
    assert layout_report(data, render=True).issues == []


@pytest.mark.slow
def test_after_an_odd_page_the_colophon_goes_to_the_next_page_numbered(tmp_path: Path) -> None:
    soffice_or_skip()
    layout, data = _render(_document(_lines(3)), tmp_path)
    assert _pages(layout) == [(True, False, "—1—"), (False, True, "—2—")]
    assert_gbt9704(layout, official=True, colophon=True, full_pages=False)
    assert layout_report(data, render=True).issues == []


@pytest.mark.slow
def test_a_full_even_page_is_followed_by_a_blank_page_and_the_colophon_unnumbered(
    tmp_path: Path,
) -> None:
    soffice_or_skip()
    layout, data = _render(_document(_lines(27)), tmp_path)
    assert _pages(layout) == [
        (True, False, "—1—"),
        (True, False, "—2—"),
        (False, False, None),
        (False, True, None),
    ]
    assert not any(page.lines for page in layout.pages[2:3])  # the blank page: nothing at all
    assert_gbt9704(layout, official=True, colophon=True, full_pages=False)
    assert layout_report(data, render=True).issues == []


@pytest.mark.slow
def test_with_an_attachment_its_last_page_decides(tmp_path: Path) -> None:
    soffice_or_skip()
    layout, data = _render(_document(_lines(5), attachment=_lines(3)), tmp_path)
    pages = _pages(layout)
    assert len(pages) % 2 == 0 and pages[-1][1] and pages[-1][2] == f"—{len(pages)}—"
    assert not any(colophon for _, colophon, _ in pages[:-1])
    assert_gbt9704(layout, official=True, colophon=True, full_pages=False)
    assert layout_report(data, render=True).issues == []
