"""Other office formats as .docx, and .docx as PDF, through LibreOffice.

* ``.doc`` (Word 97–2003) and ``.wps`` (WPS 文字) are converted by LibreOffice headless with
  its Word 97 filter, when ``soffice`` is installed; without it, one Chinese line says what
  to install. A file that is not an OLE compound file is refused before LibreOffice runs; one
  that is a .docx under another name is read as it is.
* ``.dotx`` (a Word template) is a .docx with another content type: the main part's content
  type is changed in memory, no conversion needed.
* ``to_pdf`` lays a .docx out in LibreOffice (for measuring the pages).

LibreOffice runs with a private profile in a temporary folder (several runs at once do not
share one), with a time limit; what it writes is read back through the size limits and the
folder is removed. Nothing here prints.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from drafting.errors import InputError
from drafting.limits import MAX_DOCX_BYTES, MAX_DOCX_PARTS, human_size

#: Formats LibreOffice converts to .docx.
CONVERTED = (".doc", ".wps")
#: Word templates: a .docx with the template content type.
TEMPLATES = (".dotx",)
SUFFIXES = CONVERTED + TEMPLATES
SOFFICE_TIMEOUT = 180
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_NAMES = {".doc": "Word 97–2003 文档（.doc）", ".wps": "WPS 文字文档（.wps）"}
#: Both are OLE compound files read by LibreOffice's Word 97 filter; naming it keeps LibreOffice
#: from falling back to importing a damaged file as plain text.
_FILTER = "MS Word 97"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def soffice_path() -> str | None:
    """The LibreOffice executable, if installed (``soffice`` or ``libreoffice``)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def needs_conversion(suffix: str) -> bool:
    return suffix.lower() in SUFFIXES


def to_docx(data: bytes, suffix: str, path: str = "") -> bytes:
    """The .docx bytes of ``data``, a file of type ``suffix`` (.doc, .wps, .dotx)."""
    suffix = suffix.lower()
    if suffix in TEMPLATES:
        return _template_as_document(data, path)
    if suffix not in CONVERTED:
        raise InputError(f"不支持转换 {suffix} 文件", path=path or None)
    if data[:2] == b"PK":  # a .docx under another name: read as it is
        return data
    if data[:8] != _OLE:
        raise InputError(
            f"不是有效的 {_NAMES[suffix]}（文件损坏或被改了扩展名）", path=path or None
        )
    program = soffice_path()
    if program is None:
        raise InputError(
            f"审校{_NAMES[suffix]}需要先用 LibreOffice 转换，但本机未安装（找不到 soffice）；"
            "请安装 LibreOffice（如 apt install libreoffice-writer），或在 Word/WPS 中另存为 .docx",
            path=path or None,
        )
    try:
        converted = _run(program, data, suffix, "docx:MS Word 2007 XML", ".docx", path)
    except InputError as exc:
        if suffix == ".wps":
            raise InputError(
                f"{exc.args[0]}；若是 WPS 文字文档，请在 WPS 中另存为 .docx", path=path or None
            ) from None
        raise
    if len(converted) > MAX_DOCX_BYTES:
        raise InputError(
            f"转换后的 .docx 超过 {human_size(MAX_DOCX_BYTES)}，不予审校", path=path or None
        )
    return converted


def to_pdf(
    docx: bytes, path: str = "", *, profile: Callable[[Path], object] | None = None
) -> bytes:
    """``docx`` laid out by LibreOffice, as PDF bytes (InputError without LibreOffice).
    ``profile`` fills the fresh user profile folder before LibreOffice starts on it (the
    replacement table of free faces, :func:`drafting.layout.freefaces.write_profile`)."""
    program = soffice_path()
    if program is None:
        raise InputError(
            "排版实测需要 LibreOffice，但本机未安装（找不到 soffice）", path=path or None
        )
    return _run(program, docx, ".docx", "pdf", ".pdf", path, profile)


def _run(
    program: str,
    data: bytes,
    suffix: str,
    target: str,
    out_suffix: str,
    path: str,
    profile: Callable[[Path], object] | None = None,
) -> bytes:
    with tempfile.TemporaryDirectory(prefix="drafting-lo-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        outdir = folder / "out"
        if profile is not None:
            profile(folder / "profile")
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            *([f"--infilter={_FILTER}"] if suffix in CONVERTED else []),
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                capture_output=True,
                timeout=SOFFICE_TIMEOUT,
                check=False,
                env={**os.environ, "HOME": tmp},
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise InputError(
                f"LibreOffice 转换超时（{SOFFICE_TIMEOUT} 秒）", path=path or None
            ) from None
        except OSError as exc:
            raise InputError(f"无法启动 LibreOffice（{exc.strerror}）", path=path or None) from None
        result = outdir / f"input{out_suffix}"
        if not result.is_file():
            raise InputError(
                "LibreOffice 无法转换此文件（文件可能已损坏、加密或不是所称的格式）",
                path=path or None,
            )
        if result.stat().st_size > MAX_DOCX_BYTES * 4:
            raise InputError("LibreOffice 转换结果过大，不予处理", path=path or None)
        return result.read_bytes()


def _template_as_document(data: bytes, path: str) -> bytes:
    """A .dotx with its main part declared a document, so it reads as a .docx."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise InputError("不是有效的 .dotx（文件损坏或被改了扩展名）", path=path or None) from None
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        infos = source.infolist()
        if len(infos) > MAX_DOCX_PARTS:
            raise InputError(
                f"部件超过 {MAX_DOCX_PARTS} 个（疑似压缩炸弹），不予处理", path=path or None
            )
        for info in infos:
            if info.filename == "[Content_Types].xml":
                with source.open(info) as member:
                    types = member.read(MAX_DOCX_BYTES + 1)
                if len(types) > MAX_DOCX_BYTES:
                    raise InputError("内容类型部件过大，不予处理", path=path or None)
                target.writestr(info, types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE))
            else:
                with source.open(info) as member, target.open(info, "w") as copy:
                    shutil.copyfileobj(member, copy, 1 << 20)
    return out.getvalue()
