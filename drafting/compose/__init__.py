"""Where the two pipelines meet: lint what a render is about to write, before it is written;
and the corrected copy of a clerk's .docx (:mod:`drafting.compose.layout_fix`, which reads the
layout review's facts and writes the builder's styles).

``drafting render … --lint`` and ``drafting batch … --lint`` compose the drafting pipeline (a
prepared :class:`~drafting.render.Draft`, laid out) with the reviewing one (a linter from the
one factory, :func:`drafting.lint.settings.make_linter`). Only the fronts (the command line,
the web front) import this package; ``batch`` gets :func:`review_draft` handed in, so neither
pipeline imports the other.

The linted text is exactly the output's: the Markdown for ``--to md``, the plain text for
``--to txt``, and the .docx for ``--to docx`` and ``--to pdf`` (built in memory, read back the
way ``drafting lint OUT.docx`` reads it), so a finding's line is a line (or, for .docx, a
paragraph number) of the file the writer gets. Config is looked up from the output's folder.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from drafting.lint.engine import FileResult
from drafting.lint.rule import Severity
from drafting.lint.settings import make_linter

if TYPE_CHECKING:
    from drafting.render import Draft


def rendered_bytes(draft: Draft, to: str, *, fonts: str | None = None) -> tuple[bytes, str]:
    """The bytes to lint for a render to ``to`` and the file suffix they are read as."""
    if to == "md":
        return draft.markdown.encode("utf-8"), ".md"
    if to == "txt":
        from drafting.drafts.plain import plain_text

        return plain_text(draft.document).encode("utf-8"), ".txt"
    from drafting.render import docx_bytes

    return docx_bytes(draft, fonts), ".docx"


def lint_draft(
    draft: Draft,
    out: Path,
    *,
    to: str,
    fonts: str | None = None,
    fail_on: Severity | str | None = None,
) -> FileResult:
    """Lint a prepared draft as the file ``out`` it renders to; findings name ``out``."""
    data, suffix = rendered_bytes(draft, to, fonts=fonts)
    out = Path(out)
    name = str(out if out.suffix.lower() == suffix else out.with_suffix(suffix))
    result = make_linter(out, fail_on=fail_on)(name, data)
    if name != str(out):
        result.path = str(out)
        result.findings = [dataclasses.replace(f, path=str(out)) for f in result.findings]
    return result


def lint_report(result: FileResult, *, switch: str = "--no-lint 可关闭") -> str:
    """The findings as ``drafting lint`` prints them; nothing when there are none. ``switch``
    says how the user turns the review off (``render`` reviews unless --no-lint; ``batch``
    only with --lint, so it passes an empty one)."""
    from drafting.lint.report import renderer

    if not result.findings:
        return ""
    said = f"（{switch}）" if switch else ""
    return f"审校结果{said}：\n" + renderer("text")([result])


def review_draft(draft: Draft, out: Path, to: str, fonts: str | None) -> str:
    """The findings of ``draft`` rendered to ``out`` as ``batch --lint`` prints them (what it
    runs for each document, in its worker): no switch named, since ``batch`` reviews only when
    asked."""
    return lint_report(lint_draft(draft, out, to=to, fonts=fonts), switch="")
