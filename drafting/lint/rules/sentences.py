"""Sentence-level phrasing that needs no words: sentence length."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from drafting.anatomy.parts import PROSE
from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc, Sentence
from drafting.zh.chars import reading_length, states_formula, unquoted


@register
class LongSentence(Rule):
    code = "P201"
    name = "long-sentence"
    severity = Severity.WARNING
    parts = PROSE
    options: ClassVar[Mapping[str, Any]] = {"max": 60, "hint": None}
    profile_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "commentary": {"max": 50},
        "duties": {"max": 80},
    }
    what = (
        "句子过长：以。！？和；断句，正文中一句超过上限时警告；超过较低的“提示”长度时只作提示。"
        "上限按文种取自已发表的同类文稿（见下方“校准”）：一篇已发表的文稿里最长的一句，"
        "95% 的文稿都不超过它；提示长度是已发表文稿中 98% 的句子（时评为 90%）不超过的长度。"
        "没有语料的文体（工作职责等）用默认值：60 字，时评 50 字，职责 80 字。"
        "汉字和标点各算一个字；连续的字母或数字按宽度算，每两个算一个字；空格不计；"
        "引号里的引文和书名号里的标题不计（作者无法删短它们），只算两个标号；"
        "照录“指导思想是：”“总体要求是：”一类规定表述的句子不量（corpus/formula_leads.txt）。"
        "只看正文（不看标题、主送机关、署名、版记和表格）。"
    )
    why = (
        "公文要求“文字精练”，时评要求短句。长句让读者记不住主语、抓不住要点，"
        "拆成几个短句，每句只说一件事。已发表的意见、通知里百字长句并不少见，"
        "所以上限随文种而定，只把连已发表文稿也少见的长句报为警告。"
    )
    bad = (
        "为深入贯彻落实上级关于加强基层治理体系和治理能力现代化建设的决策部署并结合本地区"
        "实际情况进一步推动各项工作任务落地见效，经研究决定在全市范围内组织开展专项行动。"
    )
    good = (
        "为贯彻落实上级关于加强基层治理的决策部署，推动各项任务落地见效，"
        "经研究，决定在全市开展专项行动。"
    )
    example_genre = "generic"  # the default limit: the calibrated ones need far longer examples

    @staticmethod
    def lengths(doc: PreparedDoc, longer_than: int = 0) -> Iterator[tuple[Sentence, int, int]]:
        """Each running-text sentence (split at 。！？ and ；) longer than ``longer_than``
        characters, with its leading blank count and reading length: what the rule compares
        and the calibration measures (a reading length never exceeds the character count, so
        shorter sentences are skipped without measuring them)."""
        for sentence in doc.sentences(semicolon=True):
            text = sentence.text
            if len(text) <= longer_than or doc.paragraphs[sentence.paragraph].role == "table":
                continue
            if states_formula(text):
                continue  # 总体要求是：…: a prescribed formula, one sentence by convention
            lead = len(text) - len(text.lstrip())
            yield sentence, lead, reading_length(unquoted(text.strip()))

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        limit = int(opts["max"])
        hint = int(opts["hint"]) if opts.get("hint") else None
        floor = min(limit, hint) if hint else limit
        for sentence, lead, length in self.lengths(doc, floor):
            if length <= floor:
                continue
            start = sentence.start + lead
            end = start + len(sentence.text.strip())
            if length > limit:
                yield Issue(start, end, f"句子过长（{length} 字，上限 {limit} 字），宜拆成几个短句")
            else:
                yield Issue(
                    start,
                    end,
                    f"句子较长（{length} 字，同类文稿中少见；上限 {limit} 字），可考虑拆开",
                    severity=Severity.INFO,
                )
