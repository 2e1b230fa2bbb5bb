"""An office's own defaults (issue 19): ``[organ]`` in drafting.toml or
``[tool.drafting.organ]`` in pyproject.toml, filled in by new, render and batch."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafting.batch import run_batch
from drafting.cli import cli
from drafting.drafts.organ import find_profile
from drafting.errors import ConfigError
from drafting.lint.config import find_config, load_config
from drafting.render import prepare
from drafting.resources import templates_dir

PROFILE = """[organ]
organs = "江州市人民政府办公室"
"发文机关标志" = "江州市政府办公室文件"
printer = "江州市人民政府办公室"
signature = "江州市人民政府办公室"
doc_number_prefix = "江政办发"
contact = "联系人：李明，电话：12345678。"
"""


def _bare_notice(folder: Path, **extra: object) -> Path:
    """The notice sample without the fields an office's profile can give."""
    data = yaml.safe_load((templates_dir() / "notice" / "sample.yaml").read_text("utf-8"))
    for key in ("organs", "printer", "signature", "contact"):
        data.pop(key, None)
    data.update(extra)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "通知.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_render_fills_what_the_data_leaves_out(tmp_path: Path) -> None:
    (tmp_path / "drafting.toml").write_text(PROFILE, encoding="utf-8")
    draft = prepare("notice", _bare_notice(tmp_path / "科室"))
    document = draft.document
    assert document.header.organs == ["江州市人民政府办公室"]
    assert document.header.mark_text == "江州市政府办公室文件"
    assert document.printer == "江州市人民政府办公室"
    assert document.signature == "江州市人民政府办公室"
    assert "联系人：李明，电话：12345678。" in draft.markdown


def test_the_data_file_wins(tmp_path: Path) -> None:
    (tmp_path / "drafting.toml").write_text(PROFILE, encoding="utf-8")
    data = _bare_notice(tmp_path, signature="江州市教育局", organs=["江州市教育局"])
    document = prepare("notice", data).document
    assert document.signature == "江州市教育局"
    assert document.header.organs == ["江州市教育局"]


def test_pyproject_table_is_found_upward_like_the_lint_settings(tmp_path: Path) -> None:
    table = PROFILE.replace("[organ]", "[tool.drafting.organ]")
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    data = _bare_notice(tmp_path / "a" / "b")
    profile = find_profile(data)
    assert profile is not None and profile.path == tmp_path / "pyproject.toml"
    assert prepare("notice", data).document.printer == "江州市人民政府办公室"


def test_a_lint_only_drafting_toml_does_not_hide_the_profile_above(tmp_path: Path) -> None:
    (tmp_path / "drafting.toml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "科室").mkdir()
    (tmp_path / "科室" / "drafting.toml").write_text('genre = "notice"\n', encoding="utf-8")
    data = _bare_notice(tmp_path / "科室")
    assert prepare("notice", data).document.signature == "江州市人民政府办公室"


def test_lint_settings_and_the_profile_share_drafting_toml(tmp_path: Path) -> None:
    path = tmp_path / "drafting.toml"
    path.write_text('[lint]\ngenre = "notice"\n\n' + PROFILE, encoding="utf-8")
    assert find_config(tmp_path) == path
    assert load_config(path).genre == "notice"
    path.write_text('genre = "notice"\n\n' + PROFILE, encoding="utf-8")
    assert load_config(path).genre == "notice"


def test_a_summary_takes_the_first_organ_as_its_organ(tmp_path: Path) -> None:
    (tmp_path / "drafting.toml").write_text(PROFILE, encoding="utf-8")
    data = yaml.safe_load((templates_dir() / "annual-summary" / "sample.yaml").read_text("utf-8"))
    data.pop("organ")
    path = tmp_path / "总结.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert prepare("annual-summary", path).document.header.organs == ["江州市人民政府办公室"]


def test_new_fills_the_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "drafting.toml").write_text(PROFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "notice"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  - 江州市人民政府办公室" in lines
    assert any(line.startswith("printer: 江州市人民政府办公室  ") for line in lines)
    assert any(line.startswith("contact: 联系人：李明，电话：12345678。  ") for line in lines)
    assert "# 印发机关" in next(line for line in lines if line.startswith("printer:"))
    data = yaml.safe_load(result.output)
    assert data["signature"] == "江州市人民政府办公室"


def test_batch_fills_each_record(tmp_path: Path) -> None:
    (tmp_path / "drafting.toml").write_text(PROFILE, encoding="utf-8")
    data = _bare_notice(tmp_path / "数据")
    result = run_batch("notice", [data], tmp_path / "out", to="md")
    assert [outcome.status for outcome in result.outcomes] == ["written"]
    text = next((tmp_path / "out").iterdir()).read_text(encoding="utf-8")
    assert "江州市人民政府办公室" in text and "联系人：李明" in text


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[organ]\norgans = 3\n", "[organ] 的“organs”应为文字或文字的列表"),
        ('[organ]\nprinter = ""\n', "[organ] 的“printer”应为一行文字"),
        ('[organ]\n印章 = "x"\n', None),
        ('[organ]\n"印章" = "x"\n', "[organ] 中有未知的项“印章”；可用："),
        ('[organ]\nfonts = "无.toml"\n', "[organ] 的“fonts”应为 plain、standard、default"),
        ('[organ]\norgans = "甲"\n"发文机关" = "乙"\n', "[organ] 中“发文机关”与另一个同义的项重复"),
    ],
)
def test_a_bad_profile_is_one_chinese_error(
    tmp_path: Path, table: str, message: str | None
) -> None:
    (tmp_path / "drafting.toml").write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        find_profile(tmp_path)
    assert str(caught.value).startswith(str(tmp_path / "drafting.toml"))
    assert message is None or message in str(caught.value)
