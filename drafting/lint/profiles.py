"""Choosing the profile (genre): given by the user, declared by the document, or read from it.

For ``auto``, in order:

1. a declared kind wins: Markdown front matter ``kind:`` (or ``genre:``), or the .docx core
   property *subject* that ``drafting render`` writes — a template id (``notice``,
   ``annual-summary`` …) or a Chinese kind (通知、工作总结、时评 …);
2. else the document's anatomy decides (:mod:`drafting.anatomy.kinds`): the title read over all
   its lines (总结 → ``summary``; 职责 → ``duties``; a commentary column → ``commentary``; one of
   the 15 文种 → ``notice`` with that kind; a 政府工作报告 → ``summary``), then its shape (a
   byline, a 版头 or 发文字号, an argued essay);
3. else ``generic``, and the note says it could not tell and names ``--genre``.

:func:`guess_genre` is the title-only reading a declared kind is read with.
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
    from drafting.anatomy.kinds import KindGuess
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
    """The profile used and why.

    ``reason`` is ``given`` (flag or config), ``declared`` (front matter or .docx subject),
    ``anatomy`` (read from the document's parts: its title, 版头, byline or shape) or
    ``unknown`` (it could not tell: ``generic`` is used and the user is told to name
    ``--genre``). ``kind`` is the 文种 or text kind (意见, 批复, 评论 …) when known; it picks
    thresholds calibrated on published documents of that kind. ``detail`` says how it was told.
    """

    genre: str
    reason: str
    title: str | None = None
    kind: str | None = None
    detail: str = ""
    speech: bool = False

    @property
    def confident(self) -> bool:
        return self.reason != "unknown"

    def label(self) -> str:
        """``notice（意见）``, ``commentary（时评）`` …"""
        what = self.kind if self.genre == "notice" and self.kind else None
        return f"{self.genre}（{what or DESCRIPTIONS.get(self.genre, self.genre)}）"

    def describe(self) -> str:
        """A Chinese note for the text output, e.g. ``按标题“…的意见”判断为 notice（意见）``."""
        if self.reason == "declared":
            return f"按文稿声明的文种（{self.title}）判断为 {self.label()}"
        if self.reason == "anatomy":
            return f"{self.detail}为 {self.label()}"
        if self.reason == "unknown":
            return f"{self.detail}，按 {self.label()} 审校；请用 --genre 指定文体"
        return f"按指定文体 {self.label()} 审校"


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
    """Resolve ``genre`` for ``doc``: given; else a declared kind; else read from the
    document's anatomy (:func:`drafting.anatomy.kinds.guess_kind`); else ``generic``, saying
    that it could not tell."""
    guess = _guess(doc)
    if genre != "auto":
        kind = guess.kind if guess is not None and guess.genre == genre else None
        return GenreChoice(genre, "given", kind=kind, speech=bool(guess and guess.speech))
    for key in ("genre", "kind"):
        value = doc.metadata.get(key)
        declared = genre_of_kind(value)
        if declared:
            kind = declared_kind(value) if declared == "notice" else None
            return GenreChoice(declared, "declared", str(value), kind=kind)
    title = doc.title_text
    if guess is None:
        return GenreChoice("generic", "unknown", title, detail="未能判断文体（没有可读的文字）")
    reason = "anatomy" if guess.confident else "unknown"
    return GenreChoice(guess.genre, reason, title, guess.kind, guess.reason, guess.speech)


def _guess(doc: PreparedDoc) -> KindGuess | None:
    if doc.anatomy is None:
        return None
    from drafting.anatomy.kinds import guess_kind

    return guess_kind([p.text for p in doc.paragraphs], doc.anatomy)


def declared_kind(value: object) -> str | None:
    """The 文种 a declared kind names: a Chinese 文种, or a template id (``request`` → 请示)."""
    if not isinstance(value, str):
        return None
    from drafting import lexicon

    text = value.strip()
    return lexicon.pairs("template_kinds.txt").get(text, text) or None
