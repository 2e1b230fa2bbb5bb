"""``--number`` for ``render`` and ``batch``: the options, and the note a failed render ends with.

``render --number auto`` reserves the next 发文字号 from the register, writes it into the
document and confirms it once the file is written (see :mod:`drafting.register.stamp`). When
the command fails after the reservation, its error line says which number is left reserved and
how to settle it. Nothing heavy is imported until a command runs with ``--number``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from drafting.errors import DraftingError
from drafting.terminal import visible

if TYPE_CHECKING:
    from drafting.register.stamp import Numbering

_KEY = "drafting.numbering"

NUMBER_OPTION = click.option(
    "--number",
    default=None,
    metavar="auto|文号",
    help="从发文登记簿取发文字号：auto 取下一个号（文件写成后确认）；或给出一个已预留的文号。",
)
NUMBER_PREFIX_OPTION = click.option(
    "--number-prefix",
    default=None,
    metavar="机关代字",
    help="--number auto 所用的机关代字，如 江政办发；不给则用数据中的 doc_number_prefix。",
)
NUMBER_DB_OPTION = click.option(
    "--db",
    default=None,
    metavar="PATH|URL",
    help="--number 所用的登记簿（默认取环境变量 DRAFTING_DB，再默认为用户数据文件夹中的登记簿）。",
)


def number_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--number``, ``--number-prefix`` and ``--db`` to a command; an error after a number
    was reserved ends with what to do about it."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DraftingError as exc:
            note = _note()
            if not note:
                raise
            error = DraftingError(f"{exc}；{note}")
            error.exit_code = exc.exit_code
            raise error from None
        except click.exceptions.Exit as exc:  # --strict: findings, no file
            note = _note()
            if exc.exit_code and note:
                click.echo(f"提示：{visible(note)}", err=True)
            raise
        except KeyboardInterrupt:
            note = _note()
            if note:
                click.echo(f"提示：{visible(note)}", err=True)
            raise

    for option in (NUMBER_DB_OPTION, NUMBER_PREFIX_OPTION, NUMBER_OPTION):
        run = option(run)
    return run


def numbering_for(
    number: str | None,
    prefix: str | None,
    db: str | None,
    *,
    kind: str | None = None,
    template_dirs: Iterable[str | Path] = (),
    source: tuple[str, str | None] | None = None,
    remember: bool = True,
) -> Numbering | None:
    """The :class:`~drafting.register.stamp.Numbering` that ``--number`` asks for (``None``
    without it), checked before anything is rendered: the number's form, the 机关代字, the
    register's place, and that template ``kind`` has a 发文字号. ``source`` is the render's
    (target, data path), read for ``doc_number_prefix`` when no ``--number-prefix`` is given.
    ``remember``: an error of the command ends with the number left reserved (``render``; a
    batch reports each record's own)."""
    if number is None:
        if prefix is not None:
            raise DraftingError("--number-prefix 只与 --number auto 一起用")
        if db is not None:
            raise DraftingError("--db 只在用 --number 从登记簿取号时使用")
        return None
    from drafting.register.location import resolve
    from drafting.register.stamp import Numbering

    numbering = Numbering.from_options(number, prefix, resolve(db))
    if kind is not None:
        from drafting.drafts.templating import find_template

        info = find_template(kind, template_dirs)
        numbering.check_template(info.schema.fields, info.id)
    if source is not None:
        numbering.source = source
    if remember:
        click.get_current_context().meta[_KEY] = numbering
    return numbering


def number_shown(numbering: Numbering | None) -> str:
    """``，文号 江政办发〔2026〕13号`` for the line that reports a written file."""
    if numbering is None or numbering.number is None:
        return ""
    return f"，文号 {visible(numbering.number)}"


def _note() -> str:
    context = click.get_current_context(silent=True)
    numbering = context.meta.get(_KEY) if context is not None else None
    return numbering.note() if numbering is not None else ""
