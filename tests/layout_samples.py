"""Documents for the layout tests, read from ``tests/fixtures/layout/*.yaml`` into the model.

The YAML mirrors :class:`drafting.model.OfficialDocument`; body items are ``h1``–``h4``,
``p`` (``**粗体**`` marks bold), ``list`` and ``table``. This reader is for tests only; the
writers' pipeline (Markdown drafts, templates) lives in :mod:`drafting.drafts`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

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
)

FIXTURES = Path(__file__).parent / "fixtures" / "layout"


def _inlines(text: str) -> list[Inline]:
    pieces = re.split(r"\*\*(.+?)\*\*", text)
    return [Inline(piece, bold=index % 2 == 1) for index, piece in enumerate(pieces) if piece]


def _blocks(items: list[dict[str, Any]]) -> list[Block]:
    blocks: list[Block] = []
    for item in items:
        ((key, value),) = item.items()
        if key in ("h1", "h2", "h3", "h4"):
            blocks.append(Heading(int(key[1]), value))
        elif key == "p":
            blocks.append(Paragraph(_inlines(value)))
        elif key == "list":
            blocks.append(ListBlock([str(v) for v in value]))
        elif key == "table":
            blocks.append(Table([[str(cell) for cell in row] for row in value]))
        else:
            raise ValueError(f"unknown body item {key!r}")
    return blocks


def load(name: str, **changes: Any) -> OfficialDocument:
    """The fixture ``name`` (without .yaml) as an OfficialDocument; ``changes`` override fields."""
    data = yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    header = HeaderFields(
        copy_number=data.get("copy_number"),
        classification=data.get("classification"),
        urgency=data.get("urgency"),
        organs=list(data.get("organs", [])),
        organ_mark=data.get("organ_mark"),
        doc_number=data.get("doc_number"),
        signers=list(data.get("signers", [])),
    )
    return OfficialDocument(
        title=data["title"],
        body=_blocks(data.get("body", [])),
        kind=data.get("kind", "notice"),
        layout=data.get("layout", "official"),
        header=header,
        recipients=data.get("recipients"),
        signature=data.get("signature"),
        date=_date(data.get("date")),
        seal=Path(data["seal"]) if data.get("seal") else None,
        note=data.get("note"),
        author=data.get("author"),
        attachments=[
            Attachment(a["title"], _blocks(a.get("body", []))) for a in data.get("attachments", [])
        ],
        cc=list(data.get("cc", [])),
        printer=data.get("printer"),
        print_date=_date(data.get("print_date")),
    )


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
