"""The Jinja environment every template renders in: the immutable sandbox, under resource caps,
loading only regular files inside its template folders.

Jinja's sandbox stops a template from reaching Python's internals, but not from asking for
``10 ** 100000``, ``'a' * 2000000000``, ``'%999999999d' | format(1)`` or a loop of 10¹⁰ steps.
:class:`LimitedEnvironment` refuses each of these *before* the work is done, with a Chinese
message (:class:`TemplateLimitError`), under the caps of :mod:`drafting.limits`:

* integers: ``**`` and ``*`` of integers may not make more than ``MAX_TEMPLATE_INT_BITS`` bits;
* text and lists: ``*``, ``+``, ``~``, ``%``, ``str.format``, the filters and the string methods
  that build text (``center``, ``ljust``, ``replace``, ``join`` …) are sized first; no value may
  pass ``MAX_TEMPLATE_CHARS`` characters or ``MAX_DATA_NODES`` items (shared sub-lists counted
  each time they appear, as printing would), nor a width or precision ``MAX_TEMPLATE_WIDTH``;
* effort: one rendering may take ``MAX_TEMPLATE_STEPS`` steps (loop iterations, calls), build
  ``MAX_TEMPLATE_WORK`` characters in all, and last ``MAX_TEMPLATE_SECONDS``;
* ``range`` keeps Jinja's own cap (``MAX_RANGE``); recursion ends in Python's ``RecursionError``,
  which the caller reports.

The hooks: intercepted binary operators (Jinja's ``call_binop``), the sandbox's ``call`` (every
call a template makes), ``concat`` (macro and block output, the whole draft), ``finalize`` (each
``{{ … }}``), every filter wrapped, and two rewrites of the parsed template: each ``for`` loop
iterates through :meth:`LimitedEnvironment.limited_iter` and each ``~`` joins through
:meth:`LimitedEnvironment.join_text`.

:class:`ConfinedLoader` loads ``template.md.j2`` and whatever it includes, imports or extends
from the template folders only: the file, after following symlinks, must lie inside the folder
it was found in, be a regular file, be UTF-8, and be at most ``MAX_TEMPLATE_BYTES``.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import math
import os
import re
import string
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

from drafting.drafts.data import printable
from drafting.errors import DraftingError
from drafting.limits import (
    MAX_DATA_NODES,
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_CHARS,
    MAX_TEMPLATE_INT_BITS,
    MAX_TEMPLATE_SECONDS,
    MAX_TEMPLATE_STEPS,
    MAX_TEMPLATE_WIDTH,
    MAX_TEMPLATE_WORK,
)


class TemplateLimitError(Exception):
    """A template asked for more than the caps allow; the message is Chinese."""


class TemplateRefused(jinja2.TemplateNotFound):
    """A template file the loader will not read (outside its folder, not a regular file …)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, f"模板文件“{printable(name)}”{reason}")
        self.reason = reason


# --------------------------------------------------------------------------- the budget


@dataclass
class Budget:
    """What one rendering has spent: steps, characters built, time; and the sizes of the lists
    and mappings already measured (by id, the objects kept alive so that ids stay theirs)."""

    deadline: float
    steps: int = 0
    work: int = 0
    sizes: dict[int, tuple[int, int]] = field(default_factory=dict)
    kept: list[Any] = field(default_factory=list)

    @classmethod
    def start(cls) -> Budget:
        return cls(time.process_time() + MAX_TEMPLATE_SECONDS)

    def step(self, count: int = 1) -> None:
        """Spend ``count`` steps; refuse past the step cap or the deadline."""
        self.steps += count
        if self.steps > MAX_TEMPLATE_STEPS:
            raise TemplateLimitError(f"循环和调用次数过多（超过 {MAX_TEMPLATE_STEPS:,} 步）")
        if self.steps & 63 == 0 and time.process_time() > self.deadline:
            raise TemplateLimitError(f"渲染超时（计算超过 {MAX_TEMPLATE_SECONDS:g} 秒）")

    def build(self, chars: int) -> None:
        """Account for ``chars`` characters (or items) about to be built."""
        if chars > MAX_TEMPLATE_CHARS:
            raise TemplateLimitError(
                f"生成的文字过长（{chars:,} 个字符，上限 {MAX_TEMPLATE_CHARS:,}）"
            )
        self.work += chars
        if self.work > MAX_TEMPLATE_WORK:
            raise TemplateLimitError(f"生成的文字总量过大（超过 {MAX_TEMPLATE_WORK:,} 个字符）")
        if chars > 4096:
            self.step(chars >> 12)


_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


def budget() -> Budget:
    """The budget of the rendering in progress (a fresh one outside a rendering, e.g. when Jinja
    folds a constant expression while compiling)."""
    return _CURRENT.get() or Budget.start()


# --------------------------------------------------------------------------- sizes

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
        _check_size(items, chars)
        done[key] = (items, chars, volatile)
        if not volatile:
            spent.sizes[key] = (items, chars)
            spent.kept.append(node)
    items, chars, _ = done[id(value)]
    return items, chars


def _leaf_size(value: Any) -> tuple[int, int]:
    return 1, _leaf_chars(value)


def _check_size(items: int, chars: int) -> None:
    if items > MAX_DATA_NODES:
        raise TemplateLimitError(f"列表或映射过大（展开后 {items:,} 项，上限 {MAX_DATA_NODES:,}）")
    if chars > MAX_TEMPLATE_CHARS:
        raise TemplateLimitError(
            f"生成的文字过长（约 {chars:,} 个字符，上限 {MAX_TEMPLATE_CHARS:,}）"
        )


def _chars(value: Any) -> int:
    """Characters of ``str(value)``, about, after checking its expanded size."""
    return measure(value)[1] if isinstance(value, _CONTAINERS) else _leaf_chars(value)


def built(value: Any) -> Any:
    """Account for a value just built (a string, list, bytes): refuse it past the caps."""
    if isinstance(value, (str, bytes, list, tuple, dict)):
        size = len(value)
        if not isinstance(value, (str, bytes)) and size > MAX_DATA_NODES:
            _check_size(size, 0)
        budget().build(size)
    return value


def check_width(width: Any, what: str = "格式宽度") -> None:
    """Refuse a width or precision (or a count of pieces) past ``MAX_TEMPLATE_WIDTH``."""
    if isinstance(width, int) and not isinstance(width, bool) and width > MAX_TEMPLATE_WIDTH:
        raise TemplateLimitError(f"{what} {width:,} 超过上限 {MAX_TEMPLATE_WIDTH:,}")


# --------------------------------------------------------------------------- operators


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
        _check_size(0, len(sequence) * times)
        budget().build(len(sequence) * times)
    else:
        items, chars = measure(sequence)
        _check_size(items * times, chars * times)
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
        _check_size(left_items + right_items, left_chars + right_chars)
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
    largest = max((_chars(value) for value in values), default=0)
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


def _join_size(separator: Any, items: list[Any]) -> None:
    sep = len(separator) if isinstance(separator, (str, bytes)) else 0
    total = sum(_chars(item) for item in items) + sep * max(len(items) - 1, 0)
    budget().build(total)


def _replace_size(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    budget().build(len(text) + found * max(len(new) - len(old), 0))


# --------------------------------------------------------------------------- methods


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
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
        _replace_size(
            owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1)
        )
    elif name == "join" and args:
        items = list(args[0])
        _join_size(owner, items)
        return (items, *args[1:])
    elif name in ("split", "rsplit", "splitlines") and isinstance(owner, str):
        _check_size(_pieces(owner, name, args, kwargs), 0)
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


# --------------------------------------------------------------------------- filters

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
    _join_size(_argument(args, kwargs, first + 1, "d", ""), items)
    return (*args[:first], items, *args[first + 1 :])


def _check_replace(first: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    text = args[first] if len(args) > first else ""
    _replace_size(
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
        _check_size(len(args[first]), 0)
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


# --------------------------------------------------------------------------- the environment


class LimitedNamespace(Namespace):
    """Jinja's ``namespace()``: what a template stores in one is sized first."""

    def __init__(*args: Any, **kwargs: Any) -> None:
        for value in (*args[1:], *kwargs.values()):
            measure(value)
        Namespace.__init__(*args, **kwargs)

    def __setitem__(self, name: str, value: Any) -> None:
        measure(value)
        super().__setitem__(name, value)


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    from jinja2.utils import generate_lorem_ipsum

    for count in (n, min, max):
        check_width(count, "段落或词数")
    return generate_lorem_ipsum(n, html, min, max)


def _finalize(value: Any) -> Any:
    """Each ``{{ … }}``: the value sized before it is turned into text."""
    budget().build(len(value) if isinstance(value, str) else _chars(value))
    return value


def _env_call(name: str, args: list[nodes.Expr], like: nodes.Node) -> nodes.Call:
    call = nodes.Call(nodes.EnvironmentAttribute(name), args, [], None, None)
    call.set_lineno(like.lineno)
    if getattr(like, "environment", None) is not None:
        call.set_environment(like.environment)
    return call


class _Guard(NodeTransformer):
    """Loops iterate through ``limited_iter``; ``a ~ b`` joins through ``join_text``."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        node = self.generic_visit(node)
        node.iter = _env_call("limited_iter", [node.iter], node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        node = self.generic_visit(node)
        return _env_call("join_text", list(node.nodes), node)


class _GuardedCodeGenerator(CodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        _Guard().visit(node)
        super().visit_Template(node, frame)


class LimitedTemplate(jinja2.Template):
    """A template whose every rendering starts a fresh :class:`Budget`."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _CURRENT.set(Budget.start())
        try:
            return super().render(*args, **kwargs)
        finally:
            _CURRENT.reset(token)


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox under the caps of :mod:`drafting.limits` (module docstring)."""

    intercepted_binops = frozenset(("**", "*", "+", "%"))
    code_generator_class = _GuardedCodeGenerator
    template_class = LimitedTemplate

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_finalize, **options)
        self.globals["namespace"] = LimitedNamespace
        self.globals["lipsum"] = _lipsum
        self.install_filters({})

    def install_filters(self, extra: Mapping[str, Callable[..., Any]]) -> None:
        """Add ``extra`` filters; every filter (Jinja's own too) is guarded once."""
        self.filters.update(extra)
        for name, func in list(self.filters.items()):
            if not getattr(func, "_drafting_guarded", False):
                guarded = guard_filter(name, func)
                guarded._drafting_guarded = True  # type: ignore[attr-defined]
                self.filters[name] = guarded

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget().step()
        if operator == "**":
            check_power(left, right)
        elif operator == "*":
            check_multiply(left, right)
        elif operator == "+":
            check_add(left, right)
        elif operator == "%":
            check_percent_format(left, right)
        return self.binop_table[operator](left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget().step()
        if isinstance(__obj, (types.BuiltinMethodType, types.MethodWrapperType)):
            args = _check_method(__obj, args, kwargs)
        return built(super().call(__context, __obj, *args, **kwargs))

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if isinstance(argument, slice) and isinstance(value, (str, bytes, list, tuple)):
            budget().build(len(value))
        return value

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__
        is_map = value.__name__ == "format_map"

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> str:
            mapping = args[0] if is_map and args and isinstance(args[0], Mapping) else kwargs
            check_str_format(fmt, () if is_map else args, mapping)
            return built(wrapped(*args, **kwargs))

        return checked

    def concat(self, parts: Iterable[str]) -> str:  # type: ignore[override]
        """Output of a macro, a block or the whole template, counted as it comes."""
        total = 0
        pieces: list[str] = []
        for part in parts:
            total += len(part)
            if total > MAX_TEMPLATE_CHARS:
                raise TemplateLimitError(f"生成的文稿过长（超过 {MAX_TEMPLATE_CHARS:,} 个字符）")
            pieces.append(part)
        budget().build(total)
        return "".join(pieces)

    def limited_iter(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """What a ``for`` loop iterates: each iteration is a step."""
        spent = budget()
        for item in iterable:
            spent.step()
            yield item

    def join_text(self, *parts: Any) -> str:
        """``a ~ b ~ c``: the pieces sized, then joined as text."""
        total = sum(len(part) if isinstance(part, str) else _chars(part) for part in parts)
        budget().build(total)
        return "".join(part if isinstance(part, str) else str(part) for part in parts)


# --------------------------------------------------------------------------- the loader


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def confined(root: str | Path, name: str) -> str | None:
    """The real path of template file ``name`` (``/``-separated) under the template folder
    ``root``, symlinks followed; ``None`` when there is nothing there (or a folder). Refuses
    (:class:`TemplateRefused`) a name that resolves outside ``root``."""
    pieces = split_template_path(name)
    candidate = os.path.join(os.fspath(root), *pieces)
    if not pieces or not os.path.lexists(candidate):
        return None
    real = os.path.realpath(candidate)
    if not _inside(real, os.path.realpath(root)):
        raise TemplateRefused(name, "经符号链接指向模板文件夹以外，不予读取")
    return None if os.path.isdir(real) else real


def read_confined(name: str, real: str) -> tuple[str, float]:
    """The text of template file ``name`` at ``real`` (from :func:`confined`) and its time:
    read through the input gate (:mod:`drafting.inputs`: a regular file, a FIFO never waited
    on, at most ``MAX_TEMPLATE_BYTES``), UTF-8."""
    from drafting.inputs import read_file

    try:
        data = read_file(real, MAX_TEMPLATE_BYTES, what="")
        mtime = os.stat(real).st_mtime
    except (DraftingError, OSError) as exc:
        reason = exc.args[0] if isinstance(exc, DraftingError) else f"无法读取（{exc.strerror}）"
        raise TemplateRefused(name, reason) from None
    try:
        return data.decode("utf-8-sig"), mtime
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateRefused(name, f"第 {line} 行不是 UTF-8 编码；请另存为 UTF-8") from None


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from ``roots`` in order, each name read by :func:`confined` and
    :func:`read_confined`: inside the root it is found in (symlinks followed), a regular UTF-8
    file of at most ``MAX_TEMPLATE_BYTES``, or refused with :class:`TemplateRefused`. Names
    with ``..`` are not found (Jinja's own rule)."""

    def __init__(self, roots: Iterable[str | Path]) -> None:
        self.roots = [os.fspath(root) for root in roots]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for root in self.roots:
            real = confined(root, template)
            if real is None:
                continue
            text, mtime = read_confined(template, real)

            def uptodate(real: str = real, mtime: float = mtime) -> bool:
                try:
                    return os.stat(real).st_mtime == mtime
                except OSError:
                    return False

            shown = os.path.normpath(os.path.join(root, *split_template_path(template)))
            return text, shown, uptodate
        raise jinja2.TemplateNotFound(template)
