"""The one input gate: every file a user names is opened and read here.

* **Regular files only**, or standard input. A path is checked with ``stat`` (symlinks
  followed), then opened without blocking (``O_NONBLOCK``: a FIFO opens at once instead of
  waiting for a writer), without becoming a controlling terminal and closed on exec; the open
  descriptor is checked again with ``fstat``. A folder, FIFO, socket or device (``/dev/zero``),
  named directly or through a symlink, is refused before a byte is read.
* **Limits that hold**: at most ``limit + 1`` bytes are ever read, whatever ``st_size`` says (it
  is 0 for ``/dev/zero``, a FIFO and files under ``/proc``); one byte past the limit refuses.
  Standard input is read the same way, and a closed one is a Chinese line too.
* **Confinement**: a path named *inside* a draft or data file (``attachments[].file``,
  ``seal``) is resolved against the folder of that file, symlinks followed, and read only when
  it lies in that folder or in a folder the user allowed explicitly (``--allow-dir``).

Every refusal is one Chinese line (a :class:`~drafting.errors.DraftingError` of the caller's
class) that names the file, and for a confined path the file, line and field that named it.
The POSIX-only open flags are taken with ``getattr``, so the gate works on Windows too.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from drafting.errors import DraftingError, InputError, os_reason
from drafting.limits import too_large

__all__ = [
    "CHUNK",
    "allowed_folders",
    "confine",
    "read_confined",
    "read_file",
    "read_stdin",
    "read_text",
    "special_kind",
]

#: Bytes asked for per read once the expected size is exhausted.
CHUNK = 1024 * 1024

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)

#: Only regular files are read; the advice that follows each refusal of a special file.
_ONLY_REGULAR = "；只读取普通文件"
_FOLDER = "是一个文件夹，不是文件"
_SPECIAL = (
    (stat.S_ISDIR, _FOLDER),
    (stat.S_ISLNK, "是符号链接"),
    (stat.S_ISFIFO, "是命名管道（FIFO），不是普通文件"),
    (stat.S_ISSOCK, "是套接字，不是普通文件"),
    (stat.S_ISCHR, "是字符设备（如 /dev/zero），不是普通文件"),
    (stat.S_ISBLK, "是块设备，不是普通文件"),
)


class _Problem(Exception):
    """Why a file is not read, as a phrase that follows its name (``是一个文件夹，不是文件``)."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def special_kind(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file (``是命名管道（FIFO），不是普通
    文件``, ``是一个文件夹，不是文件``), or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, reason in _SPECIAL:
        if test(mode):
            return reason
    return "不是普通文件"


def _not_read(mode: int) -> str | None:
    """Why a file of ``mode`` is not read, with the advice, or ``None`` for a regular file."""
    kind = special_kind(mode)
    return kind if kind in (None, _FOLDER) else f"{kind}{_ONLY_REGULAR}"


def _os_problem(exc: OSError) -> _Problem:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _Problem("没有读取权限")
    if exc.errno == errno.EISDIR:
        return _Problem(_FOLDER)
    return _Problem(f"无法读取（{os_reason(exc)}）", missing=exc.errno == errno.ENOENT)


def _regular(path: Path, limit: int) -> os.stat_result:
    """``stat`` of ``path`` (symlinks followed) if it is a regular file not past ``limit``."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _os_problem(exc) from None
    except ValueError:  # a NUL byte in the name
        raise _Problem("的路径中含有空字符（NUL）") from None
    reason = _not_read(info.st_mode)
    if reason:
        raise _Problem(reason)
    if info.st_size > limit:  # a quick first refusal; the read below is bounded anyway
        raise _Problem(too_large("", limit, info.st_size))
    return info


def _read_bounded(fd: int, limit: int, expected: int) -> bytes:
    """At most ``limit + 1`` bytes of ``fd``: first what ``st_size`` promised, then chunks."""
    chunks: list[bytes] = []
    total = 0
    want = min(expected, limit) + 1
    while total <= limit:
        chunk = os.read(fd, min(want, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _read(path: Path, limit: int, *, no_follow: bool = False) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), or :class:`_Problem`."""
    info = _regular(path, limit)
    try:
        fd = os.open(path, _OPEN_FLAGS | (_NO_FOLLOW if no_follow else 0))
    except OSError as exc:
        if no_follow and exc.errno == errno.ELOOP:
            raise _Problem("在检查之后被换成了符号链接") from None
        raise _os_problem(exc) from None
    try:
        reason = _not_read(os.fstat(fd).st_mode)  # swapped between stat and open?
        if reason:
            raise _Problem(reason)
        data = _read_bounded(fd, limit, info.st_size)
    except OSError as exc:
        raise _os_problem(exc) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _Problem(too_large("", limit))
    return data


def read_file(
    path: str | Path,
    limit: int,
    *,
    what: str = "文件",
    error: type[DraftingError] = InputError,
    missing: str | None = None,
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    A missing file, a folder, a FIFO, a socket, a device, an unreadable file or one past
    ``limit`` raises ``error`` with one Chinese line that starts with ``what`` (``数据文件是
    命名管道（FIFO），不是普通文件；只读取普通文件``); ``missing`` replaces the line for a file
    that does not exist (default ``找不到{what}``).
    """
    try:
        return _read(Path(path), limit)
    except _Problem as problem:
        message = (missing or f"找不到{what}") if problem.missing else f"{what}{problem.reason}"
        raise error(message, path=str(path)) from None


def read_text(
    path: str | Path,
    limit: int,
    *,
    what: str = "文件",
    error: type[DraftingError] = InputError,
    missing: str | None = None,
    encoding: str = "utf-8-sig",
) -> str:
    """:func:`read_file` decoded as ``encoding`` (UTF-8, BOM optional); undecodable text is
    ``error`` too, with the line of the first bad byte."""
    data = read_file(path, limit, what=what, error=error, missing=missing)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"{what}不是 UTF-8 编码；请另存为 UTF-8", path=str(path), line=line) from None


def read_stdin(
    limit: int,
    *,
    what: str = "标准输入的内容",
    error: type[DraftingError] = InputError,
    stream: IO[Any] | None = None,
) -> bytes:
    """At most ``limit`` bytes of standard input (``stream``, default ``sys.stdin``).

    A closed standard input (``drafting lint - <&-``), one that cannot be read, or more than
    ``limit`` bytes raise ``error``; a huge pipe is never held whole (``limit + 1`` bytes at most).
    """
    source = sys.stdin if stream is None else stream
    if source is None:
        raise error(
            "标准输入已关闭，读不到内容；请用管道或重定向提供（如 < 文件），或给出文件路径",
            path="<stdin>",
        )
    reader = getattr(source, "buffer", source)
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= limit:
            chunk = reader.read(min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            if isinstance(chunk, str):
                chunk = chunk.encode("utf-8")
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise error(f"无法读取标准输入（{_os_problem(exc).reason}）", path="<stdin>") from None
    except ValueError:  # "I/O operation on closed file"
        raise error("标准输入已关闭，读不到内容；请给出文件路径", path="<stdin>") from None
    if total > limit:
        raise error(too_large(what, limit), path="<stdin>")
    return b"".join(chunks)


# --------------------------------------------------------------------------- confinement


def allowed_folders(folders: Iterable[str | Path]) -> tuple[Path, ...]:
    """The folders a user allowed with ``--allow-dir``, resolved; each must be an existing
    folder (a typo would otherwise allow nothing, silently)."""
    resolved: list[Path] = []
    for folder in folders:
        path = Path(folder)
        if not path.is_dir():
            problem = "不存在" if not os.path.lexists(path) else "不是文件夹"
            raise InputError(f"--allow-dir 给出的“{folder}”{problem}")
        resolved.append(_real(path))
    return tuple(resolved)


def _real(folder: Path) -> Path:
    try:
        return Path(folder).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(folder))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _confined(
    name: str,
    base_dir: Path,
    allowed: Iterable[Path],
    *,
    source: str,
    line: int | None,
    field: str,
) -> Path:
    """The real path of ``name`` (relative to ``base_dir``) if it lies in ``base_dir`` or one
    of ``allowed`` once symlinks are followed; else InputError naming field and reason."""
    base = _real(base_dir)
    folders = [base, *(_real(folder) for folder in allowed)]
    given = Path(name)
    subject = f"字段“{field}”的路径“{name}”"
    if "\x00" in name:
        raise InputError(f"{subject}含有空字符（NUL）", path=source, line=line)
    joined = base / given  # an absolute ``given`` replaces ``base``
    try:
        real = joined.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise InputError(f"{subject}中的符号链接绕成了环", path=source, line=line) from None
    if any(_inside(real, folder) for folder in folders):
        return real
    if given.is_absolute() or given.drive or given.root:
        reason = "是绝对路径"
    elif any(_inside(Path(os.path.normpath(joined)), folder) for folder in folders):
        reason = f"是指向 {real} 的符号链接"
    else:
        reason = "用 .. 跳出了所在的文件夹"
    where = f"文件夹“{base}”" + ("及 --allow-dir 允许的文件夹" if len(folders) > 1 else "")
    raise InputError(
        f"{subject}{reason}，不在{where}内；附件和印章只从这里读取，"
        "放在别处的请用 --allow-dir 明确允许其所在的文件夹",
        path=source,
        line=line,
    )


def confine(
    name: str,
    base_dir: Path,
    *,
    allowed: Iterable[Path] = (),
    limit: int,
    source: str,
    line: int | None,
    field: str,
    missing: str | None = None,
) -> Path:
    """The real path of ``name``, a path written in ``source`` at ``line`` for ``field``
    (``attachments[1].file``, ``seal``), resolved against ``base_dir`` after following symlinks.

    Accepted only inside ``base_dir`` or one of the ``allowed`` folders, and only for a regular
    file of at most ``limit`` bytes (by ``stat``; read it with :func:`read_file`, which bounds
    the read). Anything else — an absolute path or ``..`` leading out, a symlink pointing out,
    a folder, FIFO or device, a file too large — raises :class:`InputError` whose one Chinese
    line names ``source``, ``line``, ``field`` and the reason. ``missing`` is the line for a
    file that does not exist.
    """
    real = _confined(name, base_dir, allowed, source=source, line=line, field=field)
    try:
        _regular(real, limit)
    except _Problem as problem:
        raise _refusal(problem, name, field, source, line, missing) from None
    return real


def read_confined(
    name: str,
    base_dir: Path,
    *,
    allowed: Iterable[Path] = (),
    limit: int,
    source: str,
    line: int | None,
    field: str,
    missing: str | None = None,
) -> tuple[Path, bytes]:
    """:func:`confine` ``name`` and read it (at most ``limit`` bytes, the resolved path opened
    without following a symlink swapped in since): its real path and its bytes."""
    real = _confined(name, base_dir, allowed, source=source, line=line, field=field)
    try:
        return real, _read(real, limit, no_follow=True)
    except _Problem as problem:
        raise _refusal(problem, name, field, source, line, missing) from None


def _refusal(
    problem: _Problem, name: str, field: str, source: str, line: int | None, missing: str | None
) -> InputError:
    if problem.missing:
        message = missing or f"找不到字段“{field}”指向的文件“{name}”"
    else:
        message = f"字段“{field}”指向的文件“{name}”{problem.reason}"
    return InputError(message, path=source, line=line)
