"""What the linter does not load: jieba for text-only rules, POS tagging where no rule needs it.

These pin behaviour, not speed: a process either imports a module or it does not.
"""

from __future__ import annotations

import subprocess
import sys

from paths import TESTS

FIXTURES = TESTS / "fixtures"


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_text_only_rules_never_import_jieba() -> None:
    code = (
        "from drafting.lint.api import lint_text\n"
        "from drafting.lint.rule import Needs, all_rules\n"
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


def test_a_template_id_as_kind_is_read_without_yaml_or_jinja() -> None:
    # the id → 文种 table is a corpus file generated from the schemas (scripts/template_kinds.py),
    # so linting a 请示 whose front matter says ``kind: request`` never parses a schema.yaml
    code = (
        "from drafting.sources.document import TextParagraph, PreparedDoc\n"
        "from drafting.lint.rules._parts import doc_kind\n"
        "doc = PreparedDoc.from_paragraphs('<t>', [TextParagraph(0, '有关事项', 0, line=1)],"
        " metadata={'kind': 'request'})\n"
        "assert doc_kind(doc) == '请示'\n"
        "from drafting.lint.api import lint_text\n"
        "lint_text(open("
        f"{str(FIXTURES / 'drafts' / '通知示例.txt')!r}, encoding='utf-8').read())"
    )
    roots = {name.split(".")[0] for name in _modules_after(code)}
    assert "yaml" not in roots and "jinja2" not in roots


#: Libraries for documents, templates and words: `drafting --help` and `drafting rules` need none.
HEAVY = ("jieba", "docx", "docxtpl", "lxml", "jinja2", "yaml", "tempfile", "zipfile")


def _cli_probe(args: list[str], before: str = "") -> tuple[set[str], list[str]]:
    """Modules loaded by ``drafting ARGS`` run as the console script runs it, and the module
    patterns of drafting it compiled (``before``: code to run first)."""
    code = (
        "import contextlib, io, sys\n"
        f"{before}\n"
        f"sys.argv = ['drafting', *{args!r}]\n"
        "from drafting.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, exc.code\n"
        "from drafting.zh.patterns import LazyPattern\n"
        "print(' '.join(sys.modules))\n"
        "print(' '.join(f'{m.__name__}.{n}' for m in list(sys.modules.values())\n"
        "               if getattr(m, '__name__', '').startswith('drafting.')\n"
        "               for n, v in vars(m).items()\n"
        "               if isinstance(v, LazyPattern) and 'match' in vars(v)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules, compiled = out.stdout.split("\n")[:2]
    return set(modules.split()), compiled.split()


def test_drafting_rules_loads_no_heavy_library_and_compiles_no_rule_pattern() -> None:
    # rule modules hold ~100 patterns, compiled on first use: listing the rules uses none
    for args in (["rules"], ["rules", "--genre", "notice"], ["--help"], ["explain", "N301"]):
        modules, compiled = _cli_probe(args)
        assert not [m for m in modules if m.split(".")[0] in HEAVY], args
        readers = {"drafting.sources.text", "drafting.sources.markdown", "drafting.sources.docx"}
        assert "drafting.lint.engine" not in modules and not readers & modules
        assert compiled == [], (args, compiled)


def test_the_probe_sees_a_compiled_pattern() -> None:
    first_use = "from drafting.lint.rules import form; form._DOTS.match('')"
    _, compiled = _cli_probe(["rules"], before=first_use)
    assert compiled == ["drafting.lint.rules.form._DOTS"]


def test_linting_compiles_the_patterns_it_uses() -> None:
    code = (
        "from drafting.lint.api import lint_text\n"
        "from drafting.lint.rules import form\n"
        "lint_text('一、总体要求\\n会议研究了人事、财务等事项...会后通报。', select=['N307'])\n"
        "assert 'finditer' in vars(form._DOTS)\n"
        "assert 'finditer' not in vars(form._PAGE_NUMBER)  # N313 did not run"
    )
    _modules_after(code)
