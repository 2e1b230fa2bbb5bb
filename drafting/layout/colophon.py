"""The 版记 (GB/T 9704-2012 7.4): 抄送 and 印发 standing on the bottom of the last page's 版心,
between black lines; the 信函格式 has the 抄送 alone, without lines.
"""

from __future__ import annotations

import datetime as dt

from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.writer import Writer, table_properties
from drafting.layout.writer import ppr as pr_of
from drafting.model import format_date


def add_colophon(
    w: Writer,
    cc: list[str],
    printer: str | None,
    print_date: dt.date | None,
    *,
    lines: bool = True,
) -> None:
    """抄送 and 印发 standing on the bottom of the last page's 版心, between black lines:
    the first and last thick, the one between thin.

    The rows are a table floated on the bottom of the text area (``tblpYSpec="bottom"``),
    one row a 版记 element: however many lines the 抄送 wraps to in Word, WPS or LibreOffice,
    the table grows upwards from the bottom edge of the 版心, its borders the 版记 lines.
    ``lines=False`` (信函格式): the 抄送 alone, without lines.
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
        return
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
            oxml.add_tab(pr_of(paragraph), p.text_width_twips - one, "right")
        w.run(paragraph, text, w.fonts.fangsong)
