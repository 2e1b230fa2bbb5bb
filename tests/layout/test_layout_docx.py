"""The .docx builder's OOXML: page, grid, styles, fonts, colours, fields, colophon, bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from layout_samples import FIXTURES, load
from lxml import etree

from drafting.errors import ConfigError, DraftingError, InputError
from drafting.layout import FontProfile, LayoutProfile, build_docx
from drafting.layout.builder import FIXED_ZIP_DATE
from drafting.model import HeaderFields, OfficialDocument, Paragraph
from drafting.sources.docx_text import iter_paragraphs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


class Package:
    """The parts of a built .docx, parsed."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.document = self.xml("word/document.xml")
        self.styles = self.xml("word/styles.xml")
        self.settings = self.xml("word/settings.xml")

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    def footers(self) -> list[etree._Element]:
        return [self.xml(n) for n in self.zip.namelist() if n.startswith("word/footer")]

    def style(self, name: str) -> etree._Element:
        (style,) = self.styles.xpath(f"w:style[w:name/@w:val='{name}']", namespaces=NS)
        return style

    def paragraphs(self, style_name: str) -> list[etree._Element]:
        style_id = self.style(style_name).get(q("styleId"))
        return self.document.xpath(f"//w:p[w:pPr/w:pStyle/@w:val='{style_id}']", namespaces=NS)

    def text(self, paragraph: etree._Element) -> str:
        return "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))

    def east_asia(self, paragraph: etree._Element) -> set[str]:
        return set(paragraph.xpath(".//w:r/w:rPr/w:rFonts/@w:eastAsia", namespaces=NS))


@pytest.fixture(scope="module")
def notice() -> Package:
    return Package(build_docx(load("notice")))


@pytest.fixture(scope="module")
def request_doc() -> Package:
    return Package(build_docx(load("joint_request"), base_dir=FIXTURES))


def test_page_is_a4_with_the_standard_margins_in_twips(notice: Package) -> None:
    sect = notice.document.find(f".//{q('sectPr')}")
    size, margins = sect.find(q("pgSz")), sect.find(q("pgMar"))
    assert (size.get(q("w")), size.get(q("h"))) == ("11906", "16838")
    assert [margins.get(q(k)) for k in ("top", "left", "bottom", "right")] == [
        "2098",
        "1587",
        "1984",
        "1474",
    ]
    # the page number's dash 7 mm below the 版心: its line (one 14 pt line) starts 260 twips
    # below it, so the footer stands 1984 − 260 − 280 = 1444 twips above the bottom edge
    assert margins.get(q("footer")) == "1444"


def test_grid_is_lines_only_with_pitch_579(notice: Package) -> None:
    grid = notice.document.find(f".//{q('sectPr')}/{q('docGrid')}")
    assert grid.get(q("type")) == "lines"
    assert grid.get(q("linePitch")) == "579"
    assert grid.get(q("charSpace")) is None


def test_normal_style_states_size_32_and_minus_quarter_point_spacing(notice: Package) -> None:
    rpr = notice.style("Normal").find(q("rPr"))
    assert rpr.find(q("sz")).get(q("val")) == "32"
    assert rpr.find(q("spacing")).get(q("val")) == "-5"
    assert rpr.find(q("rFonts")).get(q("eastAsia")) == "仿宋_GB2312"
    ppr = notice.style("Normal").find(q("pPr"))
    assert ppr.find(q("widowControl")).get(q("val")) == "0"  # else pages of 21 lines
    assert ppr.find(q("overflowPunct")).get(q("val")) == "0"  # no 29th character


def test_headings_and_the_signature_are_kept_with_the_next_paragraph(notice: Package) -> None:
    for name in ("一级标题", "二级标题", "三级标题", "四级标题", "署名"):
        assert notice.style(name).find(f"{q('pPr')}/{q('keepNext')}").get(q("val")) == "1"


def test_template_thumbnail_and_styles_with_effects_are_dropped(notice: Package) -> None:
    names = notice.zip.namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert "word/stylesWithEffects.xml" not in names


def test_no_theme_fonts_anywhere_in_styles(notice: Package) -> None:
    fonts = notice.styles.iter(q("rFonts"))
    for element in fonts:
        assert not [key for key in element.attrib if key.endswith("heme")]
        assert element.get(q("eastAsia"))


def test_every_text_run_names_its_east_asian_face(notice: Package) -> None:
    parts = [notice.document, *notice.footers()]
    runs = [run for part in parts for run in part.iter(q("r")) if run.find(q("t")) is not None]
    assert len(runs) > 50
    for run in runs:
        fonts = run.find(f"{q('rPr')}/{q('rFonts')}")
        assert fonts is not None and fonts.get(q("eastAsia")), etree.tostring(run)
        assert fonts.get(q("eastAsiaTheme")) is None


@pytest.mark.parametrize(
    ("style", "face", "size"),
    [
        ("公文标题", "方正小标宋简体", "44"),
        ("发文机关标志", "方正小标宋简体", "72"),
        ("发文字号", "仿宋_GB2312", "32"),
        ("主送机关", "仿宋_GB2312", "32"),
        ("正文", "仿宋_GB2312", "32"),
        ("一级标题", "黑体", "32"),
        ("二级标题", "楷体_GB2312", "32"),
        ("三级标题", "仿宋_GB2312", "32"),
        ("四级标题", "仿宋_GB2312", "32"),
        ("密级和保密期限", "黑体", "32"),
        ("紧急程度", "黑体", "32"),
        ("附件说明", "仿宋_GB2312", "32"),
        ("署名", "仿宋_GB2312", "32"),
        ("成文日期", "仿宋_GB2312", "32"),
        ("附注", "仿宋_GB2312", "32"),
        ("附件标识", "黑体", "32"),
        ("抄送", "仿宋_GB2312", "28"),
        ("印发", "仿宋_GB2312", "28"),
        ("页码", "宋体", "28"),
    ],
)
def test_named_style_per_element_with_its_face_and_size(
    notice: Package, style: str, face: str, size: str
) -> None:
    rpr = notice.style(style).find(q("rPr"))
    assert rpr.find(q("rFonts")).get(q("eastAsia")) == face
    assert rpr.find(q("sz")).get(q("val")) == size
    assert rpr.find(q("spacing")).get(q("val")) == "-5"


def test_elements_use_their_styles_and_faces(notice: Package) -> None:
    (title,) = notice.paragraphs("公文标题")
    assert notice.text(title) == "关于进一步加强和改进全市冬季安全生产与消防安全工作的通知"
    assert notice.east_asia(title) == {"方正小标宋简体"}
    assert len(title.findall(f".//{q('br')}")) == 1  # two lines, broken at a word boundary
    (h1,) = notice.paragraphs("一级标题")[:1]
    assert notice.text(h1) == "一、充分认识做好冬季安全生产工作的重要性"
    assert notice.east_asia(h1) == {"黑体"}
    assert notice.east_asia(notice.paragraphs("二级标题")[0]) == {"楷体_GB2312"}
    assert notice.style("三级标题").find(f"{q('rPr')}/{q('b')}").get(q("val")) == "1"
    body = notice.paragraphs("正文")
    indent = notice.style("正文").find(f"{q('pPr')}/{q('ind')}")
    assert indent.get(q("firstLine")) == "630"  # two characters of 315 twips
    bold = body[2].xpath(".//w:r[w:rPr/w:b/@w:val='1']//w:t/text()", namespaces=NS)
    assert bold == ["严格落实行业监管责任"]


def test_mark_and_separator_line_are_red(notice: Package) -> None:
    red = LayoutProfile().red
    assert notice.style("发文机关标志").find(f"{q('rPr')}/{q('color')}").get(q("val")) == red
    (mark,) = notice.paragraphs("发文机关标志")
    assert notice.text(mark) == "某某市人民政府办公室文件"
    (number,) = notice.paragraphs("发文字号")
    assert notice.text(number) == "某政办发〔2026〕12号"
    line = number.find(f"{q('pPr')}/{q('pBdr')}/{q('bottom')}")
    assert line.get(q("color")) == red
    # 4 mm below the 发文字号's characters: 8 pt under its line (which reaches 1 mm lower)
    assert line.get(q("space")) == "8"


def test_page_numbers_in_odd_and_even_footers(notice: Package) -> None:
    assert notice.settings.find(q("evenAndOddHeaders")) is not None
    sect = notice.document.find(f".//{q('sectPr')}")
    kinds = {ref.get(q("type")) for ref in sect.findall(q("footerReference"))}
    assert kinds == {"default", "even"}
    footers = notice.footers()
    assert len(footers) == 2
    sides = {}
    for footer in footers:
        (paragraph,) = footer.findall(q("p"))
        assert "".join(paragraph.xpath(".//w:instrText/text()", namespaces=NS)).strip() == "PAGE"
        assert notice.text(paragraph) == "— 1 —"
        ppr = paragraph.find(q("pPr"))
        side = ppr.find(q("jc")).get(q("val"))
        sides[side] = ppr.find(q("ind"))
        assert notice.east_asia(paragraph) == {"宋体"}
        latin = paragraph.xpath(".//w:r/w:rPr/w:rFonts/@w:ascii", namespaces=NS)
        assert set(latin) == {"宋体"}  # 半角宋体 digits
    assert sides["right"].get(q("right")) == "275"  # one 4号 character in
    assert sides["left"].get(q("left")) == "275"


def test_page_number_line_is_one_exact_4hao_line_its_dash_7mm_below_the_text_block(
    notice: Package,
) -> None:
    """The 页码 style's line is exactly 14 pt (no slack for a renderer to set the number
    higher or lower in it) and the footers take it unchanged: standing on the footer
    distance, the line's top lies 260 twips below the 版心, so the dash's top (4/5 of the
    line down to the baseline, less 0.31 em) lies 7 mm below it."""
    spacing = notice.style("页码").find(f"{q('pPr')}/{q('spacing')}")
    assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("280", "exact")
    assert notice.style("页码").find(f"{q('pPr')}/{q('snapToGrid')}").get(q("val")) == "0"
    for footer in notice.footers():
        (paragraph,) = footer.findall(q("p"))
        assert paragraph.find(f"{q('pPr')}/{q('spacing')}") is None
    sect = notice.document.find(f".//{q('sectPr')}")
    footer_distance = int(sect.find(q("pgMar")).get(q("footer")))
    line_top_below_text = 1984 - (footer_distance + 280)
    assert line_top_below_text + round(280 * 0.8) - round(14 * 20 * 0.31) == 397
    assert round(7 / 25.4 * 1440) == 397


def test_attachment_note_and_attachments_on_new_pages(notice: Package) -> None:
    first, second = notice.paragraphs("附件说明")
    assert notice.text(first) == "附件：1.2026年冬季安全生产大检查情况统计表"
    assert notice.text(second) == "2.重大隐患挂牌督办名单"
    indent = first.find(f"{q('pPr')}/{q('ind')}")
    assert (indent.get(q("left")), indent.get(q("hanging"))) == ("1890", "1260")
    labels = notice.paragraphs("附件标识")
    assert [notice.text(p) for p in labels] == ["附件1", "附件2"]
    for label in labels:
        assert label.find(f"{q('pPr')}/{q('pageBreakBefore')}") is not None
    titles = [notice.text(p) for p in notice.paragraphs("附件标题")]
    assert titles == ["2026年冬季安全生产大检查情况统计表", "重大隐患挂牌督办名单"]


def test_unsealed_signature_and_date_offsets(notice: Package) -> None:
    (signature,) = notice.paragraphs("署名")
    (date,) = notice.paragraphs("成文日期")
    assert notice.text(date) == "2026年11月20日"
    # 署名 (10 characters) two in from the right; the date (7) starts two right of it
    assert signature.find(f"{q('pPr')}/{q('ind')}").get(q("right")) == "630"
    assert date.find(f"{q('pPr')}/{q('ind')}").get(q("right")) == "945"
    (note,) = notice.paragraphs("附注")
    assert notice.text(note) == "（此件公开发布）"


def test_a_date_longer_than_the_signature_moves_the_signature_left() -> None:
    package = Package(build_docx(load("notice", signature="某某局")))
    (signature,) = package.paragraphs("署名")
    (date,) = package.paragraphs("成文日期")
    assert date.find(f"{q('pPr')}/{q('ind')}").get(q("right")) == "630"
    # date 7 wide at 2 in: it starts 9 in; the 署名 starts 11 in and is 3 wide: 8 in
    assert signature.find(f"{q('pPr')}/{q('ind')}").get(q("right")) == str(8 * 315)


def test_colophon_stands_on_the_bottom_of_the_last_page(notice: Package) -> None:
    (cc,) = notice.paragraphs("抄送")
    printer = [p for p in notice.paragraphs("印发") if notice.text(p)]
    assert len(printer) == 1
    assert notice.text(cc) == (
        "抄送：市委办公厅，市人大常委会办公厅，市政协办公厅，市纪委监委，"
        "市中级人民法院，市人民检察院。"
    )
    assert notice.text(printer[0]) == "某某市人民政府办公室2026年11月20日印发"
    # one table floated on the bottom of the text area, one row each, no estimated offset
    (table,) = {p.getparent().getparent().getparent() for p in (cc, printer[0])}
    assert table.tag == q("tbl")
    position = table.find(f"{q('tblPr')}/{q('tblpPr')}")
    assert (position.get(q("vertAnchor")), position.get(q("tblpYSpec"))) == ("margin", "bottom")
    assert position.get(q("tblpY")) is None
    assert position.get(q("tblpX")) == str(LayoutProfile().margins_twips[1])
    assert table.find(f"{q('tblPr')}/{q('tblW')}").get(q("w")) == "8845"
    borders = {
        side.tag.rsplit("}")[1]: (side.get(q("val")), side.get(q("sz")), side.get(q("color")))
        for side in table.find(f"{q('tblPr')}/{q('tblBorders')}")
    }
    assert borders["top"] == borders["bottom"] == ("single", "8", "000000")  # thick 0.35 mm
    assert borders["insideH"] == ("single", "6", "000000")  # thin 0.25 mm
    assert {borders[side][0] for side in ("left", "right", "insideV")} == {"nil"}
    for row in table.findall(q("tr")):
        assert row.find(f"{q('trPr')}/{q('cantSplit')}") is not None
    assert not notice.document.xpath("//w:framePr", namespaces=NS)


def test_reading_order_keeps_cc_before_printer(notice: Package) -> None:
    texts = [p.text for p in iter_paragraphs(Document(io.BytesIO(notice.data))) if p.text]
    assert texts[-2].startswith("抄送：")
    assert texts[-1].endswith("印发")


def test_output_is_byte_for_byte_reproducible(notice: Package) -> None:
    again = build_docx(load("notice"))
    assert again == notice.data
    for info in notice.zip.infolist():
        assert info.date_time == FIXED_ZIP_DATE
    core = notice.xml("docProps/core.xml")
    stamps = [element.text for element in core if element.tag.endswith(("created", "modified"))]
    assert stamps == ["2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z"]


def test_plain_font_profile_names_plain_faces() -> None:
    package = Package(build_docx(load("notice"), fonts=FontProfile.plain()))
    assert package.east_asia(package.paragraphs("正文")[0]) == {"仿宋"}
    assert package.east_asia(package.paragraphs("二级标题")[0]) == {"楷体"}
    assert package.east_asia(package.paragraphs("公文标题")[0]) == {"宋体"}
    assert build_docx(load("notice"), fonts="plain") == package.data


def test_font_overrides_from_a_mapping_and_a_file(tmp_path: Path) -> None:
    fonts = FontProfile.from_mapping({"仿宋": "FangSong", "xiaobiaosong": "华文中宋"})
    assert (fonts.fangsong, fonts.xiaobiaosong, fonts.kaiti) == (
        "FangSong",
        "华文中宋",
        "楷体_GB2312",
    )
    config = tmp_path / "字体.yaml"
    config.write_text("base: plain\n小标宋: 方正小标宋_GBK\n", encoding="utf-8")
    loaded = FontProfile.load(config)
    assert (loaded.fangsong, loaded.xiaobiaosong) == ("仿宋", "方正小标宋_GBK")
    with pytest.raises(ConfigError, match="未知的项“行楷”"):
        FontProfile.from_mapping({"行楷": "华文行楷"})
    with pytest.raises(ConfigError, match="无法读取字体配置文件"):
        FontProfile.load(tmp_path / "没有.yaml")


def test_joint_issue_stacks_organs_beside_wen_jian(request_doc: Package) -> None:
    marks = request_doc.paragraphs("发文机关标志")
    texts = [request_doc.text(p) for p in marks if request_doc.text(p)]
    assert texts == ["某某市教育局", "某某市财政局", "文件"]
    cells = request_doc.document.xpath(
        "//w:tbl[.//w:pStyle/@w:val='发文机关标志']//w:tc", namespaces=NS
    )
    assert len(cells) == 2
    assert cells[1].find(f"{q('tcPr')}/{q('vAlign')}").get(q("val")) == "center"


def test_upward_document_puts_signers_right_in_kaiti(request_doc: Package) -> None:
    (line,) = request_doc.paragraphs("发文字号")
    assert request_doc.text(line) == "某教发〔2026〕8号签发人：张某某　李某某"
    names = line.xpath(".//w:r[w:t='张某某　李某某']/w:rPr/w:rFonts/@w:eastAsia", namespaces=NS)
    assert names == ["楷体_GB2312"]
    tabs = [(t.get(q("val")), t.get(q("pos"))) for t in line.iter(q("tab")) if t.get(q("pos"))]
    assert tabs == [("left", "315"), ("right", "8530")]
    assert line.find(f"{q('pPr')}/{q('pBdr')}/{q('bottom')}") is not None


def test_sealed_signature_floats_the_seal_over_the_date(request_doc: Package) -> None:
    (date,) = request_doc.paragraphs("成文日期")
    assert date.find(f"{q('pPr')}/{q('ind')}").get(q("right")) == str(4 * 315)
    (anchor,) = date.xpath(".//wp:anchor", namespaces=NS)
    assert anchor.get("behindDoc") == "0"
    extent = anchor.find("wp:extent", namespaces=NS)
    assert extent.get("cx") == extent.get("cy") == str(42 * 36000)
    assert "word/media/image1.png" in request_doc.zip.namelist()


def test_missing_seal_image_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到印章图片"):
        build_docx(load("joint_request"), base_dir=tmp_path)


def test_article_has_no_red_header_and_no_colophon() -> None:
    package = Package(build_docx(load("article")))
    assert package.paragraphs("发文机关标志") == []
    assert package.document.find(f".//{q('framePr')}") is None
    (title,) = package.paragraphs("公文标题")
    assert package.text(title) == "让“最多跑一次”成为服务常态"
    (author,) = package.paragraphs("作者")
    assert package.east_asia(author) == {"楷体_GB2312"}
    assert "E60012" not in package.zip.read("word/document.xml").decode()


def test_an_unknown_layout_is_refused_naming_the_ones_there_are() -> None:
    doc = OfficialDocument(title="关于某事的函", body=[Paragraph.of("正文。")], layout="poster")
    with pytest.raises(DraftingError, match=r"版式“poster”不可用.*letter（信函格式）"):
        build_docx(doc)


def _letter() -> Package:
    doc = OfficialDocument(
        title="关于商请支持安保工作的函",
        body=[Paragraph.of("正文。")],
        layout="letter",
        header=HeaderFields(organs=["江州市文化广电和旅游局"], doc_number="江文旅函〔2026〕58号"),
        recipients="江州市公安局：",
        signature="江州市文化广电和旅游局",
        date=dt.date(2026, 11, 19),
        cc=["市人民政府办公室"],
        printer="江州市文化广电和旅游局办公室",
        print_date=dt.date(2026, 11, 19),
    )
    return Package(build_docx(doc))


def test_letter_frames_the_mark_and_two_red_double_lines_on_the_page() -> None:
    package = _letter()
    frames = package.document.xpath("//w:framePr[@w:vAnchor='page']", namespaces=NS)
    assert [f.get(q("w")) for f in frames] == ["9638"] * 3  # 170 mm
    assert all(f.get(q("hAnchor")) == "page" and f.get(q("xAlign")) == "center" for f in frames)
    (mark,) = package.paragraphs("发文机关标志")
    assert package.text(mark) == "江州市文化广电和旅游局"  # the organ's name, without 文件
    borders = package.document.xpath(
        "//w:p[w:pPr/w:framePr/@w:vAnchor='page']/w:pPr/w:pBdr/w:bottom", namespaces=NS
    )
    assert [b.get(q("val")) for b in borders] == ["thickThinSmallGap", "thinThickSmallGap"]
    assert {b.get(q("color")) for b in borders} == {"E60012"}
    # the lower line's bottom stands 20 mm above the bottom edge of the page: the frame's
    # one-point paragraph, then the line drawn 2.25 + 0.75 + 0.75 pt high under it
    lower = int(frames[2].get(q("y"))) + 20 + 75
    assert lower == 16838 - 1134


def test_letter_has_no_page_number_on_page_one_and_no_printer_row() -> None:
    package = _letter()
    sect = package.document.find(f".//{q('sectPr')}")
    assert sect.find(q("titlePg")) is not None
    first = [
        ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for ref in sect.findall(q("footerReference"))
        if ref.get(q("type")) == "first"
    ]
    assert len(first) == 1
    rels = package.xml("word/_rels/document.xml.rels")
    target = next(r.get("Target") for r in rels if r.get("Id") == first[0])
    assert "PAGE" not in package.zip.read(f"word/{target}").decode()
    (cc,) = package.paragraphs("抄送")
    assert package.text(cc) == "抄送：市人民政府办公室。"
    assert cc.find(f".//{q('pBdr')}") is None  # 版记 without lines
    assert not any("印发" in package.text(p) for p in package.paragraphs("印发"))
    number = next(
        p for p in package.document.iter(q("p")) if "江文旅函〔2026〕58号" in package.text(p)
    )
    assert number.xpath("w:pPr/w:tabs/w:tab/@w:val", namespaces=NS) == ["right"]


def test_minutes_print_the_attendance_lists_with_labels_in_heiti() -> None:
    doc = OfficialDocument(
        title="市政府第46次常务会议纪要",
        body=[Paragraph.of("会议研究了有关事项。")],
        layout="minutes",
        header=HeaderFields(organ_mark="江州市人民政府常务会议纪要", doc_number="〔2026〕第15期"),
        present=["王志刚", "刘建明"],
        sitting_in=["市教育局"],
    )
    package = Package(build_docx(doc))
    (mark,) = package.paragraphs("发文机关标志")
    assert package.text(mark) == "江州市人民政府常务会议纪要"
    rows = [p for p in package.paragraphs("附件说明")]
    assert [package.text(p) for p in rows] == ["出席：王志刚、刘建明", "列席：市教育局"]
    first_run_fonts = rows[0].xpath("w:r[1]/w:rPr/w:rFonts/@w:eastAsia", namespaces=NS)
    assert first_run_fonts == ["黑体"]
    assert rows[0].xpath("w:r[2]/w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) == ["仿宋_GB2312"]
    ind = rows[0].find(f"w:pPr/{q('ind')}", namespaces=NS)
    assert int(ind.get(q("left"))) - int(ind.get(q("hanging"))) == 630  # two characters
    assert rows[0].find(f"w:pPr/{q('spacing')}", namespaces=NS).get(q("before")) == "579"


def test_document_without_date_gets_the_fixed_timestamp() -> None:
    doc = OfficialDocument(title="测试", body=[Paragraph.of("正文。")], date=None)
    core = Package(build_docx(doc)).xml("docProps/core.xml")
    created = [e.text for e in core if e.tag.endswith("created")]
    assert created == ["2000-01-01T00:00:00Z"]
    assert build_docx(doc) == build_docx(doc)


def test_no_red_line_without_mark_or_doc_number() -> None:
    doc = load("article", layout="official", author=None)
    package = Package(build_docx(doc))
    assert package.paragraphs("发文字号") == []
    assert package.document.find(f".//{q('pBdr')}") is None
    (title,) = package.paragraphs("公文标题")
    assert title.find(f"{q('pPr')}/{q('spacing')}").get(q("before")) == "0"
