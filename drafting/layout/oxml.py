"""Small OOXML element helpers for what python-docx does not expose.

Each function makes or sets one thing (the document grid, eastAsia fonts, a PAGE field,
paragraph borders, a frame) and keeps children in schema order, since Word refuses
files whose ``w:pPr``/``w:rPr``/``w:sectPr`` children are out of order.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
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
    import copy

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
