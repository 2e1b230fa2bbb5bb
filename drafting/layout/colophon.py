"""The 版记 (GB/T 9704-2012 7.4): 抄送 and 印发 standing on the bottom of the last page's 版心,
between black lines; the 信函格式 has the 抄送 alone, without lines.
"""

from __future__ import annotations

import datetime as dt

from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.title import width
from drafting.layout.writer import Writer, p_element
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

    Each row is a one-paragraph frame of exact lines: LibreOffice 7 drops the frame of
    consecutive framed paragraphs that carry borders, so the 印发 frame sits on the bottom
    of the 版心 and the 抄送 frame directly above it, at an offset computed from its lines.
    ``lines=False`` (信函格式): the 抄送 alone, without lines.
    """
    p = w.profile
    one = p.advance_twips(p.colophon_size_pt)
    line = p.line_pitch_twips
    thick = round(p.colophon_thick_mm / 25.4 * 72 * 8)
    thin = round(p.colophon_thin_mm / 25.4 * 72 * 8)
    printer_row = None
    if printer or print_date:
        printer_row = w.para(S.PRINTER)
        oxml.set_indent(printer_row.paragraph_format, left=one)
        ppr = pr_of(printer_row)
        oxml.add_tab(ppr, p.text_width_twips - one, "right")
        tail = f"\t{format_date(print_date)}印发" if print_date else ""
        w.run(printer_row, (printer or "") + tail, w.fonts.fangsong)
        oxml.set_frame(ppr, p.text_width_twips)
        oxml.set_border(ppr, "top", width_eighths=thin if cc else thick, color=p.black)
        oxml.set_border(ppr, "bottom", width_eighths=thick, color=p.black)
    if cc:
        names = "，".join(name.strip().rstrip("，。、,.") for name in cc) + "。"
        text = "抄送：" + names
        cc_row = w.para(S.CC)
        if printer_row is not None:  # reading order: 抄送 before 印发
            p_element(printer_row).addprevious(p_element(cc_row))
            p_element(printer_row).addprevious(p_element(w.separator()))
        hang = one * 3
        oxml.set_indent(cc_row.paragraph_format, left=one + hang, right=one, first_line=-hang)
        ppr = pr_of(cc_row)
        w.run(cc_row, text, w.fonts.fangsong)
        if lines:
            oxml.set_border(ppr, "top", width_eighths=thick, color=p.black)
        if printer_row is None:
            oxml.set_frame(ppr, p.text_width_twips)
            if lines:
                oxml.set_border(ppr, "bottom", width_eighths=thick, color=p.black)
        else:
            first = p.text_width_twips - 2 * one
            rows = wrapped_lines(width(text), first=first, rest=first - hang, advance=one)
            y = p.text_height_twips - line * (rows + 1)
            oxml.set_frame(ppr, p.text_width_twips, y=y)


def wrapped_lines(chars: float, *, first: int, rest: int, advance: int) -> int:
    """How many lines ``chars`` characters of ``advance`` twips take in a paragraph whose
    first line is ``first`` twips wide and the others ``rest``."""
    per_first = max(1, first // advance)
    if chars <= per_first:
        return 1
    per_rest = max(1, rest // advance)
    return 1 + int(-(-(chars - per_first) // per_rest))
