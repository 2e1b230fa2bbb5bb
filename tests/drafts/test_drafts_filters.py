"""The core template filters, registered in the one Jinja environment."""

from __future__ import annotations

import datetime as dt

import pytest
from markdown_it import MarkdownIt

from drafting.drafts.filters import cn_number, gbt_date, md, nth, ordinal, percent, to_yaml
from drafting.drafts.templating import make_environment


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0, "零"),
        (3, "三"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (10001, "一万零一"),
        (100000, "十万"),
        (20300, "二万零三百"),
        (100000000, "一亿"),
        (-7, "负七"),
    ],
)
def test_cn_number(number, text):
    assert cn_number(number) == text


def test_ordinals_of_the_four_levels():
    assert [ordinal(2, level) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]
    assert ordinal(11) == "十一、"
    assert nth(3) == "第三"


def test_gbt_date_has_no_zero_padding():
    assert gbt_date(dt.date(2026, 11, 5)) == "2026年11月5日"
    assert gbt_date("2026-01-09") == "2026年1月9日"
    with pytest.raises(ValueError):
        gbt_date("下周一")


def test_percent_drops_trailing_zeros():
    assert percent(0.125) == "12.5%"
    assert percent(0.5) == "50%"
    assert percent(0.03333) == "3.3%"
    assert percent(0.98765, 2) == "98.77%"


def test_yaml_filter_quotes_values_safely():
    assert to_yaml("标题: 含冒号") == '"标题: 含冒号"'
    assert to_yaml(dt.date(2026, 11, 20)) == "2026-11-20"
    assert to_yaml(["市委办公厅", "市政协办公厅"]) == '["市委办公厅", "市政协办公厅"]'


def test_md_filter_keeps_text_literal():
    parser = MarkdownIt("commonmark").enable("table")
    for text in ["1. 加强领导", "# 不是标题", "- 不是列表", "**不加粗**", "a | b"]:
        assert parser.render(md(text)) == f"<p>{text}</p>\n"


def test_environment_has_core_and_figure_filters():
    from drafting.drafts.figures import FILTERS

    env = make_environment()
    for name in ("cn_number", "ordinal", "nth", "gbt_date", "percent", "yaml", "md", *FILTERS):
        assert name in env.filters
    assert env.from_string("{{ 12 | cn_number }}").render() == "十二"
