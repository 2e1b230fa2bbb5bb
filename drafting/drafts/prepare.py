"""A record's one path to a draft: validated, rendered through its template, parsed.

:func:`prepare_record` is the one function that turns a record (a template and its data) into
a :class:`Draft`; ``render`` (:func:`drafting.render.prepare`) and ``batch`` (each worker) both
call it. :func:`prepare_markdown` does the same for a hand-written Markdown draft. Nothing is
written here and nothing is laid out: :mod:`drafting.render` builds and writes the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.drafts.data import DataFile, decode, load_data
from drafting.drafts.markdown import parse_draft
from drafting.drafts.organ import OrganProfile
from drafting.drafts.schema import validate
from drafting.drafts.templating import TemplateInfo, find_template, render_template
from drafting.errors import DataError
from drafting.inputs import read_file
from drafting.limits import MAX_TEXT_BYTES
from drafting.model import OfficialDocument, seal_count_message, signature_organs

__all__ = ["Draft", "prepare_markdown", "prepare_record", "render_markdown"]


@dataclass
class Draft:
    """A rendered draft: its Markdown text, its document model, and where it came from."""

    markdown: str
    document: OfficialDocument
    source: str
    base_dir: Path
    template: str | None = None
    """The id of the template that rendered it; ``None`` for a hand-written draft."""
    docx: dict[str | None, bytes] = field(default_factory=dict, repr=False, compare=False)
    """Its .docx by font profile, built once (:func:`drafting.render.docx_bytes`): the lint of
    ``render --lint`` and the file written share it."""
    fonts: str | None = None
    """The office's font profile (``[organ] fonts``), used where ``--fonts`` is not given."""


def render_markdown(
    kind: str | TemplateInfo,
    data: DataFile | Mapping[str, Any] | str | Path,
    *,
    template_dirs: Iterable[str | Path] = (),
    source: str | None = None,
) -> str:
    """Validate ``data`` (a loaded file, a path, or a plain mapping) and render the template.

    ``source`` names a plain mapping in error messages (default ``<data>``).
    """
    info = kind if isinstance(kind, TemplateInfo) else find_template(kind, template_dirs)
    if isinstance(data, (str, Path)):
        data = load_data(data)
    elif not isinstance(data, DataFile):
        data = DataFile(dict(data), source or "<data>")
    values = validate(info.schema, data)
    return render_template(info, values)


def prepare_record(
    info: TemplateInfo,
    data: DataFile,
    *,
    name: str,
    base_dir: Path,
    allowed: tuple[Path, ...] = (),
    organ: OrganProfile | None = None,
) -> Draft:
    """The draft of one record: ``data`` validated against ``info``'s schema, rendered through
    its template and parsed; ``name`` names the rendered draft in error messages. Attachment
    files and the seal it names are read only from ``base_dir`` or the ``allowed`` folders.
    ``organ`` (the office's defaults) fills what the record leaves out."""
    if organ is not None:
        data = organ.fill(data, info.schema)
    _check_seals(data)
    markdown = render_markdown(info, data)
    document = parse_draft(
        markdown,
        path=name,
        defaults={"kind": info.id, "layout": info.layout},
        base_dir=base_dir,
        allowed=allowed,
    )
    if organ is None:
        return Draft(markdown, document, data.source, base_dir, info.id)
    organ.finish(document)
    return Draft(markdown, document, data.source, base_dir, info.id, fonts=organ.fonts)


def _check_seals(data: DataFile) -> None:
    """Seal images match the 署名's organs (one a line) one to one: said at the record's
    ``seal`` line (the rendered draft would say it too, at a line the writer never saw)."""
    seals = data.values.get("seal")
    if isinstance(seals, str):
        seals = [seals]
    if not isinstance(seals, list) or not seals:
        return
    signature = data.values.get("signature")
    organs = max(1, len(signature_organs(signature if isinstance(signature, str) else None)))
    if len(seals) != organs:
        raise DataError(
            seal_count_message(organs, len(seals)), path=data.source, line=data.line_of(("seal",))
        )


def prepare_markdown(
    path: Path,
    *,
    allowed: tuple[Path, ...] = (),
    doc_number: str | None = None,
    organ: OrganProfile | None = None,
) -> Draft:
    """The draft of a hand-written Markdown file (UTF-8 or GB18030); ``doc_number`` replaces
    its 发文字号. Attachments and the seal are read from its folder or ``allowed``. ``organ``
    gives a draft with 发文机关 the office's 发文机关标志 and 印发机关 where it has none."""
    raw = read_file(path, MAX_TEXT_BYTES, what="文稿", missing="找不到文稿文件")
    text = decode(raw, str(path), gb18030=True)
    base_dir = path.resolve().parent
    document = parse_draft(text, path=path, base_dir=base_dir, allowed=allowed)
    if doc_number is not None:
        document.header.doc_number = doc_number
    if organ is None:
        return Draft(text, document, str(path), base_dir)
    organ.finish(document)
    return Draft(text, document, str(path), base_dir, fonts=organ.fonts)
