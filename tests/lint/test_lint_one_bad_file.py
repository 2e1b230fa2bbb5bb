"""One bad file is one line: in a multi-file or folder lint, a file that cannot be read or parsed
is reported and the others are linted; folder walks are iterative and keep their order and
exclusions; a broken config above the files is a Chinese config error naming it; the text
summary names the config in force."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner
from deeptree import make_deep_tree, remove_tree

from drafting.cli import cli
from drafting.errors import ConfigError, DataError
from drafting.lint import api, settings
from drafting.lint.api import SKIPPED_FOLDERS, collect_files, lint_paths
from drafting.lint.config import find_config, load_config
from drafting.lint.engine import FileError, FileResult
from drafting.sources import SUFFIXES

TEXT = "请于11月5日前报送材料,逾期不再受理。\n"
FLAGS = ["--genre", "notice", "--select", "N301"]


def _deep_front_matter(path: Path, depth: int = 5000) -> Path:
    path.write_text("---\na: " + "[" * depth + "]" * depth + "\n---\n\n正文。\n", encoding="utf-8")
    return path


def _cli(*args: str) -> object:
    return CliRunner().invoke(cli, ["lint", *args])


# -- a bad file among good ones -------------------------------------------------------------------


def test_deep_front_matter_is_one_line_and_the_other_files_are_linted(tmp_path: Path) -> None:
    deep = _deep_front_matter(tmp_path / "deep.md")
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    result = _cli(str(deep), str(good), *FLAGS)
    assert result.exit_code == 2
    message = "文首 YAML（front matter）嵌套过深或展开过大，无法解析"
    assert result.stderr.splitlines() == [f"错误：{deep}: {message}"]
    assert f"{good}:1:13: N301" in result.stdout
    assert "共 1 个文件；1 个文件无法读取" in result.stdout


@pytest.mark.parametrize(
    "build",
    [
        lambda d: _deep_front_matter(d / "a.md"),
        lambda d: _deep_front_matter(d / "b.md", 300),  # deeper than yaml likes, not recursion
        lambda d: (d / "c.docx").write_bytes(b"PK\x03\x04 not really a zip"),
        lambda d: (d / "d.txt").write_bytes(b"\xff\xfe\x00\xd8"),  # UTF-16 cut in a surrogate
    ],
)
def test_folder_lint_reports_each_bad_file_and_goes_on(tmp_path: Path, build: object) -> None:
    (tmp_path / "docs").mkdir()
    build(tmp_path / "docs")  # type: ignore[operator]
    (tmp_path / "docs" / "z.txt").write_text(TEXT, encoding="utf-8")
    results = lint_paths([tmp_path / "docs"], genre="notice", select=["N301"])
    assert isinstance(results[-1], FileResult) and results[-1].path.endswith("z.txt")
    assert len(results[-1].findings) == 1


def test_any_drafting_error_from_a_file_is_one_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = settings.read_source

    def read_source(name: str, data: bytes | None = None) -> object:
        if name.endswith("bad.md"):
            raise DataError("文首字段 title 类型不对", path=name, line=3)
        return read(name, data)

    monkeypatch.setattr(settings, "read_source", read_source)  # the one linter factory
    for name in ("bad.md", "good.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    results = lint_paths([tmp_path / "bad.md", tmp_path / "good.txt"], select=["N301"])
    assert results[0] == FileError(str(tmp_path / "bad.md"), "第 3 行：文首字段 title 类型不对")
    assert isinstance(results[1], FileResult)


def test_a_recursion_error_while_linting_is_one_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def overflow(*_: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(settings, "lint_source", overflow)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (result,) = lint_paths([tmp_path / "a.txt"])
    assert isinstance(result, FileError) and "嵌套过深" in result.message


def test_a_config_error_stops_the_run(tmp_path: Path) -> None:
    """A bad word list concerns every file: one line, exit 2, not one line per file."""
    (tmp_path / "drafting.toml").write_text('extra-typos = "t.txt"\n', encoding="utf-8")
    (tmp_path / "t.txt").write_text("→X\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(ConfigError):
        lint_paths([tmp_path / "a.txt"])


# -- the folder walk ------------------------------------------------------------------------


def _old_collect(folder: Path, exclude: Iterable[str] = ()) -> list[Path]:
    """The walk as it was (``Path.rglob``), for comparison on trees it could handle."""
    patterns = (*exclude, *api.gitignore_patterns(folder))
    out = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") or part in SKIPPED_FOLDERS for part in parts[:-1]):
            continue
        if path.name.startswith((".", "~$")) or path.suffix.lower() not in SUFFIXES:
            continue
        if path.is_file() and not api._excluded(path, folder, patterns):
            out.append(path)
    return out


def _tree(root: Path) -> None:
    files = [
        "a.txt", "b.md", "B.txt", "z.docx", "notes.markdown", "skip.pdf", ".hidden.txt",
        "~$lock.docx", "sub/c.txt", "sub/deeper/d.md", "sub/deeper/e.TXT", "sub-a/f.txt",
        "sub.x/g.txt", ".git/h.txt", "node_modules/i.txt", ".venv/j.txt", "venv/k.txt",
        "__pycache__/l.txt", "草稿/m.txt", "草稿/旧/n.txt", "build/o.txt", "keep/build/p.txt",
        "data/q.txt", "data/r.bak.md", "中文/s.txt",
    ]  # fmt: skip
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT, encoding="utf-8")
    (root / ".gitignore").write_text("# 注释\nbuild/\n!keep\n*.bak.md\n", encoding="utf-8")
    (root / "folder.txt").mkdir()  # a folder named like a file
    (root / "link-to-file.txt").symlink_to("a.txt")
    (root / "link-to-folder").symlink_to("sub", target_is_directory=True)
    (root / "loop").symlink_to(".", target_is_directory=True)
    (root / "dangling.txt").symlink_to("nowhere.txt")
    os.mkfifo(root / "fifo.txt")


@pytest.mark.parametrize("exclude", [(), ("草稿/*",), ("/data",), ("*.md", "sub/deeper/")])
def test_iterative_walk_keeps_the_order_and_the_exclusions(tmp_path: Path, exclude: tuple) -> None:
    _tree(tmp_path)
    new = list(collect_files(tmp_path, exclude))
    assert new == _old_collect(tmp_path, exclude)
    names = {p.relative_to(tmp_path).as_posix() for p in new}
    assert "link-to-file.txt" in names  # a symlink to a file is taken
    assert not any(n.startswith(("link-to-folder/", "loop/")) for n in names)  # not entered
    assert "fifo.txt" not in names and "dangling.txt" not in names


def test_a_tree_1100_levels_deep_is_walked(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    try:
        bottom = make_deep_tree(root, 1100) / "bottom.txt"
        bottom.write_text(TEXT, encoding="utf-8")
        (root / "top.txt").write_text(TEXT, encoding="utf-8")
        files = list(collect_files(root))
        assert files == [bottom, root / "top.txt"]
        results = lint_paths([root], genre="notice", select=["N301"])
        assert [len(r.findings) for r in results if isinstance(r, FileResult)] == [1, 1]
    finally:  # pytest's clean-up of old temporary folders recurses and would fail on it
        remove_tree(root)


# -- configs above the files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("pyproject.toml", "[tool.drafting.lint]\nrules.P201.max = " + "9" * 5000 + "\n",
         ":2: 配置文件中有位数过多的数字（数千位）；请改正"),
        ("drafting.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
         ": 配置文件嵌套过深，无法解析"),
        ("pyproject.toml", "[tool.drafting.lint\nselect = 1\n",
         ":1: 配置文件不是有效的 TOML：表名缺少右方括号“]”（第 20 列）"),
        ("drafting.toml", "[rules.P201]\nmax = " + "9" * 200 + "\n",
         ": rules.P201.max 的值过大（不能超过 1000000000）"),
        ("drafting.toml", "[rules.S101]\nwithin_ratio = inf\n",
         ": rules.S101.within_ratio 的值 inf 不是有限的数"),
        ("drafting.toml", "[rules.S101]\nwithin_ratio = nan\n",
         ": rules.S101.within_ratio 的值 nan 不是有限的数"),
        ("drafting.toml", 'lint = "all"\n', ": [lint] 应为表"),
        ("pyproject.toml", '[tool.drafting]\nlint = "all"\n', ": [tool.drafting.lint] 应为表"),
    ],
)  # fmt: skip
def test_broken_parent_config_is_a_chinese_line_naming_it(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXT, encoding="utf-8")
    result = _cli(str(tmp_path / "docs"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"错误：{tmp_path / name}{message}"]


def test_broken_pyproject_without_drafting_in_it_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = 1\n", encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = " + "9" * 5000, encoding="utf-8")
    assert find_config(tmp_path) is None


@pytest.mark.parametrize("tool", ['tool = "x"\n', "[tool]\ndrafting = 3\n"])
def test_pyproject_with_odd_tool_values_has_no_lint_table(tmp_path: Path, tool: str) -> None:
    (tmp_path / "pyproject.toml").write_text(tool, encoding="utf-8")
    assert find_config(tmp_path) is None
    assert load_config(tmp_path / "pyproject.toml").select is None


def test_summary_names_the_config_in_force(tmp_path: Path) -> None:
    config = tmp_path / "drafting.toml"
    config.write_text('select = ["N301"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = _cli(str(tmp_path / "a.txt"), "--genre", "notice")
    summary = f"1 个错误，0 个警告，0 个提示，共 1 个文件（配置：{config}）"
    assert result.stdout.splitlines()[-1] == summary


def test_a_config_that_silences_everything_is_visible(tmp_path: Path) -> None:
    config = tmp_path / "drafting.toml"
    config.write_text('ignore = ["N", "P", "S", "T"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = _cli(str(tmp_path / "a.txt"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        f"0 个错误，0 个警告，0 个提示，共 1 个文件（配置：{config}）"
        "；1 个文件没有运行任何规则（请检查 --select、--ignore 和配置）"
    )


def test_explicit_config_is_named_and_no_config_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    plain = _cli(str(tmp_path / "a.txt"), *FLAGS)
    assert plain.stdout.splitlines()[-1] == "1 个错误，0 个警告，0 个提示，共 1 个文件"
    (tmp_path / "mine.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    given = _cli(str(tmp_path / "a.txt"), *FLAGS, "--config", str(tmp_path / "mine.toml"))
    assert given.stdout.splitlines()[-1].endswith(f"（配置：{tmp_path / 'mine.toml'}）")


# -- standard input closed ------------------------------------------------------------------------


def test_lint_with_stdin_closed_is_one_chinese_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DRAFTING_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    run = subprocess.run(
        ["sh", "-c", f'exec "{sys.executable}" -m drafting lint - <&-'],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and "标准输入" in lines[0], run.stderr
    assert "Traceback" not in run.stderr and "意外问题" not in run.stderr
