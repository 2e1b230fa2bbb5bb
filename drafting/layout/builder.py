"""The GB/T 9704-2012 builder: an :class:`OfficialDocument` in, a .docx out.

:class:`DocxBuilder` is thin: it starts from the empty styled document (made once per profile,
:mod:`drafting.layout.page` and :mod:`drafting.layout.skeleton`) and calls the regions in
reading order, each a module speaking in 公文 terms: :mod:`~drafting.layout.header` (版头),
:mod:`~drafting.layout.body` (title, 主送机关, body, tables), :mod:`~drafting.layout.attachments`
(附件说明, 附件), :mod:`~drafting.layout.signature` (署名, 印章, 成文日期, 附注) and
:mod:`~drafting.layout.colophon` (版记), all over one :class:`~drafting.layout.writer.Writer`.
Every number comes from the :class:`LayoutProfile`, every face from the :class:`FontProfile`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from drafting.docx_zip import FIXED_ZIP_DATE, normalise_zip
from drafting.errors import DraftingError
from drafting.layout import attachments, body, colophon, header, signature
from drafting.layout import styles as S
from drafting.layout.page import Sections, blank_document
from drafting.layout.profile import FontProfile, LayoutProfile, pt_to_twips
from drafting.layout.skeleton import Skeleton, package_bytes
from drafting.layout.writer import Writer
from drafting.model import OfficialDocument

#: The package's created/modified time when the document carries no 成文日期, fixed (as is
#: every zip entry's date, :data:`FIXED_ZIP_DATE`) so the same input gives the same bytes.
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)

_SUPPORTED = ("official", "article", "letter", "minutes")


class DocxBuilder:
    """Lays out one document: :meth:`build` calls the regions in reading order, :meth:`save`
    gives the bytes."""

    def __init__(
        self,
        profile: LayoutProfile | None = None,
        fonts: FontProfile | None = None,
        base_dir: Path | None = None,
    ) -> None:
        profile = profile or LayoutProfile()
        fonts = fonts or FontProfile()
        skeleton, style_ids = _skeleton(profile, fonts)
        self.document = skeleton.copy()
        self.writer = Writer(self.document, profile, fonts, style_ids, base_dir)
        self.sections = Sections(self.writer)

    def build(self, doc: OfficialDocument) -> None:
        """Lay out ``doc`` in its layout: 文件 (and 纪要), 信函 or a plain article."""
        if doc.layout in ("official", "minutes"):
            self._official(doc)
        elif doc.layout == "letter":
            self._letter(doc)
        else:
            self._article(doc)
        self.set_properties(doc)

    def _official(self, doc: OfficialDocument) -> None:
        w = self.writer
        gap = header.add_header_block(w, doc)
        body.add_title(w, doc.title, before_lines=gap, keep=organ_names(doc))
        if doc.recipients:
            body.add_recipients(w, doc.recipients)
        self._main_part(doc)
        if doc.cc or doc.printer or doc.print_date:
            table = colophon.add_colophon(w, doc.cc, doc.printer, doc.print_date)
            if table is not None:
                colophon.place_on_back_page(w, table)

    def _letter(self, doc: OfficialDocument) -> None:
        """信函格式: the letter header; the 版记 is the 抄送 alone, without lines or 印发."""
        w = self.writer
        gap = header.add_letter_header(w, doc)
        body.add_title(w, doc.title, before_lines=gap, keep=organ_names(doc))
        if doc.recipients:
            body.add_recipients(w, doc.recipients)
        self._main_part(doc)
        if doc.cc:
            table = colophon.add_colophon(w, doc.cc, None, None, lines=False)
            colophon.place_on_back_page(w, table)

    def _article(self, doc: OfficialDocument) -> None:
        w = self.writer
        last = body.add_title(w, doc.title)
        if doc.author:
            last = body.add_author(w, doc.author)
        w.space_after(last, lines=1)
        if doc.recipients:
            body.add_recipients(w, doc.recipients, before_lines=0)
        self._main_part(doc)

    def _main_part(self, doc: OfficialDocument) -> None:
        w = self.writer
        body.add_body(w, doc.body)
        if doc.attendance:
            body.add_attendance(w, doc.attendance)
        # no page holds the signature block alone: the body's last paragraph goes with it,
        # unless it is the body's only one (page 1 must show body text, and LibreOffice
        # moves a paragraph kept with the next whole)
        if (doc.attachments or doc.signature or doc.date) and len(doc.body) > 1:
            w.keep_last_with_next()
        if doc.attachments:
            attachments.add_attachment_note(w, doc.attachment_titles)
        if doc.signature or doc.date:
            if doc.attachments:
                w.keep_last_with_next()
            signature.add_signature(
                w,
                doc.signature,
                doc.date,
                sealed=doc.seal,
                hand_sealed=doc.hand_seal,
                seals=doc.seals,
            )
        if doc.note:
            signature.add_note(w, doc.note)
        if doc.attachments:
            attachments.add_attachments(w, doc.attachments)

    def set_properties(self, doc: OfficialDocument) -> None:
        props = self.document.core_properties
        stamp = (
            dt.datetime.combine(doc.date, dt.time(), tzinfo=dt.timezone.utc)
            if doc.date
            else FIXED_TIME
        )
        props.title = doc.title
        props.author = "drafting"
        props.last_modified_by = "drafting"
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.revision = 1
        props.subject = doc.kind
        props.keywords = ""
        props.comments = ""

    def save(self) -> bytes:
        """The package with fixed zip entry dates and attributes (byte-for-byte reproducible).
        A body ending in a table gets the paragraph Word wants after it, a point high so it
        cannot spill onto a page of its own."""
        if self.writer.ends_with_table():
            self.writer.point_paragraph()
        return package_bytes(self.document)


def organ_names(doc: OfficialDocument) -> list[str]:
    """The organs a title must not break: the issuing organs, the 署名's lines and the
    主送机关 named one by one."""
    names = list(doc.header.organs)
    names += (doc.signature or "").splitlines()
    names += re.split(r"[，、,：:；;\s]+", doc.recipients or "")
    return [name.strip() for name in names if len(name.strip()) >= 3]


@lru_cache(maxsize=8)
def _skeleton(profile: LayoutProfile, fonts: FontProfile) -> tuple[Skeleton, dict[str, str]]:
    """The empty document for these profiles and its style ids by name, made once per process
    (each document gets a copy of it, see :mod:`drafting.layout.skeleton`)."""
    document = blank_document(profile, fonts)
    return Skeleton(document), S.style_ids(document)


def build_docx(
    doc: OfficialDocument,
    *,
    profile: LayoutProfile | None = None,
    fonts: FontProfile | str | Path | None = None,
    base_dir: Path | None = None,
) -> bytes:
    """Lay ``doc`` out per GB/T 9704-2012 and return the .docx bytes.

    ``fonts`` is a :class:`FontProfile`, or ``"plain"``/``"standard"`` or a YAML/JSON/TOML file
    of overrides (as ``--fonts`` gives it); ``base_dir`` resolves a relative seal path.
    """
    if doc.layout not in _SUPPORTED:
        raise DraftingError(
            f"版式“{doc.layout}”不可用；可用：official（文件格式）、article（文章）、"
            "letter（信函格式）、minutes（纪要格式）"
        )
    if fonts is not None and not isinstance(fonts, FontProfile):
        fonts = FontProfile.load(fonts)
    builder = DocxBuilder(profile, fonts, base_dir)
    builder.build(doc)
    return builder.save()


__all__ = ["FIXED_ZIP_DATE", "DocxBuilder", "build_docx", "normalise_zip", "pt_to_twips"]
