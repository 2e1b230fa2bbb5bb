"""A document sealed by hand after printing (issue 18, item 4): ``hand_seal: true`` in the front
matter gives the sealed layout of GB/T 9704-2012 7.3.5.1 without an image: the 成文日期 four
characters in from the right, the 署名 centred over it, room for the seal above (its top within
one line of the body); and joint issuance's several 署名 lines are accepted in the front matter.
Rendered by LibreOffice and measured; skips, saying why, where ``soffice`` is not installed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pdf_layout import PAGE_W, PT_TO_MM, RIGHT, measure

from drafting.drafts.markdown import parse_draft
from drafting.errors import DraftingError
from drafting.layout import build_docx

ONE_CHAR_MM = 315 / 20 * PT_TO_MM
SEAL_RADIUS_MM = 21.0  # 42 mm seal, centred on the date's line as an image is
DRAFT = """---
title: 关于手工盖章版式测试的通知
doc_number: 江政办发〔2026〕3号
organs: [江州市人民政府办公室]
recipients: 各区人民政府：
signature: 江州市人民政府办公室
date: 2026-12-06
{extra}
---

为做好手工盖章公文的排版工作，现将有关事项通知如下。

请遵照执行。
"""


def _draft(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT.format(extra=extra), encoding="utf-8")
    return path


def test_hand_seal_is_a_boolean_front_matter_field(tmp_path: Path) -> None:
    path = _draft(tmp_path, "hand_seal: true")
    assert parse_draft(path.read_text(encoding="utf-8"), path=path).hand_seal is True
    path = _draft(tmp_path, "")
    assert parse_draft(path.read_text(encoding="utf-8"), path=path).hand_seal is False
    path = _draft(tmp_path, "hand_seal: 是的")
    with pytest.raises(DraftingError, match=r"手工盖章.*是或否"):
        parse_draft(path.read_text(encoding="utf-8"), path=path)


def test_several_signature_lines_are_accepted_for_joint_issuance(tmp_path: Path) -> None:
    path = _draft(tmp_path, "")
    text = path.read_text(encoding="utf-8").replace(
        "signature: 江州市人民政府办公室", "signature: |\n  江州市人民政府办公室\n  江州市财政局"
    )
    path.write_text(text, encoding="utf-8")
    doc = parse_draft(text, path=path)
    assert doc.signature is not None
    assert doc.signature.split() == ["江州市人民政府办公室", "江州市财政局"]


@pytest.mark.slow
def test_hand_sealed_layout_leaves_the_seal_space_without_an_image(
    tmp_path: Path, soffice: str
) -> None:
    path = _draft(tmp_path, "hand_seal: true")
    docx = tmp_path / "hand.docx"
    docx.write_bytes(build_docx(parse_draft(path.read_text(encoding="utf-8"), path=path)))
    with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as package:
        assert not [name for name in package.namelist() if name.startswith("word/media/")]
        assert b"<w:drawing" not in package.read("word/document.xml")
    page = measure(docx).pages[0]
    date = next(line for line in page.lines if line.chars == "2026年12月6日")
    signature = next(line for line in page.lines if line.chars == "江州市人民政府办公室")
    body = next(line for line in page.lines if line.chars == "请遵照执行。")
    assert abs(PAGE_W - RIGHT - date.x1 - 4 * ONE_CHAR_MM) <= 1.0  # four characters in
    centre = (date.x0 + date.x1) / 2
    # centred over the date as counted (digits half a character; the PDF's face sets them
    # a little wider, so within one character)
    assert abs((signature.x0 + signature.x1) / 2 - centre) <= ONE_CHAR_MM
    seal_top = (date.y0 + date.y1) / 2 - SEAL_RADIUS_MM
    assert 0 <= seal_top - body.y1 <= 10.3  # within one line below the body
