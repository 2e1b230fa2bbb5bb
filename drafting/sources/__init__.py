"""The reviewing pipeline's front: read inputs (.txt, .md, .docx, stdin) into one text model.

:func:`read_source` picks the reader by extension: :mod:`~drafting.sources.text`,
:mod:`~drafting.sources.markdown` or :mod:`~drafting.sources.docx`; each gives a
:class:`~drafting.sources.document.Source`: the prepared document
(:class:`~drafting.sources.document.PreparedDoc`, what the anatomy reader and every lint rule
read), the source lines (for carets) and the inline suppression directives found while reading
(:mod:`~drafting.sources.directives`). Nothing here knows a rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafting.errors import InputError
from drafting.limits import MAX_DOCX_BYTES, MAX_TEXT_BYTES

if TYPE_CHECKING:  # the readers load when an input is read, not for ``drafting rules``
    from drafting.sources.document import Source

__all__ = [
    "MAX_TEXT_BYTES",
    "OFFICE_SUFFIXES",
    "SUFFIXES",
    "read_bytes",
    "read_source",
    "read_string",
]

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".doc", ".wps", ".dotx")
#: Read as a .docx once converted (drafting.office_convert): .doc and .wps by LibreOffice.
OFFICE_SUFFIXES = (".doc", ".wps", ".dotx")


def read_bytes(path: Path) -> bytes:
    """The bytes of one input file, through the input gate: a regular file (never a FIFO or a
    device), at most :data:`MAX_DOCX_BYTES` for a .docx, else :data:`MAX_TEXT_BYTES`."""
    from drafting.inputs import read_file

    docx_like = path.suffix.lower() in (".docx", *OFFICE_SUFFIXES)
    limit = MAX_DOCX_BYTES if docx_like else MAX_TEXT_BYTES
    return read_file(path, limit, missing="文件不存在")


def read_source(path: str | Path, data: bytes | None = None) -> Source:
    """Read one input by its extension (``-`` or ``<stdin>`` with ``data`` for stdin)."""
    from drafting.sources.docx import read_docx
    from drafting.sources.markdown import read_markdown
    from drafting.sources.text import decode, read_text

    name = str(path)
    suffix = Path(name).suffix.lower()
    if data is None:
        data = read_bytes(Path(name))
    if suffix == ".docx":
        return read_docx(data, name)
    if suffix in OFFICE_SUFFIXES:  # converted to a .docx first (drafting.office_convert)
        from drafting.office_convert import TEMPLATES, to_docx
        from drafting.sources.docx import _check_zip

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
    from drafting.sources.markdown import read_markdown
    from drafting.sources.text import read_text

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return read_markdown(text, path) if markdown else read_text(text, path)
