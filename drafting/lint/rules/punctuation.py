"""Punctuation marks themselves: half-width marks in Chinese text, doubled marks, unpaired marks."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.lint.rules.damage import lost_question
from drafting.sources.document import PreparedDoc, TextParagraph
from drafting.zh.chars import URL, is_chinese
from drafting.zh.patterns import lazy_re

_FULL = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_MARK = lazy_re("[" + re.escape("".join(_FULL)) + "]")


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character to ``index`` in direction ``step``, looking past one space and
    half-width brackets (``各镇(街道):`` — the colon still sits in Chinese text)."""
    j = index + step
    if 0 <= j < len(text) and text[j] in "()":
        j += step
    if 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _in_urls(text: str) -> list[tuple[int, int]]:
    """The spans of URLs and e-mail addresses in ``text`` (few, usually none)."""
    return [match.span() for match in URL.finditer(text)]


@register
class HalfwidthPunct(Rule):
    code = "N301"
    name = "halfwidth-punct"
    severity = Severity.ERROR
    fixable = True
    what = (
        "中文语句中的半角标点 , . ; : ? ! ( )：紧挨汉字或中文标点的半角标点应换成全角。"
        "小数（3.14）、千分位（1,000）、时刻（10:30）、网址、电子邮箱和整段英文不在此列。"
    )
    why = (
        "GB/T 15834-2011《标点符号用法》规定中文文本使用全角标点；半角标点在公文版面上"
        "字距失调，多是从网页或英文输入法带入的。"
    )
    bad = "请各单位于11月5日前报送材料,逾期不再受理."
    good = "请各单位于11月5日前报送材料，逾期不再受理。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for paragraph in doc.paragraphs:
            yield from self._check_paragraph(paragraph)

    def _check_paragraph(self, paragraph: TextParagraph) -> Iterator[Issue]:
        text = paragraph.text
        if _HALF_MARK.search(text) is None:
            return  # most paragraphs: nothing to look at, no mask to build
        urls = _in_urls(text)
        parens = _paren_partners(text)
        for match in _HALF_MARK.finditer(text):
            i, char = match.start(), match.group()
            if any(a <= i < b for a, b in urls):
                continue
            if char == "?" and lost_question(text, i):
                continue  # ?? or 、?水: a lost ellipsis or character (N316), never a “？”
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            if char in "()":
                inside = parens.get(i)
                opener = i if char == "(" else inside
                if opener and text[opener - 1].isascii() and text[opener - 1].isalnum():
                    continue  # f(x), print(a, b): an expression, not Chinese brackets
                chinese_inside = inside is not None and any(
                    is_chinese(c) for c in text[min(i, inside) + 1 : max(i, inside)]
                )
                if not (chinese_inside or is_chinese(before) or is_chinese(after)):
                    continue
            elif char == ".":
                # Only a full stop right after Chinese: 1.名称 (ordinal), 3.14, 2026.11 are not,
                # nor a file extension or domain after a Chinese mark (、.docx  见.md).
                nxt = text[i + 1 : i + 2]
                if not is_chinese(before) or nxt == "." or text[i - 1 : i] == ".":
                    continue
                if nxt.isascii() and nxt.isalnum():
                    continue
            else:
                if before.isdigit() and after.isdigit():
                    continue  # 1,000  10:30  1:2
                if not (is_chinese(before) or is_chinese(after)):
                    continue
            full = _FULL[char]
            yield Issue(
                paragraph.start + i,
                paragraph.start + i + 1,
                f"中文语句中用了半角“{char}”，应为全角“{full}”",
                fix=full,
            )


_PAREN = lazy_re(r"[()]")


def _paren_partners(text: str) -> dict[int, int]:
    """Index of each matched half-width parenthesis → index of its partner."""
    partners: dict[int, int] = {}
    stack: list[int] = []
    for match in _PAREN.finditer(text):  # only the parentheses, not every character
        i = match.start()
        if match.group() == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            partners[i], partners[j] = j, i
    return partners


_RUN_MARKS = "。，、；：！？"
_DOUBLED = lazy_re(f"[{_RUN_MARKS}]{{2,}}", first=f"[{_RUN_MARKS}](?=[{_RUN_MARKS}])")


@register
class DoubledPunct(Rule):
    code = "N302"
    name = "doubled-punct"
    severity = Severity.ERROR
    fixable = True
    what = (
        "标点连用：。。 ，， ！！ ？？ 等同一标点重复，或两个点号相连（。， ；。 ，、）。"
        "同一标点重复时可自动改为一个；不同点号相连须人工判断保留哪个。"
        "“？！”（GB/T 15834 允许的问叹连用）和“。。。”（省略号误用，归 N307）不在此列。"
    )
    why = (
        "GB/T 15834-2011：点号表示停顿和语气，一处停顿只用一个点号。"
        "连用多是删改时留下的残迹，印成正式文件是明显差错。"
    )
    bad = "会议要求各单位认真落实。。"
    good = "会议要求各单位认真落实。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for match in _DOUBLED.finditer(doc.text):
            run = match.group()
            if run in ("？！", "！？"):
                continue
            if set(run) == {"。"} and len(run) >= 3:
                continue  # 。。。 is a misused ellipsis: N307's finding
            if len(set(run)) == 1:
                yield Issue(
                    match.start(),
                    match.end(),
                    f"标点“{run[0]}”重复，保留一个即可",
                    fix=run[0],
                )
            else:
                yield Issue(
                    match.start(),
                    match.end(),
                    f"点号“{run}”连用，只应保留一个",
                )


_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "【": "】", "(": ")"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_CLOSERS["）"] = "（"
#: The openers a closer may close: its own, and the other width of a parenthesis.
_OPENERS_OF = {
    close: frozenset({open_, "(" if close == "）" else "（" if close == ")" else ""})
    for close, open_ in _CLOSERS.items()
}
_PAIR_MARK = lazy_re("[" + re.escape("".join(sorted({*_PAIRS, *_CLOSERS}))) + "]")
# A list item numbered 1） a） 一） (at the start or after a stop) has no opening bracket.
_LIST_ITEM = "[0-9０-９A-Za-z一二三四五六七八九十]"
_LIST_CLOSER = lazy_re(
    rf"(?:^|(?<=[；;，。：])|(?<=\s)(?<![A-Za-z0-9]\s)){_LIST_ITEM}{{1,3}}）",
    first=rf"{_LIST_ITEM}(?={_LIST_ITEM}{{0,2}}）)",
)


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before.isascii() and before.isalpha() and (not after or after.isascii())


@register
class UnpairedMark(Rule):
    code = "N303"
    name = "unpaired-mark"
    severity = Severity.ERROR
    what = (
        "成对的标号“”‘’《》〈〉（）【】不配对或嵌套错乱：有开无合、有合无开，"
        "或内外层交错（“《……”》）。按段检查；多段引文按规范每段开头用前引号、"
        "只在末段用后引号，不算未配对。"
    )
    why = (
        "GB/T 15834-2011：引号、括号、书名号都成对使用，嵌套时内外层不能交错。"
        "缺一半的引号或书名号会让读者弄错引文和名称的起止。"
    )
    bad = "根据《党政机关公文处理工作条例规定，现将有关事项通知如下。"
    good = "根据《党政机关公文处理工作条例》规定，现将有关事项通知如下。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        paragraphs = [p for p in doc.paragraphs if p.text.strip()]
        found: list[list[Issue]] = []
        for number, paragraph in enumerate(paragraphs):
            following = paragraphs[number + 1].text.lstrip() if number + 1 < len(paragraphs) else ""
            found.append(list(self._check_paragraph(paragraph, following)))
        _pair_across_paragraphs(doc, found)
        for issues in found:
            yield from issues

    def _check_paragraph(self, paragraph: TextParagraph, following: str) -> Iterator[Issue]:
        text, base = paragraph.text, paragraph.start
        if _PAIR_MARK.search(text) is None:
            return  # most paragraphs: no paired mark at all
        stack: list[int] = []
        crossed: list[str] = []  # openers already reported as crossed: their closers are quiet
        list_closers = {m.end() - 1 for m in _LIST_CLOSER.finditer(text)}
        for match in _PAIR_MARK.finditer(text):  # only the marks, not every character
            i, char = match.start(), match.group()
            if char in _PAIRS:
                stack.append(i)
            elif char in _CLOSERS:
                if char == "’" and _is_apostrophe(text, i):
                    continue
                if i in list_closers:
                    continue
                wanted = _OPENERS_OF[char]
                if stack and text[stack[-1]] in wanted:
                    depth: int | None = len(stack) - 1  # the usual case: the innermost opener
                else:
                    depth = next(
                        (k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] in wanted),
                        None,
                    )
                if depth is None:
                    if _CLOSERS[char] in crossed:
                        crossed.remove(_CLOSERS[char])
                        continue
                    if char != ")":
                        yield Issue(
                            base + i, base + i + 1, f"“{char}”前面没有与之配对的“{_CLOSERS[char]}”"
                        )
                    continue
                for k in stack[depth + 1 :]:
                    crossed.append(text[k])
                    yield from self._unclosed(text, base, k, inner=True)
                del stack[depth:]
        for k in stack:
            if text[k] == "“" and following.startswith("“"):
                continue  # a quotation running on into the next paragraph
            yield from self._unclosed(text, base, k, inner=False)

    @staticmethod
    def _unclosed(text: str, base: int, k: int, *, inner: bool) -> Iterator[Issue]:
        char = text[k]
        if char == "(":
            return
        close = _PAIRS[char]
        where = "在外层标号结束前没有闭合" if inner else "在本段内没有闭合"
        yield Issue(base + k, base + k + 1, f"“{char}”{where}，缺少“{close}”")


#: How far a quotation may run on before its closing mark (an amended article quoted with its
#: items, one a paragraph), and a bracket (a note under a title broken over two lines).
_RUN_ON = {"“": 15, "（": 1}


def _pair_across_paragraphs(doc: PreparedDoc, found: list[list[Issue]]) -> None:
    """Drop the pairs a quotation or bracket makes across paragraphs: an opener left open at
    the end of one paragraph and, in one of the next few, a closer with no opener of its own
    (law texts quote an amended article with its items, one a paragraph, and close the quote
    after the last; a bracketed note may wrap onto the next line)."""
    for start, issues in enumerate(found):
        for issue in list(issues):
            char = doc.text[issue.start]
            reach = _RUN_ON.get(char)
            if reach is None or "没有闭合" not in issue.message:
                continue
            close = _PAIRS[char]
            for later in found[start + 1 : start + 1 + reach]:
                orphan = next(
                    (x for x in later if doc.text[x.start] == close and "前面没有" in x.message),
                    None,
                )
                if orphan is not None:
                    issues.remove(issue)
                    later.remove(orphan)
                    break
                if any(doc.text[x.start] == char and "没有闭合" in x.message for x in later):
                    break  # another quotation opens and stays open first: not this one's
