"""What Word and WPS read beyond the page: the font table, the theme's font language and the
compatibility mode (LibreOffice ignores all three, so only the OOXML shows them).

* ``word/fontTable.xml`` lists every face the document names, each with the ``altName`` of
  the common face of its style (仿宋, 楷体, 黑体, 宋体), the GB2312 character set, the PANOSE
  class and the code-page signature: Word and WPS, missing 仿宋_GB2312 or 方正小标宋简体,
  substitute a face of the same style instead of any CJK face. python-docx's template lists
  Japanese faces (ＭＳ 明朝) and none of ours; it is written anew.
* ``w:themeFontLang`` names zh-CN for East Asian text (the template says ja-JP).
* ``compatibilityMode`` 15: Word 2013 and later open the file without 兼容模式.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from drafting.layout.profile import FontProfile

COMPATIBILITY_MODE = "15"  # Word 2013 and later
EAST_ASIAN_LANGUAGE = "zh-CN"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WORD_URI = "http://schemas.microsoft.com/office/word"


@dataclass(frozen=True)
class FaceClass:
    """How Word should substitute a face of one style: the common face, its PANOSE class,
    OOXML family and pitch, and its Unicode/code-page signature."""

    alt_name: str
    panose: str
    charset: str
    family: str
    pitch: str
    sig: tuple[str, str, str, str, str, str]


_GB2312_SIG = ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")
_HEI = FaceClass("黑体", "02010609060101010101", "86", "modern", "fixed", _GB2312_SIG)
_SONG = FaceClass("宋体", "02010600030101010101", "86", "auto", "variable", _GB2312_SIG)
#: By :class:`FontProfile` field: the face Word falls back to (its Windows name) and its class.
FACE_CLASSES = {
    "fangsong": FaceClass("仿宋", "02010609060101010101", "86", "modern", "fixed", _GB2312_SIG),
    "kaiti": FaceClass("楷体", "02010609060101010101", "86", "modern", "fixed", _GB2312_SIG),
    "heiti": _HEI,
    "xiaobiaosong": _SONG,
    "songti": _SONG,
    "latin": FaceClass(
        "Times New Roman",
        "02020603050405020304",
        "00",
        "roman",
        "variable",
        ("E0002AFF", "C0007841", "00000009", "00000000", "000001FF", "00000000"),
    ),
}
#: Faces python-docx's numbering part names for its list bullets (none of our text uses them,
#: but every face the package names is in the table).
_NUMBERING_FACES = {
    "Symbol": FaceClass(
        "",
        "05050102010706020507",
        "02",
        "roman",
        "variable",
        ("00000000", "10000000", "00000000", "00000000", "80000000", "00000000"),
    ),
    "Courier": FaceClass(
        "",
        "02070409020205020404",
        "00",
        "modern",
        "fixed",
        ("00000003", "00000000", "00000000", "00000000", "00000001", "00000000"),
    ),
}
#: The English names Word writes as ``altName`` of the common faces themselves.
_ENGLISH = {"仿宋": "FangSong", "楷体": "KaiTi", "黑体": "SimHei", "宋体": "SimSun"}


def font_table_xml(fonts: FontProfile) -> bytes:
    """``word/fontTable.xml``: one ``w:font`` per face of ``fonts`` (first role wins)."""
    root = OxmlElement("w:fonts", nsdecls={"w": _W})
    seen: set[str] = set()
    for role, face in fonts.faces().items():
        if face in seen:
            continue
        seen.add(face)
        root.append(_font(face, FACE_CLASSES[role]))
    for face, cls in _NUMBERING_FACES.items():
        if face not in seen:
            root.append(_font(face, cls))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font(face: str, cls: FaceClass) -> Any:
    font = OxmlElement("w:font")
    font.set(qn("w:name"), face)
    alt = cls.alt_name if cls.alt_name != face else _ENGLISH.get(face)
    if alt:
        font.append(_val("w:altName", alt))
    font.append(_val("w:panose1", cls.panose))
    font.append(_val("w:charset", cls.charset))
    font.append(_val("w:family", cls.family))
    font.append(_val("w:pitch", cls.pitch))
    sig = OxmlElement("w:sig")
    for key, value in zip(("usb0", "usb1", "usb2", "usb3", "csb0", "csb1"), cls.sig, strict=True):
        sig.set(qn(f"w:{key}"), value)
    font.append(sig)
    return font


def _val(tag: str, value: str) -> Any:
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def install(document: Any, fonts: FontProfile) -> None:
    """Write the font table and set the theme font language and compatibility mode."""
    _replace_font_table(document, fonts)
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode" and setting.get(qn("w:uri")) == (
            _WORD_URI
        ):
            setting.set(qn("w:val"), COMPATIBILITY_MODE)


def _replace_font_table(document: Any, fonts: FontProfile) -> None:
    """The document part's font-table relationship pointed at a new part, same id and name."""
    rels = document.part.rels
    package = document.part.package
    blob = font_table_xml(fonts)
    for rel_id, rel in list(rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            rels.pop(rel_id)
            part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, blob, package)
            rels.add_relationship(RT.FONT_TABLE, part, rel_id)
            return
    document.part.relate_to(
        Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, blob, package), RT.FONT_TABLE
    )
