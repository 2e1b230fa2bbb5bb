"""Sizing values before they are built: items and characters, shared sub-lists counted each
time they appear (as printing would), sizes remembered per rendering."""

from __future__ import annotations

from typing import Any

from jinja2.utils import Namespace

from drafting.drafts.sandbox.spending import TemplateLimitError, budget
from drafting.limits import (
    MAX_DATA_NODES,
    MAX_TEMPLATE_CHARS,
    MAX_TEMPLATE_WIDTH,
)

_CONTAINERS = (list, tuple, dict, set, frozenset, Namespace)


def _kids(value: Any) -> list[Any]:
    if isinstance(value, Namespace):
        value = object.__getattribute__(value, "_Namespace__attrs")
    if isinstance(value, dict):
        return [part for pair in value.items() for part in pair]
    return list(value)


def _leaf_chars(value: Any) -> int:
    """About how many characters ``str(value)`` (or its repr inside a list) takes."""
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, bytes):
        return 4 * len(value) + 3
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return int(value.bit_length() * 0.30103) + 2
    return 32


def measure(value: Any) -> tuple[int, int]:
    """``(items, characters)`` of ``value`` as printing would expand it: a list that holds the
    same sub-list twice counts it twice. Refuses past ``MAX_DATA_NODES`` items or
    ``MAX_TEMPLATE_CHARS`` characters, and a list or mapping that contains itself.

    Sizes of lists, tuples and mappings are remembered for the rendering (the sandbox lets no
    template change them); those holding a ``namespace`` (which a template may change) are not.
    """
    if not isinstance(value, _CONTAINERS):
        return 1, _leaf_chars(value)
    spent = budget()
    if id(value) in spent.sizes:
        return spent.sizes[id(value)]
    done: dict[int, tuple[int, int, bool]] = {}
    open_now: set[int] = set()
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if not finished:
            if key in done or key in spent.sizes:
                continue
            if key in open_now:
                raise TemplateLimitError("列表、映射或 namespace 引用了它自己")
            open_now.add(key)
            stack.append((node, True))
            kids = _kids(node)
            spent.step()
            stack.extend((kid, False) for kid in kids if isinstance(kid, _CONTAINERS))
            continue
        open_now.discard(key)
        items, chars, volatile = 1, 2, isinstance(node, Namespace)
        for kid in _kids(node):
            kid_id = id(kid)
            if kid_id in done:
                kid_items, kid_chars, kid_volatile = done[kid_id]
            elif kid_id in spent.sizes:
                kid_items, kid_chars, kid_volatile = (*spent.sizes[kid_id], False)
            else:
                kid_items, kid_chars, kid_volatile = (*_leaf_size(kid), False)
            items += kid_items
            chars += kid_chars + 2
            volatile = volatile or kid_volatile
        refuse_oversized(items, chars)
        done[key] = (items, chars, volatile)
        if not volatile:
            spent.sizes[key] = (items, chars)
            spent.kept.append(node)
    items, chars, _ = done[id(value)]
    return items, chars


def _leaf_size(value: Any) -> tuple[int, int]:
    return 1, _leaf_chars(value)


def refuse_oversized(items: int, chars: int) -> None:
    if items > MAX_DATA_NODES:
        raise TemplateLimitError(f"列表或映射过大（展开后 {items:,} 项，上限 {MAX_DATA_NODES:,}）")
    if chars > MAX_TEMPLATE_CHARS:
        raise TemplateLimitError(
            f"生成的文字过长（约 {chars:,} 个字符，上限 {MAX_TEMPLATE_CHARS:,}）"
        )


def char_count(value: Any) -> int:
    """Characters of ``str(value)``, about, after checking its expanded size."""
    return measure(value)[1] if isinstance(value, _CONTAINERS) else _leaf_chars(value)


def built(value: Any) -> Any:
    """Account for a value just built (a string, list, bytes): refuse it past the caps."""
    if isinstance(value, (str, bytes, list, tuple, dict)):
        size = len(value)
        if not isinstance(value, (str, bytes)) and size > MAX_DATA_NODES:
            refuse_oversized(size, 0)
        budget().build(size)
    return value


def check_width(width: Any, what: str = "格式宽度") -> None:
    """Refuse a width or precision (or a count of pieces) past ``MAX_TEMPLATE_WIDTH``."""
    if isinstance(width, int) and not isinstance(width, bool) and width > MAX_TEMPLATE_WIDTH:
        raise TemplateLimitError(f"{what} {width:,} 超过上限 {MAX_TEMPLATE_WIDTH:,}")
