"""``--fix`` loses nothing: a symlink keeps being a link (its target is fixed), hard links stay
linked, a file edited while the lint runs is left with the edit (and no stale backup), a write
that fails changes nothing, and a word list with an empty pattern is a config error."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import drafting.review.rewrite as rewrite_module
from drafting.cli import cli
from drafting.errors import ConfigError, OutputError
from drafting.lexicon import check_user_list, read_pairs
from drafting.lint.engine import FileResult
from drafting.lint.settings import make_linter
from drafting.review import fix as fix_module
from drafting.review.fix import FixedFile, fix_file, fix_paths
from drafting.review.rewrite import CHANGED, FileChangedError

TEXT = "请于11月5日前报送材料,逾期不再受理。\n"
FIXED = "请于11月5日前报送材料，逾期不再受理。\n"
EDIT = "用户在审校期间改过的文字。\n"
FLAGS = ["--genre", "notice", "--select", "N301"]


def _cli(*args: str) -> object:
    return CliRunner().invoke(cli, ["lint", *args, *FLAGS])


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- links ---------------------------------------------------------------------------------------


def test_symlink_is_kept_and_its_target_fixed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "notice.txt"
    real.write_text(TEXT, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(Path("real") / "notice.txt")
    result = _cli(str(link), "--fix")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "notice.txt")
    assert real.read_text(encoding="utf-8") == FIXED
    backup = tmp_path / "real" / "notice.txt.bak"
    assert backup.read_text(encoding="utf-8") == TEXT  # beside the file it backs up
    assert f"原文件已备份为 {backup}" in result.stderr
    assert _names(tmp_path) == ["link.txt", "real"]


def test_chain_of_symlinks_fixes_the_final_target(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(TEXT, encoding="utf-8")
    (tmp_path / "one.txt").symlink_to("real.txt")
    (tmp_path / "two.txt").symlink_to("one.txt")
    result = _cli(str(tmp_path / "two.txt"), "--fix", "--no-backup")
    assert result.exit_code == 0, result.output
    assert real.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "one.txt").is_symlink() and (tmp_path / "two.txt").is_symlink()
    assert _names(tmp_path) == ["one.txt", "real.txt", "two.txt"]


@pytest.mark.parametrize("backup", [True, False])
def test_hard_links_stay_linked_and_both_names_see_the_fix(tmp_path: Path, backup: bool) -> None:
    first = tmp_path / "a.txt"
    first.write_text(TEXT, encoding="utf-8")
    second = tmp_path / "b.txt"
    os.link(first, second)
    inode = first.stat().st_ino
    result = _cli(str(first), "--fix", *([] if backup else ["--no-backup"]))
    assert result.exit_code == 0, result.output
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert os.path.samefile(first, second)
    assert second.read_text(encoding="utf-8") == FIXED
    expected = ["a.txt", "a.txt.bak", "b.txt"] if backup else ["a.txt", "b.txt"]
    assert _names(tmp_path) == expected
    if backup:
        assert (tmp_path / "a.txt.bak").read_text(encoding="utf-8") == TEXT
        assert (tmp_path / "a.txt.bak").stat().st_nlink == 1


def test_a_single_name_is_replaced_atomically_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0o640)
    inode = path.stat().st_ino
    assert _cli(str(path), "--fix").exit_code == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert path.stat().st_ino != inode  # renamed into place
    assert path.stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "a.txt.bak").stat().st_mode & 0o777 == 0o640


def test_shorter_and_longer_content_in_place(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "各单位要认真落实“放管服”改革要求。。\n" + "正文。" * 2000 + "\n"
    path.write_text(text, encoding="utf-8")
    os.link(path, tmp_path / "b.txt")
    result = CliRunner().invoke(cli, ["lint", str(path), "--fix", "--select", "N302"])
    assert result.exit_code == 0, result.output
    fixed = (tmp_path / "b.txt").read_text(encoding="utf-8")
    assert fixed == text.replace("。。", "。", 1)  # shorter: the tail is cut, not left over


# -- changed between reading and writing -------------------------------------------------------


def _editing_linter(path: Path, edit: str = EDIT) -> Callable[[str, bytes], FileResult]:
    """A linter that, on its first call (the file has been read), saves a user's edit."""
    lint = make_linter(path, genre="notice", select=["N301"])
    calls: list[int] = []

    def editing(name: str, data: bytes) -> FileResult:
        if not calls:
            path.write_text(edit, encoding="utf-8")
        calls.append(1)
        return lint(name, data)

    return editing


def test_file_edited_during_the_lint_keeps_the_edit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(FileChangedError) as caught:
        fix_file(path, _editing_linter(path))
    assert str(caught.value) == f"{path}: {CHANGED}"
    assert path.read_text(encoding="utf-8") == EDIT
    assert _names(tmp_path) == ["a.txt"]  # no backup of the stale text, no temporary file


def test_same_size_edit_is_seen_by_the_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    same_size = TEXT.replace("报送", "上报")
    stamp = path.stat()
    lint = _editing_linter(path, same_size)

    def and_restore_mtime(name: str, data: bytes) -> FileResult:
        result = lint(name, data)
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        return result

    with pytest.raises(FileChangedError):
        fix_file(path, and_restore_mtime)
    assert path.read_text(encoding="utf-8") == same_size


@pytest.mark.parametrize("hard_link", [False, True])
def test_edit_after_the_backup_removes_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_link: bool
) -> None:
    """An edit saved after the backup is made (the last check, right before the replace)."""
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    if hard_link:
        os.link(path, tmp_path / "b.txt")
    make_backup = rewrite_module._make_backup

    def backup_then_edit(*args: object) -> Path:
        saved = make_backup(*args)  # type: ignore[arg-type]
        assert saved.read_text(encoding="utf-8") == TEXT
        path.write_text(EDIT, encoding="utf-8")
        return saved

    monkeypatch.setattr(rewrite_module, "_make_backup", backup_then_edit)
    fixed = fix_file(path, make_linter(path, genre="notice", select=["N301"]), write=False)
    with pytest.raises(FileChangedError):
        fix_module.write_fixed(fixed)
    assert path.read_text(encoding="utf-8") == EDIT
    assert _names(tmp_path) == (["a.txt", "b.txt"] if hard_link else ["a.txt"])


def test_cli_refuses_with_one_chinese_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(fix_module, "make_linter", lambda file, **_: _editing_linter(Path(file)))
    result = _cli(str(path), "--fix")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"错误：{path}: {CHANGED}"]
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == EDIT
    assert _names(tmp_path) == ["a.txt"]


def test_other_files_are_still_fixed_when_one_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited, other = tmp_path / "a.txt", tmp_path / "b.txt"
    edited.write_text(TEXT, encoding="utf-8")
    other.write_text(TEXT, encoding="utf-8")
    real = fix_module.make_linter

    def linter(file: Path, **flags: object) -> object:
        return _editing_linter(edited) if Path(file) == edited else real(file, **flags)

    monkeypatch.setattr(fix_module, "make_linter", linter)
    outcomes = fix_paths([edited, other], genre="notice", select=["N301"])
    assert [isinstance(o, FixedFile) and o.refused for o in outcomes] == [CHANGED, None]
    assert edited.read_text(encoding="utf-8") == EDIT
    assert other.read_text(encoding="utf-8") == FIXED


def test_file_replaced_by_another_between_read_and_write(tmp_path: Path) -> None:
    """An editor's save that renames a new file over the old one (same text, new inode)."""
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    lint = make_linter(path, genre="notice", select=["N301"])

    def swap(name: str, data: bytes) -> FileResult:
        if path.stat().st_size == len(TEXT.encode()):
            fresh = tmp_path / "fresh.txt"
            fresh.write_text(TEXT, encoding="utf-8")
            os.replace(fresh, path)
        return lint(name, data)

    with pytest.raises(FileChangedError):
        fix_file(path, swap)


# -- failures to write ---------------------------------------------------------------------------


def test_a_full_disk_while_writing_in_place_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    os.link(path, tmp_path / "b.txt")
    overwrite = rewrite_module._overwrite
    calls: list[bytes] = []

    def fail_first(handle: object, data: bytes) -> None:
        calls.append(data)
        if len(calls) == 1:
            handle.seek(0)  # type: ignore[attr-defined]
            handle.write(data[:7])  # type: ignore[attr-defined]  # half written, then ENOSPC
            handle.flush()  # type: ignore[attr-defined]
            raise OSError(errno.ENOSPC, "No space left on device")
        overwrite(handle, data)  # type: ignore[arg-type]

    monkeypatch.setattr(rewrite_module, "_overwrite", fail_first)
    result = _cli(str(path), "--fix")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"错误：{path}: 磁盘空间不足，未写入修复；文件未改动"]
    assert path.read_text(encoding="utf-8") == TEXT
    assert _names(tmp_path) == ["a.txt", "b.txt"]


def test_a_write_that_cannot_be_undone_keeps_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    os.link(path, tmp_path / "b.txt")

    def always_fail(handle: object, data: bytes) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(rewrite_module, "_overwrite", always_fail)
    fixed = fix_file(path, make_linter(path, genre="notice", select=["N301"]), write=False)
    with pytest.raises(OutputError, match="原文保存在备份"):
        fix_module.write_fixed(fixed, backup=False)
    assert (tmp_path / "a.txt.bak").read_text(encoding="utf-8") == TEXT


def test_no_room_for_a_longer_text_fails_before_anything_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")  # "," (1 byte) becomes "，" (3 bytes): it grows
    os.link(path, tmp_path / "b.txt")

    def no_space(fd: int, offset: int, length: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "posix_fallocate", no_space, raising=False)
    result = _cli(str(path), "--fix")
    assert result.exit_code == 2
    assert "磁盘空间不足" in result.stderr
    assert path.read_bytes() == TEXT.encode()
    assert _names(tmp_path) == ["a.txt", "b.txt"]


def test_a_full_disk_on_the_atomic_route_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    real_fsync = os.fsync
    calls: list[int] = []

    def full_on_second(fd: int) -> None:  # the backup's fsync passes, the new text's fails
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_on_second)
    result = _cli(str(path), "--fix")
    assert result.exit_code == 2, result.output
    # the atomic writer says it (its temporary file removed, the original never touched)
    message = f"错误：{path}: 写入失败（磁盘空间不足）；没有留下半截文件"
    assert result.stderr.splitlines() == [message]
    assert path.read_text(encoding="utf-8") == TEXT
    assert _names(tmp_path) == ["a.txt"]


# -- word lists ----------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", ["→X", "->X", " → X"])
def test_empty_pattern_in_a_pair_list_names_the_file_and_line(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "typos.txt"
    path.write_text(f"# 用户错别字表\n\n按装→安装\n{entry}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_pairs(path)
    assert str(caught.value).startswith(f"{path}:4: ")
    with pytest.raises(ConfigError, match="左边"):
        check_user_list(path)


def test_pair_list_errors_count_lines_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "typos.txt"
    path.write_text("# 注释\n\n按装→安装\n错\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_pairs(path)
    assert str(caught.value).startswith(f"{path}:4: ")


def test_fix_with_an_empty_typo_pattern_is_a_config_error_and_changes_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "drafting.toml").write_text('extra-typos = "typos.txt"\n', encoding="utf-8")
    (tmp_path / "typos.txt").write_text("按装→安装\n→X\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("请各单位按时按装调试设备。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(path), "--fix", "--genre", "notice"])
    assert result.exit_code == 2
    typos = tmp_path / "typos.txt"
    assert result.stderr.splitlines() == [
        f"错误：{typos}:2: 词条“→X”的左边（要查找的写法）是空的，会匹配任何位置；请补全或删去这一行"
    ]
    assert path.read_text(encoding="utf-8") == "请各单位按时按装调试设备。\n"
    assert _names(tmp_path) == ["a.txt", "drafting.toml", "typos.txt"]
