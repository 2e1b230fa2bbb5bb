"""The text model: what the reviewing pipeline reads from any input, and every rule receives.

:class:`PreparedDoc` holds the text, its paragraphs (:class:`TextParagraph`, each with its role:
title, heading, body, table cell or a 版头/版记 line), sentences, words and positions.
``doc.text`` is the document's paragraphs joined by ``\\n`` (Markdown syntax already removed);
every offset a rule reports is an index into it. Each paragraph remembers where its characters
came from in the source file, so the engine can turn offsets back into 1-based line and column
(in characters). Words come from :mod:`drafting.zh.segment`, cut once per document on first
use; part-of-speech tags are computed per span and cached; a word list is searched once per
document (:meth:`PreparedDoc.occurrences`). :class:`Source` is a document as a reader gives it:
with its source lines and the suppression directives found while reading.

(``TextParagraph``, not ``Paragraph``: :class:`drafting.model.Paragraph` is a body paragraph of
a document being drafted, python-docx's ``Paragraph`` a ``w:p``.)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from drafting.anatomy.parts import HEADING_OF_LEVEL, HEADINGS, Part
from drafting.sources.directives import Directive
from drafting.zh.ordinals import correct_ordinal
from drafting.zh.patterns import Occurrences
from drafting.zh.segment import Token, Words

if TYPE_CHECKING:
    from drafting.anatomy.reader import Anatomy

#: ``meta``: a line of the 版头 or 版记 (发文机关标志, 发文字号, 抄送 …) in a .docx: checked
#: for form (sentences include it) but not part of ``doc.body``.
Role = Literal["title", "heading", "body", "table", "meta"]

#: A role a reader set (a .docx title style, a Markdown table) read as the part it names.
_ROLE_HINTS: dict[str, Part] = {"title": Part.TITLE, "table": Part.TABLE}


def _heading_hint(paragraph: TextParagraph) -> Part | None:
    """A paragraph a reader marked as a heading (a Markdown ``#``): a heading of the level its
    ordinal says, or of the first level when it has none (the renderer numbers it)."""
    if paragraph.role != "heading":
        return None
    found = correct_ordinal(paragraph.text)
    return HEADING_OF_LEVEL[found[0]] if found else Part.HEADING1


def role_of(part: Part) -> Role:
    """The coarse role rules have always read: title, heading, body, table, or meta (a line of
    the 版头, the opening, the signature block, the 版记, residue …)."""
    if part is Part.TITLE:
        return "title"
    if part in HEADINGS:
        return "heading"
    if part is Part.TABLE:
        return "table"
    if part in (Part.BODY, Part.BLANK):
        return "body"
    return "meta"


_SENTENCE_END = "。！？"
_CLOSERS = "”’」』）)》"


@dataclass(slots=True)
class TextParagraph:
    """One paragraph: its text, its span in ``doc.text``, and where it came from in the source.

    ``line``/``column`` are the 1-based source position of its first character; ``origin``, when
    set, gives the source (line, column) of every character (Markdown with inline markup).
    ``number`` is the paragraph's number in a .docx (1-based, counting every paragraph). A plain
    text's run of empty lines is one paragraph whose text is the line breaks between them.
    """

    index: int
    text: str
    start: int
    role: Role = "body"
    line: int = 1
    column: int = 1
    origin: list[tuple[int, int]] | None = None
    number: int | None = None
    style: str | None = None
    level: int | None = None
    ordinal: str | None = None
    part: Part | None = None
    """The part of the document this paragraph is (:mod:`drafting.anatomy`); a reader may set
    it beforehand where it knows (a .docx style, a Markdown heading), the anatomy fills the rest."""
    margin: bool = False
    """Text outside the page's flow (a .docx header or footer): read as ``meta`` and left out
    when the document's anatomy is read, so it is not taken for the signature or the 版记."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def source_position(self, offset_in_paragraph: int) -> tuple[int, int]:
        """Source (line, column) of the character at ``offset_in_paragraph`` (may equal len)."""
        if self.origin:
            if offset_in_paragraph < len(self.origin):
                return self.origin[offset_in_paragraph]
            line, column = self.origin[-1]
            return line, column + 1 + (offset_in_paragraph - len(self.origin))
        breaks = self.text.count("\n", 0, offset_in_paragraph)
        if breaks:  # inside a run of empty lines read as one paragraph
            return self.line + breaks, offset_in_paragraph - self.text.rfind(
                "\n", 0, offset_in_paragraph
            )
        return self.line, self.column + offset_in_paragraph


class Sentence(NamedTuple):
    """A sentence: ``[start, end)`` in ``doc.text`` (end includes its closing mark).

    A named tuple, like :class:`~drafting.zh.segment.Token`: a megabyte holds some 24,000
    sentences (split twice, with and without ；), made twice as fast as frozen dataclasses."""

    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class PreparedDoc:
    """Everything rules may read. Build it with :meth:`from_paragraphs`."""

    path: str
    paragraphs: list[TextParagraph]
    genre: str = "generic"
    source: str = "txt"
    metadata: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""
    anatomy: Anatomy | None = None
    kind: str | None = None
    """The 文种 or text kind (意见, 批复, 评论 …) the genre was chosen with, when known."""
    speech: bool = False
    """A text delivered to a meeting (政府工作报告, a speech): exclamations are its own."""
    _tags: dict[tuple[int, int], list[Token]] = field(default_factory=dict, repr=False)
    _found: dict[int, Occurrences] = field(default_factory=dict, repr=False)  # by id(pattern)
    _among: dict[int, tuple[Collection[str], WordSpans]] = field(
        default_factory=dict, repr=False
    )  # by id(vocabulary)

    @classmethod
    def from_paragraphs(
        cls,
        path: str,
        paragraphs: list[TextParagraph],
        *,
        genre: str = "generic",
        source: str = "txt",
        metadata: Mapping[str, Any] | None = None,
    ) -> PreparedDoc:
        """Lay ``paragraphs`` end to end (``start`` and ``index`` are recomputed) and mark each
        paragraph's part (:func:`drafting.anatomy.reader.read_parts`; a ``part`` a reader set
        beforehand is kept) and its role."""
        from drafting.anatomy.reader import read_parts

        hints = [
            Part.OTHER if p.margin else p.part or _ROLE_HINTS.get(p.role) or _heading_hint(p)
            for p in paragraphs
        ]
        anatomy = read_parts(["" if p.margin else p.text for p in paragraphs], hints)
        offset = 0
        for index, paragraph in enumerate(paragraphs):
            paragraph.index = index
            paragraph.start = offset
            paragraph.part = anatomy.parts[index]
            paragraph.role = role_of(paragraph.part)
            if paragraph.level is None and paragraph.role in ("heading", "body"):
                found = correct_ordinal(paragraph.text)
                if found:
                    paragraph.level, paragraph.ordinal = found
            offset += len(paragraph.text) + 1
        text = "\n".join(p.text for p in paragraphs)
        return cls(path, paragraphs, genre, source, dict(metadata or {}), text, anatomy)

    # -- structure -------------------------------------------------------------------------

    @property
    def title(self) -> TextParagraph | None:
        """The title's first line (a title may run over several: :attr:`title_text`)."""
        return next((p for p in self.paragraphs if p.role == "title"), None)

    @property
    def title_paragraphs(self) -> list[TextParagraph]:
        return [p for p in self.paragraphs if p.role == "title"]

    @property
    def title_text(self) -> str | None:
        """The title read over all its lines, letter spacing closed up (``的通     知``)."""
        lines = [p.text for p in self.title_paragraphs]
        return re.sub(r"[\s\u3000]+", "", "".join(lines)) if lines else None

    @property
    def headings(self) -> list[TextParagraph]:
        return [p for p in self.paragraphs if p.role == "heading"]

    @property
    def body(self) -> list[TextParagraph]:
        """The running text: non-empty body paragraphs and headings (not the title, the 版头,
        the recipients, the signature block, the 版记, tables or web residue)."""
        return [p for p in self.paragraphs if p.role in ("body", "heading") and p.text.strip()]

    def of_part(self, *parts: Part) -> list[TextParagraph]:
        """The paragraphs that are one of ``parts``, in order."""
        return [p for p in self.paragraphs if p.part in parts]

    @cached_property
    def _starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> TextParagraph:
        """The paragraph holding ``offset`` (the one before it when ``offset`` is a newline)."""
        return self.paragraphs[max(0, bisect.bisect_right(self._starts, offset) - 1)]

    # -- sentences -------------------------------------------------------------------------

    def sentences(self, *, semicolon: bool = False) -> list[Sentence]:
        """Sentences of every non-title paragraph, split at 。！？ (and ； if asked)."""
        return self._split_all(semicolon)

    @cached_property
    def _sentences_plain(self) -> list[Sentence]:
        return self._split(_SENTENCE_END)

    @cached_property
    def _sentences_semicolon(self) -> list[Sentence]:
        return self._split(_SENTENCE_END + "；")

    def _split_all(self, semicolon: bool) -> list[Sentence]:
        return self._sentences_semicolon if semicolon else self._sentences_plain

    def _split(self, enders: str) -> list[Sentence]:
        out: list[Sentence] = []
        end = _sentence_end(enders)
        for paragraph in self.paragraphs:
            _split_paragraph(paragraph, end, out)
        return out

    def paragraph_sentences(self, paragraph: TextParagraph) -> list[Sentence]:
        """The sentences of one paragraph, as :meth:`sentences` splits it (none for the title):
        for a rule that looks at a few paragraphs only, without splitting the whole text."""
        out: list[Sentence] = []
        _split_paragraph(paragraph, _sentence_end(_SENTENCE_END), out)
        return out

    # -- words -----------------------------------------------------------------------------

    @cached_property
    def cut(self) -> Words:
        """Every word of the document with offsets into ``text`` (jieba, cut once), as lists
        side by side: each paragraph's words, as if it were cut alone (the line breaks
        between paragraphs are not words)."""
        from drafting.zh import segment

        ends = (p.end for p in self.paragraphs[:-1])
        return segment.cut_lines(self.text, ends, blank_runs=True)

    @cached_property
    def words(self) -> list[Token]:
        """Every word of the document as a token (:attr:`cut`, made into tokens on first use;
        :meth:`words_in` makes only those of a span)."""
        return self.cut.tokens()

    def words_in(self, start: int, end: int) -> list[Token]:
        """The words lying wholly inside ``[start, end)``: from the first starting at or after
        ``start`` up to the first ending after ``end`` (words follow each other, so their ends
        rise too: both ends are found by bisection, without a loop over the words)."""
        cut = self.cut
        i = bisect.bisect_left(cut.starts, start)
        return cut.tokens(i, bisect.bisect_right(cut.ends, end, i))

    def words_among(self, vocabulary: Collection[str]) -> WordSpans:
        """The spans of the words that are in ``vocabulary``, found in one pass over the words
        (cached per vocabulary object): ``.within(start, end)`` gives those of
        :meth:`words_in` ``(start, end)``."""
        found = self._among.get(id(vocabulary))
        if found is None or found[0] is not vocabulary:
            cut = self.cut
            spans = zip(cut.starts, cut.ends, strict=True)
            known = list(compress(spans, map(vocabulary.__contains__, cut.texts)))
            found = self._among[id(vocabulary)] = (vocabulary, WordSpans(known))
        return found[1]

    def tag(self, start: int, end: int) -> list[Token]:
        """Words of ``text[start:end]`` with part-of-speech flags (cached per span)."""
        key = (start, end)
        if key not in self._tags:
            from drafting.zh import segment

            self._tags[key] = segment.tag(self.text[start:end], start)
        return self._tags[key]

    # -- word lists ------------------------------------------------------------------------

    def occurrences(self, pattern: re.Pattern[str]) -> Occurrences:
        """The matches of the word-list ``pattern`` in ``text``, searched once per document:
        ``doc.occurrences(p).within(start, end)`` is what a search of ``[start, end)`` finds."""
        # by id: a compiled pattern hashes its whole program on every look-up
        found = self._found.get(id(pattern))
        if found is None or found.pattern is not pattern:
            found = self._found[id(pattern)] = Occurrences(pattern, self.text)
        return found

    # -- positions -------------------------------------------------------------------------

    def locate(self, offset: int) -> tuple[int, int]:
        """Source (line, column), 1-based, of the character at ``offset`` in ``text``."""
        paragraph = self.paragraph_at(offset)
        return paragraph.source_position(min(offset - paragraph.start, len(paragraph.text)))


class WordSpans:
    """``[start, end)`` of some of the document's words, in order (so their ends rise too)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans lying wholly inside ``[start, end)``, found by bisection (as ``words_in``)."""
        i = bisect.bisect_left(self._starts, start)
        return self._spans[i : bisect.bisect_right(self._ends, end, i)]


def _sentence_end(enders: str) -> re.Pattern[str]:
    """An ender, then any further enders and closing marks (。” ！！ ？）): a sentence's end."""
    return re.compile(f"[{re.escape(enders)}][{re.escape(enders + _CLOSERS)}]*")


def _split_paragraph(paragraph: TextParagraph, end: re.Pattern[str], out: list[Sentence]) -> None:
    if paragraph.role not in ("body", "heading") or not paragraph.text.strip():
        return  # sentences are the running text's: not the title, the 版头, a signature …
    text, base, begin = paragraph.text, paragraph.start, 0
    for match in end.finditer(text):
        j = match.end()
        out.append(Sentence(base + begin, base + j, text[begin:j], paragraph.index))
        begin = j
    if text[begin:].strip():
        out.append(Sentence(base + begin, base + len(text), text[begin:], paragraph.index))


_TITLE_MAX = 60


def looks_like_title(text: str) -> bool:
    """A short first line with no sentence mark at its end and no ordinal reads as a title."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= _TITLE_MAX
        and stripped[-1] not in "。！？；，：:;,."
        and correct_ordinal(stripped) is None
    )


def prepare_text(
    text: str, *, path: str = "<text>", genre: str = "generic", source: str = "txt"
) -> PreparedDoc:
    """A plain text as a prepared document: one paragraph a line, the first line a title if it
    looks like one (short, no closing mark) and more lines follow."""
    lines = text.split("\n")
    paragraphs = [
        TextParagraph(0, line.rstrip("\r"), 0, line=i + 1) for i, line in enumerate(lines)
    ]
    first = next((p for p in paragraphs if p.text.strip()), None)
    rest = [p for p in paragraphs if p.text.strip() and p is not first]
    if first is not None and rest and looks_like_title(first.text):
        first.role = "title"
    return PreparedDoc.from_paragraphs(path, paragraphs, genre=genre, source=source)


def level_headings(paragraphs: list[TextParagraph]) -> None:
    """The level and ordinal of every paragraph a reader marked as a heading (a Markdown ``#``,
    a .docx heading style), from the ordinal it opens with: the one tail the readers share
    before the anatomy reads the document."""
    for paragraph in paragraphs:
        if paragraph.role == "heading" and paragraph.level is None:
            found = correct_ordinal(paragraph.text)
            if found:
                paragraph.level, paragraph.ordinal = found


@dataclass
class Source:
    """One input read and prepared: the document, its source lines and its directives."""

    doc: PreparedDoc
    lines: list[str]
    directives: list[Directive] = field(default_factory=list)
    paragraph_rules: dict[int, frozenset[str] | None] = field(default_factory=dict)
    #: For a .docx: adds to a finding's message where it lies when that is not the body's
    #: running text (a text box, a header or footer, a tracked insertion). Typed loosely: the
    #: text model does not know the linter's ``Finding``; it maps one to the same, placed.
    where: Callable[[Any], Any] | None = None
