"""Bad-input rows for issue 18, item 3 (joint issuance sealed): the seal images must match the
organs of the 署名 one to one (one organ a line), each is read with the usual limits and
confinement, and an image that is not one is a clear error.

Every row runs ``python -m drafting render`` as a subprocess (see ``tests/matrix.py``): exit
code 2, one Chinese line naming the file, the line and the field, no traceback, nothing written
or left behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from matrix import Case, check_case, registry
from paths import TESTS

CASES, case = registry()

NEEDS = ("cmd:render",)
SEAL = TESTS / "fixtures" / "layout" / "seal.png"
ORGANS = ("江州市人民政府办公室", "江州市财政局", "江州市文化广电和旅游局")
#: The ``seal`` line of :func:`_draft`: title (2), ``signature: |`` (3), the organs, the date.
SEAL_LINE = 3 + len(ORGANS) + 2


def _draft(work: Path, seal: str, organs: tuple[str, ...] = ORGANS) -> Path:
    """A draft signed by ``organs`` (one a line) with ``seal: …`` on :data:`SEAL_LINE` (for all
    three organs) and seal1.png…seal3.png beside it."""
    for index in range(3):
        shutil.copy(SEAL, work / f"seal{index + 1}.png")
    signature = "".join(f"  {organ}\n" for organ in organs)
    path = work / "draft.md"
    path.write_text(
        f"---\ntitle: 关于联合开展检查的通知\nsignature: |\n{signature}date: 2026-12-06\n"
        f"seal: {seal}\n---\n请认真落实。\n",
        encoding="utf-8",
    )
    return path


def _render() -> list[str]:
    return ["render", "draft.md", "-o", "out.docx", "--no-lint"]


def _count(said: str, line: int = SEAL_LINE) -> Case:
    return Case(_render(), names=(f"draft.md:{line}", said), any_of=("按署名顺序",), needs=NEEDS)


@case("joint-seals-fewer-than-the-organs")
def _(work: Path) -> Case:
    _draft(work, "[seal1.png, seal2.png]")
    return _count("印章图片有 2 个，署名中的发文机关有 3 个")


@case("joint-seal-one-image-for-three-organs")
def _(work: Path) -> Case:
    _draft(work, "seal1.png")
    return _count("印章图片有 1 个，署名中的发文机关有 3 个")


@case("joint-seals-more-than-the-one-organ")
def _(work: Path) -> Case:
    _draft(work, "[seal1.png, seal2.png]", organs=ORGANS[:1])
    return _count("印章图片有 2 个，署名中的发文机关有 1 个", line=3 + 1 + 2)


@case("joint-seal-image-that-is-not-an-image")
def _(work: Path) -> Case:
    _draft(work, "[seal1.png, seal2.png, seal3.png]")
    (work / "seal2.png").write_bytes(b"\x89PNG not really a picture")
    return Case(_render(), names=("seal2.png",), any_of=("印章图片无法读取",), needs=NEEDS)


@case("joint-seal-image-missing-names-it")
def _(work: Path) -> Case:
    _draft(work, "[seal1.png, 没有这个印章.png, seal3.png]")
    return Case(_render(), names=(f"draft.md:{SEAL_LINE}", "没有这个印章.png", "seal[2]"),
                any_of=("找不到印章图片",), needs=NEEDS)  # fmt: skip


@case("joint-seal-absolute-path-in-the-list")
def _(work: Path) -> Case:
    _draft(work, "[seal1.png, /etc/passwd, seal3.png]")
    return Case(_render(), names=(f"draft.md:{SEAL_LINE}", "字段“seal[2]”"), any_of=("绝对路径",),
                forbid=("root:x:0",), needs=NEEDS)  # fmt: skip


@case("joint-seal-list-item-not-a-file-name")
def _(work: Path) -> Case:
    _draft(work, "[seal1.png, {a: 1}, seal3.png]")
    return Case(_render(), names=("draft.md", "seal"), any_of=("应为文字",), needs=NEEDS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    check_case(name, CASES[name], tmp_path)
