"""Small read-only helpers over WordprocessingML elements (lxml, as python-docx holds them).

Lengths in OOXML are twentieths of a point (twips) for page setup, indents and spacing,
half-points for font sizes and eighths of a point for borders; findings speak millimetres,
points and characters, so the conversions live here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
MM_PER_TWIP = 25.4 / 1440
EMU_PER_MM = 36000
_ON = frozenset(("1", "true", "on"))


def w(tag: str) -> str:
    """The Clark name of ``w:tag``."""
    return f"{{{W_NS}}}{tag}"


def q(prefixed: str) -> str:
    """The Clark name of ``prefix:tag`` for the prefixes of :data:`NS`."""
    prefix, tag = prefixed.split(":", 1)
    return f"{{{NS[prefix]}}}{tag}"


def local(element: Any) -> str:
    """The tag of ``element`` without its namespace ('' for comments and processing
    instructions, whose tag is not a string)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attrs(element: Any) -> dict[str, str]:
    """The attributes of ``element`` by local name (``w:val`` → ``val``)."""
    return {key.rsplit("}", 1)[-1]: value for key, value in element.attrib.items()}


def flag(element: Any | None) -> bool | None:
    """An on/off property (``<w:b/>``, ``<w:b w:val="0"/>``): None when absent."""
    if element is None:
        return None
    value = element.get(w("val"))
    return value is None or value.lower() in _ON


def on(value: str | None, default: bool = True) -> bool:
    """An on/off attribute value that may be absent."""
    if value is None:
        return default
    return value.lower() in _ON


def number(value: str | None, default: float = 0.0) -> float:
    """A numeric attribute (twips, half-points …); ``default`` when absent or malformed."""
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        return default


def twips_to_mm(twips: float) -> float:
    return twips * MM_PER_TWIP


def mm_to_twips(mm: float) -> float:
    return mm / MM_PER_TWIP


def outside_fallback(element: Any) -> bool:
    """Whether ``element`` is not inside an ``mc:Fallback`` (the copy of a drawing that readers
    older than Word 2010 show: the same text box twice)."""
    parent = element.getparent()
    fallback = q("mc:Fallback")
    while parent is not None:
        if parent.tag == fallback:
            return False
        parent = parent.getparent()
    return True


def iter_text_boxes(element: Any) -> Iterator[Any]:
    """The ``w:txbxContent`` elements inside ``element``, each once (not the fallback copy)."""
    for content in element.iter(w("txbxContent")):
        if outside_fallback(content):
            yield content
