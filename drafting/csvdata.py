"""CSV files for ``drafting batch``: one record a row, cells converted to the schema's types.

Conventions (README, “批量生成”):

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
  records (the latter counted by :func:`drafting.batch.load_records`).
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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafting.drafts.data import DataFile, FieldPath, forbidden_char, value_problem
from drafting.drafts.schema import Field, Schema
from drafting.errors import DataError, InputError
from drafting.inputs import read_file
from drafting.limits import (
    MAX_DATA_BYTES,
    MAX_DATA_DEPTH,
    MAX_DATA_NODES,
    MAX_NUMBER_DIGITS,
)
from drafting.zh.decode import DecodeError, decode

LIST_SEPARATOR = "；"
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


def _by_label(segment: str, fields: Mapping[str, Field]) -> str:
    if segment in fields:
        return segment
    for name, spec in fields.items():
        if spec.label and spec.label == segment:
            return name
    return segment


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
    current: dict[Any, Any] = values
    for part in path[:-1]:
        current = current.setdefault(part, {})
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
    if kind in ("integer", "number"):
        return _number(text, kind)
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
