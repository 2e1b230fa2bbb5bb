"""N-rules of the parts of a notice: 发文字号, 附件说明, 主送机关."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.lint.rules._parts import ORGAN_END, is_attachment_note, recipient_line
from drafting.sources.document import PreparedDoc, TextParagraph
from drafting.zh.patterns import lazy_re

_NOTICE = frozenset({"notice"})

_DOC_NUMBER = lazy_re(
    r"(?<=[\u4e00-\u9fff])(?P<bracket>(?P<open>[\[【（(［〔〖])(?P<year>\d{2,4})"
    r"(?P<close>[\]】）)］〕〗]))(?P<di>第?)(?P<num>\d+)号"
)


@register
class DocNumber(Rule):
    code = "N305"
    name = "doc-number"
    severity = Severity.ERROR
    profiles = _NOTICE
    fixable = True
    what = (
        "发文字号写作“机关代字〔年份〕序号号”：年份用六角括号“〔〕”括入（不用 [] 【】 （） ［］），"
        "年份写全四位，序号前不加“第”，不编虚位（不写“012号”）。括号修正可自动完成。"
    )
    why = (
        "GB/T 9704-2012 第 7.2.4 条：发文字号由发文机关代字、年份、发文顺序号组成，年份、"
        "发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，"
        "不编虚位（即 1 不编为 001）。"
    )
    bad = "苏政发[2026]12号"
    good = "苏政发〔2026〕12号"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for paragraph in doc.paragraphs:
            for match in _DOC_NUMBER.finditer(paragraph.text):
                yield from self._check_one(paragraph.start, match)

    @staticmethod
    def _check_one(base: int, match: re.Match[str]) -> Iterator[Issue]:
        year = match["year"]
        if len(year) == 4 and not 1949 <= int(year) <= 2099:
            return
        wrong_brackets = match["open"] != "〔" or match["close"] != "〕"
        start, end = base + match.start("bracket"), base + match.end("bracket")
        if len(year) != 4:
            yield Issue(start, end, f"发文字号的年份应写全四位并用六角括号：改为“〔20{year}〕”")
        elif wrong_brackets:
            yield Issue(
                start,
                end,
                f"发文字号的年份应使用六角括号〔〕：改为“〔{year}〕”",
                fix=f"〔{year}〕",
            )
        if match["di"]:
            yield Issue(
                base + match.start("di"),
                base + match.end("di"),
                "发文字号的序号前不加“第”：删去“第”",
            )
        number = match["num"]
        if len(number) > 1 and number.startswith("0"):
            yield Issue(
                base + match.start("num"),
                base + match.end("num"),
                f"发文字号的序号不编虚位：改为“{int(number)}号”",
            )


_ITEM = lazy_re(r"(?:\d+|[０-９]+|[一二三四五六七八九十]+)[、.．，,]|[（(]\d+[）)][、.．，,]?")
_ITEM_START = lazy_re(r"[\s\u3000]*(?:" + _ITEM.pattern + ")")
_END_MARKS = "。；，、.;,"


@register
class AttachmentNote(Rule):
    code = "N310"
    name = "attachment-note"
    severity = Severity.ERROR
    profiles = _NOTICE
    what = (
        "附件说明写作“附件：1.名称”：“附件”后用全角冒号，多个附件用阿拉伯数字加“.”编号"
        "（不用“1、”“一、”“（1）”），名称不加书名号，名称后不加标点。"
    )
    why = (
        "GB/T 9704-2012 第 7.3.6 条：公文如有附件，在正文下空一行左空二字编排“附件”二字，"
        "后标全角冒号和附件名称；如有多个附件，使用阿拉伯数字标注附件顺序号（如“附件：1.××××”）；"
        "附件名称后不加标点符号。"
    )
    bad = "附件：1、《2026年度检查计划》。\n      2、检查人员名单"
    good = "附件：1.2026年度检查计划\n      2.检查人员名单"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        paragraphs = doc.paragraphs
        for index, paragraph in enumerate(paragraphs):
            if not is_attachment_note(paragraph) or "附件" not in paragraph.text:
                continue  # the lines a note wraps onto are read with the line that opens it
            colon = paragraph.text.index("附件") + 2
            while paragraph.text[colon] in " \u3000":
                colon += 1
            if paragraph.text[colon] == ":":
                at = paragraph.start + colon
                yield Issue(at, at + 1, "“附件”后应用全角冒号：改为“附件：”")
            yield from self._check_item(paragraph, colon + 1)
            for follower in paragraphs[index + 1 :]:
                if not _ITEM_START.match(follower.text):
                    break
                yield from self._check_item(follower, 0)

    def _check_item(self, paragraph: TextParagraph, offset: int) -> Iterator[Issue]:
        text, base = paragraph.text.rstrip(), paragraph.start
        at = offset
        while at < len(text) and text[at] in " \u3000":
            at += 1
        match = _ITEM.match(text, at)
        if match:
            number = match.group()
            if not re.fullmatch(r"\d+\.", number):
                digits = re.sub(r"\D", "", number.translate(_HALF)) or "1"
                yield Issue(
                    base + at,
                    base + match.end(),
                    f"附件序号应使用阿拉伯数字加“.”：改为“{digits}.”",
                )
            at = match.end()
        name = text[at:]
        if not name:
            return
        end_mark = name[-1] in _END_MARKS
        core = name[:-1] if end_mark else name
        if core.startswith("《") and core.endswith("》") and core.count("《") == 1:
            yield Issue(base + at, base + at + len(core), f"附件名称不加书名号：改为“{core[1:-1]}”")
        if end_mark:
            end = base + len(text)
            yield Issue(end - 1, end, f"附件名称后不加标点：删去“{name[-1]}”")


_HALF = str.maketrans("０１２３４５６７８９", "0123456789")
_BAD_SEPARATOR = lazy_re(r"[；;]")
_HALF_SEMICOLON = lazy_re(r";")


@register
class RecipientLine(Rule):
    code = "N311"
    name = "recipient-line"
    severity = Severity.ERROR
    profiles = _NOTICE
    supersedes = frozenset({"N301"})
    what = (
        "主送机关一行以全角冒号“：”结尾（不用半角“:”或“，”，也不能漏掉）；同类机关之间用顿号"
        "“、”，不同类别之间用逗号“，”（只有两级时不用分号；已用逗号分组时，"
        "更高一级之间的“；”不报）。"
    )
    why = (
        "GB/T 9704-2012 第 7.3.2 条：主送机关编排于标题下空一行位置，居左顶格，回行时仍顶格，"
        "最后一个机关名称后标全角冒号；机关名称应当使用全称、规范化简称或者同类型机关统称。"
    )
    bad = (
        "关于做好2026年冬季安全生产工作的通知\n各区人民政府，市政府各部门，\n现将有关事项通知如下。"
    )
    good = (
        "关于做好2026年冬季安全生产工作的通知\n各区人民政府，市政府各部门：\n现将有关事项通知如下。"
    )

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        if any(doc.metadata.get(key) for key in ("主送", "主送机关", "recipients", "to")):
            return  # the recipients are in the front matter; the renderer sets their colon
        paragraph = recipient_line(doc)
        if paragraph is None:
            return
        text = paragraph.text.rstrip()
        base = paragraph.start
        last = len(text) - 1
        if text[last] != "：":
            if text[last] in ":，,；;、":
                yield Issue(
                    base + last,
                    base + last + 1,
                    f"主送机关后应用全角冒号：把“{text[last]}”改为“：”",
                )
            elif ORGAN_END.search(text):
                yield Issue(
                    base + last,
                    base + last + 1,
                    f"主送机关后缺少冒号：改为“{text[last]}：”",
                )
        # ； may set apart the top tier when ， already separates groups (三级：、 ， ；)
        separators = _BAD_SEPARATOR if "，" not in text else _HALF_SEMICOLON
        for match in separators.finditer(text, 0, last):
            yield Issue(
                base + match.start(),
                base + match.end(),
                f"主送机关之间不用“{match.group()}”：同类机关用“、”，不同类别用“，”",
            )
