"""Inline suppression: turning rules off for a stretch of text, a line, or a .docx paragraph.

The directives (``<!-- drafting: disable P201 -->`` and the like, a .docx comment
``drafting-disable``) are read with the input (:mod:`drafting.sources.directives`); the
:class:`Suppressor` answers, for each finding, whether one of them turned its rule off there.
"""

from __future__ import annotations

from collections.abc import Iterable

from drafting.sources.directives import Directive


def _matches(codes: frozenset[str] | None, code: str) -> bool:
    return codes is None or any(code.startswith(prefix) for prefix in codes)


class Suppressor:
    """Answers whether a finding of ``code`` starting on ``line`` is suppressed."""

    def __init__(
        self,
        directives: Iterable[Directive],
        lines: list[str],
        paragraph_rules: dict[int, frozenset[str] | None] | None = None,
    ) -> None:
        self._paragraphs = dict(paragraph_rules or {})
        self._spans = sorted(
            (d for d in directives if d.kind != "disable-next-line"), key=lambda d: d.line
        )
        self._next_line: list[tuple[int, frozenset[str] | None]] = []
        for directive in directives:
            if directive.kind == "disable-next-line":
                target = directive.line + 1
                while target <= len(lines) and not lines[target - 1].strip():
                    target += 1
                self._next_line.append((target, directive.codes))

    def suppressed(self, code: str, line: int) -> bool:
        if line in self._paragraphs and _matches(self._paragraphs[line], code):
            return True
        if any(target == line and _matches(codes, code) for target, codes in self._next_line):
            return True
        off = False
        for directive in self._spans:
            if directive.line >= line:
                break
            if _matches(directive.codes, code):
                off = directive.kind == "disable"
        return off
