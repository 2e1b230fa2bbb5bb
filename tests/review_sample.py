"""Hand-made lint results over a fixture text, for the HTML report tests (independent of which
rules exist): three errors, two warnings, one info, two of them overlapping, one a point."""

from __future__ import annotations

from pathlib import Path

from drafting.lint.engine import FileError, FileResult
from drafting.lint.profiles import GenreChoice
from drafting.lint.rule import Finding, Severity

SAMPLE = Path(__file__).parent / "fixtures" / "review" / "escape.txt"

#: (line, excerpt, occurrence, code, name, severity, message, fix)
SPANS = (
    (2, ",", 0, "N301", "halfwidth-punct", Severity.ERROR, "中文之间用了半角逗号", "，"),
    (3, ",", 0, "N301", "halfwidth-punct", Severity.ERROR, "中文之间用了半角逗号", "，"),
    (3, "。。", 0, "N302", "doubled-punct", Severity.ERROR, "句号重复", "。"),
    (3, "请于11月5日前报送材料,逾期不再受理。。", 0, "P201", "long-sentence",
     Severity.WARNING, "句子过长<示例>", None),
    (4, " & ", 0, "N313", "stray-space", Severity.WARNING, "中文中间夹有空格", "、"),
    (4, "", 0, "S105", "missing-part", Severity.INFO, "缺少成文日期", None),
)  # fmt: skip


def sample_findings(path: str = "escape.txt") -> tuple[list[str], list[Finding]]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    findings = []
    for number, excerpt, nth, code, name, severity, message, fix in SPANS:
        text = lines[number - 1]
        index = len(text) if not excerpt else -1
        for _ in range(nth + 1 if excerpt else 0):
            index = text.index(excerpt, index + 1)
        start = offsets[number - 1] + index
        findings.append(
            Finding(
                code, name, severity, message, path, number, index + 1, number,
                index + 1 + len(excerpt), start, start + len(excerpt), excerpt, fix, None,
            )
        )  # fmt: skip
    return lines, findings


def sample_results() -> list[FileResult | FileError]:
    lines, findings = sample_findings()
    result = FileResult(
        "escape.txt", "notice", GenreChoice("notice", "title"), findings, lines, "txt"
    )
    return [result, FileError("坏文件.txt", "无法识别文件编码<gbk>")]
