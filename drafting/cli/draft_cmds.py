"""Writers' commands: templates, new, render. Thin: parse, call :mod:`drafting.render`, report."""

from __future__ import annotations

from pathlib import Path

import click

from drafting.cli.numbering import number_options, number_shown, numbering_for
from drafting.errors import DraftingError
from drafting.terminal import visible

TEMPLATE_DIR_OPTION = click.option(
    "--template-dir",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="自己的模板文件夹（可多次给出，先于内置模板查找；也可用环境变量 DRAFTING_TEMPLATES）。",
)
FONTS_OPTION = click.option(
    "--fonts",
    default=None,
    metavar="plain|FILE",
    help="字体方案：plain（普通仿宋/楷体）或字体配置文件。",
)
PREVIOUS_OPTION = click.option(
    "--previous",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="上年数据文件（YAML/JSON/TOML，或每单位一行的 CSV/YAML 列表），用于写同比变化。",
)

ALLOW_DIR_OPTION = click.option(
    "--allow-dir",
    "allow_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="也允许从这个文件夹读取附件和印章图片（可多次给出；默认只读文稿或数据文件所在的文件夹）。",
)


@click.command("templates")
@TEMPLATE_DIR_OPTION
def templates_cmd(template_dirs: tuple[Path, ...]) -> None:
    """列出可用的模板：编号、中文名称、说明，每个一行。"""
    from drafting.drafts.templating import available_templates

    for info in available_templates(template_dirs):
        click.echo(visible(f"{info.id}\t{info.name}\t{info.description}"))


@click.command("new")
@click.argument("kind")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="写入此文件（.yaml）；不给则打印到屏幕。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的文件。")
@TEMPLATE_DIR_OPTION
def new_cmd(kind: str, output: Path | None, force: bool, template_dirs: tuple[Path, ...]) -> None:
    """生成 KIND 模板的示例数据文件（带中文注释），照着填写后用 render 渲染。

    本单位的默认值（drafting.toml 的 [organ] 或 pyproject.toml 的 [tool.drafting.organ]，
    从输出文件所在的文件夹或当前文件夹向上查找）会填入示例。
    """
    from drafting.atomic import check_not_in_folder, write_text
    from drafting.drafts.organ import find_profile
    from drafting.errors import OutputError
    from drafting.render import ONTO_TEMPLATE, load_template

    info = load_template(kind, template_dirs)
    sample = info.sample_text()
    start = output.absolute().parent if output is not None else Path.cwd()
    organ = find_profile(start) if start.is_dir() else find_profile(Path.cwd())
    if organ is not None:
        sample = organ.fill_sample(sample, info.schema)
    if output is None:
        click.echo(sample, nl=False)
        return
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise OutputError("示例数据文件为带注释的 YAML，请用 .yaml 扩展名", path=str(output))
    check_not_in_folder(output, info.folder, ONTO_TEMPLATE)
    write_text(output, sample, force=force)
    shown = visible(str(output))
    click.echo(f"已写入示例数据：{shown}（填写后运行 drafting render {visible(info.id)} {shown}）")


@click.command("render")
@click.argument("target", metavar="KIND|DRAFT.md")
@click.argument("data", required=False, metavar="[DATA]")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="输出文件；默认为数据文件（或文稿）同名、放在当前文件夹。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@click.option(
    "--to",
    "to",
    type=click.Choice(["docx", "md", "txt", "pdf"]),
    default=None,
    help="输出格式；默认按 -o 的扩展名，否则为 docx。",
)
@FONTS_OPTION
@click.option(
    "--lint/--no-lint",
    "lint",
    default=True,
    help="渲染时审校生成的文本并列出问题（默认开启，不影响生成）。",
)
@click.option(
    "--strict", is_flag=True, help="审校发现达到 --fail-on 的问题时不生成文件，退出码 1。"
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="--strict 的门槛（默认 warning，或配置文件所设）。",
)
@PREVIOUS_OPTION
@ALLOW_DIR_OPTION
@TEMPLATE_DIR_OPTION
@number_options
def render_cmd(
    target: str,
    data: str | None,
    output: Path | None,
    force: bool,
    to: str | None,
    fonts: str | None,
    lint: bool,
    strict: bool,
    fail_on: str | None,
    previous: Path | None,
    allow_dirs: tuple[Path, ...],
    template_dirs: tuple[Path, ...],
    number: str | None,
    number_prefix: str | None,
    db: str | None,
) -> None:
    """按模板把数据渲染成公文，或渲染手写的 Markdown 文稿。

    \b
    drafting render notice 数据.yaml -o 通知.docx
    drafting render 通知.md -o 通知.docx

    文稿或数据中的附件文件（attachments[].file）和印章（seal）只从文稿或数据文件所在的
    文件夹读取；放在别处的，用 --allow-dir 明确允许其所在的文件夹。

    --number auto 从发文登记簿取下一个发文字号写入文件（机关代字用 --number-prefix 或数据中的
    doc_number_prefix），文件写成后确认；未写成则该号保留为“已预留”，错误信息会说明。
    """
    from drafting.atomic import check_writable
    from drafting.inputs import allowed_folders
    from drafting.render import default_output, prepare, write_output

    data_path = _check_arguments(target, data)
    _check_inputs_exist(target, data_path, previous)  # a missing input first, then the output
    to = to or _format_of(output)
    out = output or default_output(target, data_path, to)
    _check_not_an_input(out, target if data_path is None else None, data_path, previous)
    _check_not_a_setting(out, fonts, target if data_path is not None else None, template_dirs)
    check_writable(out, force=force)  # refuse before rendering, not after
    if previous is not None and data_path is None:
        raise DraftingError("--previous 只用于“模板 + 数据文件”，不用于 Markdown 文稿")
    allowed = allowed_folders(allow_dirs)
    kind = target if data_path is not None else None
    numbering = numbering_for(
        number, number_prefix, db, kind=kind, template_dirs=template_dirs, source=(target, data)
    )
    draft = prepare(
        target,
        data_path,
        template_dirs=template_dirs,
        previous=previous,
        allow_dirs=allowed,
        doc_number=numbering.placeholder if numbering else None,
    )
    if numbering is not None:
        numbering.stamp(draft, out)
    fonts = fonts or draft.fonts  # the office's font profile where --fonts is not given
    review = None
    if lint or strict:
        from drafting.compose import lint_draft, lint_report

        review = lint_draft(draft, out, to=to, fonts=fonts, fail_on=fail_on)
        if strict and review.failed:
            click.echo(lint_report(review), nl=False)
            click.echo(
                f"错误：审校发现 {review.fail_on.label} 及以上的问题，未生成 {visible(str(out))}"
                "（--strict）",
                err=True,
            )
            click.get_current_context().exit(1)
    write_output(draft, out, to=to, force=force, fonts=fonts)
    if numbering is not None:
        numbering.confirm(out, draft)
    origin = f"{draft.template} 模板" if draft.template else "文稿"
    click.echo(f"已生成：{visible(str(out))}（{origin}{number_shown(numbering)}）")
    if review is not None:
        click.echo(lint_report(review), nl=False)


def _check_inputs_exist(target: str, data_path: str | None, previous: Path | None) -> None:
    """Say a missing draft or data file before anything about the output (``render 通知.md``
    with no 通知.md must not answer that 通知.docx exists)."""
    from drafting.errors import DataError, InputError

    if data_path is None and not Path(target).exists():
        raise InputError("找不到文稿文件", path=target)
    if data_path is not None and data_path != "-" and not Path(data_path).exists():
        raise DataError("找不到数据文件", path=data_path)
    if previous is not None and not previous.exists():
        raise DataError("找不到上年数据文件", path=str(previous))


def _check_arguments(target: str, data: str | None) -> str | None:
    """A Markdown draft takes no DATA; a template needs one."""
    from drafting.render import is_draft_path

    if is_draft_path(target):
        if data is not None:
            raise click.UsageError("渲染 Markdown 文稿时不需要数据文件；请只给出文稿路径")
        return None
    if data is None and Path(target).suffix.lower() in (".yaml", ".yml", ".json", ".toml"):
        raise click.UsageError(f"请先给出模板名，再给出数据文件：drafting render KIND {target}")
    if data is None:
        raise click.UsageError(
            f"缺少数据文件：drafting render {target} 数据.yaml"
            f"（可用 drafting new {target} 生成样例）"
        )
    return data


def _check_not_an_input(
    out: Path, draft: str | None, data: str | None, previous: Path | None
) -> None:
    """The output may not be the draft, the data file or the ``--previous`` file it is made
    from, ``--force`` or not (paths compared resolved: symlinks, ``./`` and ``..`` included)."""
    from drafting.atomic import check_not_input

    check_not_input(out, [draft], "输出文件不能是文稿本身，请另给一个文件名")
    check_not_input(out, [data], "输出文件不能是数据文件本身，请另给一个文件名")
    check_not_input(out, [previous], "输出文件不能是上年数据文件，请另给一个文件名")


def _check_not_a_setting(
    out: Path, fonts: str | None, kind: str | None, template_dirs: tuple[Path, ...]
) -> None:
    """The output may not be the ``--fonts`` file nor a file of the template it renders,
    ``--force`` or not."""
    from drafting.atomic import check_not_in_folder, check_not_input
    from drafting.render import ONTO_FONTS, ONTO_TEMPLATE, load_template

    if fonts is not None and fonts not in ("plain", "standard", "default"):
        check_not_input(out, [fonts], ONTO_FONTS)
    if kind is not None:
        check_not_in_folder(out, load_template(kind, template_dirs).folder, ONTO_TEMPLATE)


def _format_of(output: Path | None) -> str:
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return (
        {"markdown": "md", "text": "txt"}.get(suffix, suffix)
        if suffix in ("docx", "md", "markdown", "txt", "text", "pdf")
        else "docx"
    )


COMMANDS: list[click.Command] = [templates_cmd, new_cmd, render_cmd]
