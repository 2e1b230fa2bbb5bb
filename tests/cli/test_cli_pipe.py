"""``drafting templates | head -1``: the reader closes the pipe early, and that is no error."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("command", [["templates"], ["rules"], ["explain", "P201"]])
def test_a_closed_pipe_ends_quietly_with_exit_0(command: list[str]) -> None:
    for _ in range(3):  # the race between reader and writer goes either way: try a few times
        proc = subprocess.Popen(
            [sys.executable, "-m", "drafting", *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # what `head -1` does after its line
        err = proc.stderr.read().decode("utf-8", "replace")
        assert proc.wait(timeout=60) == 0, err
        assert err == ""
