"""附件 (GB/T 9704-2012 7.3.4, 7.4): the 附件说明 under the body and each attachment on pages
of its own, 附件N on the first line and its title centred on the third.
"""

from __future__ import annotations

from drafting.layout import body, oxml
from drafting.layout import styles as S
from drafting.layout.title import width
from drafting.layout.writer import Writer, ppr
from drafting.model import Attachment


def add_attachment_note(w: Writer, titles: list[str]) -> None:
    """附件说明: one blank line below the body, two characters in; wrapped lines align
    with the first character of the name."""
    p = w.profile
    numbered = len(titles) > 1
    label = p.chars_twips(2 + 3)  # two characters in, then 附件：
    for index, title in enumerate(titles, 1):
        number = f"{index}." if numbered else ""
        name_at = label + p.chars_twips(width(number))
        paragraph = w.para(S.ATTACHMENT_NOTE, before=w.blank_lines(1) if index == 1 else 0)
        start = p.chars_twips(2) if index == 1 else label
        oxml.set_indent(paragraph.paragraph_format, left=name_at, first_line=start - name_at)
        w.run(paragraph, ("附件：" if index == 1 else "") + number + title, w.fonts.fangsong)


def add_attachments(w: Writer, attachments: list[Attachment]) -> None:
    """Each attachment on a new page: 附件N (黑体) on line 1, its title centred on line 3."""
    numbered = len(attachments) > 1
    for index, attachment in enumerate(attachments, 1):
        label = w.para(S.ATTACHMENT_LABEL, f"附件{index}" if numbered else "附件")
        oxml.set_flag(ppr(label), "pageBreakBefore")
        title = body.add_title(w, attachment.title, style=S.ATTACHMENT_TITLE, before_lines=1)
        if attachment.blocks:
            w.space_after(title, lines=1)
            body.add_body(w, attachment.blocks)
