"""Bad inputs of year-end summaries (issue 19): impossible figures, figure mappings, accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from matrix import Case, check_case, registry

CASES, case = registry()

NEEDS = ("cmd:render", "template:annual-summary")
BATCH = ("cmd:batch", "template:annual-summary")

HEAD = """unit: 县信访局
year: 2026
date: 2026-12-20
opening: 全年工作总结如下。
problems: [积案化解还不彻底]
plans: [推进积案化解]
"""


def _write(work: Path, name: str, stats: str) -> str:
    (work / name).write_text(HEAD + stats, encoding="utf-8")
    return name


def _args(name: str) -> list[str]:
    return ["render", "年终总结", name, "-o", "总结.docx", "--no-lint"]


@case("closed-over-filed")
def _(work: Path) -> Case:
    name = _write(work, "信访.yaml", "stats:\n  petitions:\n    received: 40\n    filed: 25\n"
                  "    closed: 30\n")  # fmt: skip
    return Case(_args(name), needs=NEEDS,
                line="错误：信访.yaml:11: 字段“stats.petitions.closed”（办结（件））为 30，"
                     "多于字段“stats.petitions.filed”（登记交办（件））的 25："
                     "部分不能多于整体（结案率）；确属例外的，"
                     "请在“accept”（例外）中写明“结案率: 理由”")  # fmt: skip


@case("adopted-over-submitted")
def _(work: Path) -> Case:
    name = _write(work, "信息.yaml", "stats:\n  info:\n    submitted: 181\n    adopted: 200\n")
    return Case(_args(name), needs=NEEDS, names=("信息.yaml:10", "stats.info.adopted",
                "stats.info.submitted", "（采用率）"))  # fmt: skip


@case("figure-mapping-unknown-key")
def _(work: Path) -> Case:
    name = _write(work, "量词.yaml", "stats:\n  docs_sent: {数量: 21, 量词: 份}\n")
    return Case(_args(name), needs=NEEDS,
                line="错误：量词.yaml:8: 未知字段“stats.docs_sent.量词”；"
                     "数字可写“数量”“名称”“单位”")  # fmt: skip


@case("accept-unknown-relation")
def _(work: Path) -> Case:
    name = _write(work, "例外.yaml", "accept:\n  结案: 含上年结转案件\n")
    return Case(_args(name), needs=NEEDS, names=("例外.yaml:8", "accept.结案"))


@case("batch-impossible-row-fails-alone")
def _(work: Path) -> Case:
    (work / "单位.csv").write_text(
        "单位名称,year,date,opening,stats.petitions.received,stats.petitions.filed,"
        "stats.petitions.closed,problems,plans\n"
        "县信访局,2026,2026-12-20,全年工作总结如下。,30,25,30,问题,打算\n"
        "县民政局,2026,2026-12-20,全年工作总结如下。,30,25,20,问题,打算\n",
        encoding="utf-8",
    )

    def one_document(new: set[str]) -> None:
        assert new == {"out", "out/县民政局.docx"}, new

    return Case(["batch", "年终总结", "单位.csv", "-o", "out"], code=1, needs=BATCH,
                one_line=False, allow_new=one_document,
                names=("单位.csv 第2行", "stats.petitions.closed", "（结案率）",
                       "写出 1 份", "失败 1 条"))  # fmt: skip


@case("organ-profile-bad-value")
def _(work: Path) -> Case:
    (work / "drafting.toml").write_text("[organ]\norgans = 3\n", encoding="utf-8")
    name = _write(work, "总结.yaml", "stats: {docs_sent: 3}\n")
    where = work / "drafting.toml"
    return Case(_args(name), needs=NEEDS,
                line=f"错误：{where}: [organ] 的“organs”应为文字或文字的列表")  # fmt: skip


@case("organ-profile-unknown-key-batch")
def _(work: Path) -> Case:
    (work / "drafting.toml").write_text('[organ]\n"印章" = "x"\n', encoding="utf-8")
    name = _write(work, "总结.yaml", "stats: {docs_sent: 3}\n")
    return Case(["batch", "年终总结", name, "-o", "out"], needs=BATCH,
                names=("drafting.toml", "[organ] 中有未知的项“印章”"))  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    check_case(name, CASES[name], tmp_path)
