"""ASCII double quotes in Chinese text (N318): "双微" for “双微”."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc, TextParagraph
from drafting.zh.chars import URL, is_chinese
from drafting.zh.patterns import lazy_re

_QUOTE_MARKS = lazy_re('["＂“”]', first='["＂“”]')
_ASCII = '"＂'


def _chinese_near(text: str, i: int) -> bool:
    """A Chinese character or mark beside the quote (past one space)."""
    for step in (-1, 1):
        j = i + step
        if 0 <= j < len(text) and text[j] == " ":
            j += step
        if 0 <= j < len(text) and is_chinese(text[j]):
            return True
    return False


def _in_code(text: str, i: int) -> bool:
    """A quote of code or data: ``print("…")``, ``key="…"``, ``["a", "b"]``."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isascii() and before.isdigit():
        return True  # 5" : an inch mark
    return (bool(before) and before in "([{=,:") or (bool(after) and after in ")]},;:")


def _code_quotes(text: str, quotes: list[int]) -> set[int]:
    """The straight quotes of code or data: a pair (first and second, third and fourth …) of
    which either stands in code (``name="江州"``), and lone inch marks."""
    code = {i for i in quotes if _in_code(text, i)}
    if len(quotes) % 2 == 0:
        for a, b in zip(quotes[::2], quotes[1::2], strict=True):
            if a in code or b in code:
                code |= {a, b}
    return code


def _roles(text: str, marks: list[int]) -> dict[int, str] | None:
    """The curly quote each ASCII quote of the paragraph stands for, when the pairing is
    unambiguous: the quotes (curly and straight) alternate open, close, open …, and no curly
    quote contradicts its place. ``None`` when they do not pair that way."""
    roles: dict[int, str] = {}
    inside = False
    for i in marks:
        char = text[i]
        if char == "“":
            if inside:
                return None
            inside = True
        elif char == "”":
            if not inside:
                return None
            inside = False
        else:
            roles[i] = "”" if inside else "“"
            inside = not inside
    return None if inside else roles


@register
class AsciiQuote(Rule):
    code = "N318"
    name = "ascii-quote"
    severity = Severity.ERROR
    fixable = True
    what = (
        '中文语句中用了半角（ASCII）双引号 "，或全角的直引号 ＂：应为弯引号“”。'
        "一段中的引号能明确配对（直引号与弯引号按开、合、开、合交替）时可自动改为“或”；"
        "配不上对的只提示，不修复。英文、代码和网址中的引号不报。"
    )
    why = (
        "GB/T 15834-2011 规定中文的引号是“”和‘’。直引号多是英文输入法或网页复制带入的，"
        "印在公文里字形不对、宽度不一。"
    )
    bad = '要用好"双微"平台，及时回应群众关切。'
    good = "要用好“双微”平台，及时回应群众关切。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for paragraph in doc.paragraphs:
            if '"' in paragraph.text or "＂" in paragraph.text:
                yield from self._paragraph(paragraph)

    @staticmethod
    def _paragraph(paragraph: TextParagraph) -> Iterator[Issue]:
        text, base = paragraph.text, paragraph.start
        urls = [m.span() for m in URL.finditer(text)]
        marks = [
            m.start()
            for m in _QUOTE_MARKS.finditer(text)
            if not any(a <= m.start() < b for a, b in urls)
        ]
        code = _code_quotes(text, [i for i in marks if text[i] in _ASCII])
        marks = [i for i in marks if i not in code]
        ascii_marks = [i for i in marks if text[i] in _ASCII]
        if not any(_chinese_near(text, i) for i in ascii_marks):
            return  # English or code: its quotes are its own
        roles = _roles(text, marks) or {}
        for i in ascii_marks:
            if not _chinese_near(text, i) and i not in roles:
                continue
            right = roles.get(i)
            if right:
                message = f"中文语句中用了直引号“{text[i]}”，应为弯引号“{right}”"
            else:
                message = f"中文语句中用了直引号“{text[i]}”，应改为弯引号“”（本段引号配不上对）"
            yield Issue(base + i, base + i + 1, message, fix=right)
