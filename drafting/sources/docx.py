"""Reading a .docx into the text model: every paragraph in reading order, numbered.

Paragraphs come from :func:`drafting.sources.docx_text.numbered_paragraphs`; ``line`` is the
paragraph number, the text is :func:`drafting.sources.docx_text.paragraph_text` (tracked changes
accepted: insertions read, deletions not). Roles come from the paragraph styles
(:mod:`drafting.zh.roles`, the names the builder writes) and the ordinals. Zip members are
size-checked before parsing; a Word comment starting with ``drafting-disable`` turns rules off
for its paragraph.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafting.errors import InputError
from drafting.limits import (
    MAX_DOCX_PART_BYTES,
    MAX_DOCX_PARTS,
    MAX_DOCX_UNPACKED_BYTES,
    human_size,
)
from drafting.sources.directives import docx_directive
from drafting.sources.document import (
    PreparedDoc,
    Source,
    TextParagraph,
    looks_like_title,
    mark_headings,
)
from drafting.zh.roles import HEADING_STYLE, META_STYLES, TITLE_STYLES

if TYPE_CHECKING:
    import zipfile


_DOC_NUMBER = re.compile(r"〔\d{4}〕|\[\d{4}\]|【\d{4}】|（\d{4}）|\d+号$")


def _check_zip(path: str, data: bytes) -> None:
    import io
    import zipfile  # with shutil, bz2, lzma …: only for a .docx

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(
            "文件已加密，或是旧版 .doc 格式；请在 Word 中另存为未加密的 .docx", path=path
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
        raise InputError("不是有效的 .docx（文件损坏或被改了扩展名）", path=path) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_DOCX_PARTS:
            raise InputError(f"部件超过 {MAX_DOCX_PARTS} 个（疑似压缩炸弹），不予处理", path=path)
        if "word/document.xml" not in archive.namelist():
            raise InputError("不是有效的 .docx（缺少 word/document.xml）", path=path)
        _check_unpacked_sizes(archive, path)


def _check_unpacked_sizes(archive: zipfile.ZipFile, path: str) -> None:
    """Decompress every part in chunks, counting real bytes (headers can lie), and refuse a
    part or a total past the limits, or compressed data that is damaged or encrypted."""
    too_big = (
        f"解压后过大（单个部件上限 {human_size(MAX_DOCX_PART_BYTES)}，合计上限 "
        f"{human_size(MAX_DOCX_UNPACKED_BYTES)}），疑似压缩炸弹，不予处理"
    )
    import zipfile

    total = 0
    try:
        for info in archive.infolist():
            with archive.open(info) as member:
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    if member.tell() > MAX_DOCX_PART_BYTES or total > MAX_DOCX_UNPACKED_BYTES:
                        raise InputError(too_big, path=path)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError):
        raise InputError("不是有效的 .docx（压缩数据损坏或已加密）", path=path) from None


def read_docx(data: bytes, path: str) -> Source:
    """A .docx: every paragraph in reading order, numbered; roles from styles and ordinals."""
    import io

    _check_zip(path, data)
    try:
        import docx

        from drafting.sources.docx_text import paragraph_text

        document = docx.Document(io.BytesIO(data))
        numbered = _numbered(document)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            f"无法解析 .docx（{type(exc).__name__}）；文件可能已损坏", path=path
        ) from None
    comments = _comment_texts(document)
    styles = _Styles.of(document)
    paragraphs: list[TextParagraph] = []
    lines: list[str] = []
    rules_off: dict[int, frozenset[str] | None] = {}
    centred: list[TextParagraph] = []
    for number, p, in_table in numbered:
        raw = paragraph_text(p)  # tracked insertions in, deletions out
        text = raw.replace("\r", "").replace("\n", " ").replace("\v", " ")
        style_id = styles.id_of(p)
        style = styles.names.get(style_id, "")
        role = "table" if in_table else "body"
        if role == "body":
            if style.lower() in TITLE_STYLES:
                role = "title"  # a title broken over lines is one line of words: no space
                text = raw.replace("\r", "").replace("\n", "").replace("\v", "")
            elif style in META_STYLES:
                role = "meta"
            else:
                match = HEADING_STYLE.match(style)
                if match and text.strip():
                    role = "heading"
        paragraph = TextParagraph(
            0, text, 0, role=role, line=number, column=1, number=number, style=style or None
        )
        paragraphs.append(paragraph)
        lines.append(text)
        if role == "body" and styles.centred(p, style_id):
            centred.append(paragraph)
        for comment_id in _anchored_comments(p) if comments else ():
            codes = docx_directive(comments.get(comment_id, ""))
            if codes is not False:
                previous = rules_off.get(number, frozenset())
                rules_off[number] = None if codes is None or previous is None else previous | codes
    titles = [p for p in paragraphs if p.role == "title" and p.text.strip()]
    for extra in titles[1:]:
        extra.role = "body"
    if not titles:
        for paragraph in centred:
            text = paragraph.text.strip()
            if (
                looks_like_title(text)
                and not text.endswith("文件")
                and not _DOC_NUMBER.search(text)
            ):
                paragraph.role = "title"
                break
    mark_headings(paragraphs)
    metadata = {}
    subject = (document.core_properties.subject or "").strip()
    if subject:
        metadata["kind"] = subject
    doc = PreparedDoc.from_paragraphs(path, paragraphs, source="docx", metadata=metadata)
    if not doc.text.strip():
        raise InputError("文档里没有文字，没有可审校的内容", path=path)
    return Source(doc, lines, [], rules_off)


def _numbered(document: Any) -> list[tuple[int, Any, bool]]:
    from drafting.sources.docx_text import numbered_elements

    return numbered_elements(document)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ON = frozenset(("1", "true", "on"))


@dataclass(frozen=True)
class _Styles:
    """The paragraph styles of a .docx, read once (python-docx's ``paragraph.style`` searches
    every style for every paragraph: minutes for a document with 50,000 styles).

    A paragraph's style is python-docx's: the style its ``w:pStyle`` names if that is a
    paragraph style, else the default paragraph style (the last marked default)."""

    names: dict[str | None, str]
    """Style id → its name as Word shows it; ``None`` → the default style's."""
    centred_ids: frozenset[str | None]
    """Ids of the styles that centre their paragraphs (their own ``w:jc``)."""
    default: str | None

    @classmethod
    def of(cls, document: Any) -> _Styles:
        from docx.styles import BabelFish

        names: dict[str | None, str] = {}
        centred: set[str | None] = set()
        default: str | None = None
        for style in document.styles.element.iterchildren(f"{_W}style"):
            if style.get(f"{_W}type", "paragraph") != "paragraph":
                continue
            style_id = style.get(f"{_W}styleId")
            if style.get(f"{_W}default") in _ON:
                default = style_id  # the last one marked, as python-docx reads it
            if style_id is None or style_id in names:
                continue  # python-docx finds the first style with an id
            name = style.find(f"{_W}name")
            value = name.get(f"{_W}val") if name is not None else None
            names[style_id] = BabelFish.internal2ui(value) if value else ""
            if _jc(style) == "center":
                centred.add(style_id)
        names[None] = names.get(default, "")
        if default in centred:
            centred.add(None)
        return cls(names, frozenset(centred), default)

    def id_of(self, p: Any) -> str | None:
        """The id of the paragraph style of ``w:p`` ``p`` (``None`` for the default)."""
        ppr = p.find(f"{_W}pPr")
        found = ppr.find(f"{_W}pStyle") if ppr is not None else None
        style_id = found.get(f"{_W}val") if found is not None else None
        return style_id if style_id in self.names else None

    def centred(self, p: Any, style_id: str | None) -> bool:
        """Whether ``w:p`` ``p`` is centred: its own alignment, else its style's."""
        own = _jc(p)
        return own == "center" if own is not None else style_id in self.centred_ids


def _jc(element: Any) -> str | None:
    """The ``w:pPr/w:jc`` value of a paragraph or a style, if any."""
    ppr = element.find(f"{_W}pPr")
    jc = ppr.find(f"{_W}jc") if ppr is not None else None
    return jc.get(f"{_W}val") if jc is not None else None


def _anchored_comments(p: Any) -> list[str]:
    """Ids of comments whose range starts (or whose reference sits) in the ``w:p`` ``p``."""
    ids = [el.get(f"{_W}id") for el in p.iter(f"{_W}commentRangeStart")]
    if not ids:
        ids = [el.get(f"{_W}id") for el in p.iter(f"{_W}commentReference")]
    return [i for i in ids if i is not None]


def _comment_texts(document: Any) -> dict[str, str]:
    """Comment id → its text, for every comment of the document (python-docx ≥ 1.2)."""
    try:
        comments = document.comments
    except Exception:  # no comments part, or an older python-docx
        return {}
    texts: dict[str, str] = {}
    for comment in comments:
        texts[str(comment.comment_id)] = comment.text or ""
    return texts
