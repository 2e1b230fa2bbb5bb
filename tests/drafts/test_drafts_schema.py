"""Template schemas: loading, and validation errors that name field, label, file and line."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from paths import SAMPLE_NOTICE, TESTS

from drafting.drafts.data import load_data, parse_yaml
from drafting.drafts.schema import ValidationError, load_schema, validate
from drafting.errors import TemplateError
from drafting.resources import templates_dir

FIXTURES = TESTS / "fixtures" / "drafts"


@pytest.fixture(scope="module")
def notice():
    return load_schema(templates_dir() / "notice" / "schema.yaml")


def test_notice_schema_loads_with_labels(notice):
    assert notice.id == "notice" and notice.name == "通知" and notice.layout == "official"
    assert notice.fields["date"].type == "date" and notice.fields["date"].label == "成文日期"
    section = notice.fields["sections"].items
    assert section.type == "mapping" and section.fields["heading"].required


def test_every_shipped_schema_loads():
    folders = [folder for folder in templates_dir().iterdir() if (folder / "schema.yaml").is_file()]
    assert folders
    for folder in folders:
        assert load_schema(folder / "schema.yaml").id == folder.name


def test_ill_typed_date_names_field_label_file_and_line(notice):
    path = FIXTURES / "notice_bad_date.yaml"
    with pytest.raises(ValidationError) as caught:
        validate(notice, load_data(path))
    assert str(caught.value) == f"{path}:7: 字段“date”（成文日期）应为日期，如 2026-11-20"


def test_missing_fields_are_all_listed(notice):
    path = FIXTURES / "notice_missing_title.yaml"
    with pytest.raises(ValidationError) as caught:
        validate(notice, load_data(path))
    assert caught.value.problems == [
        ("缺少必填的字段“title”（标题），如：关于做好2026年度工作总结的通知", None),
        ("缺少必填的字段“sections[1].heading”（事项标题），如：总体要求", 8),
    ]
    assert str(caught.value).endswith("（另有 1 处问题）")


def test_unknown_field_suggests_the_close_name(notice):
    path = FIXTURES / "notice_typo.yaml"
    with pytest.raises(ValidationError) as caught:
        validate(notice, load_data(path))
    assert str(caught.value) == f"{path}:3: 未知字段“titel”；是否想写“title”（标题）？"


def test_unknown_field_written_as_chinese_label_is_pointed_to_the_english_name(notice):
    data = parse_yaml("标题: 关于开展检查的通知\n", source="n.yaml")
    with pytest.raises(ValidationError) as caught:
        validate(notice, data)
    assert ("未知字段“标题”；字段名请用英文“title”（标题）", 1) in caught.value.problems


def test_nested_unknown_field_in_toml_names_dotted_path_and_line(notice):
    with pytest.raises(ValidationError) as caught:
        validate(notice, load_data(FIXTURES / "notice.toml"))
    message, line = caught.value.problems[0]
    assert line == 16
    assert message.startswith("未知字段“sections[2].urgent”；此处可用的字段：heading、paragraphs")


def test_json_item_of_wrong_type(notice):
    with pytest.raises(ValidationError) as caught:
        validate(notice, load_data(FIXTURES / "notice.json"))
    assert caught.value.problems == [("字段“sections[2].paragraphs[1]”应为文字", 10)]


def test_valid_data_gets_defaults_and_dates(notice):
    values = validate(notice, load_data(SAMPLE_NOTICE))
    assert values["date"] == dt.date(2026, 11, 20)
    assert values["sections"][0]["subsections"] == []


def _schema(tmp_path: Path, text: str):
    path = tmp_path / "schema.yaml"
    path.write_text(text, encoding="utf-8")
    return load_schema(path)


def test_choices_min_and_numbers(tmp_path):
    schema = _schema(
        tmp_path,
        "id: t\nname: 测试\nfields:\n"
        "  urgency: {type: string, label: 紧急程度, choices: [特急, 加急]}\n"
        "  received: {type: integer, label: 收文数, min: 0}\n"
        "  rate: {type: number, label: 办结率}\n"
        "  items: {type: list, label: 条目, min: 2, items: {type: string}}\n",
    )
    data = parse_yaml("urgency: 很急\nreceived: -3\nrate: 高\nitems: [甲]\n", source="d.yaml")
    with pytest.raises(ValidationError) as caught:
        validate(schema, data)
    assert caught.value.problems == [
        ("字段“urgency”（紧急程度）应为以下之一：特急、加急", 1),
        ("字段“received”（收文数）不应小于 0", 2),
        ("字段“rate”（办结率）应为数字", 3),
        ("字段“items”（条目）至少应有 2 项", 4),
    ]


def test_boolean_is_not_an_integer(tmp_path):
    schema = _schema(
        tmp_path, "id: t\nname: 测试\nfields:\n  count: {type: integer, label: 件数}\n"
    )
    with pytest.raises(ValidationError, match="应为整数"):
        validate(schema, parse_yaml("count: yes\n", source="d.yaml"))


def test_a_list_of_strings_takes_one_string_as_one_item(tmp_path):
    schema = _schema(
        tmp_path,
        "id: t\nname: 测试\nfields:\n"
        "  cc: {type: list, label: 抄送, items: {type: string}}\n"
        "  counts: {type: list, label: 件数, items: {type: integer}}\n",
    )
    assert validate(schema, parse_yaml("cc: 市委办公厅\n", source="d.yaml"))["cc"] == ["市委办公厅"]
    with pytest.raises(ValidationError, match="应为列表"):
        validate(schema, parse_yaml("counts: 三\n", source="d.yaml"))


def test_a_field_naming_files_says_so(tmp_path):
    schema = _schema(
        tmp_path,
        "id: t\nname: 测试\nfields:\n"
        "  seal: {type: list, file: true, label: 印章图片, items: {type: string}}\n"
        "  title: {type: string, label: 标题}\n",
    )
    assert schema.fields["seal"].file and not schema.fields["title"].file
    with pytest.raises(TemplateError, match="字段“seal”的“file”应为 true 或 false"):
        _schema(tmp_path, "id: t\nname: 测试\nfields:\n  seal: {type: string, file: 是}\n")


def test_bad_schema_is_a_template_error_with_line(tmp_path):
    with pytest.raises(TemplateError) as caught:
        _schema(tmp_path, "id: t\nname: 测试\nfields:\n  when: {type: datetime}\n")
    assert caught.value.line == 4
    assert "类型“datetime”未知" in str(caught.value)
    with pytest.raises(TemplateError, match="列表字段“body”缺少“items”"):
        _schema(tmp_path, "id: t\nname: 测试\nfields:\n  body: {type: list}\n")


def test_schema_is_kept_until_its_text_changes(tmp_path):
    path = tmp_path / "schema.yaml"
    path.write_text("id: t\nname: 甲\nfields:\n  title: string\n", encoding="utf-8")
    first = load_schema(path)
    assert load_schema(path) is first
    mtime = path.stat().st_mtime_ns
    path.write_text("id: t\nname: 乙\nfields:\n  title: string\n", encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))  # same size, same mtime: the text still tells
    second = load_schema(path)
    assert second is not first and second.name == "乙" and first.name == "甲"
    path.write_text("id: t\nname: 乙\nfields:\n  title: {type: datetime}\n", encoding="utf-8")
    for _ in range(2):  # a broken schema is not kept: reported every time
        with pytest.raises(TemplateError, match="datetime"):
            load_schema(path)
    path.unlink()
    with pytest.raises(TemplateError, match="无法读取模板说明文件"):
        load_schema(path)


def test_defaults_are_not_shared_between_documents(tmp_path):
    schema = _schema(
        tmp_path,
        "id: t\nname: 测试\nfields:\n"
        "  tags: {type: list, items: {type: string}, default: [甲]}\n"
        "  extra: {type: mapping, fields: {a: string}, default: {a: 乙}}\n",
    )
    first = validate(schema, parse_yaml("{}\n", source="d.yaml"))
    first["tags"].append("丙")
    first["extra"]["a"] = "丁"
    second = validate(load_schema(tmp_path / "schema.yaml"), parse_yaml("{}\n", source="d.yaml"))
    assert second == {"tags": ["甲"], "extra": {"a": "乙"}}
