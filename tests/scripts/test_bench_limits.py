"""scripts/bench.py, group ``limits``: its input generators make what the rows claim (small
sizes here; no timings)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from paths import ROOT

SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))

from benchlib import figures, inputs  # noqa: E402


def test_long_notice_data_is_many_list_items_that_validate(tmp_path: Path) -> None:
    data = inputs.long_notice_data(size=60_000)
    path = tmp_path / "notice.json"
    path.write_text(inputs.json_text(data), encoding="utf-8")
    assert 60_000 <= path.stat().st_size <= 90_000
    items = sum(len(section.get("paragraphs") or ()) for section in data["sections"])
    assert items >= 800
    assert figures.validate_seconds(path) >= 0  # loads and validates against the schema


def test_docx_with_styles_defines_them_all(tmp_path: Path) -> None:
    path = tmp_path / "styles.docx"
    inputs.docx_with_styles(path, styles=500)
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
    assert styles.count('w:styleId="S499"') == 1 and styles.count('w:styleId="S') >= 500
    from drafting.sources import read_source

    source = read_source(str(path))
    assert len(source.doc.paragraphs) == 301


def test_docx_with_empty_paragraphs_and_newlines(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    inputs.docx_with_empty_paragraphs(path, count=1000)
    from drafting.sources import read_source

    assert len(read_source(str(path)).doc.paragraphs) == 1002
    text = inputs.newlines(1000)
    assert text.count("\n") == 1002


def test_the_limits_group_is_on_the_menu() -> None:
    import bench

    assert bench.GROUPS["limits"] is figures.limits
