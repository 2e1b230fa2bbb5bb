"""Reading a Markdown text into the text model, with the source position of every character.

Markdown syntax is not linted: paragraphs, headings, list items and table cells become
paragraphs whose ``origin`` maps every character back to its source line and column; code,
HTML and front matter are skipped (a front-matter ``title`` becomes the title paragraph).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from drafting.anatomy.parts import HEADING_OF_LEVEL, Part
from drafting.errors import DataError, InputError
from drafting.limits import check_data_tree
from drafting.sources.directives import parse_directives
from drafting.sources.document import (
    PreparedDoc,
    Source,
    TextParagraph,
    level_headings,
)


def _markdown() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


#: Stands in for an inline code span: one neutral character, so that the text around the code
#: does not run together (“计；`a`、`b`” must not read as “计；、”) and no rule matches it.
CODE_PLACEHOLDER = "\ufffc"

Segment = tuple[str, str]  # (mode, text): mode is "text", "code", "skip" or "space"


def _find(char: str, lines: list[str], line: int, column: int) -> tuple[int, int] | None:
    li, col = line, column
    while li < len(lines) and li <= line + 200:
        at = lines[li].find(char, col)
        if at >= 0:
            return li, at
        li, col = li + 1, 0
    return None


def _align(
    segments: list[Segment], lines: list[str], line: int, column: int
) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of ``segments`` and the source (line, column), 1-based, of each of its
    characters, found in order in ``lines`` from 0-based (``line``, ``column``).

    ``text`` characters are looked up one by one; ``code`` becomes one placeholder character
    at its first character; ``skip`` (inline HTML) only moves the cursor; ``space`` (a line
    break between Latin words) is a made-up space at the cursor. A character not found keeps
    the cursor where it was."""
    plain: list[str] = []
    origin: list[tuple[int, int]] = []
    for mode, text in segments:
        if mode == "space":
            plain.append(" ")
            origin.append((line + 1, column + 1))
            continue
        for index, char in enumerate(text):
            found = _find(char, lines, line, column)
            if found is not None:
                line, column = found
            if mode == "text" or (mode == "code" and index == 0):
                plain.append(char if mode == "text" else CODE_PLACEHOLDER)
                origin.append((line + 1, column + 1))
            if found is not None:
                column += 1
    return "".join(plain), origin


def _segments(token: Any) -> list[Segment]:
    """The pieces of an inline token: text (images by their alt text), code spans, inline HTML,
    and line breaks (Chinese lines join without a space, Latin words with one)."""
    out: list[Segment] = []
    for child in token.children or []:
        if child.type == "text":
            out.append(("text", child.content))
        elif child.type == "image":
            out.append(("text", "".join(c.content for c in child.children or [])))
        elif child.type == "code_inline" and child.content:
            out.append(("code", child.content))
        elif child.type == "html_inline":
            out.append(("skip", child.content))
        elif child.type in ("softbreak", "hardbreak"):
            before = next((text[-1] for mode, text in reversed(out) if text), "")
            if before.isascii() and before.isalnum():
                out.append(("space", " "))
    return out


def read_markdown(text: str, path: str) -> Source:
    """A Markdown text: prose blocks as paragraphs with per-character source positions."""

    lines = text.split("\n")
    directives = parse_directives(lines) if "<!--" in text else []
    parsed, runs = _squeeze_blank_runs(text)
    if runs:  # parsed with long runs of blank lines cut short; lines are mapped back below
        source_lines, lines = lines, parsed.split("\n")
    tokens = _markdown().parse(parsed)
    paragraphs: list[TextParagraph] = []
    metadata: dict[str, Any] = {}
    role = "body"
    heading_part = Part.HEADING1
    cursor: dict[int, int] = {}  # per source line: column after the last cell read
    in_table = False
    has_title = False
    for token in tokens:
        if token.type == "front_matter":
            loaded = _front_matter(token.content, path)
            if isinstance(loaded, dict):
                metadata = loaded
                title = _front_matter_title(loaded, lines)
                if title is not None:
                    paragraphs.append(title)
                    has_title = True
            continue
        if token.type == "heading_open":
            role = "heading"
            heading_part = HEADING_OF_LEVEL.get(int(token.tag[1]), Part.HEADING4)
        elif token.type == "table_open":
            in_table = True
        elif token.type == "table_close":
            in_table = False
        elif token.type == "inline" and token.map:
            segments = _segments(token)
            if not "".join(text for mode, text in segments if mode == "text").strip():
                continue
            start_line = token.map[0]
            first = token.content.split("\n", 1)[0].strip()
            begin = cursor.get(start_line, 0)
            found = lines[start_line].find(first, begin) if first else -1
            column = found if found >= 0 else begin
            plain, origin = _align(segments, lines, start_line, column)
            cursor[start_line] = origin[-1][1] if origin[-1][0] == start_line + 1 else 0
            paragraph_role = "table" if in_table else role
            hint = Part.TABLE if in_table else heading_part if role == "heading" else None
            paragraphs.append(
                TextParagraph(
                    0,
                    plain,
                    0,
                    role=paragraph_role,
                    line=origin[0][0],
                    column=origin[0][1],
                    origin=origin,
                    part=hint,
                )
            )
        elif token.type == "heading_close":
            if not has_title and token.tag == "h1" and len(paragraphs) == 1:
                paragraphs[0].role = "title"
                paragraphs[0].part = Part.TITLE
                has_title = True
            role = "body"
    level_headings(paragraphs)  # an explicit Markdown heading keeps its role
    if runs:
        _unsqueeze(paragraphs, runs)
        lines = source_lines
    doc = PreparedDoc.from_paragraphs(path, paragraphs, source="md", metadata=metadata)
    return Source(doc, lines, directives)


#: Blank lines in a row past which Markdown is parsed with the run cut short (to this many):
#: CommonMark reads any run of two or more blank lines alike, but markdown-it keeps four
#: numbers for every line, some 120 bytes a line (a gigabyte for ten megabytes of newlines).
_BLANK_RUN = 64
_BLANK_LINES = re.compile(r"(?m)^[ \t\n]*\n")  # a run of whole blank lines (no group repeat:
# the regular-expression engine keeps state for every repetition of a group)


def _squeeze_blank_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each run of more than :data:`_BLANK_RUN` blank lines cut to that many,
    and the runs cut as ``(first line after the run in the cut text (0-based), lines removed
    so far)``, for :func:`_unsqueeze`."""
    runs: list[tuple[int, int]] = []
    pieces: list[str] = []
    begin = removed = 0
    line = 0  # 0-based line of ``begin`` in the cut text
    for match in _BLANK_LINES.finditer(text):
        if match.end() - match.start() <= _BLANK_RUN or match.group().count("\n") <= _BLANK_RUN:
            continue
        line += text.count("\n", begin, match.start())
        pieces += [text[begin : match.start()], "\n" * _BLANK_RUN]
        line += _BLANK_RUN
        removed += match.group().count("\n") - _BLANK_RUN
        runs.append((line, removed))
        begin = match.end()
    if not runs:
        return text, runs
    pieces.append(text[begin:])
    return "".join(pieces), runs


def _unsqueeze(paragraphs: list[TextParagraph], runs: list[tuple[int, int]]) -> None:
    """Lines of the cut text (see :func:`_squeeze_blank_runs`) back to the source's."""
    starts = [first for first, _ in runs]

    def source_line(line: int) -> int:  # 1-based in, 1-based out
        at = bisect.bisect_right(starts, line - 1)
        return line + (runs[at - 1][1] if at else 0)

    for paragraph in paragraphs:
        paragraph.line = source_line(paragraph.line)
        if paragraph.origin:
            paragraph.origin = [(source_line(line), column) for line, column in paragraph.origin]


def _front_matter(content: str, path: str) -> Any:
    """A Markdown file's front matter as YAML values; ``None`` when it is not valid YAML (the
    linter only reads a title and a kind from it). One that nests or expands past the data
    limits is an InputError: that file is reported in one line, the others are still linted."""
    import yaml

    try:
        node = yaml.compose(content, Loader=yaml.SafeLoader)
        if node is None:
            return None
        check_data_tree(node, "<front matter>")
        return yaml.SafeLoader("").construct_document(node)
    except (RecursionError, DataError):
        message = "文首 YAML（front matter）嵌套过深或展开过大，无法解析"
        raise InputError(message, path=path) from None
    except (yaml.YAMLError, InputError, ValueError):
        return None


def _front_matter_title(data: dict[str, Any], lines: list[str]) -> TextParagraph | None:
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    for number, line in enumerate(lines[1:], 2):
        if line.strip() == "---":
            break
        match = re.match(r"\s*title\s*:\s*['\"]?", line)
        if match:
            column = line.find(title, match.end() - 1)
            if column >= 0:
                return TextParagraph(
                    0, title, 0, role="title", line=number, column=column + 1, part=Part.TITLE
                )
    return TextParagraph(0, title, 0, role="title", line=1, column=1, part=Part.TITLE)
