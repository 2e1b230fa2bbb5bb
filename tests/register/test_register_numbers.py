"""发文字号 as values, where the register lives, and writing a number into a draft: the parts of
the register that need no database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafting.model import HeaderFields, OfficialDocument, Paragraph
from drafting.register.location import RegisterError, mask, resolve
from drafting.register.numbers import DocNumber, NumberError, check_prefix, parse_number
from drafting.register.stamp import (
    PLACEHOLDER,
    Numbering,
    describe,
    set_front_matter_number,
    write_number,
)
from drafting.render import Draft

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@given(
    prefix=st.text(HAN, min_size=1, max_size=16),
    year=st.integers(1949, 2099),
    serial=st.integers(1, 999_999),
)
def test_a_number_reads_back_as_itself(prefix: str, year: int, serial: int) -> None:
    number = DocNumber(prefix, year, serial)
    assert parse_number(str(number)) == number
    assert str(number) == f"{prefix}〔{year}〕{serial}号"


def test_numbers_sort_by_prefix_year_serial() -> None:
    numbers = [
        parse_number(n) for n in ("江政发〔2026〕10号", "江政发〔2026〕9号", "江政发〔2025〕30号")
    ]
    assert [n.serial for n in sorted(numbers)] == [30, 9, 10]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("江政办发[2026]13号", "六角括号"),
        ("江政办发【2026】13号", "六角括号"),
        ("江政办发（2026）13号", "六角括号"),
        ("江政办发〔26〕13号", "年份应写全四位"),
        ("江政办发〔2026〕第13号", "不加“第”"),
        ("江政办发〔2026〕013号", "不编虚位"),
        ("江政办发〔2026〕13", "以“号”结尾"),
        ("〔2026〕13号", "应为机关代字"),
        ("", "文号为空"),
        ("江政办发 〔2026〕13号", "应为机关代字"),
    ],
)
def test_a_malformed_number_says_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(NumberError, match=reason):
        parse_number(text)


def test_years_and_serials_have_bounds() -> None:
    with pytest.raises(NumberError, match="不在 1949–2099 之间"):
        parse_number("江政发〔1900〕1号")
    with pytest.raises(NumberError, match="序号过大"):
        parse_number("江政发〔2026〕1000000号")


@pytest.mark.parametrize(
    ("prefix", "reason"),
    [
        ("", "不能为空"),
        ("  ", "不能为空"),
        ("江政办发〔2026〕", "只写代字本身"),
        ("江政[办]发", "只写代字本身"),
        ("JZ发", "只能由汉字组成"),
        ("江政 发", "只能由汉字组成"),
        ("江政发2", "只能由汉字组成"),
        ("江" * 17, "过长"),
    ],
)
def test_a_bad_prefix_is_refused(prefix: str, reason: str) -> None:
    with pytest.raises(NumberError, match=reason):
        check_prefix(prefix)


def test_a_prefix_is_trimmed() -> None:
    assert check_prefix(" 国办函 ") == "国办函"


# --------------------------------------------------------------------------- location


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql://clerk:pa55@db.office/register", "postgresql://clerk:***@db.office/register"),
        ("postgresql://clerk:p%40ss@db/r?sslmode=require", "postgresql://clerk:***@db/r?sslmode=require"),
        ("postgresql://db/r?user=clerk&password=pa55", "postgresql://db/r?user=clerk&password=***"),
        ("postgresql://clerk@db/r", "postgresql://clerk@db/r"),
        ("连接失败 password=pa55 host=db", "连接失败 password=*** host=db"),
    ],
)  # fmt: skip
def test_passwords_are_masked(text: str, shown: str) -> None:
    assert mask(text) == shown


def test_postgresql_urls_use_psycopg_and_show_no_password() -> None:
    for scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        location = resolve(f"{scheme}://clerk:pa55@db.office:5433/register")
        assert location.kind == "postgresql"
        assert location.url.startswith("postgresql+psycopg://clerk:pa55@db.office:5433/")
        assert "pa55" not in location.shown()
        assert location.exists()


def test_paths_and_sqlite_urls_name_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve("office.sqlite3").path == tmp_path / "office.sqlite3"
    assert resolve(f"sqlite:///{tmp_path}/a.db").path == tmp_path / "a.db"
    assert resolve("sqlite:///b.db").path == tmp_path / "b.db"
    assert not resolve("office.sqlite3").exists()
    odd = resolve(str(tmp_path / "登记簿 #1?.sqlite3"))
    assert odd.path is not None and odd.path.name == "登记簿 #1?.sqlite3"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("mysql://u:pw@h/db", "不受支持"),
        ("postgresql+psycopg2://u:pw@h/db", "不受支持"),
        ("postgresql://u:pw@h:port/db", "无法解析"),
        ("postgresql://u:pw@h", "没有写数据库名"),
        ("sqlite://", "内存数据库"),
        ("sqlite:///:memory:", "内存数据库"),
    ],
)
def test_unusable_urls_are_refused(text: str, reason: str) -> None:
    with pytest.raises(RegisterError, match=reason) as caught:
        resolve(text)
    assert "pw@" not in str(caught.value)


def test_a_folder_is_not_a_register(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="指向的是文件夹"):
        resolve(str(tmp_path))


# --------------------------------------------------------------------------- stamping


def _draft(markdown: str, doc_number: str | None = PLACEHOLDER) -> Draft:
    document = OfficialDocument(
        title="关于开展检查的通知",
        body=[Paragraph.of(f"依据{PLACEHOLDER}执行。")],
        header=HeaderFields(organs=["江州市人民政府办公室"], doc_number=doc_number),
        signature="江州市人民政府办公室",
        date=dt.date(2026, 11, 20),
    )
    return Draft(markdown, document, "data.yaml", Path("."), "notice")


def test_the_number_replaces_the_placeholder_everywhere() -> None:
    draft = _draft(f'---\ntitle: 关于开展检查的通知\ndoc_number: "{PLACEHOLDER}"\n---\n正文\n')
    write_number(draft, "江政办发〔2026〕13号")
    assert draft.document.header.doc_number == "江政办发〔2026〕13号"
    assert draft.document.body[0].text == "依据江政办发〔2026〕13号执行。"
    assert 'doc_number: "江政办发〔2026〕13号"' in draft.markdown
    assert PLACEHOLDER not in draft.markdown


def test_a_hand_written_drafts_front_matter_gets_the_number() -> None:
    text = "---\ntitle: 通知\ndoc_number:\n  旧文号\norgans: [某办]\n---\n# 一级\n正文\n"
    stamped = set_front_matter_number(text, "江政办发〔2026〕13号")
    assert stamped == (
        '---\ntitle: 通知\norgans: [某办]\ndoc_number: "江政办发〔2026〕13号"\n---\n# 一级\n正文\n'
    )
    assert set_front_matter_number("\ufeff---\ntitle: 通知\n---\n", "甲〔2026〕1号") == (
        '\ufeff---\ntitle: 通知\ndoc_number: "甲〔2026〕1号"\n---\n'
    )
    assert set_front_matter_number("没有前言\n", "甲〔2026〕1号") == "没有前言\n"


def test_what_the_register_records_of_a_document() -> None:
    assert describe(_draft("").document) == {
        "title": "关于开展检查的通知",
        "organ": "江州市人民政府办公室",
        "doc_date": dt.date(2026, 11, 20),
    }


def test_number_options_are_checked_before_anything_is_read(tmp_path: Path) -> None:
    location = resolve(str(tmp_path / "r.sqlite3"))
    assert Numbering.from_options("auto", "江政办发", location).prefix == "江政办发"
    assert Numbering.from_options("AUTO", None, location).prefix is None
    taken = Numbering.from_options("江政办发〔2026〕3号", None, location)
    assert taken.requested == "江政办发〔2026〕3号"
    with pytest.raises(NumberError, match="六角括号"):
        Numbering.from_options("江政办发(2026)3号", None, location)
    with pytest.raises(Exception, match="不用 --number-prefix"):
        Numbering.from_options("江政办发〔2026〕3号", "江政办发", location)
    with pytest.raises(NumberError, match="只能由汉字组成"):
        Numbering.from_options("auto", "JZ", location)
    assert not (tmp_path / "r.sqlite3").exists()
    with pytest.raises(Exception, match="doc_number_prefix"):
        Numbering.from_options("auto", None, location).prefix_for({})
