"""The operators and formats a template can use to build big values (``**``, ``*``, ``+``,
``%``, ``str.format``, ``join``, ``replace``), sized before they run."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping
from typing import Any

from drafting.drafts.sandbox.sizes import char_count, check_width, measure, refuse_oversized
from drafting.drafts.sandbox.spending import TemplateLimitError, budget
from drafting.limits import (
    MAX_TEMPLATE_INT_BITS,
    MAX_TEMPLATE_WIDTH,
)


def check_power(base: Any, exponent: Any) -> None:
    """Refuse an integer power whose result would pass ``MAX_TEMPLATE_INT_BITS`` bits."""
    if not (isinstance(base, int) and isinstance(exponent, int)) or exponent <= 0:
        return
    if abs(base) <= 1:
        return
    bits = exponent * math.log2(abs(base))
    if bits > MAX_TEMPLATE_INT_BITS:
        digits = int(bits * 0.30103) + 1
        most = int(MAX_TEMPLATE_INT_BITS * 0.30103)
        raise TemplateLimitError(f"乘方的结果过大（约 {digits:,} 位数，上限约 {most:,} 位）")


def _repeat_size(sequence: Any, times: int) -> None:
    if times <= 0:
        return
    if isinstance(sequence, (str, bytes)):
        refuse_oversized(0, len(sequence) * times)
        budget().build(len(sequence) * times)
    else:
        items, chars = measure(sequence)
        refuse_oversized(items * times, chars * times)
        budget().build(len(sequence) * times)


def check_multiply(left: Any, right: Any) -> None:
    """Refuse ``text * n``, ``list * n`` or ``int * int`` whose result passes the caps."""
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_TEMPLATE_INT_BITS + 1:
            raise TemplateLimitError(f"乘积过大（超过 {MAX_TEMPLATE_INT_BITS} 位二进制）")
    elif isinstance(right, int) and isinstance(left, (str, bytes, list, tuple)):
        _repeat_size(left, right)
    elif isinstance(left, int) and isinstance(right, (str, bytes, list, tuple)):
        _repeat_size(right, left)


def check_add(left: Any, right: Any) -> None:
    """Refuse joining two texts or lists whose result passes the caps."""
    if isinstance(left, (str, bytes)) and isinstance(right, (str, bytes)):
        budget().build(len(left) + len(right))
    elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        left_items, left_chars = measure(left)
        right_items, right_chars = measure(right)
        refuse_oversized(left_items + right_items, left_chars + right_chars)
        budget().build(len(left) + len(right))


_PERCENT_SPEC = re.compile(
    r"%(?:\([^)]*\))?[#0\- +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<kind>.)",
    re.DOTALL,
)


def _values(arguments: Any) -> list[Any]:
    if isinstance(arguments, tuple):
        return list(arguments)
    if isinstance(arguments, Mapping):
        return list(arguments.values())
    return [arguments]


def _check_spec_number(text: str | None, values: list[Any], what: str) -> int:
    """A width or precision of a format: digits (checked), or ``*``/nested (its arguments
    checked, as any one of them may be it). Returns the width to count on."""
    if not text:
        return 0
    if text == "*" or "{" in text:
        for value in values:
            check_width(value, what)
        return MAX_TEMPLATE_WIDTH
    widest = 0
    for digits in re.findall(r"\d+", text):
        if len(digits) > 9:
            raise TemplateLimitError(f"{what} {digits} 超过上限 {MAX_TEMPLATE_WIDTH:,}")
        check_width(int(digits), what)
        widest = max(widest, int(digits))
    return widest


def _check_formatted(fmt: str, fields: int, widest: int, values: list[Any]) -> None:
    largest = max((char_count(value) for value in values), default=0)
    budget().build(len(fmt) + fields * (largest + widest))


def check_percent_format(fmt: Any, arguments: Any) -> None:
    """``fmt % arguments`` (and the ``format`` filter): widths and the result's size."""
    if not isinstance(fmt, str):
        return
    values = _values(arguments)
    fields = 0
    widest = 0
    for match in _PERCENT_SPEC.finditer(fmt):
        if match.group("kind") == "%":
            continue
        fields += 1
        widest = max(
            widest,
            _check_spec_number(match.group("width"), values, "格式宽度"),
            _check_spec_number(match.group("precision"), values, "格式精度"),
        )
    _check_formatted(fmt, fields, widest, values)


def check_str_format(fmt: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """``fmt.format(*args, **kwargs)``: widths and precisions, and the result's size."""
    values = [*args, *kwargs.values()]
    fields = 0
    widest = 0
    for _, name, spec, _ in string.Formatter().parse(fmt):
        if name is None:
            continue
        fields += 1
        widest = max(widest, _check_spec_number(spec, values, "格式宽度"))
    _check_formatted(fmt, fields, widest, values)


def check_joined(separator: Any, items: list[Any]) -> None:
    sep = len(separator) if isinstance(separator, (str, bytes)) else 0
    total = sum(char_count(item) for item in items) + sep * max(len(items) - 1, 0)
    budget().build(total)


def check_replaced(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    budget().build(len(text) + found * max(len(new) - len(old), 0))
