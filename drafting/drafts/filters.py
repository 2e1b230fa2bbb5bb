"""The core Jinja filters: Chinese numerals, ordinals, GB/T dates, percentages, escaping.

The numerals and ordinals themselves are :mod:`drafting.zh.numerals` and
:mod:`drafting.zh.ordinals` (the reviewing pipeline reads them too); these are their filters.

Registered, with :data:`drafting.drafts.figures.FILTERS`, by :mod:`drafting.drafts.templating`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from drafting.model import format_date
from drafting.zh.numerals import cn_number, to_integer
from drafting.zh.ordinals import format_ordinal


def ordinal(value: int, level: int = 1) -> str:
    """The heading ordinal of GB/T 9704 at ``level``: 一、 （一） 1. （1）."""
    return format_ordinal(to_integer(value), level)


def nth(value: int) -> str:
    """第 plus Chinese numeral: 3→第三."""
    return "第" + cn_number(value)


def gbt_date(value: Any) -> str:
    """A date as GB/T 9704 writes it: 2026年11月5日 (Arabic numerals, no zero padding)."""
    from drafting.drafts.schema import parse_date

    day = parse_date(value)
    if day is None:
        raise ValueError(f"不是日期：{value!r}")
    return format_date(day)


def percent(value: float, digits: int = 1) -> str:
    """A ratio as a percentage, trailing zeros dropped: 0.125→12.5%, 0.5→50%, 0.0333→3.3%."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"不是数字：{value!r}")
    text = f"{value * 100:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text + "%"


def to_yaml(value: Any) -> str:
    """A value as one line of YAML (for front matter): strings quoted, dates as ISO dates."""
    if value is None:
        return "null"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"不能写入 YAML：{value!r}")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+*](?=\s)|\d+(?=[.)]\s)|>|=+\s*$|-+\s*$)")


def markdown_escape(value: Any) -> str:
    """Text made literal in a Markdown body: no accidental headings, lists, bold or tables."""
    lines = []
    for line in str(value).splitlines() or [""]:
        line = _MD_SPECIAL.sub(r"\\\1", line)
        line = _MD_LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)
        lines.append(line)
    return "\n".join(lines)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker  # the "." or ")" after it is escaped below
    return "\\" + marker


def _escape_ordered(text: str) -> str:
    return re.sub(r"^(\s*\d+)([.)])(\s)", r"\1\\\2\3", text, flags=re.MULTILINE)


def md(value: Any) -> str:
    """The ``md`` filter: :func:`markdown_escape`, including ``1. `` at a line start."""
    return _escape_ordered(markdown_escape(value))


CORE_FILTERS: dict[str, Callable[..., Any]] = {
    "cn_number": cn_number,
    "ordinal": ordinal,
    "nth": nth,
    "gbt_date": gbt_date,
    "percent": percent,
    "yaml": to_yaml,
    "md": md,
}
