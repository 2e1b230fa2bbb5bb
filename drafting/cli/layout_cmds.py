"""Layout commands: ``drafting fonts``. Thin: parse flags, call drafting.layout, print."""

from __future__ import annotations

import click


@click.command("fonts")
@click.option(
    "--fonts",
    "spec",
    default="standard",
    metavar="standard|plain|FILE",
    help="字体方案：standard（仿宋_GB2312 等，默认）、plain（普通仿宋/楷体）或字体配置文件。",
)
def fonts_command(spec: str) -> None:
    """列出字体方案中的各种字体，以及本机是否安装、缺少时将被替换为什么字体。

    \b
    drafting fonts
    drafting fonts --fonts plain
    """
    from drafting.layout.fontcheck import check_fonts
    from drafting.layout.profile import FontProfile

    statuses = check_fonts(FontProfile.load(spec))
    missing = 0
    for status in statuses:
        if status.installed is None:
            state = "无法检查（未找到 fc-list）"
        elif status.installed:
            state = "已安装"
        else:
            missing += 1
            state = f"未安装，将替换为 {status.substitute or '未知字体'}"
        click.echo(f"{status.face}\t{state}\t{status.role}")
    if missing:
        click.echo(
            f"共 {missing} 种字体未安装：版式（行数、字数）不变，但字形会不同；"
            "可安装相应字体，或用 --fonts plain 改用常见字体。"
        )


COMMANDS: list[click.Command] = [fonts_command]
