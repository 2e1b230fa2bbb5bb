"""The benchmark's one table, and the machine it ran on, as Markdown."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from benchlib.measure import Stats

HEADER = ("Figure", "Median", "Min–max", "Baseline", "Baseline median", "Ratio", "Target", "Met")


@dataclass(frozen=True)
class Row:
    """One line of the table. ``unit`` is ``s`` (seconds), ``MiB`` or ``""`` (a count);
    ``met`` is ``None`` for a figure shown for reference, without a target."""

    figure: str
    stats: Stats | None
    unit: str = "s"
    baseline: str = ""
    base: Stats | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


def quantity(value: float, unit: str) -> str:
    """``0.0853`` s → ``85.3 ms``; ``2.5`` s → ``2.50 s``; MiB with one decimal; counts bare."""
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:g}"


def _range(stats: Stats | None, unit: str) -> str:
    if stats is None:
        return "—"
    return f"{quantity(stats.low, unit)}–{quantity(stats.high, unit)}"


def verdict(met: bool | None) -> str:
    return {True: "met", False: "NOT MET", None: "(info)"}[met]


def cells(row: Row) -> list[str]:
    return [
        row.figure,
        quantity(row.stats.median, row.unit) if row.stats else "—",
        _range(row.stats, row.unit),
        row.baseline or "—",
        quantity(row.base.median, row.unit) if row.base else "—",
        f"{row.ratio:.2f}" if row.ratio is not None else "—",
        row.target or "—",
        verdict(row.met) + (f" ({row.note})" if row.note else ""),
    ]


def markdown_table(rows: list[Row]) -> str:
    """A GitHub-flavoured Markdown table, columns padded to line up in a terminal."""
    lines = [list(HEADER), *(cells(row) for row in rows)]
    widths = [max(_width(line[i]) for line in lines) for i in range(len(HEADER))]

    def fmt(line: list[str]) -> str:
        return "| " + " | ".join(_pad(c, w) for c, w in zip(line, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([fmt(lines[0]), rule, *(fmt(line) for line in lines[1:])])


def _width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _commit(root: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}" if head else "unknown"


def machine(root: Path, load_before: tuple[float, ...], load_after: tuple[float, ...]) -> str:
    """The machine, the software and the load, as Markdown bullet lines."""
    now = dt.datetime.now().astimezone()

    def load(values: tuple[float, ...]) -> str:
        return " / ".join(f"{v:.2f}" for v in values)

    return "\n".join(
        [
            f"* Date: {now:%Y-%m-%d %H:%M %Z}; commit {_commit(root)}",
            f"* CPU: {_cpu_model()}, {os.cpu_count()} logical cores (nproc); memory {_memory()}",
            f"* {platform.system()} {platform.release()}; Python {platform.python_version()}",
            f"* jieba {_version('jieba')}, python-docx {_version('python-docx')}, "
            f"docxtpl {_version('docxtpl')}, click {_version('click')}",
            f"* Load average (1/5/15 min) before {load(load_before)}, after {load(load_after)}",
        ]
    )
