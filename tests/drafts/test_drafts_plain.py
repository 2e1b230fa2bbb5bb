"""Plain text of a document: what ``render --to txt`` writes and ``render --lint`` reads."""

from __future__ import annotations

from paths import ROOT, TESTS

from drafting.model import Attachment, OfficialDocument, Paragraph
from drafting.render import plain_text, prepare

FIXTURES = TESTS / "fixtures" / "drafts"


def test_markdown_sample_as_plain_text():
    draft = prepare(ROOT / "samples" / "通知示例.md")
    expected = (FIXTURES / "通知示例.txt").read_text(encoding="utf-8")
    assert plain_text(draft.document) == expected


def test_single_attachment_is_not_numbered():
    doc = OfficialDocument(
        title="关于开展检查的通知",
        body=[Paragraph.of("请做好检查工作。")],
        attachments=[Attachment("检查情况汇总表")],
        note="此件公开发布",
    )
    assert plain_text(doc) == (
        "关于开展检查的通知\n\n请做好检查工作。\n\n附件：检查情况汇总表\n（此件公开发布）\n"
    )
