"""L5xx: the layout of a .docx against GB/T 9704-2012 (page, grid, type, positions, page
numbers, 版记). These rules read the document itself, not its text: they run when the input is
a .docx (or a .doc/.wps converted to one) and say nothing about .txt and .md.

The checks live in :mod:`drafting.lint.docx_layout`; each rule here is the catalogue entry
(code, name, explain page citing the clause) and hands on the findings of its code. The .docx
reader leaves the document's bytes in ``doc.metadata[DOCX_KEY]`` (a :class:`DocxBytes`, which
no front matter can forge), and the report is made once per document and option set.
``render = true`` (``--render``) measures on LibreOffice's pages as well.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from drafting.lint.rule import ALL, Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.sources.docx_text import DOCX_KEY, DocxBytes


def layout_report(doc: PreparedDoc, render: bool) -> Any | None:
    """The layout report of ``doc`` (None for anything but a .docx), made once per option."""
    data = doc.metadata.get(DOCX_KEY)
    if not isinstance(data, DocxBytes):
        return None
    key = ("layout", render)
    if key not in data.cache:
        from drafting.lint.docx_layout import layout_report as make_report

        document = data.cache.get("document")  # the reader's parse, not parsed again
        numbered = data.cache.get("numbered")
        data.cache[key] = make_report(
            data, path=doc.path, render=render, document=document, numbered=numbered
        )
    return data.cache[key]


class LayoutRule(Rule):
    """A rule judging the .docx's layout; ``check`` hands on the report's findings of its code,
    each spanning the paragraph it names."""

    profiles: ClassVar[frozenset[str]] = ALL - {"commentary"}
    info_profiles: ClassVar[frozenset[str]] = frozenset({"commentary"})
    severity: ClassVar[Severity] = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"render": False}
    needs_docx: ClassVar[bool] = True
    fix_note: ClassVar[str] = (
        "不就地修改；drafting lint 文件.docx --fix -o 修正副本.docx 生成按 GB/T 9704 排版的副本"
        "（文字不改）"
    )

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        report = layout_report(doc, bool(opts.get("render")))
        if report is None:
            return
        by_number = {p.number: p for p in doc.paragraphs if p.number is not None}
        for issue in report.of(self.code):
            paragraph = by_number.get(issue.paragraph)
            if paragraph is None:
                continue
            yield Issue(paragraph.start, paragraph.end, issue.message)


@register
class PaperSize(LayoutRule):
    code = "L501"
    name = "paper-size"
    what = "纸张为 A4（210 × 297 mm），横排表格所在页为 A4 横向。"
    why = (
        "GB/T 9704-2012 5.1：公文用纸采用 GB/T 148 中规定的 A4 型纸，其成品幅面尺寸为 210 mm × 29"
        "7 mm。"
    )
    bad = "纸张：Letter（215.9 × 279.4 mm）"
    good = "纸张：A4（210 × 297 mm）"


@register
class Margins(LayoutRule):
    code = "L502"
    name = "margins"
    what = (
        "天头 37 mm、订口 28 mm，版心 156 × 225 mm。故下白边 35 mm、右白边 26 mm，允许误差 1 mm。"
    )
    why = (
        "GB/T 9704-2012 5.2.1：公文用纸天头为 37 mm ± 1 mm，订口为 28 mm ± 1 mm，"
        "版心尺寸为 156 mm × 225 mm。Word 默认的上下 25.4 mm、左右 31.8 mm 不合要求。"
    )
    bad = "页边距：上 25.4、下 25.4、左 31.8、右 31.8 mm"
    good = "页边距：上 37、下 35、左 28、右 26 mm"


@register
class Grid(LayoutRule):
    code = "L503"
    name = "lines-and-characters"
    what = (
        "正文每面 22 行、每行 28 字，撑满版心：按文档网格（行网格，行距约 28.95 磅）、正文字号"
        "和字符间距计算；未设文档网格时行数随字体而定（按单倍行距约 1.3 倍字号估算）。"
    )
    why = (
        "GB/T 9704-2012 5.2.3：一般每面排 22 行，每行排 28 个字，并撑满版心。三号字不加字距"
        "只能排 27 字，需要约 −0.2 磅的字符间距或字符网格；加 --render 时按 LibreOffice 排版实测。"
    )
    bad = "未设文档网格，单倍行距：每面约 30 行、每行 27 字"
    good = "行网格，行距 28.95 磅，字符间距 −0.25 磅：每面 22 行、每行 28 字"


@register
class BodyType(LayoutRule):
    code = "L504"
    name = "body-type"
    what = (
        "正文、主送机关、附件说明、发文机关署名、成文日期、附注用三号仿宋（仿宋与仿宋_GB2312 同视"
        "为仿宋）。"
    )
    why = (
        "GB/T 9704-2012 5.2.2：如无特殊说明，公文格式各要素一般用 3 号仿宋体字；7.3.3：正文"
        "一般用 3 号仿宋体字。小四、宋体或主题默认字体（等线、宋体）都不合要求。"
    )
    bad = "正文：小四号（12 磅）宋体"
    good = "正文：三号（16 磅）仿宋_GB2312"


@register
class TitleType(LayoutRule):
    code = "L505"
    name = "title-type"
    what = "标题用二号小标宋体字，居中排布（未装小标宋时的宋体视为其替代）。"
    why = (
        "GB/T 9704-2012 7.3.1：标题一般用 2 号小标宋体字，编排于红色分隔线下空二行位置，分一行或"
        "多行居中排布。"
    )
    bad = "标题：黑体 三号 左对齐"
    good = "标题：方正小标宋简体 二号 居中"


@register
class HeadingType(LayoutRule):
    code = "L506"
    name = "heading-type"
    what = (
        "一级标题黑体、二级标题楷体、三四级标题仿宋，均为三号：第一层“一、”黑体，第二层“（一）”"
        "楷体，第三层“1.”和第四层“（1）”仿宋（第三层可加粗）。"
    )
    why = (
        "GB/T 9704-2012 7.3.3：文中结构层次序数……一般第一层用黑体字、第二层用楷体字、第三层和第四"
        "层用仿宋体字标注。"
    )
    bad = "一级标题“一、总体要求”用楷体，二级标题“（一）明确检查范围”用黑体"
    good = "一级标题用黑体，二级标题用楷体"


@register
class FirstLineIndent(LayoutRule):
    code = "L507"
    name = "first-line-indent"
    what = (
        "正文和各级标题段落首行左空二字、回行顶格（排版缩进或两个全角空格均可），不得整段缩进或不"
        "缩进。"
    )
    why = "GB/T 9704-2012 7.3.3：正文……每个自然段左空二字，回行顶格。"
    bad = "正文段落首行不缩进，或整段左缩进二字"
    good = "首行缩进 2 字符，左缩进 0"


@register
class OrganMark(LayoutRule):
    code = "L508"
    name = "organ-mark"
    what = (
        "发文机关标志用红色小标宋体字、居中，上边缘距版心上边缘 35 mm（信函格式距页面上边缘 "
        "30 mm）；距离按其上方各段的行高估算，允许误差 2 mm。"
    )
    why = (
        "GB/T 9704-2012 7.2.4：发文机关标志居中排布，上边缘至版心上边缘为 35 mm，推荐使用"
        "小标宋体字，颜色为红色；10.1：信函格式发文机关标志上边缘距上页边 30 mm。"
    )
    bad = "发文机关标志：黑色，紧贴版心上边缘"
    good = "发文机关标志：红色小标宋，上边缘距版心上边缘 35 mm"


@register
class RedRule(LayoutRule):
    code = "L509"
    name = "red-rule"
    what = (
        "发文字号之下 4 mm 处有一条与版心等宽的红色分隔线（段落边框或线条；版头有发文机关标志"
        "或发文字号时）。"
    )
    why = "GB/T 9704-2012 7.2.7：发文字号之下 4 mm 处居中印一条与版心等宽的红色分隔线。"
    bad = "版头没有分隔线，或分隔线为黑色"
    good = "发文字号段落下边框：红色单线，距文字 4 mm"


@register
class DocNumberPlace(LayoutRule):
    code = "L510"
    name = "doc-number-place"
    what = "发文字号居中排布，三号仿宋；上行文有签发人时居左空一字，与签发人姓名同行。"
    why = (
        "GB/T 9704-2012 7.2.5：发文字号编排在发文机关标志下空二行位置，居中排布；上行文的发文字号"
        "居左空一字编排，与最后一个签发人姓名处在同一行。"
    )
    bad = "发文字号左对齐"
    good = "发文字号居中"


@register
class RecipientsPlace(LayoutRule):
    code = "L511"
    name = "recipients-place"
    what = "主送机关居左顶格：不缩进、不居中。"
    why = "GB/T 9704-2012 7.3.2：主送机关编排于标题下空一行位置，居左顶格，回行时仍顶格。"
    bad = "主送机关首行缩进二字"
    good = "主送机关顶格"


@register
class SignatureBlock(LayoutRule):
    code = "L512"
    name = "signature-block"
    what = (
        "署名和成文日期按加盖或不加盖印章的版式编排：不加盖印章时署名右空二字，成文日期首字比署名首字右移"
        "二字（日期较长时日期右空二字，署名相应左移）；加盖印章时成文日期右空四字，署名以成文"
        "日期为准居中。有印章图片时按加盖印章的版式检查，否则两种版式都认可。"
    )
    why = "GB/T 9704-2012 7.3.5.1、7.3.5.2：加盖印章和不加盖印章的公文署名、成文日期的编排位置。"
    bad = "署名和成文日期都右对齐、右空 0 字"
    good = "署名右空二字，成文日期首字比署名首字右移二字"


@register
class PageNumbers(LayoutRule):
    code = "L513"
    name = "page-numbers"
    what = (
        "页码用四号半角宋体阿拉伯数字，数字左右各放一条一字线（“— 1 —”），一字线上距版心下"
        "边缘 7 mm；单页居右空一字，双页居左空一字（设奇偶页不同）；每页都有页码。"
    )
    why = (
        "GB/T 9704-2012 7.5：页码一般用 4 号半角宋体阿拉伯数字，编排在公文版心下边缘之下，数字左"
        "右各放一条一字线；一字线上距版心下边缘 7 mm。单页码居右空一字，双页码居左空一字。"
    )
    bad = "页码“-1-”，小五号，居中"
    good = "页码“— 1 —”，四号宋体，单页居右空一字，双页居左空一字"


@register
class Colophon(LayoutRule):
    code = "L514"
    name = "colophon"
    what = (
        "版记排在最后一页版心底部，四号仿宋，黑色分隔线：抄送机关、印发机关和印发日期用四号仿宋；"
        "分隔线为黑色（首末条粗线、中间细线）；末条分隔线与版心下边缘重合（未实测时按行数估算，"
        "下方空三行以上才报告）。信函格式的版记不加分隔线。"
    )
    why = (
        "GB/T 9704-2012 7.4：版记中的分隔线与版心等宽，首条和末条用粗线，中间用细线；末条分隔线与"
        "公文最后一页的版心下边缘重合；抄送机关、印发机关和印发日期一般用 4 号仿宋体字。"
    )
    bad = "版记紧接在成文日期下方，或另起一页排在页面顶部"
    good = "版记排在最后一页版心底部，末条分隔线与版心下边缘重合"


@register
class Attachments(LayoutRule):
    code = "L515"
    name = "attachment-layout"
    what = (
        "附件说明左空二字，附件另面编排：“附件”二字用三号黑体顶格排在版心左上角第一行，附件标题"
        "居中。"
    )
    why = (
        "GB/T 9704-2012 7.3.4：在正文下空一行左空二字编排“附件”二字；7.3.7：附件应当另面编排……“附"
        "件”二字及附件顺序号用 3 号黑体字顶格编排在版心左上角第一行，附件标题居中编排在版心第三行"
        "。"
    )
    bad = "附件紧接在成文日期之后，同一页，仿宋"
    good = "附件前分页，“附件”黑体顶格"


@register
class TextColor(LayoutRule):
    code = "L516"
    name = "text-color"
    what = "除发文机关标志外，公文文字为黑色（蓝色、红色、灰色等彩色文字均应改为黑色）。"
    why = "GB/T 9704-2012 5.2.4：如无特殊说明，公文中文字的颜色均为黑色。"
    bad = "正文中有一段蓝色（0070C0）文字"
    good = "正文全为黑色"


@register
class HeaderMarks(LayoutRule):
    code = "L517"
    name = "header-marks"
    what = (
        "份号、密级和保密期限、紧急程度顶格编排在版心左上角；密级和紧急程度用三号黑体，份号用三号"
        "阿拉伯数字。"
    )
    why = (
        "GB/T 9704-2012 7.2.1–7.2.3：份号……顶格编排在版心左上角第一行；密级和保密期限一般用 3 号"
        "黑体字，顶格编排；紧急程度一般用 3 号黑体字，顶格编排。"
    )
    bad = "紧急程度“特急”用仿宋，居中"
    good = "紧急程度“特急”用三号黑体，顶格"
