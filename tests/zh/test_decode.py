"""The one text decoder: the mark decides, then UTF-8, then GB18030; callers narrow it."""

from __future__ import annotations

import codecs

import pytest

from drafting.drafts.data import decode as data_decode
from drafting.errors import DataError, InputError
from drafting.sources.text import decode as lint_decode
from drafting.zh.decode import DecodeError, decode

TEXT = "关于开展检查的通知\n各单位：\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", b""),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", codecs.BOM_UTF8),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
        (TEXT.encode("gb18030"), "gb18030", b""),
    ],
)
def test_every_encoding_round_trips(data, encoding, bom):
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.bom) == (TEXT, encoding, bom)
    assert decoded.encode(decoded.text) == data


def test_a_mark_is_authoritative():
    with pytest.raises(DecodeError) as caught:
        decode(codecs.BOM_UTF8 + "关于开展检查".encode("gb18030"))
    assert caught.value.describe() == "文件声明为 UTF-8 但内容无法解码"
    with pytest.raises(DecodeError, match="文件声明为 UTF-16 但内容无法解码"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8")


def test_callers_narrow_the_encodings():
    with pytest.raises(DecodeError):
        decode(TEXT.encode("gb18030"), gb18030=False)
    utf16 = codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")
    with pytest.raises(DecodeError):
        decode(utf16, utf16=False)  # the mark is then just bytes that are no UTF-8


def test_the_line_of_the_first_bad_byte():
    data = "一\n二\n".encode() + b"\xff"
    with pytest.raises(DecodeError) as caught:
        decode(data, gb18030=False)
    assert caught.value.line == 3


def test_data_files_stay_utf8_only_and_drafts_take_gb18030():
    gbk = TEXT.encode("gb18030")
    with pytest.raises(DataError, match="文件不是 UTF-8 编码"):
        data_decode(gbk, "数据.yaml")
    assert data_decode(gbk, "文稿.md", gb18030=True) == TEXT


def test_the_linter_reads_all_three_and_normalises_line_breaks():
    assert lint_decode(codecs.BOM_UTF16_BE + "甲\r\n乙".encode("utf-16-be"), "x.txt") == "甲\n乙"
    with pytest.raises(InputError, match="既不是 UTF-8 也不是 GB18030"):
        lint_decode(bytes([0x81, 0x30]) * 3 + b"\xff", "x.txt")
