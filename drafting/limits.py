"""The documented limits on what the tool reads, and the checks that enforce them.

Every limit is a named constant here, so the README, the messages and the code agree. A file
beyond a limit is refused *before* it is parsed, with one Chinese line that names the file,
the limit and what to do; nothing is written.

* Text input (.txt/.md, and text from stdin): :data:`MAX_TEXT_BYTES`.
* Data files (YAML/JSON/TOML, CSV for ``batch``): :data:`MAX_DATA_BYTES`; records in one batch
  file: :data:`MAX_BATCH_RECORDS`; items in one list field: :data:`MAX_LIST_ITEMS`.
* .docx input: the file itself :data:`MAX_DOCX_BYTES`; the sum of its parts' declared
  decompressed sizes :data:`MAX_DOCX_UNPACKED_BYTES`; any one XML part
  :data:`MAX_DOCX_PART_BYTES`. :mod:`zipfile` never inflates a member past its declared size
  (it stops and the CRC check fails), so checking the declared sizes bounds decompression.
* Output file names made from a field in ``batch``: :data:`MAX_FILENAME_CHARS` characters.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from drafting.errors import InputError

MIB = 1024 * 1024

#: Largest .txt/.md file (or stdin text) the linter reads: 10 MiB, about 3.5 million Chinese
#: characters in UTF-8 — some fifty times the longest report an office writes.
MAX_TEXT_BYTES = 10 * MIB

#: Largest data file (YAML/JSON/TOML/CSV) ``render`` and ``batch`` read.
MAX_DATA_BYTES = 5 * MIB

#: Most records in one batch list (a CSV or a YAML list): one document each.
MAX_BATCH_RECORDS = 5000

#: Most items in any one list field of a data file (e.g. ``results`` of a summary).
MAX_LIST_ITEMS = 1000

#: Largest .docx file the linter or the annotator opens.
MAX_DOCX_BYTES = 50 * MIB

#: Largest total of a .docx's parts once decompressed (declared sizes in the zip directory).
MAX_DOCX_UNPACKED_BYTES = 200 * MIB

#: Largest single XML part (``word/document.xml``, comments, styles …) once decompressed.
MAX_DOCX_PART_BYTES = 64 * MIB

#: Longest output file name (without extension) that ``batch`` makes from a field.
MAX_FILENAME_CHARS = 80

#: The first bytes of an OLE2 compound file: an old .doc, or a password-protected .docx
#: (Office stores encrypted OOXML inside an OLE container).
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def human_size(size: int) -> str:
    """A byte count as a short Chinese-friendly size: ``10 MB``, ``512 KB``."""
    if size >= 10 * MIB:
        return f"{size / MIB:.0f} MB"
    if size >= MIB:
        return f"{size / MIB:.1f} MB"
    return f"{max(1, size // 1024)} KB"


def check_size(path: str | Path, limit: int, what: str = "文件") -> int:
    """Refuse ``path`` if it is larger than ``limit`` bytes; return its size.

    ``what`` names the kind of file in the message (``文本文件``, ``数据文件`` …).
    """
    size = os.stat(path).st_size
    if size > limit:
        raise InputError(
            f"{what}过大（{human_size(size)}），超过上限 {human_size(limit)}；请拆分后再处理",
            path=str(path),
        )
    return size


def check_text_bytes(data: bytes, source: str) -> None:
    """Refuse text already read (e.g. stdin) that is larger than :data:`MAX_TEXT_BYTES`."""
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(
            f"文本过大（{human_size(len(data))}），超过上限 {human_size(MAX_TEXT_BYTES)}；"
            "请拆分后再处理",
            path=source,
        )


def check_docx(path: str | Path) -> None:
    """Refuse a .docx that is too large, not a zip, encrypted, a renamed .doc, or a zip bomb.

    Call before handing the file to python-docx; it reads only the zip directory.
    """
    path = Path(path)
    check_size(path, MAX_DOCX_BYTES, "Word 文件")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise InputError(
            "不是 .docx 文件：这是加密（设了打开密码）的 Word 文件或旧版 .doc 文件；"
            "请在 Word/WPS 中取消密码并另存为 .docx",
            path=str(path),
        )
    if not head:
        raise InputError("Word 文件是空的（0 字节）", path=str(path))
    if head[:4] not in _ZIP_MAGIC:
        raise InputError(
            "不是 .docx 文件（文件内容不是 Word 文档）；请另存为 .docx", path=str(path)
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(
            "Word 文件已损坏（压缩包不完整，可能没有下载或复制完）；请重新获取文件",
            path=str(path),
        ) from None
    names = {member.filename for member in members}
    if "word/document.xml" not in names and not any(
        name.endswith("document.xml") for name in names
    ):
        raise InputError(
            "不是 .docx 文件：压缩包里没有 Word 正文（word/document.xml）", path=str(path)
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_DOCX_PART_BYTES:
            raise InputError(
                f"Word 文件解压后过大（{member.filename} 为 {human_size(member.file_size)}，"
                f"上限 {human_size(MAX_DOCX_PART_BYTES)}）；文件可能已损坏或是恶意文件",
                path=str(path),
            )
    if total > MAX_DOCX_UNPACKED_BYTES:
        raise InputError(
            f"Word 文件解压后过大（共 {human_size(total)}，上限 "
            f"{human_size(MAX_DOCX_UNPACKED_BYTES)}）；文件可能已损坏或是恶意文件",
            path=str(path),
        )
