"""The labelled documents of the layout rules (``tests/labelled/layout/L5xx.yaml``): each names
what the clerk did (the :class:`clerk_docx.Clerk` settings) and every layout finding the
document gets, as ``(code, paragraph number)``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from clerk_docx import PARAGRAPHS, Clerk, build

FOLDER = Path(__file__).parent / "labelled" / "layout"


@dataclass(frozen=True)
class LayoutCase:
    rule: str
    kind: str  # "fire" or "pass"
    settings: tuple[tuple[str, Any], ...]
    findings: frozenset[tuple[str, int]]
    saved: bool = False

    @property
    def id(self) -> str:
        what = ",".join(f"{k}={v}" for k, v in self.settings) or "as-asked"
        return f"{self.rule}-{self.kind}-{what}"

    def clerk(self, **changes: Any) -> Clerk:
        values = dict(self.settings)
        values.update(changes)
        return Clerk(**values)

    def docx(self, **changes: Any) -> bytes:
        return build(self.clerk(**changes))


def _finding(text: str) -> tuple[str, int]:
    code, where = text.split()
    return code, PARAGRAPHS[where] if where in PARAGRAPHS else int(where)


def load() -> list[LayoutCase]:
    cases = []
    for path in sorted(FOLDER.glob("L5*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("fire", "pass"):
            for entry in data.get(kind) or []:
                settings = tuple(
                    sorted(
                        (key, tuple(value) if isinstance(value, list) else value)
                        for key, value in (entry.get("clerk") or {}).items()
                    )
                )
                findings = frozenset(_finding(item) for item in entry.get("findings") or [])
                cases.append(
                    LayoutCase(data["rule"], kind, settings, findings, bool(entry.get("saved")))
                )
    return cases


CASES = load()
