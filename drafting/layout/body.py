"""The 主体 (GB/T 9704-2012 7.3): the title, the 主送机关, the body with its four heading levels,
lists and tables (landscape ones on landscape pages, clause 8), a commentary's byline and a
纪要's attendance lists.
"""

from __future__ import annotations

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


def add_title(w: Writer, title: str, *, style: str = S.TITLE, before_lines: float = 0) -> Any:
    """The title, centred, broken with jieba into whole-word lines (never an hourglass)."""
    p = w.profile
    size = p.title_size_pt
    fit = int(p.text_width_twips // p.advance_twips(size))
    max_chars = min(fit, p.title_max_chars) if p.title_max_chars else fit
    paragraph = w.para(style, before=w.blank_lines(before_lines))
    face = w.face_of(style)
    for index, line in enumerate(break_title(title, max_chars)):
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
    p = w.profile
    span = p.text_height_twips if block.landscape else p.text_width_twips
    columns = max(len(row) for row in block.rows)
    table = w.add_table(len(block.rows), columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    oxml.set_table_borders(table_properties(table), p.black)
    cell_width = span // columns
    w.fix_widths(table, [cell_width] * columns, cell_margin=60)
    for r, row in enumerate(block.rows):
        header = block.header and r == 0
        if header:
            # repeated on every page: python-docx has no property for it, nor a row's element
            trpr = table.rows[0]._tr.get_or_add_trPr()
            trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="1"/>'))
        for c in range(columns):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            w.style(paragraph, S.TABLE_TEXT)
            if header:
                oxml.set_justification(paragraph.paragraph_format, "center")
            text = row[c] if c < len(row) else ""
            if text:
                face = w.fonts.heiti if header else w.fonts.fangsong
                w.run(paragraph, text, face)


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
