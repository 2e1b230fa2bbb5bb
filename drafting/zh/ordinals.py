"""Heading ordinals (序次语) of GB/T 9704-2012 7.3.3: 一、 （一） 1. （1） for levels 1–4.

One home for the three ways the code reads them and the one way it writes them:

* :func:`correct_ordinal`: the ordinal a text opens with in its correct form (the reviewing
  pipeline's headings and levels);
* :func:`typed_ordinal`: a heading ordinal a writer typed in a Markdown draft, in the correct
  form or a common wrong one (``一.`` ``(二)`` ``3、``), with its number (the drafting pipeline
  keeps it as typed);
* :func:`written_ordinal`: any ordinal form writers put before a line, leading spaces skipped
  (the anatomy reader's heading levels);
* :func:`format_ordinal`: the correct ordinal of a number at a level.

The three readings differ on purpose (a typed heading must have text after its ordinal; the
anatomy reader accepts 千 and 两 in Chinese numerals), and the tests pin each caller's behaviour.
"""

from __future__ import annotations

import re

from drafting.zh.numerals import cn_number, loose_number
from drafting.zh.patterns import lazy_re

#: The correct forms of the four levels.
_CORRECT: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, lazy_re(r"[一二三四五六七八九十百]+、")),
    (2, lazy_re(r"[（(][一二三四五六七八九十百]+[）)]")),
    (3, lazy_re(r"[0-9０-９]+[.．](?![0-9０-９])")),
    (4, lazy_re(r"[（(][0-9０-９]+[）)]")),
)

_TYPED_CN = "一二三四五六七八九十百零〇"
#: Hand-typed heading ordinals, level by level, in correct and common wrong forms. Group
#: ``n`` is the number; the whole match is what the writer typed (kept as the ordinal).
_TYPED: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(rf"^[（(]\s*(?P<n>[{_TYPED_CN}]+)\s*[）)][、.．，,]?\s*")),
    (4, re.compile(r"^[（(]\s*(?P<n>[0-9０-９]+)\s*[）)][、.．，,]?\s*")),
    (1, re.compile(rf"^(?P<n>[{_TYPED_CN}]+)\s*[、.．，,]\s*")),
    (3, re.compile(r"^(?P<n>[0-9０-９]+)\s*[.．、，,](?![0-9０-９])\s*")),
)

_WRITTEN_CN = "一二三四五六七八九十百千零〇两"
#: Any ordinal form writers put before a line (一、 一. （一） (一) 1. 1、 （1）).
_WRITTEN: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(rf"[（(]\s*[{_WRITTEN_CN}]+\s*[）)]")),
    (4, re.compile(r"[（(]\s*[0-9０-９]+\s*[）)]")),
    (1, re.compile(rf"[{_WRITTEN_CN}]+\s*[、.．，,]")),
    (3, re.compile(r"[0-9０-９]+\s*[.．、，,](?![0-9０-９])")),
)


def correct_ordinal(text: str) -> tuple[int, str] | None:
    """The heading level and ordinal that ``text`` opens with in its correct form, if any."""
    for level, pattern in _CORRECT:
        match = pattern.match(text)
        if match:
            return level, match.group()
    return None


def typed_ordinal(text: str) -> tuple[int, int, str] | None:
    """(level, number, ordinal as typed) if ``text`` opens with a hand-typed heading ordinal
    and has text after it."""
    for level, pattern in _TYPED:
        match = pattern.match(text)
        if match and match.end() < len(text):
            return level, loose_number(match.group("n")), match.group()
    return None


def written_ordinal(text: str) -> tuple[int, str] | None:
    """The heading level (1–4) and the ordinal ``text`` opens with, in any form writers type
    (一、 一. （一） (一) 1. 1、 （1）), leading spaces skipped; ``None`` when there is none."""
    stripped = text.lstrip(" \u3000")
    for level, pattern in _WRITTEN:
        match = pattern.match(stripped)
        if match:
            return level, match.group()
    return None


def format_ordinal(number: int, level: int) -> str:
    """The correct ordinal of ``number`` at ``level`` (1–4): 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_number(number)}、"
    if level == 2:
        return f"（{cn_number(number)}）"
    if level == 3:
        return f"{number}."
    if level == 4:
        return f"（{number}）"
    raise ValueError(f"序号层级应为 1–4，而不是 {level}")
