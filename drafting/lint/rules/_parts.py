"""Finding the parts of a notice: 主送机关 line, 署名, 成文日期, 附件说明; the 文种 of a document
and the request phrases (妥否，请批示) of a 请示."""

from __future__ import annotations

import re
from functools import cache

from drafting import lexicon
from drafting.anatomy.parts import Part
from drafting.sources.document import PreparedDoc, TextParagraph
from drafting.zh.kinds import kind_at_end, template_kinds
from drafting.zh.patterns import lazy_re

#: A line that is only a date, in any of the forms people write (N306 judges the form).
DATE_LINE = lazy_re(
    r"[\s\u3000]*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2})[\s\u3000]*"
)
#: A date anywhere in a line (a subtitle's （2019年1月3日）, （二〇二〇年…通过）).
DATE_IN_TEXT = lazy_re(
    r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月"
)
#: The last characters of the name of an organ or a group of organs.
ORGAN_END = lazy_re(
    r"(?:委|办|局|厅|部|府|会|院|室|处|科|所|站|队|司|校|行|馆|中心|公司|集团|单位|部门|机关|"
    r"机构|组织|县|市|区|镇|乡|街道|社区|村|省|团|部队|企业|学院|大学)$"
)


def main_part(doc: PreparedDoc) -> list[TextParagraph]:
    """The non-empty paragraphs of the document itself: up to its first attachment or carried
    document (the anatomy's first numbering scope)."""
    scopes = doc.anatomy.scopes if doc.anatomy is not None else []
    end = scopes[0].end if scopes else len(doc.paragraphs)
    return [p for p in doc.paragraphs[:end] if p.text.strip()]


def recipient_line(doc: PreparedDoc) -> TextParagraph | None:
    """The 主送机关 line of the document itself (the anatomy's ``recipients`` part)."""
    return next((p for p in main_part(doc) if p.part is Part.RECIPIENTS), None)


def date_line(doc: PreparedDoc) -> TextParagraph | None:
    """The 成文日期 of the document itself: its last ``date`` part."""
    dates = [p for p in main_part(doc) if p.part is Part.DATE]
    return dates[-1] if dates else None


def dated_subtitle(doc: PreparedDoc) -> TextParagraph | None:
    """A date given under the title in brackets (（2019年1月3日）, （…会议通过）): the form of a
    document published with its date as a 题注 rather than at its foot."""
    return next(
        (p for p in main_part(doc) if p.part is Part.SUBTITLE and DATE_IN_TEXT.search(p.text)),
        None,
    )


def body_until_attachments(doc: PreparedDoc) -> list[TextParagraph]:
    """The running text of the document itself (body and headings, before any attachment or
    carried document): what a notice's required parts sit around."""
    return [p for p in main_part(doc) if p.role in ("body", "heading")]


def is_attachment_note(paragraph: TextParagraph) -> bool:
    """A 附件说明 line (附件：1.名称, and the lines it wraps onto)."""
    if paragraph.part is not None:
        return paragraph.part is Part.ATTACHMENT_NOTE
    return bool(re.match(r"[\s\u3000]*附件\s*[:：]", paragraph.text))


def looks_like_signature(paragraph: TextParagraph) -> bool:
    """A 署名 line (the anatomy's ``signature`` part)."""
    return paragraph.part is Part.SIGNATURE


def signature_lines(doc: PreparedDoc) -> list[TextParagraph]:
    """The 署名 lines of the document itself."""
    return [p for p in main_part(doc) if p.part is Part.SIGNATURE]


_TRAILING_NOTE = lazy_re(r"(?:[（(][^（）()]*[）)])+$")


def doc_kind(doc: PreparedDoc) -> str | None:
    """The 文种: the one the genre was chosen with (the title read over all its lines, a
    declared kind), else the one the title ends with, else the front matter's ``kind`` (a
    template id such as ``notice`` read as its 文种, :func:`drafting.zh.kinds.template_kinds`)."""
    if doc.kind:
        return "命令" if doc.kind == "令" else doc.kind
    title = doc.title_text
    if title:
        core = _TRAILING_NOTE.sub("", title.rstrip("。；，"))
        found = kind_at_end(core)
        if found:
            return found
    for mark in doc.of_part(Part.ORGAN_MARK):  # ×××纪要, ×××令: the 标志 names the kind
        squashed = re.sub(r"[\s\u3000]+", "", mark.text)
        if squashed.endswith("纪要"):
            return "纪要"
        if squashed.endswith("令"):
            return "命令"
    kind = str(doc.metadata.get("kind") or "").strip()
    return template_kinds().get(kind, kind or None)


@cache
def _request_phrase() -> re.Pattern[str]:
    phrases = sorted(lexicon.words("request_phrases.txt"), key=len, reverse=True)
    return re.compile("|".join(re.escape(phrase) for phrase in phrases))


def request_phrases(doc: PreparedDoc) -> list[tuple[TextParagraph, re.Match[str]]]:
    """Every request phrase of a 请示 (妥否，请批示) in the body, with its paragraph."""
    found = []
    for paragraph in body_until_attachments(doc):
        if paragraph is doc.title:
            continue
        found += [(paragraph, match) for match in _request_phrase().finditer(paragraph.text)]
    return found
