"""Breaking a long 公文 title into lines that keep words whole.

GB/T 9704 7.3.1: a title of several lines breaks where the sense allows, keeping words
whole, and the lines form a trapezoid or a diamond, never an hourglass (a middle line
shorter than both of its neighbours). Words come from jieba (with the project's user
dictionary); a book title in 《》 or a bracketed phrase is not split unless it is itself
longer than a line.
"""

from __future__ import annotations

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


def units(title: str) -> list[str]:
    """The unbreakable pieces of ``title``: jieba words, with bracketed spans kept whole and
    closing punctuation attached to the word before it."""
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


def break_title(title: str, max_chars: int) -> list[str]:
    """The title's lines, none wider than ``max_chars``; one line if it fits."""
    title = title.strip()
    if width(title) <= max_chars:
        return [title]
    pieces: list[str] = []
    for piece in units(title):  # a bracketed span too long for a line breaks inside
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
