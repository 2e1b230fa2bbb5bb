"""The document model as plain text: what ``render --to txt`` writes and the linter reads.

One paragraph a line: the title first, then 主送机关, the body with heading ordinals (a table
one cell a line, row by row, as :mod:`drafting.sources.docx_text` reads a .docx), a 纪要's
出席/请假/列席 lines, 附件说明, 署名, 成文日期, 附注, the attachments, and the 版记 (抄送, 印发).
Blank lines separate parts.
"""

from __future__ import annotations

from drafting.model import (
    Block,
    Heading,
    ListBlock,
    OfficialDocument,
    Paragraph,
    Table,
    format_date,
)


def plain_text(doc: OfficialDocument) -> str:
    """The document as UTF-8 text, one paragraph a line (see module docstring)."""
    lines: list[str] = [doc.title, ""]
    if doc.author:
        lines += [doc.author, ""]
    if doc.recipients:
        lines.append(doc.recipients)
    lines += _blocks(doc.body)
    if doc.attendance:
        lines.append("")
        lines += [f"{label}：{'、'.join(names)}" for label, names in doc.attendance]
    titles = doc.attachment_titles
    if titles:
        lines.append("")
        if len(titles) == 1:
            lines.append(f"附件：{titles[0]}")
        else:
            lines += [
                f"附件：{n}.{title}" if n == 1 else f"　　　{n}.{title}"
                for n, title in enumerate(titles, start=1)
            ]
    if doc.signature or doc.date:
        lines.append("")
        if doc.signature:
            lines.append(doc.signature)
        if doc.date:
            lines.append(format_date(doc.date))
    if doc.note:
        lines.append(f"（{doc.note.strip('（）()')}）")
    for number, attachment in enumerate(doc.attachments, start=1):
        if not attachment.blocks:
            continue
        label = "附件" if len(doc.attachments) == 1 else f"附件{number}"
        lines += ["", label, attachment.title, *_blocks(attachment.blocks)]
    colophon = []
    if doc.cc:
        colophon.append("抄送：" + "，".join(doc.cc) + "。")
    if doc.printer or doc.print_date:
        date = f"{format_date(doc.print_date)}印发" if doc.print_date else ""
        colophon.append("　".join(part for part in (doc.printer or "", date) if part))
    if colophon:
        lines += ["", *colophon]
    return "\n".join(lines).rstrip("\n") + "\n"


def _blocks(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines.append(block.full_text)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=1):
                lines.append(f"{number}.{item}" if block.ordered else item)
        elif isinstance(block, Table):
            # one cell a line, row by row: the order in which the .docx reader sees them
            lines += [cell for row in block.rows for cell in row if cell.strip()]
    return lines
