"""The GB/T 9704-2012 .docx builder: layout profile, OOXML element helpers, builder."""

from drafting.layout.builder import DocxBuilder, build_docx
from drafting.layout.profile import FontProfile, LayoutProfile

__all__ = ["DocxBuilder", "FontProfile", "LayoutProfile", "build_docx"]
