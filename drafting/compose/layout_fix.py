"""The corrected copy: a clerk's .docx with the GB/T 9704-2012 layout put on it, every
character of its text kept.

What it does, part by part (the parts read as the checks read them):

* the page: A4, the 37/28/35/26 mm margins, a 22-line grid (a lines grid of 579 twips, the
  styles' −0.25 pt character spacing giving 28 characters, as the builder does);
* the styles: this project's named styles (``公文标题``, ``正文``, ``一级标题`` … from
  :mod:`drafting.layout.styles`) are added to the document, its default style and defaults
  take the builder's, theme fonts are cleared;
* every recognised paragraph takes the style of its part; its direct paragraph formatting and
  its runs' direct faces, sizes, colours and character spacing are cleared (bold, italic and
  underline in the body stay: they are emphasis, not layout); spacing between the parts is
  set as the builder sets it (two lines above the title, one above the 主送机关 …), and the
  empty paragraphs the clerk typed for it are removed (an empty paragraph holds no text);
* the 标志 red and shrunk to fit its line, 35 mm below the 版心; the red rule under the
  发文字号 (a drawn line there is replaced); the signature block per the unsealed layout (the
  sealed one when a seal image is there); the attachment on its own page; the 版记 framed on
  the bottom of the last page with black rules (a 版记 in a table, as the builder writes it, is
  kept);
* page numbers ``— 1 —`` in 4号 宋体, odd pages right and even pages left, one character in.

Tables, text boxes, landscape sections and a 信函格式 header are left as they are (said in the
result). The copy's text is compared with the original's before anything is returned: a
difference is an error, never a written file.
"""

from __future__ import annotations

import copy
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafting.anatomy.parts import CHINESE, Part
from drafting.errors import OutputError
from drafting.layout import oxml
from drafting.layout import styles as S
from drafting.layout.profile import FontProfile, LayoutProfile, mm_to_twips, pt_to_twips
from drafting.layout.title import width
from drafting.lint.docx_layout.faces import family
from drafting.lint.docx_layout.facts import DocFacts, Para, open_document, read_facts
from drafting.lint.docx_layout.ooxml import local, w
from drafting.sources.docx_text import numbered_paragraphs, paragraph_text

#: The builder's style for each part.
STYLE_OF: dict[Part, str] = {
    Part.COPY_NUMBER: S.COPY_NUMBER,
    Part.CLASSIFICATION: S.CLASSIFICATION,
    Part.URGENCY: S.URGENCY,
    Part.ORGAN_MARK: S.MARK,
    Part.SIGNER: S.DOC_NUMBER,
    Part.DOC_NUMBER: S.DOC_NUMBER,
    Part.TITLE: S.TITLE,
    Part.SUBTITLE: S.AUTHOR,
    Part.SPEAKER: S.AUTHOR,
    Part.BYLINE: S.AUTHOR,
    Part.LEAD: S.BODY,
    Part.DATELINE: S.BODY,
    Part.SALUTATION: S.RECIPIENTS,
    Part.RECIPIENTS: S.RECIPIENTS,
    Part.BODY: S.BODY,
    Part.NAME_LIST: S.BODY,
    Part.HEADING1: S.HEADINGS[0],
    Part.HEADING2: S.HEADINGS[1],
    Part.HEADING3: S.HEADINGS[2],
    Part.HEADING4: S.HEADINGS[3],
    Part.ATTACHMENT_NOTE: S.ATTACHMENT_NOTE,
    Part.SIGNATURE: S.SIGNATURE,
    Part.DATE: S.DATE,
    Part.NOTE: S.NOTE,
    Part.ATTACHMENT_LABEL: S.ATTACHMENT_LABEL,
    Part.CARRIED_TITLE: S.ATTACHMENT_TITLE,
    Part.CC: S.CC,
    Part.PRINTER: S.PRINTER,
}
#: Paragraph properties kept when a paragraph is restyled (structure, revisions, numbering).
_KEEP_PPR = frozenset(("pStyle", "numPr", "sectPr", "pPrChange", "pageBreakBefore", "tabs"))
#: Run properties cleared everywhere (the style gives them) …
_CLEAR_RPR = frozenset(
    ("rFonts", "sz", "szCs", "color", "spacing", "w", "kern", "position", "rStyle", "shd")
)
#: … and in titles, headings and the 版头/版记, weight too (the style decides it).
_CLEAR_WEIGHT = frozenset(("b", "bCs", "i", "iCs"))
_EMPHASIS_PARTS = frozenset((Part.BODY, Part.NAME_LIST, Part.NOTE, Part.LEAD, Part.DATELINE))
_HEAD = frozenset(
    (Part.COPY_NUMBER, Part.CLASSIFICATION, Part.URGENCY, Part.ORGAN_MARK, Part.SIGNER,
     Part.DOC_NUMBER)
)  # fmt: skip


@dataclass
class FixedDocx:
    """The corrected copy and what was done to it (Chinese lines)."""

    data: bytes
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def fix_layout(data: bytes, *, path: str = "", profile: LayoutProfile | None = None) -> FixedDocx:
    """The corrected copy of the .docx ``data`` (see the module docstring)."""
    document = open_document(data, path)
    before = _texts(document)
    facts = read_facts(document)
    fixer = _Fixer(document, facts, profile or LayoutProfile())
    fixer.run()
    out = io.BytesIO()
    document.save(out)
    result = out.getvalue()
    after = _texts(open_document(result, path))
    if after != before:
        raise OutputError("修正副本的文字与原文不一致，未写出（请报告此问题）", path=path or None)
    return FixedDocx(result, fixer.changes, fixer.kept)


def _texts(document: Any) -> list[str]:
    """Every non-empty paragraph's text, body (tables, text boxes) then headers and footers
    (page numbers aside): what the copy must keep character for character."""
    from drafting.sources.docx_text import is_page_number, paragraphs_in

    texts = [paragraph_text(p._p) for _, p in numbered_paragraphs(document)]
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(("/header", "/footer")):
            for p in paragraphs_in(rel.target_part.element):
                if not is_page_number(p):
                    texts.append(paragraph_text(p))
    return [text for text in texts if text.strip()]


class _Fixer:
    def __init__(self, document: Any, facts: DocFacts, profile: LayoutProfile) -> None:
        self.document = document
        self.facts = facts
        self.p = profile
        self.fonts = _font_profile(facts)
        self.changes: list[str] = []
        self.kept: list[str] = []
        self.ids: dict[str, str] = {}

    def run(self) -> None:
        self._styles()
        self._page()
        self._paragraphs()
        self._footers()

    # -- styles -----------------------------------------------------------------------------
    def _styles(self) -> None:
        from docx import Document

        fresh = Document()
        S.install(fresh, self.p, self.fonts)
        ours = fresh.styles.element
        theirs = self.document.styles.element
        default_id = self.facts.formatter.default_style
        fresh_normal = next(
            s for s in ours.iterchildren(w("style")) if s.get(w("styleId")) == "Normal"
        )
        normal = _style_by_id(theirs, default_id) if default_id else None
        if normal is None:
            normal = copy.deepcopy(fresh_normal)
            normal.set(w("default"), "1")
            theirs.append(normal)
            default_id = "Normal"
        for tag in ("pPr", "rPr"):
            for old in normal.findall(w(tag)):
                normal.remove(old)
            found = fresh_normal.find(w(tag))
            if found is not None:
                normal.append(copy.deepcopy(found))
        defaults = theirs.find(w("docDefaults"))
        if defaults is not None:
            theirs.replace(defaults, copy.deepcopy(ours.find(w("docDefaults"))))
        else:
            theirs.insert(0, copy.deepcopy(ours.find(w("docDefaults"))))
        names = {spec.name for spec in S.SPECS}
        for style in list(theirs.iterchildren(w("style"))):
            name = style.find(w("name"))
            if name is not None and name.get(w("val")) in names:
                theirs.remove(style)
        for style in ours.iterchildren(w("style")):
            name = style.find(w("name"))
            if name is None or name.get(w("val")) not in names:
                continue
            mine = copy.deepcopy(style)
            based = mine.find(w("basedOn"))
            if based is not None:
                based.set(w("val"), default_id)
            style_id = mine.get(w("styleId"))
            clash = _style_by_id(theirs, style_id)
            if clash is not None:
                theirs.remove(clash)
            theirs.append(mine)
            self.ids[name.get(w("val"))] = style_id
        _clear_theme_fonts(theirs, self.fonts)
        self.changes.append(
            "样式：加入本项目的公文样式（公文标题、正文、一级标题……），默认样式改为三号仿宋"
        )

    # -- page -------------------------------------------------------------------------------
    def _page(self) -> None:
        p = self.p
        portrait = landscape = 0
        for section in self.document.sections:
            sect = section._sectPr
            is_landscape = section.page_width > section.page_height
            width, height = p.page_width_twips, p.page_height_twips
            top, left, bottom, right = p.margins_twips
            if is_landscape:
                width, height = height, width
                top, left, bottom, right = p.landscape_margins_twips
                landscape += 1
            else:
                portrait += 1
            size = oxml.child(sect, "pgSz", w=width, h=height)
            if is_landscape:
                size.set(qn("w:orient"), "landscape")
            else:
                size.attrib.pop(qn("w:orient"), None)
            oxml.child(
                sect, "pgMar", top=top, left=left, bottom=bottom, right=right,
                header=p.header_distance_twips, footer=p.footer_distance_twips, gutter=0,
            )  # fmt: skip
            oxml.set_doc_grid(sect, p.line_pitch_twips)
            if not self.facts.letter:
                oxml.remove(sect, "titlePg")
        self.document.settings.odd_and_even_pages_header_footer = True
        self.changes.append(
            "页面：A4，页边距上 37、下 35、左 28、右 26 mm，文档网格每面 22 行、每行 28 字"
        )

    # -- paragraphs -------------------------------------------------------------------------
    def _paragraphs(self) -> None:
        facts = self.facts
        restyled: Counter[str] = Counter()
        removed = 0
        carry_break = False
        head = any(p.part in (Part.ORGAN_MARK, Part.DOC_NUMBER) for p in facts.paragraphs)
        gap_before: float = 0.0  # blank lines removed above the next paragraph
        previous: Para | None = None
        for para in facts.paragraphs:
            if para.region != "body":
                continue
            if not para.content:
                if self._removable(para):
                    carry_break = carry_break or para.new_page or _has_page_break(para.element)
                    para.element.getparent().remove(para.element)
                    removed += 1
                    gap_before += 1
                continue
            style = STYLE_OF.get(para.part)
            if style is None or (facts.letter and para.part in _HEAD):
                previous = para
                gap_before = 0
                continue
            self._restyle(para, style)
            ppr = para.element.get_or_add_pPr()
            if para.part in (Part.CC, Part.PRINTER):  # the 版记 goes to the foot of the page
                oxml.remove(ppr, "pageBreakBefore")
                carry_break = False
            elif carry_break or para.part is Part.ATTACHMENT_LABEL:
                oxml.set_flag(ppr, "pageBreakBefore")
                carry_break = False
            self._spacing(para, previous, head)
            restyled[CHINESE[para.part]] += 1
            previous = para
            gap_before = 0
        self._mark()
        self._red_rule()
        self._signature()
        self._attachment_note()
        self._colophon()
        parts = "、".join(f"{name} {count} 段" for name, count in restyled.items())
        if parts:
            self.changes.append(
                f"段落：按所属部分套用公文样式（{parts}），清除直接设置的字体、字号、颜色和缩进"
            )
        if removed:
            self.changes.append(f"删除用来占位的空段落 {removed} 个（间距改由段前距离给出）")
        if any(p.region == "table" and p.content for p in facts.paragraphs):
            self.kept.append("表格未改动")
        if any(p.region == "textbox" and p.content for p in facts.paragraphs):
            self.kept.append("文本框未改动")
        if facts.letter:
            self.kept.append("信函格式的版头未改动")

    def _removable(self, para: Para) -> bool:
        p = para.element
        ppr = p.find(w("pPr"))
        if ppr is not None and ppr.find(w("sectPr")) is not None:
            return False
        if para.shapes or p.find(f".//{w('fldChar')}") is not None:
            return False
        return p.find(f".//{w('fldSimple')}") is None and p.find(f".//{w('object')}") is None

    def _restyle(self, para: Para, style: str) -> None:
        p = para.element
        ppr = p.get_or_add_pPr()
        for child in list(ppr):
            if local(child) not in _KEEP_PPR:
                ppr.remove(child)
        p.style = self.ids.get(style, style)
        clear = set(_CLEAR_RPR)
        if para.part not in _EMPHASIS_PARTS:
            clear |= _CLEAR_WEIGHT
        for run in p.iter(w("r")):
            if any(local(a) == "txbxContent" for a in run.iterancestors()):
                continue
            rpr = run.find(w("rPr"))
            if rpr is None:
                continue
            for child in list(rpr):
                if local(child) in clear:
                    rpr.remove(child)
        if ppr.find(w("numPr")) is not None:  # the numbering's indents would win over the style
            spec = S.SPEC_BY_NAME[style]
            oxml.set_indent(
                oxml.paragraph_format(ppr), first_line=self.p.chars_twips(spec.first_line_chars)
            )
        self._typed_indent(para, style)

    def _typed_indent(self, para: Para, style: str) -> None:
        """A paragraph opening with spaces typed as its indent keeps them: the style's first-line
        indent is reduced by their width (to none for a flush-left part)."""
        leading = width(para.text) - width(para.text.lstrip(" \u3000"))
        if not leading:
            return
        spec = S.SPEC_BY_NAME[style]
        if spec.jc in ("center", "right"):
            return
        first = max(0.0, spec.first_line_chars - leading)
        ppr = para.element.get_or_add_pPr()
        oxml.set_indent(oxml.paragraph_format(ppr), first_line=self.p.chars_twips(first))

    def _spacing(self, para: Para, previous: Para | None, head: bool) -> None:
        """Space above a part, as the builder sets it."""
        lines = self._lines_above(para.part, previous.part if previous else None, head)
        if lines:
            oxml.set_spacing(para.element.get_or_add_pPr(), before=self.p.line_twips(lines))

    def _lines_above(self, part: Part, previous: Part | None, head: bool) -> float:
        if part is previous:
            return 0
        if part is Part.DOC_NUMBER:
            return self.p.doc_number_gap_lines
        if part is Part.TITLE:
            return self.p.title_gap_lines if head else 0
        closing = (Part.SIGNATURE, Part.DATE)
        one_line = (
            part in (Part.RECIPIENTS, Part.ATTACHMENT_NOTE)
            or (part in closing and previous is not None and previous not in closing)
            or (part is Part.CARRIED_TITLE and previous is Part.ATTACHMENT_LABEL)
            or previous is Part.CARRIED_TITLE  # the attachment's text, a line under its title
        )
        return 1 if one_line else 0

    # -- 版头 -------------------------------------------------------------------------------
    def _mark(self) -> None:
        facts, p = self.facts, self.p
        marks = [m for m in facts.parts(Part.ORGAN_MARK) if m.region == "body"]
        if not marks or facts.letter:
            return
        mark = marks[0]
        size = _fit(p, width(mark.content))
        ppr = mark.element.get_or_add_pPr()
        if size != p.mark_size_pt:
            line = S.exact_line(p, size)
            spacing = oxml.child(ppr, "spacing")
            spacing.set(qn("w:line"), str(line))
            spacing.set(qn("w:lineRule"), "exact")
            for run in mark.element.iter(w("r")):
                oxml.set_size(run.get_or_add_rPr(), size)
        above = sum(
            p.line_pitch_twips
            for q in facts.paragraphs[: mark.number - 1]
            if q.region == "body" and q.content and q.element.getparent() is not None
        )
        extra = S.exact_line(p, size) - pt_to_twips(size)
        before = max(0, mm_to_twips(p.mark_top_mm) - above - extra)
        oxml.child(ppr, "spacing", before=before, after=0)
        self.changes.append(f"发文机关标志：红色小标宋，{size:g} 磅，上边缘距版心上边缘 35 mm")

    def _red_rule(self) -> None:
        facts, p = self.facts, self.p
        if facts.letter:
            return
        head_parts = [q for q in facts.paragraphs if q.part in _HEAD and q.region == "body"]
        numbers = [q for q in head_parts if q.part in (Part.DOC_NUMBER, Part.SIGNER) and q.content]
        marks = [q for q in head_parts if q.part is Part.ORGAN_MARK]
        if not (numbers or marks):
            return
        for para in head_parts:  # a line drawn by hand in the 版头 gives way to the border
            for drawing in list(para.element.iter(w("drawing"), w("pict"))):
                if _is_line(drawing):
                    drawing.getparent().remove(drawing)
        last = (numbers or marks)[-1]
        oxml.set_border(
            last.element.get_or_add_pPr(),
            "bottom",
            width_eighths=round(p.red_line_pt * 8),
            color=p.red,
            space_pt=round(p.red_line_gap_mm / 25.4 * 72),
        )
        self.changes.append("版头：发文字号之下 4 mm 处加与版心等宽的红色分隔线")

    # -- 主体 -------------------------------------------------------------------------------
    def _signature(self) -> None:
        facts, p = self.facts, self.p
        for date in facts.parts(Part.DATE):
            signatures = []
            for para in reversed(facts.paragraphs[: date.number - 1]):
                if para.part is Part.SIGNATURE and para.content and para.region == "body":
                    signatures.insert(0, para)
                elif para.content:
                    break
            sealed = any(
                s.kind in ("picture", "shape") for q in [*signatures, date] for s in q.shapes
            )
            sig_w = max((width(s.content) for s in signatures), default=0.0)
            date_w = width(date.content)
            sig_right, date_right = _signature_places(p, sig_w, date_w, bool(signatures), sealed)
            for para in signatures:
                oxml.set_indent(
                    oxml.paragraph_format(para.element.get_or_add_pPr()),
                    right=p.chars_twips(sig_right),
                )
            oxml.set_indent(
                oxml.paragraph_format(date.element.get_or_add_pPr()),
                right=p.chars_twips(date_right),
            )
            how = "加盖印章" if sealed else "不加盖印章"
            self.changes.append(f"署名和成文日期：按{how}的版式排列（第 {date.number} 段）")

    def _attachment_note(self) -> None:
        p = self.p
        notes = self.facts.parts(Part.ATTACHMENT_NOTE)
        if not notes:
            return
        label = p.chars_twips(2 + 3)
        for index, note in enumerate(notes):
            text = note.content
            leading = width(note.text) - width(note.text.lstrip(" \u3000"))
            body = text[3:] if index == 0 and text.startswith(("附件：", "附件:")) else text
            number = body[: len(body) - len(body.lstrip("0123456789.．、"))]
            name_at = label + p.chars_twips(width(number))
            start = p.chars_twips(2) if index == 0 else label
            first = start - name_at - p.chars_twips(leading)
            oxml.set_indent(
                oxml.paragraph_format(note.element.get_or_add_pPr()), left=name_at, first_line=first
            )

    # -- 版记 -------------------------------------------------------------------------------
    def _colophon(self) -> None:
        facts, p = self.facts, self.p
        rows = [q for q in facts.paragraphs if q.part in (Part.CC, Part.PRINTER) and q.content]
        if not rows:
            return
        if any(q.region != "body" for q in rows):
            self.kept.append("表格中的版记未改动")
            return
        ccs = [q for q in rows if q.part is Part.CC]
        printers = [q for q in rows if q.part is Part.PRINTER]
        one = p.advance_twips(p.colophon_size_pt)
        thick = round(p.colophon_thick_mm / 25.4 * 72 * 8)
        thin = round(p.colophon_thin_mm / 25.4 * 72 * 8)
        lines = not facts.letter
        for cc in ccs:
            ppr = cc.element.get_or_add_pPr()
            hang = one * 3
            oxml.set_indent(
                oxml.paragraph_format(ppr), left=one + hang, right=one, first_line=-hang
            )
            if lines:
                oxml.set_border(ppr, "top", width_eighths=thick, color=p.black)
        for printer in printers:
            ppr = printer.element.get_or_add_pPr()
            oxml.set_indent(oxml.paragraph_format(ppr), left=one)
            oxml.remove(ppr, "tabs")
            oxml.add_tab(ppr, p.text_width_twips - one, "right")
            oxml.set_border(ppr, "top", width_eighths=thin if ccs else thick, color=p.black)
            oxml.set_border(ppr, "bottom", width_eighths=thick, color=p.black)
        if len(ccs) > 1 or len(printers) > 1:
            self.kept.append("版记有多段抄送或印发，位置未改动：请手工排到最后一页版心底部")
            return
        self._frame_colophon(ccs[0] if ccs else None, printers[0] if printers else None, one)
        self.changes.append("版记：四号仿宋，黑色分隔线，置于最后一页版心底部")

    def _frame_colophon(self, cc: Para | None, printer: Para | None, one: int) -> None:
        """Frames on the bottom of the 版心, the clerk's paragraphs kept where they are (the
        builder floats a table there instead, :func:`drafting.layout.colophon.add_colophon`;
        a 版记 already in a table is left as it is, and the review accepts both)."""
        p = self.p
        if printer is None and cc is not None:
            oxml.set_frame(cc.element.get_or_add_pPr(), p.text_width_twips)
            if not self.facts.letter:
                oxml.set_border(
                    cc.element.get_or_add_pPr(), "bottom",
                    width_eighths=round(p.colophon_thick_mm / 25.4 * 72 * 8), color=p.black,
                )  # fmt: skip
            return
        if printer is None:
            return
        oxml.set_frame(printer.element.get_or_add_pPr(), p.text_width_twips)
        if cc is None:
            return
        first = p.text_width_twips - 2 * one
        count = _wrapped(width(cc.content), first=first, rest=first - one * 3, advance=one)
        y = p.text_height_twips - p.line_pitch_twips * (count + 1)
        oxml.set_frame(cc.element.get_or_add_pPr(), p.text_width_twips, y=y)
        following = cc.element.getnext()
        while following is not None and following is not printer.element:
            after = following.getnext()
            if following.tag == w("p") and not paragraph_text(following).strip():
                following.getparent().remove(following)
            following = after
        separator = OxmlElement("w:p")
        ppr = separator.get_or_add_pPr()
        ppr.style = self.ids.get(S.PRINTER, S.PRINTER)
        oxml.set_spacing(ppr, line=20, rule="exact")
        cc.element.addnext(separator)

    # -- footers ----------------------------------------------------------------------------
    def _footers(self) -> None:
        section = self.document.sections[0]
        if section.page_width > section.page_height:
            self.kept.append("横向页的页码未改动")
            return
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            root = footer._element
            kept_text = [p for p in root.iterchildren(w("p")) if _footer_text(p)]
            for child in list(root):
                if child.tag == w("p") and child not in kept_text:
                    root.remove(child)
            paragraph = footer.add_paragraph()
            self._page_number(paragraph, side)
            if kept_text:
                self.kept.append("页脚中的其他文字保留未改")
        for later in self.document.sections[1:]:
            if later.page_width <= later.page_height:
                for ref in later._sectPr.findall(qn("w:footerReference")):
                    later._sectPr.remove(ref)  # the first section's footers carry on
        self.changes.append("页码：“— 1 —”四号宋体，单页居右空一字，双页居左空一字")

    def _page_number(self, paragraph: Any, side: str) -> None:
        p, songti = self.p, self.fonts.songti
        paragraph._p.style = self.ids.get(S.PAGE_NUMBER, S.PAGE_NUMBER)
        ppr = paragraph._p.get_or_add_pPr()
        oxml.set_justification(oxml.paragraph_format(ppr), side)
        one = p.advance_twips(p.page_number_size_pt)
        oxml.set_indent(
            oxml.paragraph_format(ppr), **({"right": one} if side == "right" else {"left": one})
        )
        rpr = OxmlElement("w:rPr")
        oxml.set_fonts(rpr, songti, songti)
        for text in ("— ",):
            run = paragraph.add_run(text)
            run._r.insert(0, copy.deepcopy(rpr))
        for run in oxml.field_runs("PAGE", "1", rpr):
            paragraph._p.append(run)
        run = paragraph.add_run(" —")
        run._r.insert(0, copy.deepcopy(rpr))


def _font_profile(facts: DocFacts) -> FontProfile:
    """The plain faces when the document's body is in plain 仿宋, else the standard ones."""
    faces = Counter(p.face for p in facts.parts(Part.BODY) if p.face)
    if faces:
        face = faces.most_common(1)[0][0] or ""
        if family(face) == "fangsong" and "GB2312" not in face.upper():
            return FontProfile.plain()
    return FontProfile.standard()


def _style_by_id(styles: Any, style_id: str | None) -> Any | None:
    for style in styles.iterchildren(w("style")):
        if style.get(w("styleId")) == style_id:
            return style
    return None


def _clear_theme_fonts(styles: Any, fonts: FontProfile) -> None:
    """No theme font anywhere in the styles: East Asian text always names its face."""
    for element in styles.iter(w("rFonts")):
        for key in list(element.attrib):
            if key.endswith("heme"):
                del element.attrib[key]
        element.set(w("eastAsia"), element.get(w("eastAsia")) or fonts.fangsong)


def _fit(p: LayoutProfile, chars: float) -> float:
    """The 标志's size: the profile's, shrunk so ``chars`` characters fit one line."""
    fit = (p.text_width_twips / max(chars, 1) - p.char_spacing_twips) / 20
    return min(p.mark_size_pt, int(fit * 2) / 2)


def _signature_places(
    p: LayoutProfile, sig_w: float, date_w: float, has_signature: bool, sealed: bool
) -> tuple[float, float]:
    """Right indents (characters) of the 署名 and the 成文日期 (GB/T 9704-2012 7.3.5)."""
    if sealed:
        date_right = p.seal_date_indent_chars
        return date_right + (date_w - sig_w) / 2, date_right
    if not has_signature or sig_w - date_w >= 2:
        sig_right = p.signature_indent_chars
        return sig_right, (sig_right + sig_w - 2 - date_w if has_signature else sig_right)
    date_right = p.signature_indent_chars
    return date_right + date_w + 2 - sig_w, date_right


def _wrapped(chars: float, *, first: int, rest: int, advance: int) -> int:
    per_first = max(1, first // advance)
    if chars <= per_first:
        return 1
    per_rest = max(1, rest // advance)
    return 1 + int(-(-(chars - per_first) // per_rest))


def _has_page_break(p: Any) -> bool:
    return any(br.get(w("type")) == "page" for br in p.iter(w("br")))


def _is_line(drawing: Any) -> bool:
    """Whether a ``w:drawing`` or ``w:pict`` is a plain line (no text, no picture)."""
    if any(local(e) in ("txbxContent", "pic", "imagedata") for e in drawing.iter()):
        return False
    for element in drawing.iter():
        name = local(element)
        if name == "line" or (
            name == "prstGeom" and element.get("prst") in ("line", "straightConnector1")
        ):
            return True
    return False


def _footer_text(p: Any) -> bool:
    from drafting.sources.docx_text import is_page_number

    return bool(paragraph_text(p).strip()) and not is_page_number(p)
