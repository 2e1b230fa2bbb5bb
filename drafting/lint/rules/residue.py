"""Template residue: placeholders left in a finished text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc
from drafting.zh.chars import URL
from drafting.zh.patterns import lazy_re

_PLACEHOLDERS = lazy_re(
    r"\{\{.*?\}\}"  # Jinja expressions
    r"|\{%.*?%\}"  # Jinja statements
    r"|××+|ＸＸ+|ｘｘ+"  # ×× in place of a name or number
    r"|(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])"  # XX年, xx单位 (not XXL, not Roman XXI)
    r"|(?<![A-Za-z0-9_])_{2,}(?![A-Za-z0-9_])|＿{2,}"  # blanks to fill in (not __init__)
    r"|【(?:待填|待补|待定|请填|此处)[^】\n]{0,20}】",
    first="[{×ＸｘXx_＿【]",
)
_SOMEBODY = lazy_re(r"某某+")


@register
class Placeholder(Rule):
    code = "N309"
    name = "placeholder"
    severity = Severity.ERROR
    options: ClassVar[Mapping[str, Any]] = {"moumou": False}
    profile_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "notice": {"moumou": True},
        "summary": {"moumou": True},
    }
    what = (
        "模板残留：xx年、XX、××、＿＿、{{ … }}、{% … %}、【待填】等占位符没有换成实际内容；"
        "通知类公文和工作总结中的“某某”也算（时评等文体里“某某”可作泛指，不报）。"
    )
    why = (
        "《党政机关公文处理工作条例》要求公文内容准确、要素齐全。"
        "占位符印进正式文件，说明稿件未经核对，是一眼可见的差错。"
    )
    bad = "请于××月××日前将材料报送至某某处。"
    good = "请于11月20日前将材料报送至办公室综合处。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        urls = [(m.start(), m.end()) for m in URL.finditer(doc.text)]
        for match in _PLACEHOLDERS.finditer(doc.text):
            latin = match.group()[0] in "Xx_"
            if latin and any(a <= match.start() < b for a, b in urls):
                continue  # xx in a web address or e-mail is part of the address
            yield Issue(match.start(), match.end(), f"模板占位符“{match.group()}”未替换为实际内容")
        if opts.get("moumou"):
            for match in _SOMEBODY.finditer(doc.text):
                yield Issue(
                    match.start(), match.end(), f"“{match.group()}”是占位用语，应写明实际名称"
                )
