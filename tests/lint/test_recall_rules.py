"""Issue 17's checks end to end: --fix never turns a lost ?? into ？ and deletes junk only with
--fix-junk; Traditional texts read with OpenCC; the script tables agree with OpenCC."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafting.lint.api import lint_text
from drafting.lint.config import LintConfig

DRAFT = (
    "关于做好冬季安全生产工作的通知\n"
    "各地积极开展清理整治??取得明显成效。\n"
    "要把工作做实做细 9 s+ {: B( {6 ?/ G2 w6 z9 w，确保各项任务落实。\n"
    "k3 ?) Z; m+ 7 q/ B2 x{ 4\n"
    "责任编辑：张三\n"
    "下一步要抓好验收工作,确保按期完成。\n"
)


def drafting(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafting", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_plain_fix_mends_punctuation_but_keeps_lost_marks_and_junk(tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    done = drafting("lint", str(draft), "--fix", "--no-backup", cwd=tmp_path)
    text = draft.read_text(encoding="utf-8")
    assert "??" in text and "？" not in text  # a lost ellipsis is never made a question mark
    assert "k3 ?) Z;" in text and "责任编辑：张三" in text and "9 s+ {:" in text
    assert "工作，确保按期完成" in text  # the half-width comma was fixed
    assert "N314 未修复：删除乱码或网页残留须明确要求：加 --fix-junk" in done.stderr
    assert "N316" in done.stdout and done.returncode == 1


def test_fix_junk_deletes_junk_and_residue_lines_whole(tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_bytes(DRAFT.replace("\n", "\r\n").encode("utf-8"))
    done = drafting("lint", str(draft), "--fix-junk", "--no-backup", cwd=tmp_path)
    data = draft.read_bytes().decode("utf-8")
    assert data == (
        "关于做好冬季安全生产工作的通知\r\n"
        "各地积极开展清理整治??取得明显成效。\r\n"
        "要把工作做实做细，确保各项任务落实。\r\n"
        "下一步要抓好验收工作，确保按期完成。\r\n"
    )
    assert "已修复" in done.stderr and "N315 删除" in done.stderr


def test_diff_with_fix_junk_writes_nothing(tmp_path):
    draft = tmp_path / "稿.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    done = drafting("lint", str(draft), "--diff", "--fix-junk", cwd=tmp_path)
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert "-责任编辑：张三" in done.stdout


def test_question_marks_that_ask_stay_n301():
    found = lint_text("这是为什么?我们要想清楚。", select=["N301", "N316"]).findings
    assert [(f.code, f.fix) for f in found] == [("N301", "？")]
    lost = lint_text("重点工程、?水灌区开工建设。", select=["N301", "N316"]).findings
    assert [f.code for f in lost] == ["N316"] and lost[0].fix is None


TRADITIONAL = (
    "關於做好冬季安全生產工作的通知\n"
    "各區縣應急管理局：\n"
    "為切實做好安全生產工作，加強干部隊伍建設，請各單位聯系實際，落實範圍內的責任，"
    "後續工作於月底前完成，並報送名單。這是什么問題？秘書處與群眾座談。\n"
)


def test_traditional_text_gets_its_simplified_leftovers_and_wrong_variants():
    config = LintConfig(rules={"N312": {"traditional": True}})
    found = lint_text(TRADITIONAL, select=["N312"], config=config).findings
    assert [(f.excerpt, f.message[-3:]) for f in found] == [
        ("干", "“幹”"),
        ("系", "“繫”"),
        ("么", "“麼”"),
    ]  # 範, 後, 於, 並 are right; 秘 and 群 are Taiwan's and Hong Kong's forms


def test_traditional_text_without_the_option_is_also_told_it_is_traditional():
    found = lint_text(TRADITIONAL, select=["N312"]).findings
    assert found[0].message.startswith("全文使用繁体字")
    assert [f.excerpt for f in found[1:]] == ["干", "系", "么"]


def test_simplified_text_gets_its_traditional_leftovers_converted_in_context():
    found = lint_text("全市經濟运行总体平稳，後续工作由办公室负责。", select=["N312"]).findings
    assert [(f.excerpt, f.message) for f in found] == [
        ("經濟", "简体文本中混入繁体字“經濟”：改为“经济”"),
        ("後", "简体文本中混入繁体字“後”：改为“后”"),
    ]


def test_obscure_chars_of_a_traditional_text_are_judged_against_traditional_forms():
    from drafting.zh.hanzi import convert

    simplified = "此事须审慎谋划，勿令老人徒增烦扰。各项工作要认真落实，确保经济运行总体平稳。"
    traditional = convert(simplified, "s2t")
    assert traditional != simplified
    assert lint_text(simplified, select=["P208"]).findings == []
    assert lint_text(traditional, select=["P208"]).findings == []


@pytest.mark.parametrize("char", ["秘", "群", "温", "户", "床"])
def test_taiwan_and_hong_kong_forms_are_not_simplified_only(char):
    from drafting.zh.hanzi import convert, simplified_only

    assert char not in simplified_only()
    assert char in {convert(char, "s2tw"), convert(char, "s2hk")}


def test_script_tables_agree_with_opencc():
    from drafting.zh.hanzi import convert, simplified_only, traditional_only

    trad = traditional_only()
    chars = "".join(trad)
    converted = convert("\n".join(chars), "t2s").split("\n")
    changed = sum(1 for a, b in zip(chars, converted, strict=True) if a != b)
    assert changed >= 0.95 * len(chars)  # each is converted by OpenCC's Traditional→Simplified
    simp = sorted(simplified_only())
    for config in ("s2t", "s2tw", "s2hk"):
        out = convert("\n".join(simp), config).split("\n")
        assert sum(1 for a, b in zip(simp, out, strict=True) if a == b) <= 0.02 * len(simp)


def test_confusion_set_kinds_follow_pypinyin():
    from pypinyin import lazy_pinyin

    from drafting.lint.rules.typos_context import confusions

    for entries in confusions().values():
        for entry in entries:
            a, b = lazy_pinyin(entry.wrong), lazy_pinyin(entry.right)
            if a == b:
                expected = "同音"
            elif len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
                expected = "音近"
            else:
                expected = "形近"
            assert entry.kind == expected, entry
            assert entry.source in {"YW", "JY", "XH", "DP"}, entry
