"""Character classes, display width and sentence length by reading width; lazy jieba."""

from __future__ import annotations

import subprocess
import sys

import pytest
from paths import TESTS

from drafting.lint.api import lint_text
from drafting.zh.chars import (
    display_width,
    is_chinese,
    is_cjk_punct,
    is_ideograph,
    reading_length,
)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("这是一句话。", 6),
        ("GDP增长5.2%。", 2 + 2 + 1 + 1 + 1 + 1 + 1),  # GDP→2, 增长, 5→1, ., 2→1, %, 。
        ("请访问 www 网站", 3 + 2 + 2),  # spaces count nothing, www → 2
        ("abcdefghij", 5),
        ("《党政机关公文处理工作条例》", 14),
    ],
)
def test_reading_length_counts_latin_runs_by_half_width(text, length):
    assert reading_length(text) == length


def test_display_width_of_cjk_is_two_columns():
    assert display_width("各处室:") == 7
    assert display_width("ab（c）") == 7


def test_is_chinese():
    assert is_chinese("中") and is_chinese("，") and is_chinese("》")
    assert not is_chinese("a") and not is_chinese("１") and not is_chinese("")
    assert not is_ideograph("") and not is_cjk_punct("") and not is_ideograph("中文")


def test_p201_counts_a_latin_run_by_width_not_length():
    # 56 Chinese characters and a 12-letter URL part: 56 + 6 + end mark = 63 > 60
    long = "请" * 56 + "abcdefghijkl" + "。"
    (finding,) = lint_text(long, select=["P201"]).findings
    assert "63 字" in finding.message and (finding.column, finding.end_column) == (1, 70)
    short = "请" * 50 + "abcdefghijkl" + "。"  # 50 + 6 + 1 = 57
    assert lint_text(short, select=["P201"]).findings == []


def test_p201_limit_depends_on_genre_and_config(tmp_path):
    text = "请" * 54 + "。"
    assert lint_text(text, genre="generic", select=["P201"]).findings == []
    # commentary: calibrated on published commentaries (corpus/calibration.json): a warning
    # past their longest sentences, an information past 90% of their sentences
    [hint] = lint_text("请" * 90 + "。", genre="commentary", select=["P201"]).findings
    assert hint.severity.label == "info"
    [long] = lint_text("请" * 200 + "。", genre="commentary", select=["P201"]).findings
    assert long.severity.label == "warning"
    config = tmp_path / "drafting.toml"
    config.write_text("[rules.P201]\nmax = 40\n", encoding="utf-8")
    assert len(lint_text(text, genre="generic", select=["P201"], config=config).findings) == 1


def _imports_jieba(select: str) -> bool:
    code = (
        "import sys\n"
        "from drafting.lint.api import lint_text\n"
        f"lint_text('工作要落实,落实。', genre='commentary', select=['{select}'])\n"
        "print('jieba' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=TESTS,
    )
    return done.stdout.strip().splitlines()[-1] == "True"


def test_jieba_loads_only_when_a_selected_rule_needs_words():
    assert _imports_jieba("N3") is False
    assert _imports_jieba("P2") is True
