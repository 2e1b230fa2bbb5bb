"""The one linter factory: lint, --fix and render --lint build the same settings from the same
flags and config; a flag wins over the config, ``--genre auto`` included."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import FIXTURES

from drafting.compose import lint_draft
from drafting.errors import ConfigError
from drafting.lint.api import lint_paths, lint_text
from drafting.lint.rule import Severity
from drafting.lint.settings import Configs, make_linter, make_settings
from drafting.render import prepare
from drafting.review.fix import fix_paths

SUMMARY_TITLE = "关于开展安全检查的通知\n各单位：\n请于11月5日前报送材料。\n"


def _folder(tmp_path: Path, config: str) -> Path:
    (tmp_path / "drafting.toml").write_text(config, encoding="utf-8")
    path = tmp_path / "稿.txt"
    path.write_text(SUMMARY_TITLE, encoding="utf-8")
    return path


def test_flags_win_over_the_config_and_ignore_adds_up(tmp_path):
    config = Configs().for_path(_folder(tmp_path, 'genre = "summary"\nignore = ["P208"]\n'))
    settings = make_settings(config, genre="notice", ignore=["N301"], fail_on="error")
    assert settings.genre == "notice" and settings.ignore == ("P208", "N301")
    assert settings.fail_on == Severity.ERROR
    assert make_settings(config).genre == "summary"


def test_an_unknown_code_is_refused_when_the_settings_are_made():
    with pytest.raises(ConfigError, match="规则代码 X999 不存在"):
        make_settings(None, select=["X999"])


@pytest.mark.parametrize("genre", [None, "auto", "duties"])
def test_lint_fix_and_render_lint_agree_on_the_genre(tmp_path, genre):
    path = _folder(tmp_path, 'genre = "summary"\n')
    expected = {None: "summary", "auto": "notice", "duties": "duties"}[genre]
    (linted,) = lint_paths([path], genre=genre)
    (fixed,) = fix_paths([path], write=False, genre=genre)
    made = make_linter(path, genre=genre)(str(path), None)
    assert linted.genre == fixed.result.genre == made.genre == expected
    text = lint_text(SUMMARY_TITLE, genre=genre, config=tmp_path / "drafting.toml")
    assert text.genre == expected


def test_render_lint_uses_the_config_beside_the_output(tmp_path):
    fixtures = FIXTURES
    draft = prepare(fixtures / "review" / "render-draft.md")
    (tmp_path / "drafting.toml").write_text('select = ["N301"]\n', encoding="utf-8")
    result = lint_draft(draft, tmp_path / "通知.md", to="md")
    assert result.rules_run == 1 and result.config == str(tmp_path / "drafting.toml")
