"""Markdown drafts (YAML front matter + Markdown body) parsed into an :class:`OfficialDocument`.

Conventions (see README):

* Front matter between ``---`` lines carries the 公文 elements; its keys are those of
  ``front_matter.yaml`` beside this module (title, organs, doc_number, recipients, signature,
  date, cc, printer, print_date, attachments, …), validated like template data. ``organs``,
  ``signers`` and ``cc`` may be one string; ``cc`` is then split at 、，, .
* The body is parsed with markdown-it-py (CommonMark + tables). Headings ``#``…``####`` are
  the four levels 一、（一）1.（1）, numbered automatically and restarting under each parent.
  A heading that already opens with an ordinal (``# 一、总体要求``, ``## （二）加强领导``, and the
  common wrong forms ``一.``/``(一)``/``1、``, read by :func:`drafting.zh.ordinals.typed_ordinal`)
  keeps what the writer typed, and the count at that level continues from its number.
* Each line of a paragraph is a paragraph of its own (Chinese text is not hard-wrapped, and
  writers type one paragraph a line). ``**bold**`` is kept; other markup keeps its text.
* Attachments: list them in the front matter (``attachments: [{title: 名称, file: 附件1.md}]``;
  ``file``, relative to the draft, is optional and holds the attachment's own Markdown; a bare
  name ``attachments: [名称]`` is a title only), or
  write them at the end of the body, each opened by a ``#`` heading ``附件1：名称`` (``附件：名称``
  for a single one), optionally after a thematic break ``***``. Front-matter attachments come
  first. 附件说明 is derived from the attachment titles.
* ``seal`` is one image, or a list of them: a joint issuance sealed has one per organ, in the
  order of the 署名's lines (one organ a line); another count is refused.
* ``attachments[].file`` and ``seal`` must lie, symlinks followed, in the draft's folder (the
  data file's for a template's draft) or a folder allowed with ``--allow-dir``; nothing else is
  read (:func:`drafting.inputs.confine`).
* A line ``<!-- 横排 -->`` right before a table puts that table on landscape pages
  (GB/T 9704 A4 横排表格); page numbers continue and portrait pages resume after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from drafting.drafts.data import FORBIDDEN_CHARS, DataFile, decode, parse_yaml
from drafting.drafts.schema import Schema, load_schema, validate
from drafting.errors import DataError
from drafting.inputs import confine, read_confined
from drafting.limits import MAX_ATTACHMENT_BYTES, MAX_IMAGE_BYTES
from drafting.model import (
    Attachment,
    Block,
    HeaderFields,
    Heading,
    Inline,
    ListBlock,
    OfficialDocument,
    Paragraph,
    Table,
    seal_count_message,
    signature_organs,
)
from drafting.zh.ordinals import format_ordinal, typed_ordinal

LANDSCAPE_MARK = "<!-- 横排 -->"
_ATTACHMENT_HEADING = re.compile(r"^附件\s*(?P<n>[0-9０-９]*)\s*[:：]\s*(?P<title>.+)$")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


@cache
def front_matter_schema() -> Schema:
    """The schema of a draft's front matter (``front_matter.yaml``)."""
    return load_schema(Path(__file__).with_name("front_matter.yaml"))


def parse_draft(
    text: str,
    *,
    path: str | Path,
    defaults: Mapping[str, Any] | None = None,
    base_dir: Path | None = None,
    allowed: Iterable[Path] = (),
) -> OfficialDocument:
    """Parse a Markdown draft into the document model.

    ``defaults`` fill front-matter keys the draft leaves out (``kind``, ``layout`` from a
    template's schema); ``base_dir`` resolves ``seal`` and attachment ``file`` paths
    (default: the draft's folder). Those paths are confined to ``base_dir`` and the
    ``allowed`` folders (``--allow-dir``), symlinks followed: anything else is an InputError
    naming the field and its line (see :func:`drafting.inputs.confine`).
    """
    source = str(path)
    text = text.removeprefix("\ufeff")
    tokens = _parser().parse(text)
    if (not tokens or tokens[0].type != "front_matter") and text.startswith("---"):
        raise DataError("文稿的 YAML 前言没有以一行 --- 结束", path=source, line=1)
    if not tokens or tokens[0].type != "front_matter":
        raise DataError(
            "文稿开头缺少 YAML 前言（以 --- 开始和结束，至少写明 title）", path=source, line=1
        )
    front = tokens[0]
    data = parse_yaml(front.content, source=source, line_offset=1, what="文稿前言")
    _refuse_control_characters(text, source)
    values = validate(front_matter_schema(), _normalise_front(data, defaults))
    folder = base_dir if base_dir is not None else Path(source).resolve().parent
    allowed = tuple(allowed)
    body, body_attachments = _split_attachments(_blocks(tokens[1:], source))
    attachments = [
        _front_attachment(item, folder, allowed, source, data, index)
        for index, item in enumerate(values["attachments"])
    ]
    attachments += body_attachments
    seal, seals = _seals(values["seal"], values["signature"], folder, allowed, source, data)
    return OfficialDocument(
        title=values["title"],
        body=body,
        kind=values["kind"] or "notice",
        layout=values["layout"] or "official",
        header=HeaderFields(
            copy_number=values["copy_number"],
            classification=values["classification"],
            urgency=values["urgency"],
            organs=values["organs"],
            organ_mark=values["organ_mark"],
            doc_number=values["doc_number"],
            signers=values["signers"],
        ),
        recipients=values["recipients"],
        signature=values["signature"],
        date=values["date"],
        seal=seal,
        seals=seals,
        hand_seal=bool(values["hand_seal"]),
        note=values["note"],
        author=values["author"],
        attachments=attachments,
        cc=values["cc"],
        printer=values["printer"],
        print_date=values["print_date"],
        present=values["present"],
        on_leave=values["on_leave"],
        sitting_in=values["sitting_in"],
    )


def _refuse_control_characters(text: str, source: str) -> None:
    """A body with a character no document can hold (NUL and other control characters)."""
    bad = FORBIDDEN_CHARS.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - text.rfind("\n", 0, bad.start())
        char = f"U+{ord(bad.group()):04X}"
        raise DataError(
            f"文稿含有控制字符 {char}（第 {column} 列），文档中不能有；请删去后再试",
            path=source,
            line=line,
        )


def _normalise_front(data: DataFile, defaults: Mapping[str, Any] | None) -> DataFile:
    values = dict(defaults or {})
    values.update(data.values)
    for key in ("organs", "signers", "present", "on_leave", "sitting_in", "seal"):
        if isinstance(values.get(key), str):
            values[key] = [values[key]]
    if isinstance(values.get("attachments"), list):  # ``attachments: [名单, 报送表]`` shorthand
        values["attachments"] = [
            {"title": item} if isinstance(item, str) else item for item in values["attachments"]
        ]
    if isinstance(values.get("cc"), str):
        values["cc"] = [part for part in re.split(r"[、，,]\s*", values["cc"].rstrip("。")) if part]
    return DataFile(values, data.source, data.lines, data.line_offset, data.raw)


def _front_attachment(
    item: dict[str, Any],
    folder: Path,
    allowed: tuple[Path, ...],
    source: str,
    data: DataFile,
    index: int,
) -> Attachment:
    if not item.get("file"):
        return Attachment(title=item["title"])
    file, raw = read_confined(
        str(item["file"]),
        folder,
        allowed=allowed,
        limit=MAX_ATTACHMENT_BYTES,
        source=source,
        line=data.line_of(("attachments", index, "file")),
        field=f"attachments[{index + 1}].file",
        missing=f"找不到附件“{item['title']}”的正文文件“{item['file']}”",
    )
    text = decode(raw, str(file), gb18030=True)
    tokens = _parser().parse(text)
    if tokens and tokens[0].type == "front_matter":  # an attachment's own front matter is ignored
        tokens = tokens[1:]
    blocks = _number(_blocks(tokens, str(file)), str(file))
    return Attachment(title=item["title"], blocks=blocks, file=file)


def _seals(
    names: list[str],
    signature: str | None,
    folder: Path,
    allowed: tuple[Path, ...],
    source: str,
    data: DataFile,
) -> tuple[Path | None, list[Path]]:
    """The real paths of the seal images, confined like an attachment (the layout reads them):
    the one seal, or one per organ of a joint issuance (the 署名's lines) in their order."""
    organs = len(signature_organs(signature))
    if not names:
        return None, []
    if len(names) != max(organs, 1):
        line = data.line_of(("seal",))
        raise DataError(seal_count_message(organs, len(names)), path=source, line=line)
    fields = ["seal"] if len(names) == 1 else [f"seal[{n}]" for n in range(1, len(names) + 1)]
    paths = [
        confine(
            str(name),
            folder,
            allowed=allowed,
            limit=MAX_IMAGE_BYTES,
            source=source,
            line=data.line_of(("seal", index)),
            field=field,
            missing=f"找不到印章图片“{name}”；请检查 {field} 字段的路径",
        )
        for index, (name, field) in enumerate(zip(names, fields, strict=True))
    ]
    return (paths[0], []) if organs <= 1 else (None, paths)


# --------------------------------------------------------------------------- body


class _Raw:
    """A heading before numbering: its Markdown level, typed text, and source line."""

    def __init__(self, level: int, text: str, line: int) -> None:
        self.level = level
        self.text = text
        self.line = line


def _blocks(tokens: list[Token], source: str) -> list[Block | _Raw]:
    """Turn top-level tokens into model blocks (headings still raw)."""
    blocks: list[Block | _Raw] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = token.map[0] + 1 if token.map else None
        if token.type == "heading_open":
            level = int(token.tag[1])
            text = _plain(tokens[index + 1]).strip()
            if level > 4:
                raise DataError(
                    f"标题最多四级（#### 为第四级“（1）”），此处用了 {level} 级",
                    path=source,
                    line=line,
                )
            blocks.append(_Raw(level, text, line or 0))
            index += 3
        elif token.type == "paragraph_open":
            blocks.extend(_paragraphs(tokens[index + 1]))
            index += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, index)
            items = [
                _plain(inner)
                for inner in tokens[index:end]
                if inner.type == "inline" and inner.level >= token.level
            ]
            blocks.append(ListBlock(items=items, ordered=token.type == "ordered_list_open"))
            index = end + 1
        elif token.type == "table_open":
            end = _closing(tokens, index)
            rows: list[list[str]] = []
            for inner in tokens[index:end]:
                if inner.type == "tr_open":
                    rows.append([])
                elif inner.type == "inline":
                    rows[-1].append(_plain(inner).strip())
            landscape = index > 0 and _is_landscape_mark(tokens[index - 1])
            blocks.append(Table(rows=rows, header=True, landscape=landscape))
            index = end + 1
        elif token.type in ("fence", "code_block"):
            blocks.extend(Paragraph.of(text) for text in token.content.splitlines() if text)
            index += 1
        elif token.type == "hr":
            blocks.append(_Break())
            index += 1
        else:  # blockquote wrappers, html: their paragraphs are handled as they come
            index += 1
    return blocks


def _is_landscape_mark(token: Token) -> bool:
    """``<!-- 横排 -->`` on its own line right before a table puts it on a landscape page."""
    return token.type == "html_block" and token.content.strip() == LANDSCAPE_MARK


class _Break:
    """A thematic break (``***``); only meaningful before an attachment heading."""


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the token closing ``tokens[start]``."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _paragraphs(inline: Token) -> list[Paragraph]:
    """One paragraph per source line; ``**bold**`` kept as bold inlines."""
    paragraphs: list[list[Inline]] = [[]]
    bold = 0
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            paragraphs.append([])
        elif child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type in ("text", "code_inline") or child.type == "image":
            _append(paragraphs[-1], child.content, bold > 0)
    result = []
    for pieces in paragraphs:
        if pieces and pieces[0].text.strip():
            pieces[0].text = pieces[0].text.lstrip()
        if "".join(piece.text for piece in pieces).strip():
            result.append(Paragraph(pieces))
    return result


def _append(pieces: list[Inline], text: str, bold: bool) -> None:
    if pieces and pieces[-1].bold == bold:
        pieces[-1].text += text
    else:
        pieces.append(Inline(text, bold))


def _plain(inline: Token) -> str:
    """The text of an inline token, markup removed, line breaks dropped."""
    return "".join(
        child.content
        for child in inline.children or []
        if child.type in ("text", "code_inline", "image")
    )


# --------------------------------------------------------------------------- headings


def _split_attachments(
    blocks: list[Block | _Raw | _Break],
) -> tuple[list[Block], list[Attachment]]:
    """Cut the body at ``# 附件N：名称`` headings; number headings in each part separately."""
    parts: list[tuple[str | None, list[Block | _Raw]]] = [(None, [])]
    for block in blocks:
        if isinstance(block, _Break):
            continue
        if isinstance(block, _Raw) and block.level == 1:
            match = _ATTACHMENT_HEADING.match(block.text)
            if match:
                parts.append((match.group("title").strip(), []))
                continue
        parts[-1][1].append(block)
    body = _number(parts[0][1], "")
    attachments = [
        Attachment(title=title or "", blocks=_number(part, "")) for title, part in parts[1:]
    ]
    return body, attachments


def _number(blocks: list[Block | _Raw], source: str) -> list[Block]:
    """Give each raw heading its ordinal: the typed one kept, or the next at its level."""
    counters = [0, 0, 0, 0]
    result: list[Block] = []
    for block in blocks:
        if not isinstance(block, _Raw):
            if not isinstance(block, _Break):
                result.append(block)
            continue
        level = block.level
        typed = typed_ordinal(block.text)
        if typed is not None:  # kept as typed, even in the wrong form or at the wrong level
            typed_level, number, ordinal = typed
            counters[level - 1] = number if typed_level == level else counters[level - 1] + 1
            heading = Heading(level=level, text=block.text[len(ordinal) :], ordinal=ordinal)
        else:
            counters[level - 1] += 1
            heading = Heading(
                level=level, text=block.text, ordinal=format_ordinal(counters[level - 1], level)
            )
        for deeper in range(level, 4):
            counters[deeper] = 0
        result.append(heading)
    return result
