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
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.errors import ConfigError
from drafting.lexicon import check_user_list
from drafting.lint.profiles import GENRES
from drafting.lint.rule import Rule, Severity, all_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

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
    from drafting.inputs import read_file
    from drafting.limits import MAX_DATA_BYTES

    try:
        raw_bytes = read_file(path, MAX_DATA_BYTES, what="配置文件", error=ConfigError)
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("配置文件不是 UTF-8 编码；请另存为 UTF-8", path=str(path)) from None
    raw = _parse_toml(text, path)
    if path.name == "pyproject.toml" or "tool" in raw:
        table = _tool_table(raw)
        if table is None:
            return LintConfig(path)
        where = "[tool.drafting.lint]"
    else:
        table = raw.get("lint", raw) if set(raw) == {"lint"} else raw
        where = "[lint]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} 应为表", path=str(path))
    return parse_config(table, path)


def _tool_table(raw: Mapping[str, Any]) -> Any:
    """``tool.drafting.lint`` of a parsed pyproject.toml (None when any level is missing or
    is not a table)."""
    node: Any = raw
    for key in ("tool", "drafting", "lint"):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    """The table of a config file's text; every way it can fail is a Chinese ConfigError."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from drafting.syntax_errors import toml_problem

        problem = toml_problem(exc, text)
        raise ConfigError(
            f"配置文件不是有效的 TOML：{problem.detail()}", path=str(path), line=problem.line
        ) from None
    except ValueError:  # an integer past sys.get_int_max_str_digits()
        raise ConfigError(
            "配置文件中有位数过多的数字（数千位）；请改正", path=str(path), line=_long_number(text)
        ) from None
    except RecursionError:
        raise ConfigError("配置文件嵌套过深，无法解析", path=str(path)) from None


def _long_number(text: str) -> int | None:
    """The line of the first run of over a thousand digits in ``text``."""
    found = re.search(r"[0-9_]{1000,}", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def find_config(start: Path) -> Path | None:
    """The nearest ``drafting.toml``, or ``pyproject.toml`` with ``[tool.drafting.lint]``,
    in ``start`` (a folder or a file's folder) or any folder above it."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "drafting.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and _has_lint_table(project):
            return project
    return None


def _has_lint_table(path: Path) -> bool:
    """Whether ``path`` (a pyproject.toml) has ``[tool.drafting.lint]``; True as well when it
    cannot be parsed but mentions ``drafting``, so that :func:`load_config` says what is wrong
    with it instead of the settings in it being skipped without a word."""
    from drafting.errors import DraftingError
    from drafting.inputs import read_file
    from drafting.limits import MAX_DATA_BYTES

    try:
        text = read_file(path, MAX_DATA_BYTES).decode("utf-8-sig")
    except (DraftingError, UnicodeDecodeError):
        return False
    try:
        raw = tomllib.loads(text)
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        return "drafting" in text
    return _tool_table(raw) is not None
