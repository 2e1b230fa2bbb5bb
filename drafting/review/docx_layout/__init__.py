"""Layout review of a clerk's .docx against GB/T 9704-2012 (the L5xx rules).

``layout_report(data)`` reads the .docx (effective formatting resolved as Word resolves it,
page setup, grid, footers; the part of every paragraph from the anatomy reader), runs the
checks and returns their findings; with ``render=True`` and LibreOffice installed it also lays
the document out in LibreOffice and measures the pages (lines per page, characters per line,
margins, page numbers, the red header, the 版记), and a measured verdict replaces the estimate
of the same aspect. :mod:`.fix` writes the corrected copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafting.layout.profile import LayoutProfile
from drafting.review.docx_layout.checks import LayoutIssue, check
from drafting.review.docx_layout.facts import DocFacts, open_document, read_facts

__all__ = ["MEASURED", "LayoutIssue", "LayoutReport", "layout_report"]

#: Said after a problem measured on LibreOffice's pages.
MEASURED = "（LibreOffice 排版实测）"


@dataclass
class LayoutReport:
    """The layout findings of one .docx; ``notes`` say what could not be done (no renderer)."""

    issues: list[LayoutIssue]
    measured: bool = False
    notes: list[str] = field(default_factory=list)

    def of(self, code: str) -> list[LayoutIssue]:
        return [issue for issue in self.issues if issue.code == code]


def facts_of(data: bytes, path: str = "") -> DocFacts:
    return read_facts(open_document(data, path))


def layout_report(
    data: bytes,
    *,
    path: str = "",
    render: bool = False,
    profile: LayoutProfile | None = None,
    document: Any | None = None,
    numbered: list[tuple[int, Any]] | None = None,
) -> LayoutReport:
    """The layout findings of the .docx ``data``; measured on LibreOffice's pages with
    ``render`` (when LibreOffice is installed; else the OOXML findings, and a note).
    ``document``: ``data`` already parsed by python-docx (only read here), with its
    ``numbered`` paragraphs (:func:`drafting.docx_text.numbered_paragraphs`)."""
    if document is None:
        document = open_document(data, path)
    facts = read_facts(document, numbered)
    issues = check(facts, profile)
    report = LayoutReport(issues)
    if render:
        from drafting.review.docx_layout.measure import apply_measurements

        apply_measurements(report, facts, data, profile or LayoutProfile())
    report.issues = merged(report.issues)
    return report


def merged(issues: list[LayoutIssue]) -> list[LayoutIssue]:
    """One issue per rule and paragraph, its problems joined by ；(a finding is one span of
    one rule), each measured one saying so."""
    groups: dict[tuple[str, int], list[LayoutIssue]] = {}
    for issue in issues:
        groups.setdefault((issue.code, issue.paragraph), []).append(issue)
    out = []
    for (code, paragraph), group in groups.items():
        message = "；".join(i.message + (MEASURED if i.measured else "") for i in group)
        measured = any(i.measured for i in group)
        out.append(LayoutIssue(code, paragraph, message, group[0].aspect, measured))
    return out
