"""Figures a summary states, and the relations between them that make them make sense.

A ``figure`` field (:mod:`drafting.drafts.schema`) holds a count: an integer, or a mapping that
also carries the figure's own wording, ``{数量: 21, 名称: 下发文件, 单位: 份}`` (English keys
``count``, ``label``, ``unit`` work too). Validated, it is a :class:`Figure`: an ``int`` that
remembers its ``label`` and ``unit``, which the ``figure`` filter prefers to the template's own.

A schema's ``relations`` say which figure is part of which (``closed ≤ filed ≤ received``,
``adopted ≤ submitted``): a record whose part is more than its whole is refused, naming both
fields, unless its ``accept`` (例外) field gives the reason for that relation by name. Rates are
never printed over 100% (:func:`drafting.drafts.figures.rate`), so an accepted exception states
both counts and leaves its rate out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

#: The field every schema with relations takes: relation name → the reason it may be broken.
ACCEPT_FIELD = "accept"
ACCEPT_LABEL = "例外"

#: A figure mapping's keys, Chinese and English, and the attribute each sets.
FIGURE_KEYS = {
    "数量": "count",
    "count": "count",
    "名称": "label",
    "label": "label",
    "单位": "unit",
    "unit": "unit",
}


class Figure(int):
    """A count with the wording its data file gave it (``None`` where it gave none)."""

    label: str | None
    unit: str | None

    def __new__(cls, value: int, label: str | None = None, unit: str | None = None) -> Figure:
        figure = super().__new__(cls, value)
        figure.label = label
        figure.unit = unit
        return figure

    def __getnewargs__(self) -> tuple[int, str | None, str | None]:  # type: ignore[override]
        return (int(self), self.label, self.unit)


@dataclass(frozen=True)
class Relation:
    """``part ≤ whole``, named (``结案率``) so that a record can accept an exception to it."""

    name: str
    part: tuple[str, ...]
    whole: tuple[str, ...]

    def broken_by(self, values: Mapping[str, Any]) -> tuple[Any, Any] | None:
        """``(part, whole)`` when both are given and the part is the greater, else ``None``."""
        part, whole = _at(values, self.part), _at(values, self.whole)
        if not _is_count(part) or not _is_count(whole) or part <= whole:
            return None
        return part, whole


def _at(values: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    current: Any = values
    for key in path:
        if not isinstance(current, Mapping):
            return None
        current = current.get(key)
    return current


def _is_count(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def parse_relations(
    raw: Any, is_count_field: Callable[[tuple[str, ...]], bool], fail: Callable[..., Exception]
) -> list[Relation]:
    """The ``relations:`` list of a schema; each entry ``{name, part, whole}`` whose part and
    whole are dotted paths of count fields. ``fail(message, where)`` makes the error."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise fail("“relations”应为列表，每项如 {name: 结案率, part: …, whole: …}", ("relations",))
    relations: list[Relation] = []
    for index, entry in enumerate(raw):
        where = ("relations", index)
        if not isinstance(entry, dict) or set(entry) != {"name", "part", "whole"}:
            raise fail("“relations”的每一项应恰有 name、part、whole 三个键", where)
        name = entry["name"]
        if not isinstance(name, str) or not name.strip() or "." in name:
            raise fail("关系的 name 应为不含“.”的文字，如“结案率”", (*where, "name"))
        if any(relation.name == name for relation in relations):
            raise fail(f"关系名“{name}”重复", (*where, "name"))
        paths = []
        for key in ("part", "whole"):
            path = tuple(str(entry[key]).split("."))
            if not is_count_field(path):
                raise fail(f"关系“{name}”的 {key}“{entry[key]}”不是模板中的数量字段", (*where, key))
            paths.append(path)
        relations.append(Relation(name, paths[0], paths[1]))
    return relations
