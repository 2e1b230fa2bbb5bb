"""The empty styled document, made once per process and copied for every document.

Every document starts from the same package: python-docx's template, the 公文 styles, the
first section and its page-number footers. Making it takes tens of milliseconds, most of them
in ``styles.xml`` (some 360 KB, parsed, restyled and written back), so the builder makes it
once per layout and font profile and :meth:`Skeleton.copy` gives each document a package of
its own: every XML part deep-copied, every other part sharing its (immutable) bytes, and
``styles.xml`` as the skeleton's serialized bytes, parsed only if the document reads or
changes its styles. :func:`package_bytes` writes a package with the fixed zip entries of
:mod:`drafting.docx_zip` directly, instead of compressing twice.

A copy and the one python-docx would have built are the same bytes: the tests compare them.
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from typing import Any

from docx.opc.oxml import serialize_part_xml
from docx.opc.part import Part, XmlPart
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.styles import StylesPart

from drafting.docx_zip import zip_info


class SharedStylesPart(StylesPart):
    """``styles.xml`` held as bytes and parsed on first use: a document that never reads its
    styles writes the skeleton's bytes back unchanged (what parsing and serializing gives)."""

    def __init__(self, partname: Any, content_type: str, blob: bytes, package: Any) -> None:
        Part.__init__(self, partname, content_type, blob, package)
        self._tree: Any = None

    @property
    def _element(self) -> Any:  # XmlPart keeps its root here
        if self._tree is None:
            self._tree = parse_xml(self._blob)
        return self._tree

    @property
    def blob(self) -> bytes:
        return self._blob if self._tree is None else serialize_part_xml(self._tree)

    @property
    def parsed(self) -> bool:
        """Whether the styles were read (and so are written from the tree)."""
        return self._tree is not None


class Skeleton:
    """A finished empty document; :meth:`copy` returns an independent python-docx Document."""

    def __init__(self, document: Any) -> None:
        self.package = document.part.package
        self._styles = {
            part.partname: part.blob for part in self.package.parts if isinstance(part, StylesPart)
        }

    def copy(self) -> Any:
        """A new Document with a copy of every part and relationship of the skeleton."""
        package = Package()
        copies = {part: self._copy_part(part, package) for part in self.package.parts}
        for source, target in ((self.package, package), *copies.items()):
            for rel in source.rels.values():
                related = rel.target_ref if rel.is_external else copies[rel.target_part]
                target.load_rel(rel.reltype, related, rel.rId, rel.is_external)
        package.after_unmarshal()
        return package.main_document_part.document

    def _copy_part(self, part: Part, package: Package) -> Part:
        if part.partname in self._styles:
            return SharedStylesPart(
                part.partname, part.content_type, self._styles[part.partname], package
            )
        if isinstance(part, XmlPart):
            return type(part)(part.partname, part.content_type, deepcopy(part.element), package)
        if type(part) is not Part:  # e.g. an image part keeps more than its bytes
            raise TypeError(f"cannot copy a {type(part).__name__} ({part.partname})")
        return Part(part.partname, part.content_type, part.blob, package)


class _FixedEntries:
    """python-docx's physical package writer, each entry made by :func:`zip_info`."""

    def __init__(self, target: zipfile.ZipFile) -> None:
        self.target = target

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.target.writestr(zip_info(pack_uri.membername), blob)


def package_bytes(document: Any) -> bytes:
    """The .docx of ``document``: python-docx's parts in python-docx's order, written as
    ``normalise_zip(document.save())`` would leave them."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        writer = _FixedEntries(target)
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    return out.getvalue()
