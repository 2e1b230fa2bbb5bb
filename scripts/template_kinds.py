"""Generate corpus/template_kinds.txt (template id → 文种) from the templates' schema.yaml.

python scripts/template_kinds.py            # print the file
python scripts/template_kinds.py --check    # exit 1 if corpus/template_kinds.txt is stale
python scripts/template_kinds.py --write    # rewrite corpus/template_kinds.txt

The linter maps a front-matter ``kind`` (or a .docx's subject) that is a template id to the 文种
that template writes. The schemas are the one source; the linter reads this generated corpus
file instead, so that linting never loads YAML.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from drafting.drafts.schema import load_schema
from drafting.resources import corpus_file, templates_dir

FILENAME = "template_kinds.txt"
HEADER = (
    "# 模板编号与其文种（S103、S105 据此认出前言 kind 或 .docx 主题中的模板编号）："
    "每行“模板编号<TAB>文种”。\n"
    "# 来源：由 scripts/template_kinds.py 从 templates/*/schema.yaml 的 id 与 name 生成，"
    "请勿手改；\n"
    "#   改了模板的 name 后运行 python scripts/template_kinds.py --write"
    "（测试核对二者一致）。\n"
)


def kinds(root: Path | None = None) -> dict[str, str]:
    """Every shipped template's id and its ``name``, sorted by id."""
    root = root or templates_dir()
    found = {}
    for schema_path in sorted(root.glob("*/schema.yaml")):
        schema = load_schema(schema_path)
        found[schema.id] = schema.name
    return found


def render(pairs: dict[str, str]) -> str:
    """The corpus file's text: the header, then one ``id<TAB>name`` line per template."""
    return HEADER + "".join(f"{key}\t{value}\n" for key, value in pairs.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="由模板说明生成 corpus/template_kinds.txt")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="文件过时则退出码 1")
    group.add_argument("--write", action="store_true", help="就地更新文件")
    parser.add_argument("--file", type=Path, default=None, help="目标文件（默认 corpus 中的）")
    args = parser.parse_args(argv)
    text = render(kinds())
    if not (args.check or args.write):
        print(text, end="")
        return 0
    path = args.file or corpus_file(FILENAME)
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if args.check:
        if current != text:
            print(f"{path} 已过时；运行 python scripts/template_kinds.py --write")
            return 1
        return 0
    if current != text:
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
