"""Bad-input rows for the 发文登记簿 (``drafting number …``): malformed and unknown numbers, bad
机关代字 and years, registers that are folders, other programs' files, read-only, of a newer
schema, unreachable or misspelt database URLs, exports that would overwrite.

Every row runs ``python -m drafting …`` as a subprocess (see ``tests/matrix.py``): exit 2, one
Chinese line, no traceback, the work folder (the register file included) exactly as it was;
``forbid`` keeps a URL's password out of every output.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from matrix import Case, check_case, registry

from drafting.register.book import Register
from drafting.register.location import resolve

CASES, case = registry()

NEEDS = ("cmd:number",)
SECRET = "s3cret-pw-4f1d"
QUICK = 60


def _book(work: Path, *numbers: str) -> str:
    """A register in ``work`` holding 江政办发〔2026〕1号 … (one per argument, in order), the
    statuses given (``reserved``, ``confirmed``, ``void``); returns its file name."""
    path = work / "register.sqlite3"
    with Register(resolve(str(path))) as book:
        for status in numbers:
            entry = book.reserve("江政办发", 2026, title="关于开展检查的通知")
            if status == "confirmed":
                book.confirm(entry.number)
            elif status == "void":
                book.void(entry.number, reason="撤回")
    return path.name


def _number(*args: str, db: str = "register.sqlite3") -> list[str]:
    return ["number", *args, "--db", db]


def _refused(args: list[str], any_of: tuple[str, ...], *, names: tuple[str, ...] = (),
             forbid: tuple[str, ...] = ()) -> Case:  # fmt: skip
    return Case(args, names=names, any_of=any_of, forbid=forbid, needs=NEEDS, timeout=QUICK)


# --------------------------------------------------------------------------- numbers


@case("confirm: square brackets instead of 〔〕")
def _(work: Path) -> Case:
    _book(work, "reserved")
    return _refused(_number("confirm", "江政办发[2026]1号"), ("六角括号",),
                    names=("江政办发[2026]1号",))  # fmt: skip


@case("confirm: a two-digit year")
def _(work: Path) -> Case:
    _book(work, "reserved")
    return _refused(_number("confirm", "江政办发〔26〕1号"), ("年份应写全四位",))


@case("confirm: 第 before the serial")
def _(work: Path) -> Case:
    _book(work, "reserved")
    return _refused(_number("confirm", "江政办发〔2026〕第1号"), ("不加“第”",))


@case("void: a leading zero")
def _(work: Path) -> Case:
    _book(work, "reserved")
    return _refused(_number("void", "江政办发〔2026〕001号"), ("不编虚位",))


@case("void: no 号 at the end")
def _(work: Path) -> Case:
    _book(work, "reserved")
    return _refused(_number("void", "江政办发〔2026〕1"), ("以“号”结尾",))


@case("confirm: a number the register never gave out")
def _(work: Path) -> Case:
    _book(work, "reserved")
    return _refused(_number("confirm", "江政办发〔2026〕7号"), ("登记簿中没有文号",),
                    names=("江政办发〔2026〕7号", "register.sqlite3"))  # fmt: skip


@case("confirm: a register that does not exist yet is not created")
def _(work: Path) -> Case:
    return _refused(_number("confirm", "江政办发〔2026〕1号"), ("登记簿中没有文号",))


@case("confirm: a void number")
def _(work: Path) -> Case:
    _book(work, "void")
    return _refused(_number("confirm", "江政办发〔2026〕1号"), ("作废，不能再确认",))


@case("confirm: twice")
def _(work: Path) -> Case:
    _book(work, "confirmed")
    return _refused(_number("confirm", "江政办发〔2026〕1号"), ("确认，不能再确认",))


@case("void: twice")
def _(work: Path) -> Case:
    _book(work, "void")
    return _refused(_number("void", "江政办发〔2026〕1号"), ("作废，不能再作废",))


# --------------------------------------------------------------------------- next


@case("next: a 机关代字 with digits")
def _(work: Path) -> Case:
    return _refused(_number("next", "江政办发2"), ("只能由汉字组成",), names=("江政办发2",))


@case("next: a whole number given as the 机关代字")
def _(work: Path) -> Case:
    return _refused(_number("next", "江政办发〔2026〕1号"), ("只写代字本身",))


@case("next: a 机关代字 far too long")
def _(work: Path) -> Case:
    return _refused(_number("next", "江" * 40), ("过长",))


@case("next: a year out of range")
def _(work: Path) -> Case:
    return _refused(_number("next", "江政办发", "--year", "3026"), ("不在 1949–2099 之间",))


@case("next: a title with an escape sequence")
def _(work: Path) -> Case:
    return _refused(_number("next", "江政办发", "--title", "通知\x1b[2J"), ("控制字符",))


# --------------------------------------------------------------------------- where the register is


@case("--db: a folder")
def _(work: Path) -> Case:
    (work / "registers").mkdir()
    return _refused(_number("next", "江政办发", db="registers"), ("指向的是文件夹",),
                    names=("registers",))  # fmt: skip


@case("--db: a folder that does not exist")
def _(work: Path) -> Case:
    return _refused(_number("next", "江政办发", db="missing/register.sqlite3"),
                    ("不存在或不可写",), names=("missing",))  # fmt: skip


@case("--db: a text file, not a database")
def _(work: Path) -> Case:
    (work / "notes.txt").write_text("会议记录\n" * 100, encoding="utf-8")
    return _refused(_number("next", "江政办发", db="notes.txt"), ("不是 SQLite 数据库文件",))


@case("--db: another program's SQLite database")
def _(work: Path) -> Case:
    with sqlite3.connect(work / "contacts.db") as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    return _refused(_number("next", "江政办发", db="contacts.db"), ("其中已有别的数据表",))


@case("--db: a register of a newer schema")
def _(work: Path) -> Case:
    name = _book(work, "reserved")
    with sqlite3.connect(work / name) as conn:
        conn.execute("UPDATE drafting_schema SET version = 99")
    return _refused(_number("list", db=name), ("版本为 99", "请升级 drafting"))


@case("--db: a register opened read-only")
def _(work: Path) -> Case:
    _book(work, "reserved")
    url = f"sqlite:///file:{work / 'register.sqlite3'}?mode=ro&uri=true"
    return _refused(_number("next", "江政办发", db=url), ("发文登记簿是只读的",))


@case("--db: an in-memory database")
def _(work: Path) -> Case:
    return _refused(_number("next", "江政办发", db="sqlite://"), ("内存数据库",))


@case("--db: a database this tool does not use, password masked")
def _(work: Path) -> Case:
    url = f"mysql://clerk:{SECRET}@127.0.0.1/office"
    return _refused(_number("next", "江政办发", db=url), ("不受支持",),
                    names=("clerk:***@",), forbid=(SECRET,))  # fmt: skip


@case("--db: a PostgreSQL URL with a bad port, password masked")
def _(work: Path) -> Case:
    url = f"postgresql://clerk:{SECRET}@127.0.0.1:notaport/office"
    return _refused(_number("next", "江政办发", db=url), ("无法解析",), forbid=(SECRET,))


@case("--db: a PostgreSQL URL without a database name")
def _(work: Path) -> Case:
    url = f"postgresql://clerk:{SECRET}@127.0.0.1"
    return _refused(_number("list", db=url), ("没有写数据库名",), forbid=(SECRET,))


@case("--db: an unreachable PostgreSQL server, password masked")
def _(work: Path) -> Case:
    url = f"postgresql://clerk:{SECRET}@127.0.0.1:1/office"
    return _refused(_number("next", "江政办发", db=url), ("无法连接发文登记簿数据库",),
                    names=("clerk:***@127.0.0.1:1/office",), forbid=(SECRET,))  # fmt: skip


@case("--db: a PostgreSQL host that does not resolve")
def _(work: Path) -> Case:
    url = f"postgresql://clerk:{SECRET}@no-such-host.invalid/office"
    return _refused(_number("list", db=url), ("找不到这个主机名", "无法连接"), forbid=(SECRET,))


# --------------------------------------------------------------------------- export


@case("export: onto an existing file without --force")
def _(work: Path) -> Case:
    _book(work, "confirmed")
    (work / "登记簿.xlsx").write_bytes(b"last year's book")
    return _refused(_number("export", "-o", "登记簿.xlsx"), ("文件已存在，未覆盖",),
                    names=("登记簿.xlsx",))  # fmt: skip


@case("export: a format it does not write")
def _(work: Path) -> Case:
    _book(work, "confirmed")
    return _refused(_number("export", "-o", "登记簿.pdf"), ("--format csv|xlsx",))


@case("export: into a folder that does not exist")
def _(work: Path) -> Case:
    _book(work, "confirmed")
    return _refused(_number("export", "-o", "no/登记簿.xlsx"), ("输出文件夹不存在",))


@case("export: onto the register itself")
def _(work: Path) -> Case:
    _book(work, "confirmed")
    return _refused(_number("export", "-o", "register.sqlite3", "--format", "csv", "--force"),
                    ("不能是登记簿本身",))  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    check_case(name, CASES[name], tmp_path)
