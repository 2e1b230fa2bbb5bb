"""The one door from the web server into the library: every call ``drafting serve`` makes.

The pages and the API call only the functions here, so that when modules move (issue 15: the
rule vocabulary, the sources, record loading, the linter factory) only this file's imports
change. Nothing here knows HTTP: functions take ids, values and bytes, return values and bytes,
and raise :mod:`drafting.errors` exceptions with their Chinese message.

Three groups:

* drafting: the templates and their schemas, values from a form or an uploaded data file, a
  draft rendered to .docx / PDF / Markdown / text, the paragraphs of a .docx for the HTML
  preview, a batch of records to a zip;
* reviewing (run in the lint worker processes): lint bytes to a result, the safe fixes, an
  annotated copy of a .docx; the JSON and HTML reports of results;
* the rule catalogue: the list and one rule's page.

No function accepts a server path from a request: templates are found by id or Chinese name
among the search path's templates; uploads arrive as bytes and are written, when a library call
needs a file, to a private temporary folder under a fixed name.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import re
import signal
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from drafting.atomic import write_bytes
from drafting.errors import DataError, DraftingError, InputError, OutputError, TemplateError
from drafting.limits import MAX_DATA_BYTES, MAX_DOCX_BYTES, MAX_TEXT_BYTES, too_large
from drafting.terminal import visible

#: The suffixes of data files the draft page loads into its form.
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".csv", ".tsv")
#: The suffixes the reviewer uploads.
REVIEW_SUFFIXES = (".txt", ".md", ".markdown", ".docx")
#: Output formats of a rendering.
RENDER_FORMATS = ("docx", "pdf", "md", "txt")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "zip": "application/zip",
}


class NotFound(DraftingError):
    """An id (template, rule) that is not in the list: a 404."""


class Unavailable(DraftingError):
    """Something this machine cannot do (PDF without LibreOffice): a 501."""


class TooBig(InputError):
    """An upload past its limit from :mod:`drafting.limits`: a 413."""


class UnsupportedType(InputError):
    """A request body of a type the route does not take: a 415."""


def display_name(name: str) -> str:
    """An upload's or a request's name as messages show it: its last part, made visible."""
    return visible(Path(name).name or name)[:200] or "<text>"


# --------------------------------------------------------------------------- templates


def list_templates(template_dirs: Sequence[str] = ()) -> list[Any]:
    """Every template on the search path (``--template-dir`` folders first), sorted by id."""
    from drafting.drafts.templating import available_templates

    return available_templates(template_dirs)


def get_template(name: str, template_dirs: Sequence[str] = ()) -> Any:
    """The template whose id or Chinese name is ``name``; :class:`NotFound` otherwise. Only
    names on the search path match: never a path."""
    from drafting.drafts.templating import find_template

    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise NotFound("请给出模板的 id 或中文名称")
    try:
        return find_template(name, template_dirs)
    except TemplateError as exc:
        if str(exc.args[0]).startswith("没有名为"):
            raise NotFound(str(exc.args[0])) from None
        raise


def template_summary(info: Any) -> dict[str, Any]:
    """A template as the API lists it."""
    schema = info.schema
    return {
        "id": info.id,
        "name": schema.name,
        "aliases": list(schema.aliases),
        "description": schema.description,
        "layout": schema.layout,
    }


def jsonable(value: Any) -> Any:
    """``value`` with dates as ``2026-11-20`` and tuples as lists (what JSON can carry)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [jsonable(item) for item in items]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def field_description(spec: Any) -> dict[str, Any]:
    """One schema field as JSON: type, label, required, help, example, choices, default, min,
    and ``items`` (lists) or ``fields`` (mappings)."""
    out: dict[str, Any] = {"type": spec.type, "label": spec.label, "required": spec.required}
    if spec.help:
        out["help"] = spec.help
    for key in ("example", "choices", "default", "min"):
        value = getattr(spec, key)
        if value is not None:
            out[key] = jsonable(value)
    if spec.items is not None:
        out["items"] = field_description(spec.items)
    if spec.fields:
        out["fields"] = {name: field_description(sub) for name, sub in spec.fields.items()}
    return out


def schema_description(info: Any) -> dict[str, Any]:
    """A template's schema as JSON (``GET /api/templates/{id}/schema``)."""
    fields = {name: field_description(spec) for name, spec in info.schema.fields.items()}
    return {**template_summary(info), "fields": fields}


def load_profile(path: str) -> dict[str, Any]:
    """The organ profile (``--profile``): a YAML/JSON/TOML mapping of field values."""
    from drafting.drafts.data import load_data

    return load_data(path).values


def office_defaults(folder: Path) -> dict[str, Any]:
    """The office's own defaults (``[organ]`` in ``drafting.toml`` or ``[tool.drafting.organ]``
    in ``pyproject.toml``, found upward from ``folder`` as ``render`` finds them), as form
    values; empty when there is none."""
    from drafting.drafts.organ import find_profile

    profile = find_profile(folder)
    if profile is None:
        return {}
    return {key: value for key, value in profile.values.items() if key != "fonts"}


def sample_values(info: Any) -> dict[str, Any]:
    """The values of the template's ``sample.yaml``."""
    from drafting.drafts.data import parse_yaml

    return parse_yaml(info.sample_text(), source=f"{info.id}/sample.yaml").values


def _renamed(exc: DraftingError, name: str) -> DraftingError:
    """``exc`` again, naming the upload ``name`` instead of the temporary file it was read
    from (no server path in a message)."""
    renamed = type(exc).__new__(type(exc))
    DraftingError.__init__(renamed, str(exc.args[0]), path=name, line=exc.line)
    return renamed


def load_values(info: Any, filename: str, data: bytes) -> tuple[dict[str, Any], str]:
    """The values of an uploaded data file (YAML, JSON, TOML, or the first record of a CSV) and
    a note for the page (empty, or how many CSV records were left out)."""
    from drafting.drafts.data import decode, parse_json, parse_toml, parse_yaml

    name = visible(Path(filename or "数据").name)
    suffix = Path(name).suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise DataError(
            f"不认识的数据文件扩展名“{suffix or '（无）'}”；请用 .yaml、.json、.toml 或 .csv",
            path=name,
        )
    if len(data) > MAX_DATA_BYTES:
        raise TooBig(too_large("数据文件", MAX_DATA_BYTES, len(data)), path=name)
    if suffix in (".csv", ".tsv"):
        return _first_csv_record(info, name, suffix, data)
    text = decode(data, name)
    parser = {".json": parse_json, ".toml": parse_toml}.get(suffix, parse_yaml)
    return parser(text, source=name).values, ""


def _first_csv_record(info: Any, name: str, suffix: str, data: bytes) -> tuple[dict[str, Any], str]:
    from drafting.drafts.records import load_csv

    with tempfile.TemporaryDirectory(prefix="drafting-serve-") as tmp:
        path = Path(tmp) / f"数据{suffix}"
        write_bytes(path, data)
        try:
            rows = load_csv(path, info.schema)
            first = next(rows, None)
            more = next(rows, None) is not None
        except DraftingError as exc:
            raise _renamed(exc, name) from None
    if first is None:
        raise DataError("CSV 文件中没有记录（除表头外都是空行）", path=name)
    if isinstance(first, DraftingError):
        raise _renamed(first, name)
    note = "CSV 中有多条记录，已载入第一条（其余请用“批量”页面）" if more else ""
    return first.values, note


def data_file(
    values: Mapping[str, Any], source: str, lines: Mapping[Any, int] | None = None
) -> Any:
    """``values`` (from a form or a request) as the library's data file, checked as a loaded
    file is: size and depth of the tree, numbers a document can hold, no control characters."""
    from drafting.drafts.data import DataFile, check_shape, check_values

    check_shape(values, source)
    data = DataFile(dict(values), source, dict(lines or {}))
    check_values(data)
    return data


def request_body(text: str, source: str) -> dict[str, Any]:
    """A JSON request body (an object) whose strings are taken as they are (text to lint may
    hold any character); syntax errors said in Chinese with the line."""
    import json

    from drafting.syntax_errors import json_problem

    try:
        values = json.loads(text)
    except RecursionError:
        raise DataError("请求体嵌套过深", path=source) from None
    except json.JSONDecodeError as exc:
        problem = json_problem(exc)
        raise DataError(
            f"请求体不是有效的 JSON：{problem.detail()}", path=source, line=problem.line
        ) from None
    if not isinstance(values, dict):
        raise DataError("请求体应为 JSON 对象 {…}", path=source, line=1)
    return values


def request_data(text: str, source: str) -> tuple[dict[str, Any], Any]:
    """A JSON request body parsed as a data file (duplicate keys, depth, numbers and control
    characters refused with the line): its top-level values, and its ``data`` member as a data
    file whose lines are those of the body."""
    from drafting.drafts.data import DataFile, parse_json

    body = parse_json(text, source=source)
    data = body.values.get("data")
    if not isinstance(data, dict):
        raise DataError("请求中应有“data”对象：模板各字段的值", path=source)
    lines = {path[1:]: line for path, line in body.lines.items() if path[:1] == ("data",)}
    return body.values, DataFile(data, source, lines)


def validate(info: Any, data: Any) -> dict[str, Any]:
    """Validate ``data`` against the template's schema (raises ``ValidationError``, whose
    ``problems`` lists every message)."""
    from drafting.drafts.schema import validate as check

    return check(info.schema, data)


def problems(exc: DraftingError) -> list[tuple[str, int | None]]:
    """Every (message, line) of a validation error; one for any other error."""
    found = getattr(exc, "problems", None)
    if found:
        return list(found)
    return [(str(exc.args[0]), exc.line)]


@dataclass
class Rendered:
    """A rendered draft: the template id, the document model's title, and the draft itself."""

    template: str
    title: str
    draft: Any

    def output(self, to: str, fonts: str | None = None) -> bytes:
        """The draft as ``to`` (docx, pdf, md or txt)."""
        from drafting.render import docx_bytes, plain_text

        if to == "docx":
            return docx_bytes(self.draft, fonts)
        if to == "pdf":
            return pdf_bytes(docx_bytes(self.draft, fonts))
        if to == "md":
            return self.draft.markdown.encode("utf-8")
        if to == "txt":
            return plain_text(self.draft.document).encode("utf-8")
        raise OutputError(f"不支持的输出格式“{to}”；可用：{'、'.join(RENDER_FORMATS)}")


def render(info: Any, data: Any, *, base_dir: Path) -> Rendered:
    """Validate ``data``, render the template and parse the draft, writing nothing.

    ``base_dir`` is where attachment files and seals would be read from: the server passes an
    empty private folder, so a request can make the draft read no file at all.
    """
    from drafting.render import Draft, parse_draft, render_markdown

    markdown = render_markdown(info, data)
    document = parse_draft(
        markdown,
        path=f"{info.id} 模板生成的文稿",
        defaults={"kind": info.id, "layout": info.layout},
        base_dir=base_dir,
        allowed=(),
    )
    draft = Draft(markdown, document, data.source, base_dir, info.id)
    return Rendered(info.id, document.title or info.name, draft)


def has_soffice() -> bool:
    """Whether LibreOffice is installed (PDF and PNG previews need it)."""
    from drafting.office_convert import soffice_path

    return soffice_path() is not None


def pdf_bytes(docx: bytes) -> bytes:
    """The PDF of a .docx, converted by LibreOffice; :class:`Unavailable` without it."""
    from drafting.render import pdf_bytes as render_pdf

    if not has_soffice():
        raise Unavailable("生成 PDF 需要 LibreOffice，但服务器上未安装（找不到 soffice）")
    return render_pdf(docx)


def layout_numbers() -> dict[str, float]:
    """The page and grid of the standard layout, for the HTML preview."""
    from drafting.layout.profile import LayoutProfile

    p = LayoutProfile()
    return {
        "page_width_mm": p.page_width_mm,
        "page_height_mm": p.page_height_mm,
        "top_mm": p.margin_top_mm,
        "left_mm": p.margin_left_mm,
        "bottom_mm": p.margin_bottom_mm,
        "right_mm": p.margin_right_mm,
        "lines": p.lines_per_page,
        "chars": p.chars_per_line,
        "pitch_pt": p.line_pitch_twips / 20,
        "char_spacing_pt": p.char_spacing_twips / 20,
        "body_pt": p.body_size_pt,
        "page_number_drop_mm": p.page_number_drop_mm,
        "red": p.red,
        "mark_line_factor": p.mark_line_factor,
        "title_pt": p.title_size_pt,
    }


@dataclass(frozen=True)
class PreviewParagraph:
    """One paragraph of a built .docx as the HTML preview lays it out (sizes in points)."""

    text: str
    style: str
    size_pt: float
    face: str
    align: str
    red: bool = False
    bold: bool = False
    grid: bool = True
    first_line_chars: float = 0
    left_pt: float = 0
    right_pt: float = 0
    before_pt: float = 0
    page_break: bool = False
    rule_below: bool = False
    rule_above: bool = False
    colophon: bool = False
    table_row: tuple[str, ...] = ()


def docx_paragraphs(docx: bytes) -> list[PreviewParagraph]:
    """The body of a .docx built by the layout, paragraph by paragraph (table rows as cells),
    with each paragraph's style values: what the HTML preview needs to place it on the grid."""
    import docx as python_docx
    from docx.oxml.ns import qn

    from drafting.layout.profile import LayoutProfile
    from drafting.layout.styles import SPEC_BY_NAME, StyleSpec

    profile = LayoutProfile()
    document = python_docx.Document(io.BytesIO(docx))
    body = document.element.body
    out: list[PreviewParagraph] = []

    def twips(element: Any, attr: str) -> float:
        value = element.get(qn(attr)) if element is not None else None
        try:
            return int(value) / 20 if value is not None else 0.0
        except ValueError:
            return 0.0

    def floated_at_bottom(table: Any) -> bool:  # the 版记 (drafting.layout.colophon)
        spec = table.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}")
        return spec is not None and spec.get(qn("w:tblpYSpec")) == "bottom"

    def ruled(table: Any, side: str) -> bool:
        line = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}/{qn(side)}")
        return line is not None and line.get(qn("w:val")) not in (None, "nil", "none")

    # (element, the 版记's table when it is one of its rows' paragraphs)
    children: list[tuple[Any, Any]] = []
    for child in body.iterchildren():
        if child.tag == qn("w:tbl") and floated_at_bottom(child):
            children.extend((p, child) for p in child.iter(qn("w:p")))
        else:
            children.append((child, None))
    for index, (child, colophon) in enumerate(children):
        if child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = tuple(
                    "".join(t.text or "" for t in cell.iter(qn("w:t")))
                    for cell in row.iter(qn("w:tc"))
                )
                out.append(
                    PreviewParagraph(
                        "", "表格文字", profile.table_size_pt, "fangsong", "left", table_row=cells
                    )
                )
            continue
        if child.tag != qn("w:p"):
            continue
        ppr = child.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style_el.get(qn("w:val")) if style_el is not None else ""
        style = document.styles.element.get_by_id(style_id) if style_id else None
        name = style.name_val if style is not None else "正文"
        spec = SPEC_BY_NAME.get(name) or StyleSpec(name)
        text = "".join(
            (t.text or "") if t.tag == qn("w:t") else "\t"
            for t in child.iter(qn("w:t"), qn("w:tab"))
        )
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        spacing = ppr.find(qn("w:spacing")) if ppr is not None else None
        indent = ppr.find(qn("w:ind")) if ppr is not None else None
        border = ppr.find(qn("w:pBdr")) if ppr is not None else None
        breaks = [b for b in child.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
        size = float(getattr(profile, spec.size))
        sizes = [s.get(qn("w:val")) for s in child.iter(qn("w:sz"))]
        if sizes and sizes[0] and sizes[0].isdigit():
            size = int(sizes[0]) / 2
        out.append(
            PreviewParagraph(
                text=text,
                style=name,
                size_pt=size,
                face=spec.face,
                align=(jc.get(qn("w:val")) if jc is not None else spec.jc) or "both",
                red=spec.red
                or any(
                    (c.get(qn("w:val")) or "").upper() == profile.red.upper()
                    for c in child.iter(qn("w:color"))
                ),
                bold=spec.bold,
                grid=spec.grid,
                first_line_chars=spec.first_line_chars,
                left_pt=twips(indent, "w:left"),
                right_pt=twips(indent, "w:right"),
                before_pt=twips(spacing, "w:before"),
                page_break=bool(breaks)
                or (ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None),
                rule_below=border is not None and border.find(qn("w:bottom")) is not None,
                rule_above=border is not None and border.find(qn("w:top")) is not None,
                colophon=ppr is not None and ppr.find(qn("w:framePr")) is not None,
            )
        )
        if colophon is not None:  # a row of the 版记's table: its borders are the 版记 lines
            first = index == 0 or children[index - 1][1] is not colophon
            last = index + 1 == len(children) or children[index + 1][1] is not colophon
            above = ruled(colophon, "w:top" if first else "w:insideH")
            below = last and ruled(colophon, "w:bottom")
            out[-1] = replace(out[-1], colophon=True, rule_above=above, rule_below=below)
    return out


# --------------------------------------------------------------------------- batch


@dataclass
class BatchRow:
    """One record of a batch: where it was (``第5行``), its status in Chinese, file, message."""

    where: str
    status: str
    file: str
    message: str


@dataclass
class BatchReport:
    """What a batch made: the rows, the notes, the summary line and the zip's file name."""

    rows: list[BatchRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""
    written: int = 0
    failed: int = 0


_STATUS = {"written": "已生成", "skipped": "跳过", "failed": "失败"}


def run_batch_zip(
    template: str,
    records: tuple[str, bytes],
    previous: tuple[str, bytes] | None,
    zip_path: Path,
    *,
    template_dirs: Sequence[str] = (),
) -> BatchReport:
    """Render every record of an uploaded CSV (or YAML list, JSON/TOML file) with ``template``
    into a zip written to ``zip_path``: one .docx per good record, and ``报告.csv`` (one row per
    record: where, status, file, message). Uploads are written to a private temporary folder
    under fixed names; messages name them by their upload names."""
    from drafting.batch import run_batch

    info = get_template(template, template_dirs)
    with tempfile.TemporaryDirectory(prefix="drafting-serve-batch-") as tmp:
        folder = Path(tmp)
        shown: dict[str, str] = {}
        inputs = _saved(folder, "数据", records, shown, MAX_DATA_BYTES)
        before = _saved(folder, "上年数据", previous, shown, MAX_DATA_BYTES) if previous else None
        outdir = folder / "out"
        try:
            result = run_batch(
                info.id,
                [inputs],
                outdir,
                to="docx",
                jobs=1,
                previous=before,
                template_dirs=template_dirs,
            )
        except DraftingError as exc:
            raise _renamed(exc, shown.get(str(exc.path), "")) if exc.path else exc from None
        report = BatchReport(notes=[_unpathed(note, shown) for note in result.notes])
        for outcome in result.outcomes:
            name = outcome.path.name if outcome.path is not None else ""
            report.rows.append(
                BatchRow(
                    _unpathed(outcome.where, shown),
                    _STATUS[outcome.status],
                    name if outcome.status == "written" else "",
                    _unpathed(outcome.message, shown),
                )
            )
        report.rows.sort(key=_position)
        report.written, report.failed = result.written, result.failed
        report.summary = result.summary()
        _write_zip(zip_path, outdir, report)
    return report


def _position(row: BatchRow) -> int:
    """The row (``第5行``) or item (``第3项``) a batch record came from, for the report's order."""
    found = re.search(r"第(\d+)[行项]", row.where)
    return int(found.group(1)) if found else 0


def _saved(
    folder: Path, stem: str, upload: tuple[str, bytes], shown: dict[str, str], limit: int
) -> Path:
    """Write an upload to ``folder`` as ``stem`` plus its (checked) suffix; remember its name."""
    filename, data = upload
    name = visible(Path(filename or stem).name)
    suffix = Path(name).suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise DataError(
            f"不认识的数据文件扩展名“{suffix or '（无）'}”；请用 .csv、.yaml、.json 或 .toml",
            path=name,
        )
    if len(data) > limit:
        raise TooBig(too_large("数据文件", limit, len(data)), path=name)
    path = folder / f"{stem}{suffix}"
    write_bytes(path, data)
    shown[str(path)] = name
    return path


def _unpathed(text: str, shown: Mapping[str, str]) -> str:
    for path, name in shown.items():
        text = text.replace(path, name)
    return text


def _write_zip(zip_path: Path, outdir: Path, report: BatchReport) -> None:
    """The documents of ``outdir`` and ``报告.csv`` (UTF-8 with BOM, for Excel) as a zip."""
    import csv

    from drafting.docx_zip import zip_info

    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["位置", "结果", "文件", "说明"])
    for row in report.rows:
        writer.writerow([row.where, row.status, row.file, row.message])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for row in report.rows:
            if row.file:
                archive.writestr(zip_info(row.file), (outdir / row.file).read_bytes())
        archive.writestr(zip_info("报告.csv"), ("\ufeff" + table.getvalue()).encode("utf-8"))
    write_bytes(zip_path, buffer.getvalue())


# --------------------------------------------------------------------------- reviewing


@dataclass(frozen=True)
class LintOptions:
    """How to lint: the genre (``auto`` or a profile), rule selections and the config file."""

    genre: str = "auto"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    config: str | None = None


@dataclass
class Reviewed:
    """One linted input: the result (or the error that kept it from being read), and what
    ``auto`` chose and why (also when another genre was asked for)."""

    result: Any
    auto: str = ""


def genres() -> list[tuple[str, str]]:
    """``(id, Chinese description)`` of every genre the linter knows, ``auto`` first."""
    from drafting.lint.profiles import DESCRIPTIONS, GENRES

    return [(g, DESCRIPTIONS.get(g, "按标题自动判断")) for g in GENRES]


def check_review_upload(filename: str, data: bytes) -> str:
    """The upload's display name, once its type and size are acceptable."""
    name = visible(Path(filename or "文稿.txt").name)
    suffix = Path(name).suffix.lower()
    if suffix not in REVIEW_SUFFIXES:
        raise InputError(
            f"不支持的文件类型“{suffix or '（无）'}”；只能审校 .txt、.md、.docx", path=name
        )
    limit, what = (
        (MAX_DOCX_BYTES, ".docx 文件") if suffix == ".docx" else (MAX_TEXT_BYTES, "文本文件")
    )
    if len(data) > limit:
        raise TooBig(too_large(what, limit, len(data)), path=name)
    return name


def lint_options(
    genre: Any = "auto",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: str | None = None,
) -> LintOptions:
    """Options from a request, checked here (an unknown genre or rule code is a 400 before any
    worker is asked)."""
    from drafting.lint.config import expand_codes
    from drafting.lint.profiles import GENRES

    genre = genre or "auto"
    if not isinstance(genre, str) or genre not in GENRES:
        shown = visible(str(genre))[:40]
        raise DataError(f"未知的文体“{shown}”；可用：{'、'.join(GENRES)}")
    codes: dict[str, tuple[str, ...] | None] = {}
    for key, given in (("select", select), ("ignore", ignore)):
        if given is None:
            codes[key] = None
            continue
        items = [given] if isinstance(given, str) else list(given)
        if not all(isinstance(item, str) for item in items):
            raise DataError(f"“{key}”应为规则代码（文字）的列表")
        parts = [part.strip() for item in items for part in item.split(",") if part.strip()]
        codes[key] = tuple(expand_codes(parts, key=key)) if parts else None
    return LintOptions(genre, codes["select"], codes["ignore"], config)


def check_config(path: str) -> None:
    """Load the lint config file once at start-up (a bad one stops the server with its line)."""
    _config(path)


def safe_name(title: str, fallback: str = "文稿") -> str:
    """A file name (without extension) made from a document's title."""
    from drafting.batch import safe_filename

    return safe_filename(title, fallback)


def decode_text(name: str, data: bytes) -> str:
    """An uploaded text file's text, decoded as the linter decodes files (BOM, UTF-8, GB18030,
    UTF-16)."""
    from drafting.sources.text import decode

    return decode(data, name)


@cache
def _config(path: str | None) -> Any:
    from drafting.lint.config import LintConfig, load_config

    return load_config(Path(path)) if path else LintConfig()


def _linter(options: LintOptions) -> Callable[[str, bytes], Any]:
    from drafting.review.fix import make_linter

    return make_linter(
        "<serve>",
        genre=options.genre,
        select=options.select,
        ignore=options.ignore,
        config=_config(options.config),
    )


def warm_worker() -> None:
    """A lint worker's start: leave Ctrl-C to the server, load jieba and its part-of-speech
    tables, compile what a first lint compiles, so the first request is as fast as the rest."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from drafting.lint.api import lint_text

    lint_text("关于做好年度工作总结的通知\n各单位：\n请于11月5日前报送材料。\n")
    lint_text("让城市更有温度\n我们认为，关键在于尊重每一位劳动者。\n", genre="commentary")


_jobs = 0


def _collected(result: Any) -> Any:
    """``result``, collecting garbage every 50 jobs (python-docx's reference cycles)."""
    global _jobs
    _jobs += 1
    if _jobs % 50 == 0:
        gc.collect()
    return result


def lint_job(name: str, data: bytes, options: LintOptions) -> Reviewed:
    """Lint the bytes of an input named ``name`` (its suffix says .txt, .md or .docx)."""
    from drafting.lint.api import file_problem
    from drafting.lint.engine import FileError
    from drafting.lint.profiles import choose_genre
    from drafting.sources import read_source

    try:
        result = _linter(options)(name, data)
    except (DataError, InputError, TemplateError) as exc:
        return Reviewed(FileError(name, file_problem(exc)))
    except RecursionError:
        return Reviewed(FileError(name, "结构嵌套过深，无法解析；请检查文件内容"))
    auto = result.choice
    if options.genre != "auto":
        auto = choose_genre(read_source(name, data).doc, "auto")
    return _collected(Reviewed(result, auto.describe()))


@dataclass
class Fixed:
    """The safe fixes applied to a text: the text after, each change, what was left, and the
    lint of the fixed text."""

    text: str
    changes: list[str]
    skipped: list[str]
    reviewed: Reviewed


def fix_job(name: str, data: bytes, options: LintOptions) -> Fixed:
    """Apply the safe fixes to a .txt/.md text in memory (no file is written)."""
    from drafting.review.fix import fix_data

    fixed = fix_data(name, data, _linter(options))
    changes = [change.describe(name).split(": ", 1)[-1] for change in fixed.changes]
    skipped = [item.describe().split(": ", 1)[-1] for item in fixed.skipped]
    reviewed = lint_job(name, fixed.after.encode("utf-8"), options)
    return _collected(Fixed(fixed.after, changes, skipped, reviewed))


def annotate_job(name: str, data: bytes, options: LintOptions) -> tuple[bytes, int]:
    """A copy of an uploaded .docx with one Word comment per finding, and the comment count."""
    import docx as python_docx
    from docx.opc.exceptions import PackageNotFoundError

    from drafting.review.annotate import annotate_document, dated_zip, source_date

    reviewed = lint_job(name, data, options)
    if not hasattr(reviewed.result, "findings"):
        raise InputError(reviewed.result.message, path=name)
    try:
        document = python_docx.Document(io.BytesIO(data))
    except (OSError, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"无法读取 .docx 文件（{exc}）", path=name) from None
    when = source_date()
    count = annotate_document(document, reviewed.result.findings, when=when)
    buffer = io.BytesIO()
    document.save(buffer)
    out = buffer.getvalue() if when is None else dated_zip(buffer.getvalue(), when)
    return _collected((out, count))


def lint_report(reviewed: Iterable[Reviewed]) -> dict[str, Any]:
    """The JSON report of ``drafting lint --format json`` for these inputs."""
    from drafting.lint.report.json import as_data

    return as_data([item.result for item in reviewed])


def html_report(reviewed: Iterable[Reviewed]) -> str:
    """The self-contained HTML report of ``drafting lint --format html``."""
    from drafting.lint.report.html import render as render_html

    return render_html([item.result for item in reviewed])


def is_unreadable(reviewed: Reviewed) -> bool:
    return not hasattr(reviewed.result, "findings")


# --------------------------------------------------------------------------- rules


def rules() -> list[dict[str, Any]]:
    """The catalogue (``drafting rules``) as JSON rows."""
    from drafting.lint.explain import profiles_text, summary_line
    from drafting.lint.rule import all_rules

    return [
        {
            "code": code,
            "name": rule.name,
            "severity": rule.severity.label,
            "fixable": rule.fixable,
            "profiles": sorted(rule.profiles),
            "profiles_text": profiles_text(rule),
            "summary": summary_line(rule),
        }
        for code, rule in all_rules().items()
    ]


def rule(code: str) -> dict[str, Any]:
    """One rule's page (``drafting explain CODE``) as JSON; :class:`NotFound` for an unknown
    code."""
    from drafting.lint.explain import (
        explain_text,
        fix_text,
        options_text,
        profiles_text,
        summary_line,
    )
    from drafting.lint.rule import all_rules

    found = all_rules().get(code.strip().upper()) if isinstance(code, str) else None
    if found is None:
        raise NotFound(
            f"没有代码为“{visible(str(code))[:40]}”的规则；用 GET /api/rules 查看全部规则"
        )
    return {
        "code": found.code,
        "name": found.name,
        "severity": found.severity.label,
        "fixable": found.fixable,
        "profiles": sorted(found.profiles),
        "profiles_text": profiles_text(found),
        "summary": summary_line(found),
        "what": found.what,
        "why": found.why,
        "bad": found.bad,
        "good": found.good,
        "fix": fix_text(found),
        "options": jsonable(dict(found.options)),
        "options_text": options_text(found),
        "text": explain_text(found),
    }


def message(exc: DraftingError) -> str:
    """The Chinese line for ``exc`` as the server shows it: with the upload's or the request's
    name and line when it names one, without any server path."""
    text = str(exc.args[0]) if exc.args else str(exc)
    where = exc.path if exc.path and not os.path.isabs(exc.path) else None
    if where and exc.line:
        return f"{where}:{exc.line}: {text}"
    if where:
        return f"{where}: {text}"
    return f"第 {exc.line} 行：{text}" if exc.line else text
