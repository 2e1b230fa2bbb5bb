"""The builder's 版记 is a table floated on the bottom of the 版心 (issue 18); the layout review
(issue 20) reads it as the 版记, checks its lines, and its corrected copy leaves it as it is
(a clerk's 版记 paragraphs are still framed on the bottom: both shapes pass the review)."""

from __future__ import annotations

import io
import zipfile

from layout_samples import load

from drafting.anatomy.parts import Part
from drafting.compose.layout_fix import fix_layout
from drafting.layout import build_docx
from drafting.lint.docx_layout import layout_report, open_document, read_facts

NOTICE = build_docx(load("notice"))


def _with_document_xml(data: bytes, edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def test_the_builders_colophon_table_is_read_as_the_colophon_and_passes() -> None:
    facts = read_facts(open_document(NOTICE))
    rows = [p for p in facts.paragraphs if p.part in (Part.CC, Part.PRINTER) and p.content]
    assert [(p.part, p.region) for p in rows] == [(Part.CC, "table"), (Part.PRINTER, "table")]
    assert layout_report(NOTICE).issues == []


def test_its_lines_are_checked_red_lines_are_found() -> None:
    assert b'w:tblpYSpec="bottom"' in _document_xml(NOTICE)  # floated on the bottom
    red = _with_document_xml(
        NOTICE, lambda xml: xml.replace('w:color="000000"', 'w:color="FF0000"')
    )
    messages = [i.message for i in layout_report(red).issues if i.code == "L514"]
    assert messages and "版记分隔线为" in messages[0] and "应为黑色" in messages[0]


def test_the_corrected_copy_keeps_the_builders_table() -> None:
    fixed = fix_layout(NOTICE)
    assert "表格中的版记未改动" in fixed.kept
    assert b"w:tblpPr" in _document_xml(fixed.data)
    assert not [i for i in layout_report(fixed.data).issues if i.code == "L514"]


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")
