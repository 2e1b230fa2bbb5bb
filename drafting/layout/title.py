"""Breaking a long 公文 title into lines that keep words whole.

GB/T 9704 7.3.1: a title of several lines breaks where the sense allows, keeping words
whole, and the lines form a trapezoid or a diamond, never an hourglass (a middle line
shorter than both of its neighbours). Words come from jieba (with the project's user
dictionary); a book title in 《》 or a bracketed phrase is not split unless it is itself
longer than a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations, pairwise

from drafting.zh.chars import width_in_chars as width  # a title's lines, in characters

#: A line should not end on these (they lean on what follows) ...
_NO_END = frozenset(
    ["关于", "对于", "对", "的", "和", "与", "及", "以及", "在", "为", "把", "将", "等"]
)
#: ... nor begin with these (they lean on what precedes).
_NO_START = frozenset(["的", "等", "之", "和", "与", "及", "了"])
_OPENERS = {"《": "》", "（": "）", "(": ")", "〔": "〕", "“": "”", "[": "]"}

_MAX_UNITS = 60  # beyond this, break greedily: enumerating breaks would be slow


#: What a number is not parted from: ``2026年度``, ``3个``, ``15项``, ``98.3%``.
_COUNTED = re.compile(r"^(?:年度|年|月|日|号|届|次|期|个|项|件|家|所|万|亿|元|%|％|周年)")
_DIGITS = re.compile(r"^[\d０-９.．]+$")


def units(title: str, keep: Iterable[str] = ()) -> list[str]:
    """The unbreakable pieces of ``title``: jieba words, with bracketed spans kept whole,
    closing punctuation attached to the word before it, a number with what it counts
    (``2026年度``), and each name of ``keep`` (the document's organs) whole."""
    pieces = _jieba_units(title)
    pieces = _numbers_with_counters(pieces)
    for name in sorted({n.strip() for n in keep if n and n.strip()}, key=len, reverse=True):
        pieces = _merge_spans(pieces, title, name)
    return pieces


def _numbers_with_counters(pieces: list[str]) -> list[str]:
    merged: list[str] = []
    for piece in pieces:
        if merged and _DIGITS.match(merged[-1]) and _COUNTED.match(piece):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def _merge_spans(pieces: list[str], title: str, name: str) -> list[str]:
    """``pieces`` with those overlapping an occurrence of ``name`` in ``title`` joined."""
    spans = []
    start = title.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = title.find(name, start + len(name))
    if not spans or "".join(pieces) != title:
        return pieces
    merged: list[str] = []
    merged_end = -1  # the end (in title) of the last piece joined to a span
    at = 0
    for piece in pieces:
        begin, end = at, at + len(piece)
        at = end
        inside = any(b < end and begin < e for b, e in spans)
        if inside and merged and begin < merged_end:
            merged[-1] += piece
        else:
            merged.append(piece)
        if inside:
            merged_end = max(e for b, e in spans if b < end and begin < e)
    return merged


def _jieba_units(title: str) -> list[str]:
    from drafting.zh.segment import cut

    pieces: list[str] = []
    depth_close: str | None = None
    for token in cut(title):
        word = token.word
        if depth_close is not None:
            pieces[-1] += word
            if depth_close in word:
                depth_close = None
            continue
        if word[0] in _OPENERS and _OPENERS[word[0]] not in word:
            depth_close = _OPENERS[word[0]]
            pieces.append(word)
        elif pieces and word in "》）)〕”]，、：；":
            pieces[-1] += word
        else:
            pieces.append(word)
    return pieces


def _words(text: str) -> list[str]:
    from drafting.zh.segment import cut

    return [token.word for token in cut(text)]


def break_title(title: str, max_chars: int, keep: Iterable[str] = ()) -> list[str]:
    """The title's lines, none wider than ``max_chars``; one line if it fits. The names of
    ``keep`` (organs) are not broken unless one is itself wider than a line."""
    title = title.strip()
    if width(title) <= max_chars:
        return [title]
    pieces: list[str] = []
    for piece in units(title, keep):  # a bracketed span too long for a line breaks inside
        pieces.extend(_words(piece) if width(piece) > max_chars else [piece])
    if len(pieces) > _MAX_UNITS:
        return _greedy(pieces, max_chars)
    least = max(2, int(-(-width(title) // max_chars)))
    for count in range(least, least + 3):
        best = _best(pieces, count, max_chars)
        if best is not None:
            return best
    return _greedy(pieces, max_chars)


def is_hourglass(widths: list[float]) -> bool:
    """True if a middle line is shorter than both neighbours."""
    return any(
        widths[i] < widths[i - 1] and widths[i] < widths[i + 1] for i in range(1, len(widths) - 1)
    )


def _best(pieces: list[str], count: int, max_chars: int) -> list[str] | None:
    best: tuple[float, list[str]] | None = None
    for cuts in combinations(range(1, len(pieces)), count - 1):
        bounds = (0, *cuts, len(pieces))
        lines = ["".join(pieces[a:b]) for a, b in pairwise(bounds)]
        widths = [width(line) for line in lines]
        if max(widths) > max_chars or is_hourglass(widths):
            continue
        score = _score(lines, widths, pieces, cuts)
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1] if best else None


def _score(
    lines: list[str], widths: list[float], pieces: list[str], cuts: tuple[int, ...]
) -> float:
    """Lower is better: balanced lines, no line ending on a leaning word."""
    mean = sum(widths) / len(widths)
    score = sum((w - mean) ** 2 for w in widths)
    for cut in cuts:
        if pieces[cut - 1] in _NO_END:
            score += 100
        if pieces[cut] in _NO_START or pieces[cut][0] in "的之":
            score += 100
    return score


def _greedy(pieces: list[str], max_chars: int) -> list[str]:
    lines: list[str] = [""]
    for piece in pieces:
        if lines[-1] and width(lines[-1] + piece) > max_chars:
            lines.append("")
        lines[-1] += piece
    return lines
