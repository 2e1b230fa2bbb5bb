"""A 通知 as a clerk makes it in Word or WPS, built with python-docx: direct formatting on a
modified Normal style (no builder styles), a red 标志 and rule, headings of four levels, a
signature block, an attachment on its own page, the 版记 and page numbers.

:class:`Clerk` holds what the clerk did; its defaults follow GB/T 9704-2012, and each field
changed is one deliberate mistake (``Clerk(body_size=12)``: a 小四 body). :func:`build`
returns the .docx bytes; :data:`PARAGRAPHS` names the paragraph numbers findings point at.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Twips

from drafting.layout import oxml

LATIN = "Times New Roman"
MARK = "江州市人民政府办公室文件"
NUMBER = "江政办发〔2026〕12号"
TITLE = "关于做好2026年度安全生产检查工作的通知"
RECIPIENTS = "各区人民政府，市政府各部门，各直属机构："
SIGNATURE = "江州市人民政府办公室"
DATE = "2026年11月20日"
BODY = [
    (
        "p",
        "为深入贯彻落实安全生产工作部署，全面排查整治各类安全隐患，切实防范遏制重特大事故发生，"
        "根据市委、市政府工作安排，现就做好2026年度安全生产检查工作通知如下：",
    ),
    ("h1", "一、总体要求"),
    (
        "p",
        "坚持人民至上、生命至上，坚持安全第一、预防为主、综合治理，以问题为导向，以整改为抓手，"
        "全面落实企业安全生产主体责任和部门监管责任，推动安全生产形势持续稳定向好。",
    ),
    ("h2", "（一）明确检查范围"),
    (
        "p",
        "检查覆盖全市各类生产经营单位，重点是危险化学品、矿山、建筑施工、交通运输、消防、"
        "城镇燃气、特种设备等行业领域，以及人员密集场所和在建重点工程项目。",
    ),
    ("h3", "1.企业自查自改"),
    (
        "p",
        "各生产经营单位要对照有关法律法规和标准规范，全面开展自查自改，建立隐患清单和整改台账，"
        "明确整改责任人、整改措施和整改时限，做到隐患整改闭环管理，不留死角、不留盲区。",
    ),
    ("h4", "（1）自查内容"),
    (
        "p",
        "自查内容包括安全生产责任制落实、安全管理制度执行、从业人员教育培训、设备设施运行维护、"
        "应急预案编制演练以及重大危险源监测监控等情况，各单位要如实记录、逐项核实。",
    ),
    ("h2", "（二）突出检查重点"),
    (
        "p",
        "各区、各部门要聚焦事故易发多发的重点行业领域，紧盯关键环节和薄弱部位，组织专业力量开展"
        "精准检查，对发现的重大事故隐患实行挂牌督办，对拒不整改的依法依规严肃处理。",
    ),
    (
        "p",
        "要加强对小微企业、个体工商户和农村地区的检查指导，帮助解决安全管理中的实际困难，"
        "推动安全生产责任落实到岗位、落实到人头，切实提升基层安全管理水平。",
    ),
    ("h1", "二、工作安排"),
    (
        "p",
        "检查工作分三个阶段进行。第一阶段为动员部署和自查自改阶段，第二阶段为集中检查和督导"
        "阶段，第三阶段为总结评估阶段，各阶段工作要有序衔接、压茬推进。",
    ),
    (
        "p",
        "各区、各部门要于2026年12月10日前将检查工作总结和隐患整改情况报送市安全生产委员会"
        "办公室，同时报送电子文档。重大情况要随时报告，不得迟报、漏报、瞒报。",
    ),
    ("h1", "三、有关要求"),
    (
        "p",
        "各区、各部门要高度重视安全生产检查工作，主要负责同志要亲自部署、亲自督导，分管负责"
        "同志要靠前指挥、一线推动，确保检查工作取得实效。对工作不力、敷衍塞责的，要严肃问责。",
    ),
    (
        "p",
        "要坚持边查边改、立查立改，对一时难以整改的隐患，要制定整改方案，落实防范措施，"
        "限期整改到位。要加强宣传引导，营造全社会共同关注安全生产的良好氛围。",
    ),
    ("p", "联系人：王晓明，电话：87654321。"),
]
ATTACHMENT = "2026年度安全生产检查隐患整改情况报送表"
ATTACHMENT_TEXT = "请各区、各部门按照表格要求如实填写隐患整改情况，并加盖单位公章后报送。"
CC = "抄送：市委办公厅，市人大常委会办公厅，市政协办公厅。"
PRINTER = "江州市人民政府办公室"
PRINT_DATE = "2026年11月20日印发"

HEADING_KINDS = ("h1", "h2", "h3", "h4")


@dataclass
class Clerk:
    """What the clerk did (defaults: what GB/T 9704-2012 asks)."""

    page: tuple[float, float] = (210.0, 297.0)
    margins: tuple[float, float, float, float] = (37.0, 28.0, 35.0, 26.0)  # top left bottom right
    grid: str | None = "lines"  # "lines", "linesAndChars" (the WPS way), None
    line_pitch: int = 579
    char_spacing: int = -5  # twips on every character (28 a line); 0: Word's default (27)
    body_font: str | None = "仿宋_GB2312"  # None: left to the theme (宋体)
    body_size: float = 16.0
    body_color: str | None = None  # colour of one body paragraph
    indent: str = "chars"  # "chars", "twips", "spaces" (two U+3000 typed), "none", "block"
    title_font: str = "方正小标宋简体"
    title_size: float = 22.0
    title_jc: str = "center"
    title_spaced: bool = False  # 的通     知
    heading_fonts: tuple[str, str, str, str] = ("黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312")
    urgency_font: str = "黑体"
    mark_color: str = "FF0000"
    mark_font: str = "方正小标宋简体"
    mark_top: bool = True  # space above so its top stands 35 mm below the 版心's
    red_line: str | None = "border"  # "border", "shape", None
    red_line_color: str = "FF0000"
    number_jc: str = "center"
    recipients_indent: bool = False
    signature: str = "unsealed"  # "unsealed", "sealed" (date 4 in, 署名 centred over it),
    #                              "flush" (right-aligned, no indent)
    note_indent: bool = True
    attachment_break: bool = True
    page_numbers: str | None = "— {n} —"  # the footer's text, {n} the PAGE field; None: none
    number_size: float = 14.0
    number_font: str = "宋体"
    sides: str = "outside"  # "outside" (odd right, even left), "center"
    footer_distance: int = 1444  # twips: the number's dash 7 mm below the 版心
    colophon: str = "bottom"  # "bottom" (framed on the bottom), "top" (own page, at its top),
    #                          "inline" (right under the date)
    colophon_size: float = 14.0
    colophon_line: str = "000000"
    extra: dict[str, object] = field(default_factory=dict)


#: Paragraph numbers of the default document (findings point at these).
PARAGRAPHS = {
    "urgency": 1,
    "mark": 2,
    "number": 3,
    "title": 4,
    "recipients": 5,
    "body": 6,  # the first body paragraph
    "h1": 7,
    "h2": 9,
    "h3": 11,
    "h4": 13,
    "note": 25,
    "signature": 26,
    "date": 27,
    "label": 28,
    "attachment_title": 29,
    "attachment_text": 30,
    "cc": 31,
    "printer": 33,
}


def _rpr(run, font: str | None = None, size: float | None = None, *, bold=False, color=None):
    rpr = run._r.get_or_add_rPr()
    if font is not None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), font)
        fonts.set(qn("w:ascii"), LATIN)
        fonts.set(qn("w:hAnsi"), LATIN)
    if bold:
        run.bold = True
    if color is not None:
        run.font.color.rgb = None
        element = OxmlElement("w:color")
        element.set(qn("w:val"), color)
        rpr.append(element)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(round(size * 2)))
            rpr.append(element)


def _ppr(paragraph, **values):
    """Direct paragraph properties: jc, before/after/line (twips; ``rule``), firstLineChars,
    firstLine, left, right, hanging (twips), snap, frame (framePr attributes), borders (the
    XML of the pBdr's children), page_break."""
    ppr = paragraph._p.get_or_add_pPr()
    if values.get("page_break"):
        oxml.child(ppr, "pageBreakBefore")
    if "frame" in values:
        oxml.child(ppr, "framePr", **values["frame"])
    if "borders" in values:
        borders = oxml.child(ppr, "pBdr")
        for element in parse_xml(f"<w:pBdr {nsdecls('w')}>{values['borders']}</w:pBdr>"):
            borders.append(element)
    if values.get("snap") is False:
        oxml.child(ppr, "snapToGrid", val="0")
    spacing = {key: values[key] for key in ("before", "after", "line") if key in values}
    if "line" in spacing:
        spacing["lineRule"] = values.get("rule", "exact")
    if spacing:
        oxml.child(ppr, "spacing", **spacing)
    ind = {k: values[k] for k in ("left", "right", "firstLine", "firstLineChars", "hanging")
           if k in values}  # fmt: skip
    if ind:
        oxml.child(ppr, "ind", **ind)
    if "jc" in values:
        oxml.child(ppr, "jc", val=values["jc"])


class _Writer:
    def __init__(self, clerk: Clerk) -> None:
        self.c = clerk
        self.doc = Document()
        self.chars = clerk.body_size * 20 - (5 if clerk.grid != "linesAndChars" else 0)

    def para(self, text: str = "", font: str | None = None, size: float | None = None,
             **values):  # fmt: skip
        paragraph = self.doc.add_paragraph()
        if text:
            run = paragraph.add_run(text)
            _rpr(run, font, size, bold=values.pop("bold", False), color=values.pop("color", None))
        else:
            values.pop("bold", None)
            values.pop("color", None)
        _ppr(paragraph, **values)
        return paragraph

    # -- page -------------------------------------------------------------------------------
    def page(self) -> None:
        c = self.c
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(c.page[0]), Mm(c.page[1])
        top, left, bottom, right = c.margins
        section.top_margin, section.left_margin = Mm(top), Mm(left)
        section.bottom_margin, section.right_margin = Mm(bottom), Mm(right)
        section.header_distance = Mm(15)
        section.footer_distance = Twips(c.footer_distance)
        grid = section._sectPr.find(qn("w:docGrid"))
        if c.grid is None:
            section._sectPr.remove(grid)
        elif c.grid == "lines":
            grid.set(qn("w:type"), "lines")
            grid.set(qn("w:linePitch"), str(c.line_pitch))
        else:
            grid.set(qn("w:type"), "linesAndChars")
            grid.set(qn("w:linePitch"), str(c.line_pitch))
            grid.set(qn("w:charSpace"), "-842")

    def normal(self) -> None:
        """The clerk's Normal style: the body face and size, no space around paragraphs."""
        c = self.c
        normal = self.doc.styles["Normal"]
        rpr = normal.element.get_or_add_rPr()
        if c.body_font is not None:
            rpr.append(parse_xml(
                f'<w:rFonts {nsdecls("w")} w:ascii="{LATIN}" w:hAnsi="{LATIN}" '
                f'w:eastAsia="{c.body_font}"/>'
            ))  # fmt: skip
        if c.grid != "linesAndChars" and c.char_spacing:
            rpr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="{c.char_spacing}"/>'))
        rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="32"/>'))
        ppr = normal.element.get_or_add_pPr()
        ppr.append(parse_xml(
            f'<w:spacing {nsdecls("w")} w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        ))  # fmt: skip
        ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="both"/>'))

    # -- 版头 -------------------------------------------------------------------------------
    def head(self) -> None:
        c = self.c
        self.para("特急", c.urgency_font, 16, jc="left", line=579, snap=False)
        mark_before = 1984 - 579 - (864 - 720) if c.mark_top else 0
        self.para(MARK, c.mark_font, 36, color=c.mark_color, jc="center", before=mark_before,
                  line=864, snap=False)  # fmt: skip
        borders = {}
        if c.red_line == "border":
            borders["borders"] = (
                f'<w:bottom w:val="single" w:sz="12" w:space="11" w:color="{c.red_line_color}"/>'
            )
        number = self.para(NUMBER, c.body_font, 16, jc=c.number_jc, before=1158, line=579,
                           snap=False, **borders)  # fmt: skip
        if c.red_line == "shape":
            run = number.add_run()
            run._r.append(parse_xml(_LINE_SHAPE.format(color=c.red_line_color)))
        title = TITLE.replace("通知", "通     知") if c.title_spaced else TITLE
        self.para(title, c.title_font, c.title_size, jc=c.title_jc, before=1158, line=579,
                  snap=False)  # fmt: skip

    # -- 主体 -------------------------------------------------------------------------------
    def body(self) -> None:
        c = self.c
        recipients = {"firstLineChars": 200} if c.recipients_indent else {}
        self.para(RECIPIENTS, c.body_font, before=579, **recipients)
        colored = False
        for kind, text in BODY:
            if kind in HEADING_KINDS:
                level = HEADING_KINDS.index(kind)
                self.para(self._indented(text), c.heading_fonts[level], **self._indent())
                continue
            size = c.body_size if c.body_size != 16 else None
            color = None
            if c.body_color and not colored:
                color, colored = c.body_color, True
            self.para(self._indented(text), c.body_font, size, color=color, **self._indent())
        note = self._indent(flat=True) if c.note_indent else {}
        self.para(f"附件：{ATTACHMENT}", c.body_font, before=579, **note)
        self.signature()

    def _indent(self, *, flat: bool = False) -> dict:
        """The first-line indent of body paragraphs as the clerk set it (``flat``: for the
        paragraphs whose indent is not the mistake under test, set the right way)."""
        mode = self.c.indent
        if flat and mode not in ("chars", "twips"):
            mode = "chars"
        if mode == "chars":
            return {"firstLineChars": 200}
        if mode == "twips":
            return {"firstLine": 640}
        if mode == "block":
            return {"left": 640}
        return {}

    def _indented(self, text: str) -> str:
        return "\u3000\u3000" + text if self.c.indent == "spaces" else text

    def signature(self) -> None:
        c = self.c
        if c.signature == "flush":
            self.para(SIGNATURE, c.body_font, before=579, jc="right")
            self.para(DATE, c.body_font, jc="right")
            return
        one = 315
        sig, date = (2.5, 4) if c.signature == "sealed" else (2, 3)  # 署名 10, 日期 7 wide
        self.para(SIGNATURE, c.body_font, before=579, jc="right", right=round(sig * one))
        self.para(DATE, c.body_font, jc="right", right=date * one)

    def attachment(self) -> None:
        c = self.c
        self.para("附件", "黑体", jc="left", page_break=c.attachment_break)
        self.para(ATTACHMENT, c.title_font, 22, jc="center", before=579, line=579, snap=False)
        self.para(ATTACHMENT_TEXT, c.body_font, before=579, **self._indent(flat=True))

    # -- 版记 -------------------------------------------------------------------------------
    def colophon(self) -> None:
        c = self.c
        thick, thin = 8, 6
        line = c.colophon_line
        cc_borders = f'<w:top w:val="single" w:sz="{thick}" w:space="0" w:color="{line}"/>'
        pr_borders = (
            f'<w:top w:val="single" w:sz="{thin}" w:space="0" w:color="{line}"/>'
            f'<w:bottom w:val="single" w:sz="{thick}" w:space="0" w:color="{line}"/>'
        )
        size = c.colophon_size
        if c.colophon == "bottom":
            y = 12756 - 579 * 2
            self.para(CC, c.body_font, size, jc="left", line=579, snap=False, left=275,
                      right=275, borders=cc_borders,
                      frame={**_FRAME, "y": y})  # fmt: skip
            self.para("", None, 14, line=20, snap=False)
            printer = self.para(
                PRINTER,
                c.body_font,
                size,
                jc="left",
                line=579,
                snap=False,
                left=275,
                borders=pr_borders,
                frame={**_FRAME, "yAlign": "bottom"},
            )
        else:
            if c.colophon == "top":
                self.para("", c.body_font, page_break=True)
            self.para(CC, c.body_font, size, jc="left", line=579, snap=False, left=275,
                      right=275, borders=cc_borders)  # fmt: skip
            printer = self.para(PRINTER, c.body_font, size, jc="left", line=579, snap=False,
                                left=275, borders=pr_borders)  # fmt: skip
        tabs = parse_xml(f'<w:tabs {nsdecls("w")}><w:tab w:val="right" w:pos="8570"/></w:tabs>')
        printer._p.get_or_add_pPr().insert(0, tabs)
        run = printer.add_run("\t" + PRINT_DATE)
        _rpr(run, c.body_font, size)

    # -- footers ----------------------------------------------------------------------------
    def footers(self) -> None:
        c = self.c
        if c.page_numbers is None:
            return
        section = self.doc.sections[0]
        if c.sides == "outside":
            self.doc.settings.odd_and_even_pages_header_footer = True
            targets = ((section.footer, "right"), (section.even_page_footer, "left"))
        else:
            targets = ((section.footer, "center"),)
        for footer, side in targets:
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            one = {"right": 275} if side == "right" else {"left": 275} if side == "left" else {}
            _ppr(paragraph, jc=side, line=round(c.number_size * 20), snap=False, **one)
            before, after = c.page_numbers.split("{n}")
            for text in (before,):
                run = paragraph.add_run(text)
                _rpr(run, c.number_font, c.number_size)
            for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None),
                               ("text", "1"), ("end", None)):  # fmt: skip
                run = paragraph.add_run()
                _rpr(run, c.number_font, c.number_size)
                run._r.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:ascii"), c.number_font)
                run._r.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:hAnsi"), c.number_font)
                if kind == "instr":
                    node = OxmlElement("w:instrText")
                    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    node.text = text
                    run._r.append(node)
                elif kind == "text":
                    run._r.append(parse_xml(f"<w:t {nsdecls('w')}>{text}</w:t>"))
                else:
                    node = OxmlElement("w:fldChar")
                    node.set(qn("w:fldCharType"), kind)
                    run._r.append(node)
            run = paragraph.add_run(after)
            _rpr(run, c.number_font, c.number_size)

    def build(self) -> bytes:
        self.page()
        self.normal()
        for paragraph in list(self.doc.paragraphs):
            paragraph._p.getparent().remove(paragraph._p)
        self.head()
        self.body()
        self.attachment()
        self.colophon()
        self.footers()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


_FRAME = {"w": 8845, "wrap": "around", "vAnchor": "margin", "hAnchor": "margin",
          "xAlign": "center"}  # fmt: skip
_LINE_SHAPE = (
    '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><v:line from="0,0" to="442pt,0" '
    'strokecolor="#{color}" strokeweight="1.5pt" '
    'style="position:absolute;margin-top:12pt;z-index:1"/></w:pict>'
)


def build(clerk: Clerk | None = None) -> bytes:
    """The .docx bytes of the clerk's document."""
    return _Writer(clerk or Clerk()).build()
