"""Layout review of a clerk's .docx (L501–L517): the labelled documents get exactly their
findings, every document this project renders gets none, the effective formatting is resolved
as Word resolves it, and the corrected copy keeps every character and leaves no finding.

LibreOffice is not needed here (tests/compose/test_layout_review_render.py renders and measures)."""

from __future__ import annotations

import io
import re
import sys

import docx
import pytest
from clerk_docx import PARAGRAPHS, Clerk, build
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from layout_cases import CASES, FOLDER, LayoutCase
from paths import TESTS

from drafting.compose.layout_fix import fix_layout
from drafting.lint.api import lint_text
from drafting.lint.docx_layout import layout_report
from drafting.lint.docx_layout.facts import open_document, read_facts
from drafting.lint.docx_layout.resolve import Formatter
from drafting.lint.engine import Settings, lint_source
from drafting.lint.explain import explain_text
from drafting.lint.rule import all_rules
from drafting.render import docx_bytes
from drafting.sources import read_source

LAYOUT_RULES = sorted(code for code, rule in all_rules().items() if getattr(rule, "needs_docx", 0))
ONLY_LAYOUT = Settings(select=("L5",))


def layout_findings(data: bytes, name: str = "clerk.docx") -> set[tuple[str, int]]:
    """The layout findings of a .docx through the linter: ``(code, paragraph number)``."""
    result = lint_source(read_source(name, data), ONLY_LAYOUT)
    return {(f.code, f.line) for f in result.findings}


def messages(data: bytes, code: str) -> list[str]:
    result = lint_source(read_source("clerk.docx", data), Settings(select=(code,)))
    return [f.message for f in result.findings]


# -- the labelled documents ------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_labelled_document_gets_exactly_its_findings(case: LayoutCase) -> None:
    got = layout_findings(case.docx())
    assert got == set(case.findings)
    assert any(code == case.rule for code, _ in got) == (case.kind == "fire")


def test_every_layout_rule_has_labelled_documents_that_fire_and_pass() -> None:
    assert [f"L{n}" for n in range(501, 518)] == LAYOUT_RULES
    for code in LAYOUT_RULES:
        kinds = {case.kind for case in CASES if case.rule == code}
        assert kinds == {"fire", "pass"}, code
    assert (FOLDER / "L501.yaml").exists()


def test_at_least_25_deliberately_misformatted_documents() -> None:
    misformatted = {case.settings for case in CASES if case.kind == "fire"}
    assert len(misformatted) >= 25


@pytest.mark.parametrize(
    ("clerk", "code", "expected"),
    [
        (Clerk(title_size=16), "L505", ["标题字号为三号，应为二号"]),
        (Clerk(title_font="黑体"), "L505", ["标题字体为黑体，应为小标宋体（如方正小标宋简体）"]),
        (Clerk(mark_color="000000"), "L508", ["发文机关标志为黑色，应为红色"]),
        (
            Clerk(margins=(25.4, 31.8, 25.4, 31.8)),
            "L502",
            [
                "页边距为上 25.4、下 25.4、左 31.8、右 31.8 mm，应为上 37、下 35、左 28、右 26 mm"
                "（版心 156 × 225 mm）"
            ],
        ),
        (
            Clerk(page_numbers="-{n}-"),
            "L513",
            ["页码格式为“-1-”，应为“— 1 —”（数字左右各放一条一字线）"],
        ),
        (
            Clerk(body_size=12),
            "L504",
            ["正文字号为小四，应为三号（共 12 段，此为第一段）"],
        ),
        (
            Clerk(heading_fonts=("楷体_GB2312", "黑体", "仿宋_GB2312", "仿宋_GB2312")),
            "L506",
            [
                "一级标题字体为楷体_GB2312，应为黑体（共 3 段，此为第一段）",
                "二级标题字体为黑体，应为楷体（共 2 段，此为第一段）",
            ],
        ),
        (
            Clerk(number_font="Times New Roman", number_size=9, footer_distance=1307),
            "L513",
            [
                "页码字号为小五，应为四号；"
                "页码字体为 Times New Roman，应为宋体（半角宋体阿拉伯数字）；"
                "页码一字线距版心下边缘约 10 mm，应为 7 mm（一字线上距版心下边缘 7 mm）"
            ],
        ),
    ],
)
def test_a_finding_says_what_it_is_and_what_it_should_be(clerk, code, expected) -> None:
    assert messages(build(clerk), code) == expected


def test_the_clerks_document_as_gbt9704_asks_gets_no_finding() -> None:
    assert layout_findings(build()) == set()


def test_a_letter_spaced_title_is_no_layout_problem_and_reads_as_its_words() -> None:
    data = build(Clerk(title_spaced=True))
    source = read_source("clerk.docx", data)
    assert source.doc.title is not None
    assert source.doc.title.text == "关于做好2026年度安全生产检查工作的通知"
    result = lint_source(source, Settings())
    assert result.genre == "notice"
    assert not [f for f in result.findings if f.code.startswith("L5")]


# -- everything this project renders ---------------------------------------------------------


def _rendered() -> dict[str, bytes]:
    sys.path.insert(0, str(TESTS))
    import layout_samples

    from drafting.layout.builder import build_docx
    from drafting.render import prepare
    from drafting.resources import templates_dir

    docs: dict[str, bytes] = {}
    for folder in sorted(templates_dir().iterdir()):
        sample = folder / "sample.yaml"
        if sample.exists():
            draft = prepare(folder.name, sample)
            docs[f"template:{folder.name}"] = docx_bytes(draft)
            docs[f"template-plain:{folder.name}"] = docx_bytes(draft, "plain")
    for name in ("article", "joint_request", "notice"):
        document = layout_samples.load(name)
        docs[f"fixture:{name}"] = build_docx(document, base_dir=layout_samples.FIXTURES)
    drafts = TESTS / "fixtures" / "drafts"
    for name in ("attachments.md", "headings.md", "landscape_tables.md", "landscape_table.md"):
        docs[f"draft:{name}"] = docx_bytes(prepare(str(drafts / name)))
    return docs


RENDERED = _rendered()


@pytest.mark.parametrize("name", sorted(RENDERED))
def test_every_document_this_project_renders_gets_no_layout_finding(name: str) -> None:
    assert layout_findings(RENDERED[name], f"{name.split(':')[-1]}.docx") == set()


def test_the_rendered_documents_cover_every_template_and_layout() -> None:
    templates = {name for name in RENDERED if name.startswith("template:")}
    assert len(templates) >= 15
    kinds = {read_facts(open_document(data)).letter for data in RENDERED.values()}
    assert kinds == {True, False}  # 信函格式 and the 文件格式


# -- text is not a .docx ----------------------------------------------------------------------


def test_layout_rules_say_nothing_about_text_or_markdown() -> None:
    text = "关于做好安全检查的通知\n各单位：\n请于11月5日前报送材料。\n"
    assert lint_text(text, select=["L5"]).findings == []
    markdown = '---\ntitle: 通知\n"\\0docx": 不是文档\n---\n正文。\n'
    assert lint_text(markdown, select=["L5"], markdown=True).findings == []


@pytest.mark.parametrize("code", LAYOUT_RULES)
def test_explain_page_cites_the_clause_of_gbt9704(code: str) -> None:
    rule = all_rules()[code]
    assert "GB/T 9704-2012" in rule.why
    assert re.search(r"\d+(?:\.\d+)+", rule.why), rule.why
    page = explain_text(rule)
    assert page.startswith(f"{code} {rule.name}") and "--fix -o 修正副本.docx" in page


# -- effective formatting ---------------------------------------------------------------------


def _document(styles_xml: str = "", body_xml: str = "") -> docx.Document:
    document = docx.Document()
    styles = document.styles.element
    for element in parse_xml(f"<w:styles {nsdecls('w')}>{styles_xml}</w:styles>"):
        styles.append(element)
    body = document.element.body
    for element in parse_xml(f"<w:body {nsdecls('w')}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, element)
    return document


def test_formatting_follows_the_based_on_chain_and_direct_formatting_wins() -> None:
    document = _document(
        '<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/>'
        '<w:rPr><w:rFonts w:eastAsia="仿宋"/><w:sz w:val="32"/></w:rPr>'
        '<w:pPr><w:ind w:firstLineChars="200"/><w:jc w:val="both"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/>'
        '<w:rPr><w:sz w:val="44"/></w:rPr><w:pPr><w:ind w:firstLine="320"/></w:pPr></w:style>',
        '<w:p><w:pPr><w:pStyle w:val="B"/></w:pPr><w:r><w:t>甲</w:t></w:r>'
        '<w:r><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="24"/></w:rPr><w:t>乙</w:t></w:r>'
        "</w:p>",
    )
    formatter = Formatter(document)
    p = document.element.body[-2]
    first, second = formatter.runs(p)
    assert (first.format.east_asia, first.format.size) == ("仿宋", 22.0)
    assert (second.format.east_asia, second.format.size) == ("黑体", 12.0)
    fmt = formatter.paragraph(p)
    # B's firstLine in twips replaces A's firstLineChars: a unit set below is dropped
    assert (fmt.first_line, fmt.first_line_chars, fmt.jc) == (320.0, None, "both")


def test_theme_fonts_resolve_to_the_theme_face_for_simplified_chinese() -> None:
    document = docx.Document()  # python-docx's template: eastAsiaTheme="minorEastAsia"
    document.add_paragraph("正文")
    formatter = Formatter(document)
    (run,) = formatter.runs(document.paragraphs[-1]._p)
    assert run.format.east_asia == "宋体"  # the theme's <a:font script="Hans">
    assert run.format.size == 11.0


def test_bold_in_paragraph_and_character_style_cancels_out_direct_bold_wins() -> None:
    document = _document(
        '<w:style w:type="paragraph" w:styleId="P"><w:name w:val="P"/><w:rPr><w:b/></w:rPr>'
        '</w:style><w:style w:type="character" w:styleId="C"><w:name w:val="C"/>'
        "<w:rPr><w:b/></w:rPr></w:style>",
        '<w:p><w:pPr><w:pStyle w:val="P"/></w:pPr>'
        '<w:r><w:t>甲</w:t></w:r><w:r><w:rPr><w:rStyle w:val="C"/></w:rPr><w:t>乙</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="C"/><w:b/></w:rPr><w:t>丙</w:t></w:r></w:p>',
    )
    formatter = Formatter(document)
    runs = formatter.runs(document.element.body[-2])
    assert [run.format.bold for run in runs] == [True, False, True]


def test_numbering_indents_sit_between_style_and_direct_formatting() -> None:
    document = _document(
        body_xml='<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>'
        "</w:pPr><w:r><w:t>一、总体要求</w:t></w:r></w:p>"
    )
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="70"><w:lvl w:ilvl="0">'
            '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="7"><w:abstractNumId w:val="70"/></w:num>')
    )
    fmt = Formatter(document).paragraph(document.element.body[-2])
    assert (fmt.left, fmt.first_line) == (720.0, -360.0)


def test_a_character_grid_libreoffice_wrote_unsigned_is_read_signed() -> None:
    data = build(Clerk(grid="linesAndChars"))
    document = open_document(data)
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:charSpace"), str(2**32 - 1025))  # −1025, as LibreOffice saves it
    out = io.BytesIO()
    document.save(out)
    facts = read_facts(open_document(out.getvalue()))
    assert facts.sections[0].char_space == -1025
    assert layout_findings(out.getvalue()) == set()


# -- the corrected copy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", [case for case in CASES if case.kind == "fire"], ids=lambda case: case.id
)
def test_corrected_copy_keeps_the_text_and_leaves_no_layout_finding(case: LayoutCase) -> None:
    original = case.docx()
    fixed = fix_layout(original)
    assert layout_findings(fixed.data) == set()
    before = [p.text for p in read_source("a.docx", original).doc.paragraphs if p.text.strip()]
    after = [p.text for p in read_source("a.docx", fixed.data).doc.paragraphs if p.text.strip()]
    assert after == before
    assert any(change.startswith("页面：A4") for change in fixed.changes)


def test_corrected_copy_of_a_rendered_document_changes_nothing_it_checks() -> None:
    data = RENDERED["template:notice"]
    assert layout_findings(fix_layout(data).data) == set()


def test_render_without_libreoffice_keeps_the_xml_findings_and_says_so(monkeypatch) -> None:
    import drafting.office_convert as convert

    monkeypatch.setattr(convert, "soffice_path", lambda: None)
    report = layout_report(build(Clerk(grid=None)), render=True)
    assert [issue.code for issue in report.issues] == ["L503"]
    assert not report.measured
    assert report.notes and "LibreOffice" in report.notes[0]


def test_paragraph_numbers_in_the_labelled_files_are_those_of_the_document() -> None:
    facts = read_facts(open_document(build()))
    parts = {para.number: para.part.value for para in facts.paragraphs}
    assert parts[PARAGRAPHS["title"]] == "title"
    assert parts[PARAGRAPHS["h4"]] == "heading4"
    assert parts[PARAGRAPHS["cc"]] == "cc"
    assert parts[PARAGRAPHS["printer"]] == "printer"
