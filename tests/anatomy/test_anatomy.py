"""The anatomy reader: every line of a document gets its part, and the kind is told from them.

Fixtures in ``tests/fixtures/anatomy/`` are documents written here in the shapes real ones
take (a 版头 in plain text, a web copy carrying a plan, a 政府工作报告, a 本报评论员 article,
joint issuers with aligned names). Each test lists the lines that are not body text.
"""

from __future__ import annotations

import pytest
from paths import TESTS

from drafting.anatomy.kinds import guess_kind
from drafting.anatomy.parts import Part
from drafting.anatomy.reader import read_parts, title_kind
from drafting.zh.ordinals import written_ordinal

FIXTURES = TESTS / "fixtures" / "anatomy"


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def _marked(name: str) -> dict[int, str]:
    """1-based line → part, for every line that is neither body nor blank."""
    anatomy = read_parts(_lines(name))
    return {
        number: part.value
        for number, part in enumerate(anatomy.parts, start=1)
        if part not in (Part.BODY, Part.BLANK)
    }


def test_plain_text_notice_with_its_header_block() -> None:
    assert _marked("版头通知.txt") == {
        1: "copy_number",
        2: "classification",
        3: "urgency",
        4: "organ_mark",
        5: "doc_number",
        6: "title",
        7: "title",
        8: "recipients",
        10: "heading1",
        12: "heading1",
        15: "heading1",
        17: "attachment_note",
        18: "attachment_note",
        19: "signature",
        20: "date",
        21: "note",
        22: "attachment_label",
        23: "carried_title",
        25: "cc",
        26: "printer",
    }


def test_the_attachment_opens_its_own_numbering_scope() -> None:
    anatomy = read_parts(_lines("版头通知.txt"))
    assert [(s.kind, s.start, s.end) for s in anatomy.scopes] == [
        ("main", 0, 21),
        ("attachment", 21, 27),
    ]


def test_web_copy_carrying_a_plan() -> None:
    assert _marked("网页通知.txt") == {
        1: "residue",
        2: "title",
        3: "title",
        4: "doc_number",
        5: "recipients",
        7: "signature",
        8: "date",
        9: "note",
        10: "carried_title",
        11: "heading1",
        13: "heading1",
    }
    scopes = read_parts(_lines("网页通知.txt")).scopes
    assert [s.kind for s in scopes] == ["main", "carried"]
    assert scopes[1].start == 9


def test_work_report_delivered_to_a_meeting() -> None:
    assert _marked("工作报告.txt") == {
        1: "title",
        2: "subtitle",
        3: "speaker",
        4: "salutation",
        6: "heading1",
        8: "salutation",
    }


def test_commentary_byline() -> None:
    assert _marked("评论员文章.txt") == {1: "title", 2: "byline"}


def test_joint_issuers_and_an_aligned_name_list() -> None:
    assert _marked("联合署名.txt") == {
        1: "title",
        2: "recipients",
        5: "name_list",
        6: "name_list",
        7: "signature",
        8: "date",
    }


@pytest.mark.parametrize(
    ("name", "genre", "kind", "speech"),
    [
        ("版头通知.txt", "notice", "通知", False),
        ("网页通知.txt", "notice", "通知", False),
        ("工作报告.txt", "summary", "报告", True),
        ("评论员文章.txt", "commentary", "评论", False),
        ("联合署名.txt", "notice", "通知", False),
    ],
)
def test_kind_of_each_fixture(name: str, genre: str, kind: str, speech: bool) -> None:
    lines = _lines(name)
    guess = guess_kind(lines, read_parts(lines))
    assert (guess.genre, guess.kind, guess.speech) == (genre, kind, speech)
    assert guess.confident


def test_title_over_three_lines_above_the_doc_number() -> None:
    lines = ["江州市人民政府办公厅对市十届人大", "五次会议第12号建议的", "答复",
             "江政办函〔2026〕3号", "张明代表：", "你提出的建议收悉。现答复如下。"]  # fmt: skip
    anatomy = read_parts(lines)
    assert anatomy.parts[:5] == [Part.TITLE] * 3 + [Part.DOC_NUMBER, Part.RECIPIENTS]
    assert guess_kind(lines, anatomy).kind == "函"


def test_commentary_column_in_the_title() -> None:
    lines = ["让好政策落到实处（人民论坛）", "政策好不好，要看落实得怎么样。", "落实要靠干部担当。"]
    guess = guess_kind(lines, read_parts(lines))
    assert (guess.genre, guess.reason) == ("commentary", "按标题中的评论栏目（人民论坛）判断")


def test_essay_shape_without_a_column_is_commentary() -> None:
    body = "城市管理要把群众的感受放在前面，不能只看指标。" * 4
    lines = ["让城市更有温度", body, body, body]
    guess = guess_kind(lines, read_parts(lines))
    assert guess.genre == "commentary" and "文章形态" in guess.reason


def test_unknown_kind_says_so() -> None:
    lines = ["一些想法", "今天天气很好。", "我们去了公园。"]
    guess = guess_kind(lines, read_parts(lines))
    assert guess.genre == "generic" and not guess.confident
    assert guess.reason.startswith("未能判断文体")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("国务院关于印发《国务院工作规则》的通知", "通知"),
        ("关于促进综合保税区高水平开放的若干意见（试行）", "意见"),
        ("江州市国民经济和社会发展统计公报［1］", "公报"),
        ("中华人民共和国国务院令", "令"),
        ("让城市更有温度", None),
    ],
)
def test_title_kind(title: str, kind: str | None) -> None:
    assert title_kind(title) == kind


@pytest.mark.parametrize(
    ("text", "level"),
    [("一、总体要求", 1), ("（三）加强领导", 2), ("3.压实责任", 3), ("（2）按时报送", 4),
     ("2026年是关键之年", None), ("1.5倍", None)],
)  # fmt: skip
def test_ordinal_level(text: str, level: int | None) -> None:
    found = written_ordinal(text)
    assert (found[0] if found else None) == level
