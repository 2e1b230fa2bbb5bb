"""Where the flow written so far ends: the page and the height used on it, estimated from the
builder's own paragraphs (GB/T 9704-2012 7.4 puts the 版记 on an even last page, 7.5 numbers
the pages; the builder needs to know where the body ends to place it).

The estimate follows what the builder writes, not any .docx: every paragraph has one of our
styles (:mod:`drafting.layout.styles`), on the line grid (each line a whole number of grid lines
high, stacked from where the flow stands) or on exact lines. A Chinese character advances by
its size plus the character spacing, a Latin one by half its size; a paragraph's lines are its
forced breaks and its wrapping at the line's width after its indents, words and numbers whole,
closing marks hanging, LibreOffice's space between Chinese and Latin text counted. Framed
paragraphs, floating pictures and floating tables take no room in the flow. A table row is as
high as its tallest cell and is never split; header rows repeat on each page. A chain of
paragraphs kept with the next moves to the next page whole when its end would not fit.

It is exact for the documents the builder writes as LibreOffice lays them out (measured in
``tests/layout/test_layout_back_page.py``); Word, which sets no space between Chinese and
Latin text here, may fit a number-heavy line that LibreOffice wraps. A landscape section or a
picture in the line makes it unknown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from drafting.layout import styles as S
from drafting.layout.profile import pt_to_twips
from drafting.layout.writer import Writer

#: What breaks into lines as one piece: a Latin word or number, a character with the
#: opening marks before it, a closing mark.
_TOKENS = re.compile(r"[!-~]+|[“‘（《〈【〔「『]*[^!-~]")
_CLOSING = frozenset("，。、；：？！）》〉】〕」』”’…—·")
#: A paragraph without one of our styles: Normal's (body text on the grid).
_NORMAL = S.StyleSpec("Normal")
#: Twips of the 版心's height a page leaves unused to a renderer's rounding (22 grid lines
#: leave 18): what would end closer to the foot goes to the next page.
_ROUNDING = 12
#: The space LibreOffice sets between Chinese and Latin text, as a share of the type size
#: (it does so whatever ``w:autoSpaceDE`` says; Word, told not to, sets none).
_LATIN_GAP = 0.23
#: Single spacing as a multiple of the type size (CJK faces in Word and LibreOffice).
_NATURAL_LINE = 1.3


@dataclass(frozen=True)
class FlowEnd:
    """Where the flow ends: on page ``page`` (1-based), ``used`` twips below the 版心's top."""

    page: int
    used: int


@dataclass(frozen=True)
class _Block:
    """One paragraph (or one table row) as the page sees it."""

    lines: tuple[int, ...]  # the height of each line, in twips
    before: int = 0
    after: int = 0
    keep_next: bool = False
    page_before: bool = False
    page_after: bool = False
    whole: bool = False  # never split (a table row)
    repeat: int = 0  # a header row: its height repeats at the top of each further page

    @property
    def height(self) -> int:
        return self.before + sum(self.lines) + self.after


class Estimate:
    """The flow of one document being built, read from its body's elements."""

    def __init__(self, w: Writer) -> None:
        self.w = w
        self.p = w.profile
        names = {style_id: name for name, style_id in w.style_ids.items()}
        self._specs = {style_id: S.SPEC_BY_NAME[name] for style_id, name in names.items()}

    # -- the flow ---------------------------------------------------------------------------
    def flow_end(self, elements: list[Any] | None = None) -> FlowEnd | None:
        """Where the body's elements (all of them, or ``elements``) end; None where it
        cannot be told (a landscape section, a picture in the line)."""
        body = self.w.document.element.body
        if elements is None:
            elements = [child for child in body if child.tag != qn("w:sectPr")]
        if any(
            sect.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
            for sect in body.iter(qn("w:sectPr"))
        ):
            return None
        blocks: list[_Block] = []
        for element in elements:
            found = self._blocks(element)
            if found is None:
                return None
            blocks.extend(found)
        return self._place(blocks)

    def table_height(self, table: Any) -> int | None:
        """The height of a table's rows together (a floating one too)."""
        blocks = self._rows(table, floating_too=True)
        return None if blocks is None else sum(block.height for block in blocks)

    def _place(self, blocks: list[_Block]) -> FlowEnd:
        height = self.p.text_height_twips - _ROUNDING
        page, y, repeat = 1, 0, 0
        for index, block in enumerate(blocks):
            # a table's body row on a new page stands under its header rows, repeated
            carried = repeat if block.whole and not block.repeat else 0
            if block.page_before and y > 0:
                page, y = page + 1, 0
            need = self._kept_height(blocks, index)
            if need is not None and y > 0 and y + need > height and need <= height:
                page, y = page + 1, carried
            if block.whole and y > 0 and y + block.height > height:
                page, y = page + 1, carried
            y += block.before
            for line in block.lines:
                if y > 0 and y + line > height:
                    page, y = page + 1, carried
                y += line
            y += block.after
            repeat = repeat + block.height if block.repeat else (repeat if block.whole else 0)
            if block.page_after:
                page, y = page + 1, 0
        return FlowEnd(page, y)

    @staticmethod
    def _kept_height(blocks: list[_Block], index: int) -> int | None:
        """The height of the chain kept with the next paragraph starting at ``index`` (to the
        first line of the paragraph that ends it); None if the block is not kept with it."""
        if not blocks[index].keep_next:
            return None
        need = 0
        for block in blocks[index:]:
            if not block.keep_next:
                return need + block.before + (block.lines[0] if block.lines else 0)
            need += block.height
        return need

    # -- paragraphs -------------------------------------------------------------------------
    def _blocks(self, element: Any) -> list[_Block] | None:
        if element.tag == qn("w:tbl"):
            return self._rows(element)
        if element.tag != qn("w:p"):
            return []
        if _inline_picture(element):
            return None
        paragraph = self._paragraph(element, self.p.text_width_twips)
        return [] if paragraph is None else [paragraph]

    def _paragraph(self, element: Any, width: int) -> _Block | None:
        """The block of one paragraph ``width`` twips wide; None for a framed one."""
        ppr = element.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle") if ppr is not None else None
        spec = self._specs.get(style_id or "", _NORMAL)
        if ppr is not None and ppr.find(qn("w:framePr")) is not None:
            return None
        size = _run_size(element) or getattr(self.p, spec.size)
        grid = _on(ppr, "snapToGrid", spec.grid)
        line = self._line_height(ppr, spec, size, grid)
        count = self._line_count(element, ppr, spec, size, width)
        pitch = self.p.line_pitch_twips
        lines = [line] * count
        border = _bottom_border(ppr)
        if border:
            lines[-1] += border
        return _Block(
            lines=tuple(lines),
            before=_spacing(ppr, "before", pitch),
            after=_spacing(ppr, "after", pitch),
            keep_next=_on(ppr, "keepNext", spec.keep_next),
            page_before=_on(ppr, "pageBreakBefore", False),
            page_after=_page_break_after(element),
        )

    def _line_height(self, ppr: Any, spec: S.StyleSpec, size: float, grid: bool) -> int:
        own = S.style_line(spec, self.p)
        line, rule = _line_spacing(ppr) or ((own, "exact") if own else (240, "auto"))
        if rule == "exact":
            return line
        natural = size * 20 * _NATURAL_LINE * (line / 240 if rule == "auto" else 1)
        if grid:
            pitch = self.p.line_pitch_twips
            return max(1, math.ceil(natural / pitch - 0.01)) * pitch
        return max(line, round(natural)) if rule == "atLeast" else round(natural)

    def _line_count(
        self, element: Any, ppr: Any, spec: S.StyleSpec, size: float, width: int
    ) -> int:
        p = self.p
        scale = _char_scale(element) / 100
        wide = p.advance_twips(size) * scale  # a full-width character
        narrow = (pt_to_twips(size) / 2 + p.char_spacing_twips) * scale  # a Latin one
        left, right, first = _indents(ppr, self.p.chars_twips(spec.first_line_chars), wide)
        room = max(wide, width - left - right)
        gap = pt_to_twips(size) * _LATIN_GAP
        return sum(
            _wrapped(piece, first if index == 0 else 0.0, room, wide, narrow, gap)
            for index, piece in enumerate(_pieces(element))
        )

    # -- tables -----------------------------------------------------------------------------
    def _rows(self, table: Any, *, floating_too: bool = False) -> list[_Block] | None:
        tbl_pr = table.find(qn("w:tblPr"))
        if not floating_too and tbl_pr is not None and tbl_pr.find(qn("w:tblpPr")) is not None:
            return []  # floats: the 版记 stands on the bottom of the 版心, out of the flow
        margin = _cell_margin(tbl_pr)
        blocks: list[_Block] = []
        rows = table.findall(qn("w:tr"))
        for index, row in enumerate(rows):
            cells = row.findall(qn("w:tc"))
            heights = []
            for cell in cells:
                width = int(cell.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) - margin
                height = 0
                for paragraph in cell.findall(qn("w:p")):
                    if _inline_picture(paragraph):
                        return None
                    block = self._paragraph(paragraph, width)
                    height += block.height if block else 0
                heights.append(height)
            height = _row_height(row, max(heights, default=0))
            height += _border(tbl_pr, "top" if index == 0 else "insideH")
            if index == len(rows) - 1:
                height += _border(tbl_pr, "bottom")
            header = _row_flag(row, "tblHeader")
            blocks.append(_Block(lines=(height,), whole=True, repeat=height if header else 0))
        return blocks


# -- reading our own OOXML ----------------------------------------------------------------------
def _wrapped(
    text: str, first: float, room: float, wide: float, narrow: float, gap: float = 0.0
) -> int:
    """Lines ``text`` takes at ``room`` twips a line, the first starting ``first`` in: a
    Latin word or number stays whole, ``gap`` twips stand between it and Chinese text next to
    it, a closing mark hangs at a line's end rather than start the next, an opening mark goes
    to the next line with what it opens (all as LibreOffice sets them)."""
    lines, x, latin = 1, first, None
    for token in _TOKENS.findall(text.strip(" \u3000")):
        is_latin = token.isascii()
        size = len(token) * (narrow if is_latin else wide)
        space = gap if latin is not None and latin != is_latin else 0.0
        latin = is_latin
        if x + space + size <= room + 1 or (x > 0 and token in _CLOSING):
            x += space + size
            continue
        lines, x = lines + 1, size
    return lines


def _val(parent: Any, name: str) -> str | None:
    child = parent.find(qn(name)) if parent is not None else None
    return None if child is None else child.get(qn("w:val"))


def _on(ppr: Any, name: str, default: bool) -> bool:
    """A paragraph's own on/off property ``name``, else its style's ``default``."""
    element = ppr.find(qn(f"w:{name}")) if ppr is not None else None
    if element is None:
        return default
    return element.get(qn("w:val"), "1") not in ("0", "false", "off")


def _line_spacing(ppr: Any) -> tuple[int, str] | None:
    spacing = ppr.find(qn("w:spacing")) if ppr is not None else None
    if spacing is None or spacing.get(qn("w:line")) is None:
        return None
    return int(spacing.get(qn("w:line"))), spacing.get(qn("w:lineRule"), "auto")


def _spacing(ppr: Any, side: str, pitch: int) -> int:
    spacing = ppr.find(qn("w:spacing")) if ppr is not None else None
    if spacing is None:
        return 0
    lines = spacing.get(qn(f"w:{side}Lines"))
    if lines is not None:
        return round(int(lines) * pitch / 100)
    return int(spacing.get(qn(f"w:{side}"), "0"))


def _indents(ppr: Any, first_default: float, advance: float) -> tuple[float, float, float]:
    """Left, right and first-line (negative: hanging) indents in twips: the paragraph's own,
    else its style's first-line indent ``first_default``."""
    left, right, first = 0.0, 0.0, first_default
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    if ind is None:
        return left, right, first
    left = float(ind.get(qn("w:left")) or ind.get(qn("w:start")) or 0)
    right = float(ind.get(qn("w:right")) or ind.get(qn("w:end")) or 0)
    if ind.get(qn("w:firstLineChars")) is not None:
        first = int(ind.get(qn("w:firstLineChars"))) / 100 * advance
    elif ind.get(qn("w:firstLine")) is not None:
        first = float(ind.get(qn("w:firstLine")))
    if ind.get(qn("w:hanging")) is not None:
        first = -float(ind.get(qn("w:hanging")))
    return left, right, first


def _inline_picture(element: Any) -> bool:
    """A picture in the line (a floating one, the seal, takes no room in the flow)."""
    return element.find(".//" + qn("wp:inline")) is not None


def _run_size(element: Any) -> float | None:
    for run in element.findall(qn("w:r")):
        size = run.find(qn("w:rPr") + "/" + qn("w:sz"))
        if size is not None:
            return int(size.get(qn("w:val"))) / 2
    return None


def _char_scale(element: Any) -> int:
    scale = element.find(".//" + qn("w:rPr") + "/" + qn("w:w"))
    return 100 if scale is None else int(scale.get(qn("w:val")))


def _pieces(element: Any) -> Iterator[str]:
    """The paragraph's text between its forced line breaks (tabs count no width: they are
    the 印发 row's and the 发文字号's, whose parts share one line)."""
    piece: list[str] = []
    for node in element.iter(qn("w:t"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            piece.append(node.text or "")
        elif node.get(qn("w:type")) in (None, "textWrapping"):
            yield "".join(piece)
            piece = []
    yield "".join(piece)


def _page_break_after(element: Any) -> bool:
    return any(br.get(qn("w:type")) == "page" for br in element.iter(qn("w:br"))) or (
        element.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None
    )


def _bottom_border(ppr: Any) -> int:
    """Twips a bottom border adds under the paragraph: its width and its space."""
    border = ppr.find(qn("w:pBdr") + "/" + qn("w:bottom")) if ppr is not None else None
    if border is None or border.get(qn("w:val")) in (None, "none", "nil"):
        return 0
    width = int(border.get(qn("w:sz"), "0")) / 8 * 20
    return round(width + int(border.get(qn("w:space"), "0")) * 20)


def _border(tbl_pr: Any, side: str) -> int:
    """Twips the table's ``side`` border line takes (0 without one)."""
    border = tbl_pr.find(qn("w:tblBorders") + "/" + qn(f"w:{side}")) if tbl_pr is not None else None
    if border is None or border.get(qn("w:val")) in (None, "none", "nil"):
        return 0
    return round(int(border.get(qn("w:sz"), "0")) * 20 / 8)


def _cell_margin(tbl_pr: Any) -> int:
    margins = tbl_pr.find(qn("w:tblCellMar")) if tbl_pr is not None else None
    if margins is None:
        return 2 * 108  # Word's default, left and right
    total = 0
    for side in ("left", "right", "start", "end"):
        element = margins.find(qn(f"w:{side}"))
        if element is not None:
            total += int(element.get(qn("w:w"), "0"))
    return total


def _row_height(row: Any, content: int) -> int:
    height = row.find(qn("w:trPr") + "/" + qn("w:trHeight")) if row is not None else None
    if height is None:
        return content
    value = int(height.get(qn("w:val"), "0"))
    return value if height.get(qn("w:hRule")) == "exact" else max(value, content)


def _row_flag(row: Any, name: str) -> bool:
    return row.find(qn("w:trPr") + "/" + qn(f"w:{name}")) is not None
