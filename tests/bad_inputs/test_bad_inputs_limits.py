"""Bad inputs of issue 14, items 3–5: templates under resource caps and confined to their folder,
numbers and nesting in data files, CSV rows that fail alone, limits on every route, and inputs
that were quadratic or ran out of memory.

Each case runs ``python -m drafting …`` as a real subprocess (see ``tests/matrix.py``): the exit
code, one Chinese line naming the file (and line, field), no traceback, nothing left behind,
and where it matters a cap on peak memory. Timeouts are hang guards only. (A FIFO in the
template folder is a unit test, ``tests/drafts/test_sandbox.py``: the matrix reads every file it
leaves, and reading a FIFO waits for a writer.)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import badinputs as bad
import pytest
from matrix import Case, check_case, registry

from drafting import limits

CASES, case = registry()

RENDER = ("cmd:render", "template:notice", "opt:render:--template-dir")
BATCH = ("cmd:batch", "template:notice")
LINT = ("cmd:lint",)
#: Every template case ends within 2 s in practice; the timeout only stops a hang.
GUARD = 60
#: "Under 300 MB" (issue 14): the process itself takes about 60 MiB.
TEMPLATE_PEAK = 300


# -- templates: resource caps -----------------------------------------------------------------


def _template_case(body: str, *, any_of: tuple[str, ...], line: bool = True) -> Callable:
    def build(work: Path) -> Case:
        root = bad.user_template(work, body, tid="t")
        bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
        args = ["render", "--template-dir", "my-templates", "t", "notice.yaml", "-o", "out.docx"]
        where = "my-templates/t/template.md.j2" + (":1:" if line else "")
        assert root.name == "my-templates"
        return Case(args, names=(where, "模板"), any_of=any_of, max_peak_mib=TEMPLATE_PEAK,
                    timeout=GUARD, needs=RENDER)  # fmt: skip

    return build


TEMPLATE_BOMBS: dict[str, tuple[str, tuple[str, ...]]] = {
    "power-10": ("{{ 10**100000 }}", ("乘方的结果过大",)),
    "power-7": ("{{ 7 ** 99999999 }}", ("乘方的结果过大",)),
    "power-in-loop": (
        "{% set ns = namespace(n=10) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}{{ ns.n }}",
        ("乘积过大",),
    ),
    "string-repeat": ("{{ 'a' * 2000000000 }}", ("生成的文字过长",)),
    "list-repeat": ("{{ [1]*10**9 }}", ("列表或映射过大",)),
    "percent-width": ("{{ '%999999999d'|format(1) }}", ("格式宽度",)),
    "percent-operator-star": ("{{ '%*d' % (999999999, 1) }}", ("格式宽度",)),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", ("格式宽度",)),
    "format-nested-width": ("{{ '{:{w}}'.format(1, w=999999999) }}", ("格式宽度",)),
    "center-filter": ("{{ 'x'|center(999999999) }}", ("格式宽度",)),
    "ljust-method": ("{{ 'x'.ljust(999999999) }}", ("格式宽度",)),
    "join-amplifies": ("{{ range(100000)|join('x' * 1000) }}", ("生成的文字过长",)),
    "replace-amplifies": ("{{ ('a' * 100000).replace('a', 'b' * 1000) }}", ("生成的文字过长",)),
    "doubling-string": (
        "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        ("生成的文字过长",),
    ),
    "doubling-list": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = [ns.l, ns.l] %}"
        "{% endfor %}{{ ns.l }}",
        ("列表或映射过大",),
    ),
    "range-huge": ("{% for i in range(10**9) %}{% endfor %}", ("range",)),
    "nested-loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        ("循环和调用次数过多",),
    ),
    "output-flood": (
        "{% set s = 'x' * 9000000 %}{% for i in range(1000) %}{{ s }}{% endfor %}",
        ("过长", "总量过大"),
    ),
    "lipsum": ("{{ lipsum(1000000) }}", ("超过上限",)),
    "to-bytes": ("{{ (1).to_bytes(2000000000, 'big') }}", ("生成的文字过长",)),
    "recursive-macro": (
        "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}",
        ("递归过深",),
    ),
    "self-namespace": (
        "{% set ns = namespace(x=1) %}{% set ns.x = ns %}{{ ns }}",
        ("引用了它自己",),
    ),
}

for _name, (_body, _words) in TEMPLATE_BOMBS.items():
    # the draft as a whole is measured after the last line: no line to name
    case(f"template-{_name}")(_template_case(_body, any_of=_words, line="flood" not in _name))


@case("template-self-include")
def _(work: Path) -> Case:
    return _template_case("{% include 't/template.md.j2' %}", any_of=("递归过深",))(work)


@case("template-self-extends")
def _(work: Path) -> Case:
    return _template_case("{% extends 't/template.md.j2' %}", any_of=("递归过深",))(work)


# -- templates: confined to their folder ------------------------------------------------------


def _hostname() -> str:
    try:
        return Path("/etc/hostname").read_text().strip()
    except OSError:
        return ""


def _include_case(body: str, make: Callable[[Path], None], any_of: tuple[str, ...]) -> Callable:
    """A template that includes what ``make`` puts in (or links from) its folder; whatever the
    included file holds must not show."""

    def build(work: Path) -> Case:
        root = bad.user_template(work, body, tid="t")
        make(root / "t")
        bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
        args = ["render", "--template-dir", "my-templates", "t", "notice.yaml", "-o", "out.docx"]
        secret = _hostname()
        return Case(args, names=("my-templates/t/template.md.j2:1",), any_of=any_of,
                    forbid=tuple(s for s in (secret, "机密内容不得泄露") if len(s) > 3),
                    timeout=GUARD, needs=RENDER)  # fmt: skip

    return build


def _link_to_hostname(folder: Path) -> None:
    (folder / "host.j2").symlink_to("/etc/hostname")


def _link_to_sibling_file(folder: Path) -> None:
    secret = folder.parent.parent / "secret.txt"  # the work folder: outside the template folder
    secret.write_text("机密内容不得泄露\n", encoding="utf-8")
    (folder / "host.j2").symlink_to(secret)


def _link_dir_outside(folder: Path) -> None:
    outside = folder.parent.parent / "elsewhere"
    outside.mkdir()
    (outside / "host.j2").write_text("机密内容不得泄露\n", encoding="utf-8")
    (folder / "linked").symlink_to(outside, target_is_directory=True)


def _gb18030(folder: Path) -> None:
    (folder / "host.j2").write_bytes("各单位：\n机密".encode("gb18030"))


def _too_big(folder: Path) -> None:
    (folder / "host.j2").write_bytes(b"x" * (limits.MAX_TEMPLATE_BYTES + 1))


CONFINED: dict[str, tuple[str, Callable[[Path], None], tuple[str, ...]]] = {
    "include-etc-passwd": ("{% include '/etc/passwd' %}", lambda folder: None, ("不存在",)),
    "include-dotdot": ("{% include '../../secret.txt' %}", _link_to_sibling_file, ("不存在",)),
    "include-symlink-etc": ("{% include 't/host.j2' %}", _link_to_hostname, ("模板文件夹以外",)),
    "include-symlink-out": (
        "{% include 't/host.j2' %}", _link_to_sibling_file, ("模板文件夹以外",),
    ),
    "include-symlinked-folder": (
        "{% include 't/linked/host.j2' %}", _link_dir_outside, ("模板文件夹以外",),
    ),
    "extends-symlink-out": (
        "{% extends 't/host.j2' %}", _link_to_sibling_file, ("模板文件夹以外",),
    ),
    "import-symlink-out": (
        "{% import 't/host.j2' as h %}", _link_to_sibling_file, ("模板文件夹以外",),
    ),
    "include-gb18030": ("{% include 't/host.j2' %}", _gb18030, ("UTF-8",)),
    "include-too-big": ("{% include 't/host.j2' %}", _too_big, ("过大",)),
}  # fmt: skip

for _name, (_body, _make, _words) in CONFINED.items():
    case(f"template-{_name}")(_include_case(_body, _make, _words))


@case("template-file-is-a-symlink-out")
def _(work: Path) -> Case:
    root = bad.user_template(work, "", tid="t")
    (work / "elsewhere.j2").write_text("机密内容不得泄露\n", encoding="utf-8")
    (root / "t" / "template.md.j2").unlink()
    (root / "t" / "template.md.j2").symlink_to(work / "elsewhere.j2")
    bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
    return Case(["render", "--template-dir", "my-templates", "t", "notice.yaml", "-o", "out.docx"],
                names=("my-templates/t",), any_of=("模板文件夹以外",), forbid=("机密内容",),
                needs=RENDER)  # fmt: skip


@case("new-sample-symlinked-out")
def _(work: Path) -> Case:
    root = bad.user_template(work, "{{ title }}\n", tid="t")
    (work / "secret.yaml").write_text("# 机密内容不得泄露\n", encoding="utf-8")
    (root / "t" / "sample.yaml").unlink()
    (root / "t" / "sample.yaml").symlink_to(work / "secret.yaml")
    return Case(["new", "t", "--template-dir", "my-templates"], names=("my-templates/t",),
                any_of=("模板文件夹以外",), forbid=("机密内容",),
                needs=("cmd:new", "opt:new:--template-dir"))  # fmt: skip


@case("new-sample-gb18030")
def _(work: Path) -> Case:
    root = bad.user_template(work, "{{ title }}\n", tid="t")
    (root / "t" / "sample.yaml").write_bytes("# 样例\ntitle: 关于\n".encode("gb18030"))
    return Case(["new", "t", "--template-dir", "my-templates"], names=("my-templates/t",),
                any_of=("UTF-8",), needs=("cmd:new", "opt:new:--template-dir"))  # fmt: skip


@case("templates-schema-symlinked-out")
def _(work: Path) -> Case:
    root = bad.user_template(work, "{{ title }}\n", tid="t")
    schema = root / "t" / "schema.yaml"
    (work / "elsewhere.yaml").write_text(schema.read_text(encoding="utf-8"), encoding="utf-8")
    schema.unlink()
    schema.symlink_to(work / "elsewhere.yaml")
    return Case(["templates", "--template-dir", "my-templates"], names=("my-templates/t",),
                any_of=("模板文件夹以外",),
                needs=("cmd:templates", "opt:templates:--template-dir"))  # fmt: skip


# -- templates: schema.yaml -------------------------------------------------------------------


def _schema_case(edit: Callable[[str], str] | None, raw: bytes | None, any_of: tuple[str, ...],
                 line: int | None) -> Callable:  # fmt: skip
    def build(work: Path) -> Case:
        root = bad.user_template(work, "{{ title }}\n", tid="t")
        schema = root / "t" / "schema.yaml"
        if raw is not None:
            schema.write_bytes(raw)
        elif edit is not None:
            schema.write_text(edit(schema.read_text(encoding="utf-8")), encoding="utf-8")
        bad.write_yaml(work / "notice.yaml", bad.sample("notice"))
        where = "my-templates/t/schema.yaml" + (f":{line}" if line else "")
        return Case(["render", "--template-dir", "my-templates", "t", "notice.yaml", "-o",
                     "out.docx"], names=(where,), any_of=any_of, needs=RENDER)  # fmt: skip

    return build


_SCHEMA = "id: t\nname: 测试模板\nfields:\n  title: {type: string, required: true, label: 标题}\n"
SCHEMAS: dict[str, tuple[Callable[[str], str] | None, bytes | None, tuple[str, ...], int | None]]
SCHEMAS = {
    "min-abc": (None, _SCHEMA.replace("label: 标题", "min: abc").encode(), ("min",), 4),
    "gb18030": (None, _SCHEMA.encode("gb18030"), ("UTF-8",), 2),
    "required-word": (None, _SCHEMA.replace("true", "是的").encode(), ("required",), 4),
    "field-name-number": (None, _SCHEMA.replace("  title:", "  1:").encode(), ("字段名",), 4),
    "type-list": (None, _SCHEMA.replace("type: string", "type: [a]").encode(), ("类型",), 4),
    "huge-integer": (None, (_SCHEMA + "x: " + "9" * 5000 + "\n").encode(), ("位数过多",), 5),
    "not-a-mapping": (None, b"- id\n- name\n", ("映射",), 1),
}
for _name, (_edit, _raw, _words, _line) in SCHEMAS.items():
    case(f"schema-{_name}")(_schema_case(_edit, _raw, _words, _line))


# -- data files: numbers and nesting ----------------------------------------------------------


def _render_data(name: str, text: str, names: tuple[str, ...], any_of: tuple[str, ...],
                 peak: float | None = None) -> Callable:  # fmt: skip
    def build(work: Path) -> Case:
        (work / name).write_text(text, encoding="utf-8")
        return Case(["render", "notice", name, "-o", "out.docx"], names=(name, *names),
                    any_of=any_of, max_peak_mib=peak, timeout=GUARD,
                    needs=("cmd:render", "template:notice"))  # fmt: skip

    return build


def _json_sample(**changes: object) -> str:
    data = bad.sample("notice")
    data.update(changes)
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


DATA: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {
    "json-5000-digit-integer": (
        "n.json", _json_sample(title="关于").replace('"title": "关于"', '"title": ' + "9" * 5000),
        ("title", ":"), ("位数过多",),
    ),
    "json-1e999": (
        "n.json", _json_sample().replace('"doc_number"', '"x": 1e999, "doc_number"'),
        ("字段“x”",), ("数值无效",),
    ),
    "json-nan": ("n.json", _json_sample().replace('"doc_number"', '"x": NaN, "doc_number"'),
                 ("字段“x”",), ("数值无效",)),
    "json-nested-70": ("n.json", '{"title": ' + "[" * 70 + "]" * 70 + "}", ("title",),
                       ("嵌套过深",)),
    "json-nested-100k": ("n.json", '{"title": ' + "[" * 100000 + "]" * 100000 + "}", (),
                         ("嵌套过深",)),
    "json-nul-escape": ("n.json", _json_sample(title="关于\u0000通知"), ("字段“title”",),
                        ("控制字符",)),
    "toml-5000-digit-integer": ("n.toml", 'title = "关于"\nx = ' + "9" * 5000 + "\n", (":2",),
                                ("位数过多",)),
    "toml-200-digit-integer": ("n.toml", 'title = "关于"\nx = ' + "9" * 200 + "\n",
                               (":2", "字段“x”"), ("位数过多",)),
    "toml-1e999": ("n.toml", 'title = "关于"\n[stats]\nx = 1e999\n', (":3", "字段“stats.x”"),
                   ("数值无效",)),
    "toml-nested-100k": ("n.toml", "title = " + "[" * 100000 + "]" * 100000 + "\n", (),
                         ("嵌套过深",)),
    "toml-nested-70": ("n.toml", "title = " + "[" * 70 + "]" * 70 + "\n", (":1",),
                       ("嵌套过深",)),
    "yaml-5000-digit-integer": ("n.yaml", "title: 关于\nx: " + "9" * 5000 + "\n",
                                (":2", "字段“x”"), ("位数过多",)),
    "yaml-inf": ("n.yaml", "title: 关于\nx: [1, .inf]\n", (":2",), ("数值无效",)),
    "yaml-nul-escape": ("n.yaml", 'title: "关于\\0通知"\n', (":1", "字段“title”"), ("控制字符",)),
}  # fmt: skip

for _name, (_file, _text, _names, _words) in DATA.items():
    case(f"render-{_name}")(_render_data(_file, _text, _names, _words, peak=300))


@case("render-draft-nul-in-body")
def _(work: Path) -> Case:
    (work / "d.md").write_text("---\ntitle: 关于做好工作的通知\n---\n\n正文\x00内容。\n", "utf-8")
    return Case(["render", "d.md", "-o", "out.docx"], names=("d.md:5",), any_of=("控制字符",),
                needs=("cmd:render",))  # fmt: skip


@case("render-previous-huge-integer")
def _(work: Path) -> Case:
    bad.write_yaml(work / "this.yaml", bad.sample("annual-summary"))
    (work / "last.json").write_text('{"docs_received": ' + "9" * 5000 + "}", encoding="utf-8")
    return Case(["render", "annual-summary", "this.yaml", "--previous", "last.json", "-o",
                 "out.docx"], names=("last.json",), any_of=("位数过多",),
                needs=("cmd:render", "template:annual-summary",
                       "opt:render:--previous"))  # fmt: skip


# -- CSV: a bad cell fails its own row; exact integers; limits --------------------------------

TOWNS = bad.ROOT / "tests" / "fixtures" / "batch"
BRIEF = ("cmd:batch", "opt:batch:--template-dir")


def _towns_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["乡镇名称", "月份", "受理件数", "办结件数", "上月受理件数"])
    writer.writerows(rows)
    return buffer.getvalue()


def _brief_args(name: str) -> list[str]:
    templates = str(TOWNS / "office-templates")
    return ["batch", "信访简报", name, "-o", "out", "--to", "md", "--template-dir", templates,
            "--name-field", "town"]  # fmt: skip


def _written(folder: str, names: list[str], work: Path, has: str = "") -> Callable[[set], None]:
    """New files: exactly ``folder/<name>.md`` for ``names``; ``has`` in the first one."""

    def judge(new: set[str]) -> None:
        expected = {folder} | {f"{folder}/{name}.md" for name in names}
        assert new == expected, sorted(new)
        if has:
            text = (work / folder / f"{names[0]}.md").read_text(encoding="utf-8")
            assert has in text, text

    return judge


@case("batch-csv-nul-cell-fails-its-row")
def _(work: Path) -> Case:
    rows = [["城关镇", "10", "24", "22", "20"], ["河\x00西乡", "10", "5", "5", "3"],
            ["东山镇", "10", "7", "7", "6"]]  # fmt: skip
    (work / "towns.csv").write_text(_towns_csv(rows), encoding="utf-8")
    return Case(_brief_args("towns.csv"), code=1, one_line=False,
                names=("towns.csv 第3行", "控制字符 U+0000"),
                allow_new=_written("out", ["城关镇", "东山镇"], work), needs=BRIEF)  # fmt: skip


@case("batch-csv-4000-digit-number-fails-its-row")
def _(work: Path) -> Case:
    rows = [["城关镇", "10", "24", "22", "20"], ["河西乡", "10", "9" * 4000, "5", "3"],
            ["东山镇", "10", "7", "7", "6"], ["南湖镇", "10", "9" * 5000, "7", "6"]]  # fmt: skip
    (work / "towns.csv").write_text(_towns_csv(rows), encoding="utf-8")
    return Case(_brief_args("towns.csv"), code=1, one_line=False,
                names=("towns.csv 第3行", "towns.csv 第5行", "位数过多"),
                allow_new=_written("out", ["城关镇", "东山镇"], work), needs=BRIEF)  # fmt: skip


@case("batch-csv-integer-stays-exact")
def _(work: Path) -> Case:
    rows = [["城关镇", "10", "9007199254740993", "22", "20"]]
    (work / "towns.csv").write_text(_towns_csv(rows), encoding="utf-8")
    return Case(_brief_args("towns.csv"), code=0, one_line=False,
                allow_new=_written("out", ["城关镇"], work, has="9007199254740993"),
                needs=BRIEF)  # fmt: skip


@case("batch-csv-too-many-records")
def _(work: Path) -> Case:
    rows = [[f"第{i}镇", "10", "1", "1", "1"] for i in range(limits.MAX_BATCH_RECORDS + 1)]
    (work / "towns.csv").write_text(_towns_csv(rows), encoding="utf-8")
    return Case(_brief_args("towns.csv"), names=("towns.csv",),
                any_of=(f"{limits.MAX_BATCH_RECORDS} 条",), max_peak_mib=300, timeout=GUARD,
                needs=BRIEF, note="5,001 行的 CSV 不写任何文件")  # fmt: skip


@case("batch-csv-million-bad-rows")
def _(work: Path) -> Case:
    (work / "towns.csv").write_text("乡镇名称\n" + "x\n" * 1_000_000, encoding="utf-8")
    return Case(_brief_args("towns.csv"), names=("towns.csv",),
                any_of=(f"{limits.MAX_BATCH_RECORDS} 条",), max_peak_mib=300, timeout=GUARD,
                needs=BRIEF, note="一百万行坏记录：读到上限即停，一行说明")  # fmt: skip


@case("batch-csv-bad-rows-are-summarised")
def _(work: Path) -> Case:
    (work / "towns.csv").write_text("乡镇名称,月份\n" + "x,y\n" * 3000, encoding="utf-8")
    return Case(_brief_args("towns.csv"), code=1, one_line=False,
                names=("另有 2980 条记录失败", "共 3000 条"), max_peak_mib=300, timeout=GUARD,
                needs=BRIEF)  # fmt: skip


@case("batch-csv-deep-column")
def _(work: Path) -> Case:
    column = ".".join(["a"] * (limits.MAX_DATA_DEPTH + 5))
    (work / "towns.csv").write_text(f"乡镇名称,{column}\n城关镇,1\n", encoding="utf-8")
    return Case(_brief_args("towns.csv"), names=("towns.csv:1",), any_of=("嵌套过深",),
                needs=BRIEF)  # fmt: skip


@case("batch-many-files-too-many-records")
def _(work: Path) -> Case:
    folder = work / "records"
    folder.mkdir()
    for i in range(limits.MAX_BATCH_RECORDS + 1):
        (folder / f"r{i:05}.yaml").write_text(f"title: 第{i}号\n", encoding="utf-8")
    return Case(["batch", "notice", "records", "-o", "out"],
                any_of=(f"{limits.MAX_BATCH_RECORDS} 条",), timeout=GUARD, needs=BATCH)  # fmt: skip


# -- linear everything: inputs that were quadratic or ran out of memory -----------------------


@case("lint-10mb-of-newlines")
def _(work: Path) -> Case:
    size = 10 * 1024 * 1024
    (work / "nl.txt").write_text("关于做好冬季安全生产工作的通知\n" + "\n" * size + "正文。\n")
    return Case(["lint", "nl.txt", "--format", "json"], code=(0, 1), one_line=False,
                max_peak_mib=1024, timeout=180, needs=LINT)  # fmt: skip


@case("lint-10mb-of-blank-lines-markdown")
def _(work: Path) -> Case:
    size = 10 * 1024 * 1024
    (work / "nl.md").write_text(
        "# 关于做好冬季安全生产工作的通知\n" + "  \n" * (size // 3) + "正文。\n"
    )
    return Case(["lint", "nl.md", "--format", "json"], code=(0, 1), one_line=False,
                max_peak_mib=1024, timeout=180, needs=LINT)  # fmt: skip


def _docx_with(path: Path, build: Callable[[object], None]) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("关于做好冬季安全生产工作的通知")
    build(document)
    document.add_paragraph("请各单位认真贯彻执行。")
    document.save(str(path))


def _many_styles(document: object) -> None:
    from docx.oxml.ns import qn

    element = document.styles.element  # type: ignore[attr-defined]
    for number in range(50_000):
        style = element.makeelement(
            qn("w:style"), {qn("w:type"): "paragraph", qn("w:styleId"): f"S{number}"}
        )
        style.append(style.makeelement(qn("w:name"), {qn("w:val"): f"Style {number}"}))
        element.append(style)
    for _ in range(300):
        document.add_paragraph("各单位要切实落实安全生产责任。")  # type: ignore[attr-defined]


def _empty_paragraphs(document: object) -> None:
    from docx.oxml.ns import qn

    body = document.element.body  # type: ignore[attr-defined]
    section = body[-1]
    for _ in range(300_000):
        section.addprevious(body.makeelement(qn("w:p"), {}))


def _long_vertical_merge(document: object) -> None:
    from docx.oxml.ns import qn

    table = document.add_table(rows=3000, cols=2)  # type: ignore[attr-defined]
    for index, row in enumerate(table._tbl.tr_lst):
        properties = row.tc_lst[0].get_or_add_tcPr()
        attributes = {qn("w:val"): "restart"} if index == 0 else {}
        properties.append(properties.makeelement(qn("w:vMerge"), attributes))


DOCX = {
    "50000-styles": _many_styles,
    "300000-empty-paragraphs": _empty_paragraphs,
    "3000-row-vertical-merge": _long_vertical_merge,
}

for _name, _build in DOCX.items():

    def _docx_case(work: Path, build: Callable[[object], None] = _build) -> Case:
        _docx_with(work / "in.docx", build)
        return Case(["lint", "in.docx", "--format", "json"], code=(0, 1), one_line=False,
                    max_peak_mib=600, timeout=180, needs=LINT)  # fmt: skip

    case(f"lint-docx-{_name}")(_docx_case)


@case("render-json-1mb-of-list-items")
def _(work: Path) -> Case:
    data = bad.sample("notice")
    data["sections"] = [
        {"heading": f"第{i}项", "paragraphs": [f"第{i}项第{j}段。" for j in range(400)]}
        for i in range(100)
    ]
    (work / "big.json").write_text(json.dumps(data, ensure_ascii=False, default=str), "utf-8")
    return Case(["render", "notice", "big.json", "-o", "out.md", "--to", "md", "--no-lint"],
                code=0, one_line=False, max_peak_mib=600, timeout=180,
                allow_new=lambda new: None if new == {"out.md"} else pytest.fail(str(new)),
                needs=("cmd:render", "template:notice"))  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    check_case(name, CASES[name], tmp_path)
