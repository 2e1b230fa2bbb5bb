"""The 发文登记簿 commands: ``drafting number next|confirm|void|list|export``.

Thin: parse, call :mod:`drafting.register`, format. SQLAlchemy and openpyxl load inside the
commands only, so ``drafting --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from drafting.terminal import visible

if TYPE_CHECKING:
    from drafting.register.book import Entry, Register

DB_HELP = (
    "登记簿：SQLite 文件路径，或 postgresql://用户:密码@主机/数据库（多人共用）；"
    "默认取环境变量 DRAFTING_DB，再默认为用户数据文件夹中的 register.sqlite3。"
)
DB_OPTION = click.option("--db", default=None, metavar="PATH|URL", help=DB_HELP)
YEAR_OPTION = click.option(
    "--year", type=int, default=None, help="年份（四位数字；取号默认今年，列出、导出默认全部）。"
)
STATUSES = ("reserved", "confirmed", "void")


def _open(db: str | None) -> Register:
    from drafting.register.book import Register

    return Register.at(db)


@click.group("number")
def number_group() -> None:
    """发文登记簿：按机关代字和年份连续取发文字号，确认、作废，导出登记簿。

    \b
    drafting number next 江政办发 --title 关于……的通知     # 取号：江政办发〔2026〕13号
    drafting number confirm 江政办发〔2026〕13号            # 文件印发后确认
    drafting number void 江政办发〔2026〕14号 --reason 撤回  # 作废（留在登记簿中，不再使用）
    drafting number list --year 2026
    drafting number export -o 发文登记簿.xlsx --year 2026

    同一机关代字、同一年份的文号连续、不重复；新的一年从 1 号开始。
    多人共用一个登记簿时，用 --db postgresql://… 或环境变量 DRAFTING_DB 指向同一个
    PostgreSQL 数据库。
    """


@number_group.command("next")
@click.argument("prefix")
@YEAR_OPTION
@click.option("--title", default=None, help="公文标题，记入登记簿。")
@click.option("--organ", default=None, help="发文机关，记入登记簿。")
@click.option(
    "--date",
    "doc_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="成文日期（YYYY-MM-DD），记入登记簿。",
)
@DB_OPTION
def next_cmd(
    prefix: str,
    year: int | None,
    title: str | None,
    organ: str | None,
    doc_date: dt.datetime | None,
    db: str | None,
) -> None:
    """预留 PREFIX（机关代字，如 江政办发）的下一个文号并打印，如 江政办发〔2026〕13号。

    文号预留后即记入登记簿（状态“已预留”），不会再给别人；文件印发后用 confirm 确认，
    不用了用 void 作废。
    """
    with _open(db) as book:
        day = doc_date.date() if doc_date else None
        entry = book.reserve(prefix, year, title=title, organ=organ, doc_date=day)
    click.echo(entry.number)
    if sys.stderr.isatty():
        click.echo(
            f"已预留；文件印发后运行 drafting number confirm {entry.number}，"
            f"不用时运行 drafting number void {entry.number}",
            err=True,
        )


@number_group.command("confirm")
@click.argument("number")
@click.option("--output", default=None, metavar="FILE", help="用这个文号印发的文件，记入登记簿。")
@click.option("--title", default=None, help="公文标题（替换取号时记下的）。")
@click.option("--organ", default=None, help="发文机关（替换取号时记下的）。")
@DB_OPTION
def confirm_cmd(
    number: str, output: str | None, title: str | None, organ: str | None, db: str | None
) -> None:
    """确认文号 NUMBER 已使用（文件已印发）。"""
    from drafting.register.numbers import parse_number

    key = parse_number(number)  # a malformed number fails before the register is opened
    with _open(db) as book:
        entry = book.confirm(key, output=output, title=title, organ=organ)
    click.echo(f"已确认：{visible(entry.number)}")


@number_group.command("void")
@click.argument("number")
@click.option("--reason", default=None, help="作废原因，记入登记簿。")
@DB_OPTION
def void_cmd(number: str, reason: str | None, db: str | None) -> None:
    """作废文号 NUMBER：它留在登记簿中（状态“已作废”），不会再被使用。"""
    from drafting.register.numbers import parse_number

    key = parse_number(number)
    with _open(db) as book:
        entry = book.void(key, reason=reason)
    because = f"（{visible(entry.reason)}）" if entry.reason else ""
    click.echo(f"已作废：{visible(entry.number)}{because}")


@number_group.command("list")
@YEAR_OPTION
@click.option("--prefix", default=None, help="只列这个机关代字的文号。")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="只列这种状态的文号。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="输出格式。",
)
@DB_OPTION
def list_cmd(
    year: int | None, prefix: str | None, status: str | None, fmt: str, db: str | None
) -> None:
    """列出登记簿中的文号：文号、状态、标题、发文机关、经办人、登记时间。"""
    _check_year(year)
    with _open(db) as book:
        entries = book.entries(year=year, prefix=prefix, status=status)
    if fmt == "json":
        click.echo(json.dumps([entry.as_dict() for entry in entries], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(_csv(entries), nl=False)
    elif not entries:
        click.echo("登记簿中没有符合条件的文号。", err=True)
    else:
        click.echo(_table(entries))


@number_group.command("export")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="输出文件（.xlsx 或 .csv）。",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    default=None,
    help="文件格式；默认按 -o 的扩展名。",
)
@YEAR_OPTION
@click.option("--prefix", default=None, help="只导出这个机关代字的文号。")
@click.option("--force", is_flag=True, help="覆盖已存在的文件。")
@DB_OPTION
def export_cmd(
    output: Path,
    fmt: str | None,
    year: int | None,
    prefix: str | None,
    force: bool,
    db: str | None,
) -> None:
    """导出发文登记簿（文号、标题、成文日期、发文机关、状态、经办人、登记时间……）。

    .xlsx 可直接用 Excel、WPS 打开；.csv 为带 BOM 的 UTF-8，Excel 打开不乱码。
    """
    from drafting.atomic import check_not_input, check_writable, write_bytes
    from drafting.errors import OutputError
    from drafting.register.export import export

    _check_year(year)
    fmt = fmt or output.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise OutputError("请用 --format csv|xlsx，或给出 .xlsx / .csv 文件名", path=str(output))
    with _open(db) as book:
        onto = "导出的文件不能是登记簿本身，请另给一个文件名"
        check_not_input(output, [book.location.path], onto)
        check_writable(output, force=force)  # refuse before reading the register
        entries = book.entries(year=year, prefix=prefix)
    write_bytes(output, export(entries, fmt), force=force)
    click.echo(f"已导出 {len(entries)} 条：{visible(str(output))}")


def _check_year(year: int | None) -> None:
    if year is not None:
        from drafting.register.numbers import check_year

        check_year(year)


def _csv(entries: list[Entry]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    rows = [entry.as_dict() for entry in entries]
    fields = list(rows[0]) if rows else ["number", "status", "title"]
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _cut(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            return out + "…"
        out += ch
    return out


def _table(entries: list[Entry]) -> str:
    """A table padded to the display width of Chinese text."""
    header = ("文号", "状态", "标题", "发文机关", "经办人", "登记时间")
    rows: list[tuple[Any, ...]] = [header]
    for entry in entries:
        when = entry.reserved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        title = _cut(visible(entry.title or ""), 40)
        if entry.status == "void" and entry.reason:
            why = f"作废：{visible(entry.reason)}"
            title = _cut(f"{title}（{why}）" if title else why, 56)
        organ = _cut(visible(entry.organ or ""), 24)
        rows.append(
            (entry.number, entry.status_name, title, organ, visible(entry.reserved_by), when)
        )
    widths = [max(_width(str(row[i])) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [str(cell) + " " * (widths[i] - _width(str(cell))) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


COMMANDS: list[click.Command] = [number_group]
