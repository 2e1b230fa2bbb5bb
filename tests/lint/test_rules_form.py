"""Fixes and options of the form rules (N304–N313, T401–T402), beyond the labelled set."""

from __future__ import annotations

import pytest
from paths import TESTS

from drafting import lexicon
from drafting.lint.rule import all_rules
from drafting.sources.document import PreparedDoc, TextParagraph, prepare_text

FIXTURES = TESTS / "fixtures" / "rules"
MINE = [
    "N304",
    "N305",
    "N306",
    "N307",
    "N308",
    "N310",
    "N311",
    "N312",
    "N313",
    "T401",
    "T402",
    "S102",
    "S103",
    "S105",
    "S106",
]


def issues(code: str, text: str, genre: str = "generic", **options):
    rule = all_rules()[code]
    doc = prepare_text(text, genre=genre)
    return list(rule().check(doc, rule.options_for(genre, options, calibrated=False)))


def fixed(code: str, text: str, genre: str = "generic", **options) -> str:
    """``text`` with every fix of ``code`` applied, back to front."""
    for issue in sorted(issues(code, text, genre, **options), key=lambda i: -i.start):
        assert issue.fix is not None, issue.message
        text = text[: issue.start] + issue.fix + text[issue.end :]
    return text


@pytest.mark.parametrize("code", MINE)
def test_explain_examples_bad_fires_and_good_passes(code):
    rule = all_rules()[code]
    genre = rule.demo_genre()
    assert issues(code, rule.bad, genre), f"{code} bad example does not fire"
    assert issues(code, rule.good, genre) == [], f"{code} good example fires"


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("一.总体要求", "一、总体要求"),
        ("一，提高认识", "一、提高认识"),
        ("（一）、工作目标", "（一）工作目标"),
        ("1、完成检查。", "1.完成检查。"),
        ("2，严格值班。", "2.严格值班。"),
        ("（3）、做好储备。", "（3）做好储备。"),
        ("　　3、加强督查。", "　　3.加强督查。"),
    ],
)
def test_ordinal_punct_fix_gives_the_standard_ordinal(wrong, right):
    assert fixed("N304", wrong) == right


def test_ordinal_punct_message_names_both_forms():
    [issue] = issues("N304", "1、各单位于11月底前报送材料。")
    assert issue.message == "序次语“1、”写法不规范：改为“1.”"


@pytest.mark.parametrize("wrong", ["苏政发[2026]12号", "苏政发【2026】12号", "苏政发（2026）12号"])
def test_doc_number_bracket_fix_gives_six_sided_brackets(wrong):
    assert fixed("N305", wrong, "notice") == "苏政发〔2026〕12号"


def test_doc_number_two_digit_year_and_leading_zero_are_reported_without_fix():
    found = issues("N305", "苏政发〔26〕012号", "notice")
    assert [(i.start, i.end, i.fix) for i in found] == [(3, 7, None), (7, 10, None)]
    assert "〔2026〕" in found[0].message
    assert found[1].message == "发文字号的序号不编虚位：改为“12号”"


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("研究了有关事项...", "研究了有关事项……"),
        ("各地积极响应。。。", "各地积极响应……"),
        ("我们一定…", "我们一定……"),
        ("这次检查--也就是回头看", "这次检查——也就是回头看"),
        ("此次检查—“回头看”—很有必要", "此次检查——“回头看”——很有必要"),
    ],
)
def test_ellipsis_dash_fix(wrong, right):
    assert fixed("N307", wrong) == right


def test_stray_space_fix_removes_spaces_and_leaves_page_numbers_to_the_writer():
    text = "各单位要认真 落实，确保工作内容 7 越来越新。"
    found = issues("N313", text)
    assert [(text[i.start : i.end], i.fix) for i in found] == [(" 7 ", None), (" ", "")]
    assert found[0].message == "正文中夹有疑似页码“7”（复制时带入）：核对后删去"


def test_common_typo_fix_and_message():
    assert (
        fixed("T401", "希望各单位再接再励，按时按装调试。") == "希望各单位再接再厉，按时安装调试。"
    )
    [issue] = issues("T401", "面对困难不能一愁莫展。")
    assert issue.message == "错别字：“一愁莫展”应为“一筹莫展”"


def test_common_typo_reads_extra_typos_and_allow_files():
    text = "路面粗燥，帐薄不清。"
    extra = (str(FIXTURES / "extra_typos.txt"),)
    allow = (str(FIXTURES / "allow.txt"),)
    found = issues("T401", text, **{"extra-typos": extra, "allow": allow})
    assert [(text[i.start : i.end], i.fix) for i in found] == [("帐薄", "账簿")]


def test_typo_table_is_large_and_never_flags_its_own_corrections():
    typos = lexicon.pairs("typos.txt")
    assert len(typos) >= 300
    assert all(wrong != right for wrong, right in typos.items())
    rights = " ".join(typos.values())
    assert [wrong for wrong in typos if wrong in rights] == []


def test_typo_exceptions_each_contain_a_typo():
    typos = lexicon.pairs("typos.txt")
    for entry in lexicon.words("typo_exceptions.txt"):
        assert any(wrong in entry for wrong in typos), entry


def test_confusable_has_no_fix_and_explains_the_context():
    [issue] = issues("T402", "截止2026年10月底，全市已完成改造。")
    assert issue.fix is None
    assert issue.message == "“截止”应为“截至”（后接时间点时用“截至”（截止到也可））"


def test_mixed_script_default_reports_each_traditional_run_with_its_simplified_form():
    [issue] = issues("N312", "全市經濟运行总体平稳。")
    assert issue.message == "简体文本中混入繁体字“經濟”：改为“经济”"


def test_mixed_script_fully_traditional_text_is_one_finding_by_default():
    text = (FIXTURES / "traditional.txt").read_text(encoding="utf-8")
    found = issues("N312", text, "notice")
    assert len(found) == 1
    assert "traditional = true" in found[0].message


def test_mixed_script_traditional_option_accepts_traditional_text():
    text = (FIXTURES / "traditional.txt").read_text(encoding="utf-8")
    assert issues("N312", text, "notice", traditional=True) == []


def test_mixed_script_traditional_option_reports_simplified_characters():
    text = (FIXTURES / "traditional_mixed.txt").read_text(encoding="utf-8")
    found = issues("N312", text, "notice", traditional=True)
    assert [text[i.start : i.end] for i in found] == ["产"]


def _titled(title: str, *body: str, genre: str = "notice", **metadata) -> PreparedDoc:
    paragraphs = [TextParagraph(0, title, 0, role="title")]
    paragraphs += [TextParagraph(0, line, 0) for line in body]
    return PreparedDoc.from_paragraphs("<t>", paragraphs, genre=genre, metadata=metadata)


def test_title_form_reports_end_punctuation():
    rule = all_rules()["S103"]
    doc = _titled("关于开展安全生产大检查的通知。", "各单位：", "现将有关事项通知如下。")
    [issue] = rule().check(doc, rule.options_for("notice"))
    assert (issue.start, issue.end) == (14, 15)
    assert issue.message == "标题末尾不加标点：删去“。”"


def test_missing_part_accepts_front_matter_recipients_signature_and_date():
    rule = all_rules()["S105"]
    doc = _titled(
        "关于开展节前安全检查的通知",
        "各单位要在节前完成一次全面安全检查。",
        recipients="各区县教育局",
        signature="市教育局",
        date="2026-11-05",
    )
    assert list(rule().check(doc, rule.options_for("notice"))) == []


def test_heading_order_does_not_count_unnumbered_markdown_headings_as_gaps():
    rule = all_rules()["S102"]
    paragraphs = [
        TextParagraph(0, "检查范围和重点", 0, role="heading"),
        TextParagraph(0, "（二）检查重点", 0, role="heading"),
        TextParagraph(0, "二、时间安排", 0, role="heading"),
        TextParagraph(0, "四、工作要求", 0, role="heading"),
    ]
    doc = PreparedDoc.from_paragraphs("<md>", paragraphs, source="md")
    found = list(rule().check(doc, rule.options_for("generic")))
    assert [doc.text[i.start : i.end] for i in found] == ["四、"]


def test_heading_order_message_gives_the_expected_ordinal():
    [issue] = issues("S102", "一、总体要求\n（一）工作目标\n（三）工作原则")
    assert issue.message == "层次序数跳号：“（三）”处应为“（二）”"


def test_duty_item_uses_part_of_speech_for_the_opening_verb():
    text = "1.负责文件收发；\n2.严格执行保密制度；\n3.档案管理。"
    found = issues("S106", text, "duties")
    assert [text[i.start : i.end] for i in found] == ["档案管理"]


@pytest.mark.parametrize(
    ("name", "genre"),
    [
        ("clean_notice.txt", "notice"),
        ("clean_summary.txt", "summary"),
        ("clean_duties.txt", "duties"),
    ],
)
def test_clean_documents_raise_nothing(name, genre):
    """Real-shaped documents written to the norms: every rule of this family stays silent."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    rules = all_rules()
    found = {code: issues(code, text, genre) for code in MINE if rules[code].runs_in(genre)}
    assert {code: [text[i.start : i.end] for i in got] for code, got in found.items() if got} == {}


def test_mixed_script_skips_allowed_proper_names():
    text = "寶島眼鏡门店已完成整改，後续工作由市场监管局跟进。"
    found = issues("N312", text, allow=(str(FIXTURES / "allow_names.txt"),))
    assert [text[i.start : i.end] for i in found] == ["後"]


def test_summary_with_a_mingnian_dasuan_section_has_its_next_steps_part():
    from drafting.lint.api import lint_text

    text = (
        "2026年工作总结\n一、主要工作\n今年，我办各项工作进展顺利，圆满完成全年任务。\n"
        "二、存在的问题\n人员力量不足。\n三、明年打算\n加强队伍建设。\n"
    )
    assert [f for f in lint_text(text, genre="summary").findings if f.code == "S105"] == []


def test_a_hundred_and_more_level_one_headings_are_numbered_without_a_crash():
    from drafting.lint.api import lint_text
    from drafting.zh.numerals import cn_number, to_chinese

    expected = ["九十九", "一百", "一百零一", "一百一十"]
    assert [to_chinese(n) for n in (99, 100, 101, 110)] == expected
    headings = "\n".join(f"{cn_number(i)}、第{i}项工作" for i in range(1, 103))
    findings = lint_text("工作总结\n" + headings, genre="summary", select=["S102"]).findings
    assert findings == []
