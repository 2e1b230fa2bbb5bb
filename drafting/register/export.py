"""The 发文登记簿 as a file: CSV (UTF-8 with BOM, so Excel reads the Chinese) or .xlsx.

One row per number, in order of 机关代字, year and serial, under Chinese column headers; times
in the local time zone. Cells that a spreadsheet would take as a formula (a title beginning
with ``=``, ``+``, ``-`` or ``@``) are kept as text: in CSV behind a leading ``'``, in .xlsx as
string cells. Nothing here writes a file: the CLI passes the bytes to :mod:`drafting.atomic`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from drafting.register.book import Entry
from drafting.terminal import visible

FORMATS = ("csv", "xlsx")

#: Column headers of the 发文登记簿, in order.
HEADERS = (
    "文号",
    "机关代字",
    "年份",
    "顺序号",
    "标题",
    "成文日期",
    "发文机关",
    "状态",
    "作废原因",
    "文件",
    "经办人",
    "登记时间",
    "确认时间",
    "作废时间",
    "确认或作废人",
)
_WIDTHS = (22, 10, 6, 7, 40, 11, 24, 7, 20, 30, 10, 19, 19, 19, 12)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone().replace(tzinfo=None, microsecond=0) if moment else None


def row_values(entry: Entry) -> list[Any]:
    """One entry as the cells of its row (dates and times as values, not text)."""
    return [
        entry.number,
        entry.prefix,
        entry.year,
        entry.serial,
        entry.title,
        entry.doc_date,
        entry.organ,
        entry.status_name,
        entry.reason,
        entry.output,
        entry.reserved_by,
        _local(entry.reserved_at),
        _local(entry.confirmed_at),
        _local(entry.voided_at),
        entry.settled_by,
    ]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(entries: Iterable[Entry]) -> bytes:
    """The book as CSV: UTF-8 with a BOM, CRLF line ends (as Excel writes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for entry in entries:
        writer.writerow([_csv_cell(value) for value in row_values(entry)])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(entries: Iterable[Entry], *, title: str = "发文登记簿") -> bytes:
    """The book as an .xlsx workbook: one sheet, a bold frozen header row with filters, dates
    and times as date cells, void numbers in grey."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    grey = Font(color="808080")
    count = 0
    for count, entry in enumerate(entries, start=1):
        row = count + 1
        for column, value in enumerate(row_values(entry), start=1):
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, str):
                cell.value = visible(value)  # no control character reaches the file
                cell.data_type = "s"  # ``=…`` stays text, never a formula
            else:
                cell.value = value
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            if entry.status == "void":
                cell.font = grey
    for column, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{count + 1}"
    book.properties.creator = "drafting"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export(entries: Iterable[Entry], fmt: str) -> bytes:
    """The book in ``fmt`` (``csv`` or ``xlsx``)."""
    return to_xlsx(entries) if fmt == "xlsx" else to_csv(entries)
