"""The linter's vocabulary: severities, what a rule reports, the rule base class and registry.

A rule is one class in ``drafting/lint/rules/``: its code, name, default severity, profiles,
options, and its explain page (``what`` / ``why`` / ``bad`` / ``good``) written beside it.
Rules receive a :class:`~drafting.sources.document.PreparedDoc` and yield :class:`Issue` objects
with character offsets into ``doc.text``; the engine turns them into :class:`Finding` objects
with lines and columns. Rules never read files, parse config or print.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any, ClassVar

from drafting.anatomy.parts import TEXT, Part

if TYPE_CHECKING:
    from drafting.sources.document import PreparedDoc

#: Every profile (genre) the linter knows; ``auto`` is resolved to one of these before rules run.
PROFILES: tuple[str, ...] = ("notice", "summary", "duties", "commentary", "generic")
ALL = frozenset(PROFILES)


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def chinese(self) -> str:
        return {1: "提示", 2: "警告", 3: "错误"}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(value) from None


class Needs(IntEnum):
    """What a rule needs from the document; the engine loads jieba only for WORDS and POS."""

    TEXT = 0
    WORDS = 1
    POS = 2


@dataclass(frozen=True)
class Issue:
    """What a rule yields: a span ``[start, end)`` of ``doc.text`` and a Chinese message.

    ``fix`` is the replacement for that span when the rule can mend it; ``severity`` overrides
    the rule's severity for this one finding (rarely needed).
    """

    start: int
    end: int
    message: str
    fix: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class Finding:
    """A reported finding, as the outputs show it (see ../shared/spec/writing-rules.md)."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    excerpt: str
    fix: str | None = None
    paragraph: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
        }
        if self.fix is not None:
            data["fix"] = self.fix
        if self.paragraph is not None:
            data["paragraph"] = self.paragraph
        return data


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement :meth:`check`.

    ``profiles`` are the genres the rule runs in; ``info_profiles`` those where it runs at
    ``info`` only (the catalogue's bracketed profiles). ``options`` are the defaults and
    ``profile_options`` the per-genre overrides; config (``[rules.P201] max = 70``) overrides both.
    ``example_genre`` is the genre the explain-page examples are checked under.
    ``supersedes`` names more general rules whose finding on exactly the same span this rule's
    finding replaces (N311's “主送机关后应用全角冒号” over N301's “半角冒号”), so one mistake
    is reported once, by the rule that says most about it.
    ``fix_on_request``: the rule's fixes (deleting junk or residue lines) are applied only when
    asked for by name (``--fix-junk``), never by a plain ``--fix``.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    profiles: ClassVar[frozenset[str]] = ALL
    info_profiles: ClassVar[frozenset[str]] = frozenset()
    fixable: ClassVar[bool] = False
    fix_on_request: ClassVar[bool] = False
    needs: ClassVar[Needs] = Needs.TEXT
    options: ClassVar[Mapping[str, Any]] = {}
    profile_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {}

    # The explain page: what it checks, why, a bad and a good example (Chinese).
    what: ClassVar[str]
    why: ClassVar[str]
    bad: ClassVar[str]
    good: ClassVar[str]
    example_genre: ClassVar[str | None] = None
    supersedes: ClassVar[frozenset[str]] = frozenset()
    parts: ClassVar[frozenset[Part]] = TEXT
    """The parts of a document (:mod:`drafting.anatomy.parts`) where the rule reports: a finding
    on any other part (web residue for most rules; the 版头, the signature block or a table for
    the phrasing rules) is not the document's fault in what this rule checks, and is dropped."""

    def check(self, doc: PreparedDoc, opts: Mapping[str, Any]) -> Iterator[Issue]:
        raise NotImplementedError

    @classmethod
    def runs_in(cls, genre: str) -> bool:
        return genre in cls.profiles or genre in cls.info_profiles

    @classmethod
    def severity_in(cls, genre: str) -> Severity:
        if genre in cls.info_profiles and genre not in cls.profiles:
            return Severity.INFO
        return cls.severity

    @classmethod
    def options_for(
        cls,
        genre: str,
        overrides: Mapping[str, Any] | None = None,
        *,
        kind: str | None = None,
        calibrated: bool = True,
    ) -> dict[str, Any]:
        """Defaults, then the genre's overrides, then the values calibrated on published texts
        of the genre and the 文种 ``kind`` (:mod:`drafting.lint.calibration`; left out with
        ``calibrated=False``, as the labelled examples are scored), then ``overrides``."""
        merged = dict(cls.options)
        merged.update(cls.profile_options.get(genre, {}))
        if calibrated:
            from drafting.lint.calibration import calibrated as calibrated_options

            merged.update(calibrated_options(cls.code, genre, kind))
        if overrides:
            merged.update(overrides)
        return merged

    @classmethod
    def demo_genre(cls) -> str:
        if cls.example_genre:
            return cls.example_genre
        for genre in PROFILES:
            if genre in cls.profiles:
                return genre
        return "generic"


_REGISTRY: dict[str, type[Rule]] = {}


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the catalogue (codes are unique)."""
    if rule.code in _REGISTRY:
        raise ValueError(f"duplicate rule code {rule.code}")
    for attr in ("name", "severity", "what", "why", "bad", "good"):
        if not hasattr(rule, attr):
            raise TypeError(f"{rule.__name__} lacks {attr}")
    _REGISTRY[rule.code] = rule
    return rule


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule by code, in code order (imports the rule modules on first call)."""
    from drafting.lint import rules  # noqa: F401  (registers on import)

    return dict(sorted(_REGISTRY.items()))


def on_request(code: str) -> bool:
    """Whether the fixes of rule ``code`` are applied only on request (``--fix-junk``)."""
    rule = all_rules().get(code)
    return rule is not None and rule.fix_on_request
