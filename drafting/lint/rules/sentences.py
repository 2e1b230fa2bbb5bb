"""Sentence-level phrasing that needs no words: sentence length."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.zh.chars import reading_length


@register
class LongSentence(Rule):
    code = "P201"
    name = "long-sentence"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"max": 60}
    profile_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "commentary": {"max": 50},
        "duties": {"max": 80},
    }
    what = (
        "句子过长：以。！？和；断句，一句超过上限（默认 60 字，时评 50 字，工作职责 80 字）。"
        "汉字和标点各算一个字；连续的字母或数字按宽度算，每两个算一个字；空格不计。"
    )
    why = (
        "公文要求“文字精练”，时评要求短句。长句让读者记不住主语、抓不住要点，"
        "拆成几个短句，每句只说一件事。"
    )
    bad = (
        "为深入贯彻落实上级关于加强基层治理体系和治理能力现代化建设的决策部署并结合本地区"
        "实际情况进一步推动各项工作任务落地见效，经研究决定在全市范围内组织开展专项行动。"
    )
    good = (
        "为贯彻落实上级关于加强基层治理的决策部署，推动各项任务落地见效，"
        "经研究，决定在全市开展专项行动。"
    )

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        limit = int(opts["max"])
        for sentence in doc.sentences(semicolon=True):
            if doc.paragraphs[sentence.paragraph].role == "table":
                continue
            text = sentence.text
            if len(text) <= limit:
                continue  # reading length never exceeds the number of characters
            lead = len(text) - len(text.lstrip())
            body = text.strip()
            length = reading_length(body)
            if length > limit:
                start = sentence.start + lead
                yield Issue(
                    start,
                    start + len(body),
                    f"句子过长（{length} 字，上限 {limit} 字），宜拆成几个短句",
                )
