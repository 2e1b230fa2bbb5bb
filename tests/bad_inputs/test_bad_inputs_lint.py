"""Bad-input matrix rows for the linter (issue 14, items 7–9): one bad file among others, deep
folder trees, broken configs above the files, word lists with an empty pattern, and text or
names that would drive the terminal. Each runs ``python -m drafting`` as a real subprocess (see
``tests/matrix.py``): exit code, one Chinese line, no traceback, nothing changed or left.

``--fix`` cases that do change a file (a symlink, hard links) and the race of an edit during the
lint are in ``test_fix_loses_nothing.py``; ``lint - <&-`` in ``test_lint_one_bad_file.py``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import badinputs as bad
import pytest
from deeptree import make_deep_tree, remove_tree
from matrix import Case, check_case, registry

CASES, case = registry()

LINT = ("cmd:lint",)
FIX = ("cmd:lint", "opt:lint:--fix")
FLAGS = ["--genre", "notice", "--select", "N301"]
TEXT = "请于11月5日前报送材料,逾期不再受理。\n"
CONTROL = ("\x1b", "\x07", "\x9b", "\u202e")


def _text(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _deep_front_matter(path: Path, depth: int = 5000) -> Path:
    return _text(path, "---\ntitle: " + "[" * depth + "]" * depth + "\n---\n\n正文内容。\n")


# -- one bad file among others -------------------------------------------------------------


@case("lint-deep-front-matter-among-files")
def _(work: Path) -> Case:
    _deep_front_matter(work / "deep.md")
    _text(work / "ok.txt")
    return Case(["lint", "deep.md", "ok.txt", *FLAGS], needs=LINT,
                line="错误：deep.md: 文首 YAML（front matter）嵌套过深或展开过大，无法解析",
                stdout_has=("ok.txt:1:13: N301", "1 个文件无法读取"),
                note="front matter 嵌套几千层：只报这一个文件，其他文件照常审校")  # fmt: skip


@case("lint-folder-deep-front-matter")
def _(work: Path) -> Case:
    _deep_front_matter(work / "docs" / "a-deep.md")
    _text(work / "docs" / "b-ok.txt")
    return Case(["lint", "docs", *FLAGS], names=("a-deep.md",), any_of=("嵌套过深",),
                stdout_has=("b-ok.txt:1:13: N301",), needs=LINT)  # fmt: skip


@case("lint-folder-corrupt-docx")
def _(work: Path) -> Case:
    (work / "docs").mkdir()
    (work / "docs" / "a.docx").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    _text(work / "docs" / "b-ok.txt")
    return Case(["lint", "docs", *FLAGS], names=("a.docx",), any_of=("docx", "损坏"),
                stdout_has=("b-ok.txt:1:13: N301",), needs=LINT)  # fmt: skip


@case("lint-fix-deep-front-matter")
def _(work: Path) -> Case:
    _deep_front_matter(work / "deep.md")
    return Case(["lint", "deep.md", "--fix", *FLAGS], needs=FIX,
                line="错误：deep.md: "
                     "文首 YAML（front matter）嵌套过深或展开过大，无法解析")  # fmt: skip


@case("lint-folder-1100-levels")
def _(work: Path) -> Case:
    _text(make_deep_tree(work / "tree", 1100) / "bottom.txt")
    return Case(["lint", "tree", *FLAGS], code=1, one_line=False, needs=LINT,
                stdout_has=("bottom.txt:1:13: N301", "共 1 个文件"),
                note="1,100 层的文件夹：逐层遍历，不递归")  # fmt: skip


# -- configs above the files ---------------------------------------------------------------


@case("lint-parent-pyproject-huge-integer")
def _(work: Path) -> Case:
    _text(work / "pyproject.toml", "[tool.drafting.lint]\nrules.P201.max = " + "9" * 5000 + "\n")
    _text(work / "docs" / "a.txt")
    return Case(["lint", "docs"], needs=LINT,
                line="错误：" + str(work.resolve() / "pyproject.toml")
                     + ":2: 配置文件中有位数过多的数字（数千位）；请改正")  # fmt: skip


@case("lint-parent-drafting-toml-nested-deep")
def _(work: Path) -> Case:
    _text(work / "drafting.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    _text(work / "docs" / "a.txt")
    return Case(["lint", "docs"], needs=LINT, names=("drafting.toml",),
                any_of=("嵌套过深",))  # fmt: skip


@case("lint-parent-pyproject-broken")
def _(work: Path) -> Case:
    _text(work / "pyproject.toml", "[tool.drafting.lint\nselect = 1\n")
    _text(work / "docs" / "a.txt")
    return Case(["lint", "docs"], needs=LINT, names=("pyproject.toml:1",),
                any_of=("TOML",),
                note="含 drafting 设置却解析不了的 pyproject.toml 不再被悄悄跳过")  # fmt: skip


@case("lint-config-option-too-large")
def _(work: Path) -> Case:
    _text(work / "drafting.toml", "[rules.P204]\nwindow = " + "9" * 300 + "\n")
    _text(work / "a.txt")
    return Case(["lint", "a.txt"], needs=LINT, names=("drafting.toml", "rules.P204.window"),
                any_of=("过大",))  # fmt: skip


@case("lint-config-ignores-everything")
def _(work: Path) -> Case:
    _text(work / "drafting.toml", 'ignore = ["N", "P", "S", "T"]\n')
    _text(work / "a.txt")
    return Case(["lint", "a.txt"], code=0, one_line=False, needs=LINT,
                stdout_has=("（配置：", "drafting.toml", "没有运行任何规则"),
                note="停用全部规则的配置从汇总行就看得出")  # fmt: skip


# -- word lists ----------------------------------------------------------------------------


def _empty_pattern_case(work: Path, entry: str, fix: bool) -> Case:
    _text(work / "drafting.toml", 'extra-typos = "词表/错别字.txt"\n')
    _text(work / "词表" / "错别字.txt", f"# 本单位常见错字\n按装→安装\n{entry}\n")
    _text(work / "a.txt", "请各单位按时按装调试设备。\n")
    lexicon = work.resolve() / "词表" / "错别字.txt"
    line = (f"错误：{lexicon}:3: 词条“{entry}”的左边（要查找的写法）是空的，会匹配任何位置；"
            "请补全或删去这一行")  # fmt: skip
    args = ["lint", "a.txt", "--genre", "notice", *(["--fix"] if fix else [])]
    return Case(args, needs=FIX if fix else LINT, line=line,
                note="→X 不会再让 --fix 在每两个字之间插入 X")  # fmt: skip


@case("lint-fix-typo-list-empty-pattern")
def _(work: Path) -> Case:
    return _empty_pattern_case(work, "→X", fix=True)


@case("lint-fix-typo-list-empty-pattern-ascii-arrow")
def _(work: Path) -> Case:
    return _empty_pattern_case(work, "->X", fix=True)


@case("lint-typo-list-empty-pattern")
def _(work: Path) -> Case:
    return _empty_pattern_case(work, "→X", fix=False)


# -- what would drive the terminal ---------------------------------------------------------


@case("lint-escape-sequences-in-text")
def _(work: Path) -> Case:
    text = "请于11月5日前报送材料\x1b[2J,逾期\x1b]0;owned\x07不再受理。\n"
    _text(work / "a.txt", text + bad.notice_text() * 4)  # three controls in a long enough text
    return Case(["lint", "a.txt", *FLAGS], code=1, one_line=False, needs=LINT,
                stdout_has=("⟨ESC⟩[2J", "⟨ESC⟩]0;owned⟨BEL⟩"), forbid=CONTROL,
                note="清屏、改窗口标题的转义序列以可见形式显示")  # fmt: skip


@case("lint-bidi-override-in-text")
def _(work: Path) -> Case:
    _text(work / "a.txt", "请于11月5日前报送材料,逾期\u202e不再受理\u202c。\n")
    return Case(["lint", "a.txt", *FLAGS], code=1, one_line=False, needs=LINT,
                stdout_has=("⟨U+202E⟩", "⟨U+202C⟩"), forbid=CONTROL)  # fmt: skip


@case("lint-escape-sequence-in-file-name")
def _(work: Path) -> Case:
    return Case(["lint", "x\x1b[2J\u202e.txt", *FLAGS], needs=LINT,
                names=("x⟨ESC⟩[2J⟨U+202E⟩.txt",), forbid=CONTROL)  # fmt: skip


@case("lint-escape-sequence-in-config-name")
def _(work: Path) -> Case:
    _text(work / "a.txt")
    return Case(["lint", "a.txt", "--config", "\x1b]0;x\x07.toml"], needs=LINT,
                names=("⟨ESC⟩]0;x⟨BEL⟩.toml",), forbid=CONTROL)  # fmt: skip


@case("lint-json-keeps-the-exact-text")
def _(work: Path) -> Case:
    _text(work / "a.txt", "这" * 40 + "\x1b[2J" + "那" * 40 + "。\n")
    return Case(["lint", "a.txt", "--format", "json", "--genre", "generic", "--select", "P201"],
                code=1, one_line=False, needs=LINT, stdout_has=("\\u001b[2J",),
                forbid=("⟨ESC⟩", "\x1b"))  # fmt: skip


# -- the runner ----------------------------------------------------------------------------


@contextmanager
def _deep_enough(work: Path) -> Iterator[None]:
    """The shared snapshot walks the work folder with ``Path.rglob``, which recurses once per
    level: a 1,100-level tree needs a higher limit in the test process (not in the tool). The
    tree is removed afterwards without recursion, or pytest's clean-up of old temporary folders
    (``shutil.rmtree``) would fail on it in a later run."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 5000))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)
        remove_tree(work / "tree")


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    with _deep_enough(tmp_path / "work"):
        check_case(name, CASES[name], tmp_path)
