"""Where things fall on the page, computed from the XML: characters per line, lines per page,
where a paragraph's first character stands, how far a line ends from the right edge.

A character's advance is its size plus the run's character spacing; on a character grid
(``linesAndChars``) it is a whole number of grid cells, the cell being the default paragraph
style's size plus ``charSpace``/4096 pt. On a line grid a paragraph that snaps to it takes a
whole number of grid lines (its natural height: 1.3 × its size × its line-spacing multiple,
rounded up to the pitch); exact and at-least spacing are what they say. Without a grid the
natural height is an estimate (it depends on the face's metrics), and so is everything that
follows from it: findings built on it say 约.
"""

from __future__ import annotations

import math

from drafting.lint.docx_layout.facts import DocFacts, Para
from drafting.lint.docx_layout.page import Section
from drafting.zh.chars import width_in_chars as width

#: Natural line height of single spacing as a multiple of the type size (CJK faces in Word).
NATURAL_LINE = 1.3
_EPSILON = 0.02
CHAR_GRIDS = ("linesAndChars", "snapToChars")
LINE_GRIDS = ("lines", *CHAR_GRIDS)


class Geometry:
    """Positions and sizes for the paragraphs of one document."""

    def __init__(self, facts: DocFacts) -> None:
        self.facts = facts

    # -- characters -----------------------------------------------------------------------
    def grid_pitch(self, section: Section) -> float | None:
        """The character grid's cell in twips (None without a character grid)."""
        if section.grid_type not in CHAR_GRIDS:
            return None
        return self.facts.normal_size * 20 + (section.char_space or 0) * 20 / 4096

    def advance(self, para: Para, size: float | None = None) -> float:
        """Twips one full-width character of ``para`` takes on its line."""
        own = (size or para.size) * 20 + para.spacing
        pitch = self.grid_pitch(self.facts.section_of(para))
        if pitch and para.format.snap and pitch > 0:
            cells = max(1, math.ceil(own / pitch - 0.05))
            return cells * pitch
        return own

    def chars(self, twips: float, para: Para) -> float:
        return twips / self.advance(para)

    def _indent(self, twips: float, chars: float | None, para: Para) -> float:
        return chars if chars is not None else self.chars(twips, para)

    def left(self, para: Para) -> float:
        """The left indent of every line but the first, in characters."""
        return self._indent(para.format.left, para.format.left_chars, para)

    def right(self, para: Para) -> float:
        return self._indent(para.format.right, para.format.right_chars, para)

    def leading(self, para: Para, start_twips: float = 0.0) -> float:
        """Characters of white space before the paragraph's first visible character (a
        full-width space is one, a half-width one half, a tab jumps to the next default stop)."""
        advance = self.advance(para)
        position = start_twips
        for char in para.text:
            if char == "\u3000":
                position += advance
            elif char in " \xa0":
                position += advance / 2
            elif char == "\t":
                tab = self.facts.default_tab
                position = (math.floor(position / tab + _EPSILON) + 1) * tab
            else:
                break
        return (position - start_twips) / advance

    def first_start(self, para: Para) -> float:
        """Characters from the left edge of the text block to the first visible character."""
        fmt = para.format
        left = self.left(para)
        if fmt.first_line_chars is not None:
            first = fmt.first_line_chars
        else:
            first = self.chars(fmt.first_line, para)
        start = left + first
        return start + self.leading(para, start * self.advance(para))

    def line_chars(self, para: Para) -> float:
        """The text block's width in characters of ``para`` (indents not taken off)."""
        return self.facts.section_of(para).text_width / self.advance(para)

    def right_gap(self, para: Para) -> float:
        """Characters between the end of the paragraph's (one-line) text and the right edge of
        the text block."""
        fmt = para.format
        total = self.line_chars(para)
        text = para.text.strip(" \u3000\t")
        trailing = width(para.text) - width(para.text.rstrip(" \u3000"))
        used = width(text)
        if fmt.jc == "right":
            return self.right(para) + trailing
        if fmt.jc == "center":
            free = total - self.left(para) - self.right(para) - used
            return free / 2 + self.right(para)
        return total - self.first_start(para) - used

    # -- lines ----------------------------------------------------------------------------
    def on_line_grid(self, para: Para) -> bool:
        section = self.facts.section_of(para)
        return section.grid_type in LINE_GRIDS and bool(section.line_pitch) and para.format.snap

    def line_height(self, para: Para) -> tuple[float, bool]:
        """Twips of one line of ``para`` and whether that is certain (not a natural-height
        estimate)."""
        fmt = para.format
        section = self.facts.section_of(para)
        multiple = (fmt.line or 240) / 240 if fmt.line_rule == "auto" else 1.0
        natural = para.size * 20 * NATURAL_LINE * multiple
        if fmt.line_rule == "exact" and fmt.line:
            return fmt.line, True
        if self.on_line_grid(para):
            pitch = section.line_pitch or 1.0
            snapped = max(1, math.ceil(natural / pitch - 0.01)) * pitch
            if fmt.line_rule == "atLeast" and fmt.line:
                return max(fmt.line, snapped), True
            return snapped, True
        if fmt.line_rule == "atLeast" and fmt.line:
            return max(fmt.line, natural), fmt.line >= natural
        return natural, False

    def lines_per_page(self, para: Para) -> tuple[int, bool]:
        height, certain = self.line_height(para)
        section = self.facts.section_of(para)
        return math.floor(section.text_height / height + _EPSILON), certain

    def chars_per_line(self, para: Para) -> int:
        section = self.facts.section_of(para)
        pitch = self.grid_pitch(section)
        if pitch and para.format.snap:
            own = para.size * 20 + para.spacing
            cells = max(1, math.ceil(own / pitch - 0.05))
            return math.floor(math.floor(section.text_width / pitch + _EPSILON) / cells)
        return math.floor(section.text_width / (para.size * 20 + para.spacing) + _EPSILON)

    def spacing_before(self, para: Para) -> float:
        fmt = para.format
        if fmt.before_lines is not None:
            return fmt.before_lines * self._line_unit(para)
        return fmt.before

    def spacing_after(self, para: Para) -> float:
        fmt = para.format
        if fmt.after_lines is not None:
            return fmt.after_lines * self._line_unit(para)
        return fmt.after

    def _line_unit(self, para: Para) -> float:
        section = self.facts.section_of(para)
        if section.grid_type in LINE_GRIDS and section.line_pitch:
            return section.line_pitch
        return 240.0

    def wrapped_lines(self, para: Para) -> int:
        """Lines the paragraph takes: its forced breaks and its wrapping at the line width."""
        per_line = max(1.0, self.line_chars(para) - self.left(para) - self.right(para))
        start = self.first_start(para) - self.left(para)
        total = 0
        raw = "".join(run.text for run in para.runs).replace("\r", "")
        for index, piece in enumerate(raw.split("\n")):
            begin = start if index == 0 else 0.0
            total += max(
                1, math.ceil((begin + width(piece.strip(" \u3000"))) / per_line - _EPSILON)
            )
        return max(total, 1)

    def height(self, para: Para) -> float:
        line, _ = self.line_height(para)
        lines = self.wrapped_lines(para)
        return self.spacing_before(para) + line * lines + self.spacing_after(para)

    def paginate(self, paras: list[Para]) -> list[tuple[int, float]] | None:
        """``(page, top)`` of each paragraph of ``paras`` (body paragraphs of one section, in
        order): an estimate, None where it cannot be made (tables, shapes, no line grid)."""
        placed: list[tuple[int, float]] = []
        page, position = 0, 0.0
        for para in paras:
            if para.region != "body" or not self.line_height(para)[1]:
                return None
            if para.format.frame:
                placed.append((page, position))
                continue
            section = self.facts.section_of(para)
            if para.new_page and placed:
                page, position = page + 1, 0.0
            height = self.height(para)
            placed.append((page, position))
            position += height
            while position > section.text_height + 1:
                page += 1
                position -= section.text_height
        return placed
