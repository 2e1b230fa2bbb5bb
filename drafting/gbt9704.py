"""Every number and face of the GB/T 9704-2012 layout, in one place (the floor: the builder
(:mod:`drafting.layout`, through :mod:`drafting.layout.profile`) lays pages out with them,
the layout review (:mod:`drafting.lint.docx_layout`) measures a clerk's .docx against them).

:class:`LayoutProfile` holds the page, grid, sizes, distances and colours; :class:`FontProfile`
names the face of each element. Both are frozen dataclasses: an organ with local rules makes a
changed copy (``dataclasses.replace`` or :meth:`FontProfile.from_mapping`), never edits the
builder. Distances are kept in millimetres and points as the standard states them; the
``*_twips`` properties do the conversion the OOXML needs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from drafting.errors import ConfigError

TWIPS_PER_PT = 20
MM_PER_PT = 25.4 / 72


def mm_to_twips(mm: float) -> int:
    """Millimetres to twentieths of a point, rounded to the nearest twip."""
    return round(mm / MM_PER_PT * TWIPS_PER_PT)


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


@dataclass(frozen=True)
class LayoutProfile:
    """Page, grid, sizes and distances of the 文件 format (GB/T 9704-2012 clauses 5–10)."""

    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    margin_top_mm: float = 37.0  # 天头
    margin_left_mm: float = 28.0  # 订口
    margin_bottom_mm: float = 35.0
    margin_right_mm: float = 26.0
    lines_per_page: int = 22
    chars_per_line: int = 28
    line_pitch_twips: int = 579  # 225 mm / 22 ≈ 28.95 pt
    char_spacing_twips: int = -5  # −0.25 pt a character, so 28 fit in Word, WPS and LibreOffice
    body_size_pt: float = 16.0  # 3号
    title_size_pt: float = 22.0  # 2号
    mark_size_pt: float = 36.0  # 发文机关标志 (小初) at most; shrunk to fit the line
    colophon_size_pt: float = 14.0  # 4号
    page_number_size_pt: float = 14.0  # 4号
    table_size_pt: float = 14.0  # 4号 in tables
    table_line_factor: float = 1.3  # table text on exact lines of 1.3 × its size, off the grid
    red: str = "E60012"  # Y80% M80%
    black: str = "000000"
    mark_min_size_pt: float = 22.0  # a long 标志 is condensed or wrapped, never below 2号
    mark_min_scale: int = 70  # condensed to at least 70 % width; a longer 标志 wraps
    mark_top_mm: float = 35.0  # top of the 发文机关标志 below the top of the 版心
    mark_line_factor: float = 1.2  # exact line height of the 标志 = size × factor
    doc_number_gap_lines: int = 2  # blank lines between 标志 and 发文字号
    red_line_gap_mm: float = 4.0  # 发文字号 to the red separator line
    #: how far the 发文字号's exact grid line (579 twips) reaches below its characters' box:
    #: the border's own space is the gap less this (measured in LibreOffice's PDF)
    doc_number_below_mm: float = 1.05
    red_line_pt: float = 1.5
    title_gap_lines: int = 2  # blank lines between the red line and the title
    colophon_thick_mm: float = 0.35
    colophon_thin_mm: float = 0.25
    page_number_drop_mm: float = 7.0  # the 一字线's top below the bottom of the 版心 (7.5)
    #: the top of the 一字线 above the baseline, in ems of its size: a 宋 face's dash stands
    #: about a third of an em up (LibreOffice's fallback face draws it at 0.31 em)
    page_number_dash_em: float = 0.31
    #: where a renderer sets the baseline in an exact line: 4/5 of its height below its top
    #: (LibreOffice's rule for fixed line spacing)
    exact_baseline: float = 0.8
    seal_diameter_mm: float = 42.0
    seal_date_indent_chars: int = 4  # sealed: 成文日期 four characters in from the right
    signature_indent_chars: int = 2  # unsealed: 署名 two characters in from the right
    title_max_chars: int = 0  # 0: as many as fit the line
    # 信函格式 (GB/T 9704-2012 clause 10.1)
    letter_mark_top_mm: float = 30.0  # top of the 发文机关标志 below the top edge of the page
    letter_rule_length_mm: float = 170.0  # both red double lines, centred on the page
    letter_rule_gap_mm: float = 4.0  # the upper double line below the 标志
    letter_rule_bottom_mm: float = 20.0  # the lower double line above the bottom edge
    letter_rule_pt: float = 2.25  # the thick line of a double line (the border's ``w:sz``)
    #: the 标志's characters, in ems above and below the baseline: a 宋 face's ideographs
    #: fill about 92 % of the em box (0.88 above the baseline, 0.12 below)
    letter_mark_face_top_em: float = 0.84
    letter_mark_face_bottom_em: float = 0.08
    letter_first_drop: float = 0.875  # first element below the line: 7/8 of a 3号 character
    # 纪要格式 (clause 10.3)
    attendance_indent_chars: int = 2  # 出席：/请假：/列席： two characters in

    # -- derived values -------------------------------------------------------------------
    @property
    def page_width_twips(self) -> int:
        return mm_to_twips(self.page_width_mm)

    @property
    def page_height_twips(self) -> int:
        return mm_to_twips(self.page_height_mm)

    @property
    def margins_twips(self) -> tuple[int, int, int, int]:
        """``(top, left, bottom, right)``: 2098 / 1587 / 1984 / 1474 for the standard."""
        return (
            mm_to_twips(self.margin_top_mm),
            mm_to_twips(self.margin_left_mm),
            mm_to_twips(self.margin_bottom_mm),
            mm_to_twips(self.margin_right_mm),
        )

    @property
    def landscape_margins_twips(self) -> tuple[int, int, int, int]:
        """``(top, left, bottom, right)`` of a landscape table page: the portrait page turned a
        quarter clockwise, so the 版心 is the same physical rectangle and the table head lies
        at the portrait page's left edge (订口 on odd pages, 切口 on even ones)."""
        top, left, bottom, right = self.margins_twips
        return (left, bottom, right, top)

    @property
    def red_line_space_pt(self) -> int:
        """The red line's border space (whole points, as OOXML has it) under the 发文字号's
        line, so the line lies ``red_line_gap_mm`` under its characters: 8 pt for 4 mm.
        With it the 版头 takes whole grid lines and page 1 keeps its 22nd line."""
        return round((self.red_line_gap_mm - self.doc_number_below_mm) / MM_PER_PT)

    @property
    def text_width_twips(self) -> int:
        _, left, _, right = self.margins_twips
        return self.page_width_twips - left - right

    @property
    def text_height_twips(self) -> int:
        top, _, bottom, _ = self.margins_twips
        return self.page_height_twips - top - bottom

    @property
    def char_twips(self) -> int:
        """The advance of one body character: 16 pt − 0.25 pt = 315 twips."""
        return pt_to_twips(self.body_size_pt) + self.char_spacing_twips

    def chars_twips(self, count: float) -> int:
        """The width of ``count`` body characters (indents are counted in characters)."""
        return round(count * self.char_twips)

    def advance_twips(self, size_pt: float) -> int:
        """The advance of one character of ``size_pt`` with the profile's character spacing."""
        return pt_to_twips(size_pt) + self.char_spacing_twips

    @property
    def letter_rule_height_twips(self) -> int:
        """The height a red double line is drawn: the thick line, a small gap and the thin
        line, each of those a third of the thick one (``thickThinSmallGap``: 2.25 + 0.75 +
        0.75 pt, as LibreOffice draws Word's border)."""
        return round(pt_to_twips(self.letter_rule_pt) * 5 / 3)

    def exact_baseline_twips(self, line_twips: int) -> int:
        """How far below the top of an exact line of ``line_twips`` its baseline lies."""
        return round(line_twips * self.exact_baseline)

    @property
    def page_number_line_drop_twips(self) -> int:
        """The number's line (one exact line of its size) top below the 版心: the 一字线's
        top stands ``page_number_drop_mm`` down, ``page_number_dash_em`` above the baseline."""
        size = pt_to_twips(self.page_number_size_pt)
        dash = self.exact_baseline_twips(size) - round(self.page_number_dash_em * size)
        return mm_to_twips(self.page_number_drop_mm) - dash

    @property
    def footer_distance_twips(self) -> int:
        """Page bottom to the footer's bottom: the number's line starts
        ``page_number_line_drop_twips`` below the 版心 and is one exact line of its size high
        (the 页码 style's line; Word and LibreOffice alike stand the footer's last line on
        this distance)."""
        line_top = mm_to_twips(self.margin_bottom_mm) - self.page_number_line_drop_twips
        return line_top - pt_to_twips(self.page_number_size_pt)

    @property
    def landscape_page_number_box_twips(self) -> tuple[int, int, int, int]:
        """``(x, y, width, height)`` on a landscape page (from its top-left corner) of the box
        holding the page number: the number's line (one exact line of its size, its 一字线
        ``page_number_drop_mm`` below the 版心) turned with the page. Its distance from the
        portrait bottom edge is its ``x`` from the landscape left edge, its run across the
        版心 lies between the landscape top and bottom margins: the number keeps its
        physical place on the sheet."""
        _, left, _, _ = self.margins_twips
        line_top = mm_to_twips(self.margin_bottom_mm) - self.page_number_line_drop_twips
        x = self.footer_distance_twips
        return (x, left, line_top - x, self.text_width_twips)

    @property
    def header_distance_twips(self) -> int:
        return mm_to_twips(15.0)

    def line_twips(self, count: float) -> int:
        return round(count * self.line_pitch_twips)


@dataclass(frozen=True)
class FontProfile:
    """The face of each element. ``standard`` uses the _GB2312 faces and 方正小标宋简体;
    :meth:`plain` uses the faces Windows ships (仿宋, 楷体, 黑体, 宋体)."""

    fangsong: str = "仿宋_GB2312"  # 正文, 主送, 署名, 日期, 发文字号, 三四级标题, 版记
    kaiti: str = "楷体_GB2312"  # 二级标题, 签发人 names, byline
    heiti: str = "黑体"  # 一级标题, 密级, 紧急程度, 附件 label
    xiaobiaosong: str = "方正小标宋简体"  # 标题, 发文机关标志
    songti: str = "宋体"  # page numbers
    latin: str = "Times New Roman"  # 份号 and Latin letters/digits

    @classmethod
    def standard(cls) -> FontProfile:
        return cls()

    @classmethod
    def plain(cls) -> FontProfile:
        """Plain faces: the _GB2312 faces lack rare characters; 小标宋 falls back to 宋体."""
        return cls(fangsong="仿宋", kaiti="楷体", heiti="黑体", xiaobiaosong="宋体")

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, Any], *, base: FontProfile | None = None
    ) -> FontProfile:
        """Override faces from a mapping such as ``{"fangsong": "仿宋"}``; Chinese keys
        (仿宋, 楷体, 黑体, 小标宋, 宋体, 西文) are accepted too. Unknown keys are errors."""
        known = {item.name for item in fields(cls)}
        changes: dict[str, str] = {}
        for key, value in mapping.items():
            name = _FONT_KEYS.get(str(key), str(key))
            if name not in known:
                choices = "、".join(sorted(known | set(_FONT_KEYS)))
                raise ConfigError(f"字体配置中有未知的项“{key}”；可用：{choices}")
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"字体配置项“{key}”应为非空的字体名称")
            changes[name] = value.strip()
        return replace(base or cls(), **changes)

    @classmethod
    def load(cls, spec: str | Path) -> FontProfile:
        """``standard``, ``plain``, or a YAML/JSON/TOML file of overrides."""
        if str(spec) in ("standard", "default"):
            return cls.standard()
        if str(spec) == "plain":
            return cls.plain()
        from drafting.inputs import read_text
        from drafting.limits import MAX_DATA_BYTES

        path = Path(spec)
        text = read_text(
            path,
            MAX_DATA_BYTES,
            what="字体配置文件",
            error=ConfigError,
            missing="无法读取字体配置文件（文件不存在）；--fonts 可写 plain 或配置文件路径",
        )
        data = _parse_mapping(text, path)
        base = cls.plain() if data.pop("base", None) == "plain" else cls.standard()
        return cls.from_mapping(data, base=base)

    def faces(self) -> dict[str, str]:
        """``{field: face}`` in declaration order."""
        return {item.name: getattr(self, item.name) for item in fields(self)}


#: Chinese keys for :meth:`FontProfile.from_mapping` and their descriptions for ``drafting fonts``.
_FONT_KEYS = {
    "仿宋": "fangsong",
    "楷体": "kaiti",
    "黑体": "heiti",
    "小标宋": "xiaobiaosong",
    "宋体": "songti",
    "西文": "latin",
}

FONT_ROLES = {
    "fangsong": "仿宋：正文、主送机关、发文字号、署名、日期、三四级标题、版记",
    "kaiti": "楷体：二级标题、签发人姓名、作者署名",
    "heiti": "黑体：一级标题、密级、紧急程度、附件标识",
    "xiaobiaosong": "小标宋：标题、发文机关标志",
    "songti": "宋体：页码",
    "latin": "西文：份号及字母数字",
}


def _parse_mapping(text: str, path: Path) -> dict[str, Any]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(text)
        elif suffix == ".toml":
            try:
                import tomllib
            except ModuleNotFoundError:  # Python 3.10
                import tomli as tomllib
            data = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:
        from drafting.syntax_errors import parse_problem

        problem = parse_problem(exc, text)
        raise ConfigError(
            f"字体配置文件格式有误：{problem.detail()}", path=str(path), line=problem.line
        ) from exc
    if not isinstance(data, dict):
        raise ConfigError("字体配置文件应为“项: 字体名”的映射", path=str(path))
    return dict(data)
