"""String methods that build text (``center``, ``ljust``, ``replace``, ``join`` …), sized before
they run."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from drafting.drafts.sandbox.operators import check_joined, check_replaced
from drafting.drafts.sandbox.sizes import check_width, refuse_oversized
from drafting.drafts.sandbox.spending import budget


def check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Size the call of a built-in method of text, bytes or an integer; returns the positional
    arguments (an iterable given to ``join`` is read into a list first)."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if isinstance(owner, int) and name == "to_bytes":
        length = args[0] if args else kwargs.get("length", 1)
        if isinstance(length, int):
            budget().build(length)
        return args
    if not isinstance(owner, (str, bytes)):
        return args
    if name in ("center", "ljust", "rjust", "zfill"):
        check_width(args[0] if args else kwargs.get("width"))
    elif name == "expandtabs":
        tabsize = args[0] if args else kwargs.get("tabsize", 8)
        check_width(tabsize, "制表位宽度")
        if isinstance(tabsize, int):
            budget().build(
                len(owner) + owner.count("\t" if isinstance(owner, str) else b"\t") * tabsize
            )
    elif name == "replace" and len(args) >= 2:
        check_replaced(
            owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1)
        )
    elif name == "join" and args:
        items = list(args[0])
        check_joined(owner, items)
        return (items, *args[1:])
    elif name in ("split", "rsplit", "splitlines") and isinstance(owner, str):
        refuse_oversized(_pieces(owner, name, args, kwargs), 0)
    elif name == "translate" and args and isinstance(args[0], Mapping):
        longest = max((len(v) for v in args[0].values() if isinstance(v, (str, bytes))), default=1)
        budget().build(len(owner) * max(longest, 1))
    return args


def _pieces(text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """How many pieces ``text.split(…)``/``splitlines()`` gives, at most."""
    if name == "splitlines":
        return text.count("\n") + text.count("\r") + 1
    separator = args[0] if args else kwargs.get("sep")
    if isinstance(separator, str) and separator:
        found = text.count(separator) + 1
    else:
        found = sum(1 for _ in _WORDS.finditer(text))
    limit = args[1] if len(args) > 1 else kwargs.get("maxsplit", -1)
    return min(found, limit + 1) if isinstance(limit, int) and limit >= 0 else found


_WORDS = re.compile(r"\S+")
