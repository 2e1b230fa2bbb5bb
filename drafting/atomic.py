"""Writing files so that the user never loses work: no overwrite without force, atomic rename.

A temporary file is named ``.<name>.<random>.tmp`` beside its target. A process killed
outright (SIGKILL, power cut) cannot remove its own; the next write of the same name removes
such leftovers once they are older than :data:`STALE_TEMP_SECONDS` (a live write touches its
temporary file far more often than that), so a rerun of the same command cleans up after the
killed one and never deletes another process's file in progress.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from drafting.errors import OutputError

#: Age after which a leftover ``.<name>.*.tmp`` beside an output counts as abandoned.
STALE_TEMP_SECONDS = 600

#: The random part :func:`tempfile.mkstemp` puts into a name.
_RANDOM = re.compile(r"[a-z0-9_]{8}")


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files that :func:`atomic_open` makes for ``path``."""
    return f".{Path(path).name}."


def is_temp_for(name: str, path: Path) -> bool:
    """True if the file ``name`` is one of :func:`atomic_open`'s temporary files for ``path``."""
    prefix = temp_prefix(path)
    middle = name[len(prefix) : -len(".tmp")]
    return name.startswith(prefix) and name.endswith(".tmp") and bool(_RANDOM.fullmatch(middle))


def remove_stale_temps(path: Path, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove temporary files for ``path`` left by a killed run; return those removed."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_temp_for(entry.name, path):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass  # gone already, or not ours to remove: leave it
    return removed


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: the same path once resolved (symlinks, ``..``,
    ``./`` and other spellings), or, when both exist, the same file on disk (a hard link, or
    another spelling on a case-insensitive file system)."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
    except (OSError, RuntimeError):  # a symlink loop: fall back to the files themselves
        pass
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_not_input(out: Path, inputs: Iterable[Path | str | None], message: str) -> None:
    """Refuse ``out`` when it is one of ``inputs`` (``None`` and ``-``, standard input, are
    skipped), with ``--force`` or without: checked before :func:`check_writable`."""
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        if same_file(Path(out), Path(source)):
            raise OutputError(message, path=str(out))


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


def _final_mode(path: Path) -> int:
    """The mode the output should have: the replaced file's, else what the umask allows
    (``mkstemp`` creates 0600, which colleagues on a shared folder could not open)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_open(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """Open a temporary file beside ``path``; on success fsync and rename it into place.

    On any exception the temporary file is removed and ``path`` is left as it was.
    """
    path = Path(path)
    check_writable(path, force=force)
    remove_stale_temps(path)
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent or ".")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and not force:  # appeared while we were writing
            raise OutputError("文件已存在，未覆盖；如需覆盖请加 --force", path=str(path))
        os.chmod(tmp, _final_mode(path))
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
