"""Text damaged on its way into the draft: forum watermark junk and pasted stock quotes (N314),
web furniture left in the body (N315), characters lost to an encoding (N316).

N314 and N315 offer to delete what they find, but only as an explicit fix (``--fix-junk``):
a plain ``--fix`` never deletes a line (:attr:`~drafting.lint.rule.Rule.fix_on_request`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from drafting import lexicon
from drafting.anatomy.parts import ALL_PARTS
from drafting.lint.rule import Issue, Rule, Severity, register
from drafting.sources.document import PreparedDoc, TextParagraph
from drafting.zh.chars import is_cjk_punct, is_ideograph
from drafting.zh.patterns import lazy_re

# -- N314 junk ----------------------------------------------------------------------------------

#: A run of short printable-ASCII tokens separated by spaces: where a watermark can be.
_TOKEN_RUN = lazy_re(
    r"(?<![!-~])(?:[!-~]{1,4}[ \t\u3000]+){4,}[!-~]{1,4}(?![!-~])",
    first=r"(?<![!-~])[!-~](?=[!-~]{0,3}[ \t\u3000]+[!-~]{1,4}[ \t\u3000]+[!-~]{1,4}[ \t\u3000])",
)
_SYMBOL = re.compile(r"[^A-Za-z0-9]")
_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9]")
#: A stock quote pasted after a company's name: 新世纪（23.22,-0.03,-0.13%）.
_QUOTE = lazy_re(
    r"[（(]\s*\d+\.\d{2}\s*[,，]\s*[-+]?\d+\.\d{2}\s*[,，]\s*[-+]?\d+\.\d{2}\s*[%％]\s*[）)]",
    first=r"[（(](?=\s*\d+\.\d{2}\s*[,，])",
)
#: The fewest tokens of a watermark run, and how many of them must look like line noise.
_MIN_TOKENS = 5
_MIN_NOISE_SHARE = 0.4


def _is_noise(token: str) -> bool:
    """A token of line noise: two or more symbols, or symbols, letters and digits mixed
    (``s+``, ``{:``, ``B(``, ``G2``), never a word, a number or a lone sign (``+``, ``=``)."""
    classes = sum(bool(p.search(token)) for p in (_SYMBOL, _LETTER, _DIGIT))
    symbols = len(_SYMBOL.findall(token))
    return classes >= 2 or symbols >= 2


def watermark_runs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each forum-watermark run in ``text`` (one paragraph)."""
    out = []
    for match in _TOKEN_RUN.finditer(text):
        tokens = match.group().split()
        noise = [t for t in tokens if _is_noise(t)]
        with_symbols = [t for t in noise if _SYMBOL.search(t)]
        if (
            len(tokens) >= _MIN_TOKENS
            and len(with_symbols) >= 2
            and len(noise) >= _MIN_NOISE_SHARE * len(tokens)
        ):
            out.append(match.span())
    return out


def _whole_line(paragraph: TextParagraph, start: int, end: int) -> bool:
    text = paragraph.text
    return not text[:start].strip(" \t\u3000") and not text[end:].strip(" \t\u3000")


def _deletion(doc: PreparedDoc, paragraph: TextParagraph) -> tuple[int, int]:
    """The span of a whole line to delete: its text (``--fix-junk`` takes the line break after
    it too, so no blank line is left behind)."""
    return paragraph.start, paragraph.end


@register
class Junk(Rule):
    code = "N314"
    name = "junk"
    severity = Severity.ERROR
    parts = ALL_PARTS
    fixable = True
    fix_on_request = True
    what = (
        "粘贴进来的乱码和无关内容：论坛防转载水印（9 s+ {: B( {6 ?/ G2 w6 z9 w 一类由半角字母、"
        "数字和符号组成的短串，整行的或夹在句中的），以及公司名后的股票行情"
        "（新世纪（23.22,-0.03,-0.13%））。至少 5 个短串、其中一半以上是符号与字母数字"
        "混杂的乱码才报，公式（a + b = c）、型号（A1 B2 C3）不报。"
        "加 --fix-junk 时删去（整行的连同换行一起删），普通的 --fix 不删。"
    )
    why = (
        "水印和行情是网页复制时带进来的，与正文无关；印进正式文件是明显的差错，"
        "也说明稿件是从网上拼凑的。删行会改变文稿结构，所以只在明确要求时自动删除。"
    )
    bad = "要把工作做实做细 9 s+ {: B( {6 ?/ G2 w6 z9 w，确保各项任务落实。"
    good = "要把工作做实做细，确保各项任务落实。计算公式为 a + b = c。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        # one scan of the whole text for each pattern (neither crosses a line break), then
        # only the paragraphs holding a candidate
        candidates = {doc.paragraph_at(m.start()).index for m in _TOKEN_RUN.finditer(doc.text)}
        candidates |= {doc.paragraph_at(m.start()).index for m in _QUOTE.finditer(doc.text)}
        for index in sorted(candidates):
            paragraph = doc.paragraphs[index]
            text = paragraph.text
            for start, end in watermark_runs(text):
                if _whole_line(paragraph, start, end):
                    a, b = _deletion(doc, paragraph)
                    yield Issue(a, b, "整行是论坛水印乱码，应删去这一行", fix="")
                    continue
                a, b = _with_one_space(text, start, end)
                yield Issue(
                    paragraph.start + a,
                    paragraph.start + b,
                    f"夹在正文中的水印乱码“{text[start:end]}”，应删去",
                    fix="",
                )
            for match in _QUOTE.finditer(text):
                yield Issue(
                    paragraph.start + match.start(),
                    paragraph.start + match.end(),
                    f"公司名后粘贴了股票行情“{match.group()}”，应删去",
                    fix="",
                )


def _with_one_space(text: str, start: int, end: int) -> tuple[int, int]:
    """The run with the spaces around it, so deleting it leaves the sentence closed up."""
    while start > 0 and text[start - 1] in " \t\u3000":
        start -= 1
    while end < len(text) and text[end] in " \t\u3000":
        end += 1
    return start, end


# -- N315 web residue ---------------------------------------------------------------------------


@cache
def _furniture() -> re.Pattern[str]:
    lines = lexicon.words("web_furniture.txt")
    return re.compile("|".join(f"(?:{line})" for line in lines))


#: Line-start words of web_residue.txt that are also a legitimate part of a published text
#: (a byline, a 题注): N315 leaves them to the anatomy reader.
_NOT_RESIDUE = frozenset(
    {"作者", "编辑", "校对", "审核", "发文机关", "成文日期", "原标题", "图片来源", "版式设计"}
)


@cache
def _residue_start() -> re.Pattern[str]:
    words = [w for w in lexicon.words("web_residue.txt") if w not in _NOT_RESIDUE]
    words.sort(key=len, reverse=True)
    alternatives = "|".join(map(re.escape, words))
    return re.compile(rf"[【\[]?\s*(?:{alternatives})\s*[】\]]?\s*[:：]\s*\S")


def is_residue_line(text: str) -> bool:
    """A line of web, forum or document-viewer furniture (来源：…, 责任编辑：…, 打印本页, - 2 -)."""
    if len(text) > 160:
        return False  # a paragraph of prose: most of a text, decided without a look inside
    stripped = text.strip(" \t\u3000")
    if not stripped or len(stripped) > 120 or re.search(r"[。！？；]$", stripped):
        return False
    return bool(_furniture().fullmatch(stripped) or _residue_start().match(stripped))


@register
class WebResidue(Rule):
    code = "N315"
    name = "web-residue"
    severity = Severity.WARNING
    parts = ALL_PARTS
    fixable = True
    fix_on_request = True
    what = (
        "正文中夹着网页、论坛或文档阅读器的栏目行：“来源：…… 发布时间：……”“责任编辑：……”"
        "“浏览次数”“【字号：大 中 小】”“打印本页 关闭窗口”“扫一扫在手机打开当前页”"
        "“相关报道：”“上一篇：”、论坛的“本帖最后由……编辑”“发表于……”、阅读器的页码行"
        "（- 2 -、第2页 共5页）。行首词见 corpus/web_residue.txt，整行写法见 "
        "corpus/web_furniture.txt；署名作者、题注等正文本有的行不报。"
        "加 --fix-junk 时删去整行，普通的 --fix 不删。"
    )
    why = (
        "这些行是网页的栏目，不是文稿的内容；从网上复制材料时一并带入，"
        "印进正式文件就是明显的差错。删行会改变文稿结构，所以只在明确要求时自动删除。"
    )
    bad = "全市共完成改造项目12个。\n责任编辑：张三\n下一步要抓好验收工作。"
    good = "全市共完成改造项目12个。\n下一步要抓好验收工作。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        for paragraph in doc.paragraphs:
            if is_residue_line(paragraph.text):
                a, b = _deletion(doc, paragraph)
                shown = paragraph.text.strip()
                yield Issue(a, b, f"网页残留行“{shown[:30]}”不是正文内容，应删去", fix="")


# -- N316 lost characters -----------------------------------------------------------------------

_QUESTION_WORDS = lazy_re(
    r"吗|呢|么|吧|何|谁|哪|怎|几|多少|是否|难道|岂|是不是|能不能|会不会|有没有|可否|如何"
)
_PAUSES = "、，。；：（“《"
_STOPS = "。，、；：！？）”》"
_LOST = lazy_re(r"\?{2,}|\ufffd+|□+", first="[?\ufffd□]")
_CLAUSE_END = lazy_re(r"[。！？；，\n]")


def lost_question(text: str, i: int) -> bool:
    """Whether the ASCII ``?`` at ``text[i]`` stands for a lost character or ellipsis, not a
    question mark: it doubles (``??``), follows a pause mark (、?水), comes before a Chinese
    mark (1?。), or sits between two Chinese characters in a clause that asks nothing."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before == "?" or after == "?":
        return True
    if before and before in _PAUSES:
        return True
    if after and after in _STOPS:
        return True
    if is_ideograph(before) and is_ideograph(after):
        start = max(
            (m.end() for m in _CLAUSE_END.finditer(text, max(0, i - 40), i)), default=max(0, i - 40)
        )
        return _QUESTION_WORDS.search(text, start, i) is None
    return False


def _box_in_text(text: str, start: int, end: int) -> bool:
    """A □ standing for a lost character (工□作), not a check box (□同意 □不同意)."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before == "在" and after in ("内", "中", "里"):
        return False  # 在□内打“√”: the box itself is meant
    if end - start >= 2 and (is_ideograph(before) or is_ideograph(after)):
        return True
    return (is_ideograph(before) or (is_cjk_punct(before) and before not in "：:")) and bool(
        after and not after.isspace()
    )


@register
class LostCharacter(Rule):
    code = "N316"
    name = "lost-character"
    severity = Severity.ERROR
    what = (
        "编码转换或复制时丢失的字符：“??”（省略号或汉字变成了问号）、汉字之间或顿号后的单个"
        "半角问号（“、?水”“前1?。”，所在分句没有疑问词）、替换字符“\ufffd”、夹在字里的"
        "“□”（复选框“□同意 □不同意”不报）。真正的问句（“是否?”）归 N301。"
        "这里无法知道丢了什么字，所以不自动修复，--fix 也不会把“??”改成“？”。"
    )
    why = (
        "从 GBK 网页、PDF 或旧文档复制时，不能编码的字符（省略号、生僻字）会变成“?”“□”"
        "或“\ufffd”。丢了字的句子意思残缺，必须对照原文补上；把“??”当作半角问号改成"
        "“？”只会把错误藏起来。"
    )
    bad = "各地积极开展清理整治??取得明显成效。"
    good = "各地积极开展清理整治……取得明显成效。"

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        text = doc.text
        for match in _LOST.finditer(text):
            start, end = match.span()
            run = match.group()
            if run[0] == "□":
                if _box_in_text(text, start, end):
                    yield Issue(start, end, f"“{run}”疑为丢失的汉字，请对照原文补上")
            elif run[0] == "\ufffd":
                yield Issue(start, end, _REPLACEMENT)
            elif _near_chinese(text, start, end):
                yield Issue(
                    start, end, f"“{run}”疑为丢失的省略号（……）或汉字，请对照原文改正，不要改成问号"
                )
        for match in _SINGLE_QUESTION.finditer(text):
            i = match.start()
            if lost_question(text, i) and _near_chinese(text, i, i + 1):
                yield Issue(i, i + 1, _LOST_ONE)


_REPLACEMENT = "替换字符“\ufffd”：此处有字符在编码转换中丢失，请对照原文补上"
_LOST_ONE = "半角“?”疑为丢失的汉字或标点（所在分句并无疑问），请对照原文补上"
_SINGLE_QUESTION = lazy_re(r"(?<!\?)\?(?!\?)", first=r"\?")


def _near_chinese(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return any(is_ideograph(c) or is_cjk_punct(c) for c in (before, after) if c)
