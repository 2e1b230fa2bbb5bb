"""Where the 发文登记簿 lives: a SQLite file (the default) or a PostgreSQL database.

The place comes from ``--db PATH|URL``, else the environment variable ``DRAFTING_DB``, else
``register.sqlite3`` in the user's data folder (``platformdirs.user_data_dir``: on Linux
``~/.local/share/drafting``). A value with ``://`` is a database URL (``sqlite:///…``,
``postgresql://user:password@host/db``); anything else is the path of a SQLite file.

A URL's password is never shown: every message names the place through :meth:`Location.shown`.
Nothing here imports SQLAlchemy at module level (the CLI stays fast); :func:`resolve` does,
to parse a URL.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from drafting.errors import DraftingError

#: The environment variable that names the register when ``--db`` is not given.
ENV_VAR = "DRAFTING_DB"
#: The file name of the default register, in the user's data folder.
DEFAULT_NAME = "register.sqlite3"

_SCHEMES = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "postgresql+psycopg": "postgresql",
}
_USERINFO_PASSWORD = re.compile(r"(://[^/@\s:]*:)[^/@\s]*@")
_QUERY_PASSWORD = re.compile(r"((?:^|[?&\s])password=)[^&\s]*", re.IGNORECASE)


class RegisterError(DraftingError):
    """The register cannot be reached, read or written: locked, read-only, unreachable, …"""


def mask(text: str) -> str:
    """``text`` with any password in it (``user:secret@``, ``password=secret``) as ``***``."""
    return _QUERY_PASSWORD.sub(r"\1***", _USERINFO_PASSWORD.sub(r"\1***@", text))


@dataclass(frozen=True)
class Location:
    """A register's place: ``kind`` is ``sqlite`` or ``postgresql``; ``url`` the SQLAlchemy
    URL (with the password, for connecting only); ``path`` the SQLite file when there is one."""

    kind: str
    url: str
    path: Path | None = None
    default: bool = False
    given: str = ""
    """The URL as the user wrote it (shown masked)."""

    def shown(self) -> str:
        """The place as messages show it: the file's path, or the URL with its password masked."""
        if self.path is not None:
            return str(self.path)
        return mask(self.given or self.url)

    def exists(self) -> bool:
        """False only for a SQLite file that is not there yet (a server is assumed to be)."""
        return self.path is None or self.path.exists()


def default_path() -> Path:
    """``register.sqlite3`` in the user's data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("drafting", appauthor=False)) / DEFAULT_NAME


def resolve(db: str | None = None) -> Location:
    """The register named by ``db`` (``--db``), ``DRAFTING_DB`` or the default file."""
    if db is not None and db.strip():
        return _parse(db.strip(), "--db")
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return _parse(env, f"环境变量 {ENV_VAR}")
    path = default_path()
    return Location("sqlite", _sqlite_url(path), path, default=True)


def _parse(text: str, origin: str) -> Location:
    if "://" in text:
        return _from_url(text, origin)
    return _from_path(Path(text).expanduser(), origin)


def _sqlite_url(path: Path) -> str:
    from sqlalchemy.engine import URL

    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def _from_path(path: Path, origin: str) -> Location:
    path = path.absolute()
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        from drafting.errors import os_reason

        raise RegisterError(f"无法使用登记簿文件（{os_reason(exc)}）", path=str(path)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise RegisterError(
            f"{origin} 指向的是文件夹；请给出登记簿文件的路径，如 {path / DEFAULT_NAME}",
            path=str(path),
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise RegisterError("登记簿路径不是普通文件（管道、设备等），不使用", path=str(path))
    return Location("sqlite", _sqlite_url(path), path)


def _from_url(text: str, origin: str) -> Location:
    from sqlalchemy.engine import make_url

    shown = mask(text)
    try:
        url = make_url(text)
    except Exception:  # ArgumentError, ValueError for a bad port …
        raise RegisterError(
            f"{origin} 的数据库地址“{shown}”无法解析；应为 SQLite 文件路径、sqlite:///路径，"
            "或 postgresql://用户:密码@主机:端口/数据库"
        ) from None
    kind = _SCHEMES.get(url.drivername)
    if kind is None:
        raise RegisterError(
            f"{origin} 的数据库地址“{shown}”不受支持：登记簿只用 SQLite 或 PostgreSQL"
            "（sqlite:///路径、postgresql://…）"
        )
    if kind == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or "mode=memory" in str(url.query):
            raise RegisterError(f"{origin} 指向内存数据库“{shown}”，不能保存登记；请给出文件路径")
        if url.query.get("uri") in ("true", "1"):  # ``file:…?mode=ro``: passed to SQLite as is
            return Location("sqlite", url.render_as_string(hide_password=False), given=text)
        return _from_path(Path(database).expanduser(), origin)
    if not url.database:
        raise RegisterError(f"{origin} 的数据库地址“{shown}”没有写数据库名（…/数据库名）")
    url = url.set(drivername="postgresql+psycopg")
    return Location("postgresql", url.render_as_string(hide_password=False), given=text)
