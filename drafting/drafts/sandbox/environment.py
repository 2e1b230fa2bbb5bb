"""The Jinja environment every template renders in: the immutable sandbox, under resource caps.

:class:`LimitedEnvironment` hooks Jinja's intercepted binary operators (``call_binop``), the
sandbox's ``call`` (every call a template makes), ``concat`` (macro and block output, the whole
draft), ``finalize`` (each ``{{ … }}``), wraps every filter, and rewrites the parsed template:
each ``for`` loop iterates through :meth:`LimitedEnvironment.limited_iter` and each ``~`` joins
through :meth:`LimitedEnvironment.join_text`."""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.visitor import NodeTransformer

from drafting.drafts.sandbox.filter_guards import guard_filter
from drafting.drafts.sandbox.methods import check_method
from drafting.drafts.sandbox.operators import (
    check_add,
    check_multiply,
    check_percent_format,
    check_power,
    check_str_format,
)
from drafting.drafts.sandbox.sizes import built, char_count, check_width, measure
from drafting.drafts.sandbox.spending import LimitedTemplate, TemplateLimitError, budget
from drafting.limits import (
    MAX_TEMPLATE_CHARS,
)


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
    budget().build(len(value) if isinstance(value, str) else char_count(value))
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
            args = check_method(__obj, args, kwargs)
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
        total = sum(len(part) if isinstance(part, str) else char_count(part) for part in parts)
        budget().build(total)
        return "".join(part if isinstance(part, str) else str(part) for part in parts)
