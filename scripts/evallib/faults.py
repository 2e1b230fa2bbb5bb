"""Fault injection: real published texts, faults put in with a fixed seed, recall per class.

Each document of the real corpus (read in place, never copied) is read with the anatomy reader
(:func:`drafting.anatomy.reader.read_parts`); faults of every class are put into its body lines
at random places, one fault a line, each recorded with its span; the faulted text is linted as
``drafting lint`` would (genre auto). A fault is *found* when a finding of one of its class's
codes overlaps its span. Findings at warning or above that overlap no fault are counted per
rule: on a proofread text they are false alarms (the faults of the text itself aside).

Every sentence, junk run and residue line put in is generated here or written here (templates
below); nothing is copied from the corpus into the repository.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from drafting.anatomy.parts import Part
from drafting.anatomy.reader import read_parts
from drafting.lint.api import lint_text
from drafting.lint.config import LintConfig
from drafting.lint.rule import Finding, Severity
from drafting.zh.chars import is_ideograph

SEED = 20261206


@dataclass(frozen=True)
class FaultClass:
    """A class of faults: the codes that find it and the recall it must reach."""

    name: str
    chinese: str
    codes: frozenset[str]
    target: float


MECHANICAL, TYPO = 0.8, 0.6
CLASSES: dict[str, FaultClass] = {
    c.name: c
    for c in (
        FaultClass("halfwidth", "半角标点", frozenset({"N301"}), MECHANICAL),
        FaultClass("ascii-quote", "直引号", frozenset({"N318"}), MECHANICAL),
        FaultClass("broken-pair", "引号括号不配对", frozenset({"N303"}), MECHANICAL),
        FaultClass("lost-ellipsis", "省略号丢失为??", frozenset({"N316"}), MECHANICAL),
        FaultClass("replacement", "替换字符□/\ufffd", frozenset({"N316"}), MECHANICAL),
        FaultClass("junk-line", "水印乱码行", frozenset({"N314"}), MECHANICAL),
        FaultClass("junk-inline", "句中水印乱码", frozenset({"N314"}), MECHANICAL),
        FaultClass("residue", "网页残留行", frozenset({"N315"}), MECHANICAL),
        FaultClass("date", "不存在的日期", frozenset({"N317"}), MECHANICAL),
        FaultClass("enumerator", "序次重复或跳号", frozenset({"S110"}), MECHANICAL),
        FaultClass("approx-number", "概数加顿号", frozenset({"N308"}), MECHANICAL),
        FaultClass("figures", "自相矛盾的数字", frozenset({"S111"}), MECHANICAL),
        FaultClass("traditional", "繁体文本中的简体字", frozenset({"N312"}), MECHANICAL),
        FaultClass("typo-homophone", "同音别字", frozenset({"T401", "T402", "T404"}), TYPO),
        FaultClass("typo-nearform", "形近别字", frozenset({"T401", "T402", "T404"}), TYPO),
        FaultClass("doubled", "多打一字", frozenset({"T403", "P210"}), TYPO),
    )
}
#: The rules whose false alarms on untouched text are held to :data:`MAX_FALSE`.
WATCHED = ("N308", "N312", "N314", "N315", "N316", "N317", "N318", "S110", "S111", "T404")
MAX_FALSE = 5


@dataclass
class Line:
    """A line of a faulted document and the faults put into it (start, end, class)."""

    text: str
    body: bool = False
    faults: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Placed:
    """A fault in the faulted text: 1-based line, 1-based columns ``[start, end)``."""

    cls: str
    path: str
    line: int
    start: int
    end: int


# -- generators ---------------------------------------------------------------------------------

_JUNK_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_JUNK_SIGNS = "+{}()[]?/:;!&%#*<>'~^|=.-"


def junk_run(rng: random.Random) -> str:
    """A forum watermark run: 8–14 tokens of one or two characters, letters, digits, signs."""
    tokens = []
    for _ in range(rng.randint(8, 14)):
        kind = rng.random()
        if kind < 0.35:
            tokens.append(rng.choice(_JUNK_CHARS) + rng.choice(_JUNK_SIGNS))
        elif kind < 0.6:
            tokens.append(rng.choice(_JUNK_CHARS[:52]) + rng.choice(_JUNK_CHARS[52:]))
        elif kind < 0.75:
            tokens.append(rng.choice(_JUNK_SIGNS) + rng.choice(_JUNK_CHARS))
        else:
            tokens.append(rng.choice(_JUNK_CHARS))
    return " ".join(tokens)


_PAPERS = ("江州日报", "东岭晚报", "南湖新闻网", "本市政府网", "西川发布")
_NAMES = ("张明", "李华", "王立新", "陈静", "刘洋")


def residue_line(rng: random.Random) -> str:
    """A line of site furniture, in one of the forms sites print."""
    year, month, day = rng.randint(2015, 2026), rng.randint(1, 12), rng.randint(1, 28)
    page, pages = rng.randint(2, 9), rng.randint(10, 20)
    forms = (
        f"来源：{rng.choice(_PAPERS)}  发布时间：{year}-{month:02d}-{day:02d} 10:{day + 10}",
        f"责任编辑：{rng.choice(_NAMES)}",
        f"发布日期：{year}年{month}月{day}日",
        "打印本页 关闭窗口",
        "【字号：大 中 小】",
        f"- {page} -",
        f"第{page}页 共{pages}页",
        f"浏览次数：{rng.randint(100, 9999)}",
        "扫一扫在手机打开当前页",
        "分享到：微信 微博",
        "相关报道：",
        f"本帖最后由 {rng.choice(_NAMES)} 于 {year}-{month}-{day} 09:12 编辑",
    )
    return rng.choice(forms)


def invalid_date(rng: random.Random) -> str:
    """A date that does not exist, in one of the forms writers use."""
    import calendar

    year = rng.randint(2001, 2030)
    if rng.random() < 0.25:
        while calendar.isleap(year):
            year += 1
        month, day = 2, 29
    else:
        month = rng.choice((2, 4, 6, 9, 11))
        day = calendar.monthrange(year, month)[1] + rng.randint(1, 2 if month == 2 else 1)
    form = rng.random()
    if form < 0.6:
        return f"{year}年{month}月{day}日"
    if form < 0.85:
        return f"{month}月{day}日" if (month, day) != (2, 29) else f"{year}年2月29日"
    return f"{year}-{month:02d}-{day:02d}"


def figures_sentence(rng: random.Random) -> str:
    """A summary sentence whose figures contradict each other (written here)."""
    a = rng.randint(12, 90)
    kind = rng.randrange(3)
    if kind == 0:
        return f"全年共受理群众来信{a}件，办结{a + rng.randint(3, 20)}件。"
    if kind == 1:
        word = rng.choice(("采用率", "结案率", "满意率", "覆盖率", "办结率"))
        return f"相关建议{word}达{rng.randint(101, 180)}%。"
    unit, thing = rng.choice((("所", "学校"), ("家", "企业"), ("个", "村")))
    return f"全市共有{thing}{a}{unit}，其中新建{a + rng.randint(5, 40)}{unit}。"


# -- injecting into one line --------------------------------------------------------------------

Injector = Callable[[list[Line], int, random.Random], bool]
_CLAUSE_COMMA = re.compile(r"(?<=[\u4e00-\u9fff])，")
_FULL_TO_HALF = {"，": ",", "。": ".", "；": ";", "：": ":", "？": "?", "！": "!"}
_IS = re.compile(r"(?:(?<=^)|(?<=[，；：。！？\s]))([一二三四五六七八九])是")
_PAIRS = {"“": "”", "（": "）", "《": "》"}


def _set(lines: list[Line], at: int, text: str, start: int, end: int, cls: str) -> bool:
    lines[at].text = text
    lines[at].faults.append((start, end, cls))
    return True


def _insert_line(lines: list[Line], at: int, text: str, cls: str) -> bool:
    lines.insert(at + 1, Line(text, False, [(0, len(text), cls)]))
    return True


def _halfwidth(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    spots = [
        i for i, c in enumerate(text) if c in _FULL_TO_HALF and i > 0 and is_ideograph(text[i - 1])
    ]
    if not spots:
        return False
    i = rng.choice(spots)
    return _set(lines, at, text[:i] + _FULL_TO_HALF[text[i]] + text[i + 1 :], i, i + 1, "halfwidth")


def _ascii_quote(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    pairs = [m.span() for m in re.finditer(r"“[^“”]{1,30}”", text)]
    if not pairs:
        return False
    a, b = rng.choice(pairs)
    new = text[:a] + '"' + text[a + 1 : b - 1] + '"' + text[b:]
    return _set(lines, at, new, a, b, "ascii-quote")


def _broken_pair(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    spans = [
        m.span() for m in re.finditer(r"“[^“”]{1,40}”|（[^（）]{1,40}）|《[^《》]{1,40}》", text)
    ]
    if not spans:
        return False
    a, b = rng.choice(spans)
    return _set(lines, at, text[: b - 1] + text[b:], a, b - 1, "broken-pair")


def _lost_ellipsis(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    if "……" in text:
        i = text.index("……")
        return _set(lines, at, text[:i] + "??" + text[i + 2 :], i, i + 2, "lost-ellipsis")
    spots = [m.start() for m in _CLAUSE_COMMA.finditer(text)]
    if not spots:
        return False
    i = rng.choice(spots)
    return _set(lines, at, text[:i] + "??" + text[i + 1 :], i, i + 2, "lost-ellipsis")


def _replacement(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    spots = [
        i
        for i in range(1, len(text) - 1)
        if is_ideograph(text[i]) and is_ideograph(text[i - 1]) and is_ideograph(text[i + 1])
    ]
    if not spots:
        return False
    i = rng.choice(spots)
    mark = rng.choice(("□", "\ufffd"))
    return _set(lines, at, text[:i] + mark + text[i + 1 :], i, i + 1, "replacement")


def _junk_line(lines: list[Line], at: int, rng: random.Random) -> bool:
    return _insert_line(lines, at, junk_run(rng), "junk-line")


def _junk_inline(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    spots = [m.start() for m in _CLAUSE_COMMA.finditer(text)]
    if not spots:
        return False
    i = rng.choice(spots)
    run = " " + junk_run(rng) + " "
    return _set(lines, at, text[:i] + run + text[i:], i + 1, i + len(run) - 1, "junk-inline")


def _residue(lines: list[Line], at: int, rng: random.Random) -> bool:
    return _insert_line(lines, at, residue_line(rng), "residue")


def _date(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    spots = [m.start() for m in _CLAUSE_COMMA.finditer(text)]
    if not spots:
        return False
    i = rng.choice(spots)
    date = "（" + invalid_date(rng) + "）"
    return _set(lines, at, text[:i] + date + text[i:], i + 1, i + len(date) - 1, "date")


def _enumerator(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    found = list(_IS.finditer(text))
    if len(found) < 2:
        return False
    k = rng.randrange(1, len(found))
    match = found[k]
    numerals = "一二三四五六七八九"
    value = numerals.index(found[k - 1][1]) + 1
    new_value = value if rng.random() < 0.5 else value + 2
    if new_value > 9 or numerals[new_value - 1] == match[1]:
        new_value = value
    new = text[: match.start(1)] + numerals[new_value - 1] + text[match.end(1) :]
    end = found[k + 1].end() if k + 1 < len(found) else match.end()  # the next one may be
    return _set(lines, at, new, match.start(), end, "enumerator")  # the one out of step


def _approx(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    spots = [m.start() for m in _CLAUSE_COMMA.finditer(text)]
    if not spots:
        return False
    i = rng.choice(spots)
    first = rng.randint(1, 8)
    numerals = "一两三四五六七八九"
    unit = rng.choice(("个", "项", "套", "家", "次", "年", "名", "种"))
    phrase = f"（约{numerals[first - 1]}、{numerals[first]}{unit}）"
    return _set(lines, at, text[:i] + phrase + text[i:], i + 2, i + 5, "approx-number")


def _figures(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    if not text.endswith("。"):
        return False
    sentence = figures_sentence(rng)
    return _set(lines, at, text + sentence, len(text), len(text) + len(sentence), "figures")


def _doubled(lines: list[Line], at: int, rng: random.Random) -> bool:
    text = lines[at].text
    spots = [
        i
        for i in range(1, len(text) - 1)
        if is_ideograph(text[i])
        and is_ideograph(text[i - 1])
        and is_ideograph(text[i + 1])
        and text[i] != text[i - 1]
        and text[i] != text[i + 1]
    ]
    if not spots:
        return False
    i = rng.choice(spots)
    if _freq(text[i] * 2) >= 100:
        return False  # 等等, 人人, 久久: the doubling is a word, not a slip
    return _set(lines, at, text[: i + 1] + text[i] + text[i + 1 :], i, i + 2, "doubled")


def _freq(word: str) -> int:
    from drafting.zh import segment

    return segment.tokenizer().FREQ.get(word) or 0


# -- typos from the tables ----------------------------------------------------------------------


@cache
def _typo_sites() -> list[tuple[str, str, str]]:
    """(right, wrong, class) for every typo table and confusion set entry, classed by pypinyin
    (same reading, tones aside: homophone; else near-form)."""
    from pypinyin import lazy_pinyin

    from drafting import lexicon
    from drafting.lint.rules.typos_context import confusions

    pairs = [(right, wrong) for wrong, right in lexicon.pairs("typos.txt").items()]
    pairs += [(e.right, e.wrong) for entries in confusions().values() for e in entries]
    out = []
    for right, wrong in pairs:
        if len(right) != len(wrong) or right == wrong:
            continue
        cls = "typo-homophone" if lazy_pinyin(right) == lazy_pinyin(wrong) else "typo-nearform"
        out.append((right, wrong, cls))
    return out


def _typo(cls: str) -> Injector:
    def inject(lines: list[Line], at: int, rng: random.Random) -> bool:
        from drafting.lint.rules.typos_context import _fits, confusions

        text = lines[at].text
        sites = []
        for right, wrong, kind in _typo_sites():
            if kind != cls:
                continue
            start = text.find(right)
            while start >= 0:
                new = text[:start] + wrong + text[start + len(right) :]
                entries = confusions().get(wrong, ())
                if not entries or any(
                    _fits(e, new, start, start + len(wrong)) for e in entries if e.right == right
                ):
                    sites.append((start, right, wrong))
                start = text.find(right, start + 1)
        if not sites:
            return False
        start, right, wrong = rng.choice(sites)
        new = text[:start] + wrong + text[start + len(right) :]
        return _set(lines, at, new, start, start + len(wrong), cls)

    return inject


INJECTORS: dict[str, Injector] = {
    "halfwidth": _halfwidth,
    "ascii-quote": _ascii_quote,
    "broken-pair": _broken_pair,
    "lost-ellipsis": _lost_ellipsis,
    "replacement": _replacement,
    "junk-line": _junk_line,
    "junk-inline": _junk_inline,
    "residue": _residue,
    "date": _date,
    "enumerator": _enumerator,
    "approx-number": _approx,
    "figures": _figures,
    "typo-homophone": _typo("typo-homophone"),
    "typo-nearform": _typo("typo-nearform"),
    "doubled": _doubled,
}


# -- documents ----------------------------------------------------------------------------------


def body_lines(texts: list[str]) -> list[int]:
    """Indexes of the body lines long enough to carry a fault (prose, not headings)."""
    anatomy = read_parts(texts)
    return [i for i, part in enumerate(anatomy.parts) if part is Part.BODY and len(texts[i]) >= 20]


def inject(texts: list[str], rng: random.Random, classes: Iterable[str]) -> list[Line]:
    """The document's lines with one fault of each class (where it finds a place) put into a
    different body line each."""
    lines = [Line(text) for text in texts]
    for i in body_lines(texts):
        lines[i].body = True
    for cls in classes:
        free = [i for i, line in enumerate(lines) if line.body and not line.faults]
        rng.shuffle(free)
        for at in free:
            if INJECTORS[cls](lines, at, rng):
                break
    return lines


def placed(path: str, lines: list[Line]) -> list[Placed]:
    return [
        Placed(cls, path, number, start + 1, end + 1)
        for number, line in enumerate(lines, 1)
        for start, end, cls in line.faults
    ]


def overlaps(finding: Finding, fault: Placed) -> bool:
    """Whether the finding's span touches the fault's (both on the fault's line)."""
    if not finding.line <= fault.line <= finding.end_line:
        return False
    begin = finding.column if finding.line == fault.line else 1
    end = finding.end_column if finding.end_line == fault.line else 10**9
    return begin < fault.end and fault.start < max(end, begin + 1)


# -- the run ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """Faults placed and found per class, and false alarms per rule."""

    placed: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    false: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    missed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    alarms: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def recall(self, cls: str) -> float:
        return self.found[cls] / self.placed[cls] if self.placed[cls] else 0.0

    def failures(self) -> list[str]:
        out = [
            f"{c.name}: recall {self.recall(c.name):.2f} < {c.target}"
            for c in CLASSES.values()
            if self.recall(c.name) < c.target
        ]
        out += [
            f"{code}: {self.false[code]} warnings on untouched text > {MAX_FALSE}"
            for code in WATCHED
            if self.false[code] > MAX_FALSE
        ]
        return out


#: A Traditional text is linted as one that may be Traditional throughout (the rule option a
#: user of Traditional script sets): only the Simplified leftovers are then faults.
_TRADITIONAL = LintConfig(rules={"N312": {"traditional": True}})


def score(
    path: str, lines: list[Line], text: str, outcome: Outcome, *, traditional: bool = False
) -> None:
    faults = placed(path, lines)
    findings = lint_text(text, path=path, config=_TRADITIONAL if traditional else None).findings
    for fault in faults:
        outcome.placed[fault.cls] += 1
        codes = CLASSES[fault.cls].codes
        if any(f.code in codes and overlaps(f, fault) for f in findings):
            outcome.found[fault.cls] += 1
        else:
            shown = lines[fault.line - 1].text[max(0, fault.start - 12) : fault.end + 10]
            outcome.missed[fault.cls].append(f"{path}:{fault.line}: {shown}")
    for finding in findings:
        if finding.severity < Severity.WARNING or finding.code not in WATCHED:
            continue
        if not any(overlaps(finding, fault) for fault in faults):
            outcome.false[finding.code] += 1
            outcome.alarms[finding.code].append(
                f"{path}:{finding.line}:{finding.column}: {finding.message}"
            )


def _traditional(texts: list[str], rng: random.Random) -> list[Line]:
    """The document in Traditional script (OpenCC s2t) with three Simplified leftovers put back
    into body lines where the conversion changed a character."""
    from drafting.zh.hanzi import convert

    lines = [Line(convert(text, "s2t"), False) for text in texts]
    body = body_lines(texts)
    rng.shuffle(body)
    for at in body[:3]:
        changed = [
            i for i, (a, b) in enumerate(zip(texts[at], lines[at].text, strict=True)) if a != b
        ]
        if not changed:
            continue
        i = rng.choice(changed)
        new = lines[at].text[:i] + texts[at][i] + lines[at].text[i + 1 :]
        _set(lines, at, new, i, i + 1, "traditional")
    return lines


def run(corpus: Path, *, limit: int | None = None, seed: int = SEED) -> Outcome:
    """Inject, lint and score every document of ``corpus`` (the first ``limit`` with a limit)."""
    rng = random.Random(seed)
    outcome = Outcome()
    paths = sorted(corpus.glob("*/*.txt"))
    if limit is not None:
        step = max(1, len(paths) // limit)
        paths = paths[::step][:limit]
    classes = [c for c in INJECTORS]
    for number, path in enumerate(paths):
        texts = path.read_text(encoding="utf-8").split("\n")
        name = str(path.relative_to(corpus))
        rng.shuffle(classes)
        lines = inject(texts, rng, classes)
        score(name, lines, "\n".join(line.text for line in lines), outcome)
        if number % 4 == 0:
            trad = _traditional(texts, rng)
            joined = "\n".join(line.text for line in trad)
            score(name + "（繁体）", trad, joined, outcome, traditional=True)
        outcome.documents += 1
    return outcome


def table(outcome: Outcome) -> str:
    rows = [
        f"{'class':<15} {'故障':<14} {'placed':>6} {'found':>6} {'recall':>7} {'target':>6}  met"
    ]
    for c in CLASSES.values():
        recall = outcome.recall(c.name)
        met = "yes" if recall >= c.target else "NO"
        rows.append(
            f"{c.name:<15} {c.chinese:<14} {outcome.placed[c.name]:>6} {outcome.found[c.name]:>6} "
            f"{recall:>7.2f} {c.target:>6.1f}  {met}"
        )
    rows.append("")
    rows.append("warnings on untouched text (no fault there), per rule:")
    rows.append(
        "  "
        + ", ".join(f"{code} {outcome.false[code]}" for code in WATCHED)
        + f"  (at most {MAX_FALSE} each)"
    )
    return "\n".join(rows)
