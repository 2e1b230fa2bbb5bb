"""One text decoder: the same rules for every text file the project reads.

1. A byte-order mark decides: UTF-8 (``EF BB BF``), UTF-16 LE (``FF FE``) or UTF-16 BE
   (``FE FF``). Bytes the mark's encoding cannot decode are an error: the file says what it is
   and is not.
2. Without a mark: UTF-8, else GB18030 (what Chinese Windows saves as “ANSI”).

A caller narrows what it accepts, never widens it: data files are UTF-8 only
(``gb18030=False, utf16=False``: a UTF-16 mark is then just bytes that are not UTF-8), Markdown
drafts take UTF-8 or GB18030 (``utf16=False``), and the linter and ``--fix`` take all three.
:class:`Decoded` remembers the encoding and the mark, so ``--fix`` writes a file back as it
found it. Failures are :class:`DecodeError`; each caller says them in its own terms (the
linter's :func:`DecodeError.describe`, a data file's line).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

#: Byte-order marks and the encodings they declare (the text after the mark).
_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NAMES = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}


@dataclass(frozen=True)
class Decoded:
    """Text and how it was stored: ``encoding`` (a Python codec name) and its ``bom``."""

    text: str
    encoding: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """``text`` stored the same way (the mark, then the encoding)."""
        return self.bom + text.encode(self.encoding)


class DecodeError(ValueError):
    """Bytes that are not text in an accepted encoding.

    ``declared`` is the encoding a byte-order mark named (``UTF-8``/``UTF-16``) when the text
    after it did not decode, else ``None``; ``line`` is the 1-based line of the first byte that
    did not decode as UTF-8 (or as the declared encoding); ``gb18030`` whether GB18030 was tried.
    """

    def __init__(self, declared: str | None, line: int, gb18030: bool) -> None:
        self.declared = declared
        self.line = line
        self.gb18030 = gb18030
        super().__init__(self.describe())

    def describe(self) -> str:
        """The linter's words for it (what ``drafting lint`` and ``--fix`` say)."""
        if self.declared:
            return f"文件声明为 {self.declared} 但内容无法解码"
        if self.gb18030:
            return "无法识别文件编码（既不是 UTF-8 也不是 GB18030）；请另存为 UTF-8"
        return "文件不是 UTF-8 编码；请另存为 UTF-8"


def has_utf16_mark(data: bytes) -> bool:
    """Whether ``data`` opens with a UTF-16 byte-order mark (of either byte order)."""
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode(data: bytes, *, gb18030: bool = True, utf16: bool = True) -> Decoded:
    """The text of ``data`` by the rules above; :class:`DecodeError` when it is none."""
    for mark, encoding in _MARKS:
        if not data.startswith(mark) or (encoding != "utf-8" and not utf16):
            continue
        body = data[len(mark) :]
        try:
            return Decoded(body.decode(encoding), encoding, mark)
        except UnicodeDecodeError as exc:
            line = body[: exc.start].count(b"\n") + 1
            raise DecodeError(_NAMES[encoding], line, gb18030) from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    if gb18030:
        try:
            return Decoded(data.decode("gb18030"), "gb18030")
        except UnicodeDecodeError:
            pass
    raise DecodeError(None, line, gb18030)
