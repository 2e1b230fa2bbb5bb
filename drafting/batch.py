"""Batch generation: many records (data files, a CSV, a YAML list) → one document each.

The library behind ``drafting batch``; nothing here prints. :func:`run_batch` loads the
records, validates every one before anything is written, names each output from a field
(made safe as a file name), then renders the valid ones, in worker processes with ``jobs > 1``,
and reports each record as written, skipped (the file exists and ``force`` is off) or failed.

Inputs (see :func:`load_records`):

* several YAML/JSON/TOML data files, one record each;
* one ``.csv`` file, one record a row (conventions in :mod:`drafting.csvdata`);
* one YAML file whose top level is a list of mappings, one record an item.

``--previous FILE`` (last year's figures for templates with a ``previous`` field) is read by
:func:`load_previous` and merged into each record by :meth:`PreviousFigures.merge`; ``render``
uses the same two calls for one record.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import re
import signal
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from drafting.csvdata import RowData, load_csv
from drafting.drafts.data import (
    SUFFIXES,
    DataFile,
    FieldPath,
    bad_value_error,
    check_nodes,
    check_values,
    load_data,
)
from drafting.drafts.schema import Schema, ValidationError, validate
from drafting.drafts.templating import TemplateInfo, find_template
from drafting.errors import DataError, DraftingError, InputError, OutputError
from drafting.limits import (
    MAX_BATCH_RECORDS,
    MAX_DATA_BYTES,
    MAX_FILENAME_BYTES,
    MAX_FILENAME_CHARS,
    check_data_tree,
    check_size,
)
from drafting.syntax_errors import yaml_problem

Status = Literal["written", "skipped", "failed"]

#: Every process that renders (this one with ``--jobs 1``, each worker otherwise) collects
#: garbage after this many documents, so that python-docx's reference cycles cannot grow
#: memory through a long batch (2,000 documents grew a process to 186 MiB without it).
COLLECT_EVERY = 50
#: Documents per worker in one pool; a pool is replaced after ``jobs`` times as many.
TASKS_PER_WORKER = 500

DEFAULT_NAME_FIELDS = ("unit", "title")

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


# --------------------------------------------------------------------------- records


@dataclass
class Record:
    """One document's data, and where it came from (for messages)."""

    data: DataFile
    where: str
    """``名单.csv 第5行`` / ``units.yaml 第3项`` / ``县委办.yaml``."""
    number: int
    """1-based position in the batch."""
    one_row: bool = False
    """A CSV row: every field is on the row named in ``where``, so messages omit lines."""


@dataclass
class Outcome:
    """What happened to one record."""

    where: str
    status: Status
    path: Path | None = None
    message: str = ""
    review: str = ""
    """With ``lint``: the written document's findings as ``render --lint`` prints them
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


def load_records(
    inputs: Iterable[str | Path], schema: Schema | None = None
) -> Iterator[Record | Outcome]:
    """The records of ``inputs``; a file that cannot be parsed yields a failed :class:`Outcome`.

    A missing, oversized or undecodable input raises (:class:`InputError`/:class:`DataError`,
    exit 2) before anything is written; so does a CSV whose header is unusable. ``schema``
    converts CSV cells to the field types.
    """
    paths = [Path(str(item)) for item in inputs]
    if not paths:
        raise InputError("没有给出数据文件")
    for path in paths:
        if not path.is_file():
            raise InputError(_not_a_file(path), path=str(path))
        suffix = path.suffix.lower()
        if suffix not in (*SUFFIXES, ".csv", ".tsv"):
            raise InputError(
                f"不认识的数据文件扩展名“{path.suffix or '（无）'}”；"
                "请用 .yaml、.json、.toml 或 .csv",
                path=str(path),
            )
        check_size(path, MAX_DATA_BYTES, "数据文件")
    number = 0
    for path in paths:
        for item in _file_records(path, schema):
            number += 1  # failed records count too: the limit is on what a file holds
            if number > MAX_BATCH_RECORDS:
                raise InputError(_too_many(), path=str(path))
            if isinstance(item, Outcome):
                yield item
            else:
                data, where, one_row = item
                yield Record(data, where, number, one_row=one_row)


def _file_records(
    path: Path, schema: Schema | None
) -> Iterator[tuple[DataFile, str, bool] | Outcome]:
    """The records of one input as they are read: ``(data, where, one_row)`` or a failed
    :class:`Outcome`."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        for row in load_csv(path, schema):
            if isinstance(row, DataError):
                yield Outcome(f"{path} 第{row.line}行", "failed", message=row.args[0])
            else:
                yield row, f"{path} 第{row.start_line}行", True
    elif suffix in (".yaml", ".yml") and _is_yaml_list(path):
        for index, parsed in _yaml_list(path):
            if isinstance(parsed, DataError):
                where = f"{path} 第{index}项（第{parsed.line}行）" if parsed.line else ""
                yield Outcome(where or f"{path} 第{index}项", "failed", message=parsed.args[0])
            else:
                yield parsed, f"{path} 第{index}项（第{parsed.start_line}行起）", False
    else:
        try:
            yield load_data(path), str(path), False
        except DataError as exc:
            message = f"第{exc.line}行：{exc.args[0]}" if exc.line else exc.args[0]
            yield Outcome(str(path), "failed", message=message)


def _not_a_file(path: Path) -> str:
    """Why a data file that is not a regular file is refused (it is never opened)."""
    from drafting.inputs import special_kind

    if not path.exists():
        return "找不到数据文件"
    return f"数据文件{special_kind(path.stat().st_mode) or '不是普通文件'}"


def _too_many() -> str:
    return f"记录过多，超过上限 {MAX_BATCH_RECORDS} 条；请拆分后再处理"


def _read_text(path: Path) -> str:
    from drafting.inputs import read_file

    raw = read_file(path, MAX_DATA_BYTES, what="数据文件", error=DataError)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError("数据文件不是 UTF-8 编码；请另存为 UTF-8", path=str(path)) from None


def _compose(path: Path) -> yaml.Node | None:
    try:
        return yaml.compose(_read_text(path), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None  # load_data reports the syntax error with its line


def _is_yaml_list(path: Path) -> bool:
    """Whether a YAML file's top level is a list (a batch of records)."""
    return isinstance(_compose(path), yaml.SequenceNode)


def _yaml_list(path: Path) -> Iterator[tuple[int, RowData | DataError]]:
    """Each item of a top-level YAML list as its own DataFile, with the file's line numbers."""
    node = _compose(path)
    assert isinstance(node, yaml.SequenceNode)
    check_data_tree(node, str(path))
    if len(node.value) > MAX_BATCH_RECORDS:
        raise InputError(_too_many(), path=str(path))
    for index, item in enumerate(node.value, start=1):
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            yield (
                index,
                DataError(
                    "列表中的每一项应为一条记录（若干“字段: 值”）", path=str(path), line=line
                ),
            )
            continue
        lines: dict[FieldPath, int] = {}
        try:
            check_nodes(item, (), lines, {}, str(path), 0, "数据")
            loader = yaml.SafeLoader("")
            values = loader.construct_document(item)
            record = RowData(values=values, source=str(path), lines=lines, start_line=line)
            check_values(record, "数据")
        except DataError as exc:
            yield index, exc
            continue
        except yaml.MarkedYAMLError as exc:  # a tag no safe constructor knows (!foo)
            problem = yaml_problem(exc)
            message = f"数据格式错误：{problem.detail()}"
            yield index, DataError(message, path=str(path), line=problem.line or line)
            continue
        except ValueError as exc:  # a date such as 2026-13-45
            yield index, bad_value_error(item, exc, str(path), 0, "数据")
            continue
        yield index, record


# --------------------------------------------------------------------------- previous figures


@dataclass
class PreviousFigures:
    """Last year's figures from ``--previous FILE``: one set for all, or one per unit."""

    source: str
    single: DataFile | None = None
    by_name: dict[str, DataFile] = field(default_factory=dict)
    name_fields: tuple[str, ...] = DEFAULT_NAME_FIELDS

    def for_record(self, data: DataFile) -> DataFile | None:
        """The figures for ``data``: the single set, or the one whose name matches."""
        if self.single is not None:
            return self.single
        key = _name_value(data.values, self.name_fields)
        return self.by_name.get(key) if key else None

    def merge(self, data: DataFile) -> DataFile:
        """``data`` with ``previous`` filled from last year's figures; the record's own
        ``previous`` values win. Returns ``data`` itself when nothing matches."""
        figures = self.for_record(data)
        if figures is None:
            return data
        own = data.values.get("previous")
        merged = _deep_merge(figures.values, own if isinstance(own, Mapping) else {})
        values = {**data.values, "previous": merged}
        lines = dict(data.lines)
        lines.setdefault(("previous",), data.line_of(()) or 1)
        return DataFile(values, data.source, lines, data.line_offset)


def _deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = _deep_merge(result[key], value)
        elif value is not None:
            result[key] = value
    return result


def load_previous(
    path: str | Path, info: TemplateInfo, name_fields: tuple[str, ...] = DEFAULT_NAME_FIELDS
) -> PreviousFigures:
    """Read last year's figures for ``info``'s ``previous`` field.

    ``path`` is a YAML/JSON/TOML mapping (the figures themselves, or last year's whole data
    file, whose ``stats`` are then used) or a CSV / YAML list with one row per unit, matched to
    this year's records by the name field. Figures are validated against the template's
    ``previous`` field; any problem raises (exit 2) before anything is written.
    """
    spec = info.schema.fields.get("previous")
    if spec is None or spec.type != "mapping":
        raise DataError(
            f"模板“{info.id}”没有上年数据字段（previous），不能使用 --previous", path=str(path)
        )
    figures_schema = Schema(id="previous", name="上年数据", fields=spec.fields)
    reading_schema = Schema(
        id=info.id, name=info.name, fields={**info.schema.fields, **spec.fields}
    )
    previous = PreviousFigures(source=str(path), name_fields=name_fields)
    records = list(load_records([path], reading_schema))
    path = Path(path)
    is_batch = path.suffix.lower() in (".csv", ".tsv") or (
        path.suffix.lower() in (".yaml", ".yml") and _is_yaml_list(path)
    )
    for record in records:
        if isinstance(record, Outcome):
            raise DataError(f"上年数据文件有误：{record.message}", path=record.where)
        figures = _figures_of(record.data, figures_schema)
        validate(figures_schema, figures)
        if not is_batch:
            previous.single = figures
            break
        key = _name_value(record.data.values, name_fields)
        if not key:
            raise DataError(
                f"上年数据中有记录缺少单位名称（{'/'.join(name_fields)}），无法与今年的记录对应",
                path=str(path),
                line=record.data.line_of(()),
            )
        previous.by_name[key] = figures
    return previous


def apply_previous(
    info: TemplateInfo,
    data: DataFile,
    previous: str | Path,
    name_fields: tuple[str, ...] = DEFAULT_NAME_FIELDS,
) -> DataFile:
    """``data`` with last year's figures from ``previous`` merged in: the call ``render
    --previous FILE`` makes for its one record (see :func:`load_previous`)."""
    return load_previous(previous, info, name_fields).merge(data)


def _figures_of(data: DataFile, figures_schema: Schema) -> DataFile:
    """The figures part of a previous-year record: its ``stats`` block if any, else the keys
    that are figures (names and other fields of a whole data file are dropped)."""
    if isinstance(data.values.get("stats"), Mapping):
        prefix: FieldPath = ("stats",)
        values = dict(data.values["stats"])
    else:
        prefix = ()
        values = {k: v for k, v in data.values.items() if k in figures_schema.fields}
    depth = len(prefix)
    lines = {key[depth:]: line for key, line in data.lines.items() if key[:depth] == prefix}
    lines.setdefault((), data.line_of(prefix) or 1)
    return DataFile(values, data.source, lines, 0)


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


def _name_value(values: Mapping[str, Any], fields: Iterable[str]) -> str:
    for name in fields:
        value: Any = values
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


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
    lint: bool = False
    allow_dirs: tuple[str, ...] = ()
    numbering: Any = None  # drafting.register.stamp.Numbering (``--number``)


@cache
def _template(kind: str, template_dirs: tuple[str, ...]) -> TemplateInfo:
    return find_template(kind, template_dirs)


def _render_one(task: _Task) -> Outcome:
    """Render one record and write its file (runs in a worker process when ``jobs > 1``)."""
    from drafting.render import Draft, parse_draft, render_markdown, write_output

    try:
        info = _template(task.kind, task.template_dirs)
        markdown = render_markdown(info, task.data)
        base_dir = Path(task.data.source).resolve().parent
        document = parse_draft(
            markdown,
            path=f"{task.where}（{info.id} 模板生成的文稿）",
            defaults={"kind": info.id, "layout": info.layout},
            base_dir=base_dir,
            allowed=tuple(Path(folder) for folder in task.allow_dirs),
        )
        draft = Draft(markdown, document, task.data.source, base_dir)
        if task.numbering is not None:
            task.numbering.stamp(draft, task.out)
        review = ""
        if task.lint:  # jieba loads once per process (per worker), for its first document
            from drafting.review.render_lint import lint_draft, lint_report

            review = lint_report(
                lint_draft(draft, task.out, to=task.to, fonts=task.fonts), switch=""
            )
        write_output(draft, task.out, to=task.to, force=task.force, fonts=task.fonts)
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
    lint: bool = False,
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
    With ``lint``, each document is linted as it is written (``Outcome.review``), as
    ``render --lint`` does; findings never fail a record. Attachment files and seals are read
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
    items = list(load_records(_expand(inputs), info.schema))  # limits fail before any report
    for item in items:
        if numbering is not None and isinstance(item, Record):
            item = numbering.prepare_record(item)
        if isinstance(item, Outcome):
            result.outcomes.append(item)
            report(item)
            continue
        outcome, task = _plan(item, info, figures, name_fields, outdir, to, force, taken, dirs)
        if task is not None and lint:
            task = dataclasses.replace(task, lint=True)
        if task is not None and allowed:
            task = dataclasses.replace(task, allow_dirs=allowed)
        if task is not None and numbering is not None:
            task = dataclasses.replace(task, numbering=numbering)
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


def _expand(inputs: Iterable[str | Path]) -> list[Path]:
    """Input paths; a folder stands for its data files (sorted)."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(str(item))
        if path.is_dir():
            paths += sorted(
                child
                for child in path.iterdir()
                if child.is_file() and child.suffix.lower() in (*SUFFIXES, ".csv")
            )
        else:
            paths.append(path)
    return paths


def _plan(
    record: Record,
    info: TemplateInfo,
    figures: PreviousFigures | None,
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
    try:
        validate(info.schema, data)
    except ValidationError as exc:
        return Outcome(record.where, "failed", message=_problems(exc, record.one_row)), None
    stem = safe_filename(_name_value(data.values, name_fields), f"{info.id}-{record.number}")
    out = outdir / unique_name(stem, f".{to}", taken)
    if out.exists() and not force:
        return Outcome(record.where, "skipped", out, "文件已存在，未覆盖（加 --force 覆盖）"), None
    task = _Task(info.id, dirs, data, record.where, out, to, force, None)
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
    :data:`TASKS_PER_WORKER` documents per worker. A new pool for each such chunk bounds what
    a worker that dies (out of memory, killed) takes with it: the rest of its chunk. (Chunking
    rather than ``max_tasks_per_child``, which deadlocks on Python 3.11 once every worker has
    been replaced.)
    """
    jobs = max(1, min(jobs, len(tasks) or 1, os.cpu_count() or 1))
    if jobs == 1:
        for task in tasks:
            yield _render_and_collect(task)
        return
    chunk = jobs * TASKS_PER_WORKER
    context = multiprocessing.get_context("spawn")  # no fork of a parent holding locks
    for first in range(0, len(tasks), chunk):
        pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_leave_ctrl_c_to_the_parent
        )
        with _cancelling(pool):
            futures: dict[Any, _Task] = {}
            for task in tasks[first : first + chunk]:
                try:
                    futures[pool.submit(_render_and_collect, task)] = task
                except BrokenProcessPool as exc:  # a worker died before this was submitted
                    yield _died(task, exc)
            for future in as_completed(futures):
                task = futures[future]
                try:
                    yield future.result()
                except Exception as exc:  # a worker that died (out of memory, killed)
                    yield _died(task, exc)


def _died(task: _Task, exc: Exception) -> Outcome:
    return Outcome(task.where, "failed", task.out, f"处理时出现意外问题（{exc}）")
