"""Effective formatting of a .docx paragraph and its runs, resolved the way Word resolves it.

Properties come in layers, each overriding the one below:

1. the document defaults (``w:docDefaults``);
2. the paragraph style and the styles it is based on (``w:basedOn``), root first;
3. for indents, the numbering level the paragraph or its style names (``w:numPr``);
4. for runs, the character style and its chain (``w:rStyle``);
5. direct formatting on the paragraph (``w:pPr``) or the run (``w:rPr``).

Within ``w:rFonts``, ``w:ind`` and ``w:spacing`` each attribute is inherited on its own, but a
layer that sets a value in one unit (``firstLine``) drops what a lower layer set in another
(``firstLineChars``), as Word does. Theme fonts (``eastAsiaTheme="minorEastAsia"``) are looked
up in the theme part, where an empty East Asian face falls back to the theme's face for
Simplified Chinese (``script="Hans"``). Toggle properties (bold) set in both the paragraph and
the character style cancel out; direct formatting sets them outright. A size stated nowhere is
10 pt, a colour stated nowhere is ``auto`` (black).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafting.lint.docx_layout.ooxml import attrs, local, number, on, q, w
from drafting.sources.docx_text import counted_runs, run_text

Props = dict[str, dict[str, str]]
_PPR, _PSTYLE, _VAL = w("pPr"), w("pStyle"), w("val")

#: Attribute groups of one quantity in different units: a layer setting any member replaces
#: the whole group inherited from below.
_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "ind": (
        ("left", "start", "leftChars", "startChars"),
        ("right", "end", "rightChars", "endChars"),
        ("firstLine", "firstLineChars", "hanging", "hangingChars"),
    ),
    "spacing": (
        ("before", "beforeLines", "beforeAutospacing"),
        ("after", "afterLines", "afterAutospacing"),
        ("line", "lineRule"),
    ),
    "rFonts": (
        ("eastAsia", "eastAsiaTheme"),
        ("ascii", "asciiTheme"),
        ("hAnsi", "hAnsiTheme"),
        ("cs", "cstheme"),
        ("hint",),
    ),
}
_SKIPPED = frozenset(("rPr", "sectPr", "pPrChange", "rPrChange", "tabs"))
DEFAULT_SIZE_PT = 10.0


def properties(container: Any | None) -> Props:
    """The properties of a ``w:pPr`` or ``w:rPr`` by element name (borders by side)."""
    props: Props = {}
    if container is None:
        return props
    for child in container:
        name = local(child)
        if not name or name in _SKIPPED:
            continue
        if name == "pBdr":
            for side in child:
                props[f"pBdr:{local(side)}"] = attrs(side)
        elif name == "numPr":
            props["numPr"] = {local(item): item.get(w("val"), "") for item in child}
        else:
            props[name] = attrs(child)
    return props


def merge(base: Props, layer: Props) -> Props:
    """``layer`` over ``base`` (see the module docstring for grouped attributes)."""
    merged = dict(base)
    for name, values in layer.items():
        groups = _GROUPS.get(name)
        if groups is None or name not in merged:
            merged[name] = dict(values)
            continue
        combined = dict(merged[name])
        for group in groups:
            if any(key in values for key in group):
                for key in group:
                    combined.pop(key, None)
        combined.update(values)
        merged[name] = combined
    return merged


@dataclass(frozen=True)
class RunFormat:
    """What a run of text looks like: East Asian and Latin faces, size, weight, colour."""

    east_asia: str | None
    latin: str | None
    size: float
    bold: bool
    color: str  # upper-case RRGGBB, or "auto"
    spacing: float = 0.0  # twips added to every character's advance
    hidden: bool = False


@dataclass(frozen=True)
class TextRun:
    """A piece of a paragraph's text with its format; ``inserted`` when it is a tracked
    insertion (or text moved in)."""

    text: str
    format: RunFormat
    inserted: bool = False


@dataclass(frozen=True)
class ParaFormat:
    """A paragraph's effective properties. Lengths in twips; ``*_chars`` in characters where
    the document states them in character units (they win over twips)."""

    style_id: str | None
    style_name: str
    jc: str = "left"
    left: float = 0.0
    right: float = 0.0
    first_line: float = 0.0  # negative: a hanging indent
    left_chars: float | None = None
    right_chars: float | None = None
    first_line_chars: float | None = None  # negative: hanging
    before: float = 0.0
    after: float = 0.0
    before_lines: float | None = None
    after_lines: float | None = None
    line: float | None = None  # twips (exact, atLeast) or 240ths of a line (auto)
    line_rule: str = "auto"
    snap: bool = True
    page_break_before: bool = False
    frame: dict[str, str] | None = None
    borders: dict[str, dict[str, str]] = field(default_factory=dict)
    outline: int | None = None
    mark_size: float = DEFAULT_SIZE_PT


_THEME_ALIASES = {"text1": "dk1", "text2": "dk2", "background1": "lt1", "background2": "lt2"}


class Theme:
    """Fonts and colours of the theme part (``word/theme/theme1.xml``)."""

    def __init__(self, root: Any | None) -> None:
        self.fonts: dict[str, str] = {}
        self.colors: dict[str, str] = {}
        if root is None:
            return
        for kind in ("major", "minor"):
            font = root.find(f".//{q('a:' + kind + 'Font')}")
            if font is None:
                continue
            for script in ("latin", "ea"):
                node = font.find(q(f"a:{script}"))
                face = node.get("typeface", "") if node is not None else ""
                self.fonts[f"{kind}:{script}"] = face
            for node in font.findall(q("a:font")):
                self.fonts[f"{kind}:{node.get('script', '')}"] = node.get("typeface", "")
        scheme = root.find(f".//{q('a:clrScheme')}")
        if scheme is not None:
            for slot in scheme:
                value = slot.find(q("a:srgbClr"))
                system = slot.find(q("a:sysClr"))
                if value is not None:
                    self.colors[local(slot)] = value.get("val", "000000").upper()
                elif system is not None:
                    self.colors[local(slot)] = system.get("lastClr", "000000").upper()

    def font(self, theme_value: str) -> str | None:
        """The face a theme attribute value (``minorEastAsia``, ``majorHAnsi`` …) names."""
        kind = "major" if theme_value.startswith("major") else "minor"
        if theme_value.endswith("EastAsia"):
            face = self.fonts.get(f"{kind}:ea") or self.fonts.get(f"{kind}:Hans")
        else:
            face = self.fonts.get(f"{kind}:latin")
        return face or None

    def color(self, theme_value: str) -> str | None:
        return self.colors.get(_THEME_ALIASES.get(theme_value, theme_value))


class Formatter:
    """Resolves the formatting of the paragraphs and runs of one python-docx ``Document``."""

    def __init__(self, document: Any) -> None:
        styles = document.styles.element
        self._styles: dict[tuple[str, str], Any] = {}
        self.default_style: str | None = None
        self._names: dict[str, str] = {}
        type_, style_id_, default_ = w("type"), w("styleId"), w("default")
        for style in styles.iterchildren(w("style")):  # a document may define 50,000
            get = style.get
            kind, style_id = get(type_, "paragraph"), get(style_id_)
            if style_id is None or (kind, style_id) in self._styles:
                continue
            self._styles[(kind, style_id)] = style
            if kind == "paragraph" and on(get(default_), default=False):
                self.default_style = style_id  # the last one marked, as python-docx reads it
        defaults = styles.find(w("docDefaults"))
        self._default_ppr = properties(_path(defaults, "pPrDefault", "pPr"))
        self._default_rpr = properties(_path(defaults, "rPrDefault", "rPr"))
        self.theme = Theme(_part_root(document, "/theme"))
        self._numbering = _Numbering(_part_root(document, "/numbering"))
        self._chains: dict[tuple[str, str], list[Any]] = {}
        self._cache: dict[tuple[Any, ...], Any] = {}

    # -- styles -----------------------------------------------------------------------------
    def chain(self, kind: str, style_id: str | None) -> list[Any]:
        """The style ``style_id`` of ``kind`` and those it is based on, root first."""
        if style_id is None:
            return []
        key = (kind, style_id)
        if key not in self._chains:
            found: list[Any] = []
            seen: set[str] = set()
            current: str | None = style_id
            while current is not None and current not in seen and len(found) < 32:
                style = self._styles.get((kind, current))
                if style is None:
                    break
                seen.add(current)
                found.append(style)
                based = style.find(w("basedOn"))
                current = based.get(w("val")) if based is not None else None
            self._chains[key] = found[::-1]
        return self._chains[key]

    def paragraph_style(self, p: Any) -> str | None:
        """The id of the paragraph style of ``w:p`` ``p`` (the default style when none)."""
        ppr = p.find(_PPR)
        found = ppr.find(_PSTYLE) if ppr is not None else None
        style_id = found.get(_VAL) if found is not None else None
        if style_id is not None and ("paragraph", style_id) in self._styles:
            return style_id
        return self.default_style

    def style_name(self, style_id: str | None) -> str:
        if style_id is None:
            return ""
        if style_id not in self._names:
            style = self._styles.get(("paragraph", style_id))
            name = style.find(w("name")) if style is not None else None
            self._names[style_id] = name.get(w("val"), "") if name is not None else ""
        return self._names[style_id]

    # -- paragraphs ---------------------------------------------------------------------------
    def _style_ppr(self, style_id: str | None) -> Props:
        """The document defaults and the style chain's paragraph properties (cached)."""
        key = ("ppr", style_id)
        if key not in self._cache:
            props = self._default_ppr
            for style in self.chain("paragraph", style_id):
                props = merge(props, properties(style.find(w("pPr"))))
            self._cache[key] = props
        return self._cache[key]

    def paragraph_props(self, p: Any, style_id: str | None = None) -> Props:
        style_id = style_id if style_id is not None else self.paragraph_style(p)
        props = self._style_ppr(style_id)
        direct = properties(p.find(w("pPr")))
        numbering = direct.get("numPr") or props.get("numPr")
        if numbering:
            props = merge(props, self._numbering.level_props(numbering))
        return merge(props, direct)

    def paragraph(self, p: Any) -> ParaFormat:
        """The effective paragraph properties of ``w:p`` ``p`` (cached by its style and what
        its ``w:pPr`` states: a document of many alike paragraphs is resolved once)."""
        from lxml import etree

        ppr = p[0] if len(p) and p[0].tag == _PPR else None  # w:pPr comes first
        if ppr is None:
            key: tuple[Any, ...] = ("para", self.default_style, b"")
        else:
            key = ("para", self.paragraph_style(p), etree.tostring(ppr))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._paragraph(p, key[1])
        return found

    def _paragraph(self, p: Any, style_id: str | None) -> ParaFormat:
        props = self.paragraph_props(p, style_id)
        ind = props.get("ind", {})
        spacing = props.get("spacing", {})
        first = number(ind.get("firstLine")) - number(ind.get("hanging"))
        first_chars = _chars(ind.get("firstLineChars"), ind.get("hangingChars"))
        frame = props.get("framePr")
        outline = props.get("outlineLvl", {}).get("val")
        return ParaFormat(
            style_id=style_id,
            style_name=self.style_name(style_id),
            jc=_justification(props.get("jc", {}).get("val", "left")),
            left=number(ind.get("left", ind.get("start"))),
            right=number(ind.get("right", ind.get("end"))),
            first_line=first,
            left_chars=_chars(ind.get("leftChars", ind.get("startChars"))),
            right_chars=_chars(ind.get("rightChars", ind.get("endChars"))),
            first_line_chars=first_chars,
            before=number(spacing.get("before")),
            after=number(spacing.get("after")),
            before_lines=_chars(spacing.get("beforeLines")),
            after_lines=_chars(spacing.get("afterLines")),
            line=number(spacing["line"]) if "line" in spacing else None,
            line_rule=spacing.get("lineRule", "auto"),
            snap=_on_props(props, "snapToGrid", True),
            page_break_before=_on_props(props, "pageBreakBefore", False),
            frame=dict(frame) if frame is not None else None,
            borders={
                key.split(":", 1)[1]: value
                for key, value in props.items()
                if key.startswith("pBdr:")
            },
            outline=int(outline) if outline and outline.isdigit() else None,
            mark_size=self._mark_size(p, style_id),
        )

    def _mark_size(self, p: Any, style_id: str | None) -> float:
        ppr = p.find(w("pPr"))
        mark = ppr.find(w("rPr")) if ppr is not None else None
        return self.run_format(mark, style_id, None).size

    # -- runs ---------------------------------------------------------------------------------
    def _style_rpr(
        self, style_id: str | None, char_style: str | None
    ) -> tuple[Props, bool | None, bool | None]:
        """Defaults, paragraph style chain and character style chain run properties, and the
        bold each chain sets (cached)."""
        key = ("rpr", style_id, char_style)
        if key not in self._cache:
            props = self._default_rpr
            paragraph_bold: bool | None = None
            for style in self.chain("paragraph", style_id):
                layer = properties(style.find(w("rPr")))
                props = merge(props, layer)
                paragraph_bold = _flag_props(layer, "b", paragraph_bold)
            char_bold: bool | None = None
            for style in self.chain("character", char_style):
                layer = properties(style.find(w("rPr")))
                props = merge(props, layer)
                char_bold = _flag_props(layer, "b", char_bold)
            self._cache[key] = (props, paragraph_bold, char_bold)
        return self._cache[key]

    def run_format(
        self, rpr: Any | None, style_id: str | None, char_style: str | None
    ) -> RunFormat:
        """The effective format of a run whose direct properties are ``rpr`` (cached by what
        the run states)."""
        from lxml import etree

        key = ("run", style_id, char_style, etree.tostring(rpr) if rpr is not None else b"")
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._run_format(rpr, style_id, char_style)
        return found

    def _run_format(
        self, rpr: Any | None, style_id: str | None, char_style: str | None
    ) -> RunFormat:
        props, paragraph_bold, char_bold = self._style_rpr(style_id, char_style)
        direct = properties(rpr)
        props = merge(props, direct)
        bold = _flag_props(direct, "b", None)
        if bold is None:
            if paragraph_bold is not None and char_bold is not None:
                bold = paragraph_bold != char_bold
            elif paragraph_bold is not None or char_bold is not None:
                bold = bool(paragraph_bold or char_bold)
            else:
                bold = bool(_flag_props(self._default_rpr, "b", False))
        fonts = props.get("rFonts", {})
        size = number(props.get("sz", {}).get("val"), DEFAULT_SIZE_PT * 2) / 2
        return RunFormat(
            east_asia=self._face(fonts, "eastAsia"),
            latin=self._face(fonts, "ascii"),
            size=size,
            bold=bold,
            color=self._color(props.get("color")),
            spacing=number(props.get("spacing", {}).get("val")),
            hidden=bool(_flag_props(props, "vanish", False)),
        )

    def _face(self, fonts: dict[str, str], script: str) -> str | None:
        theme = fonts.get(f"{script}Theme")
        if theme:
            found = self.theme.font(theme)
            if found:
                return found
        return fonts.get(script) or None

    def _color(self, color: dict[str, str] | None) -> str:
        if not color:
            return "auto"
        theme = color.get("themeColor")
        if theme:
            found = self.theme.color(theme)
            if found:
                return found
        value = color.get("val", "auto")
        return "auto" if value.lower() == "auto" else value.upper()

    def runs(self, p: Any, style_id: str | None = None) -> list[TextRun]:
        """The text-bearing runs of ``p`` as the linter reads the paragraph (tracked insertions
        in, deletions out), each with its effective format."""
        if style_id is None:
            style_id = self.paragraph_style(p)
        out: list[TextRun] = []
        for run in counted_runs(p):
            text = run_text(run)
            if not text:
                continue
            rpr = run.find(w("rPr"))
            char_style = None
            if rpr is not None and rpr.find(w("rStyle")) is not None:
                char_style = rpr.find(w("rStyle")).get(w("val"))
            fmt = self.run_format(rpr, style_id, char_style)
            out.append(TextRun(text, fmt, _inserted(run, p)))
        return out


class _Numbering:
    """Indents of numbering levels (``w:numbering``): numId → abstractNum → lvl → pPr."""

    def __init__(self, root: Any | None) -> None:
        self._abstract: dict[str, Any] = {}
        self._nums: dict[str, tuple[str, dict[str, Any]]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(w("abstractNum")):
            self._abstract[abstract.get(w("abstractNumId"), "")] = abstract
        for num in root.iterchildren(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides = {
                item.get(w("ilvl"), "0"): item.find(w("lvl"))
                for item in num.iterchildren(w("lvlOverride"))
                if item.find(w("lvl")) is not None
            }
            if ref is not None:
                self._nums[num.get(w("numId"), "")] = (ref.get(w("val"), ""), overrides)

    def level_props(self, numbering: dict[str, str]) -> Props:
        num_id, level = numbering.get("numId", ""), numbering.get("ilvl", "0") or "0"
        if num_id not in self._nums:
            return {}
        abstract_id, overrides = self._nums[num_id]
        lvl = overrides.get(level)
        if lvl is None:
            abstract = self._abstract.get(abstract_id)
            if abstract is None:
                return {}
            lvl = next(
                (item for item in abstract.iterchildren(w("lvl")) if item.get(w("ilvl")) == level),
                None,
            )
        if lvl is None:
            return {}
        props = properties(lvl.find(w("pPr")))
        return {"ind": props["ind"]} if "ind" in props else {}


def _path(element: Any | None, *names: str) -> Any | None:
    for name in names:
        if element is None:
            return None
        element = element.find(w(name))
    return element


def _part_root(document: Any, suffix: str) -> Any | None:
    """The parsed XML of the document part related by a relationship type ending ``suffix``."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(suffix):
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        if element is not None:
            return element
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            return etree.fromstring(part.blob, parser)
        except etree.XMLSyntaxError:
            return None
    return None


def _chars(value: str | None, hanging: str | None = None) -> float | None:
    """Hundredths of a character → characters; ``None`` when unset or zero (a zero value in
    character units leaves the twips value in force)."""
    amount = number(value) - number(hanging)
    return amount / 100 if amount else None


def _justification(value: str) -> str:
    return {"start": "left", "end": "right", "justify": "both"}.get(value, value)


def _flag_props(props: Props, name: str, default: bool | None) -> bool | None:
    if name not in props:
        return default
    value = props[name].get("val")
    return value is None or value.lower() in ("1", "true", "on")


def _on_props(props: Props, name: str, default: bool) -> bool:
    found = _flag_props(props, name, None)
    return default if found is None else found


def _inserted(run: Any, p: Any) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not p:
        if local(parent) in ("ins", "moveTo"):
            return True
        parent = parent.getparent()
    return False
