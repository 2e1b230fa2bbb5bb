"""Writing ``--fix``'s result back into the user's file so that nothing is lost.

* **A symlink is kept**: the file it points to is fixed (its backup made beside it), the link
  stays a link.
* **The file must not have changed since it was read.** The lint runs for seconds; a user who
  saves an edit meanwhile must find that edit afterwards. The file's device, inode, size,
  ``mtime_ns`` and a SHA-256 of its content are taken when it is read and compared twice:
  before the backup is made, and right before the new content replaces the old (after the new
  content is written and flushed, so only a rename or a write of a few bytes remains). Any
  difference refuses the fix with :class:`FileChangedError`: the file keeps the user's edit,
  and a backup made in this run (which would hold the stale text) is removed. A save landing
  in the microseconds between the last check and the rename cannot be excluded without locks
  that editors do not take.
* **A file with one name is replaced atomically** (:func:`drafting.atomic.atomic_open`: a
  temporary file beside it, flushed, renamed over it, the mode kept); an interruption leaves
  the old file or the new one, never half of one.
* **A file with several names (hard links) is written in place**, because a rename would give
  the fixed text to this name only and leave the other names with the old text. The trade-off:
  an in-place write is not atomic (a crash mid-write leaves a mix of old and new bytes), so it
  is made safe another way: the backup is written and flushed first (with ``--no-backup`` too,
  removed only once the new content is on disk); growth is reserved with ``posix_fallocate``
  before the first byte is overwritten, so a full disk fails before anything changes; and a
  write that fails midway is undone by writing the old bytes back. Readers of the other names
  may briefly see a mix during the write, as with any in-place save.

Write failures (a full disk, no permission, a read-only folder) are :class:`OutputError` with
a Chinese line, and leave the file as it was.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from drafting.atomic import atomic_open, write_bytes
from drafting.errors import DraftingError, OutputError, os_reason
from drafting.sources import read_bytes

CHANGED = "文件在审校期间被改动过，未写入修复（改动保留在文件中）；请再运行一次 --fix"


class FileChangedError(OutputError):
    """The file changed between being read and being written: nothing was written."""


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: enough to tell whether it has changed since."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: bytes

    @classmethod
    def of(cls, status: os.stat_result, data: bytes) -> Snapshot:
        return cls(
            status.st_dev,
            status.st_ino,
            status.st_size,
            status.st_mtime_ns,
            hashlib.sha256(data).digest(),
        )

    def matches(self, status: os.stat_result, data: bytes) -> bool:
        return self == Snapshot.of(status, data)


def read_with_snapshot(path: Path) -> tuple[bytes, Snapshot]:
    """The bytes of ``path`` (through the input gate) and its :class:`Snapshot`. The state is
    taken before the read, so a change during the read shows as a change later."""
    try:
        status = os.stat(path)
    except OSError:
        status = None
    data = read_bytes(path)  # raises the Chinese InputError for a missing or unreadable file
    if status is None:  # appeared between the two calls: take it as read
        status = os.stat(path)
    return data, Snapshot.of(status, data)


def rewrite(
    path: Path, original: bytes, snapshot: Snapshot, new: bytes, *, backup: bool
) -> Path | None:
    """Replace the content of ``path`` (``original`` when read, as ``snapshot`` says) with
    ``new``; return the backup kept (``None`` with ``backup=False``).

    Raises :class:`FileChangedError` when the file changed since it was read and
    :class:`OutputError` when it cannot be written; in both cases the file is as it was and no
    backup of this run is left.
    """
    # a symlink: fix the file it points to and keep the link (the name as given otherwise)
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    shown = str(path)
    status = _check(target, snapshot, shown)
    in_place = status.st_nlink > 1
    saved = _make_backup(target, original, status, shown) if backup or in_place else None
    try:
        if in_place:
            _write_in_place(target, snapshot, original, new, shown)
        else:
            _replace(target, snapshot, new, shown)
    except _Undone as exc:  # an in-place write failed and could not be undone: keep the copy
        raise OutputError(
            f"{exc.reason}；写入中断，原文保存在备份 {saved} 中", path=shown
        ) from None
    except BaseException:
        if saved is not None:
            saved.unlink(missing_ok=True)
        raise
    if saved is not None and not backup:
        saved.unlink(missing_ok=True)
        return None
    return saved


# -- checks ----------------------------------------------------------------------------------


def _check(target: Path, snapshot: Snapshot, shown: str) -> os.stat_result:
    """The file's status now; :class:`FileChangedError` unless it is still as read."""
    try:
        status = os.stat(target)
        data = read_bytes(target)
    except (OSError, DraftingError):
        raise FileChangedError(CHANGED, path=shown) from None
    if not snapshot.matches(status, data):
        raise FileChangedError(CHANGED, path=shown)
    return status


def _check_open(handle: BinaryIO, snapshot: Snapshot, shown: str) -> None:
    """As :func:`_check`, through an open file (the one about to be written in place)."""
    fd = handle.fileno()
    status = os.fstat(fd)
    if status.st_size != snapshot.size:
        raise FileChangedError(CHANGED, path=shown)
    handle.seek(0)
    data = handle.read(snapshot.size + 1)
    if not snapshot.matches(status, data):
        raise FileChangedError(CHANGED, path=shown)


# -- writing ---------------------------------------------------------------------------------


class _Undone(Exception):
    """An in-place write failed midway and the old bytes could not be written back."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _reason(exc: OSError) -> str:
    return os_reason(exc)


def _make_backup(target: Path, original: bytes, status: os.stat_result, shown: str) -> Path:
    """``FILE.bak`` (or the first free ``FILE.bak.N``) beside ``target``, with its mode."""
    saved = backup_path(target)
    try:
        write_bytes(saved, original)
        os.chmod(saved, stat.S_IMODE(status.st_mode))
    except OSError as exc:
        saved.unlink(missing_ok=True)
        raise OutputError(f"无法写入备份 {saved}：{_reason(exc)}；文件未改动", path=shown) from None
    return saved


def backup_path(path: Path) -> Path:
    """The first free name of ``FILE.bak``, ``FILE.bak.1``, ``FILE.bak.2`` …"""
    candidate = path.with_name(path.name + ".bak")
    n = 0
    while os.path.lexists(candidate):
        n += 1
        candidate = path.with_name(f"{path.name}.bak.{n}")
    return candidate


def _replace(target: Path, snapshot: Snapshot, new: bytes, shown: str) -> None:
    """Write ``new`` to a temporary file beside ``target``, check, rename it into place."""
    try:
        with atomic_open(target, force=True) as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
            _check(target, snapshot, shown)  # the last moment before the rename
    except OSError as exc:
        raise OutputError(f"{_reason(exc)}，未写入修复；文件未改动", path=shown) from None


def _write_in_place(
    target: Path, snapshot: Snapshot, original: bytes, new: bytes, shown: str
) -> None:
    """Overwrite ``target``'s own bytes with ``new`` (its inode, and so every hard link, kept)."""
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        raise OutputError(f"{_reason(exc)}，未写入修复；文件未改动", path=shown) from None
    with os.fdopen(fd, "r+b") as handle:
        _check_open(handle, snapshot, shown)
        try:
            _reserve(fd, len(original), len(new))
        except OSError as exc:
            os.ftruncate(fd, len(original))
            raise OutputError(f"{_reason(exc)}，未写入修复；文件未改动", path=shown) from None
        try:
            _overwrite(handle, new)
        except OSError as exc:
            try:
                _overwrite(handle, original)
            except OSError:
                raise _Undone(_reason(exc)) from None
            raise OutputError(f"{_reason(exc)}，未写入修复；文件未改动", path=shown) from None


def _reserve(fd: int, old_size: int, new_size: int) -> None:
    """Allocate the blocks a longer content needs before anything is overwritten."""
    if new_size <= old_size or not hasattr(os, "posix_fallocate"):
        return
    try:
        os.posix_fallocate(fd, old_size, new_size - old_size)
    except OSError as exc:
        if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
            raise


def _overwrite(handle: BinaryIO, data: bytes) -> None:
    """Make the open file hold exactly ``data``, on disk."""
    handle.seek(0)
    handle.write(data)
    handle.truncate(len(data))
    handle.flush()
    os.fsync(handle.fileno())
