"""The loader: ``template.md.j2`` and whatever it includes, imports or extends, read from the
template folders only: inside the folder after following symlinks, a regular file, UTF-8, at
most ``MAX_TEMPLATE_BYTES``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from drafting.drafts.data import printable
from drafting.errors import DraftingError
from drafting.limits import (
    MAX_TEMPLATE_BYTES,
)


class TemplateRefused(jinja2.TemplateNotFound):
    """A template file the loader will not read (outside its folder, not a regular file …)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, f"模板文件“{printable(name)}”{reason}")
        self.reason = reason


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def confined(root: str | Path, name: str) -> str | None:
    """The real path of template file ``name`` (``/``-separated) under the template folder
    ``root``, symlinks followed; ``None`` when there is nothing there (or a folder). Refuses
    (:class:`TemplateRefused`) a name that resolves outside ``root``."""
    pieces = split_template_path(name)
    candidate = os.path.join(os.fspath(root), *pieces)
    if not pieces or not os.path.lexists(candidate):
        return None
    real = os.path.realpath(candidate)
    if not _inside(real, os.path.realpath(root)):
        raise TemplateRefused(name, "经符号链接指向模板文件夹以外，不予读取")
    return None if os.path.isdir(real) else real


def read_confined(name: str, real: str) -> tuple[str, float]:
    """The text of template file ``name`` at ``real`` (from :func:`confined`) and its time:
    read through the input gate (:mod:`drafting.inputs`: a regular file, a FIFO never waited
    on, at most ``MAX_TEMPLATE_BYTES``), UTF-8."""
    from drafting.inputs import read_file

    try:
        data = read_file(real, MAX_TEMPLATE_BYTES, what="")
        mtime = os.stat(real).st_mtime
    except (DraftingError, OSError) as exc:
        reason = exc.args[0] if isinstance(exc, DraftingError) else f"无法读取（{exc.strerror}）"
        raise TemplateRefused(name, reason) from None
    try:
        return data.decode("utf-8-sig"), mtime
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateRefused(name, f"第 {line} 行不是 UTF-8 编码；请另存为 UTF-8") from None


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from ``roots`` in order, each name read by :func:`confined` and
    :func:`read_confined`: inside the root it is found in (symlinks followed), a regular UTF-8
    file of at most ``MAX_TEMPLATE_BYTES``, or refused with :class:`TemplateRefused`. Names
    with ``..`` are not found (Jinja's own rule)."""

    def __init__(self, roots: Iterable[str | Path]) -> None:
        self.roots = [os.fspath(root) for root in roots]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for root in self.roots:
            real = confined(root, template)
            if real is None:
                continue
            text, mtime = read_confined(template, real)

            def uptodate(real: str = real, mtime: float = mtime) -> bool:
                try:
                    return os.stat(real).st_mtime == mtime
                except OSError:
                    return False

            shown = os.path.normpath(os.path.join(root, *split_template_path(template)))
            return text, shown, uptodate
        raise jinja2.TemplateNotFound(template)
