"""What a .docx is made of, for the layout checks: every paragraph (numbered as findings number
them) with its part of the 公文, its region (body, table cell, text box), its effective format
and the shapes anchored in it; the sections with their page setup and page numbers.

Parts come from the anatomy reader (:func:`drafting.anatomy.reader.read_parts`) over the
paragraphs' text; a document written with this project's named styles (``公文标题``, ``正文``
…, see :mod:`drafting.layout.styles`) gives them by style. Table cells take part in the reading
only where they hold the 版记 (抄送, 印发), which WPS templates often put in a table; text boxes
not at all (what is in them cannot be placed on the page from the XML).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from drafting.anatomy.parts import Part
from drafting.anatomy.reader import Anatomy, read_parts
from drafting.errors import InputError
from drafting.lint.docx_layout.ooxml import EMU_PER_MM, local, number, outside_fallback, q, w
from drafting.lint.docx_layout.page import Section, even_and_odd, read_sections
from drafting.lint.docx_layout.resolve import Formatter, ParaFormat, TextRun
from drafting.sources.docx_text import numbered_elements, paragraph_text

#: The builder's paragraph styles (drafting.layout.styles) and the part each one marks.
BUILDER_PARTS: dict[str, Part] = {
    "份号": Part.COPY_NUMBER,
    "密级和保密期限": Part.CLASSIFICATION,
    "紧急程度": Part.URGENCY,
    "发文机关标志": Part.ORGAN_MARK,
    "发文字号": Part.DOC_NUMBER,
    "公文标题": Part.TITLE,
    "作者": Part.BYLINE,
    "主送机关": Part.RECIPIENTS,
    "正文": Part.BODY,
    "一级标题": Part.HEADING1,
    "二级标题": Part.HEADING2,
    "三级标题": Part.HEADING3,
    "四级标题": Part.HEADING4,
    "列表": Part.BODY,
    "表格文字": Part.TABLE,
    "附件说明": Part.ATTACHMENT_NOTE,
    "署名": Part.SIGNATURE,
    "成文日期": Part.DATE,
    "附注": Part.NOTE,
    "附件标识": Part.ATTACHMENT_LABEL,
    "附件标题": Part.CARRIED_TITLE,
    "抄送": Part.CC,
    "印发": Part.PRINTER,
    "页码": Part.OTHER,
}
_COLOPHON_CELL = re.compile(r"^[\s\u3000]*(?:抄\s*送|分\s*送|抄\s*报)\s*[:：]|印\s*发[\s\u3000]*$")
#: Parts a table cell may play (a 版记 or a joint 标志 set in a table); any other is a table.
_TABLE_PARTS = frozenset((Part.CC, Part.PRINTER, Part.BLANK, Part.ORGAN_MARK))
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_VML_COLORS = {"red": "FF0000", "black": "000000", "blue": "0000FF", "white": "FFFFFF"}


@dataclass(frozen=True)
class Shape:
    """A drawing anchored in a paragraph: a picture, a line, a text box or another shape."""

    kind: str  # "picture", "line", "textbox", "shape"
    color: str | None  # the line or outline colour, RRGGBB
    width_mm: float
    height_mm: float


@dataclass(slots=True)
class Para:
    """One paragraph as the layout checks see it."""

    number: int
    element: Any
    text: str
    region: str  # "body", "table", "textbox"
    format: ParaFormat
    runs: list[TextRun]
    section: int
    part: Part = Part.BODY
    new_page: bool = False  # starts a page: a page break before its text, or pageBreakBefore
    shapes: tuple[Shape, ...] | list[Shape] = ()
    _memo: dict[str, Any] | None = None  # what the properties below worked out

    @property
    def content(self) -> str:
        return self.text.strip(" \u3000\t")

    def _weighted(self, name: str, key: Any, chars: re.Pattern[str] | None = None) -> Counter[Any]:
        """How many characters (Chinese ones only, with ``chars``) each ``key(format)`` has."""
        if self._memo is None:
            self._memo = {}
        if name not in self._memo:
            counts: Counter[Any] = Counter()
            for run in self.runs:
                if run.format.hidden:
                    continue
                amount = len(chars.findall(run.text)) if chars else len(run.text.strip())
                if amount:
                    counts[key(run.format)] += amount
            self._memo[name] = counts
        return self._memo[name]

    @property
    def faces(self) -> Counter[str | None]:
        return self._weighted("faces", lambda f: f.east_asia, _CJK)

    @property
    def face(self) -> str | None:
        """The East Asian face most of its Chinese characters are set in."""
        counts = self.faces
        return counts.most_common(1)[0][0] if counts else None

    @property
    def size(self) -> float:
        """The size most of its characters are set in (the paragraph mark's when empty)."""
        counts = self._weighted("sizes", lambda f: f.size)
        return counts.most_common(1)[0][0] if counts else self.format.mark_size

    @property
    def spacing(self) -> float:
        counts = self._weighted("spacings", lambda f: f.spacing)
        return counts.most_common(1)[0][0] if counts else 0.0

    @property
    def bold(self) -> bool:
        counts = self._weighted("bold", lambda f: f.bold, _CJK)
        return bool(counts) and counts[True] > counts[False]

    @property
    def colors(self) -> Counter[str]:
        return self._weighted("colors", lambda f: f.color)


@dataclass
class DocFacts:
    """Every paragraph and section of one .docx, and what the document is."""

    paragraphs: list[Para]
    sections: list[Section]
    even_odd: bool
    formatter: Formatter
    anatomy: Anatomy
    builder_styled: bool
    default_tab: float = 420.0
    normal_size: float = 10.5

    def section_of(self, para: Para) -> Section:
        return self.sections[min(para.section, len(self.sections) - 1)]

    def parts(self, *parts: Part, region: str | None = "body") -> list[Para]:
        """The non-empty paragraphs that are one of ``parts`` (in ``region``; any when None)."""
        found = sorted(
            (p for part in parts for p in self._by_part.get(part, ())), key=lambda p: p.number
        )
        return [p for p in found if region is None or p.region == region]

    @cached_property
    def _by_part(self) -> dict[Part, list[Para]]:
        index: dict[Part, list[Para]] = {}
        for para in self.paragraphs:
            if para.content:
                index.setdefault(para.part, []).append(para)
        return index

    def first(self, part: Part) -> Para | None:
        found = self.parts(part, region=None)
        return found[0] if found else None

    def by_number(self, number: int) -> Para | None:
        index = number - 1
        return self.paragraphs[index] if 0 <= index < len(self.paragraphs) else None

    def anchor(self, section: Section) -> int:
        """The paragraph a finding about ``section``'s page points at: its first with text."""
        for para in self.paragraphs[section.first - 1 : section.last]:
            if para.content:
                return para.number
        return section.first

    @cached_property
    def letter(self) -> bool:
        """信函格式: the 标志 in a frame anchored on the page (30 mm from its top edge), or red
        double lines."""
        for para in self.paragraphs[:12]:
            frame = para.format.frame or {}
            if para.part is Part.ORGAN_MARK and frame.get("vAnchor") == "page":
                return True
            for border in para.format.borders.values():
                if "Gap" in border.get("val", "") and border.get("color", "").upper() != "000000":
                    return True
        return False


def open_document(data: bytes, path: str = "") -> Any:
    """A python-docx ``Document`` from the bytes of a .docx (checked by the reader before)."""
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise InputError(
            f"无法解析 .docx（{type(exc).__name__}）；文件可能已损坏", path=path or None
        ) from None


def read_facts(document: Any, numbered: list[tuple[int, Any]] | None = None) -> DocFacts:
    """The layout facts of a python-docx ``document`` (whose ``numbered`` paragraphs, as
    ``(number, w:p)`` pairs, the caller may have read already)."""
    formatter = Formatter(document)
    paragraphs: list[Para] = []
    ends: list[int] = []
    section = 0
    previous_breaks = False
    body = document.element.body
    if numbered is None:
        numbered = [(number, p) for number, p, _ in numbered_elements(document)]
    for number_, p in numbered:
        fmt = formatter.paragraph(p)
        region = "body" if p.getparent() is body else _region(p)
        if len(p) == 0 or (len(p) == 1 and p[0].tag == _PPR):  # no runs: only its place
            para = Para(number_, p, "", region, fmt, _NO_RUNS, section)
        else:
            text = paragraph_text(p).replace("\r", "").replace("\n", " ").replace("\v", " ")
            para = Para(number_, p, text, region, fmt, formatter.runs(p, fmt.style_id), section)
            para.shapes = _shapes(p)
        paragraphs.append(para)
        if region != "body":
            continue
        has_runs = bool(para.runs) or len(p) > 1
        para.new_page = fmt.page_break_before or previous_breaks or (has_runs and _break_first(p))
        previous_breaks = has_runs and _break_last(p)
        if _section_break(p):
            ends.append(number_)
            previous_breaks = previous_breaks or _new_page_section(p)
            section += 1
    sections = read_sections(document, formatter, ends, len(paragraphs))
    for para in paragraphs:
        para.section = min(para.section, len(sections) - 1)
    builder = _builder_styled(paragraphs)
    anatomy = _anatomy(paragraphs, builder)
    for para, part in zip(paragraphs, anatomy.parts, strict=False):
        para.part = part
        if para.region == "table" and part not in _TABLE_PARTS:
            para.part = Part.TABLE
        elif para.region == "textbox" and part is not Part.BLANK:
            para.part = Part.OTHER
    return DocFacts(
        paragraphs,
        sections,
        even_and_odd(document),
        formatter,
        anatomy,
        builder,
        default_tab=_default_tab(document),
        normal_size=formatter.run_format(None, formatter.default_style, None).size,
    )


_PPR, _SECTPR = w("pPr"), w("sectPr")
_NO_RUNS: list[TextRun] = []  # shared by every paragraph without runs (never changed)


def _section_break(p: Any) -> bool:
    """Whether ``p`` ends a section (its ``w:pPr``, always its first child, holds one)."""
    return len(p) > 0 and p[0].tag == _PPR and p[0].find(_SECTPR) is not None


def _new_page_section(p: Any) -> bool:
    """Whether the section ending at ``p`` is followed by one starting on a new page."""
    kind = p.find(_PPR).find(w("sectPr")).find(w("type"))
    return kind is None or kind.get(w("val")) in (None, "nextPage", "oddPage", "evenPage")


def _region(p: Any) -> str:
    for ancestor in p.iterancestors():
        name = local(ancestor)
        if name == "txbxContent":
            return "textbox"
        if name == "tc":
            return "table"
    return "body"


def _builder_styled(paragraphs: list[Para]) -> bool:
    """Whether the document was written with this project's named styles: most paragraphs
    with text carry one of them, the body style among them."""
    texts = [p for p in paragraphs if p.content and p.region == "body"]
    styled = [p for p in texts if p.format.style_name in BUILDER_PARTS]
    used = {p.format.style_name for p in styled}
    return bool(texts) and "正文" in used | {"公文标题"} and len(styled) >= 0.8 * len(texts)


def _anatomy(paragraphs: list[Para], builder: bool) -> Anatomy:
    texts: list[str] = []
    for para in paragraphs:
        if para.region == "textbox":
            texts.append("")
        elif para.region == "table":
            texts.append(para.text if _COLOPHON_CELL.search(para.text) else "")
        else:
            texts.append(para.text)
    hints = None
    if builder:
        hints = [
            BUILDER_PARTS.get(p.format.style_name) if p.region != "textbox" else None
            for p in paragraphs
        ]
    return read_parts(texts, hints)


def _break_first(p: Any) -> bool:
    """A page break before the paragraph's first character."""
    for run in p.iter(w("r")):
        for child in run:
            if child.tag == w("br") and child.get(w("type")) == "page":
                return True
            if child.tag == w("t") and (child.text or "").strip():
                return False
    return False


def _break_last(p: Any) -> bool:
    """A page break after the paragraph's last character (the next paragraph starts a page)."""
    found = False
    for run in p.iter(w("r")):
        for child in run:
            if child.tag == w("br") and child.get(w("type")) == "page":
                found = True
            elif child.tag == w("t") and (child.text or "").strip():
                found = False
    return found and bool(paragraph_text(p).strip())


def _shapes(p: Any) -> list[Shape]:
    shapes: list[Shape] = []
    for drawing in p.iter(w("drawing")):
        if not outside_fallback(drawing) or _nested_in_text_box(drawing, p):
            continue
        shapes.append(_drawingml(drawing))
    for pict in p.iter(w("pict")):
        if outside_fallback(pict) and not _nested_in_text_box(pict, p):
            shapes.extend(_vml(pict))
    return shapes


def _nested_in_text_box(element: Any, p: Any) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not p:
        if local(parent) == "txbxContent":
            return True
        parent = parent.getparent()
    return False


def _drawingml(drawing: Any) -> Shape:
    extent = drawing.find(f".//{q('wp:extent')}")
    width = number(extent.get("cx")) / EMU_PER_MM if extent is not None else 0.0
    height = number(extent.get("cy")) / EMU_PER_MM if extent is not None else 0.0
    if drawing.find(".//{http://schemas.openxmlformats.org/drawingml/2006/picture}pic") is not None:
        return Shape("picture", None, width, height)
    shape = drawing.find(f".//{q('wps:wsp')}")
    if shape is None:
        return Shape("shape", None, width, height)
    geometry = shape.find(f".//{q('a:prstGeom')}")
    prst = geometry.get("prst", "") if geometry is not None else ""
    outline = shape.find(f".//{q('a:ln')}")
    color = None
    if outline is not None:
        rgb = outline.find(f".//{q('a:srgbClr')}")
        if rgb is not None:
            color = rgb.get("val", "").upper() or None
        elif outline.find(q("a:noFill")) is not None:
            color = None
    if shape.find(f".//{q('wps:txbx')}") is not None:
        kind = "textbox"
    elif prst in ("line", "straightConnector1") or min(width, height) < 1.0:
        kind = "line"
    else:
        kind = "shape"
    return Shape(kind, color, width, height)


def _vml(pict: Any) -> list[Shape]:
    shapes = []
    for element in pict:
        name = local(element)
        if name not in ("line", "shape", "rect", "roundrect", "oval"):
            continue
        color = element.get("strokecolor") or element.get("fillcolor")
        if color:
            color = color.strip().lstrip("#").split(" ")[0]
            color = _VML_COLORS.get(color.lower(), color).upper()
            if len(color) == 3:
                color = "".join(ch * 2 for ch in color)
        width, height = _vml_size(element)
        if element.find(f".//{q('v:textbox')}") is not None:
            kind = "textbox"
        elif name == "line" or (height < 1.0 and width > 10):
            kind = "line"
        elif element.find(f".//{q('v:imagedata')}") is not None:
            kind = "picture"
        else:
            kind = "shape"
        if name == "line":
            start = _vml_point(element.get("from", "0,0"))
            end = _vml_point(element.get("to", "0,0"))
            width, height = abs(end[0] - start[0]), abs(end[1] - start[1])
        shapes.append(Shape(kind, color, width, height))
    return shapes


_LENGTH = re.compile(r"(-?[\d.]+)\s*(pt|mm|cm|in|px)?")
_UNIT_MM = {"pt": 25.4 / 72, "mm": 1.0, "cm": 10.0, "in": 25.4, "px": 25.4 / 96, None: 25.4 / 72}


def _vml_length(value: str) -> float:
    match = _LENGTH.match(value.strip())
    if not match:
        return 0.0
    return float(match.group(1)) * _UNIT_MM[match.group(2)]


def _vml_size(element: Any) -> tuple[float, float]:
    style = dict(
        item.split(":", 1) for item in (element.get("style") or "").split(";") if ":" in item
    )
    return _vml_length(style.get("width", "0")), _vml_length(style.get("height", "0"))


def _vml_point(value: str) -> tuple[float, float]:
    parts = [*(_vml_length(item) for item in value.split(",")[:2]), 0.0, 0.0]
    return parts[0], parts[1]


def _default_tab(document: Any) -> float:
    settings = document.settings.element
    tab = settings.find(w("defaultTabStop"))
    return number(tab.get(w("val")) if tab is not None else None, 420.0) or 420.0
