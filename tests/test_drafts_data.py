"""Data files: YAML, JSON and TOML load with the line of every field; bad files say where."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.drafts.data import load_data, parse_yaml
from drafting.errors import DataError

FIXTURES = Path(__file__).parent / "fixtures" / "drafts"


def test_yaml_keeps_line_of_every_field_and_item():
    data = load_data(FIXTURES / "notice_bad_date.yaml")
    assert data.values["date"] == "十一月二十日"
    assert data.line_of(("date",)) == 7
    assert data.line_of(("sections", 0, "heading")) == 9
    assert data.line_of(("sections", 0, "paragraphs", 0)) == 11
    # a path without its own line falls back to its parent's
    assert data.line_of(("sections", 0, "heading", "missing")) == 9


def test_yaml_dates_become_dates():
    data = parse_yaml("date: 2026-11-20\n", source="x.yaml")
    assert data.values["date"] == dt.date(2026, 11, 20)


def test_yaml_tab_indent_names_file_and_line():
    with pytest.raises(DataError) as caught:
        load_data(FIXTURES / "tabs.yaml")
    assert caught.value.line == 4
    assert "Tab" in str(caught.value) and "空格" in str(caught.value)
    assert str(caught.value).startswith(f"{FIXTURES / 'tabs.yaml'}:4: 数据文件格式错误")


def test_yaml_duplicate_key_names_both_lines():
    with pytest.raises(DataError) as caught:
        load_data(FIXTURES / "duplicate.yaml")
    assert caught.value.line == 4
    assert "字段“title”重复出现（第 2 行已有）" in str(caught.value)


def test_yaml_top_level_list_is_refused():
    with pytest.raises(DataError, match="顶层应为“字段: 值”的映射"):
        load_data(FIXTURES / "top_list.yaml")


def test_yaml_impossible_date_names_its_line():
    with pytest.raises(DataError) as caught:
        parse_yaml("title: 通知\ndate: 2026-13-45\n", source="x.yaml")
    assert caught.value.line == 2
    assert "日期无效" in str(caught.value)


def test_yaml_line_offset_shifts_lines():
    data = parse_yaml("title: 通知\ndate: 2026-11-20\n", source="d.md", line_offset=1)
    assert data.line_of(("date",)) == 3


def test_empty_yaml_is_an_error():
    with pytest.raises(DataError, match="数据文件为空"):
        parse_yaml("# 只有注释\n", source="x.yaml")


def test_stdin_dash_reads_yaml():
    data = load_data("-", stdin="title: 关于开展检查的通知\n")
    assert data.source == "<stdin>"
    assert data.values == {"title": "关于开展检查的通知"}


def test_json_lines_found_in_document_order():
    data = load_data(FIXTURES / "notice.json")
    assert data.line_of(("title",)) == 3
    assert data.line_of(("sections", 1, "heading")) == 10
    assert data.line_of(("sections", 1)) == 10


def test_json_syntax_error_names_line_in_chinese():
    with pytest.raises(DataError) as caught:
        load_data(FIXTURES / "bad.json")
    assert caught.value.line == 4
    assert "数据文件格式错误：缺少逗号" in str(caught.value)


def test_json_duplicate_key_is_refused(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{\n  "title": "甲",\n  "title": "乙"\n}\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_data(path)
    assert caught.value.line == 3
    assert "字段“title”重复出现" in str(caught.value)


def test_toml_lines_include_array_of_tables():
    data = load_data(FIXTURES / "notice.toml")
    assert data.values["date"] == dt.date(2026, 11, 20)
    assert data.line_of(("date",)) == 7
    assert data.line_of(("sections", 1, "heading")) == 14
    assert data.line_of(("sections", 1, "urgent")) == 16


def test_toml_duplicate_key_names_line():
    with pytest.raises(DataError) as caught:
        load_data(FIXTURES / "duplicate.toml")
    assert caught.value.line == 3
    assert "重复" in str(caught.value)


def test_unknown_extension_and_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"不认识的数据文件扩展名“\.xlsx”"):
        load_data(tmp_path / "data.xlsx")
    with pytest.raises(DataError, match="找不到数据文件"):
        load_data(tmp_path / "absent.yaml")


def test_data_file_must_be_utf8(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("# 通知数据\ntitle: 关于开展冬季安全生产大检查的通知\n".encode("gb18030"))
    with pytest.raises(DataError) as caught:
        load_data(path)
    assert caught.value.line == 1
    assert "文件不是 UTF-8 编码" in str(caught.value) and "请另存为 UTF-8" in str(caught.value)
