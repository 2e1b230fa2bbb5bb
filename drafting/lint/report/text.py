"""Plain-text output: ``path:line:col: CODE [severity] message``, the source line with a caret
under the span (aligned by display width: CJK characters take two columns), and a summary.
The genre that ``auto`` chose is named once per file (for a folder, only files with findings).

Everything shown comes from :func:`drafting.terminal.visible`: a control character, an escape
sequence or a bidi override in a draft (or in a file name) is printed as ``⟨ESC⟩``,
``⟨U+202E⟩`` … and never reaches the terminal raw. The caret counts the width of what is
shown, so it stays under its span when an escape (several columns) stands before it.

The summary names the config files in force (``（配置：…/drafting.toml）``) and says so when
the settings left no rule to run, so a config that silences everything is seen."""

from __future__ import annotations

from drafting.lint.engine import FileError, FileResult, summary
from drafting.lint.report import Results
from drafting.lint.rule import Finding, on_request
from drafting.terminal import visible
from drafting.zh.chars import display_width

#: Display columns of source shown under a finding; longer lines (a Chinese paragraph is often
#: one line of several hundred characters) are cut to a window around the span, marked “…”.
WINDOW = 76
_LEAD = 16
_MORE = "…"


def _cells(line: str) -> list[str]:
    """Each character of ``line`` as it is shown: a tab as a space, a control character as its
    visible escape."""
    return [" " if char == "\t" else visible(char) for char in line]


def caret_lines(finding: Finding, lines: list[str]) -> list[str]:
    """The source line of ``finding`` (a window of it when long) and a caret line under its
    span (first line only; a span running past the window is underlined to the window's end)."""
    if not 0 < finding.line <= len(lines):
        return []
    cells = _cells(lines[finding.line - 1])
    widths = [display_width(cell) for cell in cells]
    count = len(cells)
    start = max(0, finding.column - 1)
    end = finding.end_column - 1 if finding.end_line == finding.line else count
    end = max(start + 1, min(end, max(count, start + 1)))
    first, last, prefix, suffix = 0, count, "", ""
    if sum(widths) > WINDOW:
        first = _window_start(widths, start)
        prefix = _MORE if first else ""
        last = _fit(widths, first, WINDOW - display_width(prefix) - display_width(_MORE))
        suffix = _MORE if last < count else ""
    shown_start = min(max(start, first), last)
    shown_end = min(max(end, shown_start), last)
    pad = display_width(prefix) + sum(widths[first:shown_start])
    width = max(1, sum(widths[shown_start:shown_end]))
    line = prefix + "".join(cells[first:last]) + suffix
    return [f"    {line}", "    " + " " * pad + "^" + "~" * (width - 1)]


def _window_start(widths: list[int], start: int) -> int:
    """Where a window showing ``start`` with some lead-in begins (the line's own start when
    the span's beginning already fits in the window)."""
    if sum(widths[: start + _LEAD // 2]) <= WINDOW - 2:
        return 0
    first = min(start, len(widths))
    lead = 0
    while first > 0 and lead + widths[first - 1] <= _LEAD:
        first -= 1
        lead += widths[first]
    return first


def _fit(widths: list[int], first: int, columns: int) -> int:
    """The end of the longest run of cells from ``first`` that takes at most ``columns``."""
    last, used = first, 0
    while last < len(widths) and used + widths[last] <= columns:
        used += widths[last]
        last += 1
    return last


def format_finding(finding: Finding, lines: list[str]) -> str:
    head = (
        f"{visible(finding.path)}:{finding.line}:{finding.column}: {finding.code} "
        f"[{finding.severity.label}] {visible(finding.message)}"
    )
    if finding.fix is not None and on_request(finding.code):
        head += "（可用 --fix-junk 删除）"
    elif finding.fix is not None:
        head += f"（可自动修复为“{visible(finding.fix)}”）" if finding.fix else "（可自动删除）"
    return "\n".join([head, *caret_lines(finding, lines)])


def configs_in_force(results: Results) -> list[str]:
    """The config files the results were linted with, each once, in order of first use."""
    seen: dict[str, None] = {}
    for result in results:
        config = getattr(result, "config", None)
        if config:
            seen.setdefault(config, None)
    return list(seen)


def summary_line(results: Results) -> str:
    counts = summary(results)
    line = (
        f"{counts['errors']} 个错误，{counts['warnings']} 个警告，{counts['infos']} 个提示，"
        f"共 {counts['files']} 个文件"
    )
    configs = configs_in_force(results)
    if configs:
        line += f"（配置：{'、'.join(visible(c) for c in configs)}）"
    if counts["unreadable"]:
        line += f"；{counts['unreadable']} 个文件无法读取"
    idle = sum(1 for r in results if isinstance(r, FileResult) and r.rules_run == 0)
    if idle:
        line += f"；{idle} 个文件没有运行任何规则（请检查 --select、--ignore 和配置）"
    return line


def render(results: Results) -> str:
    out: list[str] = []
    single = len(results) == 1
    for result in results:
        if isinstance(result, FileError):
            continue  # the command prints unreadable files on stderr
        assert isinstance(result, FileResult)
        if result.choice.reason != "given" and (single or result.findings):
            out.append(f"{visible(result.path)}: {visible(result.choice.describe())}")
        out.extend(format_finding(f, result.lines) for f in result.findings)
    out.append(summary_line(results))
    return "\n".join(out) + "\n"
