"""Reading inputs into prepared documents: .txt, .md, .docx and stdin, with source positions.

* Text is UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030, detected strictly;
  binary junk, empty files and oversized files are :class:`InputError` with a Chinese message.
* Markdown syntax is not linted: paragraphs, headings, list items and table cells become
  paragraphs whose ``origin`` maps every character back to its source line and column; code,
  HTML and front matter are skipped (a front-matter ``title`` becomes the title paragraph).
* .docx paragraphs come from :func:`drafting.docx_text.numbered_paragraphs`; ``line`` is the
  paragraph number, the text is :func:`drafting.docx_text.paragraph_text` (tracked changes
  accepted: insertions read, deletions not). Zip members are size-checked before parsing.

:class:`Source` carries the prepared document, the source lines (for carets) and the inline
suppression directives found while reading.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafting.anatomy.parts import HEADING_OF_LEVEL, Part
from drafting.errors import DataError, InputError
from drafting.limits import (
    MAX_DOCX_BYTES,
    MAX_DOCX_PART_BYTES,
    MAX_DOCX_PARTS,
    MAX_DOCX_UNPACKED_BYTES,
    MAX_TEXT_BYTES,
    check_data_tree,
    human_size,
)
from drafting.lint.document import Paragraph, PreparedDoc, looks_like_title, ordinal_of
from drafting.lint.model import Finding
from drafting.lint.suppress import Directive, docx_directive, parse_directives

if TYPE_CHECKING:
    import zipfile

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".doc", ".wps", ".dotx")
#: Read as a .docx once converted (drafting.office_convert): .doc and .wps by LibreOffice.
OFFICE_SUFFIXES = (".doc", ".wps", ".dotx")
_HEADING_MAX = 40
#: Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_DIRECTIVE_LINE = re.compile(r"^\s*<!--\s*drafting:.*-->\s*$")


@dataclass
class Source:
    """One input read and prepared: the document, its source lines and its directives."""

    doc: PreparedDoc
    lines: list[str]
    directives: list[Directive] = field(default_factory=list)
    paragraph_rules: dict[int, frozenset[str] | None] = field(default_factory=dict)
    #: For a .docx: adds to a finding's message where it lies when that is not the body's
    #: running text (a text box, a header or footer, a tracked insertion).
    where: Callable[[Finding], Finding] | None = None


# -- text decoding -------------------------------------------------------------------------


def decode(data: bytes, path: str) -> str:
    """Text of ``data``: UTF-8 (BOM optional), UTF-16 with BOM, or GB18030; else InputError."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"文件过大（超过 {MAX_TEXT_BYTES // 1024 // 1024} MB），不予审校", path=path
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("文件声明为 UTF-16 但内容无法解码", path=path) from None
    else:
        if b"\x00" in data:
            raise InputError("不是文本文件（含二进制内容）；只能审校 .txt、.md、.docx", path=path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise InputError(
                    "无法识别文件编码（既不是 UTF-8 也不是 GB18030）；请另存为 UTF-8", path=path
                ) from None
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError("不是文本文件（含大量控制字符）；只能审校 .txt、.md、.docx", path=path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("文件是空的，没有可审校的内容", path=path)
    return text


def read_bytes(path: Path) -> bytes:
    """The bytes of one input file, through the input gate: a regular file (never a FIFO or a
    device), at most :data:`MAX_DOCX_BYTES` for a .docx, else :data:`MAX_TEXT_BYTES`."""
    from drafting.inputs import read_file

    docx_like = path.suffix.lower() in (".docx", *OFFICE_SUFFIXES)
    limit = MAX_DOCX_BYTES if docx_like else MAX_TEXT_BYTES
    return read_file(path, limit, missing="文件不存在")


# -- roles ---------------------------------------------------------------------------------


# -- plain text ----------------------------------------------------------------------------


def read_text(text: str, path: str, *, source: str = "txt") -> Source:
    """A plain text: one paragraph a line; directive comment lines are read, then blanked.

    A run of blank lines (empty, or spaces only) is one paragraph holding them and the line
    breaks between them (``doc.text`` is the same): ten megabytes of blank lines make a handful
    of paragraphs, not millions."""
    lines = text.split("\n")
    directives = parse_directives(lines) if "<!--" in text else []
    paragraphs: list[Paragraph] = []
    kept = -1  # 0-based index of the last line kept as a paragraph of its own
    kept_end = -1  # where it ends in ``text``
    index = position = 0
    for match in _CONTENT_LINE.finditer(text):  # the lines that are not empty, in order
        index += text.count("\n", position, match.start())
        position = match.start()
        line = match.group()
        if line.isspace() or ("<!--" in line and _DIRECTIVE_LINE.match(line)):
            continue  # blank, or a directive (blanked): part of a run of blank lines
        if index - kept > 1:
            run = text[kept_end + 1 : match.start() - 1]
            paragraphs.append(Paragraph(0, _blanked(run), 0, line=kept + 2))
        paragraphs.append(Paragraph(0, line, 0, line=index + 1))
        kept, kept_end = index, match.end()
    if len(lines) - kept > 1:
        paragraphs.append(Paragraph(0, _blanked(text[kept_end + 1 :]), 0, line=kept + 2))
    doc = PreparedDoc.from_paragraphs(path, paragraphs, source=source)  # parts: the anatomy
    return Source(doc, lines, directives)


_CONTENT_LINE = re.compile(r"[^\n]+")


def _blanked(run: str) -> str:
    """A run of blank lines as its paragraph holds it: directive comment lines made empty."""
    if "<!--" not in run:
        return run
    return "\n".join("" if _DIRECTIVE_LINE.match(line) else line for line in run.split("\n"))


# -- Markdown ------------------------------------------------------------------------------


def _markdown() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


#: Stands in for an inline code span: one neutral character, so that the text around the code
#: does not run together (“计；`a`、`b`” must not read as “计；、”) and no rule matches it.
CODE_PLACEHOLDER = "\ufffc"

Segment = tuple[str, str]  # (mode, text): mode is "text", "code", "skip" or "space"


def _find(char: str, lines: list[str], line: int, column: int) -> tuple[int, int] | None:
    li, col = line, column
    while li < len(lines) and li <= line + 200:
        at = lines[li].find(char, col)
        if at >= 0:
            return li, at
        li, col = li + 1, 0
    return None


def _align(
    segments: list[Segment], lines: list[str], line: int, column: int
) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of ``segments`` and the source (line, column), 1-based, of each of its
    characters, found in order in ``lines`` from 0-based (``line``, ``column``).

    ``text`` characters are looked up one by one; ``code`` becomes one placeholder character
    at its first character; ``skip`` (inline HTML) only moves the cursor; ``space`` (a line
    break between Latin words) is a made-up space at the cursor. A character not found keeps
    the cursor where it was."""
    plain: list[str] = []
    origin: list[tuple[int, int]] = []
    for mode, text in segments:
        if mode == "space":
            plain.append(" ")
            origin.append((line + 1, column + 1))
            continue
        for index, char in enumerate(text):
            found = _find(char, lines, line, column)
            if found is not None:
                line, column = found
            if mode == "text" or (mode == "code" and index == 0):
                plain.append(char if mode == "text" else CODE_PLACEHOLDER)
                origin.append((line + 1, column + 1))
            if found is not None:
                column += 1
    return "".join(plain), origin


def _segments(token: Any) -> list[Segment]:
    """The pieces of an inline token: text (images by their alt text), code spans, inline HTML,
    and line breaks (Chinese lines join without a space, Latin words with one)."""
    out: list[Segment] = []
    for child in token.children or []:
        if child.type == "text":
            out.append(("text", child.content))
        elif child.type == "image":
            out.append(("text", "".join(c.content for c in child.children or [])))
        elif child.type == "code_inline" and child.content:
            out.append(("code", child.content))
        elif child.type == "html_inline":
            out.append(("skip", child.content))
        elif child.type in ("softbreak", "hardbreak"):
            before = next((text[-1] for mode, text in reversed(out) if text), "")
            if before.isascii() and before.isalnum():
                out.append(("space", " "))
    return out


def read_markdown(text: str, path: str) -> Source:
    """A Markdown text: prose blocks as paragraphs with per-character source positions."""

    lines = text.split("\n")
    directives = parse_directives(lines) if "<!--" in text else []
    parsed, runs = _squeeze_blank_runs(text)
    if runs:  # parsed with long runs of blank lines cut short; lines are mapped back below
        source_lines, lines = lines, parsed.split("\n")
    tokens = _markdown().parse(parsed)
    paragraphs: list[Paragraph] = []
    metadata: dict[str, Any] = {}
    role = "body"
    heading_part = Part.HEADING1
    cursor: dict[int, int] = {}  # per source line: column after the last cell read
    in_table = False
    has_title = False
    for token in tokens:
        if token.type == "front_matter":
            loaded = _front_matter(token.content, path)
            if isinstance(loaded, dict):
                metadata = loaded
                title = _front_matter_title(loaded, lines)
                if title is not None:
                    paragraphs.append(title)
                    has_title = True
            continue
        if token.type == "heading_open":
            role = "heading"
            heading_part = HEADING_OF_LEVEL.get(int(token.tag[1]), Part.HEADING4)
        elif token.type == "table_open":
            in_table = True
        elif token.type == "table_close":
            in_table = False
        elif token.type == "inline" and token.map:
            segments = _segments(token)
            if not "".join(text for mode, text in segments if mode == "text").strip():
                continue
            start_line = token.map[0]
            first = token.content.split("\n", 1)[0].strip()
            begin = cursor.get(start_line, 0)
            found = lines[start_line].find(first, begin) if first else -1
            column = found if found >= 0 else begin
            plain, origin = _align(segments, lines, start_line, column)
            cursor[start_line] = origin[-1][1] if origin[-1][0] == start_line + 1 else 0
            paragraph_role = "table" if in_table else role
            hint = Part.TABLE if in_table else heading_part if role == "heading" else None
            paragraphs.append(
                Paragraph(
                    0,
                    plain,
                    0,
                    role=paragraph_role,
                    line=origin[0][0],
                    column=origin[0][1],
                    origin=origin,
                    part=hint,
                )
            )
        elif token.type == "heading_close":
            if not has_title and token.tag == "h1" and len(paragraphs) == 1:
                paragraphs[0].role = "title"
                paragraphs[0].part = Part.TITLE
                has_title = True
            role = "body"
    for paragraph in paragraphs:  # an explicit Markdown heading keeps its role
        if paragraph.role == "heading" and paragraph.level is None:
            found = ordinal_of(paragraph.text)
            if found:
                paragraph.level, paragraph.ordinal = found
    if runs:
        _unsqueeze(paragraphs, runs)
        lines = source_lines
    doc = PreparedDoc.from_paragraphs(path, paragraphs, source="md", metadata=metadata)
    return Source(doc, lines, directives)


#: Blank lines in a row past which Markdown is parsed with the run cut short (to this many):
#: CommonMark reads any run of two or more blank lines alike, but markdown-it keeps four
#: numbers for every line, some 120 bytes a line (a gigabyte for ten megabytes of newlines).
_BLANK_RUN = 64
_BLANK_LINES = re.compile(r"(?m)^[ \t\n]*\n")  # a run of whole blank lines (no group repeat:
# the regular-expression engine keeps state for every repetition of a group)


def _squeeze_blank_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each run of more than :data:`_BLANK_RUN` blank lines cut to that many,
    and the runs cut as ``(first line after the run in the cut text (0-based), lines removed
    so far)``, for :func:`_unsqueeze`."""
    runs: list[tuple[int, int]] = []
    pieces: list[str] = []
    begin = removed = 0
    line = 0  # 0-based line of ``begin`` in the cut text
    for match in _BLANK_LINES.finditer(text):
        if match.end() - match.start() <= _BLANK_RUN or match.group().count("\n") <= _BLANK_RUN:
            continue
        line += text.count("\n", begin, match.start())
        pieces += [text[begin : match.start()], "\n" * _BLANK_RUN]
        line += _BLANK_RUN
        removed += match.group().count("\n") - _BLANK_RUN
        runs.append((line, removed))
        begin = match.end()
    if not runs:
        return text, runs
    pieces.append(text[begin:])
    return "".join(pieces), runs


def _unsqueeze(paragraphs: list[Paragraph], runs: list[tuple[int, int]]) -> None:
    """Lines of the cut text (see :func:`_squeeze_blank_runs`) back to the source's."""
    starts = [first for first, _ in runs]

    def source_line(line: int) -> int:  # 1-based in, 1-based out
        at = bisect.bisect_right(starts, line - 1)
        return line + (runs[at - 1][1] if at else 0)

    for paragraph in paragraphs:
        paragraph.line = source_line(paragraph.line)
        if paragraph.origin:
            paragraph.origin = [(source_line(line), column) for line, column in paragraph.origin]


def _front_matter(content: str, path: str) -> Any:
    """A Markdown file's front matter as YAML values; ``None`` when it is not valid YAML (the
    linter only reads a title and a kind from it). One that nests or expands past the data
    limits is an InputError: that file is reported in one line, the others are still linted."""
    import yaml

    try:
        node = yaml.compose(content, Loader=yaml.SafeLoader)
        if node is None:
            return None
        check_data_tree(node, "<front matter>")
        return yaml.SafeLoader("").construct_document(node)
    except (RecursionError, DataError):
        message = "文首 YAML（front matter）嵌套过深或展开过大，无法解析"
        raise InputError(message, path=path) from None
    except (yaml.YAMLError, InputError, ValueError):
        return None


def _front_matter_title(data: dict[str, Any], lines: list[str]) -> Paragraph | None:
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            break
        match = re.match(r"\s*title\s*:\s*['\"]?", line)
        if match:
            column = line.find(title, match.end() - 1)
            if column >= 0:
                return Paragraph(
                    0, title, 0, role="title", line=number, column=column + 1, part=Part.TITLE
                )
    return Paragraph(0, title, 0, role="title", line=1, column=1, part=Part.TITLE)


# -- .docx ---------------------------------------------------------------------------------

_TITLE_STYLES = {"title", "公文标题", "标题"}
#: The builder's styles of the 版头 and 版记 (drafting.layout.styles): read and checked for form,
#: but not body text (a thesis 150 characters in is counted from the first body line).
_META_STYLES = frozenset(
    ("份号", "密级和保密期限", "紧急程度", "发文机关标志", "发文字号", "抄送", "印发", "页码")
)
#: The builder's styles (drafting.layout.styles) that name a part of the document: a .docx made
#: by ``drafting render`` says what each paragraph is. (Word's own ``正文`` style names no part:
#: every paragraph of a colleague's document may carry it.)
_STYLE_PARTS: dict[str, Part] = {
    "份号": Part.COPY_NUMBER,
    "密级和保密期限": Part.CLASSIFICATION,
    "紧急程度": Part.URGENCY,
    "发文机关标志": Part.ORGAN_MARK,
    "发文字号": Part.DOC_NUMBER,
    "主送机关": Part.RECIPIENTS,
    "附件说明": Part.ATTACHMENT_NOTE,
    "署名": Part.SIGNATURE,
    "成文日期": Part.DATE,
    "附注": Part.NOTE,
    "附件标识": Part.ATTACHMENT_LABEL,
    "附件标题": Part.CARRIED_TITLE,
    "抄送": Part.CC,
    "印发": Part.PRINTER,
    "页码": Part.RESIDUE,
    "作者": Part.BYLINE,
}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$|^([一二三四])级标题$", re.IGNORECASE)
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
        from docx.table import _Cell

        from drafting.docx_text import paragraph_text

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
    paragraphs: list[Paragraph] = []
    lines: list[str] = []
    rules_off: dict[int, frozenset[str] | None] = {}
    centred: list[Paragraph] = []
    for number, item in numbered:
        raw = paragraph_text(item._p)  # tracked insertions in, deletions out
        text = raw.replace("\r", "").replace("\n", " ").replace("\v", " ")
        style_id = styles.id_of(item._p)
        style = styles.names.get(style_id, "")
        role = "table" if isinstance(item._parent, _Cell) else "body"
        part: Part | None = Part.TABLE if role == "table" else None
        if role == "body":
            if style.lower() in _TITLE_STYLES:
                role = "title"  # a title broken over lines is one line of words: no space
                text = raw.replace("\r", "").replace("\n", "").replace("\v", "")
                part = Part.TITLE
            elif style in _STYLE_PARTS:
                role, part = "meta", _STYLE_PARTS[style]
            else:
                match = _HEADING_STYLE.match(style)
                if match and text.strip():
                    role = "heading"
                    level = int(match[1]) if match[1] else "一二三四".index(match[2]) + 1
                    part = HEADING_OF_LEVEL.get(level)
        paragraph = Paragraph(
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
        _note_region(item._p, number, len(raw), regions, inserted)
        if role == "body" and styles.centred(item._p, style_id):
            centred.append(paragraph)
        for comment_id in _anchored_comments(item) if comments else ():
            codes = docx_directive(comments.get(comment_id, ""))
            if codes is not False:
                previous = rules_off.get(number, frozenset())
                rules_off[number] = None if codes is None or previous is None else previous | codes
    for region, p in _header_footer_paragraphs(document):
        number = len(paragraphs) + 1
        text = paragraph_text(p).replace("\r", "").replace("\n", " ").replace("\v", " ")
        paragraphs.append(
            Paragraph(0, text, 0, role="meta", line=number, number=number, margin=True)
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
    for paragraph in paragraphs:
        if paragraph.role == "heading" and paragraph.level is None:
            found = ordinal_of(paragraph.text)
            if found:
                paragraph.level, paragraph.ordinal = found
    from drafting.docx_text import DOCX_KEY, DocxBytes

    original = DocxBytes(data)  # for the layout rules (L5xx), with the document as parsed
    original.cache["document"], original.cache["numbered"] = document, numbered
    metadata: dict[str, Any] = {DOCX_KEY: original}
    subject = (document.core_properties.subject or "").strip()
    if subject:
        metadata["kind"] = subject
    doc = PreparedDoc.from_paragraphs(path, paragraphs, source="docx", metadata=metadata)
    if not doc.text.strip():
        raise InputError("文档里没有文字，没有可审校的内容", path=path)
    where = _marker(regions, inserted) if regions or inserted else None
    return Source(doc, lines, [], rules_off, where)


# -- .docx: text boxes, headers and footers, tracked insertions, letter-spaced titles --------

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
    from drafting.docx_text import inserted_spans

    if any(ancestor.tag == f"{_W}txbxContent" for ancestor in p.iterancestors()):
        regions[number] = "文本框"
    spans = inserted_spans(p)
    if spans and spans[-1][1] <= length:
        inserted[number] = spans


def _header_footer_paragraphs(document: Any) -> list[tuple[str, Any]]:
    """The paragraphs of the headers and footers that hold text other than a page number,
    each part once, headers first, in part-name order."""
    from drafting.docx_text import is_page_number, paragraph_text, paragraphs_in

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


def _header_lines(paragraphs: list[Paragraph]) -> set[int]:
    """Numbers of the paragraphs the anatomy reader takes for the 版头 (a 标志 without 文件,
    a joint 标志): not a title, even when centred."""
    from drafting.anatomy.parts import HEADER
    from drafting.anatomy.reader import read_parts

    body = [p for p in paragraphs if p.role in ("body", "heading") and p.number is not None]
    anatomy = read_parts([p.text for p in body])
    return {p.number for p, part in zip(body, anatomy.parts, strict=True) if part in HEADER}


def _marker(
    regions: dict[int, str], inserted: dict[int, list[tuple[int, int]]]
) -> Callable[[Finding], Finding]:
    """What :attr:`Source.where` does for one .docx."""

    def where(finding: Finding) -> Finding:
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


def _numbered(document: Any) -> list[tuple[int, Any]]:
    from drafting.docx_text import numbered_paragraphs

    return numbered_paragraphs(document)


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


def _anchored_comments(paragraph: Any) -> list[str]:
    """Ids of comments whose range starts (or whose reference sits) in ``paragraph``."""
    ids = [el.get(f"{_W}id") for el in paragraph._p.iter(f"{_W}commentRangeStart")]
    if not ids:
        ids = [el.get(f"{_W}id") for el in paragraph._p.iter(f"{_W}commentReference")]
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


# -- dispatch ------------------------------------------------------------------------------


def read_source(path: str | Path, data: bytes | None = None) -> Source:
    """Read one input by its extension (``-`` or ``<stdin>`` with ``data`` for stdin)."""
    name = str(path)
    suffix = Path(name).suffix.lower()
    if data is None:
        data = read_bytes(Path(name))
    if suffix == ".docx":
        return read_docx(data, name)
    if suffix in OFFICE_SUFFIXES:  # converted to a .docx first (drafting.office_convert)
        from drafting.office_convert import TEMPLATES, to_docx

        if suffix in TEMPLATES:
            _check_zip(name, data)
        return read_docx(to_docx(data, suffix, name), name)
    if suffix not in ("", ".txt", ".md", ".markdown", ".text"):
        raise InputError(
            f"不支持的文件类型 {suffix}；只能审校 .txt、.md、.docx（及 .doc、.wps、.dotx）",
            path=name,
        )
    text = decode(data, name)
    if suffix in (".md", ".markdown"):
        return read_markdown(text, name)
    return read_text(text, name)


def read_string(text: str, path: str = "<text>", *, markdown: bool = False) -> Source:
    """A string already in memory, read as plain text (or Markdown)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return read_markdown(text, path) if markdown else read_text(text, path)
