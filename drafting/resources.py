"""Where the shipped data lives: ``templates/`` and ``corpus/``.

In a checkout (and an editable install) they sit beside the package; ``pip install .`` copies
them into ``drafting/templates`` and ``drafting/corpus`` (see pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder ``name`` ('templates' or 'corpus') of the installed package or checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到数据目录 {name}/（安装不完整？）")


def templates_dir() -> Path:
    return data_dir("templates")


def corpus_dir() -> Path:
    return data_dir("corpus")


def corpus_file(filename: str) -> Path:
    return corpus_dir() / filename
