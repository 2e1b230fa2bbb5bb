"""The ASGI application of ``drafting serve``: pages for clerks, an HTTP API for office systems.

:func:`create_app` builds a Starlette application from :class:`ServeSettings`: the routes of
:mod:`drafting.serve.pages` and :mod:`drafting.serve.api`, the static files (no CDN: the page
works offline), the request guard of :mod:`drafting.serve.security`, and the error handlers.
Every error a request can cause is a 4xx with one Chinese line (JSON under ``/api/``, a page
elsewhere); anything unforeseen is a 500 with a Chinese line and an id, its traceback written
to the server's log only with ``--debug``.

At start-up the lint processes are started and warmed (jieba loaded once in each); at shutdown
they are stopped and the kept files removed.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import tempfile
from collections.abc import AsyncIterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from drafting import __version__
from drafting.errors import DraftingError
from drafting.serve import api, library, pages
from drafting.serve.kept import Kept
from drafting.serve.security import Guard
from drafting.serve.settings import ServeSettings
from drafting.serve.workers import Workers

HERE = Path(__file__).resolve().parent
log = logging.getLogger("drafting.serve")

_HTTP_MESSAGES = {
    400: "请求有误",
    404: "没有这个页面或接口",
    405: "不支持这种请求方法",
    413: "请求过大",
    415: "不支持的请求类型",
}


@dataclass
class State:
    """What every request handler reaches through ``request.app.state.serve``."""

    settings: ServeSettings
    workers: Workers
    kept: Kept
    jinja: jinja2.Environment
    #: An empty private folder: where a draft rendered from a request would look for
    #: attachment files and seals (so it finds none).
    empty_dir: Path
    extra: dict[str, Any] = field(default_factory=dict)


def make_jinja() -> jinja2.Environment:
    """The environment of the server's own pages (trusted files, autoescaped)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["version"] = __version__
    return env


def error_responder(jinja: jinja2.Environment):  # type: ignore[no-untyped-def]
    """``respond(path, status, message)``: JSON under ``/api/``, a Chinese page elsewhere."""

    def respond(
        path: str, status: int, message: str, extra: dict[str, Any] | None = None
    ) -> Response:
        if path.startswith("/api/"):
            return JSONResponse({"error": message, **(extra or {})}, status_code=status)
        html = jinja.get_template("error.html").render(status=status, message=message, page="")
        return HTMLResponse(html, status_code=status)

    return respond


def create_app(settings: ServeSettings) -> Starlette:
    """The application for ``settings`` (the lint pool starts with the application)."""
    jinja = make_jinja()
    respond = error_responder(jinja)
    empty = Path(tempfile.mkdtemp(prefix="drafting-serve-empty-"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state: State = app.state.serve
        if settings.warm:
            state.workers.start()
        try:
            yield
        finally:
            state.workers.close()
            state.kept.close()
            with contextlib.suppress(OSError):
                empty.rmdir()

    async def drafting_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DraftingError)
        extra: dict[str, Any] = {}
        if getattr(exc, "problems", None):
            extra["problems"] = api.problem_list(exc)
        return respond(request.url.path, api.status_of(exc), library.message(exc), extra)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else ""
        status = exc.status_code
        message = detail if detail and not detail.isascii() else ""
        if status == 400 and "exceeded maximum size" in detail:  # one multipart field
            status, message = 413, "表单中的一项内容过大；请拆分后再提交"
        message = message or _HTTP_MESSAGES.get(status, "请求有误")
        response = respond(request.url.path, status, message)
        if exc.status_code == 405:
            response.headers["allow"] = (exc.headers or {}).get("Allow", "")
        return response

    routes = [
        *api.ROUTES,
        *pages.ROUTES,
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={DraftingError: drafting_error, HTTPException: http_error},
        lifespan=lifespan,
    )
    app.state.serve = State(
        settings=settings,
        workers=Workers(jobs=settings.jobs),
        kept=Kept(),
        jinja=jinja,
        empty_dir=empty,
    )
    app.add_middleware(Guard, settings=settings, respond=respond)
    app.add_middleware(CatchAll, debug=settings.debug, respond=respond)
    return app


class CatchAll:
    """The outermost layer: an exception nothing else handled becomes a Chinese 500 (with an id
    to find it in the log); its traceback is logged only with ``--debug``."""

    def __init__(self, app: Any, debug: bool, respond: Any) -> None:
        self.app = app
        self.debug = debug
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            ident = secrets.token_hex(4)
            if self.debug:
                log.exception("内部错误 %s：%s %s", ident, scope.get("method"), scope.get("path"))
            else:
                log.error("内部错误 %s：%s（加 --debug 记录调用栈）", ident, type(exc).__name__)
            if not started:
                message = f"服务器内部错误（编号 {ident}）；请重试，或请管理员加 --debug 查看日志"
                response = self.respond(scope.get("path", "/"), 500, message)
                await response(scope, receive, send)
