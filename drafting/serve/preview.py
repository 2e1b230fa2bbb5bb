"""The pages of a draft, shown before it is downloaded.

With LibreOffice: the .docx converted to PDF (as ``render --to pdf`` does), each page turned
into a PNG by ``pdftoppm`` (poppler-utils) or, without it, by PyMuPDF. Otherwise: an HTML
preview on the grid of GB/T 9704 — A4 pages, the 版心 of 156 × 225 mm, 22 lines of 28
characters — made from the .docx's own paragraphs and styles (size, alignment, indents, space
before, page breaks, the red line under the 发文字号, the 版记 at the foot of the last page).
The HTML preview breaks lines by counting characters (a full-width character one cell, a
half-width one half), keeps closing punctuation off the start of a line, and lays lines down
the grid; it shows where the text falls, not the exact glyphs.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.atomic import write_bytes
from drafting.serve import library

PNG_DPI = 72
PDFTOPPM_TIMEOUT = 60
#: Most pages shown as pictures (a longer draft shows its first pages and says so).
MAX_PAGES = 30

#: Characters that may not begin a line (避头): closing marks and sentence punctuation.
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·%％")


@dataclass
class Preview:
    """What the page shows: PNG pages (data: URIs) or HTML grid pages, and a note."""

    kind: str  # "png" or "html"
    images: list[str] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""


def png_pages(pdf: bytes) -> list[bytes]:
    """Each page of ``pdf`` as a PNG (pdftoppm, or PyMuPDF without it)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is not None:
        with tempfile.TemporaryDirectory(prefix="drafting-preview-") as tmp:
            folder = Path(tmp)
            write_bytes(folder / "draft.pdf", pdf)
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    str(PNG_DPI),
                    "-l",
                    str(MAX_PAGES),
                    str(folder / "draft.pdf"),
                    str(folder / "page"),
                ],
                capture_output=True,
                timeout=PDFTOPPM_TIMEOUT,
                check=False,
            )
            pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
            if pages:
                return [page.read_bytes() for page in pages]
    try:
        import fitz  # PyMuPDF
    except ImportError:
        return []
    with fitz.open(stream=pdf, filetype="pdf") as document:
        return [page.get_pixmap(dpi=PNG_DPI).tobytes("png") for page in list(document)[:MAX_PAGES]]


def picture_preview(docx: bytes) -> Preview:
    """PNG pages through LibreOffice (raises when the conversion fails)."""
    images = png_pages(library.pdf_bytes(docx))
    if not images:
        return html_preview(docx, "无法把 PDF 转为图片（缺少 pdftoppm 和 PyMuPDF），改为网页预览")
    uris = ["data:image/png;base64," + base64.b64encode(png).decode("ascii") for png in images]
    return Preview("png", images=uris, note="由 LibreOffice 排版后的页面")


def preview(docx: bytes, *, pictures: bool) -> Preview:
    """The preview of a draft: pictures when asked and LibreOffice is there, else HTML."""
    if pictures and library.has_soffice():
        return picture_preview(docx)
    note = "本机未安装 LibreOffice，按版心网格近似显示（22 行 × 28 字）"
    return html_preview(docx, note if pictures else "按版心网格近似显示（22 行 × 28 字）")


# --------------------------------------------------------------------------- HTML grid


#: The advance of a half-width character (digits, Latin letters) in body cells: a little more
#: than half, as in the faces documents are set in.
HALF = 0.55


def cells(text: str) -> float:
    """The width of ``text`` in character cells (full width 1, half width :data:`HALF`)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else HALF for c in text)


def wrap(text: str, first: float, rest: float) -> list[str]:
    """Lines of ``text``: ``first`` cells on the first line, ``rest`` on the others, with no
    line beginning with closing punctuation (pulled back onto the line before)."""
    lines: list[str] = []
    current, width, room = "", 0.0, first
    for char in text:
        w = cells(char)
        if width + w > room + 1e-9 and current:
            if char in NO_LINE_START:  # squeeze it onto this line (Word compresses it)
                current += char
                lines.append(current)
                current, width, room = "", 0.0, rest
                continue
            lines.append(current)
            current, width, room = "", 0.0, rest
        current += char
        width += w
    if current or not lines:
        lines.append(current)
    return lines


def html_preview(docx: bytes, note: str = "") -> Preview:
    """Grid pages made from the .docx's paragraphs (see the module docstring)."""
    numbers = library.layout_numbers()
    pitch = numbers["pitch_pt"]
    block_pt = numbers["lines"] * pitch
    text_width_pt = (
        (numbers["page_width_mm"] - numbers["left_mm"] - numbers["right_mm"]) / 25.4 * 72
    )
    pages: list[dict[str, Any]] = [{"lines": [], "colophon": []}]
    used = 0.0
    for para in library.docx_paragraphs(docx):
        if para.colophon:
            pages[-1]["colophon"].append(_line(para, para.text, pitch, numbers, last=True))
            continue
        if para.page_break and (pages[-1]["lines"] or used):
            pages.append({"lines": [], "colophon": []})
            used = 0.0
        advance = para.size_pt + numbers["char_spacing_pt"]
        if para.table_row:
            text = "　".join(para.table_row)
            per_line = max(1.0, text_width_pt // advance)
            lines = wrap(text, per_line, per_line)
        else:
            width = text_width_pt - para.left_pt - para.right_pt
            per_line = max(1.0, width // advance)
            lines = wrap(para.text, per_line - para.first_line_chars, per_line)
        height = pitch
        if not para.grid and para.size_pt > numbers["title_pt"]:
            height = para.size_pt * numbers["mark_line_factor"]
        space = para.before_pt
        for index, text in enumerate(lines):
            need = height + (space if index == 0 else 0)
            if used + need > block_pt + 0.5 and used > 0:
                pages.append({"lines": [], "colophon": []})
                used, space = 0.0, 0.0
                need = height
            line = _line(para, text, height, numbers, last=index == len(lines) - 1)
            line["top_pt"] = round(used + need - height, 2)
            if index == 0 and para.first_line_chars:
                line["indent_pt"] += para.first_line_chars * advance
            pages[-1]["lines"].append(line)
            used += need
    for number, page in enumerate(pages, 1):
        page["number"] = number
    return Preview("html", pages=pages, note=note)


def _line(
    para: Any, text: str, height: float, numbers: dict[str, float], last: bool
) -> dict[str, Any]:
    align = {
        "both": "justify",
        "distribute": "justify",
        "center": "center",
        "right": "right",
        "end": "right",
    }.get(para.align, "left")
    if align == "justify" and last:
        align = "left"
    return {
        "text": text,
        "height_pt": round(height, 2),
        "size_pt": para.size_pt,
        "face": para.face,
        "align": align,
        "red": para.red,
        "bold": para.bold,
        "indent_pt": para.left_pt,
        "right_pt": para.right_pt,
        "rule_below": para.rule_below and last,
        "rule_above": para.rule_above,
        "style": para.style,
    }
