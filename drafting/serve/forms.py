"""The draft page's form, generated from a template's schema, and its way back to values.

Every input is named by its field's path with a ``f.`` prefix: ``f.title``,
``f.organs.0``, ``f.sections.1.subsections.0.heading``. A list field holds its items and a
prototype of one item (a ``<template>`` whose names carry ``__i0__``, ``__i1__`` … for the
list's depth), from which the page's script adds items; the server reads the indices in order,
whatever gaps deleting left.

Back from the form (:func:`values_from_form`), guided by the schema: empty inputs are absent
fields; a mapping with nothing filled in is absent; list items that are empty are dropped;
integers and numbers are converted when they read as numbers (``1,234`` and full-width digits
too) and otherwise left as text, so that validation says which field should be a number.

Validation messages name their field (``字段“sections[2].heading”（事项标题）``);
:func:`field_key` turns that name into the input's key, so each message stands beside its field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

PREFIX = "f."
_MESSAGE_FIELD = re.compile(r"字段“([^”]+)”")
_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass
class Node:
    """One input (or group of inputs) of the form, as the page template draws it."""

    key: str  # ``sections.0.heading`` (the input's name without ``f.``)
    name: str  # the field's own name
    type: str
    label: str
    required: bool = False
    help: str = ""
    example: str = ""
    choices: list[str] = field(default_factory=list)
    default: str = ""
    value: str = ""
    children: list[Node] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)
    prototype: Node | None = None
    depth: int = 0  # list depth, for the prototype's placeholder ``__i{depth}__``
    errors: list[str] = field(default_factory=list)

    @property
    def input_name(self) -> str:
        return PREFIX + self.key

    @property
    def dom_id(self) -> str:
        return "f-" + self.key.replace(".", "-")


def _shown(value: Any) -> str:
    """A value as an input shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        return ""
    return str(value)


def _example(spec: Any) -> str:
    example = spec.example
    if isinstance(example, list):
        example = "；".join(_shown(item) for item in example if not isinstance(item, dict))
    return _shown(example)


def build(
    fields: Mapping[str, Any], values: Mapping[str, Any], prefix: str = "", depth: int = 0
) -> list[Node]:
    """The form nodes of ``fields`` filled with ``values``; a field naming files beside the data
    file (a seal image) is left out: the server reads no such folder."""
    return [
        _node(
            spec,
            name,
            f"{prefix}{name}",
            values.get(name) if isinstance(values, Mapping) else None,
            depth,
        )
        for name, spec in fields.items()
        if not spec.file
    ]


def _node(spec: Any, name: str, key: str, value: Any, depth: int) -> Node:
    node = Node(
        key=key,
        name=name,
        type=spec.type,
        label=spec.label or name,
        required=spec.required,
        help=spec.help,
        example=_example(spec),
        choices=[_shown(choice) for choice in spec.choices or ()],
        default=_shown(spec.default) if not isinstance(spec.default, (list, dict)) else "",
        depth=depth,
    )
    if spec.type == "mapping":
        node.children = build(
            spec.fields, value if isinstance(value, Mapping) else {}, f"{key}.", depth
        )
    elif spec.type == "list":
        assert spec.items is not None
        items = value if isinstance(value, list) else []
        if not items and (spec.required or spec.items.type == "mapping"):
            items = [None]  # one empty item to start from
        node.items = [
            _item(spec.items, node, f"{key}.{index}", item, depth + 1)
            for index, item in enumerate(items)
        ]
        node.prototype = _item(spec.items, node, f"{key}.__i{depth}__", None, depth + 1)
    else:
        node.value = _shown(value)
    return node


def _item(spec: Any, parent: Node, key: str, value: Any, depth: int) -> Node:
    item = _node(spec, key.rsplit(".", 1)[-1], key, value, depth)
    item.label = parent.label
    item.required = False
    return item


def flatten(nodes: Iterable[Node]) -> Iterable[Node]:
    """Every node of a tree (items, children; not prototypes)."""
    for node in nodes:
        yield node
        yield from flatten(node.children)
        yield from flatten(node.items)


def attach_errors(nodes: list[Node], problems: Iterable[str]) -> list[str]:
    """Put each message beside the node of the field it names (or its nearest ancestor
    shown); return the messages no node took (shown above the form)."""
    by_key = {node.key: node for node in flatten(nodes)}
    left: list[str] = []
    for message in problems:
        key = field_key(message)
        while key and key not in by_key:
            key = key.rsplit(".", 1)[0] if "." in key else ""
        if key:
            by_key[key].errors.append(message)
        else:
            left.append(message)
    return left


def field_key(message: str) -> str:
    """The input key of the field a validation message names: ``字段“sections[2].heading”`` →
    ``sections.1.heading``; ``""`` when it names none."""
    match = _MESSAGE_FIELD.search(message)
    if not match:
        return ""
    parts: list[str] = []
    for name, index in _SEGMENT.findall(match.group(1)):
        parts.append(name if name else str(int(index) - 1))
    return ".".join(parts)


# --------------------------------------------------------------------------- back to values


def tree(form: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """The ``f.…`` fields of a submitted form as nested dicts keyed by path segment."""
    root: dict[str, Any] = {}
    for name, value in form:
        if not name.startswith(PREFIX) or not isinstance(value, str):
            continue
        parts = name[len(PREFIX) :].split(".")
        if any(not part or part.startswith("__i") for part in parts):
            continue  # a prototype's input, or a malformed name
        node = root
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node.setdefault(parts[-1], value)
    return root


def values_from_form(fields: Mapping[str, Any], form: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """The data a submitted form stands for (see the module docstring)."""
    return _mapping(fields, tree(form))


def _mapping(fields: Mapping[str, Any], given: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not isinstance(given, dict):
        return out
    for name, spec in fields.items():
        if name in given:
            value = _value(spec, given[name])
            if value is not None:
                out[name] = value
    return out


def _index(key: str) -> int:
    return int(key) if key.isdigit() else -1


def _value(spec: Any, given: Any) -> Any:
    kind = spec.type
    if kind == "mapping":
        mapping = _mapping(spec.fields, given)
        return mapping or None
    if kind == "list":
        if not isinstance(given, dict):
            return None
        items = [
            _value(spec.items, given[key])
            for key in sorted((k for k in given if k.isdigit()), key=_index)
        ]
        kept = [item for item in items if item is not None]
        return kept or None
    if not isinstance(given, str):
        return None
    text = given.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip() if kind != "text" else text.strip("\n ").rstrip()
    if not text:
        return None
    if kind in ("integer", "figure"):  # a figure's own label and unit come from data files
        return _integer(text)
    if kind == "number":
        number = _integer(text)
        return number if not isinstance(number, str) else _float(text)
    if kind == "boolean":
        return {"true": True, "false": False, "是": True, "否": False}.get(text, text)
    return text


def _digits(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(",", "").replace("，", "").strip()


def _integer(text: str) -> int | str:
    plain = _digits(text)
    if re.fullmatch(r"[+-]?\d{1,100}(?:\.0+)?", plain):
        return int(plain.split(".")[0])
    return text


def _float(text: str) -> float | str:
    plain = _digits(text)
    if re.fullmatch(r"[+-]?(?:\d{1,100}(?:\.\d*)?|\.\d+)", plain):
        return float(plain)
    return text


def merge_defaults(fields: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The organ profile's values for the fields this template has."""
    return {name: value for name, value in defaults.items() if name in fields}
