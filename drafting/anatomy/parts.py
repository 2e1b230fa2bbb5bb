"""The parts of a 公文 (GB/T 9704-2012 §7) and of the other texts the linter reads.

Every paragraph of a document is one part. The names are stable: rules declare the parts they
read, ``drafting lint --show-parts`` prints them, and the judged anatomy of the real corpus
(``corpus/real/gold_parts.tsv``) uses them.
"""

from __future__ import annotations

from enum import Enum


class Part(str, Enum):
    """The part a paragraph plays, in document order (版头, 主体, 版记, then the rest)."""

    # 版头
    COPY_NUMBER = "copy_number"
    CLASSIFICATION = "classification"
    URGENCY = "urgency"
    ORGAN_MARK = "organ_mark"
    SIGNER = "signer"
    DOC_NUMBER = "doc_number"
    # 主体: the opening
    TITLE = "title"
    SUBTITLE = "subtitle"
    LEAD = "lead"
    SPEAKER = "speaker"
    BYLINE = "byline"
    DATELINE = "dateline"
    SALUTATION = "salutation"
    RECIPIENTS = "recipients"
    # 主体: the body
    BODY = "body"
    HEADING1 = "heading1"
    HEADING2 = "heading2"
    HEADING3 = "heading3"
    HEADING4 = "heading4"
    TABLE = "table"
    NAME_LIST = "name_list"
    # 主体: the close
    ATTACHMENT_NOTE = "attachment_note"
    SIGNATURE = "signature"
    DATE = "date"
    NOTE = "note"
    # documents inside the document: 附件 and carried documents (关于印发《…》的通知)
    ATTACHMENT_LABEL = "attachment_label"
    CARRIED_TITLE = "carried_title"
    # 版记
    CC = "cc"
    PRINTER = "printer"
    # not the document's own text
    RESIDUE = "residue"
    OTHER = "other"
    """Outside the document's running text: a table of contents, an outline heading of a carried
    plan (1.1 总则, 第一章), a newspaper's rubric (【点评】), a quoted reader's handle."""
    BLANK = "blank"

    @property
    def chinese(self) -> str:
        """The part's name as a reviewer says it."""
        return CHINESE[self]

    @property
    def heading_level(self) -> int | None:
        """1–4 for the heading parts, else ``None``."""
        return HEADING_LEVELS.get(self)


CHINESE: dict[Part, str] = {
    Part.COPY_NUMBER: "份号",
    Part.CLASSIFICATION: "密级",
    Part.URGENCY: "紧急程度",
    Part.ORGAN_MARK: "发文机关标志",
    Part.SIGNER: "签发人",
    Part.DOC_NUMBER: "发文字号",
    Part.TITLE: "标题",
    Part.SUBTITLE: "副题",
    Part.LEAD: "提要",
    Part.SPEAKER: "讲话人",
    Part.BYLINE: "署名作者",
    Part.DATELINE: "电头",
    Part.SALUTATION: "称呼",
    Part.RECIPIENTS: "主送机关",
    Part.BODY: "正文",
    Part.HEADING1: "一级标题",
    Part.HEADING2: "二级标题",
    Part.HEADING3: "三级标题",
    Part.HEADING4: "四级标题",
    Part.TABLE: "表格",
    Part.NAME_LIST: "名单",
    Part.ATTACHMENT_NOTE: "附件说明",
    Part.SIGNATURE: "发文机关署名",
    Part.DATE: "成文日期",
    Part.NOTE: "附注",
    Part.ATTACHMENT_LABEL: "附件标识",
    Part.CARRIED_TITLE: "所附文件标题",
    Part.CC: "抄送机关",
    Part.PRINTER: "印发机关日期",
    Part.RESIDUE: "网页残留",
    Part.OTHER: "其他",
    Part.BLANK: "空行",
}

HEADING_LEVELS: dict[Part, int] = {
    Part.HEADING1: 1,
    Part.HEADING2: 2,
    Part.HEADING3: 3,
    Part.HEADING4: 4,
}
HEADINGS: frozenset[Part] = frozenset(HEADING_LEVELS)
HEADING_OF_LEVEL: dict[int, Part] = {level: part for part, level in HEADING_LEVELS.items()}

#: The 版头: lines above the title in a 文件格式 document.
HEADER: frozenset[Part] = frozenset(
    {
        Part.COPY_NUMBER,
        Part.CLASSIFICATION,
        Part.URGENCY,
        Part.ORGAN_MARK,
        Part.SIGNER,
        Part.DOC_NUMBER,
    }
)
#: The running text that sentence and phrasing rules read.
PROSE: frozenset[Part] = frozenset({Part.BODY, *HEADINGS})
#: Lines whose inner spaces a typesetter put there on purpose (alignment, not a typo).
ALIGNED: frozenset[Part] = frozenset(
    {
        Part.ORGAN_MARK,
        Part.SIGNER,
        Part.TITLE,
        Part.CARRIED_TITLE,
        Part.SUBTITLE,
        Part.LEAD,
        Part.SPEAKER,
        Part.BYLINE,
        Part.DATELINE,
        Part.SIGNATURE,
        Part.DATE,
        Part.NOTE,
        Part.TABLE,
        Part.NAME_LIST,
        Part.PRINTER,
        Part.CC,
        Part.RESIDUE,
        Part.OTHER,
        Part.ATTACHMENT_LABEL,
    }
)
#: Lines that are not the document's own text at all.
NOT_TEXT: frozenset[Part] = frozenset({Part.RESIDUE, Part.BLANK})
#: Everything written as the document's own: every part but web residue and blank lines (where
#: the form rules report).
TEXT: frozenset[Part] = frozenset(Part) - NOT_TEXT
#: The running text and the title (where wording rules report).
PROSE_AND_TITLE: frozenset[Part] = PROSE | {Part.TITLE}
#: Every part, residue included (the rules that find junk and web residue report there).
ALL_PARTS: frozenset[Part] = frozenset(Part)
#: The document's title and the titles of documents it carries.
TITLES: frozenset[Part] = frozenset({Part.TITLE, Part.CARRIED_TITLE})
