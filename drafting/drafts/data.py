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

import bisect
import json
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafting.errors import DataError
from drafting.inputs import read_file, read_stdin
from drafting.limits import (
    MAX_DATA_BYTES,
    MAX_DATA_DEPTH,
    MAX_DATA_NODES,
    MAX_NUMBER_DIGITS,
    check_data_tree,
    too_large,
)
from drafting.syntax_errors import json_problem, toml_problem, yaml_problem
from drafting.zh.decode import DecodeError
from drafting.zh.decode import decode as zh_decode

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
    """UTF-8 (with or without BOM); with ``gb18030``, GB18030 is accepted too (the one decoder,
    :mod:`drafting.zh.decode`, with UTF-16 left out).

    Data files are UTF-8 only (``drafting new`` writes UTF-8); Markdown drafts, which the
    linter also reads, may be GB18030 (what Windows Notepad saves as “ANSI”) as the linter allows.
    """
    try:
        return zh_decode(raw, gb18030=gb18030, utf16=False).text
    except DecodeError as exc:
        expected = "UTF-8 或 GB18030" if gb18030 else "UTF-8"
        raise DataError(
            f"文件不是 {expected} 编码；请另存为 UTF-8",
            path=source,
            line=exc.line,
        ) from None


# --------------------------------------------------------------------------- YAML


class _Loader(yaml.SafeLoader):
    """The safe loader; dates stay ``datetime.date`` (YAML's own timestamp rule)."""


_INT_TAG = "tag:yaml.org,2002:int"
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
        check_nodes(node, (), lines, raw, source, line_offset, what)
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
    data = DataFile(values, source, lines, line_offset, raw)
    check_values(data, what)
    return data


def check_nodes(
    node: yaml.Node,
    path: FieldPath,
    lines: dict[FieldPath, int],
    raw: dict[FieldPath, str],
    source: str,
    offset: int,
    what: str = "数据文件",
) -> None:
    """Record the line of every key and item and the text of plain scalars; refuse duplicate
    and non-scalar keys, and integers Python would refuse to read (more than 4,300 digits; the
    tighter :data:`MAX_NUMBER_DIGITS` is checked on the values by :func:`check_values`). Run
    :func:`drafting.limits.check_data_tree` first (alias bombs)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style is None:
            raw[path] = node.value
        if node.tag == _INT_TAG and sum(char.isdigit() for char in node.value) > MAX_NUMBER_DIGITS:
            raise DataError(
                f"{what}中{_field_name(path)}{_TOO_MANY_DIGITS}",
                path=source,
                line=node.start_mark.line + 1 + offset,
            )
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                check_nodes(value_node, path, lines, raw, source, offset, what)
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
            check_nodes(value_node, (*path, key), lines, raw, source, offset, what)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            check_nodes(item, (*path, index), lines, raw, source, offset, what)


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


class _BadNumber:
    """A JSON number Python should not hold: too many digits, or not finite (``1e999``,
    ``NaN``). Left in place by the parser and reported, with its field, by :func:`check_values`."""

    def __init__(self, text: str) -> None:
        self.text = text


def _json_int(text: str) -> int | _BadNumber:
    return _BadNumber(text) if len(text.lstrip("-")) > MAX_NUMBER_DIGITS else int(text)


def _json_float(text: str) -> float | _BadNumber:
    value = float(text)
    return value if math.isfinite(value) else _BadNumber(text)


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
        values = json.loads(
            text,
            object_pairs_hook=pairs_hook,
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_BadNumber,
        )
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
    check_shape(values, source, locate=lambda: _json_lines(values, text))
    data = DataFile(values=values, source=source, lines=_json_lines(values, text))
    check_values(data)
    return data


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _json_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)[1:-1]


#: A JSON string, and whether a colon follows it (then it is a key). In valid JSON no quote
#: stands outside a string, so matching strings one after another from the start stays aligned.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?', re.DOTALL)


def _json_lines(values: dict[str, Any], text: str) -> dict[FieldPath, int]:
    """The line of every key of parsed JSON ``text``, in one pass over the text.

    The keys of the text, in order, are the keys of the values in document order (a pre-order
    walk), one for one: the ``n``-th key found is the ``n``-th key walked. A list item takes the
    line of the first key inside it."""
    lines: dict[FieldPath, int] = {}
    keys = (match for match in _JSON_STRING.finditer(text) if match.group(1))
    counter = _LineCounter(text)
    for path in _preorder_keys(values):
        match = next(keys, None)
        if match is None:  # pragma: no cover - the text always has every key
            break
        lines[path] = counter.line_at(match.start())
    _item_lines(lines)
    return lines


class _LineCounter:
    """1-based line numbers of positions given in increasing order, counted incrementally."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.line = 1

    def line_at(self, position: int) -> int:
        if position < self.position:  # pragma: no cover - positions only move forward
            self.position, self.line = 0, 1
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line


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
    except RecursionError:
        raise DataError(_DEPTH_MESSAGE, path=source) from None
    except ValueError:  # an integer past Python's own limit on digits
        raise DataError(
            f"数据文件中的整数位数过多（超过 {MAX_NUMBER_DIGITS} 位）；请改为文字（加引号）",
            path=source,
            line=_long_number_line(text),
        ) from None
    check_shape(values, source, locate=lambda: _toml_lines(values, text))
    data = DataFile(values=values, source=source, lines=_toml_lines(values, text))
    check_values(data)
    return data


def _long_number_line(text: str) -> int | None:
    """The line of the first integer of more than :data:`MAX_NUMBER_DIGITS` digits outside
    quotes (TOML; the parser says only that one was too long)."""
    pattern = re.compile(rf"(?m)^[^\"'#\n]*?[=\[,{{]\s*[+-]?\d[\d_]{{{MAX_NUMBER_DIGITS},}}")
    match = pattern.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


#: A TOML line that defines a key: ``key =``, ``a."b".key =``, ``[table]``, ``[[array]]``; the
#: key is the last part of the (dotted) name.
_TOML_DEFINITION = re.compile(
    r"""(?m)^[ \t]*(?:(?P<name>[\w"'.-]+(?:[ \t]*\.[ \t]*[\w"'.-]+)*|"[^"\n]*"|'[^'\n]*')"""
    r"""[ \t]*=|\[\[?[ \t]*(?P<table>[^\]\n]+?)[ \t]*\]\]?)"""
)
_TOML_PART = re.compile(r""""[^"]*"|'[^']*'|[^.\s"']+""")


def _toml_index(text: str) -> dict[str, tuple[list[int], list[int], list[int]]]:
    """Every key defined at the start of a line: key → (line starts, lines, ends), in order."""
    index: dict[str, tuple[list[int], list[int], list[int]]] = {}
    counter = _LineCounter(text)
    for match in _TOML_DEFINITION.finditer(text):
        name = match.group("name") or match.group("table") or ""
        parts = _TOML_PART.findall(name)
        if not parts:
            continue
        key = parts[-1].strip("\"'")
        starts, lines, ends = index.setdefault(key, ([], [], []))
        starts.append(match.start())
        lines.append(counter.line_at(match.start()))
        ends.append(match.end())
    return index


def _toml_lines(values: dict[str, Any], text: str) -> dict[FieldPath, int]:
    """The line of every key of parsed TOML ``text``, walking the values in order: each key is
    matched to its first definition (``key =`` or ``[table]`` at a line start) after the
    previous key's; a key not found so (an inline table's) keeps its parent's line."""
    index = _toml_index(text)
    lines: dict[FieldPath, int] = {}
    cursor = 0
    for path in _preorder_keys(values):
        found = index.get(str(path[-1]))
        if found is None:
            continue
        starts, numbers, ends = found
        at = bisect.bisect_left(starts, cursor)
        if at < len(starts):
            lines[path] = numbers[at]
            cursor = ends[at]
    _item_lines(lines)
    return lines


# --------------------------------------------------------------------------- shared


def _preorder_keys(values: Any) -> Iterator[FieldPath]:
    """The path of every mapping key under ``values``, in document order (pre-order)."""
    for path, _ in _preorder(values):
        if path and isinstance(path[-1], str):
            yield path


def _preorder(values: Any) -> Iterator[tuple[FieldPath, Any]]:
    """Every ``(path, value)`` under ``values`` in document order, without recursion; stops
    below :data:`MAX_DATA_DEPTH` levels (run :func:`check_shape` first to refuse those)."""
    stack: list[tuple[FieldPath, Any]] = [((), values)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if len(path) >= MAX_DATA_DEPTH:
            continue
        if isinstance(value, Mapping):
            stack.extend(((*path, key), child) for key, child in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), child) for i, child in reversed(list(enumerate(value))))


def _item_lines(lines: dict[FieldPath, int]) -> None:
    """Give each list item without a line the line of the first key inside it."""
    for path, line in list(lines.items()):
        for depth in range(len(path) - 1, 0, -1):
            if isinstance(path[depth - 1], int):
                lines.setdefault(path[:depth], line)


def check_shape(
    values: Any,
    source: str,
    what: str = "数据文件",
    locate: Callable[[], dict[FieldPath, int]] | None = None,
) -> None:
    """Refuse parsed values that hold more than :data:`MAX_DATA_NODES` values (keys counted, as
    for YAML) or nest deeper than :data:`MAX_DATA_DEPTH` levels (the first such field in
    document order is named, with its line when ``locate`` gives the lines)."""
    count = 0
    stack: list[tuple[FieldPath, Any]] = [((), values)]
    while stack:
        path, value = stack.pop()
        if len(path) >= MAX_DATA_DEPTH:
            lines = locate() if locate is not None else {}
            shown = _field_name(path[:4]).replace("”", "…”") if path else ""
            raise DataError(
                f"{what}中{shown}嵌套过深（超过 {MAX_DATA_DEPTH} 层）；请把数据写平",
                path=source,
                line=DataFile({}, source, lines).line_of(path),
            )
        if isinstance(value, Mapping):
            count += 2 * len(value)
            stack.extend(((*path, key), child) for key, child in reversed(value.items()))
        elif isinstance(value, list):
            count += len(value)
            stack.extend(((*path, i), child) for i, child in reversed(list(enumerate(value))))
        if count > MAX_DATA_NODES:
            raise DataError(f"{what}过大：超过 {MAX_DATA_NODES} 个值；请拆分后再处理", path=source)


def check_values(data: DataFile, what: str = "数据文件") -> None:
    """Refuse values a document cannot hold, naming the field and its line: integers of more
    than :data:`MAX_NUMBER_DIGITS` digits, numbers that are not finite (``1e999``, ``inf``,
    ``nan``), text with control characters (``\u0000``). Run after :func:`check_shape` (for
    JSON and TOML) or :func:`~drafting.limits.check_data_tree` (for YAML)."""
    for path, value in _preorder(data.values):
        problem = value_problem(value)
        if problem:
            raise DataError(
                f"{what}中{_field_name(path)}{problem}", path=data.source, line=data.line_of(path)
            )


#: Characters no .docx can hold (XML 1.0): C0 controls but tab and line breaks, lone
#: surrogates, U+FFFE and U+FFFF. JSON (``\u0000``), TOML and YAML escapes can make them.
FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def forbidden_char(text: str) -> str:
    """``U+0000``-style name of the first character of ``text`` no document can hold, or ''."""
    found = FORBIDDEN_CHARS.search(text)
    return "" if found is None else f"U+{ord(found.group()):04X}"


def value_problem(value: Any) -> str:
    """What is wrong with a value (empty if nothing): a number a document cannot hold, or text
    with a character no document can hold."""
    if isinstance(value, str):
        bad = forbidden_char(value)
        return f"含有控制字符 {bad}，文档中不能有；请删去后再试" if bad else ""
    if isinstance(value, _BadNumber):
        text = value.text.lstrip("+-")
        if text.isdigit():
            return _TOO_MANY_DIGITS
        return _NOT_FINITE
    if isinstance(value, bool):
        return ""
    if isinstance(value, int) and abs(value) >= _NUMBER_LIMIT:
        return _TOO_MANY_DIGITS
    if isinstance(value, float) and not math.isfinite(value):
        return _NOT_FINITE
    return ""


_NUMBER_LIMIT = 10**MAX_NUMBER_DIGITS
_TOO_MANY_DIGITS = f"的整数位数过多（超过 {MAX_NUMBER_DIGITS} 位）；编号等长数字请加引号写成文字"
_NOT_FINITE = "的数值无效（无穷大或非数字）"


def _field_name(path: FieldPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{printable(part)}" if text else printable(part)
    return f"字段“{text}”" if text else ""


_INVISIBLE = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def printable(value: object) -> str:
    """``str(value)`` fit for a one-line message: line breaks, control and other invisible
    characters written as escapes (``\\n``, ``\\x00``, ``\\u202e``)."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(
        ascii(char)[1:-1] if unicodedata.category(char) in _INVISIBLE else char for char in text
    )


def _nth_line_of(text: str, pattern: str, n: int) -> int | None:
    for count, match in enumerate(re.finditer(pattern, text), start=1):
        if count == n:
            return text.count("\n", 0, match.start()) + 1
    return None
