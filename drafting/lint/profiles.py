"""Choosing the profile (genre): given by the user, or guessed from the title for ``auto``.

The ``auto`` heuristic, in order, on the title (the first short line without an end mark, the
front-matter ``title``, or the .docx title paragraph), trailing punctuation ignored:

1. ends in 总结 (工作总结、年终总结、述职总结 …) → ``summary``;
2. ends in 职责 (or 岗位职责说明, 职责清单) → ``duties``;
3. ends in one of the statutory kinds of document (通知、通报、请示、报告、函、意见、批复、
   决定、决议、命令、公报、公告、通告、议案、纪要) → ``notice``;
4. carries a commentary marker (时评、评论、短评、述评、评论员文章) → ``commentary``;
5. otherwise, or with no title, ``generic``.

Before the title, a declared kind wins: Markdown front matter ``kind:`` (or ``genre:``), or the
.docx core property *subject* that ``drafting render`` writes — a template id (``notice``,
``annual-summary`` …) or a Chinese kind (通知、工作总结、时评 …) read by the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from drafting.lint.rule import PROFILES
from drafting.zh.kinds import kinds_pattern
from drafting.zh.patterns import lazy_re

if TYPE_CHECKING:
    from drafting.sources.document import PreparedDoc

GENRES: tuple[str, ...] = ("auto", *PROFILES)

_SUMMARY = lazy_re(r"总结$")
_DUTIES = lazy_re(r"职责(?:说明|清单|分工)?$")
_COMMENTARY = lazy_re(r"时评|评论|短评|述评|评论员")
_TRAILING = "。，；：！？、 \t）)》”"

DESCRIPTIONS = {
    "notice": "通知等法定公文",
    "summary": "工作总结",
    "duties": "工作职责",
    "commentary": "时评",
    "generic": "一般文稿",
}


@dataclass(frozen=True)
class GenreChoice:
    """The profile used and why: ``given`` (flag or config) or ``title`` / ``default``."""

    genre: str
    reason: str
    title: str | None = None

    def describe(self) -> str:
        """A Chinese note for the text output, e.g. ``按标题判断为 notice（通知等法定公文）``."""
        label = f"{self.genre}（{DESCRIPTIONS.get(self.genre, self.genre)}）"
        if self.reason == "title":
            return f"按标题判断为 {label}"
        if self.reason == "declared":
            return f"按文稿声明的文种（{self.title}）判断为 {label}"
        if self.reason == "default":
            return f"未能从标题判断文体，按 {label} 审校"
        return f"按指定文体 {label} 审校"


def guess_genre(title: str | None) -> str | None:
    """The genre a title names, or None when it names none."""
    if not title:
        return None
    text = title.strip().rstrip(_TRAILING)
    if _SUMMARY.search(text):
        return "summary"
    if _DUTIES.search(text):
        return "duties"
    if _notice().search(text):
        return "notice"
    if _COMMENTARY.search(text):
        return "commentary"
    return None


_KIND_IDS = {"annual-summary": "summary"}


@cache
def _notice() -> re.Pattern[str]:
    """A title ending in one of the statutory kinds (:mod:`drafting.zh.kinds`)."""
    return re.compile(rf"(?:{kinds_pattern().pattern})$")


def genre_of_kind(kind: object) -> str | None:
    """The genre a declared kind names (template id or Chinese name), or None."""
    if not isinstance(kind, str) or not kind.strip():
        return None
    text = kind.strip()
    if text in PROFILES:
        return text
    return _KIND_IDS.get(text) or guess_genre(text)


def choose_genre(doc: PreparedDoc, genre: str = "auto") -> GenreChoice:
    """Resolve ``genre`` for ``doc``; ``auto`` takes a declared kind, else guesses from the
    title."""
    if genre != "auto":
        return GenreChoice(genre, "given")
    for key in ("genre", "kind"):
        declared = genre_of_kind(doc.metadata.get(key))
        if declared:
            return GenreChoice(declared, "declared", str(doc.metadata.get(key)))
    title = doc.title.text.strip() if doc.title else None
    guessed = guess_genre(title)
    if guessed:
        return GenreChoice(guessed, "title", title)
    return GenreChoice("generic", "default", title)
