"""All the text of a .docx is read: text boxes and shapes, headers and footers (each finding
there says where it is; page numbers are layout, not text), tracked insertions (a finding in
one says so), a letter-spaced title read as its words, a red-header document read as the kind
its title names, and a .dotx read as a .docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from clerk_docx import Clerk, build
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafting.errors import InputError
from drafting.layout import oxml
from drafting.lint.api import lint_paths
from drafting.lint.engine import Settings, lint_source
from drafting.review.annotate import annotate_docx, comment_anchors
from drafting.sources import read_source
from drafting.sources.docx_text import numbered_paragraphs

INVITATION = [
    "邀请函",
    "尊敬的各位来宾：",
    "兹定于2026年12月8日在市民中心举办年度工作交流会,敬请光临。",
    "江州市人民政府办公室",
]


def _text_box_paragraph(lines: list[str]) -> docx.Document:
    """A 邀请函 whose every line sits in a text box anchored on an empty paragraph (DrawingML
    with its VML fallback, as Word writes it): the body has no text of its own."""
    document = docx.Document()
    inner = []
    for line in lines:
        p = document.add_paragraph(line)
        inner.append(p._p)
        p._p.getparent().remove(p._p)
    anchor = document.add_paragraph()
    box = oxml.vertical_text_box(inner, box=(1000, 1000, 6000, 4000), shape_id=5, name="文本框 1")
    anchor._p.append(box)
    return document


def _save(document: docx.Document, path: Path) -> Path:
    document.save(path)
    return path


def test_text_in_a_text_box_is_read_once_and_linted(tmp_path: Path) -> None:
    path = _save(_text_box_paragraph(INVITATION), tmp_path / "邀请函.docx")
    source = read_source(path)
    texts = [p.text for p in source.doc.paragraphs if p.text]
    assert texts == INVITATION  # once: the VML fallback copy is not read again
    (result,) = lint_paths([path], select=["N301"])
    (finding,) = result.findings
    assert finding.excerpt == "," and finding.line == 4
    assert finding.message.endswith("（位于文本框）")


def test_a_finding_in_a_text_box_is_annotated_there(tmp_path: Path) -> None:
    path = _save(_text_box_paragraph(INVITATION), tmp_path / "邀请函.docx")
    (result,) = lint_paths([path], select=["N301"])
    out = tmp_path / "批注.docx"
    assert annotate_docx(path, result.findings, out) == 1
    numbered = dict(numbered_paragraphs(docx.Document(out)))
    assert numbered[4].text == INVITATION[2]
    assert list(comment_anchors(docx.Document(out)).values()) == [","]


def test_headers_and_footers_are_read_and_page_numbers_are_not(tmp_path: Path) -> None:
    data = build(Clerk())
    document = docx.Document(io.BytesIO(data))
    header = document.sections[0].header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "内部资料,注意保存"
    path = _save(document, tmp_path / "通知.docx")
    source = read_source(path)
    extra = [p for p in source.doc.paragraphs if p.number and p.number > 33]
    assert [(p.text, p.role) for p in extra] == [("内部资料,注意保存", "meta")]
    assert "— 1 —" not in source.doc.text and "—1—" not in source.doc.text
    (result,) = lint_paths([path], select=["N301"])
    (finding,) = result.findings
    assert finding.message.endswith("（位于页眉）") and finding.line == 34


def test_a_colophon_typed_in_the_footer_is_read_as_such(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于报送材料的通知")
    footer = document.sections[0].footer
    footer.paragraphs[0].text = "抄送:市委办公厅。"
    path = _save(document, tmp_path / "通知.docx")
    (result,) = lint_paths([path], select=["N301"])
    assert [(f.excerpt, f.message.endswith("（位于页脚）")) for f in result.findings] == [
        (":", True)
    ]


def test_a_finding_inside_a_tracked_insertion_says_so(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于报送材料的通知")
    body = document.add_paragraph()
    body.add_run("请于11月5日前")
    body._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="审核人" w:date="2026-11-02T09:00:00Z">'
            "<w:r><w:t>报送总结,逾期不再受理</w:t></w:r></w:ins>"
        )
    )
    body._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="审核人" w:date="2026-11-02T09:00:00Z">'
            "<w:r><w:delText>删去的文字,</w:delText></w:r></w:del>"
        )
    )
    body.add_run("。还有半角逗号,在原文里。")
    path = _save(document, tmp_path / "通知.docx")
    (result,) = lint_paths([path], select=["N301"])
    marked = [(f.column, f.message.endswith("（位于修订插入的文字中）")) for f in result.findings]
    assert marked == [(13, True), (27, False)]  # the deleted comma is not read at all


def test_a_letter_spaced_title_of_a_red_header_document_names_its_kind(tmp_path: Path) -> None:
    path = tmp_path / "通知.docx"
    path.write_bytes(build(Clerk(title_spaced=True)))
    source = read_source(path)
    assert source.doc.title is not None
    assert source.doc.title.text == "关于做好2026年度安全生产检查工作的通知"
    result = lint_source(source, Settings(select=("N313",)))
    assert result.genre == "notice" and result.choice.reason == "anatomy"
    assert result.findings == []  # the spaces are layout, read as the words they space


def test_an_organ_mark_without_wenjian_is_not_taken_for_the_title(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("江州市人民政府办公室", "江政办函〔2026〕12号", "关于商请支持文化旅游节的函"):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = 1  # centred
    document.add_paragraph("市公安局：")
    document.add_paragraph("经市政府同意，现将有关事项函告如下。")
    path = _save(document, tmp_path / "函.docx")
    source = read_source(path)
    assert source.doc.title is not None and source.doc.title.text == "关于商请支持文化旅游节的函"


def test_a_dotx_is_read_as_the_docx_it_holds(tmp_path: Path) -> None:
    data = build(Clerk(title_font="黑体"))
    template = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(template, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
                )
            target.writestr(item, content)
    path = tmp_path / "模板.dotx"
    path.write_bytes(template.getvalue())
    (result,) = lint_paths([path], select=["L5"])
    assert [(f.code, f.line) for f in result.findings] == [("L505", 4)]


def test_a_doc_without_libreoffice_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    import drafting.office_convert as convert

    monkeypatch.setattr(convert, "soffice_path", lambda: None)
    path = tmp_path / "旧文件.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(InputError, match=r"需要先用 LibreOffice 转换.*apt install libreoffice"):
        read_source(path)


def test_folders_collect_doc_wps_and_dotx(tmp_path: Path) -> None:
    from drafting.lint.api import collect_files

    for name in ("a.docx", "b.doc", "c.wps", "d.dotx", "e.pdf", "~$a.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in collect_files(tmp_path)] == ["a.docx", "b.doc", "c.wps", "d.dotx"]
