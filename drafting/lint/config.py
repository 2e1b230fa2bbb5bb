"""Linter configuration: ``[tool.drafting.lint]`` in pyproject.toml, ``drafting.toml``, or
``--config FILE``, validated against the rule catalogue.

``drafting.toml`` holds the keys at its top level (or under ``[lint]``)::

    genre = "notice"
    select = ["N", "P201"]          # codes or prefixes
    ignore = ["P208"]
    fail-on = "error"
    exclude = ["草稿/*", "*.bak.md"]  # glob patterns for folder recursion
    extra-florid = ["词表/辞藻.txt"]  # lexicon files, relative to this config file
    allow = "词表/专名.txt"

    [rules.P201]
    max = 70

Every ``extra-<name>`` key (and ``allow``) names lexicon files; rules see the resolved paths in
their options mapping under the same key (``opts["extra-florid"]`` is a tuple of Paths) and read
them with :mod:`drafting.lint.extras`. Unknown keys, codes and bad values raise
:class:`ConfigError` naming the key; so do a word list with an empty entry (``→X``), a number
of thousands of digits, nesting too deep to parse, and a ``pyproject.toml`` above the files that
cannot be parsed but mentions ``drafting`` (it may hold our table: not skipped in silence).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.errors import ConfigError
from drafting.lexicon import check_user_list
from drafting.lint.profiles import GENRES
from drafting.lint.rule import Rule, Severity, all_rules
from drafting.settings_files import find_settings, read_settings, table_at

_KEYS = {"genre", "select", "ignore", "fail-on", "rules", "exclude", "allow"}

#: Largest number a rule option takes (every option is a length, a count or a ratio).
MAX_OPTION_VALUE = 10**9


@dataclass(frozen=True)
class LintConfig:
    """Settings from a config file (or defaults); ``path`` is the file they came from."""

    path: Path | None = None
    genre: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    lexicons: Mapping[str, tuple[Path, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()


def expand_codes(codes: Iterable[str], *, key: str, path: str | None = None) -> tuple[str, ...]:
    """Validate codes or prefixes (``N3``, ``P``) against the catalogue; return them upper-cased."""
    known = all_rules()
    out: list[str] = []
    for raw in codes:
        code = str(raw).strip().upper()
        if not code:
            continue
        if not any(existing.startswith(code) for existing in known):
            raise ConfigError(
                f"{key} 中的规则代码 {raw} 不存在（drafting rules 列出全部规则）", path=path
            )
        out.append(code)
    return tuple(out)


def split_codes(value: str | None) -> list[str] | None:
    """``"N301, P2"`` from the command line as a list."""
    if value is None:
        return None
    return [part for part in value.replace("，", ",").replace(" ", ",").split(",") if part]


def _string_list(value: Any, key: str, path: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{key} 应为字符串或字符串列表", path=path)


def _check_option(rule: type[Rule], name: str, value: Any, path: str) -> None:
    key = f"rules.{rule.code}.{name}"
    if name not in rule.options:
        choices = "、".join(rule.options) or "（此规则没有选项）"
        raise ConfigError(f"{key} 不是该规则的选项；可用：{choices}", path=path)
    default = rule.options[name]
    ok: bool
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(default, (list, tuple)):
        ok = isinstance(value, list)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(
            f"{key} 的值 {value!r} 类型不对，应为 {type(default).__name__}（默认 {default!r}）",
            path=path,
        )
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        if not math.isfinite(value):
            raise ConfigError(f"{key} 的值 {value!r} 不是有限的数", path=path)
        if value < 0:
            raise ConfigError(f"{key} 不能为负数", path=path)
        if value > MAX_OPTION_VALUE:
            raise ConfigError(f"{key} 的值过大（不能超过 {MAX_OPTION_VALUE}）", path=path)


def parse_config(data: Mapping[str, Any], path: Path) -> LintConfig:
    """Validate a config table (already read from TOML) that came from ``path``."""
    where = str(path)
    for key in data:
        if key not in _KEYS and not key.startswith("extra-"):
            raise ConfigError(f"未知的配置项 {key}", path=where)
    genre = data.get("genre")
    if genre is not None and genre not in GENRES:
        raise ConfigError(f"genre 的值 {genre!r} 无效；可用：{'、'.join(GENRES)}", path=where)
    select = data.get("select")
    select_codes = (
        expand_codes(_string_list(select, "select", where), key="select", path=where)
        if select is not None
        else None
    )
    ignore = expand_codes(
        _string_list(data.get("ignore", []), "ignore", where), key="ignore", path=where
    )
    fail_on = None
    if "fail-on" in data:
        try:
            fail_on = Severity.parse(str(data["fail-on"]))
        except ValueError:
            raise ConfigError(
                f"fail-on 的值 {data['fail-on']!r} 无效；可用：error、warning、info", path=where
            ) from None
    rules_table = data.get("rules", {})
    if not isinstance(rules_table, dict):
        raise ConfigError("rules 应为表，如 [rules.P201]", path=where)
    known = all_rules()
    rule_options: dict[str, dict[str, Any]] = {}
    for code, options in rules_table.items():
        rule = known.get(code.upper())
        if rule is None:
            raise ConfigError(f"rules.{code}：规则代码不存在", path=where)
        if not isinstance(options, dict):
            raise ConfigError(f"rules.{code} 应为表，如 [rules.{code}]", path=where)
        for name, value in options.items():
            _check_option(rule, name, value, where)
        rule_options[rule.code] = dict(options)
    lexicons: dict[str, tuple[Path, ...]] = {}
    for key, value in data.items():
        if key == "allow" or key.startswith("extra-"):
            files = []
            for item in _string_list(value, key, where):
                file = (path.parent / item).resolve()
                if not file.is_file():
                    raise ConfigError(f"{key} 指向的词表 {item} 不存在", path=where)
                check_user_list(file)
                files.append(file)
            lexicons[key] = tuple(files)
    exclude = tuple(_string_list(data.get("exclude", []), "exclude", where))
    return LintConfig(path, genre, select_codes, ignore, fail_on, rule_options, lexicons, exclude)


def load_config(path: Path) -> LintConfig:
    """Read an explicit config file (``--config``): pyproject.toml or a drafting.toml."""
    raw = read_settings(path)
    if path.name == "pyproject.toml" or "tool" in raw:
        table = _tool_table(raw)
        if table is None:
            return LintConfig(path)
        where = "[tool.drafting.lint]"
    else:
        raw = {key: value for key, value in raw.items() if key not in _OTHER_TABLES}
        table = raw["lint"] if set(raw) == {"lint"} else raw
        where = "[lint]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} 应为表", path=str(path))
    return parse_config(table, path)


#: Tables of drafting.toml that are not the linter's (an office's own defaults).
_OTHER_TABLES = {"organ"}


def _tool_table(raw: Mapping[str, Any]) -> Any:
    """``tool.drafting.lint`` of a parsed pyproject.toml (None when any level is missing or
    is not a table)."""
    return table_at(raw, ("tool", "drafting", "lint"))


def find_config(start: Path) -> Path | None:
    """The nearest ``drafting.toml``, or ``pyproject.toml`` with ``[tool.drafting.lint]``,
    in ``start`` (a folder or a file's folder) or any folder above it."""
    return find_settings(start, "lint")
