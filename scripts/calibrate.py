"""Calibrate the linter's thresholds on published texts: ``corpus/calibration.json``.

For each calibrated option, the rule's own measure (``LongSentence.lengths``,
``ThesisLate.position``, ``StoryOpening.narrative`` …) is taken on every text of the real
corpus (``../shared/corpus/real``, read in place), grouped by the kind the linter itself reads
the text as (its 文种 where the corpus holds at least :data:`MIN_TEXTS` texts of it, and its
genre: notice, summary, commentary), and the threshold is set at a quantile of that
distribution — so that published, proofread texts rarely trip the rule:

* document-level options (the longest sentence of a text, where its thesis falls, how long a
  narrative opening runs, its length) are set so that 95% of published texts of the group do
  not trip them (90% for the thesis position, which the finder reads less surely); the warning
  for a long sentence in an official document sits above the longest sentence of any published
  document of the kind: judged by hand, the longest sentences of published 意见 and 政府工作报告
  are their prescribed formulas and set reviews, which no editor splits;
* ``P201 hint`` (an information, not a warning) is set at the sentence level: 98% of the
  sentences of published documents are not longer; commentary keeps its own demand for short
  sentences, at 90%.

The corpus's summaries are 政府工作报告, a year's review delivered as a speech, far longer than an
office's 工作总结: the length range of a summary (S104) keeps its default.

Values are rounded to a readable step (up for maxima, down for minima) and never made laxer
than the rule's own default where the corpus would make it stricter than it was meant to be
(``floor``). The figures behind each value go into the JSON too; ``drafting explain CODE``
prints them. Only numbers and labels are written: no text of the corpus.

    python scripts/calibrate.py            # print the table, write corpus/calibration.json
    python scripts/calibrate.py --check    # exit 1 when the committed file is out of date
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evallib.real import CORPUS, REPO

from drafting.sources.document import PreparedDoc

OUT = REPO / "corpus" / "calibration.json"
DOCS = REPO / "docs" / "calibration.md"
#: A 文种 gets values of its own only with at least this many texts in the corpus.
MIN_TEXTS = 5
#: A sentence-level value (``items``) needs at least this many sentences in its group.
MIN_ITEMS = 300
GENRES = ("notice", "summary", "commentary")


@dataclass(frozen=True)
class Measure:
    """One calibrated option: what is measured, at which level, and how it becomes a value."""

    code: str
    option: str
    values: Callable[[PreparedDoc], Iterable[float]]
    """The measure on one document: one value per document, or one per item (sentence)."""
    quantile: float | Callable[[str], float]
    step: float
    direction: str  # "up" (a maximum) or "down" (a minimum)
    said: str  # how the figure reads, with {q} (percent), {n} (texts), {what} and {v}
    floor: float | None = None
    genres: tuple[str, ...] = GENRES
    items: bool = False

    def q(self, group: str) -> float:
        return self.quantile(group) if callable(self.quantile) else self.quantile


def _longest_sentence(doc: PreparedDoc) -> Iterator[float]:
    from drafting.lint.rules.sentences import LongSentence

    yield max((length for *_, length in LongSentence.lengths(doc)), default=0)


def _sentences(doc: PreparedDoc) -> Iterator[float]:
    from drafting.lint.rules.sentences import LongSentence

    for *_, length in LongSentence.lengths(doc):
        yield length


def _thesis_share(doc: PreparedDoc) -> Iterator[float]:
    from drafting.lint.rules.thesis import ThesisLate

    if ThesisLate.stated_up_front(doc):
        return
    total, offset, found = ThesisLate.position(doc)
    if found is not None and total:
        yield offset / total


def _narrative_opening(doc: PreparedDoc) -> Iterator[float]:
    from drafting.lint.rules.openings import StoryOpening
    from drafting.lint.rules.thesis import ThesisLate

    if ThesisLate.stated_up_front(doc):
        yield 0
        return
    found = StoryOpening.narrative(doc, int(StoryOpening.options["min_signals"]))
    yield 0 if found is None else found[1] - found[0]


def _commas(doc: PreparedDoc) -> Iterator[float]:
    from drafting.zh.chars import states_formula, unquoted

    for sentence in doc.sentences(semicolon=True):
        if not states_formula(sentence.text):
            yield unquoted(sentence.text).count("，")


def _idioms(doc: PreparedDoc) -> Iterator[float]:
    from drafting.lint.rules.diction import IdiomDensity

    yield max((len(spans) for _, spans in IdiomDensity.per_sentence(doc)), default=0)


def _body_length(doc: PreparedDoc) -> Iterator[float]:
    yield sum(len(p.text) for p in doc.body)


MEASURES: tuple[Measure, ...] = (
    Measure("P201", "max", _longest_sentence, lambda g: 0.95 if g == "commentary" else 1.0,
            10, "up", "{q} 的已发表{what}中最长的一句不超过 {v} 字", floor=50),
    Measure("P201", "hint", _sentences, lambda g: 0.90 if g == "commentary" else 0.98, 10, "up",
            "已发表{what}的句子中 {q} 不超过 {v} 字", floor=50, items=True),
    Measure("P202", "max_commas", _commas, 0.98, 1, "up",
            "已发表{what}的句子中 {q} 的逗号不超过 {v} 个", floor=6, items=True),
    Measure("P204", "max_idioms", _idioms, 0.95, 1, "up",
            "{q} 的已发表{what}中成语和套语最多的一句不超过 {v} 个", floor=3),
    Measure("S101", "within_ratio", _thesis_share, 0.90, 0.05, "up",
            "{q} 的已发表{what}在正文前 {v:.0%} 之内亮明观点", floor=0.15),
    Measure("S108", "min_chars", _narrative_opening, 0.95, 10, "up",
            "{q} 的已发表{what}开篇叙事不超过 {v} 字", floor=120, genres=("commentary",)),
    Measure("S104", "max", _body_length, 0.95, 100, "up",
            "{q} 的已发表{what}正文不超过 {v} 字", genres=("commentary",)),
    Measure("S104", "min", _body_length, 0.05, 50, "down",
            "{q} 的已发表{what}正文不少于 {v} 字", genres=("commentary",)),
)  # fmt: skip


def quantile(values: list[float], q: float) -> float:
    """Nearest-rank quantile (the smallest value with at least ``q`` of the values at or
    below it)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def rounded(value: float, step: float, direction: str) -> float:
    turns = value / step
    turns = math.ceil(turns - 1e-9) if direction == "up" else math.floor(turns + 1e-9)
    out = turns * step
    return int(out) if float(step).is_integer() else round(out, 4)


@dataclass
class Text:
    path: str
    genre: str
    kind: str | None
    doc: PreparedDoc


def read_corpus(corpus: Path) -> list[Text]:
    """Every text of the corpus, read and typed as ``drafting lint`` reads it (genre auto)."""
    from drafting.lint.profiles import choose_genre
    from drafting.sources import read_string

    texts = []
    with (corpus / "manifest.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        source = read_string((corpus / row["path"]).read_text(encoding="utf-8"), row["path"])
        doc = source.doc
        choice = choose_genre(doc)
        doc.genre, doc.kind, doc.speech = choice.genre, choice.kind, choice.speech
        texts.append(Text(row["path"], choice.genre, choice.kind, doc))
    return texts


_WHAT = {"notice": "公文", "summary": "工作报告", "commentary": "评论"}


def calibrate(texts: list[Text]) -> dict[str, Any]:
    """The values and figures of every measure, per group (文种 with enough texts, genre)."""
    kinds: dict[str, list[Text]] = defaultdict(list)
    for text in texts:
        if text.genre == "notice" and text.kind:
            kinds[text.kind].append(text)
    values: dict[str, dict[str, dict[str, Any]]] = defaultdict(lambda: defaultdict(dict))
    figures: dict[str, dict[str, dict[str, Any]]] = defaultdict(lambda: defaultdict(dict))
    for measure in MEASURES:
        groups: list[tuple[str, list[Text], str]] = [
            (genre, [t for t in texts if t.genre == genre], _WHAT[genre])
            for genre in measure.genres
        ]
        if "notice" in measure.genres:
            groups += [
                (kind, members, kind)
                for kind, members in sorted(kinds.items())
                if len(members) >= MIN_TEXTS
            ]
        for group, members, what in groups:
            if not members:
                continue
            found = [v for t in members for v in measure.values(t.doc)]
            if not found or (measure.items and len(found) < MIN_ITEMS):
                continue
            q = measure.q(group if group in GENRES else "notice")
            measured = quantile(found, q)
            value = rounded(measured, measure.step, measure.direction)
            if measure.floor is not None:
                value = max(value, measure.floor) if measure.direction == "up" else value
            unit = "句子" if measure.items else "数值"
            share = q if measure.direction == "up" else 1 - q
            said = measure.said.format(q=f"{share:.0%}", n=len(members), what=what, v=value)
            if share == 1:
                said = said.replace("100% 的", "").replace("不超过", "都不超过")
            values[measure.code][measure.option][group] = value
            figures[measure.code][measure.option][group] = {
                "value": value,
                "measured": round(float(measured), 4),
                "quantile": q,
                "texts": len(members),
                "items": len(found),
                "said": f"{said}（{len(members)} 篇，{len(found)} 个{unit}）",
            }
    return {"values": _plain(values), "figures": _plain(figures)}


def _plain(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {key: _plain(value) for key, value in tree.items()}
    return tree


def corpus_facts(corpus: Path, texts: list[Text]) -> dict[str, Any]:
    manifest = (corpus / "manifest.tsv").read_bytes()
    return {
        "texts": len(texts),
        "description": "../shared/corpus/real：已发表的公文与人民日报评论",
        "manifest_sha256": hashlib.sha256(manifest).hexdigest(),
    }


def render_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def render_markdown(data: dict[str, Any]) -> str:
    lines = [
        "# 阈值校准 / Calibrated thresholds",
        "",
        "由 `python scripts/calibrate.py` 从真实语料（`../shared/corpus/real`，"
        f"{data['corpus']['texts']} 篇）生成，请勿手改。方法见脚本开头的说明。",
        "",
        "| 规则 | 选项 | 分组 | 值 | 依据 |",
        "|---|---|---|---|---|",
    ]
    for code, options in sorted(data["figures"].items()):
        for option, groups in options.items():
            for group, figure in groups.items():
                lines.append(
                    f"| {code} | {option} | {group} | {figure['value']} | {figure['said']} |"
                )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.tsv").is_file():
        print(f"真实语料不在 {args.corpus}：不能校准（CI 有 ../shared；或设 DRAFTING_REAL_CORPUS）")
        return 0 if args.check else 2
    texts = read_corpus(args.corpus)
    data = {"corpus": corpus_facts(args.corpus, texts), **calibrate(texts)}
    text, page = render_json(data), render_markdown(data)
    if args.check:
        stale = [
            p
            for p, t in ((OUT, text), (DOCS, page))
            if not p.is_file() or p.read_text(encoding="utf-8") != t
        ]
        if stale:
            print(
                "校准结果已过时，请运行 python scripts/calibrate.py：" + "、".join(map(str, stale))
            )
            return 1
        print("校准结果与语料一致")
        return 0
    OUT.write_text(text, encoding="utf-8")
    DOCS.write_text(page, encoding="utf-8")
    print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
