"""What ``drafting lint --annotate / --fix / --diff`` do, called by the lint command: the
library calls (:mod:`drafting.review`) and what they print.

Messages about what was changed, backed up or annotated go to stderr; the report (what remains)
goes to stdout or ``--output`` in the chosen format, and ``--diff`` prints the unified diff on
stdout. The exit code follows what remains: fixed findings do not count, findings ``--fix``
could not mend still do, and with ``--diff`` nothing is fixed, so every finding counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from drafting.lint.engine import FileError, FileResult, exit_code
from drafting.terminal import visible, visible_lines


def check_annotate(
    paths: Sequence[str], annotate: str | None, fix: bool, diff: bool, *, force: bool = False
) -> None:
    """``--annotate`` takes one .docx input, goes with neither ``--fix`` nor ``--diff``, and
    will not replace an existing file without ``--force`` (checked before linting)."""
    if annotate is None:
        return
    from drafting.cli.lint_docx import docx_like

    if len(paths) != 1 or not docx_like(paths[0]) or Path(paths[0]).is_dir():
        raise click.UsageError(
            "--annotate 只能用于单个 .docx 文件：drafting lint 文件.docx --annotate 批注.docx；"
            "多个文件或文件夹请给出输出文件夹：--annotate 批注目录"
        )
    if Path(annotate).suffix.lower() != ".docx":
        raise click.UsageError("--annotate 的输出必须是 .docx 文件")
    if fix or diff:
        raise click.UsageError("--annotate 不能与 --fix 或 --diff 同时使用（.docx 不自动修改）")
    from drafting.atomic import check_writable
    from drafting.review.annotate import source_date

    check_writable(Path(annotate), force=force)
    source_date()  # a malformed SOURCE_DATE_EPOCH is refused before linting, not after


def run_annotate(results: Sequence[FileResult | FileError], out: str, *, force: bool) -> None:
    """Write the annotated copy of the one .docx linted (nothing when it could not be read)."""
    from drafting.review.annotate import annotate_docx

    result = results[0] if results else None
    if not isinstance(result, FileResult):
        return
    if Path(result.path).suffix.lower() != ".docx":  # a .doc, .wps, .dotx: annotated as converted
        from drafting.atomic import check_not_input, write_bytes
        from drafting.cli.lint_docx import annotated_copy
        from drafting.review.annotate import ONTO_ORIGINAL

        check_not_input(Path(out), [result.path], ONTO_ORIGINAL)
        data, count = annotated_copy(Path(result.path), result.findings)
        write_bytes(Path(out), data, force=force)
    else:
        count = annotate_docx(Path(result.path), result.findings, Path(out), force=force)
    click.echo(f"已写入批注副本：{visible(out)}（{count} 条批注；原文件未改动）", err=True)


def run_fix(
    paths: Iterable[str],
    *,
    write: bool,
    backup: bool,
    emit: Any,
    fmt: str,
    output: str | None,
    force: bool,
    **flags: Any,
) -> int:
    """``--fix`` (``write``) or ``--diff``: fix .txt/.md files, say what changed, report the
    rest; returns the exit code (2 when a file could not be read, or its fixes not written)."""
    from drafting.review.fix import FixedFile, fix_paths

    outcomes = fix_paths(paths, write=write, backup=backup, **flags)
    results: list[FileResult | FileError] = []
    originals: list[FileResult | FileError] = []
    total = 0
    refused = False
    for outcome in outcomes:
        if isinstance(outcome, FixedFile):
            results.append(outcome.result)
            originals.append(outcome.original)
            if outcome.refused:
                refused = True
                click.echo(f"错误：{visible(outcome.path)}: {visible(outcome.refused)}", err=True)
            elif write:
                total += len(outcome.changes)
                _say_fixed(outcome)
            else:
                total += len(outcome.changes)
                click.echo(visible_lines(outcome.diff()), nl=False)
        else:
            results.append(outcome)
            originals.append(outcome)
            if isinstance(outcome, FileResult):
                name = visible(outcome.path)
                click.echo(
                    f"{name}: .docx 不就地修改（可用 --fix -o 副本.docx 生成版式修正副本，"
                    "或用 --annotate 生成带批注的副本）",
                    err=True,
                )
    if not write:
        for outcome in outcomes:
            if isinstance(outcome, FileError):
                click.echo(f"错误：{visible(outcome.path)}: {visible(outcome.message)}", err=True)
        click.echo(f"可自动修复 {total} 处（--diff 只显示，未写入文件）", err=True)
        return exit_code(originals)
    if any(isinstance(o, FixedFile) and not o.refused for o in outcomes):
        click.echo(f"共修复 {total} 处；剩余问题如下。", err=True)
    code = emit(results, fmt, output, force=force)
    return 2 if refused else code


def _say_fixed(outcome: Any) -> None:
    for change in outcome.changes:
        click.echo(f"已修复：{change.describe(outcome.path)}", err=True)
    for skipped in outcome.skipped:
        click.echo(skipped.describe(), err=True)
    if outcome.backup is not None:
        click.echo(
            f"{visible(outcome.path)}: 原文件已备份为 {visible(str(outcome.backup))}", err=True
        )
