"""scripts/rule_table.py: the README table generated from the registry, --check and --write."""

from __future__ import annotations

import subprocess
import sys

from paths import ROOT

from drafting.lint.rule import all_rules

SCRIPT = ROOT / "scripts" / "rule_table.py"


def run(*args):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60
    )


def test_table_has_a_row_per_rule():
    done = run()
    assert done.returncode == 0
    rows = [
        line for line in done.stdout.splitlines() if line.startswith("| ") and "|---" not in line
    ]
    assert [row.split("|")[1].strip() for row in rows[1:]] == list(all_rules())
    assert (
        "| N301 | halfwidth-punct | 中文语句中的半角标点 , . ; : ? ! ( ) | 全部 | error | 是 |"
        in rows
    )


def test_check_fails_on_a_stale_table_and_write_fixes_it(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# 说明\n\n<!-- rules:start -->\n| 旧表 |\n<!-- rules:end -->\n\n结尾\n", "utf-8"
    )
    stale = run("--check", str(readme))
    assert stale.returncode == 1 and "已过时" in stale.stdout
    assert run("--write", str(readme)).returncode == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# 说明\n\n<!-- rules:start -->\n| 代码 |") and text.endswith("结尾\n")
    assert run("--check", str(readme)).returncode == 0


def test_missing_markers_exit_2(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# 说明\n", encoding="utf-8")
    assert run("--check", str(readme)).returncode == 2


def test_readme_rule_table_is_current():
    root = ROOT
    script = root / "scripts" / "rule_table.py"
    check = subprocess.run(
        [sys.executable, str(script), "--check", str(root / "README.md")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_summaries_keep_quoted_marks_whole() -> None:
    """One-line summaries were cut inside quotation marks (S102 "“一、”→“”→“1.”→“”")."""
    from drafting.lint.explain import summary_line
    from drafting.lint.rule import all_rules

    rules = all_rules()
    assert summary_line(rules["S102"]) == "结构层次序数依次为“一、”→“（一）”→“1.”→“（1）”"
    assert summary_line(rules["N310"]) == "附件说明写作“附件：1.名称”"
    assert summary_line(rules["N311"]) == "主送机关一行以全角冒号“：”结尾"
    for rule in rules.values():
        line = summary_line(rule)
        assert line.count("“") == line.count("”"), (rule.code, line)
