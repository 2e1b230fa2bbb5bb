"""The figure filters: counts, rates and year-on-year changes as Chinese clauses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from drafting.drafts import figures
from drafting.drafts.figures import (
    amount,
    dig,
    figure,
    number,
    percent,
    points,
    rate,
    rate_yoy,
    yoy,
)


def test_count_sentence_states_label_figure_and_unit() -> None:
    assert figure(263, "全年受理上级来文来电", "份") == "全年受理上级来文来电263份"


def test_count_sentence_with_previous_states_the_change() -> None:
    assert (
        figure(263, "受理上级来文来电", "份", 251)
        == "受理上级来文来电263份，同比增加12份、增长4.8%"
    )


def test_count_sentence_without_figure_is_empty() -> None:
    assert figure(None, "受理上级来文来电", "份") == ""


def test_numbers_print_without_grouping_or_trailing_zeros() -> None:
    assert number(12345) == "12345"
    assert number(12.50) == "12.5"
    assert number(Decimal("3.000")) == "3"
    assert amount(46, "次") == "46次"


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [
        (64, 64, "结案率100%"),
        (12, 34, "结案率35.3%"),
        (1, 8, "结案率12.5%"),
        (1, 3, "结案率33.3%"),
        (0, 5, "结案率0%"),
        (1, 2, "结案率50%"),
    ],
)
def test_rate_one_decimal_unless_whole(num: int, den: int, expected: str) -> None:
    assert rate(num, den, "结案率") == expected


def test_rate_never_rounds_up_to_a_full_hundred() -> None:
    assert rate(9999, 10000, "结案率") == "结案率99.99%"
    assert rate(1, 10000, "采用率") == "采用率0.01%"


def test_zero_denominator_states_the_empty_text_not_nan() -> None:
    assert rate(0, 0, "结案率", empty="无应结案件") == "无应结案件"
    assert rate(0, 0, "结案率") == ""
    assert rate(5, None, "结案率") == ""


def test_yoy_increase() -> None:
    assert yoy(46, 34, "件") == "同比增加12件、增长35.3%"


def test_yoy_decrease() -> None:
    assert yoy(35, 40, "件") == "同比减少5件、下降12.5%"


def test_yoy_no_change() -> None:
    assert yoy(40, 40, "件") == "与上年持平"
    assert yoy(0, 0, "件") == "与上年持平"


def test_yoy_previous_zero_gives_no_growth_rate() -> None:
    assert yoy(12, 0, "件") == "同比增加12件（上年为0，不计增幅）"


def test_yoy_more_than_doubles() -> None:
    assert yoy(50, 20, "条") == "同比增加30条、增长150%"


def test_yoy_missing_previous_is_empty() -> None:
    assert yoy(12, None, "件") == ""


def test_rate_change_in_percentage_points() -> None:
    assert points(42.5, 40) == "同比提高2.5个百分点"
    assert points(38, 40.5) == "同比下降2.5个百分点"
    assert points(40, 40) == "与上年持平"


def test_rate_yoy_computes_both_rates_from_counts() -> None:
    # 61/152 = 40.1%, 50/132 = 37.9%
    assert rate_yoy(61, 152, 50, 132) == "同比提高2.2个百分点"
    assert rate_yoy(64, 64, 70, 70) == "与上年持平"
    assert rate_yoy(30, 40, 0, 0) == ""


def test_percent_accepts_strings_from_csv() -> None:
    assert percent("35.29") == "35.3%"


def test_non_number_raises_type_error_with_chinese_message() -> None:
    with pytest.raises(TypeError, match="应为数字"):
        rate("很多", 3)
    with pytest.raises(TypeError, match="应为数字"):
        yoy(True, 3)


def test_dig_reads_optional_blocks() -> None:
    data = {"petitions": {"closed": 64}}
    assert dig(data, "petitions.closed") == 64
    assert dig(data, "info.adopted") is None
    assert dig(None, "petitions.closed") is None


def test_filters_work_in_a_strict_sandbox_with_absent_previous() -> None:
    env = SandboxedEnvironment(undefined=StrictUndefined)
    env.filters.update(figures.FILTERS)
    template = env.from_string(
        "{{ s.docs | figure('受理上级来文来电', '份', previous | dig('docs')) }}；"
        "{{ s.closed | rate(s.filed, '结案率', empty='无应结案件') }}"
    )
    s = {"docs": 263, "closed": 0, "filed": 0}
    assert template.render(s=s, previous=None) == "受理上级来文来电263份；无应结案件"
    assert (
        template.render(s=s, previous={"docs": 263})
        == "受理上级来文来电263份，与上年持平；无应结案件"
    )


def test_month_on_month_says_huanbi_and_last_month() -> None:
    assert yoy(24, 20, "件", period="月") == "环比增加4件、增长20%"
    assert yoy(15, 15, "件", period="月") == "与上月持平"
    assert yoy(3, 0, "件", period="季度") == "环比增加3件（上季度为0，不计增幅）"
    assert points(40, 42, period="月") == "环比下降2个百分点"


def test_close_with_replaces_the_closing_mark() -> None:
    assert figures.close_with("负责文电处理；", "。") == "负责文电处理。"
    assert figures.close_with("完成其他工作", "；") == "完成其他工作；"
    assert figures.close_with("制定办法（试行）", "。") == "制定办法（试行）。"
    assert figures.close_with(None, "。") == ""
