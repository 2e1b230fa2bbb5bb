"""Free faces for PDFs (issue 18, item 8): a missing proprietary face is rendered by LibreOffice
in an installed free face of its style, chosen only if fontconfig says it covers simplified
Chinese; the .docx keeps its faces; ``drafting fonts`` names the free face."""

from __future__ import annotations

from pathlib import Path

import pytest
from layout_samples import load
from pdf_layout import measure

from drafting.layout import build_docx, freefaces

NOTICE = build_docx(load("notice"))


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fontconfig knows a Song, a Kai and a Hei with zh-cn coverage, no FangSong and none of
    the proprietary faces; a Fandol face without coverage is not taken."""
    families = frozenset({"Noto Serif CJK SC", "AR PL UKai CN", "WenQuanYi Zen Hei"})
    monkeypatch.setattr(freefaces, "chinese_families", lambda: families)


def test_each_missing_face_maps_to_a_covered_free_face_of_its_style(machine: None) -> None:
    assert freefaces.replacements(NOTICE) == {
        "仿宋_GB2312": "Noto Serif CJK SC",  # no free FangSong: the nearer Song
        "楷体_GB2312": "AR PL UKai CN",
        "黑体": "WenQuanYi Zen Hei",
        "方正小标宋简体": "Noto Serif CJK SC",
    }  # 宋体 (the page numbers) is left to fontconfig
    plain = freefaces.replacements(build_docx(load("notice"), fonts="plain"))
    assert plain["仿宋"] == "Noto Serif CJK SC" and plain["楷体"] == "AR PL UKai CN"


def test_installed_faces_and_machines_without_fontconfig_map_nothing(monkeypatch) -> None:
    monkeypatch.setattr(
        freefaces, "chinese_families", lambda: frozenset({"仿宋_GB2312", "AR PL UKai CN"})
    )
    pairs = freefaces.replacements(NOTICE)
    assert "仿宋_GB2312" not in pairs and pairs["楷体_GB2312"] == "AR PL UKai CN"
    monkeypatch.setattr(freefaces, "chinese_families", lambda: None)
    assert freefaces.replacements(NOTICE) == {}


def test_the_replacement_table_is_written_into_the_profile(machine: None, tmp_path: Path) -> None:
    pairs = freefaces.write_profile(tmp_path, NOTICE)
    xml = (tmp_path / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert "/org.openoffice.Office.Common/Font/Substitution/FontPairs" in xml
    for face, free in pairs.items():
        assert f"<value>{face}</value>" in xml and f"<value>{free}</value>" in xml


@pytest.mark.slow
def test_the_pdf_sets_each_role_in_a_face_of_its_style(tmp_path: Path, soffice: str) -> None:
    pairs = freefaces.replacements(NOTICE)
    if not {"楷体_GB2312", "黑体", "仿宋_GB2312"} <= set(pairs):
        pytest.skip("this machine lacks free Kai, Hei or Song faces with zh-cn coverage")
    path = tmp_path / "notice.docx"
    path.write_bytes(NOTICE)
    pdf = measure(path).pdf_path
    import pymupdf

    faces: dict[str, set[str]] = {}
    with pymupdf.open(pdf) as document:
        for page in document:
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        text = span["text"].strip()
                        if text:
                            faces.setdefault(text[:4], set()).add(span["font"])

    def face_of(start: str) -> str:
        return next(iter(next(f for t, f in faces.items() if t.startswith(start))))

    squash = {free.replace(" ", "").lower() for free in pairs.values()}
    kai = face_of("（一）").lower()
    hei = face_of("一、充分").lower()
    body = face_of("为深刻吸").lower()
    assert "kai" in kai, kai
    assert any(part in hei for part in ("sans", "hei")), hei
    assert "serif" in body or "ming" in body or "song" in body, body
    assert len({kai, hei, body}) == 3 and squash
