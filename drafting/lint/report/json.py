"""JSON output: ``{"version", "files": [{"path", "genre", "findings"}], "summary"}`` (cli.md);
unreadable inputs are listed under ``"errors"`` as ``{"path", "message"}``."""

from __future__ import annotations

import json
from typing import Any

from drafting import __version__
from drafting.lint.engine import FileError, FileResult, summary
from drafting.lint.report import Results


def as_data(results: Results) -> dict[str, Any]:
    files: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    for result in results:
        if isinstance(result, FileError):
            errors.append({"path": result.path, "message": result.message})
            continue
        assert isinstance(result, FileResult)
        files.append(
            {
                "path": result.path,
                "genre": result.genre,
                "genre_reason": result.choice.reason,
                "findings": [f.as_dict() for f in result.findings],
            }
        )
    return {"version": __version__, "files": files, "errors": errors, "summary": summary(results)}


def render(results: Results) -> str:
    return json.dumps(as_data(results), ensure_ascii=False, indent=2) + "\n"
