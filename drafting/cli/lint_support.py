"""What the lint commands print besides parsing flags: the report, unreadable inputs, the
rule table (click is imported here, in the command layer, never by the linter itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafting.errors import OutputError
from drafting.lint.explain import profiles_text, summary_line
from drafting.lint.report import available, renderer
from drafting.lint.rule import all_rules
from drafting.terminal import visible

if TYPE_CHECKING:  # the engine and config load for lint itself, not for `drafting rules`
    from drafting.lint.engine import FileError, FileResult

__all__ = ["emit", "rules_table", "split_codes"]


def split_codes(value: str | None) -> list[str] | None:
    """``N3,P201`` → ``["N3", "P201"]`` (see :func:`drafting.lint.config.split_codes`)."""
    from drafting.lint.config import split_codes as split

    return split(value)


def emit(
    results: Sequence[FileResult | FileError], fmt: str, output: str | None, *, force: bool = False
) -> int:
    """Print each unreadable input on stderr, write the report (stdout or ``output``), and
    return the exit code (0 clean, 1 findings at or above fail-on, 2 unreadable input)."""
    from drafting.lint.engine import FileError, exit_code

    if fmt not in available():
        raise OutputError(f"输出格式 {fmt} 尚未提供；可用：{'、'.join(available())}")
    for result in results:
        if isinstance(result, FileError):
            click.echo(f"错误：{visible(result.path)}: {visible(result.message)}", err=True)
    report = renderer(fmt)(results)
    if output:
        from drafting.atomic import write_text  # tempfile, shutil: only to write a file

        write_text(Path(output), report, force=force)
    else:
        click.echo(report, nl=False)
    return exit_code(results)


def rules_table(genre: str | None = None) -> str:
    """The catalogue as an aligned text table (all rules, or those that run in ``genre``)."""
    from drafting.zh.chars import display_width

    heads = ("代码", "名称", "严重程度", "可修复", "适用文体", "说明")
    rows = []
    for code, rule in all_rules().items():
        if genre and not rule.runs_in(genre):
            continue
        severity = rule.severity_in(genre) if genre else rule.severity
        fixable = "是" if rule.fixable else "否"
        rows.append(
            (code, rule.name, severity.label, fixable, profiles_text(rule), summary_line(rule))
        )
    widths = [max(display_width(r[i]) for r in [heads, *rows]) for i in range(len(heads) - 1)]

    def line(row: Sequence[str]) -> str:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row[:-1])]
        return "  ".join([*cells, row[-1]]).rstrip()

    return "\n".join([line(heads), *(line(r) for r in rows)])
