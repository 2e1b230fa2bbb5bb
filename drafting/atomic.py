"""Writing files so that the user never loses work: no overwrite without force, atomic rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from drafting.errors import OutputError


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse to replace an existing file unless ``force``; refuse a folder or a missing parent."""
    if path.is_dir():
        raise OutputError("输出路径是一个文件夹，请给出文件名", path=str(path))
    if path.exists() and not force:
        raise OutputError("文件已存在，未覆盖；如需覆盖请加 --force", path=str(path))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError("输出文件夹不存在", path=str(parent))
    if not os.access(parent, os.W_OK):
        raise OutputError("输出文件夹不可写", path=str(parent))


@contextmanager
def atomic_open(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path``; on success fsync and rename it into place.

    On any exception the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    check_writable(path, force=force)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and not force:  # appeared while we were writing
            raise OutputError("文件已存在，未覆盖；如需覆盖请加 --force", path=str(path))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes, *, force: bool = False) -> None:
    """Atomically write ``data`` to ``path`` (see :func:`atomic_open`)."""
    with atomic_open(path, force=force) as handle:
        handle.write(data)


def write_text(path: Path, text: str, *, force: bool = False) -> None:
    """Atomically write UTF-8 ``text`` to ``path``."""
    write_bytes(path, text.encode("utf-8"), force=force)
