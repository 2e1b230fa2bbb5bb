"""Where settings live: the nearest ``drafting.toml``, or ``pyproject.toml`` with a
``[tool.drafting.<table>]``, in a folder or any folder above it, and reading them as TOML.

One search for every kind of setting: the linter's (``lint``, :mod:`drafting.lint.config`) and
an office's own defaults (``organ``, :mod:`drafting.drafts.organ`). A ``drafting.toml`` holds
the linter's keys at its top level (or under ``[lint]``) and the office's under ``[organ]``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from drafting.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

OWN_FILE = "drafting.toml"
PROJECT_FILE = "pyproject.toml"


def find_settings(start: Path, table: str) -> Path | None:
    """The nearest ``drafting.toml`` that holds ``table`` (for ``lint``: any), or
    ``pyproject.toml`` with ``[tool.drafting.<table>]``, in ``start`` (a folder or a file's
    folder) or any folder above it."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / OWN_FILE
        if own.is_file() and (table == "lint" or _has_table(own, (table,))):
            return own
        project = candidate / PROJECT_FILE
        if project.is_file() and _has_table(project, ("tool", "drafting", table)):
            return project
    return None


def table_at(raw: Any, keys: tuple[str, ...]) -> Any:
    """``raw[k1][k2]…`` of parsed TOML, or None when any level is missing or not a table."""
    node: Any = raw
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _has_table(path: Path, keys: tuple[str, ...]) -> bool:
    """Whether ``path`` has the table at ``keys``; True as well when it cannot be parsed but
    mentions ``drafting``, so that reading it says what is wrong with it instead of the
    settings in it being skipped without a word."""
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
        return "drafting" in text or path.name == OWN_FILE
    return table_at(raw, keys) is not None


def read_settings(path: Path) -> dict[str, Any]:
    """The parsed TOML of a settings file; every way it can fail is a Chinese ConfigError."""
    from drafting.inputs import read_file
    from drafting.limits import MAX_DATA_BYTES

    try:
        raw_bytes = read_file(path, MAX_DATA_BYTES, what="配置文件", error=ConfigError)
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("配置文件不是 UTF-8 编码；请另存为 UTF-8", path=str(path)) from None
    return parse_toml(text, path)


def parse_toml(text: str, path: Path) -> dict[str, Any]:
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
