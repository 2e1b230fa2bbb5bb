"""Print the README's rule table, generated from the rule registry; or check/update README.

python scripts/rule_table.py                 # print the Markdown table
python scripts/rule_table.py --check README.md   # exit 1 if the table in README.md is stale
python scripts/rule_table.py --write README.md   # replace the table in README.md

The table lives between ``<!-- rules:start -->`` and ``<!-- rules:end -->``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drafting.lint.explain import profiles_text, summary_line
from drafting.lint.rule import all_rules

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def markdown_table() -> str:
    """The catalogue as a Markdown table: code, name, 中文说明, profiles, severity, fixable."""
    lines = [
        "| 代码 | 名称 | 说明 | 适用文体 | 严重程度 | 可自动修复 |",
        "|---|---|---|---|---|---|",
    ]
    for code, rule in all_rules().items():
        text = summary_line(rule).replace("|", "\\|")
        fixable = "是" if rule.fixable else "否"
        lines.append(
            f"| {code} | {rule.name} | {text} | {profiles_text(rule)} | "
            f"{rule.severity.label} | {fixable} |"
        )
    return "\n".join(lines)


def replace_table(document: str, table: str) -> str:
    """``document`` with the text between the markers replaced by ``table``."""
    if START not in document or END not in document:
        raise ValueError(f"找不到标记 {START} … {END}")
    head, rest = document.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 README 中的规则表")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", metavar="FILE", help="表格过时则退出码 1")
    group.add_argument("--write", metavar="FILE", help="就地更新表格")
    args = parser.parse_args(argv)
    table = markdown_table()
    target = args.check or args.write
    if not target:
        print(table)
        return 0
    path = Path(target)
    document = path.read_text(encoding="utf-8")
    try:
        updated = replace_table(document, table)
    except ValueError as exc:
        print(f"错误：{path}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if updated != document:
            print(f"{path} 中的规则表已过时；运行 python scripts/rule_table.py --write {path}")
            return 1
        return 0
    if updated != document:
        path.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
