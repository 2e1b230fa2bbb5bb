"""What one rendering may spend: steps (loop iterations, calls), characters built, time."""

from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass, field
from typing import Any

import jinja2

from drafting.limits import (
    MAX_TEMPLATE_CHARS,
    MAX_TEMPLATE_SECONDS,
    MAX_TEMPLATE_STEPS,
    MAX_TEMPLATE_WORK,
)


class TemplateLimitError(Exception):
    """A template asked for more than the caps allow; the message is Chinese."""


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


class LimitedTemplate(jinja2.Template):
    """A template whose every rendering starts a fresh :class:`Budget`."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _CURRENT.set(Budget.start())
        try:
            return super().render(*args, **kwargs)
        finally:
            _CURRENT.reset(token)
