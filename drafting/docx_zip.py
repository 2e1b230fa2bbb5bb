"""Zip entries that make a .docx reproducible: the same parts give the same bytes.

A .docx is a zip, and a zip entry carries a date and file attributes; left to the writer they
are the time of writing and the writer's system. Every .docx this project writes (the built
documents, the annotated copies) takes its entries from :func:`zip_info`: deflated, mode 0600,
made on MS-DOS, dated :data:`FIXED_ZIP_DATE` or a date the caller chooses.
"""

from __future__ import annotations

import io
import zipfile

DateTime = tuple[int, int, int, int, int, int]

#: The date of every entry of a built document (zip dates start in 1980).
FIXED_ZIP_DATE: DateTime = (1980, 1, 1, 0, 0, 0)


def zip_info(name: str, date_time: DateTime = FIXED_ZIP_DATE) -> zipfile.ZipInfo:
    """A deflated zip entry ``name`` dated ``date_time``, mode 0600, made on MS-DOS."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 0
    return info


def normalise_zip(data: bytes, date_time: DateTime = FIXED_ZIP_DATE) -> bytes:
    """The zip ``data`` rewritten with :func:`zip_info` entries; names, order and contents
    unchanged."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(zip_info(item.filename, date_time), source.read(item.filename))
    return out.getvalue()
