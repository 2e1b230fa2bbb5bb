"""Data files: YAML, JSON and TOML load with the line of every field; bad files say where."""

from __future__ import annotations

import datetime as dt

import pytest
from paths import TESTS

from drafting.drafts.data import load_data, parse_yaml
from drafting.errors import DataError

FIXTURES = TESTS / "fixtures" / "drafts"


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


# -- syntax errors in Chinese: the parser's line and column kept, its English words not shown

TOML_ERRORS = [
    ('title = "通知"\norgan "县政府"\n', 2, "键后缺少“=”；中文键名须加英文双引号（第 7 列）"),
    ('标题 = "通知"\n', 1,
     "无法识别的语句：每行应为“键 = 值”或“[表名]”；中文键名须加英文双引号（第 1 列）"),
    ("stats = [1, 2\n", 1, "数组缺少右方括号“]”（在文件末尾）"),
    ('title = "通知\n', 1, "字符串中含有不允许的字符：换行符；字符串须在同一行内闭合（第 12 列）"),
    ("[sections]\n[sections]\n", 2, "表“sections”重复声明；请删去其中一个（第 10 列）"),
    ('title = "甲"\ntitle = "乙"\n', 2, "字段重复出现；请删去其中一个（第 12 列）"),
    ("date = 十一月\n", 1,
     "值无效：文字须加英文双引号，日期写作 2026-11-20，真假写作 true/false（第 8 列）"),
    ('path = "D:\\qq"\n', 1, "字符串中的反斜杠“\\”须写成“\\\\”（或改用单引号字符串）（第 13 列）"),
    ("date = 2026-02-30\n", 1, "日期或时间无效（第 8 列）"),
]  # fmt: skip


JSON_ERRORS = [
    ('{\n  "title": \n}\n', 3, "此处缺少值（第 1 列）"),
    ('{\n  "title" "通知"\n}\n', 2, "缺少冒号（第 11 列）"),
    ('{\n  "title": "通知" "organ": "县"\n}\n', 2, "缺少逗号（第 17 列）"),
    ('{\n  "title": "通知\n}\n', 2, "字符串中有换行或控制字符（第 15 列）"),
    ('{"path": "C:\\new\\q"}', 1, "字符串中的反斜杠“\\”须写成“\\\\”（第 17 列）"),
    ('{"title": "通知"} x', 1, "末尾有多余内容（第 17 列）"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("suffix", "text", "line", "detail"),
    [(".toml", *case) for case in TOML_ERRORS] + [(".json", *case) for case in JSON_ERRORS],
)
def test_toml_and_json_syntax_errors_are_said_in_chinese_with_line_and_column(
    tmp_path, suffix, text, line, detail
):
    path = tmp_path / f"data{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_data(path)
    assert caught.value.line == line
    assert str(caught.value) == f"{path}:{line}: 数据文件格式错误：{detail}"


YAML_ERRORS = [
    ("title: 通知: 关于\n", 1, "此处不应出现冒号；值中含“: ”时请给整个值加引号（第 10 列）"),
    ("title: 通知\norgan: 县\n  date: 2026-11-20\n", 3,
     "此处不应出现冒号；值中含“: ”时请给整个值加引号（第 7 列）"),
    ('title: "通知\norgan: 县\n', 1, "引号没有闭合（第 8 列）"),  # where the quote opened
    ("stats: [1, 2\n", 1, "方括号列表缺少逗号或右方括号“]”（第 8 列）"),
    ("title: *x\n", 1, "引用了未定义的锚点“*x”（第 8 列）"),
    ("title: *名称\n", 1,
     "“&”或“*”后应为锚点名称（英文字母或数字）；值以“&”或“*”开头时请加引号（第 9 列）"),
    ("title: !!python/object:os.system x\n", 1,
     "不支持的标签“!!python/object:os.system”；数据只能是文字、数字、日期、列表和映射（第 8 列）"),
    ("title: @通知\n", 1, "值不能以“@”开头；请给整个值加引号（第 8 列）"),
    ("title: !单位 县政府\n", 1,
     "“!”后的标签名只能用英文字母和数字；值以“!”开头时请加引号（第 9 列）"),
    ("- 甲\ntitle: 通知\n", 2, "列表项（- 开头）与“字段: 值”混在同一层；请对齐缩进（第 1 列）"),
    ("date: 2026-13-45\n", 1, "日期无效（“2026-13-45”不是真实的日期）（第 7 列）"),
    ('path: "C:\\q"\n', 1,
     "双引号中的“\\”后不能跟“q”；反斜杠请写成“\\\\”，或改用单引号（第 11 列）"),
    ("title: 通知\norgan: 县\x01政府\n", 2, "含有不允许的字符：控制字符 U+0001（第 9 列）"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "detail"), YAML_ERRORS)
def test_yaml_syntax_errors_are_said_in_chinese_with_line_and_column(text, line, detail):
    with pytest.raises(DataError) as caught:
        parse_yaml(text, source="data.yaml")
    assert caught.value.line == line
    assert str(caught.value) == f"data.yaml:{line}: 数据文件格式错误：{detail}"


def test_an_unknown_parser_message_is_kept_after_a_chinese_description():
    from drafting.syntax_errors import JSON_MESSAGES, TOML_MESSAGES, translate

    assert translate(TOML_MESSAGES, "Some new complaint", "TOML 解析器") == (
        "TOML 解析器报告“Some new complaint”"
    )
    assert translate(JSON_MESSAGES, "不是数字：'x'", "JSON 解析器") == "不是数字：'x'"
