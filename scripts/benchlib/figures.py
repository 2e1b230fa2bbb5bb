"""The figures of issue 8, each measured beside its baseline in the same run.

Whole-process figures run the installed ``drafting`` command (the console script beside the
Python running the benchmark) from an empty folder, output to /dev/null, and are interleaved
with their baseline run by run. In-process figures (rendering) alternate rounds of calls.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchlib import inputs
from benchlib.measure import Run, Stats, WorkerWatch, interleaved, per_call, run_process
from benchlib.table import Row

PROBE = Path(__file__).resolve().parent / "probe"
JIEBA_FLOOR = "import sys, jieba; jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"
IMPORT_CLICK = "import click"

# Targets of issue 8 (binding; never loosen them here).
LINT_BIG_MAX = 1.5
LINT_PAGE_MAX = 1.15
TEXT_RULES_MAX_SECONDS = 0.5
STARTUP_MAX = 2.0
RENDER_MAX = 1.0
BATCH_SPEEDUP_MIN = 1.8
WORKER_MIB_MAX = 150.0
# Targets of issue 14 (pathological inputs, each once quadratic or out of memory).
JSON_VALIDATE_MAX_SECONDS = 2.0
STYLES_LINT_MAX_SECONDS = 5.0
NEWLINES_MAX_MIB = 1024.0
EMPTY_PARAGRAPHS_MAX_SECONDS = 15.0


@dataclass
class Bench:
    """Where the inputs are and how many times to measure."""

    workdir: Path
    runs: int
    batch_runs: int
    records: int
    lint_records: int = 0  # records for the --lint run (0: all)
    python: str = sys.executable
    log: Callable[[str], None] = print

    @property
    def drafting(self) -> list[str]:
        script = Path(self.python).parent / "drafting"
        return [str(script)] if script.exists() else [self.python, "-m", "drafting"]

    def path(self, name: str) -> Path:
        return self.workdir / name

    @property
    def env(self) -> dict[str, str]:
        """The environment of measured processes: bytecode cached (in the work folder), as
        after any install, even where the shell sets PYTHONDONTWRITEBYTECODE."""
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(self.workdir / "pycache")
        return env

    def process(self, argv: list[str], **kwargs: Any) -> Run:
        kwargs.setdefault("cwd", self.workdir)
        kwargs.setdefault("env", self.env)
        return run_process(argv, **kwargs)

    def seconds(self, argv: list[str], ok: tuple[int, ...] = (0,)) -> Callable[[], float]:
        return lambda: self.process(argv, ok=ok).seconds


def write_inputs(bench: Bench) -> dict[str, int]:
    """Generate the inputs into the work folder; their sizes (characters, records)."""
    notice = inputs.notice_page()
    summary = inputs.long_summary()
    big = inputs.big_prose()
    records = inputs.annual_records(bench.records)
    bench.path("notice.txt").write_text(notice, encoding="utf-8")
    bench.path("summary.txt").write_text(summary, encoding="utf-8")
    bench.path("big.txt").write_text(big, encoding="utf-8")
    bench.path("records.csv").write_text(inputs.records_csv(records), encoding="utf-8")
    linted = records[: bench.lint_records or None]
    bench.path("records-lint.csv").write_text(inputs.records_csv(linted), encoding="utf-8")
    return {
        "notice": len(notice),
        "summary": len(summary),
        "big": len(big),
        "big_bytes": len(big.encode()),
        "records": len(records),
    }


def _lint(bench: Bench, name: str, *extra: str) -> list[str]:
    return [*bench.drafting, "lint", str(bench.path(name)), "--format", "json", *extra]


def _ratio(a: Stats, b: Stats) -> float:
    return a.median / b.median


def lint_against_floor(bench: Bench) -> list[Row]:
    """Targets 1 and 2 (and the 10,000-character summary for reference): whole-process lint
    with every default rule against a process that imports jieba and cuts the same text."""
    floor = [bench.python, "-c", JIEBA_FLOOR]
    rows = []
    for name, label, limit in (
        ("big.txt", "lint 1 MB summary (all default rules)", LINT_BIG_MAX),
        ("notice.txt", "lint one page (1,000-char notice)", LINT_PAGE_MAX),
        ("summary.txt", "lint 10,000-char summary", None),
    ):
        bench.log(f"  {label}")
        lint, base = interleaved(
            [
                bench.seconds(_lint(bench, name), ok=(0, 1)),
                bench.seconds([*floor, str(bench.path(name))]),
            ],
            bench.runs,
        )
        ratio = _ratio(lint, base)
        rows.append(
            Row(
                label,
                lint,
                baseline="jieba floor (import + lcut)",
                base=base,
                ratio=ratio,
                target=f"≤ {limit}× floor" if limit else "",
                met=ratio <= limit if limit else None,
            )
        )
    return rows


def text_rule_codes() -> list[str]:
    """Every registered rule whose ``needs`` is ``Needs.TEXT`` (no words, no tagging)."""
    from drafting.lint.rule import Needs, all_rules

    return [code for code, rule in all_rules().items() if rule.needs == Needs.TEXT]


_JIEBA_IMPORT = re.compile(r"^import time:.*\|\s+jieba(\.|\s*$)", re.MULTILINE)


def imports_jieba(bench: Bench, argv: list[str], ok: tuple[int, ...] = (0, 1)) -> bool:
    """Whether running ``argv`` (a ``drafting`` command line) imports jieba at all."""
    run = bench.process([bench.python, "-X", "importtime", *argv], ok=ok, capture=True)
    return bool(_JIEBA_IMPORT.search(run.stderr.decode("utf-8", "replace")))


def text_rules(bench: Bench) -> list[Row]:
    """Target 3: the rules that need no words never import jieba; 1 MB in ≤ 0.5 s."""
    codes = text_rule_codes()
    argv = _lint(bench, "big.txt", "--select", ",".join(codes))
    module_argv = [*argv]
    module_argv[: len(bench.drafting)] = ["-m", "drafting"]
    loads = imports_jieba(bench, module_argv)
    bench.log(f"  lint 1 MB --select {len(codes)} text rules")
    lint, click = interleaved(
        [bench.seconds(argv, ok=(0, 1)), bench.seconds([bench.python, "-c", IMPORT_CLICK])],
        bench.runs,
    )
    return [
        Row(
            f"lint 1 MB, --select the {len(codes)} rules with needs=TEXT",
            lint,
            baseline="python -c 'import click'",
            base=click,
            ratio=_ratio(lint, click),
            target=f"≤ {TEXT_RULES_MAX_SECONDS} s",
            met=lint.median <= TEXT_RULES_MAX_SECONDS,
        ),
        Row(
            "  … imports jieba (python -X importtime)",
            None,
            unit="",
            target="never",
            met=not loads,
            note="jieba imported" if loads else "not imported",
        ),
    ]


def startup(bench: Bench) -> list[Row]:
    """Target 4: ``drafting --help`` and ``drafting rules`` against a bare ``import click``."""
    bench.log("  drafting --help, drafting rules")
    runs = bench.runs * 3  # short processes: more runs for a steadier median
    helps, rules, click = interleaved(
        [
            bench.seconds([*bench.drafting, "--help"]),
            bench.seconds([*bench.drafting, "rules"]),
            bench.seconds([bench.python, "-c", IMPORT_CLICK]),
        ],
        runs,
    )
    rows = []
    for label, stats in (("drafting --help", helps), ("drafting rules", rules)):
        ratio = _ratio(stats, click)
        rows.append(
            Row(
                label,
                stats,
                baseline="python -c 'import click'",
                base=click,
                ratio=ratio,
                target=f"≤ {STARTUP_MAX}× click",
                met=ratio <= STARTUP_MAX,
            )
        )
    return rows


# --------------------------------------------------------------------------- rendering


def docxtpl_template(path: Path) -> None:
    """A docxtpl template with the notice's text fields and its section/paragraph loops,
    built with python-docx (what an office would write by hand in Word)."""
    from docx import Document

    lines = [
        "{{ organs | join('、') }}文件",
        "{{ doc_number }}",
        "{{ urgency }}",
        "{{ title }}",
        "{{ recipients }}",
        "{{ opening }}",
        "{%p for s in sections %}",
        "{{ s.number }}、{{ s.heading }}",
        "{%p for text in s.paragraphs %}",
        "{{ text }}",
        "{%p endfor %}",
        "{%p for sub in s.subsections %}",
        "（{{ sub.number }}）{{ sub.heading }}",
        "{%p for text in sub.paragraphs %}",
        "{{ text }}",
        "{%p endfor %}",
        "{%p endfor %}",
        "{%p endfor %}",
        "{{ closing }}",
        "{{ contact }}",
        "{%p for a in attachments %}",
        "附件{{ loop.index }}：{{ a }}",
        "{%p endfor %}",
        "{{ signature }}",
        "{{ date }}",
        "（{{ note }}）",
        "抄送：{{ cc | join('，') }}。",
        "{{ printer }}　{{ print_date }}印发",
    ]
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def docxtpl_context(data: dict[str, Any]) -> dict[str, Any]:
    """The notice sample as docxtpl's context: numbered sections, dates as GB/T dates."""
    from drafting.model import format_date
    from drafting.zh.numerals import cn_number

    context = dict(data)
    sections = []
    for n, section in enumerate(data.get("sections") or (), start=1):
        subs = [
            {**sub, "number": cn_number(m)}
            for m, sub in enumerate(section.get("subsections") or (), start=1)
        ]
        sections.append(
            {
                **section,
                "number": cn_number(n),
                "paragraphs": section.get("paragraphs") or [],
                "subsections": subs,
            }
        )
    context["sections"] = sections
    for key in ("date", "print_date"):
        if key in context:
            context[key] = format_date(context[key])
    return context


def render(bench: Bench) -> list[Row]:
    """Target 5: the notice sample rendered to .docx bytes through the project's API, against
    docxtpl rendering the same fields (both read the sample data file each time)."""
    import yaml
    from docxtpl import DocxTemplate

    from drafting.layout import build_docx
    from drafting.render import prepare

    sample = inputs.ROOT / "templates" / "notice" / "sample.yaml"
    template = bench.path("notice-docxtpl.docx")
    docxtpl_template(template)

    def ours() -> bytes:
        draft = prepare("notice", sample)
        return build_docx(draft.document, base_dir=draft.base_dir)

    def theirs() -> bytes:
        data = yaml.safe_load(sample.read_text(encoding="utf-8"))
        document = DocxTemplate(str(template))
        document.render(docxtpl_context(data))
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    calls = 5
    bench.log(f"  render notice in-process ({bench.runs} rounds of {calls})")
    project, baseline = interleaved(
        [lambda: per_call(ours, calls), lambda: per_call(theirs, calls)], bench.runs
    )
    ratio = _ratio(project, baseline)
    return [
        Row(
            "render notice sample → .docx bytes (in-process)",
            project,
            baseline="docxtpl, same fields",
            base=baseline,
            ratio=ratio,
            target=f"≤ {RENDER_MAX}× docxtpl",
            met=ratio <= RENDER_MAX,
        )
    ]


# --------------------------------------------------------------------------- batch


@dataclass(frozen=True)
class BatchRun:
    seconds: float
    max_rss_mib: float  # over the main process and every worker it reaped (wait4)
    worker_mib: float  # the largest worker's VmHWM (polled); the main process for jobs 1
    workers: int
    jieba_loads: Counter[int]


def batch_once(
    bench: Bench, jobs: int, tag: str, *extra: str, data: str = "records.csv", count: int = 0
) -> BatchRun:
    """One ``drafting batch annual-summary`` of the ``count`` records of ``data`` into a
    fresh folder; ``extra`` flags also count jieba's loads (the probe)."""
    count = count or bench.records
    out = bench.path(f"out-{tag}")
    shutil.rmtree(out, ignore_errors=True)
    log = bench.path(f"jieba-{tag}.log")
    log.unlink(missing_ok=True)
    env = bench.env
    if extra:
        env["BENCH_JIEBA_LOG"] = str(log)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROBE), env.get("PYTHONPATH")]))
    argv = [*bench.drafting, "batch", "annual-summary", str(bench.path(data))]
    argv += ["-o", str(out), "--jobs", str(jobs), *extra]
    watch = WorkerWatch()
    run = bench.process(argv, env=env, on_start=watch.start)
    watch.stop()
    written = len(list(out.glob("*.docx")))
    shutil.rmtree(out, ignore_errors=True)
    if written != count:
        raise RuntimeError(f"batch wrote {written} of {count} documents")
    loads: Counter[int] = Counter()
    if log.exists():
        loads.update(int(line) for line in log.read_text().split())
    worker = watch.max_mib if jobs > 1 else run.max_rss_mib
    return BatchRun(run.seconds, run.max_rss_mib, worker, watch.workers, loads)


def batch_has_lint(bench: Bench) -> bool:
    run = bench.process([*bench.drafting, "batch", "--help"], capture=True)
    return "--lint" in run.stdout.decode("utf-8", "replace")


def batch(bench: Bench) -> list[Row]:
    """Target 6: speed-up of ``--jobs 2`` over ``--jobs 1``, per-worker peak memory, and
    jieba loaded once per worker (not per document) with ``--lint``."""
    n = bench.records
    bench.log(f"  batch {n} annual summaries, --jobs 1 / --jobs 2 ({bench.batch_runs} runs)")
    one: list[BatchRun] = []
    two: list[BatchRun] = []
    for _ in range(bench.batch_runs):
        one.append(batch_once(bench, 1, "j1"))
        two.append(batch_once(bench, 2, "j2"))
    t1 = Stats(tuple(r.seconds for r in one))
    t2 = Stats(tuple(r.seconds for r in two))
    speedup = t1.median / t2.median
    worker2 = Stats(tuple(r.worker_mib for r in two))
    worker1 = Stats(tuple(r.worker_mib for r in one))
    everything = Stats(tuple(r.max_rss_mib for r in (*one, *two)))
    rows = [
        Row(
            f"batch {n} annual summaries --jobs 2",
            t2,
            baseline="--jobs 1",
            base=t1,
            ratio=speedup,
            target=f"≥ {BATCH_SPEEDUP_MIN}× faster (ratio = jobs1/jobs2)",
            met=speedup >= BATCH_SPEEDUP_MIN,
        ),
        Row(
            "  … peak RSS per worker, --jobs 2 (VmHWM)",
            worker2,
            unit="MiB",
            target=f"≤ {WORKER_MIB_MAX:g} MiB",
            met=worker2.high <= WORKER_MIB_MAX,
            note=f"{max(r.workers for r in two)} worker processes",
        ),
        Row(
            "  … peak RSS, --jobs 1 (the one process)",
            worker1,
            unit="MiB",
            target=f"≤ {WORKER_MIB_MAX:g} MiB",
            met=worker1.high <= WORKER_MIB_MAX,
        ),
        Row(
            "  … peak RSS of any process in either run (wait4)",
            everything,
            unit="MiB",
            met=None,
        ),
    ]
    if not batch_has_lint(bench):
        rows.append(
            Row(
                "  … --lint: jieba loads per worker",
                None,
                unit="",
                target="1 per worker",
                met=False,
                note="drafting batch has no --lint option",
            )
        )
        return rows
    n = min(bench.lint_records or n, n)
    bench.log(f"  batch {n} --jobs 2 --lint (counting jieba loads)")
    linted = batch_once(bench, 2, "lint", "--lint", data="records-lint.csv", count=n)
    per_process = max(linted.jieba_loads.values(), default=0)
    processes = len(linted.jieba_loads)
    total = sum(linted.jieba_loads.values())
    rows.append(
        Row(
            "  … --lint, --jobs 2: jieba dictionary loads",
            Stats((float(total),)),
            unit="",
            target="1 per worker, not per document",
            met=per_process == 1 and processes <= max(linted.workers, 1),
            note=(
                f"{total} loads in {processes} processes for {n} documents, "
                f"{linted.workers} workers; {linted.seconds:.1f} s"
            ),
        )
    )
    return rows


# --------------------------------------------------------------------------- pathological inputs


def write_limit_inputs(bench: Bench) -> dict[str, int]:
    """The inputs of :func:`limits` (generated only when that group runs); their sizes."""
    data = inputs.long_notice_data()
    bench.path("notice-1mb.json").write_text(inputs.json_text(data), encoding="utf-8")
    inputs.docx_with_styles(bench.path("styles-50k.docx"))
    inputs.docx_with_styles(bench.path("styles-none.docx"), styles=0)
    inputs.docx_with_empty_paragraphs(bench.path("empty-300k.docx"))
    bench.path("newlines.txt").write_text(inputs.newlines(), encoding="utf-8")
    return {
        name: bench.path(name).stat().st_size
        for name in ("notice-1mb.json", "styles-50k.docx", "empty-300k.docx", "newlines.txt")
    }


def validate_seconds(path: Path) -> float:
    """Load a notice data file and validate it against the schema, in this process."""
    import time

    from drafting.drafts.data import load_data
    from drafting.drafts.schema import validate
    from drafting.render import load_template

    schema = load_template("notice").schema
    start = time.perf_counter()
    validate(schema, load_data(path))
    return time.perf_counter() - start


def limits(bench: Bench) -> list[Row]:
    """Issue 14: inputs that were quadratic or ran out of memory. A 1 MB JSON data file
    validates in under 2 s; a .docx with 50,000 styles lints in under 5 s; 10 MB of line
    breaks lint in under 1 GiB; a .docx of 300,000 empty paragraphs lints in seconds."""
    bench.log("  generating the pathological inputs")
    sizes = write_limit_inputs(bench)
    kb = {name: f"{size / 1024:,.0f} KB" for name, size in sizes.items()}
    bench.log("  validate 1 MB JSON")
    json_path = bench.path("notice-1mb.json")
    validation = Stats(tuple(validate_seconds(json_path) for _ in range(bench.runs)))
    rows = [
        Row(
            f"validate notice data, JSON of {kb['notice-1mb.json']} (in-process)",
            validation,
            target=f"< {JSON_VALIDATE_MAX_SECONDS:g} s",
            met=validation.median < JSON_VALIDATE_MAX_SECONDS,
        )
    ]
    bench.log("  lint .docx with 50,000 styles")
    styles, plain = interleaved(
        [
            bench.seconds(_lint(bench, "styles-50k.docx"), ok=(0, 1)),
            bench.seconds(_lint(bench, "styles-none.docx"), ok=(0, 1)),
        ],
        bench.runs,
    )
    rows.append(
        Row(
            f"lint .docx with 50,000 styles ({kb['styles-50k.docx']})",
            styles,
            baseline="same text, its own styles only",
            base=plain,
            ratio=_ratio(styles, plain),
            target=f"< {STYLES_LINT_MAX_SECONDS:g} s",
            met=styles.median < STYLES_LINT_MAX_SECONDS,
        )
    )
    bench.log("  lint .docx of 300,000 empty paragraphs")
    runs = [bench.process(_lint(bench, "empty-300k.docx"), ok=(0, 1)) for _ in range(bench.runs)]
    seconds = Stats(tuple(run.seconds for run in runs))
    rows.append(
        Row(
            f"lint .docx of 300,000 empty paragraphs ({kb['empty-300k.docx']})",
            seconds,
            target=f"< {EMPTY_PARAGRAPHS_MAX_SECONDS:g} s",
            met=seconds.median < EMPTY_PARAGRAPHS_MAX_SECONDS,
            note=f"peak {max(run.max_rss_mib for run in runs):.0f} MiB",
        )
    )
    bench.log("  lint 10 MB of line breaks")
    runs = [bench.process(_lint(bench, "newlines.txt"), ok=(0, 1)) for _ in range(bench.runs)]
    memory = Stats(tuple(run.max_rss_mib for run in runs))
    seconds = Stats(tuple(run.seconds for run in runs))
    rows.append(
        Row(
            f"lint 10 MB of line breaks ({kb['newlines.txt']}): peak RSS",
            memory,
            unit="MiB",
            target=f"< {NEWLINES_MAX_MIB:g} MiB",
            met=memory.high < NEWLINES_MAX_MIB,
            note=f"{seconds.median:.1f} s",
        )
    )
    return rows


# --------------------------------------------------------------------------- evidence


def phase_report(bench: Bench) -> str:
    """Phases and the slowest rules of a lint of the 1 MB prose, all rules and text-only."""
    lines = []
    for label, extra in (("all default rules", []), ("rules with needs=TEXT", ["--text-only"])):
        env = bench.env
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH")])
        )
        argv = [bench.python, "-m", "benchlib.phases", str(bench.path("big.txt")), *extra]
        bench.process(argv, env=env)  # warm: bytecode, disk cache
        data = json.loads(bench.process(argv, env=env, capture=True).stdout)
        phases = data["phases"]
        rules = sorted(data["rules"].items(), key=lambda item: -item[1])
        total = sum(phases.values()) + sum(data["rules"].values())
        lines.append(f"Lint of the 1 MB prose in one process, {label} (genre {data['genre']}):")
        lines += [f"  {name:<40} {seconds:7.3f} s" for name, seconds in phases.items()]
        lines.append(f"  {f'{len(rules)} rules in all':<40} {sum(data['rules'].values()):7.3f} s")
        slowest = ", ".join(f"{code} {seconds:.3f}" for code, seconds in rules[:10])
        lines.append(f"    slowest: {slowest}")
        lines.append(f"  {'total':<40} {total:7.3f} s")
    return "\n".join(lines)
