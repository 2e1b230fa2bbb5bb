"""What kind of document this is, read from its anatomy (``../shared/spec/anatomy.md``).

The linter's profiles (genres) are ``notice`` (the 15 statutory kinds), ``summary``,
``duties``, ``commentary`` and ``generic``; within ``notice`` the 文种 itself (意见, 批复 …)
picks the thresholds calibrated on published documents of that kind. The reading, in order:

1. the title's last word: 总结 / 述职 / 工作报告 (a year's review) → summary; 职责 → duties;
   a commentary column in brackets (…（人民论坛）) → commentary; one of the 15 文种 → notice
   with that kind — the title read over all its lines;
2. the shape, when the title names none: a byline such as 本报评论员 → commentary; a 版头, a
   发文字号 or a 主送机关 with a 署名 and 成文日期 → a statutory document of unknown kind;
   an argued essay (no recipients, no 发文字号, no 署名, a stance taken in its opening) →
   commentary;
3. otherwise it cannot tell, and says so (the caller names ``--genre``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from drafting import lexicon
from drafting.anatomy.parts import HEADER, PROSE, Part
from drafting.anatomy.reader import Anatomy, title_column, title_kind

_SUMMARY_TITLE = re.compile(r"(?:总结|述职报告|述职述廉报告|工作报告|年度报告)$")
_DUTIES_TITLE = re.compile(r"职责(?:说明|清单|分工|说明书)?$")
_COMMENTARY_WORD = re.compile(r"时评|评论|短评|述评|社论|评论员")
_SPEECH_SUBTITLE = re.compile(r"在.{2,60}(?:会议|大会|会|论坛|典礼|仪式|座谈会)上")
_TRAILING = "。，；：！？、 \t\u3000"
#: The least body an essay must have before its shape says "commentary".
_ESSAY_MIN_CHARS = 200


@dataclass(frozen=True)
class KindGuess:
    """The profile (``genre``), the 文种 or text kind (``kind``), and why, in Chinese."""

    genre: str
    kind: str | None
    reason: str
    confident: bool = True
    speech: bool = False


@cache
def _stance() -> re.Pattern[str]:
    words = {*lexicon.words("stance_markers.txt"), *lexicon.words("author_stance.txt")}
    words = sorted(words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def title_text(texts: Sequence[str], anatomy: Anatomy) -> str | None:
    """The title read over all its lines (letter-spaced characters closed up)."""
    lines = [texts[i] for i in anatomy.lines_of(Part.TITLE)]
    if not lines:
        return None
    return re.sub(r"[\s\u3000]+", "", "".join(lines))


def is_speech(texts: Sequence[str], anatomy: Anatomy) -> bool:
    """A text delivered to a meeting: ``——在…会议上`` under the title, a speaker line, or a
    salutation such as 各位代表："""
    if anatomy.has(Part.SALUTATION) or anatomy.has(Part.SPEAKER):
        return True
    return any(_SPEECH_SUBTITLE.search(texts[i]) for i in anatomy.lines_of(Part.SUBTITLE)[:2])


def guess_kind(texts: Sequence[str], anatomy: Anatomy) -> KindGuess:
    """The kind of the document whose paragraphs are ``texts`` (see the module docstring)."""
    title = title_text(texts, anatomy)
    speech = is_speech(texts, anatomy)
    if title:
        core = title.rstrip(_TRAILING)
        from_title = _from_title(core, speech)
        if from_title is not None:
            return from_title
    return _from_shape(texts, anatomy, title, speech)


def _from_title(title: str, speech: bool) -> KindGuess | None:
    shown = f"“{title}”" if len(title) <= 30 else f"“…{title[-20:]}”"
    column = title_column(title)
    if column:
        return KindGuess("commentary", "评论", f"按标题中的评论栏目（{column}）判断")
    bare = re.sub(r"(?:[（(][^（）()]{1,30}[）)])+$", "", title)
    if _DUTIES_TITLE.search(bare):
        return KindGuess("duties", "工作职责", f"按标题{shown}判断")
    if _SUMMARY_TITLE.search(bare) and (speech or not bare.endswith("报告") or "工作" in bare):
        if bare.endswith("总结"):
            return KindGuess("summary", "工作总结", f"按标题{shown}判断")
        return KindGuess(
            "summary", "报告", f"按标题{shown}判断（工作报告按总结审校）", speech=speech
        )
    kind = title_kind(title)
    if kind is None and bare.endswith("答复"):
        kind = "函"  # 对…建议的答复: a letter answering a deputy's proposal
    if kind == "令":
        kind = "命令"
    if kind:
        return KindGuess("notice", kind, f"按标题{shown}判断", speech=speech)
    if _COMMENTARY_WORD.search(title):
        return KindGuess("commentary", "评论", f"按标题{shown}判断")
    return None


def _from_shape(
    texts: Sequence[str], anatomy: Anatomy, title: str | None, speech: bool
) -> KindGuess:
    if anatomy.has(Part.BYLINE):
        byline = texts[anatomy.lines_of(Part.BYLINE)[0]].strip()
        return KindGuess("commentary", "评论", f"按署名“{byline[:12]}”判断")
    for index in anatomy.lines_of(Part.ORGAN_MARK):
        mark = re.sub(r"[\s\u3000]+", "", texts[index])
        for ending, kind in (("令", "命令"), ("纪要", "纪要")):
            if mark.endswith(ending):
                return KindGuess("notice", kind, f"按发文机关标志“{mark}”判断", speech=speech)
    formal = [part for part in (*HEADER, Part.RECIPIENTS) if anatomy.has(part)]
    closes = anatomy.has(Part.SIGNATURE) and anatomy.has(Part.DATE)
    if formal and (closes or Part.DOC_NUMBER in formal or Part.ORGAN_MARK in formal):
        names = "、".join(part.chinese for part in formal[:3])
        return KindGuess(
            "notice", None, f"标题未写文种，按{names}判断为法定公文", confident=True, speech=speech
        )
    if title and not formal and not closes and _argued_essay(texts, anatomy):
        return KindGuess(
            "commentary",
            "评论",
            "标题未写文种，按文章形态（无主送机关、发文字号和署名，文中表明观点）判断",
        )
    what = "没有标题" if not title else "标题没有写文种，文中也没有主送机关、发文字号或评论署名"
    return KindGuess("generic", None, f"未能判断文体（{what}）", confident=False, speech=speech)


def _argued_essay(texts: Sequence[str], anatomy: Anatomy) -> bool:
    """An essay that argues: several body paragraphs, a couple of hundred characters at least,
    no dateline (a news report), and a stance taken somewhere (应当, 必须, 不能 …)."""
    if anatomy.has(Part.DATELINE):
        return False
    body = [i for i in range(len(texts)) if anatomy.parts[i] in PROSE]
    if len(body) < 3:
        return False
    if sum(len(texts[i]) for i in body) < _ESSAY_MIN_CHARS:
        return False
    return any(_stance().search(texts[i]) for i in body)
