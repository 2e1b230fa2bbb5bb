"""Reading plain text into the text model, and the checks that bytes are text at all.

Text is UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030, by the one decoder
(:mod:`drafting.zh.decode`); binary junk, empty files and oversized files are
:class:`~drafting.errors.InputError` with a Chinese message. A plain text is one paragraph a
line; a run of blank lines is one paragraph.
"""

from __future__ import annotations

import re

from drafting.errors import InputError
from drafting.limits import MAX_TEXT_BYTES
from drafting.sources.directives import parse_directives
from drafting.sources.document import (
    PreparedDoc,
    Source,
    TextParagraph,
)
from drafting.zh.decode import Decoded, DecodeError, has_utf16_mark
from drafting.zh.decode import decode as zh_decode

#: Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_DIRECTIVE_LINE = re.compile(r"^\s*<!--\s*drafting:.*-->\s*$")


def decode(data: bytes, path: str) -> str:
    """Text of ``data``: UTF-8 (BOM optional), UTF-16 with BOM, or GB18030 (the one decoder,
    :mod:`drafting.zh.decode`); else, or when it is no text at all, InputError."""
    return decode_text(data, path).text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, path: str) -> Decoded:
    """:func:`decode` keeping the file's encoding and line breaks (what ``--fix`` writes back)."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"文件过大（超过 {MAX_TEXT_BYTES // 1024 // 1024} MB），不予审校", path=path
        )
    if not has_utf16_mark(data) and b"\x00" in data:
        raise InputError("不是文本文件（含二进制内容）；只能审校 .txt、.md、.docx", path=path)
    try:
        decoded = zh_decode(data)
    except DecodeError as exc:
        raise InputError(exc.describe(), path=path) from None
    text = decoded.text
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError("不是文本文件（含大量控制字符）；只能审校 .txt、.md、.docx", path=path)
    if not text.strip():
        raise InputError("文件是空的，没有可审校的内容", path=path)
    return decoded


def read_text(text: str, path: str, *, source: str = "txt") -> Source:
    """A plain text: one paragraph a line; directive comment lines are read, then blanked.

    A run of blank lines (empty, or spaces only) is one paragraph holding them and the line
    breaks between them (``doc.text`` is the same): ten megabytes of blank lines make a handful
    of paragraphs, not millions."""
    lines = text.split("\n")
    directives = parse_directives(lines) if "<!--" in text else []
    paragraphs: list[TextParagraph] = []
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
            paragraphs.append(TextParagraph(0, _blanked(run), 0, line=kept + 2))
        paragraphs.append(TextParagraph(0, line, 0, line=index + 1))
        kept, kept_end = index, match.end()
    if len(lines) - kept > 1:
        paragraphs.append(TextParagraph(0, _blanked(text[kept_end + 1 :]), 0, line=kept + 2))
    doc = PreparedDoc.from_paragraphs(path, paragraphs, source=source)  # parts: the anatomy
    return Source(doc, lines, directives)


_CONTENT_LINE = re.compile(r"[^\n]+")


def _blanked(run: str) -> str:
    """A run of blank lines as its paragraph holds it: directive comment lines made empty."""
    if "<!--" not in run:
        return run
    return "\n".join("" if _DIRECTIVE_LINE.match(line) else line for line in run.split("\n"))
