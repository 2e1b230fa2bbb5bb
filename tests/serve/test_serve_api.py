"""The HTTP API of ``drafting serve`` through an HTTP client: templates, schemas, rules, lint
(text and uploads, the same JSON as ``drafting lint --format json``), render (the bytes of
``drafting render``), and every bad request a 4xx with one Chinese line."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from serve_support import SAMPLES, client

from drafting.lint.api import lint_paths
from drafting.lint.report.json import as_data
from drafting.render import docx_bytes
from drafting.resources import templates_dir

CJK = re.compile(r"[\u4e00-\u9fff]")
NOTICE_SAMPLE = templates_dir() / "notice" / "sample.yaml"


@pytest.fixture(scope="module")
def api() -> Iterator[Any]:
    with client() as test_client:
        yield test_client


def _notice_data() -> dict[str, Any]:
    return json.loads(json.dumps(yaml.safe_load(NOTICE_SAMPLE.read_text("utf-8")), default=str))


def _post_json(api: Any, path: str, body: Any) -> Any:
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return api.post(path, content=raw, headers={"content-type": "application/json"})


def _chinese_error(response: Any, status: int, *words: str) -> str:
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert CJK.search(message), message
    assert "Traceback" not in response.text
    for word in words:
        assert word in message, message
    return message


# --------------------------------------------------------------------------- templates, rules


def test_templates_are_listed_with_their_chinese_names(api: Any) -> None:
    response = api.get("/api/templates")
    assert response.status_code == 200
    by_id = {t["id"]: t for t in response.json()["templates"]}
    assert by_id["notice"]["name"] == "通知"
    assert by_id["annual-summary"]["name"] == "年终总结"
    assert by_id["commentary"]["layout"] == "article"


def test_schema_gives_fields_with_help_required_and_nesting(api: Any) -> None:
    body = api.get("/api/templates/notice/schema").json()
    fields = body["fields"]
    assert fields["title"] == {
        "type": "string",
        "label": "标题",
        "required": True,
        "help": "发文机关＋关于＋事由＋的通知",
        "example": "关于做好2026年度工作总结的通知",
    }
    assert fields["date"]["example"] == "2026-11-20"
    section = fields["sections"]["items"]["fields"]
    assert section["subsections"]["items"]["fields"]["heading"]["required"] is True


def test_schema_by_chinese_name_is_the_same(api: Any) -> None:
    assert (
        api.get("/api/templates/通知/schema").json()
        == api.get("/api/templates/notice/schema").json()
    )


@pytest.mark.parametrize("name", ["nope", "..%2F..%2Fetc", "%2Fetc%2Fpasswd", "templates"])
def test_an_unknown_template_or_a_path_is_404(api: Any, name: str) -> None:
    _chinese_error(api.get(f"/api/templates/{name}/schema"), 404)


def test_rules_list_and_one_rule_page(api: Any) -> None:
    rules = api.get("/api/rules").json()["rules"]
    codes = [rule["code"] for rule in rules]
    assert codes == sorted(codes) and "N301" in codes and "S101" in codes
    page = api.get("/api/rules/n301").json()
    assert page["code"] == "N301" and page["fixable"] is True
    assert page["text"].startswith("N301 halfwidth-punct")
    assert "检查什么" in page["text"]


def test_an_unknown_rule_is_404(api: Any) -> None:
    _chinese_error(api.get("/api/rules/Z999"), 404, "Z999")


# --------------------------------------------------------------------------- lint


def test_lint_text_gives_the_json_of_the_command_line(api: Any, tmp_path: Path) -> None:
    text = (SAMPLES / "时评初稿-待修改.txt").read_text("utf-8")
    response = _post_json(api, "/api/lint", {"text": text, "genre": "commentary"})
    assert response.status_code == 200
    body = response.json()
    copy = tmp_path / "<text>"
    copy.write_text(text, encoding="utf-8")
    expected = as_data(lint_paths([copy], genre="commentary", config=_no_config(tmp_path)))
    expected["files"][0]["path"] = "<text>"
    for finding in expected["files"][0]["findings"]:
        finding["path"] = "<text>"
    assert body == expected
    assert {"S101", "S108"} & {f["code"] for f in body["files"][0]["findings"]}


def _no_config(tmp_path: Path) -> Path:
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    return empty


def test_lint_auto_genre_and_its_reason(api: Any) -> None:
    body = _post_json(
        api, "/api/lint", {"text": "关于做好年度总结的通知\n各单位：\n请报送。\n"}
    ).json()
    file = body["files"][0]
    assert (file["genre"], file["genre_reason"]) == ("notice", "anatomy")


def test_lint_select_and_ignore(api: Any) -> None:
    text = "请于11月5日前报送材料,逾期不再受理。"
    only = _post_json(api, "/api/lint", {"text": text, "select": ["N301"]}).json()
    assert [f["code"] for f in only["files"][0]["findings"]] == ["N301"]
    assert only["files"][0]["findings"][0]["fix"] == "，"
    without = _post_json(api, "/api/lint", {"text": text, "ignore": ["N301"]}).json()
    assert "N301" not in {f["code"] for f in without["files"][0]["findings"]}


def test_lint_markdown_by_its_path(api: Any) -> None:
    text = "---\ntitle: 关于做好年度总结的通知\n---\n\n各单位要认真总结,按时报送。\n"
    body = _post_json(api, "/api/lint", {"text": text, "path": "通知.md"}).json()
    file = body["files"][0]
    assert file["path"] == "通知.md"
    assert file["genre"] == "notice"
    assert [f["line"] for f in file["findings"] if f["code"] == "N301"] == [5]


def test_lint_upload_of_a_docx_numbers_paragraphs(api: Any) -> None:
    document = docx.Document()
    document.add_paragraph("关于做好年度总结的通知")
    document.add_paragraph("各单位要认真总结,按时报送。")
    buffer = io.BytesIO()
    document.save(buffer)
    files = {"file": ("通知.docx", buffer.getvalue(), "application/octet-stream")}
    response = api.post("/api/lint", files=files, data={"genre": "notice", "select": "N301"})
    assert response.status_code == 200, response.text
    findings = response.json()["files"][0]["findings"]
    assert [(f["code"], f["paragraph"]) for f in findings] == [("N301", 2)]


def test_lint_upload_of_gb18030_text(api: Any) -> None:
    raw = "各单位要认真总结,按时报送。\n".encode("gb18030")
    response = api.post("/api/lint", files={"file": ("旧稿.txt", raw)}, data={"select": "N301"})
    assert response.status_code == 200
    assert response.json()["files"][0]["findings"][0]["excerpt"] == ","


def test_a_corrupt_docx_is_listed_under_errors(api: Any) -> None:
    response = api.post("/api/lint", files={"file": ("坏.docx", b"PK\x03\x04 not a zip")})
    assert response.status_code == 200
    body = response.json()
    assert body["files"] == [] and body["summary"]["unreadable"] == 1
    assert body["errors"][0]["path"] == "坏.docx" and CJK.search(body["errors"][0]["message"])


# --------------------------------------------------------------------------- render


def test_render_gives_the_docx_of_the_command_line(api: Any) -> None:
    from drafting.render import prepare

    response = _post_json(api, "/api/render", {"template": "notice", "data": _notice_data()})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    assert response.content == docx_bytes(prepare("notice", NOTICE_SAMPLE))
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert "关于做好2026年度工作总结的通知" in paragraphs


@pytest.mark.parametrize(("fmt", "kind"), [("md", "text/markdown"), ("txt", "text/plain")])
def test_render_to_text_formats(api: Any, fmt: str, kind: str) -> None:
    body = {"template": "通知", "data": _notice_data(), "format": fmt}
    response = _post_json(api, "/api/render", body)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(kind)
    assert "关于做好2026年度工作总结的通知" in response.content.decode("utf-8")


def test_render_validation_lists_every_problem_with_field_and_line(api: Any) -> None:
    data = _notice_data()
    del data["title"]
    data["sections"][1]["subsections"][0]["heading"] = ["a", "list"]
    raw = json.dumps({"template": "notice", "data": data}, ensure_ascii=False, indent=1)
    response = api.post(
        "/api/render", content=raw.encode(), headers={"content-type": "application/json"}
    )
    message = _chinese_error(response, 422, "另有 1 处问题")
    problems = response.json()["problems"]
    fields = {p["field"] for p in problems}
    assert fields == {"title", "sections.1.subsections.0.heading"}
    heading = next(p for p in problems if p["field"] != "title")
    assert raw.splitlines()[heading["line"] - 1].strip().startswith('"heading"')
    assert message.startswith("请求体")


def test_render_pdf_without_libreoffice_is_501(api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("drafting.serve.library.has_soffice", lambda: False)
    body = {"template": "notice", "data": _notice_data(), "format": "pdf"}
    _chinese_error(_post_json(api, "/api/render", body), 501, "LibreOffice")


def test_a_draft_cannot_read_a_server_file(api: Any, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("机密", encoding="utf-8")
    data = _notice_data()
    data["seal"] = str(secret)
    response = _post_json(api, "/api/render", {"template": "notice", "data": data})
    # the seal (a field of the notice template) is confined to an empty folder: nothing
    # outside it is read
    message = _chinese_error(response, 400, "seal", "印章")
    assert "机密" not in message and "不在文件夹" in message


# --------------------------------------------------------------------------- bad requests

BAD_JSON = [
    ("not json", b"{", "格式错误"),
    ("list body", b"[]", "对象"),
    ("no data", b'{"template": "notice"}', "data"),
    ("bad format", b'{"template": "notice", "data": {}, "format": "exe"}', "format"),
    ("duplicate key", b'{"template": "notice", "data": {"title": "a", "title": "b"}}', "重复"),
    ("control char", b'{"template": "notice", "data": {"title": "a\\u0000"}}', "控制字符"),
    ("not utf-8", '{"template": "年终总结", "data": {}}'.encode("gb18030"), "UTF-8"),
    ("huge number", b'{"template": "notice", "data": {"title": 1' + b"0" * 200 + b"}}", "位数"),
    ("deep", b'{"template": "notice", "data": ' + b'{"a": ' * 100 + b"1" + b"}" * 101, "嵌套"),
]


@pytest.mark.parametrize(("name", "raw", "word"), BAD_JSON, ids=[row[0] for row in BAD_JSON])
def test_bad_render_bodies_are_400_in_chinese(api: Any, name: str, raw: bytes, word: str) -> None:
    response = api.post("/api/render", content=raw, headers={"content-type": "application/json"})
    _chinese_error(response, 400, word)


def test_render_wants_json(api: Any) -> None:
    response = api.post("/api/render", content=b"title: x", headers={"content-type": "text/yaml"})
    _chinese_error(response, 415, "JSON")


def test_render_of_an_unknown_template_is_404(api: Any) -> None:
    body = {"template": "../../etc/passwd", "data": {}}
    _chinese_error(_post_json(api, "/api/render", body), 404)


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ({"text": "x", "genre": "poem"}, "文体"),
        ({"text": "x", "select": ["Q999"]}, "Q999"),
        ({"text": 5}, "text"),
        ({"text": "x", "path": "a.docx"}, "multipart"),
        ({"text": "x", "select": "N301"}, None),
    ],
)
def test_bad_lint_requests(api: Any, body: dict[str, Any], word: str | None) -> None:
    response = _post_json(api, "/api/lint", body)
    if word is None:  # a comma-separated string is accepted like the command line's
        assert response.status_code == 200
        return
    _chinese_error(response, 400, word)


def test_lint_upload_of_an_unsupported_type(api: Any) -> None:
    response = api.post("/api/lint", files={"file": ("a.pdf", b"%PDF-1.4")})
    _chinese_error(response, 400, ".pdf")


def test_wrong_method_and_unknown_route(api: Any) -> None:
    _chinese_error(api.get("/api/lint"), 405)
    _chinese_error(api.get("/api/nothing"), 404)
