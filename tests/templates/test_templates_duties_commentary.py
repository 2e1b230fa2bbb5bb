"""The duties and commentary templates: numbered verb-led items, closing marks, article layout."""

from __future__ import annotations

import pytest
from paths import TESTS

from drafting.drafts.data import DataFile, load_data
from drafting.drafts.schema import ValidationError
from drafting.drafts.templating import find_template
from drafting.model import ListBlock, Paragraph
from drafting.render import prepare, render_markdown
from drafting.resources import templates_dir

FIXTURES = TESTS / "fixtures" / "templates"


@pytest.mark.parametrize(
    ("alias", "template_id"),
    [
        ("工作职责", "duties"),
        ("岗位职责", "duties"),
        ("时评", "commentary"),
        ("评论", "commentary"),
    ],
)
def test_chinese_names_find_the_templates(alias: str, template_id: str) -> None:
    assert find_template(alias).id == template_id


def test_duties_sample_is_a_numbered_list_with_semicolons_and_a_final_period() -> None:
    doc = prepare("工作职责", templates_dir() / "duties" / "sample.yaml").document
    assert doc.title == "县人民政府办公室综合科工作职责"
    assert doc.body[0] == Paragraph.of("综合科主要履行以下职责：")
    items = doc.body[1]
    assert isinstance(items, ListBlock) and items.ordered
    assert items.items[0] == "负责办公室公文的收发、登记、流转和归档；"
    assert all(item.endswith("；") for item in items.items[:-1])
    assert items.items[-1] == "完成办公室领导交办的其他工作。"


def test_duties_period_style_ends_every_item_with_a_period() -> None:
    doc = prepare("duties", FIXTURES / "duties-period.yaml").document
    assert doc.title == "督查科工作职责"
    assert doc.body == [
        ListBlock(
            [
                "负责县政府重点工作的督查督办。",
                "承担县政府常务会议议定事项的跟踪落实。",
                "完成领导交办的其他工作。",
            ]
        )
    ]


def test_duties_punctuation_outside_the_choices_is_a_schema_error() -> None:
    info = find_template("duties")
    data = load_data(FIXTURES / "duties-period.yaml")
    data.values["punctuation"] = "comma"
    with pytest.raises(ValidationError) as caught:
        render_markdown(info, data)
    assert caught.value.problems == [
        ("字段“punctuation”（句末标点）应为以下之一：semicolon、period", 8)
    ]


def test_commentary_sample_is_an_article_with_the_thesis_first() -> None:
    draft = prepare("时评", templates_dir() / "commentary" / "sample.yaml")
    doc = draft.document
    assert doc.layout == "article"
    assert doc.kind == "commentary"
    assert doc.title == "为基层减负要减到实处"
    assert doc.author == "李明"
    assert not doc.header.organs and doc.header.doc_number is None
    assert doc.body[0].text.startswith("为基层减负，关键在于减掉那些不产生实效的工作。")
    assert doc.body[-1].text.endswith("减负才能减到实处。")
    assert all(isinstance(block, Paragraph) for block in doc.body)
    assert len(doc.body) == 6


def test_commentary_without_closing_names_the_missing_field() -> None:
    info = find_template("commentary")
    data = DataFile(
        {"title": "会议要开得短一些", "thesis": "会议要开得短一些。", "arguments": []}, "x.yaml"
    )
    with pytest.raises(ValidationError) as caught:
        render_markdown(info, data)
    messages = [message for message, _ in caught.value.problems]
    assert "缺少必填的字段“closing”（结尾段）" in messages
    assert "字段“arguments”（论证段）至少应有 1 项" in messages


@pytest.mark.parametrize(
    ("template_id", "genre"), [("duties", "duties"), ("commentary", "commentary")]
)
def test_samples_pass_the_linter(template_id: str, genre: str) -> None:
    from drafting.lint.api import lint_text
    from drafting.lint.rule import Severity
    from drafting.render import plain_text

    draft = prepare(template_id, templates_dir() / template_id / "sample.yaml")
    result = lint_text(plain_text(draft.document), genre=genre)
    assert [(f.code, f.excerpt) for f in result.findings if f.severity >= Severity.WARNING] == []
