"""The templates of the other statutory kinds: 请示, 报告, 函, 纪要, 通报, 意见, 批复, 决定,
通告, 公告 — their Chinese names, and the rules of each kind in its sample."""

from __future__ import annotations

import pytest

from drafting.drafts.data import load_data
from drafting.drafts.plain import plain_text
from drafting.drafts.schema import ValidationError, validate
from drafting.drafts.templating import find_template
from drafting.model import Heading, OfficialDocument, Paragraph
from drafting.render import prepare
from drafting.resources import templates_dir

KINDS = {
    "request": "请示",
    "report": "报告",
    "letter": "函",
    "minutes": "纪要",
    "bulletin": "通报",
    "opinion": "意见",
    "reply": "批复",
    "decision": "决定",
    "circular": "通告",
    "announcement": "公告",
}


def _sample(template_id: str) -> OfficialDocument:
    return prepare(template_id, find_template(template_id).sample_path).document


@pytest.mark.parametrize(("template_id", "name"), KINDS.items())
def test_the_chinese_name_finds_the_template_and_the_kind_is_its_id(
    template_id: str, name: str
) -> None:
    info = find_template(name)
    assert info.id == template_id and info.name == name
    doc = _sample(name)
    assert doc.kind == template_id
    assert doc.title.endswith(name) or (template_id == "opinion" and doc.title.endswith("意见"))


def test_request_is_upward_with_one_matter_a_request_phrase_and_a_contact() -> None:
    doc = _sample("请示")
    assert doc.header.signers == ["李建华"]
    assert doc.header.doc_number == "江教发〔2026〕35号"
    assert doc.recipients == "市人民政府："
    assert isinstance(doc.body[-1], Paragraph) and doc.body[-1].text == "妥否，请批示。"
    assert not any(isinstance(block, Heading) for block in doc.body)
    assert doc.note == "联系人：张丽，电话：87651234。"


def test_request_closing_outside_the_request_phrases_is_a_schema_error() -> None:
    info = find_template("request")
    data = load_data(templates_dir() / "request" / "sample.yaml")
    data.values["closing"] = "特此报告。"
    with pytest.raises(ValidationError) as caught:
        validate(info.schema, data)
    assert "妥否，请批示。" in str(caught.value)


def test_request_without_signers_is_a_schema_error() -> None:
    info = find_template("request")
    data = load_data(templates_dir() / "request" / "sample.yaml")
    del data.values["signers"]
    with pytest.raises(ValidationError) as caught:
        validate(info.schema, data)
    assert "签发人" in str(caught.value)


def test_report_carries_no_request_phrase() -> None:
    doc = _sample("报告")
    text = plain_text(doc)
    assert doc.header.signers == ["陈国栋"]
    assert doc.body[-1] == Paragraph.of("特此报告。")
    for phrase in ("请批示", "请批复", "请予审批", "妥否", "当否"):
        assert phrase not in text


def test_reply_names_the_request_it_answers() -> None:
    doc = _sample("批复")
    assert doc.body[0].text == (
        "你局《关于设立江州市第二中学新校区的请示》（江教发〔2026〕30号）收悉。经研究，现批复如下："
    )
    assert doc.body[1].text.startswith("一、同意设立")
    assert doc.body[-1] == Paragraph.of("此复。")


@pytest.mark.parametrize("template_id", ["circular", "announcement"])
def test_public_kinds_have_no_recipients(template_id: str) -> None:
    assert "recipients" not in find_template(template_id).schema.fields
    doc = _sample(template_id)
    assert doc.recipients is None
    assert plain_text(doc).splitlines()[2].startswith(("2027年江州马拉松", "根据《中华人民共和国"))


def test_letter_uses_the_letter_layout_without_a_printer_row() -> None:
    info = find_template("函")
    assert info.layout == "letter"
    assert "printer" not in info.schema.fields
    doc = _sample("函")
    assert doc.layout == "letter"
    assert doc.header.doc_number == "江文旅函〔2026〕58号"
    assert doc.printer is None and doc.print_date is None


def test_minutes_carry_the_mark_and_the_attendance_lists() -> None:
    doc = _sample("会议纪要")
    assert doc.layout == "minutes"
    assert doc.header.mark_text == "江州市人民政府常务会议纪要"
    assert doc.header.doc_number == "〔2026〕第15期"
    assert doc.signature is None
    assert doc.attendance == [
        ("出席", ["王志刚", "刘建明", "陈晓燕", "赵文军", "孙立平"]),
        ("请假", ["周海涛"]),
        ("列席", ["市政府办公室", "市应急管理局", "市教育局", "市财政局负责同志"]),
    ]
    lines = plain_text(doc).splitlines()
    assert "出席：王志刚、刘建明、陈晓燕、赵文军、孙立平" in lines
    assert (
        lines.index("请假：周海涛")
        == lines.index("出席：王志刚、刘建明、陈晓燕、赵文军、孙立平") + 1
    )


@pytest.mark.parametrize("template_id", sorted(KINDS))
def test_every_kind_sample_lints_clean_at_warning_and_above(template_id: str) -> None:
    from drafting.lint.api import lint_text
    from drafting.lint.rule import Severity

    text = plain_text(_sample(template_id))
    result = lint_text(text, path=f"{template_id}.txt")
    loud = [f for f in result.findings if f.severity >= Severity.WARNING]
    assert loud == [], [(f.code, f.message) for f in loud]
