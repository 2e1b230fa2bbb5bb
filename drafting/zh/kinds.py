"""The 文种 vocabulary: the statutory kinds of 公文, and the template ids that stand for them.

* :func:`doc_kinds`: the 15 kinds of the 《党政机关公文处理工作条例》 (命令 and 令 apart), longest
  first, from ``corpus/doc_kinds.txt``;
* :func:`kind_at_end`: the kind a title ends with (…的请示);
* :func:`template_kinds`: template id → the kind it drafts (``corpus/template_kinds.txt``,
  generated from each template's ``schema.yaml`` by ``scripts/template_kinds.py``), so a reader
  of a rendered document knows its kind without loading a template.

The linter's profiles and rules, the anatomy reader and the templates all name kinds from here.
"""

from __future__ import annotations

import re
from functools import cache

from drafting import lexicon


@cache
def doc_kinds() -> tuple[str, ...]:
    """The statutory 文种 words, longest first (命令 before 令)."""
    return tuple(sorted(lexicon.words("doc_kinds.txt"), key=len, reverse=True))


def kind_at_end(text: str) -> str | None:
    """The 文种 ``text`` ends with, if any (the longest that fits)."""
    return next((kind for kind in doc_kinds() if text.endswith(kind)), None)


@cache
def kinds_pattern() -> re.Pattern[str]:
    """A pattern of the 文种 words, longest first (for a search anchored by the caller)."""
    return re.compile("|".join(map(re.escape, doc_kinds())))


@cache
def template_kinds() -> dict[str, str]:
    """Template id → the 文种 (or text kind) it drafts: ``notice`` → 通知."""
    return lexicon.pairs("template_kinds.txt")
