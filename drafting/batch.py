"""Batch generation: the executor around the one path a record takes (records → drafts → files).

The library behind ``drafting batch``; nothing here prints. :func:`run_batch` loads the
records (:mod:`drafting.drafts.records`, with last year's figures from
:mod:`drafting.drafts.previous`), validates every one before anything is written, names each
output from a field (made safe as a file name), then prepares each valid record into a draft
(:func:`drafting.drafts.prepare.prepare_record`, as ``render`` does) and writes it, in worker
processes with ``jobs > 1``, reporting each record as written, skipped (the file exists and
``force`` is off) or failed. This module adds only the executor: the pool, progress, file names
and the summary.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import re
import signal
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from drafting.atomic import remove_stale_temps
from drafting.drafts.data import DataFile
from drafting.drafts.organ import OrganProfile, find_profile
from drafting.drafts.previous import PreviousFigures, load_previous
from drafting.drafts.records import (
    DEFAULT_NAME_FIELDS,
    Record,
    Unreadable,
    expand_inputs,
    load_records,
    name_of,
)
from drafting.drafts.schema import ValidationError, validate
from drafting.drafts.templating import TemplateInfo, find_template
from drafting.errors import DraftingError, OutputError
from drafting.limits import MAX_FILENAME_BYTES, MAX_FILENAME_CHARS

if TYPE_CHECKING:  # templates and Markdown load in the process that renders, when it does
    from drafting.drafts.prepare import Draft

Status = Literal["written", "skipped", "failed"]
#: What ``batch --lint`` runs on each draft: (draft, output, format, fonts) → the findings as
#: ``render --lint`` prints them (:func:`drafting.compose.review_draft`).
Review = Callable[["Draft", Path, str, "str | None"], str]

#: Every process that renders (this one with ``--jobs 1``, each worker otherwise) collects
#: garbage after this many documents, so that python-docx's reference cycles cannot grow
#: memory through a long batch (2,000 documents grew a process to 186 MiB without it).
COLLECT_EVERY = 50
#: Documents per worker in one pool; a pool is replaced after ``jobs`` times as many.
TASKS_PER_WORKER = 500

_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}
_UNSAFE_CHARS = re.compile(r'[/\\:*?"<>|]')
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- outcomes


@dataclass
class Outcome:
    """What happened to one record."""

    where: str
    status: Status
    path: Path | None = None
    message: str = ""
    review: str = ""
    """With a ``review``: the written document's findings as ``render --lint`` prints them
    (empty when there are none)."""


@dataclass
class BatchResult:
    """Every record's outcome, in batch order, plus notes (e.g. unmatched previous figures)."""

    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def _count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def written(self) -> int:
        return self._count("written")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def exit_code(self) -> int:
        """1 if any record failed, else 0."""
        return 1 if self.failed else 0

    def summary(self) -> str:
        """The closing line: ``共 20 条：写出 18 份，跳过 0 份，失败 2 条``."""
        return (
            f"共 {len(self.outcomes)} 条：写出 {self.written} 份，"
            f"跳过 {self.skipped} 份，失败 {self.failed} 条"
        )


# --------------------------------------------------------------------------- file names


def safe_filename(name: str, fallback: str = "文稿") -> str:
    """``name`` made safe as a file name on Windows, macOS and Linux (without extension).

    Path separators and ``<>:"|?*`` become ``_``; control characters are removed; leading
    dots (``..``) and trailing dots and spaces are stripped; Windows reserved device names
    (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension) get a leading ``_``; the
    result is capped at :data:`~drafting.limits.MAX_FILENAME_CHARS` characters and
    :data:`~drafting.limits.MAX_FILENAME_BYTES` bytes of UTF-8. An empty result gives
    ``fallback``.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(name)))
    dropped = ("Cc", "Cf", "Cs", "Zl", "Zp")  # controls, format marks, lone surrogates, breaks
    text = "".join(ch for ch in text if unicodedata.category(ch) not in dropped)
    text = _UNSAFE_CHARS.sub("_", text).strip()
    text = text.lstrip(".").strip()
    text = text[:MAX_FILENAME_CHARS]
    text = text.encode("utf-8")[:MAX_FILENAME_BYTES].decode("utf-8", "ignore")
    text = text.rstrip(". ")
    if text.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        text = "_" + text
    return text or fallback


def unique_name(stem: str, suffix: str, taken: set[str]) -> str:
    """``stem + suffix``, or ``stem-2 + suffix`` … when the name (case-insensitively) is taken;
    the chosen name is added to ``taken``."""
    candidate = f"{stem}{suffix}"
    counter = 1
    while candidate.casefold() in taken:
        counter += 1
        candidate = f"{stem}-{counter}{suffix}"
    taken.add(candidate.casefold())
    return candidate


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class _Task:
    kind: str
    template_dirs: tuple[str, ...]
    data: DataFile
    where: str
    out: Path
    to: str
    force: bool
    fonts: str | None
    review: Review | None = None
    allow_dirs: tuple[str, ...] = ()
    numbering: Any = None  # drafting.register.stamp.Numbering (``--number``)
    organ: OrganProfile | None = None  # the office's defaults for this record


@cache
def _template(kind: str, template_dirs: tuple[str, ...]) -> TemplateInfo:
    return find_template(kind, template_dirs)


def _render_one(task: _Task) -> Outcome:
    """Render one record and write its file (runs in a worker process when ``jobs > 1``)."""
    from drafting.drafts.prepare import prepare_record
    from drafting.render import write_output

    try:
        info = _template(task.kind, task.template_dirs)
        draft = prepare_record(
            info,
            task.data,
            name=f"{task.where}（{info.id} 模板生成的文稿）",
            base_dir=Path(task.data.source).resolve().parent,
            allowed=tuple(Path(folder) for folder in task.allow_dirs),
            organ=task.organ,
        )
        fonts = task.fonts or draft.fonts
        if task.numbering is not None:
            task.numbering.stamp(draft, task.out)
        review = ""
        if task.review is not None:  # jieba loads once per process (per worker)
            review = task.review(draft, task.out, task.to, fonts)
        write_output(draft, task.out, to=task.to, force=task.force, fonts=fonts)
    except OutputError as exc:
        if task.out.exists() and not task.force:
            return Outcome(task.where, "skipped", task.out, "文件已存在，未覆盖")
        return Outcome(task.where, "failed", task.out, str(exc))
    except DraftingError as exc:
        return Outcome(task.where, "failed", task.out, str(exc))
    except Exception as exc:  # a bug or an input nobody foresaw: report it, keep going
        problem = f"处理时出现意外问题（{type(exc).__name__}: {exc}）；加 --debug 查看详情"
        if os.environ.get("DRAFTING_DEBUG") == "1":
            raise
        return Outcome(task.where, "failed", task.out, problem)
    return Outcome(task.where, "written", task.out, review=review)


def run_batch(
    kind: str,
    inputs: Iterable[str | Path],
    outdir: str | Path,
    *,
    to: str = "docx",
    jobs: int = 1,
    force: bool = False,
    name_field: str | None = None,
    previous: str | Path | None = None,
    template_dirs: Iterable[str | Path] = (),
    fonts: str | None = None,
    review: Review | None = None,
    allow_dirs: Iterable[str | Path] = (),
    on_outcome: Callable[[Outcome], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    numbering: Any = None,
) -> BatchResult:
    """Render every record of ``inputs`` with template ``kind`` into ``outdir``.

    Every record is validated first; invalid ones are reported as failed (with the row or item
    and the field) and the others are still written. ``on_start(n)`` is called with the number
    of documents to render, ``on_outcome`` once per record as it finishes (failed validations
    first). Raises :class:`~drafting.errors.DraftingError` (exit 2) for unusable input: an
    unknown template, a missing or undecodable file, a bad ``--previous`` file, a bad ``outdir``.
    With ``review`` (``batch --lint`` hands in :func:`drafting.compose.review_draft`), each
    document is linted as it is written (``Outcome.review``), as ``render --lint`` does;
    findings never fail a record. It must be a module-level function: workers receive it by
    name. Attachment files and seals are read
    only from each data file's folder or ``allow_dirs``. With ``numbering`` (``--number auto``,
    a :class:`~drafting.register.stamp.Numbering`) each document takes the next 发文字号 from
    the register as it is rendered, confirmed once its file is written.
    """
    from drafting.render import FORMATS

    if to not in FORMATS:
        raise OutputError(f"不支持的输出格式“{to}”；可用：{'、'.join(FORMATS)}")
    dirs = tuple(str(folder) for folder in template_dirs)
    info = find_template(kind, dirs)
    if numbering is not None:
        numbering.check_template(info.schema.fields, info.id)
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputError("输出路径不是文件夹", path=str(outdir))
    name_fields = (name_field,) if name_field else DEFAULT_NAME_FIELDS
    allowed = tuple(str(folder) for folder in allow_dirs)
    figures = load_previous(previous, info, name_fields) if previous is not None else None

    result = BatchResult()
    report = on_outcome or (lambda outcome: None)
    tasks: list[_Task] = []
    taken: set[str] = set()
    unmatched: list[str] = []
    profiles: dict[Path, OrganProfile | None] = {}
    # every limit fails before any record is reported
    items = list(load_records(expand_inputs(inputs), info.schema))
    for item in items:
        if isinstance(item, Unreadable):
            item = Outcome(item.where, "failed", message=item.message)
        elif numbering is not None:
            item = numbering.prepare_record(item)
        if isinstance(item, Outcome):
            result.outcomes.append(item)
            report(item)
            continue
        organ = _profile(item.data.source, profiles)
        outcome, task = _plan(
            item, info, figures, organ, name_fields, outdir, to, force, taken, dirs
        )
        if task is not None and review is not None:
            task = dataclasses.replace(task, review=review)
        if task is not None and allowed:
            task = dataclasses.replace(task, allow_dirs=allowed)
        if task is not None and numbering is not None:
            task = dataclasses.replace(task, numbering=numbering)
        if task is not None and fonts is not None:
            task = dataclasses.replace(task, fonts=fonts)
        if task is not None and (problem := _onto_a_setting(task.out, info, previous)):
            outcome, task = Outcome(item.where, "failed", task.out, problem), None
        if figures is not None and figures.single is None and figures.for_record(item.data) is None:
            unmatched.append(item.where)
        if task is None:
            result.outcomes.append(outcome)
            report(outcome)
            continue
        tasks.append(task)
    if unmatched:
        shown = "、".join(unmatched[:5]) + ("等" if len(unmatched) > 5 else "")
        source = figures.source if figures else ""
        result.notes.append(
            f"上年数据（{source}）中没有对应单位，{len(unmatched)} 条记录未写同比：{shown}"
        )
    if tasks:
        outdir.mkdir(parents=True, exist_ok=True)
    if on_start:
        on_start(len(tasks))
    for outcome in _execute(tasks, jobs):
        result.outcomes.append(outcome)
        report(outcome)
    return result


def _onto_a_setting(out: Path, info: TemplateInfo, previous: str | Path | None) -> str | None:
    """Why ``out`` may not be written: it is the ``--previous`` file or one of the template's
    own files (``--force`` or not); ``None`` when it may."""
    from drafting.atomic import check_not_in_folder, check_not_input
    from drafting.render import ONTO_TEMPLATE

    try:
        check_not_input(out, [previous], "输出文件不能是上年数据文件")
        check_not_in_folder(out, info.folder, ONTO_TEMPLATE)
    except OutputError as exc:
        return str(exc)  # names the output
    return None


def _profile(source: str, profiles: dict[Path, OrganProfile | None]) -> OrganProfile | None:
    """The office's defaults for a record read from ``source``: the profile nearest its
    folder, looked up once per folder (a bad profile raises, exit 2, before anything is
    written)."""
    folder = Path(source).absolute().parent
    if folder not in profiles:
        profiles[folder] = find_profile(folder) if folder.is_dir() else None
    return profiles[folder]


def _plan(
    record: Record,
    info: TemplateInfo,
    figures: PreviousFigures | None,
    organ: OrganProfile | None,
    name_fields: tuple[str, ...],
    outdir: Path,
    to: str,
    force: bool,
    taken: set[str],
    dirs: tuple[str, ...],
) -> tuple[Outcome, _Task | None]:
    """Validate one record and choose its file; a failed or skipped outcome, or a task."""
    data = record.data
    if figures is not None:
        data = figures.merge(data)
    if organ is not None:
        data = organ.fill(data, info.schema)
    try:
        validate(info.schema, data)
    except ValidationError as exc:
        return Outcome(record.where, "failed", message=_problems(exc, record.one_row)), None
    stem = safe_filename(name_of(data.values, name_fields), f"{info.id}-{record.number}")
    out = outdir / unique_name(stem, f".{to}", taken)
    if out.exists() and not force:
        return Outcome(record.where, "skipped", out, "文件已存在，未覆盖（加 --force 覆盖）"), None
    task = _Task(info.id, dirs, data, record.where, out, to, force, None, organ=organ)
    return Outcome(record.where, "written", out), task


def _problems(exc: ValidationError, one_row: bool) -> str:
    """Every problem of a record on one line: ``字段…应为整数；第12行：字段…``."""
    parts = []
    for message, line in exc.problems:
        parts.append(message if one_row or not line else f"第{line}行：{message}")
    return "；".join(parts)


def _leave_ctrl_c_to_the_parent() -> None:
    """Worker start-up: ignore SIGINT. Ctrl-C reaches the whole process group; the parent
    alone handles it (cancels what has not started, lets running documents finish), so a
    worker killed mid-document cannot break the pool into a run of failures and a next chunk."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _cancelling(pool: ProcessPoolExecutor) -> Iterator[ProcessPoolExecutor]:
    """``pool`` as a context; left by an exception (Ctrl-C, or the caller stopping), it cancels
    the documents not yet started instead of rendering the rest of the chunk first."""
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)


_rendered = 0  # documents this process has rendered (see _render_and_collect)


def _render_and_collect(task: _Task) -> Outcome:
    """:func:`_render_one`, collecting garbage after every :data:`COLLECT_EVERY` documents."""
    global _rendered
    outcome = task.numbering.run(task, _render_one) if task.numbering else _render_one(task)
    _rendered += 1
    if _rendered % COLLECT_EVERY == 0:
        gc.collect()
    return outcome


def _execute(tasks: list[_Task], jobs: int) -> Iterator[Outcome]:
    """Run ``tasks`` in this process (``jobs`` 1) or in pools of ``jobs`` worker processes.

    A worker starts once per pool (imports, the document skeleton, jieba for ``--lint``) and
    keeps its memory bounded by collecting garbage as it goes, so a pool serves up to
    :data:`TASKS_PER_WORKER` documents per worker; a new pool serves each such chunk.
    (Chunking rather than ``max_tasks_per_child``, which deadlocks on Python 3.11 once every
    worker has been replaced.) A worker that dies (out of memory, killed) costs only the
    record it held: see :func:`_run_pool`.
    """
    jobs = max(1, min(jobs, len(tasks) or 1, os.cpu_count() or 1))
    if jobs == 1:
        for task in tasks:
            yield _render_and_collect(task)
        return
    chunk = jobs * TASKS_PER_WORKER
    context = multiprocessing.get_context("spawn")  # no fork of a parent holding locks
    for first in range(0, len(tasks), chunk):
        items = list(enumerate(tasks[first : first + chunk], start=first))
        yield from _run_pool(items, jobs, context)


_started: Any = None  # in a worker: the queue on which it says which task it starts


def _start_worker(started: Any) -> None:
    """Worker start-up: Ctrl-C is the parent's, and tasks are announced on ``started``."""
    global _started
    _leave_ctrl_c_to_the_parent()
    _started = started


#: Test hook: a worker whose record's ``where`` ends with this text kills itself (SIGKILL)
#: as it starts the record, as the out-of-memory killer would. Only in worker processes.
KILL_HOOK_ENV = "DRAFTING_TEST_KILL_WORKER_AT"


def _render_in_worker(item: tuple[int, _Task]) -> Outcome:
    """A worker's task: say which one it starts, then render it."""
    index, task = item
    if _started is not None:
        _started.put(index)  # SimpleQueue: written before this returns, even if killed next
    marker = os.environ.get(KILL_HOOK_ENV)
    if marker and task.where.endswith(marker):
        os.kill(os.getpid(), signal.SIGKILL)
    return _render_and_collect(task)


def _run_pool(
    items: list[tuple[int, _Task]], jobs: int, context: Any, attempt: int = 1
) -> Iterator[Outcome]:
    """Run ``items`` in a fresh pool of ``jobs`` workers.

    When a worker dies the pool breaks and every record not finished fails with it. The
    records a worker had started then (at most one per worker) are the suspects; the others
    are run again in a fresh pool. A lone suspect is the record that killed its worker and is
    reported failed; several are each run again alone, so that only the one that dies again
    is reported.
    """
    started = context.SimpleQueue()
    broken: list[tuple[int, _Task]] = []
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(started,)
    )
    with _cancelling(pool):
        futures: dict[Any, tuple[int, _Task]] = {}
        for item in items:
            try:
                futures[pool.submit(_render_in_worker, item)] = item
            except BrokenProcessPool:  # a worker died before this was submitted
                broken.append(item)
        for future in as_completed(futures):
            item = futures[future]
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(item)
            except Exception as exc:  # a task that could not reach its worker
                yield _died(item[1], exc)
    if not broken:
        return
    for _, task in broken:  # the pool's workers are gone: what they were writing is abandoned
        remove_stale_temps(task.out, older_than=0)
    seen: set[int] = set()
    while not started.empty():
        seen.add(started.get())
    broken.sort(key=lambda item: item[0])
    suspects = [item for item in broken if item[0] in seen]
    others = [item for item in broken if item[0] not in seen]
    if len(suspects) == 1 or (not suspects and attempt > 1):
        for _, task in suspects or others:
            yield _killed(task)
        if suspects and others:
            yield from _run_pool(others, jobs, context)
        return
    for suspect in suspects:
        yield from _run_pool([suspect], 1, context)
    if others:
        yield from _run_pool(others, jobs, context, attempt + 1)


def _killed(task: _Task) -> Outcome:
    return Outcome(
        task.where,
        "failed",
        task.out,
        "处理此条时工作进程意外退出（可能内存不足或被系统终止）；其余记录已在新的进程中完成",
    )


def _died(task: _Task, exc: Exception) -> Outcome:
    return Outcome(task.where, "failed", task.out, f"处理时出现意外问题（{exc}）")
