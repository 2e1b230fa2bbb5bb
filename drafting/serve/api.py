"""The HTTP API for office systems (OA, 公文流转); described by :mod:`drafting.serve.openapi`.

* ``GET /api/templates`` and ``GET /api/templates/{id}/schema``: what can be drafted, and the
  fields of one template (an id or Chinese name from the list; never a path).
* ``POST /api/render``: JSON ``{"template", "data", "format"}`` → the document's bytes.
* ``POST /api/lint``: JSON ``{"text", "genre", "select", "ignore", "path"}`` or a multipart
  upload of a .txt/.md/.docx → the same JSON as ``drafting lint --format json``.
* ``GET /api/rules`` and ``GET /api/rules/{code}``: the rule catalogue and one rule's page.

Errors are ``{"error": "一行中文说明"}`` with a 4xx status; a validation error adds
``"problems"``, every message with its line in the request body and the field it names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from drafting.errors import DataError, DraftingError
from drafting.limits import MAX_DOCX_BYTES, MAX_TEXT_BYTES, too_large
from drafting.serve import forms, library, openapi

REQUEST = "请求体"


def state(request: Request) -> Any:
    return request.app.state.serve


def status_of(exc: DraftingError) -> int:
    """The HTTP status of a library error."""
    from drafting.serve.workers import Busy

    if isinstance(exc, library.NotFound):
        return 404
    if isinstance(exc, library.TooBig):
        return 413
    if isinstance(exc, library.UnsupportedType):
        return 415
    if isinstance(exc, library.Unavailable):
        return 501
    if isinstance(exc, Busy):
        return 503
    if getattr(exc, "problems", None):
        return 422
    return 400


def problem_list(exc: DraftingError) -> list[dict[str, Any]]:
    """Every problem of a validation error, with its line and the field it names."""
    return [
        {"message": text, "line": line, "field": forms.field_key(text)}
        for text, line in library.problems(exc)
    ]


def attachment(data: bytes, stem: str, suffix: str) -> Response:
    """``data`` as a download named ``stem.suffix`` (UTF-8 name, ASCII fallback)."""
    name = f"{stem}.{suffix}"
    disposition = f"attachment; filename=\"draft.{suffix}\"; filename*=UTF-8''{quote(name)}"
    return Response(
        data,
        media_type=library.MEDIA_TYPES[suffix],
        headers={"content-disposition": disposition},
    )


async def upload_bytes(upload: UploadFile, limit: int, what: str) -> bytes:
    """An uploaded file's bytes, at most ``limit`` (one more read says it is larger)."""
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise library.TooBig(too_large(what, limit), path=upload.filename or None)
    return data


def _json_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError("请求体不是 UTF-8 编码的 JSON", path=REQUEST) from None


def _require_json(request: Request) -> None:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise library.UnsupportedType("请求体应为 JSON（Content-Type: application/json）")


async def list_templates(request: Request) -> Response:
    infos = await state(request).workers.thread(
        library.list_templates, state(request).settings.template_dirs
    )
    return JSONResponse({"templates": [library.template_summary(info) for info in infos]})


async def template_schema(request: Request) -> Response:
    dirs = state(request).settings.template_dirs
    info = await state(request).workers.thread(
        library.get_template, request.path_params["id"], dirs
    )
    return JSONResponse(library.schema_description(info))


async def list_rules(request: Request) -> Response:
    return JSONResponse({"rules": library.rules()})


async def explain_rule(request: Request) -> Response:
    return JSONResponse(library.rule(request.path_params["code"]))


def _render(serve: Any, text: str) -> tuple[bytes, str, str]:
    """Parse, validate and render a render request (runs in a render thread)."""
    values, data = library.request_data(text, REQUEST)
    fmt = values.get("format", "docx")
    if fmt not in library.RENDER_FORMATS:
        raise DataError(f"“format”应为 {'、'.join(library.RENDER_FORMATS)} 之一", path=REQUEST)
    info = library.get_template(values.get("template"), serve.settings.template_dirs)
    rendered = library.render(info, data, base_dir=serve.empty_dir)
    return rendered.output(fmt), library.safe_name(rendered.title, info.id), fmt


async def render(request: Request) -> Response:
    _require_json(request)
    text = _json_text(await request.body())
    serve = state(request)
    data, stem, fmt = await serve.workers.thread(_render, serve, text)
    return attachment(data, stem, fmt)


async def _lint_input(request: Request) -> tuple[str, bytes, dict[str, Any]]:
    """The name and bytes to lint, and the options as given (JSON or multipart)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        body = library.request_body(_json_text(await request.body()), REQUEST)
        text = body.get("text")
        if not isinstance(text, str):
            raise DataError("请求中应有“text”：要审校的文字", path=REQUEST)
        name = body.get("path") or "<text>"
        if not isinstance(name, str) or Path(name).suffix.lower() == ".docx":
            raise DataError("“path”应为文字；.docx 请用 multipart/form-data 上传", path=REQUEST)
        data = text.encode("utf-8")
        if len(data) > MAX_TEXT_BYTES:
            raise library.TooBig(too_large("文本", MAX_TEXT_BYTES, len(data)))
        return library.display_name(name), data, body
    if kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=20, max_part_size=MAX_TEXT_BYTES + 1)
        upload = form.get("file")
        options = {key: form.get(key) for key in ("genre", "select", "ignore")}
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload_bytes(upload, max(MAX_DOCX_BYTES, MAX_TEXT_BYTES), "文件")
            return library.check_review_upload(upload.filename, data), data, options
        text = form.get("text")
        if not isinstance(text, str) or not text:
            raise DataError("请上传文件（file）或给出文字（text）", path=REQUEST)
        return "<text>", text.encode("utf-8"), options
    raise library.UnsupportedType(
        "请求体应为 JSON（application/json）或上传文件（multipart/form-data）"
    )


async def lint(request: Request) -> Response:
    serve = state(request)
    name, data, given = await _lint_input(request)
    options = library.lint_options(
        given.get("genre"), given.get("select"), given.get("ignore"), serve.settings.lint_config
    )
    reviewed = await serve.workers.lint(library.lint_job, name, data, options)
    return JSONResponse(library.lint_report([reviewed]))


async def openapi_json(request: Request) -> Response:
    return JSONResponse(openapi.document())


ROUTES = [
    Route("/api/templates", list_templates, methods=["GET"]),
    Route("/api/templates/{id}/schema", template_schema, methods=["GET"]),
    Route("/api/rules", list_rules, methods=["GET"]),
    Route("/api/rules/{code}", explain_rule, methods=["GET"]),
    Route("/api/lint", lint, methods=["POST"]),
    Route("/api/render", render, methods=["POST"]),
    Route("/api/openapi.json", openapi_json, methods=["GET"]),
]
