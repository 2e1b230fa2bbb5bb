"""Word comments on a copy of a .docx: anchored on exactly the finding's characters."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from paths import TESTS

from drafting.errors import OutputError
from drafting.lint.rule import Finding, Severity
from drafting.review.annotate import (
    AUTHOR,
    INITIALS,
    annotate_docx,
    comment_anchors,
    comment_text,
    paragraph_text,
)
from drafting.sources.docx_text import numbered_paragraphs

FIXTURES = TESTS / "fixtures" / "review"


def _styled_runs(paragraph, text: str, width: int = 5) -> None:
    """Add ``text`` in runs of ``width`` characters, each with different formatting."""
    for i in range(0, len(text), width):
        run = paragraph.add_run(text[i : i + width])
        kind = (i // width) % 3
        run.bold = kind == 0
        run.italic = kind == 1
        run.font.size = Pt(16 if kind == 2 else 14)
        run.font.color.rgb = RGBColor(0x20 * kind, 0, 0)
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")


def _hyperlink(paragraph, text: str) -> None:
    link = OxmlElement("w:hyperlink", attrs={qn("w:anchor"): "_top"})
    for piece in (text[:3], text[3:]):
        link.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:u w:val="single"/></w:rPr>'
                f'<w:t xml:space="preserve">{piece}</w:t></w:r>'
            )
        )
    paragraph._p.append(link)


def _field(paragraph) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def build_notice(path: Path) -> None:
    """The fixture notice as a .docx: runs of mixed formatting, a hyperlink, a simple field,
    a table and a header."""
    lines = (FIXTURES / "notice.txt").read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "内部资料,注意保存"
    title = document.add_paragraph()
    title.add_run(lines[0]).bold = True
    recipients = document.add_paragraph()
    recipients.add_run("各区县")
    _hyperlink(recipients, "应急管理局,市直")
    recipients.add_run("有关单位：")
    for line in lines[2:5]:
        _styled_runs(document.add_paragraph(), line)
    contact = document.add_paragraph()
    _styled_runs(contact, lines[5])
    _field(contact)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "负责人"
    _styled_runs(table.cell(0, 1).paragraphs[0], "李华(签字)", width=3)
    document.add_paragraph("")
    document.save(path)


def finding(
    document, number: int, excerpt: str, code: str, fix: str | None = None, nth: int = 0
) -> Finding:
    """A finding on the ``nth`` occurrence of ``excerpt`` in paragraph ``number``."""
    text = dict(numbered_paragraphs(document))[number].text
    index = -1
    for _ in range(nth + 1):
        index = text.index(excerpt, index + 1)
    return Finding(
        code=code,
        name="test",
        severity=Severity.ERROR,
        message=f"“{excerpt}”有误",
        path="notice.docx",
        line=number,
        column=index + 1,
        end_line=number,
        end_column=index + 1 + len(excerpt),
        start=1000 + index,
        end=1000 + index + len(excerpt),
        excerpt=excerpt,
        fix=fix,
        paragraph=number,
    )


def signature(document) -> list[list[tuple[str, str]]]:
    """Every paragraph's characters, each with its run's formatting XML."""
    out = []
    for _, paragraph in numbered_paragraphs(document):
        chars = []
        for run in paragraph.iter_inner_content():
            runs = run.runs if hasattr(run, "runs") else [run]
            for r in runs:
                rpr = r._r.rPr
                xml = rpr.xml if rpr is not None else ""
                chars.extend((ch, xml) for ch in r.text)
        out.append(chars)
    return out


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    path = tmp_path / "notice.docx"
    build_notice(path)
    return path


def test_each_comment_is_anchored_on_its_excerpt(notice: Path, tmp_path: Path) -> None:
    document = docx.Document(notice)
    findings = [
        finding(document, 4, "再接再励", "T401", fix="再接再厉"),  # crosses a run boundary
        finding(document, 2, ",", "N301", fix="，"),  # inside a hyperlink
        finding(document, 2, "管理局,市直有关", "P999"),  # from a hyperlink into a plain run
        finding(document, 4, "。。", "N302", fix="。"),
        finding(document, 5, "按装", "T401", fix="安装"),
        finding(document, 5, "...", "N307", fix="……"),
        finding(document, 8, "(", "N301", fix="（"),  # in a table cell
        finding(document, 8, ")", "N301", fix="）"),
        finding(document, 1, "2026", "P998"),  # a single run, split in three
    ]
    before_hash = hashlib.sha256(notice.read_bytes()).hexdigest()
    out = tmp_path / "notice-批注.docx"

    count = annotate_docx(notice, findings, out)

    assert count == len(findings)
    assert hashlib.sha256(notice.read_bytes()).hexdigest() == before_hash
    annotated = docx.Document(out)
    anchors = comment_anchors(annotated)
    comments = {c.comment_id: c for c in annotated.comments}
    assert len(comments) == len(findings)
    by_text = {c.text: cid for cid, c in comments.items()}
    for f in findings:
        cid = by_text[comment_text(f)]
        assert anchors[cid] == f.excerpt, f
        assert comments[cid].author == AUTHOR
        assert comments[cid].initials == INITIALS
    assert signature(annotated) == signature(docx.Document(notice))


def test_comment_text_names_code_message_and_fix(notice: Path) -> None:
    document = docx.Document(notice)
    f = finding(document, 4, "再接再励", "T401", fix="再接再厉")
    assert comment_text(f) == "T401 “再接再励”有误\n建议改为：再接再厉"
    assert comment_text(finding(document, 4, "再接再励", "P203")) == "P203 “再接再励”有误"
    assert comment_text(finding(document, 4, "。。", "N302", fix="")).endswith("\n建议删除")


def test_findings_outside_the_body_share_one_comment_at_the_start(
    notice: Path, tmp_path: Path
) -> None:
    document = docx.Document(notice)
    header = Finding(
        "N301", "halfwidth-punct", Severity.ERROR, "半角逗号", "notice.docx",
        0, 5, 0, 6, 4, 5, ",", "，", None,
    )  # fmt: skip
    out = tmp_path / "out.docx"
    inside = finding(document, 5, "按装", "T401", fix="安装")

    assert annotate_docx(notice, [header, inside], out) == 2

    annotated = docx.Document(out)
    anchors = comment_anchors(annotated)
    first = next(c for c in annotated.comments if c.text.startswith("以下问题不在正文段落中"))
    assert "N301 半角逗号「,」" in first.text
    assert anchors[first.comment_id] == "关于做好2026年冬季安全生产工作的通知"
    assert signature(annotated) == signature(document)


def test_misplaced_span_is_found_by_its_excerpt_and_said_so(notice: Path, tmp_path: Path) -> None:
    document = docx.Document(notice)
    good = finding(document, 4, "再接再励", "T401", fix="再接再厉")
    moved = Finding(**{**good.__dict__, "column": good.column + 3, "line": 4, "paragraph": 4})
    out = tmp_path / "out.docx"

    annotate_docx(notice, [moved], out)

    annotated = docx.Document(out)
    (comment,) = list(annotated.comments)
    assert comment_anchors(annotated)[comment.comment_id] == "再接再励"
    assert comment.text.endswith("（未能在原文中精确定位，批注标在最接近的位置）")


def test_out_is_not_overwritten_without_force(notice: Path, tmp_path: Path) -> None:
    document = docx.Document(notice)
    findings = [finding(document, 5, "按装", "T401", fix="安装")]
    out = tmp_path / "out.docx"
    out.write_bytes(b"keep me")

    with pytest.raises(OutputError, match="--force"):
        annotate_docx(notice, findings, out)
    assert out.read_bytes() == b"keep me"

    assert annotate_docx(notice, findings, out, force=True) == 1
    assert len(docx.Document(out).comments) == 1


def test_the_original_cannot_be_the_output(notice: Path) -> None:
    before = notice.read_bytes()
    with pytest.raises(OutputError, match="原文件"):
        annotate_docx(notice, [], notice, force=True)
    assert notice.read_bytes() == before


def test_a_hard_link_or_another_spelling_of_the_original_cannot_be_the_output(
    notice: Path, tmp_path: Path
) -> None:
    before = notice.read_bytes()
    link = tmp_path / "link.docx"
    os.link(notice, link)
    (tmp_path / "sub").mkdir()
    for out in (link, tmp_path / "sub" / ".." / notice.name):
        with pytest.raises(OutputError) as caught:
            annotate_docx(notice, [], out, force=True)
        assert str(caught.value) == f"{out}: 批注副本不能写回原文件，请另给一个文件名"
    assert notice.read_bytes() == before


def test_source_date_epoch_makes_the_copy_byte_for_byte_reproducible(
    notice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = docx.Document(notice)
    findings = [
        finding(document, 5, "按装", "T401", fix="安装"),
        finding(document, 4, "。。", "N302", fix="。"),
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"

    annotate_docx(notice, findings, first)
    annotate_docx(notice, findings, second)

    assert first.read_bytes() == second.read_bytes()
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert [c.timestamp for c in docx.Document(first).comments] == [when, when]
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_cli_annotate_with_source_date_epoch_twice_gives_the_same_bytes(
    notice: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from drafting.cli import cli

    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"})
    outs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for out in outs:
        result = runner.invoke(cli, ["lint", str(notice), "--annotate", str(out), "--select", "N"])
        assert result.exit_code == 1, result.output  # the notice has findings, annotated
    assert outs[0].read_bytes() == outs[1].read_bytes()


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5"])
def test_a_malformed_source_date_epoch_is_refused_before_linting(
    notice: Path, tmp_path: Path, value: str
) -> None:
    from click.testing import CliRunner

    from drafting.cli import cli

    out = tmp_path / "out.docx"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": value}).invoke(
        cli, ["lint", str(notice), "--annotate", str(out)]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：环境变量 SOURCE_DATE_EPOCH 应为自 1970-01-01 起的秒数（非负整数），"
        f"而不是“{value}”\n"
    )
    assert result.stdout == "" and not out.exists()


def test_paragraph_text_matches_python_docx(notice: Path) -> None:
    document = docx.Document(notice)
    for _, paragraph in numbered_paragraphs(document):
        assert paragraph_text(paragraph._p) == paragraph.text


def test_span_across_paragraphs_runs_from_first_to_last(notice: Path, tmp_path: Path) -> None:
    document = docx.Document(notice)
    fourth = dict(numbered_paragraphs(document))[4].text
    column = fourth.index("。。") + 1
    across = Finding(
        "S999", "test", Severity.WARNING, "跨段", "notice.docx",
        4, column, 5, 3, 100, 100 + 5, "。。\n二、", None, 4,
    )  # fmt: skip
    out = tmp_path / "out.docx"

    annotate_docx(notice, [across], out)

    annotated = docx.Document(out)
    (comment,) = list(annotated.comments)
    assert comment.text == "S999 跨段"
    assert comment_anchors(annotated)[comment.comment_id] == "。。\n二、"
    assert signature(annotated) == signature(document)


def test_end_to_end_through_the_linter(notice: Path, tmp_path: Path) -> None:
    from drafting.lint.api import lint_paths

    (result,) = lint_paths([notice], select=["N"])
    assert result.findings, "the fixture notice has half-width punctuation the linter reports"
    out = tmp_path / "out.docx"

    assert annotate_docx(notice, result.findings, out) == len(result.findings)

    annotated = docx.Document(out)
    anchors = comment_anchors(annotated)
    by_text = {c.text: c.comment_id for c in annotated.comments}
    header = [f for f in result.findings if f.message.endswith("（位于页眉）")]
    assert [f.excerpt for f in header] == [","]  # the header's text is read, commented apart
    assert any(header[0].message in text for text in by_text)
    for f in result.findings:
        if f not in header:
            assert anchors[by_text[comment_text(f)]] == f.excerpt
    (again,) = lint_paths([out], select=["N"])
    assert [(f.code, f.line, f.column, f.excerpt) for f in again.findings] == [
        (f.code, f.line, f.column, f.excerpt) for f in result.findings
    ]


def test_a_copy_that_already_has_comments_gets_new_ones(notice: Path, tmp_path: Path) -> None:
    document = docx.Document(notice)
    first = tmp_path / "first.docx"
    annotate_docx(notice, [finding(document, 5, "按装", "T401", fix="安装")], first)
    second = tmp_path / "second.docx"

    annotate_docx(first, [finding(document, 4, "。。", "N302", fix="。")], second)

    annotated = docx.Document(second)
    anchors = comment_anchors(annotated)
    assert sorted(anchors.values()) == sorted(["按装", "。。"])
    assert len({c.comment_id for c in annotated.comments}) == 2
    assert signature(annotated) == signature(document)


def test_line_break_inside_a_run_counts_as_one_character(tmp_path: Path) -> None:
    src = tmp_path / "br.docx"
    document = docx.Document()
    run = document.add_paragraph().add_run("附件：1.名单")
    run.add_break()
    run.add_text("2.汇总表,请填写")
    document.save(src)
    document = docx.Document(src)
    (f,) = [finding(document, 1, ",", "N301", fix="，")]
    assert f.column == 14  # the break is one character, as the linter counts it

    annotate_docx(src, [f], tmp_path / "out.docx")

    annotated = docx.Document(tmp_path / "out.docx")
    assert list(comment_anchors(annotated).values()) == [","]
    assert annotated.paragraphs[0].text == "附件：1.名单\n2.汇总表,请填写"
