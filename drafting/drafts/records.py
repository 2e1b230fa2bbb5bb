"""Loading records: the data of one document each, from many files, a CSV or a YAML list.

The inputs of ``drafting batch`` (and of ``--previous``):

* several YAML/JSON/TOML data files, one record each (a folder stands for its data files);
* one ``.csv`` (or ``.tsv``) file, one record a row (conventions below);
* one YAML file whose top level is a list of mappings, one record an item.

A record that cannot be read is an :class:`Unreadable` (where, and why), not an exception, so
the others are still rendered; an input that cannot be read at all (missing, too large,
undecodable, an unusable CSV header) raises before anything is written.

CSV conventions (README, “批量生成”):

* Encoding: UTF-8 (with or without BOM) or GB18030 (what Excel on Chinese Windows writes for
  “CSV（逗号分隔）”), detected. ``.tsv`` files are tab-separated.
* The first row names the fields. A nested field is a dotted column, ``stats.petitions.closed``;
  an item of a list of mappings is numbered from 1, ``results.1.area``. A column may also be
  the field's Chinese label (``单位名称`` for ``unit``), segment by segment.
* An empty cell is an absent field. Rows that are entirely empty are ignored.
* Numbers: ``integer``/``number`` cells are converted (``1,234`` and ``12.0`` are accepted);
  integers stay exact (``9007199254740993`` is not rounded through a float); an integer of more
  than :data:`~drafting.limits.MAX_NUMBER_DIGITS` digits, or a number too large to hold, fails
  its row. ``boolean`` accepts 是/否, true/false, yes/no, 1/0; dates stay text for the schema to
  parse (``2026-12-20``, ``2026/12/20``, ``2026年12月20日``). A cell that does not convert stays
  text, so that validation names the field and the row.
* A cell with a control character (NUL and the like, which no document can hold) fails its
  row; the other rows are read on.
* Limits (:mod:`drafting.limits`): a dotted column nests at most ``MAX_DATA_DEPTH`` levels; the
  file holds at most ``MAX_DATA_NODES`` values (counted as for YAML) and ``MAX_BATCH_RECORDS``
  records (the latter counted by :func:`load_records`).
* A list of strings or numbers in one cell: items on separate lines of the cell (Alt+Enter in
  Excel) or, when the cell has no line break, separated by ``；`` (full-width semicolon).
* Every field of a row reports the row's number as Excel/WPS shows it (the header is row 1,
  the first record row 2), which is also its line in a text editor unless an earlier cell
  holds line breaks.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from drafting.drafts.data import (
    SUFFIXES,
    DataFile,
    FieldPath,
    bad_value_error,
    check_nodes,
    check_values,
    forbidden_char,
    load_data,
    value_problem,
)
from drafting.drafts.schema import Field, Schema
from drafting.errors import DataError, InputError
from drafting.inputs import read_file
from drafting.limits import (
    MAX_BATCH_RECORDS,
    MAX_DATA_BYTES,
    MAX_DATA_DEPTH,
    MAX_DATA_NODES,
    MAX_NUMBER_DIGITS,
    check_data_tree,
    check_size,
)
from drafting.syntax_errors import yaml_problem
from drafting.zh.decode import DecodeError, decode

LIST_SEPARATOR = "；"
COUNT_KEY = "数量"  # a figure's count when a row also gives its wording
_TRUE = {"是", "true", "yes", "y", "1", "对"}
_FALSE = {"否", "false", "no", "n", "0", "不"}
_INTEGER = re.compile(r"^[+-]?\d+(?:\.0+)?$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


class CellError(ValueError):
    """A cell that cannot be a value; the row fails with this (Chinese) message."""


@dataclass
class RowData(DataFile):
    """One record of a batch file: a field without a line of its own reports the record's."""

    start_line: int = 0

    def line_of(self, path: FieldPath) -> int | None:
        return super().line_of(path) or self.start_line or None


DEFAULT_NAME_FIELDS = ("unit", "title")


@dataclass
class Record:
    """One document's data, and where it came from (for messages)."""

    data: DataFile
    where: str
    """``名单.csv 第5行`` / ``units.yaml 第3项`` / ``县委办.yaml``."""
    number: int
    """1-based position in the batch."""
    one_row: bool = False
    """A CSV row: every field is on the row named in ``where``, so messages omit lines."""


@dataclass(frozen=True)
class Unreadable:
    """A record (or a whole file) that could not be read: where, and why (Chinese)."""

    where: str
    message: str


# --------------------------------------------------------------------------- many files


def load_records(
    inputs: Iterable[str | Path], schema: Schema | None = None
) -> Iterator[Record | Unreadable]:
    """The records of ``inputs``; a file or record that cannot be parsed yields an
    :class:`Unreadable` (the batch reports it as failed and goes on).

    A missing, oversized or undecodable input raises (:class:`InputError`/:class:`DataError`,
    exit 2) before anything is written; so does a CSV whose header is unusable. ``schema``
    converts CSV cells to the field types.
    """
    paths = [Path(str(item)) for item in inputs]
    if not paths:
        raise InputError("没有给出数据文件")
    for path in paths:
        if not path.is_file():
            raise InputError(_not_a_file(path), path=str(path))
        suffix = path.suffix.lower()
        if suffix not in (*SUFFIXES, ".csv", ".tsv"):
            raise InputError(
                f"不认识的数据文件扩展名“{path.suffix or '（无）'}”；"
                "请用 .yaml、.json、.toml 或 .csv",
                path=str(path),
            )
        check_size(path, MAX_DATA_BYTES, "数据文件")
    number = 0
    for path in paths:
        for item in _file_records(path, schema):
            number += 1  # failed records count too: the limit is on what a file holds
            if number > MAX_BATCH_RECORDS:
                raise InputError(_too_many(), path=str(path))
            if isinstance(item, Unreadable):
                yield item
            else:
                data, where, one_row = item
                yield Record(data, where, number, one_row=one_row)


def _file_records(
    path: Path, schema: Schema | None
) -> Iterator[tuple[DataFile, str, bool] | Unreadable]:
    """The records of one input as they are read: ``(data, where, one_row)`` or an
    :class:`Unreadable`."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        for row in load_csv(path, schema):
            if isinstance(row, DataError):
                yield Unreadable(f"{path} 第{row.line}行", row.args[0])
            else:
                yield row, f"{path} 第{row.start_line}行", True
    elif suffix in (".yaml", ".yml") and is_record_list(path):
        for index, parsed in _yaml_list(path):
            if isinstance(parsed, DataError):
                where = f"{path} 第{index}项（第{parsed.line}行）" if parsed.line else ""
                yield Unreadable(where or f"{path} 第{index}项", parsed.args[0])
            else:
                yield parsed, f"{path} 第{index}项（第{parsed.start_line}行起）", False
    else:
        try:
            yield load_data(path), str(path), False
        except DataError as exc:
            message = f"第{exc.line}行：{exc.args[0]}" if exc.line else exc.args[0]
            yield Unreadable(str(path), message)


def _not_a_file(path: Path) -> str:
    """Why a data file that is not a regular file is refused (it is never opened)."""
    from drafting.inputs import special_kind

    if not path.exists():
        return "找不到数据文件"
    return f"数据文件{special_kind(path.stat().st_mode) or '不是普通文件'}"


def _too_many() -> str:
    return f"记录过多，超过上限 {MAX_BATCH_RECORDS} 条；请拆分后再处理"


def _read_text(path: Path) -> str:
    raw = read_file(path, MAX_DATA_BYTES, what="数据文件", error=DataError)
    try:
        return decode(raw, gb18030=False, utf16=False).text
    except DecodeError:
        raise DataError("数据文件不是 UTF-8 编码；请另存为 UTF-8", path=str(path)) from None


def _compose(path: Path) -> yaml.Node | None:
    try:
        return yaml.compose(_read_text(path), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None  # load_data reports the syntax error with its line


def is_record_list(path: Path) -> bool:
    """Whether ``path`` holds one record a row or item: a CSV, or a YAML file whose top level
    is a list."""
    if path.suffix.lower() in (".csv", ".tsv"):
        return True
    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    return isinstance(_compose(path), yaml.SequenceNode)


def _yaml_list(path: Path) -> Iterator[tuple[int, RowData | DataError]]:
    """Each item of a top-level YAML list as its own DataFile, with the file's line numbers."""
    node = _compose(path)
    assert isinstance(node, yaml.SequenceNode)
    check_data_tree(node, str(path))
    if len(node.value) > MAX_BATCH_RECORDS:
        raise InputError(_too_many(), path=str(path))
    for index, item in enumerate(node.value, start=1):
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            yield (
                index,
                DataError(
                    "列表中的每一项应为一条记录（若干“字段: 值”）", path=str(path), line=line
                ),
            )
            continue
        lines: dict[FieldPath, int] = {}
        try:
            check_nodes(item, (), lines, {}, str(path), 0, "数据")
            loader = yaml.SafeLoader("")
            values = loader.construct_document(item)
            record = RowData(values=values, source=str(path), lines=lines, start_line=line)
            check_values(record, "数据")
        except DataError as exc:
            yield index, exc
            continue
        except yaml.MarkedYAMLError as exc:  # a tag no safe constructor knows (!foo)
            problem = yaml_problem(exc)
            message = f"数据格式错误：{problem.detail()}"
            yield index, DataError(message, path=str(path), line=problem.line or line)
            continue
        except ValueError as exc:  # a date such as 2026-13-45
            yield index, bad_value_error(item, exc, str(path), 0, "数据")
            continue
        yield index, record


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Input paths; a folder stands for its data files (sorted)."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(str(item))
        if path.is_dir():
            paths += sorted(
                child
                for child in path.iterdir()
                if child.is_file() and child.suffix.lower() in (*SUFFIXES, ".csv")
            )
        else:
            paths.append(path)
    return paths


def name_of(values: Mapping[str, Any], fields: Iterable[str]) -> str:
    """The first of ``fields`` (dotted: ``a.b``) that ``values`` fills: a record's name, for
    its file and to match last year's figures; empty when none is filled."""
    for name in fields:
        value: Any = values
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


# --------------------------------------------------------------------------- CSV


def read_csv_text(path: Path) -> str:
    """The text of a CSV file: UTF-8 (BOM or not) or GB18030; anything else is an InputError."""
    raw = read_file(path, MAX_DATA_BYTES, what="数据文件", missing="找不到数据文件")
    try:
        return decode(raw, utf16=False).text
    except DecodeError:
        raise InputError(
            "CSV 文件既不是 UTF-8 也不是 GB18030 编码；请在 Excel 中另存为 CSV UTF-8",
            path=str(path),
        ) from None


def _csv_problem(exc: csv.Error) -> str:
    from drafting.syntax_errors import CSV_MESSAGES, translate

    return translate(CSV_MESSAGES, str(exc), "CSV 读取器")


def load_csv(path: Path, schema: Schema | None = None) -> Iterator[RowData | DataError]:
    """Each data row of ``path`` as a record whose fields all carry the row's line; a row
    that cannot be a record (more cells than the header has columns) as a DataError."""
    text = read_csv_text(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError("CSV 文件是空的", path=str(path)) from None
    except csv.Error as exc:
        raise DataError(f"CSV 格式错误：{_csv_problem(exc)}", path=str(path), line=1) from None
    columns = [_column(name, schema, path) for name in header]
    if not any(columns):
        raise DataError(
            "CSV 第一行应为字段名（如 unit,year,stats.docs_received）", path=str(path), line=1
        )
    seen: dict[FieldPath, str] = {}
    for name, column in zip(header, columns, strict=True):
        if column in seen:
            raise DataError(f"CSV 列“{name}”与“{seen[column]}”重复", path=str(path), line=1)
        if column:
            seen[column] = name
    start = 1
    values = 0
    while True:
        start += 1  # the row number as a spreadsheet shows it (header = row 1)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(
                f"CSV 格式错误：{_csv_problem(exc)}", path=str(path), line=start
            ) from None
        if not any(cell.strip() for cell in row):
            continue
        values += 1 + 2 * sum(1 for cell in row if cell.strip())
        if values > MAX_DATA_NODES:
            raise DataError(
                f"数据文件过大：超过 {MAX_DATA_NODES} 个值；请拆分后再处理", path=str(path)
            )
        extra = [cell for cell in row[len(header) :] if cell.strip()]
        if extra:
            yield DataError(
                f"此行比表头多出 {len(row) - len(header)} 列（“{extra[0][:20]}”）；"
                "单元格中的英文逗号要用引号括起",
                path=str(path),
                line=start,
            )
            continue
        try:
            yield _record(row, header, columns, schema, path, start)
        except CellError as exc:
            yield DataError(str(exc), path=str(path), line=start)


def _column(name: str, schema: Schema | None, path: Path) -> FieldPath:
    """A header cell as a field path: ``stats.petitions.closed`` → ('stats', 'petitions',
    'closed'); ``results.1.area`` → ('results', 0, 'area'); Chinese labels resolved."""
    name = name.strip()
    if not name:
        return ()
    if name.count(".") >= MAX_DATA_DEPTH - 1:
        raise DataError(
            f"CSV 列“{name[:40]}…”嵌套过深（超过 {MAX_DATA_DEPTH} 层）；请把数据写平",
            path=str(path),
            line=1,
        )
    if schema is not None and "." not in name and _by_label(name, schema.fields) == name:
        leaf = _leaves(schema).get(name)
        if leaf is not None:
            return leaf
    parts: list[str | int] = []
    fields = schema.fields if schema else None
    spec: Field | None = None
    for segment in name.split("."):
        segment = segment.strip()
        if spec is not None and spec.type == "list" and segment.isdigit():
            if int(segment) < 1:
                raise DataError(f"CSV 列“{name}”的序号应从 1 开始", path=str(path), line=1)
            parts.append(int(segment) - 1)
            spec = spec.items
            fields = spec.fields if spec and spec.type == "mapping" else None
            continue
        if fields is not None:
            segment = _by_label(segment, fields)
            spec = fields.get(segment)
            fields = spec.fields if spec and spec.type == "mapping" else None
        else:
            spec = None
        parts.append(segment)
    return tuple(parts)


_UNIT_NOTE = re.compile(r"（[^（）]*）$|\([^()]*\)$")


def _bare(label: str) -> str:
    """A label without its closing note in brackets: ``受理来信来访（件）`` → ``受理来信来访``."""
    return _UNIT_NOTE.sub("", label.strip()).strip()


def _by_label(segment: str, fields: Mapping[str, Field]) -> str:
    """The field a header segment names: its name, its label, or its label without the
    closing note in brackets (the unit) where only one field's label reads so."""
    if segment in fields:
        return segment
    for name, spec in fields.items():
        if spec.label and spec.label == segment:
            return name
    bare = [name for name, spec in fields.items() if spec.label and _bare(spec.label) == segment]
    return bare[0] if len(bare) == 1 else segment


def _leaves(schema: Schema) -> dict[str, FieldPath]:
    """Every field below the top level that is not a mapping, by its label and by its label
    without the unit, where only one field answers to it: a CSV column may name a nested
    field by the leaf's label alone (``受理上级来文来电（份）`` for ``stats.docs_received``)."""
    found: dict[str, set[FieldPath]] = {}
    stack: list[tuple[FieldPath, Mapping[str, Field]]] = [((), schema.fields)]
    while stack:
        prefix, fields = stack.pop()
        for name, spec in fields.items():
            where = (*prefix, name)
            if spec.type == "mapping":
                stack.append((where, spec.fields))
            elif prefix and spec.label:
                for key in {spec.label, _bare(spec.label)}:
                    found.setdefault(key, set()).add(where)
    return {key: next(iter(paths)) for key, paths in found.items() if len(paths) == 1}


def _spec_at(schema: Schema | None, path: FieldPath) -> Field | None:
    fields = schema.fields if schema else None
    spec: Field | None = None
    for part in path:
        if isinstance(part, int):
            spec = spec.items if spec is not None else None
        else:
            spec = fields.get(part) if fields is not None else None
        fields = spec.fields if spec is not None and spec.type == "mapping" else None
    return spec


def _record(
    row: list[str],
    header: list[str],
    columns: list[FieldPath],
    schema: Schema | None,
    path: Path,
    line: int,
) -> RowData:
    values: dict[str, Any] = {}
    lines: dict[FieldPath, int] = {}
    for column, cell, name in zip(columns, row, header, strict=False):
        if not column or not cell.strip():
            continue
        bad = forbidden_char(cell)
        if bad:
            raise CellError(f"列“{name}”的单元格含有控制字符 {bad}，文档中不能有；请删去后再试")
        try:
            value = convert(cell, _spec_at(schema, column))
        except CellError as exc:
            raise CellError(f"列“{name}”{exc}") from None
        _put(values, column, value)
        for depth in range(1, len(column) + 1):
            lines[column[:depth]] = line
    return RowData(values=_lists(values), source=str(path), lines=lines, start_line=line)


def _put(values: dict[str, Any], path: FieldPath, value: Any) -> None:
    """Set ``value`` at ``path``. A figure given both as a count column (``stats.docs_sent``)
    and with its wording (``stats.docs_sent.名称``) becomes ``{数量: …, 名称: …}``."""
    current: dict[Any, Any] = values
    for part in path[:-1]:
        child = current.setdefault(part, {})
        if not isinstance(child, dict):
            child = current[part] = {COUNT_KEY: child}
        current = child
    if isinstance(current.get(path[-1]), dict) and not isinstance(value, dict):
        current[path[-1]][COUNT_KEY] = value
    else:
        current[path[-1]] = value


def _lists(value: Any) -> Any:
    """Turn mappings keyed by item numbers (from ``results.1.area``) into lists, in order."""
    if not isinstance(value, dict):
        return value
    if value and all(isinstance(key, int) for key in value):
        return [_lists(value[key]) for key in sorted(value)]
    return {key: _lists(child) for key, child in value.items()}


def convert(cell: str, spec: Field | None) -> Any:
    """A cell's text as the type ``spec`` wants; unchanged text when it does not convert.

    Raises :class:`CellError` for a number a document cannot hold (too many digits, or too
    large for a decimal fraction)."""
    text = cell.strip()
    if spec is None:
        return text
    kind = spec.type
    if kind in ("integer", "number", "figure"):
        return _number(text, "number" if kind == "number" else "integer")
    if kind == "boolean":
        folded = text.casefold()
        return True if folded in _TRUE else False if folded in _FALSE else text
    if kind == "list":
        return [convert(item, spec.items) for item in split_list(text)]
    return text


def _number(text: str, kind: str) -> Any:
    """An ``integer`` or ``number`` cell: exact integers (no detour through a float)."""
    compact = text.replace(",", "").replace("，", "").replace(" ", "")
    pattern = _INTEGER if kind == "integer" else _NUMBER
    if not pattern.match(compact):
        return text
    whole, dot, _ = compact.partition(".")
    if len(whole.lstrip("+-")) > MAX_NUMBER_DIGITS:
        raise CellError(f"的整数位数过多（超过 {MAX_NUMBER_DIGITS} 位）；编号等长数字请用文字字段")
    if kind == "integer" or not dot:
        return int(whole)
    value = float(compact)
    problem = value_problem(value)
    if problem:
        raise CellError(problem)
    return value


def split_list(text: str) -> list[str]:
    """A list cell's items: one a line if the cell has line breaks, else split at ``；``."""
    separator = "\n" if "\n" in text else LIST_SEPARATOR
    items = [item.strip() for item in text.replace("\r\n", "\n").split(separator)]
    items = [item for item in items if item]
    return items
