"""The machinery of the bad-input matrix, shared by every ``test_bad_inputs*.py`` module.

Each case runs ``python -m drafting …`` as a real subprocess. For each: the exit code (2 for
bad input; 1 for a batch with some failed records), one Chinese line on stderr naming the file
and the problem, no traceback, and the folder exactly as it was (every file hashed before and
after; nothing added but what the case allows, no ``*.tmp``). Peak memory of the child comes
from :func:`os.wait4`'s resource usage (that is, ``getrusage(RUSAGE_CHILDREN)`` for that one
child), taken by a small launcher process.

A module registers cases with its own :func:`registry` and runs them with :func:`check_case`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import badinputs as bad
import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")
TIMEOUT = 120
#: Address-space cap on every child, so a runaway (a YAML alias bomb) fails instead of eating
#: the machine; far above what any case needs (jieba and python-docx included).
CHILD_ADDRESS_SPACE = 2 * 1024**3

Builder = Callable[[Path], "Case"]


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    """A finished subprocess: exit code, output text and peak resident memory (MiB)."""

    code: int
    stdout: str
    stderr: str
    peak_mib: float
    timed_out: bool = False


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_ADDRESS_SPACE, CHILD_ADDRESS_SPACE))


#: Runs ``python -m drafting`` as its own child and writes that child's exit status and peak
#: RSS (``wait4`` resource usage) to the file named first. A child forked straight from pytest
#: would count pytest's own pages, which Linux keeps in ``ru_maxrss`` across ``exec``.
_LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "drafting", *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"code": os.waitstatus_to_exitcode(status), "maxrss_kb": usage.ru_maxrss}, out)
"""


def run_drafting(
    args: list[str], cwd: Path, io_dir: Path, stdin: bytes | None = None, timeout: float = TIMEOUT
) -> Run:
    """Run ``python -m drafting *args`` in ``cwd`` (via :data:`_LAUNCHER`), under an address-space
    cap and a timeout; return its exit code, output and peak memory."""
    env = {k: v for k, v in os.environ.items() if k not in ("DRAFTING_DEBUG", "DRAFTING_TEMPLATES")}
    env["PYTHONIOENCODING"] = "utf-8"
    out_path, err_path, in_path = io_dir / "stdout", io_dir / "stderr", io_dir / "stdin"
    usage_path = io_dir / "usage.json"
    usage_path.unlink(missing_ok=True)
    in_path.write_bytes(stdin or b"")
    with out_path.open("wb") as out, err_path.open("wb") as err, in_path.open("rb") as inp:
        proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(usage_path), *args], cwd=cwd, env=env,
            stdin=inp, stdout=out, stderr=err, preexec_fn=_limit_child, start_new_session=True,
        )  # fmt: skip
        try:
            proc.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            timed_out = True
    usage = json.loads(usage_path.read_text()) if usage_path.exists() else {}
    return Run(
        usage.get("code", proc.returncode),
        out_path.read_text(encoding="utf-8", errors="replace"),
        err_path.read_text(encoding="utf-8", errors="replace"),
        usage.get("maxrss_kb", 0) / 1024,
        timed_out,
    )


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root``: relative path → sha256 (or ``<dir>``, a symlink's
    target, ``<special>`` for a FIFO or device, which are never read)."""
    state: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            state[rel] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            state[rel] = "<dir>"
        elif not path.is_file():
            state[rel] = "<special>"
        else:
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    """What one case runs and expects. Paths in ``args`` are relative to the work folder."""

    args: list[str]
    code: int | tuple[int, ...] = 2
    names: tuple[str, ...] = ()  # each must appear in stderr (the file, the field …)
    any_of: tuple[str, ...] = ()  # at least one must appear in stderr (the problem)
    line: str = ""  # when given: stderr is exactly this one line
    one_line: bool = True
    needs: tuple[str, ...] = ()  # "cmd:render", "template:notice", "opt:render:--template-dir"
    allow_new: Callable[[set[str]], None] | None = None  # judges new files; default: none
    stdin: bytes | None = None
    stdout_has: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()  # must appear in neither stdout nor stderr
    max_peak_mib: float | None = None
    timeout: float = TIMEOUT
    note: str = ""


def registry() -> tuple[dict[str, Builder], Callable[[str], Callable[[Builder], Builder]]]:
    """A fresh case table and its ``@case(name)`` decorator."""
    cases: dict[str, Builder] = {}

    def case(name: str) -> Callable[[Builder], Builder]:
        def register(build: Builder) -> Builder:
            assert name not in cases, f"case {name!r} registered twice"
            cases[name] = build
            return build

        return register

    return cases, case


def require(*needs: str) -> None:
    """Skip the calling test, saying why, when a command or option it needs is not built."""
    reason = missing(needs)
    if reason:
        pytest.skip(reason)


def missing(needs: tuple[str, ...]) -> str | None:
    for need in needs:
        kind, _, what = need.partition(":")
        if kind == "cmd" and what not in bad.available_commands():
            return f"命令 `drafting {what}` not built yet"
        if kind == "template" and not (bad.TEMPLATES / what / "sample.yaml").exists():
            return f"template `{what}` (templates/{what}/sample.yaml) not built yet"
        if kind == "opt":
            command, _, option = what.partition(":")
            if command not in bad.available_commands() or option not in bad.command_help(command):
                return f"option `drafting {command} {option}` not built yet"
    return None


def check_case(name: str, build: Callable[[Path], Case], tmp_path: Path) -> None:
    """Run one case in a fresh work folder under ``tmp_path`` and check all it promises."""
    work, io_dir = tmp_path / "work", tmp_path / "io"
    work.mkdir()
    io_dir.mkdir()
    expect = build(work)
    reason = missing(expect.needs)
    if reason:
        pytest.skip(f"{name}: {reason}")
    before = snapshot(work)
    run = run_drafting(expect.args, work, io_dir, expect.stdin, expect.timeout)
    after = snapshot(work)
    shown = f"\n$ drafting {' '.join(expect.args)}\nexit {run.code}\nstdout:\n{run.stdout[-2000:]}"
    shown += f"\nstderr:\n{run.stderr[-2000:]}\npeak {run.peak_mib:.0f} MiB"
    print(shown)

    codes = expect.code if isinstance(expect.code, tuple) else (expect.code,)
    assert not run.timed_out, f"killed after {expect.timeout:.0f} s:{shown}"
    assert run.code in codes, shown
    for stream in (run.stdout, run.stderr):
        assert "Traceback" not in stream, shown
        assert "意外问题" not in stream, f"an unforeseen exception reached the user:{shown}"
        for text in expect.forbid:
            assert text not in stream, f"{text!r} leaked:{shown}"
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    if 2 in codes or expect.one_line:
        if expect.one_line:
            assert len(lines) == 1, f"stderr should be one line:{shown}"
        assert lines and all(CJK.search(line) for line in lines), f"stderr not Chinese:{shown}"
    # An error names its file on stderr; a batch summary may be on stdout too.
    said = run.stderr if 2 in codes else run.stdout + run.stderr
    for text in expect.names:
        assert text in said, f"the message does not name {text!r}:{shown}"
    if expect.any_of:
        assert any(t in said for t in expect.any_of), f"no {expect.any_of} in the message:{shown}"
    if expect.line:
        assert lines == [expect.line], f"stderr should be exactly {expect.line!r}:{shown}"
    for text in expect.stdout_has:
        assert text in run.stdout, f"{text!r} not in stdout:{shown}"
    if expect.max_peak_mib is not None:
        assert run.peak_mib < expect.max_peak_mib, f"peak memory {run.peak_mib:.0f} MiB:{shown}"

    changed = {p for p in before if after.get(p) != before[p]}
    assert not changed, f"files changed or removed: {sorted(changed)}"
    new = set(after) - set(before)
    assert not [p for p in new if p.endswith(".tmp")], f"temp files left: {sorted(new)}"
    if expect.allow_new is None:
        assert not new, f"files left behind: {sorted(new)}"
    else:
        expect.allow_new(new)
