"""The signature block (GB/T 9704-2012 7.3.5, 7.3.6): 署名, 成文日期, the seal over them, and the
附注 below.
"""

from __future__ import annotations

import datetime as dt
import io
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
from drafting.layout.writer import Writer
from drafting.limits import MAX_IMAGE_BYTES
from drafting.model import format_date

_EMU_PER_TWIP = 635


def add_signature(
    w: Writer,
    signature: str | None,
    date: dt.date | None,
    *,
    sealed: Path | None = None,
    hand_sealed: bool = False,
) -> None:
    """署名 and 成文日期 per the unsealed rule, or per the sealed rule (with the seal image
    when there is one; ``hand_sealed`` leaves its space for a seal stamped by hand).

    A 署名 wider than the line (or given on several lines: joint issuance) is a block of
    paragraphs, one a line, broken at word boundaries, each starting where the widest
    starts, the block ``signature_indent`` in from the right and the date under it on one
    line, as far in (unsealed); sealed, the block is centred over the date as a 署名 is."""
    p = w.profile
    date_text = format_date(date) if date else ""
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
    p = w.profile
    room = p.chars_per_line - 2 * p.signature_indent_chars
    lines: list[str] = []
    for given in signature.splitlines():
        given = given.strip()
        if not given:
            continue
        fits = width(given) <= p.chars_per_line - p.signature_indent_chars
        lines.extend([given] if fits else break_title(given, room))
    return lines


def _seal(w: Writer, paragraph: Any, image: Path, *, centre_chars: float) -> None:
    """The seal, red, centred over 署名 and 成文日期 (anchored on the date's line)."""
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
        '<wp:docPr id="1" name="印章"/><wp:cNvGraphicFramePr/></wp:anchor>'
    )
    anchor.append(inline.find(qn("a:graphic")))
    inline.getparent().replace(inline, anchor)


def add_note(w: Writer, note: str) -> None:
    """附注: on the line after the date, two characters in, in round brackets."""
    text = note.strip()
    if not (text.startswith(("（", "(")) and text.endswith(("）", ")"))):
        text = f"（{text}）"
    w.para(S.NOTE, text)
