"""The GB/T 9704-2012 numbers and faces the builder lays out with.

They live on the floor, in :mod:`drafting.gbt9704`, because the reviewing pipeline measures a
clerk's .docx against the same numbers (:mod:`drafting.lint.docx_layout`); the builder imports
them from here as it always has.
"""

from __future__ import annotations

from drafting.gbt9704 import (
    FONT_ROLES,
    MM_PER_PT,
    TWIPS_PER_PT,
    FontProfile,
    LayoutProfile,
    mm_to_twips,
    pt_to_twips,
)

__all__ = [
    "FONT_ROLES",
    "MM_PER_PT",
    "TWIPS_PER_PT",
    "FontProfile",
    "LayoutProfile",
    "mm_to_twips",
    "pt_to_twips",
]
