"""Character classes the rules share: CJK ideographs, CJK punctuation, Latin runs, widths."""

from __future__ import annotations

import math
import unicodedata

from drafting.zh.patterns import lazy_re

#: Runs of Latin letters and digits (half- or full-width digits are both "narrow" for length).
LATIN_RUN = lazy_re(r"[A-Za-z0-9]+")

#: URLs, e-mail addresses and domain-like tokens: punctuation inside them is never Chinese text.
URL = lazy_re(
    r"(?:https?|ftp)://[^\s，。；、！？“”‘’（）《》【】]+"
    r"|www\.[A-Za-z0-9.-]+(?:/[^\s，。；、！？“”（）《》]*)?"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    first=r"[A-Za-z0-9._%+-](?=[A-Za-z0-9._%+-]*@|(?<=h)ttps?://|(?<=f)tp://|(?<=w)ww\.)",
)


def is_ideograph(char: str) -> bool:
    """A CJK unified ideograph (basic block, extension A, compatibility ideographs); False for
    anything but a single character."""
    if len(char) != 1:
        return False
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def is_cjk_punct(char: str) -> bool:
    """CJK punctuation: 。、《》【】〔〕 and full-width forms ，；：？！（）… (not “” ‘’)."""
    if len(char) != 1:
        return False
    code = ord(char)
    if 0x3000 < code <= 0x303F:
        return True
    if 0xFF01 <= code <= 0xFF65:
        return not (char.isalnum())
    return char in "…—·"


def is_chinese(char: str) -> bool:
    """A character of Chinese text: an ideograph or CJK punctuation (False for "")."""
    return len(char) == 1 and (is_ideograph(char) or is_cjk_punct(char))


def display_width(text: str) -> int:
    """Terminal columns of ``text``: East-Asian wide and full-width characters take two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def width_in_chars(text: str) -> float:
    """Width of a line in characters of the body face: full-width characters count 1, ASCII
    letters and digits ½ (what a title's lines and a clerk's lines are measured in)."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


def reading_length(text: str) -> int:
    """Length of a sentence as a reader feels it: each Chinese character or mark counts one,
    a run of Latin letters or digits counts half its length (rounded up), spaces count nothing."""
    length = 0
    pos = 0
    for match in LATIN_RUN.finditer(text):
        length += _plain_length(text[pos : match.start()])
        length += math.ceil(len(match.group()) / 2)
        pos = match.end()
    return length + _plain_length(text[pos:])


def _plain_length(text: str) -> int:
    """Characters of ``text`` that are not spaces (``str.split`` drops exactly ``isspace``)."""
    return len("".join(text.split()))


#: A quotation or a title in book-title marks: words the writer quotes and cannot shorten.
QUOTED = lazy_re(r"“[^“”]*”|《[^《》]*》", first="[“《]")


def unquoted(text: str) -> str:
    """``text`` with each quotation (“……”) and each title (《……》) reduced to its two marks:
    what a sentence's own length and commas are measured on (a quoted instruction or a
    document's title is not the writer's wording to split)."""
    if "“" not in text and "《" not in text:
        return text
    return QUOTED.sub(lambda m: m.group()[0] + m.group()[-1], text)


def states_formula(text: str) -> bool:
    """Whether the sentence ``text`` states a prescribed formula (…的总体要求是：…, 指导思想是：…,
    做好今年政府工作，要…; ``corpus/formula_leads.txt``): a set text copied as one sentence."""
    from drafting import lexicon

    leads = lexicon.words("formula_leads.txt")
    opening = text.lstrip()
    if any(lead.endswith("要") and lead in opening[:60] for lead in leads):
        return True  # （今年是……，）做好今年政府工作，要……: the 总体要求 of a work report
    if "是：" not in text and "是:" not in text:
        return False
    return any(f"{lead}：" in text or f"{lead}:" in text for lead in leads)
