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
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from drafting.anatomy.parts import HEADING_OF_LEVEL, Part
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
    level_headings,
    looks_like_title,
)
from drafting.zh import roles
from drafting.zh.roles import HEADING_STYLE, TITLE_STYLES

if TYPE_CHECKING:
    import zipfile


#: The builder's styles (:mod:`drafting.zh.roles`) that name a part of the document: a .docx
#: made by ``drafting render`` says what each paragraph is. (Word's own ``正文`` style names no
#: part: every paragraph of a colleague's document may carry it.)
_STYLE_PARTS: dict[str, Part] = {
    roles.COPY_NUMBER: Part.COPY_NUMBER,
    roles.CLASSIFICATION: Part.CLASSIFICATION,
    roles.URGENCY: Part.URGENCY,
    roles.MARK: Part.ORGAN_MARK,
    roles.DOC_NUMBER: Part.DOC_NUMBER,
    roles.RECIPIENTS: Part.RECIPIENTS,
    roles.ATTACHMENT_NOTE: Part.ATTACHMENT_NOTE,
    roles.SIGNATURE: Part.SIGNATURE,
    roles.DATE: Part.DATE,
    roles.NOTE: Part.NOTE,
    roles.ATTACHMENT_LABEL: Part.ATTACHMENT_LABEL,
    roles.ATTACHMENT_TITLE: Part.CARRIED_TITLE,
    roles.CC: Part.CC,
    roles.PRINTER: Part.PRINTER,
    roles.PAGE_NUMBER: Part.RESIDUE,
    roles.AUTHOR: Part.BYLINE,
}
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
    regions: dict[int, str] = {}  # paragraph number → 文本框 / 页眉 / 页脚
    inserted: dict[int, list[tuple[int, int]]] = {}  # paragraph number → tracked insertions
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
        part: Part | None = Part.TABLE if role == "table" else None
        if role == "body":
            if style.lower() in TITLE_STYLES:
                role = "title"  # a title broken over lines is one line of words: no space
                text = raw.replace("\r", "").replace("\n", "").replace("\v", "")
                part = Part.TITLE
            elif style in _STYLE_PARTS:
                role, part = "meta", _STYLE_PARTS[style]
            else:
                match = HEADING_STYLE.match(style)
                if match and text.strip():
                    role = "heading"
                    level = int(match[1]) if match[1] else "一二三四".index(match[2]) + 1
                    part = HEADING_OF_LEVEL.get(level)
        paragraph = TextParagraph(
            0,
            text,
            0,
            role=role,
            line=number,
            column=1,
            number=number,
            style=style or None,
            part=part,
        )
        paragraphs.append(paragraph)
        lines.append(text)
        _note_region(p, number, len(raw), regions, inserted)
        if role == "body" and styles.centred(p, style_id):
            centred.append(paragraph)
        for comment_id in _anchored_comments(p) if comments else ():
            codes = docx_directive(comments.get(comment_id, ""))
            if codes is not False:
                previous = rules_off.get(number, frozenset())
                rules_off[number] = None if codes is None or previous is None else previous | codes
    for region, p in _header_footer_paragraphs(document):
        number = len(paragraphs) + 1
        text = paragraph_text(p).replace("\r", "").replace("\n", " ").replace("\v", " ")
        paragraphs.append(
            TextParagraph(0, text, 0, role="meta", line=number, number=number, margin=True)
        )
        lines.append(text)
        regions[number] = region
    titles = [p for p in paragraphs if p.role == "title" and p.text.strip()]
    for extra in titles[1:]:
        extra.role = "body"
    if not titles:
        head: set[int] | None = None  # the 版头's paragraphs, read when a candidate needs it
        for paragraph in centred:
            text = paragraph.text.strip()
            if looks_like_title(text) and not text.endswith("文件") and head is None:
                head = _header_lines(paragraphs)
            if (
                looks_like_title(text)
                and not text.endswith("文件")
                and not _DOC_NUMBER.search(text)
                and paragraph.number not in (head or ())
            ):
                paragraph.role = "title"
                titles = [paragraph]
                break
    for title in titles[:1]:  # a letter-spaced title (的通     知) is read as its words
        closed = _close_up(title.text)
        if closed != title.text and title.number is not None:
            title.text = lines[title.number - 1] = closed
            inserted.pop(title.number, None)
    level_headings(paragraphs)
    from drafting.sources.docx_text import DOCX_KEY, DocxBytes

    original = DocxBytes(data)  # for the layout rules (L5xx), with the document as parsed
    original.cache["document"] = document
    original.cache["numbered"] = [(number, p) for number, p, _ in numbered]
    metadata: dict[str, Any] = {DOCX_KEY: original}
    subject = (document.core_properties.subject or "").strip()
    if subject:
        metadata["kind"] = subject
    doc = PreparedDoc.from_paragraphs(path, paragraphs, source="docx", metadata=metadata)
    if not doc.text.strip():
        raise InputError("文档里没有文字，没有可审校的内容", path=path)
    where = _marker(regions, inserted) if regions or inserted else None
    return Source(doc, lines, [], rules_off, where)


# -- text boxes, headers and footers, tracked insertions, letter-spaced titles --------------

_CJK_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\t]+(?=[\u4e00-\u9fff])")


def _close_up(text: str) -> str:
    """``text`` with the spaces between Chinese characters taken out (``的通     知``)."""
    return _CJK_SPACED.sub("", text)


def _note_region(
    p: Any,
    number: int,
    length: int,
    regions: dict[int, str],
    inserted: dict[int, list[tuple[int, int]]],
) -> None:
    """Remember that paragraph ``number`` lies in a text box, and where its tracked
    insertions are."""
    from drafting.sources.docx_text import inserted_spans

    if any(ancestor.tag == f"{_W}txbxContent" for ancestor in p.iterancestors()):
        regions[number] = "文本框"
    spans = inserted_spans(p)
    if spans and spans[-1][1] <= length:
        inserted[number] = spans


def _header_footer_paragraphs(document: Any) -> list[tuple[str, Any]]:
    """The paragraphs of the headers and footers that hold text other than a page number,
    each part once, headers first, in part-name order."""
    from drafting.sources.docx_text import is_page_number, paragraph_text, paragraphs_in

    parts = []
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("header", "footer"):
            parts.append((kind, str(rel.target_part.partname), rel.target_part))
    found = []
    for kind, _, part in sorted(parts, key=lambda item: (item[0] != "header", item[1])):
        region = "页眉" if kind == "header" else "页脚"
        for p in paragraphs_in(part.element):
            if paragraph_text(p).strip() and not is_page_number(p):
                found.append((region, p))
    return found


def _header_lines(paragraphs: list[TextParagraph]) -> set[int]:
    """Numbers of the paragraphs the anatomy reader takes for the 版头 (a 标志 without 文件,
    a joint 标志): not a title, even when centred."""
    from drafting.anatomy.parts import HEADER
    from drafting.anatomy.reader import read_parts

    body = [p for p in paragraphs if p.role in ("body", "heading") and p.number is not None]
    anatomy = read_parts([p.text for p in body])
    return {p.number for p, part in zip(body, anatomy.parts, strict=True) if part in HEADER}


def _marker(
    regions: dict[int, str], inserted: dict[int, list[tuple[int, int]]]
) -> Callable[[Any], Any]:
    """What :attr:`Source.where` does for one .docx: a lint finding (anything with ``line``,
    ``column``, ``end_line``, ``end_column`` and ``message``) → the same, its place said."""

    def where(finding: Any) -> Any:
        notes = []
        region = regions.get(finding.line)
        if region:
            notes.append(f"位于{region}")
        start, end = finding.column - 1, finding.end_column - 1
        spans = inserted.get(finding.line, ())
        if finding.end_line == finding.line and any(a <= start and end <= b for a, b in spans):
            notes.append("位于修订插入的文字中")
        if not notes:
            return finding
        return replace(finding, message=f"{finding.message}（{'，'.join(notes)}）")

    return where


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
