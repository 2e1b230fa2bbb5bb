"""The linter from Python: lint a string, or files and folders.

Settings come from the one factory, :mod:`drafting.lint.settings` (flags over the config).

>>> from drafting.lint.api import lint_text
>>> result = lint_text("请于11月5日前报送材料,逾期不再受理。", select=["N301"])
>>> [(f.code, f.line, f.column, f.fix) for f in result.findings]
[('N301', 1, 13, '，')]
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from drafting.errors import ConfigError, DraftingError, InputError
from drafting.inputs import read_stdin
from drafting.lint.config import LintConfig
from drafting.lint.engine import FileError, FileResult, LintResult, Settings, lint_source
from drafting.lint.rule import Severity
from drafting.lint.settings import Configs, load, make_settings, use
from drafting.sources import MAX_TEXT_BYTES, SUFFIXES, read_source, read_string

__all__ = [
    "FileError",
    "FileResult",
    "LintResult",
    "collect_files",
    "folder_files",
    "lint_paths",
    "lint_text",
]

STDIN = "-"
SKIPPED_FOLDERS = frozenset({".venv", "venv", "node_modules", "__pycache__", "site-packages"})


def lint_text(
    text: str,
    *,
    genre: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: LintConfig | str | Path | None = None,
    path: str = "<text>",
    markdown: bool = False,
) -> LintResult:
    """Lint a string (plain text, or Markdown with ``markdown=True``). ``genre`` ``None``: the
    config's genre, else read from the text (``auto``, which may also be asked for)."""
    settings = make_settings(load(config), genre=genre, select=select, ignore=ignore)
    return lint_source(read_string(text, path, markdown=markdown), settings)


def _excluded(path: Path, root: Path, patterns: Iterable[str]) -> bool:
    """Whether ``path`` matches a glob: against its path relative to ``root``, its name, or
    (for a pattern without ``/``) any of its folders; ``dir/`` and ``/anchored`` as in git."""
    parts = path.relative_to(root).parts if path.is_relative_to(root) else (path.name,)
    relative = "/".join(parts)
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for raw in patterns:
        pattern = raw.strip().rstrip("/")
        if not pattern:
            continue
        if pattern.startswith("/") or "/" in pattern:
            pattern = pattern.lstrip("/")
            if any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes):
                return True
        elif any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
        if fnmatch.fnmatch(relative, pattern):
            return True
    return False


def gitignore_patterns(folder: Path) -> list[str]:
    """Patterns of ``folder/.gitignore`` (comments, blanks and ``!`` negations left out)."""
    from drafting.inputs import read_file
    from drafting.limits import MAX_DATA_BYTES

    try:
        text = read_file(folder / ".gitignore", MAX_DATA_BYTES).decode("utf-8-sig")
    except (DraftingError, UnicodeDecodeError):
        return []
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith(("#", "!"))]


def _walk(folder: Path) -> Iterator[Path]:
    """Every non-folder entry under ``folder``, iteratively (a tree thousands of levels deep is
    walked like a flat one); hidden folders, :data:`SKIPPED_FOLDERS` and symlinked folders (a
    link can point back up the tree) are not entered, unreadable folders are passed over."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as scan:
                entries = list(scan)
        except OSError:
            continue
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if not is_folder:
                yield current / entry.name
            elif not (entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS):
                stack.append(current / entry.name)


def collect_files(folder: Path, exclude: Iterable[str] = ()) -> Iterator[Path]:
    """The .txt/.md/.docx files under ``folder``, sorted; hidden folders, virtual environments,
    ``node_modules``, Word lock files (``~$…``), the folder's ``.gitignore`` patterns and the
    ``exclude`` globs are skipped. A symlink to a file is taken, a symlinked folder is not
    entered; anything but a regular file (a FIFO, a device) is left out."""
    patterns = (*exclude, *gitignore_patterns(folder))
    candidates = [
        path
        for path in _walk(folder)
        if not path.name.startswith((".", "~$")) and path.suffix.lower() in SUFFIXES
    ]
    for path in sorted(candidates):
        if path.is_file() and not _excluded(path, folder, patterns):
            yield path


def folder_files(folder: Path, config: LintConfig | str | Path | None = None) -> list[Path]:
    """The files :func:`lint_paths` reads for ``folder``: :func:`collect_files` with the
    ``exclude`` of ``config``, or of the nearest config file above ``folder``."""
    conf = Configs(config).for_folder(Path(folder))
    return list(collect_files(Path(folder), conf.exclude if conf else ()))


def lint_paths(
    paths: Iterable[str | Path],
    *,
    genre: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    fail_on: Severity | str | None = None,
    config: LintConfig | str | Path | None = None,
    stdin: bytes | None = None,
    render: bool = False,
) -> list[FileResult | FileError]:
    """Lint files, folders (recursed) and ``-`` (stdin). An unreadable input becomes a
    :class:`FileError` and the rest are still linted. Without ``config``, each file uses the
    nearest ``drafting.toml`` / ``pyproject.toml`` above it. ``render``: the layout rules of
    a .docx (L5xx) measure on LibreOffice's pages too."""
    configs = Configs(config)
    config_for = configs.for_path

    def one(name: str, data: bytes | None, conf: LintConfig | None) -> FileResult | FileError:
        return _lint_one(name, data, conf, genre, select, ignore, fail_on, render=render)

    results: list[FileResult | FileError] = []
    for raw in paths:
        if str(raw) == STDIN:
            try:  # at most one byte past the limit: never the whole of a huge pipe
                data = stdin if stdin is not None else read_stdin(MAX_TEXT_BYTES)
            except InputError as exc:
                results.append(FileError("<stdin>", str(exc.args[0])))
                continue
            results.append(one("<stdin>", data, config_for(Path.cwd())))
            continue
        path = Path(raw)
        if path.is_dir():
            conf = config_for(path)
            files = list(collect_files(path, conf.exclude if conf else ()))
            if not files:
                results.append(FileError(str(path), "文件夹里没有 .txt、.md 或 .docx 文件"))
            for file in files:
                results.append(one(str(file), None, config_for(file)))
        else:
            results.append(one(str(path), None, config_for(path)))
    return results


def _lint_one(
    name: str,
    data: bytes | None,
    config: LintConfig | None,
    genre: str | None,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    fail_on: Severity | str | None,
    render: bool = False,
) -> FileResult | FileError:
    """One input linted, or a :class:`FileError` when it cannot be read or parsed (a corrupt
    .docx, a front matter nested thousands deep): one line for it, and the run goes on. A
    :class:`ConfigError` (a bad word list named by the config) concerns every file: raised."""
    flags = {"genre": genre, "select": select, "ignore": ignore, "fail_on": fail_on}
    try:
        settings = make_settings(config, **flags)
        return use(rendering(settings) if render else settings)(name, data)
    except ConfigError:
        raise
    except DraftingError as exc:
        return FileError(name, file_problem(exc))
    except RecursionError:
        return FileError(name, "结构嵌套过深，无法解析；请检查文件内容")


def rendering(settings: Settings) -> Settings:
    """``settings`` with the layout rules (L5xx) measuring on LibreOffice's pages too."""
    from drafting.lint.rule import all_rules

    options = {code: dict(values) for code, values in settings.rule_options.items()}
    for code, rule in all_rules().items():
        if getattr(rule, "needs_docx", False):
            options.setdefault(code, {})["render"] = True
    return dataclasses.replace(settings, rule_options=options)


def file_problem(exc: DraftingError) -> str:
    """The message of ``exc`` for a :class:`FileError` (whose path is shown before it): without
    the path, with the line when the error has one."""
    message = str(exc.args[0]) if exc.args else str(exc)
    return f"第 {exc.line} 行：{message}" if exc.line else message


def show_parts(
    paths: Iterable[str | Path],
    *,
    genre: str | None = None,
    config: LintConfig | str | Path | None = None,
    stdin: bytes | None = None,
) -> tuple[list[str], int]:
    """The parts view (:mod:`drafting.lint.report.parts`) of each input, and the exit code:
    0, or 2 when an input could not be read (its one-line error is in the list instead)."""
    from drafting.lint.report.parts import parts_view
    from drafting.terminal import visible

    settings = make_settings(load(config), genre=genre)
    views: list[str] = []
    code = 0
    for raw in paths:
        if str(raw) == STDIN:
            names: list[tuple[str, bytes | None]] = [
                ("<stdin>", stdin if stdin is not None else read_stdin(MAX_TEXT_BYTES))
            ]
        elif Path(raw).is_dir():
            names = [(str(f), None) for f in collect_files(Path(raw))]
        else:
            names = [(str(raw), None)]
        for name, data in names:
            try:
                views.append(parts_view(read_source(name, data), settings))
            except DraftingError as exc:
                views.append(f"错误：{visible(str(exc))}")
                code = 2
    return views, code
