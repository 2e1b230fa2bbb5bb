"""Reviewers' commands: lint, rules, explain. Thin: parse flags, call drafting.lint, print."""

from __future__ import annotations

import click

from drafting.lint.profiles import GENRES
from drafting.lint.report import available

SEVERITIES = ("error", "warning", "info")


@click.command("lint")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--genre", type=click.Choice(GENRES), default=None, help="文体（默认 auto：按标题判断）。"
)
@click.option("--format", "fmt", type=click.Choice(available()), default="text", help="输出格式。")
@click.option("-o", "--output", type=click.Path(), help="写入文件而不是屏幕。")
@click.option("--force", is_flag=True, help="允许覆盖已有的 --output 或 --annotate 文件。")
@click.option("--select", help="只运行这些规则（代码或前缀，逗号分隔，如 N3,P201）。")
@click.option("--ignore", help="不运行这些规则（代码或前缀，逗号分隔）。")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="退出码 1 的门槛（默认 warning）。",
)
@click.option(
    "--config",
    type=click.Path(),
    help="配置文件（默认向上查找 drafting.toml 或 pyproject.toml）。",
)
@click.option(
    "--annotate",
    metavar="OUT.docx|OUTDIR",
    help="生成带批注的副本，每个问题一条批注（原文件不改动）；多个文件或文件夹时给出输出文件夹。",
)
@click.option(
    "--fix",
    is_flag=True,
    help="自动修复 .txt/.md 中可修复的问题（保留 .bak 备份）；.docx 用 --fix -o 副本.docx。",
)
@click.option("--render", is_flag=True, help="用 LibreOffice 排版 .docx 并实测版式（每面行数等）。")
@click.option("--diff", is_flag=True, help="只显示 --fix 会做的修改（统一差异格式），不写文件。")
@click.option("--no-backup", is_flag=True, help="--fix 时不保留 .bak 备份。")
@click.option(
    "--show-parts",
    is_flag=True,
    help="不审校，只列出每段被认作文稿的哪一部分（标题、主送机关、正文、署名……）和所判断的文体。",
)
@click.option(
    "--fix-junk",
    is_flag=True,
    help="修复时也删去论坛水印乱码和网页残留行（N314、N315；单用时等于 --fix --fix-junk）。",
)
def lint_command(
    paths: tuple[str, ...],
    genre: str | None,
    fmt: str,
    output: str | None,
    force: bool,
    select: str | None,
    ignore: str | None,
    fail_on: str | None,
    config: str | None,
    annotate: str | None,
    fix: bool,
    diff: bool,
    no_backup: bool,
    fix_junk: bool,
    render: bool,
    show_parts: bool,
) -> None:
    """审校文稿（.txt、.md、.docx、.doc、.wps、文件夹，或 - 表示标准输入）。"""
    from drafting.cli import lint_docx as office
    from drafting.cli.lint_support import emit, split_codes
    from drafting.lint.api import lint_paths

    _check_stdin(paths)
    if show_parts:
        from drafting.lint.api import show_parts as parts_of

        views, code = parts_of(paths, genre=genre, config=config)
        click.echo("\n\n".join(views))
        click.get_current_context().exit(code)
    fix = fix or (fix_junk and not diff)
    if render and (problem := office.render_problem()):
        click.echo(f"提示：{problem}", err=True)
    flags = {"genre": genre, "select": split_codes(select), "ignore": split_codes(ignore),
             "fail_on": fail_on, "config": config}  # fmt: skip
    if (fix or diff) and office.wants_docx_fix(paths, output) and not annotate:
        office.check_docx_fix(paths, output, diff, force=force)
        from drafting.review.targets import check_outputs

        check_outputs(paths, output, None, config)
        code = office.run_docx_fix(
            paths[0], output, force=force, emit=emit, fmt=fmt, render=render, **flags
        )
        click.get_current_context().exit(code)
    folder = bool(annotate) and office.annotate_folder_mode(paths, annotate)
    if output or annotate:
        from drafting.review.targets import check_outputs

        check_outputs(paths, output, None if folder else annotate, config)
    if folder:
        office.check_annotate_folder(paths, annotate, fix, diff, force=force)
    if (annotate and not folder) or fix or diff:
        from drafting.cli import lint_review as actions

        actions.check_annotate(paths, None if folder else annotate, fix, diff, force=force)
        if fix or diff:
            code = actions.run_fix(
                paths,
                write=not diff,
                backup=not no_backup,
                emit=emit,
                fmt=fmt,
                output=output,
                force=force,
                genre=genre,
                select=split_codes(select),
                ignore=split_codes(ignore),
                fail_on=fail_on,
                config=config,
                junk=fix_junk,
            )
            click.get_current_context().exit(code)
    results = lint_paths(paths, render=render, **flags)
    written = True
    if folder:
        written = office.run_annotate_folder(results, paths, annotate, force=force)
    elif annotate:
        actions.run_annotate(results, annotate, force=force)
    code = emit(results, fmt, output, force=force)
    click.get_current_context().exit(code if written else 2)


def _check_stdin(paths: tuple[str, ...]) -> None:
    """``-`` with standard input closed (``drafting lint - <&-``): Python then has no
    ``sys.stdin`` at all; say so in one line instead of failing on it later."""
    import sys

    from drafting.errors import InputError

    if "-" in paths and (sys.stdin is None or sys.stdin.closed):
        raise InputError(
            "标准输入已关闭，没有可审校的文字；请用管道或重定向提供，或给出文件路径",
            path="<stdin>",
        )


@click.command("rules")
@click.option(
    "--genre", type=click.Choice(GENRES[1:]), default=None, help="只列出该文体运行的规则。"
)
def rules_command(genre: str | None) -> None:
    """列出全部审校规则：代码、名称、严重程度、可否自动修复。"""
    from drafting.cli.lint_support import rules_table

    click.echo(rules_table(genre))


@click.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """显示一条规则的说明：检查什么、为什么、例、改为、可否自动修复。"""
    from drafting.errors import ConfigError
    from drafting.lint.explain import explain_text
    from drafting.lint.rule import all_rules

    rule = all_rules().get(code.strip().upper())
    if rule is None:
        raise ConfigError(f"没有规则 {code}；用 drafting rules 查看全部规则代码")
    click.echo(explain_text(rule))


COMMANDS: list[click.Command] = [lint_command, rules_command, explain_command]
