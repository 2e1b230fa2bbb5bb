"""What Word and WPS read from the OOXML and LibreOffice ignores (issue 18, item 7): a font
table naming every face the document uses with the face Word should substitute (altName),
the GB2312 character set and the PANOSE class; the theme's East Asian language zh-CN;
compatibility mode 15; the 版记 placed without an estimated line count."""

from __future__ import annotations

import io
import zipfile

import pytest
from layout_samples import load
from lxml import etree

from drafting.layout import FontProfile, build_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


@pytest.fixture(scope="module", params=["standard", "plain"])
def parts(request: pytest.FixtureRequest) -> dict[str, etree._Element]:
    return _parts(build_docx(load("notice"), fonts=request.param))


def _fonts(parts: dict[str, etree._Element]) -> dict[str, etree._Element]:
    table = parts["word/fontTable.xml"]
    return {font.get(q("name")): font for font in table.findall(q("font"))}


def _child(font: etree._Element, name: str) -> str | None:
    found = font.find(q(name))
    return None if found is None else found.get(q("val"))


def test_every_face_named_anywhere_is_in_the_font_table(parts: dict[str, etree._Element]) -> None:
    named = {
        value
        for name, root in parts.items()
        if name != "word/fontTable.xml"
        for fonts in root.iter(q("rFonts"))
        for key in ("ascii", "hAnsi", "eastAsia", "cs")
        if (value := fonts.get(q(key)))
    }
    table = _fonts(parts)
    assert named <= set(table), named - set(table)
    assert "ＭＳ 明朝" not in table and "Cambria" not in table


def test_standard_faces_name_the_common_face_to_substitute() -> None:
    table = _fonts(_parts(build_docx(load("notice"))))
    expected = {
        "仿宋_GB2312": ("仿宋", "modern", "fixed"),
        "楷体_GB2312": ("楷体", "modern", "fixed"),
        "黑体": ("SimHei", "modern", "fixed"),
        "方正小标宋简体": ("宋体", "auto", "variable"),
        "宋体": ("SimSun", "auto", "variable"),
    }
    for face, (alt, family, pitch) in expected.items():
        font = table[face]
        assert _child(font, "altName") == alt, face
        assert _child(font, "charset") == "86", face  # GB2312
        assert (_child(font, "family"), _child(font, "pitch")) == (family, pitch), face
        panose = _child(font, "panose1")
        assert panose is not None and len(panose) == 20 and panose.startswith("0201"), face
        sig = font.find(q("sig"))
        assert int(sig.get(q("csb0")), 16) & 0x00040000, face  # code page 936 (GB2312)
    # the children in schema order: altName, panose1, charset, family, pitch, sig
    order = [child.tag.rsplit("}")[1] for child in table["仿宋_GB2312"]]
    assert order == ["altName", "panose1", "charset", "family", "pitch", "sig"]
    assert _child(table["Times New Roman"], "charset") == "00"


def test_a_face_of_the_profiles_own_takes_its_roles_class() -> None:
    fonts = FontProfile.from_mapping({"仿宋": "方正仿宋_GBK", "小标宋": "华文中宋"})
    table = _fonts(_parts(build_docx(load("notice"), fonts=fonts)))
    assert _child(table["方正仿宋_GBK"], "altName") == "仿宋"
    assert _child(table["华文中宋"], "altName") == "宋体"


def test_theme_language_is_chinese_and_word_opens_without_compatibility_mode(
    parts: dict[str, etree._Element],
) -> None:
    settings = parts["word/settings.xml"]
    (lang,) = settings.findall(q("themeFontLang"))
    assert lang.get(q("eastAsia")) == "zh-CN"
    modes = settings.xpath("w:compat/w:compatSetting[@w:name='compatibilityMode']", namespaces=NS)
    assert [mode.get(q("val")) for mode in modes] == ["15"]


def test_colophon_is_a_table_on_the_bottom_and_no_frame_overlaps_the_text_block(
    parts: dict[str, etree._Element],
) -> None:
    document = parts["word/document.xml"]
    assert not document.xpath("//w:framePr", namespaces=NS)  # 文件格式: no frames at all
    (position,) = document.xpath("//w:tblpPr", namespaces=NS)
    assert position.get(q("tblpYSpec")) == "bottom" and position.get(q("tblpY")) is None
    overlap = position.getparent().find(q("tblOverlap"))
    assert overlap.get(q("val")) == "never"
