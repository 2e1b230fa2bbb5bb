"""What the linter does not load: jieba for text-only rules, POS tagging where no rule needs it.

These pin behaviour, not speed: a process either imports a module or it does not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_text_only_rules_never_import_jieba() -> None:
    code = (
        "from drafting.lint.api import lint_text\n"
        "from drafting.lint.model import Needs, all_rules\n"
        "codes = [c for c, r in all_rules().items() if r.needs == Needs.TEXT]\n"
        f"lint_text(open({str(FIXTURES / 'drafts' / '通知示例.txt')!r}, encoding='utf-8').read(),"
        " select=codes)"
    )
    assert not any(name == "jieba" or name.startswith("jieba.") for name in _modules_after(code))


def test_a_notice_stating_its_purpose_is_linted_without_pos_tagging() -> None:
    # S101 finds the purpose-and-basis sentence (为……，根据……，现将……通知如下) by its markers;
    # only a clause ending with a quote verb (××指出，) or a commentary's title needs jieba's
    # part-of-speech tables, which take about a second to load
    code = (
        "from drafting.lint.api import lint_text\n"
        f"text = open({str(FIXTURES / 'drafts' / '通知示例.txt')!r}, encoding='utf-8').read()\n"
        "assert lint_text(text).genre == 'notice'"
    )
    modules = _modules_after(code)
    assert "jieba" in modules  # the word rules ran
    assert "jieba.posseg" not in modules


def test_cli_help_and_rules_load_neither_the_engine_nor_config() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from drafting.cli import cli\n"
        "assert CliRunner().invoke(cli, ['--help']).exit_code == 0\n"
        "assert CliRunner().invoke(cli, ['rules']).exit_code == 0"
    )
    modules = _modules_after(code)
    assert "drafting.lint.engine" not in modules
    assert "drafting.lint.config" not in modules
    assert "jieba" not in modules and "docx" not in modules
