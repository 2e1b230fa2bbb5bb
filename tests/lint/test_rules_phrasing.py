"""Structure and phrasing rules (S101, S104, S107–S109, P202–P211) on whole commentaries."""

from __future__ import annotations

import pytest
from paths import TESTS

from drafting import lexicon
from drafting.lint.api import lint_text
from drafting.lint.rule import Severity, all_rules
from drafting.lint.rules.thesis import ThesisFinder
from drafting.resources import corpus_file
from drafting.sources.document import prepare_text

FIXTURES = TESTS / "fixtures"
CODES = (
    *("S101", "S104", "S107", "S108", "S109", "P202", "P203", "P204"),
    *("P205", "P206", "P207", "P208", "P209", "P210", "P211"),
)


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def findings(text: str, code: str, genre: str = "commentary") -> list[tuple[str, str]]:
    """(marked text, message) of each issue ``code`` reports on ``text``."""
    rule = all_rules()[code]
    doc = prepare_text(text, genre=genre)
    return [
        (doc.text[i.start : i.end], i.message)
        for i in rule().check(doc, rule.options_for(genre, calibrated=False))
    ]


def test_bad_commentary_gets_each_structure_and_phrasing_finding_on_its_span():
    text = read("commentary_bad.txt")
    lines = text.split("\n")
    story, detour, florid, thesis = lines[1], lines[2], lines[3], lines[5]
    assert findings(text, "S109") == [
        ("市政府工作报告指出", "开篇即引述“市政府工作报告指出”，宜先亮明自己的观点，引文放到论证中")
    ]
    [(span, message)] = findings(text, "S108")
    assert span == story
    assert message.startswith(f"开篇第一段叙事 {len(story)} 字（时间“")
    assert findings(text, "P205") == [
        ("这让我联想到", "绕弯过渡：“这让我联想到”，宜删去联想，直接说明材料与论点的关系")
    ]
    assert detour.startswith("这让我联想到")
    piled = florid[florid.index("璀璨") : florid.index("如诗如画") + 4]
    [(span, message)] = findings(text, "P203")
    assert span == piled
    assert message.startswith("辞藻华丽：“璀璨”“熠熠生辉”“美轮美奂”")
    [(span, message)] = findings(text, "P204")
    assert span == piled
    assert "“波澜壮阔”“如诗如画”" in message
    [(span, message)] = findings(text, "S101")
    assert span == thesis
    assert message.startswith("论点出现在第 13 句（正文第 375 字，约 88%，以“我们认为”表态）")


def test_well_made_commentary_gets_nothing_at_warning_or_above():
    result = lint_text(read("commentary_good.txt"), genre="commentary")
    serious = [(f.code, f.excerpt) for f in result.findings if f.severity >= Severity.WARNING]
    assert serious == []


def test_thesis_finder_takes_the_first_sentence_of_a_good_commentary():
    doc = prepare_text(read("commentary_good.txt"), genre="commentary")
    index, sentence, why = ThesisFinder(doc).find()
    assert index == 0
    assert sentence.text.startswith("城市应当给环卫工人")
    assert why == "以“应当”表态"


def test_thesis_finder_takes_the_purpose_sentence_of_a_notice():
    text = (
        "关于开展2026年度安全生产大检查的通知\n"
        "各区县人民政府，市政府各部门：\n"
        "为深入排查整治安全隐患，根据省安委会统一部署，市政府决定开展安全生产大检查。现将有关事项通知如下。\n"
    )
    doc = prepare_text(text, genre="notice")
    _, sentence, why = ThesisFinder(doc).find()
    assert sentence.text.startswith("为深入排查整治安全隐患")
    assert why == "目的与依据“根据”"


def test_thesis_finder_takes_the_overall_verdict_of_a_summary():
    text = (
        "市统计局2026年工作总结\n一年来，市统计局圆满完成了各项统计调查任务，数据质量稳步提高。\n"
    )
    doc = prepare_text(text, genre="summary")
    _, sentence, why = ThesisFinder(doc).find()
    assert sentence.text.startswith("一年来")
    assert why == "总体评价“一年来”"


def test_a_commentary_without_any_thesis_is_reported_on_its_first_sentence():
    story = "老陈在小区门口开了二十年修鞋铺。" + "他每天清晨六点出摊，傍晚七点收摊，风雨无阻。" * 8
    [(span, message)] = findings("修鞋铺\n" + story, "S101")
    assert span == "老陈在小区门口开了二十年修鞋铺。"
    assert message.startswith(f"全文 {len(story)} 字未找到亮明观点的论点句")


@pytest.mark.parametrize("code", CODES)
def test_explain_examples_bad_fires_and_good_does_not(code):
    rule = all_rules()[code]
    genre = rule.demo_genre()
    assert findings(rule.bad, code, genre), rule.bad
    assert findings(rule.good, code, genre) == []


@pytest.mark.parametrize("code", CODES)
def test_rule_is_registered_with_its_catalogue_profiles(code):
    rule = all_rules()[code]
    assert rule.what and rule.why and rule.profiles


def test_lexicons_are_big_enough_and_carry_headers():
    assert len(lexicon.words("florid.txt")) >= 200
    assert len(lexicon.words("chars_level1.txt")) == 3500
    assert len(set(lexicon.words("chars_level1.txt"))) == 3500
    assert len(lexicon.words("idioms.txt")) > 5000
    for name in (
        "florid.txt",
        "idioms.txt",
        "detours.txt",
        "quote_verbs.txt",
        "stance_markers.txt",
        "empty_phrases.txt",
        "colloquial.txt",
        "stale_title_words.txt",
        "chars_level1.txt",
        "proper_name_chars.txt",
        "reduplication_ok.txt",
    ):
        assert corpus_file(name).read_text("utf-8").startswith("# "), name


def test_short_colloquial_entries_must_line_up_with_words():
    assert findings("这棵树长得挺拔，咱们去看看。", "P209", "notice") == [
        ("咱们", "口语词“咱们”，宜改用书面语")
    ]


def test_repeated_word_spares_legitimate_reduplication():
    assert findings("请大家研究研究，一个一个地解决，人人都要参加。", "P210", "notice") == []
    assert findings("文件的的内容要核实。", "P210", "notice") == [
        ("的的", "词语重复：“的的”，删去一个“的”")
    ]


def test_exclamation_inside_quotation_marks_is_a_slogan_not_a_fault():
    assert findings("现场悬挂“安全第一！”标语。", "P211", "notice") == []


def test_idiom_density_per_100_characters_names_the_run_across_short_sentences():
    text = "大家齐心协力、众志成城。干部迎难而上、勇往直前。群众守望相助、同舟共济。"
    assert findings(text, "P204") == [
        (
            "齐心协力、众志成城。干部迎难而上、勇往直前。群众守望相助、同舟共济",
            "成语和套语过密：33 字内 6 个（每百字约 17 个）：“齐心协力”“众志成城”“迎难而上”"
            "“勇往直前”“守望相助”“同舟共济”，宜删去大半，改写成具体事实",
        )
    ]


def test_idiom_density_counts_neither_official_phrases_nor_one_sentence_twice():
    notice = (
        "各单位要认真贯彻落实省委部署，切实加强组织领导，全面落实安全生产责任。"
        "要深入开展隐患排查，高度重视汛期防范，统筹安排人员值守。"
    )
    assert findings(notice, "P204", "notice") == []
    one_sentence = "他们披荆斩棘、砥砺前行、攻坚克难、久久为功，终于建成了大桥。"
    assert [m[:10] for _, m in findings(one_sentence, "P204")] == ["一句中堆砌成语和辞藻"]


def test_idiom_density_threshold_is_an_option_per_profile():
    rule = all_rules()["P204"]
    assert rule.options_for("commentary")["max_per_100"] == 6
    assert rule.options_for("notice")["max_per_100"] == 5
    text = "大家齐心协力、众志成城。干部迎难而上、勇往直前。群众守望相助、同舟共济。"
    doc = prepare_text(text, genre="commentary")
    loose = rule.options_for("commentary", {"max_per_100": 20})
    assert list(rule().check(doc, loose)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("河边的柳树发芽了。", None),
        ("封山育林以后，山绿了。", None),
        ("银行卡被盗刷了。", None),
        ("李秀兰老人来到医院。", "李秀兰"),
        ("王大爷坐在门口。", "王大爷"),
        ("张建国同志来了。", "张建国"),
    ],
)
def test_person_name_requires_a_name_shaped_word(text: str, name: str | None):
    from drafting.lint.rules._phrasing import person_name

    doc = prepare_text(text, genre="commentary")
    words = doc.tag(0, len(doc.text))
    names = [n for i in range(len(words)) if (n := person_name(words, i))]
    assert names == ([name] if name else [])


def test_thesis_with_a_mistagged_noun_is_still_the_thesis():
    text = "春耕备耕宜早不宜迟\n春耕备耕要把农资供应放在前头。化肥、种子、农膜价格今年普遍上涨。"
    found = ThesisFinder(prepare_text(text, genre="commentary")).find()
    assert found is not None
    assert (found[0], found[2]) == (0, "以“要把”表态")


def test_modal_used_as_a_noun_is_no_stance():
    text = "考核检查\n把考核权收归到确有需要的事项上。"
    assert ThesisFinder(prepare_text(text, genre="commentary")).find() is None
