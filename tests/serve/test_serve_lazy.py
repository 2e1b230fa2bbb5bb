"""``drafting serve`` loads its web stack only when it runs: ``drafting --help`` and ``drafting
serve --help`` import neither Starlette nor uvicorn (nor anything of ``drafting.serve``)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from probes import modules_after

WEB = ("starlette", "uvicorn", "multipart", "python_multipart", "anyio", "h11", "httpx")


@pytest.mark.parametrize("args", [["--help"], ["serve", "--help"], ["rules"]])
def test_help_loads_no_web_library(args: list[str]) -> None:
    modules = modules_after(args)
    assert not [m for m in modules if m.split(".")[0] in WEB], args
    assert not [m for m in modules if m.startswith("drafting.serve")], args


def test_serve_is_listed_in_the_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "drafting", "--help"], capture_output=True, text=True, check=True
    )
    assert "serve" in out.stdout
