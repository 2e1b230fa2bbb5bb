"""What guards ``drafting serve``: the token on every request away from 127.0.0.1, the Host
check without one, size limits before and while a body is read, same-origin and CSRF checks on
form posts, and no stack trace for any request, even one that meets a bug."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from serve_support import CSRF, ORIGIN, client, form_headers

from drafting.limits import MAX_DATA_BYTES, MAX_DOCX_BYTES, MIB

CJK = re.compile(r"[\u4e00-\u9fff]")
TOKEN = "office-token-0123456789abcdef"


@pytest.fixture(scope="module")
def local() -> Iterator[Any]:
    with client(warm=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def office() -> Iterator[Any]:
    with client(host="0.0.0.0", token=TOKEN, warm=False) as test_client:
        yield test_client


def _refused(response: Any, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    assert "Traceback" not in response.text
    text = (
        response.json()["error"]
        if response.headers["content-type"].startswith("application/json")
        else response.text
    )
    assert CJK.search(text)
    for word in words:
        assert word in text, text


# --------------------------------------------------------------------------- token


def test_without_the_token_every_request_is_refused(office: Any) -> None:
    office.cookies.clear()
    for path in ("/api/templates", "/draft", "/static/app.js", "/api/openapi.json"):
        _refused(office.get(path), 401, "访问令牌")


def test_a_wrong_token_is_refused(office: Any) -> None:
    office.cookies.clear()
    bad = {"authorization": "Bearer " + "x" * len(TOKEN)}
    _refused(office.get("/api/templates", headers=bad), 401)
    _refused(office.get("/api/templates?token=wrong"), 401)


def test_the_bearer_token_admits_an_office_system(office: Any) -> None:
    office.cookies.clear()
    response = office.get("/api/templates", headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200


def test_the_printed_address_sets_a_cookie_and_drops_the_token(office: Any) -> None:
    office.cookies.clear()
    response = office.get(f"/review?token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/review"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"drafting_token={TOKEN}") and "HttpOnly" in cookie
    assert "samesite=strict" in cookie.lower()
    assert office.get("/review").status_code == 200  # the cookie admits the browser
    office.cookies.clear()


def test_with_a_token_any_host_name_is_accepted(office: Any) -> None:
    headers = {"authorization": f"Bearer {TOKEN}", "host": "oa-server.example:8000"}
    assert office.get("/api/rules", headers=headers).status_code == 200


# --------------------------------------------------------------------------- host, origin, CSRF


def test_a_foreign_host_name_is_refused_without_token(local: Any) -> None:
    _refused(local.get("/draft", headers={"host": "attacker.example"}), 421, "127.0.0.1")
    assert local.get("/draft", headers={"host": "localhost:8000"}).status_code == 200


def test_a_post_from_another_site_is_refused(local: Any) -> None:
    for headers in ({"origin": "http://attacker.example"}, {"origin": "null"}):
        _refused(local.post("/api/lint", json={"text": "x"}, headers=headers), 403, "跨站")
        _refused(local.post("/review", data={"csrf": CSRF, "text": "x"}, headers=headers), 403)
    referer = {"referer": "http://attacker.example/page"}
    _refused(local.post("/review", data={"csrf": CSRF, "text": "x"}, headers=referer), 403)


def test_a_form_post_without_origin_or_referer_is_refused(local: Any) -> None:
    _refused(local.post("/review", data={"csrf": CSRF, "text": "x"}), 403, "来源")


def test_a_program_may_post_to_the_api_without_origin(local: Any) -> None:
    assert local.post("/api/lint", json={"text": "请报送。"}).status_code == 200


def test_a_form_post_needs_its_csrf_token(local: Any) -> None:
    for data in ({"text": "x"}, {"text": "x", "csrf": "forged"}):
        _refused(local.post("/review", data=data, headers=form_headers()), 403, "CSRF")


def test_pages_set_the_csrf_cookie_they_embed() -> None:
    with client(warm=False) as fresh:
        fresh.cookies.clear()
        response = fresh.get("/review")
        token = re.search(r'name="csrf" value="([^"]+)"', response.text).group(1)
        assert f"drafting_csrf={token}" in response.headers["set-cookie"]


def test_responses_carry_a_strict_policy(local: Any) -> None:
    headers = local.get("/draft").headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "form-action 'self'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"


# --------------------------------------------------------------------------- sizes


def test_a_body_past_the_limit_is_refused_by_its_length(local: Any) -> None:
    big = str(MAX_DATA_BYTES + 2 * MIB)
    response = local.post(
        "/api/render",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": big},
    )
    _refused(response, 413, "过大")
    docx_big = str(MAX_DOCX_BYTES + 2 * MIB)
    response = local.post(
        "/api/lint",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": docx_big},
    )
    _refused(response, 413)


def test_a_streamed_body_past_the_limit_is_refused_while_read(local: Any) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(7):
            yield b" " * MIB

    response = local.post(
        "/api/render", content=chunks(), headers={"content-type": "application/json"}
    )
    _refused(response, 413, "过大")


def test_a_text_past_its_limit_is_413(local: Any) -> None:
    text = "字" * (7 * MIB)  # 21 MB in UTF-8, the text limit is 20 MB
    _refused(local.post("/api/lint", json={"text": text}), 413, "过大")


def test_an_unreadable_content_length_is_400(local: Any) -> None:
    response = local.post(
        "/api/lint",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": "x"},
    )
    assert response.status_code == 400


# --------------------------------------------------------------------------- no stack trace


def test_a_bug_is_a_chinese_500_without_a_trace(
    local: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("drafting.serve.library.rules", broken)
    with caplog.at_level("ERROR", logger="drafting.serve"):
        response = local.get("/api/rules")
    _refused(response, 500, "内部错误")
    assert "ZeroDivisionError" not in response.text
    assert "Traceback" not in caplog.text  # only with --debug
    page = local.post("/review", data={"csrf": CSRF, "text": "x"}, headers={"origin": ORIGIN})
    assert page.status_code == 200


def test_with_debug_the_trace_goes_to_the_log_only(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("drafting.serve.library.rules", lambda: 1 / 0)
    with client(warm=False, debug=True) as debug, caplog.at_level("ERROR", logger="drafting.serve"):
        response = debug.get("/api/rules")
    assert response.status_code == 500 and "Traceback" not in response.text
    assert "ZeroDivisionError" in caplog.text and "Traceback" in caplog.text


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/static/../library.py"),
        ("GET", "/static/%2e%2e/library.py"),
        ("GET", "/batch/download/..%2F..%2Fetc%2Fpasswd"),
        ("PUT", "/draft"),
        ("DELETE", "/api/rules"),
    ],
)
def test_no_request_names_a_server_path(local: Any, method: str, path: str) -> None:
    response = local.request(method, path)
    assert response.status_code in (403, 404, 405)
    assert "import" not in response.text


def test_malformed_multipart_is_400_in_chinese(local: Any) -> None:
    response = local.post(
        "/api/lint", content=b"--x\r\n", headers={"content-type": "multipart/form-data"}
    )
    _refused(response, 400, "请求有误")


def test_one_form_field_past_its_limit_is_413(local: Any) -> None:
    text = "字" * (2 * MIB)  # 6 MB in one field of the draft form (its fields are up to 5 MB)
    response = local.post(
        "/draft",
        data={"csrf": CSRF, "template": "notice", "f.title": text},
        files={"x": ("", b"")},
        headers=form_headers(),
    )
    _refused(response, 413, "过大")


def test_a_batch_that_fails_leaves_no_zip(local: Any) -> None:
    kept = local.app.state.serve.kept
    before = set(kept.root.iterdir())
    response = local.post(
        "/batch",
        data={"csrf": CSRF, "template": "annual-summary"},
        files={"records": ("空.csv", b"")},
        headers=form_headers(),
    )
    assert response.status_code == 400 and "CSV" in response.text
    assert set(kept.root.iterdir()) == before
