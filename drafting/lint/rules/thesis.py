"""S101 thesis-late: does the text state its point at the start?

How the thesis is found (the same description is on the explain page):

1. The body is split into sentences (。！？). Each sentence is tested in order; the first one
   that passes is the thesis.
2. A sentence that reports someone else's words (its first clause ends with 指出/强调/要求 …
   after a subject: ××报告指出，……) is never the thesis: a quoted view is not the writer's.
   Otherwise a sentence passes when it carries an **author's stance** (``corpus/author_stance.txt``:
   我们认为、由此可见、说到底 …), whatever else it holds.
3. It also passes when it carries a **modal or evaluative marker** (``corpus/stance_markers.txt``:
   应当、必须、不能、关键在于 …, not followed by 的: 确有需要的事项 is no stance; or the modal
   verbs 要/应/需 tagged ``v`` by jieba and followed by a verb, adverb, preposition or
   adjective: 要把、需加强, not 要钱) **and is not a narrative sentence**. A sentence is
   narrative when it names a person or jieba tags a time word (``t``) in it, or it holds a
   third-person singular pronoun (他/她; 他们 often names the people a thesis speaks for),
   a date, or a story marker
   (``corpus/story_time.txt``, ``story_scene.txt``: 清晨、那年、走进 …).
   "他必须走三个小时山路" is a story, not a thesis. A person's name is a word jieba tags
   ``nr`` that looks like a name (``_phrasing.person_name``): followed by a title or a verb
   of speech (张女士, 王大爷, 老李说; ``corpus/person_titles.txt``, ``speech_verbs.txt``), or
   two or three characters starting with a surname (``corpus/surnames.txt``) and not one of
   the plain nouns jieba mis-tags (柳树、春耕、银行卡; ``corpus/not_names.txt``).
4. In a commentary, a non-narrative sentence also passes when it shares at least two content
   words, and at least half of them, with the **title** (the thesis usually restates the
   title; a notice's title names its subject, so every sentence would match there).
5. Per genre: in a notice the **purpose-and-basis** sentence passes (为……，根据……，现将……通知如下;
   ``corpus/notice_purpose.txt``); in a summary the **overall verdict** passes (一年来、总体来看、
   圆满完成 …; ``corpus/summary_verdicts.txt``).
6. The thesis must start within ``max(within_ratio × body length, within_chars)`` characters of
   the body. A later thesis is reported on that sentence, with its number, its offset and its
   share of the body. A commentary with no thesis at all is reported on its first sentence
   (``report_missing``); notices and summaries are not, since their thesis may take forms the
   markers do not know.

Only candidate sentences (those with a marker or a title overlap) are tagged for part of speech.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any, ClassVar

from drafting.anatomy.parts import PROSE, Part
from drafting.lint.rule import Issue, Needs, Rule, Severity, register
from drafting.lint.rules._phrasing import (
    body_sentences,
    find_terms,
    person_name,
    quote_lead,
    sentence_span,
)
from drafting.sources.document import PreparedDoc, Sentence
from drafting.zh.patterns import lazy_re
from drafting.zh.segment import Token

_MODALS = frozenset({"要", "应", "需", "须", "应该", "需要"})
_THIRD_PERSON = frozenset({"他", "她"})
_DATE = lazy_re(r"[0-9０-９一二三四五六七八九十〇]+(年|月[0-9０-９一二三四五六七八九十]+日)")
_CONTENT_TAGS = ("n", "v", "a", "vn", "an", "nz", "ns", "nt", "l", "i")
#: A marker followed by these is used as a modifier, not as a stance (确有需要的事项).
_ATTRIBUTIVE = ("的", "之")
#: Part-of-speech tags of what a modal verb governs.
_GOVERNED = ("v", "d", "p", "a", "c")
#: The statutory kinds that open with their purpose and basis (为……，根据……，现将……通知如下):
#: S101 reads them; a document of another kind (a 通报 opens with the facts, a 批复 with the
#: request it answers) opens with its matter.
_PURPOSE_KINDS = frozenset({"通知", "意见", "决定", "请示", "报告"})
_GENRE_MARKERS = {"notice": "notice_purpose.txt", "summary": "summary_verdicts.txt"}


def _modal_use(words: list[Token], modal: str) -> bool:
    """Whether ``modal`` stands as a modal verb: tagged ``v`` and followed by what it governs,
    a verb, adverb, preposition or adjective (要把、需加强、应及时); 确有需要的事项 or 要钱
    is no stance."""
    for i, w in enumerate(words[:-1]):
        after = words[i + 1]
        if (
            w.word == modal
            and w.flag.startswith("v")
            and after.start == w.end
            and after.word not in _ATTRIBUTIVE
            and after.flag.startswith(_GOVERNED)
        ):
            return True
    return False


def _text(doc: PreparedDoc, span: tuple[int, int]) -> str:
    return doc.text[span[0] : span[1]]


class ThesisFinder:
    """Finds the first thesis sentence of a prepared document (see the module docstring)."""

    def __init__(self, doc: PreparedDoc) -> None:
        self.doc = doc

    @cached_property
    def title_words(self) -> set[str]:
        """The title's content words, tagged on first use: only a commentary compares them
        (part-of-speech tagging loads jieba's tag tables, about a second)."""
        title = self.doc.title
        if title is None or not title.text.strip():
            return set()
        return {
            w.word
            for w in self.doc.tag(title.start, title.end)
            if len(w.word) >= 2 and w.flag.startswith(_CONTENT_TAGS)
        }

    def narrative(self, sentence: Sentence) -> str | None:
        """The word that makes ``sentence`` a story sentence, or None."""
        doc = self.doc
        words = doc.tag(sentence.start, sentence.end)
        for i, w in enumerate(words):
            name = person_name(words, i)
            if name and len(name) >= 2:
                return name
            if w.flag == "t" or w.word in _THIRD_PERSON:
                return w.word
        date = _DATE.search(sentence.text)
        if date:
            return date.group()
        for filename in ("story_time.txt", "story_scene.txt"):
            story = find_terms(doc, filename, sentence.start, sentence.end)
            if story:
                return _text(doc, story[0])
        return None

    def reason(self, sentence: Sentence) -> str | None:
        """Why ``sentence`` is the thesis (a short Chinese phrase), or None if it is not."""
        doc, a, b = self.doc, sentence.start, sentence.end
        if quote_lead(doc, a, b) is not None:
            return None
        author = find_terms(doc, "author_stance.txt", a, b)
        if author:
            return f"以“{_text(doc, author[0])}”表态"
        genre_file = _GENRE_MARKERS.get(doc.genre)
        if genre_file:
            found = find_terms(doc, genre_file, a, b)
            if found:
                kind = "目的与依据" if doc.genre == "notice" else "总体评价"
                return f"{kind}“{_text(doc, found[0])}”"
        stance = [
            (x, y)
            for x, y in find_terms(doc, "stance_markers.txt", a, b)
            if not doc.text.startswith(_ATTRIBUTIVE, y)
        ]
        words = doc.words_in(a, b)
        modal = next((w.word for w in words if w.word in _MODALS), None)
        overlap = self.title_words & {w.word for w in words} if doc.genre == "commentary" else set()
        enough_overlap = len(overlap) >= 2 and len(overlap) * 2 >= len(self.title_words)
        if not (stance or modal or enough_overlap):
            return None
        if self.narrative(sentence):
            return None
        if stance:
            return f"以“{_text(doc, stance[0])}”表态"
        if modal and _modal_use(doc.tag(a, b), modal):
            return f"以“{modal}”表态"
        if enough_overlap:
            return "与标题呼应"
        return None

    def find(self) -> tuple[int, Sentence, str] | None:
        """(index, sentence, reason) of the first thesis sentence, or None."""
        for index, sentence in enumerate(body_sentences(self.doc)):
            why = self.reason(sentence)
            if why:
                return index, sentence, why
        return None


def body_offset(doc: PreparedDoc, offset: int) -> int:
    """How many body characters come before ``offset`` (paragraph breaks not counted)."""
    count = 0
    for paragraph in doc.body:
        if paragraph.end <= offset:
            count += len(paragraph.text)
        elif paragraph.start <= offset:
            count += offset - paragraph.start
    return count


@register
class ThesisLate(Rule):
    code = "S101"
    name = "thesis-late"
    severity = Severity.INFO  # precision on judged real findings < 0.9: info until better
    parts = PROSE
    profiles = frozenset({"commentary", "summary", "notice"})
    needs = Needs.POS
    options: ClassVar[Mapping[str, Any]] = {
        "within_ratio": 0.15,
        "within_chars": 150,
        "report_missing": False,
    }
    profile_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "commentary": {"report_missing": True}
    }

    what = (
        "论点（第一个亮明观点的句子）应出现在正文前 15% 或前 150 字之内（取较大者）。"
        "判断方法：依次检查每句，含作者表态（我们认为、由此可见、说到底……）即为论点句；"
        "含情态或评价词（应当、必须、不能、关键在于……，后面不是“的”，“确有需要的事项”不算；"
        "或词性为动词、后接动词副词介词的“要”“应”“需”，“要把”算、“要钱”不算）"
        "且不是叙事句（无人名、时间词、第三人称、日期和“清晨”“那年”一类叙事标记）也算。"
        "人名指 jieba 标为 nr、又像人名的词：后接称谓或说话动词（张女士、老李说），"
        "或两三个字、首字是常见姓氏（corpus/surnames.txt）且不在误标词表"
        "（corpus/not_names.txt：柳树、春耕、银行卡……）中；"
        "时评中与标题有两个以上实词重合的非叙事句也算；通知看“为……，根据……，现将……”的目的依据句，"
        "总结看“一年来”“圆满完成”一类总体评价。论点靠后时报出它是第几句、在正文第几字、占全文多少。"
    )
    why = (
        "“开门见山，直截了当”：时评要在开头旗帜鲜明地提出论点，通知开头交代目的和依据，"
        "总结开头给出总体评价。一篇千字时评若用五百字讲故事、举例子，论点出来时已无篇幅论证，"
        "只能草草收尾。15% 与 150 字的默认值给开头留出一两句引出话题的余地（千字文约 150 字），"
        "短文按 150 字计。"
        "在已发表的真实文稿上评判，这条规则的警告精确率不足 0.9（见 tests/real/judged.tsv），"
        "找论点的方法还会漏掉复述标题、条件式结论一类论点句，暂作提示。"
    )
    bad = (
        "快递小哥的一天\n"
        "凌晨五点，老周已经骑着三轮车来到分拣站。他一件件核对面单，把包裹码放整齐，"
        "天亮前装满了整整一车。上午十点，他在小区门口遇到一位拄拐的老人，便把包裹送上了六楼。"
        "中午，他蹲在路边吃了一份盒饭，又接到二十多个电话。下午，雨越下越大，他把雨衣盖在包裹上，"
        "自己淋得透湿。傍晚回到站点，他还要把退件一一登记，直到晚上九点才下班。"
        "这样的日子，他已经过了整整六年。\n"
        "我们认为，城市应当为快递小哥留出歇脚的地方。"
    )
    good = (
        "城市应当为快递小哥留出歇脚的地方\n"
        "城市应当为快递小哥留出歇脚的地方。凌晨五点，老周已经骑着三轮车来到分拣站，"
        "直到晚上九点才下班，中午只能蹲在路边吃一份盒饭。这样的日子，他已经过了整整六年。"
        "社区可以开放党群服务中心，让他们喝口热水、充上电。"
    )
    example_genre = "commentary"

    @staticmethod
    def stated_up_front(doc: PreparedDoc) -> bool:
        """A commentary printed with a pull-quote (提要) under its title states its view there,
        before the body begins: the newspaper's own way of putting the thesis first."""
        return doc.genre == "commentary" and bool(doc.of_part(Part.LEAD))

    @staticmethod
    def position(doc: PreparedDoc) -> tuple[int, int, tuple[int, Sentence, str] | None]:
        """(body length, offset of the thesis in the body, the thesis found): what the rule
        compares and the calibration measures (offset is -1 when none is found)."""
        total = sum(len(p.text) for p in doc.body)
        found = ThesisFinder(doc).find()
        if found is None:
            return total, -1, None
        start, _ = sentence_span(doc, found[1])
        return total, body_offset(doc, start), found

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        if doc.genre == "notice" and doc.kind is not None and doc.kind not in _PURPOSE_KINDS:
            return  # a 公报, 决议, 批复 or 函 opens with its matter, not a purpose and basis
        total = sum(len(p.text) for p in doc.body)
        limit = max(int(total * float(opts["within_ratio"])), int(opts["within_chars"]))
        if total <= limit or self.stated_up_front(doc):
            return
        found = ThesisFinder(doc).find()
        if found is None:
            if opts.get("report_missing"):
                first = next(iter(body_sentences(doc)), None)
                if first is not None:
                    start, end = sentence_span(doc, first)
                    yield Issue(
                        start,
                        end,
                        f"全文 {total} 字未找到亮明观点的论点句，宜在开头 {limit} 字内提出论点",
                    )
            return
        index, sentence, why = found
        start, end = sentence_span(doc, sentence)
        offset = body_offset(doc, start)
        if offset < limit:
            return
        share = round(offset * 100 / total)
        yield Issue(
            start,
            end,
            f"论点出现在第 {index + 1} 句（正文第 {offset + 1} 字，约 {share}%，{why}），"
            f"宜在前 {limit} 字内亮明观点",
        )
