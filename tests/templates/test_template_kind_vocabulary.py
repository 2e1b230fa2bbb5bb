"""Template id → 文种: one source (each template's schema.yaml), a generated corpus file for the
linter (scripts/template_kinds.py), and no YAML or Jinja loaded to use it."""

from __future__ import annotations

import shutil
import subprocess
import sys

from paths import ROOT

from drafting import lexicon
from drafting.drafts.schema import load_schema
from drafting.lint.rules._parts import doc_kind
from drafting.resources import corpus_file, templates_dir
from drafting.sources.document import PreparedDoc, TextParagraph

SCRIPT = ROOT / "scripts" / "template_kinds.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60
    )


def _doc(kind: str) -> PreparedDoc:
    paragraphs = [TextParagraph(0, "有关事项", 0, line=1)]  # no 文种 in a title: the kind decides
    return PreparedDoc.from_paragraphs("<t>", paragraphs, metadata={"kind": kind})


def test_corpus_file_says_what_every_schema_says():
    schemas = [load_schema(path) for path in sorted(templates_dir().glob("*/schema.yaml"))]
    assert lexicon.read_pairs(corpus_file("template_kinds.txt")) == {
        schema.id: schema.name for schema in schemas
    }
    assert run("--check").returncode == 0


def test_check_fails_on_a_stale_file_and_write_fixes_it(tmp_path):
    stale = tmp_path / "template_kinds.txt"
    text = corpus_file("template_kinds.txt").read_text(encoding="utf-8")
    stale.write_text(text.replace("request\t请示", "request\t请求"), encoding="utf-8")
    done = run("--check", "--file", str(stale))
    assert done.returncode == 1 and "已过时" in done.stdout
    assert run("--write", "--file", str(stale)).returncode == 0
    assert stale.read_text(encoding="utf-8") == text


def test_renaming_a_template_changes_the_generated_file(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import template_kinds
    finally:
        sys.path.remove(str(SCRIPT.parent))
    root = tmp_path / "templates"
    shutil.copytree(templates_dir() / "request", root / "request")
    schema = root / "request" / "schema.yaml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("name: 请示", "name: 请示件"), encoding="utf-8"
    )
    assert template_kinds.kinds(root) == {"request": "请示件"}


def test_template_ids_become_their_kinds():
    assert doc_kind(_doc("request")) == "请示"
    assert doc_kind(_doc("announcement")) == "公告"
    assert doc_kind(_doc("commentary")) == "时评"
    assert doc_kind(_doc("请示")) == "请示"  # a Chinese kind is kept
    assert doc_kind(_doc("memo")) == "memo"  # an id no template has is kept too
