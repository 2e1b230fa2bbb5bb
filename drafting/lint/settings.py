"""One linter factory: command-line flags plus config files → :class:`Settings` → a linter.

``drafting lint`` (:func:`drafting.lint.api.lint_paths`), ``lint_text``, ``--fix`` and
``--diff`` (:mod:`drafting.review.fix`) and ``render --lint`` / ``batch --lint``
(:mod:`drafting.compose`) all build their linters here, so the same flags and the same config
give the same findings everywhere:

* the config is the one given (``--config``: a path or a loaded :class:`LintConfig`), else the
  nearest ``drafting.toml`` / ``pyproject.toml`` above the file's folder as named (a symlink's
  own folder, not its target's); :class:`Configs` reads each folder's once;
* flags win over the config (:meth:`Settings.merge`); a flag not given is ``None``. ``--genre
  auto`` is given: it asks for the genre to be read from each document even when the config
  names one;
* ``--select`` / ``--ignore`` codes are checked against the catalogue
  (:func:`~drafting.lint.config.expand_codes`) when the settings are made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from drafting.lint.config import LintConfig, expand_codes, find_config, load_config
from drafting.lint.engine import FileResult, Settings, lint_source
from drafting.lint.rule import Severity
from drafting.sources import read_source

#: A linter: the name of a file and its bytes (``None``: read the file) → its findings.
Linter = Callable[[str, bytes | None], FileResult]

__all__ = ["Configs", "Linter", "Settings", "load", "make_linter", "make_settings", "use"]


def load(config: LintConfig | str | Path | None) -> LintConfig | None:
    """The config given: loaded from its path, or as it is (``None``: none given)."""
    if config is None or isinstance(config, LintConfig):
        return config
    return load_config(Path(config))


class Configs:
    """The config in force for each file: the one given, else the nearest above the file's
    folder (each folder's looked up and read once)."""

    def __init__(self, explicit: LintConfig | str | Path | None = None) -> None:
        self.explicit = load(explicit)
        self._found: dict[Path, LintConfig | None] = {}

    def for_folder(self, folder: Path) -> LintConfig | None:
        """The config for the files of ``folder``."""
        if self.explicit is not None:
            return self.explicit
        folder = folder.resolve()
        if folder not in self._found:
            location = find_config(folder)
            self._found[folder] = load_config(location) if location else None
        return self._found[folder]

    def for_path(self, path: Path) -> LintConfig | None:
        """The config for ``path`` (a file, or a folder to be walked)."""
        return self.for_folder(path if path.is_dir() else path.parent)


def make_settings(
    config: LintConfig | None,
    *,
    genre: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    fail_on: Severity | str | None = None,
) -> Settings:
    """The settings of ``config`` with the flags over it (``None``: the flag was not given)."""
    return Settings.merge(
        config,
        genre=genre,
        select=expand_codes(select, key="--select") if select is not None else None,
        ignore=expand_codes(ignore, key="--ignore") if ignore is not None else None,
        fail_on=fail_on,
    )


def use(settings: Settings) -> Linter:
    """A linter running ``settings`` on the file it is given."""

    def lint(name: str, data: bytes | None = None) -> FileResult:
        return lint_source(read_source(name, data), settings)

    return lint


def make_linter(
    path: Path | str,
    *,
    genre: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    fail_on: Severity | str | None = None,
    config: LintConfig | str | Path | None = None,
) -> Linter:
    """A linter for the file ``path`` as ``drafting lint`` would lint it: the same flags, the
    same config (the one given, or the nearest one above ``path``)."""
    conf = Configs(config).for_path(Path(path))
    flags = {"genre": genre, "select": select, "ignore": ignore, "fail_on": fail_on}
    return use(make_settings(conf, **flags))
