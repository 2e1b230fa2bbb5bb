"""Markdown drafts: front matter onto the model, numbered headings, paragraphs, attachments."""

from __future__ import annotations

import datetime as dt

import pytest
from paths import ROOT, TESTS

from drafting.drafts.markdown import parse_draft
from drafting.errors import DataError, InputError
from drafting.model import Heading, ListBlock, Paragraph, Table
from drafting.zh.ordinals import typed_ordinal

FIXTURES = TESTS / "fixtures" / "drafts"


def _parse(name: str):
    path = FIXTURES / name
    return parse_draft(path.read_text(encoding="utf-8"), path=path)


def test_headings_are_numbered_and_typed_ordinals_kept():
    doc = _parse("headings.md")
    headings = [block.full_text for block in doc.body if isinstance(block, Heading)]
    assert headings == [
        "一、总体要求",
        "（一）提高认识",
        "1.学习文件",
        "（1）原原本本学",
        "（2）联系实际学",
        "2.交流研讨",
        "（二）加强组织领导",
        "（三）压实责任",
        "三、主要任务",
        "四.工作要求",
        "(一)严格考勤",
        "（二）严肃纪律",
        "1、请假制度",
        "2.销假制度",
        "五、2026年工作安排",
    ]


def test_typed_ordinal_is_split_from_the_text():
    doc = _parse("headings.md")
    typed = next(b for b in doc.body if isinstance(b, Heading) and b.text == "加强组织领导")
    assert (typed.level, typed.ordinal) == (2, "（二）")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、总体要求", (1, 1, "一、")),
        ("十二、其他", (1, 12, "十二、")),
        ("（三）加强领导", (2, 3, "（三）")),
        ("(3)细化措施", (4, 3, "(3)")),
        ("10.附则", (3, 10, "10.")),
        ("2026年工作安排", None),
        ("1.5亿元资金的使用", None),
        ("十分重要的事项", None),
        ("一、", None),
    ],
)
def test_typed_ordinal_forms(text, expected):
    assert typed_ordinal(text) == expected


def test_front_matter_maps_onto_the_model():
    doc = _parse_sample()
    assert doc.title == "关于开展2026年冬季安全生产大检查的通知"
    assert doc.header.organs == ["江州市人民政府办公室"]
    assert doc.header.doc_number == "江政办发〔2026〕15号"
    assert doc.header.urgency == "加急"
    assert doc.recipients == "各区人民政府，市政府各部门，各直属机构："
    assert doc.date == dt.date(2026, 11, 25) and doc.print_date == dt.date(2026, 11, 25)
    assert doc.cc == ["市委办公厅", "市人大常委会办公厅", "市政协办公厅"]
    assert (doc.kind, doc.layout) == ("notice", "official")


def _parse_sample():
    path = ROOT / "samples" / "通知示例.md"
    return parse_draft(path.read_text(encoding="utf-8"), path=path)


def test_each_line_is_a_paragraph_and_bold_is_kept():
    doc = _parse_sample()
    paragraphs = [block for block in doc.body if isinstance(block, Paragraph)]
    assert paragraphs[-3].text == "各区、各部门要高度重视，主要负责同志亲自部署，确保检查不留死角。"
    assert paragraphs[-2].text == "发现重大隐患要立即整改，不能立即整改的要落实防范措施。"
    bold = next(p for p in paragraphs if any(piece.bold for piece in p.inlines))
    assert [(piece.text, piece.bold) for piece in bold.inlines] == [
        ("检查燃气管道、阀门和报警装置，", False),
        ("严禁违规使用液化石油气", True),
        ("。", False),
    ]


def test_tables_and_body_attachments():
    doc = _parse_sample()
    table = next(block for block in doc.body if isinstance(block, Table))
    assert table.rows[0] == ["阶段", "时间", "主要任务"] and len(table.rows) == 4
    assert doc.attachment_titles == [
        "冬季安全生产大检查重点单位名单",
        "冬季安全生产大检查情况汇总表",
    ]
    assert isinstance(doc.attachments[1].blocks[0], Table)
    assert not any("附件" in getattr(block, "text", "") for block in doc.body)


def test_front_matter_attachments_come_first_and_read_their_file():
    doc = _parse("attachments.md")
    assert doc.attachment_titles == ["2026年度统计数据报送表", "填报说明", "联系人名单"]
    assert doc.attachments[0].blocks == []
    instructions = doc.attachments[1].blocks
    assert instructions[0] == Heading(level=1, text="填报范围", ordinal="一、")
    assert instructions[-1].inlines[1].text == "真实准确" and instructions[-1].inlines[1].bold


def test_lists_become_list_blocks(tmp_path):
    path = tmp_path / "list.md"
    path.write_text("---\ntitle: 关于开展检查的通知\n---\n\n1. 自查\n2. 抽查\n", encoding="utf-8")
    doc = parse_draft(path.read_text(encoding="utf-8"), path=path)
    assert doc.body == [ListBlock(items=["自查", "抽查"], ordered=True)]


def test_missing_front_matter_is_an_error():
    with pytest.raises(DataError, match="文稿开头缺少 YAML 前言") as caught:
        _parse("no_front_matter.md")
    assert caught.value.line == 1


def test_front_matter_errors_name_file_lines():
    with pytest.raises(DataError) as caught:
        _parse("bad_front_matter.md")
    assert caught.value.problems == [
        ("字段“date”（成文日期）应为日期，如 2026-11-20", 4),
        ("未知字段“urgnecy”；是否想写“urgency”（紧急程度）？", 5),
    ]


def test_headings_deeper_than_four_levels_are_refused():
    with pytest.raises(DataError) as caught:
        _parse("deep_heading.md")
    assert caught.value.line == 7
    assert "标题最多四级" in str(caught.value)


def test_missing_attachment_file_names_the_front_matter_line(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(
        "---\ntitle: 关于开展检查的通知\nattachments:\n  - title: 名单\n    file: 名单.md\n---\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        parse_draft(path.read_text(encoding="utf-8"), path=path)
    assert caught.value.line == 5
    assert "找不到附件“名单”的正文文件“名单.md”" in str(caught.value)


def test_copy_number_keeps_its_leading_zeros(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(
        "---\ntitle: 关于开展检查的通知\ncopy_number: 000123\nclassification: 秘密★1年\n---\n",
        encoding="utf-8",
    )
    doc = parse_draft(path.read_text(encoding="utf-8"), path=path)
    assert doc.header.copy_number == "000123"
    assert doc.header.classification == "秘密★1年"


def test_attachment_titles_may_be_bare_names(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(
        "---\ntitle: 关于开展检查的通知\nattachments: [重点单位名单, 检查情况汇总表]\n---\n",
        encoding="utf-8",
    )
    doc = parse_draft(path.read_text(encoding="utf-8"), path=path)
    assert doc.attachment_titles == ["重点单位名单", "检查情况汇总表"]
