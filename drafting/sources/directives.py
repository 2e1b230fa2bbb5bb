"""Inline suppression directives, as the readers find them in an input.

In text and Markdown::

    <!-- drafting: disable P201,P203 -->   … rules off from the next line …
    <!-- drafting: enable -->               (or ``enable P201``: just that one back on)
    <!-- drafting: disable-next-line N305 -->

A bare ``disable`` / ``disable-next-line`` means every rule; codes may be prefixes (``N3``).
In a .docx, a Word comment whose text starts with ``drafting-disable`` (optionally followed by
codes) turns those rules (or all) off for the paragraph it is anchored in. The linter applies
them (:class:`drafting.lint.suppress.Suppressor`).
"""

from __future__ import annotations

import re
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
