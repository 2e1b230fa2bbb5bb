"""Every Jinja filter (Jinja's own and the project's) wrapped so that its arguments and its
result are sized: :func:`guard_filter`."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from drafting.drafts.sandbox.operators import check_joined, check_percent_format, check_replaced
from drafting.drafts.sandbox.sizes import built, check_width, measure, refuse_oversized
from drafting.drafts.sandbox.spending import budget

#: Parameters of filters that are widths, precisions or counts of pieces: capped.
_WIDTH_PARAMETERS = frozenset(("width", "linecount", "slices", "digits", "precision", "indent"))


def _filter_value(func: Callable[..., Any]) -> int:
    """Index of the filtered value: after the environment/context Jinja passes first, if any."""
    return 1 if getattr(func, "jinja_pass_arg", None) is not None else 0


def _argument(
    args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any = None
) -> Any:
    if name in kwargs:
        return kwargs[name]
    return args[index] if len(args) > index else default


def _check_join(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    value = args[first] if len(args) > first else ()
    items = list(value)
    check_joined(_argument(args, kwargs, first + 1, "d", ""), items)
    return (*args[:first], items, *args[first + 1 :])


def _check_replace(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    text = args[first] if len(args) > first else ""
    check_replaced(
        str(text),
        _argument(args, kwargs, first + 1, "old"),
        _argument(args, kwargs, first + 2, "new"),
        _argument(args, kwargs, first + 3, "count", -1),
    )
    return args


def _check_indent(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    text = str(args[first]) if len(args) > first else ""
    width = _argument(args, kwargs, first + 1, "width", 4)
    each = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    budget().build(len(text) + (text.count("\n") + 1) * max(each, 0))
    return args


def _check_wordwrap(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    text = str(args[first]) if len(args) > first else ""
    width = _argument(args, kwargs, first + 1, "width", 79)
    wrap = _argument(args, kwargs, first + 3, "wrapstring") or "\n"
    lines = len(text) // max(width, 1) + 1 if isinstance(width, int) else len(text) + 1
    budget().build(len(text) + lines * len(str(wrap)))
    return args


def _check_urlize(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    text = str(args[first]) if len(args) > first else ""
    extra = sum(
        len(str(_argument(args, kwargs, first + offset, name) or ""))
        for offset, name in ((3, "target"), (4, "rel"))
    )
    budget().build(2 * len(text) + (len(text.split()) + 1) * (80 + extra))
    return args


def _check_format(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    if len(args) > first:
        check_percent_format(str(args[first]), kwargs or tuple(args[first + 1 :]))
    return args


def _check_sum(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    start = _argument(args, kwargs, first + 2, "start", 0)
    if isinstance(start, (int, float)):
        return args
    items = list(args[first]) if len(args) > first else []
    total = sum(len(item) for item in items if isinstance(item, (str, list, tuple)))
    budget().build(total)
    budget().step(len(items) * (total // 2 + 1) // 4096 + 1)  # joins copy as they go
    return (*args[:first], items, *args[first + 1 :])


def _check_printed(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    if len(args) > first:
        items, chars = measure(args[first])
        indent = _argument(args, kwargs, first + 1, "indent")
        each = len(indent) if isinstance(indent, str) else indent if isinstance(indent, int) else 0
        budget().build(chars + items * (8 + max(each, 0) * 8))
    return args


def _check_list(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    if len(args) > first and isinstance(args[first], str):
        refuse_oversized(len(args[first]), 0)
    return args


_FILTER_CHECKS: dict[str, Callable[[int, tuple[Any, ...], dict[str, Any]], tuple[Any, ...]]] = {
    "join": _check_join,
    "join_clauses": _check_join,
    "replace": _check_replace,
    "indent": _check_indent,
    "wordwrap": _check_wordwrap,
    "urlize": _check_urlize,
    "format": _check_format,
    "sum": _check_sum,
    "tojson": _check_printed,
    "pprint": _check_printed,
    "string": _check_printed,
    "yaml": _check_printed,
    "list": _check_list,
}


def guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` wrapped: widths capped, the result sized before it is built where a filter can
    multiply its input, and sized after in every case."""
    try:
        parameters = list(inspect.signature(func).parameters)
    except (TypeError, ValueError):  # pragma: no cover - a builtin without a signature
        parameters = []
    widths = [(i, p) for i, p in enumerate(parameters) if p in _WIDTH_PARAMETERS]
    check = _FILTER_CHECKS.get(name)
    first = _filter_value(func)

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget().step()
        for index, parameter in widths:
            check_width(_argument(args, kwargs, index, parameter))
        if check is not None:
            args = check(first, args, kwargs)
        return built(func(*args, **kwargs))

    return guarded
