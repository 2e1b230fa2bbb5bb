"""An office's own defaults: the organ profile in ``drafting.toml`` (``[organ]``) or
``pyproject.toml`` (``[tool.drafting.organ]``), found as the linter's settings are (the nearest
file upward from the data file, or the current folder; :mod:`drafting.settings_files`)::

    [organ]
    organs = ["县人民政府办公室"]            # 发文机关
    organ_mark = "县人民政府办公室文件"      # 发文机关标志
    printer = "县人民政府办公室"             # 印发机关
    signature = "县人民政府办公室"           # 署名
    doc_number_prefix = "县政办"             # 机关代字
    fonts = "standard"                       # 字体配置（--fonts）
    contact = "联系人：王明，电话：87654321。" # 联系人及电话

The Chinese names (``发文机关``, ``发文机关标志``, ``印发机关``, ``署名``, ``机关代字``, ``字体``,
``联系人``) work as keys too. ``new``, ``render`` and ``batch`` fill in what a record leaves
out; the data file wins where both say something. A template takes a value only for a field it
declares (``organs``, or the single ``organ`` of a summary); ``organ_mark`` and ``printer`` are
then set on a document that has 发文机关 but neither of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from drafting.drafts.data import DataFile, forbidden_char
from drafting.drafts.schema import Schema
from drafting.errors import ConfigError
from drafting.model import OfficialDocument
from drafting.settings_files import find_settings, read_settings, table_at

TABLE = "organ"
#: Key (English or Chinese) → the profile's name for it.
KEYS = {
    "organs": "organs",
    "发文机关": "organs",
    "organ_mark": "organ_mark",
    "发文机关标志": "organ_mark",
    "printer": "printer",
    "印发机关": "printer",
    "signature": "signature",
    "署名": "signature",
    "doc_number_prefix": "doc_number_prefix",
    "机关代字": "doc_number_prefix",
    "fonts": "fonts",
    "字体": "fonts",
    "contact": "contact",
    "联系人": "contact",
}
_FONT_PROFILES = ("plain", "standard", "default")
_MAX_VALUE_CHARS = 200


@dataclass(frozen=True)
class OrganProfile:
    """An office's defaults and the file they came from."""

    path: Path
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def fonts(self) -> str | None:
        """The font profile (a name, or a file resolved against the profile's folder)."""
        fonts = self.values.get("fonts")
        if fonts is None or fonts in _FONT_PROFILES:
            return fonts
        return str((self.path.parent / fonts).resolve())

    def fill(self, data: DataFile, schema: Schema) -> DataFile:
        """``data`` with the fields ``schema`` declares and ``data`` leaves out taken from the
        profile (``organs`` also fills a single ``organ``)."""
        fields = schema.fields
        values = dict(data.values)
        for key, value in self.values.items():
            target = key
            if key == "organs" and "organs" not in fields and "organ" in fields:
                target, value = "organ", value[0]
            if target not in fields or values.get(target) is not None or key == "fonts":
                continue
            values[target] = list(value) if isinstance(value, list) else value
        if values == data.values:
            return data
        return replace(data, values=values)

    def finish(self, document: OfficialDocument) -> None:
        """Set the 发文机关标志 and 印发机关 on a document with 发文机关 that has none."""
        if not document.header.organs:
            return
        if document.header.organ_mark is None and self.values.get("organ_mark"):
            document.header.organ_mark = self.values["organ_mark"]
        if document.printer is None and self.values.get("printer"):
            document.printer = self.values["printer"]

    def fill_sample(self, text: str, schema: Schema) -> str:
        """A template's commented sample with the profile's values in place of the example
        ones, for the fields it fills (``drafting new``); comments are kept."""
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            return text
        if not isinstance(root, yaml.MappingNode):
            return text
        filled = self.fill(DataFile({}, "<sample>"), schema).values
        edits: list[tuple[int, int, str]] = []
        for key_node, value_node in root.value:
            value = filled.get(key_node.value)
            if value is not None:
                edits.append(_sample_edit(text, value_node, value))
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _sample_edit(text: str, node: yaml.Node, value: Any) -> tuple[int, int, str]:
    """The span of ``node`` in ``text`` and what to write there for ``value``."""
    if isinstance(node, yaml.SequenceNode) and node.flow_style is False and node.value:
        first, last = node.value[0], node.value[-1]
        dash = text.rfind("-", 0, first.start_mark.index)
        indent = " " * (dash - text.rfind("\n", 0, dash) - 1)
        items = value if isinstance(value, list) else [value]
        return dash, last.end_mark.index, f"\n{indent}".join(f"- {_scalar(i)}" for i in items)
    shown = (
        "[" + ", ".join(_scalar(item) for item in value) + "]"
        if isinstance(value, list)
        else _scalar(value)
    )
    return node.start_mark.index, node.end_mark.index, shown


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*$")


def _scalar(value: Any) -> str:
    text = str(value)
    return text if _PLAIN.match(text) and ": " not in text else json.dumps(text, ensure_ascii=False)


def find_profile(start: Path) -> OrganProfile | None:
    """The organ profile nearest ``start`` (a folder, or a file's folder), or ``None``."""
    path = find_settings(start.absolute(), TABLE)
    return None if path is None else load_profile(path)


def load_profile(path: Path) -> OrganProfile:
    """Read and check the ``organ`` table of ``path``; a bad one is a ConfigError (exit 2)."""
    raw = read_settings(path)
    keys = ("tool", "drafting", TABLE) if path.name == "pyproject.toml" else (TABLE,)
    table = table_at(raw, keys)
    where = "[tool.drafting.organ]" if len(keys) == 3 else "[organ]"
    if table is None:
        return OrganProfile(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where} 应为表", path=str(path))
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = KEYS.get(key)
        if name is None:
            known = "、".join(sorted(set(KEYS.values())))
            raise ConfigError(f"{where} 中有未知的项“{key}”；可用：{known}", path=str(path))
        if name in values:
            raise ConfigError(f"{where} 中“{key}”与另一个同义的项重复", path=str(path))
        values[name] = _checked(name, key, value, where, path)
    return OrganProfile(path, values)


def _checked(name: str, key: str, value: Any, where: str, path: Path) -> Any:
    if name == "organs" and isinstance(value, str):
        value = [value]
    items = value if name == "organs" else [value]
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{where} 的“{key}”应为文字或文字的列表", path=str(path))
    for item in items:
        if not isinstance(item, str) or not item.strip() or "\n" in item:
            raise ConfigError(f"{where} 的“{key}”应为一行文字", path=str(path))
        if len(item) > _MAX_VALUE_CHARS or forbidden_char(item):
            raise ConfigError(
                f"{where} 的“{key}”过长或含有控制字符（至多 {_MAX_VALUE_CHARS} 字）",
                path=str(path),
            )
    if name == "fonts" and value not in _FONT_PROFILES and not (path.parent / value).is_file():
        raise ConfigError(
            f"{where} 的“{key}”应为 {'、'.join(_FONT_PROFILES)} 或字体配置文件，"
            f"找不到文件“{value}”",
            path=str(path),
        )
    return [item.strip() for item in items] if name == "organs" else value.strip()
