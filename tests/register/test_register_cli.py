"""``drafting number next|confirm|void|list|export`` as a clerk runs them: what is printed, what
the register and the exported 发文登记簿 hold, where the register lives, and that the number
commands load SQLAlchemy only when they run."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_layout import office_convert
from probes import modules_after
from register_support import cli, fresh_postgres_url

from drafting.register.export import HEADERS


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "register.sqlite3")


def _ok(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    done = cli(args, **kwargs)
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return done


def _day_of_numbering(db: str) -> None:
    """Three numbers: one confirmed with its file, one void, one still reserved."""
    first = _ok(["number", "next", "江政办发", "--year", "2026", "--db", db,
                 "--title", "关于做好2026年度工作总结的通知", "--organ", "江州市人民政府办公室",
                 "--date", "2026-11-20"])  # fmt: skip
    assert first.stdout == "江政办发〔2026〕1号\n"
    assert first.stderr == ""  # nothing but the number when stderr is not a terminal
    _ok(["number", "next", "江政办发", "--year", "2026", "--title", '=HYPERLINK("x")', "--db", db])
    _ok(["number", "next", "江政办发", "--year", "2026", "--db", db])
    done = _ok(["number", "confirm", "江政办发〔2026〕1号", "--output", "通知.docx", "--db", db])
    assert done.stdout == "已确认：江政办发〔2026〕1号\n"
    done = _ok(
        ["number", "void", "江政办发〔2026〕2号", "--reason", "标题有误，重新取号", "--db", db]
    )
    assert done.stdout == "已作废：江政办发〔2026〕2号（标题有误，重新取号）\n"


def test_a_day_of_numbering(db: str) -> None:
    _day_of_numbering(db)
    rows = json.loads(_ok(["number", "list", "--format", "json", "--db", db]).stdout)
    assert [(r["number"], r["status"]) for r in rows] == [
        ("江政办发〔2026〕1号", "confirmed"),
        ("江政办发〔2026〕2号", "void"),
        ("江政办发〔2026〕3号", "reserved"),
    ]
    assert rows[0]["title"] == "关于做好2026年度工作总结的通知"
    assert rows[0]["organ"] == "江州市人民政府办公室"
    assert rows[0]["date"] == "2026-11-20"
    assert rows[0]["output"] == "通知.docx"
    assert rows[1]["reason"] == "标题有误，重新取号"
    assert all(r["reserved_by"] for r in rows)


def test_list_as_a_table_and_filtered(db: str) -> None:
    _day_of_numbering(db)
    _ok(["number", "next", "江政发", "--year", "2027", "--db", db])
    table = _ok(["number", "list", "--db", db], env={"TZ": "UTC"}).stdout.splitlines()
    assert table[0].split() == ["文号", "状态", "标题", "发文机关", "经办人", "登记时间"]
    assert table[1].startswith("江政办发〔2026〕1号  已确认  关于做好2026年度工作总结的通知")
    assert "已作废" in table[2] and "作废：标题有误，重新取号" in table[2]
    assert len(table) == 5
    only = _ok(["number", "list", "--year", "2027", "--db", db]).stdout.splitlines()
    assert len(only) == 2 and only[1].startswith("江政发〔2027〕1号")
    reserved = _ok(["number", "list", "--status", "reserved", "--format", "csv", "--db", db])
    lines = reserved.stdout.splitlines()
    assert lines[0].startswith("number,prefix,year,serial,status")
    assert [line.split(",")[0] for line in lines[1:]] == [
        "江政办发〔2026〕3号",
        "江政发〔2027〕1号",
    ]
    empty = _ok(["number", "list", "--prefix", "江教发", "--db", db])
    assert empty.stdout == "" and "没有符合条件的文号" in empty.stderr


def test_export_xlsx_opens_as_a_workbook(db: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _day_of_numbering(db)
    out = tmp_path / "发文登记簿.xlsx"
    done = _ok(["number", "export", "-o", str(out), "--year", "2026", "--db", db])
    assert done.stdout == f"已导出 3 条：{out}\n"
    sheet = load_workbook(out).active
    assert sheet.title == "发文登记簿"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    by_column = [dict(zip(HEADERS, row, strict=True)) for row in rows[1:]]
    assert [r["文号"] for r in by_column] == [f"江政办发〔2026〕{n}号" for n in (1, 2, 3)]
    assert [r["状态"] for r in by_column] == ["已确认", "已作废", "已预留"]
    assert by_column[0]["标题"] == "关于做好2026年度工作总结的通知"
    assert by_column[0]["成文日期"].date().isoformat() == "2026-11-20"
    assert by_column[0]["发文机关"] == "江州市人民政府办公室"
    assert by_column[0]["文件"] == "通知.docx"
    assert by_column[1]["作废原因"] == "标题有误，重新取号"
    assert by_column[0]["经办人"] and by_column[0]["登记时间"] is not None
    formula = sheet.cell(row=3, column=HEADERS.index("标题") + 1)
    assert formula.value == '=HYPERLINK("x")' and formula.data_type == "s"  # text, not a formula
    assert sheet.freeze_panes == "A2"


def test_export_csv_has_a_bom_and_chinese_headers(db: str, tmp_path: Path) -> None:
    _day_of_numbering(db)
    out = tmp_path / "登记簿.csv"
    _ok(["number", "export", "-o", str(out), "--db", db])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADERS
    assert rows[1][:4] == ["江政办发〔2026〕1号", "江政办发", "2026", "1"]
    assert rows[2][HEADERS.index("标题")] == '\'=HYPERLINK("x")'  # kept as text in Excel
    assert rows[1][HEADERS.index("成文日期")] == "2026-11-20"


def test_export_never_overwrites_without_force(db: str, tmp_path: Path) -> None:
    _day_of_numbering(db)
    out = tmp_path / "登记簿.xlsx"
    out.write_bytes(b"an older book")
    done = cli(["number", "export", "-o", str(out), "--db", db])
    assert done.returncode == 2
    assert done.stderr.strip() == f"错误：{out}: 文件已存在，未覆盖；如需覆盖请加 --force"
    assert out.read_bytes() == b"an older book"
    _ok(["number", "export", "-o", str(out), "--force", "--db", db])
    assert out.read_bytes().startswith(b"PK")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.slow
def test_libreoffice_opens_the_exported_workbook(db: str, tmp_path: Path, soffice: str) -> None:
    if not (Path(soffice).resolve().parent / "libsclo.so").exists():
        pytest.skip("LibreOffice Calc not installed (apt-get install libreoffice-calc-nogui)")
    _day_of_numbering(db)
    out = tmp_path / "book.xlsx"
    _ok(["number", "export", "-o", str(out), "--db", db])
    converted = office_convert(
        out, tmp_path / "converted", "csv:Text - txt - csv (StarCalc):44,34,76"
    )
    text = converted.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("文号,机关代字,年份,顺序号,标题")
    assert "江政办发〔2026〕2号" in text and "已作废" in text


def test_the_register_comes_from_drafting_db_then_the_data_folder(tmp_path: Path) -> None:
    office = tmp_path / "office.sqlite3"
    env = {"DRAFTING_DB": str(office), "XDG_DATA_HOME": str(tmp_path / "data")}
    assert _ok(["number", "next", "江政发", "--year", "2026"], env=env).stdout.strip() == (
        "江政发〔2026〕1号"
    )
    assert office.is_file()
    mine = tmp_path / "mine.sqlite3"
    _ok(["number", "next", "江政发", "--year", "2026", "--db", str(mine)], env=env)
    assert mine.is_file()  # --db wins over DRAFTING_DB
    default = _ok(["number", "next", "江政发", "--year", "2026"], env={"XDG_DATA_HOME": env[
        "XDG_DATA_HOME"]})  # fmt: skip
    assert default.stdout.strip() == "江政发〔2026〕1号"
    assert (tmp_path / "data" / "drafting" / "register.sqlite3").is_file()


def test_a_locked_register_is_one_chinese_line(db: str) -> None:
    _ok(["number", "next", "江政发", "--year", "2026", "--db", db])
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(60)", db],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        done = cli(["number", "next", "江政发", "--db", db], env={"DRAFTING_DB_TIMEOUT": "0.5"})
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 2
    assert done.stderr.startswith("错误：发文登记簿正被其他程序占用，等了 0.5 秒仍未释放")
    assert len(done.stderr.splitlines()) == 1
    assert _ok(["number", "next", "江政发", "--year", "2026", "--db", db]).stdout.strip() == (
        "江政发〔2026〕2号"
    )


def test_a_postgresql_register_from_the_cli_never_shows_its_password() -> None:
    url = fresh_postgres_url()
    password = url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    assert _ok(["number", "next", "江政办发", "--year", "2026", "--db", url]).stdout == (
        "江政办发〔2026〕1号\n"
    )
    unknown = cli(["number", "confirm", "江政办发〔2026〕5号", "--db", url])
    assert unknown.returncode == 2
    assert "登记簿中没有文号“江政办发〔2026〕5号”" in unknown.stderr
    assert "drafting:***@" in unknown.stderr and password not in unknown.stderr
    wrong = url.replace(f":{password}@", ":not-the-password@")
    refused = cli(["number", "list", "--db", wrong])
    assert refused.returncode == 2
    assert "用户名或密码不对" in refused.stderr and "not-the-password" not in refused.stderr


#: Libraries the register loads only when a number command runs.
REGISTER_HEAVY = ("sqlalchemy", "psycopg", "openpyxl", "platformdirs")


def _modules_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    return {name.split(".")[0] for name in modules_after(args, env)}


def test_help_loads_no_database_library() -> None:
    for args in (["--help"], ["number", "--help"], ["number", "next", "--help"], ["rules"]):
        loaded = _modules_after(args)
        assert not [name for name in REGISTER_HEAVY if name in loaded], args


def test_a_sqlite_list_loads_sqlalchemy_but_neither_psycopg_nor_openpyxl(db: str) -> None:
    loaded = _modules_after(["number", "list", "--db", db])
    assert "sqlalchemy" in loaded
    assert "psycopg" not in loaded and "openpyxl" not in loaded
