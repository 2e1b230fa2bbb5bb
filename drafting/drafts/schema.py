"""Template schemas: the fields a template takes, and the validation of data against them.

A template folder holds ``schema.yaml``::

    id: notice
    name: 通知              # Chinese name, also an alias
    aliases: [通知]         # extra Chinese/English aliases
    description: 一行中文说明
    layout: official        # official | article | letter | minutes
    fields:
      title: {type: string, required: true, label: 标题, help: 中文说明, example: 关于…的通知}
      date: {type: date, required: true, label: 成文日期, example: 2026-11-20}
      body: {type: list, required: true, label: 正文段落, items: {type: string}}
      stats:
        type: mapping
        label: 数据
        fields: { received: {type: integer, label: 收文数, required: true} }

Types: ``string``, ``text`` (several lines), ``integer``, ``number``, ``boolean``, ``date``,
``list`` (with ``items``; a list of strings also takes one string, as one item), ``mapping``
(with ``fields``), ``figure`` (a count a summary states: an integer ≥ 0, or a mapping
``{数量: 21, 名称: 下发文件, 单位: 份}`` that carries its own wording; see :class:`Figure`).
Optional keys: ``required``, ``label``, ``help``, ``example``, ``choices``, ``default``, ``min``
(the least value of a number, the fewest items of a list, the fewest characters of a string),
``file`` (the field names files beside the data file, such as a seal image).

A schema may declare ``relations`` between figures (:mod:`drafting.drafts.relations`): a part
is never more than its whole (``{name: 结案率, part: stats.petitions.closed, whole:
stats.petitions.filed}``). Such a schema takes an ``accept`` (例外) field, one entry per
relation, whose text is the reason a record may break it.

Validation collects every problem, in file order, and raises one :class:`ValidationError`
whose message is the first problem (plus how many more there are); ``.problems`` holds all.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.drafts.data import DataFile, FieldPath, parse_yaml, printable
from drafting.drafts.relations import (
    ACCEPT_FIELD,
    ACCEPT_LABEL,
    FIGURE_KEYS,
    Figure,
    Relation,
    parse_relations,
)
from drafting.errors import DataError, TemplateError

TYPES = ("string", "text", "integer", "number", "boolean", "date", "list", "mapping", "figure")
LAYOUTS = ("official", "article", "letter", "minutes")
_TYPE_NAMES = {
    "string": "文字",
    "text": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是或否（true/false）",
    "date": "日期",
    "list": "列表",
    "mapping": "映射（若干“字段: 值”）",
    "figure": "不小于 0 的整数（或“数量、名称、单位”）",
}
_FIELD_KEYS = {
    "type",
    "required",
    "label",
    "help",
    "example",
    "choices",
    "default",
    "min",
    "items",
    "fields",
    "file",
}


@dataclass
class Field:
    """One field of a schema (or the item type of a list)."""

    name: str
    type: str
    label: str = ""
    required: bool = False
    help: str = ""
    example: Any = None
    choices: list[Any] | None = None
    default: Any = None
    min: float | None = None
    items: Field | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    #: Names files beside the data file (a seal image): a web form, which has no such folder,
    #: leaves it out.
    file: bool = False

    def describe(self, path: FieldPath) -> str:
        """``字段“stats.received”（收文数）`` as used in messages."""
        shown = _dotted(path)
        return f"字段“{shown}”（{self.label}）" if self.label else f"字段“{shown}”"


@dataclass
class Schema:
    """A template's description: id, names, layout and fields."""

    id: str
    name: str
    fields: dict[str, Field]
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    layout: str = "official"
    path: Path | None = None
    relations: list[Relation] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Every name the template answers to: id, Chinese name, aliases."""
        return [self.id, self.name, *self.aliases]


class ValidationError(DataError):
    """Data that does not fit a schema; ``problems`` lists every (message, line)."""

    def __init__(self, problems: list[tuple[str, int | None]], *, path: str) -> None:
        self.problems = problems
        message, line = problems[0]
        if len(problems) > 1:
            message += f"（另有 {len(problems) - 1} 处问题）"
        super().__init__(message, path=path, line=line)


# --------------------------------------------------------------------------- loading


#: Schemas already checked in this process: absolute path → (the file's text, its schema).
_LOADED: dict[str, tuple[str, Schema]] = {}


def load_schema(path: Path) -> Schema:
    """Read and check ``schema.yaml``; a malformed schema is a :class:`TemplateError`.

    The file is read every time, but parsed and checked only when its text differs from the
    last time in this process (templates are listed for every document a batch renders)."""
    try:
        text = _read_text(path)
    except UnicodeDecodeError as exc:  # GB18030 and the like: the file is UTF-8 only
        line = exc.object[: exc.start].count(b"\n") + 1
        raise TemplateError(
            "模板说明文件不是 UTF-8 编码；请另存为 UTF-8", path=str(path), line=line
        ) from None
    key = os.path.abspath(path)
    cached = _LOADED.get(key)
    if cached is not None and cached[0] == text:
        return cached[1]
    schema = _parse_schema(text, path)
    _LOADED[key] = (text, schema)
    return schema


def _read_text(path: Path) -> str:
    from drafting.inputs import read_text
    from drafting.limits import MAX_DATA_BYTES

    return read_text(
        path,
        MAX_DATA_BYTES,
        what="模板说明文件",
        error=TemplateError,
        missing="无法读取模板说明文件（文件不存在）",
        encoding="utf-8",
    )


def _parse_schema(text: str, path: Path) -> Schema:
    try:
        data = parse_yaml(text, source=str(path))
    except DataError as exc:
        raise TemplateError(
            f"模板说明文件有误：{exc.args[0]}", path=str(path), line=exc.line
        ) from None
    raw = data.values

    def fail(message: str, where: FieldPath = ()) -> TemplateError:
        return TemplateError(message, path=str(path), line=data.line_of(where) or None)

    for key in ("id", "name", "fields"):
        if key not in raw:
            raise fail(f"模板说明缺少“{key}”")
    if not isinstance(raw["fields"], dict) or not raw["fields"]:
        raise fail("“fields”应为字段的映射", ("fields",))
    layout = raw.get("layout", "official")
    if layout not in LAYOUTS:
        raise fail(f"“layout”应为 {' | '.join(LAYOUTS)} 之一", ("layout",))
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list):
        raise fail("“aliases”应为列表", ("aliases",))
    fields = _fields(raw["fields"], ("fields",), fail)
    relations = parse_relations(
        raw.get("relations"), lambda path: _is_count_field(fields, path), fail
    )
    if relations and ACCEPT_FIELD not in fields:
        fields[ACCEPT_FIELD] = _accept_field(relations)
    return Schema(
        id=str(raw["id"]),
        name=str(raw["name"]),
        aliases=[str(alias) for alias in aliases],
        description=str(raw.get("description") or ""),
        layout=layout,
        fields=fields,
        path=path,
        relations=relations,
    )


def _is_count_field(fields: dict[str, Field], path: tuple[str, ...]) -> bool:
    spec = field_at(fields, path)
    return spec is not None and spec.type in ("integer", "number", "figure")


def field_at(fields: dict[str, Field], path: FieldPath) -> Field | None:
    """The field at ``path`` (keys of nested mappings), or ``None``."""
    spec: Field | None = None
    for key in path:
        spec = fields.get(str(key)) if fields is not None else None
        if spec is None:
            return None
        fields = spec.fields
    return spec


def _accept_field(relations: list[Relation]) -> Field:
    """The ``accept`` (例外) field: one optional reason per relation, by the relation's name."""
    reasons = {
        relation.name: Field(relation.name, "text", label=f"{relation.name}例外的理由", min=2)
        for relation in relations
    }
    return Field(
        ACCEPT_FIELD,
        "mapping",
        label=ACCEPT_LABEL,
        help="确属例外的数字关系（如办结数多于登记数）：写关系名和理由",
        fields=reasons,
    )


def _fields(specs: dict[Any, Any], where: FieldPath, fail: Any) -> dict[str, Field]:
    """The fields of a ``fields:`` mapping; every name must be text."""
    fields: dict[str, Field] = {}
    for name, spec in specs.items():
        if not isinstance(name, str):
            raise fail(f"字段名“{printable(name)}”应为文字，不能是数字或列表", (*where, str(name)))
        fields[name] = _field(name, spec, (*where, name), fail)
    return fields


def _field(name: str, spec: Any, where: FieldPath, fail: Any) -> Field:
    if isinstance(spec, str):  # shorthand: ``title: string``
        spec = {"type": spec}
    if not isinstance(spec, dict):
        raise fail(f"字段“{name}”的说明应为映射，如 {{type: string, label: 标题}}", where)
    unknown = set(spec) - _FIELD_KEYS
    if unknown:
        shown = "、".join(sorted(printable(key) for key in unknown))
        raise fail(f"字段“{name}”的说明中有未知的键：{shown}", where)
    kind = spec.get("type", "string")
    if not isinstance(kind, str) or kind not in TYPES:
        raise fail(f"字段“{name}”的类型“{printable(kind)}”未知；可用：{'、'.join(TYPES)}", where)
    items = None
    subfields: dict[str, Field] = {}
    if kind == "list":
        if "items" not in spec:
            raise fail(f"列表字段“{name}”缺少“items”", where)
        items = _field(name, spec["items"], (*where, "items"), fail)
    if kind == "mapping":
        if not isinstance(spec.get("fields"), dict):
            raise fail(f"映射字段“{name}”缺少“fields”", where)
        subfields = _fields(spec["fields"], (*where, "fields"), fail)
    choices = spec.get("choices")
    if choices is not None and not isinstance(choices, list):
        raise fail(f"字段“{name}”的“choices”应为列表", (*where, "choices"))
    least = spec.get("min")
    if least is not None and (isinstance(least, bool) or not isinstance(least, (int, float))):
        raise fail(f"字段“{name}”的“min”应为数字，如 min: 1", (*where, "min"))
    if kind == "figure" and least is None:
        least = 0  # a count is never negative
    required = spec.get("required", False)
    if not isinstance(required, bool):
        raise fail(f"字段“{name}”的“required”应为 true 或 false", (*where, "required"))
    names_files = spec.get("file", False)
    if not isinstance(names_files, bool):
        raise fail(f"字段“{name}”的“file”应为 true 或 false", (*where, "file"))
    return Field(
        name=name,
        type=kind,
        label=str(spec.get("label") or ""),
        required=required,
        help=str(spec.get("help") or ""),
        example=spec.get("example"),
        choices=choices,
        default=spec.get("default"),
        min=least,
        items=items,
        fields=subfields,
        file=names_files,
    )


# --------------------------------------------------------------------------- validation


def validate(schema: Schema, data: DataFile) -> dict[str, Any]:
    """Check ``data`` against ``schema``; return the values with defaults filled in.

    Optional fields that are absent become their ``default``, or ``None`` (``[]`` for lists),
    so that templates can test them with ``{% if field %}`` under StrictUndefined.
    """
    problems: list[tuple[str, int | None]] = []
    values = _mapping(schema.fields, data.values, (), data, problems)
    if not problems:
        _check_relations(schema, values, data, problems)
    if problems:
        problems.sort(key=lambda problem: problem[1] or 0)
        raise ValidationError(problems, path=data.source)
    return values


def _check_relations(
    schema: Schema,
    values: dict[str, Any],
    data: DataFile,
    problems: list[tuple[str, int | None]],
) -> None:
    """A problem for each relation a record breaks (a part over its whole) and does not accept
    in its ``accept`` field."""
    accepted = values.get(ACCEPT_FIELD) or {}
    for relation in schema.relations:
        broken = relation.broken_by(values)
        if broken is None or accepted.get(relation.name):
            continue
        part = _described(schema, relation.part)
        whole = _described(schema, relation.whole)
        message = (
            f"{part}为 {_show(broken[0])}，多于{whole}的 {_show(broken[1])}："
            f"部分不能多于整体（{relation.name}）；确属例外的，"
            f"请在“{ACCEPT_FIELD}”（{ACCEPT_LABEL}）中写明“{relation.name}: 理由”"
        )
        problems.append((message, data.line_of(relation.part)))


def _described(schema: Schema, path: tuple[str, ...]) -> str:
    spec = field_at(schema.fields, path)
    return spec.describe(path) if spec is not None else f"字段“{_dotted(path)}”"


def _mapping(
    fields: dict[str, Field],
    given: Mapping[str, Any],
    path: FieldPath,
    data: DataFile,
    problems: list[tuple[str, int | None]],
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    listed = False  # the fields this mapping takes are listed once, with its first unknown key
    for key in given:
        if key not in fields:
            line = data.line_of((*path, key))
            message = _unknown(key, path, fields, listed)
            listed = listed or "此处可用的字段" in message
            problems.append((message, line))
    for name, spec in fields.items():
        where = (*path, name)
        if name not in given or given[name] is None:
            if spec.required:
                example = f"，如：{_show(spec.example)}" if spec.example is not None else ""
                problems.append((f"缺少必填的{spec.describe(where)}{example}", data.line_of(path)))
            result[name] = _absent(spec)
            continue
        result[name] = _value(spec, given[name], where, data, problems)
    return result


def _absent(spec: Field) -> Any:
    if spec.default is not None:  # a copy: the schema is kept and shared between documents
        return deepcopy(spec.default) if isinstance(spec.default, (list, dict)) else spec.default
    return [] if spec.type == "list" else None


def _value(
    spec: Field,
    value: Any,
    where: FieldPath,
    data: DataFile,
    problems: list[tuple[str, int | None]],
) -> Any:
    line = data.line_of(where)

    def wrong(expected: str) -> None:
        example = f"，如 {_show(spec.example)}" if spec.example is not None else ""
        problems.append((f"{spec.describe(where)}应为{expected}{example}", line))

    kind = spec.type
    if kind in ("string", "text"):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            wrong(_TYPE_NAMES[kind])
            return None
        value = data.raw.get(where, str(value)) if not isinstance(value, str) else value
        if kind == "string" and "\n" in value.strip():
            wrong("一行文字")
            return None
        if spec.min is not None and len(value.strip()) < spec.min:
            problems.append((f"{spec.describe(where)}至少应有 {_show(spec.min)} 个字", line))
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            wrong("整数")
            return None
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            wrong("数字")
            return None
    elif kind == "boolean":
        if not isinstance(value, bool):
            wrong("是或否（true/false）")
            return None
    elif kind == "date":
        parsed = parse_date(value)
        if parsed is None:
            wrong("日期")
            return None
        value = parsed
    elif kind == "list":
        if isinstance(value, str) and spec.items is not None and spec.items.type == "string":
            value = [value]  # one item, written without the list's dash (seal: 印章.png)
        if not isinstance(value, list):
            wrong("列表（每项一行，以“- ”开头）")
            return None
        assert spec.items is not None
        value = [
            _value(spec.items, item, (*where, index), data, problems)
            for index, item in enumerate(value)
        ]
        if spec.min is not None and len(value) < spec.min:
            problems.append((f"{spec.describe(where)}至少应有 {_show(spec.min)} 项", line))
        return value
    elif kind == "mapping":
        if not isinstance(value, dict):
            wrong("映射（若干“字段: 值”）")
            return None
        return _mapping(spec.fields, value, where, data, problems)
    elif kind == "figure":
        value = _figure(value, where, data, wrong, problems)
        if value is None:
            return None
    if kind in ("integer", "number", "figure") and spec.min is not None and value < spec.min:
        problems.append((f"{spec.describe(where)}不应小于 {_show(spec.min)}", line))
    if spec.choices is not None and value not in spec.choices:
        allowed = "、".join(_show(choice) for choice in spec.choices)
        problems.append((f"{spec.describe(where)}应为以下之一：{allowed}", line))
    return value


def _figure(
    value: Any,
    where: FieldPath,
    data: DataFile,
    wrong: Any,
    problems: list[tuple[str, int | None]],
) -> Figure | None:
    """A figure field's value: an integer, or ``{数量, 名称, 单位}``; ``None`` when wrong."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Figure(value)
    if not isinstance(value, dict):
        wrong("整数")
        return None
    given: dict[str, Any] = {}
    for key, item in value.items():
        line = data.line_of((*where, key))
        attribute = FIGURE_KEYS.get(key)
        if attribute is None or attribute in given:
            shown = _dotted((*where, key))
            problems.append((f"未知字段“{shown}”；数字可写“数量”“名称”“单位”", line))
            continue
        if attribute == "count":
            if isinstance(item, bool) or not isinstance(item, int):
                problems.append((f"字段“{_dotted((*where, key))}”应为整数", line))
                continue
        elif isinstance(item, bool) or not isinstance(item, str) or "\n" in item.strip():
            problems.append((f"字段“{_dotted((*where, key))}”应为一行文字", line))
            continue
        given[attribute] = item.strip() if isinstance(item, str) else item
    if "count" not in given:
        if len(given) == len(value):
            problems.append((f"字段“{_dotted(where)}”缺少“数量”", data.line_of(where)))
        return None
    return Figure(given["count"], given.get("label") or None, given.get("unit") or None)


_CN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML/TOML, ``2026-11-20``, ``2026/11/20`` or ``2026年11月20日``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _ISO_DATE.match(value) or _CN_DATE.match(value)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
    return None


def _unknown(key: str, path: FieldPath, fields: dict[str, Field], listed: bool = False) -> str:
    shown = _dotted((*path, key))
    by_label = {spec.label: name for name, spec in fields.items() if spec.label}
    if key in by_label:
        return f"未知字段“{shown}”；字段名请用英文“{by_label[key]}”（{printable(key)}）"
    close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
    if close:
        label = fields[close[0]].label
        hint = f"（{label}）" if label else ""
        return f"未知字段“{shown}”；是否想写“{close[0]}”{hint}？"
    if listed:
        return f"未知字段“{shown}”"
    known = "、".join(fields)
    return f"未知字段“{shown}”；此处可用的字段：{known}"


def _dotted(path: FieldPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{printable(part)}" if text else printable(part)
    return text


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_show(item)}" for key, item in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
