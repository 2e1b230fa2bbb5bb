"""The engine and API: selection, suppression, config, folders, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import TESTS

from drafting.errors import ConfigError
from drafting.lint.api import collect_files, lint_paths, lint_text
from drafting.lint.config import find_config, load_config
from drafting.lint.engine import FileError, FileResult, exit_code

FIXTURES = TESTS / "fixtures" / "lint"
MINE = ["N301", "N302", "N303", "N309"]


def codes_at(result):
    return [(f.code, f.line, f.column) for f in result.findings]


def test_lint_text_reports_one_based_character_columns_and_exclusive_end():
    result = lint_text("标题一行\n请于11月5日前报送材料,逾期不再受理。", select=["N301"])
    (finding,) = result.findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 13, 2, 14)
    assert (finding.excerpt, finding.fix, finding.severity.label) == (",", "，", "error")


def test_prefix_select_and_ignore():
    text = "请于××日前报送材料,逾期不再受理。。"
    found = {f.code for f in lint_text(text, select=["N3"]).findings}
    assert found >= {"N301", "N302", "N309"} and all(c.startswith("N3") for c in found)
    left = {f.code for f in lint_text(text, select=["N3"], ignore=["N30"]).findings}
    assert not any(c.startswith("N30") for c in left)


def test_unknown_code_in_select_is_a_config_error():
    with pytest.raises(ConfigError, match="Q999"):
        lint_text("文本。", select=["Q999"])


def test_findings_sorted_by_position_then_code():
    result = lint_text("会议,，要求。", select=["N301", "N302"])
    assert [f.code for f in result.findings] == ["N301"]  # ,， is one half-width then full-width
    result = lint_text("首先。，其次,再次。", select=MINE)
    assert [(f.code, f.column) for f in result.findings] == [("N302", 3), ("N301", 7)]


def test_auto_genre_from_title_and_moumou_only_in_notice():
    notice = lint_text("关于开展检查的通知\n请某某单位于月底前报送。", select=["N309"])
    assert notice.genre == "notice"
    assert notice.choice.describe() == "按标题“关于开展检查的通知”判断为 notice（通知）"
    assert codes_at(notice) == [("N309", 2, 2)]
    commentary = lint_text("警惕形式主义的时评\n某某单位的做法值得反思。", select=["N309"])
    assert commentary.genre == "commentary" and commentary.findings == []
    generic = lint_text("随笔\n某某说过一句话。", select=["N309"])
    assert generic.genre == "generic" and generic.findings == []


def test_suppression_comments_in_markdown():
    (result,) = lint_paths([FIXTURES / "suppressed.md"], genre="generic", select=MINE)
    assert codes_at(result) == [
        ("N301", 7, 7),
        ("N301", 11, 9),
        ("N309", 16, 9),
    ]


def test_suppression_in_plain_text_blanks_the_comment_line():
    text = "<!-- drafting: disable-next-line -->\n材料,谢谢。\n材料,谢谢。"
    result = lint_text(text, select=["N301"])
    assert codes_at(result) == [("N301", 3, 3)]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_found_upward_sets_options_and_ignore(tmp_path):
    write(
        tmp_path / "drafting.toml",
        'ignore = ["N301"]\nfail-on = "error"\n[rules.P201]\nmax = 10\n',
    )
    doc = write(tmp_path / "sub" / "a.txt", "这一句话已经超过了十个字的上限,对吧。")
    assert find_config(doc) == tmp_path / "drafting.toml"
    (result,) = lint_paths([doc], select=["N301", "P201"])
    assert [f.code for f in result.findings] == ["P201"]
    assert result.fail_on.label == "error" and exit_code([result]) == 0


def test_pyproject_table_is_read(tmp_path):
    write(
        tmp_path / "pyproject.toml", '[project]\nname="x"\n[tool.drafting.lint]\ngenre = "notice"\n'
    )
    doc = write(tmp_path / "a.txt", "某某单位报送材料。")
    (result,) = lint_paths([doc], select=["N309"])
    assert result.genre == "notice" and [f.excerpt for f in result.findings] == ["某某"]


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('colour = "red"\n', "colour"),
        ('select = ["N301", "Z1"]\n', "Z1"),
        ('genre = "poem"\n', "genre"),
        ('fail-on = "fatal"\n', "fail-on"),
        ("[rules.P201]\nmaximum = 70\n", "rules.P201.maximum"),
        ('[rules.P201]\nmax = "seventy"\n', "rules.P201.max"),
        ("[rules.X100]\nmax = 1\n", "rules.X100"),
        ('extra-florid = ["missing.txt"]\n', "extra-florid"),
    ],
)
def test_config_errors_name_the_key(tmp_path, toml, key):
    config = write(tmp_path / "drafting.toml", toml)
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")) as caught:
        load_config(config)
    assert str(config) in str(caught.value)


def test_extra_lexicons_reach_rule_options(tmp_path):
    from drafting.lint.engine import Settings, rule_options
    from drafting.lint.extras import allowed, extra_words
    from drafting.lint.rule import all_rules

    write(tmp_path / "words" / "florid.txt", "# 本单位补充的辞藻\n金碧辉煌\n")
    config = load_config(write(tmp_path / "drafting.toml", 'extra-florid = "words/florid.txt"\n'))
    opts = rule_options(all_rules()["P201"], "generic", Settings.merge(config))
    assert extra_words(opts, "florid") == ("金碧辉煌",)
    assert allowed(opts) == frozenset()


def test_folder_with_good_and_unreadable_files(tmp_path):
    write(tmp_path / "good.txt", "请于11月5日前报送材料,逾期不再受理。")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    write(tmp_path / ".hidden" / "skip.txt", "不应读取,这里。")
    write(tmp_path / "node_modules" / "skip.md", "不应读取,这里。")
    results = lint_paths([tmp_path], select=["N301"])
    assert [type(r).__name__ for r in results] == ["FileError", "FileResult"]
    error, good = results
    assert isinstance(error, FileError) and "不是文本文件" in error.message
    assert isinstance(good, FileResult) and codes_at(good) == [("N301", 1, 13)]
    assert exit_code(results) == 2


def test_config_exclude_applies_to_folders(tmp_path):
    write(tmp_path / "drafting.toml", 'exclude = ["草稿/*"]\n')
    write(tmp_path / "草稿" / "a.txt", "内容。")
    write(tmp_path / "正式" / "b.md", "内容。")
    assert [p.name for p in collect_files(tmp_path, ["草稿/*"])] == ["b.md"]
    assert [Path(r.path).name for r in lint_paths([tmp_path])] == ["b.md"]


def test_gitignore_of_the_linted_folder_is_honoured(tmp_path):
    write(tmp_path / ".gitignore", "# 忽略\nbuild/\n/旧稿.md\n*.tmp.txt\n!keep.md\n")
    write(tmp_path / "build" / "out.md", "内容。")
    write(tmp_path / "旧稿.md", "内容。")
    write(tmp_path / "a.tmp.txt", "内容。")
    write(tmp_path / "子目录" / "旧稿.md", "内容。")
    write(tmp_path / "正文.txt", "内容。")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_files(tmp_path)]
    assert found == ["子目录/旧稿.md", "正文.txt"]


def test_stdin_bytes_are_linted():
    (result,) = lint_paths(["-"], stdin="材料,谢谢。".encode("gb18030"), select=["N301"])
    assert result.path == "<stdin>" and codes_at(result) == [("N301", 1, 3)]


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("关于开展安全生产大检查的通知", "notice"),
        ("江州市人民政府关于2026年财政预算执行情况的报告", "notice"),
        ("关于商请支持人才交流工作的函", "notice"),
        ("第三次党组会议纪要", "notice"),
        ("市应急管理局2026年工作总结", "summary"),
        ("县人民政府办公室综合科工作职责", "duties"),
        ("为基层减负要减到实处——时评", "commentary"),
        ("秋天的回忆", None),
        ("", None),
    ],
)
def test_guess_genre_from_title(title, genre):
    from drafting.lint.profiles import guess_genre

    assert guess_genre(title) == genre


def test_declared_kind_wins_over_the_title(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: 关于减负的通知\nkind: commentary\n---\n\n正文。\n")
    (result,) = lint_paths([path])
    assert (result.genre, result.choice.reason) == ("commentary", "declared")
    annual = write(tmp_path / "b.md", "---\ntitle: 年度回顾\nkind: annual-summary\n---\n\n正文。\n")
    assert lint_paths([annual])[0].genre == "summary"


def test_half_width_colon_after_recipients_is_reported_once_by_n311():
    text = "关于做好年终工作的通知\n各区县人民政府,市各委办局:\n现将有关事项通知如下。\n"
    codes = [(f.code, f.column) for f in lint_text(text, genre="notice", select=["N3"]).findings]
    assert ("N311", 14) in codes
    assert ("N301", 14) not in codes
    assert ("N301", 8) in codes  # the comma inside the line is still N301's


def test_n301_still_reports_the_colon_when_n311_is_not_selected():
    text = "关于做好年终工作的通知\n各区县人民政府:\n现将有关事项通知如下。\n"
    codes = [f.code for f in lint_text(text, genre="notice", select=["N301"]).findings]
    assert codes == ["N301"]
