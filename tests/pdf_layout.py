"""Render a .docx with LibreOffice headless and measure the PDF against GB/T 9704-2012.

Reusable by every template's rendering test::

    from pdf_layout import assert_gbt9704, measure, soffice_or_skip
    soffice_or_skip()
    layout = measure(docx_path)          # converts with LibreOffice, measures with PyMuPDF
    assert_gbt9704(layout)               # 22 × 28, edges within 1 mm, numbers, red header …

Lengths are in millimetres from the top-left corner of the page. The text block's top and
bottom are estimated from the first and last line of a full page, taking each line's cell
(one grid pitch high) as centred on its characters' em boxes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from drafting.layout.freefaces import write_profile

PT_TO_MM = 25.4 / 72
SOFFICE_TIMEOUT = 180

# GB/T 9704-2012 (see ../shared/spec/gbt9704.md)
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, RIGHT, BOTTOM = 28.0, 37.0, 26.0, 35.0
LINES, CHARS = 22, 28
PITCH_MM = 579 / 20 * PT_TO_MM
#: GB/T 9704 7.5: "一字线上距版心下边缘7mm": the top of the dash's stroke (its ink, as a
#: ruler on the printed page finds it), not the top of the number's line
NUMBER_DROP_MM = 7.0
#: The page number's line (one exact 14 pt line) leaves a renderer no room to set it higher
#: or lower: LibreOffice puts the dash's top 7.03 mm below the 版心.
NUMBER_DROP_TOLERANCE_MM = 0.5
EDGE_TOLERANCE_MM = 1.0

_PAGE_NUMBER = re.compile(r"^—\s*(\d+)\s*—$")


@dataclass
class Line:
    """One text line of the PDF: its text, box (mm) and the colours of its spans (0xRRGGBB)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    colors: tuple[int, ...] = ()

    @property
    def chars(self) -> str:
        return re.sub(r"\s", "", self.text)


@dataclass
class Rule:
    """A straight horizontal stroke (a drawn line or a border), mm; colour as (r, g, b) 0–1."""

    x0: float
    x1: float
    y: float
    width_pt: float
    color: tuple[float, float, float]

    @property
    def length(self) -> float:
        return self.x1 - self.x0

    @property
    def is_red(self) -> bool:
        r, g, b = self.color
        return r > 0.7 and g < 0.3 and b < 0.3

    @property
    def is_black(self) -> bool:
        return max(self.color) < 0.2


@dataclass
class Page:
    number: int  # 1-based physical page
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)

    @property
    def body_lines(self) -> list[Line]:
        """Lines inside the 版心 (not the footer), cells of one table row merged."""
        rows: dict[int, Line] = {}
        for line in self.lines:
            if line.y0 >= PAGE_H - BOTTOM or _PAGE_NUMBER.match(line.chars):
                continue
            key = round((line.y0 + line.y1) / 2)
            if key not in rows:
                rows[key] = line
        return [rows[key] for key in sorted(rows)]

    @property
    def page_number(self) -> Line | None:
        for line in self.lines:
            if line.y0 >= PAGE_H - BOTTOM and _PAGE_NUMBER.match(line.chars):
                return line
        return None

    #: the ink box (mm) of the page number's first dash, where there is a number
    dash: tuple[float, float, float, float] | None = None


@dataclass
class PdfLayout:
    """What was measured; ``None`` where the document offers nothing to measure."""

    pages: list[Page]
    lines_per_full_page: int
    full_pages: int  # pages carrying exactly 22 body lines
    chars_per_full_line: int
    left_mm: float | None
    right_mm: float | None
    top_mm: float | None
    bottom_mm: float | None
    line_pitch_mm: float | None
    page_numbers: list[tuple[int, str | None, str | None]]  # (page, text, "left"/"right")
    page_number_drop_mm: list[float]
    red_text_on_first_page: bool
    red_rule_on_first_page: Rule | None
    colophon_rules: list[Rule]
    pdf_path: Path | None = None


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_or_skip() -> str:
    """The LibreOffice executable, or skip the test saying why."""
    path = soffice()
    if path is None:
        pytest.skip("soffice not installed: LibreOffice is needed to render .docx to PDF")
    return path


def convert(docx_path: Path, outdir: Path) -> Path:
    """``soffice --headless --convert-to pdf`` with a private profile (parallel-safe)."""
    return office_convert(docx_path, outdir, "pdf")


def office_convert(source: Path, outdir: Path, target: str) -> Path:
    """``soffice --headless --convert-to TARGET`` (``pdf``, ``csv:…`` with a filter) with a
    private profile (parallel-safe); the converted file, or an AssertionError saying why not.
    The one LibreOffice helper of the tests (the ``to_pdf`` fixture in conftest.py)."""
    program = soffice_or_skip()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafting-lo-") as profile:
        if source.suffix == ".docx":  # free faces, as --to pdf does
            write_profile(Path(profile), source.read_bytes())
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ]
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=SOFFICE_TIMEOUT,
            env={**os.environ, "HOME": profile},
            check=False,
        )
    made = outdir / f"{source.stem}.{target.split(':')[0]}"
    if not made.exists():
        raise AssertionError(f"LibreOffice made no {made.suffix}: {result.stdout} {result.stderr}")
    return made


def read_pages(pdf_path: Path) -> list[Page]:
    import pymupdf

    pages = []
    with pymupdf.open(pdf_path) as pdf:
        for index, pdf_page in enumerate(pdf, 1):
            page = Page(index)
            for block in pdf_page.get_text("dict")["blocks"]:
                for raw in block.get("lines", []):
                    spans = raw["spans"]
                    text = "".join(span["text"] for span in spans)
                    if not text.strip():
                        continue
                    x0, y0, x1, y1 = (value * PT_TO_MM for value in raw["bbox"])
                    colors = tuple(span["color"] for span in spans if span["text"].strip())
                    page.lines.append(Line(text, x0, y0, x1, y1, colors))
            for drawing in pdf_page.get_drawings():
                color = drawing.get("color") or drawing.get("fill")
                rect = drawing["rect"]
                if color is None or rect.height * PT_TO_MM > 1.5:
                    continue
                page.rules.append(
                    Rule(
                        rect.x0 * PT_TO_MM,
                        rect.x1 * PT_TO_MM,
                        (rect.y0 + rect.y1) / 2 * PT_TO_MM,
                        drawing.get("width") or rect.height,
                        tuple(color),
                    )
                )
            page.dash = dash_ink(pdf_page)
            pages.append(page)
    return pages


def ink_box(pdf_page, rect_mm: tuple[float, float, float, float], dpi: int = 1200):
    """The box (mm) of what is drawn inside ``rect_mm`` of a pymupdf page (any pixel darker
    than light grey, red included), found on a 1200 dpi rendering of that clip; None if
    nothing is."""
    import pymupdf

    clip = pymupdf.Rect(*(value / PT_TO_MM for value in rect_mm))
    pixmap = pdf_page.get_pixmap(clip=clip, dpi=dpi, colorspace=pymupdf.csGRAY)
    width, stride, samples = pixmap.width, pixmap.stride, pixmap.samples
    rows, columns = [], []
    for y in range(pixmap.height):
        row = samples[y * stride : y * stride + width]
        dark = [x for x, value in enumerate(row) if value < 200]
        if dark:
            rows.append(y)
            columns.extend((dark[0], dark[-1]))
    if not rows:
        return None
    mm = 25.4 / dpi
    x0, y0 = clip.x0 * PT_TO_MM, clip.y0 * PT_TO_MM
    return (
        x0 + min(columns) * mm,
        y0 + rows[0] * mm,
        x0 + (max(columns) + 1) * mm,
        y0 + (rows[-1] + 1) * mm,
    )


def dash_ink(pdf_page) -> tuple[float, float, float, float] | None:
    """The ink box (mm) of the first ``—`` of the page number, on a portrait or turned page."""
    for block in pdf_page.get_text("rawdict")["blocks"]:
        for raw in block.get("lines", []):
            chars = [char for span in raw["spans"] for char in span["chars"]]
            text = re.sub(r"\s", "", "".join(char["c"] for char in chars))
            if not _PAGE_NUMBER.match(text):
                continue
            dash = next(char for char in chars if char["c"] in "—―")
            x0, y0, x1, y1 = (value * PT_TO_MM for value in dash["bbox"])
            return ink_box(pdf_page, (x0, y0, x1, y1))
    return None


def _is_full_width_text(text: str) -> bool:
    return bool(text) and all(ord(char) >= 0x2E80 for char in text)


def measure(path: Path, *, workdir: Path | None = None) -> PdfLayout:
    """Convert ``path`` (.docx; a .pdf is measured as is) and measure the PDF."""
    path = Path(path)
    pdf_path = path if path.suffix.lower() == ".pdf" else convert(path, workdir or path.parent)
    pages = read_pages(pdf_path)

    counts = [len(page.body_lines) for page in pages]
    full_pages = [
        page for page, count in zip(pages, counts, strict=False) if count >= max(counts, default=0)
    ]
    full_lines: list[Line] = []
    all_body = [line for page in pages for line in page.body_lines]
    for line in all_body:
        if abs(line.x0 - LEFT) < 2 and abs(line.x1 - (PAGE_W - RIGHT)) < 2:
            full_lines.append(line)
    cjk_full = [len(line.chars) for line in full_lines if _is_full_width_text(line.chars)]

    left = min((line.x0 for line in all_body), default=None)
    right = PAGE_W - max(line.x1 for line in full_lines) if full_lines else None
    top = bottom = pitch = None
    if full_pages and len(full_pages[0].body_lines) > 1:
        body = full_pages[0].body_lines
        first, last = body[0], body[-1]
        pitch = (last.y0 - first.y0) / (len(body) - 1)
        top = first.y0 - (pitch - (first.y1 - first.y0)) / 2
        bottom = PAGE_H - (last.y1 + (pitch - (last.y1 - last.y0)) / 2)

    numbers, drops = [], []
    for page in pages:
        line = page.page_number
        if line is None:
            numbers.append((page.number, None, None))
            continue
        side = "right" if (line.x0 + line.x1) / 2 > PAGE_W / 2 else "left"
        numbers.append((page.number, line.chars, side))
        assert page.dash is not None, f"page {page.number}: no dash drawn in {line.text!r}"
        drops.append(page.dash[1] - (PAGE_H - BOTTOM))

    first_page = pages[0] if pages else Page(0)
    red_text = any(_red(color) for line in first_page.lines for color in line.colors)
    red_rules = [rule for rule in first_page.rules if rule.is_red and rule.length > 100]
    last_rules = _colophon_rules(pages[-1]) if pages else []
    return PdfLayout(
        pages=pages,
        lines_per_full_page=max(counts, default=0),
        full_pages=sum(count == LINES for count in counts),
        chars_per_full_line=Counter(cjk_full).most_common(1)[0][0] if cjk_full else 0,
        left_mm=left,
        right_mm=right,
        top_mm=top,
        bottom_mm=bottom,
        line_pitch_mm=pitch,
        page_numbers=numbers,
        page_number_drop_mm=drops,
        red_text_on_first_page=red_text,
        red_rule_on_first_page=red_rules[0] if red_rules else None,
        colophon_rules=sorted(last_rules, key=lambda rule: rule.y),
        pdf_path=pdf_path,
    )


def _colophon_rules(page: Page) -> list[Rule]:
    """Black full-width lines from just above the 版记's first line (抄送 or 印发) down."""
    rows = [
        line for line in page.lines if line.chars.startswith("抄送") or line.chars.endswith("印发")
    ]
    if not rows:
        return []
    top = min(line.y0 for line in rows) - 5
    return [rule for rule in page.rules if rule.is_black and rule.length > 150 and rule.y >= top]


def _red(color: int) -> bool:
    r, g, b = (color >> 16) & 255, (color >> 8) & 255, color & 255
    return r > 180 and g < 80 and b < 80


def back_pages(layout: PdfLayout) -> set[int]:
    """The last two pages when they are a blank page and a page holding only the 版记 (抄送,
    印发): GB/T 9704-2012 7.5 numbers neither."""
    if len(layout.pages) < 3:
        return set()
    blank, back = layout.pages[-2], layout.pages[-1]
    texts = [line.chars for line in back.lines if line is not back.page_number]
    colophon = _colophon_texts(back)
    if blank.lines or not texts or not all(text in colophon for text in texts):
        return set()
    return {blank.number, back.number}


def _colophon_texts(page: Page) -> set[str]:
    """The texts of the 版记 rows on ``page``: from the 抄送 (or 印发) row down."""
    starts = [
        line.y0
        for line in page.lines
        if line.chars.startswith("抄送") or line.chars.endswith("印发")
    ]
    if not starts:
        return set()
    return {line.chars for line in page.lines if line.y0 >= min(starts) - 2.0}


def assert_gbt9704(
    layout: PdfLayout,
    *,
    official: bool = True,
    colophon: bool = True,
    full_pages: bool = True,
) -> None:
    """Assert the measured PDF meets GB/T 9704-2012: 22 lines × 28 characters, the text block's
    edges within 1 mm, ``— N —`` on every page (odd right, even left); for the 文件 format
    (``official``) red text and a red rule on page 1; with ``colophon`` the 版记 lines on the
    bottom of the last page's 版心. ``full_pages=False`` for documents shorter than a page."""
    tol = EDGE_TOLERANCE_MM
    if full_pages:
        assert layout.lines_per_full_page == LINES, f"{layout.lines_per_full_page} lines a page"
        assert layout.chars_per_full_line == CHARS, f"{layout.chars_per_full_line} chars a line"
        assert abs(layout.line_pitch_mm - PITCH_MM) < 0.1, f"pitch {layout.line_pitch_mm:.2f} mm"
        assert abs(layout.top_mm - TOP) <= tol, f"top {layout.top_mm:.2f} mm"
        assert abs(layout.bottom_mm - BOTTOM) <= tol, f"bottom {layout.bottom_mm:.2f} mm"
        assert abs(layout.right_mm - RIGHT) <= tol, f"right {layout.right_mm:.2f} mm"
    assert layout.left_mm is not None and abs(layout.left_mm - LEFT) <= tol, layout.left_mm
    unnumbered = back_pages(layout)
    for number, text, side in layout.page_numbers:
        if number in unnumbered:
            assert text is None, f"page {number}: number {text!r} on a blank or back page"
            continue
        assert text == f"—{number}—", f"page {number}: number {text!r}"
        assert side == ("right" if number % 2 else "left"), f"page {number}: number on the {side}"
    for page in layout.pages:
        line = page.page_number
        if line is None:
            continue
        if page.number % 2:
            assert abs(line.x1 - (PAGE_W - RIGHT - 14 * PT_TO_MM)) <= tol, (page.number, line.x1)
        else:
            assert abs(line.x0 - (LEFT + 14 * PT_TO_MM)) <= tol, (page.number, line.x0)
    for drop in layout.page_number_drop_mm:
        assert abs(drop - NUMBER_DROP_MM) <= NUMBER_DROP_TOLERANCE_MM, (
            f"page number {drop:.2f} mm below the 版心"
        )
    if official:
        assert layout.red_text_on_first_page, "no red text on page 1"
        rule = layout.red_rule_on_first_page
        assert rule is not None, "no red rule on page 1"
        assert abs(rule.x0 - LEFT) <= tol and abs(rule.x1 - (PAGE_W - RIGHT)) <= tol, rule
    if colophon:
        rules = layout.colophon_rules
        assert len(rules) >= 2, f"版记 lines on the last page: {rules}"
        assert abs(rules[-1].y - (PAGE_H - BOTTOM)) <= tol, f"last 版记 line at {rules[-1].y:.2f}"
        thick = min(rules[0].width_pt, rules[-1].width_pt)
        assert all(rule.width_pt < thick for rule in rules[1:-1]), f"版记 lines: {rules}"
