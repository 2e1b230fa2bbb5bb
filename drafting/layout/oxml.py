"""Small OOXML element helpers for what python-docx does not expose.

Each function makes or sets one thing (the document grid, eastAsia fonts, a PAGE field,
paragraph borders, a frame, a text box) and keeps children in schema order, since Word refuses
files whose ``w:pPr``/``w:rPr``/``w:sectPr`` children are out of order.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
_SECTPR_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]
_TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
]
_TCPR_ORDER = [
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
]
_ORDERS = {
    "pPr": _PPR_ORDER,
    "rPr": _RPR_ORDER,
    "sectPr": _SECTPR_ORDER,
    "tblPr": _TBLPR_ORDER,
    "tcPr": _TCPR_ORDER,
}
_BORDER_ORDER = ("top", "left", "bottom", "right", "between", "bar")


def _local(element: Any) -> str:
    return element.tag.rsplit("}", 1)[-1]


def child(parent: Any, name: str, **attrs: str | int) -> Any:
    """The ``w:name`` child of ``parent`` (created in schema order), with ``attrs`` set."""
    element = parent.find(qn(f"w:{name}"))
    if element is None:
        element = OxmlElement(f"w:{name}")
        order = _ORDERS.get(_local(parent))
        if order and name in order:
            rank = order.index(name)
            for index, sibling in enumerate(parent):
                sibling_name = _local(sibling)
                if sibling_name in order and order.index(sibling_name) > rank:
                    parent.insert(index, element)
                    break
            else:
                parent.append(element)
        else:
            parent.append(element)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def remove(parent: Any, name: str) -> None:
    for element in parent.findall(qn(f"w:{name}")):
        parent.remove(element)


# -- run properties ---------------------------------------------------------------------------
def set_fonts(rpr: Any, east_asia: str, latin: str) -> None:
    """Name the face for every script: ``eastAsia`` for CJK, ``ascii``/``hAnsi``/``cs`` for
    Latin; theme attributes are cleared so no theme pulls CJK text into another face."""
    fonts = child(rpr, "rFonts")
    for key in list(fonts.attrib):
        if key.endswith("Theme"):
            del fonts.attrib[key]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def set_size(rpr: Any, size_pt: float) -> None:
    half_points = str(round(size_pt * 2))
    child(rpr, "sz", val=half_points)
    child(rpr, "szCs", val=half_points)


def set_color(rpr: Any, color: str) -> None:
    child(rpr, "color", val=color)


def set_bold(rpr: Any, bold: bool = True) -> None:
    child(rpr, "b", val="1" if bold else "0")
    child(rpr, "bCs", val="1" if bold else "0")


def set_char_spacing(rpr: Any, twips: int) -> None:
    """``w:spacing``: added to every character's advance, in twentieths of a point."""
    child(rpr, "spacing", val=twips)


def set_lang(rpr: Any) -> None:
    child(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")


# -- paragraph properties ---------------------------------------------------------------------
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
    child(ppr, "spacing", **attrs)


def set_indent(ppr: Any, *, left: int = 0, right: int = 0, first_line: int = 0) -> None:
    """Indents in twips; a negative ``first_line`` is a hanging indent."""
    ind = child(ppr, "ind", left=left, right=right)
    if first_line >= 0:
        ind.set(qn("w:firstLine"), str(first_line))
    else:
        ind.set(qn("w:hanging"), str(-first_line))


def set_snap_to_grid(ppr: Any, snap: bool) -> None:
    child(ppr, "snapToGrid", val="1" if snap else "0")


def set_justification(ppr: Any, value: str) -> None:
    """``left``, ``center``, ``right``, ``both`` or ``distribute``."""
    child(ppr, "jc", val=value)


def set_outline_level(ppr: Any, level: int) -> None:
    """0-based outline level, so Word's navigation pane lists the heading."""
    child(ppr, "outlineLvl", val=level)


def set_flag(ppr: Any, name: str, on: bool = True) -> None:
    """On/off paragraph flags: ``keepNext``, ``keepLines``, ``pageBreakBefore``, …"""
    child(ppr, name, val="1" if on else "0")


def add_tab(ppr: Any, position: int, alignment: str = "left") -> None:
    tabs = child(ppr, "tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), alignment)
    tab.set(qn("w:pos"), str(position))
    tabs.append(tab)


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
    borders = child(ppr, "pBdr")
    border = borders.find(qn(f"w:{side}"))
    if border is None:
        border = OxmlElement(f"w:{side}")
        rank = _BORDER_ORDER.index(side)
        for index, sibling in enumerate(borders):
            if _BORDER_ORDER.index(_local(sibling)) > rank:
                borders.insert(index, border)
                break
        else:
            borders.append(border)
    for key, value in (
        ("val", style),
        ("sz", width_eighths),
        ("space", space_pt),
        ("color", color),
    ):
        border.set(qn(f"w:{key}"), str(value))


def set_frame(ppr: Any, width: int, *, y: int | None = None) -> None:
    """Put the paragraph in a frame ``width`` twips wide, centred in the text area, standing
    on its bottom (``y`` None) or ``y`` twips below its top; text flows around it."""
    frame = child(
        ppr, "framePr", w=width, wrap="around", vAnchor="margin", hAnchor="margin", xAlign="center"
    )
    if y is None:
        frame.set(qn("w:yAlign"), "bottom")
    else:
        frame.set(qn("w:y"), str(y))


def set_page_frame(ppr: Any, width: int, *, y: int) -> None:
    """Put the paragraph in a frame ``width`` twips wide, centred on the page, its top ``y``
    twips below the top edge of the page (the 信函格式's 标志 and double lines); the text
    runs through it (it stands in the top and bottom margins, apart from the 版心 text)."""
    child(
        ppr,
        "framePr",
        w=width,
        wrap="none",
        vAnchor="page",
        hAnchor="page",
        xAlign="center",
        y=y,
    )


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
    grid = child(sect_pr, "docGrid", type="lines", linePitch=line_pitch)
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
