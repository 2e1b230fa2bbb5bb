"""The linter measured on the real corpus: quiet share, warnings per 10,000 characters, judged
precision (see ``scripts/real.py``). Shared by the script and ``tests/lint/test_real_corpus.py``."""

from __future__ import annotations

import csv
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
CORPUS = Path(os.environ.get("DRAFTING_REAL_CORPUS", REPO.parent / "shared" / "corpus" / "real"))
JUDGED_FIELDS = ("path", "line", "column", "code", "verdict", "reason")
#: Severities that make ``drafting lint`` fail by default.
FAILING = ("warning", "error")


@dataclass(frozen=True)
class Targets:
    """What published text must get from the linter (issue “Trust on real documents”)."""

    quiet_share: float = 0.90
    per_10k: float = 2.0
    precision: float = 0.90
    judged: int = 300


@dataclass(frozen=True)
class Seen:
    """One finding on a corpus text: where, which rule, how severe."""

    path: str
    line: int
    column: int
    code: str
    severity: str

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass
class Text:
    """One corpus text as the linter saw it."""

    path: str
    kind: str
    chars: int
    genre: str
    findings: list[Seen]

    @property
    def statutory(self) -> bool:
        return self.kind != "评论"

    @property
    def failing(self) -> list[Seen]:
        return [f for f in self.findings if f.severity in FAILING]


@dataclass
class RealResult:
    """Everything :func:`report` prints and :meth:`missed` checks."""

    texts: list[Text]
    judged: dict[tuple[str, int, int, str], tuple[str, str]] = field(default_factory=dict)

    @property
    def chars(self) -> int:
        return sum(text.chars for text in self.texts)

    def quiet_share(self) -> float:
        """The share of statutory documents without any warning or error at all."""
        statutory = [t for t in self.texts if t.statutory]
        return sum(1 for t in statutory if not t.failing) / max(1, len(statutory))

    def false_alarm_free_share(self) -> float:
        """The share of statutory documents without a false alarm: every warning or error
        they get was judged a real fault (what the quiet-share target is held to: a published
        document that carries a half-width comma should get its warning)."""
        statutory = [t for t in self.texts if t.statutory]
        clean = sum(
            1
            for t in statutory
            if all(self.judged.get(f.key, ("false", ""))[0] == "true" for f in t.failing)
        )
        return clean / max(1, len(statutory))

    def per_10k(self, code: str | None = None) -> float:
        count = sum(1 for t in self.texts for f in t.failing if code is None or f.code == code)
        return count * 10_000 / max(1, self.chars)

    def by_rule(self) -> dict[str, Counter[str]]:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for text in self.texts:
            for finding in text.findings:
                counts[finding.code][finding.severity] += 1
        return dict(sorted(counts.items()))

    def current(self) -> list[Seen]:
        return [f for t in self.texts for f in t.findings]

    def judged_now(self) -> list[tuple[Seen, str]]:
        """The findings of today's run that were judged, with their verdict."""
        return [(f, self.judged[f.key][0]) for f in self.current() if f.key in self.judged]

    def precision(self, *, failing: bool = True) -> dict[str, tuple[int, int]]:
        """Per rule: (true, judged) over today's findings that were judged, at warning or
        error (``failing``, what the target holds) or at information (the hints)."""
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for finding, verdict in self.judged_now():
            if (finding.severity in FAILING) != failing:
                continue
            out[finding.code][1] += 1
            out[finding.code][0] += verdict == "true"
        return {code: (t, n) for code, (t, n) in sorted(out.items())}

    def unjudged_failing(self) -> list[Seen]:
        return [f for t in self.texts for f in t.failing if f.key not in self.judged]

    def failing_codes(self) -> set[str]:
        return {f.code for t in self.texts for f in t.failing}

    def missed(self, targets: Targets) -> list[str]:
        """The targets not met, each said in one Chinese phrase (empty when all are met)."""
        out = []
        if self.false_alarm_free_share() < targets.quiet_share:
            share = self.false_alarm_free_share()
            out.append(f"没有误报的法定公文 {share:.1%}，目标 ≥ {targets.quiet_share:.0%}")
        if self.per_10k() > targets.per_10k:
            out.append(f"每万字警告 {self.per_10k():.2f} 条，目标 ≤ {targets.per_10k:g}")
        for code, (true, judged) in self.precision().items():
            if code in self.failing_codes() and judged and true / judged < targets.precision:
                out.append(f"{code} 精确率 {true}/{judged}，目标 ≥ {targets.precision:g}")
        unjudged = self.unjudged_failing()
        if unjudged:
            out.append(f"{len(unjudged)} 条警告或错误尚未评判（--unjudged 导出）")
        judged = len(self.judged_now())
        if judged < targets.judged:
            out.append(f"评判过的发现 {judged} 条，目标 ≥ {targets.judged}")
        rules = {f.code for f in self.current()}
        judged_rules = set(self.precision()) | set(self.precision(failing=False))
        unrepresented = sorted(rules - judged_rules)
        if unrepresented:
            out.append("有发现却无一条评判的规则：" + "、".join(unrepresented))
        return out

    def write_unjudged(self, path: Path) -> None:
        """The findings not yet judged, as rows of the judged file with verdict left empty."""
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow((*JUDGED_FIELDS, "severity"))
            for finding in self.current():
                if finding.key not in self.judged:
                    writer.writerow(
                        [finding.path, finding.line, finding.column, finding.code, "", "",
                         finding.severity]
                    )  # fmt: skip


def load_judged(path: Path) -> dict[tuple[str, int, int, str], tuple[str, str]]:
    """``(path, line, column, code)`` → ``(verdict, reason)`` of the judged file (``#`` lines are
    comments). Verdicts are ``true`` (a careful editor would mark it) or ``false``."""
    if not path.is_file():
        return {}
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    judged = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        verdict = row["verdict"].strip().lower()
        if verdict not in ("true", "false"):
            raise ValueError(f"{path}: verdict must be true or false: {row}")
        key = (row["path"], int(row["line"]), int(row["column"]), row["code"])
        judged[key] = (verdict, row["reason"])
    return judged


def manifest(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "manifest.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def measure(corpus: Path, judged: Path, *, limit: int | None = None) -> RealResult:
    """Lint every text of the corpus (genre ``auto``, default settings, no config file)."""
    from drafting.lint.api import lint_text

    texts = []
    for row in manifest(corpus)[:limit]:
        text = (corpus / row["path"]).read_text(encoding="utf-8")
        result = lint_text(text, path=row["path"])
        findings = [
            Seen(row["path"], f.line, f.column, f.code, f.severity.label) for f in result.findings
        ]
        chars = sum(1 for char in text if not char.isspace())
        texts.append(Text(row["path"], row["kind"], chars, result.genre, findings))
    return RealResult(texts, load_judged(judged))


def report(result: RealResult) -> str:
    """The tables ``make eval`` prints."""
    statutory = [t for t in result.texts if t.statutory]
    quiet = sum(1 for t in statutory if not t.failing)
    lines = [
        f"真实文稿：{len(result.texts)} 篇，{result.chars:,} 字（不计空白）",
        f"没有误报的法定公文：{result.false_alarm_free_share():.1%}（警告和错误都评判为真实差错）；"
        f"完全无警告的：{quiet}/{len(statutory)}（{result.quiet_share():.1%}，其余带有原文"
        "本身的差错）",
        f"每万字警告和错误：{result.per_10k():.2f} 条",
        "",
        "| 规则 | error | warning | info | 每万字（警告及以上） | 评判 真/总（警告及以上） "
        "| 评判 真/总（提示） |",
        "|---|---|---|---|---|---|---|",
    ]
    precision, hints = result.precision(), result.precision(failing=False)
    for code, counts in result.by_rule().items():
        shown = [f"{t}/{n}" if n else "—" for t, n in (precision.get(code, (0, 0)),
                                                        hints.get(code, (0, 0)))]  # fmt: skip
        lines.append(
            f"| {code} | {counts['error']} | {counts['warning']} | {counts['info']} | "
            f"{result.per_10k(code):.2f} | {shown[0]} | {shown[1]} |"
        )
    genres = Counter(t.genre for t in result.texts)
    lines += ["", "文体判断：" + "，".join(f"{g} {n}" for g, n in sorted(genres.items()))]
    now, total = len(result.judged_now()), len(result.judged)
    lines.append(f"评判过的发现：{now} 条（评判文件共 {total} 条）")
    return "\n".join(lines)
