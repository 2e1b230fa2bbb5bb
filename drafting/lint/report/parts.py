"""``drafting lint --show-parts``: the document as the linter read it, each paragraph with its
part (标题, 主送机关, 正文, 署名 …) and the kind it was read as, so a user can see what the rules
will look at before reading their findings."""

from __future__ import annotations

from drafting.lint.engine import Settings
from drafting.lint.profiles import choose_genre
from drafting.sources.document import Source
from drafting.terminal import visible

#: Width of the part column (in display cells: Chinese names are two cells a character).
_PART_WIDTH = 14


def parts_view(source: Source, settings: Settings) -> str:
    """The text of one document with its parts marked: a heading line naming the kind, then
    ``paragraph  part  text`` for every non-empty paragraph (``line`` is the paragraph
    number of a .docx and the source line of a text)."""
    doc = source.doc
    choice = choose_genre(doc, settings.genre)
    lines = [f"{visible(doc.path)}：{visible(choice.describe())}"]
    for paragraph in doc.paragraphs:
        if not paragraph.text.strip():
            continue
        name = paragraph.part.chinese if paragraph.part is not None else "—"
        pad = " " * max(1, _PART_WIDTH - 2 * len(name))
        number = paragraph.number if paragraph.number is not None else paragraph.line
        lines.append(f"{number:>5}  {name}{pad}{visible(paragraph.text)}")
    return "\n".join(lines)
