"""Which modules a command loads: a fresh interpreter runs ``drafting ARGS`` and reports
``sys.modules`` (for the tests that pin lazy imports of heavy libraries)."""

from __future__ import annotations

import os
import subprocess
import sys

_PROBE = (
    "import contextlib, io, sys\n"
    "sys.argv = ['drafting', *{args!r}]\n"
    "from drafting.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    try:\n"
    "        main()\n"
    "    except SystemExit as exc:\n"
    "        assert not exc.code, exc.code\n"
    "print(' '.join(sys.modules))"
)


def modules_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The names in ``sys.modules`` after ``drafting ARGS`` ran (and exited 0)."""
    environ = {**os.environ, **(env or {})}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(args=args)],
        capture_output=True,
        text=True,
        check=True,
        env=environ,
    )
    return set(out.stdout.split())
