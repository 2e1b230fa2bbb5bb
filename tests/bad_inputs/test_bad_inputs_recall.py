"""Bad-input matrix rows for ``--fix-junk`` (issue 17): it fixes files in place, so it refuses
what ``--fix`` refuses — standard input — with one Chinese line,
exit code 2, and the folder unchanged (see ``tests/matrix.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from matrix import Case, check_case, registry

CASES, case = registry()

JUNK = ("cmd:lint", "opt:lint:--fix-junk")
TEXT = "全市各项工作有序推进。\nk3 ?) Z; m+ 7 q/ B2 x{ 4\n责任编辑：张三\n"


@case("lint-fix-junk-stdin")
def _(work: Path) -> Case:
    return Case(["lint", "-", "--fix-junk"], stdin=TEXT.encode(), needs=JUNK,
                line="错误：<stdin>: 标准输入不能就地修复；请给出文件路径",
                note="标准输入无处写回")  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    check_case(name, CASES[name], tmp_path)
