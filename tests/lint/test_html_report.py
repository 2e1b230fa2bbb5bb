"""The HTML report: self-contained, escaped, each finding marked on exactly its characters."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from review_sample import SAMPLE, sample_results

from drafting.lint.report import available, renderer
from drafting.lint.report.html import render


class _Page(HTMLParser):
    """Collects the text under each ``<mark data-id>``, the notes, the counts and the tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: dict[str, str] = {}
        self.mark_attrs: dict[str, dict[str, str]] = {}
        self.notes: dict[str, dict[str, str]] = {}
        self.counts: dict[str, str] = {}
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._open: list[str | None] = []
        self._count: str | None = None
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "mark":
            self._open.append(a.get("data-id"))
            self.marks.setdefault(a["data-id"], "")
            self.mark_attrs[a["data-id"]] = a
        elif tag == "li" and "finding" in a.get("class", ""):
            self.notes[a["data-id"]] = a
        elif tag == "script":
            self._in_script = True
        for key in ("data-count-severity", "data-count-code"):
            if key in a:
                self._count = f"{key}={a[key]}"
        if a.get("id") == "count-visible":
            self._count = "visible"

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open.pop()
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
            return
        for fid in self._open:
            if fid:
                self.marks[fid] += data
        if self._count:
            self.counts[self._count] = data
            self._count = None


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def test_html_is_a_registered_format() -> None:
    assert "html" in available()
    assert renderer("html") is render


def test_page_loads_nothing_from_outside() -> None:
    page = render(sample_results())
    assert "http://" not in page and "https://" not in page
    assert "//" not in page
    assert "@import" not in page and "url(" not in page
    for tag, attrs in _parse(page).tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag


def test_all_text_is_escaped() -> None:
    page = render(sample_results())
    parsed = _parse(page)
    assert [t for t, _ in parsed.tags].count("script") == 1  # ours, at the end
    assert "<script>alert" not in page
    assert '报送&lt;script&gt;alert("x")&lt;/script&gt;材料' in page
    assert "<b>" not in page and "&lt;b&gt;12345678&lt;/b&gt;" in page
    assert "张三<mark" in page and " &amp; </mark>李四" in page
    assert "句子过长&lt;示例&gt;" in page
    assert "无法识别文件编码&lt;gbk&gt;" in page


def test_each_finding_is_marked_on_its_excerpt_with_code_and_severity() -> None:
    results = sample_results()
    parsed = _parse(render(results))
    findings = results[0].findings
    assert len(parsed.notes) == len(findings)
    for i, f in enumerate(findings):
        fid = f"f0-{i}"
        assert parsed.marks[fid] == f.excerpt
        assert parsed.mark_attrs[fid]["data-code"] == f.code
        assert parsed.mark_attrs[fid]["data-severity"] == f.severity.label
        assert parsed.notes[fid]["data-code"] == f.code
    # the long sentence holds the comma and the doubled stop: nested marks, text intact
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert parsed.marks["f0-3"] == lines[2]


def test_counts_per_severity_and_code() -> None:
    counts = _parse(render(sample_results())).counts
    assert counts["visible"] == "6"
    assert counts["data-count-severity=error"] == "3"
    assert counts["data-count-severity=warning"] == "2"
    assert counts["data-count-severity=info"] == "1"
    assert counts["data-count-code=N301"] == "2"
    assert counts["data-count-code=P201"] == "1"


def test_ui_is_chinese() -> None:
    page = render(sample_results())
    for label in ("审校报告", "严重程度", "全部规则", "错误", "警告", "提示", "建议改为：，"):
        assert label in page
    assert '<html lang="zh-CN">' in page


def test_end_to_end_through_the_linter(tmp_path: Path) -> None:
    from drafting.lint.api import lint_paths

    results = lint_paths([SAMPLE], select=["N301"])
    findings = results[0].findings
    assert [f.excerpt for f in findings] == [",", ","]
    parsed = _parse(render(results))
    assert [parsed.marks[f"f0-{i}"] for i in range(len(findings))] == [",", ","]
    assert re.search(r"<h2>[^<]*escape\.txt</h2>", render(results))
