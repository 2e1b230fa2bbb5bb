"""Three organs jointly (issue 18, item 3), rendered by LibreOffice and measured: the stacked red
标志 with 文件 beside it, a title broken at organ-name boundaries, the 署名 of each organ on a
line of its own (lead organ first) as one right-hand block, the date on one line under it.
Skips, saying why, where ``soffice`` is not installed."""

from __future__ import annotations

import datetime as dt

import pytest
from pdf_layout import LEFT, PAGE_W, PT_TO_MM, RIGHT, assert_gbt9704, measure, soffice_or_skip

from drafting.layout import build_docx
from drafting.model import HeaderFields, Inline, OfficialDocument, Paragraph

pytestmark = pytest.mark.slow

ORGANS = ["江州市人民政府办公室", "江州市财政局", "江州市文化广电和旅游局"]
TITLE = (
    "江州市人民政府办公室江州市财政局江州市文化广电和旅游局"
    "关于做好2026年度江州文化旅游节经费保障工作的通知"
)
ONE_CHAR_MM = 315 / 20 * PT_TO_MM


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory):
    soffice_or_skip()
    doc = OfficialDocument(
        title=TITLE,
        body=[Paragraph([Inline("正文内容。" * 12)]), Paragraph([Inline("特此通知。")])],
        kind="notice",
        layout="official",
        header=HeaderFields(organs=ORGANS, doc_number="江政办发〔2026〕8号"),
        recipients="各区人民政府：",
        signature="\n".join(ORGANS),
        date=dt.date(2026, 12, 6),
    )
    path = tmp_path_factory.mktemp("joint") / "joint.docx"
    path.write_bytes(build_docx(doc))
    layout = measure(path)
    assert_gbt9704(layout, official=True, colophon=False, full_pages=False)
    return layout.pages


def test_the_mark_stacks_the_organs_with_wen_jian_beside_them(pages) -> None:
    red = [line for line in pages[0].lines if line.colors and line.colors[0] == 0xE60012]
    first = next(line for line in red if line.chars == ORGANS[0])
    last = next(line for line in red if line.chars == ORGANS[2])
    word = next(line for line in red if line.chars == "文件")
    assert first.y0 < last.y0
    assert word.x0 > max(first.x1, last.x1) - 1  # to the right of the names
    assert first.y0 < (word.y0 + word.y1) / 2 < last.y1  # vertically among them
    assert min(first.x0, last.x0) >= LEFT - 1 and word.x1 <= PAGE_W - RIGHT + 1


def test_the_title_breaks_between_organ_names(pages) -> None:
    title = [line.chars for line in pages[0].lines if line.y1 - line.y0 > 7 and not line.colors[0]]
    assert "".join(title) == TITLE
    for line in title:
        assert not line.startswith(("财政局", "市财政局", "文化广电", "旅游局", "年度")), title


def test_each_organ_signs_on_its_own_line_with_the_date_under_them(pages) -> None:
    lines = [line for page in pages for line in page.lines if line.colors[:1] == (0,)]
    date = next(line for line in lines if line.chars == "2026年12月6日")
    signed = [
        next(line for line in lines if line.chars == organ and line.y1 <= date.y0 + 0.5)
        for organ in ORGANS
    ]
    assert [line.y0 for line in signed] == sorted(line.y0 for line in signed)  # lead first
    assert len({round(line.x0, 1) for line in signed}) == 1  # one block, lines start together
    widest = max(line.x1 for line in signed)
    assert abs(widest - (PAGE_W - RIGHT - 2 * ONE_CHAR_MM)) <= 1.0
    assert abs(date.x1 - widest) <= 1.0 and date.y0 > signed[-1].y1
    body_end = next(line for line in lines if line.chars == "特此通知。")
    page_of = {id(line): page.number for page in pages for line in page.lines}
    assert page_of[id(body_end)] == page_of[id(signed[0])] == page_of[id(date)]
