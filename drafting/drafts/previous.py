"""Last year's figures (``--previous FILE``), merged into this year's records.

Templates with a ``previous`` field (the annual summary) write year-on-year changes.
:func:`load_previous` reads the figures, validated against that field: one set for every
record (a data file, or last year's whole data file whose ``stats`` are used) or one set per
unit (a CSV or a YAML list, matched to this year's records by their name field);
:meth:`PreviousFigures.merge` fills a record's ``previous`` with them. ``render --previous``
(:func:`apply_previous`) and ``batch --previous`` make the same two calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.drafts.data import DataFile, FieldPath
from drafting.drafts.records import (
    DEFAULT_NAME_FIELDS,
    Unreadable,
    is_record_list,
    load_records,
    name_of,
)
from drafting.drafts.schema import Schema, validate
from drafting.drafts.templating import TemplateInfo
from drafting.errors import DataError


@dataclass
class PreviousFigures:
    """Last year's figures from ``--previous FILE``: one set for all, or one per unit."""

    source: str
    single: DataFile | None = None
    by_name: dict[str, DataFile] = field(default_factory=dict)
    name_fields: tuple[str, ...] = DEFAULT_NAME_FIELDS

    def for_record(self, data: DataFile) -> DataFile | None:
        """The figures for ``data``: the single set, or the one whose name matches."""
        if self.single is not None:
            return self.single
        key = name_of(data.values, self.name_fields)
        return self.by_name.get(key) if key else None

    def merge(self, data: DataFile) -> DataFile:
        """``data`` with ``previous`` filled from last year's figures; the record's own
        ``previous`` values win. Returns ``data`` itself when nothing matches."""
        figures = self.for_record(data)
        if figures is None:
            return data
        own = data.values.get("previous")
        merged = _deep_merge(figures.values, own if isinstance(own, Mapping) else {})
        values = {**data.values, "previous": merged}
        lines = dict(data.lines)
        lines.setdefault(("previous",), data.line_of(()) or 1)
        return DataFile(values, data.source, lines, data.line_offset)


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = _deep_merge(result[key], value)
        elif value is not None:
            result[key] = value
    return result


def load_previous(
    path: str | Path, info: TemplateInfo, name_fields: tuple[str, ...] = DEFAULT_NAME_FIELDS
) -> PreviousFigures:
    """Read last year's figures for ``info``'s ``previous`` field.

    ``path`` is a YAML/JSON/TOML mapping (the figures themselves, or last year's whole data
    file, whose ``stats`` are then used) or a CSV / YAML list with one row per unit, matched to
    this year's records by the name field. Figures are validated against the template's
    ``previous`` field; any problem raises (exit 2) before anything is written.
    """
    spec = info.schema.fields.get("previous")
    if spec is None or spec.type != "mapping":
        raise DataError(
            f"模板“{info.id}”没有上年数据字段（previous），不能使用 --previous", path=str(path)
        )
    figures_schema = Schema(id="previous", name="上年数据", fields=spec.fields)
    reading_schema = Schema(
        id=info.id, name=info.name, fields={**info.schema.fields, **spec.fields}
    )
    previous = PreviousFigures(source=str(path), name_fields=name_fields)
    records = list(load_records([path], reading_schema))
    path = Path(path)
    is_batch = is_record_list(path)
    for record in records:
        if isinstance(record, Unreadable):
            raise DataError(f"上年数据文件有误：{record.message}", path=record.where)
        figures = _figures_of(record.data, figures_schema)
        validate(figures_schema, figures)
        if not is_batch:
            previous.single = figures
            break
        key = name_of(record.data.values, name_fields)
        if not key:
            raise DataError(
                f"上年数据中有记录缺少单位名称（{'/'.join(name_fields)}），无法与今年的记录对应",
                path=str(path),
                line=record.data.line_of(()),
            )
        previous.by_name[key] = figures
    return previous


def apply_previous(
    info: TemplateInfo,
    data: DataFile,
    previous: str | Path,
    name_fields: tuple[str, ...] = DEFAULT_NAME_FIELDS,
) -> DataFile:
    """``data`` with last year's figures from ``previous`` merged in: the call ``render
    --previous FILE`` makes for its one record (see :func:`load_previous`)."""
    return load_previous(previous, info, name_fields).merge(data)


def _figures_of(data: DataFile, figures_schema: Schema) -> DataFile:
    """The figures part of a previous-year record: its ``stats`` block if any, else the keys
    that are figures (names and other fields of a whole data file are dropped)."""
    if isinstance(data.values.get("stats"), Mapping):
        prefix: FieldPath = ("stats",)
        values = dict(data.values["stats"])
    else:
        prefix = ()
        values = {k: v for k, v in data.values.items() if k in figures_schema.fields}
    depth = len(prefix)
    lines = {key[depth:]: line for key, line in data.lines.items() if key[:depth] == prefix}
    lines.setdefault((), data.line_of(prefix) or 1)
    return DataFile(values, data.source, lines, 0)
