"""Plain-text output: ``path:line:col: CODE [severity] message``, the source line with a caret
under the span (aligned by display width: CJK characters take two columns), and a summary.
The genre that ``auto`` chose is named once per file (for a folder, only files with findings)."""

from __future__ import annotations

from drafting.lint.chars import display_width
from drafting.lint.engine import FileError, FileResult, summary
from drafting.lint.model import Finding
from drafting.lint.report import Results

#: Display columns of source shown under a finding; longer lines (a Chinese paragraph is often
#: one line of several hundred characters) are cut to a window around the span, marked “…”.
WINDOW = 76
_LEAD = 16


def caret_lines(finding: Finding, lines: list[str]) -> list[str]:
    """The source line of ``finding`` (a window of it when long) and a caret line under its
    span (first line only; a span running past the window is underlined to the window's end)."""
    if not 0 < finding.line <= len(lines):
        return []
    line = lines[finding.line - 1].replace("\t", " ")
    start = max(0, finding.column - 1)
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = max(start + 1, min(end, max(len(line), start + 1)))
    first, prefix, suffix = 0, "", ""
    if display_width(line) > WINDOW:
        first = _window_start(line, start)
        prefix = "…" if first else ""
        kept = _fit(line[first:], WINDOW - display_width(prefix) - display_width("…"))
        suffix = "…" if first + len(kept) < len(line) else ""
        line = prefix + kept + suffix
    shown = len(line) - len(prefix) - len(suffix)
    start, end = start - first + len(prefix), min(end - first, shown) + len(prefix)
    pad = display_width(line[:start])
    width = max(1, display_width(line[start:end]))
    return [f"    {line}", "    " + " " * pad + "^" + "~" * (width - 1)]


def _window_start(line: str, start: int) -> int:
    """Where a window showing ``start`` with some lead-in begins (the line's own start when
    the span's beginning already fits in the window)."""
    if display_width(line[: start + _LEAD // 2]) <= WINDOW - 2:
        return 0
    first = start
    while first > 0 and display_width(line[first - 1 : start]) <= _LEAD:
        first -= 1
    return first


def _fit(text: str, columns: int) -> str:
    """The longest start of ``text`` that takes at most ``columns`` display columns."""
    out, used = [], 0
    for char in text:
        used += display_width(char)
        if used > columns:
            break
        out.append(char)
    return "".join(out)


def format_finding(finding: Finding, lines: list[str]) -> str:
    head = (
        f"{finding.path}:{finding.line}:{finding.column}: {finding.code} "
        f"[{finding.severity.label}] {finding.message}"
    )
    if finding.fix is not None:
        head += f"（可自动修复为“{finding.fix}”）" if finding.fix else "（可自动删除）"
    return "\n".join([head, *caret_lines(finding, lines)])


def summary_line(results: Results) -> str:
    counts = summary(results)
    line = (
        f"{counts['errors']} 个错误，{counts['warnings']} 个警告，{counts['infos']} 个提示，"
        f"共 {counts['files']} 个文件"
    )
    if counts["unreadable"]:
        line += f"；{counts['unreadable']} 个文件无法读取"
    return line


def render(results: Results) -> str:
    out: list[str] = []
    single = len(results) == 1
    for result in results:
        if isinstance(result, FileError):
            continue  # the command prints unreadable files on stderr
        assert isinstance(result, FileResult)
        if result.choice.reason != "given" and (single or result.findings):
            out.append(f"{result.path}: {result.choice.describe()}")
        out.extend(format_finding(f, result.lines) for f in result.findings)
    out.append(summary_line(results))
    return "\n".join(out) + "\n"
