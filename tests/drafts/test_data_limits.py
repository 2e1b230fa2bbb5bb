"""Numbers, nesting and line lookups in data files; CSV rows that fail alone; the record limit on
every route; the batch command's summary of many failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import TESTS

from drafting import limits
from drafting.cli import cli
from drafting.drafts.data import parse_json, parse_toml, parse_yaml
from drafting.drafts.records import Record, Unreadable, convert, load_csv, load_records
from drafting.drafts.schema import Field
from drafting.errors import DataError, InputError

FIXTURES = TESTS / "fixtures" / "batch"


# --------------------------------------------------------------------------- JSON line lookup


def test_json_lines_of_keys_and_list_items_in_one_pass() -> None:
    text = json.dumps(
        {"title": "关于", "items": [{"a": 1, "b": {"c": [1, {"d": 2}]}}, 5, {"a": 3}], "z": 0},
        indent=2,
    )
    data = parse_json(text, source="x.json")
    lines = text.splitlines()

    def line_of(key: str, nth: int = 1) -> int:
        found = [i for i, line in enumerate(lines, 1) if f'"{key}":' in line]
        return found[nth - 1]

    assert data.line_of(("title",)) == line_of("title")
    assert data.line_of(("items", 0, "b", "c", 1, "d")) == line_of("d")
    assert data.line_of(("items", 0)) == line_of("a")  # an item: the line of its first key
    assert data.line_of(("items", 2, "a")) == line_of("a", 2)
    assert data.line_of(("items", 1)) == line_of("items")  # a scalar item: its list's line
    assert data.line_of(("z",)) == line_of("z")


def test_json_keys_with_escapes_quotes_and_colons_keep_their_lines() -> None:
    text = '{\n "a:b": 1,\n "q\\"": {"\\u4e2d": [":", "\\":"]},\n ":": 2\n}'
    data = parse_json(text, source="x.json")
    assert data.line_of(("a:b",)) == 2
    assert data.line_of(('q"', "中")) == 3
    assert data.line_of((":",)) == 4


def test_toml_lines_by_key_index() -> None:
    text = (
        'title = "关于"\n\n[stats]\nreceived = 1\n\n[[sections]]\nheading = "一"\n'
        '\n[[sections]]\nheading = "二"\n"带 空格" = 2\ninline = {x = 1}\n'
    )
    data = parse_toml(text, source="x.toml")
    assert data.line_of(("stats", "received")) == 4
    assert data.line_of(("sections", 1, "heading")) == 10
    assert data.line_of(("sections", 1)) == 10
    assert data.line_of(("sections", 1, "带 空格")) == 11
    assert data.line_of(("sections", 1, "inline", "x")) == 12  # an inline table: its key's line


# --------------------------------------------------------------------------- numbers, nesting


@pytest.mark.parametrize(
    ("parse", "text", "line", "words"),
    [
        (parse_json, '{"a": 1,\n "b": ' + "9" * 5000 + "}", 2, "字段“b”的整数位数过多"),
        (parse_json, '{"a": 1,\n "b": -' + "9" * 101 + "}", 2, "字段“b”的整数位数过多"),
        (parse_json, '{"a": [1,\n 1e999]}', 1, "字段“a[2]”的数值无效"),
        (parse_json, '{"a": {"b": -Infinity}}', 1, "字段“a.b”的数值无效"),
        (parse_json, '{"a": "x\\u0000y"}', 1, "字段“a”含有控制字符 U+0000"),
        (parse_json, '{"a": "\\ud800"}', 1, "字段“a”含有控制字符 U+D800"),
        (parse_toml, "a = 1\nb = " + "9" * 5000 + "\n", 2, "整数位数过多"),
        (parse_toml, "a = 1\nb = " + "9" * 101 + "\n", 2, "字段“b”的整数位数过多"),
        (parse_toml, "a = 1\n[t]\nb = nan\n", 3, "字段“t.b”的数值无效"),
        (parse_toml, 'a = "\\u0007"\n', 1, "字段“a”含有控制字符 U+0007"),
        (parse_yaml, "a: 1\nb: " + "9" * 5000 + "\n", 2, "字段“b”的整数位数过多"),
        (parse_yaml, "a: 1\nb: 0x" + "f" * 100 + "\n", 2, "字段“b”的整数位数过多"),
        (parse_yaml, "a: [1, -.inf]\n", 1, "字段“a[2]”的数值无效"),
        (parse_yaml, 'a: "\\x07"\n', 1, "字段“a”含有控制字符 U+0007"),
    ],
)
def test_numbers_and_text_no_document_can_hold(parse, text: str, line: int, words: str) -> None:
    with pytest.raises(DataError) as caught:
        parse(text, source="d")
    assert caught.value.line == line
    assert words in str(caught.value)


def test_numbers_a_document_can_hold_pass() -> None:
    data = parse_json('{"a": ' + "9" * 100 + ', "b": 1.5e300, "c": "\\t\\n"}', source="d")
    assert data.values["a"] == int("9" * 100)
    assert parse_toml("a = 9007199254740993\n", source="d").values["a"] == 9007199254740993


@pytest.mark.parametrize(
    ("parse", "text", "line"),
    [
        (parse_json, '{"a": {"b": ' + "[" * 70 + "]" * 70 + "}}", 1),
        (parse_json, '{\n"a":\n' + "[" * 100_000 + "]" * 100_000 + "}", None),
        (parse_toml, "x = 1\na = " + "[" * 70 + "]" * 70 + "\n", 2),
        (parse_toml, "a = " + "[" * 100_000 + "]" * 100_000 + "\n", None),
        (parse_yaml, "a: " + "[" * 70 + "]" * 70 + "\n", 1),
    ],
)
def test_nesting_past_the_limit_is_said_in_chinese(parse, text: str, line: int | None) -> None:
    with pytest.raises(DataError, match="嵌套过深") as caught:
        parse(text, source="d")
    assert caught.value.line == line


def test_json_and_toml_count_values_as_yaml_does() -> None:
    many = json.dumps({"a": list(range(limits.MAX_DATA_NODES + 1))})
    with pytest.raises(DataError, match="超过 200000 个值"):
        parse_json(many, source="d")
    with pytest.raises(DataError, match="超过 200000 个值"):
        parse_toml("a = [" + "1," * (limits.MAX_DATA_NODES + 1) + "]\n", source="d")


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("cell", "kind", "value"),
    [
        ("9007199254740993", "integer", 9007199254740993),
        ("9,007,199,254,740,993", "integer", 9007199254740993),
        ("12.000", "integer", 12),
        ("9007199254740993", "number", 9007199254740993),
        ("12.5", "number", 12.5),
        ("12.0", "number", 12.0),
        ("-" + "9" * 100, "integer", -int("9" * 100)),
        ("abc", "integer", "abc"),
    ],
)
def test_csv_numbers_stay_exact(cell: str, kind: str, value: object) -> None:
    converted = convert(cell, Field("n", kind))
    assert converted == value and type(converted) is type(value)


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_cell_fails_its_own_row_only(tmp_path: Path) -> None:
    from drafting.drafts.schema import Schema

    schema = Schema("t", "t", {"unit": Field("unit", "string"), "n": Field("n", "integer")})
    path = _csv(tmp_path, "unit,n\n甲,1\n乙\x00,2\n丙," + "9" * 4000 + "\n丁,4\n")
    rows = list(load_csv(path, schema))
    assert [r.line if isinstance(r, DataError) else r.values["unit"] for r in rows] == [
        "甲", 3, 4, "丁"
    ]  # fmt: skip
    assert "控制字符 U+0000" in rows[1].args[0]
    assert "列“n”的整数位数过多" in rows[2].args[0]


def test_csv_columns_nest_at_most_the_data_depth(tmp_path: Path) -> None:
    path = _csv(tmp_path, "unit," + ".".join("a" * 70) + "\n甲,1\n")
    with pytest.raises(DataError, match="嵌套过深"):
        list(load_csv(path))


def test_csv_holds_at_most_the_data_values(tmp_path: Path) -> None:
    row = ",".join(["1"] * 1000)
    path = _csv(tmp_path, ",".join(f"c{i}" for i in range(1000)) + "\n" + (row + "\n") * 120)
    with pytest.raises(DataError, match="超过 200000 个值"):
        list(load_csv(path))


def test_the_record_limit_holds_on_every_route(tmp_path: Path) -> None:
    count = limits.MAX_BATCH_RECORDS + 1
    csv_path = _csv(tmp_path, "unit\n" + "".join(f"u{i}\n" for i in range(count)))
    yaml_path = tmp_path / "rows.yaml"
    yaml_path.write_text("".join(f"- {{unit: u{i}}}\n" for i in range(count)), encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    files = []
    for i in range(count):
        files.append(folder / f"{i}.yaml")
        files[-1].write_text("bad: [\n" if i % 2 else f"unit: u{i}\n", encoding="utf-8")
    for inputs in ([csv_path], [yaml_path], files):
        with pytest.raises(InputError, match="记录过多"):
            list(load_records(inputs))


def test_records_stream_in_file_order(tmp_path: Path) -> None:
    path = _csv(tmp_path, "unit,a,b\n甲\n乙,1,2,3\n丙\n")
    items = list(load_records([path]))
    assert [type(item) for item in items] == [Record, Unreadable, Record]
    assert [item.number for item in items if isinstance(item, Record)] == [1, 3]


def test_batch_lists_twenty_failures_and_counts_the_rest(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "office-templates", tmp_path / "templates")
    rows = "乡镇名称,月份\n" + "".join(f"镇{i},不是数字\n" for i in range(50))
    (tmp_path / "towns.csv").write_text(rows, encoding="utf-8")
    args = ["batch", "信访简报", str(tmp_path / "towns.csv"), "-o", str(tmp_path / "out"),
            "--to", "md", "--template-dir", str(tmp_path / "templates")]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("失败：")]
    assert len(failed) == 20
    assert "……另有 30 条记录失败，未逐条列出" in result.stderr
    assert "共 50 条：写出 0 份，跳过 0 份，失败 50 条" in result.stdout
