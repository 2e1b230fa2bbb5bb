"""Finding the parts of a notice: 主送机关 line, 署名, 成文日期, 附件说明; the 文种 of a document
and the request phrases (妥否，请批示) of a 请示."""

from __future__ import annotations

import re
from functools import cache

from drafting import lexicon
from drafting.sources.document import PreparedDoc, TextParagraph
from drafting.zh.kinds import kind_at_end, template_kinds
from drafting.zh.patterns import lazy_re

#: A line that is only a date, in any of the forms people write (N306 judges the form).
DATE_LINE = lazy_re(
    r"[\s\u3000]*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2})[\s\u3000]*"
)
#: The last characters of the name of an organ or a group of organs.
ORGAN_END = lazy_re(
    r"(?:委|办|局|厅|部|府|会|院|室|处|科|所|站|队|司|校|行|馆|中心|公司|集团|单位|部门|机关|"
    r"机构|组织|县|市|区|镇|乡|街道|社区|村|省|团|部队|企业|学院|大学)$"
)
_HEADER_LINE = lazy_re(
    r"〔\d{4}〕|\[\d{4}\]|【\d{4}】|文件$|^(?:绝密|机密|秘密|特急|加急)|签发人|★|^\d{6}$"
)
#: Words of an opening sentence (为……，现将……通知如下：), never of a list of organs.
_BODY_WORDS = lazy_re(r"现将|现就|如下|为了|为进一步|根据|按照|经研究|经.{0,8}同意|通知|决定")
_ATTACHMENT = lazy_re(r"[\s\u3000]*附件")


def _content(doc: PreparedDoc) -> list[TextParagraph]:
    return [p for p in doc.paragraphs if p.role in ("body", "heading") and p.text.strip()]


def recipient_line(doc: PreparedDoc) -> TextParagraph | None:
    """The 主送机关 line: the first content paragraph after the title (past 版头 lines) that is
    short, has no sentence mark and ends with a colon, a comma or an organ's name."""
    content = _content(doc)
    if doc.title is not None:  # a 信函格式 标志 (the organ's name) stands above the title
        content = [p for p in content if p.start > doc.title.start]
    for paragraph in content[:6]:
        text = paragraph.text.strip()
        if _HEADER_LINE.search(text):
            continue
        if len(text) > 150 or re.search(r"[。！？]", text) or _BODY_WORDS.search(text):
            return None
        core = text.rstrip(":：，,；;、")
        if text[-1] in ":：" or (ORGAN_END.search(core) and len(text) <= 80):
            return paragraph
        return None
    return None


def date_line(doc: PreparedDoc) -> TextParagraph | None:
    """The 成文日期: the last paragraph that is nothing but a date (before any attachment)."""
    found = None
    for paragraph in body_until_attachments(doc):
        if DATE_LINE.fullmatch(paragraph.text):
            found = paragraph
    return found


def body_until_attachments(doc: PreparedDoc) -> list[TextParagraph]:
    """Content paragraphs up to the first attachment page label (附件 / 附件1 alone on a line)."""
    out = []
    for paragraph in _content(doc):
        if re.fullmatch(r"[\s\u3000]*附件\s*\d*[\s\u3000]*", paragraph.text):
            break
        out.append(paragraph)
    return out


def is_attachment_note(paragraph: TextParagraph) -> bool:
    """A 附件说明 line: 附件 followed by a colon (附件：1.名称)."""
    return bool(re.match(r"[\s\u3000]*附件\s*[:：]", paragraph.text))


def looks_like_signature(paragraph: TextParagraph) -> bool:
    """A short line with no sentence mark or colon: an organ's name above the date."""
    text = paragraph.text.strip()
    return (
        0 < len(text) <= 40
        and not re.search(r"[。！？；，：:,;]", text)
        and not _ATTACHMENT.match(text)
        and not re.match(r"[（(]?[0-9一二三四五六七八九十]+[、.．）)]", text)
    )


_TRAILING_NOTE = lazy_re(r"(?:[（(][^（）()]*[）)])+$")


def doc_kind(doc: PreparedDoc) -> str | None:
    """The 文种: the one the title ends with (…的请示), else the front matter's ``kind`` (a
    template id such as ``notice`` read as its 文种, :func:`drafting.zh.kinds.template_kinds`)."""
    if doc.title is not None:
        core = _TRAILING_NOTE.sub("", doc.title.text.strip().rstrip("。；，"))
        found = kind_at_end(core)
        if found:
            return found
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
