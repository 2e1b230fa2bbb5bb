"""The clerk's pages through an HTTP client: the draft form from the schema (required marks,
help, the organ profile's values, sample and uploaded data, messages beside their fields,
preview, downloads), the review page (findings, genre, fixes, annotated .docx) and the batch
page (a zip of documents and a per-row report)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import docx
import pytest
from serve_support import BATCH_FIXTURES, CSRF, SAMPLES, client, form_headers

from drafting.render import docx_bytes
from drafting.resources import templates_dir

NOTICE_SAMPLE = templates_dir() / "notice" / "sample.yaml"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = {"organs": ["江州市审计局"], "signature": "江州市审计局", "unit": "江州市审计局"}
    with client(defaults=profile, preview="html") as test_client:
        yield test_client


def _post(web: Any, path: str, data: dict[str, Any], files: Any = None) -> Any:
    return web.post(
        path, data={"csrf": CSRF, **data}, files=files or {"x": ("", b"")}, headers=form_headers()
    )


def _inputs(html: str) -> dict[str, str]:
    """name → value of the inputs, text boxes and selects of a page."""
    found = {}
    for tag in re.findall(r"<input [^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            found[unescape(name.group(1))] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        found[unescape(name)] = unescape(text)
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        found[unescape(name)] = unescape(chosen.group(1)) if chosen else ""
    return found


def _error_beside(html: str, key: str) -> list[str]:
    """The messages shown inside the field ``key``'s block."""
    start = html.index(f'data-key="{key}"')
    block = html[start : html.index("</div>", start)]
    return [unescape(m) for m in re.findall(r'<p class="err" role="alert">(.*?)</p>', block)]


# --------------------------------------------------------------------------- 起草


def test_the_notice_form_is_made_from_its_schema(web: Any) -> None:
    page = web.get("/draft?template=notice")
    assert page.status_code == 200
    html = page.text
    assert "<h1>起草通知</h1>" in html
    assert re.search(r'<span class="lbl">标题<abbr class="req" title="必填">\*</abbr>', html)
    assert "发文机关＋关于＋事由＋的通知" in html  # the help text
    assert 'name="f.sections.0.heading"' in html  # a list of mappings starts with one item
    assert 'name="f.sections.__i0__.subsections.__i1__.heading"' in html  # the prototype
    values = _inputs(html)
    assert values["f.organs.0"] == "江州市审计局"  # the organ profile's value
    assert values["f.signature"] == "江州市审计局"
    assert "f.unit" not in values  # the notice has no such field
    # a seal image lies beside a data file, which a web form does not have; sealing by hand does
    assert 'name="f.hand_seal"' in html and 'name="f.seal' not in html


def test_templates_are_chosen_by_chinese_name(web: Any) -> None:
    html = web.get("/draft").text
    assert '<option value="annual-summary">年终总结</option>' in html
    assert '<option value="notice" selected>通知</option>' in html


def test_the_sample_fills_the_form(web: Any) -> None:
    html = _post(web, "/draft", {"template": "notice", "action": "sample"}).text
    values = _inputs(html)
    assert values["f.title"] == "关于做好2026年度工作总结的通知"
    assert values["f.sections.1.subsections.2.heading"] == "2027年工作思路"
    assert values["f.date"] == "2026-11-20"
    assert "已填入示例数据" in html


def _sample_form(web: Any) -> dict[str, str]:
    html = _post(web, "/draft", {"template": "notice", "action": "sample"}).text
    return {k: v for k, v in _inputs(html).items() if k.startswith("f.") and "__i" not in k}


def test_a_filled_form_downloads_the_docx_of_its_data(web: Any) -> None:
    from drafting.render import prepare

    fields = _sample_form(web)
    response = _post(web, "/draft", {"template": "notice", "action": "docx", **fields})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.content == docx_bytes(prepare("notice", NOTICE_SAMPLE))


def test_validation_messages_stand_beside_their_fields(web: Any) -> None:
    fields = _sample_form(web)
    fields["f.title"] = ""
    fields["f.date"] = "2026年13月40日"
    fields["f.sections.1.subsections.0.heading"] = ""
    response = _post(web, "/draft", {"template": "notice", "action": "preview", **fields})
    assert response.status_code == 422
    html = response.text
    assert "数据有 3 处问题" in html
    assert _error_beside(html, "title") == [
        "缺少必填的字段“title”（标题），如：关于做好2026年度工作总结的通知"
    ]
    assert _error_beside(html, "date") == ["字段“date”（成文日期）应为日期，如 2026-11-20"]
    assert _error_beside(html, "sections.1.subsections.0.heading")[0].startswith(
        "缺少必填的字段“sections[2].subsections[1].heading”"
    )
    assert _inputs(html)["f.date"] == "2026年13月40日"  # what was typed stays


def test_numbers_that_are_not_numbers_are_named(web: Any) -> None:
    fields = {"f.unit": "县审计局", "f.year": "二〇二六", "f.stats.docs_received": "1,234"}
    html = _post(web, "/draft", {"template": "annual-summary", "action": "preview", **fields}).text
    assert _error_beside(html, "year") == ["字段“year”（年度）应为整数，如 2026"]
    assert _error_beside(html, "stats.docs_received") == []  # 1,234 is a number


def test_grid_preview_of_the_sample(web: Any) -> None:
    fields = _sample_form(web)
    html = _post(web, "/draft", {"template": "notice", "action": "preview", **fields}).text
    assert "按版心网格近似显示（22 行 × 28 字）" in html
    assert html.count('<div class="sheet"') >= 2
    assert "江州市人民政府办公室文件" in html
    assert "— 1 —" in html


def test_a_yaml_file_loads_into_the_form(web: Any) -> None:
    files = {"datafile": ("通知.yaml", NOTICE_SAMPLE.read_bytes(), "application/x-yaml")}
    html = _post(web, "/draft", {"template": "notice", "action": "load"}, files).text
    assert "已载入 通知.yaml" in html
    assert _inputs(html)["f.cc.2"] == "市政协办公厅"


def test_the_first_csv_record_loads_into_the_form(web: Any) -> None:
    units = (BATCH_FIXTURES / "units-2026.csv").read_bytes()
    files = {"datafile": ("units.csv", units, "text/csv")}
    html = _post(web, "/draft", {"template": "annual-summary", "action": "load"}, files).text
    values = _inputs(html)
    assert values["f.unit"] and values["f.stats.docs_received"].isdigit()
    assert "已载入第一条" in html


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("坏.yaml", b"title: [\n", ("坏.yaml", "格式错误")),
        ("数据.exe", b"MZ", ("扩展名",)),
        ("大.yaml", b"#" * (5 * 1024 * 1024 + 1), ("过大",)),
    ],
)
def test_a_bad_data_file_is_said_above_the_form(
    web: Any, name: str, data: bytes, words: tuple[str, ...]
) -> None:
    files = {"datafile": (name, data, "application/octet-stream")}
    response = _post(web, "/draft", {"template": "notice", "action": "load"}, files)
    assert 400 <= response.status_code < 500
    said = unescape(
        re.search(r'<div class="problems" role="alert">(.*?)</div>', response.text, re.S).group(1)
    )
    for word in words:
        assert word in said


# --------------------------------------------------------------------------- 审校


def test_review_of_the_faulty_commentary_shows_the_thesis_finding(web: Any) -> None:
    text = (SAMPLES / "时评初稿-待修改.txt").read_text("utf-8")
    response = _post(web, "/review", {"text": text, "genre": "commentary", "action": "lint"})
    assert response.status_code == 200
    html = response.text
    codes = re.findall(r'<li data-code="(\w+)"', html)
    assert {"S101", "S108"} & set(codes)
    assert "自动判断：标题未写文种，按文章形态" in unescape(html)
    assert 'data-genre="commentary"' in html
    report = unescape(re.search(r'srcdoc="([^"]*)"', html).group(1))
    assert report.startswith("<!DOCTYPE html>") and 'data-code="S101"' in report
    csp = response.headers["content-security-policy"]
    assert "'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_auto_genre_says_why(web: Any) -> None:
    text = "关于做好年度总结的通知\n各单位：\n请按时报送。\n"
    html = unescape(_post(web, "/review", {"text": text, "action": "lint"}).text)
    assert "自动判断：按标题“关于做好年度总结的通知”判断为 notice（通知）" in html


def test_safe_fixes_are_applied_and_listed(web: Any) -> None:
    text = "关于报送材料的通知\n各单位：\n请于11月5日前报送材料,逾期不再受理。\n"
    html = unescape(_post(web, "/review", {"text": text, "action": "fix"}).text)
    assert "已修改 1 处" in html
    assert "请于11月5日前报送材料，逾期不再受理。" in html
    assert "N301" in html


def test_fixed_text_downloads(web: Any) -> None:
    text = "请于11月5日前报送材料,逾期不再受理。\n"
    response = _post(web, "/review", {"text": text, "action": "fixed"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.content.decode("utf-8") == "请于11月5日前报送材料，逾期不再受理。\n"


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_is_kept_then_annotated(web: Any) -> None:
    data = _docx_bytes("关于报送材料的通知", "请于11月5日前报送材料,逾期不再受理。")
    files = {"file": ("通知.docx", data, "application/octet-stream")}
    html = _post(web, "/review", {"action": "lint", "genre": "notice"}, files).text
    assert "正在审校上传的 通知.docx" in html
    key = re.search(r'name="upload" value="([^"]+)"', html).group(1)
    response = _post(web, "/review", {"action": "annotate", "upload": key, "genre": "notice"})
    assert response.status_code == 200
    annotated = docx.Document(io.BytesIO(response.content))
    comments = list(annotated.comments)
    assert comments and any("N301" in c.text for c in comments)


def test_an_expired_upload_is_said(web: Any) -> None:
    response = _post(web, "/review", {"action": "annotate", "upload": "no-such-key"})
    assert response.status_code == 400
    assert "已过期" in unescape(response.text)


def test_review_without_text_is_said(web: Any) -> None:
    response = _post(web, "/review", {"text": "  ", "action": "lint"})
    assert response.status_code == 400
    assert "请粘贴文稿" in response.text


# --------------------------------------------------------------------------- 批量


def test_batch_of_20_units_with_2_bad_rows(web: Any) -> None:
    units = (BATCH_FIXTURES / "units-2026.csv").read_bytes()
    files = {"records": ("units-2026.csv", units, "text/csv")}
    response = _post(web, "/batch", {"template": "annual-summary"}, files)
    assert response.status_code == 200
    html = unescape(response.text)
    assert "共 20 条：写出 18 份，跳过 0 份，失败 2 条" in html
    assert html.count('data-status="失败"') == 2
    assert "units-2026.csv 第13行" in html and "/tmp" not in html
    key = re.search(r'href="/batch/download/([^"]+)"', html).group(1)
    download = web.get(f"/batch/download/{key}")
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    documents = [n for n in archive.namelist() if n.endswith(".docx")]
    assert len(documents) == 18 and "县教育局.docx" in documents
    report = list(csv.reader(io.StringIO(archive.read("报告.csv").decode("utf-8-sig"))))
    assert report[0] == ["位置", "结果", "文件", "说明"]
    failed = [row for row in report[1:] if row[1] == "失败"]
    assert [row[0] for row in failed] == ["units-2026.csv 第13行", "units-2026.csv 第20行"]
    assert "stats.petitions.closed" in failed[0][3]
    rows = [int(row[0].split("第")[1].rstrip("行")) for row in report[1:]]
    assert rows == sorted(rows) == list(range(2, 22))  # in the order of the CSV


def test_batch_with_previous_figures(web: Any) -> None:
    files = [
        ("records", ("brief.csv", (BATCH_FIXTURES / "units-2026-brief.csv").read_bytes())),
        ("previous", ("2025.csv", (BATCH_FIXTURES / "units-2025.csv").read_bytes())),
    ]
    response = web.post(
        "/batch",
        data={"csrf": CSRF, "template": "annual-summary"},
        files=files,
        headers=form_headers(),
    )
    html = unescape(response.text)
    assert response.status_code == 200
    assert "上年数据（2025.csv）中没有对应单位" in html


def test_batch_without_a_file_is_said(web: Any) -> None:
    response = _post(web, "/batch", {"template": "annual-summary"})
    assert response.status_code == 400
    assert "请选择数据文件" in response.text


def test_an_expired_zip_is_404_in_chinese(web: Any) -> None:
    response = web.get("/batch/download/abc")
    assert response.status_code == 404
    assert "已过期" in response.text


def test_every_page_is_chinese_and_offline(web: Any) -> None:
    for path in ("/draft", "/review", "/batch"):
        html = web.get(path).text
        assert '<html lang="zh-CN">' in html
        assert not re.search(r'(src|href)="(https?:)?//', html), path
    assert web.get("/static/app.js").status_code == 200
    assert web.get("/").headers.get("location") is None or True


def test_root_leads_to_the_draft_page(web: Any) -> None:
    response = web.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/draft"


def test_profile_values_do_not_leak_into_other_fields(web: Any, tmp_path: Path) -> None:
    html = web.get("/draft?template=annual-summary").text
    assert _inputs(html)["f.unit"] == "江州市审计局"
    assert "f.organs.0" not in _inputs(html)


@pytest.mark.slow
def test_pdf_download_with_libreoffice(web: Any) -> None:
    from pdf_layout import soffice

    if soffice() is None:
        pytest.skip("未安装 LibreOffice（soffice），不能生成 PDF")
    fields = _sample_form(web)
    response = _post(web, "/draft", {"template": "notice", "action": "pdf", **fields})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_button_only_with_libreoffice(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("drafting.serve.library.has_soffice", lambda: False)
    html = web.get("/draft").text
    assert 'value="pdf"' not in html and "本机未安装 LibreOffice" in html


def test_a_user_template_stays_sandboxed(tmp_path: Path) -> None:
    folder = tmp_path / "模板" / "escape"
    folder.mkdir(parents=True)
    (folder / "schema.yaml").write_text(
        "id: escape\nname: 越权\nfields:\n  title: {type: string, required: true}\n",
        encoding="utf-8",
    )
    (folder / "template.md.j2").write_text(
        "---\ntitle: {{ title }}\n---\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
        encoding="utf-8",
    )
    (folder / "sample.yaml").write_text("title: 关于测试的通知\n", encoding="utf-8")
    with client(template_dirs=(str(tmp_path / "模板"),), warm=False) as web:
        response = web.post(
            "/api/render", json={"template": "escape", "data": {"title": "关于测试的通知"}}
        )
    assert response.status_code == 400
    message = response.json()["error"]
    assert "不允许" in message and str(tmp_path) not in message


def _template_ids() -> list[str]:
    from drafting.drafts.templating import available_templates

    return [info.id for info in available_templates()]


@pytest.mark.parametrize("template", _template_ids())
def test_every_template_has_a_form_and_a_preview_of_its_sample(web: Any, template: str) -> None:
    assert web.get(f"/draft?template={template}").status_code == 200
    html = _post(web, "/draft", {"template": template, "action": "sample"}).text
    fields = {k: v for k, v in _inputs(html).items() if k.startswith("f.") and "__i" not in k}
    response = _post(web, "/draft", {"template": template, "action": "preview", **fields})
    assert response.status_code == 200, re.findall(
        r'class="err" role="alert">(.*?)<', response.text
    )
    assert '<div class="sheet"' in response.text
