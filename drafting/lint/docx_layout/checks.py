"""The layout checks (L501–L517): a .docx's facts in, findings out, each naming its paragraph
and saying what is there and what GB/T 9704-2012 asks for.

One finding per problem, not per paragraph: when forty body paragraphs are all 小四, the
finding stands on the first of them and says how many there are (a reviewer writes "下同").
Every number comes from :class:`drafting.gbt9704.LayoutProfile`; the tolerances a
reviewer allows are below: ±1 mm for the page (the standard's own ±1 mm for 天头 and 订口),
a quarter character for indents, half a character for the signature block, half a point for
sizes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from drafting.anatomy.parts import Part
from drafting.gbt9704 import LayoutProfile
from drafting.lint.docx_layout.faces import CHINESE, face_name, family, same_size, size_name
from drafting.lint.docx_layout.facts import DocFacts, Para
from drafting.lint.docx_layout.geometry import LINE_GRIDS, Geometry
from drafting.lint.docx_layout.ooxml import number, twips_to_mm, w
from drafting.lint.docx_layout.page import Footer, Section
from drafting.zh.chars import width_in_chars as width

MARGIN_TOLERANCE_MM = 1.0
MARK_TOLERANCE_MM = 2.0  # the 标志's top is estimated from the lines above it
DROP_TOLERANCE_MM = 1.5  # the page number's line is estimated from its paragraph
INDENT_TOLERANCE = 0.25  # characters
POSITION_TOLERANCE = 0.5  # characters, for the signature block
FREE_LINES = 3  # lines left empty under the 版记 before it counts as not at the bottom


@dataclass(frozen=True)
class LayoutIssue:
    """One layout finding: the rule, the paragraph it points at (1-based number as findings
    count them), the message, and the aspect it judges (a measurement on the rendered pages
    replaces the estimate of the same aspect)."""

    code: str
    paragraph: int
    message: str
    aspect: str = ""
    measured: bool = False


@dataclass
class LayoutReport:
    """The layout findings of one .docx; ``notes`` say what could not be done (no renderer)."""

    issues: list[LayoutIssue]
    measured: bool = False
    notes: list[str] = field(default_factory=list)

    def of(self, code: str) -> list[LayoutIssue]:
        return [issue for issue in self.issues if issue.code == code]


class Checker:
    """Runs every check over one document's facts."""

    def __init__(self, facts: DocFacts, profile: LayoutProfile | None = None) -> None:
        self.facts = facts
        self.profile = profile or LayoutProfile()
        self.geo = Geometry(facts)

    def run(self) -> list[LayoutIssue]:
        issues: list[LayoutIssue] = []
        for check in CHECKS:
            issues.extend(check(self))
        return issues

    # -- helpers ------------------------------------------------------------------------------
    def body_paragraphs(self) -> list[Para]:
        return [p for p in self.facts.parts(Part.BODY, Part.NAME_LIST) if not p.format.frame]

    def head_end(self) -> int:
        """Number of the first paragraph after the 版头 (the title's, or the first body's)."""
        for para in self.facts.paragraphs:
            if para.part not in (
                Part.COPY_NUMBER,
                Part.CLASSIFICATION,
                Part.URGENCY,
                Part.ORGAN_MARK,
                Part.SIGNER,
                Part.DOC_NUMBER,
                Part.BLANK,
            ):
                return para.number
        return len(self.facts.paragraphs) + 1


def grouped(
    code: str, items: list[tuple[Para, tuple[object, ...], str]], aspect: str = ""
) -> Iterator[LayoutIssue]:
    """One issue per distinct key, on the first paragraph with it, counting the others."""
    firsts: dict[tuple[object, ...], tuple[Para, str]] = {}
    counts: Counter[tuple[object, ...]] = Counter()
    for para, key, message in items:
        counts[key] += 1
        firsts.setdefault(key, (para, message))
    for key, (para, message) in firsts.items():
        extra = f"（共 {counts[key]} 段，此为第一段）" if counts[key] > 1 else ""
        yield LayoutIssue(code, para.number, message + extra, aspect)


def _mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _chars(value: float) -> str:
    rounded = round(value * 2) / 2
    return f"{rounded:g}"


def _red(color: str) -> bool:
    if not re.fullmatch(r"[0-9A-F]{6}", color):
        return False
    r, g, b = int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)
    return r >= 0xC0 and g <= 0x60 and b <= 0x60


def _black(color: str) -> bool:
    if color == "auto" or not re.fullmatch(r"[0-9A-F]{6}", color):
        return True
    return all(int(color[i : i + 2], 16) <= 0x40 for i in (0, 2, 4))


def color_name(color: str) -> str:
    if _black(color):
        return "黑色"
    if _red(color):
        return f"红色（{color}）"
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    if b > max(r, g):
        return f"蓝色（{color}）"
    return f"彩色（{color}）"


def _face_problem(para: Para, accepted: tuple[str, ...]) -> str | None:
    """The face ``para``'s Chinese characters are in, when not of an ``accepted`` family."""
    if not para.faces:
        return None
    face = para.face
    return None if family(face) in accepted else face_name(face)


def _expected_face(families: tuple[str, ...]) -> str:
    if families[0] == "xiaobiaosong":
        return "小标宋体（如方正小标宋简体）"
    return CHINESE[families[0]]


def type_items(
    paras: list[Para], label: str, families: tuple[str, ...], size: float
) -> list[tuple[Para, tuple[object, ...], str]]:
    """Face and size problems of ``paras``, as :func:`grouped` items."""
    items: list[tuple[Para, tuple[object, ...], str]] = []
    for para in paras:
        wrong = _face_problem(para, families)
        if wrong is not None:
            message = f"{label}字体为{wrong}，应为{_expected_face(families)}"
            items.append((para, (label, "face", wrong), message))
        if not same_size(para.size, size):
            message = f"{label}字号为{size_name(para.size)}，应为{size_name(size)}"
            items.append((para, (label, "size", para.size), message))
    return items


# -- L501 paper, L502 margins, L503 grid ----------------------------------------------------


def _page_checks(checker: Checker) -> Iterator[LayoutIssue]:
    facts, p = checker.facts, checker.profile
    seen: set[tuple[str, str]] = set()
    for section in facts.sections:
        for code, message, aspect in (_paper(section, p), _margins(section, p)):
            if message and (code, message) not in seen:
                seen.add((code, message))
                yield LayoutIssue(code, facts.anchor(section), message, aspect)


def _paper(section: Section, p: LayoutProfile) -> tuple[str, str | None, str]:
    width_mm, height_mm = twips_to_mm(section.width), twips_to_mm(section.height)
    want = (
        (p.page_height_mm, p.page_width_mm)
        if section.landscape
        else (
            p.page_width_mm,
            p.page_height_mm,
        )
    )
    if abs(width_mm - want[0]) <= MARGIN_TOLERANCE_MM and abs(height_mm - want[1]) <= 1:
        return "L501", None, "paper"
    turned = " 横向" if section.landscape else ""
    message = (
        f"纸张为 {_mm(width_mm)} × {_mm(height_mm)} mm，应为 A4{turned}"
        f"（{want[0]:g} × {want[1]:g} mm）"
    )
    return "L501", message, "paper"


def _margins(section: Section, p: LayoutProfile) -> tuple[str, str | None, str]:
    top, left, bottom, right = (p.margin_top_mm, p.margin_left_mm, p.margin_bottom_mm,
                                p.margin_right_mm)  # fmt: skip
    if section.landscape:  # the portrait page turned: the same 版心 on the sheet
        top, left, bottom, right = left, bottom, right, top
    have = [twips_to_mm(v) for v in (section.top, section.bottom, section.left + section.gutter,
                                     section.right)]  # fmt: skip
    want = [top, bottom, left, right]
    if all(abs(a - b) <= MARGIN_TOLERANCE_MM for a, b in zip(have, want, strict=True)):
        return "L502", None, "margins"
    names = ("上", "下", "左", "右")
    actual = "、".join(f"{n} {_mm(v)}" for n, v in zip(names, have, strict=True))
    wanted = "、".join(f"{n} {v:g}" for n, v in zip(names, want, strict=True))
    text_w = p.page_width_mm - p.margin_left_mm - p.margin_right_mm
    text_h = p.page_height_mm - p.margin_top_mm - p.margin_bottom_mm
    message = f"页边距为{actual} mm，应为{wanted} mm（版心 {text_w:g} × {text_h:g} mm）"
    return "L502", message, "margins"


def _grid(checker: Checker) -> Iterator[LayoutIssue]:
    body = checker.body_paragraphs()
    if not body:
        return
    geo, p = checker.geo, checker.profile
    by_kind: Counter[tuple[object, ...]] = Counter()
    firsts: dict[tuple[object, ...], Para] = {}
    for para in body:
        fmt = para.format
        key = (para.section, para.size, para.spacing, fmt.line, fmt.line_rule, fmt.snap)
        by_kind[key] += 1
        firsts.setdefault(key, para)
    para = firsts[by_kind.most_common(1)[0][0]]
    first = body[0]
    section = checker.facts.section_of(para)
    lines, certain = geo.lines_per_page(para)
    chars = geo.chars_per_line(para)
    want = f"应为每面 {p.lines_per_page} 行、每行 {p.chars_per_line} 字"
    if section.grid_type not in LINE_GRIDS and not certain:
        message = (
            f"未设置文档网格，正文每面约 {lines} 行、每行 {chars} 字；"
            f"{want}（行网格，行距约 28.95 磅）"
        )
    elif lines != p.lines_per_page or chars != p.chars_per_line:
        about = "" if certain else "约 "
        message = f"正文每面 {about}{lines} 行、每行 {chars} 字，{want}"
    else:
        return
    yield LayoutIssue("L503", first.number, message, "grid")


# -- L504 body type, L505 title, L506 headings -------------------------------------------------

_TYPE_PARTS = (
    (Part.BODY, "正文"),
    (Part.NAME_LIST, "正文"),
    (Part.RECIPIENTS, "主送机关"),
    (Part.ATTACHMENT_NOTE, "附件说明"),
    (Part.SIGNATURE, "发文机关署名"),
    (Part.DATE, "成文日期"),
    (Part.NOTE, "附注"),
)


def _body_type(checker: Checker) -> Iterator[LayoutIssue]:
    items = []
    size = checker.profile.body_size_pt
    paras = [p for p in checker.facts.paragraphs if p.content and p.region == "body"]
    labels = dict(_TYPE_PARTS)
    for para in paras:
        label = labels.get(para.part)
        if label is not None and not para.format.frame:
            items.extend(type_items([para], label, ("fangsong",), size))
    yield from grouped("L504", items)


def _title(checker: Checker) -> Iterator[LayoutIssue]:
    items = []
    for para in checker.facts.parts(Part.TITLE):
        items.extend(
            type_items([para], "标题", ("xiaobiaosong", "songti"), checker.profile.title_size_pt)
        )
        if para.format.jc != "center":
            how = "用空格居中" if para.text[:1] in " \u3000\t" else _jc_name(para.format.jc)
            items.append((para, ("jc",), f"标题未居中（{how}），应居中排布"))
    yield from grouped("L505", items)


def _jc_name(jc: str) -> str:
    return {"left": "左对齐", "both": "两端对齐", "right": "右对齐", "distribute": "分散对齐"}.get(
        jc, jc
    )


_HEADING_FACES = {
    Part.HEADING1: ("一级标题", ("heiti",)),
    Part.HEADING2: ("二级标题", ("kaiti",)),
    Part.HEADING3: ("三级标题", ("fangsong",)),
    Part.HEADING4: ("四级标题", ("fangsong",)),
}


def _headings(checker: Checker) -> Iterator[LayoutIssue]:
    items = []
    for part, (label, families) in _HEADING_FACES.items():
        paras = checker.facts.parts(part)
        items.extend(type_items(paras, label, families, checker.profile.body_size_pt))
    yield from grouped("L506", items)


# -- L507 first-line indent, L511 recipients ---------------------------------------------------

_INDENT_PARTS = {
    Part.BODY: "正文",
    Part.HEADING1: "一级标题",
    Part.HEADING2: "二级标题",
    Part.HEADING3: "三级标题",
    Part.HEADING4: "四级标题",
    Part.NOTE: "附注",
}


def _indents(checker: Checker) -> Iterator[LayoutIssue]:
    geo = checker.geo
    items = []
    for para in checker.facts.parts(*_INDENT_PARTS):
        if para.format.jc in ("center", "right") or para.format.frame:
            continue
        label = _INDENT_PARTS[para.part]
        start, left = geo.first_start(para), geo.left(para)
        if abs(left) > INDENT_TOLERANCE:
            message = f"{label}段落整段左缩进 {_chars(left)} 字，应首行左空二字、回行顶格"
            items.append((para, (label, "left", _chars(left)), message))
        elif abs(start - 2) > INDENT_TOLERANCE:
            what = (
                "首行未缩进" if abs(start) <= INDENT_TOLERANCE else f"首行缩进 {_chars(start)} 字"
            )
            items.append((para, (label, "first", _chars(start)), f"{label}段落{what}，应左空二字"))
    yield from grouped("L507", items)


def _recipients(checker: Checker) -> Iterator[LayoutIssue]:
    geo = checker.geo
    for para in checker.facts.parts(Part.RECIPIENTS):
        if para.format.jc in ("center", "right"):
            yield LayoutIssue(
                "L511", para.number, f"主送机关{_jc_name(para.format.jc)}，应居左顶格"
            )
            continue
        start = geo.first_start(para)
        if abs(start) > INDENT_TOLERANCE:
            yield LayoutIssue("L511", para.number, f"主送机关左空 {_chars(start)} 字，应居左顶格")


# -- L508 标志, L509 red rule, L510 发文字号, L517 份号 密级 紧急程度 ----------------------


def _head(checker: Checker, part: Part) -> list[Para]:
    end = checker.head_end()
    return [p for p in checker.facts.parts(part, region=None) if p.number < end]


def _mark(checker: Checker) -> Iterator[LayoutIssue]:
    marks = _head(checker, Part.ORGAN_MARK) or checker.facts.parts(Part.ORGAN_MARK)[:1]
    if not marks:
        return
    items = []
    for para in marks:
        color = para.colors.most_common(1)[0][0] if para.colors else "auto"
        if not _red(color):
            items.append((para, ("color", color), f"发文机关标志为{color_name(color)}，应为红色"))
        wrong = _face_problem(para, ("xiaobiaosong", "songti"))
        if wrong is not None:
            message = f"发文机关标志字体为{wrong}，应为小标宋体（如方正小标宋简体）"
            items.append((para, ("face", wrong), message))
        if para.region == "body" and para.format.jc != "center" and not para.format.frame:
            items.append((para, ("jc",), f"发文机关标志{_jc_name(para.format.jc)}，应居中排布"))
    yield from grouped("L508", items)
    top = _mark_top(checker, marks[0])
    if top is not None:
        want, where = (
            (checker.profile.letter_mark_top_mm, "页面上边缘")
            if checker.facts.letter
            else (checker.profile.mark_top_mm, "版心上边缘")
        )
        if abs(top - want) > MARK_TOLERANCE_MM:
            message = f"发文机关标志上边缘距{where}约 {top:.0f} mm，应为 {want:g} mm"
            yield LayoutIssue("L508", marks[0].number, message, "mark_top")


def _mark_top(checker: Checker, mark: Para) -> float | None:
    """Millimetres from the top of the 版心 (letter: of the page) to the top of the 标志's
    characters, estimated from the paragraphs above it; None when it cannot be told."""
    geo, facts = checker.geo, checker.facts
    if mark.region != "body" or mark.section != 0:
        return None
    line, _ = geo.line_height(mark)
    extra = (
        line - mark.size * 20 if mark.format.line_rule == "exact" else (line - mark.size * 20) / 2
    )
    frame = mark.format.frame
    if frame is not None:
        if frame.get("vAnchor") == "page" and "y" in frame:
            if mark.format.line_rule == "exact":  # the characters' top under the baseline rule
                p = checker.profile
                extra = line * p.exact_baseline - mark.size * 20 * p.letter_mark_face_top_em
            return twips_to_mm(number(frame["y"]) + extra)
        return None
    above = 0.0
    for para in facts.paragraphs[: mark.number - 1]:
        if para.region != "body":
            return None
        if para.format.frame:
            continue
        above += geo.height(para)
    return twips_to_mm(above + geo.spacing_before(mark) + max(extra, 0.0))


def _red_rule(checker: Checker) -> Iterator[LayoutIssue]:
    facts = checker.facts
    numbers = _head(checker, Part.DOC_NUMBER)
    marks = _head(checker, Part.ORGAN_MARK)
    if not (numbers or marks) or facts.parts(Part.ORGAN_MARK, region="table"):
        return
    anchor = (numbers or marks)[-1]
    end = checker.head_end()
    if facts.letter:  # the double lines are frames anchored on the page
        window = [p for p in facts.paragraphs if (p.format.frame or {}).get("vAnchor") == "page"]
    else:
        first = marks[0].number if marks else anchor.number
        window = [p for p in facts.paragraphs if first <= p.number <= end]
    rules = _rules_in(window, checker)
    if not rules:
        message = "版头缺少红色分隔线：发文字号之下 4 mm 处应有一条与版心等宽的红色分隔线"
        yield LayoutIssue("L509", anchor.number, message, "red_rule")
        return
    color, length, para, gap = rules[-1]
    if not _red(color):
        message = f"版头分隔线为{color_name(color)}，应为红色"
        yield LayoutIssue("L509", para.number, message, "red_rule")
    section = facts.section_of(para)
    want = (
        checker.profile.letter_rule_length_mm if facts.letter else twips_to_mm(section.text_width)
    )
    if length is not None and abs(length - want) > 2:
        wanted = f"{want:g} mm" if facts.letter else f"与版心等宽（{want:.0f} mm）"
        message = f"版头分隔线长约 {length:.0f} mm，应{wanted}"
        yield LayoutIssue("L509", para.number, message, "red_rule")
    if gap is not None and not facts.letter and abs(gap - checker.profile.red_line_gap_mm) > 1.5:
        message = (
            f"版头分隔线距发文字号约 {gap:.0f} mm，应为 {checker.profile.red_line_gap_mm:g} mm"
        )
        yield LayoutIssue("L509", para.number, message, "red_rule_gap")


def _rules_in(
    paras: list[Para], checker: Checker
) -> list[tuple[str, float | None, Para, float | None]]:
    """Horizontal lines in ``paras``: ``(colour, length mm, paragraph, gap mm)`` — paragraph
    borders (top, bottom) and drawn lines."""
    found = []
    for para in paras:
        section = checker.facts.section_of(para)
        for side in ("top", "bottom"):
            border = para.format.borders.get(side)
            if not border or border.get("val", "none") in ("none", "nil"):
                continue
            span = section.text_width - para.format.left - para.format.right
            if para.format.frame and "w" in para.format.frame:
                span = number(para.format.frame["w"])
            gap = number(border.get("space")) * 25.4 / 72 if side == "bottom" else None
            color = (border.get("color") or "auto").upper()
            found.append(("auto" if color == "AUTO" else color, twips_to_mm(span), para, gap))
        for shape in para.shapes:
            if shape.kind == "line":
                found.append((shape.color or "auto", shape.width_mm or None, para, None))
    return found


def _doc_number(checker: Checker) -> Iterator[LayoutIssue]:
    items = []
    for para in _head(checker, Part.DOC_NUMBER):
        if para.region != "body":
            continue
        upward = "签发人" in para.text
        if not upward and not checker.facts.letter and para.format.jc != "center":
            items.append((para, ("jc",), f"发文字号{_jc_name(para.format.jc)}，应居中排布"))
        if upward and para.format.jc == "center":
            message = "发文字号居中；上行文的发文字号应居左空一字，与签发人姓名同行"
            items.append((para, ("jc-up",), message))
        items.extend(type_items([para], "发文字号", ("fangsong",), checker.profile.body_size_pt))
    yield from grouped("L510", items)


_MARKS = {
    Part.COPY_NUMBER: ("份号", None),
    Part.CLASSIFICATION: ("密级和保密期限", ("heiti",)),
    Part.URGENCY: ("紧急程度", ("heiti",)),
}


def _marks(checker: Checker) -> Iterator[LayoutIssue]:
    items = []
    for part, (label, families) in _MARKS.items():
        for para in _head(checker, part):
            if para.region != "body":
                continue
            if families is not None:
                items.extend(type_items([para], label, families, checker.profile.body_size_pt))
            elif not same_size(para.size, checker.profile.body_size_pt):
                message = f"{label}字号为{size_name(para.size)}，应为三号"
                items.append((para, (label, "size"), message))
            start = checker.geo.first_start(para)
            if para.format.jc in ("center", "right") or abs(start) > INDENT_TOLERANCE:
                how = (
                    _jc_name(para.format.jc)
                    if para.format.jc in ("center", "right")
                    else (f"左空 {_chars(start)} 字")
                )
                items.append((para, (label, "place"), f"{label}{how}，应顶格编排在版心左上角"))
    yield from grouped("L517", items)


# -- L512 signature block ------------------------------------------------------------------------


def _signatures(checker: Checker) -> Iterator[LayoutIssue]:
    facts, geo = checker.facts, checker.geo
    for date in facts.parts(Part.DATE):
        signatures = []
        for para in reversed(facts.paragraphs[: date.number - 1]):
            if para.part is Part.SIGNATURE and para.content:
                signatures.insert(0, para)
            elif para.content:
                break
        block = [*signatures, date]
        if any(p.format.frame or p.region != "body" for p in block):
            continue
        sealed = _sealed(facts, block)
        date_gap = geo.right_gap(date)
        if len(signatures) != 1 or "\t" in signatures[0].content:  # joint: names side by side
            if not any(abs(date_gap - n) <= POSITION_TOLERANCE for n in (2, 4)):
                message = (f"成文日期右空 {_chars(date_gap)} 字，应右空二字"
                           "（加盖印章时右空四字）")  # fmt: skip
                yield LayoutIssue("L512", date.number, message)
            continue
        yield from _signature_pair(checker, signatures[0], date, sealed)


def _sealed(facts: DocFacts, block: list[Para]) -> bool:
    start = max(0, block[0].number - 3)
    around = facts.paragraphs[start : block[-1].number]
    return any(s.kind in ("picture", "shape") for p in around for s in p.shapes)


def _signature_pair(checker: Checker, sig: Para, date: Para, sealed: bool) -> Iterator[LayoutIssue]:
    geo, p = checker.geo, checker.profile
    sig_gap, date_gap = geo.right_gap(sig), geo.right_gap(date)
    sig_w, date_w = width(sig.content), width(date.content)
    total = geo.line_chars(sig)
    sig_start, date_start = total - sig_gap - sig_w, total - date_gap - date_w

    def near(a: float, b: float) -> bool:
        return abs(a - b) <= POSITION_TOLERANCE

    unsealed_ok = near(min(sig_gap, date_gap), p.signature_indent_chars) and near(
        date_start - sig_start, 2
    )
    sealed_ok = near(date_gap, p.seal_date_indent_chars) and near(
        sig_start + sig_w / 2, date_start + date_w / 2
    )
    if (sealed and sealed_ok) or (not sealed and (unsealed_ok or sealed_ok)):
        return
    if sealed:
        want_date = p.seal_date_indent_chars
        want_sig = want_date + (date_w - sig_w) / 2
        how = "（加盖印章：成文日期右空四字，署名以成文日期为准居中）"
    elif sig_w - date_w >= 2:
        want_sig = p.signature_indent_chars
        want_date = want_sig + sig_w - 2 - date_w
        how = "（不加盖印章：署名右空二字，成文日期首字比署名首字右移二字）"
    else:
        want_date = p.signature_indent_chars
        want_sig = want_date + date_w + 2 - sig_w
        how = "（不加盖印章：成文日期右空二字，署名首字比成文日期首字左移二字）"
    if not sealed:
        how = how[:-1] + "；加盖印章时成文日期右空四字）"
    for para, gap, want, label in ((sig, sig_gap, want_sig, "发文机关署名"),
                                   (date, date_gap, want_date, "成文日期")):  # fmt: skip
        if not near(gap, want):
            message = f"{label}右空 {_chars(gap)} 字，应右空 {_chars(want)} 字{how}"
            yield LayoutIssue("L512", para.number, message)


# -- L513 page numbers ---------------------------------------------------------------------------

_NUMBER = re.compile(r"^[—―]\{n\}[—―]$")


def _page_numbers(checker: Checker) -> Iterator[LayoutIssue]:
    facts = checker.facts
    seen: set[str] = set()
    for section in facts.sections:
        if _back_page_section(facts, section):
            continue
        for message in _section_numbers(checker, section):
            if message not in seen:
                seen.add(message)
                yield LayoutIssue("L513", facts.anchor(section), message, "page_numbers")


def _back_page_section(facts: DocFacts, section: Section) -> bool:
    """Whether ``section`` is the last of several and holds only the 版记 (after a blank page):
    GB/T 9704-2012 7.5 numbers neither the blank page nor the 版记 page after it."""
    if len(facts.sections) < 2 or section is not facts.sections[-1]:
        return False
    content = [p for p in facts.paragraphs[section.first - 1 : section.last] if p.content]
    return bool(content) and all(p.part in (Part.CC, Part.PRINTER) for p in content)


def _section_numbers(checker: Checker, section: Section) -> Iterator[str]:
    facts, p = checker.facts, checker.profile
    odd = section.footers.get("default")
    even = section.footers.get("even") if facts.even_odd else odd
    numbers = [f.number for f in (odd, even) if f is not None and f.number is not None]
    if not numbers:
        yield "页码缺失：应在版心下边缘之下用 4 号半角宋体阿拉伯数字编排“— 1 —”"
        return
    patterns = {n.pattern for n in numbers}
    for pattern in sorted(patterns):
        if not _NUMBER.match(re.sub(r"\s", "", pattern)):
            printed = pattern.replace("{n}", "1").replace("{N}", "1").replace("{i}", "i")
            yield f"页码格式为“{printed.strip()}”，应为“— 1 —”（数字左右各放一条一字线）"
    number_run = numbers[0].run
    if number_run is not None:
        if not same_size(number_run.size, p.page_number_size_pt):
            yield f"页码字号为{size_name(number_run.size)}，应为四号"
        latin = family(number_run.latin) if number_run.latin else None
        if number_run.latin and latin not in ("songti",):
            yield f"页码字体为{face_name(number_run.latin)}，应为宋体（半角宋体阿拉伯数字）"
    if not section.landscape:
        yield from _sides(checker, odd, even)
        yield from _drop(checker, section, odd)
    if section.title_page and not facts.letter:
        first = section.footers.get("first")
        if first is None or first.number is None:
            yield "首页页脚没有页码（设了首页不同），公文每页都应编排页码"


def _sides(checker: Checker, odd: Footer | None, even: Footer | None) -> Iterator[str]:
    facts = checker.facts
    want = "应单页居右空一字、双页居左空一字"
    if facts.even_odd and (even is None or even.number is None):
        yield f"双页页脚没有页码，{want}"
    for footer, side, label in ((odd, "right", "单页"), (even, "left", "双页")):
        if footer is None or footer.number is None:
            continue
        number = footer.number
        if number.tabbed or number.in_text_box:
            continue
        fmt = number.format
        if not facts.even_odd and footer is odd and side == "left":
            continue
        if fmt.jc != side:
            where = {"center": "居中", "right": "居右", "left": "居左", "both": "居左"}.get(
                fmt.jc, fmt.jc
            )
            if not facts.even_odd:
                yield f"页码{where}且未设奇偶页不同，{want}"
                return
            yield f"{label}页码{where}，{want}"
            continue
        indent = fmt.right if side == "right" else fmt.left
        if not 140 <= indent <= 480:
            where = "居右" if side == "right" else "居左"
            yield f"{label}页码{where}空 {indent / 280:.1f} 字，{want}"
    if not facts.even_odd and odd is not None and odd.number and odd.number.format.jc == "right":
        yield f"未设奇偶页不同，双页页码也居右；{want}"


def _drop(checker: Checker, section: Section, odd: Footer | None) -> Iterator[str]:
    if odd is None or odd.number is None or odd.number.in_text_box:
        return
    p = checker.profile
    top_from_bottom = section.footer_distance + odd.height_below_number
    size = (odd.number.run.size if odd.number.run is not None else None) or p.page_number_size_pt
    line = odd.height_below_number or size * 20
    # the 一字线's top: the baseline 4/5 down the number's line, the dash a third of an em up
    dash = line * p.exact_baseline - size * 20 * p.page_number_dash_em
    drop = twips_to_mm(section.bottom - top_from_bottom + dash)
    want = p.page_number_drop_mm
    if drop < 0:
        yield f"页码伸入版心约 {-drop:.0f} mm，应在版心下边缘之下 {want:g} mm"
    elif abs(drop - want) > DROP_TOLERANCE_MM:
        yield (
            f"页码一字线距版心下边缘约 {drop:.0f} mm，应为 {want:g} mm（一字线上距版心下边缘 7 mm）"
        )


# -- L514 版记 -----------------------------------------------------------------------------------


def _colophon(checker: Checker) -> Iterator[LayoutIssue]:
    facts = checker.facts
    rows = [p for p in facts.paragraphs if p.part in (Part.CC, Part.PRINTER) and p.content]
    if not rows:
        return
    items = []
    size = checker.profile.colophon_size_pt
    for para in rows:
        label = "抄送机关" if para.part is Part.CC else "印发机关和印发日期"
        items.extend(type_items([para], label, ("fangsong",), size))
    yield from grouped("L514", items)
    if not facts.letter:  # 信函格式: the 版记 has no lines
        yield from _colophon_lines(checker, rows)
    yield from _colophon_position(checker, rows)


def _colophon_lines(checker: Checker, rows: list[Para]) -> Iterator[LayoutIssue]:
    facts = checker.facts
    start, end = rows[0].number - 2, rows[-1].number + 1
    around = [p for p in facts.paragraphs[max(0, start) : end] if p.region == rows[0].region]
    lines = [(color, para) for color, _, para, _ in _rules_in(around, checker)]
    lines += _table_lines(rows)
    if not lines:
        message = "版记缺少分隔线：首条和末条分隔线用粗线，中间用细线，均为黑色、与版心等宽"
        yield LayoutIssue("L514", rows[0].number, message)
        return
    colored = [(c, p) for c, p in lines if not _black(c)]
    if colored:
        color, para = colored[0]
        yield LayoutIssue("L514", para.number, f"版记分隔线为{color_name(color)}，应为黑色")


def _table_lines(rows: list[Para]) -> list[tuple[str, Para]]:
    found = []
    for para in rows:
        if para.region != "table":
            continue
        cell = next((a for a in para.element.iterancestors() if a.tag == w("tc")), None)
        table = next((a for a in para.element.iterancestors() if a.tag == w("tbl")), None)
        for holder in (cell, table):
            if holder is None:
                continue
            for border in holder.iter(w("top"), w("bottom"), w("insideH")):
                if border.getparent().tag not in (w("tcBorders"), w("tblBorders")):
                    continue
                if border.get(w("val"), "none") not in ("none", "nil"):
                    found.append(((border.get(w("color")) or "auto").upper(), para))
    return [("auto" if c == "AUTO" else c, p) for c, p in found]


def _colophon_position(checker: Checker, rows: list[Para]) -> Iterator[LayoutIssue]:
    facts, geo = checker.facts, checker.geo
    last = rows[-1]
    if _framed_at_bottom(checker, last) or last.region != "body":
        return
    want = "应置于最后一页版心底部（末条分隔线与版心下边缘重合）"
    after = [p for p in facts.paragraphs[last.number :] if p.content and p.region == "body"]
    if after:
        return
    if rows[0].new_page or _first_on_page(facts, rows[0]):
        yield LayoutIssue("L514", rows[0].number, f"版记位于页面顶部，{want}", "colophon_position")
        return
    section = facts.section_of(last)
    body = [p for p in facts.paragraphs[section.first - 1 : last.number] if p.region == "body"]
    placed = geo.paginate(body)
    if placed is None:
        return
    _, top = placed[-1]
    free = section.text_height - top - geo.height(last)
    pitch = section.line_pitch or 579
    lines = int(free // pitch)
    if lines >= FREE_LINES:
        message = f"版记未排在版心底部（估算其下方还空约 {lines} 行），{want}"
        yield LayoutIssue("L514", rows[0].number, message, "colophon_position")


def _framed_at_bottom(checker: Checker, para: Para) -> bool:
    """Whether ``para`` is a frame standing on the bottom of the 版心: aligned there, or placed
    (as LibreOffice writes it back) so that its bottom meets it."""
    frame = para.format.frame
    if not frame:
        return False
    if frame.get("yAlign") == "bottom":
        return True
    if "y" not in frame:
        return False
    section = checker.facts.section_of(para)
    height = number(frame.get("h")) or checker.geo.line_height(para)[0]
    bottom = number(frame["y"]) + abs(height)
    limit = (
        section.text_height
        if frame.get("vAnchor", "margin") != "page"
        else (section.height - section.bottom)
    )
    return abs(bottom - limit) <= checker.profile.line_pitch_twips / 2


def _first_on_page(facts: DocFacts, para: Para) -> bool:
    """Whether only blank paragraphs stand between a page break and ``para``."""
    for before in reversed(facts.paragraphs[: para.number - 1]):
        if before.region != "body":
            continue
        if before.content:
            return False
        if before.new_page:
            return True
    return False


# -- L515 attachments, L516 colour ---------------------------------------------------------------


def _attachments(checker: Checker) -> Iterator[LayoutIssue]:
    facts, geo = checker.facts, checker.geo
    notes = facts.parts(Part.ATTACHMENT_NOTE)
    if notes and notes[0].text.lstrip(" \u3000\t").startswith("附"):
        start = geo.first_start(notes[0])
        if abs(start - 2) > INDENT_TOLERANCE:
            message = f"附件说明左空 {_chars(start)} 字，应左空二字"
            yield LayoutIssue("L515", notes[0].number, message)
    for label in facts.parts(Part.ATTACHMENT_LABEL):
        if not (label.new_page or _first_on_page(facts, label)):
            message = "附件应另面编排：“附件”二字前应分页，编排在版心左上角第一行"
            yield LayoutIssue("L515", label.number, message)
        wrong = _face_problem(label, ("heiti",))
        if wrong is not None:
            yield LayoutIssue("L515", label.number, f"附件标识字体为{wrong}，应为黑体")
        start = geo.first_start(label)
        if label.format.jc in ("center", "right") or abs(start) > INDENT_TOLERANCE:
            yield LayoutIssue("L515", label.number, "附件标识未顶格，应顶格编排")
        title = next(
            (p for p in facts.paragraphs[label.number : label.number + 4] if p.content), None
        )
        if title is not None and title.part is Part.CARRIED_TITLE and title.format.jc != "center":
            yield LayoutIssue("L515", title.number, "附件标题未居中，应居中编排")


def _colors(checker: Checker) -> Iterator[LayoutIssue]:
    items = []
    for para in checker.facts.paragraphs:
        if not para.content or para.part in (Part.ORGAN_MARK, Part.OTHER, Part.RESIDUE):
            continue
        if para.region == "textbox" or para.format.frame:
            continue
        for color in para.colors:
            if not _black(color):
                message = f"文字颜色为{color_name(color)}，公文文字应为黑色"
                items.append((para, (color,), message))
    yield from grouped("L516", items)


CHECKS: tuple[Callable[[Checker], Iterator[LayoutIssue]], ...] = (
    _page_checks,
    _grid,
    _body_type,
    _title,
    _headings,
    _indents,
    _mark,
    _red_rule,
    _doc_number,
    _recipients,
    _signatures,
    _page_numbers,
    _colophon,
    _attachments,
    _colors,
    _marks,
)


def check(facts: DocFacts, profile: LayoutProfile | None = None) -> list[LayoutIssue]:
    """Every layout issue of a document, in rule order then paragraph order."""
    issues = Checker(facts, profile).run()
    return sorted(issues, key=lambda issue: (issue.code, issue.paragraph))
