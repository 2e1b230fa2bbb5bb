"""The paragraphs of a .docx in reading order, numbered the way findings number them.

Every ``w:p`` of the body counts, empty ones included; a table's paragraphs are counted where
the table stands, row by row and cell by cell (nested tables inside their cell). The linter
reads these numbers as a finding's ``line``/``paragraph``; the annotator anchors comments by
the same numbers. Both must use this one function.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def iter_paragraphs(container: Any) -> Iterator[Any]:
    """Yield python-docx ``Paragraph`` objects of ``container`` (a Document or a cell) in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    parent = container
    body = (
        container.element.body
        if hasattr(container, "element") and hasattr(container.element, "body")
        else container._element
    )
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent)
        elif tag == "tbl":
            table = Table(child, parent)
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat the same element
                        continue
                    seen.add(id(cell._tc))
                    yield from iter_paragraphs(cell)
        elif tag == "sdt":  # content controls: their paragraphs in order
            content = child.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent"
            )
            if content is not None:
                for inner in content.iterchildren():
                    if inner.tag.endswith("}p"):
                        yield Paragraph(inner, parent)


def numbered_paragraphs(document: Any) -> list[tuple[int, Any]]:
    """``(number, paragraph)`` pairs, numbers 1-based, for a python-docx Document."""
    return list(enumerate(iter_paragraphs(document), 1))
