"""``drafting serve`` loads its web stack only when it runs: ``drafting --help`` and ``drafting
serve --help`` import neither Starlette nor uvicorn (nor anything of ``drafting.serve``)."""

from __future__ import annotations

import subprocess
import sys

import pytest

WEB = ("starlette", "uvicorn", "multipart", "python_multipart", "anyio", "h11", "httpx")


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import contextlib, io, sys\n"
        f"sys.argv = ['drafting', *{args!r}]\n"
        "from drafting.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, exc.code\n"
        "print(' '.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("args", [["--help"], ["serve", "--help"], ["rules"]])
def test_help_loads_no_web_library(args: list[str]) -> None:
    modules = _modules_after(args)
    assert not [m for m in modules if m.split(".")[0] in WEB], args
    assert not [m for m in modules if m.startswith("drafting.serve")], args


def test_serve_is_listed_in_the_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "drafting", "--help"], capture_output=True, text=True, check=True
    )
    assert "serve" in out.stdout
