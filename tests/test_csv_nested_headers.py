"""Chinese CSV headers for nested fields, and each problem said once per row (issue 19)."""

from __future__ import annotations

from pathlib import Path

from drafting.batch import run_batch
from drafting.drafts.records import load_csv
from drafting.drafts.templating import find_template

HEAD = "单位名称,年度,成文日期,开头总体评价,{columns},存在问题,明年工作打算\n"
ROW = "县信访局,2026,2026-12-20,全年工作总结如下。,{cells},问题,打算\n"


def _csv(tmp_path: Path, columns: list[str], cells: list[str]) -> Path:
    path = tmp_path / "单位.csv"
    text = HEAD.format(columns=",".join(columns)) + ROW.format(cells=",".join(cells))
    path.write_text(text, encoding="utf-8")
    return path


def _stats(path: Path) -> dict[str, object]:
    [row] = list(load_csv(path, find_template("annual-summary").schema))
    assert not isinstance(row, Exception), row
    return row.values["stats"]


def test_labels_of_each_level_with_or_without_the_unit(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        ["主要数据.受理上级来文来电（份）", "主要数据.制发文件", "主要数据.信访工作.受理来信来访"],
        ["263", "118", "87"],
    )
    assert _stats(path) == {"docs_received": 263, "docs_sent": 118, "petitions": {"received": 87}}


def test_the_leafs_label_alone_where_it_is_unique(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["受理上级来文来电（份）", "报送信息", "办结（件）"], ["263", "40", "3"])
    assert _stats(path) == {
        "docs_received": 263,
        "info": {"submitted": 40},
        "petitions": {"closed": 3},
    }


def test_a_label_two_fields_share_is_not_guessed(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["制发文件", "办结"], ["118", "3"])
    result = run_batch("annual-summary", [path], tmp_path / "out")
    [outcome] = result.outcomes
    assert outcome.status == "failed"
    assert outcome.message.startswith("未知字段“办结”；此处可用的字段：unit、year")


def test_the_fields_a_row_may_have_are_listed_once(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["下发", "受理", "办结"], ["1", "2", "3"])
    [outcome] = run_batch("annual-summary", [path], tmp_path / "out").outcomes
    assert outcome.message.count("此处可用的字段") == 1
    assert outcome.message.endswith("；未知字段“受理”；未知字段“办结”")


def test_a_figures_wording_from_its_own_columns(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        ["主要数据.制发文件.名称", "主要数据.制发文件", "stats.docs_sent.单位"],
        ["下发文件", "21", "份"],
    )
    assert _stats(path) == {"docs_sent": {"名称": "下发文件", "数量": 21, "单位": "份"}}
    result = run_batch("annual-summary", [path], tmp_path / "out", to="md")
    assert result.failed == 0, result.outcomes
    text = (tmp_path / "out" / "县信访局.md").read_text(encoding="utf-8")
    assert "全年下发文件21份。" in text
