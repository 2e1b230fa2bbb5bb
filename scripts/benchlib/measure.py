"""Timing and memory: whole processes (wall time and peak RSS from ``os.wait4``), in-process
calls, and the peak resident memory of a batch's worker processes (``VmHWM`` polled)."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One run of a process: wall seconds, peak RSS of it and its reaped children, exit code."""

    seconds: float
    max_rss_mib: float
    returncode: int
    stdout: bytes = b""
    stderr: bytes = b""


@dataclass(frozen=True)
class Stats:
    """Median and range of a list of measurements."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)


class CommandFailed(RuntimeError):
    """A measured command ended with an exit code it should not have."""


def run_process(
    argv: Sequence[str],
    *,
    cwd: str | Path | None = None,
    env: dict[str, str] | None = None,
    ok: Sequence[int] = (0,),
    capture: bool = False,
    on_start: Callable[[int], None] | None = None,
) -> Run:
    """Run ``argv`` to completion; time it and take its peak RSS from ``wait4``'s rusage
    (the maximum over the process and the children it reaped)."""
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=out)
    if on_start:
        on_start(proc.pid)
    stdout, stderr = b"", b""
    if capture:
        # communicate() reads both pipes; wait4 then reaps the process to get its rusage
        stdout, stderr = _drain(proc)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise CommandFailed(f"{' '.join(argv)} exited {proc.returncode}: {' / '.join(tail)}")
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, stdout, stderr)


def _drain(proc: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Read a process's stdout and stderr to the end without reaping it."""
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}

    def pump(name: str, stream) -> None:  # type: ignore[no-untyped-def]
        for block in iter(lambda: stream.read(65536), b""):
            chunks[name].append(block)

    threads = [
        threading.Thread(target=pump, args=("out", proc.stdout)),
        threading.Thread(target=pump, args=("err", proc.stderr)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return b"".join(chunks["out"]), b"".join(chunks["err"])


def interleaved(commands: Sequence[Callable[[], float]], runs: int, warmup: int = 1) -> list[Stats]:
    """Run each command ``warmup`` times untimed, then ``runs`` rounds of all of them in turn
    (ABAB…, so that a change in the machine's load falls on both sides of a ratio)."""
    for command in commands:
        for _ in range(warmup):
            command()
    values: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            values[index].append(command())
    return [Stats(tuple(v)) for v in values]


def per_call(call: Callable[[], object], repeat: int) -> float:
    """Seconds per call of ``call``, averaged over ``repeat`` calls."""
    start = time.perf_counter()
    for _ in range(repeat):
        call()
    return (time.perf_counter() - start) / repeat


# --------------------------------------------------------------------------- worker memory


def _children(pid: int) -> list[int]:
    """The direct children of ``pid`` (from /proc/PID/task/*/children)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
        except OSError:
            continue
        found += [int(item) for item in text.split()]
    return found


def _status_kib(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _descendants(pid: int) -> list[int]:
    """Children, grandchildren … of ``pid`` (a forkserver's workers are grandchildren)."""
    found: list[int] = []
    todo = _children(pid)
    while todo:
        child = todo.pop()
        found.append(child)
        todo += _children(child)
    return found


def _is_worker(pid: int) -> bool:
    """A multiprocessing worker, not the resource tracker or the forkserver that serve them.

    A worker forked by a forkserver inherits its command line, so a process whose parent is
    a forkserver is a worker."""

    def cmdline(of: int) -> bytes:
        try:
            return Path(f"/proc/{of}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            return b""

    line = cmdline(pid)
    if b"resource_tracker" in line:
        return False
    if b"forkserver" in line:
        try:
            parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        return b"forkserver" in cmdline(parent)
    return True


@dataclass
class WorkerWatch:
    """Polls a process's children and keeps each one's peak resident set (``VmHWM``).

    ``VmHWM`` only grows, so the last value read before a worker exits is its peak up to
    then; the poll interval bounds what can be missed at the very end of a worker's life.
    """

    interval: float = 0.02
    peaks_kib: dict[int, int] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self, pid: int) -> None:
        self._thread = threading.Thread(target=self._poll, args=(pid,), daemon=True)
        self._thread.start()

    def _poll(self, pid: int) -> None:
        while not self._stop.is_set():
            for child in _descendants(pid):
                if child not in self.peaks_kib and not _is_worker(child):
                    continue
                peak = _status_kib(child, "VmHWM")
                if peak is not None:
                    self.peaks_kib[child] = max(peak, self.peaks_kib.get(child, 0))
            time.sleep(self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    @property
    def workers(self) -> int:
        return len(self.peaks_kib)

    @property
    def max_mib(self) -> float:
        return max(self.peaks_kib.values(), default=0) / 1024
