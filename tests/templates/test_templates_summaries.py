"""The summary and annual-summary templates: samples, computed sentences, schema errors."""

from __future__ import annotations

import pytest
from paths import TESTS

from drafting.drafts.data import load_data
from drafting.drafts.previous import apply_previous
from drafting.drafts.schema import ValidationError
from drafting.drafts.templating import find_template
from drafting.errors import DataError
from drafting.model import Heading, Paragraph
from drafting.render import parse_draft, prepare, render_markdown
from drafting.resources import templates_dir

FIXTURES = TESTS / "fixtures" / "templates"


def _paragraphs(markdown: str) -> list[str]:
    document = parse_draft(markdown, path="<test>")
    return [block.text for block in document.body if isinstance(block, Paragraph)]


def _headings(markdown: str) -> list[str]:
    document = parse_draft(markdown, path="<test>")
    return [block.full_text for block in document.body if isinstance(block, Heading)]


@pytest.mark.parametrize(
    ("alias", "template_id"),
    [("工作总结", "summary"), ("年终总结", "annual-summary"), ("年度总结", "annual-summary")],
)
def test_chinese_names_find_the_summary_templates(alias: str, template_id: str) -> None:
    assert find_template(alias).id == template_id


def test_summary_sample_has_verdict_results_problems_and_plans() -> None:
    draft = prepare("工作总结", templates_dir() / "summary" / "sample.yaml")
    doc = draft.document
    assert doc.title == "县人民政府办公室2026年上半年工作总结"
    assert doc.header.organs == ["县人民政府办公室"]
    assert doc.header.doc_number == "县政办〔2026〕31号"
    assert doc.recipients == "县人民政府："
    assert doc.signature == "县人民政府办公室"
    assert doc.body[0].text.endswith("较好完成了阶段性任务。现将有关情况总结如下。")
    assert _headings(draft.markdown) == [
        "一、主要工作成效",
        "（一）办文办会规范高效",
        "（二）督查督办落到实处",
        "（三）政务信息及时准确",
        "（四）调查研究务实深入",
        "（五）服务保障有力有序",
        "二、存在的问题",
        "三、下一步工作打算",
    ]
    paragraphs = _paragraphs(draft.markdown)
    assert (
        "一是督查督办的跟踪问效还不够，个别事项办结后缺少回访，存在“一办了之”的现象。" in paragraphs
    )
    assert "四是抓好下半年各类会议和重大活动的服务保障。" in paragraphs


def test_annual_sample_states_counts_rates_and_changes() -> None:
    draft = prepare("年终总结", templates_dir() / "annual-summary" / "sample.yaml")
    paragraphs = _paragraphs(draft.markdown)
    assert (
        "全年受理上级来文来电263份，同比增加12份、增长4.8%；制发文件118件，同比减少5件、下降4.1%。"
        "推行电子公文流转，公文平均办理时间缩短1.5天，全年无延误。"
    ) in paragraphs
    assert any(p.startswith("全年组织筹备各类会议46次，与上年持平。") for p in paragraphs)
    assert any(
        p.startswith(
            "全年报送信息152条，同比增加20条、增长15.2%；被上级采用61条，采用率40.1%，"
            "同比提高2.2个百分点。"
        )
        for p in paragraphs
    )
    assert any(
        p.startswith(
            "全年受理群众来信来访87件，同比减少9件、下降9.4%；登记交办64件，办结64件，"
            "结案率100%，同比提高2.9个百分点。"
        )
        for p in paragraphs
    )
    assert "全年承办督查督办事项35项，办结34项，办结率97.1%。" in paragraphs
    assert _headings(draft.markdown)[-1] == "三、2027年工作打算"


def test_annual_without_previous_states_no_change_and_no_filed_cases() -> None:
    draft = prepare("annual-summary", FIXTURES / "annual-no-previous.yaml")
    paragraphs = _paragraphs(draft.markdown)
    assert "全年受理上级来文来电96份；制发文件21件。" in paragraphs
    assert "全年组织筹备各类会议8次。" in paragraphs
    assert "全年受理群众来信来访2件；无登记交办事项。" in paragraphs
    assert "同比" not in draft.markdown
    assert "信息工作" not in draft.markdown and "督查督办" not in draft.markdown
    # the writer's own closing mark is replaced by the template's; one plan is one sentence
    assert "加快馆藏档案数字化。" in paragraphs
    assert draft.document.date.isoformat() == "2026-12-18"


def test_previous_file_gives_year_on_year_and_previous_zero() -> None:
    info = find_template("annual-summary")
    data = load_data(FIXTURES / "annual-previous-2025.yaml")  # last year's as this year's base
    data.values["year"] = 2026
    data.values["stats"] = {
        "docs_received": 263,
        "docs_sent": 118,
        "meetings": 46,
        "info": {"submitted": 40, "adopted": 12},
    }
    merged = apply_previous(info, data, FIXTURES / "annual-previous-2025.yaml")
    paragraphs = _paragraphs(render_markdown(info, merged))
    assert (
        "全年受理上级来文来电263份，与上年持平；制发文件118件，同比减少12件、下降9.2%。"
        in paragraphs
    )
    assert "全年组织筹备各类会议46次，同比增加6次、增长15%。" in paragraphs
    # last year no information was sent: a count but no growth rate, and no rate comparison
    assert (
        "全年报送信息40条，同比增加40条（上年为0，不计增幅）；被上级采用12条，采用率30%。"
    ) in paragraphs


def test_previous_file_for_a_template_without_previous_is_refused() -> None:
    info = find_template("duties")
    data = load_data(templates_dir() / "duties" / "sample.yaml")
    with pytest.raises(DataError, match="没有上年数据字段"):
        apply_previous(info, data, FIXTURES / "annual-previous-2025.yaml")


def test_schema_errors_name_each_field_and_line() -> None:
    info = find_template("annual-summary")
    with pytest.raises(ValidationError) as caught:
        render_markdown(info, load_data(FIXTURES / "annual-bad.yaml"))
    problems = caught.value.problems
    messages = [message for message, _ in problems]
    assert ("字段“stats.docs_received”（受理上级来文来电（份））应为整数", 7) in problems
    assert ("字段“stats.petitions.closed”（办结（件））不应小于 0", 13) in problems
    assert any(message.startswith("缺少必填的字段“problems”（存在问题）") for message in messages)
    assert str(caught.value).startswith(str(FIXTURES / "annual-bad.yaml"))


@pytest.mark.parametrize("template_id", ["summary", "annual-summary"])
def test_samples_pass_the_linter(template_id: str) -> None:
    from drafting.lint.api import lint_text
    from drafting.lint.rule import Severity
    from drafting.render import plain_text

    draft = prepare(template_id, templates_dir() / template_id / "sample.yaml")
    result = lint_text(plain_text(draft.document), genre="summary")
    assert [(f.code, f.excerpt) for f in result.findings if f.severity >= Severity.WARNING] == []
