"""Mark every paragraph of a document with its part (``../shared/spec/anatomy.md``).

The reader works on the paragraphs' text alone (a .docx made by ``drafting render`` adds style
hints, which win where they are given). It reads a document the way a reviewer does:

1. **The head.** Above the title, the 版头: 份号, 密级, 紧急程度, 发文机关标志 (``×××文件``, or
   organ lines over a 发文字号), 签发人, 发文字号. Web copies often drop the 版头 and put the
   发文字号 under the title; it is found there too.
2. **The title**, over up to three lines: a line that does not yet end in a 文种
   (``国务院关于印发``) is continued by the next short line without a sentence mark, until
   one ends in the 文种.
3. **The opening** under the title: subtitles (``——在…会议上``, ``（…通过）``), a speaker line,
   a byline, a dateline, a salutation (``各位代表：``), the 主送机关 (a line of organs ending
   in a colon).
4. **The close**, found from the end: the 版记 (抄送, 印发), attachments (``附件`` / ``附件2`` on a
   line of its own, then the attachment's title), and the signature block: a 成文日期 line with
   the 署名 lines just above it, 附注 in brackets under it, and the 附件说明 above it.
5. **Documents inside the document**: after the signature block of ``关于印发《…》的通知``, the
   carried document's title starts a new numbering scope; so does each attachment. The
   :class:`Anatomy` lists these scopes for the heading-order rule.
6. **The body**: everything else; a short line opening with an ordinal and holding no sentence
   is a heading of its level; a line with tabs is a table row; an aligned ``组  长：姓名`` is a
   name list; web furniture (来源：…, page numbers of a viewer) is residue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from drafting import lexicon
from drafting.anatomy.parts import HEADER, HEADING_OF_LEVEL, HEADINGS, Part
from drafting.zh.kinds import kind_at_end
from drafting.zh.ordinals import written_ordinal

# -- the vocabulary ---------------------------------------------------------------------------

_CN_DIGIT = "〇零○一二三四五六七八九"
_CN_NUM = "一二三四五六七八九十百千零〇两"
#: A date standing alone on a line: Arabic (2026年11月5日) or Chinese numerals (二〇二六年…).
DATE = re.compile(
    r"[\s\u3000]*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    rf"|[{_CN_DIGIT}]{{4}}\s*年\s*[一二三四五六七八九十]{{1,3}}\s*月\s*[一二三四五六七八九十]{{1,3}}\s*日"
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2})[\s\u3000]*"
)
#: 发文字号: 机关代字, a year in brackets (any of the forms people type), a serial, 号.
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,16}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号"
)
_DOC_NUMBER_LINE = re.compile(rf"(?:签发人[:：].*)?\s*{DOC_NUMBER.pattern}\s*(?:签发人[:：].*)?")
_COPY_NUMBER = re.compile(r"[№No.\s]*\d{6}")
_CLASSIFICATION = re.compile(r"(?:绝密|机密|秘密)(?:\s*★\s*[\w\u4e00-\u9fff]*)?")
_URGENCY = re.compile(r"特急|加急|特提|平急")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]")
_ORGAN_MARK = re.compile(r".{2,40}(?:文\s*件|纪\s*要|命\s*令|令)")
#: A sentence mark anywhere: a line holding one is prose, not a title or an organ's name.
_SENTENCE = re.compile(r"[。！？；]")
_CLAUSE = re.compile(r"[。！？；，,]")
#: The 文种 at the end of a title, with an optional bracketed note: （试行）（2018—2035年）.
_TRAILING_NOTE = re.compile(r"(?:[（(][^（）()]{1,30}[）)])+$")
#: A footnote marker after a title: ［1］, [1], ①.
_FOOTNOTE = re.compile(r"(?:[［\[]\d{1,2}[］\]]|[①-⑳])+$")
#: 附件 / 附件1 / 附件 2 alone on a line: the first line of an attachment.
_ATTACHMENT_LABEL = re.compile(r"[\s\u3000]*附\s*件\s*[0-9０-９一二三四五六七八九十]*[\s\u3000]*")
#: 附件：1.名称 — the 附件说明 under the body.
_ATTACHMENT_NOTE = re.compile(r"[\s\u3000]*附\s*件\s*[0-9０-９]*\s*[:：]")
_NOTE_CONTINUATION = re.compile(r"[\s\u3000]*[0-9０-９]+\s*[.．、]")
_CC = re.compile(r"[\s\u3000]*(?:抄\s*送|分\s*送|抄\s*报)\s*[:：]")
_PRINTER = re.compile(r".{2,40}\s+\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发")
_NOTE = re.compile(r"[\s\u3000]*[（(][^（）()]{2,80}[）)][\s\u3000]*")
_SUBTITLE = re.compile(r"[\s\u3000]*(?:——|－－|--|—\s)")
#: A bracketed line under a title: adoption (…通过), publication, or the document's date.
_SUBTITLE_NOTE = re.compile(
    r"通过|发布|批准|修订|\d{4}年\d{1,2}月(?:\d{1,2}日)?|[〇○零一二三四五六七八九]{4}年"
)
#: A regulation's history under its title (题注): when it was issued and each revision.
_HISTORY_NOTE = re.compile(
    r"[（(][^（）()]{0,600}(?:发布|公布|通过)[^（）()]{0,600}(?:修订|修正|修改)[^（）()]*[）)]"
)
#: The number of a 公告 or 令 (［十三届］第五号, 第12号) under the title.
_SERIAL_NUMBER = re.compile(
    r"[［\[（(〔][^］\]）)〕]{1,8}[］\]）)〕]\s*第[0-9一二三四五六七八九十百]+号|第[0-9一二三四五六七八九十百]+号"
)
_DATELINE = re.compile(
    r"(?:新华社|中新社|人民日报|本报|央视网|人民网|新华网|光明日报|经济日报)"
    r"[\u4e00-\u9fff]{0,12}\d{1,2}月\d{1,2}日(?:电|讯)"
)
_HEADING_MAX = 40
#: An editor's or compiler's note: （本文有删减）, ——编者.
_EDITORIAL = re.compile(
    r"[（(][^（）()]*(?:删减|删节|摘编|节选|有改动)[^（）()]*[）)]|——\s*编\s*者"
)
#: An author note at the end of an article: （作者为…）, （作者单位：…）.
_AUTHOR_NOTE = re.compile(r"[（(]\s*作者[为系是单:：][^（）()]*[）)]")
#: Outline headings outside the 一、（一）1.（1） sequence: 第一章, 第二部分, 第一， (older
#: reports), decimal outlines of plans (1　总则, 2.1 组织体系), a contents line, a rubric.
_OUTLINE = re.compile(
    rf"第[{_CN_NUM}]+\s*(?:章|部分|篇|节|编)"
    rf"|第[{_CN_NUM}]+[，,、]"
    r"|[0-9]+(?:\.[0-9]+)+[\s\u3000]*[\u4e00-\u9fff]"
    r"|[0-9]+[\s\u3000]+[\u4e00-\u9fff]"
    r"|目\s*录$"
    r"|【[^】]{1,8}】"
    r"|@\S"
    r"|——@"
)
#: A newspaper rubric opening a line (【故事】, 【点评】): the column's furniture, not the comment.
_RUBRIC = re.compile(r"【[^】]{1,6}】")
#: The last characters of an organ's name (署名, 主送机关).
_ORGAN_END = re.compile(
    r"(?:委|办|局|厅|部|府|会|院|室|处|科|所|站|队|司|校|行|馆|署|中心|公司|集团|单位|部门|机关|"
    r"机构|组织|县|市|区|州|盟|旗|镇|乡|街道|社区|村|省|团|军|部队|企业|学院|大学|政府|机制|"
    r"委员会|常务委员会|人民法院|人民检察院|办公厅|办公室|小组|指挥部|联席会议)$"
)
#: The last characters of a person addressed by title (马某某副主席：, 张三同志：).
_PERSON_END = re.compile(r"(?:主席|总理|委员|同志|先生|女士|部长|省长|市长|书记|主任|院长|代表)$")
#: The occasion of a speech without its dash: 2026年1月27日在…会议上.
_SPEECH_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日在.{2,60}上")
#: A person's name alone on a line (2–4 characters, perhaps spaced out for alignment).
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff](?:[ \u3000]*[\u4e00-\u9fff·]){1,5}")
#: Words of an opening sentence (为……，现将……通知如下：), never of a list of organs.
_BODY_WORDS = re.compile(
    r"现将|现就|如下|为了|为进一步|根据|按照|经研究|经.{0,8}同意|通知|决定|报告|请示"
)
_NAME_LIST = re.compile(
    r"[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,3}\s*[:：]"
    r"|.{1,8}[:：].*[ \u3000]{2,}"
    r"|[\u4e00-\u9fff·]{1,4}(?:[ \u3000][\u4e00-\u9fff]{1,2})?[ \u3000]{2,}"
    r"[\u4e00-\u9fff、（）]{2,30}$"
)
_VIEWER_PAGE = re.compile(
    r"[\s\u3000]*(?:[-—－]\s*\d{1,4}\s*[-—－]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4})[\s\u3000]*"
)
_SPEAKER = re.compile(
    r"[\u4e00-\u9fff、]{0,30}(?:总理|省长|主席|市长|县长|区长|书记|主任|部长|院长|检察长|委员长|"
    r"厅长|局长|代省长|代市长|代县长)[ \u3000]+[\u4e00-\u9fff][ \u3000\u4e00-\u9fff·]{0,6}"
)


@cache
def _columns() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("commentary_columns.txt"), key=len, reverse=True))


@cache
def _salutation() -> re.Pattern[str]:
    words = sorted(lexicon.words("salutations.txt"), key=len, reverse=True)
    return re.compile(
        rf"[\s\u3000]*(?:{'|'.join(map(re.escape, words))})[\s\u3000]*[:：！!,，]?[\s\u3000]*"
    )


@cache
def _residue() -> re.Pattern[str]:
    words = sorted(lexicon.words("web_residue.txt"), key=len, reverse=True)
    return re.compile(rf"[\s\u3000【\[]*(?:{'|'.join(map(re.escape, words))})\s*[:：】\]\s]")


@cache
def _byline() -> re.Pattern[str]:
    columns = "|".join(map(re.escape, _columns()))
    return re.compile(
        rf"[\s\u3000]*(?:(?:本报|新华社|人民日报)?(?:{columns})"
        r"(?:[ \u3000]+[\u4e00-\u9fff·]{2,4})*"
        r"|(?:本报记者|记者|通讯员|作者)[ \u3000:：]*[\u4e00-\u9fff·、 \u3000]{2,30})[\s\u3000]*"
    )


# -- helpers ----------------------------------------------------------------------------------


def title_kind(title: str) -> str | None:
    """The statutory 文种 a title ends with (a bracketed note after it ignored), if any."""
    core = _FOOTNOTE.sub("", title.strip().rstrip("。；，：:"))
    core = _TRAILING_NOTE.sub("", core)
    core = re.sub(r"[\s\u3000]+", "", core)
    return kind_at_end(core)


def title_column(title: str) -> str | None:
    """The commentary column a title carries in brackets (…（人民论坛）), if any."""
    match = re.search(r"[（(]([^（）()]{1,12})[）)]\s*$", title.strip())
    if not match:
        return None
    inner = match.group(1)
    return next((column for column in _columns() if column in inner), None)


def _squash(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _is_date(text: str) -> bool:
    return bool(DATE.fullmatch(text))


def _short_plain(text: str, limit: int = 40) -> bool:
    """A short line without a sentence or clause mark: a title line, an organ's name."""
    stripped = text.strip()
    return 0 < len(stripped) <= limit and not _CLAUSE.search(stripped)


def _is_organ_line(text: str) -> bool:
    """A line that names organs only (署名): short, no marks, each name ending like an organ's."""
    stripped = text.strip(" \u3000")
    if not _short_plain(stripped, 60) or written_ordinal(stripped) or "：" in stripped:
        return False
    names = [name for name in re.split(r"[\s\u3000、]+", stripped) if name]
    return all(_ORGAN_END.search(name) for name in names)


def _is_signature_line(text: str) -> bool:
    """A 署名 line: organ names, or a short line of names without any mark (a person signs)."""
    stripped = text.strip(" \u3000")
    if _is_organ_line(stripped):
        return True
    return (
        0 < len(_squash(stripped)) <= 20
        and not re.search(r"[。！？；，,：:（）()《》“”]", stripped)
        and not written_ordinal(stripped)
        and not _ATTACHMENT_LABEL.fullmatch(stripped)
    )


def _is_recipients(text: str, *, first_under_title: bool = False) -> bool:
    """The 主送机关 line: organs separated by 、 and ，, ending in a colon; no sentence. Right
    under the title a line of organs is the 主送 even when its colon is wrong or missing
    (``各区县教育局；``, ``各区人民政府，市政府各部门``): the form rule says what is wrong."""
    stripped = text.strip(" \u3000")
    if not stripped or len(stripped) > 200 or re.search(r"[。！？]", stripped[:-1]):
        return False
    last = stripped[-1]
    if last not in ":：" and not (
        first_under_title and (last in "，,；;、" or _ORGAN_END.search(stripped))
    ):
        return False
    if last in "。！？" or _BODY_WORDS.search(stripped) or _salutation().fullmatch(stripped):
        return False
    core = stripped.rstrip(":：，,；;、")
    names = [name for name in re.split(r"[、，,；;\s\u3000]+", core) if name]
    if not names:
        return False
    organ_like = sum(
        1
        for name in names
        if _ORGAN_END.search(name) or _PERSON_END.search(name) or name.startswith("各")
    )
    return organ_like * 2 >= len(names)


def _heading(text: str) -> Part | None:
    """The heading part of a short line opening with an ordinal and holding no sentence."""
    stripped = text.strip(" \u3000")
    found = written_ordinal(stripped)
    if not found or len(stripped) > _HEADING_MAX:
        return None
    if _SENTENCE.search(stripped[:-1]) or "：" in stripped or ":" in stripped:
        return None
    return HEADING_OF_LEVEL[found[0]]


def _body_part(text: str) -> Part:
    """What a line of the body is: heading, table row, name list, viewer residue or prose."""
    stripped = text.strip(" \u3000")
    if not stripped:
        return Part.BLANK
    if "\t" in text.strip("\n"):
        return Part.TABLE
    if _VIEWER_PAGE.fullmatch(stripped) or _residue().match(stripped):
        return Part.RESIDUE
    if _salutation().fullmatch(stripped):
        return Part.SALUTATION  # 各位代表！ in the middle of a report
    if _EDITORIAL.fullmatch(stripped):
        return Part.RESIDUE
    if _AUTHOR_NOTE.fullmatch(stripped):
        return Part.BYLINE
    heading = _heading(stripped)
    if heading is not None:
        return heading
    if _RUBRIC.match(stripped):
        return Part.OTHER
    if (
        _OUTLINE.match(stripped)
        and len(stripped) <= _HEADING_MAX
        and not _SENTENCE.search(stripped)
    ):
        return Part.OTHER
    if not _SENTENCE.search(stripped) and _NAME_LIST.match(stripped):
        return Part.NAME_LIST
    return Part.BODY


# -- the result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """A stretch of the document with its own heading numbering: the main document, a carried
    document (关于印发《…》的通知), an attachment. ``[start, end)`` are paragraph indexes."""

    start: int
    end: int
    kind: str  # "main", "carried", "attachment"


@dataclass
class Anatomy:
    """The part of every paragraph, and the numbering scopes."""

    parts: list[Part]
    scopes: list[Scope] = field(default_factory=list)

    def lines_of(self, part: Part) -> list[int]:
        """Indexes of the paragraphs that are ``part``."""
        return [index for index, found in enumerate(self.parts) if found is part]

    def first(self, part: Part) -> int | None:
        return next((i for i, found in enumerate(self.parts) if found is part), None)

    def has(self, part: Part) -> bool:
        return part in self.parts


# -- the reader -------------------------------------------------------------------------------


def read_parts(texts: Sequence[str], hints: Sequence[Part | None] | None = None) -> Anatomy:
    """The anatomy of a document given as its paragraphs' texts (one per line of a pasted
    text). ``hints`` are parts known from elsewhere (a .docx's styles); ``None`` where unknown."""
    n = len(texts)
    parts: list[Part | None] = [None] * n
    for index, text in enumerate(texts):
        if not text.strip(" \u3000\t"):
            parts[index] = Part.BLANK
    content = [i for i in range(n) if parts[i] is not Part.BLANK]
    if not content:
        return Anatomy([Part.BLANK] * n, [])
    cursor = _read_head(texts, parts, content)
    cursor = _read_title(texts, parts, content, cursor)
    _read_opening(texts, parts, content, cursor)
    _read_close(texts, parts, content)
    for index, hint in enumerate((hints or ())[:n]):
        if hint is not None:
            parts[index] = hint  # a part known from elsewhere (a style) wins over the text
    return _finish(texts, parts)


def _read_head(texts: Sequence[str], parts: list[Part | None], content: list[int]) -> int:
    """Mark the 版头 lines at the top; return the position in ``content`` after them."""
    position = 0
    # residue at the very top (a source line, a viewer's page number)
    while position < len(content) and _is_top_residue(texts[content[position]]):
        parts[content[position]] = Part.RESIDUE
        position += 1
    start = position
    doc_number_at = None
    for offset, index in enumerate(content[start : start + 8]):
        if _DOC_NUMBER_LINE.fullmatch(texts[index].strip(" \u3000")):
            doc_number_at = start + offset
            break
    while position < len(content):
        index = content[position]
        text = texts[index].strip(" \u3000")
        if _COPY_NUMBER.fullmatch(text):
            part = Part.COPY_NUMBER
        elif _CLASSIFICATION.fullmatch(text):
            part = Part.CLASSIFICATION
        elif _URGENCY.fullmatch(text):
            part = Part.URGENCY
        elif _SIGNER.match(text) and not DOC_NUMBER.search(text):
            part = Part.SIGNER
        elif _DOC_NUMBER_LINE.fullmatch(text) or (
            _SERIAL_NUMBER.fullmatch(text) and parts[content[position - 1]] is Part.ORGAN_MARK
        ):
            part = Part.DOC_NUMBER
        elif _is_organ_mark(text) and position < 6:
            part = Part.ORGAN_MARK
        elif (
            doc_number_at is not None
            and position < doc_number_at
            and _is_organ_line(text)
            and all(
                _is_organ_line(texts[i]) or _is_organ_mark(texts[i])
                for i in content[position:doc_number_at]
            )
        ):
            part = Part.ORGAN_MARK  # a joint 标志: organ lines over the 发文字号
        else:
            break
        parts[index] = part
        position += 1
    return position


def _is_organ_mark(text: str) -> bool:
    """×××文件 (or ×××纪要, ×××命令): an organ's name and the mark word, no 关于/的."""
    squashed = _squash(text)
    return (
        bool(_ORGAN_MARK.fullmatch(squashed))
        and len(squashed) <= 30
        and "关于" not in squashed
        and not title_kind(squashed[:-2])
    )


def _is_top_residue(text: str) -> bool:
    stripped = text.strip(" \u3000")
    return bool(_residue().match(stripped)) or bool(_VIEWER_PAGE.fullmatch(stripped))


def _read_title(
    texts: Sequence[str], parts: list[Part | None], content: list[int], position: int
) -> int:
    """Mark the title (one to three lines); return the position after it."""
    if position >= len(content):
        return position
    first = texts[content[position]].strip(" \u3000")
    if not _looks_like_title_line(first) or position + 1 >= len(content):
        return position  # a title heads something: a lone line is text
    lines = [content[position]]
    joined = first
    number_at = _doc_number_below(texts, content, position)
    while (
        len(lines) < 3
        and position + len(lines) < len(content)
        and not title_kind(joined)
        and not title_column(joined)
    ):
        following = texts[content[position + len(lines)]].strip(" \u3000")
        above_number = number_at is not None and position + len(lines) < number_at
        if not _continues_title(joined, following, above_number=above_number):
            break
        lines.append(content[position + len(lines)])
        joined += following
    if (
        len(lines) > 1
        and not (title_kind(joined) or title_column(joined))
        and (number_at is None or position + len(lines) != number_at)
    ):
        lines = lines[:1]  # the lines after it did not complete a title: only the first is
    for index in lines:
        parts[index] = Part.TITLE
    return position + len(lines)


def _looks_like_title_line(text: str) -> bool:
    """Short, not closed like a sentence (but a title that names its 文种 and ends with a stray
    mark, ``关于……的通知。``, is still a title: the form rule reports the mark)."""
    if text and text[-1] in "。；，" and title_kind(text[:-1]) and "关于" in text:
        text = text[:-1]
    return (
        0 < len(text) <= 80
        and text[-1] not in "。！；，：:;,."
        and written_ordinal(text) is None
        and not _is_date(text)
        and not _DOC_NUMBER_LINE.fullmatch(text)
    )


def _doc_number_below(texts: Sequence[str], content: list[int], position: int) -> int | None:
    """The position of a 发文字号 line within the three lines after ``position`` (web copies put
    it right under a title of one to three lines)."""
    for offset in range(1, 4):
        if position + offset >= len(content):
            return None
        text = texts[content[position + offset]].strip(" \u3000")
        if _DOC_NUMBER_LINE.fullmatch(text):
            return position + offset
        if not _short_plain(text, 40):
            return None
    return None


def _continues_title(joined: str, following: str, *, above_number: bool = False) -> bool:
    """Whether ``following`` carries on a title that does not yet name its 文种 (or, above a
    发文字号, a title of any wording)."""
    return (
        _short_plain(following, 40)
        and not _is_date(following)
        and not _DOC_NUMBER_LINE.fullmatch(following)
        and not written_ordinal(following)
        and not _SUBTITLE.match(following)
        and not following.endswith(("：", ":"))
        and not _is_recipients(following)
        and (
            above_number
            or "关于" in joined
            or "转发" in joined
            or "印发" in joined
            or bool(title_kind(following))
        )
    )


def _read_opening(
    texts: Sequence[str], parts: list[Part | None], content: list[int], position: int
) -> None:
    """Mark the lines between the title and the body: subtitle, 发文字号 (web copies), speaker,
    byline, dateline, salutation, 主送机关."""
    steps = 0
    while position < len(content) and steps < 8:
        index = content[position]
        text = texts[index].strip(" \u3000")
        if (
            (_SUBTITLE.match(text) or _SPEECH_DATE.match(text))
            and len(text) <= 120
            and not _SENTENCE.search(text[:-1])
        ):
            part = Part.SUBTITLE
        elif _NOTE.fullmatch(text) and _SUBTITLE_NOTE.search(text):
            part = Part.SUBTITLE  # （2019年…第…次会议通过）, （2019年1月3日）
        elif _DOC_NUMBER_LINE.fullmatch(text) or _SERIAL_NUMBER.fullmatch(text):
            part = Part.DOC_NUMBER
        elif _SPEAKER.fullmatch(text) or (
            parts[content[position - 1]] is Part.SUBTITLE and _PERSON_NAME.fullmatch(text)
        ):
            part = Part.SPEAKER
        elif _byline().fullmatch(text):
            part = Part.BYLINE
        elif _salutation().fullmatch(text):
            part = Part.SALUTATION
        elif _is_recipients(
            text, first_under_title=steps == 0 or _after_head(parts, content, position)
        ):
            part = Part.RECIPIENTS
        elif _DATELINE.match(text) and len(text) <= 30:
            part = Part.DATELINE
        elif _is_organ_mark(text) and text.endswith("令"):
            part = Part.ORGAN_MARK  # ×××令 under the title of a 命令
        elif _is_lead(text) and parts[content[position - 1]] in _ABOVE_LEAD if position else False:
            part = Part.LEAD  # a pull-quote printed under a newspaper title
        else:
            break
        parts[index] = part
        position += 1
        steps += 1
        if part is Part.RECIPIENTS or part is Part.SALUTATION:
            break


#: What a pull-quote stands under: the title, a subtitle or another pull-quote.
_ABOVE_LEAD = (Part.TITLE, Part.SUBTITLE, Part.LEAD)


def _is_lead(text: str) -> bool:
    """A pull-quote (提要) under a newspaper title: marked ■/●, or a phrase without a sentence
    mark at its end (the body's paragraphs end in one)."""
    if text.startswith(("■", "●", "▲")):
        return True
    return 0 < len(text) <= 80 and text[-1] not in "。！？…”’」）)：:" and not _heading(text)


def _after_head(parts: list[Part | None], content: list[int], position: int) -> bool:
    """Whether the line at ``position`` comes right after the title or a 发文字号 line."""
    return position > 0 and parts[content[position - 1]] in (Part.TITLE, Part.DOC_NUMBER)


def _read_close(texts: Sequence[str], parts: list[Part | None], content: list[int]) -> None:
    """Mark the 版记, attachments, carried documents and signature blocks, then the body."""
    # 版记 at the very end: 抄送 and 印发 lines (residue after them is allowed)
    end = len(content)
    position = end - 1
    while position >= 0 and parts[content[position]] is None:
        text = texts[content[position]].strip(" \u3000")
        if _CC.match(text):
            parts[content[position]] = Part.CC
        elif _PRINTER.fullmatch(text) or (re.fullmatch(r".{2,40}印\s*发", text) and "年" in text):
            parts[content[position]] = Part.PRINTER
        elif _is_bottom_residue(text):
            parts[content[position]] = Part.RESIDUE
        else:
            break
        end = position
        position -= 1
    # the rest, front to back: body, signature blocks, attachments, carried documents
    open_positions = [p for p in range(end) if parts[content[p]] is None]
    position = open_positions[0] if open_positions else end
    while position < end:
        index = content[position]
        if parts[index] is not None:
            position += 1
            continue
        text = texts[index].strip(" \u3000")
        if _ATTACHMENT_LABEL.fullmatch(text) and _squash(text) != "附件说明":
            parts[index] = Part.ATTACHMENT_LABEL
            position = _read_carried_title(texts, parts, content, position + 1, end)
            continue
        if _ATTACHMENT_NOTE.match(text):
            position = _read_attachment_note(texts, parts, content, position, end)
            continue
        if _is_date(text):
            _mark_signature_above(texts, parts, content, position)
            parts[index] = Part.DATE
            position = _read_after_date(texts, parts, content, position + 1, end)
            continue
        parts[index] = _body_part(text)
        position += 1


def _is_bottom_residue(text: str) -> bool:
    return bool(_residue().match(text)) or bool(_VIEWER_PAGE.fullmatch(text))


def _read_attachment_note(
    texts: Sequence[str], parts: list[Part | None], content: list[int], position: int, end: int
) -> int:
    parts[content[position]] = Part.ATTACHMENT_NOTE
    position += 1
    while position < end and parts[content[position]] is None:
        text = texts[content[position]].strip(" \u3000")
        if _SENTENCE.search(text):
            break
        wrapped = (
            len(texts[content[position - 1]].strip()) >= 20
            and _short_plain(text, 30)
            and not _is_date(text)
            and not _is_organ_line(text)
        )
        if not (_NOTE_CONTINUATION.match(text) or wrapped):
            break
        parts[content[position]] = Part.ATTACHMENT_NOTE
        position += 1
    return position


def _mark_signature_above(
    texts: Sequence[str], parts: list[Part | None], content: list[int], date_position: int
) -> None:
    """Mark up to three 署名 lines right above a 成文日期 (stopping at anything else)."""
    position = date_position - 1
    marked = 0
    while position >= 0 and marked < 3:
        index = content[position]
        if parts[index] not in (None, Part.BODY, Part.NAME_LIST):
            break
        text = texts[index].strip(" \u3000")
        if not _is_signature_line(text):
            break
        parts[index] = Part.SIGNATURE
        marked += 1
        position -= 1


def _read_after_date(
    texts: Sequence[str], parts: list[Part | None], content: list[int], position: int, end: int
) -> int:
    """附注 lines under a date; then, if text follows, a carried document's title."""
    while position < end and parts[content[position]] is None:
        text = texts[content[position]].strip(" \u3000")
        if _EDITORIAL.fullmatch(text):
            parts[content[position]] = Part.RESIDUE
            position += 1
            continue
        if _NOTE.fullmatch(text):
            parts[content[position]] = Part.NOTE
            position += 1
            continue
        break
    if position < end and parts[content[position]] is None:
        text = texts[content[position]].strip(" \u3000")
        if not _ATTACHMENT_LABEL.fullmatch(text) and _looks_like_title_line(text):
            return _read_carried_title(texts, parts, content, position, end)
    return position


def _read_carried_title(
    texts: Sequence[str], parts: list[Part | None], content: list[int], position: int, end: int
) -> int:
    """The title of an attachment or a carried document: up to three short lines without a
    sentence mark, before its body (a subtitle line or a note line may follow)."""
    marked = 0
    while position < end and marked < 3 and parts[content[position]] is None:
        text = texts[content[position]].strip(" \u3000")
        if not _looks_like_title_line(text) or _heading(text) or _is_date(text):
            break
        if text[0] in "（(" and _SUBTITLE_NOTE.search(text):
            break
        if marked and not _continues_carried(texts[content[position - 1]], text):
            break
        parts[content[position]] = Part.CARRIED_TITLE
        marked += 1
        position += 1
    while position < end and parts[content[position]] is None:
        text = texts[content[position]].strip(" \u3000")
        if (
            _NOTE.fullmatch(text)
            or (_SUBTITLE.match(text) and len(text) <= 80)
            or (text[0] in "（(" and _SUBTITLE_NOTE.search(text) and len(text) <= 60)
            or (text[-1] in "）)" and _SUBTITLE_NOTE.search(text) and len(text) <= 60)
            or _HISTORY_NOTE.fullmatch(text)
        ):
            parts[content[position]] = Part.SUBTITLE
            position += 1
            continue
        if _DOC_NUMBER_LINE.fullmatch(text):
            parts[content[position]] = Part.DOC_NUMBER
            position += 1
            continue
        if _is_recipients(text):
            parts[content[position]] = Part.RECIPIENTS
            position += 1
        break
    return position


def _continues_carried(previous: str, text: str) -> bool:
    """A second or third title line: short, no marks, and the line before it not complete."""
    previous = previous.strip(" \u3000")
    return (
        _short_plain(text, 40)
        and not title_kind(previous)
        and not previous.endswith(_COMPLETE_TITLE_ENDS)
    )


#: Words a carried document's title ends with: the title is complete, what follows is not it.
_COMPLETE_TITLE_ENDS = (
    "方案", "办法", "规定", "规划", "意见", "细则", "纲要", "条例", "预案", "规则", "指南",
    "计划", "报告", "通知", "决定", "章程", "标准", "制度", "要点", "清单", "名单", "目录",
)  # fmt: skip


def _finish(texts: Sequence[str], parts: list[Part | None]) -> Anatomy:
    """Fill what no step marked (body lines of the opening …) and find the numbering scopes."""
    final: list[Part] = []
    for index, part in enumerate(parts):
        final.append(part if part is not None else _body_part(texts[index]))
    _list_items_are_body(texts, final)
    _editors_note(texts, final)
    _bracketed_signature(texts, final)
    return Anatomy(final, _scopes(final))


def _editors_note(texts: Sequence[str], parts: list[Part]) -> None:
    """An editor's note (编者按) signed ``——编者``: the body lines above the signing line, back to
    the opening, are the note, not the article."""
    for index, text in enumerate(texts):
        if parts[index] is not Part.RESIDUE or not re.fullmatch(r"\s*——\s*编\s*者\s*", text):
            continue
        above = index - 1
        while above >= 0 and parts[above] in (Part.BODY, Part.BLANK) and index - above <= 4:
            if parts[above] is Part.BODY:
                parts[above] = Part.RESIDUE
            above -= 1


def _bracketed_signature(texts: Sequence[str], parts: list[Part]) -> None:
    """A bulletin signed by its organ in brackets on its last line: （××县统计局）."""
    last = max((i for i, part in enumerate(parts) if part is not Part.BLANK), default=None)
    if last is None or parts[last] not in (Part.BODY, Part.NOTE):
        return
    match = re.fullmatch(r"\s*[（(]([^（）()]{2,30})[）)]\s*", texts[last])
    if match and _is_organ_line(match.group(1)):
        parts[last] = Part.SIGNATURE


def _list_items_are_body(texts: Sequence[str], parts: list[Part]) -> None:
    """An enumerated sentence is a list item, not a heading: one that ends in ；, one that ends
    in 。 with a comma inside, or one that ends in 。 and is followed by its next sibling (or
    by nothing) rather than by the body a heading announces."""
    content = [i for i, part in enumerate(parts) if part is not Part.BLANK]
    for position, index in enumerate(content):
        part = parts[index]
        if part not in HEADINGS:
            continue
        text = texts[index].strip(" \u3000")
        if text.endswith(("；", ";")):
            parts[index] = Part.BODY
            continue
        if not text.endswith("。"):
            continue
        following = content[position + 1] if position + 1 < len(content) else None
        previous = content[position - 1] if position else None
        if (
            following is None
            or parts[following] is part
            or _sibling(texts[following], part)
            or (
                previous is not None
                and parts[previous] is Part.BODY
                and _sibling(texts[previous], part)
            )
        ):
            parts[index] = Part.BODY


def _sibling(text: str, part: Part) -> bool:
    found = written_ordinal(text)
    return found is not None and HEADING_OF_LEVEL[found[0]] is part


def _scopes(parts: list[Part]) -> list[Scope]:
    """Numbering scopes: the main document, then one per attachment or carried document (each
    opened by an 附件 label or a carried title)."""
    scopes: list[Scope] = []
    start, kind = 0, "main"
    for index, part in enumerate(parts):
        opens = part is Part.ATTACHMENT_LABEL or (
            part is Part.CARRIED_TITLE
            and (index == 0 or parts[index - 1] not in (Part.CARRIED_TITLE, Part.ATTACHMENT_LABEL))
            and not _after_label(parts, index)
        )
        if opens and index > start:
            scopes.append(Scope(start, index, kind))
            start = index
            kind = "attachment" if part is Part.ATTACHMENT_LABEL else "carried"
    scopes.append(Scope(start, len(parts), kind))
    return scopes


def _after_label(parts: list[Part], index: int) -> bool:
    """Whether the carried title at ``index`` follows an 附件 label (blank lines between)."""
    before = index - 1
    while before >= 0 and parts[before] is Part.BLANK:
        before -= 1
    return before >= 0 and parts[before] is Part.ATTACHMENT_LABEL


__all__ = [
    "DATE",
    "DOC_NUMBER",
    "HEADER",
    "HEADINGS",
    "Anatomy",
    "Part",
    "Scope",
    "read_parts",
    "title_column",
    "title_kind",
]
