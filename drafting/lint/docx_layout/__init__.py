"""Layout review of a clerk's .docx against GB/T 9704-2012 (the L5xx rules).

``layout_report(data)`` reads the .docx (effective formatting resolved as Word resolves it,
page setup, grid, footers; the part of every paragraph from the anatomy reader), runs the
checks and returns their findings; with ``render=True`` and LibreOffice installed it also lays
the document out in LibreOffice and measures the pages (lines per page, characters per line,
margins, page numbers, the red header, the 版记), and a measured verdict replaces the estimate
of the same aspect. The corrected copy, which needs the builder's styles, is written where the
pipelines meet (:mod:`drafting.compose.layout_fix`).
"""

from __future__ import annotations

from typing import Any

from drafting.gbt9704 import LayoutProfile
from drafting.lint.docx_layout.checks import LayoutIssue, LayoutReport, check
from drafting.lint.docx_layout.facts import DocFacts, open_document, read_facts

__all__ = ["MEASURED", "LayoutIssue", "LayoutReport", "layout_report"]

#: Said after a problem measured on LibreOffice's pages.
MEASURED = "（LibreOffice 排版实测）"


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
    ``numbered`` paragraphs (``(number, w:p)`` pairs, as
    :func:`drafting.sources.docx_text.numbered_elements` numbers them)."""
    if document is None:
        document = open_document(data, path)
    facts = read_facts(document, numbered)
    issues = check(facts, profile)
    report = LayoutReport(issues)
    if render:
        from drafting.lint.docx_layout.measure import apply_measurements

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
