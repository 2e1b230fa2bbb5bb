"""The documented limits on what the tool reads, and the checks that enforce them.

Every limit is a named constant here, so the README, the messages and the code agree. A file
beyond a limit is refused *before* it is parsed, with one Chinese line that names the file,
the limit and what to do; nothing is written.

* Text input (.txt/.md, and text from stdin): :data:`MAX_TEXT_BYTES`.
* Data files (YAML/JSON/TOML, CSV for ``batch``): :data:`MAX_DATA_BYTES`; records in one batch
  file: :data:`MAX_BATCH_RECORDS`.
* .docx input: the file itself :data:`MAX_DOCX_BYTES`; the sum of its parts' declared
  decompressed sizes :data:`MAX_DOCX_UNPACKED_BYTES`; any one part
  :data:`MAX_DOCX_PART_BYTES`; at most :data:`MAX_DOCX_PARTS` parts. :mod:`zipfile` never
  inflates a member past its declared size (it stops and the CRC check fails), so checking the
  declared sizes in the zip directory bounds decompression.
* Output file names made from a field in ``batch``: :data:`MAX_FILENAME_CHARS` characters.
"""

from __future__ import annotations

import os
from pathlib import Path

from drafting.errors import InputError

MIB = 1024 * 1024

#: Largest .txt/.md file (or stdin text) the linter reads: 20 MiB, about 7 million Chinese
#: characters in UTF-8 — a hundred times the longest report an office writes.
MAX_TEXT_BYTES = 20 * MIB

#: Largest data file (YAML/JSON/TOML/CSV) ``render`` and ``batch`` read.
MAX_DATA_BYTES = 5 * MIB

#: Most records in one batch list (a CSV or a YAML list): one document each.
MAX_BATCH_RECORDS = 5000

#: Largest .docx file the linter or the annotator opens.
MAX_DOCX_BYTES = 50 * MIB

#: Largest total of a .docx's parts once decompressed (declared sizes in the zip directory).
MAX_DOCX_UNPACKED_BYTES = 200 * MIB

#: Largest single part (``word/document.xml``, an image …) once decompressed. libxml2 refuses
#: a text node over 10 MB anyway, but only after inflating and parsing up to it.
MAX_DOCX_PART_BYTES = 64 * MIB

#: Most parts (zip members) in one .docx.
MAX_DOCX_PARTS = 10_000

#: Longest output file name (without extension) that ``batch`` makes from a field.
MAX_FILENAME_CHARS = 80


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
