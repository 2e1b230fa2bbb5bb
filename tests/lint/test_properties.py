"""Property tests: random texts through the linter in-process, with every rule.

10,000 texts in all: 7,000 through the rules that need only the text (fast), 2,000 through
the rules that need jieba's words and parts of speech, 1,000 read as Markdown. Texts mix
Chinese, official phrasing that triggers rules (every rule's own ``bad`` example, lexicon
entries), Chinese and ASCII punctuation, control characters, lone surrogates (which cannot be
encoded, hence in-process), other scripts, suppression comments and very long lines.
For each text and genre:

* linting raises nothing;
* every raw issue a rule yields lies inside ``doc.text`` with ``start <= end`` (the engine
  clamps spans, which would otherwise hide a rule's bad offsets);
* every finding's span lies inside the text, its ``excerpt`` is the text at that span, and its
  line/column pairs follow from the offsets (1-based, characters; end column exclusive);
* the same text linted twice gives the same findings.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.errors import InputError
from drafting.lint import engine
from drafting.lint.api import lint_text
from drafting.lint.rule import PROFILES, Finding, Issue, Needs, Rule, all_rules
from drafting.resources import corpus_dir
from drafting.sources import read_source, read_string
from drafting.sources.document import PreparedDoc

TEXT_EXAMPLES = 7000
WORD_EXAMPLES = 2000
MARKDOWN_EXAMPLES = 1000
_DIRECTIVE_LINE = re.compile(r"^\s*<!--\s*drafting:.*-->\s*$")


@cache
def _codes(words: bool) -> tuple[str, ...]:
    """Codes of the rules that need jieba (``words``) or only the text."""
    return tuple(code for code, rule in all_rules().items() if (rule.needs >= Needs.WORDS) == words)


@cache
def _phrases() -> tuple[str, ...]:
    """Pieces that make rules fire: every rule's bad and good example, and lexicon entries."""
    pieces: list[str] = []
    for rule in all_rules().values():
        pieces += [rule.bad, rule.good]
    for path in sorted(corpus_dir().glob("*.txt")):
        if path.name in ("chars_level1.txt", "userdict.txt"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        entries = [line.split("\t")[0] for line in lines if line and not line.startswith("#")]
        pieces += entries[:: max(1, len(entries) // 40)]  # a spread of each lexicon
    pieces += [
        "关于做好2026年冬季安全生产工作的通知",
        "各乡镇人民政府，县政府各部门：",
        "一、", "（一）", "1.", "（1）", "一.", "（一）、", "1、",
        "县政办〔2026〕31号", "县政办[2026]31号", "县政办【2026】第031号",
        "2026年11月5日", "2026-11-05", "2026.11.5", "二〇二六年十一月五日", "08年",
        "附件：1.", "附件:1.《名单》。", "……", "...", "。。。", "——", "--", "—",
        "xx年", "XX", "××", "某某", "＿＿", "{{ name }}", "{% if x %}", "【待填】",
        "10%～20%", "三、四个", "１２３", "1百零8",
        "<!-- drafting: disable N301 -->", "<!-- drafting: enable -->",
        "<!-- drafting: disable-next-line P201 -->", "<!-- drafting: disable ALL",
    ]  # fmt: skip
    return tuple(piece for piece in pieces if piece)


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_PUNCT = st.sampled_from(list("“”‘’《》〈〉（）【】〔〕、；。，！？：…—·「」『』,.;:?!()[]\"'-%～"))
_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
_CONTROL = st.sampled_from(
    [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029", "\u200b", "\ufeff"]
)
_SURROGATE = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
_OTHER = st.sampled_from(
    [*"這個問題發展經濟απλόςкириллица한국어日本語のテキスト", "\U0001f600", "\U00020000", "\u0301"]
)
_SPACE = st.sampled_from(["\n", "\n\n", "\r\n", "\r", " ", "  ", "\t", "\u3000", "e\u0301"])


def _chunk() -> st.SearchStrategy[str]:
    char = st.one_of(_CJK, _PUNCT, _ASCII, _CONTROL, _OTHER)
    return st.one_of(
        st.sampled_from(_phrases()),
        st.text(char, min_size=1, max_size=12),
        st.one_of(_SPACE, _SURROGATE),  # a surrogate as a whole chunk: st.text() never makes one
    )


def _texts() -> st.SearchStrategy[str]:
    short = st.lists(_chunk(), max_size=40).map("".join)
    long_line = st.tuples(st.sampled_from(_phrases()), st.integers(10, 60)).map(
        lambda pair: pair[0].replace("\n", "，") * pair[1]
    )
    mixed = st.tuples(short, long_line, short).map("".join)
    return st.one_of(short, short, short, long_line, mixed)


def _expected_text(text: str) -> str:
    """``doc.text`` as the reader makes it: newlines normalised, directive lines blanked."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join("" if _DIRECTIVE_LINE.match(line) else line for line in text.split("\n"))


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_to_finding = engine.to_finding


def _checked_to_finding(
    doc: PreparedDoc, rule: type[Rule], issue: Issue, *args: Any, **kwargs: Any
) -> Finding:
    """The engine's own conversion, after checking the raw issue (which it would clamp)."""
    assert 0 <= issue.start <= issue.end <= len(doc.text), (rule.code, issue, len(doc.text))
    assert issue.message and "\n" not in issue.message, (rule.code, issue)
    return _to_finding(doc, rule, issue, *args, **kwargs)


def _check(text: str, genre: str, codes: tuple[str, ...]) -> None:
    doc_text = _expected_text(text)
    assert read_string(text).doc.text == doc_text
    with patch.object(engine, "to_finding", _checked_to_finding):
        first = lint_text(text, genre=genre, select=codes)
    second = lint_text(text, genre=genre, select=codes)
    assert [f.as_dict() for f in first.findings] == [f.as_dict() for f in second.findings]
    assert [(f.start, f.end) for f in first.findings] == [(f.start, f.end) for f in second.findings]
    for finding in first.findings:
        assert finding.code in codes
        assert 0 <= finding.start <= finding.end <= len(doc_text), finding
        assert finding.excerpt == doc_text[finding.start : finding.end], finding
        assert (finding.line, finding.column) == _position(doc_text, finding.start), finding
        if finding.end > finding.start:
            last_line, last_column = _position(doc_text, finding.end - 1)
            assert (finding.end_line, finding.end_column) == (last_line, last_column + 1), finding
        else:
            assert (finding.end_line, finding.end_column) == (finding.line, finding.column)
        lines = first.lines
        if finding.line == finding.end_line and finding.line <= len(lines):
            row = lines[finding.line - 1]
            assert row[finding.column - 1 : finding.end_column - 1] == finding.excerpt, finding


_GENRES = st.sampled_from((*PROFILES, "auto"))
_SETTINGS = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


@pytest.mark.slow
@settings(max_examples=TEXT_EXAMPLES, **_SETTINGS)
@given(text=_texts(), genre=_GENRES)
def test_text_rules_hold_on_random_texts(text: str, genre: str) -> None:
    _check(text, genre, _codes(words=False))


@pytest.mark.slow
@settings(max_examples=WORD_EXAMPLES, **_SETTINGS)
@given(text=_texts(), genre=_GENRES)
def test_word_rules_hold_on_random_texts(text: str, genre: str) -> None:
    _check(text, genre, _codes(words=True))


_MARKDOWN = st.sampled_from(
    ["# ", "## ", "- ", "1. ", "> ", "**", "*", "`", "```\n", "---\n", "|甲|乙|\n|-|-|\n",
     "[通知](https://www.gov.cn)", "<br>", "<!-- 注释 -->", "\\", "  \n", "title: 关于\n"]
)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=MARKDOWN_EXAMPLES, **_SETTINGS)
@given(text=st.lists(st.one_of(_MARKDOWN, _chunk()), max_size=40).map("".join), genre=_GENRES)
def test_markdown_texts_lint_consistently(text: str, genre: str) -> None:
    """Markdown maps every character back to its source; findings sit on the prepared text."""
    codes = _codes(words=False)
    doc_text = read_string(text, markdown=True).doc.text
    with patch.object(engine, "to_finding", _checked_to_finding):
        first = lint_text(text, genre=genre, select=codes, markdown=True)
    second = lint_text(text, genre=genre, select=codes, markdown=True)
    assert [f.as_dict() for f in first.findings] == [f.as_dict() for f in second.findings]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for finding in first.findings:
        assert finding.excerpt == doc_text[finding.start : finding.end], finding
        assert 1 <= finding.line <= finding.end_line <= lines, finding
        assert finding.column >= 1 and finding.end_column >= 1, finding


def test_examples_total_ten_thousand() -> None:
    assert TEXT_EXAMPLES + WORD_EXAMPLES + MARKDOWN_EXAMPLES >= 10_000
    assert _codes(words=False) and _codes(words=True)


# --------------------------------------------------------------------------- reading bytes


@cache
def _docx_bytes() -> bytes:
    """A small real .docx (python-docx) of the short notice in ``tests/fixtures/bad``."""
    import io

    import docx
    from badinputs import notice_text

    document = docx.Document()
    for line in notice_text().splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _encoded() -> st.SearchStrategy[bytes]:
    encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "big5"])
    text = st.lists(_chunk(), max_size=20).map("".join)
    return st.tuples(text, encodings).map(lambda pair: pair[0].encode(pair[1], "replace"))


@pytest.mark.slow
@settings(max_examples=1500, **_SETTINGS)
@given(data=st.one_of(st.binary(max_size=400), _encoded()), name=st.sampled_from(["a.txt", "a.md"]))
def test_any_bytes_read_as_text_or_refused_cleanly(data: bytes, name: str) -> None:
    """Whatever the bytes, reading a .txt/.md gives a document or an InputError (one line)."""
    try:
        source = read_source(name, data)
    except InputError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in str(exc)
        return
    assert "\r" not in source.doc.text


@pytest.mark.slow
@settings(max_examples=200, **_SETTINGS)
@given(cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
                     min_size=1, max_size=4))  # fmt: skip
def test_damaged_docx_is_read_or_refused_cleanly(cuts: list[tuple[int, bytes]]) -> None:
    """A real .docx with a few byte runs overwritten: a document or an InputError, never a crash."""
    data = bytearray(_docx_bytes())
    for offset, junk in cuts:
        at = offset % len(data)
        data[at : at + len(junk)] = junk
    try:
        read_source("damaged.docx", bytes(data))
    except InputError as exc:
        assert str(exc).startswith("damaged.docx: ") and "\n" not in str(exc)
