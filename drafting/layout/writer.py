"""The small paragraph and run writer every region of the builder shares.

A :class:`Writer` holds the document being built, the layout and font profiles and the style
ids, and writes in 公文 terms: a styled paragraph (:meth:`Writer.para`), a run naming its East
Asian and Latin faces (:meth:`Writer.run`), spacing in twips, a table without a style. Every
number comes from the profile; the OOXML python-docx lacks comes from :mod:`drafting.layout.oxml`.
A paragraph after a landscape table section starts portrait pages again: the writer asks the
page setup (:class:`drafting.layout.page.Sections`) to end that section first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.profile import FontProfile, LayoutProfile


def p_element(paragraph: Any) -> Any:
    """The ``w:p`` of a python-docx paragraph, through its public ``ParagraphFormat`` proxy
    (whose element it is; ``Paragraph`` itself exposes no element)."""
    return paragraph.paragraph_format.element


def ppr(paragraph: Any) -> Any:
    """The ``w:pPr`` of ``paragraph`` (created if it has none)."""
    return p_element(paragraph).get_or_add_pPr()


class SectionSwitch(Protocol):
    """What the writer needs of the page setup: whether a landscape section is running, and
    ending it, or ending page numbers (:class:`drafting.layout.page.Sections`)."""

    landscape: bool

    def end_section(self, *, landscape: bool) -> None: ...

    def end_numbering(self) -> None: ...


class Writer:
    """Writes styled paragraphs, runs and tables into one document."""

    def __init__(
        self,
        document: Any,
        profile: LayoutProfile,
        fonts: FontProfile,
        style_ids: dict[str, str],
        base_dir: Path | None = None,
    ) -> None:
        self.document = document
        self.profile = profile
        self.fonts = fonts
        self.style_ids = style_ids
        self.base_dir = base_dir
        self.sections: SectionSwitch | None = None

    # -- runs -------------------------------------------------------------------------------
    def rpr(self, face: str, *, bold: bool = False, latin: str | None = None) -> Any:
        """A ``w:rPr`` naming ``face`` for East Asian text (and ``latin``)."""
        rpr = OxmlElement("w:rPr")
        oxml.set_fonts(rpr, face, latin or self.fonts.latin)
        if bold:
            oxml.set_bold(rpr)
        return rpr

    def run(
        self, paragraph: Any, text: str, face: str, *, bold: bool = False, latin: str | None = None
    ) -> Any:
        """A run naming its East Asian face (and Latin face) explicitly."""
        run = paragraph.add_run(text)
        rpr = run.element.get_or_add_rPr()
        oxml.set_fonts(rpr, face, latin or self.fonts.latin)
        if bold:
            oxml.set_bold(rpr)
        return run

    # -- paragraphs -------------------------------------------------------------------------
    def para(self, style: str, text: str = "", face: str | None = None, **spacing: int) -> Any:
        """A styled paragraph; portrait again first if a landscape table section is running
        (only tables stand on landscape pages)."""
        if self.sections is not None and self.sections.landscape:
            self.sections.end_section(landscape=False)
        paragraph = self.document.add_paragraph()
        self.style(paragraph, style)
        if text:
            self.run(paragraph, text, face or self.face_of(style))
        if spacing:
            self.spacing(paragraph, **spacing)
        return paragraph

    def spacing(self, paragraph: Any, before: int = 0, after: int = 0) -> None:
        oxml.set_spacing(ppr(paragraph), before=before, after=after)

    def style(self, paragraph: Any, style: str) -> None:
        """Give ``paragraph`` one of our styles by its id (what ``paragraph.style = …`` does,
        without python-docx's search of every style by name and of the default style)."""
        p_element(paragraph).style = self.style_ids[style]

    def face_of(self, style: str) -> str:
        return getattr(self.fonts, S.SPEC_BY_NAME[style].face)

    def blank_lines(self, count: float) -> int:
        return self.profile.line_twips(count)

    def size_exact(self, paragraph: Any, size: float) -> None:
        """Set ``paragraph`` (its runs) in ``size`` points on one exact line of that size."""
        paragraph.paragraph_format.line_spacing = Twips(S.exact_line(self.profile, size))
        for run in paragraph.runs:
            oxml.set_size(run.element.get_or_add_rPr(), size)

    def space_after(self, paragraph: Any, *, lines: float) -> None:
        paragraph.paragraph_format.space_after = Twips(self.blank_lines(lines))

    def point_paragraph(self) -> Any:
        """An empty paragraph one point high, off the grid, in the running section."""
        paragraph = self.document.add_paragraph()
        self.style(paragraph, S.PRINTER)
        oxml.set_spacing(ppr(paragraph), line=20, rule="exact")
        return paragraph

    def separator(self) -> Any:
        """A one-twip empty paragraph: LibreOffice loses a framed paragraph's frame when the
        next paragraph is framed too, so frames are kept apart by this."""
        paragraph = self.para(S.PRINTER)
        oxml.set_spacing(ppr(paragraph), line=20, rule="exact")
        return paragraph

    def keep_last_with_next(self) -> None:
        """Keep the last paragraph written, at least two of its lines (widow control), with
        the next one: what follows (the signature block) never starts a page alone."""
        body = self.document.element.body
        last = body[-2] if len(body) > 1 else None
        if last is None or last.tag != qn("w:p"):
            return
        properties = last.get_or_add_pPr()
        oxml.set_flag(properties, "keepNext")
        oxml.set_flag(properties, "widowControl")

    def ends_with_table(self) -> bool:
        body = self.document.element.body
        return len(body) > 1 and body[-2].tag == qn("w:tbl")

    # -- tables -----------------------------------------------------------------------------
    def add_table(self, rows: int, cols: int) -> Any:
        """``document.add_table`` without the table style, which python-docx looks up in (and
        so parses, some 360 KB) styles.xml only to find there is none to set: the one place the
        writer goes below python-docx's public API for speed (its body and table element)."""
        table = self.document._body.add_table(rows, cols, self.document._block_width)
        table._tbl.tblStyle_val = None
        return table

    def fix_widths(self, table: Any, widths: list[int], *, cell_margin: int) -> None:
        """Fixed column widths (grid and cells), centred, with ``cell_margin`` twips left and
        right inside each cell."""
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # a fixed layout
        oxml.set_table_width(table_properties(table), sum(widths), cell_margin=cell_margin)
        for column, width_twips in zip(table.columns, widths, strict=False):
            column.width = Twips(width_twips)
        for row in table.rows:
            for cell, width_twips in zip(row.cells, widths, strict=False):
                cell.width = Twips(width_twips)


def table_properties(table: Any) -> Any:
    """The ``w:tblPr`` of a python-docx table (python-docx has no public route to the table's
    width, borders or cell margins)."""
    return table._tbl.tblPr
