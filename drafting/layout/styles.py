"""The named Word styles of the 公文 format, one per element, so a writer can restyle them.

The names are :mod:`drafting.zh.roles` (the .docx reader reads roles back from them); this module
gives each its face, size and paragraph properties.

Every style states its East Asian face, size and grid behaviour itself; the theme fonts of
python-docx's default template are cleared from ``styles.xml`` so nothing falls back to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from drafting.layout import oxml
from drafting.layout.profile import FontProfile, LayoutProfile, pt_to_twips
from drafting.zh.roles import (
    ATTACHMENT_LABEL,
    ATTACHMENT_NOTE,
    ATTACHMENT_TITLE,
    AUTHOR,
    BODY,
    CC,
    CLASSIFICATION,
    COPY_NUMBER,
    DATE,
    DOC_NUMBER,
    HEADINGS,
    LIST_ITEM,
    MARK,
    NOTE,
    PAGE_NUMBER,
    PRINTER,
    RECIPIENTS,
    SIGNATURE,
    TABLE_TEXT,
    TITLE,
    URGENCY,
)


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style: face (a :class:`FontProfile` field), size, alignment, indents."""

    name: str
    face: str = "fangsong"
    size: str = "body_size_pt"  # a LayoutProfile field
    bold: bool = False
    red: bool = False
    jc: str = "both"
    first_line_chars: float = 0
    grid: bool = True  # snap to the line grid (body text); header/title use exact lines
    outline: int | None = None
    #: Kept with the next paragraph (headings, 署名 and 附件说明): a heading never stands
    #: alone at the foot of a page, the signature block never on a page of its own. A page
    #: whose last line would be a heading holds 21 lines.
    keep_next: bool = False
    #: Off the grid, one exact line of the style's own size rather than of the grid pitch:
    #: the page number, whose dash ``footer_distance_twips`` puts 7 mm below the 版心 and
    #: which no renderer can then set higher or lower inside a taller line.
    tight: bool = False
    #: Off the grid on exact lines of its own size × ``table_line_factor`` (table text: rows
    #: as high as their type, not a body line each).
    own_line: bool = False


SPECS = (
    StyleSpec(COPY_NUMBER, face="latin", jc="left", grid=False),
    StyleSpec(CLASSIFICATION, face="heiti", jc="left", grid=False),
    StyleSpec(URGENCY, face="heiti", jc="left", grid=False),
    StyleSpec(MARK, face="xiaobiaosong", size="mark_size_pt", red=True, jc="center", grid=False),
    StyleSpec(DOC_NUMBER, jc="center", grid=False),
    StyleSpec(TITLE, face="xiaobiaosong", size="title_size_pt", jc="center", grid=False),
    StyleSpec(AUTHOR, face="kaiti", jc="center"),
    StyleSpec(RECIPIENTS),
    StyleSpec(BODY, first_line_chars=2),
    StyleSpec(HEADINGS[0], face="heiti", first_line_chars=2, outline=0, keep_next=True),
    StyleSpec(HEADINGS[1], face="kaiti", first_line_chars=2, outline=1, keep_next=True),
    StyleSpec(HEADINGS[2], bold=True, first_line_chars=2, outline=2, keep_next=True),
    StyleSpec(HEADINGS[3], first_line_chars=2, outline=3, keep_next=True),
    StyleSpec(LIST_ITEM, first_line_chars=2),
    StyleSpec(TABLE_TEXT, size="table_size_pt", jc="left", grid=False, own_line=True),
    StyleSpec(ATTACHMENT_NOTE, jc="left"),
    StyleSpec(SIGNATURE, jc="right", keep_next=True),
    StyleSpec(DATE, jc="right"),
    StyleSpec(NOTE, first_line_chars=2),
    StyleSpec(ATTACHMENT_LABEL, face="heiti", jc="left"),
    StyleSpec(ATTACHMENT_TITLE, face="xiaobiaosong", size="title_size_pt", jc="center", grid=False),
    StyleSpec(CC, size="colophon_size_pt", jc="left", grid=False),
    StyleSpec(PRINTER, size="colophon_size_pt", jc="left", grid=False),
    StyleSpec(
        PAGE_NUMBER, face="songti", size="page_number_size_pt", jc="left", grid=False, tight=True
    ),
)

SPEC_BY_NAME = {spec.name: spec for spec in SPECS}


def install(document: Any, profile: LayoutProfile, fonts: FontProfile) -> None:
    """Set the document defaults and Normal, then add every style of :data:`SPECS`."""
    styles = document.styles
    _clear_theme_fonts(styles.element, fonts)
    defaults = styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _character(default_rpr, profile, fonts.fangsong, fonts.latin, profile.body_size_pt)
    default_ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    oxml.set_spacing(default_ppr, line=240)

    normal = styles["Normal"]
    _character(
        normal.element.get_or_add_rPr(), profile, fonts.fangsong, fonts.latin, profile.body_size_pt
    )
    ppr = normal.element.get_or_add_pPr()
    oxml.set_flag(ppr, "widowControl", False)  # widow control would leave 21-line pages
    oxml.set_flag(ppr, "overflowPunct", False)  # no punctuation hanging past the 版心
    oxml.set_flag(ppr, "autoSpaceDE", False)  # no extra space between CJK and Latin/digits
    oxml.set_flag(ppr, "autoSpaceDN", False)
    oxml.set_spacing(ppr, line=240)
    oxml.set_justification(normal.paragraph_format, "both")

    for spec in SPECS:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        size = getattr(profile, spec.size)
        rpr = style.element.get_or_add_rPr()
        _character(rpr, profile, getattr(fonts, spec.face), fonts.latin, size)
        if spec.bold:
            oxml.set_bold(rpr)
        oxml.set_color(rpr, profile.red if spec.red else profile.black)
        ppr = style.element.get_or_add_pPr()
        if spec.keep_next:
            oxml.set_flag(ppr, "keepNext")
        line = style_line(spec, profile)
        if line is not None:
            oxml.set_snap_to_grid(ppr, False)
            oxml.set_spacing(ppr, line=line, rule="exact")
        oxml.set_indent(
            style.paragraph_format, first_line=profile.chars_twips(spec.first_line_chars)
        )
        oxml.set_justification(style.paragraph_format, spec.jc)
        if spec.outline is not None:
            oxml.set_outline_level(ppr, spec.outline)


def style_ids(document: Any) -> dict[str, str]:
    """The style id of each style of :data:`SPECS` in ``document``, by name."""
    ids = {style.name: style.style_id for style in document.styles}
    return {spec.name: ids[spec.name] for spec in SPECS}


def style_line(spec: StyleSpec, profile: LayoutProfile) -> int | None:
    """The exact line height of a style kept off the grid; None for one on the grid."""
    if spec.grid:
        return None
    size = getattr(profile, spec.size)
    if spec.tight:
        return pt_to_twips(size)
    if spec.own_line:
        return pt_to_twips(size * profile.table_line_factor)
    return exact_line(profile, size)


def exact_line(profile: LayoutProfile, size_pt: float) -> int:
    """The exact line height of a paragraph kept off the grid: one grid line, or more for
    type larger than 20 pt (the 发文机关标志)."""
    if size_pt <= profile.title_size_pt:
        return profile.line_pitch_twips
    return round(pt_to_twips(size_pt) * profile.mark_line_factor)


def _character(rpr: Any, profile: LayoutProfile, face: str, latin: str, size_pt: float) -> None:
    oxml.set_fonts(rpr, face, latin)
    oxml.set_char_spacing(rpr, profile.char_spacing_twips)
    oxml.set_size(rpr, size_pt)
    oxml.set_lang(rpr)


def _clear_theme_fonts(styles_element: Any, fonts: FontProfile) -> None:
    """No ``*Theme`` font attribute anywhere in styles.xml: East Asian text always names a face."""
    for element in styles_element.iter(qn("w:rFonts")):
        for key in list(element.attrib):
            if key.endswith("heme"):  # asciiTheme, eastAsiaTheme, hAnsiTheme, cstheme
                del element.attrib[key]
        element.set(qn("w:eastAsia"), element.get(qn("w:eastAsia")) or fonts.fangsong)
        element.set(qn("w:ascii"), element.get(qn("w:ascii")) or fonts.latin)
        element.set(qn("w:hAnsi"), element.get(qn("w:hAnsi")) or fonts.latin)
