"""Output formats. Each is a module here with ``render(results) -> str``; a format is found by
its name, so a new one (``html.py``) plugs in by adding its module and a line to FORMATS."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine is imported by whoever builds results, not to list formats
    from drafting.lint.engine import FileError, FileResult

Results = Sequence["FileResult | FileError"]
Renderer = Callable[[Results], str]

#: Format name → module under drafting.lint.report; listed only when the module exists.
FORMATS: dict[str, str] = {
    "text": "drafting.lint.report.text",
    "json": "drafting.lint.report.json",
    "sarif": "drafting.lint.report.sarif",
    "html": "drafting.lint.report.html",
}


def available() -> list[str]:
    """The formats whose module is installed (without importing them)."""
    return [name for name, module in FORMATS.items() if importlib.util.find_spec(module)]


def renderer(name: str) -> Renderer:
    """The ``render`` function of format ``name``."""
    return importlib.import_module(FORMATS[name]).render
