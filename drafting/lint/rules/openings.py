"""How a commentary opens and turns: S108 story-opening, S109 quote-opening, P205 detours."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from drafting.anatomy.parts import PROSE
from drafting.lint.rule import Issue, Needs, Rule, Severity, register
from drafting.lint.rules._phrasing import (
    body_sentences,
    find_terms,
    person_name,
    quote_lead,
    quoted,
    trimmed,
)
from drafting.lint.rules.thesis import ThesisFinder, ThesisLate
from drafting.sources.document import PreparedDoc
from drafting.zh.patterns import lazy_re

_DATE = lazy_re(r"[0-9０-９一二三四五六七八九十〇]+(年|月[0-9０-９一二三四五六七八九十]+日)")


@register
class StoryOpening(Rule):
    code = "S108"
    name = "story-opening"
    severity = Severity.INFO  # precision on judged real findings < 0.9: info until better
    parts = PROSE
    profiles = frozenset({"commentary"})
    needs = Needs.POS
    options: ClassVar[Mapping[str, Any]] = {"min_chars": 120, "min_signals": 2}

    what = (
        "时评第一段用超过 120 字讲故事（时间地点、人名、景物和叙述动作），却没有亮明观点。"
        "叙事信号分三类：人名（jieba 词性 nr 且像人名：后接称谓或说话动词，或两三个字、"
        "首字是常见姓氏且不是柳树、春耕、银行卡一类误标词，见 S101）、"
        "时间（词性 t、日期、“清晨”“那年”一类）、"
        "场景与叙述动作（“走进”“村口”“笑着”一类，见 corpus/story_time.txt、story_scene.txt）；"
        "至少两类出现、且段中没有论点句（按 S101 的方法判断：叙事句里的“只有”“不能”"
        "不算表态）时提示。"
    )
    why = (
        "时评不是散文：开头大段叙事，论点迟迟不出，读者抓不住要说什么。"
        "事例应压缩成一两句、为论点服务。120 字约合两三句话，足够概述一件事；"
        "只有一类信号（如只写了日期）不足以断定在讲故事，所以要求至少两类。"
        "在已发表的真实文稿上评判，这条规则的警告精确率不足 0.9（见 tests/real/judged.tsv），"
        "新闻由头和典故开篇常被误认作讲故事，暂作提示。"
    )
    bad = (
        "让老人用得上智能手机\n"
        "清晨六点，李秀兰老人拄着拐杖来到社区医院门口。她掏出一部旧手机，翻来覆去找不到挂号的入口，"
        "只好站在寒风里等窗口开门。排在她身后的年轻人一个个扫码进了门，"
        "她却在门口站了四十多分钟，手冻得发紫，最后被告知当天的号已经挂满了。"
        "老人叹了口气，拄着拐杖沿着河边那条泥泞的小路，一步一步慢慢走回了家。\n"
        "智能服务不能把老人挡在门外。"
    )
    good = (
        "让老人用得上智能手机\n"
        "智能服务不能把老人挡在门外。清晨六点，李秀兰老人来到社区医院门口，"
        "翻来覆去找不到挂号的入口，在寒风里等了四十多分钟，最后被告知当天的号已经挂满了。"
        "医院应当保留人工窗口，并为老人开设电话预约。"
    )
    example_genre = "commentary"

    @staticmethod
    def narrative(doc: PreparedDoc, min_signals: int) -> tuple[int, int, str] | None:
        """(start, end, the signals named) of a first paragraph that tells a story without
        stating a view, whatever its length: what the rule compares and the calibration
        measures; None when the first paragraph argues or is no story."""
        first = next((p for p in doc.body if p.role == "body"), None)
        if first is None:
            return None
        start, end = trimmed(doc, first.start, first.end)
        finder = ThesisFinder(doc)
        if any(finder.reason(s) for s in body_sentences(doc) if s.paragraph == first.index):
            return None
        signals: dict[str, str] = {}
        words = doc.tag(start, end)
        for i, w in enumerate(words):
            name = person_name(words, i)
            if name and len(name) >= 2:
                signals.setdefault("人名", name)
            elif w.flag == "t":
                signals.setdefault("时间", w.word)
        date = _DATE.search(doc.text, start, end)
        if date:
            signals.setdefault("时间", date.group())
        for kind, filename in (("时间", "story_time.txt"), ("场景", "story_scene.txt")):
            for a, b in find_terms(doc, filename, start, end):
                signals.setdefault(kind, doc.text[a:b])
        if len(signals) < min_signals:
            return None
        return start, end, "、".join(f"{kind}“{word}”" for kind, word in signals.items())

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        first = next((p for p in doc.body if p.role == "body"), None)
        if first is None:
            return
        start, end = trimmed(doc, first.start, first.end)
        if end - start <= int(opts["min_chars"]) or ThesisLate.stated_up_front(doc):
            return  # short, or the view is stated in a pull-quote before the story begins
        found = self.narrative(doc, int(opts["min_signals"]))
        if found is None:
            return
        start, end, named = found
        yield Issue(
            start,
            end,
            f"开篇第一段叙事 {end - start} 字（{named}），未亮明观点；宜压缩叙事，先提出论点",
        )


@register
class QuoteOpening(Rule):
    code = "S109"
    name = "quote-opening"
    severity = Severity.WARNING
    parts = PROSE
    profiles = frozenset({"commentary", "summary"})
    needs = Needs.POS

    what = (
        "正文第一句以引述报告、会议或他人讲话开头：第一分句以“指出”“强调”“要求”等引述动词"
        "（corpus/quote_verbs.txt）收尾，如“××报告指出，”“××同志强调：”；"
        "或以引号开头、引号后由“××说”引出（引文自带句号的“……。”××说也算）。主语是“我们”“笔者”时不算，"
        "以介词开头的依据（按照省委要求，根据会议要求，）也不算。"
    )
    why = (
        "开篇先引报告、讲话，是还没想清楚自己要说什么的表现：读者读完第一句只知道别人说了什么。"
        "应先亮明自己的观点，引文放到论证中作依据。"
    )
    bad = (
        "治理形式主义要动真格\n党的二十大报告指出，要持续深化纠治“四风”。基层减负不能停留在文件上。"
    )
    good = (
        "治理形式主义要动真格\n"
        "基层减负不能停留在文件上。党的二十大报告指出，要持续深化纠治“四风”，这为减负提供了依据。"
    )
    example_genre = "commentary"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        sentences = body_sentences(doc)
        if not sentences:
            return
        start, end = trimmed(doc, sentences[0].start, sentences[0].end)
        if (
            doc.text.startswith("“", start)
            and doc.text.endswith("”", start, end)
            and len(sentences) > 1
            and sentences[1].paragraph == sentences[0].paragraph
        ):
            # “……。”老支书说：the quotation ends with its own mark, so the sentence split
            # leaves the attribution to the next sentence; read the two as one
            end = trimmed(doc, sentences[1].start, sentences[1].end)[1]
        lead = quote_lead(doc, start, end)
        if lead is not None:
            yield Issue(
                start,
                lead,
                f"开篇即引述“{doc.text[start:lead]}”，宜先亮明自己的观点，引文放到论证中",
            )


@register
class DetourTransition(Rule):
    code = "P205"
    name = "detour-transition"
    severity = Severity.WARNING
    parts = PROSE
    profiles = frozenset({"commentary"})
    needs = Needs.WORDS

    what = (
        "“这让我联想到”“笔者不禁想到”“由此我想到”“不禁让人想起”一类绕弯过渡（corpus/detours.txt）。"
    )
    why = (
        "用“这让我联想到”从一件事绕到另一件事，说明作者还没想好论点，只好靠联想串起材料。"
        "时评应围绕论点组织材料：说清现象、亮明观点，再递进或并列地论证。"
    )
    bad = "这让我联想到小时候村里的那口老井。"
    good = "这件事说明，公共设施的维护必须有人负责。"
    example_genre = "commentary"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for paragraph in doc.body:
            for a, b in find_terms(doc, "detours.txt", paragraph.start, paragraph.end):
                yield Issue(
                    a,
                    b,
                    f"绕弯过渡：{quoted([doc.text[a:b]])}，宜删去联想，直接说明材料与论点的关系",
                )
