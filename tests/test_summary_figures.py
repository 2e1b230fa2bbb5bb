"""Year-end summaries that make sense: relations between figures, optional figures, the
wording and order of sections from data, one problem written as a sentence (issue 19)."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path
from typing import Any

import pytest

from drafting.drafts.data import DataFile, load_data
from drafting.drafts.figures import rate, rate_yoy
from drafting.drafts.prepare import render_markdown
from drafting.drafts.relations import Figure
from drafting.drafts.schema import ValidationError, load_schema
from drafting.drafts.templating import find_template
from drafting.errors import TemplateError
from drafting.resources import templates_dir

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

BASE: dict[str, Any] = {
    "unit": "县信访局",
    "year": 2026,
    "date": "2026-12-20",
    "opening": "全年工作总结如下。",
    "problems": ["积案化解还不彻底"],
    "plans": ["推进积案化解"],
}


def _render(**values: Any) -> str:
    data = copy.deepcopy(BASE)
    data.update(values)
    return render_markdown("annual-summary", DataFile(data, "单位.yaml"))


def _paragraphs(markdown: str) -> list[str]:
    body = markdown.split("---", 2)[2]
    return [line.strip() for line in body.splitlines() if line.strip()]


def _problems(**values: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        _render(**values)
    return [message for message, _ in caught.value.problems]


# -- item 1: relations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        (
            {"petitions": {"received": 40, "filed": 25, "closed": 30}},
            "字段“stats.petitions.closed”（办结（件））为 30，多于字段“stats.petitions.filed”"
            "（登记交办（件））的 25：部分不能多于整体（结案率）；确属例外的，"
            "请在“accept”（例外）中写明“结案率: 理由”",
        ),
        (
            {"info": {"submitted": 181, "adopted": 200}},
            "字段“stats.info.adopted”（被上级采用（条））为 200，多于字段“stats.info.submitted”"
            "（报送信息（条））的 181：部分不能多于整体（采用率）；确属例外的，"
            "请在“accept”（例外）中写明“采用率: 理由”",
        ),
        (
            {"petitions": {"received": 4, "filed": 5, "closed": 5}},
            "字段“stats.petitions.filed”（登记交办（件））为 5，多于字段“stats.petitions.received”"
            "（受理来信来访（件））的 4：部分不能多于整体（登记交办）；确属例外的，"
            "请在“accept”（例外）中写明“登记交办: 理由”",
        ),
        (
            {"supervision": {"items": 3, "completed": 4}},
            "字段“stats.supervision.completed”（办结（项））为 4，多于字段“stats.supervision.items”"
            "（督查督办事项（项））的 3：部分不能多于整体（办结率）；确属例外的，"
            "请在“accept”（例外）中写明“办结率: 理由”",
        ),
    ],
)
def test_a_part_over_its_whole_is_refused_naming_both_fields(
    stats: dict[str, Any], expected: str
) -> None:
    assert _problems(stats=stats) == [expected]


def test_the_issues_three_impossible_figures_are_all_refused() -> None:
    cases = [
        {"petitions": {"received": 30, "filed": 25, "closed": 30}},
        {"info": {"submitted": 181, "adopted": 200}},
        {"petitions": {"received": 60, "filed": 5, "closed": 50}},
    ]
    for stats in cases:
        assert any("部分不能多于整体" in problem for problem in _problems(stats=stats))


def test_last_years_figures_are_checked_too() -> None:
    problems = _problems(
        stats={"info": {"submitted": 10, "adopted": 5}},
        previous={"info": {"submitted": 10, "adopted": 12}},
    )
    assert len(problems) == 1 and "（上年采用率）" in problems[0]


def test_an_accepted_exception_states_both_counts_and_no_rate() -> None:
    markdown = _render(
        stats={"petitions": {"received": 40, "filed": 25, "closed": 30}},
        accept={"结案率": "办结数含上年结转案件5件"},
    )
    assert "全年受理群众来信来访40件；登记交办25件，办结30件。" in _paragraphs(markdown)
    assert "%" not in markdown


def test_an_accept_entry_needs_a_reason_and_a_known_relation() -> None:
    stats = {"petitions": {"received": 40, "filed": 25, "closed": 30}}
    assert any("至少应有 2 个字" in p for p in _problems(stats=stats, accept={"结案率": "是"}))
    unknown = _problems(stats=stats, accept={"结案": "办结数含上年结转案件"})
    assert any(p.startswith("未知字段“accept.结案”") for p in unknown)


def test_negative_counts_are_refused() -> None:
    expected = ["字段“stats.docs_sent”（制发文件（件））不应小于 0"]
    assert _problems(stats={"docs_sent": -1}) == expected


def test_a_rate_over_100_percent_is_never_printed() -> None:
    assert rate(30, 25, "结案率") == ""
    assert rate(25, 25, "结案率") == "结案率100%"
    assert rate_yoy(30, 25, 10, 20) == ""
    assert rate_yoy(10, 20, 30, 25) == ""


def test_relations_must_name_count_fields(tmp_path: Path) -> None:
    schema = tmp_path / "schema.yaml"
    schema.write_text(
        "id: t\nname: 测试\nfields:\n  a: {type: figure}\n  b: {type: string}\n"
        "relations:\n  - {name: 比率, part: a, whole: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="关系“比率”的 whole“b”不是模板中的数量字段"):
        load_schema(schema)


# -- item 2: optional figures -----------------------------------------------------------------


def test_a_figure_left_out_leaves_its_sentence_out() -> None:
    markdown = _render(stats={"docs_received": 96}, remarks={"meetings": "会议纪要及时印发。"})
    paragraphs = _paragraphs(markdown)
    assert "全年受理上级来文来电96份。" in paragraphs
    assert "0次" not in markdown and "制发文件" not in markdown
    assert "会议纪要及时印发。" in paragraphs  # the section stays for its words


def test_a_section_with_neither_figures_nor_words_is_left_out() -> None:
    markdown = _render(stats={"docs_sent": 3})
    assert "办会工作" not in markdown and "信访工作" not in markdown


def test_new_marks_each_figure_optional() -> None:
    sample = (templates_dir() / "annual-summary" / "sample.yaml").read_text(encoding="utf-8")
    for key in ("docs_received", "docs_sent", "meetings", "submitted", "adopted", "received"):
        line = next(line for line in sample.splitlines() if line.strip().startswith(f"{key}:"))
        assert "选填" in line, line


# -- item 3: labels, units and order from data ------------------------------------------------


def test_a_figure_carries_its_own_label_and_unit() -> None:
    markdown = _render(
        stats={"docs_sent": {"数量": 21, "名称": "下发文件", "单位": "份"}},
        previous={"docs_sent": 18},
    )
    assert "全年下发文件21份，同比增加3份、增长16.7%。" in _paragraphs(markdown)


def test_a_figure_mapping_with_an_unknown_key_is_refused() -> None:
    problems = _problems(stats={"docs_sent": {"数量": 21, "量词": "份"}})
    assert problems == ["未知字段“stats.docs_sent.量词”；数字可写“数量”“名称”“单位”"]
    assert _problems(stats={"docs_sent": {"名称": "下发文件"}}) == [
        "字段“stats.docs_sent”缺少“数量”"
    ]


def test_figures_survive_pickling_for_workers() -> None:
    figure = pickle.loads(pickle.dumps(Figure(21, "下发文件", "份")))
    assert (figure, figure.label, figure.unit) == (21, "下发文件", "份")


def test_sections_order_and_headings_come_from_data() -> None:
    markdown = _render(
        stats={"docs_sent": 5, "meetings": 2},
        sections=[
            {"heading": "专项工作", "text": "开展专项学习。"},
            {"section": "meetings", "heading": "会务"},
        ],
    )
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## 专项工作", "## 会务", "## 办文工作"]


def test_an_organisation_departments_summary_renders_from_its_data_file_alone() -> None:
    info = find_template("年终总结")
    markdown = render_markdown(info, load_data(SAMPLES / "组织部年终总结.yaml"))
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "扎实开展专项学习教育",
        "文电办理规范高效",
        "会务保障周到细致",
        "信息报送质量提升",
        "信访办理依法依规",
        "督查督办抓实见效",
    ]
    paragraphs = _paragraphs(markdown)
    assert any(p.startswith("全年收到上级来文312份；下发文件21份。") for p in paragraphs)
    assert "全年编报工作信息96期；被市委组织部采用38篇，采用率39.6%。" in paragraphs
    assert "全年督查重点任务14项，完成13项，办结率92.9%。" in paragraphs
    assert "次" not in "".join(p for p in paragraphs if p.startswith("承办全县"))
    assert "会议" not in "".join(p for p in paragraphs if p.startswith("全年"))
    # one problem is a sentence; two plans are numbered
    assert "部分工作统筹谋划还不够，个别任务推进节奏前松后紧。" in paragraphs
    assert "一是加强学习教育成果转化，推动各项工作提质增效。" in paragraphs


def test_one_problem_is_a_sentence_not_yi_shi() -> None:
    paragraphs = _paragraphs(_render(stats={"docs_sent": 1}))
    assert "积案化解还不彻底。" in paragraphs and "推进积案化解。" in paragraphs
    assert not any(p.startswith("一是") for p in paragraphs)
