"""The GB/T 9704-2012 builder: an :class:`OfficialDocument` in, a .docx out.

:class:`DocxBuilder` speaks in 公文 terms (``add_header_block``, ``add_title``,
``add_signature``, ``add_colophon`` …); every number comes from the :class:`LayoutProfile`,
every face from the :class:`FontProfile`, and the OOXML python-docx lacks comes from
:mod:`drafting.layout.oxml`.
"""

from __future__ import annotations

import datetime as dt
import io
from copy import deepcopy
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from drafting.docx_zip import FIXED_ZIP_DATE, normalise_zip
from drafting.errors import DraftingError, InputError
from drafting.inputs import read_file
from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.profile import FontProfile, LayoutProfile, mm_to_twips, pt_to_twips
from drafting.layout.skeleton import Skeleton, package_bytes
from drafting.layout.title import break_title, width
from drafting.limits import MAX_IMAGE_BYTES
from drafting.model import (
    Attachment,
    Block,
    Heading,
    ListBlock,
    OfficialDocument,
    Paragraph,
    Table,
    format_date,
)

#: The package's created/modified time when the document carries no 成文日期, fixed (as is
#: every zip entry's date, :data:`FIXED_ZIP_DATE`) so the same input gives the same bytes.
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)

_EMU_PER_TWIP = 635
_LANDSCAPE_NUMBER_SHAPE_ID = 9701  # wp:docPr ids of the landscape page numbers (odd, even)
_SUPPORTED = ("official", "article", "letter", "minutes")


class DocxBuilder:
    """Lays out one document. Call the ``add_*`` methods in reading order, then :meth:`save`."""

    def __init__(
        self,
        profile: LayoutProfile | None = None,
        fonts: FontProfile | None = None,
        base_dir: Path | None = None,
    ) -> None:
        self.profile = profile or LayoutProfile()
        self.fonts = fonts or FontProfile()
        self.base_dir = base_dir
        skeleton, self._style_ids = _skeleton(self.profile, self.fonts)
        self.document = skeleton.copy()
        # set by _setup_footers on the skeleton's builder; this document's own elements here
        self._portrait_footers = self.document.sections[0]._sectPr.findall(qn("w:footerReference"))
        self._landscape_footers: list[Any] = []
        self._landscape = False  # the running section is a landscape table section

    @classmethod
    def _make_skeleton(cls, profile: LayoutProfile, fonts: FontProfile) -> Any:
        """The empty document every document starts from: python-docx's template without its
        thumbnail, no body, the first section, the styles and the page-number footers."""
        builder = cls.__new__(cls)  # a builder for the set-up steps, not for a document
        builder.profile, builder.fonts, builder.base_dir = profile, fonts, None
        builder.document = Document()
        builder._drop_template_parts()
        builder._clear_body()
        builder._setup_section()
        S.install(builder.document, profile, fonts)
        builder._style_ids = S.style_ids(builder.document)
        builder._setup_footers()
        return builder.document

    # -- page ---------------------------------------------------------------------------
    def _drop_template_parts(self) -> None:
        """python-docx's template carries a thumbnail of a blank page and a Word 2010
        ``stylesWithEffects`` part whose theme fonts would contradict ours: drop both."""
        for rels in (self.document.part.package.rels, self.document.part.rels):
            for rel_id, rel in list(rels.items()):
                if rel.reltype.endswith(("/thumbnail", "/stylesWithEffects")):
                    rels.pop(rel_id)

    def _clear_body(self) -> None:
        body = self.document.element.body
        for element in list(body):
            if element.tag != qn("w:sectPr"):
                body.remove(element)

    def _setup_section(self) -> None:
        p = self.profile
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Twips(p.page_width_twips)
        section.page_height = Twips(p.page_height_twips)
        top, left, bottom, right = p.margins_twips
        section.top_margin, section.left_margin = Twips(top), Twips(left)
        section.bottom_margin, section.right_margin = Twips(bottom), Twips(right)
        section.gutter = Twips(0)
        section.header_distance = Twips(p.header_distance_twips)
        section.footer_distance = Twips(p.footer_distance_twips)
        oxml.set_doc_grid(section._sectPr, p.line_pitch_twips)

    def _setup_footers(self) -> None:
        """``— PAGE —`` in odd (right, one character in) and even (left) footers."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            self._page_number(footer.paragraphs[0], side)
        self._portrait_footers = section._sectPr.findall(qn("w:footerReference"))
        self._landscape_footers: list[Any] = []

    def _page_number(self, paragraph: Any, side: str) -> None:
        """Fill ``paragraph`` with ``— PAGE —`` set ``side``, one character in."""
        self._style(paragraph, S.PAGE_NUMBER)
        ppr = paragraph._p.get_or_add_pPr()
        oxml.set_justification(ppr, side)
        one_char = self.profile.advance_twips(self.profile.page_number_size_pt)
        if side == "right":
            oxml.set_indent(ppr, right=one_char)
        else:
            oxml.set_indent(ppr, left=one_char)
        songti = self.fonts.songti  # 半角宋体: the digits in 宋体 too
        self._run(paragraph, "— ", songti, latin=songti)
        for run in oxml.field_runs("PAGE", "1", self._rpr(songti, latin=songti)):
            paragraph._p.append(run)
        self._run(paragraph, " —", songti, latin=songti)

    def _add_landscape_footers(self, sect_pr: Any) -> list[Any]:
        """Odd and even footers for the landscape section ``sect_pr`` whose page number keeps
        its physical place on the sheet: a text box anchored on the page where the portrait
        number's line lies once the page is turned, its ``— PAGE —`` (the portrait footer's
        paragraph: one exact line of its size, from the style) running top to bottom. The
        footer's own paragraph is one point high, so the footer stays inside the landscape
        margin."""
        p = self.profile
        section = Section(sect_pr, self.document.part)
        box = p.landscape_page_number_box_twips
        footers = (
            (section.footer, "right", "单页页码"),
            (section.even_page_footer, "left", "双页页码"),
        )
        for shape_id, (footer, side, name) in enumerate(footers, _LANDSCAPE_NUMBER_SHAPE_ID):
            footer.is_linked_to_previous = False
            anchor = footer.paragraphs[0]
            self._style(anchor, S.PAGE_NUMBER)
            oxml.set_spacing(anchor._p.get_or_add_pPr(), line=20, rule="exact")
            number = DocxParagraph(OxmlElement("w:p"), footer)
            self._page_number(number, side)
            text_box = oxml.vertical_text_box([number._p], box=box, shape_id=shape_id, name=name)
            anchor._p.append(text_box)
        return sect_pr.findall(qn("w:footerReference"))

    # -- low-level helpers ----------------------------------------------------------------
    def _rpr(self, face: str, *, bold: bool = False, latin: str | None = None) -> Any:
        rpr = OxmlElement("w:rPr")
        oxml.set_fonts(rpr, face, latin or self.fonts.latin)
        if bold:
            oxml.set_bold(rpr)
        return rpr

    def _run(
        self, paragraph: Any, text: str, face: str, *, bold: bool = False, latin: str | None = None
    ) -> Any:
        """A run naming its East Asian face (and Latin face) explicitly."""
        run = paragraph.add_run(text)
        rpr = run._r.get_or_add_rPr()
        oxml.set_fonts(rpr, face, latin or self.fonts.latin)
        if bold:
            oxml.set_bold(rpr)
        return run

    def _para(self, style: str, text: str = "", face: str | None = None, **spacing: int) -> Any:
        """A styled paragraph; portrait again first if a landscape table section is running
        (only tables stand on landscape pages)."""
        if self._landscape:
            self._end_section(landscape=False)
        paragraph = self.document.add_paragraph()
        self._style(paragraph, style)
        if text:
            self._run(paragraph, text, face or self._face_of(style))
        if spacing:
            self._spacing(paragraph, **spacing)
        return paragraph

    def _spacing(self, paragraph: Any, before: int = 0, after: int = 0) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        spacing = oxml.child(ppr, "spacing")
        spacing.set(qn("w:before"), str(before))
        spacing.set(qn("w:after"), str(after))

    def _style(self, paragraph: Any, style: str) -> None:
        """Give ``paragraph`` one of our styles by its id (what ``paragraph.style = …`` does,
        without python-docx's search of every style by name and of the default style)."""
        paragraph._p.style = self._style_ids[style]

    def _add_table(self, rows: int, cols: int) -> Any:
        """``document.add_table`` without the table style, which python-docx looks up in (and
        so parses) styles.xml only to find there is none to set."""
        table = self.document._body.add_table(rows, cols, self.document._block_width)
        table._tbl.tblStyle_val = None
        return table

    def _face_of(self, style: str) -> str:
        return getattr(self.fonts, S.SPEC_BY_NAME[style].face)

    def _blank_lines(self, count: float) -> int:
        return self.profile.line_twips(count)

    # -- 版头 ------------------------------------------------------------------------------
    def add_header_block(self, doc: OfficialDocument) -> int:
        """份号, 密级, 紧急程度, the red 发文机关标志, 发文字号 (+签发人) and the red line.

        Returns the blank lines the title needs below: two under the red line; none when
        the document has neither 标志 nor 发文字号 (no red line then), one under 份号 etc."""
        header, p = doc.header, self.profile
        lines = 0
        for style, value in (
            (S.COPY_NUMBER, header.copy_number),
            (S.CLASSIFICATION, header.classification),
            (S.URGENCY, header.urgency),
        ):
            if value:
                self._para(style, value)
                lines += 1
        if not (header.mark_text or header.doc_number or header.signers):
            return 1 if lines else 0
        mark_gap = max(0, mm_to_twips(p.mark_top_mm) - p.line_twips(lines))
        if len(header.organs) > 1 and not header.organ_mark:
            self._joint_mark(header.organs, mark_gap)
        elif header.mark_text:
            self._single_mark(header.mark_text, mark_gap)
        number_gap = self._blank_lines(p.doc_number_gap_lines)
        if header.signers:
            last = self._signers(header.doc_number or "", header.signers, number_gap)
        else:
            last = self._para(S.DOC_NUMBER, header.doc_number or "", before=number_gap)
        oxml.set_border(
            last._p.get_or_add_pPr(),
            "bottom",
            width_eighths=round(p.red_line_pt * 8),
            color=p.red,
            space_pt=round(p.red_line_gap_mm / 25.4 * 72),
        )
        return p.title_gap_lines

    def _mark_size(self, chars: float) -> float:
        """The 标志's size: the profile's, shrunk so ``chars`` characters fit one line."""
        p = self.profile
        fit = (p.text_width_twips / chars - p.char_spacing_twips) / 20
        return min(p.mark_size_pt, int(fit * 2) / 2)

    def _mark_gap(self, before: int, size: float) -> int:
        """Space above the 标志 so its characters' top edge, not its taller exact line, stands
        ``mark_top_mm`` below the top of the 版心 (both renderers put the extra at the top)."""
        extra = S.exact_line(self.profile, size) - pt_to_twips(size)
        return max(0, before - extra)

    def _single_mark(self, text: str, before: int) -> None:
        size = self._mark_size(width(text))
        paragraph = self._para(S.MARK, text, before=self._mark_gap(before, size))
        self._size_paragraph(paragraph, size)

    def _size_paragraph(self, paragraph: Any, size: float) -> None:
        if size != self.profile.mark_size_pt:
            self._size_paragraph_exact(paragraph, size)

    def _joint_mark(self, organs: list[str], before: int) -> None:
        """Joint issue: the organs stacked (lead organ first), 文件 to their right, centred."""
        p = self.profile
        names = max(width(name) for name in organs)
        size = self._mark_size(names + 3)
        advance = p.advance_twips(size)
        spacer = self._para(S.MARK)
        oxml.set_spacing(
            spacer._p.get_or_add_pPr(),
            before=self._mark_gap(before, size) - 20,
            line=20,
            rule="exact",
        )
        table = self._add_table(1, 2)
        left_width = round(advance * names) + 40
        right_width = round(advance * 3)
        self._fix_widths(table, [left_width, right_width], cell_margin=0)
        for cell in table.rows[0].cells:
            oxml.child(cell._tc.get_or_add_tcPr(), "vAlign", val="center")
        names_cell, word_cell = table.rows[0].cells
        names_cell.paragraphs[0]._p.getparent().remove(names_cell.paragraphs[0]._p)
        for name in organs:
            paragraph = names_cell.add_paragraph()
            self._style(paragraph, S.MARK)
            self._run(paragraph, name, self.fonts.xiaobiaosong)
            oxml.set_justification(paragraph._p.get_or_add_pPr(), "distribute")
            self._size_paragraph_exact(paragraph, size)
        paragraph = word_cell.paragraphs[0]
        self._style(paragraph, S.MARK)
        oxml.set_justification(paragraph._p.get_or_add_pPr(), "right")
        self._run(paragraph, "文件", self.fonts.xiaobiaosong)
        self._size_paragraph_exact(paragraph, size)

    def _size_paragraph_exact(self, paragraph: Any, size: float) -> None:
        spacing = oxml.child(paragraph._p.get_or_add_pPr(), "spacing")
        spacing.set(qn("w:line"), str(S.exact_line(self.profile, size)))
        spacing.set(qn("w:lineRule"), "exact")
        for run in paragraph.runs:
            oxml.set_size(run._r.get_or_add_rPr(), size)

    def _fix_widths(self, table: Any, widths: list[int], *, cell_margin: int) -> None:
        """Fixed column widths (grid and cells), centred, with ``cell_margin`` twips left and
        right inside each cell."""
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        oxml.child(tbl_pr, "tblW", w=sum(widths), type="dxa")
        oxml.child(tbl_pr, "tblLayout", type="fixed")
        margins = oxml.child(tbl_pr, "tblCellMar")
        for side in ("left", "right"):
            oxml.child(margins, side, w=cell_margin, type="dxa")
        for column, width_twips in zip(
            table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False
        ):
            column.set(qn("w:w"), str(width_twips))
        for row in table.rows:
            for cell, width_twips in zip(row.cells, widths, strict=False):
                cell.width = Twips(width_twips)

    def _signers(self, number: str, signers: list[str], before: int) -> Any:
        """Upward documents: 发文字号 one character in from the left, level with the last
        签发人 line; ``签发人：`` in 仿宋, names in 楷体, one character in from the right."""
        p = self.profile
        rows = [signers[i : i + 2] for i in range(0, len(signers), 2)]
        paragraph = None
        for index, names in enumerate(rows):
            paragraph = self._para(S.DOC_NUMBER, before=before if index == 0 else 0)
            ppr = paragraph._p.get_or_add_pPr()
            oxml.set_justification(ppr, "left")
            oxml.add_tab(ppr, p.char_twips, "left")
            oxml.add_tab(ppr, p.text_width_twips - p.char_twips, "right")
            last = index == len(rows) - 1
            self._run(paragraph, "\t" + (number if last else "") + "\t", self.fonts.fangsong)
            label = "签发人：" if index == 0 else "　" * 4
            self._run(paragraph, label, self.fonts.fangsong)
            self._run(paragraph, "　".join(names), self.fonts.kaiti)
        return paragraph

    # -- 信函格式 ----------------------------------------------------------------------------
    def add_letter_header(self, doc: OfficialDocument) -> int:
        """信函格式 page 1: the red 标志 ``letter_mark_top_mm`` below the top edge of the page,
        a thick-over-thin red double line below it and a thin-over-thick one above the bottom
        edge, all frames anchored on the page (text runs through them); 份号, 密级, 紧急程度
        flush left and the 发文字号 flush right on the last of them. Page 1 has its own empty
        footer (no page number). Returns the blank lines the title needs below (two)."""
        p, header = self.profile, doc.header
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
        rule_width = mm_to_twips(p.letter_rule_length_mm)
        names = [header.organ_mark] if header.organ_mark else header.organs
        mark_bottom = mm_to_twips(p.letter_mark_top_mm)
        spent = 0  # twips of body flow the frames and their separators take
        if names:
            size = self._mark_size(max(width(name) for name in names))
            line = S.exact_line(p, size)
            top = mm_to_twips(p.letter_mark_top_mm) - (line - pt_to_twips(size))
            mark = self._para(S.MARK)
            for index, name in enumerate(names):
                run = self._run(mark, name, self.fonts.xiaobiaosong)
                if index:
                    run._r.addprevious(parse_xml(f"<w:r {nsdecls('w')}><w:br/></w:r>"))
            self._size_paragraph_exact(mark, size)
            oxml.set_page_frame(mark._p.get_or_add_pPr(), rule_width, y=top)
            mark_bottom = top + line * (len(names) - 1) + line
            spent += self._thin_separator()
        upper = mark_bottom + mm_to_twips(p.letter_rule_gap_mm)
        double = round(p.letter_rule_pt * 20)
        lower = p.page_height_twips - mm_to_twips(p.letter_rule_bottom_mm) - double
        self._page_rule(upper, "thickThinSmallGap")
        spent += self._thin_separator()
        self._page_rule(lower, "thinThickSmallGap")
        spent += self._thin_separator()
        # the first element's characters stand 7/8 of a 3号 character below the double line
        glyph_top = upper + double + round(p.letter_first_drop * pt_to_twips(p.body_size_pt))
        extra = p.line_pitch_twips - pt_to_twips(p.body_size_pt)
        before = max(0, glyph_top - p.margins_twips[0] - extra - spent)
        rows = [
            (style, value)
            for style, value in (
                (S.COPY_NUMBER, header.copy_number),
                (S.CLASSIFICATION, header.classification),
                (S.URGENCY, header.urgency),
            )
            if value
        ] or [(S.DOC_NUMBER, "")]
        for index, (style, value) in enumerate(rows):
            paragraph = self._para(style, value, before=before if index == 0 else 0)
            if index == len(rows) - 1 and header.doc_number:
                ppr = paragraph._p.get_or_add_pPr()
                oxml.set_justification(ppr, "left")
                oxml.add_tab(ppr, p.text_width_twips, "right")
                self._run(paragraph, "\t" + header.doc_number, self.fonts.fangsong)
        return p.title_gap_lines

    def _page_rule(self, y: int, style: str) -> None:
        """A red double line ``letter_rule_length_mm`` long whose top is ``y`` twips below
        the top edge of the page: the bottom border of a one-point framed paragraph (a bottom
        border's ``thickThin`` puts the thick line above, in Word and LibreOffice alike)."""
        p = self.profile
        paragraph = self._para(S.PRINTER)
        self._run(paragraph, " ", self.fonts.fangsong)
        ppr = paragraph._p.get_or_add_pPr()
        oxml.set_spacing(ppr, line=20, rule="exact")
        oxml.set_page_frame(ppr, mm_to_twips(p.letter_rule_length_mm), y=y - 20)
        oxml.set_border(
            ppr, "bottom", width_eighths=round(p.letter_rule_pt * 8), color=p.red, style=style
        )

    def _thin_separator(self) -> int:
        """An empty one-twip paragraph between frames (see :meth:`_separator`); its height."""
        self._separator()
        return 20

    # -- 纪要格式 ----------------------------------------------------------------------------
    def add_attendance(self, rows: list[tuple[str, list[str]]]) -> None:
        """纪要: ``出席：`` (黑体) one blank line below the body, two characters in, the names
        in 仿宋 separated by 、; wrapped lines align with the first name. 请假, 列席 likewise."""
        p = self.profile
        for index, (label, names) in enumerate(rows):
            paragraph = self._para(
                S.ATTACHMENT_NOTE, before=self._blank_lines(1) if not index else 0
            )
            indent = p.chars_twips(p.attendance_indent_chars)
            hang = p.chars_twips(width(label) + 1)
            oxml.set_indent(paragraph._p.get_or_add_pPr(), left=indent + hang, first_line=-hang)
            self._run(paragraph, f"{label}：", self.fonts.heiti)
            self._run(paragraph, "、".join(names), self.fonts.fangsong)

    # -- 主体 ------------------------------------------------------------------------------
    def add_title(self, title: str, *, style: str = S.TITLE, before_lines: float = 0) -> Any:
        """The title, centred, broken with jieba into whole-word lines (never an hourglass)."""
        p = self.profile
        size = p.title_size_pt
        fit = int(p.text_width_twips // p.advance_twips(size))
        max_chars = min(fit, p.title_max_chars) if p.title_max_chars else fit
        paragraph = self._para(style, before=self._blank_lines(before_lines))
        face = self._face_of(style)
        for index, line in enumerate(break_title(title, max_chars)):
            run = self._run(paragraph, line, face)
            if index:
                run._r.addprevious(parse_xml(f"<w:r {nsdecls('w')}><w:br/></w:r>"))
        return paragraph

    def add_author(self, author: str) -> Any:
        """A commentary's byline, 楷体, centred, one blank line below the title."""
        return self._para(S.AUTHOR, author, before=self._blank_lines(1))

    def space_after(self, paragraph: Any, *, lines: float) -> None:
        spacing = oxml.child(paragraph._p.get_or_add_pPr(), "spacing")
        spacing.set(qn("w:after"), str(self._blank_lines(lines)))

    def add_recipients(self, recipients: str, *, before_lines: float = 1) -> None:
        """主送机关: one blank line below the title, flush left."""
        self._para(S.RECIPIENTS, recipients, before=self._blank_lines(before_lines))

    def add_body(self, blocks: list[Block]) -> None:
        for block in blocks:
            self._block(block)

    def _block(self, block: Block) -> None:
        if isinstance(block, Heading):
            if not 1 <= block.level <= 4:
                raise DraftingError(f"标题层级应为 1–4，此处为 {block.level}：{block.full_text}")
            self._para(S.HEADINGS[block.level - 1], block.full_text)
        elif isinstance(block, Paragraph):
            paragraph = self._para(S.BODY)
            for inline in block.inlines:
                self._run(paragraph, inline.text, self.fonts.fangsong, bold=inline.bold)
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, 1):
                prefix = f"{number}." if block.ordered else ""
                self._para(S.LIST_ITEM, prefix + item)
        elif isinstance(block, Table):
            self._table(block)
        else:  # pragma: no cover - the model has no other block
            raise DraftingError(f"无法排版的正文块：{type(block).__name__}")

    def _end_section(self, *, landscape: bool) -> None:
        """End the running section here (its ``w:sectPr`` on its last paragraph, see
        :meth:`_section_end`); the new section (the body's final ``w:sectPr``) takes the other
        orientation and its footers: the landscape ones (made once, shared by every landscape
        section) or the portrait ones again. Page numbers continue."""
        p = self.profile
        body_sect = self.document.element.body.find(qn("w:sectPr"))
        ended = deepcopy(body_sect)
        self._section_end().get_or_add_pPr().append(ended)
        self._landscape = landscape
        for first_page in body_sect.findall(qn("w:titlePg")):  # only page 1 of the document
            body_sect.remove(first_page)
        for ref in body_sect.findall(qn("w:footerReference")) + body_sect.findall(
            qn("w:headerReference")
        ):
            body_sect.remove(ref)
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

    def _section_end(self) -> Any:
        """The paragraph to carry the ending section's ``w:sectPr``: the section's last
        paragraph, or after a table a new one a point high. An empty paragraph a grid line
        high could fall onto a page of its own (a blank page) when the section's last page
        is full."""
        body = self.document.element.body
        last = body[-2] if len(body) > 1 else None  # body[-1] is the body's w:sectPr
        if last is not None and last.tag == qn("w:p") and last.find(f".//{qn('w:sectPr')}") is None:
            return last
        return self._point_paragraph()._p

    def _point_paragraph(self) -> Any:
        """An empty paragraph one point high, off the grid, in the running section."""
        paragraph = self.document.add_paragraph()
        self._style(paragraph, S.PRINTER)
        oxml.set_spacing(paragraph._p.get_or_add_pPr(), line=20, rule="exact")
        return paragraph

    def _ends_with_table(self) -> bool:
        body = self.document.element.body
        return len(body) > 1 and body[-2].tag == qn("w:tbl")

    def _table(self, block: Table) -> None:
        """A bordered table across the 版心. A ``landscape`` one goes in a landscape section,
        shared with the landscape tables right after it; the next other block is portrait
        again. Tables in a row stand one empty line apart (adjacent ones would merge)."""
        if not any(block.rows):
            return
        if block.landscape != self._landscape:
            self._end_section(landscape=block.landscape)
        elif self._ends_with_table():
            gap = self.document.add_paragraph()
            self._style(gap, S.BODY)
        self._grid_table(block)

    def _grid_table(self, block: Table) -> None:
        p = self.profile
        span = p.text_height_twips if block.landscape else p.text_width_twips
        columns = max(len(row) for row in block.rows)
        table = self._add_table(len(block.rows), columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        borders = oxml.child(table._tbl.tblPr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            border = oxml.child(borders, side)
            for key, value in (("val", "single"), ("sz", 4), ("space", 0), ("color", p.black)):
                border.set(qn(f"w:{key}"), str(value))
        cell_width = span // columns
        self._fix_widths(table, [cell_width] * columns, cell_margin=60)
        for r, row in enumerate(block.rows):
            header = block.header and r == 0
            if header:
                trpr = table.rows[0]._tr.get_or_add_trPr()
                trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="1"/>'))
            for c in range(columns):
                cell = table.cell(r, c)
                paragraph = cell.paragraphs[0]
                self._style(paragraph, S.TABLE_TEXT)
                if header:
                    oxml.set_justification(paragraph._p.get_or_add_pPr(), "center")
                text = row[c] if c < len(row) else ""
                if text:
                    face = self.fonts.heiti if header else self.fonts.fangsong
                    self._run(paragraph, text, face)

    def add_attachment_note(self, titles: list[str]) -> None:
        """附件说明: one blank line below the body, two characters in; wrapped lines align
        with the first character of the name."""
        p = self.profile
        numbered = len(titles) > 1
        label = p.chars_twips(2 + 3)  # two characters in, then 附件：
        for index, title in enumerate(titles, 1):
            number = f"{index}." if numbered else ""
            name_at = label + p.chars_twips(width(number))
            paragraph = self._para(
                S.ATTACHMENT_NOTE, before=self._blank_lines(1) if index == 1 else 0
            )
            ppr = paragraph._p.get_or_add_pPr()
            start = p.chars_twips(2) if index == 1 else label
            oxml.set_indent(ppr, left=name_at, first_line=start - name_at)
            self._run(
                paragraph, ("附件：" if index == 1 else "") + number + title, self.fonts.fangsong
            )

    def add_signature(
        self, signature: str | None, date: dt.date | None, *, sealed: Path | None = None
    ) -> None:
        """署名 and 成文日期 per the unsealed rule, or per the sealed rule with the seal image."""
        p = self.profile
        date_text = format_date(date) if date else ""
        sig_w, date_w = width(signature or ""), width(date_text)
        if sealed is not None:
            date_right = p.seal_date_indent_chars
            sig_right = date_right + (date_w - sig_w) / 2
        elif not signature or sig_w - date_w >= 2:
            sig_right = p.signature_indent_chars
            date_right = sig_right + sig_w - 2 - date_w if signature else sig_right
        else:
            date_right = p.signature_indent_chars
            sig_right = date_right + date_w + 2 - sig_w
        before = self._blank_lines(1)
        if signature:
            paragraph = self._para(S.SIGNATURE, signature, before=before)
            oxml.set_indent(paragraph._p.get_or_add_pPr(), right=p.chars_twips(max(sig_right, 0)))
            before = 0
        if date_text:
            paragraph = self._para(S.DATE, date_text, before=before)
            oxml.set_indent(paragraph._p.get_or_add_pPr(), right=p.chars_twips(max(date_right, 0)))
            if sealed is not None:
                self._seal(paragraph, sealed, centre_chars=date_right + date_w / 2)

    def _seal(self, paragraph: Any, image: Path, *, centre_chars: float) -> None:
        """The seal, red, centred over 署名 and 成文日期 (anchored on the date's line)."""
        p = self.profile
        path = image if image.is_absolute() or self.base_dir is None else self.base_dir / image
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
            raise InputError(
                f"印章图片无法读取（{exc}）；请用 PNG 或 JPEG", path=str(path)
            ) from exc
        inline = run._r.find(".//" + qn("wp:inline"))
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

    def add_note(self, note: str) -> None:
        """附注: on the line after the date, two characters in, in round brackets."""
        text = note.strip()
        if not (text.startswith(("（", "(")) and text.endswith(("）", ")"))):
            text = f"（{text}）"
        self._para(S.NOTE, text)

    def add_attachments(self, attachments: list[Attachment]) -> None:
        """Each attachment on a new page: 附件N (黑体) on line 1, its title centred on line 3."""
        numbered = len(attachments) > 1
        for index, attachment in enumerate(attachments, 1):
            label = self._para(S.ATTACHMENT_LABEL, f"附件{index}" if numbered else "附件")
            oxml.set_flag(label._p.get_or_add_pPr(), "pageBreakBefore")
            title = self.add_title(attachment.title, style=S.ATTACHMENT_TITLE, before_lines=1)
            if attachment.blocks:
                self.space_after(title, lines=1)
                self.add_body(attachment.blocks)

    # -- 版记 ------------------------------------------------------------------------------
    def add_colophon(
        self,
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
        p = self.profile
        one = p.advance_twips(p.colophon_size_pt)
        line = p.line_pitch_twips
        thick = round(p.colophon_thick_mm / 25.4 * 72 * 8)
        thin = round(p.colophon_thin_mm / 25.4 * 72 * 8)
        printer_row = None
        if printer or print_date:
            printer_row = self._para(S.PRINTER)
            ppr = printer_row._p.get_or_add_pPr()
            oxml.set_indent(ppr, left=one)
            oxml.add_tab(ppr, p.text_width_twips - one, "right")
            tail = f"\t{format_date(print_date)}印发" if print_date else ""
            self._run(printer_row, (printer or "") + tail, self.fonts.fangsong)
            oxml.set_frame(ppr, p.text_width_twips)
            oxml.set_border(ppr, "top", width_eighths=thin if cc else thick, color=p.black)
            oxml.set_border(ppr, "bottom", width_eighths=thick, color=p.black)
        if cc:
            names = "，".join(name.strip().rstrip("，。、,.") for name in cc) + "。"
            text = "抄送：" + names
            cc_row = self._para(S.CC)
            if printer_row is not None:  # reading order: 抄送 before 印发
                printer_row._p.addprevious(cc_row._p)
                printer_row._p.addprevious(self._separator()._p)
            ppr = cc_row._p.get_or_add_pPr()
            hang = one * 3
            oxml.set_indent(ppr, left=one + hang, right=one, first_line=-hang)
            self._run(cc_row, text, self.fonts.fangsong)
            if lines:
                oxml.set_border(ppr, "top", width_eighths=thick, color=p.black)
            if printer_row is None:
                oxml.set_frame(ppr, p.text_width_twips)
                if lines:
                    oxml.set_border(ppr, "bottom", width_eighths=thick, color=p.black)
            else:
                first = p.text_width_twips - 2 * one
                lines = wrapped_lines(width(text), first=first, rest=first - hang, advance=one)
                y = p.text_height_twips - line * (lines + 1)
                oxml.set_frame(ppr, p.text_width_twips, y=y)

    def _separator(self) -> Any:
        """A one-twip empty paragraph: LibreOffice loses a framed paragraph's frame when the
        next paragraph is framed too, so frames are kept apart by this."""
        paragraph = self._para(S.PRINTER)
        oxml.set_spacing(paragraph._p.get_or_add_pPr(), line=20, rule="exact")
        return paragraph

    # -- output ----------------------------------------------------------------------------
    def set_properties(self, doc: OfficialDocument) -> None:
        props = self.document.core_properties
        stamp = (
            dt.datetime.combine(doc.date, dt.time(), tzinfo=dt.timezone.utc)
            if doc.date
            else FIXED_TIME
        )
        props.title = doc.title
        props.author = "drafting"
        props.last_modified_by = "drafting"
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.revision = 1
        props.subject = doc.kind
        props.keywords = ""
        props.comments = ""

    def save(self) -> bytes:
        """The package with fixed zip entry dates and attributes (byte-for-byte reproducible).
        A body ending in a table gets the paragraph Word wants after it, a point high so it
        cannot spill onto a page of its own."""
        if self._ends_with_table():
            self._point_paragraph()
        return package_bytes(self.document)


def wrapped_lines(chars: float, *, first: int, rest: int, advance: int) -> int:
    """How many lines ``chars`` characters of ``advance`` twips take in a paragraph whose
    first line is ``first`` twips wide and the others ``rest``."""
    per_first = max(1, first // advance)
    if chars <= per_first:
        return 1
    per_rest = max(1, rest // advance)
    return 1 + int(-(-(chars - per_first) // per_rest))


@lru_cache(maxsize=8)
def _skeleton(profile: LayoutProfile, fonts: FontProfile) -> tuple[Skeleton, dict[str, str]]:
    """The empty document for these profiles and its style ids by name, made once per process
    (each document gets a copy of it, see :mod:`drafting.layout.skeleton`)."""
    document = DocxBuilder._make_skeleton(profile, fonts)
    return Skeleton(document), S.style_ids(document)


def build_docx(
    doc: OfficialDocument,
    *,
    profile: LayoutProfile | None = None,
    fonts: FontProfile | str | Path | None = None,
    base_dir: Path | None = None,
) -> bytes:
    """Lay ``doc`` out per GB/T 9704-2012 and return the .docx bytes.

    ``fonts`` is a :class:`FontProfile`, or ``"plain"``/``"standard"`` or a YAML/JSON/TOML file
    of overrides (as ``--fonts`` gives it); ``base_dir`` resolves a relative seal path.
    """
    if doc.layout not in _SUPPORTED:
        raise DraftingError(
            f"版式“{doc.layout}”不可用；可用：official（文件格式）、article（文章）、"
            "letter（信函格式）、minutes（纪要格式）"
        )
    if fonts is not None and not isinstance(fonts, FontProfile):
        fonts = FontProfile.load(fonts)
    builder = DocxBuilder(profile, fonts, base_dir)
    if doc.layout in ("official", "minutes"):
        _official(builder, doc)
    elif doc.layout == "letter":
        _letter(builder, doc)
    else:
        _article(builder, doc)
    builder.set_properties(doc)
    return builder.save()


def _official(builder: DocxBuilder, doc: OfficialDocument) -> None:
    gap = builder.add_header_block(doc)
    builder.add_title(doc.title, before_lines=gap)
    if doc.recipients:
        builder.add_recipients(doc.recipients)
    _main_part(builder, doc)
    if doc.cc or doc.printer or doc.print_date:
        builder.add_colophon(doc.cc, doc.printer, doc.print_date)


def _letter(builder: DocxBuilder, doc: OfficialDocument) -> None:
    """信函格式: the letter header; the 版记 is the 抄送 alone, without lines or 印发."""
    gap = builder.add_letter_header(doc)
    builder.add_title(doc.title, before_lines=gap)
    if doc.recipients:
        builder.add_recipients(doc.recipients)
    _main_part(builder, doc)
    if doc.cc:
        builder.add_colophon(doc.cc, None, None, lines=False)


def _article(builder: DocxBuilder, doc: OfficialDocument) -> None:
    last = builder.add_title(doc.title)
    if doc.author:
        last = builder.add_author(doc.author)
    builder.space_after(last, lines=1)
    if doc.recipients:
        builder.add_recipients(doc.recipients, before_lines=0)
    _main_part(builder, doc)


def _main_part(builder: DocxBuilder, doc: OfficialDocument) -> None:
    builder.add_body(doc.body)
    if doc.attendance:
        builder.add_attendance(doc.attendance)
    if doc.attachments:
        builder.add_attachment_note(doc.attachment_titles)
    if doc.signature or doc.date:
        builder.add_signature(doc.signature, doc.date, sealed=doc.seal)
    if doc.note:
        builder.add_note(doc.note)
    if doc.attachments:
        builder.add_attachments(doc.attachments)


__all__ = ["FIXED_ZIP_DATE", "DocxBuilder", "build_docx", "normalise_zip", "pt_to_twips"]
