"""``--fix`` and ``--diff``: apply the replacements of fixable findings to .txt and .md files.

A finding's ``line``/``column`` are source positions (for Markdown the engine maps each character
back to its source line and column), so its span in the file is found from them; a fix is applied
only when the file's characters there are exactly the finding's excerpt (a span that crosses
Markdown markup is left alone and reported). Overlapping fixes are resolved deterministically:
candidates in order of start offset, then rule code; one that overlaps a fix already taken in this
pass waits for the next pass. The file is re-linted after each pass, at most :data:`MAX_PASSES`
times, until no fix applies.

The file keeps its encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030: read by the one
decoder, :mod:`drafting.zh.decode`) and its line endings. Before writing, the original is kept
as ``FILE.bak``; when that exists already, ``FILE.bak.1``, ``FILE.bak.2`` … (the first free
name), so no backup is ever overwritten. How the file is written back (a symlink's target fixed
and the link kept, hard links kept, a file edited while the lint ran left alone) is
:mod:`drafting.review.rewrite`'s business. .docx files are never rewritten. Each file is linted
by the one factory's linter (:func:`drafting.lint.settings.make_linter`), as ``drafting lint``
would lint it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drafting.errors import ConfigError, DraftingError, InputError, OutputError
from drafting.lint.config import LintConfig
from drafting.lint.engine import FileError, FileResult
from drafting.lint.rule import Finding, Severity, on_request
from drafting.lint.settings import Configs, Linter, make_linter
from drafting.review.rewrite import Snapshot, read_with_snapshot, rewrite
from drafting.sources import read_bytes
from drafting.sources.text import decode_text
from drafting.terminal import visible

MAX_PASSES = 5
FIXABLE_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")

_MISMATCH = "原文与问题摘录不一致（可能跨越了格式标记），请手工修改"
_ON_REQUEST = "删除乱码或网页残留须明确要求：加 --fix-junk"


@dataclass(frozen=True)
class Change:
    """One fix applied: where it was (in the text as it stood in that pass) and what it did."""

    code: str
    line: int
    column: int
    before: str
    after: str

    def describe(self, path: str) -> str:
        """One line for the terminal (control characters in the text shown as escapes)."""
        before, after = visible(self.before), visible(self.after)
        what = f"删除“{before}”" if not self.after else f"“{before}”→“{after}”"
        return f"{visible(path)}:{self.line}:{self.column}: {self.code} {what}"


@dataclass(frozen=True)
class Skipped:
    """A fixable finding left as it was, and why (Chinese)."""

    finding: Finding
    reason: str

    def describe(self) -> str:
        f = self.finding
        return f"{visible(f.path)}:{f.line}:{f.column}: {f.code} 未修复：{self.reason}"


@dataclass
class FixedFile:
    """The outcome for one file: the text before and after, what changed, what was left.

    ``refused`` says why the fixes were not written (the file changed while it was linted, the
    disk is full …); the file is then as it was, and ``result`` is ``original``.
    """

    path: str
    before: str
    after: str
    changes: list[Change]
    skipped: list[Skipped]
    result: FileResult
    original: FileResult
    backup: Path | None = None
    written: bool = False
    notes: list[str] = field(default_factory=list)
    refused: str | None = None
    #: The bytes read and the file's state then (what the write-back checks against).
    data: bytes = field(default=b"", repr=False)
    snapshot: Snapshot | None = field(default=None, repr=False)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff of the fixes (empty when there are none)."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=self.path if Path(self.path).is_absolute() else f"a/{self.path}",
                tofile=self.path if Path(self.path).is_absolute() else f"b/{self.path}",
            )
        )


# -- text ----------------------------------------------------------------------------------


def _line_starts(text: str) -> list[int]:
    """Offsets where each line starts; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line."""
    starts = [0]
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
        if char in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- one pass ------------------------------------------------------------------------------


def _span(text: str, starts: Sequence[int], finding: Finding) -> tuple[int, int] | None:
    """The finding's ``[start, end)`` in the file's text, from its line and column."""
    if not (0 < finding.line <= len(starts) and 0 < finding.end_line <= len(starts)):
        return None
    start = starts[finding.line - 1] + finding.column - 1
    end = starts[finding.end_line - 1] + finding.end_column - 1
    if not 0 <= start <= end <= len(text):
        return None
    return start, end


def _with_line_break(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A deletion of a whole line (junk, residue) widened to take its line break along."""
    start, end = span
    if (start == 0 or text[start - 1] in "\r\n") and text[end : end + 1] in ("\r", "\n"):
        return start, end + (2 if text[end : end + 2] == "\r\n" else 1)
    return span


def apply_fixes(
    text: str, findings: Iterable[Finding], *, junk: bool = False
) -> tuple[str, list[Change], list[Skipped]]:
    """One pass: apply the fixes that match the text and do not overlap one taken before.

    Returns the new text, the changes made and the findings whose source did not match their
    excerpt. Findings left out for overlapping are neither: the next pass sees them again.
    The deletions of junk and residue lines (rules whose fixes are ``fix_on_request``) are
    applied only with ``junk`` (``--fix-junk``); without it they are skipped, saying so.
    """
    starts = _line_starts(text)
    candidates: list[tuple[int, int, Finding]] = []
    skipped: list[Skipped] = []
    for finding in findings:
        if finding.fix is None:
            continue
        if not junk and on_request(finding.code):
            skipped.append(Skipped(finding, _ON_REQUEST))
            continue
        span = _span(text, starts, finding)
        if span is None or _normalise(text[span[0] : span[1]]) != finding.excerpt:
            skipped.append(
                Skipped(finding, "原文与问题摘录不一致（可能跨越了格式标记），请手工修改")
            )
            continue
        if junk and finding.fix == "" and on_request(finding.code):
            span = _with_line_break(text, span)
        candidates.append((span[0], span[1], finding))
    candidates.sort(key=lambda c: (c[0], c[2].code, c[1]))
    taken: list[tuple[int, int, Finding]] = []
    for start, end, finding in candidates:
        if taken:
            prev_start, prev_end, _ = taken[-1]
            if start < prev_end or start == prev_start:
                continue
        taken.append((start, end, finding))
    pieces: list[str] = []
    cursor = 0
    changes: list[Change] = []
    for start, end, finding in taken:
        pieces.append(text[cursor:start])
        pieces.append(finding.fix or "")
        cursor = end
        changes.append(
            Change(finding.code, finding.line, finding.column, finding.excerpt, finding.fix or "")
        )
    pieces.append(text[cursor:])
    return "".join(pieces), changes, skipped


# -- files ---------------------------------------------------------------------------------


def fix_data(name: str, data: bytes, lint: Linter, *, junk: bool = False) -> FixedFile:
    """Fix ``data`` (the bytes of the file ``name``) in memory, pass after pass; ``junk``: also
    delete junk and residue lines (``--fix-junk``)."""
    encoded = decode_text(data, name)
    original = lint(name, data)
    text = encoded.text
    changes: list[Change] = []
    result = original
    seen = {text}
    for _ in range(MAX_PASSES):
        new_text, made, _ = apply_fixes(text, result.findings, junk=junk)
        if not made or new_text in seen:  # nothing to do, or fixes that undo each other
            break
        seen.add(new_text)
        changes.extend(made)
        text = new_text
        result = lint(name, encoded.encode(text))
    _, _, skipped = apply_fixes(text, result.findings, junk=junk)
    mismatched = {id(s.finding) for s in skipped}
    skipped += [
        Skipped(f, "与其他修改重叠或修改后仍存在，请手工修改")
        for f in result.findings
        if f.fix is not None and id(f) not in mismatched
    ]
    return FixedFile(name, encoded.text, text, changes, skipped, result, original)


def fix_file(
    path: Path, lint: Linter, *, write: bool = True, backup: bool = True, junk: bool = False
) -> FixedFile:
    """Fix one .txt/.md file; with ``write``, write the fixes back (see :func:`write_fixed`)."""
    path = Path(path)
    if path.suffix.lower() not in FIXABLE_SUFFIXES:
        raise InputError("只能自动修复 .txt 和 .md 文件；.docx 请用 --annotate 生成批注副本")
    data, snapshot = read_with_snapshot(path)
    fixed = fix_data(str(path), data, lint, junk=junk)
    fixed.data, fixed.snapshot = data, snapshot
    if write:
        write_fixed(fixed, backup=backup)
    return fixed


def write_fixed(fixed: FixedFile, *, backup: bool = True) -> None:
    """Write the fixed text back into its file in its encoding, keeping a backup unless told
    not to. Raises :class:`~drafting.review.rewrite.FileChangedError` when the file changed
    since it was read and :class:`OutputError` when it cannot be written: nothing is changed."""
    if not fixed.changed:
        return
    if fixed.snapshot is None:
        raise ValueError("write_fixed needs a FixedFile from fix_file")
    encoded = decode_text(fixed.data, fixed.path)
    new = encoded.encode(fixed.after)
    fixed.backup = rewrite(Path(fixed.path), fixed.data, fixed.snapshot, new, backup=backup)
    fixed.written = True


def fix_paths(
    paths: Iterable[str | Path],
    *,
    write: bool = True,
    backup: bool = True,
    genre: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    fail_on: Severity | str | None = None,
    config: LintConfig | str | Path | None = None,
    junk: bool = False,
) -> list[FixedFile | FileResult | FileError]:
    """Fix every .txt/.md file under ``paths`` (folders recursed as ``drafting lint`` does).

    Every config is read first, so a bad one stops the run before any file is written. A .docx
    is linted but not changed (its result comes back as a :class:`FileResult`); an input that
    cannot be read or parsed is a :class:`FileError`, a file that cannot be written back is a
    :class:`FixedFile` with ``refused`` set, and the others are still fixed.
    """
    configs = Configs(config)
    flags = {"genre": genre, "select": select, "ignore": ignore, "fail_on": fail_on}
    plan: list[tuple[Path, Linter] | FileError] = []
    for raw in paths:
        for file in _files(raw, configs):
            if isinstance(file, FileError):
                plan.append(file)
                continue
            conf = configs.for_path(file) or LintConfig()
            plan.append((file, make_linter(file, config=conf, **flags)))
    return [
        step if isinstance(step, FileError) else _fix_one(*step, write, backup, junk)
        for step in plan
    ]


def _files(raw: str | Path, configs: Configs) -> list[Path | FileError]:
    """The files one command-line path stands for."""
    from drafting.lint.api import collect_files

    path = Path(raw)
    if str(raw) == "-":
        return [FileError("<stdin>", "标准输入不能就地修复；请给出文件路径")]
    if not path.is_dir():
        return [path]
    conf = configs.for_folder(path)
    files: list[Path | FileError] = list(collect_files(path, conf.exclude if conf else ()))
    return files or [FileError(str(path), "文件夹里没有 .txt、.md 或 .docx 文件")]


def _fix_one(
    file: Path, lint: Linter, write: bool, backup: bool, junk: bool = False
) -> FixedFile | FileResult | FileError:
    """One file fixed (or, for a .docx, linted); its problem as one line when it fails."""
    from drafting.lint.api import file_problem

    try:
        if file.suffix.lower() == ".docx":
            return lint(str(file), read_bytes(file))
        fixed = fix_file(file, lint, write=False, junk=junk)
    except ConfigError:
        raise
    except DraftingError as exc:
        return FileError(str(file), file_problem(exc))
    except RecursionError:
        return FileError(str(file), "结构嵌套过深，无法解析；请检查文件内容")
    if write:
        try:
            write_fixed(fixed, backup=backup)
        except OutputError as exc:
            fixed.refused = str(exc.args[0]) if exc.args else str(exc)
            fixed.result = fixed.original
    return fixed
