"""Inline suppression: turning rules off for a stretch of text, a line, or a .docx paragraph.

In text and Markdown::

    <!-- drafting: disable P201,P203 -->   … rules off from the next line …
    <!-- drafting: enable -->               (or ``enable P201``: just that one back on)
    <!-- drafting: disable-next-line N305 -->

A bare ``disable`` / ``disable-next-line`` means every rule; codes may be prefixes (``N3``).
In a .docx, a Word comment whose text starts with ``drafting-disable`` (optionally followed by
codes) turns those rules (or all) off for the paragraph it is anchored in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

_DIRECTIVE = re.compile(
    r"<!--\s*drafting:\s*(disable-next-line|disable|enable)\b([^>]*?)\s*-->", re.IGNORECASE
)
_CODES = re.compile(r"[A-Za-z]+\d*")
_DOCX = re.compile(r"^\s*drafting-disable\b(.*)$", re.IGNORECASE | re.DOTALL)

Kind = Literal["disable", "enable", "disable-next-line"]


@dataclass(frozen=True)
class Directive:
    """One suppression comment: its kind, its codes (None = every rule), its 1-based line."""

    kind: Kind
    codes: frozenset[str] | None
    line: int


def _codes(text: str) -> frozenset[str] | None:
    codes = frozenset(code.upper() for code in _CODES.findall(text))
    return codes or None


def parse_directives(lines: list[str]) -> list[Directive]:
    """Every directive comment in ``lines`` (source lines of a text or Markdown file)."""
    out: list[Directive] = []
    for number, line in enumerate(lines, 1):
        for match in _DIRECTIVE.finditer(line):
            kind = match.group(1).lower()
            out.append(Directive(kind, _codes(match.group(2)), number))  # type: ignore[arg-type]
    return out


def docx_directive(comment: str) -> frozenset[str] | Literal[False] | None:
    """Codes a .docx comment turns off (None = all), or False if it is not a directive."""
    match = _DOCX.match(comment)
    if not match:
        return False
    return _codes(match.group(1))


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
