"""The errors a user can cause, each carrying its exit code and a one-line Chinese message."""

from __future__ import annotations


class DraftingError(Exception):
    """A user-facing error: printed as one Chinese line, exit code 2 unless stated."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        super().__init__(message)

    def __str__(self) -> str:
        message = super().__str__()
        if self.path and self.line:
            return f"{self.path}:{self.line}: {message}"
        if self.path:
            return f"{self.path}: {message}"
        return message


class DataError(DraftingError):
    """Malformed or invalid data (YAML/JSON/TOML, a field that is missing or ill-typed)."""


class TemplateError(DraftingError):
    """Unknown template, a template with a syntax error, or one that fails in rendering."""


class InputError(DraftingError):
    """An input file that cannot be read: encoding, corrupt .docx, too large, empty."""


class OutputError(DraftingError):
    """An output that would overwrite a file without --force, or cannot be written."""


class ConfigError(DraftingError):
    """Bad linter configuration: unknown rule code, bad option, unreadable config file."""


#: What the system's errors mean, in Chinese (``strerror`` is English, or the locale's).
_OS_REASONS = {
    "ENOENT": "不存在",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EISDIR": "是一个文件夹",
    "ENOTDIR": "路径中的某一段不是文件夹",
    "ELOOP": "符号链接绕成了环",
    "ENAMETOOLONG": "路径或文件名过长",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出了磁盘配额",
    "EFBIG": "文件超过了系统允许的大小（可能受 ulimit -f 限制）",
    "EROFS": "所在的文件系统是只读的",
    "EIO": "读写设备出错（I/O 错误）",
    "EBUSY": "文件正被占用",
    "ETXTBSY": "文件正被占用",
    "EMFILE": "打开的文件过多",
    "ENFILE": "打开的文件过多",
    "EXDEV": "不能跨文件系统改名",
}


def os_reason(exc: OSError) -> str:
    """What an :class:`OSError` means, said in Chinese (the system's own text as a fallback)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name) or f"系统错误：{exc.strerror or exc}"
