"""Filters that turn figures into Chinese sentences (counts, rates, year-on-year changes).

Registered into the one Jinja environment by :mod:`drafting.drafts.templating`. Every
computation a summary states (a rate, a change, a growth percentage) happens here, so that data
files carry only raw counts and templates only words.

Conventions, pinned by ``tests/drafts/test_figures.py``:

* Percentages keep one decimal unless whole (``35.3%``, ``100%``); a rate is never rounded up to
  100% or down to 0% when it is not exactly that (more decimals are shown instead).
* A missing figure (``None``, absent, or a Jinja undefined) makes a clause empty, never a crash.
* A zero denominator gives no rate: :func:`rate` returns its ``empty`` text (default empty).
* A rate over 100% is never printed: :func:`rate` and :func:`rate_yoy` give nothing for it (a
  part over its whole is refused by the schema's relations unless a record accepts it).
* A :class:`~drafting.drafts.relations.Figure` that carries its own label and unit (from the
  data file) is stated with them, not with the template's.
* Year on year: ``同比增加12件、增长35.3%`` / ``同比减少5件、下降12.5%`` / ``与上年持平``;
  when last year was 0 no growth percentage exists: ``同比增加12件（上年为0，不计增幅）``.
* Rates compared across years speak in percentage points: ``同比提高2.5个百分点``.
* ``period="月"`` (or ``季度``) turns 同比/上年 into 环比/上月 for month-on-month figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jinja2 import Undefined

Number = int | float | Decimal

_MAX_DIGITS = 4


def _missing(value: Any) -> bool:
    """True for None, a Jinja undefined or an empty string: a figure the data did not give."""
    return value is None or isinstance(value, Undefined) or value == ""


def _decimal(value: Any, what: str = "数值") -> Decimal:
    if isinstance(value, bool):
        raise TypeError(f"{what}应为数字，而不是 {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except ArithmeticError as exc:
            raise TypeError(f"{what}应为数字，而不是 {value!r}") from exc
    raise TypeError(f"{what}应为数字，而不是 {value!r}")


def number(value: Any) -> str:
    """A figure as printed: Arabic numerals, no grouping, no trailing zeros (12.5, 263)."""
    if _missing(value):
        return ""
    amount = _decimal(value)
    if amount == amount.to_integral_value():
        return str(int(amount))
    return format(amount.normalize(), "f")


def amount(value: Any, unit: str = "") -> str:
    """A count with its measure word: ``263份``; empty when the figure is missing."""
    if _missing(value):
        return ""
    return f"{number(value)}{unit}"


def _round(value: Decimal, digits: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def percent(value: Any, digits: int = 1) -> str:
    """A percentage value (already ×100) as printed: ``35.3%``, ``100%``.

    ``digits`` decimals, dropped when the rounded value is whole; a value that is not exactly
    0 or 100 is never printed as ``0%`` or ``100%`` (more decimals are used instead).
    """
    if _missing(value):
        return ""
    exact = _decimal(value)
    shown = _round(exact, digits)
    while shown in (0, 100) and shown != exact and digits < _MAX_DIGITS:
        digits += 1
        shown = _round(exact, digits)
    if shown == shown.to_integral_value():
        return f"{int(shown)}%"
    return f"{format(shown, 'f').rstrip('0').rstrip('.')}%"


def ratio(numerator: Any, denominator: Any) -> Decimal | None:
    """``numerator / denominator × 100``, or None when either is missing or the base is 0."""
    if _missing(numerator) or _missing(denominator):
        return None
    base = _decimal(denominator, "分母")
    if base == 0:
        return None
    return _decimal(numerator, "分子") * 100 / base


def rate(
    numerator: Any, denominator: Any, label: str = "", empty: str = "", digits: int = 1
) -> str:
    """A rate as a clause: ``结案率100%``; ``empty`` (e.g. ``无应结案件``) when the base is 0.

    Used as a filter: ``{{ p.closed | rate(p.filed, "结案率", empty="无应结案件") }}``.
    """
    value = ratio(numerator, denominator)
    if value is None:
        return empty
    if value > 100:  # an accepted exception: both counts are stated, the rate is not
        return ""
    return f"{label}{percent(value, digits)}"


def _against(period: str) -> tuple[str, str]:
    """The comparison word and the previous period: 年 → 同比, 上年; 月/季度 → 环比, 上月."""
    return ("同比", "上年") if period == "年" else ("环比", f"上{period}")


def yoy(current: Any, previous: Any, unit: str = "", digits: int = 1, period: str = "年") -> str:
    """Year-on-year change of a count: ``同比增加12件、增长35.3%`` / ``与上年持平``.

    Empty when either year is missing. When last year was 0 there is no growth rate:
    ``同比增加12件（上年为0，不计增幅）``. ``period="月"`` (or ``季度``) compares with the
    previous month instead: ``环比增加4件、增长20%`` / ``与上月持平``.
    """
    if _missing(current) or _missing(previous):
        return ""
    word, before_name = _against(period)
    now, before = _decimal(current), _decimal(previous)
    change = now - before
    if change == 0:
        return f"与{before_name}持平"
    verb, growth = ("增加", "增长") if change > 0 else ("减少", "下降")
    head = f"{word}{verb}{number(abs(change))}{unit}"
    if before == 0:
        return f"{head}（{before_name}为0，不计增幅）"
    return f"{head}、{growth}{percent(abs(change) * 100 / abs(before), digits)}"


def points(current: Any, previous: Any, digits: int = 1, period: str = "年") -> str:
    """Change between two percentages, in 个百分点: ``同比提高2.5个百分点`` / ``与上年持平``."""
    if _missing(current) or _missing(previous):
        return ""
    word, before_name = _against(period)
    change = _round(_decimal(current) - _decimal(previous), digits)
    if change == 0:
        return f"与{before_name}持平"
    verb = "提高" if change > 0 else "下降"
    return f"{word}{verb}{number(abs(change))}个百分点"


def rate_yoy(
    numerator: Any,
    denominator: Any,
    previous_numerator: Any,
    previous_denominator: Any,
    digits: int = 1,
    period: str = "年",
) -> str:
    """Change of a rate against last year's, computed from both years' counts.

    ``{{ p.closed | rate_yoy(p.filed, prev.closed, prev.filed) }}`` → ``同比提高2.5个百分点``;
    empty when either year has no rate (a missing figure or a zero base).
    """
    now = ratio(numerator, denominator)
    before = ratio(previous_numerator, previous_denominator)
    if now is None or before is None or now > 100 or before > 100:
        return ""
    return points(_round(now, digits), _round(before, digits), digits, period)


def figure(value: Any, label: str, unit: str = "", previous: Any = None, period: str = "年") -> str:
    """A count sentence: ``受理上级来文来电263份``, plus ``，同比增加12份、增长4.8%`` when
    last year's figure is given (``period`` as in :func:`yoy`). Empty when the figure itself
    is missing. A figure that carries its own label or unit (``{数量: 21, 名称: 下发文件,
    单位: 份}`` in the data) is stated with them."""
    if _missing(value):
        return ""
    label = getattr(value, "label", None) or label
    unit = getattr(value, "unit", None) or unit
    sentence = f"{label}{amount(value, unit)}"
    change = yoy(value, previous, unit, period=period)
    return f"{sentence}，{change}" if change else sentence


def dig(data: Any, path: str) -> Any:
    """``data["a"]["b"]`` for ``path`` ``"a.b"``, or None where any step is missing.

    Lets a template read an optional block safely: ``{{ previous | dig("petitions.closed") }}``.
    """
    current = data
    for key in path.split("."):
        if _missing(current) or not isinstance(current, Mapping):
            return None
        current = current.get(key)
    return None if isinstance(current, Undefined) else current


def join_clauses(clauses: Any, sep: str = "，") -> str:
    """Join the non-empty clauses with ``sep`` (drops those a missing figure emptied)."""
    return sep.join(str(clause) for clause in clauses if not _missing(clause))


_CLOSING_MARKS = "。；，、：;,.:!！?？ \t\u3000"


def close_with(text: Any, mark: str = "。") -> str:
    """``text`` with its closing punctuation replaced by ``mark`` (a duty item's ；or 。).

    ``{{ "负责文电处理；" | close_with("。") }}`` → ``负责文电处理。``; an empty ``mark`` just
    strips. Closing brackets and quotes are kept: ``（试行）`` ends in ``）``.
    """
    if _missing(text):
        return ""
    return str(text).rstrip(_CLOSING_MARKS) + mark


FILTERS: dict[str, Callable[..., Any]] = {
    "number": number,
    "amount": amount,
    "rate": rate,
    "yoy": yoy,
    "points": points,
    "rate_yoy": rate_yoy,
    "figure": figure,
    "dig": dig,
    "join_clauses": join_clauses,
    "close_with": close_with,
}
