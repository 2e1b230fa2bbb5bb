"""Data files (YAML, JSON, TOML) loaded with the source line of every field.

Validation errors must say *where* a field is, so every loader returns a :class:`DataFile`:
the plain values plus a map from each field's path (``("stats", "received")``,
``("body", 2)``) to its 1-based line in the file.

* YAML: parsed with PyYAML's composer; each key's line is its node's ``start_mark``. Tabs,
  duplicate keys and a top level that is not a mapping are reported in Chinese with the line.
* JSON and TOML: parsed by the standard library (``json``, ``tomllib``), whose own errors carry
  the line and column. Key lines are then found by a forward search of the source text in
  document order (``"key":`` for JSON, ``key =`` or ``[table]`` for TOML), so a key is matched
  to its first occurrence after its parent's; where the search finds nothing the parent's line
  is used.
* Syntax errors of all three are said in Chinese, with line and column, by
  :mod:`drafting.syntax_errors`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafting.errors import DataError
from drafting.inputs import read_file, read_stdin
from drafting.limits import MAX_DATA_BYTES, MAX_DATA_DEPTH, check_data_tree, too_large
from drafting.syntax_errors import json_problem, toml_problem, yaml_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FieldPath = tuple[str | int, ...]

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


@dataclass
class DataFile:
    """Values read from one data file, with the line of every field (see module docstring)."""

    values: dict[str, Any]
    source: str
    lines: dict[FieldPath, int] = field(default_factory=dict)
    line_offset: int = 0
    raw: dict[FieldPath, str] = field(default_factory=dict)
    """YAML only: the source text of unquoted scalars (``000123`` stays ``000123`` for a
    string field, where YAML itself would read the number 83)."""

    def line_of(self, path: FieldPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path] + self.line_offset
            path = path[:-1]
        return None


def load_data(path: str | Path, *, stdin: str | None = None) -> DataFile:
    """Load a data file chosen by extension; ``-`` reads YAML from ``stdin`` (or sys.stdin)."""
    if str(path) == "-":
        if stdin is None:  # bytes, at most one past the limit: never the whole of a huge pipe
            raw = read_stdin(MAX_DATA_BYTES, what="从标准输入读入的数据", error=DataError)
            text = decode(raw, "<stdin>")
        elif len(stdin.encode("utf-8")) <= MAX_DATA_BYTES:
            text = stdin
        else:
            raise DataError(too_large("从标准输入读入的数据", MAX_DATA_BYTES), path="<stdin>")
        return parse_yaml(text, source="<stdin>")
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise DataError(
            f"不认识的数据文件扩展名“{path.suffix or '（无）'}”；请用 .yaml、.json 或 .toml",
            path=str(path),
        )
    raw = read_file(path, MAX_DATA_BYTES, what="数据文件", error=DataError)
    text = decode(raw, str(path))
    parser = {"yaml": parse_yaml, "json": parse_json, "toml": parse_toml}[kind]
    return parser(text, source=str(path))


def decode(raw: bytes, source: str, *, gb18030: bool = False) -> str:
    """UTF-8 (with or without BOM); with ``gb18030``, GB18030 is accepted too.

    Data files are UTF-8 only (``drafting new`` writes UTF-8); Markdown drafts, which the
    linter also reads, may be GB18030 (what Windows Notepad saves as “ANSI”) as the linter allows.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if gb18030:
            try:
                return raw.decode("gb18030")
            except UnicodeDecodeError:
                pass
        expected = "UTF-8 或 GB18030" if gb18030 else "UTF-8"
        raise DataError(
            f"文件不是 {expected} 编码；请另存为 UTF-8",
            path=source,
            line=line,
        ) from None


# --------------------------------------------------------------------------- YAML


class _Loader(yaml.SafeLoader):
    """The safe loader; dates stay ``datetime.date`` (YAML's own timestamp rule)."""


_DEPTH_MESSAGE = f"数据嵌套过深（超过 {MAX_DATA_DEPTH} 层）；请把数据写平"


def parse_yaml(text: str, *, source: str, line_offset: int = 0, what: str = "数据文件") -> DataFile:
    """Parse YAML text whose first line is line ``line_offset + 1`` of ``source``.

    ``what`` names the text in messages (``数据文件``; ``文稿前言`` for a draft's front matter).
    """
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a control character: refused before parsing
        problem = yaml_problem(exc, line_offset, text)
        raise DataError(
            f"{what}格式错误：{problem.detail()}", path=source, line=problem.line
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError(f"{what}为空", path=source, line=line_offset or None)
        lines: dict[FieldPath, int] = {}
        raw: dict[FieldPath, str] = {}
        check_data_tree(node, source, line_offset=line_offset, what=what)
        check_nodes(node, (), lines, raw, source, line_offset)
        try:
            values = loader.construct_document(node)
        except ValueError as exc:  # a timestamp such as 2026-13-45 that is not a real date
            raise bad_value_error(node, exc, source, line_offset, what) from None
    except RecursionError:
        raise DataError(_DEPTH_MESSAGE, path=source) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, source, line_offset, what) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise DataError(f"{what}格式错误：{exc}", path=source) from None
    finally:
        loader.dispose()
    if not isinstance(values, dict):
        raise DataError(
            f"{what}的顶层应为“字段: 值”的映射，而不是列表或单个值",
            path=source,
            line=node.start_mark.line + 1 + line_offset,
        )
    return DataFile(values, source, lines, line_offset, raw)


def check_nodes(
    node: yaml.Node,
    path: FieldPath,
    lines: dict[FieldPath, int],
    raw: dict[FieldPath, str],
    source: str,
    offset: int,
) -> None:
    """Record the line of every key and item and the text of plain scalars; refuse duplicate
    and non-scalar keys. Run :func:`drafting.limits.check_data_tree` first (alias bombs)."""
    if isinstance(node, yaml.ScalarNode) and node.style is None:
        raw[path] = node.value
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                check_nodes(value_node, path, lines, raw, source, offset)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise DataError("字段名应为文字，不能是列表或映射", path=source, line=line + offset)
            key = key_node.value
            if key in seen:
                raise DataError(
                    f"字段“{key}”重复出现（第 {seen[key] + offset} 行已有）；请删去其中一个",
                    path=source,
                    line=line + offset,
                )
            seen[key] = line
            lines[(*path, key)] = line
            check_nodes(value_node, (*path, key), lines, raw, source, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            check_nodes(item, (*path, index), lines, raw, source, offset)


def bad_value_error(
    node: yaml.Node, exc: ValueError, source: str, offset: int, what: str
) -> DataError:
    """The error for a value YAML matched but Python could not make: a date such as
    2026-13-45 (said with its line and column), else Python's own words after a description."""
    bad = _bad_timestamp(node)
    if bad is None:
        return DataError(f"{what}格式错误：值无效（Python 报告“{exc}”）", path=source)
    mark = bad.start_mark
    return DataError(
        f"{what}格式错误：日期无效（“{bad.value}”不是真实的日期）（第 {mark.column + 1} 列）",
        path=source,
        line=mark.line + 1 + offset,
    )


def _bad_timestamp(node: yaml.Node) -> yaml.Node | None:
    """The first timestamp scalar that does not make a real date."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.MappingNode):
            stack.extend(node for pair in current.value for node in pair)  # keys too
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif current.tag == "tag:yaml.org,2002:timestamp":
            try:
                _Loader("").construct_yaml_timestamp(current)
            except ValueError:
                return current
    return None


def _yaml_error(exc: yaml.MarkedYAMLError, source: str, offset: int, what: str) -> DataError:
    problem = yaml_problem(exc, offset)
    return DataError(f"{what}格式错误：{problem.detail()}", path=source, line=problem.line)


# --------------------------------------------------------------------------- JSON


def parse_json(text: str, *, source: str) -> DataFile:
    """Parse JSON; duplicate keys and a non-object top level are errors."""

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _Duplicate(key)
            result[key] = value
        return result

    try:
        values = json.loads(text, object_pairs_hook=pairs_hook)
    except RecursionError:
        raise DataError(_DEPTH_MESSAGE, path=source) from None
    except json.JSONDecodeError as exc:
        problem = json_problem(exc)
        raise DataError(
            f"数据文件格式错误：{problem.detail()}", path=source, line=problem.line
        ) from None
    except _Duplicate as dup:
        line = _nth_line_of(text, rf'"{re.escape(_json_key(dup.key))}"\s*:', 2)
        raise DataError(
            f"字段“{dup.key}”重复出现；请删去其中一个", path=source, line=line
        ) from None
    if not isinstance(values, dict):
        raise DataError("数据文件的顶层应为对象 {…}，而不是列表或单个值", path=source, line=1)
    lines: dict[FieldPath, int] = {}
    _locate(values, (), text, 0, lines, _json_key_pattern)
    return DataFile(values=values, source=source, lines=lines)


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _json_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)[1:-1]


def _json_key_pattern(key: str) -> str:
    return rf'"{re.escape(_json_key(key))}"\s*:'


# --------------------------------------------------------------------------- TOML


def parse_toml(text: str, *, source: str) -> DataFile:
    """Parse TOML (tomllib already refuses duplicate keys, with the line)."""
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problem = toml_problem(exc, text)
        raise DataError(
            f"数据文件格式错误：{problem.detail()}", path=source, line=problem.line
        ) from None
    lines: dict[FieldPath, int] = {}
    _locate(values, (), text, 0, lines, _toml_key_pattern)
    return DataFile(values=values, source=source, lines=lines)


def _toml_key_pattern(key: str) -> str:
    bare = re.escape(key)
    quoted = rf"(?:\"{bare}\"|'{bare}'|{bare})"
    # ``key =`` (possibly dotted: ``a.key =``) or a table header ``[a.key]`` / ``[[key]]``.
    return (
        rf"(?m)(?:^\s*(?:[\w\"'.-]+\.)?{quoted}\s*=|^\s*\[\[?\s*(?:[\w\"'.-]+\.)?{quoted}\s*\]\]?)"
    )


# --------------------------------------------------------------------------- shared


def _locate(
    value: Any,
    path: FieldPath,
    text: str,
    cursor: int,
    lines: dict[FieldPath, int],
    pattern: Any,
) -> int:
    """Walk ``value`` in document order, recording the line where each key is found.

    Returns the cursor after the last match, so that later keys are searched after earlier ones.
    """
    if isinstance(value, Mapping):
        for key, child in value.items():
            match = re.compile(pattern(str(key))).search(text, cursor)
            if match:
                cursor = match.end()
                lines[(*path, key)] = text.count("\n", 0, match.start() + _lead(match)) + 1
            cursor = _locate(child, (*path, key), text, cursor, lines, pattern)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            child_path = (*path, index)
            before = dict(lines)
            cursor = _locate(item, child_path, text, cursor, lines, pattern)
            first = next((line for key, line in lines.items() if key not in before), None)
            if first is not None:
                lines[child_path] = first
    return cursor


def _lead(match: re.Match[str]) -> int:
    """Skip the leading whitespace/newlines a multiline pattern may have consumed."""
    matched = match.group()
    return len(matched) - len(matched.lstrip())


def _nth_line_of(text: str, pattern: str, n: int) -> int | None:
    for count, match in enumerate(re.finditer(pattern, text), start=1):
        if count == n:
            return text.count("\n", 0, match.start()) + 1
    return None
