"""Page setup of a .docx: sections (paper, margins, document grid) and their footers' page
numbers, read from ``w:sectPr``, the footer parts and ``w:evenAndOddHeaders``.

A section without a footer reference of some type inherits that footer from the section
before it, as Word does. A page number is the paragraph holding a ``PAGE`` field (complex or
simple, in the footer or in a text box in it); its text is written with ``{n}`` where the
number goes (``— {n} —``), the section's number format applied (``numberInDash`` prints
``- 1 -``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from drafting.lint.docx_layout.ooxml import local, number, on, q, w
from drafting.lint.docx_layout.resolve import Formatter, ParaFormat, RunFormat
from drafting.sources.docx_text import TEXT_TAGS, child_text

FOOTER_KINDS = ("default", "even", "first")
_PAGE = re.compile(r"^\s*PAGE\b", re.IGNORECASE)
_NUMPAGES = re.compile(r"^\s*(?:NUMPAGES|SECTIONPAGES)\b", re.IGNORECASE)
_ROMAN = re.compile(r"\\\*\s*roman", re.IGNORECASE)


@dataclass(frozen=True)
class PageNumber:
    """The page-number paragraph of a footer."""

    pattern: str  # the printed text with {n} for the number, e.g. "— {n} —"
    format: ParaFormat
    run: RunFormat | None  # the format of the number itself
    in_text_box: bool = False
    tabbed: bool = False  # placed with tab stops: its side cannot be told from the XML

    @property
    def printed(self) -> str:
        """What page 1 shows (``— 1 —``)."""
        return self.pattern.replace("{n}", "1").replace("{N}", "1").replace("{i}", "i")


@dataclass(frozen=True)
class Footer:
    """One footer part: its page number (if any) and the text of its other paragraphs."""

    kind: str
    number: PageNumber | None
    texts: tuple[str, ...] = ()
    height_below_number: float = 0.0  # twips from the number's line top to the footer bottom


@dataclass
class Section:
    """One section's page: sizes in twips, the document grid, the footers in force."""

    index: int
    first: int  # number of its first paragraph (1-based, as findings number them)
    last: int
    width: float
    height: float
    top: float
    left: float
    bottom: float
    right: float
    header_distance: float
    footer_distance: float
    gutter: float
    landscape: bool
    grid_type: str  # "none", "lines", "linesAndChars", "snapToChars"
    line_pitch: float | None
    char_space: float | None
    title_page: bool
    page_format: str | None
    footers: dict[str, Footer | None] = field(default_factory=dict)

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right - self.gutter

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


def read_sections(
    document: Any, formatter: Formatter, ends: list[int], count: int
) -> list[Section]:
    """The sections of ``document``; ``ends`` are the numbers of the paragraphs carrying a
    section's ``w:sectPr`` (the last section ends at paragraph ``count``)."""
    body = document.element.body
    properties = [sect for sect in body.iter(w("sectPr")) if sect.getparent().tag == w("pPr")]
    final = body.find(w("sectPr"))
    if final is not None:
        properties.append(final)
    boundaries = [*ends[: len(properties) - 1], count]
    sections: list[Section] = []
    inherited: dict[str, Footer | None] = dict.fromkeys(FOOTER_KINDS)
    first = 1
    for index, sect in enumerate(properties):
        last = boundaries[index] if index < len(boundaries) else count
        section = _section(index, sect, first, last)
        for ref in sect.iterchildren(w("footerReference")):
            kind = ref.get(w("type"), "default")
            part = _related(document, ref.get(q("r:id")))
            inherited[kind] = _footer(kind, part, formatter, section) if part is not None else None
        section.footers = dict(inherited)
        sections.append(section)
        first = last + 1
    return sections


def _section(index: int, sect: Any, first: int, last: int) -> Section:
    size = sect.find(w("pgSz"))
    margins = sect.find(w("pgMar"))
    grid = sect.find(w("docGrid"))
    numbering = sect.find(w("pgNumType"))

    def get(element: Any | None, name: str, default: float) -> float:
        return number(element.get(w(name)) if element is not None else None, default)

    width, height = get(size, "w", 11906), get(size, "h", 16838)
    grid_type = grid.get(w("type"), "default") if grid is not None else "none"
    return Section(
        index=index,
        first=first,
        last=last,
        width=width,
        height=height,
        top=abs(get(margins, "top", 1440)),
        left=get(margins, "left", 1800),
        bottom=abs(get(margins, "bottom", 1440)),
        right=get(margins, "right", 1800),
        header_distance=get(margins, "header", 720),
        footer_distance=get(margins, "footer", 720),
        gutter=get(margins, "gutter", 0),
        landscape=(size is not None and size.get(w("orient")) == "landscape") or width > height,
        grid_type="none" if grid_type == "default" else grid_type,
        line_pitch=get(grid, "linePitch", 0) or None,
        char_space=_signed(get(grid, "charSpace", 0)) if grid is not None else None,
        title_page=on(sect.find(w("titlePg")).get(w("val")))
        if sect.find(w("titlePg")) is not None
        else False,
        page_format=numbering.get(w("fmt")) if numbering is not None else None,
    )


def _signed(value: float) -> float:
    """A 32-bit value written unsigned (LibreOffice writes ``charSpace="-1025"`` as
    ``4294966271``) read as the signed number it is."""
    return value - 2**32 if value >= 2**31 else value


def _related(document: Any, rel_id: str | None) -> Any | None:
    if not rel_id:
        return None
    try:
        return document.part.related_parts[rel_id]
    except KeyError:
        return None


def _footer(kind: str, part: Any, formatter: Formatter, section: Section) -> Footer:
    """The page number and other text of one footer part."""
    root = part.element
    number_found: PageNumber | None = None
    texts: list[str] = []
    heights: list[float] = []
    at = None
    for p in root.iter(w("p")):
        if p.find(f".//{w('txbxContent')}") is not None:
            continue  # the paragraph anchoring a text box: its boxes' paragraphs are read
        in_box = any(local(a) == "txbxContent" for a in p.iterancestors())
        if in_box and not _outside_fallback(p):
            continue
        pattern, tabbed = field_pattern(p, section.page_format)
        fmt = formatter.paragraph(p)
        if "{n}" in pattern and number_found is None:
            number_found = PageNumber(
                pattern, fmt, _number_run(p, formatter, fmt), in_box, tabbed or "\t" in pattern
            )
            at = len(heights)
        elif pattern.strip():
            texts.append(pattern.strip())
        if not in_box:
            heights.append(_height(fmt, _size(p, formatter, fmt)))
    below = sum(heights[at:]) if at is not None and not number_found.in_text_box else 0.0
    return Footer(kind, number_found, tuple(texts), below)


def _outside_fallback(element: Any) -> bool:
    return not any(local(a) == "Fallback" for a in element.iterancestors())


def _size(p: Any, formatter: Formatter, fmt: ParaFormat) -> float:
    runs = formatter.runs(p)
    return max((run.format.size for run in runs), default=fmt.mark_size)


def _height(fmt: ParaFormat, size: float) -> float:
    """An estimate of a footer paragraph's height in twips (one line)."""
    natural = size * 20 * 1.3
    if fmt.line_rule == "exact" and fmt.line:
        line = fmt.line
    elif fmt.line_rule == "atLeast" and fmt.line:
        line = max(fmt.line, natural)
    else:
        line = natural * ((fmt.line or 240) / 240)
    return fmt.before + line + fmt.after


def _number_run(p: Any, formatter: Formatter, fmt: ParaFormat) -> RunFormat | None:
    """The format of the page number's characters: the first run of a PAGE field result, or
    of the field's begin run, or the paragraph's first run."""
    runs = list(p.iter(w("r")))
    chosen = None
    for index, run in enumerate(runs):
        instr = run.find(w("instrText"))
        if instr is not None and _PAGE.match(instr.text or ""):
            chosen = run
            for later in runs[index + 1 :]:
                if later.find(w("t")) is not None:
                    chosen = later
                    break
            break
    if chosen is None:
        simple = p.find(f".//{w('fldSimple')}")
        chosen = simple.find(f".//{w('r')}") if simple is not None else None
    if chosen is None:
        chosen = runs[0] if runs else None
    if chosen is None:
        return None
    rpr = chosen.find(w("rPr"))
    style = (
        rpr.find(w("rStyle")).get(w("val"))
        if rpr is not None and rpr.find(w("rStyle")) is not None
        else None
    )
    return formatter.run_format(rpr, fmt.style_id, style)


def field_pattern(p: Any, page_format: str | None = None) -> tuple[str, bool]:
    """The text ``p`` prints with ``{n}`` for a PAGE field (``{N}`` for NUMPAGES, ``{i}`` for a
    roman PAGE), and whether a tab precedes the number."""
    out: list[str] = []
    stack: list[dict[str, Any]] = []
    number = "- {n} -" if page_format == "numberInDash" else "{n}"
    for element in p.iter(w("r"), w("fldSimple")):
        if any(local(a) in ("del", "moveFrom") for a in element.iterancestors()):
            continue
        if element.tag == w("fldSimple"):
            out.append(_placeholder(element.get(w("instr"), ""), number))
            continue
        if any(a.tag == w("fldSimple") for a in element.iterancestors()):
            continue  # the cached result of a simple field, printed by its placeholder
        for child in element:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    stack.append({"instr": "", "result": False})
                elif kind == "separate" and stack:
                    stack[-1]["result"] = True
                    out.append(_placeholder(stack[-1]["instr"], number))
                elif kind == "end" and stack:
                    field_state = stack.pop()
                    if not field_state["result"]:
                        out.append(_placeholder(field_state["instr"], number))
            elif tag == w("instrText") and stack:
                stack[-1]["instr"] += child.text or ""
            elif tag in TEXT_TAGS:
                if stack and (not stack[-1]["result"] or _placeholder(stack[-1]["instr"], "x")):
                    continue  # instruction text, or the cached result of a number field
                out.append(child_text(child))
    text = "".join(out)
    index = text.find("{n}")
    return text, index > 0 and "\t" in text[:index]


def _placeholder(instruction: str, number: str) -> str:
    if _PAGE.match(instruction):
        return "{i}" if _ROMAN.search(instruction) else number
    if _NUMPAGES.match(instruction):
        return "{N}"
    return ""


def even_and_odd(document: Any) -> bool:
    """Whether the document has different odd and even page headers and footers."""
    try:
        return bool(document.settings.odd_and_even_pages_header_footer)
    except Exception:  # a settings part python-docx cannot read
        return False
