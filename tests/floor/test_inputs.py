"""The input gate (:mod:`drafting.inputs`): regular files only, bounded reads, confinement."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafting import inputs, limits
from drafting.errors import ConfigError, DataError, InputError
from drafting.inputs import (
    allowed_folders,
    confine,
    read_confined,
    read_file,
    read_stdin,
    read_text,
)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


def _link(path: Path, target: str | Path) -> Path:
    try:
        path.symlink_to(target)
    except OSError as exc:
        pytest.skip(f"cannot make a symlink: {exc}")
    return path


# -- read_file ---------------------------------------------------------------------------------


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("通知正文".encode() * 1000)
    assert read_file(path, limits.MIB) == path.read_bytes()


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1024)
    assert len(read_file(path, 1024)) == 1024
    path.write_bytes(b"x" * 1025)
    with pytest.raises(InputError, match="过大"):
        read_file(path, 1024)
    path.write_bytes(b"x" * 3072)
    with pytest.raises(DataError) as caught:
        read_file(path, 2048, what="数据文件", error=DataError)
    assert str(caught.value) == f"{path}: 数据文件过大（3 KB），超过上限 2 KB；请拆分后再处理"


def test_the_read_is_bounded_when_st_size_lies(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * 10_000)
    real_stat = os.stat

    def lying_stat(target, *args, **kwargs):  # as /proc files do: st_size 0
        result = real_stat(target, *args, **kwargs)
        if str(target) == str(path):
            return os.stat_result((*result[:6], 0, *result[7:]))
        return result

    monkeypatch.setattr(inputs.os, "stat", lying_stat)
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        reads.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(inputs.os, "read", counting_read)
    with pytest.raises(InputError, match="过大（超过上限 1 KB）"):
        read_file(path, 1024)
    assert sum(reads) <= 1025


def test_missing_file_says_so_in_the_callers_words(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到数据文件"):
        read_file(tmp_path / "无.yaml", 100, what="数据文件")
    with pytest.raises(InputError, match=r"^.*: 文件不存在$"):
        read_file(tmp_path / "无.txt", 100, missing="文件不存在")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="配置文件是一个文件夹，不是文件"):
        read_file(tmp_path, 100, what="配置文件", error=ConfigError)


@needs_fifo
def test_a_fifo_is_refused_at_once_without_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    code = (
        "import sys\n"
        "from drafting.inputs import read_file\n"
        "from drafting.errors import InputError\n"
        "try:\n"
        f"    read_file({str(fifo)!r}, 100)\n"
        "except InputError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "是命名管道（FIFO），不是普通文件；只读取普通文件" in done.stdout, done.stderr


@needs_fifo
def test_a_fifo_swapped_in_after_the_stat_is_caught_by_fstat(tmp_path: Path, monkeypatch) -> None:
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    regular = tmp_path / "plain.txt"
    regular.write_text("正文", encoding="utf-8")
    real_stat = os.stat
    monkeypatch.setattr(
        inputs.os, "stat", lambda p, *a, **k: real_stat(regular if str(p) == str(fifo) else p)
    )
    with pytest.raises(InputError, match="命名管道"):
        read_file(fifo, 100)


@needs_dev_zero
def test_a_symlink_to_dev_zero_is_refused_without_reading(tmp_path: Path, monkeypatch) -> None:
    link = _link(tmp_path / "zero.txt", "/dev/zero")
    monkeypatch.setattr(inputs.os, "read", lambda *a: pytest.fail("read a device"))
    with pytest.raises(InputError, match="字符设备"):
        read_file(link, limits.MAX_TEXT_BYTES)


def test_an_unreadable_file_is_a_chinese_line(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "a.txt"
    path.write_text("正文", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="没有读取权限"):
        read_file(path, 100)


def test_a_symlink_loop_is_a_chinese_line(tmp_path: Path) -> None:
    _link(tmp_path / "a", tmp_path / "b")
    _link(tmp_path / "b", tmp_path / "a")
    with pytest.raises(InputError, match="符号链接绕成了环"):
        read_file(tmp_path / "a", 100)


def test_read_text_names_the_line_of_a_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes("第一行\n第二行\n".encode() + b"\xff\n")
    with pytest.raises(ConfigError) as caught:
        read_text(path, 100, what="词表", error=ConfigError)
    assert caught.value.line == 3 and "词表不是 UTF-8 编码" in str(caught.value)


# -- read_stdin --------------------------------------------------------------------------------


def test_stdin_is_read_up_to_the_limit() -> None:
    assert read_stdin(10, stream=io.BytesIO(b"0123456789")) == b"0123456789"
    with pytest.raises(InputError, match="过大（超过上限 1 KB）"):
        read_stdin(1024, stream=io.BytesIO(b"x" * 5000))


def test_a_huge_stdin_is_not_held_whole() -> None:
    class Endless(io.RawIOBase):
        given = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            self.given += len(buffer)
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

    endless = Endless()
    with pytest.raises(InputError, match="过大"):
        read_stdin(3 * inputs.CHUNK, stream=io.BufferedReader(endless))
    assert endless.given <= 5 * inputs.CHUNK


def test_closed_stdin_is_a_chinese_line(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(DataError, match="标准输入已关闭"):
        read_stdin(100, error=DataError)
    closed = io.BytesIO(b"")
    closed.close()
    with pytest.raises(InputError, match="标准输入已关闭"):
        read_stdin(100, stream=closed)


@pytest.mark.parametrize(
    "command",
    [["lint", "-"], ["render", "notice", "-", "-o", "out.docx"]],
    ids=["lint", "render"],
)
def test_closed_stdin_from_the_shell(command: list[str], tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("POSIX shell needed")
    shell = f'"{sys.executable}" -m drafting {" ".join(command)} <&-'
    done = subprocess.run(
        ["sh", "-c", shell], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert "标准输入已关闭" in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())


@needs_dev_zero
def test_render_data_from_dev_zero_on_stdin_stops_at_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "drafting", "render", "notice", "-", "-o", "out.docx"],
            cwd=tmp_path,
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2 and "过大" in done.stderr, done.stderr
    assert not list(tmp_path.iterdir())


# -- confinement -------------------------------------------------------------------------------


def _where(**more):
    return {"source": "draft.md", "line": 7, "field": "attachments[2].file", **more}


def test_a_file_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "附件").mkdir()
    path = tmp_path / "附件" / "名单.md"
    path.write_text("张三", encoding="utf-8")
    real, data = read_confined("附件/名单.md", tmp_path, limit=100, **_where())
    assert real == path.resolve() and data == "张三".encode()
    assert confine("./附件/../附件/名单.md", tmp_path, limit=100, **_where()) == path.resolve()


def test_a_symlink_that_stays_inside_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("正文", encoding="utf-8")
    _link(tmp_path / "link.md", "real.md")
    assert read_confined("link.md", tmp_path, limit=100, **_where())[1] == "正文".encode()


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/etc/passwd", "是绝对路径"),
        ("/proc/self/environ", "是绝对路径"),
        ("../outside.md", "用 .. 跳出了所在的文件夹"),
        ("sub/../../outside.md", "用 .. 跳出了所在的文件夹"),
    ],
)
def test_paths_leading_out_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    base = tmp_path / "draft"
    base.mkdir()
    (tmp_path / "outside.md").write_text("机密", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_confined(name, base, limit=100, **_where())
    message = str(caught.value)
    assert message.startswith(f"draft.md:7: 字段“attachments[2].file”的路径“{name}”{reason}")
    assert "--allow-dir" in message and "机密" not in message


def test_a_symlink_leading_out_is_refused_and_named(tmp_path: Path) -> None:
    base = tmp_path / "draft"
    base.mkdir()
    secret = tmp_path / "secret.md"
    secret.write_text("机密", encoding="utf-8")
    _link(base / "名单.md", secret)
    with pytest.raises(InputError, match=f"是指向 {secret} 的符号链接"):
        confine("名单.md", base, limit=100, **_where())


def test_allowed_folders_open_the_way_explicitly(tmp_path: Path) -> None:
    base, shared = tmp_path / "draft", tmp_path / "shared"
    base.mkdir()
    shared.mkdir()
    (shared / "表.md").write_text("表", encoding="utf-8")
    with pytest.raises(InputError):
        read_confined("../shared/表.md", base, limit=100, **_where())
    allowed = allowed_folders([shared])
    assert read_confined("../shared/表.md", base, allowed=allowed, limit=100, **_where())[1]
    absolute = str(shared / "表.md")
    assert read_confined(absolute, base, allowed=allowed, limit=100, **_where())[1]


def test_allowed_folders_must_exist(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"--allow-dir 给出的“.*无”不存在"):
        allowed_folders([tmp_path / "无"])
    with pytest.raises(InputError, match="不是文件夹"):
        allowed_folders([tmp_path / "file"])


def test_confined_special_and_oversized_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(InputError, match="“dir”是一个文件夹"):
        confine("dir", tmp_path, limit=100, **_where())
    (tmp_path / "big.png").write_bytes(b"x" * 2048)
    expected = "字段“seal”指向的文件“big.png”过大（2 KB），超过上限 1 KB"
    with pytest.raises(InputError, match=re.escape(expected)):
        confine("big.png", tmp_path, limit=1024, **_where(field="seal"))
    with pytest.raises(InputError, match=r"^draft\.md:7: 找不到印章$"):
        confine("无.png", tmp_path, limit=1024, missing="找不到印章", **_where(field="seal"))
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.md")
        with pytest.raises(InputError, match="命名管道"):
            read_confined("pipe.md", tmp_path, limit=100, **_where())


def test_a_confined_symlink_loop_is_a_chinese_line(tmp_path: Path) -> None:
    _link(tmp_path / "a.md", tmp_path / "b.md")
    _link(tmp_path / "b.md", tmp_path / "a.md")
    with pytest.raises(InputError, match="符号链接"):
        read_confined("a.md", tmp_path, limit=100, **_where())


def test_a_nul_in_the_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="空字符"):
        confine("a\x00.md", tmp_path, limit=100, **_where())
