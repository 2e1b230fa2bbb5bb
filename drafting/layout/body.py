"""The 主体 (GB/T 9704-2012 7.3): the title, the 主送机关, the body with its four heading levels,
lists and tables (landscape ones on landscape pages, clause 8), a commentary's byline and a
纪要's attendance lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafting.errors import DraftingError
from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.title import break_title, width
from drafting.layout.writer import Writer, table_properties
from drafting.model import Block, Heading, ListBlock, Paragraph, Table


def add_title(
    w: Writer,
    title: str,
    *,
    style: str = S.TITLE,
    before_lines: float = 0,
    keep: Iterable[str] = (),
) -> Any:
    """The title, centred, broken with jieba into whole-word lines (never an hourglass),
    the names of ``keep`` (the document's organs) whole."""
    p = w.profile
    size = p.title_size_pt
    fit = int(p.text_width_twips // p.advance_twips(size))
    max_chars = min(fit, p.title_max_chars) if p.title_max_chars else fit
    paragraph = w.para(style, before=w.blank_lines(before_lines))
    face = w.face_of(style)
    for index, line in enumerate(break_title(title, max_chars, keep)):
        run = w.run(paragraph, line, face)
        if index:
            run.element.addprevious(parse_xml(f"<w:r {nsdecls('w')}><w:br/></w:r>"))
    return paragraph


def add_author(w: Writer, author: str) -> Any:
    """A commentary's byline, 楷体, centred, one blank line below the title."""
    return w.para(S.AUTHOR, author, before=w.blank_lines(1))


def add_recipients(w: Writer, recipients: str, *, before_lines: float = 1) -> None:
    """主送机关: one blank line below the title, flush left."""
    w.para(S.RECIPIENTS, recipients, before=w.blank_lines(before_lines))


def add_body(w: Writer, blocks: list[Block]) -> None:
    for block in blocks:
        _block(w, block)


def _block(w: Writer, block: Block) -> None:
    if isinstance(block, Heading):
        if not 1 <= block.level <= 4:
            raise DraftingError(f"标题层级应为 1–4，此处为 {block.level}：{block.full_text}")
        w.para(S.HEADINGS[block.level - 1], block.full_text)
    elif isinstance(block, Paragraph):
        paragraph = w.para(S.BODY)
        for inline in block.inlines:
            w.run(paragraph, inline.text, w.fonts.fangsong, bold=inline.bold)
    elif isinstance(block, ListBlock):
        for number, item in enumerate(block.items, 1):
            prefix = f"{number}." if block.ordered else ""
            w.para(S.LIST_ITEM, prefix + item)
    elif isinstance(block, Table):
        _table(w, block)
    else:  # pragma: no cover - the model has no other block
        raise DraftingError(f"无法排版的正文块：{type(block).__name__}")


def _table(w: Writer, block: Table) -> None:
    """A bordered table across the 版心. A ``landscape`` one goes in a landscape section,
    shared with the landscape tables right after it; the next other block is portrait
    again. Tables in a row stand one empty line apart (adjacent ones would merge)."""
    if not any(block.rows):
        return
    assert w.sections is not None
    if block.landscape != w.sections.landscape:
        w.sections.end_section(landscape=block.landscape)
    elif w.ends_with_table():
        gap = w.document.add_paragraph()
        w.style(gap, S.BODY)
    _grid_table(w, block)


def _grid_table(w: Writer, block: Table) -> None:
    """The table's cells in 4号, each on lines of its own size (off the body's grid), the
    columns as wide as their content asks (:func:`column_widths`), the header row repeated
    on every page the table runs onto, no row broken across pages."""
    p = w.profile
    span = p.text_height_twips if block.landscape else p.text_width_twips
    columns = max(len(row) for row in block.rows)
    table = w.add_table(len(block.rows), columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    oxml.set_table_borders(table_properties(table), p.black)
    cells = [[row[c] if c < len(row) else "" for c in range(columns)] for row in block.rows]
    advance = p.advance_twips(p.table_size_pt)
    header_rows = 1 if block.header else 0
    widths = column_widths(cells, span, advance=advance, margin=120, header_rows=header_rows)
    w.fix_widths(table, widths, cell_margin=60)
    for r, (row, texts) in enumerate(zip(table.rows, cells, strict=True)):
        header = block.header and r == 0
        oxml.keep_row_whole(row, header=header)
        for cell, text in zip(row.cells, texts, strict=True):
            paragraph = cell.paragraphs[0]
            w.style(paragraph, S.TABLE_TEXT)
            if header:
                oxml.set_justification(paragraph.paragraph_format, "center")
            elif _NUMBER.fullmatch(text.strip()):
                oxml.set_justification(paragraph.paragraph_format, "right")
            if text:
                face = w.fonts.heiti if header else w.fonts.fangsong
                w.run(paragraph, text, face)


#: A number as tables hold them: digits with separators, a sign, a decimal point, a percent
#: or permille sign; never broken across lines.
_NUMBER = re.compile(r"[-+−]?[\d０-９][\d０-９,，.．]*[%％‰]?")
#: The pieces a cell's line may not break inside: numbers, Latin words, single characters.
_HEADER_LABEL = 6
_UNIT = re.compile(r"[-+−]?[\d０-９][\d０-９,，.．]*[%％‰]?|[A-Za-z]+|\S")


def column_widths(
    rows: list[list[str]], span: int, *, advance: int, margin: int, header_rows: int = 0
) -> list[int]:
    """Column widths (twips) that add up to ``span``, from the cells' content: each column
    at least as wide as its widest unbreakable piece (a number, a Latin word, a character;
    a label of the first ``header_rows`` rows up to ``_HEADER_LABEL`` characters whole;
    plus ``margin``), the room left shared in proportion to what each column would need
    to hold its longest cell on one line. ``advance`` is one full-width character."""
    least, most = _extents(rows, advance, margin + advance // 4, header_rows)
    if sum(least) > span and header_rows:  # labels may wrap, numbers still may not
        least, most = _extents(rows, advance, margin + advance // 4, 0)
    if sum(least) >= span:  # too many columns: in proportion to their least widths
        return _fill([span * value / sum(least) for value in least], span)
    if sum(most) <= span:  # every cell on one line: the rest in proportion
        return _fill([span * value / sum(most) for value in most], span)
    room = span - sum(least)
    wants = [m - lo for m, lo in zip(most, least, strict=True)]
    shares = [lo + room * want / sum(wants) for lo, want in zip(least, wants, strict=True)]
    return _fill(shares, span)


def _extents(
    rows: list[list[str]], advance: int, margin: int, header_rows: int
) -> tuple[list[int], list[int]]:
    """Each column's least width (its widest unbreakable piece) and the width that holds its
    longest cell on one line, ``margin`` (cell margins and some slack) included."""
    columns = len(rows[0]) if rows else 0
    least = [margin + advance] * columns
    most = [margin + advance] * columns
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            label = r < header_rows and width(text) <= _HEADER_LABEL
            units = [text] if label else _UNIT.findall(text) or [""]
            least[c] = max(least[c], margin + _twips(max(units, key=width), advance))
            most[c] = max(most[c], margin + _twips(text, advance))
    return least, most


def _twips(text: str, advance: int) -> int:
    """The width of ``text`` in twips, half-width characters at 0.6 of a character (digits
    in the 仿宋 faces run a little wider than half)."""
    return round(sum(advance if ord(char) >= 0x2E80 else 0.6 * advance for char in text))


def _fill(widths: list[float], span: int) -> list[int]:
    """``widths`` rounded to whole twips, the last taking the rounding so they add to
    ``span``."""
    rounded = [int(value) for value in widths]
    if rounded:
        rounded[-1] += span - sum(rounded)
    return rounded


def add_attendance(w: Writer, rows: list[tuple[str, list[str]]]) -> None:
    """纪要: ``出席：`` (黑体) one blank line below the body, two characters in, the names
    in 仿宋 separated by 、; wrapped lines align with the first name. 请假, 列席 likewise."""
    p = w.profile
    for index, (label, names) in enumerate(rows):
        paragraph = w.para(S.ATTACHMENT_NOTE, before=w.blank_lines(1) if not index else 0)
        indent = p.chars_twips(p.attendance_indent_chars)
        hang = p.chars_twips(width(label) + 1)
        oxml.set_indent(paragraph.paragraph_format, left=indent + hang, first_line=-hang)
        w.run(paragraph, f"{label}：", w.fonts.heiti)
        w.run(paragraph, "、".join(names), w.fonts.fangsong)
