"""``--render``: lay the .docx out in LibreOffice and measure its pages, as the project's own
layout tests measure the builder's documents (``tests/pdf_layout.py``).

The PDF is read with PyMuPDF (the optional ``render`` extra): text lines with their boxes and
colours, horizontal strokes with their colour. Measured: lines per full page and characters
per full line, the text block's edges (the margins), every page's number (text, side, distance
below the 版心), the 标志's top, the red rule on page 1, the 版记's last rule on the last
page. A measured aspect replaces the XML estimate of the same aspect; what cannot be measured
(one page only, no full line) keeps the estimate. Documents on a character grid keep the XML's
characters per line: LibreOffice lays a character grid out differently from Word and WPS.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from drafting.anatomy.parts import Part
from drafting.errors import InputError
from drafting.gbt9704 import LayoutProfile
from drafting.lint.docx_layout.checks import LayoutIssue
from drafting.lint.docx_layout.facts import DocFacts
from drafting.lint.docx_layout.geometry import CHAR_GRIDS
from drafting.lint.docx_layout.ooxml import twips_to_mm

if TYPE_CHECKING:
    from drafting.lint.docx_layout.checks import LayoutReport

PT_TO_MM = 25.4 / 72
TOLERANCE_MM = 1.0
NUMBER = re.compile(r"^[—―\-－–~]*(\d{1,4})[—―\-－–~]*$|^第(\d{1,4})页")
NO_PYMUPDF = "排版实测需要 PyMuPDF（pip install 'drafting[render]'），本次只做了 XML 检查"


@dataclass
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    colors: tuple[int, ...] = ()
    baseline: float = 0.0  # mm from the top of the page, of the first span
    size: float = 0.0  # points, of the first span

    @property
    def chars(self) -> str:
        return re.sub(r"\s", "", self.text)


@dataclass
class Stroke:
    x0: float
    x1: float
    y: float
    color: tuple[float, ...]

    @property
    def red(self) -> bool:
        r, g, b = (*self.color, 0.0, 0.0, 0.0)[:3]
        return r > 0.7 and g < 0.4 and b < 0.4

    @property
    def black(self) -> bool:
        return max(self.color[:3], default=0.0) < 0.25


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)


#: What may hang past the right edge of the 版心 at the end of a line (LibreOffice, like Word,
#: lets a closing mark stand outside rather than move a character to the next line).
HANGING = frozenset("，。、；：！？”’）》」』〕】…")


def _right_edge(lines: list[Line]) -> float:
    """The right edge of the text block: where the lines end, not counting a line whose last
    mark hangs past it (unless every line ends on one)."""
    kept = [line.x1 for line in lines if line.chars[-1:] not in HANGING]
    return max(kept or [line.x1 for line in lines])


def read_pages(pdf: bytes) -> list[Page]:
    import pymupdf

    pages: list[Page] = []
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        for index, pdf_page in enumerate(document, 1):
            rect = pdf_page.rect
            page = Page(index, rect.width * PT_TO_MM, rect.height * PT_TO_MM)
            for block in pdf_page.get_text("dict")["blocks"]:
                for raw in block.get("lines", []):
                    spans = raw["spans"]
                    text = "".join(span["text"] for span in spans)
                    if not text.strip():
                        continue
                    x0, y0, x1, y1 = (value * PT_TO_MM for value in raw["bbox"])
                    colors = tuple(span["color"] for span in spans if span["text"].strip())
                    baseline = spans[0]["origin"][1] * PT_TO_MM
                    line = Line(text, x0, y0, x1, y1, colors, baseline, spans[0]["size"])
                    page.lines.append(line)
            for drawing in pdf_page.get_drawings():
                color = drawing.get("color") or drawing.get("fill")
                box = drawing["rect"]
                if color is None or box.height * PT_TO_MM > 1.5 or box.width * PT_TO_MM < 20:
                    continue
                y = (box.y0 + box.y1) / 2 * PT_TO_MM
                page.strokes.append(Stroke(box.x0 * PT_TO_MM, box.x1 * PT_TO_MM, y, tuple(color)))
            pages.append(page)
    return pages


class Measurer:
    """Measures one rendered document against the profile; ``judged`` are the aspects it
    could measure (their XML findings give way to its own)."""

    def __init__(self, pages: list[Page], facts: DocFacts, profile: LayoutProfile) -> None:
        self.pages = pages
        self.facts = facts
        self.p = profile
        section = facts.sections[0]
        self.top = twips_to_mm(section.top)
        self.bottom = twips_to_mm(section.bottom)
        self.left = twips_to_mm(section.left + section.gutter)
        self.right = twips_to_mm(section.right)
        self.judged: set[str] = set()
        self.issues: list[LayoutIssue] = []

    def body_lines(self, page: Page) -> list[Line]:
        """Lines inside the 版心 (not the footer), cells of one table row merged."""
        rows: dict[int, Line] = {}
        for line in page.lines:
            if line.y0 >= page.height - self.bottom - 0.5 or line is self.number_line(page):
                continue
            rows.setdefault(round((line.y0 + line.y1) / 2), line)
        return [rows[key] for key in sorted(rows)]

    def number_line(self, page: Page) -> Line | None:
        """The page number: a line of a number (and dashes) near the foot of the page, below
        the 版心 or, when the footer runs into it, just inside it."""
        for line in page.lines:
            if line.y0 >= page.height - self.bottom - 15 and _number_of(line) is not None:
                return line
        return None

    def add(self, code: str, paragraph: int, message: str, aspect: str) -> None:
        self.issues.append(LayoutIssue(code, paragraph, message, aspect, measured=True))

    def run(self) -> list[LayoutIssue]:
        self._grid_and_margins()
        self._page_numbers()
        self._head()
        self._colophon()
        return self.issues

    # -- grid, margins ----------------------------------------------------------------------
    def _grid_and_margins(self) -> None:
        facts, p = self.facts, self.p
        all_lines = [line for page in self.pages for line in self.body_lines(page)]
        if not all_lines or facts.sections[0].grid_type in CHAR_GRIDS:
            return  # LibreOffice lays a character grid out unlike Word and WPS: the XML decides
        body = [para for para in facts.parts(Part.BODY) if not para.format.frame]
        anchor = body[0].number if body else facts.anchor(facts.sections[0])
        left_edge = min(line.x0 for line in all_lines)
        right_edge = _right_edge(all_lines)
        full = [
            line
            for line in all_lines
            if abs(line.x0 - left_edge) < 2 and abs(line.x1 - right_edge) < 2
        ]
        cjk = [len(line.chars) for line in full if _full_width(line.chars)]
        chars = Counter(cjk).most_common(1)[0][0] if cjk else None
        page, pitch = self._full_page()
        if pitch is None:
            return
        text_height = self.pages[0].height - self.top - self.bottom
        lines = len(self.body_lines(page)) if page else int(text_height / pitch + 0.05)
        if chars is not None:
            self.judged.add("grid")
            if lines != p.lines_per_page or chars != p.chars_per_line:
                message = (
                    f"正文每面 {lines} 行、每行 {chars} 字，"
                    f"应为每面 {p.lines_per_page} 行、每行 {p.chars_per_line} 字"
                )
                self.add("L503", anchor, message, "grid")
        if page is None or not full:
            return
        rows = self.body_lines(page)
        top = rows[0].y0 - (pitch - (rows[0].y1 - rows[0].y0)) / 2
        bottom = page.height - (rows[-1].y1 + (pitch - (rows[-1].y1 - rows[-1].y0)) / 2)
        have = [top, bottom, left_edge, page.width - right_edge]
        want = [p.margin_top_mm, p.margin_bottom_mm, p.margin_left_mm, p.margin_right_mm]
        self.judged.add("margins")
        if any(abs(a - b) > TOLERANCE_MM for a, b in zip(have, want, strict=True)):
            names = ("上", "下", "左", "右")
            actual = "、".join(f"{n} {v:.1f}" for n, v in zip(names, have, strict=True))
            wanted = "、".join(f"{n} {v:g}" for n, v in zip(names, want, strict=True))
            message = f"版心边缘距纸边{actual} mm，应为{wanted} mm（版心 156 × 225 mm）"
            self.add("L502", facts.anchor(facts.sections[0]), message, "margins")

    def _full_page(self) -> tuple[Page | None, float | None]:
        """A page filled to the bottom of its text block (neither the first, which carries the
        版头 or the title, nor the last), and the line pitch; with no such page, the pitch of
        the page with most lines (None when no page has two lines)."""
        best: tuple[Page | None, float | None] = (None, None)
        most = 1
        full: tuple[Page, float] | None = None
        for page in self.pages:
            rows = self.body_lines(page)
            if len(rows) < 2:
                continue
            steps = sorted(b.y0 - a.y0 for a, b in pairwise(rows))
            pitch = steps[len(steps) // 2]
            inner = page.number not in (1, len(self.pages))
            reaches = rows[-1].y1 >= page.height - self.bottom - 1.5 * pitch
            # of the inner pages reaching the foot, the one with most lines: a heading kept
            # with its paragraph leaves another such page a line short
            if inner and reaches and (full is None or len(rows) > len(self.body_lines(full[0]))):
                full = page, (rows[-1].y0 - rows[0].y0) / (len(rows) - 1)
            if len(rows) > most:
                most, best = len(rows), (None, pitch)
        return full or best

    # -- page numbers -----------------------------------------------------------------------
    def _page_numbers(self) -> None:
        facts, p = self.facts, self.p
        anchor = facts.anchor(facts.sections[0])
        problems: dict[str, str] = {}
        one = p.page_number_size_pt * PT_TO_MM
        unnumbered = self._back_pages()
        for page in self.pages:
            line = self.number_line(page)
            if line is None:
                if not (page.number == 1 and facts.letter) and page.number not in unnumbered:
                    problems.setdefault("missing", f"第 {page.number} 页没有页码")
                continue
            if not re.fullmatch(r"[—―]\d+[—―]", line.chars):
                problems.setdefault("form", f"页码为“{line.text.strip()}”，应为“— {page.number} —”")
            odd = page.number % 2 == 1
            centre = (line.x0 + line.x1) / 2
            middle = self.left + (page.width - self.left - self.right) / 2
            want = "应单页居右空一字、双页居左空一字"
            if abs(centre - middle) < 10:
                problems.setdefault("centre", f"页码居中，{want}")
            elif odd and centre < middle:
                problems.setdefault("side-odd", f"第 {page.number} 页（单页）页码居左，{want}")
            elif not odd and centre > middle:
                problems.setdefault("side-even", f"第 {page.number} 页（双页）页码居右，{want}")
            elif odd and abs(line.x1 - (page.width - self.right - one)) > TOLERANCE_MM:
                gap = (page.width - self.right - line.x1) / one
                problems.setdefault("in-odd", f"单页页码居右空 {gap:.1f} 字，应空一字")
            elif not odd and abs(line.x0 - (self.left + one)) > TOLERANCE_MM:
                gap = (line.x0 - self.left) / one
                problems.setdefault("in-even", f"双页页码居左空 {gap:.1f} 字，应空一字")
            # the 一字线's top: a third of an em above the number's baseline
            dash = line.baseline - p.page_number_dash_em * line.size * PT_TO_MM
            drop = dash - (page.height - self.bottom)
            if abs(drop - p.page_number_drop_mm) > TOLERANCE_MM:
                problems.setdefault(
                    "drop",
                    f"页码一字线距版心下边缘 {drop:.1f} mm，应为 {p.page_number_drop_mm:g} mm",
                )
        self.judged.add("page_numbers")
        for message in problems.values():
            self.add("L513", anchor, message, "page_numbers")

    def _back_pages(self) -> set[int]:
        """The last two pages when they are a blank page and a page holding only the 版记:
        GB/T 9704-2012 7.5 numbers neither."""
        if len(self.pages) < 3:
            return set()
        colophon = "".join(
            re.sub(r"\s", "", q.text)
            for q in self.facts.paragraphs
            if q.part in (Part.CC, Part.PRINTER) and q.content
        )
        blank, back = self.pages[-2], self.pages[-1]
        texts = [line.chars for line in back.lines if line is not self.number_line(back)]
        only_colophon = bool(colophon) and bool(texts) and all(t in colophon for t in texts)
        empty = all(line is self.number_line(blank) for line in blank.lines)
        return {blank.number, back.number} if only_colophon and empty else set()

    # -- 版头 -------------------------------------------------------------------------------
    def _head(self) -> None:
        facts, p = self.facts, self.p
        if not self.pages:
            return
        first = self.pages[0]
        marks = [m for m in facts.parts(Part.ORGAN_MARK) if m.region == "body"]
        if marks and not facts.letter:
            wanted = re.sub(r"\s", "", marks[0].text)
            found = next((line for line in first.lines if line.chars == wanted), None)
            if found is not None:
                self.judged.add("mark_top")
                top = found.y0 - self.top
                if abs(top - p.mark_top_mm) > 1.5:
                    message = (
                        f"发文机关标志上边缘距版心上边缘 {top:.0f} mm，应为 {p.mark_top_mm:g} mm"
                    )
                    self.add("L508", marks[0].number, message, "mark_top")
        numbers = facts.parts(Part.DOC_NUMBER)
        if not (numbers or marks) or facts.letter:
            return
        anchor = (numbers or marks)[-1].number
        # the upper two thirds: three short organ names stacked set the rule just below half-way
        upper = first.height * 2 / 3
        long_strokes = [s for s in first.strokes if s.x1 - s.x0 > 100 and s.y < upper]
        self.judged.add("red_rule")
        if not long_strokes:
            message = "版头没有分隔线：发文字号之下 4 mm 处应有一条与版心等宽的红色分隔线"
            self.add("L509", anchor, message, "red_rule")
            return
        stroke = long_strokes[0]
        if not stroke.red:
            self.add("L509", anchor, "版头分隔线不是红色，应为红色", "red_rule")
        text_width = first.width - self.left - self.right
        if abs((stroke.x1 - stroke.x0) - text_width) > 2 * TOLERANCE_MM:
            length = stroke.x1 - stroke.x0
            message = f"版头分隔线长 {length:.0f} mm，应与版心等宽（{text_width:.0f} mm）"
            self.add("L509", anchor, message, "red_rule")

    # -- 版记 -------------------------------------------------------------------------------
    def _colophon(self) -> None:
        facts = self.facts
        rows = [q for q in facts.paragraphs if q.part in (Part.CC, Part.PRINTER) and q.content]
        if not rows or facts.letter or not self.pages:
            return
        last = self.pages[-1]
        texts = [
            line for line in last.lines if line.chars.startswith("抄送") or "印发" in line.chars
        ]
        if not texts:
            return
        top = min(line.y0 for line in texts) - 5
        strokes = [s for s in last.strokes if s.black and s.x1 - s.x0 > 100 and s.y >= top]
        self.judged.add("colophon_position")
        bottom_edge = last.height - self.bottom
        lowest = max((s.y for s in strokes), default=max(line.y1 for line in texts))
        if abs(lowest - bottom_edge) > TOLERANCE_MM:
            message = (
                f"版记末条分隔线距版心下边缘 {bottom_edge - lowest:.0f} mm，"
                "应置于最后一页版心底部（末条分隔线与版心下边缘重合）"
            )
            self.add("L514", rows[0].number, message, "colophon_position")


def _number_of(line: Line) -> int | None:
    match = NUMBER.match(line.chars)
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def _full_width(text: str) -> bool:
    return bool(text) and all(ord(char) >= 0x2E80 for char in text)


def apply_measurements(
    report: LayoutReport, facts: DocFacts, data: bytes, profile: LayoutProfile
) -> None:
    """Render ``data`` with LibreOffice, measure, and put the measured verdicts in ``report``
    in place of the XML estimates of the aspects measured; a note when it cannot be done."""
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        report.notes.append(NO_PYMUPDF)
        return
    from drafting.office_convert import to_pdf

    try:
        pdf = to_pdf(data)
    except InputError as exc:
        report.notes.append(f"{exc.args[0]}；本次只做了 XML 检查")
        return
    measurer = Measurer(read_pages(pdf), facts, profile)
    measured = measurer.run()
    report.issues = [
        issue for issue in report.issues if issue.aspect not in measurer.judged
    ] + measured
    report.issues.sort(key=lambda issue: (issue.code, issue.paragraph))
    report.measured = True
