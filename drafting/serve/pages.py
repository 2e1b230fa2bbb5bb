"""The clerk's pages, in Chinese, server-rendered (Jinja) with a little plain JavaScript.

* 起草 ``/draft``: choose a template by its Chinese name; a form generated from its schema
  (help texts, required marks, lists that grow, the organ profile's values filled in); the
  sample or an uploaded YAML/JSON/TOML/CSV file loaded into the form; validation messages
  beside their fields; a preview of the pages; the .docx (and, with LibreOffice, the PDF).
* 审校 ``/review``: paste a text or upload .txt/.md/.docx; the findings beside the text as in
  the HTML report; the genre, with what ``auto`` chose and why; the safe fixes applied; the
  fixed text or an annotated copy of the .docx downloaded.
* 批量 ``/batch``: a CSV (and last year's figures) → a zip of documents and a per-row report.

Every form post carries the CSRF token of its page (a cookie and a hidden field that must
match) and passes the origin check of :mod:`drafting.serve.security`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from drafting.errors import DataError, DraftingError
from drafting.limits import MAX_DATA_BYTES, MAX_DOCX_BYTES, MAX_TEXT_BYTES
from drafting.serve import forms, library
from drafting.serve.api import attachment, state, status_of, upload_bytes
from drafting.serve.preview import preview
from drafting.serve.security import CSRF_COOKIE, CSRF_FIELD, base_csp, csrf_ok, new_csrf

FORM_SOURCE = "表单"
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def render_page(
    request: Request, name: str, context: dict[str, Any], status: int = 200, scripts: str = ""
) -> HTMLResponse:
    """A page from the server's templates, with the CSRF cookie its forms need."""
    serve = state(request)
    csrf = request.cookies.get(CSRF_COOKIE) or new_csrf()
    html = serve.jinja.get_template(name).render(
        csrf=csrf, csrf_field=CSRF_FIELD, soffice=library.has_soffice(), **context
    )
    response = HTMLResponse(html, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != csrf:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", path="/")
    if scripts:
        response.headers["content-security-policy"] = base_csp(scripts)
    return response


async def posted_form(request: Request, part_limit: int) -> FormData:
    """The posted form, once its CSRF field matches the cookie."""
    form = await request.form(max_files=2, max_fields=5000, max_part_size=part_limit)
    if not csrf_ok(request.cookies.get(CSRF_COOKIE), form.get(CSRF_FIELD)):
        raise HTTPException(403, "表单已过期或来源不明（CSRF 校验未通过）；请刷新页面后重试")
    return form


def _upload(form: FormData, key: str) -> UploadFile | None:
    value = form.get(key)
    return value if isinstance(value, UploadFile) and value.filename else None


async def home(request: Request) -> Response:
    return RedirectResponse("/draft", status_code=303)


# --------------------------------------------------------------------------- 起草


def _default_template(infos: list[Any]) -> str:
    ids = [info.id for info in infos]
    return "notice" if "notice" in ids else ids[0]


def draft_page(
    request: Request,
    infos: list[Any],
    info: Any,
    values: dict[str, Any],
    *,
    problems: list[str] | tuple[str, ...] = (),
    status: int = 200,
    shown: Any = None,
    note: str = "",
) -> HTMLResponse:
    nodes = forms.build(info.schema.fields, values)
    left = forms.attach_errors(nodes, problems)
    return render_page(
        request,
        "draft.html",
        {
            "page": "draft",
            "templates": infos,
            "info": info,
            "nodes": nodes,
            "problems": left,
            "problem_count": len(problems),
            "preview": shown,
            "note": note,
        },
        status,
    )


async def draft_get(request: Request) -> Response:
    serve = state(request)
    dirs = serve.settings.template_dirs
    infos = await serve.workers.thread(library.list_templates, dirs)
    chosen = request.query_params.get("template") or _default_template(infos)
    info = await serve.workers.thread(library.get_template, chosen, dirs)
    values = forms.merge_defaults(info.schema.fields, serve.settings.defaults)
    return draft_page(request, infos, info, values)


def _rendered(serve: Any, info: Any, values: dict[str, Any]) -> Any:
    data = library.data_file(values, FORM_SOURCE)
    library.validate(info, data)
    return library.render(info, data, base_dir=serve.empty_dir)


async def draft_post(request: Request) -> Response:
    serve = state(request)
    form = await posted_form(request, MAX_DATA_BYTES)
    dirs = serve.settings.template_dirs
    infos = await serve.workers.thread(library.list_templates, dirs)
    template = form.get("template")
    info = await serve.workers.thread(library.get_template, template, dirs)
    action = form.get("action") or "preview"
    fields = info.schema.fields
    if action == "sample":
        values = await serve.workers.thread(library.sample_values, info)
        return draft_page(request, infos, info, values, note="已填入示例数据，请按实际情况修改")
    if action == "clear":
        return draft_page(
            request, infos, info, forms.merge_defaults(fields, serve.settings.defaults)
        )
    if action == "load":
        return await _load(request, form, infos, info)
    values = forms.values_from_form(fields, form.multi_items())
    try:
        rendered = await serve.workers.thread(_rendered, serve, info, values)
        if action in ("docx", "pdf"):
            data = await serve.workers.thread(rendered.output, action)
            return attachment(data, library.safe_name(rendered.title, info.id), action)
        docx = await serve.workers.thread(rendered.output, "docx")
        pictures = serve.settings.preview == "auto"
        shown = await serve.workers.thread(lambda: preview(docx, pictures=pictures))
    except DraftingError as exc:
        messages = [text for text, _ in library.problems(exc)]
        if not getattr(exc, "problems", None):
            messages = [library.message(exc)]
        status = 422 if getattr(exc, "problems", None) else status_of(exc)
        return draft_page(request, infos, info, values, problems=messages, status=status)
    return draft_page(request, infos, info, values, shown=shown)


async def _load(request: Request, form: FormData, infos: list[Any], info: Any) -> Response:
    serve = state(request)
    upload = _upload(form, "datafile")
    current = forms.values_from_form(info.schema.fields, form.multi_items())
    if upload is None:
        return draft_page(request, infos, info, current, problems=["请先选择数据文件"], status=400)
    try:
        data = await upload_bytes(upload, MAX_DATA_BYTES, "数据文件")
        values, note = await serve.workers.thread(
            library.load_values, info, upload.filename or "", data
        )
    except DraftingError as exc:
        return draft_page(
            request, infos, info, current, problems=[library.message(exc)], status=status_of(exc)
        )
    name = library.display_name(upload.filename or "")
    return draft_page(request, infos, info, values, note=note or f"已载入 {name}")


# --------------------------------------------------------------------------- 审校


def _script_hashes(html: str) -> str:
    """CSP sources for the inline scripts of the HTML report shown in the page."""
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _SCRIPT.findall(html)
    )


def review_page(request: Request, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    base = {
        "page": "review",
        "genres": library.genres(),
        "genre": "auto",
        "text": "",
        "format": "txt",
        "upload": "",
        "docx_name": "",
        "reviewed": None,
        "report": "",
        "auto": "",
        "summary": None,
        "changes": None,
        "skipped": [],
        "problem": "",
    }
    base.update(context)
    scripts = _script_hashes(base["report"]) if base["report"] else ""
    return render_page(request, "review.html", base, status, scripts=scripts)


async def review_get(request: Request) -> Response:
    return review_page(request, {})


def _text_name(fmt: str) -> str:
    return "文稿.md" if fmt == "md" else "文稿.txt"


async def review_post(request: Request) -> Response:
    serve = state(request)
    form = await posted_form(request, MAX_TEXT_BYTES + 1)
    action = form.get("action") or "lint"
    fmt = "md" if form.get("format") == "md" else "txt"
    context: dict[str, Any] = {"genre": form.get("genre") or "auto", "format": fmt}
    context["text"] = str(form.get("text") or "")
    try:
        options = library.lint_options(context["genre"], config=serve.settings.lint_config)
        name, data = await _review_input(request, form, context)
        if action == "annotate":
            if not name.lower().endswith(".docx"):
                raise DataError("带批注的副本只能为上传的 .docx 生成；文本请下载修改后的文本")
            out, _count = await serve.workers.lint(library.annotate_job, name, data, options)
            return attachment(out, Path(name).stem + "-批注", "docx")
        if action in ("fix", "fixed"):
            if name.lower().endswith(".docx"):
                raise DataError(".docx 不自动修改；请下载带批注的副本，在 Word 中逐条修改")
            fixed = await serve.workers.lint(library.fix_job, name, data, options)
            if action == "fixed":
                suffix = "md" if fmt == "md" else "txt"
                return attachment(fixed.text.encode("utf-8"), Path(name).stem + "-已修改", suffix)
            context.update(text=fixed.text, changes=fixed.changes, skipped=fixed.skipped)
            reviewed = fixed.reviewed
        else:
            reviewed = await serve.workers.lint(library.lint_job, name, data, options)
    except DraftingError as exc:
        context["problem"] = library.message(exc)
        return review_page(request, context, status_of(exc))
    context.update(_review_result(reviewed))
    return review_page(request, context)


async def _review_input(
    request: Request, form: FormData, context: dict[str, Any]
) -> tuple[str, bytes]:
    """The name and bytes to review: a new upload, the .docx kept from the last one, or the
    text of the page. A text upload goes into the page's text box."""
    serve = state(request)
    upload = _upload(form, "file")
    if upload is not None:
        data = await upload_bytes(upload, max(MAX_DOCX_BYTES, MAX_TEXT_BYTES), "文件")
        name = library.check_review_upload(upload.filename or "", data)
        if name.lower().endswith(".docx"):
            key = serve.kept.put(data, name, library.MEDIA_TYPES["docx"])
            context.update(upload=key, docx_name=name, text="")
            return name, data
        context["text"] = library.decode_text(name, data)
        context["format"] = "md" if Path(name).suffix.lower() in (".md", ".markdown") else "txt"
        return name, context["text"].encode("utf-8")
    key = form.get("upload")
    if isinstance(key, str) and key:
        entry = serve.kept.get(key)
        if entry is None:
            raise DataError("上传的 .docx 已过期（服务器只保留一小时），请重新上传")
        context.update(upload=key, docx_name=entry.filename, text="")
        return entry.filename, entry.path.read_bytes()
    text = context["text"].replace("\r\n", "\n")
    context["text"] = text
    if not text.strip():
        raise DataError("请粘贴文稿，或上传 .txt、.md、.docx 文件")
    return _text_name(context["format"]), text.encode("utf-8")


def _review_result(reviewed: Any) -> dict[str, Any]:
    report = library.lint_report([reviewed])
    files = report["files"]
    return {
        "reviewed": files[0] if files else None,
        "unreadable": report["errors"][0]["message"] if report["errors"] else "",
        "summary": report["summary"],
        "auto": reviewed.auto,
        "report": library.html_report([reviewed]),
    }


# --------------------------------------------------------------------------- 批量


def _batch_default(infos: list[Any]) -> str:
    ids = [info.id for info in infos]
    return "annual-summary" if "annual-summary" in ids else ids[0]


async def batch_get(request: Request) -> Response:
    serve = state(request)
    infos = await serve.workers.thread(library.list_templates, serve.settings.template_dirs)
    chosen = request.query_params.get("template") or _batch_default(infos)
    return render_page(
        request,
        "batch.html",
        {
            "page": "batch",
            "templates": infos,
            "chosen": chosen,
            "report": None,
            "problem": "",
            "key": "",
        },
    )


async def batch_post(request: Request) -> Response:
    serve = state(request)
    form = await posted_form(request, MAX_DATA_BYTES)
    dirs = serve.settings.template_dirs
    infos = await serve.workers.thread(library.list_templates, dirs)
    chosen = str(form.get("template") or _batch_default(infos))
    context: dict[str, Any] = {
        "page": "batch",
        "templates": infos,
        "chosen": chosen,
        "report": None,
        "problem": "",
        "key": "",
    }
    try:
        records = _upload(form, "records")
        if records is None:
            raise DataError("请选择数据文件（CSV，每行一份文件）")
        data = (records.filename or "", await upload_bytes(records, MAX_DATA_BYTES, "数据文件"))
        before = _upload(form, "previous")
        previous = None
        if before is not None:
            previous = (
                before.filename or "",
                await upload_bytes(before, MAX_DATA_BYTES, "上年数据文件"),
            )
        key, path = serve.kept.new_path()
        try:
            report = await serve.workers.thread(
                lambda: library.run_batch_zip(chosen, data, previous, path, template_dirs=dirs)
            )
        except BaseException:
            path.unlink(missing_ok=True)  # a zip half written by a batch that failed
            raise
    except DraftingError as exc:
        context["problem"] = library.message(exc)
        return render_page(request, "batch.html", context, status_of(exc))
    zip_name = f"{library.safe_name(Path(data[0]).stem, chosen)}-文件.zip"
    serve.kept.add(key, path, zip_name, library.MEDIA_TYPES["zip"])
    context.update(report=report, key=key, zip_name=zip_name)
    return render_page(request, "batch.html", context)


async def batch_download(request: Request) -> Response:
    entry = state(request).kept.get(request.path_params["key"])
    if entry is None:
        raise library.NotFound("这个压缩包已过期（服务器只保留一小时），请重新生成")
    return FileResponse(entry.path, media_type=entry.media_type, filename=entry.filename)


ROUTES = [
    Route("/", home, methods=["GET"]),
    Route("/draft", draft_get, methods=["GET"]),
    Route("/draft", draft_post, methods=["POST"]),
    Route("/review", review_get, methods=["GET"]),
    Route("/review", review_post, methods=["POST"]),
    Route("/batch", batch_get, methods=["GET"]),
    Route("/batch", batch_post, methods=["POST"]),
    Route("/batch/download/{key}", batch_download, methods=["GET"]),
]
