"""make bench: the speed targets of issue 8, each against a baseline measured in the same run,
and the pathological inputs of issue 14 against their fixed targets.

Generates its inputs (a 1,000-character notice, a 10,000-character summary, about 1 MB of
varied prose, the annual-summary records; for ``limits``: a 1 MB JSON data file of 40,000 list
items, a .docx with 50,000 styles, a .docx of 300,000 empty paragraphs, 10 MB of line breaks)
into a temporary folder, measures every figure several times, and prints one table: median,
min–max, baseline, ratio, target, met or not.

    python scripts/bench.py                # the full run (about 15 minutes on 2 cores)
    python scripts/bench.py --quick        # a smoke run: 2 runs, 100 batch records
    python scripts/bench.py --write-doc docs/bench.md   # also put the table in the doc

Exit status 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from benchlib import figures, serve
from benchlib.inputs import ROOT
from benchlib.table import Row, machine, markdown_table

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run, not a measure")
    parser.add_argument("--runs", type=int, help="runs per figure (default 5; --quick 2)")
    parser.add_argument("--batch-runs", type=int, help="runs per batch figure (default 2)")
    parser.add_argument("--records", type=int, help="batch records (default 1000; --quick 100)")
    parser.add_argument(
        "--lint-records", type=int, help="records for the batch --lint run (default: all)"
    )
    parser.add_argument(
        "--only",
        help="comma-separated groups to run: lint,text,startup,render,batch,limits,serve "
        "(default all)",
    )
    parser.add_argument(
        "--phases", action="store_true", help="also time the phases and rules of the 1 MB lint"
    )
    parser.add_argument("--write-doc", type=Path, help=f"replace the block {START}…{END}")
    return parser.parse_args(argv)


GROUPS = {
    "lint": figures.lint_against_floor,
    "text": figures.text_rules,
    "startup": figures.startup,
    "render": figures.render,
    "batch": figures.batch,
    "limits": figures.limits,
    "serve": serve.serve,
}


def report(rows: list[Row], sizes: dict[str, int], quick: bool, about: str) -> str:
    lines = [about, ""]
    lines.append(
        f"Inputs: notice {sizes['notice']:,} characters; summary {sizes['summary']:,} "
        f"characters; prose {sizes['big']:,} characters ({sizes['big_bytes']:,} bytes UTF-8); "
        f"{sizes['records']:,} annual-summary records (CSV)."
    )
    if quick:
        lines.append("**--quick smoke run: too few runs to be a measurement.**")
    lines += ["", markdown_table(rows)]
    return "\n".join(lines) + "\n"


def write_doc(path: Path, text: str) -> None:
    doc = path.read_text(encoding="utf-8")
    head, _, rest = doc.partition(START)
    _, found, tail = rest.partition(END)
    if not found:
        raise SystemExit(f"{path}: no {START} … {END} block")
    path.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    runs = args.runs or (2 if args.quick else 5)
    batch_runs = args.batch_runs or (1 if args.quick else 2)
    records = args.records or (100 if args.quick else 1000)
    groups = args.only.split(",") if args.only else list(GROUPS)
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        raise SystemExit(f"unknown group(s): {', '.join(unknown)}")
    load_before = os.getloadavg()
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="drafting-bench-") as tmp:
        bench = figures.Bench(
            Path(tmp), runs, batch_runs, records, lint_records=args.lint_records or 0, log=log
        )
        log("generating inputs")
        sizes = figures.write_inputs(bench)
        rows: list[Row] = []
        for group in groups:
            rows += GROUPS[group](bench)
        evidence = figures.phase_report(bench) if args.phases else ""
    about = machine(ROOT, load_before, os.getloadavg())
    text = report(rows, sizes, args.quick, about)
    if evidence:
        text += f"\n```\n{evidence}\n```\n"
    print(text)
    if args.write_doc:
        write_doc(args.write_doc, text)
    return 0 if all(row.met is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
