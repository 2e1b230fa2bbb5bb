"""End to end: the sample notice and the Markdown sample rendered to .docx and read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import ROOT
from paths import SAMPLE_NOTICE as SAMPLE

import drafting.layout
from drafting.cli import cli

DRAFT = ROOT / "samples" / "通知示例.md"

if not hasattr(drafting.layout, "build_docx"):
    pytest.skip(
        "drafting.layout.build_docx 尚未提供：跳过 .docx 端到端测试", allow_module_level=True
    )


def _text(path: Path) -> tuple[str, list]:
    import docx

    from drafting.sources.docx_text import iter_paragraphs

    paragraphs = list(iter_paragraphs(docx.Document(str(path))))
    joined = "".join(re.sub(r"\s", "", p.text) for p in paragraphs)
    return joined, paragraphs


def test_sample_notice_renders_to_docx(tmp_path):
    out = tmp_path / "通知.docx"
    result = CliRunner().invoke(cli, ["render", "通知", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text, _ = _text(out)
    for expected in [
        "江州市人民政府办公室文件",
        "江政办发〔2026〕12号",
        "关于做好2026年度工作总结的通知",
        "各区人民政府，市政府各部门，各直属机构：",
        "一、总体要求",
        "（三）2027年工作思路",
        "三、报送要求",
        "2026年度工作总结报送表",
        "2026年11月20日",
        "抄送：市委办公厅，市人大常委会办公厅，市政协办公厅。",
    ]:
        assert expected in text, expected
    assert text.index("一、总体要求") < text.index("三、报送要求") < text.index("抄送：")


def test_markdown_sample_renders_to_docx_with_bold_and_table(tmp_path):
    out = tmp_path / "通知示例.docx"
    result = CliRunner().invoke(cli, ["render", str(DRAFT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text, paragraphs = _text(out)
    assert "（二）检查重点" in text and "2.燃气安全" in text
    assert "自查自纠" in text and "冬季安全生产大检查情况汇总表" in text
    bold = [
        run.text
        for paragraph in paragraphs
        for run in paragraph.runs
        if run.bold and "液化石油气" in run.text
    ]
    assert bold == ["严禁违规使用液化石油气"]


def test_docx_output_is_reproducible(tmp_path):
    runner = CliRunner()
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (first, second):
        assert runner.invoke(cli, ["render", "notice", str(SAMPLE), "-o", str(out)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.slow
def test_pdf_through_libreoffice(tmp_path, soffice):
    pymupdf = pytest.importorskip("pymupdf", reason="未安装 pymupdf：无法读取 PDF")
    out = tmp_path / "通知.pdf"
    result = CliRunner().invoke(
        cli, ["render", "notice", str(SAMPLE), "--to", "pdf", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    with pymupdf.open(str(out)) as pdf:
        first = pdf[0].get_text()
    assert "江州市人民政府办公室文件" in first
    assert "一、总体要求" in first
