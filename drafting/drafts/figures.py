"""Filters that turn figures into Chinese sentences (counts, rates, year-on-year changes).

Registered into the one Jinja environment by :mod:`drafting.drafts.templating`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FILTERS: dict[str, Callable[..., Any]] = {}
