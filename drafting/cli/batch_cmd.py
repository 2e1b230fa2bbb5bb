"""Offices' command: batch (many records, one document each). Thin: see :mod:`drafting.batch`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafting.cli.draft_cmds import (
    ALLOW_DIR_OPTION,
    FONTS_OPTION,
    PREVIOUS_OPTION,
    TEMPLATE_DIR_OPTION,
)
from drafting.cli.numbering import number_options, numbering_for
from drafting.errors import DraftingError
from drafting.terminal import visible, visible_lines

#: Failed records listed one a line; past these, only their count is said (a file of thousands
#: of bad rows gives a screenful, not thousands of lines).
SHOWN_FAILURES = 20


@click.command("batch")
@click.argument("kind")
@click.argument("data", nargs=-1, required=True)
@click.option(
    "-o",
    "--output-dir",
    "outdir",
    required=True,
    type=click.Path(path_type=Path),
    help="输出文件夹（不存在则新建）。",
)
@click.option(
    "--to",
    type=click.Choice(["docx", "md", "txt", "pdf"]),
    default="docx",
    show_default=True,
    help="输出格式。",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="并行的工作进程数。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的文件（默认跳过）。")
@click.option(
    "--name-field",
    default=None,
    metavar="FIELD",
    help="用哪个字段命名输出文件（可写 a.b）；默认 unit，没有则 title。",
)
@PREVIOUS_OPTION
@FONTS_OPTION
@click.option(
    "--lint/--no-lint",
    "lint",
    default=False,
    help="生成时审校每份文稿并列出问题（不影响生成；默认关闭）。",
)
@ALLOW_DIR_OPTION
@TEMPLATE_DIR_OPTION
@number_options
def batch_cmd(
    kind: str,
    data: tuple[str, ...],
    outdir: Path,
    to: str,
    jobs: int,
    force: bool,
    name_field: str | None,
    previous: Path | None,
    fonts: str | None,
    lint: bool,
    allow_dirs: tuple[Path, ...],
    template_dirs: tuple[Path, ...],
    number: str | None,
    number_prefix: str | None,
    db: str | None,
) -> None:
    """用 KIND 模板批量生成文稿：DATA 为多个数据文件，或一个 CSV / YAML 列表（每条记录一份）。

    \b
    CSV 第一行为字段名，嵌套字段用点号连接（stats.petitions.closed），列表字段在一个
    单元格内用换行或“；”分隔。有问题的记录会报出行号和字段，其余照常生成；
    有记录失败时退出码为 1。

    --number auto 为每份写出的文稿从发文登记簿取一个发文字号（机关代字用 --number-prefix
    或各条记录的 doc_number_prefix），文件写成后确认。
    """
    from drafting.batch import Outcome, run_batch
    from drafting.compose import review_draft
    from drafting.inputs import allowed_folders

    allowed = allowed_folders(allow_dirs)
    numbering = numbering_for(number, number_prefix, db, remember=False)
    if numbering is not None and numbering.requested != "auto":
        raise DraftingError("batch 只能用 --number auto（每份文稿各取一个号）")

    tty = sys.stderr.isatty()
    bar = None
    failures = 0

    def start(total: int) -> None:
        nonlocal bar
        if tty and total:
            bar = click.progressbar(length=total, label="生成中", file=sys.stderr)
            bar.__enter__()

    def report(outcome: Outcome) -> None:
        nonlocal failures
        if outcome.status == "failed":
            failures += 1
            if failures <= SHOWN_FAILURES:
                _echo(bar, f"失败：{outcome.where}：{outcome.message}")
        elif outcome.status == "skipped":
            _echo(bar, f"跳过：{outcome.path}（{outcome.message}）")
        elif not tty:
            shown = f"（{visible(outcome.message)}）" if numbering and outcome.message else ""
            click.echo(f"已写出：{visible(str(outcome.path))}{shown}")
        if outcome.review:
            if bar is not None:
                click.echo("", err=True)
            click.echo(outcome.review, nl=False)
        if bar is not None:  # the bar counts rendered records; validation comes before it
            bar.update(1)

    try:
        result = run_batch(
            kind,
            data,
            outdir,
            to=to,
            jobs=jobs,
            force=force,
            name_field=name_field,
            previous=previous,
            template_dirs=template_dirs,
            fonts=fonts,
            review=review_draft if lint else None,
            allow_dirs=allowed,
            on_outcome=report,
            on_start=start,
            numbering=numbering,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if failures > SHOWN_FAILURES:
        click.echo(
            f"……另有 {failures - SHOWN_FAILURES} 条记录失败，未逐条列出"
            f"（只列出前 {SHOWN_FAILURES} 条；改正后重新运行可看到其余的）",
            err=True,
        )
    for note in result.notes:
        click.echo(f"提示：{visible(note)}", err=True)
    click.echo(visible_lines(result.summary()))
    if result.exit_code:
        click.get_current_context().exit(result.exit_code)


def _echo(bar: object, line: str) -> None:
    """A message line that does not garble the progress bar."""
    if bar is not None:
        click.echo("", err=True)
    click.echo(visible(line), err=True)


COMMANDS: list[click.Command] = [batch_cmd]
