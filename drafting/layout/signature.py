"""The signature block (GB/T 9704-2012 7.3.5, 7.3.6): 署名, 成文日期, the seal over them, and the
附注 below.

Joint issuance with seals (7.3.5.1) sets the organs' 署名 side by side in rows, in order, each
under its own seal: as many to a row as fit with the seals neither touching nor crossing and
within the 版心, the rows far enough apart that no seal meets the one below it, the last row
to the right so that the last seal covers the last 署名 and the 成文日期 (four characters in
from the right), the first row one blank line below the body, as a single 署名 is.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from drafting.errors import InputError
from drafting.inputs import read_file
from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.title import break_title, width
from drafting.layout.writer import Writer, ppr
from drafting.limits import MAX_IMAGE_BYTES
from drafting.model import format_date, seal_count_message, signature_organs

_EMU_PER_TWIP = 635
_TWIPS_PER_MM = 1440 / 25.4
#: The least room between two seals of a joint issuance (7.3.5.1: 互不相交或相切), in mm.
SEAL_GAP_MM = 3.0
#: Most seals a row holds: three 42 mm seals fill the 156 mm 版心.
MAX_SEALS_A_ROW = 3


def add_signature(
    w: Writer,
    signature: str | None,
    date: dt.date | None,
    *,
    sealed: Path | None = None,
    seals: Sequence[Path] = (),
    hand_sealed: bool = False,
) -> None:
    """署名 and 成文日期 per the unsealed rule, or per the sealed rule (with the seal image
    when there is one; ``hand_sealed`` leaves its space for a seal stamped by hand).

    A 署名 wider than the line (or given on several lines: joint issuance) is a block of
    paragraphs, one a line, broken at word boundaries, each starting where the widest
    starts, the block ``signature_indent`` in from the right and the date under it on one
    line, as far in (unsealed); sealed, the block is centred over the date as a 署名 is.

    Several organs (the lines the 署名 is given on) sealed, with ``seals`` (one image per
    organ, in order) or by hand, are laid out side by side in rows under their seals (see
    :func:`_joint_sealed`); a count of seals other than the organs' is an InputError."""
    p = w.profile
    date_text = format_date(date) if date else ""
    organs = signature_organs(signature)
    images = list(seals) if seals else ([sealed] if sealed is not None else [])
    if images and len(images) != max(len(organs), 1):
        raise InputError(seal_count_message(len(organs), len(images)))
    if len(organs) > 1 and (images or hand_sealed):
        _joint_sealed(w, organs, date_text, images)
        return
    sealed = images[0] if images else None
    lines = signature_lines(w, signature or "")
    sig_w, date_w = max((width(line) for line in lines), default=0.0), width(date_text)
    if sealed is not None or hand_sealed:
        date_right = p.seal_date_indent_chars
        sig_right = date_right + (date_w - sig_w) / 2
    elif len(lines) > 1:
        sig_right = date_right = p.signature_indent_chars
    elif not lines or sig_w - date_w >= 2:
        sig_right = p.signature_indent_chars
        date_right = sig_right + sig_w - 2 - date_w if lines else sig_right
    else:
        date_right = p.signature_indent_chars
        sig_right = date_right + date_w + 2 - sig_w
    before = w.blank_lines(1)
    right = p.chars_twips(max(sig_right, 0))
    for line in lines:
        paragraph = w.para(S.SIGNATURE, line, before=before)
        if len(lines) == 1:
            oxml.set_indent(paragraph.paragraph_format, right=right)
        else:  # a block: every line starts where the widest does
            oxml.set_justification(paragraph.paragraph_format, "left")
            left = p.text_width_twips - right - p.chars_twips(sig_w)
            oxml.set_indent(paragraph.paragraph_format, left=max(left, 0))
        before = 0
    if date_text:
        paragraph = w.para(S.DATE, date_text, before=before)
        oxml.set_indent(paragraph.paragraph_format, right=p.chars_twips(max(date_right, 0)))
        if sealed is not None:
            _seal(w, paragraph, sealed, centre_chars=date_right + date_w / 2)


def signature_lines(w: Writer, signature: str) -> list[str]:
    """The 署名's lines: the lines it is given on, each broken at word boundaries (organ
    names whole where jieba knows them) if wider than the line less the 署名's indent on
    both sides."""
    lines: list[str] = []
    for given in signature_organs(signature):
        lines.extend(_name_lines(w, given))
    return lines


def _name_lines(w: Writer, name: str) -> list[str]:
    """One organ's 署名 on one line, or broken at word boundaries if wider than the line less
    the 署名's indent."""
    p = w.profile
    if width(name) <= p.chars_per_line - p.signature_indent_chars:
        return [name]
    return break_title(name, p.chars_per_line - 2 * p.signature_indent_chars)


def joint_columns(w: Writer, blocks: list[list[str]], date_text: str) -> list[float]:
    """The centres of the seal columns of a sealed joint issuance, in characters from the right
    edge of the 版心, left to right: the last over the 成文日期 (four characters in from the
    right), the others one pitch apart to its left (a seal and a gap, or the widest 署名 and a
    character), as many as fit in the 版心 (at most ``MAX_SEALS_A_ROW`` and the organs)."""
    p = w.profile
    char_mm = p.chars_twips(1) / _TWIPS_PER_MM
    seal = p.seal_diameter_mm / char_mm
    name_w = max(width(line) for block in blocks for line in block)
    last = max(p.seal_date_indent_chars + width(date_text) / 2, name_w / 2, seal / 2)
    pitch = max(seal + SEAL_GAP_MM / char_mm, name_w + 1)
    room = p.chars_per_line - max(seal, name_w) / 2 - last
    count = 1 + int(room // pitch) if room > 0 else 1
    count = max(1, min(count, len(blocks), MAX_SEALS_A_ROW))
    return [last + pitch * (count - 1 - index) for index in range(count)]


def _joint_sealed(w: Writer, organs: list[str], date_text: str, images: list[Path]) -> None:
    """Several organs sealed (GB/T 9704-2012 7.3.5.1): the 署名 in rows, in order, each centred
    on a centre tab stop under its seal; rows filled from the left, the last one to the right
    so that its last 署名 stands over the 成文日期. Each row's seals are centred on the bottom
    of its last line (the top of the paragraph after it: a spacer, or the date), the rows a
    whole number of lines apart, enough that no seal meets the one below it. ``images`` empty:
    sealed by hand, the same places left free."""
    p = w.profile
    blocks = [_name_lines(w, organ) for organ in organs]
    columns = joint_columns(w, blocks, date_text)
    per_row = len(columns)
    line_mm = p.line_twips(1) / _TWIPS_PER_MM
    apart = math.ceil((p.seal_diameter_mm + SEAL_GAP_MM) / line_mm)  # lines between centres
    rows = [list(range(start, min(start + per_row, len(blocks)))) for start in
            range(0, len(blocks), per_row)]  # fmt: skip
    before = w.blank_lines(1)
    for number, row in enumerate(rows):
        places = columns[per_row - len(row) :]  # a short (last) row keeps to the right
        for line in range(max(len(blocks[index]) for index in row)):
            texts = [blocks[index][line] if line < len(blocks[index]) else "" for index in row]
            _row_line(w, texts, places, before)
            before = 0
        if number == len(rows) - 1 and date_text:
            anchor = w.para(S.DATE, date_text)
            oxml.set_indent(anchor.paragraph_format, right=p.chars_twips(p.seal_date_indent_chars))
        else:  # an empty line (and more) under the row: the next row's seals clear these
            anchor = w.para(S.SIGNATURE)
            if number < len(rows) - 1:
                following = max(len(blocks[index]) for index in rows[number + 1])
                w.space_after(anchor, lines=max(apart - following - 1, 0))
        for index, centre in zip(row, places, strict=True) if images else ():
            _seal(w, anchor, images[index], centre_chars=centre)


def _row_line(w: Writer, texts: list[str], places: list[float], before: int) -> None:
    """One line of a row of 署名: each text on a centre tab stop at its column."""
    p = w.profile
    paragraph = w.para(S.SIGNATURE, "".join(f"\t{text}" for text in texts), before=before)
    oxml.set_justification(paragraph.paragraph_format, "left")
    properties = ppr(paragraph)
    for centre in places:
        oxml.add_tab(properties, p.text_width_twips - p.chars_twips(centre), "center")


def _seal(w: Writer, paragraph: Any, image: Path, *, centre_chars: float) -> None:
    """The seal, red, its centre ``centre_chars`` in from the right edge of the 版心 and on the
    top of ``paragraph`` (the date's line: over 署名 and 成文日期)."""
    p = w.profile
    path = image if image.is_absolute() or w.base_dir is None else w.base_dir / image
    blob = read_file(
        path,
        MAX_IMAGE_BYTES,
        what="印章图片",
        missing="找不到印章图片；请检查 seal 字段的路径",
    )
    diameter = Mm(p.seal_diameter_mm)
    run = paragraph.add_run()
    try:
        run.add_picture(io.BytesIO(blob), width=diameter, height=diameter)
    except Exception as exc:
        raise InputError(f"印章图片无法读取（{exc}）；请用 PNG 或 JPEG", path=str(path)) from exc
    inline = run.element.find(".//" + qn("wp:inline"))
    shape_id = inline.find(qn("wp:docPr")).get("id")
    centre = p.text_width_twips - p.chars_twips(centre_chars)
    x = centre * _EMU_PER_TWIP - diameter // 2
    y = -diameter // 2
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp", "a", "pic", "r")} distT="0" distB="0" distL="0" '
        'distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="1" '
        'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset>'
        f'</wp:positionV><wp:extent cx="{diameter}" cy="{diameter}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{shape_id}" name="印章"/><wp:cNvGraphicFramePr/></wp:anchor>'
    )
    anchor.append(inline.find(qn("a:graphic")))
    inline.getparent().replace(inline, anchor)


def add_note(w: Writer, note: str) -> None:
    """附注: on the line after the date, two characters in, in round brackets."""
    text = note.strip()
    if not (text.startswith(("（", "(")) and text.endswith(("）", ")"))):
        text = f"（{text}）"
    w.para(S.NOTE, text)
