"""The document model in 公文 terms: what a draft says, before any layout.

A Markdown draft (front matter + body) and every template end up as one :class:`OfficialDocument`;
the .docx builder in :mod:`drafting.layout` turns it into a file. Nothing here knows about
OOXML, Markdown or Jinja.

Front-matter keys of a Markdown draft (and the fields templates fill) map onto the attributes
below one to one: ``copy_number`` 份号, ``classification`` 密级和保密期限, ``urgency`` 紧急程度,
``organs`` 发文机关, ``organ_mark`` 发文机关标志, ``doc_number`` 发文字号, ``signers`` 签发人,
``title`` 标题, ``recipients`` 主送机关, ``signature`` 署名, ``date`` 成文日期, ``seal`` 印章
(one image, or a list: one per organ of a joint issuance, in the 署名's order, ``seals``),
``hand_seal`` 手工盖章, ``note`` 附注, ``cc`` 抄送, ``printer`` 印发机关, ``print_date`` 印发日期,
``layout`` 版式, ``author`` 作者 (a commentary's byline), ``kind`` 文种; for minutes ``present``
出席, ``on_leave`` 请假, ``sitting_in`` 列席.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

#: ``official``: the 文件 format of GB/T 9704 (red header, 版记); ``article``: a plain A4 article
#: on the same grid (commentaries); ``letter`` and ``minutes`` are the 信函 and 纪要 variants.
Layout = Literal["official", "article", "letter", "minutes"]


@dataclass
class Inline:
    """A piece of paragraph text with emphasis kept from Markdown (``**粗体**``)."""

    text: str
    bold: bool = False


@dataclass
class Heading:
    """A body heading. ``level`` 1–4 is 一、/（一）/1./（1）; ``ordinal`` is the printed ordinal."""

    level: int
    text: str
    ordinal: str = ""

    @property
    def full_text(self) -> str:
        return f"{self.ordinal}{self.text}"


@dataclass
class Paragraph:
    """A body paragraph (first line indented two characters)."""

    inlines: list[Inline]

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.inlines)

    @classmethod
    def of(cls, text: str) -> Paragraph:
        return cls([Inline(text)])


@dataclass
class ListBlock:
    """A list; its items are printed as indented paragraphs with their own ordinals."""

    items: list[str]
    ordered: bool = True


@dataclass
class Table:
    """A table; ``rows[0]`` is the header row when ``header`` is true."""

    rows: list[list[str]]
    header: bool = True
    #: Set on landscape pages, which it shares with landscape tables right next to it
    #: (GB/T 9704-2012 第8章 表格横排).
    landscape: bool = False


Block = Heading | Paragraph | ListBlock | Table


@dataclass
class Attachment:
    """An attachment printed after the signature, each on a new page (附件1, title, body)."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    file: Path | None = field(default=None, compare=False)
    """The real path its text was read from (``attachments[].file``), if any."""


@dataclass
class HeaderFields:
    """The 版头: everything above the red separator line."""

    copy_number: str | None = None
    classification: str | None = None
    urgency: str | None = None
    organs: list[str] = field(default_factory=list)
    organ_mark: str | None = None
    doc_number: str | None = None
    signers: list[str] = field(default_factory=list)

    @property
    def mark_text(self) -> str:
        """The 发文机关标志 as printed: the explicit mark, or the organ names followed by 文件."""
        if self.organ_mark:
            return self.organ_mark
        return "".join(self.organs) + "文件" if self.organs else ""


@dataclass
class OfficialDocument:
    """One document: header, title, recipients, body, signature, attachments, colophon."""

    title: str
    body: list[Block] = field(default_factory=list)
    kind: str = "notice"
    layout: Layout = "official"
    header: HeaderFields = field(default_factory=HeaderFields)
    recipients: str | None = None
    signature: str | None = None
    date: dt.date | None = None
    seal: Path | None = None
    #: joint issuance sealed (GB/T 9704-2012 7.3.5.1): one seal image per line of the 署名
    #: (one organ a line), in that order
    seals: list[Path] = field(default_factory=list)
    #: sealed by hand after printing: the sealed layout (7.3.5.1) without a seal image
    hand_seal: bool = False
    note: str | None = None
    author: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    printer: str | None = None
    print_date: dt.date | None = None
    present: list[str] = field(default_factory=list)
    on_leave: list[str] = field(default_factory=list)
    sitting_in: list[str] = field(default_factory=list)

    @property
    def attendance(self) -> list[tuple[str, list[str]]]:
        """A 纪要's 出席, 请假 and 列席 lists, in that order, leaving out the empty ones."""
        rows = (("出席", self.present), ("请假", self.on_leave), ("列席", self.sitting_in))
        return [(label, names) for label, names in rows if names]

    @property
    def attachment_titles(self) -> list[str]:
        """The names listed in 附件说明, in order."""
        return [attachment.title for attachment in self.attachments]


def signature_organs(signature: str | None) -> list[str]:
    """The organs of a 署名, one a line as it is given (blank lines left out)."""
    return [line.strip() for line in (signature or "").splitlines() if line.strip()]


def seal_count_message(organs: int, seals: int) -> str:
    """What is wrong when the seal images do not match the organs of the 署名 one to one."""
    return (
        f"印章图片有 {seals} 个，署名中的发文机关有 {organs} 个（每行一个）；联合行文加盖印章时"
        "每个发文机关一枚印章，请在 seal 中按署名顺序逐一列出印章图片"
    )


def format_date(day: dt.date) -> str:
    """GB/T 9704 成文日期: Arabic numerals, no zero padding (2026年11月5日)."""
    return f"{day.year}年{day.month}月{day.day}日"
