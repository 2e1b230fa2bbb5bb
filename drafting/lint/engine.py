"""The engine: pick the rules for a document, run them, turn issues into findings.

Positions: ``line`` and ``column`` are 1-based and count characters (not bytes, not display
columns). ``end_line``/``end_column`` is the position just after the last character of the
span, i.e. the end column is exclusive (as in SARIF): a one-character finding at column 5 has
``end_column`` 6. For .docx, ``line`` is the paragraph number (and ``paragraph`` repeats it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafting.lint.config import LintConfig
from drafting.lint.profiles import GenreChoice, choose_genre
from drafting.lint.rule import Finding, Issue, Needs, Rule, Severity, all_rules
from drafting.lint.suppress import Suppressor
from drafting.sources.document import PreparedDoc, Source


@dataclass(frozen=True)
class Settings:
    """What to run: the merged result of command-line flags and a config file."""

    genre: str = "auto"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    lexicons: Mapping[str, tuple[Path, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    #: The config file these settings came from, if any (named in the text report).
    config: str | None = None

    @classmethod
    def merge(
        cls,
        config: LintConfig | None,
        *,
        genre: str | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        fail_on: Severity | str | None = None,
    ) -> Settings:
        """Flags win over the config; ``ignore`` lists add up; ``select`` replaces."""
        config = config or LintConfig()
        if isinstance(fail_on, str):
            fail_on = Severity.parse(fail_on)
        return cls(
            genre=genre or config.genre or "auto",
            select=tuple(select) if select is not None else config.select,
            ignore=tuple(config.ignore) + tuple(ignore or ()),
            fail_on=fail_on or config.fail_on or Severity.WARNING,
            rule_options=config.rules,
            lexicons=config.lexicons,
            exclude=config.exclude,
            config=str(config.path) if config.path else None,
        )


@dataclass
class FileResult:
    """The findings for one input, with what the outputs need to show them."""

    path: str
    genre: str
    choice: GenreChoice
    findings: list[Finding]
    lines: list[str]
    source: str = "txt"
    fail_on: Severity = Severity.WARNING
    #: How many rules ran (0 when the flags and config left none), and the config file used.
    rules_run: int | None = None
    config: str | None = None

    @property
    def failed(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.findings)


#: What :func:`drafting.lint.api.lint_text` returns.
LintResult = FileResult


@dataclass(frozen=True)
class FileError:
    """An input that could not be read; the others are still linted."""

    path: str
    message: str


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def selected_rules(genre: str, settings: Settings) -> list[type[Rule]]:
    """The rules that run for ``genre`` under ``settings`` (profile, select, ignore)."""
    out = []
    for code, rule in all_rules().items():
        if not rule.runs_in(genre):
            continue
        if settings.select is not None and not _matches(code, settings.select):
            continue
        if _matches(code, settings.ignore):
            continue
        out.append(rule)
    return out


_ADDED_WORDS: set[str] = set()


def _prepare_words(rules: list[type[Rule]], settings: Settings) -> None:
    """Load jieba (once per process) when a rule needs words; add the config's lexicon words."""
    if not any(rule.needs >= Needs.WORDS for rule in rules):
        return
    from drafting.lint.extras import lexicon_words
    from drafting.zh import segment

    segment.tokenizer()
    new = [w for w in lexicon_words(settings.lexicons) if w not in _ADDED_WORDS]
    if new:
        segment.add_words(new)
        _ADDED_WORDS.update(new)


def rule_options(
    rule: type[Rule], genre: str, settings: Settings, kind: str | None = None
) -> dict[str, Any]:
    """The options a rule sees: defaults, genre overrides, calibrated values, config, and the
    lexicon paths."""
    opts = rule.options_for(genre, settings.rule_options.get(rule.code), kind=kind)
    for key, paths in settings.lexicons.items():
        opts[key] = paths
    return opts


def to_finding(
    doc: PreparedDoc,
    rule: type[Rule],
    issue: Issue,
    severity: Severity,
) -> Finding:
    """An issue with its span turned into 1-based lines and columns (end column exclusive)."""
    start = max(0, min(issue.start, len(doc.text)))
    end = max(start, min(issue.end, len(doc.text)))
    line, column = doc.locate(start)
    if end > start:
        end_line, last = doc.locate(end - 1)
        end_column = last + 1
    else:
        end_line, end_column = line, column
    paragraph = doc.paragraph_at(start).number if doc.source == "docx" else None
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=issue.severity or severity,
        message=issue.message,
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        excerpt=doc.text[start:end],
        fix=issue.fix,
        paragraph=paragraph,
    )


def drop_superseded(
    findings: list[Finding], supersedes: dict[str, frozenset[str]]
) -> list[Finding]:
    """Drop a finding when another rule that supersedes its rule reports the same span."""
    by_span: dict[tuple[int, int], set[str]] = {}
    for finding in findings:
        by_span.setdefault((finding.start, finding.end), set()).add(finding.code)
    return [
        f
        for f in findings
        if not any(f.code in supersedes.get(other, ()) for other in by_span[(f.start, f.end)])
    ]


def _in_parts(doc: PreparedDoc, rule: type[Rule], issue: Issue) -> bool:
    """Whether the issue lies in a part the rule reports on (its first character's paragraph;
    a paragraph without a part, from a caller that built the document by hand, counts as in)."""
    part = doc.paragraph_at(max(0, min(issue.start, len(doc.text) - 1))).part
    return part is None or part in rule.parts


def lint_source(source: Source, settings: Settings) -> FileResult:
    """Run the selected rules over one read input."""
    doc = source.doc
    choice = choose_genre(doc, settings.genre)
    doc.genre, doc.kind, doc.speech = choice.genre, choice.kind, choice.speech
    rules = selected_rules(choice.genre, settings)
    if doc.source != "docx":  # the layout rules (L5xx) read a .docx itself, not text
        rules = [rule for rule in rules if not getattr(rule, "needs_docx", False)]
    _prepare_words(rules, settings)
    suppressor = Suppressor(source.directives, source.lines, source.paragraph_rules)
    seen: set[tuple[str, int, int]] = set()
    findings: list[Finding] = []
    for rule in rules:
        severity = rule.severity_in(choice.genre)
        for issue in rule().check(doc, rule_options(rule, choice.genre, settings, choice.kind)):
            if not _in_parts(doc, rule, issue):
                continue
            finding = to_finding(doc, rule, issue, severity)
            key = (finding.code, finding.start, finding.end)
            if key in seen or suppressor.suppressed(finding.code, finding.line):
                continue
            seen.add(key)
            findings.append(finding)
    findings = drop_superseded(findings, {rule.code: rule.supersedes for rule in rules})
    if source.where is not None:  # a .docx: a finding in a text box, a footer, a revision
        findings = [source.where(finding) for finding in findings]
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return FileResult(
        doc.path, choice.genre, choice, findings, source.lines, doc.source, settings.fail_on,
        rules_run=len(rules), config=settings.config,
    )  # fmt: skip


def summary(results: Iterable[FileResult | FileError]) -> dict[str, int]:
    """Counts by severity, files linted and files unreadable."""
    counts = {"errors": 0, "warnings": 0, "infos": 0, "files": 0, "unreadable": 0}
    for result in results:
        if isinstance(result, FileError):
            counts["unreadable"] += 1
            continue
        counts["files"] += 1
        for finding in result.findings:
            counts[{3: "errors", 2: "warnings", 1: "infos"}[finding.severity.value]] += 1
    return counts


def exit_code(results: Iterable[FileResult | FileError]) -> int:
    """0 clean, 1 findings at or above each file's fail-on, 2 when an input was unreadable."""
    results = list(results)
    if any(isinstance(r, FileError) for r in results):
        return 2
    return 1 if any(r.failed for r in results if isinstance(r, FileResult)) else 0
