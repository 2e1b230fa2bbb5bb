"""The checks every request passes before a page or an endpoint sees it.

One ASGI middleware, in this order:

1. **Host** — without a token, the ``Host`` header must name this machine (``localhost``,
   ``127.0.0.1``, ``[::1]``): a page elsewhere that points its own domain at 127.0.0.1 (DNS
   rebinding) is refused.
2. **Token** — with a token (any address but loopback, or ``--token``), every request carries it:
   ``Authorization: Bearer TOKEN``, or the cookie set when the printed address
   ``http://HOST:PORT/?token=TOKEN`` was opened (the token is then taken out of the address).
3. **Size** — a body larger than the limit of its route (from :mod:`drafting.limits`, plus room
   for the form around it) is refused by its ``Content-Length`` before it is read, and, when
   it has none (chunked), as soon as what was read passes the limit.
4. **Origin** — a ``POST`` whose ``Origin`` (or, without one, ``Referer``) is another site is
   refused; a page form post must carry one of them (browsers always send ``Origin``). API
   clients (OA systems, scripts) send neither and pass; the token guards them.

Every refusal is a 4xx with one Chinese line: JSON ``{"error": …}`` under ``/api/``, a page
elsewhere. Responses carry a Content-Security-Policy (scripts only from the server, no framing,
forms only to the server) and ``Cache-Control: no-store`` (documents hold the office's text).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from drafting.limits import MAX_DATA_BYTES, MAX_DOCX_BYTES, MAX_TEXT_BYTES, MIB, human_size
from drafting.serve.settings import ServeSettings

TOKEN_COOKIE = "drafting_token"
CSRF_COOKIE = "drafting_csrf"
CSRF_FIELD = "csrf"

#: Room for the form fields and multipart boundaries around an upload.
FORM_SLACK = 1 * MIB

ErrorResponder = Callable[[str, int, str], Response]


def body_limit(path: str) -> int:
    """The largest request body a route accepts."""
    if path in ("/api/lint", "/review"):
        return max(MAX_DOCX_BYTES, MAX_TEXT_BYTES) + FORM_SLACK
    if path == "/batch":
        return 2 * MAX_DATA_BYTES + FORM_SLACK
    return MAX_DATA_BYTES + FORM_SLACK


def base_csp(scripts: str = "") -> str:
    """The Content-Security-Policy of a response; ``scripts`` adds script sources (hashes)."""
    script_src = f"'self' {scripts}".strip()
    return (
        "default-src 'none'; "
        f"script-src {script_src}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "connect-src 'self'; "
        "form-action 'self'; "
        "frame-ancestors 'none'; "
        "base-uri 'none'"
    )


class TooLarge(HTTPException):
    """A request body past its route's limit (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"请求过大（超过上限 {human_size(limit)}）；请拆分后再提交")


class Guard:
    """The middleware (see the module docstring)."""

    def __init__(self, app: ASGIApp, settings: ServeSettings, respond: ErrorResponder) -> None:
        self.app = app
        self.settings = settings
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path = scope.get("path", "/")
        refusal = self._refusal(scope, headers, path)
        if isinstance(refusal, Response):
            await refusal(scope, receive, send)
            return
        limit = body_limit(path)
        await self.app(scope, _limited(receive, limit), _secured(send))

    def _refusal(self, scope: Scope, headers: Headers, path: str) -> Response | None:
        settings = self.settings
        if not settings.host_allowed(headers.get("host", "")):
            return self.respond(
                path, 421, "请求的主机名不是本服务的地址；请用 127.0.0.1 或 localhost 访问"
            )
        if settings.token is not None:
            given = _query_token(scope)
            if given is not None and secrets.compare_digest(given, settings.token):
                return _token_redirect(scope)
            if not self._has_token(headers):
                return self.respond(
                    path,
                    401,
                    "需要访问令牌：请用服务启动时打印的地址（含 ?token=…）打开，"
                    "或在请求头中加 Authorization: Bearer 令牌",
                )
        length = headers.get("content-length")
        limit = body_limit(path)
        if length is not None:
            if not length.isdigit():
                return self.respond(path, 400, "请求头 Content-Length 不是数字")
            if int(length) > limit:
                return self.respond(path, 413, str(TooLarge(limit).detail))
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            return self._cross_site(headers, path)
        return None

    def _has_token(self, headers: Headers) -> bool:
        token = self.settings.token or ""
        auth = headers.get("authorization", "")
        if auth[:7].lower() == "bearer " and secrets.compare_digest(auth[7:].strip(), token):
            return True
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == TOKEN_COOKIE and secrets.compare_digest(value, token):
                return True
        return False

    def _cross_site(self, headers: Headers, path: str) -> Response | None:
        host = headers.get("host", "").lower()
        origin = headers.get("origin")
        source = origin if origin is not None else headers.get("referer")
        if source is None:
            if path.startswith("/api/"):
                return None  # a program, not a browser: the token (if any) admitted it
            return self.respond(
                path,
                403,
                "表单提交缺少来源（Origin/Referer），为防跨站提交已拒绝；请从本服务的页面提交",
            )
        if urlsplit(source).netloc.lower() != host or not host:
            return self.respond(path, 403, "拒绝跨站请求：请求来自其他网站")
        return None


def _query_token(scope: Scope) -> str | None:
    for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1")):
        if key == "token":
            return value
    return None


def _token_redirect(scope: Scope) -> Response:
    """The address without ``token``, and the cookie that stands for it from now on."""
    query = [
        (k, v)
        for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        if k != "token"
    ]
    target = scope.get("path", "/") + (f"?{urlencode(query)}" if query else "")
    response = RedirectResponse(target, status_code=303)
    token = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))["token"]
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def _limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that refuses a body past ``limit`` bytes while it streams in."""
    seen = 0

    async def wrapped() -> MutableMapping[str, Any]:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge(limit)
        return message

    return wrapped


_SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)


def _secured(send: Send) -> Callable[[MutableMapping[str, Any]], Awaitable[None]]:
    async def wrapped(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {name.lower() for name, _ in headers}
            for name, value in _SECURITY_HEADERS:
                if name not in names:
                    headers.append((name, value))
            if b"content-security-policy" not in names:
                headers.append((b"content-security-policy", base_csp().encode()))
            if b"cache-control" not in names:
                headers.append((b"cache-control", b"no-store"))
            message["headers"] = headers
        await send(message)

    return wrapped


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(cookie: str | None, given: Any) -> bool:
    """Whether a form's CSRF field matches the browser's CSRF cookie (double submit)."""
    return (
        isinstance(given, str)
        and bool(cookie)
        and bool(given)
        and secrets.compare_digest(cookie or "", given)
    )
