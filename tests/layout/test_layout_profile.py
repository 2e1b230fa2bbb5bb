"""The layout profile's arithmetic and the font profile's variants."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from drafting.errors import ConfigError
from drafting.layout import FontProfile, LayoutProfile
from drafting.layout.profile import mm_to_twips


def test_margins_in_twips_match_the_standard() -> None:
    profile = LayoutProfile()
    assert profile.margins_twips == (2098, 1587, 1984, 1474)
    assert (profile.page_width_twips, profile.page_height_twips) == (11906, 16838)


def test_28_characters_fit_the_line_and_29_do_not() -> None:
    profile = LayoutProfile()
    assert profile.char_twips == 315  # 16 pt − 0.25 pt
    assert 28 * profile.char_twips <= profile.text_width_twips < 29 * profile.char_twips


def test_22_grid_lines_fill_the_text_block() -> None:
    profile = LayoutProfile()
    assert 22 * profile.line_pitch_twips <= profile.text_height_twips
    assert 23 * profile.line_pitch_twips > profile.text_height_twips


def test_footer_distance_puts_the_dash_7mm_below_the_text_block() -> None:
    """GB/T 9704 7.5: 一字线上距版心下边缘 7 mm. The number's line is one exact 14 pt line,
    its baseline 4/5 down (11.2 pt), the dash's top 0.31 em (4.34 pt) above it: the line
    starts 7 mm − 6.86 pt below the 版心."""
    profile = LayoutProfile()
    assert profile.page_number_line_drop_twips == mm_to_twips(7) - (224 - 87) == 260
    assert profile.footer_distance_twips == 1984 - 260 - 280 == 1444
    local = dataclasses.replace(profile, page_number_size_pt=15, page_number_drop_mm=6.5)
    dash = round(300 * 0.8) - round(300 * 0.31)
    assert local.footer_distance_twips + 300 + mm_to_twips(6.5) - dash == 1984


def test_profile_overrides_are_plain_dataclass_copies() -> None:
    local = dataclasses.replace(LayoutProfile(), red="FF0000", mark_size_pt=30)
    assert (local.red, local.mark_size_pt, local.body_size_pt) == ("FF0000", 30, 16)


def test_standard_and_plain_font_profiles() -> None:
    assert FontProfile.standard().faces()["fangsong"] == "仿宋_GB2312"
    plain = FontProfile.plain()
    assert (plain.fangsong, plain.kaiti, plain.heiti, plain.xiaobiaosong) == (
        "仿宋",
        "楷体",
        "黑体",
        "宋体",
    )
    assert FontProfile.load("plain") == plain
    assert FontProfile.load("standard") == FontProfile()


def test_font_file_in_json_and_toml(tmp_path: Path) -> None:
    as_json = tmp_path / "fonts.json"
    as_json.write_text(json.dumps({"kaiti": "华文楷体"}), encoding="utf-8")
    assert FontProfile.load(as_json).kaiti == "华文楷体"
    as_toml = tmp_path / "fonts.toml"
    as_toml.write_text('"黑体" = "方正黑体_GBK"\n', encoding="utf-8")
    assert FontProfile.load(as_toml).heiti == "方正黑体_GBK"


def test_bad_font_files_are_config_errors(tmp_path: Path) -> None:
    broken = tmp_path / "fonts.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="字体配置文件格式有误"):
        FontProfile.load(broken)
    listed = tmp_path / "fonts.yaml"
    listed.write_text("- 仿宋\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="映射"):
        FontProfile.load(listed)
    with pytest.raises(ConfigError, match="非空的字体名称"):
        FontProfile.from_mapping({"fangsong": ""})
