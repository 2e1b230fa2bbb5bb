"""The paragraphs of a .docx in reading order, numbered the way findings number them, and the
text of each as findings count it.

Every ``w:p`` of the body counts, empty ones included; a table's paragraphs are counted where
the table stands, row by row and cell by cell (nested tables inside their cell). A merged cell
counts once, where it starts: in its first row (``w:vMerge`` continuations are skipped) and its
first column (a ``w:gridSpan`` cell is one ``w:tc``). The paragraphs of a text box or a shape
(``w:txbxContent``) are counted right after the paragraph that anchors it. The linter reads
these numbers as a finding's ``line``/``paragraph``; the annotator anchors comments by the
same numbers. Both must use :func:`numbered_paragraphs`. Reading is linear in the document
(python-docx's ``row.cells`` climbs a vertical merge from every row of it: quadratic, and past
about 1,000 rows a ``RecursionError``).

A paragraph's text (:func:`paragraph_text`) is the document as it reads with every tracked
change accepted: the runs of the paragraph, of its hyperlinks, of tracked insertions
(``w:ins``) and of text moved in (``w:moveTo``); tracked deletions (``w:del``, whose text is
``w:delText``) and text moved away (``w:moveFrom``) are not read. Without tracked changes it is
python-docx's ``Paragraph.text``. The linter's columns and the annotator's comment anchors both
count characters in this text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def iter_paragraphs(container: Any) -> Iterator[Any]:
    """Yield python-docx ``Paragraph`` objects of ``container`` (a Document or a cell) in order."""
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    in_table = isinstance(container, _Cell)
    body = container._tc if in_table else container.element.body
    for p, parent, _ in _walk(body, container, in_table=in_table):
        yield Paragraph(p, parent)


def paragraphs_in(element: Any) -> list[Any]:
    """The ``w:p`` elements of ``element`` (a header or footer part's root) in reading order,
    as :func:`iter_paragraphs` reads a body."""
    return [p for p, _, _ in _walk(element, None, in_table=False)]


def _walk(block: Any, parent: Any, *, in_table: bool) -> Iterator[tuple[Any, Any, bool]]:
    """``(w:p, its python-docx parent, whether it is in a table)`` for the paragraphs of the
    body, cell or text-box element ``block``, in reading order: a text box's paragraphs right
    after the paragraph anchoring it."""
    from docx.table import Table, _Cell

    for child in block.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            yield child, parent, in_table
            if len(child):  # a text box's paragraphs follow the paragraph anchoring it
                for content in text_boxes(child):
                    yield from _walk(content, parent, in_table=in_table)
        elif tag == "tbl":
            table = Table(child, parent)
            for tc in _starting_cells(child):
                yield from _walk(tc, _Cell(tc, table), in_table=True)
        elif tag == "sdt":  # content controls: their paragraphs in order
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                for inner in content.iterchildren():
                    if inner.tag == f"{_W}p":
                        yield inner, parent, in_table


_TXBX = f"{_W}txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def text_boxes(p: Any) -> list[Any]:
    """The ``w:txbxContent`` of the text boxes and shapes anchored in paragraph ``p``, in order:
    each once (not the ``mc:Fallback`` copy Word writes for old readers), and not those nested
    in another text box of ``p`` (they are read with the box that holds them)."""
    found = []
    for content in p.iter(_TXBX):
        ancestor = content.getparent()
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in (_TXBX, _FALLBACK):
                break
            ancestor = ancestor.getparent()
        else:
            found.append(content)
    return found


def _starting_cells(tbl: Any) -> Iterator[Any]:
    """The ``w:tc`` of a ``w:tbl``, row by row, but those continuing a vertical merge."""
    for tr in tbl.iterchildren(f"{_W}tr"):
        for tc in tr.iterchildren(f"{_W}tc"):
            properties = tc.find(f"{_W}tcPr")
            merge = properties.find(f"{_W}vMerge") if properties is not None else None
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                continue
            yield tc


def numbered_paragraphs(document: Any) -> list[tuple[int, Any]]:
    """``(number, paragraph)`` pairs, numbers 1-based, for a python-docx Document."""
    return list(enumerate(iter_paragraphs(document), 1))


def numbered_elements(document: Any) -> list[tuple[int, Any, bool]]:
    """``(number, w:p, in a table)`` for every paragraph of a python-docx Document, numbered as
    :func:`numbered_paragraphs` numbers them: what the reader and the annotator work on."""
    walk = _walk(document.element.body, document, in_table=False)
    return [(number, p, in_table) for number, (p, _, in_table) in enumerate(walk, 1)]


_R, _T = f"{_W}r", f"{_W}t"
#: Paragraph children whose runs are read: hyperlinks, tracked insertions, text moved in (and
#: these inside one another). ``w:del`` and ``w:moveFrom`` are left out: deleted, moved away.
_READ_INSIDE = frozenset(f"{_W}{tag}" for tag in ("hyperlink", "ins", "moveTo"))
#: Run children that carry text, as python-docx's ``Run.text`` reads them (not ``w:delText``).
TEXT_TAGS = frozenset(f"{_W}{tag}" for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab"))


def child_text(child: Any) -> str:
    """Text of one run child, the way python-docx counts it (``w:br`` of a page break is '')."""
    tag = child.tag
    if tag not in TEXT_TAGS:
        return ""
    if tag == _T:
        return child.text or ""
    if tag == f"{_W}br":
        kind = child.get(f"{_W}type")
        return "\n" if kind in (None, "textWrapping") else ""
    if tag in (f"{_W}tab", f"{_W}ptab"):
        return "\t"
    if tag == f"{_W}cr":
        return "\n"
    return "-"  # w:noBreakHyphen


def run_text(run: Any) -> str:
    """The text of a ``w:r`` element."""
    return "".join(child_text(child) for child in run)


def counted_runs(p: Any) -> list[Any]:
    """The ``w:r`` elements whose text makes the paragraph's text, in order (module docstring)."""
    runs: list[Any] = []
    for child in p:
        if child.tag == _R:
            runs.append(child)
        elif child.tag in _READ_INSIDE:
            runs.extend(counted_runs(child))
    return runs


def paragraph_text(p: Any) -> str:
    """The text of a ``w:p`` element as findings count it (tracked changes accepted)."""
    return "".join(run_text(run) for run in counted_runs(p))


#: The key under which the .docx reader leaves the file's bytes in the prepared document's
#: metadata, for the checks that need the document itself (the layout rules, L5xx).
DOCX_KEY = "\x00docx"


class DocxBytes(bytes):
    """The bytes of a .docx as the reader read them: a type of its own, so that no Markdown
    front matter can pass for one. Checks keep what they made of it in ``cache``."""

    @property
    def cache(self) -> dict[Any, Any]:
        return self.__dict__.setdefault("_cache", {})


_INSERTED = frozenset(f"{_W}{tag}" for tag in ("ins", "moveTo"))


def inserted_spans(p: Any) -> list[tuple[int, int]]:
    """``[start, end)`` of the tracked insertions (and text moved in) in the paragraph's text."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for run in counted_runs(p):
        length = len(run_text(run))
        parent = run.getparent()
        inserted = False
        while parent is not None and parent is not p:
            if parent.tag in _INSERTED:
                inserted = True
                break
            parent = parent.getparent()
        if inserted and length:
            if spans and spans[-1][1] == offset:
                spans[-1] = (spans[-1][0], offset + length)
            else:
                spans.append((offset, offset + length))
        offset += length
    return spans


_PAGE_FIELD = ("PAGE", "NUMPAGES", "SECTIONPAGES")
_NUMBER_FURNITURE = frozenset(" \t\u3000-—―－–~第页共/.，,")


def is_page_number(p: Any) -> bool:
    """Whether ``p`` (a header or footer paragraph) holds a page-number field and nothing but
    the marks around it (``— 1 —``, ``第 1 页 共 3 页``): layout, not text to review."""
    instructions = [node.text or "" for node in p.iter(f"{_W}instrText")]
    instructions += [node.get(f"{_W}instr", "") for node in p.iter(f"{_W}fldSimple")]
    if not any(text.strip().upper().startswith(_PAGE_FIELD) for text in instructions):
        return False
    text = paragraph_text(p)
    return all(char in _NUMBER_FURNITURE or char.isdigit() for char in text)
