"""Title breaks at word and organ-name boundaries (issue 18, item 3): the document's organs and
a number with what it counts (``2026年度``) are units a line break does not part."""

from __future__ import annotations

from drafting.layout.builder import organ_names
from drafting.layout.title import break_title, units
from drafting.model import HeaderFields, OfficialDocument


def test_organ_names_and_counted_numbers_stay_whole() -> None:
    title = "关于江州市财政局2026年度专项资金使用情况的报告"
    assert "江州市财政局" not in units(title)  # jieba alone parts 江州/市/财政局
    assert "江州市财政局" in units(title, ["江州市财政局"])
    assert "2026年度" in units(title)
    for max_chars in range(8, 16):
        lines = break_title(title, max_chars, ["江州市财政局"])
        assert any("江州市财政局" in line for line in lines), lines
        assert any("2026年度" in line for line in lines), lines


def test_the_builder_keeps_the_documents_organs_whole_in_the_title() -> None:
    doc = OfficialDocument(
        title="江州市人民政府办公室江州市财政局关于印发2026年度预算管理办法的通知",
        header=HeaderFields(organs=["江州市人民政府办公室", "江州市财政局"]),
        recipients="各区人民政府，市政府各部门：",
        signature="江州市人民政府办公室\n江州市财政局",
    )
    names = organ_names(doc)
    assert {"江州市人民政府办公室", "江州市财政局", "各区人民政府", "市政府各部门"} <= set(names)
    for max_chars in range(12, 20):
        for line in break_title(doc.title, max_chars, names):
            assert not line.startswith(("财政局", "政府办公室", "市财政局")), line


def test_a_name_wider_than_the_line_still_breaks_inside() -> None:
    name = "中共江州市委全面深化改革委员会办公室"
    lines = break_title(name + "关于开展专项检查的通知", 12, [name])
    assert all(len(line) <= 12 for line in lines)
    assert "".join(lines) == name + "关于开展专项检查的通知"
