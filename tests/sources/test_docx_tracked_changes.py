""".docx with tracked changes: the linter reads the text as it stands with every change accepted
(insertions in, deletions out), and the annotator anchors comments on the same characters."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from drafting.lint.api import lint_paths
from drafting.review.annotate import annotate_docx, comment_anchors, comment_text
from drafting.sources.docx_text import numbered_paragraphs, paragraph_text

CHANGE = 'w:author="审核人" w:date="2026-11-02T09:00:00Z"'


def _run(text: str, *, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><w:rPr><w:b/></w:rPr><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _change(paragraph, tag: str, text: str, change_id: int) -> None:
    """Append a tracked change (``w:ins``, ``w:del``, ``w:moveTo``, ``w:moveFrom``) of ``text``;
    a deletion's text is ``w:delText``, as Word writes it."""
    paragraph._p.append(
        parse_xml(
            f'<{tag} {nsdecls("w")} w:id="{change_id}" {CHANGE}>'
            f"{_run(text, deleted=tag == 'w:del')}</{tag}>"
        )
    )


def build_reviewed_notice(path: Path) -> Path:
    """A notice a reviewer edited with Track Changes on: paragraph 3 reads
    ``请于11月5日前报送总结,逾期不再受理。`` once the changes are accepted (the comma is in the
    insertion); the deleted ``报送材料,`` has a comma of its own that must not be reported."""
    document = docx.Document()
    document.add_paragraph("关于报送2026年度工作总结的通知")
    document.add_paragraph("各区县教育局：")
    body = document.add_paragraph()
    body.add_run("请于11月5日前")
    _change(body, "w:del", "报送材料,", 1)
    _change(body, "w:ins", "报送总结,逾期不再受理", 2)
    body.add_run("。")
    moved = document.add_paragraph()
    moved.add_run("联系人")
    _change(moved, "w:moveFrom", "王,", 3)
    _change(moved, "w:moveTo", "李华", 4)
    moved.add_run("。")
    document.add_paragraph("市教育局")
    document.add_paragraph("2026年11月1日")
    document.save(path)
    return path


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    return build_reviewed_notice(tmp_path / "审核稿.docx")


def test_paragraph_text_takes_insertions_and_leaves_deletions(reviewed: Path) -> None:
    paragraphs = dict(numbered_paragraphs(docx.Document(reviewed)))
    assert paragraph_text(paragraphs[3]._p) == "请于11月5日前报送总结,逾期不再受理。"
    assert paragraph_text(paragraphs[4]._p) == "联系人李华。"
    assert paragraphs[3].text == "请于11月5日前。"  # what python-docx alone reads


def test_linter_reports_inside_an_insertion_and_not_inside_a_deletion(reviewed: Path) -> None:
    (result,) = lint_paths([reviewed], genre="notice", select=["N301"])
    assert [(f.code, f.line, f.column, f.excerpt) for f in result.findings] == [
        ("N301", 3, 13, ","),
    ]


def test_annotation_sits_on_the_inserted_characters(reviewed: Path, tmp_path: Path) -> None:
    (result,) = lint_paths([reviewed], genre="notice", select=["N301"])
    out = tmp_path / "批注.docx"

    assert annotate_docx(reviewed, result.findings, out) == 1

    annotated = docx.Document(out)
    (comment,) = list(annotated.comments)
    assert comment.text == comment_text(result.findings[0])
    assert comment_anchors(annotated) == {comment.comment_id: ","}
    body = annotated.element.body
    start = next(body.iter(qn("w:commentRangeStart")))
    assert start.getparent().tag == qn("w:ins")  # marked inside the insertion, not beside it
    # the deletion and the text moved away are left as they were
    texts = (qn("w:t"), qn("w:delText"))
    changed = body.iter(qn("w:del"), qn("w:moveFrom"))
    assert ["".join(t.text for t in el.iter(*texts)) for el in changed] == [
        "报送材料,",
        "王,",
    ]
    paragraphs = dict(numbered_paragraphs(annotated))
    assert paragraph_text(paragraphs[3]._p) == "请于11月5日前报送总结,逾期不再受理。"
    (again,) = lint_paths([out], genre="notice", select=["N301"])
    assert [(f.line, f.column) for f in again.findings] == [(3, 13)]
