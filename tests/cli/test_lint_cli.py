"""The lint, rules and explain commands: output, exit codes, errors, and light imports."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from paths import TESTS

from drafting.cli import cli

FIXTURES = TESTS / "fixtures" / "lint"


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_text_output_has_location_caret_under_cjk_and_chinese_summary():
    result = run("lint", "--select", "N301", str(FIXTURES / "plain.txt"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith("按标题“关于做好年度考核工作的通知”判断为 notice（通知）")
    message = "N301 [error] 中文语句中用了半角“:”，应为全角“：”（可自动修复为“：”）"
    assert lines[1] == f"{FIXTURES / 'plain.txt'}:2:4: {message}"
    assert lines[2] == "    各处室:"
    assert lines[3] == "    " + " " * 6 + "^"  # three CJK characters are six columns
    assert lines[-1] == "2 个错误，0 个警告，0 个提示，共 1 个文件"


def test_caret_spans_the_display_width_of_a_cjk_span():
    result = run("lint", "--select", "N302", "--genre", "generic", "-", input="全体人员参加。。\n")
    assert result.output.splitlines()[1:3] == ["    全体人员参加。。", "    " + " " * 12 + "^~~~"]


def test_clean_input_exits_zero_and_fail_on_raises_the_bar():
    assert run("lint", "-", input="请于月底前报送材料。\n").exit_code == 0
    text = "请于XX日前报送材料。\n"
    assert run("lint", "--select", "N309", "-", input=text).exit_code == 1
    long = "这" * 70 + "。\n"
    assert run("lint", "--select", "P201", "-", input=long).exit_code == 1
    assert run("lint", "--select", "P201", "--fail-on", "error", "-", input=long).exit_code == 0


def test_json_output_structure():
    result = run(
        "lint", "--format", "json", "--select", "N301,N302,N303,N309", str(FIXTURES / "report.docx")
    )
    data = json.loads(result.output)
    assert set(data) >= {"version", "files", "summary"}
    (file,) = data["files"]
    assert file["genre"] == "notice"
    first = file["findings"][0]
    assert first == {
        "code": "N301",
        "name": "halfwidth-punct",
        "severity": "error",
        "message": "中文语句中用了半角“,”，应为全角“，”",
        "path": str(FIXTURES / "report.docx"),
        "line": 5,
        "column": 12,
        "end_line": 5,
        "end_column": 13,
        "excerpt": ",",
        "fix": "，",
        "paragraph": 5,
    }
    assert data["summary"]["errors"] == len(file["findings"])


def test_unreadable_file_gets_one_error_line_and_exit_2_while_others_are_linted(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00junk")
    result = CliRunner().invoke(
        cli, ["lint", "--select", "N301", str(FIXTURES / "plain.txt"), str(tmp_path / "bad.txt")]
    )
    assert result.exit_code == 2
    assert f"错误：{tmp_path / 'bad.txt'}: 不是文本文件" in result.stderr
    assert "plain.txt:2:4: N301" in result.stdout
    assert "2 个错误，0 个警告，0 个提示，共 1 个文件；1 个文件无法读取" in result.stdout


def test_missing_file_and_bad_config_exit_2(tmp_path):
    assert "文件不存在" in run("lint", str(tmp_path / "nope.txt")).stderr
    config = tmp_path / "c.toml"
    config.write_text("[rules.P201]\nmax = 'x'\n", encoding="utf-8")
    result = run("lint", "--config", str(config), str(FIXTURES / "plain.txt"))
    assert result.exit_code == 2 and "rules.P201.max" in result.stderr
    result = run("lint", "--select", "Q1", str(FIXTURES / "plain.txt"))
    assert result.exit_code == 2 and "--select 中的规则代码 Q1 不存在" in result.stderr


def test_output_file_is_written_and_not_overwritten_without_force(tmp_path):
    out = tmp_path / "report.sarif"
    assert (
        run("lint", "--format", "sarif", "-o", str(out), str(FIXTURES / "good.txt")).exit_code == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    again = run("lint", "--format", "sarif", "-o", str(out), str(FIXTURES / "good.txt"))
    assert again.exit_code == 2 and "--force" in again.stderr


def test_rules_lists_the_catalogue_and_filters_by_genre():
    result = run("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["代码", "名称", "严重程度", "可修复"]
    n301 = next(line for line in lines if line.startswith("N301"))
    assert n301.split()[:4] == ["N301", "halfwidth-punct", "error", "是"]
    notice_only = run("rules", "--genre", "commentary").output
    assert "N309" in notice_only and "P201" in notice_only


def test_explain_prints_the_page_and_unknown_code_exits_2():
    page = run("explain", "p201").output
    for heading in ("检查什么：", "为什么：", "例：", "改为：", "可否自动修复："):
        assert heading in page
    assert "max = 60" in page
    unknown = run("explain", "X999")
    assert unknown.exit_code == 2 and "drafting rules" in unknown.stderr


def test_help_and_rules_do_not_import_jieba():
    code = (
        "import sys\n"
        "from drafting.cli import cli\n"
        "for args in (['--help'], ['rules'], ['explain', 'N301']):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('jieba' in sys.modules, 'docx' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_report_may_not_replace_a_file_the_folder_lint_reads(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("请于月底前报送材料,逾期不再受理。\n", encoding="utf-8")
    report = docs / "report.txt"
    report.write_text("上次的报告\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    refused = run("lint", "docs", "-o", "docs/report.txt", "--force")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "错误：docs/report.txt: 审校报告不能写到被审校的文件上，请另给一个文件名\n"
    )
    assert report.read_text(encoding="utf-8") == "上次的报告\n"

    (tmp_path / "drafting.toml").write_text('exclude = ["report.txt"]\n', encoding="utf-8")
    allowed = run("lint", "docs", "-o", "docs/report.txt", "--force")  # no longer linted
    assert allowed.exit_code == 1
    assert "docs/a.txt:1:10: N301" in report.read_text(encoding="utf-8")
