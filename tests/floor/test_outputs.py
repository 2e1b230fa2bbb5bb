"""Outputs (:mod:`drafting.atomic`): only regular files, names that fit, failed writes that
leave nothing behind, and inputs that are never the output."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafting import atomic
from drafting.atomic import check_writable, is_temp_for, temp_prefix, write_bytes
from drafting.batch import safe_filename, unique_name
from drafting.errors import OutputError
from drafting.limits import MAX_FILENAME_BYTES, MAX_OUTPUT_NAME_BYTES


def _link(path: Path, target: str | Path) -> Path:
    try:
        path.symlink_to(target)
    except OSError as exc:
        pytest.skip(f"cannot make a symlink: {exc}")
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- only regular files ------------------------------------------------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_a_symlink_output_is_refused_and_left_alone(tmp_path: Path, force: bool) -> None:
    real = tmp_path / "real.docx"
    real.write_bytes(b"the user's file")
    link = _link(tmp_path / "out.docx", real)
    with pytest.raises(OutputError, match="符号链接"):
        write_bytes(link, b"new", force=force)
    assert link.is_symlink() and real.read_bytes() == b"the user's file"
    assert not _leftovers(tmp_path)


def test_a_dangling_symlink_output_is_refused(tmp_path: Path) -> None:
    link = _link(tmp_path / "out.docx", tmp_path / "nowhere" / "x.docx")
    with pytest.raises(OutputError, match="符号链接"):
        check_writable(link, force=True)


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_output_is_refused(tmp_path: Path, force: bool) -> None:
    with pytest.raises(OutputError, match="输出路径是一个文件夹"):
        check_writable(tmp_path, force=force)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_output_is_refused_with_force(tmp_path: Path) -> None:
    fifo = tmp_path / "out.docx"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="命名管道"):
        write_bytes(fifo, b"x", force=True)
    assert not _leftovers(tmp_path)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_output_is_refused_with_force() -> None:
    with pytest.raises(OutputError, match="字符设备"):
        check_writable(Path("/dev/null"), force=True)


def test_an_existing_regular_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_bytes(b"old")
    with pytest.raises(OutputError, match="文件已存在"):
        write_bytes(out, b"new")
    write_bytes(out, b"new", force=True)
    assert out.read_bytes() == b"new"


def test_a_symlink_swapped_in_while_writing_is_refused(tmp_path: Path, monkeypatch) -> None:
    out, real = tmp_path / "out.txt", tmp_path / "real.txt"
    real.write_bytes(b"keep")
    real_fsync = os.fsync

    def swap_then_fsync(fd: int) -> None:
        real_fsync(fd)
        _link(out, real)

    monkeypatch.setattr(atomic.os, "fsync", swap_then_fsync)
    with pytest.raises(OutputError, match="符号链接"):
        write_bytes(out, b"new", force=True)
    assert out.is_symlink() and real.read_bytes() == b"keep"
    assert not _leftovers(tmp_path)


# -- names -------------------------------------------------------------------------------------


def test_an_output_name_past_the_file_system_limit_is_refused(tmp_path: Path) -> None:
    name = "关" * 90 + ".docx"  # 275 bytes
    with pytest.raises(OutputError) as caught:
        write_bytes(tmp_path / name, b"x")
    assert "输出文件名过长（275 字节，文件系统上限 255 字节）" in str(caught.value)
    assert not list(tmp_path.iterdir())


def test_a_name_just_within_the_limit_is_written(tmp_path: Path) -> None:
    name = "关" * 83 + ".docx"  # 254 bytes: its temporary name must be shortened
    out = tmp_path / name
    write_bytes(out, b"x")
    assert out.read_bytes() == b"x" and not _leftovers(tmp_path)
    prefix = temp_prefix(out)
    assert len(prefix.encode("utf-8")) + 12 <= MAX_OUTPUT_NAME_BYTES
    assert is_temp_for(f"{prefix}abcd1234.tmp", out)
    assert not is_temp_for(f"{prefix}abcd1234.tmp", tmp_path / "other.docx")


def test_stale_temps_of_a_long_name_are_cleaned(tmp_path: Path) -> None:
    out = tmp_path / ("关" * 83 + ".docx")
    stale = tmp_path / f"{temp_prefix(out)}abcd1234.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    write_bytes(out, b"x")
    assert not stale.exists()


@pytest.mark.parametrize("char", ["关", "\U00020000", "a"])
def test_batch_names_fit_in_bytes(char: str) -> None:
    stem = safe_filename(char * 500)
    assert len(stem.encode("utf-8")) <= MAX_FILENAME_BYTES
    name = unique_name(stem, ".docx", {f"{stem}.docx".casefold()} | {
        f"{stem}-{n}.docx".casefold() for n in range(2, 5000)
    })  # fmt: skip
    assert len(name.encode("utf-8")) <= MAX_OUTPUT_NAME_BYTES


def test_batch_names_drop_lone_surrogates() -> None:
    assert safe_filename("单位\udc80名") == "单位名"


# -- failed writes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EFBIG, "文件超过了系统允许的大小"),
        (errno.EACCES, "没有权限"),
        (errno.EROFS, "只读"),
        (errno.EDQUOT, "磁盘配额"),
        (errno.EIO, "I/O 错误"),
    ],
)
def test_a_failed_write_is_one_chinese_line_and_leaves_nothing(
    tmp_path: Path, monkeypatch, code: int, reason: str
) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous version")

    def failing_fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(OutputError) as caught:
        write_bytes(out, b"new version", force=True)
    message = str(caught.value)
    assert message.startswith(f"{out}: 写入失败（") and message.endswith("；没有留下半截文件")
    assert reason in message
    assert out.read_bytes() == b"previous version"
    assert not _leftovers(tmp_path)


def test_a_failed_rename_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    def failing_replace(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OutputError, match="没有权限"):
        write_bytes(tmp_path / "out.docx", b"x")
    assert not list(tmp_path.iterdir())


def test_a_temp_file_that_cannot_be_made_is_a_chinese_line(tmp_path: Path, monkeypatch) -> None:
    def failing_mkstemp(**kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", failing_mkstemp)
    with pytest.raises(OutputError, match="只读"):
        write_bytes(tmp_path / "out.docx", b"x")


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_file_size_limit_is_a_chinese_line_not_a_killed_process(tmp_path: Path) -> None:
    import resource

    draft = tmp_path / "draft.md"
    body = "\n".join(f"第{n}段：请各单位认真落实有关要求，按时报送材料。" for n in range(400))
    draft.write_text(f"---\ntitle: 关于开展检查的通知\n---\n{body}\n", encoding="utf-8")

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    done = subprocess.run(
        [sys.executable, "-m", "drafting", "render", "draft.md", "-o", "out.docx", "--no-lint"],
        cwd=tmp_path,
        preexec_fn=small_files,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "文件超过了系统允许的大小" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]
