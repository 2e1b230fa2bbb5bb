"""The bad-input matrix: every case runs ``python -m drafting …`` as a real subprocess.

The machinery (running, snapshots, what every case checks) is in ``tests/matrix.py``; other
``test_bad_inputs_*.py`` modules add their own cases the same way.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import badinputs as bad
import pytest
import yaml
from matrix import Case, check_case, registry, require, run_drafting, snapshot

from drafting import limits
from drafting.errors import DataError, InputError
from drafting.review.annotate import ONTO_ORIGINAL
from drafting.review.targets import REPORT_ONTO_INPUT

CASES, case = registry()


RENDER = ("cmd:render", "template:notice")
BATCH = ("cmd:batch", "template:notice")
LINT = ("cmd:lint",)
LINT_ARGS = ["--genre", "notice", "--select", "N301"]


def render_args(data: str, out: str = "out.docx") -> list[str]:
    return ["render", "notice", data, "-o", out]


# -- render: data files -----------------------------------------------------------------------


@case("render-malformed-yaml")
def _(work: Path) -> Case:
    bad.fixture(work, "malformed.yaml")
    return Case(render_args("malformed.yaml"), names=("malformed.yaml",),
                any_of=("格式", "引号"), needs=RENDER,
                line="错误：malformed.yaml:4: 数据文件格式错误：引号没有闭合（第 13 列）",
                note="报出引号所在的行，不是文件末尾")  # fmt: skip


@case("render-yaml-tab-indent")
def _(work: Path) -> Case:
    bad.fixture(work, "tab-indent.yaml")
    return Case(render_args("tab-indent.yaml"), names=("tab-indent.yaml", ":4"),
                any_of=("Tab", "制表符"), needs=RENDER)  # fmt: skip


@case("render-malformed-json")
def _(work: Path) -> Case:
    bad.fixture(work, "malformed.json")
    return Case(render_args("malformed.json"), names=("malformed.json", ":5"),
                any_of=("格式", "JSON"), needs=RENDER,
                line="错误：malformed.json:5: 数据文件格式错误：字段名须用英文双引号括起，"
                     "或多了一个逗号（第 1 列）")  # fmt: skip


@case("render-malformed-toml")
def _(work: Path) -> Case:
    bad.fixture(work, "malformed.toml")
    return Case(render_args("malformed.toml"), names=("malformed.toml", ":3"),
                any_of=("格式", "TOML"), needs=RENDER,
                line="错误：malformed.toml:3: 数据文件格式错误：键后缺少“=”；"
                     "中文键名须加英文双引号（第 7 列）")  # fmt: skip


@case("render-yaml-control-character")
def _(work: Path) -> Case:
    (work / "ctrl.yaml").write_text(
        "title: 关于做好冬季安全生产工作的通知\norgan: 县\x07政府\n", encoding="utf-8"
    )
    return Case(render_args("ctrl.yaml"), needs=RENDER,
                line="错误：ctrl.yaml:2: 数据文件格式错误：含有不允许的字符：控制字符 U+0007"
                     "（第 9 列）")  # fmt: skip


@case("render-missing-field")
def _(work: Path) -> Case:
    path, name = bad.missing_field(work)
    label = bad.schema_fields("notice")[name].get("label", name)
    return Case(render_args(path.name), names=(path.name,), any_of=(name, label),
                needs=RENDER, note=f"缺少字段 {name}")  # fmt: skip


@case("render-ill-typed-field")
def _(work: Path) -> Case:
    path, name = bad.ill_typed_field(work)
    label = bad.schema_fields("notice")[name].get("label", name)
    return Case(render_args(path.name), names=(path.name,), any_of=(name, label),
                needs=RENDER, note=f"字段 {name} 类型不对")  # fmt: skip


@case("render-empty-data")
def _(work: Path) -> Case:
    bad.empty_file(work, "empty.yaml")
    return Case(render_args("empty.yaml"), names=("empty.yaml",), any_of=("空",), needs=RENDER)


@case("render-gb18030-data")
def _(work: Path) -> Case:
    text = yaml.safe_dump(bad.sample("notice"), allow_unicode=True, sort_keys=False)
    (work / "notice-gbk.yaml").write_bytes(text.encode("gb18030"))
    return Case(render_args("notice-gbk.yaml"), names=("notice-gbk.yaml",), any_of=("UTF-8",),
                needs=RENDER, note="数据文件只收 UTF-8（drafting new 写的就是）")  # fmt: skip


@case("render-gb18030-draft-read")
def _(work: Path) -> Case:
    title = "关于开展冬季消防安全检查的通知"
    draft = f"---\ntitle: {title}\n---\n\n各单位要在12月底前完成消防安全检查。\n"
    (work / "draft-gbk.md").write_bytes(draft.encode("gb18030"))

    def judge(new: set[str]) -> None:
        import docx

        assert new == {"out.docx"}, sorted(new)
        paragraphs = [p.text for p in docx.Document(str(work / "out.docx")).paragraphs]
        assert any(title in p for p in paragraphs), f"title lost in decoding: {paragraphs}"

    return Case(["render", "draft-gbk.md", "-o", "out.docx", "--no-lint"], code=0,
                one_line=False, allow_new=judge, needs=("cmd:render", "opt:render:--no-lint"),
                note="记事本“ANSI”（GB18030）保存的 Markdown 文稿照常读取")  # fmt: skip


@case("render-data-too-large")
def _(work: Path) -> Case:
    path = bad.oversized_data(work, limits.MAX_DATA_BYTES)
    return Case(render_args(path.name), names=(path.name,), any_of=("过大", "上限"),
                needs=RENDER)  # fmt: skip


@case("render-data-not-found")
def _(work: Path) -> Case:
    return Case(render_args("no-such-data.yaml"), names=("no-such-data.yaml",),
                any_of=("找不到", "不存在"), needs=RENDER)  # fmt: skip


@case("render-draft-bad-front-matter")
def _(work: Path) -> Case:
    (work / "draft.md").write_text(
        "---\ntitle: 关于开展消防安全检查的通知\n\tkind: notice\n---\n\n"
        "各单位要开展消防安全检查。\n",
        encoding="utf-8",
    )
    return Case(["render", "draft.md", "-o", "out.docx"], names=("draft.md",),
                any_of=("Tab", "格式"), needs=("cmd:render",))  # fmt: skip


@case("render-yaml-alias-bomb")
def _(work: Path) -> Case:
    path = bad.alias_bomb_data(work)
    return Case(render_args(path.name), names=(path.name,), any_of=("别名", "锚点", "引用", "过大"),
                max_peak_mib=150, timeout=20, needs=RENDER,
                note="9 层别名展开为 3.9 亿项：应在展开前拒绝")  # fmt: skip


@case("render-draft-front-matter-alias-bomb")
def _(work: Path) -> Case:
    path = bad.alias_bomb_draft(work)
    return Case(["render", path.name, "-o", "out.docx"], names=(path.name,),
                any_of=("别名", "锚点", "引用", "过大"), max_peak_mib=150, timeout=20,
                needs=("cmd:render",))  # fmt: skip


@case("render-json-deep-nesting")
def _(work: Path) -> Case:
    path = bad.deeply_nested(work, ".json")
    return Case(render_args(path.name), names=(path.name,), any_of=("嵌套", "层"),
                needs=RENDER)  # fmt: skip


@case("render-yaml-deep-nesting")
def _(work: Path) -> Case:
    path = bad.deeply_nested(work, ".yaml", depth=5000)
    return Case(render_args(path.name), names=(path.name,), any_of=("嵌套", "层"),
                needs=RENDER)  # fmt: skip


# -- render: templates ------------------------------------------------------------------------


@case("render-unknown-template")
def _(work: Path) -> Case:
    bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
    return Case(["render", "no-such-kind", "notice.yaml", "-o", "out.docx"],
                names=("no-such-kind",), any_of=("模板",), needs=RENDER)  # fmt: skip


@case("render-template-syntax-error")
def _(work: Path) -> Case:
    root = bad.syntax_error_template(work)
    bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
    args = ["render", "--template-dir", str(root.relative_to(work)), "broken", "notice.yaml",
            "-o", "out.docx"]  # fmt: skip
    return Case(args, names=("template.md.j2", ":8"), any_of=("语法", "模板"),
                needs=(*RENDER, "opt:render:--template-dir"),
                line="错误：my-templates/broken/template.md.j2:8: 模板语法错误：遇到 {% endfro %}，"
                     "但此处应先用 {% endfor %} 结束 {% for %} 块")  # fmt: skip


def _escape_case(key: str) -> Callable[[Path], Case]:
    def build(work: Path) -> Case:
        root = bad.escape_template(work, key)
        bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
        args = ["render", "--template-dir", str(root.relative_to(work)), f"escape-{key}",
                "notice.yaml", "-o", "out.docx"]  # fmt: skip
        return Case(args, names=(f"escape-{key}",), any_of=("不安全", "安全", "沙箱", "不允许"),
                    forbid=("<class", "__builtins__", "<module", "<function"),
                    needs=(*RENDER, "opt:render:--template-dir"))  # fmt: skip

    return build


for _key in bad.SANDBOX_ESCAPES:
    case(f"render-sandbox-{_key}")(_escape_case(_key))


# -- render: outputs --------------------------------------------------------------------------


@case("render-output-unwritable")
def _(work: Path) -> Case:
    bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
    out, why = bad.unwritable_output(work)
    print(f"不可写的输出：{why}")
    return Case(render_args("notice.yaml", str(out.relative_to(work))),
                names=(out.parent.name,), any_of=("不存在", "不可写", "无法写", "不是文件夹"),
                needs=RENDER, note=why)  # fmt: skip


@case("render-output-onto-data")
def _(work: Path) -> Case:
    bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
    return Case([*render_args("notice.yaml", "./notice.yaml"), "--force"], needs=RENDER,
                line="错误：notice.yaml: 输出文件不能是数据文件本身，请另给一个文件名")  # fmt: skip


@case("render-output-onto-draft")
def _(work: Path) -> Case:
    bad.fixture(work, "notice-n301.txt", as_name="draft.md")
    return Case(["render", "draft.md", "-o", "draft.md", "--force"], needs=("cmd:render",),
                line="错误：draft.md: 输出文件不能是文稿本身，请另给一个文件名")  # fmt: skip


@case("render-output-onto-previous")
def _(work: Path) -> Case:
    bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
    bad.write_yaml(work / "last-year.yaml", bad.sample("notice"))
    (work / "out.docx").symlink_to("last-year.yaml")
    return Case([*render_args("notice.yaml"), "--previous", "last-year.yaml", "--force"],
                needs=(*RENDER, "opt:render:--previous"),
                line="错误：out.docx: 输出文件不能是上年数据文件，请另给一个文件名")  # fmt: skip


@case("render-existing-output")
def _(work: Path) -> Case:
    bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
    (work / "out.docx").write_bytes(b"an earlier document the writer must not lose\n")
    return Case(render_args("notice.yaml"), names=("out.docx", "--force"), any_of=("已存在",),
                needs=RENDER)  # fmt: skip


@case("new-existing-output")
def _(work: Path) -> Case:
    (work / "notice.yaml").write_text(
        "# 已经填了一半的数据，不能被样例覆盖\ntitle: 关于\n", "utf-8"
    )
    return Case(["new", "notice", "-o", "notice.yaml"], names=("notice.yaml", "--force"),
                any_of=("已存在",), needs=("cmd:new", "template:notice"))  # fmt: skip


@case("render-stdin-binary")
def _(work: Path) -> Case:
    junk = bad.binary_junk(work, "stdin.bin").read_bytes()
    (work / "stdin.bin").unlink()
    return Case(["render", "notice", "-", "-o", "out.docx"], stdin=junk,
                names=("<stdin>",), any_of=("UTF-8", "编码", "格式"), needs=RENDER)  # fmt: skip


# -- batch ------------------------------------------------------------------------------------


def _only_under(folder: str, count: int) -> Callable[[set[str]], None]:
    """New files must all be .docx directly inside ``folder``, ``count`` of them."""

    def judge(new: set[str]) -> None:
        files = {p for p in new if p != folder}
        outside = {p for p in files if not p.startswith(folder + "/")}
        assert not outside, f"batch wrote outside {folder}/: {sorted(outside)}"
        names = [p.split("/", 1)[1] for p in files]
        assert all("/" not in n for n in names), f"nested outputs: {names}"
        assert all(n.endswith(".docx") and not n.startswith(".") for n in names), names
        stems = [n.split(".")[0].upper() for n in names]
        assert not set(stems) & bad.RESERVED_NAMES, f"reserved device names used: {names}"
        assert len(names) == count, f"expected {count} outputs, got {sorted(names)}"

    return judge


@case("batch-partial-failure")
def _(work: Path) -> Case:
    records = bad.batch_records("notice", ["县财政局", "县教育局", "县卫健委"], "title")
    name = next(k for k, s in bad.schema_fields("notice").items() if s.get("required"))
    del records[1][name if name != "title" else "date"]
    bad.write_yaml(work / "records.yaml", records)
    return Case(["batch", "notice", "records.yaml", "-o", "out"], code=1, one_line=False,
                names=("records.yaml",), any_of=(name, bad.schema_fields("notice")[name]["label"]),
                allow_new=_only_under("out", 2), needs=BATCH)  # fmt: skip


@case("batch-path-traversal-names")
def _(work: Path) -> Case:
    names = ["../逃逸单位", "..\\逃逸单位二", "/tmp/绝对路径单位", "子目录/单位"]
    bad.write_yaml(work / "records.yaml", bad.batch_records("notice", names, "title"))
    return Case(["batch", "notice", "records.yaml", "-o", "out"], code=0, one_line=False,
                allow_new=_only_under("out", len(names)), needs=BATCH,
                note="不安全的名字应被改成安全的文件名，全部写在输出文件夹内")  # fmt: skip


@case("batch-reserved-names")
def _(work: Path) -> Case:
    names = ["CON", "nul", "COM1", "LPT9.txt", "aux"]
    bad.write_yaml(work / "records.yaml", bad.batch_records("notice", names, "title"))
    return Case(["batch", "notice", "records.yaml", "-o", "out"], code=0, one_line=False,
                allow_new=_only_under("out", len(names)), needs=BATCH,
                note="Windows 保留名不能作文件名")  # fmt: skip


@case("batch-malformed-list")
def _(work: Path) -> Case:
    bad.fixture(work, "malformed.yaml", as_name="records.yaml")
    return Case(["batch", "notice", "records.yaml", "-o", "out"], code=(1, 2), one_line=False,
                names=("records.yaml", "第4行"), any_of=("格式", "引号"), needs=BATCH,
                note="整个列表文件读不了：报出文件和引号所在的行，什么也不写")  # fmt: skip


@case("batch-yaml-alias-bomb")
def _(work: Path) -> Case:
    path = bad.alias_bomb_records(work)
    return Case(["batch", "notice", path.name, "-o", "out"], code=(1, 2), one_line=False,
                names=(path.name,), any_of=("别名", "锚点", "引用", "过大"), max_peak_mib=150,
                timeout=20, needs=BATCH)  # fmt: skip


@case("batch-too-many-records")
def _(work: Path) -> Case:
    count = limits.MAX_BATCH_RECORDS + 1
    lines = "".join(f"- {{unit: 第{i}单位}}\n" for i in range(count))
    (work / "records.yaml").write_text(lines, encoding="utf-8")
    return Case(["batch", "notice", "records.yaml", "-o", "out"], names=("records.yaml",),
                any_of=(str(limits.MAX_BATCH_RECORDS), "上限"), needs=BATCH)  # fmt: skip


@case("batch-unknown-template")
def _(work: Path) -> Case:
    bad.write_yaml(work / "records.yaml", bad.batch_records("notice", ["县财政局"], "title"))
    return Case(["batch", "no-such-kind", "records.yaml", "-o", "out"], names=("no-such-kind",),
                any_of=("模板",), needs=BATCH)  # fmt: skip


@case("batch-outdir-is-file")
def _(work: Path) -> Case:
    bad.write_yaml(work / "records.yaml", bad.batch_records("notice", ["县财政局"], "title"))
    (work / "out").write_text("一个普通文件，不是文件夹。\n", encoding="utf-8")
    return Case(["batch", "notice", "records.yaml", "-o", "out"], names=("out",),
                any_of=("文件夹", "目录"), needs=BATCH)  # fmt: skip


@case("batch-existing-output-kept")
def _(work: Path) -> Case:
    bad.write_yaml(work / "records.yaml", bad.batch_records("notice", ["县财政局"], "title"))
    (work / "out").mkdir()
    (work / "out" / "县财政局.docx").write_bytes(b"an earlier document the office keeps\n")
    return Case(["batch", "notice", "records.yaml", "-o", "out"], code=(0, 1), one_line=False,
                names=("县财政局",), any_of=("跳过", "已存在"), needs=BATCH,
                note="已有的输出不加 --force 不覆盖")  # fmt: skip


# -- lint: encodings --------------------------------------------------------------------------


def lint_args(*paths: str) -> list[str]:
    return ["lint", *paths, *LINT_ARGS]


@case("lint-gb18030-read")
def _(work: Path) -> Case:
    bad.encoded_text(work, "gb18030")
    return Case(lint_args("notice-gb18030.txt"), code=1, stdout_has=("notice-gb18030.txt:5:15",),
                one_line=False, needs=LINT, note="GB18030 应被识别并审校")  # fmt: skip


@case("lint-utf8-bom-read")
def _(work: Path) -> Case:
    bad.encoded_text(work, "utf-8", bom=True)
    return Case(lint_args("notice-utf-8-bom.txt"), code=1,
                stdout_has=("notice-utf-8-bom.txt:5:15",), one_line=False, needs=LINT,
                note="带 BOM 的 UTF-8 应被识别，列号不算 BOM")  # fmt: skip


@case("lint-utf16-bom-read")
def _(work: Path) -> Case:
    bad.encoded_text(work, "utf-16-le", bom=True)
    return Case(lint_args("notice-utf-16-le-bom.txt"), code=1,
                stdout_has=("notice-utf-16-le-bom.txt:5:15",), one_line=False, needs=LINT,
                note="带 BOM 的 UTF-16（记事本“Unicode”）可无歧义地识别：照常审校")  # fmt: skip


@case("lint-utf16-no-bom")
def _(work: Path) -> Case:
    bad.encoded_text(work, "utf-16-le")
    return Case(lint_args("notice-utf-16-le.txt"), names=("notice-utf-16-le.txt",),
                any_of=("编码", "UTF-16", "二进制"), needs=LINT)  # fmt: skip


@case("lint-invalid-utf8")
def _(work: Path) -> Case:
    bad.invalid_utf8(work)
    return Case(lint_args("notice-bad-bytes.txt"), names=("notice-bad-bytes.txt",),
                any_of=("编码",), needs=LINT)  # fmt: skip


@case("lint-binary-junk")
def _(work: Path) -> Case:
    bad.binary_junk(work)
    return Case(lint_args("junk.txt"), names=("junk.txt",), any_of=("编码", "二进制", "文本"),
                needs=LINT)  # fmt: skip


@case("lint-binary-stdin")
def _(work: Path) -> Case:
    junk = bad.binary_junk(work, "stdin.bin")
    data = junk.read_bytes()
    junk.unlink()
    return Case(lint_args("-"), names=(), any_of=("编码", "二进制", "文本"), stdin=data,
                needs=LINT)  # fmt: skip


@case("lint-stdin-too-large")
def _(work: Path) -> Case:
    data = bad.PROSE.encode("utf-8") * (120 * limits.MIB // len(bad.PROSE.encode("utf-8")))
    return Case(lint_args("-"), names=("<stdin>",), any_of=("过大", "上限"), stdin=data,
                max_peak_mib=100, needs=LINT, note="标准输入只读到上限为止")  # fmt: skip


@case("lint-empty-txt")
def _(work: Path) -> Case:
    bad.empty_file(work, "empty.txt")
    return Case(lint_args("empty.txt"), names=("empty.txt",), any_of=("空",), needs=LINT)


@case("lint-50mb-text")
def _(work: Path) -> Case:
    bad.large_text(work, 50)
    return Case(lint_args("huge-50mb.txt"), names=("huge-50mb.txt",), any_of=("过大", "上限"),
                max_peak_mib=100, needs=LINT,
                note=f"上限 {limits.MAX_TEXT_BYTES // limits.MIB} MB：应在读入前拒绝")  # fmt: skip


@case("lint-missing-path")
def _(work: Path) -> Case:
    return Case(lint_args("no-such-file.txt"), names=("no-such-file.txt",),
                any_of=("找不到", "不存在"), needs=LINT)  # fmt: skip


@case("lint-folder-with-one-bad-file")
def _(work: Path) -> Case:
    (work / "docs").mkdir()
    bad.fixture(work / "docs", "notice-n301.txt")
    bad.binary_junk(work / "docs", "junk.txt")
    return Case(lint_args("docs"), names=("junk.txt",), any_of=("编码", "二进制", "文本"),
                stdout_has=("notice-n301.txt:5:15",), needs=LINT,
                note="坏文件报错，其他文件照常审校")  # fmt: skip


# -- lint: .docx ------------------------------------------------------------------------------


@case("lint-docx-truncated")
def _(work: Path) -> Case:
    bad.truncated_docx(work)
    return Case(lint_args("truncated.docx"), names=("truncated.docx",),
                any_of=("损坏", "不完整"), needs=LINT)  # fmt: skip


@case("lint-doc-renamed-docx")
def _(work: Path) -> Case:
    bad.doc_renamed_docx(work)
    return Case(lint_args("old-format.docx"), names=("old-format.docx",),
                any_of=(".doc", "不是 .docx", "旧版"), needs=LINT)  # fmt: skip


@case("lint-docx-encrypted")
def _(work: Path) -> Case:
    bad.encrypted_docx(work)
    return Case(lint_args("encrypted.docx"), names=("encrypted.docx",),
                any_of=("加密", "密码", "不是 .docx"), needs=LINT)  # fmt: skip


@case("lint-docx-zip-bomb")
def _(work: Path) -> Case:
    bad.zip_bomb_docx(work)
    return Case(lint_args("bomb.docx"), names=("bomb.docx",), any_of=("过大", "上限", "压缩炸弹"),
                max_peak_mib=100, needs=LINT)  # fmt: skip


@case("lint-docx-bomb-under-total-limit")
def _(work: Path) -> Case:
    bad.zip_bomb_docx(work, 150)  # under the 200 MB total, over the 64 MB per-part limit
    part_limit = limits.MAX_DOCX_PART_BYTES // limits.MIB
    return Case(lint_args("bomb.docx"), names=("bomb.docx",), any_of=("过大", "上限", "压缩炸弹"),
                max_peak_mib=100, needs=LINT, note=f"单个部件上限 {part_limit} MB")  # fmt: skip


@case("lint-docx-empty")
def _(work: Path) -> Case:
    bad.empty_file(work, "empty.docx")
    return Case(lint_args("empty.docx"), names=("empty.docx",),
                any_of=("空", "不是 .docx", "不是有效的 .docx"), needs=LINT)  # fmt: skip


@case("lint-annotate-onto-original")
def _(work: Path) -> Case:
    bad.valid_docx(work / "notice.docx")
    return Case([*lint_args("notice.docx"), "--annotate", "notice.docx"], names=("notice.docx",),
                any_of=("已存在", "原文件", "原件"), needs=(*LINT, "opt:lint:--annotate"),
                line=f"错误：notice.docx: {ONTO_ORIGINAL}",
                note="批注不得写回原文件：先说这一点，而不是“加 --force”")  # fmt: skip


@case("lint-annotate-onto-original-force")
def _(work: Path) -> Case:
    bad.valid_docx(work / "notice.docx")
    return Case([*lint_args("notice.docx"), "--annotate", "notice.docx", "--force"],
                names=("notice.docx",), any_of=("原文件", "原件", "不能", "同一"),
                needs=(*LINT, "opt:lint:--annotate"), line=f"错误：notice.docx: {ONTO_ORIGINAL}",
                note="即使加 --force，批注也不得写回原文件")  # fmt: skip


@case("lint-annotate-onto-original-other-spelling")
def _(work: Path) -> Case:
    bad.valid_docx(work / "notice.docx")
    (work / "sub").mkdir()
    return Case([*lint_args("notice.docx"), "--annotate", "sub/../notice.docx", "--force"],
                line=f"错误：sub/../notice.docx: {ONTO_ORIGINAL}",
                needs=(*LINT, "opt:lint:--annotate"),
                note="路径写法不同也认得出是原文件")  # fmt: skip


@case("lint-annotate-onto-symlink-to-original")
def _(work: Path) -> Case:
    bad.valid_docx(work / "notice.docx")
    (work / "link.docx").symlink_to("notice.docx")
    return Case([*lint_args("notice.docx"), "--annotate", "link.docx", "--force"],
                line=f"错误：link.docx: {ONTO_ORIGINAL}",
                needs=(*LINT, "opt:lint:--annotate"),
                note="指向原文件的符号链接也不行")  # fmt: skip


@case("lint-output-onto-input")
def _(work: Path) -> Case:
    bad.fixture(work, "notice-n301.txt")
    return Case([*lint_args("notice-n301.txt"), "-o", "./notice-n301.txt", "--force"],
                line=f"错误：notice-n301.txt: {REPORT_ONTO_INPUT}", needs=LINT,
                note="报告不得覆盖被审校的文件，加 --force 也不行")  # fmt: skip


@case("lint-output-onto-input-in-folder")
def _(work: Path) -> Case:
    (work / "drafts").mkdir()
    bad.fixture(work / "drafts", "notice-n301.txt")
    return Case([*lint_args("drafts"), "-o", "drafts/notice-n301.txt", "--force"],
                line=f"错误：drafts/notice-n301.txt: {REPORT_ONTO_INPUT}", needs=LINT,
                note="文件夹里被审校的文件同样不能被报告覆盖")  # fmt: skip


@case("lint-fix-output-onto-input")
def _(work: Path) -> Case:
    bad.fixture(work, "notice-n301.txt")
    return Case([*lint_args("notice-n301.txt"), "--fix", "-o", "notice-n301.txt"],
                line=f"错误：notice-n301.txt: {REPORT_ONTO_INPUT}",
                needs=(*LINT, "opt:lint:--fix"), note="--fix 之前就拒绝，什么也不改")  # fmt: skip


@case("lint-output-same-as-annotate")
def _(work: Path) -> Case:
    bad.valid_docx(work / "notice.docx")
    return Case([*lint_args("notice.docx"), "-o", "out.docx", "--annotate", "./out.docx"],
                line="错误：out.docx: --output 与 --annotate 不能是同一个文件",
                needs=(*LINT, "opt:lint:--annotate"))  # fmt: skip


# -- lint: options ----------------------------------------------------------------------------


@case("lint-malformed-config")
def _(work: Path) -> Case:
    bad.fixture(work, "lint-config-malformed.toml", as_name="drafting-bad.toml")
    bad.fixture(work, "notice-n301.txt")
    args = ["lint", "notice-n301.txt", "--config", "drafting-bad.toml", "--genre", "notice"]
    return Case(args, names=("drafting-bad.toml",), any_of=("格式", "配置", "TOML"),
                needs=(*LINT, "opt:lint:--config"),
                line="错误：drafting-bad.toml:2: 配置文件不是有效的 TOML：表名缺少右方括号“]”"
                     "（第 20 列）")  # fmt: skip


@case("lint-unknown-rule-code")
def _(work: Path) -> Case:
    bad.fixture(work, "notice-n301.txt")
    return Case(["lint", "notice-n301.txt", "--select", "X999", "--genre", "notice"],
                names=("X999",), any_of=("规则", "代码"), needs=LINT)  # fmt: skip


@case("lint-output-exists")
def _(work: Path) -> Case:
    bad.fixture(work, "notice-n301.txt")
    (work / "report.json").write_text('{"earlier": "report"}\n', encoding="utf-8")
    return Case([*lint_args("notice-n301.txt"), "--format", "json", "--output", "report.json"],
                names=("report.json", "--force"), any_of=("已存在",),
                needs=(*LINT, "opt:lint:--output"))  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    check_case(name, CASES[name], tmp_path)


def test_matrix_is_broad() -> None:
    """The issue asks for at least 25 cases across render, batch and lint."""
    by_command = {prefix: [n for n in CASES if n.startswith(prefix)] for prefix in
                  ("render-", "batch-", "lint-")}  # fmt: skip
    assert len(CASES) >= 25
    assert all(len(names) >= 5 for names in by_command.values()), by_command


def test_unwritable_output_is_really_unwritable(tmp_path: Path) -> None:
    """The helper's output path cannot be written by this process, whoever runs it."""
    out, why = bad.unwritable_output(tmp_path)
    print(why)
    with pytest.raises(OSError):
        out.write_bytes(b"x")
    if out.parent.is_dir():  # restore so pytest can clean up
        out.parent.chmod(0o755)
    shutil.rmtree(tmp_path, ignore_errors=True)


# --------------------------------------------------------------------------- promises


def test_fix_keeps_backups_and_the_files_encoding(tmp_path: Path) -> None:
    """``--fix`` keeps the original as ``.bak`` (never overwriting an older backup) and writes the
    fixed text back in the file's own encoding (GB18030 stays GB18030)."""
    require("cmd:lint", "opt:lint:--fix")
    work, io_dir = tmp_path / "work", tmp_path / "io"
    work.mkdir()
    io_dir.mkdir()
    gbk = bad.encoded_text(work, "gb18030")
    original = gbk.read_bytes()
    run = run_drafting(["lint", gbk.name, "--fix", *LINT_ARGS], work, io_dir)
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    backup = work / f"{gbk.name}.bak"
    assert backup.read_bytes() == original
    fixed = gbk.read_bytes().decode("gb18030")
    assert fixed == bad.notice_text().replace("责任,", "责任，")

    gbk.write_bytes(gbk.read_bytes() + "二、要加强值班值守,确保信息畅通。\n".encode("gb18030"))
    second = gbk.read_bytes()
    run = run_drafting(["lint", gbk.name, "--fix", *LINT_ARGS], work, io_dir)
    assert run.code == 0, run.stderr
    assert backup.read_bytes() == original, "an older backup was overwritten"
    newer = [p for p in work.iterdir() if p.name.startswith(f"{gbk.name}.bak") and p != backup]
    assert [p.read_bytes() for p in newer] == [second]
    assert not [p.name for p in work.iterdir() if p.name.endswith(".tmp")]


def test_annotate_never_touches_the_original(tmp_path: Path) -> None:
    """``--annotate`` writes a commented copy; the original .docx stays byte for byte the same."""
    require("cmd:lint", "opt:lint:--annotate")
    work, io_dir = tmp_path / "work", tmp_path / "io"
    work.mkdir()
    io_dir.mkdir()
    source = bad.valid_docx(work / "通知.docx")
    before = snapshot(work)
    run = run_drafting(
        ["lint", source.name, "--annotate", "通知-批注.docx", *LINT_ARGS], work, io_dir
    )
    assert run.code == 1, run.stdout + run.stderr  # one N301 error, reported and annotated
    after = snapshot(work)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"通知-批注.docx"}
    with zipfile.ZipFile(work / "通知-批注.docx") as archive:
        comments = archive.read("word/comments.xml").decode("utf-8")
    assert "N301" in comments or "半角" in comments


# --------------------------------------------------------------------------- drafting.limits


def _composed(text: str) -> object:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    node = _composed("\n".join(bad.alias_bomb_lines()))
    with pytest.raises(DataError, match="展开后过大") as caught:
        limits.check_data_tree(node, "bomb.yaml")
    assert caught.value.path == "bomb.yaml" and caught.value.line == 7


def test_self_referencing_anchor_is_refused() -> None:
    with pytest.raises(DataError, match="循环引用"):
        limits.check_data_tree(_composed("a: &a [1, *a]"), "cycle.yaml")


def test_nesting_beyond_the_limit_is_refused() -> None:
    depth = limits.MAX_DATA_DEPTH
    limits.check_data_tree(_composed("x: " + "[" * (depth - 2) + "]" * (depth - 2)), "ok.yaml")
    with pytest.raises(DataError, match=f"超过 {depth} 层"):
        limits.check_data_tree(_composed("x: " + "[" * depth + "]" * depth), "deep.yaml")


def test_shipped_samples_are_well_within_the_data_limits() -> None:
    for sample in sorted(bad.TEMPLATES.glob("*/sample.yaml")):
        limits.check_data_tree(_composed(sample.read_text(encoding="utf-8")), str(sample))


def test_size_check_names_the_file_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "大文件.txt"
    path.write_bytes(b"x" * (3 * limits.MIB // 2))
    assert limits.check_size(path, 2 * limits.MIB) == 3 * limits.MIB // 2
    with pytest.raises(InputError) as caught:
        limits.check_size(path, limits.MIB, "文本文件")
    assert str(caught.value) == f"{path}: 文本文件过大（1.5 MB），超过上限 1.0 MB；请拆分后再处理"
