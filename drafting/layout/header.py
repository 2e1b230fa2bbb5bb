"""The 版头 (GB/T 9704-2012 7.2): 份号, 密级, 紧急程度, the red 发文机关标志, 发文字号 and 签发人,
and the red separator line; and the 信函格式 head (10.1): the 标志 and red double lines framed
on the page.

Each function returns the blank lines the title needs below the head.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.profile import mm_to_twips, pt_to_twips
from drafting.layout.title import break_title, width
from drafting.layout.writer import Writer, p_element, ppr
from drafting.model import OfficialDocument


def add_header_block(w: Writer, doc: OfficialDocument) -> int:
    """份号, 密级, 紧急程度, the red 发文机关标志, 发文字号 (+签发人) and the red line.

    Returns the blank lines the title needs below: two under the red line; none when
    the document has neither 标志 nor 发文字号 (no red line then), one under 份号 etc."""
    header, p = doc.header, w.profile
    lines = 0
    for style, value in (
        (S.COPY_NUMBER, header.copy_number),
        (S.CLASSIFICATION, header.classification),
        (S.URGENCY, header.urgency),
    ):
        if value:
            w.para(style, value)
            lines += 1
    if not (header.mark_text or header.doc_number or header.signers):
        return 1 if lines else 0
    mark_gap = max(0, mm_to_twips(p.mark_top_mm) - p.line_twips(lines))
    if len(header.organs) > 1 and not header.organ_mark:
        _joint_mark(w, header.organs, mark_gap)
    elif header.mark_text:
        _single_mark(w, header.mark_text, mark_gap)
    number_gap = w.blank_lines(p.doc_number_gap_lines)
    if header.signers:
        last = _signers(w, header.doc_number or "", header.signers, number_gap)
    else:
        last = w.para(S.DOC_NUMBER, header.doc_number or "", before=number_gap)
    oxml.set_border(
        ppr(last),
        "bottom",
        width_eighths=round(p.red_line_pt * 8),
        color=p.red,
        space_pt=p.red_line_space_pt,
    )
    return p.title_gap_lines


def mark_size(w: Writer, chars: float) -> tuple[float, int]:
    """The 标志's size and character width (percent) for ``chars`` characters on one line:
    the profile's size, shrunk so they fit, but never below ``mark_min_size_pt`` (2号);
    at that size a longer 标志 is condensed (``w:w``), as offices set it."""
    p = w.profile
    fit = (p.text_width_twips / chars - p.char_spacing_twips) / 20
    size = min(p.mark_size_pt, int(fit * 2) / 2)
    if size >= p.mark_min_size_pt:
        return size, 100
    size = p.mark_min_size_pt
    return size, int(100 * fit / size)


def _mark_lines(w: Writer, text: str) -> tuple[list[str], float, int]:
    """The 标志's lines, size and width: one line, condensed if need be; a 标志 that would
    be condensed below ``mark_min_scale`` breaks into lines at word boundaries instead."""
    p = w.profile
    size, scale = mark_size(w, width(text))
    if scale >= p.mark_min_scale:
        return [text], size, scale
    fit = int(p.text_width_twips // p.advance_twips(size))
    lines = break_title(text, fit)
    size, scale = mark_size(w, max(width(line) for line in lines))
    return lines, size, scale


def _apply_mark_size(w: Writer, paragraph: Any, size: float, scale: int) -> None:
    if size != w.profile.mark_size_pt:
        w.size_exact(paragraph, size)
    _condense(paragraph, scale)


def _condense(paragraph: Any, scale: int) -> None:
    if scale < 100:
        for run in paragraph.runs:
            oxml.set_char_scale(run.element.get_or_add_rPr(), scale)


def _mark_gap(w: Writer, before: int, size: float) -> int:
    """Space above the 标志 so its characters' top edge, not its taller exact line, stands
    ``mark_top_mm`` below the top of the 版心 (both renderers put the extra at the top)."""
    extra = S.exact_line(w.profile, size) - pt_to_twips(size)
    return max(0, before - extra)


def _single_mark(w: Writer, text: str, before: int) -> None:
    lines, size, scale = _mark_lines(w, text)
    paragraph = w.para(S.MARK, before=_mark_gap(w, before, size))
    _line_broken_runs(w, paragraph, lines, w.fonts.xiaobiaosong)
    _apply_mark_size(w, paragraph, size, scale)


def _line_broken_runs(w: Writer, paragraph: Any, lines: list[str], face: str) -> None:
    for index, line in enumerate(lines):
        run = w.run(paragraph, line, face)
        if index:
            run.element.addprevious(parse_xml(f"<w:r {nsdecls('w')}><w:br/></w:r>"))


def _joint_mark(w: Writer, organs: list[str], before: int) -> None:
    """Joint issue: the organs stacked (lead organ first), 文件 to their right, centred."""
    p = w.profile
    names = max(width(name) for name in organs)
    size, scale = mark_size(w, names + 3)
    advance = round(p.advance_twips(size) * scale / 100)
    spacer = w.para(S.MARK)
    oxml.set_spacing(
        ppr(spacer),
        before=_mark_gap(w, before, size) - 20,
        line=20,
        rule="exact",
    )
    table = w.add_table(1, 2)
    left_width = round(advance * names) + 40
    right_width = round(advance * 3)
    w.fix_widths(table, [left_width, right_width], cell_margin=0)
    for cell in table.rows[0].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    names_cell, word_cell = table.rows[0].cells
    empty = p_element(names_cell.paragraphs[0])
    empty.getparent().remove(empty)
    for name in organs:
        paragraph = names_cell.add_paragraph()
        w.style(paragraph, S.MARK)
        w.run(paragraph, name, w.fonts.xiaobiaosong)
        oxml.set_justification(paragraph.paragraph_format, "distribute")
        w.size_exact(paragraph, size)
        _condense(paragraph, scale)
    paragraph = word_cell.paragraphs[0]
    w.style(paragraph, S.MARK)
    oxml.set_justification(paragraph.paragraph_format, "right")
    w.run(paragraph, "文件", w.fonts.xiaobiaosong)
    w.size_exact(paragraph, size)
    _condense(paragraph, scale)


def _signers(w: Writer, number: str, signers: list[str], before: int) -> Any:
    """Upward documents: 发文字号 one character in from the left, level with the last
    签发人 line; ``签发人：`` in 仿宋, names in 楷体, one character in from the right."""
    p = w.profile
    rows = [signers[i : i + 2] for i in range(0, len(signers), 2)]
    paragraph = None
    for index, names in enumerate(rows):
        paragraph = w.para(S.DOC_NUMBER, before=before if index == 0 else 0)
        oxml.set_justification(paragraph.paragraph_format, "left")
        oxml.add_tab(ppr(paragraph), p.char_twips, "left")
        oxml.add_tab(ppr(paragraph), p.text_width_twips - p.char_twips, "right")
        last = index == len(rows) - 1
        w.run(paragraph, "\t" + (number if last else "") + "\t", w.fonts.fangsong)
        label = "签发人：" if index == 0 else "　" * 4
        w.run(paragraph, label, w.fonts.fangsong)
        w.run(paragraph, "　".join(names), w.fonts.kaiti)
    return paragraph


# -- 信函格式 --------------------------------------------------------------------------------
def add_letter_header(w: Writer, doc: OfficialDocument) -> int:
    """信函格式 page 1 (GB/T 9704-2012 10.1): the red 标志 with its characters' top
    ``letter_mark_top_mm`` below the top edge of the page, a thick-over-thin red double line
    ``letter_rule_gap_mm`` below them and a thin-over-thick one ``letter_rule_bottom_mm`` above
    the bottom edge, all frames anchored on the page; under the upper line 份号, 密级,
    紧急程度 flush left one a line, the 发文字号 flush right on the first of those lines, the
    first line's characters 7/8 of a 3号 character below the double line.

    The body flow starts with that first line, placed by its space before below the frames
    it follows: no body line stands under a frame, and no paragraph of the flow lies in a
    frame's extent (which Word would push below it). Page 1's own footer carries no page
    number. Returns the blank lines the title needs below (two)."""
    p, header = w.profile, doc.header
    section = w.document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
    names = [header.organ_mark] if header.organ_mark else header.organs
    face_bottom = mm_to_twips(p.letter_mark_top_mm)
    if names:
        face_bottom = _letter_mark(w, names)
    upper = face_bottom + mm_to_twips(p.letter_rule_gap_mm)
    rows = _letter_rows(w, doc, upper)
    lower = p.page_height_twips - mm_to_twips(p.letter_rule_bottom_mm) - p.letter_rule_height_twips
    # frames apart (LibreOffice loses a frame next to another): the first line between the
    # upper line and the 标志, the second line (or a one-twip paragraph) between the two lines
    upper_rule = p_element(_page_rule(w, upper, "thickThinSmallGap"))
    p_element(rows[0]).addnext(upper_rule)
    apart = p_element(rows[1]) if len(rows) > 1 else p_element(w.separator())
    upper_rule.addnext(apart)
    apart.addnext(p_element(_page_rule(w, lower, "thinThickSmallGap")))
    return p.title_gap_lines


def _letter_mark(w: Writer, names: list[str]) -> int:
    """The framed 标志, its characters' top ``letter_mark_top_mm`` below the top edge of the
    page; where the bottom of its characters lies (twips from that edge)."""
    p = w.profile
    size, scale = mark_size(w, max(width(name) for name in names))
    line = S.exact_line(p, size)
    size_twips = pt_to_twips(size)
    face_top = p.exact_baseline_twips(line) - round(p.letter_mark_face_top_em * size_twips)
    top = mm_to_twips(p.letter_mark_top_mm) - face_top
    mark = w.para(S.MARK)
    _line_broken_runs(w, mark, names, w.fonts.xiaobiaosong)
    w.size_exact(mark, size)
    _condense(mark, scale)
    oxml.set_page_frame(ppr(mark), mm_to_twips(p.letter_rule_length_mm), y=top)
    baseline = top + line * (len(names) - 1) + p.exact_baseline_twips(line)
    return baseline + round(p.letter_mark_face_bottom_em * size_twips)


def _letter_rows(w: Writer, doc: OfficialDocument, upper: int) -> list[Any]:
    """份号, 密级, 紧急程度 flush left one a line, the 发文字号 flush right on the first; the
    first line's characters 7/8 of a 3号 character below the double line whose top is
    ``upper`` twips from the top edge of the page. The lines' paragraphs."""
    p, header = w.profile, doc.header
    glyph_top = (
        upper
        + p.letter_rule_height_twips
        + round(p.letter_first_drop * pt_to_twips(p.body_size_pt))
    )
    # the characters' box stands doc_number_below_mm above the bottom of their grid line
    extra = p.line_pitch_twips - pt_to_twips(p.body_size_pt) - mm_to_twips(p.doc_number_below_mm)
    before = max(0, glyph_top - p.margins_twips[0] - extra)
    rows = [
        (style, value)
        for style, value in (
            (S.COPY_NUMBER, header.copy_number),
            (S.CLASSIFICATION, header.classification),
            (S.URGENCY, header.urgency),
        )
        if value
    ] or [(S.DOC_NUMBER, "")]
    paragraphs = [
        w.para(style, value, before=before if index == 0 else 0)
        for index, (style, value) in enumerate(rows)
    ]
    first = paragraphs[0]
    if header.doc_number:
        oxml.set_justification(first.paragraph_format, "left")
        oxml.add_tab(ppr(first), p.text_width_twips, "right")
        w.run(first, "\t" + header.doc_number, w.fonts.fangsong)
    return paragraphs


def _page_rule(w: Writer, y: int, style: str) -> Any:
    """A red double line ``letter_rule_length_mm`` long whose top is ``y`` twips below
    the top edge of the page: the bottom border of a one-point framed paragraph (a bottom
    border's ``thickThin`` puts the thick line above, in Word and LibreOffice alike)."""
    p = w.profile
    paragraph = w.para(S.PRINTER)
    w.run(paragraph, " ", w.fonts.fangsong)
    properties = ppr(paragraph)
    oxml.set_spacing(properties, line=20, rule="exact")
    oxml.set_page_frame(properties, mm_to_twips(p.letter_rule_length_mm), y=y - 20)
    oxml.set_border(
        properties, "bottom", width_eighths=round(p.letter_rule_pt * 8), color=p.red, style=style
    )
    return paragraph
