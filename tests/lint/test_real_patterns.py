"""False alarms first seen on published texts, each reproduced with sentences written here.

Every test names the pattern a real document showed (the issue "Trust on real documents") and
checks that the linter now reads it right: the part of the document, the kind, the rule that
stays quiet, and that ``--fix`` never changes an alignment space.
"""

from __future__ import annotations

from paths import ROOT, TESTS

from drafting.lint.api import lint_text
from drafting.lint.rule import Severity
from drafting.review.fix import fix_data, make_linter

FIXTURES = TESTS / "fixtures" / "anatomy"


def _codes(text: str, genre: str = "auto", **kwargs: object) -> list[tuple[str, int]]:
    result = lint_text(text, genre=genre, **kwargs)  # type: ignore[arg-type]
    return [(f.code, f.line) for f in result.findings if f.severity >= Severity.WARNING]


def _lines(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# -- numbering --------------------------------------------------------------------------------

CONTINUOUS = _lines(
    "江州市人民政府关于加强城市管理工作的意见",
    "各县（市、区）人民政府，市政府各部门：",
    "为提升城市管理水平，现提出以下意见。",
    "一、总体要求",
    "（一）指导思想。坚持以人民为中心，统筹推进城市管理。",
    "（二）工作目标。到年底，市容环境明显改善。",
    "二、主要任务",
    "（三）整治市容环境。清理占道经营，规范户外广告。",
    "（四）改善交通秩序。优化信号配时，增设停车泊位。",
    "三、保障措施",
    "（五）加强组织领导。各地要建立工作机制。",
    "江州市人民政府",
    "2026年11月20日",
)


def test_numbering_that_runs_on_across_sections_is_no_skip() -> None:
    assert [c for c in _codes(CONTINUOUS) if c[0] == "S102"] == []


def test_a_real_skip_in_running_numbering_is_still_found() -> None:
    skipped = CONTINUOUS.replace("（四）改善交通秩序", "（六）改善交通秩序")
    assert ("S102", 9) in _codes(skipped)


def test_a_carried_plan_restarts_its_numbering() -> None:
    text = (FIXTURES / "网页通知.txt").read_text(encoding="utf-8")
    assert [c for c in _codes(text) if c[0] == "S102"] == []


def test_an_attachment_restarts_its_numbering() -> None:
    text = _lines(
        "关于开展安全检查的通知",
        "各单位：",
        "一、检查范围",
        "全市生产经营单位。",
        "二、检查要求",
        "按时报送检查结果。",
        "附件：检查方案",
        "江州市安全生产委员会",
        "2026年11月20日",
        "附件",
        "检查方案",
        "一、检查内容",
        "消防设施和应急通道。",
    )
    assert [c for c in _codes(text) if c[0] == "S102"] == []


# -- the head and the parts ---------------------------------------------------------------


def test_a_plain_text_notice_with_its_header_block_is_read_as_a_notice() -> None:
    text = (FIXTURES / "版头通知.txt").read_text(encoding="utf-8")
    result = lint_text(text)
    assert (result.genre, result.choice.kind) == ("notice", "通知")
    codes = {f.code for f in result.findings}
    assert "S103" not in codes and "S105" not in codes


def test_the_header_block_is_not_taken_for_the_title_so_n311_sees_the_recipients() -> None:
    text = (FIXTURES / "版头通知.txt").read_text(encoding="utf-8").replace("党组：", "党组:")
    assert ("N311", 8) in [(f.code, f.line) for f in lint_text(text).findings]


def test_a_recipients_line_is_not_measured_as_a_sentence() -> None:
    organs = "、".join(f"第{n}区人民政府" for n in range(1, 20))
    text = _lines("关于开展安全检查的通知", organs + "：", "现将有关事项通知如下。")
    assert [c for c in _codes(text) if c[0] in ("P201", "P202")] == []


# -- reports and commentaries ------------------------------------------------------------------


def test_a_work_report_is_a_speech_not_a_notice() -> None:
    text = (FIXTURES / "工作报告.txt").read_text(encoding="utf-8")
    result = lint_text(text)
    assert (result.genre, result.choice.kind) == ("summary", "报告")
    assert not {f.code for f in result.findings} & {"S103", "P211"}
    said = " ".join(f.message for f in result.findings)
    assert "主送机关" not in said and "署名" not in said


def test_a_commentary_without_the_word_shiping_in_its_title_is_a_commentary() -> None:
    text = (FIXTURES / "评论员文章.txt").read_text(encoding="utf-8")
    result = lint_text(text)
    assert result.genre == "commentary" and "本报评论员" in result.choice.describe()
    assert [f for f in result.findings if f.code == "S101" and f.line == 2] == []


def test_a_commentary_with_a_question_for_a_title_is_read_by_its_shape() -> None:
    body = "城市治理要把群众的需要放在前面，不能只看报表上的数字。"
    text = _lines("路灯为何迟迟不亮？", body * 4, body * 3, body * 3)
    assert lint_text(text).genre == "commentary"


def test_the_demo_commentary_is_recognised_without_genre() -> None:
    sample = ROOT / "samples" / "时评初稿-待修改.txt"
    assert lint_text(sample.read_text(encoding="utf-8")).genre == "commentary"


def test_a_plain_first_line_of_markdown_is_its_title() -> None:
    text = "城市应当为快递员留出歇脚的地方\n\n快递员每天要跑几十个小区。\n"
    result = lint_text(text, markdown=True)
    assert result.genre == "commentary" or result.choice.title == "城市应当为快递员留出歇脚的地方"


def test_an_unknown_kind_is_said_and_names_genre() -> None:
    result = lint_text("一些想法\n今天去了公园。\n")
    assert result.genre == "generic"
    assert "--genre" in result.choice.describe()


# -- alignment spaces ---------------------------------------------------------------------------

ALIGNED = _lines(
    "关于成立专项工作组的通知",
    "各区人民政府，市政府各部门：",
    "为加强统筹协调，决定成立专项工作组，组成人员如下：",
    "召 集 人：王  明  市政府副市长",
    "成　　员：孙　尧  市财政局局长",
    "工作组办公室设在市财政局。",
    "中共江州市委办公室 江州市人民政府办公室",
    "2026年11月20日",
    "抄送：市人大常委会办公室。",
    "江州市人民政府办公室  2026年11月20日印发",
)


def test_alignment_spaces_raise_no_n313() -> None:
    assert [c for c in _codes(ALIGNED) if c[0] == "N313"] == []


def test_fix_never_changes_alignment_spaces() -> None:
    fixed = fix_data("a.txt", ALIGNED.encode(), make_linter("a.txt", genre="notice"))
    assert fixed.after == ALIGNED and fixed.changes == []


def test_joint_issuers_and_a_two_part_slogan_keep_their_space() -> None:
    text = _lines(
        "关于做好节日期间工作的通知",
        "各区人民政府：",
        "根据《中共中央办公厅 国务院办公厅关于做好节日期间工作的通知》要求，现将有关事项通知如下。",
        "开展“文明过节 平安过节”主题活动，营造良好氛围。",
        "江州市人民政府",
        "2026年11月20日",
    )
    assert [c for c in _codes(text) if c[0] == "N313"] == []


def test_a_stray_space_in_running_text_is_still_found() -> None:
    text = _lines("关于做好节日期间工作的通知", "各区人民政府：", "要加强 安全生产工作。")
    assert ("N313", 3) in _codes(text)


# -- marks and dates ----------------------------------------------------------------------------


def test_a_quotation_over_several_paragraphs_is_one_pair() -> None:
    text = _lines(
        "关于修改管理办法的决定",
        "一、将第三条修改为：",
        "“本办法适用于下列事项：",
        "（一）城市道路的养护；",
        "（二）城市桥梁的维修。”",
        "二、本决定自公布之日起施行。",
    )
    assert [c for c in _codes(text) if c[0] == "N303"] == []


def test_a_bracket_with_a_latin_gloss_is_paired() -> None:
    text = _lines(
        "让阅读成为习惯", "“此刻即所有”（Now is All）是一句常被引用的话。", "阅读要从小培养。"
    )
    assert [c for c in _codes(text, genre="commentary") if c[0] == "N303"] == []


def test_a_time_range_in_brackets_is_closed() -> None:
    text = _lines("关于考试安排的通知", "各考生：", "1.时间：2026年7月11日（9:00-12:00）")
    assert [c for c in _codes(text) if c[0] == "N303"] == []


def test_a_date_in_chinese_numerals_is_no_fault_before_2012() -> None:
    text = _lines(
        "国务院办公厅关于加强档案管理工作的通知",
        "各省、自治区、直辖市人民政府：",
        "现将有关事项通知如下。",
        "国务院办公厅",
        "一九九九年十月八日",
    )
    assert [c for c in _codes(text) if c[0] == "N306"] == []
    assert ("N306", 5) in _codes(text.replace("一九九九年", "二〇二六年"))


def test_a_rallying_close_of_a_resolution_is_no_exclamation_fault() -> None:
    text = _lines(
        "江州市人民代表大会关于政府工作报告的决议",
        "江州市第十届人民代表大会第五次会议听取和审议了市长所作的政府工作报告。",
        "会议号召，全市人民团结一心，为建设美丽江州而努力奋斗！",
    )
    assert [c for c in _codes(text) if c[0] == "P211"] == []


def test_doublings_that_are_chinese_are_not_repeated_words() -> None:
    text = _lines(
        "让好政策落到实处",
        "干部要一户一户走访，把问题一件一件解决。",
        "大家归纳归纳经验，桩桩件件都要落实。",
    )
    assert [c for c in _codes(text, genre="commentary") if c[0] == "P210"] == []
    slip = _lines("让好政策落到实处", "要进一步进一步加强管理。", "落实是关键。")
    assert ("P210", 2) in _codes(slip, genre="commentary")


def test_a_bulletin_that_opens_with_the_facts_is_no_late_thesis() -> None:
    fact = "今年以来，全市共发生安全生产事故十二起，造成三人死亡，直接经济损失四百余万元。"
    text = _lines(
        "江州市人民政府关于几起安全生产事故的通报",
        "各区人民政府，市政府各部门：",
        fact * 4,
        "各地要深刻吸取事故教训，切实加强安全管理。",
        "江州市人民政府",
        "2026年11月20日",
    )
    assert [c for c in _codes(text) if c[0] == "S101"] == []
