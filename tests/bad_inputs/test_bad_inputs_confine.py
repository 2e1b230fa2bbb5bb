"""Bad-input rows for issue 14, items 1, 2 and 6: paths confined to their folder, special files
refused without hanging or reading, and outputs that are only ever regular files.

Every row runs ``python -m drafting …`` as a subprocess (see ``tests/matrix.py``): exit code,
one Chinese line naming the file, the line and the field, no traceback, nothing written or left
behind; ``forbid`` keeps a secret's text out of every output. Special files (a FIFO, a symlink
to ``/dev/zero``) have a short timeout as a hang guard and a peak-memory cap.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import badinputs as bad
import pytest
from matrix import Case, check_case, registry

CASES, case = registry()

RENDER = ("cmd:render", "template:notice")
ALLOW = (*RENDER, "opt:render:--allow-dir")
BATCH_ALLOW = ("cmd:batch", "template:notice", "opt:batch:--allow-dir")
#: A hang guard for special files: the refusal is immediate, a hang is killed well before this.
QUICK = 60
#: Peak memory of a refusal (python, jieba not loaded for render, python-docx maybe).
PEAK = 200
#: Text that marks a secret outside the work folder: it must never reach any output.
SECRET = "机密内容-不得外泄-7f3a9c"
UP = "../" * 40  # enough ``..`` to climb from any temporary folder to ``/``


def _secret(work: Path) -> Path:
    """A Markdown file outside ``work`` (beside it) holding :data:`SECRET`."""
    folder = work.parent / "elsewhere"
    folder.mkdir(exist_ok=True)
    path = folder / "机密.md"
    path.write_text(f"# 机密\n\n{SECRET}\n", encoding="utf-8")
    return path


def _draft(work: Path, front: str, name: str = "draft.md") -> Path:
    """A draft whose front matter is ``title`` then ``front`` (so ``front`` starts on line 3)."""
    path = work / name
    path.write_text(f"---\ntitle: 关于开展检查的通知\n{front}---\n请认真落实。\n", encoding="utf-8")
    return path


def _attachment(work: Path, file: str) -> Path:
    """A draft with one attachment whose ``file`` (on line 5) is ``file``."""
    return _draft(work, f"attachments:\n  - title: 名单\n    file: {file}\n")


def _render(draft: str = "draft.md", *more: str) -> list[str]:
    return ["render", draft, "-o", "out.docx", "--no-lint", *more]


def _refused(reason: tuple[str, ...], *, field: str = "attachments[1].file", line: str = ":5:",
             forbid: tuple[str, ...] = (SECRET,), needs: tuple[str, ...] = RENDER,
             args: list[str] | None = None, name: str = "draft.md") -> Case:  # fmt: skip
    return Case(args or _render(name), names=(f"{name}{line}", f"字段“{field}”"), any_of=reason,
                forbid=forbid, needs=needs, timeout=QUICK, max_peak_mib=PEAK)  # fmt: skip


def _fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(path)
    return path


def _link(path: Path, target: str | Path) -> Path:
    try:
        path.symlink_to(target)
    except OSError as exc:  # Windows without the right to make symlinks
        pytest.skip(f"cannot make a symlink: {exc}")
    return path


def _only(*names: str) -> Callable[[set[str]], None]:
    def judge(new: set[str]) -> None:
        assert new == set(names), f"expected only {names}, got {sorted(new)}"

    return judge


# -- confinement: paths named in a draft --------------------------------------------------------


@case("confine-attachment-etc-passwd")
def _(work: Path) -> Case:
    _attachment(work, "/etc/passwd")
    return _refused(("绝对路径",), forbid=("root:x:0",))


@case("confine-attachment-dotdot-etc-hostname")
def _(work: Path) -> Case:
    _attachment(work, f"{UP}etc/hostname")
    return _refused((".. 跳出",))


@case("confine-attachment-dotdot-secret")
def _(work: Path) -> Case:
    _secret(work)
    _attachment(work, "../elsewhere/机密.md")
    return _refused((".. 跳出",))


@case("confine-attachment-absolute-secret")
def _(work: Path) -> Case:
    _attachment(work, str(_secret(work)))
    return _refused(("绝对路径",))


@case("confine-attachment-proc-self-environ")
def _(work: Path) -> Case:
    _attachment(work, "/proc/self/environ")
    return _refused(("绝对路径",), forbid=("PATH=", "HOME="))


@case("confine-attachment-symlink-to-etc-hostname")
def _(work: Path) -> Case:
    _link(work / "名单.md", "/etc/hostname")
    _attachment(work, "名单.md")
    return _refused(("符号链接",))


@case("confine-attachment-symlink-to-secret")
def _(work: Path) -> Case:
    _link(work / "名单.md", _secret(work))
    _attachment(work, "名单.md")
    return _refused(("符号链接",))


@case("confine-attachment-symlinked-subfolder-out")
def _(work: Path) -> Case:
    _secret(work)
    _link(work / "附件", work.parent / "elsewhere")
    _attachment(work, "附件/机密.md")
    return _refused(("符号链接",))


@case("confine-attachment-fifo")
def _(work: Path) -> Case:
    _fifo(work / "名单.md")
    _attachment(work, "名单.md")
    return _refused(("命名管道",))


@case("confine-attachment-symlink-to-dev-zero")
def _(work: Path) -> Case:
    _link(work / "名单.md", "/dev/zero")
    _attachment(work, "名单.md")
    return _refused(("符号链接",))


@case("confine-attachment-dev-zero-even-when-allowed")
def _(work: Path) -> Case:
    _link(work / "名单.md", "/dev/zero")
    _attachment(work, "名单.md")
    return _refused(("字符设备",), needs=ALLOW, args=_render("draft.md", "--allow-dir", "/dev"))


@case("confine-attachment-folder")
def _(work: Path) -> Case:
    (work / "名单").mkdir()
    _attachment(work, "名单")
    return _refused(("文件夹",))


@case("confine-attachment-oversized")
def _(work: Path) -> Case:
    with (work / "名单.md").open("wb") as handle:
        handle.write(("| 单位 | 人数 |\n" * 400_000).encode("utf-8"))  # 6.4 MB of table
    _attachment(work, "名单.md")
    return _refused(("过大",))


@case("confine-attachment-missing-names-the-file")
def _(work: Path) -> Case:
    _attachment(work, "名单.md")
    return Case(_render(), names=("draft.md:5", "名单.md"), any_of=("找不到",), needs=RENDER)


@case("confine-seal-etc-passwd")
def _(work: Path) -> Case:
    _draft(work, "signature: 某某县教育局\ndate: 2026-03-01\nseal: /etc/passwd\n")
    return _refused(("绝对路径",), field="seal", forbid=("root:x:0",))


@case("confine-seal-symlink-to-dev-zero")
def _(work: Path) -> Case:
    _link(work / "seal.png", "/dev/zero")
    _draft(work, "signature: 某某县教育局\ndate: 2026-03-01\nseal: seal.png\n")
    return _refused(("符号链接",), field="seal")


@case("confine-seal-fifo")
def _(work: Path) -> Case:
    _fifo(work / "seal.png")
    _draft(work, "signature: 某某县教育局\ndate: 2026-03-01\nseal: seal.png\n")
    return _refused(("命名管道",), field="seal")


@case("confine-allow-dir-that-does-not-exist")
def _(work: Path) -> Case:
    _attachment(work, "名单.md")
    return Case(_render("draft.md", "--allow-dir", "没有这个文件夹"), names=("--allow-dir",),
                any_of=("不存在",), needs=ALLOW)  # fmt: skip


@case("confine-allow-dir-reads-a-legitimate-outside-attachment")
def _(work: Path) -> Case:
    _secret(work)
    _attachment(work, "../elsewhere/机密.md")
    return Case(_render("draft.md", "--allow-dir", "../elsewhere"), code=0, one_line=False,
                stdout_has=("已生成",), allow_new=_only("out.docx"), needs=ALLOW)  # fmt: skip


@case("confine-allow-dir-is-not-a-blanket-pass")
def _(work: Path) -> Case:
    _secret(work)
    (work.parent / "other").mkdir()
    _attachment(work, "../elsewhere/机密.md")
    return _refused((".. 跳出",), needs=ALLOW, args=_render("draft.md", "--allow-dir", "../other"))


# -- confinement: front matter a user template emits -----------------------------------------

_EVIL_TEMPLATE = """---
title: {{ title | yaml }}
attachments:
  - title: 名单
    file: FILE
---
{{ title }}
"""


def _evil_template(work: Path, file: str) -> tuple[Path, Path]:
    """A ``--template-dir`` with template ``evil`` whose front matter names ``file`` (line 5 of
    the generated draft), and a data file for it."""
    root = bad.user_template(work, _EVIL_TEMPLATE.replace("FILE", file), tid="evil")
    data = bad.write_yaml(work / "data.yaml", bad.sample("notice"))
    return root, data


def _template_args(root: Path, data: str = "data.yaml", *more: str) -> list[str]:
    return ["render", "evil", data, "-o", "out.docx", "--no-lint", "--template-dir", root.name,
            *more]  # fmt: skip


@case("confine-user-template-emits-etc-passwd")
def _(work: Path) -> Case:
    root, _ = _evil_template(work, "/etc/passwd")
    return Case(_template_args(root), names=("字段“attachments[1].file”", ":5:"),
                any_of=("绝对路径",), forbid=("root:x:0",),
                needs=(*RENDER, "opt:render:--template-dir"))  # fmt: skip


@case("confine-user-template-emits-dotdot-secret")
def _(work: Path) -> Case:
    _secret(work)
    root, _ = _evil_template(work, "../elsewhere/机密.md")
    return Case(_template_args(root), names=("字段“attachments[1].file”",), any_of=(".. 跳出",),
                forbid=(SECRET,), needs=(*RENDER, "opt:render:--template-dir"))  # fmt: skip


@case("confine-user-template-from-stdin-data")
def _(work: Path) -> Case:
    _secret(work)
    root, data = _evil_template(work, "../elsewhere/机密.md")
    return Case(_template_args(root, "-"), stdin=data.read_bytes(),
                names=("字段“attachments[1].file”",), any_of=(".. 跳出",), forbid=(SECRET,),
                needs=(*RENDER, "opt:render:--template-dir"))  # fmt: skip


@case("confine-batch-user-template-emits-etc-passwd")
def _(work: Path) -> Case:
    root, _ = _evil_template(work, "/etc/passwd")
    args = ["batch", "evil", "data.yaml", "-o", "out", "--template-dir", root.name]
    return Case(args, code=1, names=("字段“attachments[1].file”",), any_of=("绝对路径",),
                forbid=("root:x:0",), allow_new=_only("out"), needs=BATCH_ALLOW,
                note="输出文件夹已建好，但其中什么也没有写")  # fmt: skip


# -- special files given to lint and render ----------------------------------------------------


@case("special-lint-fifo")
def _(work: Path) -> Case:
    _fifo(work / "in.txt")
    return Case(["lint", "in.txt"], names=("in.txt",), any_of=("命名管道",), timeout=QUICK,
                needs=("cmd:lint",))  # fmt: skip


@case("special-lint-symlink-to-dev-zero")
def _(work: Path) -> Case:
    _link(work / "zero.txt", "/dev/zero")
    return Case(["lint", "zero.txt"], names=("zero.txt",), any_of=("字符设备",), timeout=QUICK,
                max_peak_mib=PEAK, needs=("cmd:lint",))  # fmt: skip


@case("special-lint-socket")
def _(work: Path) -> Case:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no UNIX sockets on this system")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(work / "in.txt"))
    except OSError as exc:  # a path too long for a socket address
        pytest.skip(f"cannot bind a socket here: {exc}")
    finally:
        server.close()
    return Case(["lint", "in.txt"], names=("in.txt",), any_of=("套接字",), timeout=QUICK,
                needs=("cmd:lint",))  # fmt: skip


@case("special-lint-config-fifo")
def _(work: Path) -> Case:
    (work / "in.txt").write_text(bad.notice_text(), encoding="utf-8")
    _fifo(work / "drafting.toml")
    return Case(["lint", "in.txt", "--config", "drafting.toml"], names=("drafting.toml",),
                any_of=("命名管道",), timeout=QUICK, needs=("cmd:lint",))  # fmt: skip


@case("special-lint-config-folder")
def _(work: Path) -> Case:
    (work / "in.txt").write_text(bad.notice_text(), encoding="utf-8")
    (work / "conf").mkdir()
    return Case(["lint", "in.txt", "--config", "conf"], names=("conf",), any_of=("文件夹",),
                needs=("cmd:lint",))  # fmt: skip


@case("special-lint-word-list-dev-zero")
def _(work: Path) -> Case:
    (work / "in.txt").write_text(bad.notice_text(), encoding="utf-8")
    _link(work / "words.txt", "/dev/zero")
    (work / "drafting.toml").write_text('extra-florid = ["words.txt"]\n', encoding="utf-8")
    return Case(["lint", "in.txt"], names=("words.txt",), any_of=("字符设备", "不存在"),
                timeout=QUICK, max_peak_mib=400, needs=("cmd:lint",))  # fmt: skip


@case("special-render-data-fifo")
def _(work: Path) -> Case:
    _fifo(work / "data.yaml")
    return Case(["render", "notice", "data.yaml", "-o", "out.docx"], names=("data.yaml",),
                any_of=("命名管道",), timeout=QUICK, needs=RENDER)  # fmt: skip


@case("special-render-data-symlink-to-dev-zero")
def _(work: Path) -> Case:
    _link(work / "data.yaml", "/dev/zero")
    return Case(["render", "notice", "data.yaml", "-o", "out.docx"], names=("data.yaml",),
                any_of=("字符设备",), timeout=QUICK, max_peak_mib=PEAK, needs=RENDER)  # fmt: skip


@case("special-render-draft-fifo")
def _(work: Path) -> Case:
    _fifo(work / "draft.md")
    return Case(_render(), names=("draft.md",), any_of=("命名管道",), timeout=QUICK,
                needs=RENDER)  # fmt: skip


@case("special-render-draft-symlink-to-dev-zero")
def _(work: Path) -> Case:
    _link(work / "draft.md", "/dev/zero")
    return Case(_render(), names=("draft.md",), any_of=("字符设备",), timeout=QUICK,
                max_peak_mib=PEAK, needs=RENDER)  # fmt: skip


@case("special-render-fonts-fifo")
def _(work: Path) -> Case:
    _attachment(work, "名单.md")
    (work / "名单.md").write_text("张三\n", encoding="utf-8")
    _fifo(work / "fonts.yaml")
    return Case(_render("draft.md", "--fonts", "fonts.yaml"), names=("fonts.yaml",),
                any_of=("命名管道",), timeout=QUICK, needs=RENDER)  # fmt: skip


@case("special-render-previous-folder")
def _(work: Path) -> Case:
    bad.write_yaml(work / "data.yaml", bad.sample("annual-summary"))
    (work / "last-year").mkdir()
    args = ["render", "annual-summary", "data.yaml", "-o", "out.docx", "--previous", "last-year"]
    return Case(args, names=("last-year",), any_of=("文件夹", "不是文件"),
                needs=("cmd:render", "template:annual-summary"))  # fmt: skip


@case("special-batch-data-fifo")
def _(work: Path) -> Case:
    _fifo(work / "records.csv")
    return Case(["batch", "notice", "records.csv", "-o", "out"], names=("records.csv",),
                any_of=("命名管道", "不是文件"), timeout=QUICK,
                needs=("cmd:batch", "template:notice"))  # fmt: skip


# -- outputs: only regular files, never an input ----------------------------------------------


def _ready_draft(work: Path) -> None:
    _draft(work, "signature: 某某县教育局\ndate: 2026-03-01\n")


@case("output-render-to-a-folder")
def _(work: Path) -> Case:
    _ready_draft(work)
    (work / "out").mkdir()
    return Case(["render", "draft.md", "-o", "out", "--no-lint"], names=("out",),
                any_of=("文件夹",), needs=RENDER)  # fmt: skip


@case("output-new-to-a-folder")
def _(work: Path) -> Case:
    (work / "out.yaml").mkdir()
    return Case(["new", "notice", "-o", "out.yaml"], names=("out.yaml",), any_of=("文件夹",),
                needs=("cmd:new", "template:notice"))  # fmt: skip


@case("output-lint-to-a-folder")
def _(work: Path) -> Case:
    (work / "in.txt").write_text(bad.notice_text(), encoding="utf-8")
    (work / "report").mkdir()
    return Case(["lint", "in.txt", "-o", "report"], names=("report",), any_of=("文件夹",),
                needs=("cmd:lint",))  # fmt: skip


@case("output-render-to-a-symlink-with-force")
def _(work: Path) -> Case:
    _ready_draft(work)
    (work / "real.docx").write_bytes(b"the user's own file")
    _link(work / "out.docx", "real.docx")
    return Case(["render", "draft.md", "-o", "out.docx", "--force", "--no-lint"],
                names=("out.docx",), any_of=("符号链接",), needs=RENDER)  # fmt: skip


@case("output-render-to-a-dangling-symlink")
def _(work: Path) -> Case:
    _ready_draft(work)
    _link(work / "out.docx", work.parent / "elsewhere-out.docx")
    return Case(["render", "draft.md", "-o", "out.docx", "--no-lint"], names=("out.docx",),
                any_of=("符号链接",), needs=RENDER)  # fmt: skip


@case("output-render-to-a-fifo-with-force")
def _(work: Path) -> Case:
    _ready_draft(work)
    _fifo(work / "out.docx")
    return Case(["render", "draft.md", "-o", "out.docx", "--force", "--no-lint"],
                names=("out.docx",), any_of=("命名管道",), timeout=QUICK, needs=RENDER)  # fmt: skip


@case("output-render-to-dev-null-with-force")
def _(work: Path) -> Case:
    _ready_draft(work)
    return Case(["render", "draft.md", "-o", "/dev/null", "--force", "--no-lint"],
                names=("/dev/null",), any_of=("字符设备",), needs=RENDER)  # fmt: skip


@case("output-lint-report-to-a-symlink-with-force")
def _(work: Path) -> Case:
    (work / "in.txt").write_text(bad.notice_text(), encoding="utf-8")
    (work / "real.txt").write_text("保留\n", encoding="utf-8")
    _link(work / "report.txt", "real.txt")
    return Case(["lint", "in.txt", "-o", "report.txt", "--force"], names=("report.txt",),
                any_of=("符号链接",), needs=("cmd:lint",))  # fmt: skip


@case("output-render-name-too-long")
def _(work: Path) -> Case:
    _ready_draft(work)
    name = "关" * 90 + ".docx"  # 275 bytes in UTF-8
    return Case(["render", "draft.md", "-o", name, "--no-lint"], any_of=("过长",),
                names=("255",), needs=RENDER)  # fmt: skip


@case("output-render-onto-its-attachment")
def _(work: Path) -> Case:
    _attachment(work, "名单.md")
    (work / "名单.md").write_text("张三\n", encoding="utf-8")
    return Case(["render", "draft.md", "-o", "名单.md", "--force", "--no-lint"],
                names=("名单.md",), any_of=("附件",), needs=RENDER)  # fmt: skip


@case("output-render-onto-its-fonts-file")
def _(work: Path) -> Case:
    _ready_draft(work)
    (work / "fonts.md").write_text("base: plain\n", encoding="utf-8")
    return Case(["render", "draft.md", "-o", "fonts.md", "--fonts", "fonts.md", "--force",
                 "--no-lint"], names=("fonts.md",), any_of=("字体配置文件",),
                needs=RENDER)  # fmt: skip


@case("output-render-onto-its-template")
def _(work: Path) -> Case:
    root = bad.user_template(work, "---\ntitle: {{ title | yaml }}\n---\n正文\n", tid="mine")
    bad.write_yaml(work / "data.yaml", bad.sample("notice"))
    target = f"{root.name}/mine/template.md.j2"
    return Case(["render", "mine", "data.yaml", "-o", target, "--to", "md", "--force",
                 "--template-dir", root.name], names=("template.md.j2",), any_of=("模板",),
                needs=(*RENDER, "opt:render:--template-dir"))  # fmt: skip


@case("output-new-onto-the-template-sample")
def _(work: Path) -> Case:
    root = bad.user_template(work, "---\ntitle: {{ title | yaml }}\n---\n正文\n", tid="mine")
    target = f"{root.name}/mine/sample.yaml"
    return Case(["new", "mine", "-o", target, "--force", "--template-dir", root.name],
                names=("sample.yaml",), any_of=("模板",),
                needs=("cmd:new", "template:notice"))  # fmt: skip


@case("output-batch-onto-a-template-file")
def _(work: Path) -> Case:
    root = bad.user_template(work, "---\ntitle: {{ title | yaml }}\n---\n正文\n", tid="mine")
    (root / "mine" / "说明.md").write_text("模板的说明\n", encoding="utf-8")
    bad.write_yaml(work / "records.yaml", bad.batch_records("notice", ["说明"], "title"))
    args = ["batch", "mine", "records.yaml", "-o", f"{root.name}/mine", "--to", "md", "--force",
            "--template-dir", root.name]  # fmt: skip
    return Case(args, code=1, names=("说明.md",), any_of=("模板自己的文件",),
                needs=("cmd:batch", "template:notice"))  # fmt: skip


@case("output-lint-report-onto-the-config")
def _(work: Path) -> Case:
    (work / "in.txt").write_text(bad.notice_text(), encoding="utf-8")
    (work / "drafting.toml").write_text('genre = "notice"\n', encoding="utf-8")
    return Case(["lint", "in.txt", "-o", "drafting.toml", "--force"], names=("drafting.toml",),
                any_of=("配置文件",), needs=("cmd:lint",))  # fmt: skip


@case("output-lint-report-onto-a-word-list")
def _(work: Path) -> Case:
    (work / "in.txt").write_text(bad.notice_text(), encoding="utf-8")
    (work / "words.txt").write_text("某词\n", encoding="utf-8")
    (work / "lint.toml").write_text('extra-florid = ["words.txt"]\n', encoding="utf-8")
    return Case(["lint", "in.txt", "--config", "lint.toml", "-o", "words.txt", "--force"],
                names=("words.txt",), any_of=("词表",), needs=("cmd:lint",))  # fmt: skip


@case("output-batch-long-names-fit-in-bytes")
def _(work: Path) -> Case:
    wide = "\U00020000" * 100  # 100 characters of CJK Extension B: 400 bytes in UTF-8
    bad.write_yaml(work / "records.yaml", bad.batch_records("notice", [wide, wide], "title"))

    def judge(new: set[str]) -> None:
        files = [name for name in new if name.startswith("out/")]
        assert len(files) == 2, sorted(new)
        assert all(len(Path(name).name.encode("utf-8")) <= 255 for name in files), files

    return Case(["batch", "notice", "records.yaml", "-o", "out"], code=0, one_line=False,
                allow_new=judge, needs=("cmd:batch", "template:notice"))  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    check_case(name, CASES[name], tmp_path)
