"""S-rules of a document's frame: heading order, the title, required parts, duty items."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from drafting import lexicon
from drafting.anatomy.parts import PROSE, TITLES, Part
from drafting.lint.rule import ALL, Issue, Needs, Rule, Severity, register
from drafting.lint.rules._ordinals import ANY_ORDINAL, leading_ordinal, ordinal_number, render
from drafting.lint.rules._parts import (
    DATE_LINE,
    body_until_attachments,
    date_line,
    dated_subtitle,
    doc_kind,
    is_attachment_note,
    looks_like_signature,
    recipient_line,
    request_phrases,
    signature_lines,
)
from drafting.sources.document import PreparedDoc, TextParagraph
from drafting.zh.kinds import doc_kinds
from drafting.zh.patterns import lazy_re
from drafting.zh.segment import Token

_LEVEL_NAMES = {1: "“一、”", 2: "“（一）”", 3: "“1.”", 4: "“（1）”"}


def _form(level: int, ordinal: str) -> str:
    """The bracket or dot style of an ordinal (full- or half-width)."""
    if level in (2, 4):
        return "half" if ordinal.startswith("(") else "full"
    if level == 3:
        return "full" if "．" in ordinal else "half"
    return "full"


@register
class HeadingOrder(Rule):
    code = "S102"
    name = "heading-order"
    severity = Severity.ERROR
    parts = PROSE
    profiles = ALL
    what = (
        "结构层次序数依次为“一、”→“（一）”→“1.”→“（1）”：同级序号连续（不跳号、不重复），"
        "上一级序数不能用在下一级之后（“1.”下面再出现“（一）”，即倒置；层次少时"
        "“一、”下直接用“1.”的越级用法不报），同一级不混用全角、半角写法。"
        "附件说明和附件正文里的编号另起计算；Markdown 稿中没写序号的标题由排版时自动编号，"
        "其后的序号不作跳号判断。"
    )
    why = "GB/T 9704-2012 第 7.3.3 条：文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注。"
    bad = "一、总体要求\n二、主要任务\n四、保障措施"
    good = "一、总体要求\n二、主要任务\n三、保障措施"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        scopes = doc.anatomy.scopes if doc.anatomy is not None else []
        bounds = [(scope.start, scope.end) for scope in scopes] or [(0, len(doc.paragraphs))]
        for start, end in bounds:
            yield from _Numbering().read(doc.paragraphs[start:end])


class _Numbering:
    """The heading numbers of one scope (the document, an attachment, a carried document).

    A level's count restarts under each new parent; real documents also run it on across
    parents (State Council documents number （一）…（三十） straight through their 一、二、三、
    sections), so the first number under a new parent may be 1 or the next of the whole scope.
    A chapter (第一章) lets every level restart or run on; an article (第一条) starts its items
    afresh. A jump, a repeat or a step back inside one run is the fault."""

    def __init__(self) -> None:
        self.counters: dict[int, int] = {}
        self.latest: dict[int, int] = {}
        self.forms: dict[int, str] = {}
        self.fresh: set[int] = set()
        self.uncertain: set[int] = set()

    def read(self, paragraphs: list[TextParagraph]) -> Iterator[Issue]:
        for paragraph in paragraphs:
            text = paragraph.text
            if not text.strip():
                continue
            if _CHAPTER.match(text):
                self.fresh |= {1, 2, 3, 4}
            elif _ARTICLE.match(text):
                self._clear_below(1)
            elif _OUTLINE_HEADING.match(text):
                self._clear_below(0)  # 2.1 组织机构 …: the items under it start afresh
            if paragraph.role not in ("body", "heading") or is_attachment_note(paragraph):
                continue
            found = leading_ordinal(paragraph) or self._number_before_digits(paragraph)
            if not found:
                if paragraph.role == "heading":
                    self.uncertain = {1, 2, 3, 4}  # a Markdown heading the renderer will number
                continue
            yield from self._number(paragraph, *found)

    def _number_before_digits(self, paragraph: TextParagraph) -> tuple[int, str, int] | None:
        """``20.2026年…`` in a run of ``1.`` items: the ordinal of the next item, though a digit
        follows its dot (alone, ``20.2026`` reads as a number)."""
        match = _NUMBER_THEN_DIGIT.match(paragraph.text)
        if match and 3 in self.counters and int(match[2]) == self.counters[3] + 1:
            return 3, match[2] + match[3], len(match[1])
        return None

    def _clear_below(self, level: int) -> None:
        for deeper in [k for k in self.counters if k > level]:
            del self.counters[deeper]
            self.fresh.add(deeper)

    def _number(
        self, paragraph: TextParagraph, level: int, ordinal: str, indent: int
    ) -> Iterator[Issue]:
        number = ordinal_number(ordinal)
        if number is None or number > 99:
            return
        start = paragraph.start + indent
        end = start + len(ordinal)
        if level in self.uncertain:
            self.uncertain.discard(level)
            self._take(level, number)
            return
        child = min((k for k in self.counters if k > level), default=None)
        if level not in self.counters and child is not None:
            yield Issue(
                start,
                end,
                f"层次序数倒置：“{ordinal}”用在了下级序数{_LEVEL_NAMES[child]}之后，"
                "应按“一、（一）1.（1）”由高到低使用",
            )
        last = self.counters.get(level, 0)
        if level in self.fresh:
            self.fresh.discard(level)
            if number in (1, self.latest.get(level, 0) + 1):
                last = number - 1  # restarted under its new parent, or run on through the scope
        expected = render(level, last + 1, ordinal)
        if number > last + 1:
            yield Issue(start, end, f"层次序数跳号：“{ordinal}”处应为“{expected}”")
        elif number <= last:
            kind = "重复" if number == last else "倒退"
            yield Issue(start, end, f"层次序数{kind}：“{ordinal}”处应为“{expected}”")
        form = _form(level, ordinal)
        if self.forms.setdefault(level, form) != form:
            yield Issue(
                start,
                end,
                f"同一层级序数的写法不一致：“{ordinal}”与前文的全角/半角写法不同，应统一",
            )
        self._take(level, max(last, number) if number <= last else number)

    def _take(self, level: int, number: int) -> None:
        self.counters[level] = number
        self.latest[level] = max(self.latest.get(level, 0), number)
        self._clear_below(level)


#: A chapter or part heading (第一章, 第二部分): the numbering under it may restart or run on.
_CHAPTER = lazy_re(r"[\s\u3000]*第[一二三四五六七八九十百零〇]+\s*(?:章|部分|编|篇)")
#: A decimal outline heading of a plan (1　总则, 2.1 组织体系): the items under it start afresh.
_OUTLINE_HEADING = lazy_re(r"[\s\u3000]*\d+(?:\.\d+)*[\s\u3000]+[^\d\s]")
#: An item number followed by a number (20.2026年…): group 2 the item's number.
_NUMBER_THEN_DIGIT = lazy_re(r"([\s\u3000]*)(\d{1,2})([.．])(?=\d)")
#: An article (第一条 …): its items （一）（二） start afresh.
_ARTICLE = lazy_re(r"[\s\u3000]*第[一二三四五六七八九十百零〇]+\s*条")


#: Kinds whose title reads 机关+关于+事由+的+文种 (令, 公报, 公告, 通告, 纪要 need not).
_NEEDS_GUANYU = frozenset(
    {"决议", "决定", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函"}
)
_FORWARDING = lazy_re(r"转发|印发|批转|颁布|发布|公布")
#: A bracketed note or a footnote mark after a title: （试行）, （2018—2035年）, ［1］, ①.
_TRAILING_NOTE = lazy_re(r"(?:[（(][^（）()]*[）)]|[［\[]\d{1,2}[］\]]|[①-⑳])+$")
#: Titles of a 函 that do not end in 函: an answer to a deputy's proposal.
_LETTER_FORMS = ("答复",)
_END_PUNCT = "。！？；，：、.!?;,:"
_KIND_MODIFIER = "(?:若干|补充|紧急|联合|预备|复|实施|指导|暂行|试行)*"
#: A heading that announces a matter asked for (一、请示事项).
_MATTER_HEADING = lazy_re(r"请示事项|请求事项")


@register
class TitleForm(Rule):
    code = "S103"
    name = "title-form"
    severity = Severity.WARNING
    parts = TITLES
    profiles = frozenset({"notice"})
    what = (
        "公文标题写作“[发文机关]关于[事由]的[文种]”：文种须是《党政机关公文处理工作条例》规定的"
        "15 种之一（决议、决定、命令（令）、公报、公告、通告、意见、通知、通报、报告、请示、批复、"
        "议案、函、纪要），不用“请示报告”之类混合文种；标题末尾不加标点；转发类标题不叠用文种"
        "（不写“关于……的通知的通知”）。令、公报、公告、通告、纪要不要求“关于”。"
        "文种本身的规矩也查：请示一文一事（不出现两处请求语或两个“请示事项”），报告不夹带请示"
        "事项（不写“妥否，请批示”之类请求语）。文种取标题末尾的文种，或前置元数据的 kind。"
    )
    why = (
        "GB/T 9704-2012 第 7.3.1 条：标题由发文机关名称、事由和文种组成；"
        "《党政机关公文处理工作条例》第八条列出 15 种法定文种，第十五条要求请示一文一事、"
        "报告不得夹带请示事项。"
    )
    bad = "关于开展安全生产大检查通知\n各区县应急管理局：\n现将有关事项通知如下。"
    good = "关于开展安全生产大检查的通知\n各区县应急管理局：\n现将有关事项通知如下。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        yield from self._title(doc)
        kind = doc_kind(doc)
        if kind == "请示":
            yield from self._one_matter(doc)
        elif kind == "报告":
            for paragraph, match in request_phrases(doc):
                yield Issue(
                    paragraph.start + match.start(),
                    paragraph.start + match.end(),
                    f"报告不得夹带请示事项：删去“{match[0]}”，需要批准的事项另行请示",
                )

    @staticmethod
    def _one_matter(doc: PreparedDoc) -> Iterator[Issue]:
        """A 请示 asks one thing: request phrases in two paragraphs before the closing one, or
        two 请示事项 headings, are a second matter."""
        phrases = request_phrases(doc)
        closing = phrases[-1][0] if phrases else None
        earlier: list[tuple[TextParagraph, re.Match[str]]] = []
        for paragraph, match in phrases:
            if paragraph is not closing and all(paragraph is not p for p, _ in earlier):
                earlier.append((paragraph, match))
        if len(earlier) > 1:
            paragraph, match = earlier[1]
            yield Issue(
                paragraph.start + match.start(),
                paragraph.start + match.end(),
                "请示应当一文一事：正文有多处请求语，一份请示只请示一个事项，其余分别行文",
            )
            return
        matters = [
            p
            for p in doc.paragraphs
            if (p.role == "heading" or p.level is not None) and _MATTER_HEADING.search(p.text)
        ]
        if len(matters) > 1:
            yield Issue(*_span(matters[1]), "请示应当一文一事：有多个“请示事项”，每个事项分别行文")

    def _title(self, doc: PreparedDoc) -> Iterator[Issue]:
        """The title's form, read over all its lines (a long title wraps); a finding about its
        end is placed on its last line, one about the whole on all of it."""
        lines = [p for p in doc.title_paragraphs if p.text.strip()]
        if not lines or doc.speech:
            return
        last = lines[-1]
        tail = last.text.rstrip()
        whole = (lines[0].start, last.start + len(tail))
        if tail[-1] in _END_PUNCT:
            at = last.start + len(tail) - 1
            yield Issue(at, at + 1, f"标题末尾不加标点：删去“{tail[-1]}”")
            tail = tail[:-1]
        core = re.sub(r"[\s\u3000]+", "", "".join(p.text for p in lines[:-1]) + tail)
        note = _TRAILING_NOTE.search(core)
        core = core[: note.start()] if note else core
        end = last.start + len(tail) - (len(note.group()) if note else 0)
        kind = next((k for k in doc_kinds() if core.endswith(k)), None)
        if kind is None and core.endswith(_LETTER_FORMS):
            return  # 对…建议的答复, …的复函: a 函 answering a proposal or a letter
        doubled = re.search(r"的(" + "|".join(doc_kinds()) + r")的\1$", core)
        if doubled:
            size = len(doubled[1]) + 1
            yield Issue(
                max(last.start, end - size), end, f"标题文种叠用：删去多余的“的{doubled[1]}”"
            )
            return
        if core.endswith("请示报告"):
            yield Issue(
                max(last.start, end - 4),
                end,
                "“请示报告”不是法定文种：请示与报告分别行文，改为“请示”或“报告”",
            )
            return
        if kind is None:
            yield Issue(*whole, "标题未标明法定文种：以通知、请示、报告、函等 15 种文种之一结尾")
            return
        if kind not in _NEEDS_GUANYU:
            return
        if "关于" not in core:
            if not _FORWARDING.search(core):
                yield Issue(*whole, f"标题应为“[发文机关]关于[事由]的{kind}”：缺少“关于”")
            return
        if not re.search(f"的{_KIND_MODIFIER}{kind}$", core):
            at = max(last.start, end - len(kind))
            yield Issue(at, end, f"标题缺少“的”：改为“……的{kind}”")


#: Kinds addressed to named organs: a 主送机关 line is required (a 报告 delivered to a meeting
#: is read as a speech, not here).
_NEEDS_RECIPIENT = ("通知", "通报", "请示", "批复", "函", "报告")
#: Kinds that always answer or ask a named organ (a 请示 to its superior, a 批复 or 函 to the
#: organ that wrote).
_ADDRESSED = ("请示", "批复", "函")
#: Kinds an office sends internally: never published without their 署名 and 成文日期, so a text
#: of them that lacks both is a draft missing its foot even when it has no 版头.
_INTERNAL = ("通知", "通报", "请示", "报告", "函")
#: The parts that show a text is framed as a 公文 (its head).
_FRAME = (Part.ORGAN_MARK, Part.DOC_NUMBER, Part.SIGNER, Part.COPY_NUMBER, Part.CLASSIFICATION)
#: Kinds that go to the public and carry no 主送机关 line.
_NO_RECIPIENT = ("公告", "通告", "令", "命令", "公报", "纪要", "决议")
#: Kinds that must not carry one (a 主送机关 line in them is a mistake).
_PUBLIC = ("公告", "通告")
_META_RECIPIENT = ("主送", "主送机关", "recipients", "to")
_META_DATE = ("date", "成文日期", "日期")
_META_SIGNATURE = ("署名", "落款", "发文机关", "signature", "signers", "organ", "organs")


@cache
def _summary_parts() -> dict[str, str]:
    return lexicon.pairs("summary_parts.txt")


def _anchor(doc: PreparedDoc) -> tuple[int, int] | None:
    """Where to pin a finding about the whole document: its title, else its first paragraph."""
    paragraph = doc.title or next(iter(doc.body), None)
    if paragraph is None:
        return None
    return paragraph.start, paragraph.start + len(paragraph.text.rstrip())


def _last_text(body: list[TextParagraph]) -> TextParagraph:
    """The last paragraph of the text proper: above the 署名, 成文日期 and 附件说明."""
    for paragraph in reversed(body):
        if not (
            DATE_LINE.fullmatch(paragraph.text)
            or looks_like_signature(paragraph)
            or is_attachment_note(paragraph)
        ):
            return paragraph
    return body[-1]


def _span(paragraph: TextParagraph) -> tuple[int, int]:
    return paragraph.start, paragraph.start + len(paragraph.text.rstrip())


@register
class MissingPart(Rule):
    code = "S105"
    name = "missing-part"
    severity = Severity.WARNING
    profiles = frozenset({"notice", "summary", "duties"})
    what = (
        "必备部分是否齐全：通知类公文要有主送机关、正文、署名和成文日期（公告、通告、令、公报、"
        "纪要不要求主送机关，公告、通告不写主送机关；纪要不要求署名）；请示以“妥否，请批示”等"
        "请求语收束；工作总结要写到成绩、存在的问题和下一步打算三部分；"
        "职责清单要分条编号。Markdown 稿的前置元数据（主送、署名、日期）也算。"
    )
    why = (
        "GB/T 9704-2012 第 7.3 条规定主体部分由标题、主送机关、正文、附件说明、发文机关署名、"
        "成文日期等组成；工作总结“成绩—问题—打算”缺一块就失去总结的作用。"
    )
    bad = "关于开展节前安全检查的通知\n各单位要在节前完成一次全面安全检查。\n特此通知。"
    good = (
        "关于开展节前安全检查的通知\n各区县教育局：\n各单位要在节前完成一次全面安全检查。\n"
        "特此通知。\n市教育局\n2026年11月5日"
    )
    example_genre = "notice"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        if doc.genre == "notice":
            yield from self._notice(doc)
        elif doc.genre == "summary":
            yield from self._summary(doc)
        elif doc.genre == "duties":
            yield from self._duties(doc)

    def _has_meta(self, doc: PreparedDoc, keys: tuple[str, ...]) -> bool:
        return any(doc.metadata.get(key) for key in keys)

    def _notice(self, doc: PreparedDoc) -> Iterator[Issue]:
        body = body_until_attachments(doc)
        if not body or doc.speech:
            return  # a text delivered to a meeting carries no 主送, 署名 or 成文日期 at its foot
        kind = doc_kind(doc)
        needs_recipient = kind in _NEEDS_RECIPIENT
        if kind in _PUBLIC:
            found = recipient_line(doc)
            if found is not None:
                yield Issue(
                    *_span(found), f"{kind}面向社会公布，不写主送机关：删去“{found.text.strip()}”"
                )
        if kind == "请示" and not request_phrases(doc):
            yield Issue(
                *_span(_last_text(body)),
                "请示缺少结尾请求语：正文末尾写明“妥否，请批示。”或“当否，请批复。”",
            )
        if kind == "纪要":  # minutes carry neither 署名 nor seal
            return
        if (
            needs_recipient
            and recipient_line(doc) is None
            and not self._has_meta(doc, _META_RECIPIENT)
        ):
            # A 文件 (with its 发文字号 or 版头) is sent to named organs; a 通知 put up for the
            # public (an exam notice on a website) may name none: said, as information.
            sent = bool(doc.of_part(*_FRAME)) or kind in _ADDRESSED
            yield Issue(
                *_span(body[0]),
                "缺少主送机关：在标题下一行写明主送机关，以全角冒号结尾",
                severity=None if sent else Severity.INFO,
            )
        if dated_subtitle(doc) is not None:
            return  # dated under the title (题注): the issuer is in the title, no foot block
        if kind == "公报":
            return  # a bulletin is dated by its title and publication, signed at most in brackets
        date = date_line(doc)
        has_date = date is not None or self._has_meta(doc, _META_DATE)
        has_signature = bool(signature_lines(doc)) or self._has_meta(doc, _META_SIGNATURE)
        # A text without any frame (no 版头, 发文字号, 署名 or 成文日期) of a kind that is also
        # published as bare text (意见, 决定, 批复 in a paper or a compilation) may have lost its
        # foot in the copy: said, but as information.
        framed = has_date or has_signature or bool(doc.of_part(*_FRAME))
        severity = None if framed or kind in _INTERNAL else Severity.INFO
        last = body[-1]
        if not has_date and not has_signature:
            message = "缺少发文机关署名和成文日期：在正文之后写明署名和日期"
            yield Issue(*_span(last), message, severity=severity)
        elif not has_date:
            yield Issue(*_span(last), "缺少成文日期：在署名下一行写明“2026年11月5日”式的日期")
        elif not has_signature:
            at = date if date is not None else last
            yield Issue(*_span(at), "缺少发文机关署名：在成文日期上一行写明发文机关")

    def _summary(self, doc: PreparedDoc) -> Iterator[Issue]:
        anchor = _anchor(doc)
        if anchor is None or doc.speech:
            return  # a 政府工作报告 delivered to a meeting is no 工作总结 in three set parts
        found: set[str] = set()
        for word, part in _summary_parts().items():
            if part not in found and word in doc.text:  # one search per part still missing
                found.add(part)
        missing = [part for part in ("成绩", "问题", "打算") if part not in found]
        names = {"成绩": "主要成绩", "问题": "存在的问题和不足", "打算": "下一步工作打算"}
        if missing:
            listed = "、".join(f"“{names[m]}”" for m in missing)
            yield Issue(*anchor, f"工作总结缺少{listed}部分：按“成绩—问题—打算”补齐")

    def _duties(self, doc: PreparedDoc) -> Iterator[Issue]:
        anchor = _anchor(doc)
        if anchor is None:
            return
        numbered = [p for p in doc.body if ANY_ORDINAL.match(p.text)]
        if doc.source == "md":  # list items lose their numbers to Markdown: count items instead
            numbered += [p for p in doc.body if p.text.rstrip().endswith(("；", ";"))]
        if len(numbered) < 2:
            yield Issue(*anchor, "职责未分条编号：逐条列出，用“1.”“2.”……编号")


@cache
def _duty_verbs() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("duty_verbs.txt"), key=len, reverse=True))


_ITEM_OPEN = lazy_re(
    r"[\s\u3000]*(?:[一二三四五六七八九十]+[、.．，,]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d{1,2}[.．、，,](?!\d)|[①-⑳])[\s\u3000]*"
)
_MODIFIER_FLAGS = ("d", "ad", "a", "c", "ag", "dg")


def _shape(ordinal: str) -> str:
    """The family of an ordinal (一、 （一） 1. （1） ①), ignoring its number."""
    core = ordinal.strip()
    core = re.sub(r"[一二三四五六七八九十]+", "一", core)
    return re.sub(r"\d+", "1", core)


_LABEL = lazy_re(r"[^，。；：:]{1,12}[：:]")
_STOP_FLAGS = ("x", "uj", "ul", "u", "p", "c", "r", "m", "q", "d", "w")


@register
class DutyItem(Rule):
    code = "S106"
    name = "duty-item"
    severity = Severity.WARNING
    parts = PROSE
    profiles = frozenset({"duties"})
    needs = Needs.POS
    what = (
        "职责条目：每条以动词开头（负责、承担、组织、协调、参与、指导、做好……，按 jieba 词性判断，"
        "“根据……，负责……”这样以介词短语开头、随后出现职责动词的也算）；同一组条目的句末标点一致"
        "（都用“；”、最后一条用“。”，或都用“。”）；两条内容不能重复（用词重合度达 75% 以上）。"
    )
    why = (
        "职责清单是“做什么”的清单，以动词开头才能一眼看出职责；标点统一、不重复是清单的基本要求，"
        "重复的条目会造成职责交叉、推诿。"
    )
    bad = "1.负责办公室日常事务；\n2.文件收发和档案管理；\n3.完成领导交办的其他工作。"
    good = "1.负责办公室日常事务；\n2.负责文件收发和档案管理；\n3.完成领导交办的其他工作。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        items = self._items(doc)
        for paragraph, open_end in items:
            yield from self._opening(doc, paragraph, open_end)
        yield from self._endings(items)
        yield from self._duplicates(doc, items)

    @staticmethod
    def _items(doc: PreparedDoc) -> list[tuple[TextParagraph, int]]:
        """Leaf items: ordinal paragraphs not followed by a deeper ordinal (those are headings)."""
        marked = []
        for paragraph in doc.body:
            match = _ITEM_OPEN.match(paragraph.text)
            if match and match.end() < len(paragraph.text.rstrip()):
                marked.append((paragraph, match.end(), _shape(match.group())))
        items = []
        for i, (paragraph, open_end, shape) in enumerate(marked):
            nxt = marked[i + 1] if i + 1 < len(marked) else None
            heading = (
                paragraph.text.rstrip()[-1] not in "。；;.，"
                and nxt is not None
                and nxt[0].index == paragraph.index + 1
                and nxt[2] != shape
            )
            if not heading:
                items.append((paragraph, open_end))
        return items

    def _opening(
        self, doc: PreparedDoc, paragraph: TextParagraph, open_end: int
    ) -> Iterator[Issue]:
        text = paragraph.text.rstrip()
        label = _LABEL.match(text, open_end)
        at = label.end() if label else open_end
        rest = text[at:]
        if rest.startswith(_duty_verbs()):
            return
        tokens = [t for t in doc.tag(paragraph.start + at, paragraph.start + len(text))]
        tokens = [t for t in tokens if t.word.strip()]
        if not tokens:
            return
        first = tokens[0]
        if self._verbish(doc, first.start, first.end) or self._modified_verb(doc, first):
            return
        second = tokens[1] if len(tokens) > 1 else None
        if (
            first.flag in _MODIFIER_FLAGS
            and second is not None
            and self._verbish(doc, second.start, second.end)
        ):
            return
        if first.flag == "p" and any(verb in rest for verb in _duty_verbs()):
            return
        yield Issue(
            first.start,
            first.end,
            f"职责条目应以动词开头：“{first.word}”不是动词，改为“负责……”“组织……”等",
        )

    @staticmethod
    def _verbish(doc: PreparedDoc, start: int, end: int) -> bool:
        """A verb: in the duty-verb list, or tagged v/vn/vd by jieba as one word."""
        word = doc.text[start:end]
        if word in _duty_verbs():
            return True
        tags = doc.tag(start, end)
        return len(tags) == 1 and tags[0].flag.startswith("v")

    @classmethod
    def _modified_verb(cls, doc: PreparedDoc, token: Token) -> bool:
        """A set phrase or unknown word made of a modifier and a verb: 全面落实, 严格执行."""
        if len(token.word) < 4 or not cls._verbish(doc, token.end - 2, token.end):
            return False
        if token.flag in ("i", "l"):
            return True
        head = doc.tag(token.start, token.start + 2)
        return len(head) == 1 and head[0].flag in _MODIFIER_FLAGS

    @staticmethod
    def _endings(items: list[tuple[TextParagraph, int]]) -> Iterator[Issue]:
        groups: list[list[TextParagraph]] = []
        for paragraph, _ in items:
            if groups and groups[-1][-1].index == paragraph.index - 1:
                groups[-1].append(paragraph)
            else:
                groups.append([paragraph])
        for group in groups:
            if len(group) < 2:
                continue
            ends = [p.text.rstrip()[-1] for p in group]
            semicolons = sum(1 for e in ends[:-1] if e in "；;")
            periods = sum(1 for e in ends[:-1] if e == "。")
            style = "；" if semicolons > periods else "。"
            for position, (paragraph, end) in enumerate(zip(group, ends, strict=True)):
                want = "。" if position == len(group) - 1 else style
                if end == want:
                    continue
                at = paragraph.start + len(paragraph.text.rstrip()) - 1
                if end in "。；;，,.":
                    message = f"条目末尾标点不一致：“{end}”应为“{want}”"
                    yield Issue(at, at + 1, message)
                else:
                    yield Issue(at, at + 1, f"条目末尾缺少标点：应以“{want}”结尾")

    @staticmethod
    def _duplicates(doc: PreparedDoc, items: list[tuple[TextParagraph, int]]) -> Iterator[Issue]:
        seen: list[tuple[int, frozenset[str]]] = []
        for number, (paragraph, open_end) in enumerate(items, 1):
            start = paragraph.start + open_end
            end = paragraph.start + len(paragraph.text.rstrip())
            words = frozenset(
                t.word
                for t in doc.tag(start, end)
                if len(t.word) >= 2 and t.flag not in _STOP_FLAGS
            )
            if len(words) >= 3:
                for earlier, other in seen:
                    overlap = len(words & other) / len(words | other)
                    if overlap >= 0.75:
                        yield Issue(
                            start,
                            end,
                            f"本条与第 {earlier} 条内容重复（用词重合 {overlap:.0%}）：合并或删去",
                        )
                        break
            seen.append((number, words))
