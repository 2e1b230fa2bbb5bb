"""``drafting fonts``: the font profile's faces, installed or substituted."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from drafting.cli import cli
from drafting.layout import FontProfile, fontcheck


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with 黑体 and 宋体 installed; anything else falls back to Noto Serif CJK SC."""
    monkeypatch.setattr(fontcheck, "installed_families", lambda: {"黑体", "宋体", "SimHei"})
    monkeypatch.setattr(fontcheck, "substitute", lambda face, chinese=True: "Noto Serif CJK SC")


def test_check_fonts_reports_installed_and_substituted(machine: None) -> None:
    statuses = {s.face: s for s in fontcheck.check_fonts(FontProfile())}
    assert statuses["黑体"].installed is True
    assert statuses["仿宋_GB2312"].installed is False
    assert statuses["仿宋_GB2312"].substitute == "Noto Serif CJK SC"
    assert statuses["方正小标宋简体"].role.startswith("小标宋")


def test_fonts_command_lists_every_face_with_its_state(machine: None) -> None:
    result = CliRunner().invoke(cli, ["fonts", "--fonts", "plain"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t")[:2] == ["仿宋", "未安装，将替换为 Noto Serif CJK SC"]
    assert lines[2].split("\t")[:2] == ["黑体", "已安装"]
    assert lines[-1].startswith("共 3 种字体未安装")


def test_fonts_command_with_a_missing_file_is_one_chinese_line(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["fonts", "--fonts", str(tmp_path / "无.yaml")])
    assert result.exit_code == 2
    assert "无法读取字体配置文件" in result.output


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig (fc-list) not installed")
def test_fontconfig_is_really_asked() -> None:
    families = fontcheck.installed_families()
    assert families is not None and len(families) > 0
