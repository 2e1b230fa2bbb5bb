"""Word choice: florid words, idioms, stale title words, filler, obscure characters,
spoken forms, doubled words and exclamations (P203, P204, P206–P211)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from itertools import compress, count, islice
from operator import eq
from typing import Any, ClassVar

from drafting import lexicon
from drafting.anatomy.parts import PROSE, PROSE_AND_TITLE, TITLES
from drafting.lint.rule import ALL, Issue, Needs, Rule, Severity, register
from drafting.lint.rules._phrasing import find_terms, quoted, sentence_span
from drafting.sources.document import PreparedDoc, Sentence
from drafting.zh.chars import QUOTED
from drafting.zh.patterns import CharRuns, lazy_re, ranges_without

_FORMAL = frozenset({"notice", "summary", "duties"})
_WRITING = frozenset({"commentary", "summary", "notice"})
_CJK = lazy_re(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")
_BANGS = lazy_re(r"[！!]+", first="[！!]")
_PUNCT_AFTER = "，。；：！？、,.;:!?）)”’》\n"


@register
class FloridWord(Rule):
    code = "P203"
    name = "florid-word"
    severity = Severity.INFO  # precision on judged real findings < 0.9: info until better
    parts = PROSE
    profiles = _WRITING
    needs = Needs.WORDS

    what = (
        "华丽辞藻表（corpus/florid.txt，二百多条：璀璨、熠熠生辉、美轮美奂、波澜壮阔、如诗如画……）"
        "中的词。一句中的几个词合为一条提示，标出从第一个到最后一个。"
    )
    why = (
        "时评不是散文诗，公文要求“表述准确、文字精练”：辞藻华丽、故作深沉让读者反感，"
        "也是反对“长、空、假”文风时点名的“堆砌辞藻”。只要出现就提示；确需保留的可在配置中放行。"
        "已发表的政府工作报告、意见和报纸评论里常见“磅礴力量”“新画卷”一类固定说法，"
        "在真实文稿上评判，警告的精确率不足 0.9（见 tests/real/judged.tsv），所以只作提示。"
    )
    bad = "新城区夜景璀璨，建筑美轮美奂。"
    good = "新城区夜间照明已全部改用节能灯具。"
    example_genre = "commentary"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for sentence in doc.sentences():
            hits = find_terms(doc, "florid.txt", sentence.start, sentence.end)
            if hits:
                words = quoted(doc.text[a:b] for a, b in hits)
                yield Issue(hits[0][0], hits[-1][1], f"辞藻华丽：{words}，宜改用平实的说法")


@cache
def _idioms() -> frozenset[str]:
    return frozenset(lexicon.words("idioms.txt"))


def _idiom_spans(doc: PreparedDoc, start: int, end: int) -> list[tuple[int, int]]:
    """Idioms, set phrases and florid words in ``[start, end)``, sorted, without overlaps."""
    idioms = _idioms()
    spans = set(doc.words_among(idioms).within(start, end))
    for filename in ("idioms_extra.txt", "florid.txt"):
        for a, b in find_terms(doc, filename, start, end):
            if not any(a < y and x < b for x, y in spans):
                spans.add((a, b))
    return sorted(spans)


def _densest_run(
    spans: list[tuple[int, int]], length: int, window: int, min_count: int, per_100: float
) -> tuple[int, int] | None:
    """Indexes ``(i, j)`` of the longest run ``spans[i..j]`` that is too dense, or None.

    A run is too dense when it holds at least ``min_count`` spans and more than ``per_100``
    of them per 100 characters of the stretch it covers; a stretch shorter than ``window``
    characters is measured as ``window`` (or as the whole paragraph, if that is shorter).
    """
    best: tuple[int, int] | None = None
    floor = min(window, length)
    for i in range(len(spans)):
        for j in range(i + min_count - 1, len(spans)):
            stretch = max(spans[j][1] - spans[i][0], floor)
            if (j - i + 1) * 100 > per_100 * stretch and (
                best is None or j - i > best[1] - best[0]
            ):
                best = (i, j)
    return best


@register
class IdiomDensity(Rule):
    code = "P204"
    name = "idiom-density"
    severity = Severity.INFO  # precision on judged real findings < 0.9: info until better
    parts = PROSE
    profiles = _WRITING
    needs = Needs.WORDS
    options: ClassVar[Mapping[str, Any]] = {
        "max_idioms": 3,
        "max_per_100": 6,
        "min_run": 5,
        "window": 100,
    }
    profile_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "notice": {"max_per_100": 5},
    }

    what = (
        "成语和四字套语堆砌，两种密度：一句中超过 3 个；或一段中一串成语（至少 5 个，"
        "跨两句以上）每百字超过 6 个（通知超过 5 个；不足 100 字的一串按 100 字计，"
        "段落不足 100 字按段长计）。成语按 jieba 分词结果查 corpus/idioms.txt"
        "（jieba 词典中词性为 i 的四字成语），另按原文查 corpus/idioms_extra.txt（砥砺前行、"
        "攻坚克难一类新套语）和 corpus/florid.txt；标出从第一个到最后一个，提示中列出这些词。"
    )
    why = (
        "成语一个接一个，句子就只剩声调、没有事实：“披荆斩棘、砥砺前行、攻坚克难、久久为功”"
        "说不出做了什么。一句用一两个成语很正常，三个是容忍的上限，超过即为堆砌。"
        "把成语拆进一串短句（“大家齐心协力、众志成城。干部迎难而上、勇往直前。”）逐句看不超标，"
        "整段仍是堆砌，所以另按每百字计：平实的公文每百字一般只有一两个成语，"
        "每百字 6 个即约每 16 字一个、四分之一的字数是成语，超过它已是口号式排比；"
        "通知重在交代事项，上限取 5。至少 5 个才计，免得一两句短话因分母小而误报；"
        "一句之内的堆砌由前一种密度报告，这里只看跨句的一串。"
        "jieba 的 l（习用语）标记混有“恶意软件”一类术语，i 标记中词频很低的条目多为"
        "“认真贯彻”“全面落实”“深入开展”一类公文短语（“切实加强”“高度重视”标为 l），"
        "所以成语表只取词频不低于 4 的 i 条目，这些公文常用语不计入。"
        "在已发表的真实文稿上评判，警告的精确率不足 0.9（见 tests/real/judged.tsv）："
        "报纸评论和工作报告常连用“因地制宜、量力而行”一类规定的工作原则，暂作提示。"
    )
    bad = "他们披荆斩棘、砥砺前行、攻坚克难、久久为功，终于建成了大桥。"
    good = "他们用三年时间建成了大桥，比计划提前两个月。"
    example_genre = "notice"

    @staticmethod
    def per_sentence(doc: PreparedDoc) -> Iterator[tuple[Sentence, list[tuple[int, int]]]]:
        """Each running-text sentence (split at ； too, like P201) with its idioms and set
        phrases outside quotations (what the rule counts and the calibration measures)."""
        for sentence in doc.sentences(semicolon=True):
            spans = _idiom_spans(doc, sentence.start, sentence.end)
            if spans and ("“" in sentence.text or "《" in sentence.text):
                quoted_at = [
                    (sentence.start + m.start(), sentence.start + m.end())
                    for m in QUOTED.finditer(sentence.text)
                ]
                spans = [s for s in spans if not any(a <= s[0] < b for a, b in quoted_at)]
            yield sentence, spans

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        limit = int(opts["max_idioms"])
        for _, ordered in self.per_sentence(doc):
            if len(ordered) > limit:
                words = quoted(doc.text[a:b] for a, b in ordered)
                yield Issue(
                    ordered[0][0],
                    ordered[-1][1],
                    f"一句中堆砌成语和辞藻 {len(ordered)} 个：{words}，"
                    "宜只留一个，其余改写成具体事实",
                )
        yield from self._paragraphs(doc, opts)

    def _paragraphs(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        per_100 = float(opts["max_per_100"])
        min_run, window = int(opts["min_run"]), int(opts["window"])
        for paragraph in doc.body:
            spans = _idiom_spans(doc, paragraph.start, paragraph.end)
            if len(spans) < min_run:
                continue
            run = _densest_run(spans, len(paragraph.text), window, min_run, per_100)
            if run is None:
                continue
            chosen = spans[run[0] : run[1] + 1]
            a, b = chosen[0][0], chosen[-1][1]
            if sum(1 for s in doc.sentences() if s.start < b and a < s.end) < 2:
                continue  # inside one sentence: the per-sentence count speaks for it
            stretch = max(b - a, min(window, len(paragraph.text)))
            density = len(chosen) * 100 / stretch
            words = quoted(doc.text[x:y] for x, y in chosen)
            yield Issue(
                a,
                b,
                f"成语和套语过密：{b - a} 字内 {len(chosen)} 个（每百字约 {density:.0f} 个）："
                f"{words}，宜删去大半，改写成具体事实",
            )


@register
class StaleTitleWord(Rule):
    code = "P206"
    name = "stale-title-word"
    severity = Severity.INFO
    parts = TITLES
    profiles = frozenset({"commentary"})
    needs = Needs.WORDS

    what = (
        "时评标题用了“彰显”“凸显”“绽放”“擦亮”“谱写”一类用滥的词（corpus/stale_title_words.txt）。"
    )
    why = (
        "“彰显××力量”“凸显××担当”式标题千篇一律，读者看不出这篇与别篇有什么不同；"
        "标题应直接说出论点。用词好坏见仁见智，所以只作提示。"
    )
    bad = "志愿服务彰显城市温度\n志愿者每天在车站为旅客指路。"
    good = "车站志愿者应当有固定的服务岗\n志愿者每天在车站为旅客指路。"
    example_genre = "commentary"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        title = doc.title
        if title is None:
            return
        for a, b in find_terms(doc, "stale_title_words.txt", title.start, title.end):
            yield Issue(a, b, f"标题用了套话{quoted([doc.text[a:b]])}，宜直接写出论点或事实")


@register
class EmptyPhrase(Rule):
    code = "P207"
    name = "empty-phrase"
    severity = Severity.INFO
    parts = PROSE
    profiles = frozenset({"commentary"})
    needs = Needs.WORDS

    what = (
        "空话套话表（corpus/empty_phrases.txt：高度重视、大力加强、进一步提高……）中的词后面"
        "直接是标点或句末，没有说重视什么、加强什么。“高度重视安全生产”不提示。"
    )
    why = (
        "“要高度重视”“要进一步加强”不带对象，只是表态、没有内容，是“长、空、假”文风的典型。"
        "通知、总结里这些是正常用语（后面一般跟着具体事项），所以这条只在时评中提示。"
    )
    bad = "对于这个问题，各方面都要高度重视，切实加强。"
    good = "各区要高度重视汛期地质灾害排查，六月底前完成全部隐患点复核。"
    example_genre = "commentary"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        text = doc.text
        for paragraph in doc.body:
            for a, b in find_terms(doc, "empty_phrases.txt", paragraph.start, paragraph.end):
                if b >= paragraph.end or text[b] in _PUNCT_AFTER:
                    yield Issue(
                        a,
                        b,
                        f"空话：{quoted([text[a:b]])}后面没有具体对象，宜写明对什么、做什么、到什么程度",
                    )


@cache
def _common_chars() -> frozenset[str]:
    chars = set(lexicon.words("chars_level1.txt"))
    chars.update(lexicon.words("proper_name_chars.txt"))
    return frozenset(chars)


#: The ideograph blocks P208 looks in (basic, extension A, extensions B and later).
_CJK_BLOCKS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2FFFF)]


@cache
def _uncommon_runs(traditional: bool = False) -> CharRuns:
    """Runs of ideographs outside the common characters (for a Traditional text, outside their
    Traditional forms too: the first-level list converted by OpenCC, see drafting.zh.hanzi)."""
    common = _common_chars()
    if traditional:
        from drafting.zh.hanzi import to_traditional

        common = frozenset(common | to_traditional(common))
    return CharRuns(ranges_without(_CJK_BLOCKS, common))


@register
class ObscureChar(Rule):
    code = "P208"
    name = "obscure-char"
    severity = Severity.INFO
    parts = PROSE_AND_TITLE
    profiles = ALL

    what = (
        "不在《通用规范汉字表》一级字表（3500 个常用字，corpus/chars_level1.txt）中的汉字，"
        "专名用字表（corpus/proper_name_chars.txt）和配置的 allow 词表中的除外。"
        "繁体文本按繁体字表衡量：一级字表用 OpenCC 转成繁体（含台湾、香港标准）后的字都算常用字。"
        "相连的几个生僻字合为一条提示。"
    )
    why = (
        "一级字表是“主要满足基础教育和文化普及的基本用字需要”的常用字集，"
        "超出它的字许多读者不认识或读不准，也是“艰涩难懂”的来源。"
        "人名、地名常用二、三级字，无法穷举，所以只作提示。"
    )
    bad = "此事须审慎擘画，勿令耄耋老人徒增烦扰。"
    good = "此事要慎重谋划，不要给高龄老人增添麻烦。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        from drafting.zh.hanzi import mostly_traditional

        text = doc.text
        runs = _uncommon_runs(mostly_traditional(text))
        for i, j in runs.spans(text):  # each run of rare characters: one finding
            yield Issue(
                i,
                j,
                f"生僻字{quoted([text[i:j]])}不在《通用规范汉字表》一级字表内，"
                "宜换用常用字，专名可加入 allow 词表",
            )


@register
class Colloquial(Rule):
    code = "P209"
    name = "colloquial"
    severity = Severity.WARNING
    parts = PROSE
    profiles = _FORMAL
    needs = Needs.WORDS

    what = (
        "正式公文中的口语词（corpus/colloquial.txt：咱们、搞定、啥、挺好、特别棒……）。"
        "两字及以下的词须与 jieba 分词的词界对齐才算，“挺拔”里的“挺”不提示。"
    )
    why = (
        "公文“用语庄重、规范”：口头说法显得随意，也容易产生歧义。"
        "口语词在公文中几乎没有正当用途，故默认警告。"
    )
    bad = "咱们单位的节能改造已经搞定了。"
    good = "我单位的节能改造已经完成。"
    example_genre = "notice"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        if doc.speech:
            return  # a report or speech delivered to a meeting may choose a spoken word
        for paragraph in doc.paragraphs:
            for a, b in find_terms(doc, "colloquial.txt", paragraph.start, paragraph.end):
                yield Issue(a, b, f"口语词{quoted([doc.text[a:b]])}，宜改用书面语")


@cache
def _reduplication_ok() -> frozenset[str]:
    return frozenset(lexicon.words("reduplication_ok.txt"))


def _is_word(word: str) -> bool:
    return bool(word) and all(_CJK.match(ch) for ch in word)


@register
class RepeatedWord(Rule):
    code = "P210"
    name = "repeated-word"
    severity = Severity.WARNING
    parts = PROSE_AND_TITLE
    profiles = ALL
    needs = Needs.WORDS

    what = (
        "同一个词紧挨着出现两次（的的、进一步进一步），按 jieba 分词判断；"
        "合法的重叠（研究研究、看看、一个一个，见 corpus/reduplication_ok.txt，"
        "以及 jieba 词典本身收录的叠词，如人人、常常）不提示。"
    )
    why = (
        "词语重复多是修改时漏删留下的，读者一眼就能看出，是审稿必查的硬伤。"
        "重叠式只认词表中的合法形式，其他一律提示。"
    )
    bad = "要进一步进一步加强安全管理。"
    good = "要进一步加强安全管理，请大家研究研究具体办法。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        ok = _reduplication_ok()
        texts, starts, ends = doc.cut
        taken = -1  # the second word of a reported pair is not the first of another
        # only where a word equals the next one (found in C, not by a loop over the words)
        for i in compress(count(), map(eq, texts, islice(texts, 1, None))):
            word = texts[i]
            if i != taken and _is_word(word) and starts[i + 1] == ends[i] and word + word not in ok:
                if _legitimate_doubling(word, texts[i - 1] if i else "") or _reduplicated(
                    doc, starts[i], ends[i + 1]
                ):
                    continue
                yield Issue(starts[i], ends[i + 1], f"词语重复：“{word}{word}”，删去一个“{word}”")
                taken = i + 1


#: Kinds that may close with a call (……而奋斗！): resolutions and the documents of party and
#: state organs printed with them.
_CALLING_KINDS = frozenset({"决议", "意见", "决定", "公报"})


def _rallying_close(doc: PreparedDoc) -> int | None:
    """The offset of the exclamation mark that ends the body of a 决议 (or 意见, 决定, 公报),
    if there is one: published practice closes these with a call."""
    if doc.kind not in _CALLING_KINDS or not doc.body:
        return None
    last = doc.body[-1]
    text = last.text.rstrip()
    if text.endswith(("！", "!")):
        return last.start + len(text) - 1
    return None


#: Parts of speech whose doubling is a form of Chinese, not a slip: a measure word (桩桩件件,
#: 个个) or a quantity (整卷整卷). Verbs doubled to mean "a little" (研究研究) are listed in
#: ``corpus/reduplication_ok.txt``: jieba cannot tell them from a slip (工作工作).
_REDUPLICATING = ("q", "m")


def _reduplicated(doc: PreparedDoc, start: int, end: int) -> bool:
    """Whether the doubled word at ``[start, end)`` is a reduplication jieba reads as a measure
    word or a quantity (tagged only here: doublings are rare)."""
    words = doc.tag(start, end)
    return len(words) == 2 and words[0].flag in _REDUPLICATING


def _legitimate_doubling(word: str, before: str) -> bool:
    """Doublings that are Chinese, not slips: 一X一X (一户一户, 一步一步: one by one), and a given
    name of one doubled character after a surname (屠呦呦, 王莎莎)."""
    if len(word) == 2 and word[0] == "一":
        return True
    return len(word) == 1 and len(before) == 1 and before in _surnames()


@cache
def _surnames() -> frozenset[str]:
    return frozenset(w for w in lexicon.words("surnames.txt") if len(w) == 1)


_RHETORICAL = lazy_re(r"难道|岂能|岂不|岂非|何尝|怎能|怎么能|怎可|谁不|哪能|何不")
_QUOTES = {"“": "”", "《": "》", "「": "」"}


_QUOTE_MARK = lazy_re("[" + "".join(_QUOTES) + "".join(_QUOTES.values()) + "]")


def _quoted_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    ranges, stack = [], []
    for match in _QUOTE_MARK.finditer(text, start, end):  # only the marks
        i, ch = match.start(), match.group()
        if ch in _QUOTES:
            stack.append((ch, i))
        elif stack and ch == _QUOTES[stack[-1][0]]:
            ranges.append((stack.pop()[1], i))
    return ranges


@register
class Exclamation(Rule):
    code = "P211"
    name = "exclamation"
    severity = Severity.WARNING
    parts = PROSE
    profiles = _FORMAL

    what = (
        "正式公文（通知、总结、职责）中的感叹号“！”，以及含“难道”“岂能”“怎能”一类反问词、"
        "以“？”结尾的反问句。引号和书名号里的（口号、书名）不提示。"
    )
    why = "公文语气平实庄重，以陈述为主：感叹和反问带着情绪，不合公文的体式。"
    bad = "今年全市安全生产形势持续稳定！"
    good = "今年全市安全生产形势持续稳定。"
    example_genre = "notice"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        if doc.speech:
            return  # a report or speech delivered to a meeting exclaims (各位代表！) by its nature
        text = doc.text
        inside: dict[int, list[tuple[int, int]]] = {}  # quotations of a paragraph, on demand

        def quoted_at(i: int) -> bool:
            paragraph = doc.paragraph_at(i)  # a quotation never spans two paragraphs
            if paragraph.index not in inside:
                inside[paragraph.index] = _quoted_ranges(text, paragraph.start, paragraph.end)
            return any(a < i < b for a, b in inside[paragraph.index])

        # a run of marks lies wholly inside or wholly outside a quotation (quote marks bound
        # it), so testing its first mark tests the run; a run never crosses a line break
        closing = _rallying_close(doc)
        for match in _BANGS.finditer(text):
            if match.start() == closing:
                continue  # ……而奋斗！ closing a 决议 or a party document: their set ending
            if not quoted_at(match.start()):
                yield Issue(*match.span(), "正式公文不宜用感叹号，宜改为句号“。”")
        for sentence in self._questions(doc):
            start, end = sentence_span(doc, sentence)
            stripped = text[start:end].rstrip("”’）)")
            if (
                stripped.endswith(("？", "?"))
                and not quoted_at(start + len(stripped) - 1)
                and _RHETORICAL.search(text, start, end)
            ):
                yield Issue(start, end, "正式公文不宜用反问句，宜改为直接陈述")

    @staticmethod
    def _questions(doc: PreparedDoc) -> Iterator[Sentence]:
        """The sentences holding a question mark, in order; only their paragraphs are split."""
        for paragraph in doc.paragraphs:
            if "？" in paragraph.text or "?" in paragraph.text:
                for sentence in doc.paragraph_sentences(paragraph):
                    if "？" in sentence.text or "?" in sentence.text:
                        yield sentence
