"""The writers' commands: templates, new, render — output, messages and exit codes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from paths import ROOT, TESTS
from paths import SAMPLE_NOTICE as SAMPLE

from drafting.cli import cli
from drafting.resources import templates_dir

FIXTURES = TESTS / "fixtures" / "drafts"
DRAFT = ROOT / "samples" / "通知示例.md"


@pytest.fixture
def runner():
    return CliRunner()


def test_templates_lists_id_and_chinese_name(runner):
    result = runner.invoke(cli, ["templates"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "notice\t通知\t发布、传达要求下级机关执行和有关单位周知或者执行的事项" in lines
    assert len(lines) == len(
        [folder for folder in templates_dir().iterdir() if (folder / "schema.yaml").is_file()]
    )


def test_new_prints_the_commented_sample(runner):
    result = runner.invoke(cli, ["new", "通知"])
    assert result.exit_code == 0
    assert result.output == SAMPLE.read_text(encoding="utf-8")
    assert result.output.startswith("# 通知样例数据")


def test_new_writes_file_but_never_overwrites_without_force(runner, tmp_path):
    out = tmp_path / "通知.yaml"
    first = runner.invoke(cli, ["new", "notice", "-o", str(out)])
    assert first.exit_code == 0 and out.read_text(encoding="utf-8") == SAMPLE.read_text("utf-8")
    out.write_text("title: 我的数据\n", encoding="utf-8")
    again = runner.invoke(cli, ["new", "notice", "-o", str(out)])
    assert again.exit_code == 2
    assert again.output.strip() == f"错误：{out}: 文件已存在，未覆盖；如需覆盖请加 --force"
    assert out.read_text(encoding="utf-8") == "title: 我的数据\n"
    forced = runner.invoke(cli, ["new", "notice", "-o", str(out), "--force"])
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# 通知样例数据")


def test_render_md_and_txt(runner, tmp_path):
    md = tmp_path / "通知.md"
    result = runner.invoke(cli, ["render", "notice", str(SAMPLE), "-o", str(md)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"已生成：{md}（notice 模板）"
    assert md.read_text(encoding="utf-8").startswith('---\ntitle: "关于做好2026年度工作总结的通知"')
    txt = tmp_path / "通知.txt"
    result = runner.invoke(cli, ["render", str(md), "-o", str(txt)])
    assert result.exit_code == 0, result.output
    lines = txt.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "关于做好2026年度工作总结的通知"
    assert "一、总体要求" in lines and "（三）2027年工作思路" in lines
    assert lines[-2:] == [
        "抄送：市委办公厅，市人大常委会办公厅，市政协办公厅。",
        "江州市人民政府办公室　2026年11月20日印发",
    ]


def test_render_refuses_to_overwrite_without_force(runner, tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("原有内容\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", "notice", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 2
    assert "文件已存在，未覆盖；如需覆盖请加 --force" in result.output
    assert out.read_text(encoding="utf-8") == "原有内容\n"
    forced = runner.invoke(cli, ["render", "notice", str(SAMPLE), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("关于做好2026年度工作总结的通知\n")


def test_unknown_template_lists_ids_and_exits_2(runner, tmp_path):
    result = runner.invoke(cli, ["render", "议案", str(SAMPLE), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2
    assert result.output.startswith("错误：没有名为“议案”的模板；")
    assert "notice（通知）" in result.output
    assert "Traceback" not in result.output


def test_invalid_data_names_field_and_line_and_writes_nothing(runner, tmp_path):
    out = tmp_path / "通知.docx"
    data = FIXTURES / "notice_bad_date.yaml"
    result = runner.invoke(cli, ["render", "notice", str(data), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip() == f"错误：{data}:7: 字段“date”（成文日期）应为日期，如 2026-11-20"
    assert list(tmp_path.iterdir()) == []


def test_render_template_without_data_is_a_usage_error(runner):
    result = runner.invoke(cli, ["render", "notice"])
    assert result.exit_code == 2
    assert "缺少数据文件：drafting render notice 数据.yaml" in result.output


def test_render_draft_with_data_is_a_usage_error(runner):
    result = runner.invoke(cli, ["render", str(DRAFT), str(SAMPLE)])
    assert result.exit_code == 2
    assert "渲染 Markdown 文稿时不需要数据文件" in result.output


def test_default_output_is_the_stem_in_the_current_folder(runner, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(cli, ["render", str(DRAFT), "--to", "txt"])
    assert result.exit_code == 0, result.output
    assert (
        (work / "通知示例.txt")
        .read_text(encoding="utf-8")
        .startswith("关于开展2026年冬季安全生产大检查的通知\n")
    )


def test_yaml_from_stdin(runner, tmp_path):
    out = tmp_path / "stdin.txt"
    result = runner.invoke(
        cli, ["render", "notice", "-", "-o", str(out)], input=SAMPLE.read_text(encoding="utf-8")
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("关于做好2026年度工作总结的通知\n")


def test_pdf_without_libreoffice_says_so(runner, tmp_path, monkeypatch):
    import drafting.render as render

    monkeypatch.setattr(render, "soffice_path", lambda: None)
    monkeypatch.setattr(render, "docx_bytes", lambda draft, fonts=None: b"docx")
    out = tmp_path / "通知.pdf"
    result = runner.invoke(cli, ["render", "notice", str(SAMPLE), "-o", str(out), "--no-lint"])
    assert result.exit_code == 2
    assert "生成 PDF 需要 LibreOffice，但本机未安装" in result.output
    assert not out.exists()


def test_user_template_dir_option(runner, tmp_path):
    folder = tmp_path / "tpl" / "memo"
    folder.mkdir(parents=True)
    (folder / "schema.yaml").write_text(
        "id: memo\nname: 备忘\ndescription: 自己的模板\n"
        "fields:\n  title: {type: string, required: true, label: 标题}\n",
        encoding="utf-8",
    )
    (folder / "template.md.j2").write_text(
        "---\ntitle: {{ title | yaml }}\n---\n\n正文。\n", "utf-8"
    )
    (folder / "sample.yaml").write_text("title: 关于测试的备忘\n", encoding="utf-8")
    listing = runner.invoke(cli, ["templates", "--template-dir", str(tmp_path / "tpl")])
    assert "memo\t备忘\t自己的模板" in listing.output.splitlines()
    out = tmp_path / "memo.txt"
    result = runner.invoke(
        cli,
        [
            "render",
            "备忘",
            str(folder / "sample.yaml"),
            "-o",
            str(out),
            "--template-dir",
            str(tmp_path / "tpl"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == "关于测试的备忘\n\n正文。\n"


def test_data_file_given_as_kind_is_explained(runner):
    result = runner.invoke(cli, ["render", "notice.yaml"])
    assert result.exit_code == 2
    assert "请先给出模板名，再给出数据文件：drafting render KIND notice.yaml" in result.output


def test_invalid_draft_is_reported_with_its_line(runner, tmp_path):
    draft = FIXTURES / "bad_front_matter.md"
    result = runner.invoke(cli, ["render", str(draft), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"错误：{draft}:4: 字段“date”（成文日期）应为日期，如 2026-11-20（另有 1 处问题）"
    )
    assert not (tmp_path / "x.docx").exists()


def test_gb18030_markdown_draft_is_read_like_the_linter_reads_it(runner, tmp_path):
    draft = tmp_path / "通知.md"
    draft.write_bytes(DRAFT.read_text(encoding="utf-8").encode("gb18030"))
    out = tmp_path / "通知.txt"
    result = runner.invoke(cli, ["render", str(draft), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("关于开展2026年冬季安全生产大检查的通知\n")


def test_render_previous_file_states_the_year_on_year_change(runner, tmp_path):
    import yaml

    sample = yaml.safe_load((templates_dir() / "annual-summary" / "sample.yaml").read_text("utf-8"))
    sample.pop("previous", None)
    data = tmp_path / "本年.yaml"
    data.write_text(yaml.safe_dump(sample, allow_unicode=True), encoding="utf-8")
    last_year = tmp_path / "上年.yaml"
    last_year.write_text("stats:\n  docs_received: 251\n", encoding="utf-8")
    out = tmp_path / "总结.txt"
    args = ["render", "年终总结", str(data), "--previous", str(last_year), "-o", str(out)]
    result = runner.invoke(cli, [*args, "--no-lint"])
    assert result.exit_code == 0, result.output
    assert "263份" in out.read_text("utf-8")
    assert "同比增加12份" in out.read_text("utf-8")


def test_render_previous_with_a_markdown_draft_is_a_usage_error(runner, tmp_path):
    draft = tmp_path / "稿.md"
    draft.write_text("---\ntitle: 关于开会的通知\n---\n正文。\n", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(draft), "--previous", str(draft)])
    assert result.exit_code == 2
    assert "--previous 只用于" in result.output
    assert not (tmp_path / "稿.docx").exists()


def test_a_missing_draft_is_said_before_the_output_that_exists(tmp_path, monkeypatch) -> None:
    """``render 通知.md -o 通知.docx`` without 通知.md: the missing draft is said first."""
    from click.testing import CliRunner

    from drafting.cli import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "通知.docx").write_bytes(b"earlier")
    result = CliRunner().invoke(cli, ["render", "通知.md", "-o", "通知.docx"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["错误：通知.md: 找不到文稿文件"]
    assert (tmp_path / "通知.docx").read_bytes() == b"earlier"
