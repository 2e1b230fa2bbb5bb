"""Simplified and Traditional script, read with OpenCC (https://github.com/BYVoid/OpenCC).

* **Character sets** (``corpus/trad_simp.txt``, ``corpus/simp_only.txt``, derived from
  OpenCC's character tables): the characters that are only Traditional (經, 們, 後 …) and those
  that are only Simplified (经, 们, 发 …; Taiwan's and Hong Kong's standard forms such as 秘, 群
  left out). They tell a Traditional text from a Simplified one and find the runs of the other
  script at the speed of a character class, without loading OpenCC.
* **Conversion in context**, by OpenCC's phrase-aware converters (the ``opencc`` package),
  loaded only for a text that holds characters of the other script: 干部 is 幹部 and 干燥 is
  乾燥 in Traditional; 聯系 is a wrong variant of 聯繫. A character of a Traditional text is a
  Simplified leftover (or a wrong variant) when converting the text to Simplified and back to
  Traditional changes it in every standard (OpenCC's, Taiwan's and Hong Kong's).

OpenCC's phrase and character dictionaries map a string to one of the same length, so a
position in a converted text is the same position in the original (checked; a text where it
is not so is converted character by character).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from drafting import lexicon
from drafting.zh.patterns import CharRuns, lazy_re, ranges_of


@cache
def traditional_only() -> dict[str, str]:
    """Traditional-only characters and their usual Simplified form (經→经, 後→后)."""
    return lexicon.pairs("trad_simp.txt")


@cache
def simplified_only() -> frozenset[str]:
    """Simplified-only characters (发, 东, 们): never a Traditional form in any standard."""
    return frozenset(lexicon.words("simp_only.txt"))


@cache
def traditional_runs() -> CharRuns:
    members = traditional_only()
    return CharRuns(lambda: ranges_of(members), members)


def count_simplified(text: str, most: int) -> int:
    """How many Simplified-only characters ``text`` holds, counting no further than
    ``most + 1``: a Simplified text shows that many within its first sentences."""
    simplified = simplified_only()
    count = 0
    for char in text:
        if char in simplified:
            count += 1
            if count > most:
                break
    return count


_SCRIPT_CACHE: dict[int, tuple[str, bool]] = {}


def mostly_traditional(text: str) -> bool:
    """Whether ``text`` is written in Traditional characters: at least five Traditional-only
    characters and at most one Simplified-only character for every ten of them (cached for
    the last few texts asked about: several rules ask about the same document)."""
    key = id(text)
    found = _SCRIPT_CACHE.get(key)
    if found is not None and found[0] is text:
        return found[1]
    count = sum(end - start for start, end in traditional_runs().spans(text))
    answer = count >= 5 and count_simplified(text, count // 10) <= count // 10
    if len(_SCRIPT_CACHE) > 8:
        _SCRIPT_CACHE.clear()
    _SCRIPT_CACHE[key] = (text, answer)
    return answer


_SURROGATE = lazy_re("[\ud800-\udfff]")


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    """``text`` converted by OpenCC's ``config`` (``t2s``, ``s2t``, ``s2tw``, ``s2hk``); the
    result has the same length (OpenCC's dictionaries map strings to strings as long)."""
    if _SURROGATE.search(text):  # a lone surrogate cannot go through OpenCC (UTF-8 inside)
        safe = _SURROGATE.sub("\ufffd", text)
        out = convert(safe, config)
        return "".join(
            o if s != "\ufffd" or t == "\ufffd" else t
            for o, s, t in zip(out, safe, text, strict=True)
        )
    out = _converter(f"{config}.json").convert(text)
    if len(out) != len(text):  # a dictionary entry of another length: convert char by char
        out = "".join(_converter(f"{config}.json").convert(char) or char for char in text)
    return out


def simplified_leftovers(text: str) -> list[tuple[int, str]]:
    """In a Traditional ``text``: each position holding a Simplified leftover or a wrong
    variant, with the Traditional form to write there (干部→幹部, 聯系→聯繫)."""
    simplified = convert(text, "t2s")
    standards = [convert(simplified, config) for config in ("s2t", "s2tw", "s2hk")]
    return [
        (i, standards[0][i])
        for i, char in enumerate(text)
        if char != standards[0][i] and char != standards[1][i] and char != standards[2][i]
    ]


def to_traditional(chars: Iterable[str]) -> set[str]:
    """Every Traditional form of ``chars`` in OpenCC's, Taiwan's and Hong Kong's standards."""
    joined = "\n".join(chars)  # one by one: no phrase across two of them
    out = set(joined) - {"\n"}
    for config in ("s2t", "s2tw", "s2hk"):
        out.update(convert(joined, config))
    out.discard("\n")
    return out
