"""``drafting lint`` on a clerk's .docx: ``--fix -o FIXED.docx`` writes the corrected copy and
reports what remains; ``--annotate OUTDIR`` writes one annotated copy per file into OUTDIR,
never beside or over an input; ``--render`` says when it cannot measure; the catalogue lists
the layout rules."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
from clerk_docx import Clerk, build
from click.testing import CliRunner

from drafting.cli import cli


def _run(*args: str):
    return CliRunner().invoke(cli, ["lint", *args])


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_fix_writes_the_corrected_copy_and_reports_what_remains(tmp_path: Path) -> None:
    source = tmp_path / "通知.docx"
    source.write_bytes(build(Clerk(title_font="黑体", body_size=12, page_numbers="-{n}-")))
    before = source.read_bytes()
    fixed = tmp_path / "通知-修正.docx"

    result = _run(str(source), "--fix", "-o", str(fixed), "--select", "L5,N301")

    assert result.exit_code == 0, result.output
    assert source.read_bytes() == before
    assert "已修正：" in result.stderr and "页码：“— 1 —”四号宋体" in result.stderr
    assert f"已写入版式修正副本：{fixed}（文字未作任何改动" in result.stderr
    assert result.stdout.splitlines()[-1].startswith("0 个错误，0 个警告")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通知-修正.docx", "通知.docx"]
    original = [p.text for p in docx.Document(source).paragraphs if p.text]
    assert [p.text for p in docx.Document(fixed).paragraphs if p.text] == original


def test_fix_reports_the_text_findings_left_in_the_copy(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于报送材料的通知")
    document.add_paragraph("请于11月5日前报送材料,逾期不再受理。")
    source = tmp_path / "a.docx"
    document.save(source)
    fixed = tmp_path / "b.docx"
    result = _run(str(source), "--fix", "-o", str(fixed), "--select", "N301,L5")
    assert result.exit_code == 1
    assert "b.docx:2:" in result.stdout and "N301" in result.stdout
    assert "L5" not in result.stdout


def test_fix_will_not_replace_a_file_without_force(tmp_path: Path) -> None:
    source = tmp_path / "a.docx"
    source.write_bytes(build(Clerk(title_font="黑体")))
    fixed = tmp_path / "b.docx"
    fixed.write_bytes(b"mine")
    result = _run(str(source), "--fix", "-o", str(fixed))
    assert result.exit_code == 2 and fixed.read_bytes() == b"mine"
    assert "--force" in result.stderr
    assert _run(str(source), "--fix", "-o", str(fixed), "--force", "--select", "L5").exit_code == 0
    assert fixed.read_bytes()[:2] == b"PK"


def test_a_docx_fixed_without_o_is_left_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "a.docx"
    source.write_bytes(build(Clerk(title_font="黑体")))
    before = source.read_bytes()
    result = _run(str(source), "--fix", "--select", "L5")
    assert result.exit_code == 1 and source.read_bytes() == before
    assert "--fix -o 副本.docx 生成版式修正副本" in result.stderr


def test_annotate_outdir_writes_one_copy_per_document_and_nothing_beside(tmp_path: Path) -> None:
    inputs = tmp_path / "收文"
    (inputs / "二科").mkdir(parents=True)
    (inputs / "通知.docx").write_bytes(build(Clerk(title_font="黑体")))
    (inputs / "二科" / "函.docx").write_bytes(build(Clerk(mark_color="000000")))
    (inputs / "草稿.txt").write_text("请于11月5日前报送材料,逾期不再受理。\n", encoding="utf-8")
    before = _hashes(inputs)
    out = tmp_path / "批注"

    result = _run(str(inputs), "--annotate", str(out), "--select", "L5,N301")

    assert result.exit_code == 1, result.output
    assert _hashes(inputs) == before  # nothing changed or added beside the inputs
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.docx")) == [
        "二科/函.docx",
        "通知.docx",
    ]
    assert f"已写入批注副本：{out / '通知.docx'}（1 条批注）" in result.stderr
    assert "共写入 2 个批注副本" in result.stderr
    comments = [c.text for c in docx.Document(out / "二科" / "函.docx").comments]
    assert comments == ["L508 发文机关标志为黑色，应为红色"]


def test_annotate_outdir_of_several_files_from_several_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "通知.docx").write_bytes(build(Clerk(title_font="黑体")))
    (tmp_path / "b" / "通知.docx").write_bytes(build(Clerk(title_size=16)))
    out = tmp_path / "批注"
    result = _run(
        str(tmp_path / "a" / "通知.docx"), str(tmp_path / "b" / "通知.docx"),
        "--annotate", str(out), "--select", "L5",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["通知.docx", "通知（2）.docx"]


def test_annotate_outdir_inside_an_input_folder_is_refused(tmp_path: Path) -> None:
    inputs = tmp_path / "收文"
    inputs.mkdir()
    (inputs / "通知.docx").write_bytes(build(Clerk(title_font="黑体")))
    before = _hashes(inputs)
    for target in (inputs, inputs / "批注"):
        result = _run(str(inputs), "--annotate", str(target))
        assert result.exit_code == 2
        assert "批注副本的文件夹不能是被审校的文件夹" in result.stderr
        assert _hashes(inputs) == before and not (inputs / "批注").exists()


def test_annotate_outdir_beside_an_input_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(build(Clerk(title_font="黑体")))
    (tmp_path / "b.docx").write_bytes(build())
    result = _run(str(tmp_path / "a.docx"), str(tmp_path / "b.docx"), "--annotate", str(tmp_path))
    assert result.exit_code == 2 and "不能是输入文件所在的文件夹" in result.stderr


def test_annotate_outdir_keeps_existing_copies_unless_forced(tmp_path: Path) -> None:
    inputs = tmp_path / "收文"
    inputs.mkdir()
    (inputs / "通知.docx").write_bytes(build(Clerk(title_font="黑体")))
    out = tmp_path / "批注"
    out.mkdir()
    (out / "通知.docx").write_bytes(b"earlier")
    result = _run(str(inputs), "--annotate", str(out), "--select", "L5")
    assert result.exit_code == 2 and (out / "通知.docx").read_bytes() == b"earlier"
    assert "--force" in result.stderr
    result = _run(str(inputs), "--annotate", str(out), "--select", "L5", "--force")
    assert result.exit_code == 1 and (out / "通知.docx").read_bytes()[:2] == b"PK"


def test_render_without_libreoffice_says_so_and_still_checks(tmp_path, monkeypatch) -> None:
    import drafting.office_convert as convert

    monkeypatch.setattr(convert, "soffice_path", lambda: None)
    source = tmp_path / "a.docx"
    source.write_bytes(build(Clerk(grid=None)))
    result = _run(str(source), "--render", "--select", "L5")
    assert result.exit_code == 1
    assert "提示：--render 需要 LibreOffice，但本机未安装（找不到 soffice）" in result.stderr
    assert "L503" in result.stdout and "实测" not in result.stdout


def test_json_report_of_a_layout_finding_carries_the_paragraph(tmp_path: Path) -> None:
    source = tmp_path / "a.docx"
    source.write_bytes(build(Clerk(title_size=16)))
    result = _run(str(source), "--select", "L5", "--format", "json")
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (finding["code"], finding["line"], finding["paragraph"]) == ("L505", 4, 4)
    assert finding["message"] == "标题字号为三号，应为二号"


def test_rules_and_explain_show_the_layout_family() -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["rules"]).stdout
    assert "L501" in table and "L517" in table
    page = runner.invoke(cli, ["explain", "L513"]).stdout
    assert "GB/T 9704-2012 7.5" in page and "— 1 —" in page
