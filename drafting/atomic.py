"""Writing files so that the user never loses work: no overwrite without force, atomic rename.

Only regular files are written: an output path that is a folder, a symlink, a FIFO, a socket or
a device is refused, ``--force`` or not (replacing the node would break a link or a pipe, and
writing through it would change a file the user did not name). A file name longer than the file
system allows is refused before anything is made; a write that fails (disk full, file too
large, no permission, read-only file system) is one Chinese line and leaves nothing behind.

A temporary file is named ``.<name>.<random>.tmp`` beside its target. A process killed
outright (SIGKILL, power cut) cannot remove its own; the next write of the same name removes
such leftovers once they are older than :data:`STALE_TEMP_SECONDS` (a live write touches its
temporary file far more often than that), so a rerun of the same command cleans up after the
killed one and never deletes another process's file in progress.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from drafting.errors import OutputError, os_reason
from drafting.inputs import special_kind
from drafting.limits import MAX_OUTPUT_NAME_BYTES

#: Age after which a leftover ``.<name>.*.tmp`` beside an output counts as abandoned.
STALE_TEMP_SECONDS = 600

#: The random part :func:`tempfile.mkstemp` puts into a name.
_RANDOM = re.compile(r"[a-z0-9_]{8}")


#: What :func:`tempfile.mkstemp` adds to a prefix: eight random characters and ``.tmp``.
_TEMP_EXTRA = 8 + len(".tmp")


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files that :func:`atomic_open` makes for ``path``: the
    name between dots, cut (at a character boundary) so the temporary name stays within
    :data:`~drafting.limits.MAX_OUTPUT_NAME_BYTES`."""
    name = Path(path).name
    room = MAX_OUTPUT_NAME_BYTES - len("..") - _TEMP_EXTRA
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) > room:
        name = encoded[:room].decode("utf-8", "ignore")
    return f".{name}."


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


def check_not_in_folder(out: Path, folder: Path | None, message: str) -> None:
    """Refuse ``out`` when it is an existing file inside ``folder`` (a template's folder, whose
    every file may be read), ``--force`` or not."""
    if folder is None or not os.path.lexists(out):
        return
    try:
        inside = Path(out).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):
        inside = False
    if inside:
        raise OutputError(message, path=str(out))


def name_limit(folder: Path) -> int:
    """The longest file name, in bytes, that ``folder``'s file system takes (``NAME_MAX``)."""
    pathconf = getattr(os, "pathconf", None)  # POSIX only
    try:
        limit = pathconf(folder, "PC_NAME_MAX") if pathconf else None
    except (OSError, ValueError):  # a folder that does not exist, a name the system lacks
        return MAX_OUTPUT_NAME_BYTES
    return limit if isinstance(limit, int) and limit > 0 else MAX_OUTPUT_NAME_BYTES


def _check_node(path: Path, *, force: bool) -> None:
    """Refuse an existing ``path`` that is not a regular file, or any existing one without
    ``force``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"无法写入输出文件（{os_reason(exc)}）", path=str(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError("输出路径是一个文件夹，请给出文件名", path=str(path))
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            "输出路径是符号链接；为免改动链接或它指向的文件，不写入（加 --force 也不写），"
            "请给出普通文件的路径",
            path=str(path),
        )
    kind = special_kind(info.st_mode)
    if kind:
        raise OutputError(f"输出路径{kind}；只写入普通文件（加 --force 也不写）", path=str(path))
    if not force:
        raise OutputError("文件已存在，未覆盖；如需覆盖请加 --force", path=str(path))


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse to replace an existing file unless ``force``; refuse, ``force`` or not, a folder,
    a symlink, a FIFO, a socket or a device, a name too long, a missing or read-only parent."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    size, limit = len(path.name.encode("utf-8", "surrogateescape")), name_limit(parent)
    if size > limit:
        raise OutputError(
            f"输出文件名过长（{size} 字节，文件系统上限 {limit} 字节）；请用短一些的文件名",
            path=str(path),
        )
    _check_node(path, force=force)
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
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=temp_prefix(path), suffix=".tmp", dir=path.parent or "."
        )
    except OSError as exc:
        raise OutputError(
            f"无法在输出文件夹里创建文件（{os_reason(exc)}）", path=str(path.parent or ".")
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _check_node(path, force=force)  # appeared, or was swapped, while we were writing
        os.chmod(tmp, _final_mode(path))
        os.replace(tmp, path)
    except OSError as exc:  # disk full, file too large, no permission, read-only …
        tmp.unlink(missing_ok=True)
        raise OutputError(
            f"写入失败（{os_reason(exc)}）；没有留下半截文件", path=str(path)
        ) from None
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
