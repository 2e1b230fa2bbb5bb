"""A copy of a .docx with one Word comment (批注) per finding, anchored on the offending text.

A finding names its paragraph by the number
:func:`drafting.sources.docx_text.numbered_paragraphs` gives, and its span by a 1-based column in
that paragraph's text as the linter reads it (:func:`drafting.sources.docx_text.paragraph_text`:
the runs of the paragraph, of its hyperlinks and of tracked insertions; tracked deletions are not
text). Runs are split at the span's edges (each
piece keeps a copy of the run's ``w:rPr``, so neither text nor formatting changes) and the
comment's range markers are placed around exactly those characters.

Runs inside hyperlinks and tracked insertions are split like any other (the range markers may
sit inside the ``w:hyperlink`` or ``w:ins``; the reference run goes after it), and so are the
result runs of complex fields. The text of simple fields (``w:fldSimple``) is not part of a
paragraph's text for python-docx, so for the linter either, and no finding points into it. A
span running into a later paragraph is marked from its start to its end across the paragraphs.
Fallback, said in the comment: a span whose characters are not where the finding says is looked
for in the paragraph by its excerpt (nearest occurrence), and failing that the whole paragraph is
marked. Findings outside the body (headers, footers, or with no paragraph) are listed in one
comment on the first non-empty paragraph.

Comments are dated now, and the copy's zip entries when it is written; with
``SOURCE_DATE_EPOCH`` set (the reproducible-builds convention: seconds since 1970-01-01 UTC)
both are that time instead, so the same input and findings give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafting.atomic import check_not_input, write_bytes
from drafting.docx_zip import normalise_zip
from drafting.errors import ConfigError, InputError
from drafting.lint.rule import Finding
from drafting.sources.docx_text import child_text as _child_text
from drafting.sources.docx_text import counted_runs as _counted_runs
from drafting.sources.docx_text import paragraph_text
from drafting.sources.docx_text import run_text as _run_text

AUTHOR = "drafting"
INITIALS = "DR"
#: Said when the copy would be written over the .docx it is a copy of (``--force`` or not).
ONTO_ORIGINAL = "批注副本不能写回原文件，请另给一个文件名"

#: The reproducible-builds variable (https://reproducible-builds.org/specs/source-date-epoch/).
EPOCH_VAR = "SOURCE_DATE_EPOCH"
#: The dates a zip entry can carry (DOS date and time).
_ZIP_DATES = (
    dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc),
    dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc),
)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_R, _T, _P = _q("r"), _q("t"), _q("p")
_RPR = _q("rPr")


@dataclass
class _Segment:
    """One text-bearing run of a paragraph: its element and its ``[start, end)`` in the text."""

    run: Any
    start: int
    end: int


def _segments(p: Any) -> list[_Segment]:
    out, offset = [], 0
    for run in _counted_runs(p):
        length = len(_run_text(run))
        out.append(_Segment(run, offset, offset + length))
        offset += length
    return out


def _split_run(run: Any, at: int) -> Any:
    """Split ``run`` so that its first ``at`` characters stay in it; return the new second run.

    The second run is a deep copy (same ``w:rPr``, same attributes); each keeps only its part of
    the content. A child without text (a drawing, a field character) goes with the part where it
    stands.
    """
    second = copy.deepcopy(run)
    _keep(run, 0, at)
    _keep(second, at, None)
    run.addnext(second)
    return second


def _keep(run: Any, lo: int, hi: int | None) -> None:
    """Trim ``run`` to the characters ``[lo, hi)`` of its text (``hi`` None: to the end)."""
    offset = 0
    for child in list(run):
        if child.tag == _RPR:
            continue
        text = _child_text(child)
        begin, end = offset, offset + len(text)
        offset = end
        if not text:  # no text: it goes with the part where it stands (at the cut: the second)
            if begin < lo or (hi is not None and begin >= hi):
                run.remove(child)
            continue
        if end <= lo or (hi is not None and begin >= hi):
            run.remove(child)
            continue
        if child.tag == _T and (begin < lo or (hi is not None and end > hi)):
            piece = text[max(lo, begin) - begin : (end if hi is None else min(hi, end)) - begin]
            child.text = piece
            if piece != piece.strip():
                child.set(_XML_SPACE, "preserve")


def _runs_for_span(p: Any, start: int, end: int) -> list[Any]:
    """Split runs of ``p`` so that ``[start, end)`` is whole runs; return them (may be [])."""
    for edge in (start, end):
        for seg in _segments(p):
            if seg.start < edge < seg.end:
                _split_run(seg.run, edge - seg.start)
                break
    return [s.run for s in _segments(p) if s.start >= start and s.end <= end and s.end > s.start]


def _top_child(p: Any, element: Any) -> Any:
    """The child of ``p`` that holds ``element`` (itself when it is a direct child)."""
    while element.getparent() is not p:
        element = element.getparent()
    return element


def _mark(first: Any, last: Any, comment_id: int) -> None:
    """Place ``commentRangeStart`` before ``first``, ``commentRangeEnd`` after ``last`` and the
    reference run after the paragraph-level element that holds ``last``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    first.addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)}))
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)})
    last.addnext(end)
    p = last.getparent()
    while p is not None and p.tag != _P:
        p = p.getparent()
    holder = _top_child(p, end) if p is not None else end
    holder.addnext(_reference_run(comment_id))


def _mark_point(p: Any, at: int, comment_id: int) -> None:
    """A comment on a point (an empty span) at character ``at`` of ``p``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for seg in _segments(p):
        if seg.start < at < seg.end:
            _split_run(seg.run, at - seg.start)
            break
    after = next((s.run for s in _segments(p) if s.start >= at and s.end > s.start), None)
    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)})
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)})
    if after is not None:
        after.addprevious(start)
        after.addprevious(end)
        _top_child(p, after).addprevious(_reference_run(comment_id))
    else:
        p.append(start)
        p.append(end)
        p.append(_reference_run(comment_id))


def _reference_run(comment_id: int) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    run.append(rpr)
    run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    return run


def _anchor(p: Any, start: int, end: int, comment_id: int) -> None:
    """Mark ``[start, end)`` of paragraph ``p`` (an empty span marks the point)."""
    if start == end:
        _mark_point(p, start, comment_id)
        return
    runs = _runs_for_span(p, start, end)
    if not runs:
        _mark_point(p, start, comment_id)
        return
    _mark(runs[0], runs[-1], comment_id)


def comment_text(finding: Finding) -> str:
    """What the comment says: ``CODE 消息`` and, when the rule can mend it, the replacement."""
    text = f"{finding.code} {finding.message}"
    if finding.fix is not None and not says_fix(finding):
        text += "\n建议删除" if finding.fix == "" else f"\n建议改为：{finding.fix}"
    return text


def says_fix(finding: Finding) -> bool:
    """Whether the message already says the replacement (…应为全角“，”, 改为“两三”): then it is
    not said a second time."""
    if finding.fix == "":
        return "删" in finding.message
    return f"“{finding.fix}”" in finding.message


def _locate(text: str, finding: Finding) -> tuple[int, int, bool]:
    """``(start, end, exact)`` of a one-paragraph finding in its paragraph's ``text``.

    ``exact`` is False when the characters at the finding's column are not its excerpt and the
    span had to be found by the excerpt (or, failing that, is the whole paragraph).
    """
    text = _as_linted(text)
    start = finding.column - 1
    length = finding.end - finding.start
    excerpt = finding.excerpt
    if 0 <= start <= len(text) and text[start : start + length] == excerpt:
        return start, start + length, True
    if excerpt:
        hits = [i for i in range(len(text)) if text.startswith(excerpt, i)]
        if hits:
            best = min(hits, key=lambda i: abs(i - start))
            return best, best + len(excerpt), False
    return 0, len(text), False


def _as_linted(text: str) -> str:
    """The paragraph text as the linter reads it: line breaks inside a paragraph are spaces."""
    return text.replace("\n", " ").replace("\v", " ")


def _outside_summary(findings: Sequence[Finding]) -> str:
    lines = ["以下问题不在正文段落中（页眉、页脚等），无法批注在原文上："]
    for f in findings:
        where = f"「{f.excerpt}」" if f.excerpt else ""
        lines.append(f"{f.code} {f.message}{where}")
    return "\n".join(lines)


_NOT_EXACT = "\n（未能在原文中精确定位，批注标在最接近的位置）"


def _anchor_across(
    p: Any, last: Any, finding: Finding, document: Any, text: str, when: dt.datetime | None
) -> bool:
    """A span running from paragraph ``p`` into paragraph ``last``: mark from the finding's
    column in the first to its end column in the last; return whether the edges matched."""
    first_text = _as_linted(paragraph_text(p))
    last_text = _as_linted(paragraph_text(last))
    start = min(max(finding.column - 1, 0), len(first_text))
    end = min(max(finding.end_column - 1, 0), len(last_text))
    head, _, tail = finding.excerpt.partition("\n")
    tail = tail.rsplit("\n", 1)[-1]
    exact = first_text[start:] == head and last_text[:end] == tail
    if not exact:
        text += _NOT_EXACT
    comment = _add_comment(document, text, when)
    cid = comment.comment_id
    first_runs = _runs_for_span(p, start, len(first_text)) if start < len(first_text) else []
    last_runs = _runs_for_span(last, 0, end) if end > 0 else []
    if first_runs and last_runs:
        _mark(first_runs[0], last_runs[-1], cid)
    elif first_runs:
        _mark(first_runs[0], first_runs[-1], cid)
    elif last_runs:
        _mark(last_runs[0], last_runs[-1], cid)
    else:
        _mark_point(p, start, cid)
    return exact


def source_date() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC time, or None when it is unset or empty; a value that is
    not a whole number of seconds is an error (as the convention asks), not silently ignored."""
    raw = os.environ.get(EPOCH_VAR, "").strip()
    if not raw:
        return None
    bad = f"环境变量 {EPOCH_VAR} 应为自 1970-01-01 起的秒数（非负整数），而不是“{raw}”"
    if not raw.isdigit():
        raise ConfigError(bad)
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise ConfigError(bad) from None


def _add_comment(document: Any, text: str, when: dt.datetime | None) -> Any:
    """A new comment by :data:`AUTHOR`, dated ``when`` (python-docx dates it now)."""
    comment = document.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
    if when is not None:
        comment._comment_elm.date = when
    return comment


def dated_zip(data: bytes, when: dt.datetime) -> bytes:
    """The zip ``data`` with every entry dated ``when`` (kept within the dates a zip can hold)
    and the same attributes everywhere; entries, order, names and contents unchanged."""
    low, high = _ZIP_DATES
    at = min(max(when, low), high)
    return normalise_zip(data, (at.year, at.month, at.day, at.hour, at.minute, at.second))


def annotate_document(
    document: Any, findings: Iterable[Finding], *, when: dt.datetime | None = None
) -> int:
    """Add one comment per finding to a python-docx ``document``; return how many were added.

    Comments are dated ``when`` (default: now)."""
    from drafting.sources.docx_text import numbered_elements

    numbered = numbered_elements(document)
    paragraphs = {number: p for number, p, _ in numbered}
    inside: list[tuple[Finding, Any]] = []
    outside: list[Finding] = []
    for finding in findings:
        number = finding.paragraph
        if number is None or number not in paragraphs:
            outside.append(finding)
        else:
            inside.append((finding, paragraphs[number]))
    count = 0
    # Right to left within a paragraph keeps earlier offsets valid; splitting never changes text,
    # so the order is for tidiness of the XML only.
    inside.sort(key=lambda item: (item[0].paragraph or 0, -(item[0].column), item[0].code))
    for finding, p in inside:
        text = comment_text(finding)
        last = paragraphs.get(finding.end_line) if finding.end_line != finding.line else None
        if last is not None and finding.end_line > finding.line:
            _anchor_across(p, last, finding, document, text, when)
        else:
            start, end, exact = _locate(paragraph_text(p), finding)
            if not exact:
                text += _NOT_EXACT
            comment = _add_comment(document, text, when)
            _anchor(p, start, end, comment.comment_id)
        count += 1
    if outside:
        comment = _add_comment(document, _outside_summary(outside), when)
        p = next((p for _, p, _ in numbered if p.text), None)
        if p is None:
            p = numbered[0][1] if numbered else document.add_paragraph().paragraph_format.element
        _anchor(p, 0, len(paragraph_text(p)), comment.comment_id)
        count += 1
    return count


def annotate_docx(src: Path, findings: list[Finding], out: Path, *, force: bool = False) -> int:
    """Write to ``out`` a copy of ``src`` with one comment per finding; return the comment count.

    ``src`` is only read. ``out`` is written atomically and never replaces an existing file
    unless ``force``; it may not be ``src`` itself. With ``SOURCE_DATE_EPOCH`` set, comments
    and zip entries carry that date, so the copy is byte-for-byte reproducible.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from drafting.inputs import read_file
    from drafting.limits import MAX_DOCX_BYTES

    src, out = Path(src), Path(out)
    check_not_input(out, [src], ONTO_ORIGINAL)
    data = read_file(src, MAX_DOCX_BYTES)
    try:
        document = docx.Document(io.BytesIO(data))
    except (OSError, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"无法读取 .docx 文件（{exc}）", path=str(src)) from None
    when = source_date()
    count = annotate_document(document, findings, when=when)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue() if when is None else dated_zip(buffer.getvalue(), when)
    write_bytes(out, data, force=force)
    return count


def comment_anchors(document: Any) -> dict[int, str]:
    """The text each comment of ``document`` is anchored on, by comment id, as the linter reads
    it (a paragraph break inside a range is ``\\n``). Used to check an annotated copy."""
    from lxml import etree

    body = document.element.body
    open_ids: list[int] = []
    found: dict[int, list[str]] = {}
    counted: set[Any] = set()
    for p in body.iter(_P):
        counted.update(_counted_runs(p))
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start" and tag == _q("commentRangeStart"):
            cid = int(element.get(_q("id")))
            open_ids.append(cid)
            found.setdefault(cid, [])
        elif event == "start" and tag == _q("commentRangeEnd"):
            cid = int(element.get(_q("id")))
            if cid in open_ids:
                open_ids.remove(cid)
        elif event == "start" and tag == _R and open_ids:
            if element in counted:
                text = _as_linted(_run_text(element))
                for cid in open_ids:
                    found[cid].append(text)
        elif event == "end" and tag == _P:
            for cid in open_ids:
                found[cid].append("\n")
    return {cid: "".join(parts) for cid, parts in found.items()}
