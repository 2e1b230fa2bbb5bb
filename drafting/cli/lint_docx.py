"""What ``drafting lint`` does for office documents beyond reading them, called by the lint
command (messages on stderr, as :mod:`drafting.cli.lint_review`):

* ``--fix -o FIXED.docx`` on one .docx (.doc, .wps, .dotx): the corrected copy with the
  GB/T 9704 layout (:mod:`drafting.compose.layout_fix`), what was changed, then the report
  of what remains in the copy;
* ``--annotate OUTDIR`` for several files or a folder: one annotated copy per .docx (.doc,
  .wps, .dotx) in OUTDIR, mirroring the folders, never beside or over an input;
* ``--render``: whether LibreOffice (and PyMuPDF) are there to measure the pages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from drafting.errors import DraftingError, InputError, OutputError, os_reason
from drafting.lint.engine import FileError, FileResult
from drafting.terminal import visible

DOCX_LIKE = (".docx", ".doc", ".wps", ".dotx")
#: Said when a corrected copy would be written over its original.
FIX_ONTO_ORIGINAL = "修正副本不能写回原文件，请另给一个文件名"
#: Said when the folder of annotated copies is an input folder or inside one.
OUTDIR_INSIDE = "批注副本的文件夹不能是被审校的文件夹或其中的子文件夹，也不能是输入文件所在的文件夹"


def docx_like(path: str | Path) -> bool:
    return Path(path).suffix.lower() in DOCX_LIKE


# -- --render -----------------------------------------------------------------------------------


def render_problem() -> str | None:
    """Why ``--render`` cannot measure here (None when it can)."""
    from drafting.office_convert import soffice_path

    if soffice_path() is None:
        return "--render 需要 LibreOffice，但本机未安装（找不到 soffice）；只做 XML 版式检查"
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        return "--render 需要 PyMuPDF（pip install 'drafting[render]'）；只做 XML 版式检查"
    return None


# -- --fix -o FIXED.docx ------------------------------------------------------------------------


def wants_docx_fix(paths: Sequence[str], output: str | None) -> bool:
    """Whether ``--fix`` asks for a corrected copy of a .docx: its ``-o`` names a .docx."""
    return output is not None and output.lower().endswith(".docx")


def check_docx_fix(paths: Sequence[str], output: str, diff: bool, *, force: bool) -> None:
    """One office file in, a .docx out that is not it and does not exist (unless ``force``)."""
    from drafting.atomic import check_not_input, check_writable

    if diff:
        raise OutputError("--diff 不能预览 .docx 的版式修正；请用 --fix -o 修正副本.docx")
    if len(paths) != 1 or not docx_like(paths[0]) or Path(paths[0]).is_dir():
        raise InputError("--fix -o 修正副本.docx 只能用于单个 .docx（或 .doc、.wps、.dotx）文件")
    check_not_input(Path(output), [paths[0]], FIX_ONTO_ORIGINAL)
    check_writable(Path(output), force=force)


def run_docx_fix(
    source: str,
    output: str,
    *,
    force: bool,
    emit: Any,
    fmt: str,
    render: bool,
    **flags: Any,
) -> int:
    """Write the corrected copy, say what changed, report what remains in it; the exit code
    follows what remains."""
    from drafting.atomic import write_bytes
    from drafting.compose.layout_fix import fix_layout
    from drafting.lint.api import lint_paths

    data = docx_bytes(Path(source))
    fixed = fix_layout(data, path=source)
    write_bytes(Path(output), fixed.data, force=force)
    name = visible(output)
    for change in fixed.changes:
        click.echo(f"已修正：{name}: {change}", err=True)
    for kept in fixed.kept:
        click.echo(f"未改动：{name}: {kept}", err=True)
    click.echo(
        f"已写入版式修正副本：{name}（文字未作任何改动；原文件 {visible(source)} 未改动）；"
        "副本中剩余的问题如下。",
        err=True,
    )
    results = lint_paths([output], render=render, **flags)
    return emit(results, fmt, None)


def docx_bytes(path: Path) -> bytes:
    """The bytes of an office file as a .docx (converted from .doc, .wps, .dotx)."""
    from drafting.sources import read_bytes

    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return data
    from drafting.office_convert import TEMPLATES, to_docx
    from drafting.sources.docx import _check_zip

    if suffix in TEMPLATES:
        _check_zip(str(path), data)
    return to_docx(data, suffix, str(path))


# -- --annotate OUTDIR ---------------------------------------------------------------------------


def annotate_folder_mode(paths: Sequence[str], annotate: str) -> bool:
    """Whether ``--annotate`` names a folder of copies: an existing folder, or a name that is
    not a .docx given with several inputs or a folder."""
    if Path(annotate).is_dir():
        return True
    if annotate.lower().endswith(".docx"):
        return False
    return len(paths) > 1 or any(Path(raw).is_dir() for raw in paths)


def check_annotate_folder(
    paths: Sequence[str], outdir: str, fix: bool, diff: bool, *, force: bool
) -> None:
    """The folder of copies: no ``--fix``/``--diff``, no stdin, not a file, and neither an
    input folder (or inside one) nor the folder of an input file."""
    if fix or diff:
        raise OutputError("--annotate 不能与 --fix 或 --diff 同时使用（.docx 不就地修改）")
    if "-" in paths:
        raise InputError("--annotate 不能用于标准输入；请给出文件或文件夹")
    target = Path(outdir)
    if target.exists() and not target.is_dir():
        raise OutputError("--annotate 的输出文件夹是一个已有的文件", path=outdir)
    where = _resolved(target)
    for raw in paths:
        path = Path(raw)
        folder = _resolved(path if path.is_dir() else path.parent)
        if where == folder or (path.is_dir() and where.is_relative_to(folder)):
            raise OutputError(OUTDIR_INSIDE, path=outdir)
    del force  # each copy is checked when it is written


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def copy_names(paths: Iterable[str], files: Iterable[str]) -> dict[str, Path]:
    """The relative name in OUTDIR of each linted ``files`` entry: its path under the folder
    given on the command line (or its own name), ``.docx`` added to a .doc, .wps or .dotx."""
    roots = [Path(raw) for raw in paths if Path(raw).is_dir()]
    names: dict[str, Path] = {}
    taken: set[Path] = set()
    for file in files:
        path = Path(file)
        relative = Path(path.name)
        for root in roots:
            if path.is_relative_to(root):
                relative = path.relative_to(root)
                break
        if path.suffix.lower() != ".docx":
            relative = relative.with_name(relative.name + ".docx")
        candidate, index = relative, 2
        while candidate in taken:
            candidate = relative.with_name(f"{relative.stem}（{index}）{relative.suffix}")
            index += 1
        taken.add(candidate)
        names[file] = candidate
    return names


def run_annotate_folder(
    results: Sequence[FileResult | FileError], paths: Sequence[str], outdir: str, *, force: bool
) -> bool:
    """Write one annotated copy per office file linted into ``outdir``; say so for each.
    Returns False when a copy could not be written (the others are)."""
    from drafting.atomic import check_not_input, check_writable, write_bytes

    office = [r for r in results if isinstance(r, FileResult) and docx_like(r.path)]
    names = copy_names(paths, [r.path for r in office])
    inputs = [r.path for r in results]
    ok = True
    written = 0
    for result in office:
        out = Path(outdir) / names[result.path]
        try:
            check_not_input(out, inputs, OUTDIR_INSIDE)
            data, count = annotated_copy(Path(result.path), result.findings)
            os.makedirs(out.parent, exist_ok=True)
            check_writable(out, force=force)
            write_bytes(out, data, force=force)
        except (DraftingError, OSError) as exc:
            ok = False
            where = result.path if isinstance(exc, InputError) else str(out)
            message = exc.args[0] if isinstance(exc, DraftingError) else os_reason(exc)
            click.echo(f"错误：{visible(where)}: {visible(str(message))}", err=True)
            continue
        written += 1
        click.echo(f"已写入批注副本：{visible(str(out))}（{count} 条批注）", err=True)
    click.echo(f"共写入 {written} 个批注副本到 {visible(outdir)}（原文件均未改动）", err=True)
    return ok


def annotated_copy(source: Path, findings: list[Any]) -> tuple[bytes, int]:
    """The annotated .docx bytes of ``source`` (an office file) and the comment count."""
    import io

    import docx

    from drafting.review.annotate import annotate_document, dated_zip, source_date

    document = docx.Document(io.BytesIO(docx_bytes(source)))
    when = source_date()
    count = annotate_document(document, findings, when=when)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue() if when is None else dated_zip(buffer.getvalue(), when)
    return data, count
