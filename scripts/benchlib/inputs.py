"""The benchmark's inputs, generated deterministically from the repository's own texts.

The prose comes from the templates' samples (rendered through the project's API), the fixture
texts and the labelled set. Sentences are recombined clause by clause and their figures
changed, with a seeded random generator, so that the megabyte of prose does not repeat whole
sentences (no cache of repeated sentences can flatter a number) and every run gets the same
text. The annual-summary records are the template's sample with varied figures and unit names.
"""

from __future__ import annotations

import copy
import csv
import io
import random
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]

#: The templates whose samples feed the prose: a fixed list, so that a template added later
#: does not change the inputs (and the numbers stay comparable from run to run).
PROSE_TEMPLATES = ("notice", "summary", "annual-summary", "duties", "commentary")

_SENTENCE = re.compile(r"[^。！？\n]+[。！？]")
_DIGITS = re.compile(r"\d+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MARKS = str.maketrans("", "", "⟦⟧")


def _template_text(kind: str, values: Mapping[str, Any]) -> str:
    """The plain text the template ``kind`` renders from ``values`` (the project's own API)."""
    from drafting.drafts.plain import plain_text
    from drafting.render import load_template, parse_draft, render_markdown

    info = load_template(kind)
    markdown = render_markdown(info, values)
    document = parse_draft(markdown, path=kind, defaults={"kind": info.id, "layout": info.layout})
    return plain_text(document)


def sample_data(kind: str, root: Path = ROOT) -> dict[str, Any]:
    """A template's sample data file, as plain values."""
    path = root / "templates" / kind / "sample.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _labelled_texts(folder: Path) -> Iterator[str]:
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("pass") or ():  # the near-misses: prose a rule must not flag
            text = entry.get("text") if isinstance(entry, dict) else entry
            if isinstance(text, str):
                yield text.translate(_MARKS)


def source_texts(root: Path = ROOT) -> list[str]:
    """Every Chinese text the prose is built from: the templates' samples, the fixture texts
    and the labelled near-misses (the examples a rule must fire on are left out, so that the
    prose has a writer's rate of mistakes, not one in every sentence)."""
    texts = [_template_text(kind, sample_data(kind, root)) for kind in PROSE_TEMPLATES]
    fixtures = root / "tests" / "fixtures"
    for pattern in ("*.txt", "*/*.txt", "*/*.md"):
        for path in sorted(fixtures.glob(pattern)):
            try:
                texts.append(path.read_text(encoding="utf-8-sig"))
            except UnicodeDecodeError:
                continue  # the GB18030 fixture is there to test decoding, not prose
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "samples").glob("*.md"))]
    texts += list(_labelled_texts(root / "tests" / "labelled"))
    return texts


def sentence_pool(texts: Iterable[str]) -> list[str]:
    """The distinct prose sentences of ``texts`` (mostly Chinese, ending 。！？), in order."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in _SENTENCE.finditer(text):
            sentence = match.group().strip(" \t\u3000")
            chinese = len(_CJK.findall(sentence))
            if 8 <= len(sentence) <= 160 and chinese >= 0.6 * len(sentence):
                seen.setdefault(sentence, None)
    return list(seen)


class Prose:
    """Varied sentences and paragraphs from a pool, reproducibly (seeded)."""

    def __init__(self, pool: list[str], seed: int) -> None:
        if not pool:
            raise ValueError("empty sentence pool")
        self.pool = pool
        self.clauses = [c for s in pool for c in s.rstrip("。！？").split("，") if len(c) >= 4]
        self.rng = random.Random(seed)

    def _figure(self, match: re.Match[str]) -> str:
        digits = match.group()
        after = match.string[match.end() : match.end() + 1]
        if after == "月":
            return str(self.rng.randint(1, 12))
        if after in "日号":
            return str(self.rng.randint(1, 28))
        if len(digits) == 4 and digits.startswith("20"):
            return str(self.rng.randint(2015, 2030))  # a year stays a year
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 1
        return str(self.rng.randint(low, 10 ** len(digits) - 1))

    def sentence(self) -> str:
        """A pool sentence with one clause swapped from another sentence and new figures."""
        sentence = self.rng.choice(self.pool)
        end = sentence[-1]
        parts = sentence[:-1].split("，")
        if len(parts) > 1:
            parts[self.rng.randrange(len(parts))] = self.rng.choice(self.clauses)
        else:
            parts.insert(0, self.rng.choice(self.clauses))
        return _DIGITS.sub(self._figure, "，".join(parts)) + end

    def paragraph(self, low: int = 3, high: int = 7) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(low, high)))


@cache
def _pool(root: Path) -> list[str]:
    return sentence_pool(source_texts(root))


def _prose(seed: int, root: Path = ROOT) -> Prose:
    return Prose(_pool(root), seed)


def _areas(root: Path = ROOT) -> list[str]:
    """Section headings of the summary templates' samples (工作方面)."""
    areas = []
    for kind, key in (("summary", "results"), ("annual-summary", "achievements")):
        areas += [item["area"] for item in sample_data(kind, root).get(key) or ()]
    return areas


def _cn(number: int) -> str:
    from drafting.zh.numerals import cn_number

    return cn_number(number)


def notice_page(chars: int = 1000, seed: int = 1, root: Path = ROOT) -> str:
    """The notice template's sample, its first section grown to about ``chars`` characters."""
    prose = _prose(seed, root)
    data = sample_data("notice", root)
    paragraphs = data["sections"][0]["paragraphs"]
    text = _template_text("notice", data)
    while len(text) < chars:
        paragraphs[-1] += prose.sentence()
        text = _template_text("notice", data)
    return text


def long_summary(chars: int = 10_000, seed: int = 2, root: Path = ROOT) -> str:
    """The summary template's sample with more sections of prose, about ``chars`` characters."""
    prose = _prose(seed, root)
    data = sample_data("summary", root)
    base = copy.deepcopy(data["results"])
    results = data["results"]
    text = _template_text("summary", data)
    while len(text) < chars:
        area = base[len(results) % len(base)]["area"]
        results.append({"area": area, "text": prose.paragraph()})
        text = _template_text("summary", data)
    return text


def big_prose(size: int = 1_000_000, seed: int = 3, root: Path = ROOT) -> str:
    """About ``size`` bytes (UTF-8) of a work summary: the sample's title and opening, then
    sections 一、二、… each of 8–12 subsections （一）（二）… of varied paragraphs."""
    prose = _prose(seed, root)
    areas = _areas(root)
    sample = _template_text("summary", sample_data("summary", root)).splitlines()
    lines = [sample[0], "", sample_data("summary", root)["opening"].strip()]
    used = sum(len(line.encode()) + 1 for line in lines)
    section = 0
    while used < size:
        section += 1
        block = [f"{_cn(section)}、{prose.rng.choice(areas)}"]
        for sub in range(1, prose.rng.randint(8, 12) + 1):
            block.append(f"（{_cn(sub)}）{prose.rng.choice(areas)}")
            block += [prose.paragraph() for _ in range(prose.rng.randint(3, 8))]
        lines += block
        used += sum(len(line.encode()) + 1 for line in block)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- batch records


def _flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """CSV columns of a record, as documented in drafting.drafts.records (``stats.info.adopted``,
    ``achievements.1.area``, lists of text joined by ``；``)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and value and isinstance(value[0], Mapping):
        for index, item in enumerate(value, start=1):
            yield from _flatten(item, f"{prefix}.{index}")
    elif isinstance(value, list):
        yield prefix, "；".join(str(item).rstrip("。") for item in value)
    else:
        yield prefix, value


def _vary_figures(stats: Mapping[str, Any], rng: random.Random) -> dict[str, Any]:
    """The sample's figures scaled by 0.5–1.5, keeping parts within their wholes."""

    def scale(n: int) -> int:
        return max(0, round(n * rng.uniform(0.5, 1.5)))

    out: dict[str, Any] = {k: scale(v) for k, v in stats.items() if isinstance(v, int)}
    if "info" in stats:
        submitted = scale(stats["info"]["submitted"])
        out["info"] = {"submitted": submitted, "adopted": rng.randint(0, submitted)}
    if "petitions" in stats:
        received = scale(stats["petitions"]["received"])
        filed = rng.randint(0, received)
        out["petitions"] = {"received": received, "filed": filed, "closed": rng.randint(0, filed)}
    if "supervision" in stats:
        items = scale(stats["supervision"]["items"])
        out["supervision"] = {"items": items, "completed": rng.randint(0, items)}
    return out


def unit_names(count: int, seed: int = 4, root: Path = ROOT) -> list[str]:
    """``count`` distinct unit names: a two-character county name (from the proper-name
    characters in corpus/) before the department names of the batch fixtures."""
    rng = random.Random(seed)
    chars = [
        line.strip()
        for line in (root / "corpus" / "proper_name_chars.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    with open(root / "tests/fixtures/batch/units-2026.csv", encoding="utf-8-sig") as handle:
        departments = sorted({row["unit"].removeprefix("县") for row in csv.DictReader(handle)})
    names: dict[str, None] = {}
    while len(names) < count:
        county = "".join(rng.sample(chars, 2)) + "县"
        names.setdefault(county + rng.choice(departments), None)
    return list(names)


def annual_records(count: int = 1000, seed: int = 5, root: Path = ROOT) -> list[dict[str, Any]]:
    """``count`` annual-summary records: the sample with varied figures and unit names."""
    rng = random.Random(seed)
    sample = sample_data("annual-summary", root)
    records = []
    for unit in unit_names(count, seed, root):
        record = copy.deepcopy(sample)
        record["unit"] = unit
        record["organ"] = unit
        record["signature"] = unit
        record["opening"] = sample["opening"].replace(sample["unit"], unit)
        record["stats"] = _vary_figures(sample["stats"], rng)
        record["previous"] = _vary_figures(sample["previous"], rng)
        record["doc_number"] = f"{unit[:2]}政办〔{sample['year']}〕{rng.randint(1, 199)}号"
        records.append(record)
    return records


def records_csv(records: list[dict[str, Any]]) -> str:
    """Records as a CSV text (header of dotted field paths), as ``drafting batch`` reads it."""
    rows = [dict(_flatten(record)) for record in records]
    header: dict[str, None] = {}
    for row in rows:
        header.update(dict.fromkeys(row))
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else str(value) for key, value in row.items()})
    return buffer.getvalue()


# --------------------------------------------------------------------------- pathological inputs


def long_notice_data(size: int = 1_000_000, seed: int = 6, root: Path = ROOT) -> dict[str, Any]:
    """The notice sample whose sections hold about ``size`` bytes (as JSON, UTF-8) of short
    paragraphs: some forty thousand list items, the shape that made data validation quadratic
    (a line lookup copied a dictionary per item)."""
    prose = _prose(seed, root)
    data = sample_data("notice", root)
    sections = [dict(section) for section in data["sections"]]
    data["sections"] = sections
    used = len(json_text(data).encode())
    number = 0
    while used < size:
        number += 1
        paragraphs = [prose.rng.choice(prose.clauses) + "。" for _ in range(400)]
        section = {"heading": f"第{_cn(number)}项工作", "paragraphs": paragraphs}
        sections.append(section)
        used += len(json_text(section).encode()) + 2
    return data


def json_text(data: Any) -> str:
    """Data as an indented JSON text (dates as ISO dates), as ``drafting render`` reads it."""
    import datetime as dt
    import json

    def default(value: Any) -> str:
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(repr(value))

    return json.dumps(data, ensure_ascii=False, indent=1, default=default)


def docx_with_styles(path: Path, styles: int = 50_000, seed: int = 7, root: Path = ROOT) -> None:
    """A .docx of 300 one-sentence paragraphs whose styles part defines ``styles`` more
    paragraph styles (about 290 KB for 50,000): python-docx's ``paragraph.style`` searched them
    all for every paragraph."""
    import docx
    from docx.oxml.ns import qn

    prose = _prose(seed, root)
    document = docx.Document()
    document.add_paragraph("关于做好2026年度工作总结的通知")
    for _ in range(300):
        document.add_paragraph(prose.sentence())
    element = document.styles.element
    for number in range(styles):
        style = element.makeelement(
            qn("w:style"), {qn("w:type"): "paragraph", qn("w:styleId"): f"S{number}"}
        )
        style.append(style.makeelement(qn("w:name"), {qn("w:val"): f"Style {number}"}))
        element.append(style)
    document.save(str(path))


def docx_with_empty_paragraphs(path: Path, count: int = 300_000) -> None:
    """A .docx of a title, ``count`` empty paragraphs and one line of text."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("关于做好2026年度工作总结的通知")
    body = document.element.body
    section = body[-1]
    for _ in range(count):
        section.addprevious(body.makeelement(qn("w:p"), {}))
    document.add_paragraph("请各单位认真贯彻执行。")
    document.save(str(path))


def newlines(size: int = 10 * 1024 * 1024) -> str:
    """A title, ``size`` bytes of line breaks, and one line of text (under the 20 MB limit)."""
    return "关于做好2026年度工作总结的通知\n" + "\n" * size + "请各单位认真贯彻执行。\n"
