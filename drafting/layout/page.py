"""Page setup: the empty document, the first section, its grid, the page numbers, and the
sections a landscape table opens and closes (GB/T 9704-2012 5.2, 7.5, 8).

:func:`blank_document` makes the document every document starts from (python-docx's template
without its thumbnail, no body, the A4 section with its margins and line grid, the styles, the
``— PAGE —`` footers); the builder makes it once per profile (:mod:`drafting.layout.skeleton`).
:class:`Sections` switches the running section between portrait and landscape pages, the page
numbers continuing.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from drafting.layout import oxml, word
from drafting.layout import styles as S
from drafting.layout.profile import FontProfile, LayoutProfile
from drafting.layout.writer import Writer, p_element, ppr

_LANDSCAPE_NUMBER_SHAPE_ID = 9701  # wp:docPr ids of the landscape page numbers (odd, even)


def blank_document(profile: LayoutProfile, fonts: FontProfile) -> Any:
    """The empty document every document starts from: python-docx's template without its
    thumbnail, no body, the first section, the styles and the page-number footers."""
    document = Document()
    _drop_template_parts(document)
    _clear_body(document)
    _setup_section(document, profile)
    S.install(document, profile, fonts)
    word.install(document, fonts)
    writer = Writer(document, profile, fonts, S.style_ids(document))
    _setup_footers(writer)
    return document


def _drop_template_parts(document: Any) -> None:
    """python-docx's template carries a thumbnail of a blank page and a Word 2010
    ``stylesWithEffects`` part whose theme fonts would contradict ours: drop both."""
    for rels in (document.part.package.rels, document.part.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(("/thumbnail", "/stylesWithEffects")):
                rels.pop(rel_id)


def _clear_body(document: Any) -> None:
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)


def _setup_section(document: Any, p: LayoutProfile) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Twips(p.page_width_twips)
    section.page_height = Twips(p.page_height_twips)
    top, left, bottom, right = p.margins_twips
    section.top_margin, section.left_margin = Twips(top), Twips(left)
    section.bottom_margin, section.right_margin = Twips(bottom), Twips(right)
    section.gutter = Twips(0)
    section.header_distance = Twips(p.header_distance_twips)
    section.footer_distance = Twips(p.footer_distance_twips)
    oxml.set_doc_grid(document.element.body.sectPr, p.line_pitch_twips)


def _setup_footers(w: Writer) -> None:
    """``— PAGE —`` in odd (right, one character in) and even (left) footers."""
    w.document.settings.odd_and_even_pages_header_footer = True
    section = w.document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        page_number(w, footer.paragraphs[0], side)


def page_number(w: Writer, paragraph: Any, side: str) -> None:
    """Fill ``paragraph`` with ``— PAGE —`` set ``side``, one character in."""
    w.style(paragraph, S.PAGE_NUMBER)
    oxml.set_justification(paragraph.paragraph_format, side)
    one_char = w.profile.advance_twips(w.profile.page_number_size_pt)
    if side == "right":
        oxml.set_indent(paragraph.paragraph_format, right=one_char)
    else:
        oxml.set_indent(paragraph.paragraph_format, left=one_char)
    songti = w.fonts.songti  # 半角宋体: the digits in 宋体 too
    w.run(paragraph, "— ", songti, latin=songti)
    for run in oxml.field_runs("PAGE", "1", w.rpr(songti, latin=songti)):
        p_element(paragraph).append(run)
    w.run(paragraph, " —", songti, latin=songti)


class Sections:
    """The running section of one document: portrait, or landscape for tables (GB/T 9704 8)."""

    def __init__(self, w: Writer) -> None:
        self.w = w
        self.landscape = False
        # the skeleton's page-number footers, as this document's copy of the skeleton holds them
        body_sect = w.document.element.body.sectPr
        self._portrait_footers = body_sect.findall(qn("w:footerReference"))
        self._landscape_footers: list[Any] = []
        w.sections = self

    def end_section(self, *, landscape: bool) -> None:
        """End the running section here (its ``w:sectPr`` on its last paragraph, see
        :meth:`_section_end`); the new section (the body's final ``w:sectPr``) takes the other
        orientation and its footers: the landscape ones (made once, shared by every landscape
        section) or the portrait ones again. Page numbers continue."""
        p = self.w.profile
        body_sect = self._next_section()
        self.landscape = landscape
        if landscape and not self._landscape_footers:
            self._landscape_footers = self._add_landscape_footers(body_sect)
        else:
            refs = self._landscape_footers if landscape else self._portrait_footers
            for index, ref in enumerate(refs):  # references come first in a w:sectPr
                body_sect.insert(index, deepcopy(ref))
        pg_sz = body_sect.find(qn("w:pgSz"))
        pg_mar = body_sect.find(qn("w:pgMar"))
        width, height = p.page_width_twips, p.page_height_twips
        top, left, bottom, right = p.landscape_margins_twips if landscape else p.margins_twips
        if landscape:
            width, height = height, width
            pg_sz.set(qn("w:orient"), "landscape")
        elif qn("w:orient") in pg_sz.attrib:
            del pg_sz.attrib[qn("w:orient")]
        pg_sz.set(qn("w:w"), str(width))
        pg_sz.set(qn("w:h"), str(height))
        for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
            pg_mar.set(qn(f"w:{side}"), str(value))
        start = body_sect.find(qn("w:pgNumType"))
        if start is not None and start.get(qn("w:start")) is not None:
            del start.attrib[qn("w:start")]

    def end_numbering(self) -> None:
        """End the running (portrait) section here; the new one, the document's last, has
        empty footers: the blank page and the 版记 page after it carry no page number
        (GB/T 9704-2012 7.5)."""
        section = Section(self._next_section(), self.w.document.part)
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
            self.w.style(footer.paragraphs[0], S.PAGE_NUMBER)

    def _next_section(self) -> Any:
        """End the running section here (a copy of the body's final ``w:sectPr`` on its last
        paragraph, see :meth:`_section_end`); the final ``w:sectPr``, now the next section's,
        without page 1's setting (only the document's first page) and without footer or
        header references, for the caller to give it its own."""
        body_sect = self.w.document.element.body.sectPr
        self._section_end().get_or_add_pPr().append(deepcopy(body_sect))
        for name in ("w:titlePg", "w:footerReference", "w:headerReference"):
            for element in body_sect.findall(qn(name)):
                body_sect.remove(element)
        return body_sect

    def _section_end(self) -> Any:
        """The paragraph to carry the ending section's ``w:sectPr``: the section's last
        paragraph, or after a table a new one a point high. An empty paragraph a grid line
        high could fall onto a page of its own (a blank page) when the section's last page
        is full."""
        body = self.w.document.element.body
        last = body[-2] if len(body) > 1 else None  # body[-1] is the body's w:sectPr
        if last is not None and last.tag == qn("w:p") and last.find(f".//{qn('w:sectPr')}") is None:
            return last
        return p_element(self.w.point_paragraph())

    def _add_landscape_footers(self, sect_pr: Any) -> list[Any]:
        """Odd and even footers for the landscape section ``sect_pr`` whose page number keeps
        its physical place on the sheet: a text box anchored on the page where the portrait
        number's line lies once the page is turned, its ``— PAGE —`` (the portrait footer's
        paragraph: one exact line of its size, from the style) running top to bottom. The
        footer's own paragraph is one point high, so the footer stays inside the landscape
        margin."""
        w = self.w
        section = Section(sect_pr, w.document.part)
        box = w.profile.landscape_page_number_box_twips
        footers = (
            (section.footer, "right", "单页页码"),
            (section.even_page_footer, "left", "双页页码"),
        )
        for shape_id, (footer, side, name) in enumerate(footers, _LANDSCAPE_NUMBER_SHAPE_ID):
            footer.is_linked_to_previous = False
            anchor = footer.paragraphs[0]
            w.style(anchor, S.PAGE_NUMBER)
            oxml.set_spacing(ppr(anchor), line=20, rule="exact")
            number = DocxParagraph(OxmlElement("w:p"), footer)
            page_number(w, number, side)
            text_box = oxml.vertical_text_box(
                [p_element(number)], box=box, shape_id=shape_id, name=name
            )
            p_element(anchor).append(text_box)
        return sect_pr.findall(qn("w:footerReference"))
