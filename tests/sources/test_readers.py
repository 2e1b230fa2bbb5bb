"""Reading inputs: encodings, Markdown positions, .docx paragraphs, and refusing bad files."""

from __future__ import annotations

import io
import zipfile

import pytest
from paths import TESTS

from drafting import sources
from drafting.errors import InputError
from drafting.lint.api import lint_paths
from drafting.lint.engine import Settings, lint_source
from drafting.sources import read_source

FIXTURES = TESTS / "fixtures" / "lint"
MINE = ["N301", "N302", "N303", "N309"]


def spans(path, **kwargs):
    (result,) = lint_paths([path], genre="notice", select=MINE, **kwargs)
    return [
        (f.code, f.line, f.column, f.end_line, f.end_column, f.excerpt) for f in result.findings
    ]


def test_plain_text_positions_are_exact_in_characters():
    assert spans(FIXTURES / "plain.txt") == [
        ("N301", 2, 4, 2, 5, ":"),
        ("N301", 3, 7, 3, 8, ","),
        ("N302", 5, 23, 5, 25, "。。"),
        ("N309", 6, 3, 6, 5, "XX"),
        ("N309", 6, 6, 6, 8, "XX"),
    ]


def test_markdown_positions_point_into_the_source_past_inline_markup():
    assert spans(FIXTURES / "notice.md") == [
        ("N301", 6, 11, 6, 12, ":"),
        ("N301", 10, 16, 10, 17, ","),  # after **切实加强**
        ("N301", 15, 44, 15, 45, ","),  # after a link whose URL holds a comma
        ("N301", 19, 13, 19, 14, ","),  # in a table cell
        ("N309", 25, 3, 25, 5, "××"),
        ("N309", 25, 6, 25, 8, "××"),
        ("N303", 25, 12, 25, 13, "《"),
    ]


def test_markdown_skips_front_matter_code_and_comments_and_takes_the_title():
    source = read_source(FIXTURES / "notice.md")
    doc = source.doc
    assert doc.title is not None
    assert (doc.title.text, doc.title.line, doc.title.column) == (
        "关于开展安全生产大检查的通知",
        2,
        8,
    )
    assert "代码块" not in doc.text and "起草说明" not in doc.text and "**" not in doc.text
    assert [h.text for h in doc.headings] == ["一、检查范围"]
    assert {p.text for p in doc.paragraphs if p.role == "table"} >= {
        "消防",
        "应急管理局,消防救援支队",
    }


def test_docx_line_is_the_paragraph_number_and_tables_count():
    (result,) = lint_paths([FIXTURES / "report.docx"], genre="notice", select=MINE)
    got = [(f.code, f.line, f.column, f.end_column, f.paragraph) for f in result.findings]
    assert got == [
        ("N301", 5, 12, 13, 5),
        ("N301", 7, 8, 9, 7),
        ("N302", 7, 13, 15, 7),
        ("N301", 11, 6, 7, 11),  # the fourth table cell
        ("N309", 13, 3, 5, 13),
        ("N309", 13, 6, 8, 13),
        ("N303", 13, 12, 13, 13),
    ]  # paragraph 12 carries a drafting-disable N301 comment


def test_docx_roles_come_from_styles_and_centred_title():
    doc = read_source(FIXTURES / "report.docx").doc
    assert doc.title is not None and doc.title.text == "关于做好冬季安全生产工作的通知"
    assert [h.text for h in doc.headings] == ["一、总体要求"]
    assert doc.paragraphs[5].style == "Heading 1"


def test_docx_comment_turns_rules_off_for_its_paragraph():
    source = read_source(FIXTURES / "report.docx")
    assert source.paragraph_rules == {12: frozenset({"N301"})}
    assert source.doc.paragraphs[11].text == "本段有意保留半角逗号,不报。"


def test_auto_genre_from_docx_title():
    (result,) = lint_paths([FIXTURES / "report.docx"])
    assert (result.genre, result.choice.reason) == ("notice", "anatomy")


def test_gb18030_file_is_detected():
    assert (
        (FIXTURES / "gbk.txt").read_bytes().decode("gb18030").startswith("关于做好防汛工作的通知")
    )
    assert spans(FIXTURES / "gbk.txt") == [
        ("N301", 2, 3, 2, 4, "("),
        ("N301", 2, 6, 2, 7, ")"),
        ("N301", 2, 7, 2, 8, ":"),
        ("N301", 3, 8, 3, 9, ","),
    ]


def test_utf8_bom_and_crlf_do_not_shift_columns(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff标题\r\n请报送材料,谢谢。\r\n".encode())
    assert spans(path) == [("N301", 2, 6, 2, 7, ",")]


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("请报送材料,谢谢。\n".encode("utf-16"))
    assert spans(path) == [("N301", 1, 6, 1, 7, ",")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件是空的"),
        (b"  \n\n", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是文本文件"),
        (bytes([0x81, 0x30]) * 3 + b"\xff", "无法识别文件编码"),
    ],
)
def test_unreadable_text_is_an_input_error(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_source(path)


def test_renamed_file_is_not_a_docx():
    with pytest.raises(InputError, match=r"不是有效的 \.docx"):
        read_source(FIXTURES / "broken.docx")


def test_ole_file_is_reported_as_encrypted_or_old(tmp_path):
    path = tmp_path / "secret.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(InputError, match="已加密"):
        read_source(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * 200_000)
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    import drafting.sources.docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_DOCX_UNPACKED_BYTES", 100_000)
    with pytest.raises(InputError, match="压缩炸弹"):
        read_source(path)


def test_oversized_text_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("字" * 1000, encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_TEXT_BYTES", 100)
    with pytest.raises(InputError, match="文件过大"):
        read_source(path)


def test_unsupported_extension(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="不支持的文件类型"):
        read_source(path)


def test_markdown_line_breaks_join_chinese_without_space_and_latin_with_one(tmp_path):
    path = tmp_path / "wrap.md"
    path.write_text(
        "# 关于调整作息时间的通知\n\nThe meeting\nstarts 九点，会议\n开始,请准时。\n", "utf-8"
    )
    source = read_source(path)
    assert source.doc.title is not None and source.doc.title.text == "关于调整作息时间的通知"
    assert source.doc.paragraphs[1].text == "The meeting starts 九点，会议开始,请准时。"
    assert spans(path) == [("N301", 5, 3, 5, 4, ",")]


def test_markdown_inline_code_is_not_linted_and_keeps_neighbours_apart(tmp_path):
    path = tmp_path / "code.md"
    path.write_text("按字符计；`end_line`、`a,b`，然后`中`中,完。\n", "utf-8")
    doc = read_source(path).doc
    assert doc.paragraphs[0].text == "按字符计；\ufffc、\ufffc，然后\ufffc中,完。"
    assert spans(path) == [("N301", 1, 29, 1, 30, ",")]  # after the code span `中`, not inside it


def test_random_bytes_are_read_or_refused_cleanly():
    import random

    rng = random.Random(4)
    alphabet = "关于通知，。、；：“”《》（）()[]*_`#>-|\n 12abX,.!?<!-- -->".encode()
    for _ in range(300):
        size = rng.randint(0, 120)
        if rng.random() < 0.5:
            data = bytes(rng.randrange(256) for _ in range(size))
        else:
            data = bytes(rng.choice(alphabet) for _ in range(size))
        for suffix in (".txt", ".md"):
            try:
                source = sources.read_source(f"x{suffix}", data)
            except InputError:
                continue
            for paragraph in source.doc.paragraphs:
                if paragraph.origin is not None:
                    assert len(paragraph.origin) == len(paragraph.text)
            result = lint_source(source, Settings(select=("N3", "P201")))
            for finding in result.findings:
                assert finding.line >= 1 and finding.column >= 1
                assert (finding.end_line, finding.end_column) >= (finding.line, finding.column)


def test_header_and_colophon_of_a_rendered_docx_are_checked_but_not_body(tmp_path):
    """The 版头 lines are not body text (no S101 from counting them), yet N305 still reads the
    发文字号 there."""
    import yaml

    from drafting.lint.api import lint_paths
    from drafting.render import prepare, write_output
    from drafting.resources import templates_dir

    sample = yaml.safe_load((templates_dir() / "request" / "sample.yaml").read_text("utf-8"))
    sample["doc_number"] = sample["doc_number"].replace("〔", "[").replace("〕", "]")
    data = tmp_path / "请示.yaml"
    data.write_text(yaml.safe_dump(sample, allow_unicode=True), encoding="utf-8")
    out = write_output(prepare("request", data), tmp_path / "请示.docx")
    doc_roles = {p.style: p.role for p in read_source(out).doc.paragraphs if p.style}
    assert doc_roles["发文机关标志"] == doc_roles["发文字号"] == "meta"
    assert doc_roles["正文"] == "body"
    (result,) = lint_paths([out])
    codes = {f.code for f in result.findings}
    assert "N305" in codes
    assert "S101" not in codes
