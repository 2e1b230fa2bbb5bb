"""The skeleton every .docx is copied from: the bytes python-docx's own path gives, no state
shared between documents, styles.xml parsed only when a document reads its styles."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx.opc.part import XmlPart
from docx.parts.styles import StylesPart
from docx.shared import Pt
from layout_samples import FIXTURES, load
from paths import ROOT, SAMPLE_NOTICE, TESTS

from drafting.layout import FontProfile, LayoutProfile, build_docx
from drafting.layout import builder as B
from drafting.layout import styles as S
from drafting.layout.page import blank_document
from drafting.layout.skeleton import SharedStylesPart
from drafting.model import OfficialDocument
from drafting.render import prepare
from drafting.resources import templates_dir

DRAFTS = TESTS / "fixtures" / "drafts"


class _FromTemplate:
    """Stands in for a skeleton: each copy is made anew on python-docx's template."""

    def __init__(self, profile: LayoutProfile, fonts: FontProfile) -> None:
        self.profile, self.fonts = profile, fonts

    def copy(self) -> Any:
        return blank_document(self.profile, self.fonts)


def _python_docx_save(document: Any) -> bytes:
    raw = io.BytesIO()
    document.save(raw)
    return B.normalise_zip(raw.getvalue())


@pytest.fixture
def from_scratch(monkeypatch: pytest.MonkeyPatch) -> None:
    """``build_docx`` without the skeleton: every document made on python-docx's template
    and written by python-docx, then given fixed zip entries by ``normalise_zip``."""

    def skeleton(profile: LayoutProfile, fonts: FontProfile) -> tuple[Any, dict[str, str]]:
        ids = S.style_ids(blank_document(profile, fonts))
        return _FromTemplate(profile, fonts), ids

    monkeypatch.setattr(B, "_skeleton", skeleton)
    monkeypatch.setattr(B, "package_bytes", _python_docx_save)


def _template(kind: str) -> Callable[[], tuple[OfficialDocument, Path]]:
    def make() -> tuple[OfficialDocument, Path]:
        draft = prepare(kind, templates_dir() / kind / "sample.yaml")
        return draft.document, draft.base_dir

    return make


def _draft(name: str) -> Callable[[], tuple[OfficialDocument, Path]]:
    def make() -> tuple[OfficialDocument, Path]:
        draft = prepare(DRAFTS / name)
        return draft.document, draft.base_dir

    return make


def _layout(name: str) -> Callable[[], tuple[OfficialDocument, Path]]:
    return lambda: (load(name), FIXTURES)


DOCUMENTS = {
    "notice": _template("notice"),
    "letter": _template("letter"),
    "minutes": _template("minutes"),
    "commentary (article)": _template("commentary"),
    "annual-summary (tables)": _template("annual-summary"),
    "joint request (seal, signers)": _layout("joint_request"),
    "landscape table": _draft("landscape_table.md"),
    "landscape tables (first, in a row, last)": _draft("landscape_tables.md"),
    "attachments": _draft("attachments.md"),
}


@pytest.mark.parametrize("fonts", [None, "plain"])
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_copy_of_the_skeleton_gives_python_docx_bytes(
    name: str, fonts: str | None, request: pytest.FixtureRequest
) -> None:
    doc, base_dir = DOCUMENTS[name]()
    copied = build_docx(doc, fonts=fonts, base_dir=base_dir)
    request.getfixturevalue("from_scratch")
    assert build_docx(doc, fonts=fonts, base_dir=base_dir) == copied


def test_style_by_id_is_what_python_docx_sets() -> None:
    builder = B.DocxBuilder()
    for spec in S.SPECS:
        ours, theirs = builder.document.add_paragraph(), builder.document.add_paragraph()
        builder.writer.style(ours, spec.name)
        theirs.style = builder.document.styles[spec.name]
        assert ours._p.xml == theirs._p.xml, spec.name


def _trees(owner: Any) -> dict[str, Any]:
    """The XML root of each part (styles.xml aside) of a builder's document or a skeleton."""
    package = owner.package if hasattr(owner, "package") else owner.document.part.package
    return {
        part.partname: part.element
        for part in package.parts
        if isinstance(part, XmlPart) and not isinstance(part, StylesPart)
    }


def _styles_part(builder: B.DocxBuilder) -> Any:
    return builder.document.part._styles_part


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_documents_share_no_state() -> None:
    first, second = B.DocxBuilder(), B.DocxBuilder()
    assert first.document.part.package is not second.document.part.package
    trees = [_trees(first), _trees(second), _trees(B._skeleton(LayoutProfile(), FontProfile())[0])]
    assert trees[0].keys() == trees[1].keys() == trees[2].keys()
    for name in trees[0]:
        assert len({id(tree[name]) for tree in trees}) == 3, name
    first.writer.para(S.BODY, "只在第一份")
    assert not second.document.paragraphs
    # restyling one document reaches its own styles.xml only
    first.document.styles[S.BODY].font.size = Pt(20)
    changed, untouched = _parts(first.save()), _parts(second.save())
    assert changed["word/styles.xml"] != untouched["word/styles.xml"]
    assert _parts(B.DocxBuilder().save())["word/styles.xml"] == untouched["word/styles.xml"]


def test_styles_xml_is_parsed_only_when_read() -> None:
    for make in (DOCUMENTS["notice"], DOCUMENTS["annual-summary (tables)"]):
        doc, _ = make()
        builder = B.DocxBuilder()
        builder.build(doc)
        part = _styles_part(builder)
        assert isinstance(part, SharedStylesPart) and not part.parsed
    builder = B.DocxBuilder()
    untouched = builder.save()
    assert builder.document.styles[S.BODY].name == S.BODY  # reading parses it
    assert _styles_part(builder).parsed
    assert builder.save() == untouched  # and the parsed styles are written unchanged


def test_a_fresh_process_gives_the_same_bytes() -> None:
    sample = SAMPLE_NOTICE
    script = (
        "import hashlib, sys\n"
        "from drafting.layout import build_docx\n"
        "from drafting.render import prepare\n"
        f"draft = prepare('notice', {str(sample)!r})\n"
        "data = build_docx(draft.document, base_dir=draft.base_dir)\n"
        "print(hashlib.sha256(data).hexdigest())\n"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.strip()
    for make in DOCUMENTS.values():  # other documents and profiles first, in this process
        doc, base_dir = make()
        build_docx(doc, fonts="plain", base_dir=base_dir)
        build_docx(doc, base_dir=base_dir)
    draft = prepare("notice", sample)
    data = build_docx(draft.document, base_dir=draft.base_dir)
    assert hashlib.sha256(data).hexdigest() == fresh
