"""The GB/T 9704-2012 .docx builder, by document region.

``build_docx(doc, *, profile=None, fonts=None, base_dir=None) -> bytes`` is the entry point;
:class:`LayoutProfile` holds every number, :class:`FontProfile` every face. The regions
(:mod:`~drafting.layout.page`, :mod:`~drafting.layout.header`, :mod:`~drafting.layout.body`,
:mod:`~drafting.layout.attachments`, :mod:`~drafting.layout.signature`,
:mod:`~drafting.layout.colophon`) write through :mod:`~drafting.layout.writer` and
:mod:`~drafting.layout.oxml`; :mod:`~drafting.layout.builder` calls them in order. python-docx
is imported only when the builder is first used, so ``drafting fonts`` and the profile stay
light. The layout knows the document model (:mod:`drafting.model`), never the drafts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafting.layout.profile import FontProfile, LayoutProfile

if TYPE_CHECKING:
    from drafting.layout.builder import DocxBuilder, build_docx

__all__ = ["DocxBuilder", "FontProfile", "LayoutProfile", "build_docx"]


def __getattr__(name: str) -> Any:
    if name in ("DocxBuilder", "build_docx"):
        from drafting.layout import builder

        return getattr(builder, name)
    raise AttributeError(f"module 'drafting.layout' has no attribute {name!r}")
