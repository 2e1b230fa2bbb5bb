"""``--format html``: one self-contained page, the text of each file with its findings marked.

Everything is inline (CSS and a little JavaScript); the page loads nothing, so it opens from a
mail attachment or an offline folder. Each finding is a ``<mark>`` on its characters (with
``data-code``/``data-severity``/``data-id``) and a note beside its line; checkboxes filter by
severity, a list by rule code, and the counts follow the filters. Without JavaScript the page
shows every finding. All text is escaped, and control and bidi characters (which would reorder
what the reader sees) are shown as ``⟨ESC⟩``, ``⟨U+202E⟩`` … (:func:`drafting.terminal.visible`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from itertools import pairwise

from drafting import __version__
from drafting.lint.engine import FileError, FileResult, summary
from drafting.lint.profiles import DESCRIPTIONS
from drafting.lint.rule import Finding, Severity
from drafting.terminal import visible

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

_CSS = """
:root { --error: #c62828; --warning: #e08a00; --info: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
  "WenQuanYi Zen Hei", sans-serif; color: #222; background: #f6f6f4; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ddd;
  padding: 10px 20px; }
h1 { font-size: 18px; margin: 0 0 6px; }
h2 { font-size: 16px; margin: 0; word-break: break-all; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 12px;
  align-items: center; }
.filters legend { float: left; margin-right: 6px; font-weight: bold; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
.total { font-weight: bold; }
main { padding: 12px 20px 40px; }
section.file { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 14px 0;
  padding: 12px 16px; }
.meta { color: #666; font-size: 13px; margin: 2px 0 10px; }
.unreadable { color: var(--error); }
.line { display: grid; grid-template-columns: 3.5em minmax(0, 3fr) minmax(0, 2fr); gap: 0 12px;
  border-top: 1px solid #f0f0f0; padding: 2px 0; }
.ln { color: #999; text-align: right; font-size: 12px; padding-top: 3px;
  font-variant-numeric: tabular-nums; }
.tx { white-space: pre-wrap; word-break: break-all; }
.notes { list-style: none; margin: 0; padding: 0; font-size: 13px; }
.notes li { border-left: 3px solid #999; padding: 0 6px; margin: 2px 0; }
.notes li[data-severity="error"] { border-color: var(--error); }
.notes li[data-severity="warning"] { border-color: var(--warning); }
.notes li[data-severity="info"] { border-color: var(--info); }
.notes .code { font-weight: bold; margin-right: 4px; }
.notes .fix { color: #2e7d32; }
.notes [hidden], .line[hidden] { display: none; }
mark { background: none; color: inherit; }
mark[data-severity="error"]:not(.off) { background: #ffd6d6;
  border-bottom: 2px solid var(--error); }
mark[data-severity="warning"]:not(.off) { background: #ffeab8;
  border-bottom: 2px solid var(--warning); }
mark[data-severity="info"]:not(.off) { background: #dbe9ff; border-bottom: 2px solid var(--info); }
mark.point:not(.off)::after { content: "‸"; color: var(--error); }
table.codes { border-collapse: collapse; font-size: 13px; margin-top: 6px; }
table.codes td, table.codes th { border: 1px solid #e0e0e0; padding: 1px 8px; text-align: left; }
table.codes td.n { text-align: right; font-variant-numeric: tabular-nums; }
.clean { color: #2e7d32; }
"""

# No comment markers in the script: the page must contain no "//" at all.
_JS = """
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-id]"));
  var notes = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input.f-sev"));
  var codeSelect = document.getElementById("f-code");
  var onlyFlagged = document.getElementById("f-flagged");
  function shown(el) {
    var sev = el.getAttribute("data-severity");
    var code = el.getAttribute("data-code");
    var sevOn = sevBoxes.some(function (b) { return b.value === sev && b.checked; });
    var wanted = codeSelect.value;
    return sevOn && (wanted === "" || wanted === code);
  }
  function setCount(selector, n) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (el) {
      el.textContent = String(n);
    });
  }
  function apply() {
    var bySev = {}, byCode = {}, total = 0, visibleIds = {};
    notes.forEach(function (li) {
      var on = shown(li);
      li.hidden = !on;
      if (on) {
        total += 1;
        visibleIds[li.getAttribute("data-id")] = true;
        var sev = li.getAttribute("data-severity"), code = li.getAttribute("data-code");
        bySev[sev] = (bySev[sev] || 0) + 1;
        byCode[code] = (byCode[code] || 0) + 1;
      }
    });
    marks.forEach(function (m) {
      m.classList.toggle("off", !visibleIds[m.getAttribute("data-id")]);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-count-severity]"), function (el) {
      el.textContent = String(bySev[el.getAttribute("data-count-severity")] || 0);
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-count-code]"), function (el) {
      el.textContent = String(byCode[el.getAttribute("data-count-code")] || 0);
    });
    setCount("#count-visible", total);
    Array.prototype.forEach.call(document.querySelectorAll(".line"), function (line) {
      var flagged = line.querySelector("li.finding:not([hidden])") !== null;
      line.hidden = onlyFlagged.checked && !flagged;
    });
  }
  sevBoxes.forEach(function (b) { b.addEventListener("change", apply); });
  codeSelect.addEventListener("change", apply);
  onlyFlagged.addEventListener("change", apply);
  apply();
})();
"""


def _attr(value: object) -> str:
    return escape(visible(str(value)), quote=True)


def _text(value: str) -> str:
    """Text for the page: markup escaped, control and bidi characters made visible."""
    return escape(visible(value), quote=False)


def _spans_by_line(
    findings: Sequence[tuple[str, Finding]], lines: Sequence[str]
) -> dict[int, list[tuple[int, int, str, Finding]]]:
    """Per 1-based line: ``(start, end, id, finding)`` character ranges of that line."""
    out: dict[int, list[tuple[int, int, str, Finding]]] = {}
    for fid, f in findings:
        first, last = max(1, f.line), max(f.line, f.end_line)
        for number in range(first, last + 1):
            if number > len(lines):
                break
            length = len(lines[number - 1])
            start = min(f.column - 1, length) if number == first else 0
            end = min(f.end_column - 1, length) if number == last else length
            out.setdefault(number, []).append((max(0, start), max(start, end), fid, f))
    return out


def _marked(text: str, spans: Sequence[tuple[int, int, str, Finding]]) -> str:
    """``text`` escaped, with each span wrapped in marks; overlapping spans nest per piece."""
    edges = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    parts: list[str] = []
    points = [s for s in spans if s[0] == s[1]]
    for lo, hi in pairwise(edges):
        parts.extend(_point(fid, f) for start, _, fid, f in points if start == lo)
        piece = _text(text[lo:hi])
        for _start, _end, fid, f in (s for s in spans if s[0] <= lo and hi <= s[1] and s[0] < s[1]):
            piece = (
                f'<mark data-id="{fid}" data-code="{_attr(f.code)}" '
                f'data-severity="{f.severity.label}" title="{_attr(f.message)}">{piece}</mark>'
            )
        parts.append(piece)
    parts.extend(_point(fid, f) for start, _, fid, f in points if start == len(text) and text)
    if not text:
        parts.extend(_point(fid, f) for _, _, fid, f in points)
    return "".join(parts)


def _point(fid: str, f: Finding) -> str:
    return (
        f'<mark class="point" data-id="{fid}" data-code="{_attr(f.code)}" '
        f'data-severity="{f.severity.label}" title="{_attr(f.message)}"></mark>'
    )


def _says_fix(f: Finding) -> bool:
    """The message already names the replacement (…应为全角“，”): not said a second time."""
    return ("删" in f.message) if f.fix == "" else f"“{f.fix}”" in f.message


def _shown(path: str) -> str:
    """A path as the report shows it: relative to the current folder when inside it, else just
    the file's name (a report is sent to colleagues: it should not carry the sender's folders)."""
    import os

    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return os.path.basename(path)
    return os.path.basename(path) if relative.startswith("..") else relative


def _note(fid: str, f: Finding) -> str:
    fix = ""
    if f.fix is not None and not _says_fix(f):
        fix = (
            '<span class="fix">；建议删除</span>'
            if f.fix == ""
            else f'<span class="fix">；建议改为：{_text(f.fix)}</span>'
        )
    return (
        f'<li class="finding" data-id="{fid}" data-code="{_attr(f.code)}" '
        f'data-severity="{f.severity.label}">'
        f'<span class="code sev-{f.severity.label}">{escape(f.code)}</span>'
        f'<span class="where">{f.line}:{f.column}</span> '
        f'<span class="sev">[{f.severity.chinese}]</span> '
        f'<span class="msg">{_text(f.message)}</span>{fix}</li>'
    )


def _file_section(index: int, result: FileResult | FileError) -> str:
    if isinstance(result, FileError):
        shown = _shown(result.path)
        return (
            f'<section class="file" data-path="{_attr(shown)}"><h2>{_text(shown)}</h2>'
            f'<p class="unreadable">无法审校：{_text(result.message)}</p></section>'
        )
    ided = [(f"f{index}-{i}", f) for i, f in enumerate(result.findings)]
    by_line = _spans_by_line(ided, result.lines)
    notes_by_line: dict[int, list[str]] = {}
    for fid, f in ided:
        line = min(max(1, f.line), max(1, len(result.lines)))
        notes_by_line.setdefault(line, []).append(_note(fid, f))
    unit = "段" if result.source == "docx" else "行"
    rows = []
    for number, text in enumerate(result.lines, 1):
        notes = "".join(notes_by_line.get(number, []))
        rows.append(
            f'<div class="line" id="f{index}-l{number}"><span class="ln" title="第{number}{unit}">'
            f'{number}</span><span class="tx">{_marked(text, by_line.get(number, []))}</span>'
            f'<ul class="notes">{notes}</ul></div>'
        )
    genre = f"{result.genre}（{DESCRIPTIONS.get(result.genre, result.genre)}）"
    meta = f"文体：{escape(genre)}；问题 {len(result.findings)} 个"
    if not result.findings:
        meta += '；<span class="clean">未发现问题</span>'
    shown = _shown(result.path)
    return (
        f'<section class="file" data-path="{_attr(shown)}"><h2>{_text(shown)}</h2>'
        f'<p class="meta">{meta}</p><div class="doc">{"".join(rows)}</div></section>'
    )


def _summary(code: str) -> str:
    """The rule's Chinese one-line description (the table is for readers, not for configs)."""
    from drafting.lint.explain import summary_line
    from drafting.lint.rule import all_rules

    rule = all_rules().get(code)
    return summary_line(rule) if rule is not None else code


def _all_findings(results: Iterable[FileResult | FileError]) -> list[Finding]:
    return [f for r in results if isinstance(r, FileResult) for f in r.findings]


def render(results: Sequence[FileResult | FileError]) -> str:
    """The report page for ``results`` (files that could not be read are listed as such)."""
    findings = _all_findings(results)
    by_severity = Counter(f.severity.label for f in findings)
    by_code = Counter(f.code for f in findings)
    names = {f.code: _summary(f.code) for f in findings}
    severity_of = {f.code: f.severity for f in sorted(findings, key=lambda f: f.severity)}
    counts = summary(results)
    sev_boxes = "".join(
        f'<label class="sev-{s.label}"><input type="checkbox" class="f-sev" value="{s.label}" '
        f'checked> {s.chinese} <span data-count-severity="{s.label}">{by_severity[s.label]}'
        f"</span></label>"
        for s in _SEVERITIES
    )
    options = "".join(
        f'<option value="{_attr(code)}">{escape(code)} {escape(names[code])}（{n}）</option>'
        for code, n in sorted(by_code.items())
    )
    code_rows = "".join(
        f"<tr><td>{escape(code)}</td><td>{escape(names[code])}</td>"
        f'<td class="sev-{severity_of[code].label}">{severity_of[code].chinese}</td>'
        f'<td class="n" data-count-code="{_attr(code)}">{n}</td></tr>'
        for code, n in sorted(by_code.items())
    )
    table = (
        '<table class="codes"><thead><tr><th>规则</th><th>名称</th><th>严重程度</th>'
        f"<th>显示中</th></tr></thead><tbody>{code_rows}</tbody></table>"
        if code_rows
        else ""
    )
    sections = "".join(_file_section(i, r) for i, r in enumerate(results))
    unreadable = f"，{counts['unreadable']} 个文件无法读取" if counts["unreadable"] else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="drafting {__version__}">
<title>drafting 审校报告</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>审校报告</h1>
<p class="meta">共 {counts["files"]} 个文件{unreadable}；错误 {counts["errors"]} 个，警告 \
{counts["warnings"]} 个，提示 {counts["infos"]} 个；当前显示 \
<span class="total" id="count-visible">{len(findings)}</span> 个。</p>
<form class="filters" onsubmit="return false">
<fieldset><legend>严重程度</legend>{sev_boxes}</fieldset>
<label>规则 <select id="f-code"><option value="">全部规则</option>{options}</select></label>
<label><input type="checkbox" id="f-flagged"> 只看有问题的行（段）</label>
</form>
{table}
</header>
<main>
{sections}
</main>
<script>{_JS}</script>
</body>
</html>
"""
