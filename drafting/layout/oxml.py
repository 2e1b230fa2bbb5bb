"""The OOXML the 公文 format needs beyond python-docx's proxies: declared once, the python-docx
way, and written by small helpers named for what they make.

python-docx keeps XML details in element classes that declare their children
(``ZeroOrOne("w:jc", successors=...)``), so a child is always inserted in schema order. The
children it leaves undeclared (a paragraph's frame, borders, grid snapping and CJK punctuation
flags; a run's character spacing, complex-script size and language; a section's document grid;
a table's width, borders and cell margins; the sides of a paragraph border) are declared here
the same way, on subclasses registered for the same tags (:func:`register_element_cls`), with
each parent's child sequence taken from the schema (ECMA-376 Part 1, §17) as python-docx does.

The helpers set one thing each: eastAsia fonts, sizes, flags, spacing, borders, a frame, tab
stops, a PAGE field, the document grid, a text box. Alignment, indents, cell widths and
vertical alignment go through python-docx's own proxies (``paragraph_format``, ``cell``).
Attribute values are written as text where python-docx's typed attributes would write other
bytes (an on/off flag as ``w:val="1"`` rather than no value; spacing that may be negative).
"""

from __future__ import annotations

import copy
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml, register_element_cls
from docx.oxml.ns import qn
from docx.oxml.section import CT_SectPr as _CT_SectPr
from docx.oxml.table import CT_TblPr as _CT_TblPr
from docx.oxml.text.font import CT_RPr as _CT_RPr
from docx.oxml.text.parfmt import CT_PPr as _CT_PPr
from docx.oxml.xmlchemy import BaseOxmlElement, ZeroOrOne
from docx.shared import Twips


class CT_PPr(_CT_PPr):
    """``w:pPr`` with the children python-docx leaves undeclared."""

    _tag_seq = (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    )  # fmt: skip
    framePr = ZeroOrOne("w:framePr", successors=_tag_seq[5:])
    pBdr = ZeroOrOne("w:pBdr", successors=_tag_seq[9:])
    overflowPunct = ZeroOrOne("w:overflowPunct", successors=_tag_seq[15:])
    autoSpaceDE = ZeroOrOne("w:autoSpaceDE", successors=_tag_seq[17:])
    autoSpaceDN = ZeroOrOne("w:autoSpaceDN", successors=_tag_seq[18:])
    snapToGrid = ZeroOrOne("w:snapToGrid", successors=_tag_seq[21:])
    del _tag_seq


class CT_RPr(_CT_RPr):
    """``w:rPr`` with character spacing, complex-script size and language declared."""

    _tag_seq = (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
        "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
        "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
        "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath",
    )  # fmt: skip
    spacing = ZeroOrOne("w:spacing", successors=_tag_seq[20:])
    w = ZeroOrOne("w:w", successors=_tag_seq[21:])
    szCs = ZeroOrOne("w:szCs", successors=_tag_seq[25:])
    lang = ZeroOrOne("w:lang", successors=_tag_seq[36:])
    del _tag_seq


class CT_SectPr(_CT_SectPr):
    """``w:sectPr`` with the document grid declared."""

    _tag_seq = (
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
        "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
        "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
        "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
    )  # fmt: skip
    docGrid = ZeroOrOne("w:docGrid", successors=_tag_seq[20:])
    del _tag_seq


class CT_TblPr(_CT_TblPr):
    """``w:tblPr`` with the table's width, borders and cell margins declared."""

    _tag_seq = (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange",
    )  # fmt: skip
    tblpPr = ZeroOrOne("w:tblpPr", successors=_tag_seq[2:])
    tblOverlap = ZeroOrOne("w:tblOverlap", successors=_tag_seq[3:])
    tblW = ZeroOrOne("w:tblW", successors=_tag_seq[7:])
    tblBorders = ZeroOrOne("w:tblBorders", successors=_tag_seq[11:])
    tblCellMar = ZeroOrOne("w:tblCellMar", successors=_tag_seq[14:])
    del _tag_seq


class CT_PBdr(BaseOxmlElement):
    """``w:pBdr``: the lines on the sides of a paragraph."""

    _tag_seq = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")
    top = ZeroOrOne("w:top", successors=_tag_seq[1:])
    left = ZeroOrOne("w:left", successors=_tag_seq[2:])
    bottom = ZeroOrOne("w:bottom", successors=_tag_seq[3:])
    right = ZeroOrOne("w:right", successors=_tag_seq[4:])
    between = ZeroOrOne("w:between", successors=_tag_seq[5:])
    bar = ZeroOrOne("w:bar", successors=_tag_seq[6:])
    del _tag_seq


register_element_cls("w:pPr", CT_PPr)
register_element_cls("w:rPr", CT_RPr)
register_element_cls("w:sectPr", CT_SectPr)
register_element_cls("w:tblPr", CT_TblPr)
register_element_cls("w:pBdr", CT_PBdr)

_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "distribute": WD_ALIGN_PARAGRAPH.DISTRIBUTE,
}


def _set(element: Any, **attrs: str | int) -> Any:
    """``element`` with its ``w:`` attributes ``attrs`` set, as text, in the order given."""
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def child(parent: Any, name: str, **attrs: str | int) -> Any:
    """The ``w:name`` child of ``parent``, added where missing in schema order by the
    ``get_or_add_`` method its element class declares (python-docx's or ours above), with
    ``attrs`` set as text. (For code that edits a document it did not build: the corrected copy
    of a clerk's .docx, test fixtures.)"""
    return _set(getattr(parent, f"get_or_add_{name}")(), **attrs)


def remove(parent: Any, name: str) -> None:
    """Remove the ``w:name`` child of ``parent``, if any (its class's ``_remove_`` method)."""
    getattr(parent, f"_remove_{name}")()


def paragraph_format(ppr: Any) -> Any:
    """python-docx's ``ParagraphFormat`` over the paragraph or style that holds ``ppr``: the
    proxy :func:`set_indent` and :func:`set_justification` write through."""
    from docx.text.parfmt import ParagraphFormat

    return ParagraphFormat(ppr.getparent())


# -- run properties ---------------------------------------------------------------------------
def set_fonts(rpr: Any, east_asia: str, latin: str) -> None:
    """Name the face for every script: ``eastAsia`` for CJK, ``ascii``/``hAnsi``/``cs`` for
    Latin; theme attributes are cleared so no theme pulls CJK text into another face."""
    fonts = rpr.get_or_add_rFonts()
    for key in list(fonts.attrib):
        if key.endswith("Theme"):
            del fonts.attrib[key]
    _set(fonts, ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia, hint="eastAsia")


def set_size(rpr: Any, size_pt: float) -> None:
    half_points = str(round(size_pt * 2))
    _set(rpr.get_or_add_sz(), val=half_points)
    _set(rpr.get_or_add_szCs(), val=half_points)


def set_color(rpr: Any, color: str) -> None:
    _set(rpr.get_or_add_color(), val=color)


def set_bold(rpr: Any, bold: bool = True) -> None:
    _set(rpr.get_or_add_b(), val="1" if bold else "0")
    _set(rpr.get_or_add_bCs(), val="1" if bold else "0")


def set_char_spacing(rpr: Any, twips: int) -> None:
    """``w:spacing``: added to every character's advance, in twentieths of a point."""
    _set(rpr.get_or_add_spacing(), val=twips)


def set_char_scale(rpr: Any, percent: int) -> None:
    """``w:w``: characters condensed (or widened) to ``percent`` of their width."""
    _set(rpr.get_or_add_w(), val=percent)


def set_lang(rpr: Any) -> None:
    _set(rpr.get_or_add_lang(), val="en-US", eastAsia="zh-CN", bidi="ar-SA")


# -- paragraph properties ---------------------------------------------------------------------
def set_justification(paragraph_format: Any, value: str) -> None:
    """``left``, ``center``, ``right``, ``both`` or ``distribute``, through python-docx's
    ``ParagraphFormat`` (of a paragraph or a style)."""
    paragraph_format.alignment = _ALIGNMENTS[value]


def set_indent(
    paragraph_format: Any, *, left: int = 0, right: int = 0, first_line: int = 0
) -> None:
    """Indents in twips, through python-docx's ``ParagraphFormat``; a negative ``first_line``
    is a hanging indent."""
    paragraph_format.left_indent = Twips(left)
    paragraph_format.right_indent = Twips(right)
    paragraph_format.first_line_indent = Twips(first_line)


def set_spacing(
    ppr: Any,
    *,
    before: int = 0,
    after: int = 0,
    line: int | None = None,
    rule: str = "auto",
) -> None:
    """Space before/after in twips; ``line`` in twips (``exact``) or 240ths (``auto``)."""
    attrs: dict[str, str | int] = {"before": before, "after": after}
    if line is not None:
        attrs.update(line=line, lineRule=rule)
    _set(ppr.get_or_add_spacing(), **attrs)


def set_snap_to_grid(ppr: Any, snap: bool) -> None:
    _set(ppr.get_or_add_snapToGrid(), val="1" if snap else "0")


def set_outline_level(ppr: Any, level: int) -> None:
    """0-based outline level, so Word's navigation pane lists the heading."""
    _set(ppr.get_or_add_outlineLvl(), val=level)


def set_flag(ppr: Any, name: str, on: bool = True) -> None:
    """On/off paragraph flags: ``keepNext``, ``pageBreakBefore``, ``widowControl``,
    ``overflowPunct``, ``autoSpaceDE``, ``autoSpaceDN``."""
    _set(getattr(ppr, f"get_or_add_{name}")(), val="1" if on else "0")


def add_tab(ppr: Any, position: int, alignment: str = "left") -> None:
    tab = OxmlElement("w:tab")
    ppr.get_or_add_tabs().append(_set(tab, val=alignment, pos=position))


def set_border(
    ppr: Any,
    side: str,
    *,
    width_eighths: int,
    color: str,
    space_pt: int = 0,
    style: str = "single",
) -> None:
    """A line on ``side`` of the paragraph (``top``/``bottom``/``between``), its width in
    eighths of a point and its distance from the text in points; ``style`` is the OOXML
    border value (``single``, or ``thickThinSmallGap``/``thinThickSmallGap`` double lines)."""
    border = getattr(ppr.get_or_add_pBdr(), f"get_or_add_{side}")()
    _set(border, val=style, sz=width_eighths, space=space_pt, color=color)


def set_frame(ppr: Any, width: int, *, y: int | None = None) -> None:
    """Put the paragraph in a frame ``width`` twips wide, centred in the text area, standing
    on its bottom (``y`` None) or ``y`` twips below its top; text flows around it."""
    frame = _set(
        ppr.get_or_add_framePr(),
        w=width,
        wrap="around",
        vAnchor="margin",
        hAnchor="margin",
        xAlign="center",
    )
    if y is None:
        _set(frame, yAlign="bottom")
    else:
        _set(frame, y=y)


def set_page_frame(ppr: Any, width: int, *, y: int) -> None:
    """Put the paragraph in a frame ``width`` twips wide, centred on the page, its top ``y``
    twips below the top edge of the page (the 信函格式's 标志 and double lines); the text
    runs through it (it stands in the top and bottom margins, apart from the 版心 text)."""
    _set(
        ppr.get_or_add_framePr(),
        w=width,
        wrap="none",
        vAnchor="page",
        hAnchor="page",
        xAlign="center",
        y=y,
    )


# -- tables -----------------------------------------------------------------------------------
def set_table_width(tbl_pr: Any, width: int, *, cell_margin: int) -> None:
    """A table ``width`` twips wide, its cells ``cell_margin`` twips in on the left and right."""
    _set(tbl_pr.get_or_add_tblW(), w=width, type="dxa")
    margins = tbl_pr.get_or_add_tblCellMar()
    for side in ("left", "right"):
        found = margins.find(qn(f"w:{side}"))
        if found is None:
            found = OxmlElement(f"w:{side}")
            margins.append(found)
        _set(found, w=cell_margin, type="dxa")


def set_table_borders(tbl_pr: Any, color: str, widths: dict[str, int] | None = None) -> None:
    """Single lines around and between every cell, thin (half a point) by default; with
    ``widths`` (eighths of a point by side: ``top``, ``left``, ``bottom``, ``right``,
    ``insideH``, ``insideV``) only the sides named, the others none."""
    borders = tbl_pr.get_or_add_tblBorders()
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = borders.find(qn(f"w:{side}"))
        if border is None:
            border = OxmlElement(f"w:{side}")
            borders.append(border)
        size = 4 if widths is None else widths.get(side, 0)
        if size:
            _set(border, val="single", sz=size, space=0, color=color)
        else:
            _set(border, val="nil")


def set_table_bottom(tbl_pr: Any, x: int) -> None:
    """Float the table on the bottom of the text area, ``x`` twips from the left edge of the
    page, text kept clear of it (``w:tblpPr`` ``tblpYSpec="bottom"``): it stands there
    whatever height its rows take. (Placed from the page's edge rather than the margin:
    LibreOffice keeps a table as wide as the text area inline unless it is.)"""
    _set(
        tbl_pr.get_or_add_tblpPr(),
        leftFromText=0,
        rightFromText=0,
        topFromText=0,
        bottomFromText=0,
        vertAnchor="margin",
        horzAnchor="page",
        tblpX=x,
        tblpYSpec="bottom",
    )
    _set(tbl_pr.get_or_add_tblOverlap(), val="never")


def keep_row_whole(row: Any, *, header: bool = False) -> None:
    """A table row that does not break across pages (``w:cantSplit``); a ``header`` row is
    repeated at the top of every page the table runs onto (``w:tblHeader``)."""
    trpr = row._tr.get_or_add_trPr()
    for name, wanted in (("cantSplit", True), ("tblHeader", header)):
        if wanted and trpr.find(qn(f"w:{name}")) is None:
            trpr.append(_set(OxmlElement(f"w:{name}"), val="1"))


# -- fields, sections, settings ---------------------------------------------------------------
def field_runs(instruction: str, shown: str, rpr: Any | None = None) -> list[Any]:
    """The five runs of a complex field (begin, instruction, separate, cached result, end)."""
    runs = []
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", shown),
        ("end", None),
    ):
        run = OxmlElement("w:r")
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            node.text = f" {text} "
        elif kind == "text":
            node = OxmlElement("w:t")
            node.text = text
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        run.append(node)
        runs.append(run)
    return runs


def set_doc_grid(sect_pr: Any, line_pitch: int) -> None:
    """A lines-only document grid (``w:type="lines"``): every body line on a ``line_pitch``
    grid. Character spacing comes from the styles, not the grid, so LibreOffice keeps
    28 characters a line (a ``linesAndChars`` grid makes it give each character two cells)."""
    grid = _set(sect_pr.get_or_add_docGrid(), type="lines", linePitch=line_pitch)
    grid.attrib.pop(qn("w:charSpace"), None)


# -- text boxes -------------------------------------------------------------------------------
_EMU_PER_TWIP = 635
_TEXT_BOX_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
_VERTICAL_TEXT_BOX = """<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{z}"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="{wps_uri}"><wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="vert" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"
 anchor="t" anchorCtr="0" upright="0"><a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:rect style="position:absolute;margin-left:{x_pt}pt;margin-top:{y_pt}pt;\
width:{w_pt}pt;height:{h_pt}pt;z-index:{z};mso-position-horizontal-relative:page;\
mso-position-vertical-relative:page;layout-flow:vertical" filled="f" stroked="f">
<v:textbox style="layout-flow:vertical" inset="0,0,0,0"><w:txbxContent/></v:textbox>
</v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def _points(twips: int) -> str:
    return f"{twips / 20:g}"


def vertical_text_box(
    paragraphs: list[Any], *, box: tuple[int, int, int, int], shape_id: int, name: str
) -> Any:
    """A run holding a borderless text box ``box`` = ``(x, y, width, height)`` twips from the
    page's top-left corner, in front of the text without pushing it aside, its ``paragraphs``
    turned a quarter clockwise (``vert``: lines run top to bottom). DrawingML (``wps``) with
    the VML fallback Word writes for readers older than Word 2010."""
    x, y, width, height = box
    ns = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _TEXT_BOX_NS.items())
    xml = _VERTICAL_TEXT_BOX.replace("\n", "").format(
        ns=ns,
        x=x * _EMU_PER_TWIP,
        y=y * _EMU_PER_TWIP,
        cx=width * _EMU_PER_TWIP,
        cy=height * _EMU_PER_TWIP,
        x_pt=_points(x),
        y_pt=_points(y),
        w_pt=_points(width),
        h_pt=_points(height),
        z=251659264 + shape_id,
        id=shape_id,
        name=name,
        wps_uri=_TEXT_BOX_NS["wps"],
    )
    run = parse_xml(xml)
    for content in run.iter(qn("w:txbxContent")):
        for paragraph in paragraphs:
            content.append(copy.deepcopy(paragraph))
    return run
