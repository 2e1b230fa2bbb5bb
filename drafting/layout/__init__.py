"""The GB/T 9704-2012 .docx builder: layout profile, OOXML element helpers, builder.

``build_docx(doc, *, profile=None, fonts=None, base_dir=None) -> bytes`` is the entry point;
:class:`LayoutProfile` holds every number, :class:`FontProfile` every face. python-docx is
imported only when the builder is first used, so ``drafting fonts`` and the profile stay light.
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
