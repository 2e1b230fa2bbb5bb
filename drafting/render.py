"""Rendering, as a library: the drafting pipeline's front, prepare → lay out → write.

A record (template + data) or a Markdown draft is prepared into a :class:`Draft` by the one
path of :mod:`drafting.drafts.prepare`, laid out by :mod:`drafting.layout`
(:func:`docx_bytes`) and written here. Nothing here prints. The CLI
(:mod:`drafting.cli.draft_cmds`) and ``scripts/demo.py`` call::

    load_template(kind, template_dirs=())            -> TemplateInfo
    render_markdown(kind, data, *, template_dirs=(), source=None) -> str   # the Markdown draft
    parse_draft(markdown_text, *, path, defaults=None, base_dir=None) -> OfficialDocument
    prepare(kind_or_draft_path, data_path=None, *, template_dirs=(), allow_dirs=()) -> Draft
    docx_bytes(draft, fonts=None) -> bytes
    render_document(kind_or_draft_path, data_path=None, *, out, to="docx", force=False,
                    template_dirs=(), fonts=None, allow_dirs=()) -> Path

Everything is validated (data against the schema, the Markdown draft against the front-matter
schema) before any file is written; files are written atomically through :mod:`drafting.atomic`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from drafting.atomic import check_not_input, check_writable, write_bytes, write_text
from drafting.drafts.data import load_data
from drafting.drafts.markdown import parse_draft
from drafting.drafts.plain import plain_text
from drafting.drafts.prepare import Draft, prepare_markdown, prepare_record, render_markdown
from drafting.drafts.previous import apply_previous
from drafting.drafts.templating import TemplateInfo, find_template
from drafting.errors import InputError, OutputError
from drafting.office_convert import soffice_path, to_pdf

__all__ = [
    "FORMATS",
    "Draft",
    "default_output",
    "docx_bytes",
    "draft_inputs",
    "is_draft_path",
    "load_template",
    "parse_draft",
    "plain_text",
    "prepare",
    "render_document",
    "render_markdown",
    "write_output",
]

FORMATS = ("docx", "md", "txt", "pdf")
DRAFT_SUFFIXES = (".md", ".markdown")


def load_template(kind: str, template_dirs: Iterable[str | Path] = ()) -> TemplateInfo:
    """The template named ``kind`` (id, Chinese name or alias); TemplateError lists the ids."""
    return find_template(kind, template_dirs)


def docx_bytes(draft: Draft, fonts: str | None = None) -> bytes:
    """The .docx of ``draft``, laid out once per font profile (lint and write share it)."""
    if fonts not in draft.docx:
        from drafting.layout import build_docx

        draft.docx[fonts] = build_docx(draft.document, fonts=fonts, base_dir=draft.base_dir)
    return draft.docx[fonts]


def is_draft_path(target: str | Path) -> bool:
    """Whether ``target`` names a Markdown draft (by its extension) rather than a template."""
    return Path(str(target)).suffix.lower() in DRAFT_SUFFIXES


def prepare(
    kind_or_draft_path: str | Path,
    data_path: str | Path | None = None,
    *,
    template_dirs: Iterable[str | Path] = (),
    previous: str | Path | None = None,
    allow_dirs: Iterable[str | Path] = (),
    doc_number: str | None = None,
) -> Draft:
    """Render and parse, writing nothing: a template with its data, or a Markdown draft.

    ``previous`` is last year's figures (``render --previous FILE``), merged as ``batch`` does.
    Attachment files and the seal a draft (or the template's draft) names are read only from
    the draft's folder (the data file's; the current folder for stdin) or ``allow_dirs``.
    ``doc_number`` replaces the data's (or the draft's) 发文字号 (``render --number``).
    """
    from drafting.drafts.organ import find_profile

    allowed = tuple(Path(folder) for folder in allow_dirs)
    if data_path is None:
        path = Path(kind_or_draft_path)
        organ = find_profile(path) if path.is_file() else None
        return prepare_markdown(path, allowed=allowed, doc_number=doc_number, organ=organ)
    info = load_template(str(kind_or_draft_path), template_dirs)
    data = load_data(data_path)
    if previous is not None:
        data = apply_previous(info, data, previous)
    if doc_number is not None:
        data = dataclasses.replace(data, values={**data.values, "doc_number": doc_number})
    base_dir = Path.cwd() if str(data_path) == "-" else Path(data_path).resolve().parent
    return prepare_record(
        info,
        data,
        name=f"{info.id} 模板生成的文稿",
        base_dir=base_dir,
        allowed=allowed,
        organ=find_profile(base_dir),
    )


def default_output(
    kind_or_draft_path: str | Path, data_path: str | Path | None = None, to: str = "docx"
) -> Path:
    """The output when ``-o`` is not given: the input's stem plus ``.to``, in the current folder.

    A Markdown draft ``通知.md`` gives ``通知.docx``; data ``notice.yaml`` gives ``notice.docx``;
    data from stdin gives the template id (``notice.docx``).
    """
    source = kind_or_draft_path if data_path is None else data_path
    stem = Path(str(kind_or_draft_path)).stem if str(source) == "-" else Path(str(source)).stem
    if to == "md" and data_path is None:
        stem += ".out"  # never the draft itself
    return Path(f"{stem}.{to}")


#: Said when an output would be written over a file the draft was made from.
ONTO_AN_INPUT = "输出文件不能是生成它所用的文件（文稿、数据文件、附件或印章图片），请另给一个文件名"

#: Said when an output would be written over one of its template's files.
ONTO_TEMPLATE = "输出文件不能是模板自己的文件（template.md.j2、schema.yaml 等），请另给一个文件名"
#: Said when an output would be written over the ``--fonts`` file.
ONTO_FONTS = "输出文件不能是字体配置文件（--fonts），请另给一个文件名"


def draft_inputs(draft: Draft) -> list[Path]:
    """The files ``draft`` was read from: the draft or data file (not stdin), every attachment
    file and the seal image."""
    files = [Path(draft.source)] if not draft.source.startswith("<") else []
    files += [item.file for item in draft.document.attachments if item.file is not None]
    if draft.document.seal is not None:
        files.append(draft.document.seal)
    files += draft.document.seals
    return files


def write_output(
    draft: Draft, out: Path, *, to: str = "docx", force: bool = False, fonts: str | None = None
) -> Path:
    """Write ``draft`` to ``out`` as ``to`` (docx, md, txt or pdf); returns ``out``."""
    out = Path(out)
    if to not in FORMATS:
        raise OutputError(f"不支持的输出格式“{to}”；可用：{'、'.join(FORMATS)}")
    check_not_input(out, draft_inputs(draft), ONTO_AN_INPUT)
    if fonts is not None and fonts not in ("plain", "standard", "default"):
        check_not_input(out, [fonts], ONTO_FONTS)
    check_writable(out, force=force)
    if to == "md":
        write_text(out, draft.markdown, force=force)
    elif to == "txt":
        write_text(out, plain_text(draft.document), force=force)
    elif to == "docx":
        write_bytes(out, docx_bytes(draft, fonts), force=force)
    else:
        write_bytes(out, pdf_bytes(docx_bytes(draft, fonts)), force=force)
    return out


def render_document(
    kind_or_draft_path: str | Path,
    data_path: str | Path | None = None,
    *,
    out: str | Path | None = None,
    to: str = "docx",
    force: bool = False,
    template_dirs: Iterable[str | Path] = (),
    fonts: str | None = None,
    allow_dirs: Iterable[str | Path] = (),
) -> Path:
    """Render a template with data, or a Markdown draft, to ``out`` (default: see
    :func:`default_output`); nothing is written unless everything validates."""
    target = Path(out) if out is not None else default_output(kind_or_draft_path, data_path, to)
    check_writable(target, force=force)
    draft = prepare(
        kind_or_draft_path, data_path, template_dirs=template_dirs, allow_dirs=allow_dirs
    )
    return write_output(draft, target, to=to, force=force, fonts=fonts)


def pdf_bytes(docx: bytes) -> bytes:
    """The PDF of ``docx``, laid out by LibreOffice with free faces for missing proprietary
    ones (:mod:`drafting.layout.freefaces`); OutputError without LibreOffice or on failure."""
    from drafting.layout.freefaces import write_profile

    if soffice_path() is None:
        raise OutputError(
            "生成 PDF 需要 LibreOffice，但本机未安装（找不到 soffice）；"
            "请安装后重试，或改用 --to docx"
        )
    try:
        return to_pdf(docx, profile=lambda folder: write_profile(folder, docx))
    except InputError as exc:  # what LibreOffice could not do is an output that failed
        raise OutputError(str(exc)) from None
