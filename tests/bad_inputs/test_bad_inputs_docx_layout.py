"""Bad-input matrix rows for the layout review of a .docx (issue 20): the corrected copy and
the folder of annotated copies never land on or beside an input, .doc/.wps/.dotx that cannot
be read are one line each. Each runs ``python -m drafting`` as a real subprocess (see
``tests/matrix.py``): exit code 2, one Chinese line, no traceback, nothing changed or left."""

from __future__ import annotations

from pathlib import Path

import pytest
from clerk_docx import Clerk, build
from matrix import Case, check_case, registry

CASES, case = registry()

FIX = ("cmd:lint", "opt:lint:--fix")
ANNOTATE = ("cmd:lint", "opt:lint:--annotate")


def _docx(path: Path, **settings: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build(Clerk(**settings)))  # type: ignore[arg-type]
    return path


@case("docx-fix-onto-its-original")
def _(work: Path) -> Case:
    _docx(work / "通知.docx", title_font="黑体")
    return Case(["lint", "通知.docx", "--fix", "-o", "通知.docx", "--force"],
                line="错误：通知.docx: 修正副本不能写回原文件，请另给一个文件名",
                needs=FIX)  # fmt: skip


@case("docx-fix-onto-an-existing-file")
def _(work: Path) -> Case:
    _docx(work / "通知.docx", title_font="黑体")
    _docx(work / "已有.docx")
    return Case(["lint", "通知.docx", "--fix", "-o", "已有.docx"], names=("已有.docx",),
                any_of=("已存在", "--force"), needs=FIX)  # fmt: skip


@case("docx-fix-of-two-files")
def _(work: Path) -> Case:
    _docx(work / "a.docx")
    _docx(work / "b.docx")
    return Case(["lint", "a.docx", "b.docx", "--fix", "-o", "out.docx"],
                line="错误：--fix -o 修正副本.docx 只能用于单个 .docx（或 .doc、.wps、.dotx）文件",
                needs=FIX)  # fmt: skip


@case("docx-fix-of-a-text-file")
def _(work: Path) -> Case:
    (work / "a.txt").write_text("请于11月5日前报送材料,逾期不再受理。\n", encoding="utf-8")
    return Case(["lint", "a.txt", "--fix", "-o", "out.docx"],
                line="错误：--fix -o 修正副本.docx 只能用于单个 .docx（或 .doc、.wps、.dotx）文件",
                needs=FIX)  # fmt: skip


@case("docx-diff-with-a-copy")
def _(work: Path) -> Case:
    _docx(work / "a.docx")
    return Case(["lint", "a.docx", "--diff", "-o", "out.docx"],
                any_of=("--diff 不能预览 .docx",), needs=FIX)  # fmt: skip


@case("annotate-outdir-is-the-input-folder")
def _(work: Path) -> Case:
    _docx(work / "收文" / "通知.docx", title_font="黑体")
    return Case(["lint", "收文", "--annotate", "收文"], names=("收文",),
                any_of=("不能是被审校的文件夹",), needs=ANNOTATE)  # fmt: skip


@case("annotate-outdir-inside-the-input-folder")
def _(work: Path) -> Case:
    _docx(work / "收文" / "通知.docx", title_font="黑体")
    return Case(["lint", "收文", "--annotate", "收文/批注"], names=("收文/批注",),
                any_of=("不能是被审校的文件夹",), needs=ANNOTATE)  # fmt: skip


@case("annotate-outdir-is-a-file")
def _(work: Path) -> Case:
    _docx(work / "收文" / "通知.docx", title_font="黑体")
    (work / "批注").write_text("not a folder", encoding="utf-8")
    return Case(["lint", "收文", "--annotate", "批注"], names=("批注",),
                any_of=("已有的文件",), needs=ANNOTATE)  # fmt: skip


@case("annotate-outdir-from-stdin")
def _(work: Path) -> Case:
    _docx(work / "a.docx")
    return Case(["lint", "a.docx", "-", "--annotate", "批注"], stdin="正文。".encode(),
                any_of=("标准输入",), needs=ANNOTATE)  # fmt: skip


@case("doc-that-libreoffice-cannot-read")
def _(work: Path) -> Case:
    (work / "旧文件.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    return Case(["lint", "旧文件.doc"], names=("旧文件.doc",), any_of=("LibreOffice 无法转换",),
                needs=("cmd:lint",), timeout=240)  # fmt: skip


@case("wps-that-is-no-office-file")
def _(work: Path) -> Case:
    (work / "文档.wps").write_text("只是一段文字，不是 WPS 文档。", encoding="utf-8")
    line = "错误：文档.wps: 不是有效的 WPS 文字文档（.wps）（文件损坏或被改了扩展名）"
    return Case(["lint", "文档.wps"], line=line, needs=("cmd:lint",))


@case("dotx-that-is-not-a-zip")
def _(work: Path) -> Case:
    (work / "模板.dotx").write_bytes(b"\x00garbage" * 100)
    return Case(["lint", "模板.dotx"], names=("模板.dotx",), any_of=("不是有效的",),
                needs=("cmd:lint",))  # fmt: skip


@case("dotx-zip-bomb")
def _(work: Path) -> Case:
    _bomb(work / "炸弹.dotx")
    return Case(["lint", "炸弹.dotx"], names=("炸弹.dotx",),
                any_of=("压缩炸弹", "解压后过大"), needs=("cmd:lint",))  # fmt: skip


def _bomb(path: Path) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (300 * 1024 * 1024))
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    check_case(name, CASES[name], tmp_path)
