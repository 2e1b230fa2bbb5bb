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
* The shape of parsed data: YAML anchors and aliases may not expand past
  :data:`MAX_DATA_NODES` values (a "billion laughs" of 1 KB expands to 387 million), nor
  nest deeper than :data:`MAX_DATA_DEPTH` levels, nor refer to themselves
  (:func:`check_data_tree`, on the composed node graph, before anything walks it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from drafting.errors import DataError, InputError

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

#: Most values (mappings, lists, scalars) a data file may hold once YAML aliases are expanded.
#: The longest real data file (an annual summary) holds a few hundred.
MAX_DATA_NODES = 200_000

#: Deepest nesting of lists and mappings in a data file (real ones nest four or five levels).
MAX_DATA_DEPTH = 64


def human_size(size: int) -> str:
    """A byte count as a short Chinese-friendly size: ``10 MB``, ``512 KB``."""
    if size >= 10 * MIB:
        return f"{size / MIB:.0f} MB"
    if size >= MIB:
        return f"{size / MIB:.1f} MB"
    return f"{max(1, size // 1024)} KB"


def too_large(what: str, limit: int, size: int | None = None) -> str:
    """The message for an input past ``limit``: ``数据文件过大（6.0 MB），超过上限 5.0 MB；…``
    (without the size when it was found by reading, not by ``st_size``)."""
    if size:
        return f"{what}过大（{human_size(size)}），超过上限 {human_size(limit)}；请拆分后再处理"
    return f"{what}过大（超过上限 {human_size(limit)}）；请拆分后再处理"


def check_size(path: str | Path, limit: int, what: str = "文件") -> int:
    """Refuse ``path`` early if ``st_size`` says it is larger than ``limit`` bytes; return it.

    Only a quick first refusal: ``st_size`` is 0 for ``/dev/zero``, a FIFO and files under
    ``/proc``, so a reader must still go through :func:`drafting.inputs.read_file`, which reads
    at most ``limit + 1`` bytes. ``what`` names the kind of file (``文本文件``, ``数据文件`` …).
    """
    size = os.stat(path).st_size
    if size > limit:
        raise InputError(too_large(what, limit, size), path=str(path))
    return size


def _children(node: Any) -> list[Any]:
    """The child nodes of a composed YAML node (keys and values of a mapping)."""
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    if value and isinstance(value[0], tuple):
        return [part for pair in value for part in pair]
    return list(value)


def check_data_tree(
    root: Any, source: str, *, line_offset: int = 0, what: str = "数据文件"
) -> None:
    """Refuse a composed YAML node graph that aliases expand past :data:`MAX_DATA_NODES`, that
    nests deeper than :data:`MAX_DATA_DEPTH`, or that refers to itself.

    Works on the graph of unique nodes (an alias is the same node object again), so it costs
    time in the file's size, not in the expanded size. Call it before walking or constructing.
    """
    sizes: dict[int, int] = {}
    depths: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            children = _children(node)
            sizes[key] = min(1 + sum(sizes[id(c)] for c in children), MAX_DATA_NODES + 1)
            depths[key] = 1 + max((depths[id(c)] for c in children), default=0)
            line = getattr(getattr(node, "start_mark", None), "line", None)
            where = None if line is None else line + 1 + line_offset
            if depths[key] > MAX_DATA_DEPTH:
                raise DataError(
                    f"{what}嵌套过深（超过 {MAX_DATA_DEPTH} 层）；请把数据写平",
                    path=source,
                    line=where,
                )
            if sizes[key] > MAX_DATA_NODES:
                raise DataError(
                    f"{what}展开后过大：锚点和别名（&名称 / *名称）展开后超过 {MAX_DATA_NODES} 项；"
                    "请不要用别名层层复制内容",
                    path=source,
                    line=where,
                )
            continue
        if key in sizes:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                line = getattr(getattr(child, "start_mark", None), "line", None)
                raise DataError(
                    f"{what}中有循环引用：别名（*名称）指向了包含它自己的锚点",
                    path=source,
                    line=None if line is None else line + 1 + line_offset,
                )
            if id(child) not in sizes:
                stack.append((child, False))


#: Largest attachment file a draft names (``attachments[].file``: the attachment's own
#: Markdown): 5 MiB, more than a thousand pages of tables.
MAX_ATTACHMENT_BYTES = 5 * MIB

#: Largest seal image (``seal``): a scanned seal is a few hundred KB.
MAX_IMAGE_BYTES = 5 * MIB

#: Longest output file name (without extension) that ``batch`` makes from a field, in UTF-8
#: bytes: 80 Chinese characters fit; with ``-5000.docx`` after it, under the 255 bytes file
#: systems allow (an emoji or a rare character takes 4 bytes, so fewer of those fit).
MAX_FILENAME_BYTES = 240

#: Longest file name the tool writes when the file system cannot say (``NAME_MAX`` of Linux,
#: macOS and Windows alike, in UTF-8 bytes).
MAX_OUTPUT_NAME_BYTES = 255

# --------------------------------------------------------------------------- numbers, CSV and
# templates (issue 14, items 3–5). Every data route (YAML, JSON, TOML, CSV, a YAML list, many
# files, --previous) applies the limits above and these; a template renders under these caps.

#: Most digits in an integer of a data file or a CSV cell. Counts, amounts and ID numbers have a
#: few dozen at most; Python itself will not read an integer of more than 4,300 digits.
MAX_NUMBER_DIGITS = 100

#: Largest template file (``template.md.j2`` or a file it includes or extends) the loader reads.
MAX_TEMPLATE_BYTES = 1 * MIB

#: Longest text (characters) one value in a template may have: a string it builds, the output of
#: a macro or block, the whole rendered draft. Twice the longest a 5 MB data file can give.
MAX_TEMPLATE_CHARS = 10_000_000

#: Most characters a template may build in all during one rendering (strings made by ``~``,
#: ``+``, ``*``, filters and methods, and everything it outputs): bounds the memory a render
#: can hold on to (at most 4 bytes a character).
MAX_TEMPLATE_WORK = 40_000_000

#: Most steps of one rendering: loop iterations, calls (macros, methods, functions, filters) and
#: lists looked at when sizing a value; as many as Jinja's own cap on one ``range()``. The
#: shipped templates take at most about a hundred; a step costs a few microseconds.
MAX_TEMPLATE_STEPS = 100_000

#: Largest integer a template may compute, in bits (about 1,200 decimal digits): ``10 ** 100000``
#: is refused before it is computed.
MAX_TEMPLATE_INT_BITS = 4096

#: Widest field a template may ask for: widths and precisions in ``'%10d'``, ``'{:>10}'``,
#: ``center(10)``, ``indent(4)``, ``percent(digits)`` …
MAX_TEMPLATE_WIDTH = 1000

#: Most processor time one rendering may take (seconds): a backstop behind the caps above (the
#: shipped templates render in a few milliseconds).
MAX_TEMPLATE_SECONDS = 3.0
