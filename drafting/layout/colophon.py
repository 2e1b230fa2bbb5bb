"""The 版记 (GB/T 9704-2012 7.4): 抄送 and 印发 standing on the bottom of the last page's 版心,
between black lines; the 信函格式 has the 抄送 alone, without lines. The last page is an even
one (the back of the sheet, 封四): :func:`place_on_back_page` moves the 版记 there, with a
blank page before it when it needs one, neither numbered (7.5).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from docx.oxml.ns import qn

from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.pagination import Estimate
from drafting.layout.writer import Writer, ppr, table_properties
from drafting.model import format_date


def add_colophon(
    w: Writer,
    cc: list[str],
    printer: str | None,
    print_date: dt.date | None,
    *,
    lines: bool = True,
) -> Any:
    """抄送 and 印发 standing on the bottom of the last page's 版心, between black lines:
    the first and last thick, the one between thin.

    The rows are a table floated on the bottom of the text area (``tblpYSpec="bottom"``),
    one row a 版记 element: however many lines the 抄送 wraps to in Word, WPS or LibreOffice,
    the table grows upwards from the bottom edge of the 版心, its borders the 版记 lines.
    ``lines=False`` (信函格式): the 抄送 alone, without lines. Returns the table (None when
    there is nothing to set).
    """
    p = w.profile
    one = p.advance_twips(p.colophon_size_pt)
    rows: list[tuple[str, str]] = []
    if cc:
        names = "，".join(name.strip().rstrip("，。、,.") for name in cc) + "。"
        rows.append((S.CC, "抄送：" + names))
    if printer or print_date:
        tail = f"\t{format_date(print_date)}印发" if print_date else ""
        rows.append((S.PRINTER, (printer or "") + tail))
    if not rows:
        return None
    if w.sections is not None and w.sections.landscape:
        w.sections.end_section(landscape=False)
    elif w.ends_with_table():
        w.point_paragraph()  # two tables in a row would merge
    table = w.add_table(len(rows), 1)
    w.fix_widths(table, [p.text_width_twips], cell_margin=0)
    properties = table_properties(table)
    oxml.set_table_bottom(properties, p.margins_twips[1])
    thick = round(p.colophon_thick_mm / 25.4 * 72 * 8)
    thin = round(p.colophon_thin_mm / 25.4 * 72 * 8)
    widths = {"top": thick, "bottom": thick, "insideH": thin} if lines else {}
    oxml.set_table_borders(properties, p.black, widths)
    for row, (style, text) in zip(table.rows, rows, strict=True):
        oxml.keep_row_whole(row)
        paragraph = row.cells[0].paragraphs[0]
        w.style(paragraph, style)
        if style == S.CC:
            hang = one * 3
            oxml.set_indent(
                paragraph.paragraph_format, left=one + hang, right=one, first_line=-hang
            )
        else:
            oxml.set_indent(paragraph.paragraph_format, left=one)
            oxml.add_tab(ppr(paragraph), p.text_width_twips - one, "right")
        w.run(paragraph, text, w.fonts.fangsong)
    return table


Placement = Literal["here", "next", "blank", "unknown"]


def place_on_back_page(w: Writer, table: Any) -> Placement:
    """Put the 版记 ``table`` (just written, the document's last element) on an even last page,
    as where the flow before it ends decides (an estimate, :mod:`drafting.layout.pagination`):

    * ``here``: the flow ends on an even page with room for the 版记 at its foot;
    * ``next``: it ends on an odd page; the 版记 goes to the next page, numbered (no blank
      page stands before it);
    * ``blank``: it ends on an even page without that room; a blank page follows and the
      版记 stands on the page after it, neither page numbered (GB/T 9704-2012 7.5);
    * ``unknown``: no estimate (a landscape table page, a picture); the 版记 stays where the
      flow puts it.
    """
    estimate = Estimate(w)
    element = table_properties(table).getparent()  # the w:tbl
    body = w.document.element.body
    before = [child for child in body if child is not element and child.tag != qn("w:sectPr")]
    end = estimate.flow_end(before)
    height = estimate.table_height(element)
    if end is None or height is None or w.sections is None:
        return "unknown"
    room = w.profile.text_height_twips - end.used
    if end.page % 2 == 0 and height <= room:
        return "here"
    body.remove(element)
    placement: Placement = "next" if end.page % 2 else "blank"
    if placement == "blank":
        w.sections.end_numbering()
        w.point_paragraph()  # the blank page's
    oxml.set_flag(ppr(w.point_paragraph()), "pageBreakBefore")
    body.sectPr.addprevious(element)
    return placement
