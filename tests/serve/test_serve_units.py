"""Units of ``drafting serve``: the form to and from values, the grid preview, the store of kept
files, the lint pool that survives a dying worker, the settings' host rules."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from drafting.render import docx_bytes, prepare
from drafting.resources import templates_dir
from drafting.serve import forms, kept, preview
from drafting.serve.library import get_template
from drafting.serve.settings import ServeSettings, is_loopback
from drafting.serve.workers import Busy, Workers

NOTICE = templates_dir() / "notice" / "sample.yaml"


# --------------------------------------------------------------------------- forms


@pytest.mark.parametrize(
    ("message", "key"),
    [
        ("缺少必填的字段“title”（标题）", "title"),
        (
            "字段“sections[2].subsections[1].heading”（分项标题）应为文字",
            "sections.1.subsections.0.heading",
        ),
        ("字段“stats.petitions.closed”（办结（件））应为整数", "stats.petitions.closed"),
        ("数据文件为空", ""),
    ],
)
def test_a_message_names_its_input(message: str, key: str) -> None:
    assert forms.field_key(message) == key


def test_form_values_follow_the_schema() -> None:
    fields = get_template("annual-summary").schema.fields
    posted = [
        ("f.unit", " 县审计局 "),
        ("f.year", "２０２６"),
        ("f.stats.docs_received", "1,234"),
        ("f.stats.docs_sent", "许多"),
        ("f.stats.info.submitted", ""),
        ("f.stats.info.adopted", ""),
        ("f.problems.3", "人手不足。"),
        ("f.problems.0", "资料整理不及时。"),
        ("f.problems.1", ""),
        ("f.problems.__i0__", "原型"),
        ("f.achievements.0.area", ""),
        ("f.achievements.0.text", ""),
        ("f.nothing", "不在模板里"),
        ("csrf", "x"),
    ]
    assert forms.values_from_form(fields, posted) == {
        "unit": "县审计局",
        "year": 2026,
        "stats": {"docs_received": 1234, "docs_sent": "许多"},
        "problems": ["资料整理不及时。", "人手不足。"],
    }


def test_text_keeps_its_lines_and_booleans_read() -> None:
    fields = get_template("notice").schema.fields
    values = forms.values_from_form(fields, [("f.opening", "第一行\r\n第二行\r\n\r\n")])
    assert values == {"opening": "第一行\n第二行"}


def test_the_form_of_a_template_starts_with_what_is_needed() -> None:
    fields = get_template("notice").schema.fields
    nodes = {node.key: node for node in forms.flatten(forms.build(fields, {}))}
    assert [n.key for n in nodes["organs"].items] == ["organs.0"]  # required: one to fill
    assert nodes["cc"].items == []  # optional list of names: none until added
    assert [n.key for n in nodes["sections"].items] == ["sections.0"]
    assert nodes["sections"].prototype is not None
    assert nodes["sections"].prototype.key == "sections.__i0__"
    assert nodes["urgency"].choices == ["特急", "加急"]
    assert nodes["date"].example == "2026-11-20"


def test_errors_go_beside_their_field_or_above() -> None:
    fields = get_template("notice").schema.fields
    nodes = forms.build(fields, {"sections": [{"heading": "a"}]})
    left = forms.attach_errors(
        nodes,
        [
            "缺少必填的字段“title”（标题）",
            "字段“sections[1].subsections[3].heading”应为文字",
            "模板出错",
        ],
    )
    by_key = {node.key: node for node in forms.flatten(nodes)}
    assert by_key["title"].errors == ["缺少必填的字段“title”（标题）"]
    assert by_key["sections.0.subsections"].errors  # the nearest field shown
    assert left == ["模板出错"]


def test_profile_values_only_for_the_templates_fields() -> None:
    fields = get_template("notice").schema.fields
    assert forms.merge_defaults(fields, {"organs": ["甲"], "unit": "乙"}) == {"organs": ["甲"]}


# --------------------------------------------------------------------------- preview


def test_lines_break_at_28_and_never_start_with_closing_punctuation() -> None:
    text = "各单位要实事求是、客观全面地总结一年来的工作，总结要突出重点、注重实效。" * 3
    lines = preview.wrap(text, 26, 28)
    assert preview.cells(lines[0]) <= 27 and all(preview.cells(line) <= 29 for line in lines)
    assert "".join(lines) == text
    assert not [line for line in lines[1:] if line[0] in preview.NO_LINE_START]


def test_the_grid_preview_lays_the_notice_on_22_lines() -> None:
    docx = docx_bytes(prepare("notice", NOTICE))
    shown = preview.html_preview(docx)
    assert shown.kind == "html" and len(shown.pages) >= 2
    pitch = 579 / 20
    for page in shown.pages:
        bottoms = [line["top_pt"] + line["height_pt"] for line in page["lines"]]
        assert max(bottoms) <= 22 * pitch + 0.6
    body = [
        line
        for page in shown.pages
        for line in page["lines"]
        if line["style"] == "正文" and line["align"] == "justify"
    ]
    advance = 16 - 0.25  # a body character's advance, in points
    filled = [preview.cells(line["text"]) + line["indent_pt"] / advance for line in body]
    assert filled and all(27 <= cells <= 29 for cells in filled), filled
    first = [line["text"] for line in shown.pages[0]["lines"]]
    assert "江州市人民政府办公室文件" in first and "关于做好2026年度工作总结的通知" in first
    assert shown.pages[-1]["colophon"]  # the 版记 at the foot of the last page


def test_without_libreoffice_the_preview_is_the_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("drafting.serve.library.has_soffice", lambda: False)
    shown = preview.preview(docx_bytes(prepare("notice", NOTICE)), pictures=True)
    assert shown.kind == "html" and "未安装 LibreOffice" in shown.note


def test_pdf_pages_become_pngs() -> None:
    fitz = pytest.importorskip("fitz")
    document = fitz.open()
    for _ in range(2):
        document.new_page(width=595, height=842)
    pngs = preview.png_pages(document.tobytes())
    assert len(pngs) == 2 and all(png.startswith(b"\x89PNG") for png in pngs)


# --------------------------------------------------------------------------- kept files


def test_kept_files_are_bounded_and_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    store = kept.Kept()
    try:
        monkeypatch.setattr(kept, "MAX_ENTRIES", 2)
        keys = [store.put(b"x" * 10, f"{n}.docx", "application/x") for n in range(3)]
        assert store.get(keys[0]) is None and store.get(keys[2]) is not None
        assert len(list(store.root.iterdir())) == 2
        monkeypatch.setattr(kept, "TTL_SECONDS", 0.0)
        time.sleep(0.01)
        assert store.get(keys[2]) is None and not list(store.root.iterdir())
        assert store.get("../../etc/passwd") is None
    finally:
        store.close()
    assert not store.root.exists()


# --------------------------------------------------------------------------- the lint pool


def test_a_dying_worker_is_a_503_and_the_next_request_works() -> None:
    workers = Workers(jobs=1)

    async def scenario() -> int:
        with pytest.raises(Busy):
            await workers.lint(os._exit, 3)
        return await workers.lint(abs, -7)

    try:
        assert asyncio.run(scenario()) == 7
    finally:
        workers.close()


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("::", False),
    ],
)
def test_loopback(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_host_header_rules() -> None:
    local = ServeSettings()
    assert local.host_allowed("127.0.0.1:8000") and local.host_allowed("localhost")
    assert local.host_allowed("[::1]:8000")
    assert not local.host_allowed("attacker.example:8000")
    assert ServeSettings(host="0.0.0.0", token="t" * 20).host_allowed("anything")


def test_the_banner_says_how_to_open_it() -> None:
    office = ServeSettings(host="0.0.0.0", port=8080, token="secret-token-0123456789")
    lines = "\n".join(office.banner())
    assert "?token=secret-token-0123456789" in lines
    assert "Authorization: Bearer secret-token-0123456789" in lines
    assert "只有本机能访问" in "\n".join(ServeSettings().banner())


def test_static_files_are_in_the_package() -> None:
    folder = Path(forms.__file__).parent
    assert (folder / "static" / "app.js").is_file() and (
        folder / "templates" / "draft.html"
    ).is_file()
