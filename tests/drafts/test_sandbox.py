"""The template environment in-process: every cap of drafting.drafts.sandbox refuses before the
work is done, ordinary templates are untouched, and the loader reads only regular UTF-8 files
inside its folders (symlinks followed)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import pytest

from drafting import limits
from drafting.drafts import sandbox
from drafting.drafts.sandbox import (
    Budget,
    ConfinedLoader,
    LimitedEnvironment,
    TemplateLimitError,
    TemplateRefused,
    measure,
    spending,
)
from drafting.drafts.templating import make_environment


def env(folder: Path | None = None) -> LimitedEnvironment:
    return LimitedEnvironment(
        loader=ConfinedLoader([folder] if folder else []), undefined=jinja2.StrictUndefined
    )


def render(source: str, **values: object) -> str:
    """``source`` rendered in the environment templates get (the project's filters too)."""
    return make_environment().from_string(source).render(**values)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{{ 10 ** 100000 }}", "乘方的结果过大（约 100,001 位数"),
        ("{{ (-7) ** 99999999 }}", "乘方的结果过大"),
        ("{{ 2 ** 5000 }}", "乘方的结果过大"),
        ("{% set a = 2 ** 4000 %}{{ a * a }}", "乘积过大"),
        ("{{ 'ab' * 6000000 }}", "生成的文字过长（约 12,000,000 个字符"),
        ("{{ 6000000 * 'ab' }}", "生成的文字过长"),
        ("{{ [1, 2] * 200000 }}", "列表或映射过大"),
        ("{{ ('x' * 6000000) + ('y' * 6000000) }}", "生成的文字过长"),
        ("{{ '%1001d' % 1 }}", "格式宽度 1,001 超过上限 1,000"),
        ("{{ '%.2000f' % 1.5 }}", "格式精度 2,000 超过上限 1,000"),
        ("{{ '%(a)5000s' % {'a': 1} }}", "格式宽度 5,000"),
        ("{{ '%s%s' | format('x' * 6000000, 'y' * 6000000) }}", "生成的文字过长"),
        ("{{ '{:>5000}'.format(1) }}", "格式宽度 5,000"),
        ("{{ '{0:{1}}'.format(1, 5000) }}", "格式宽度 5,000"),
        ("{{ '{a}'.format_map({'a': 'x' * 6000000}) * 2 }}", "生成的文字过长"),
        ("{{ 'x' | center(5000) }}", "格式宽度 5,000"),
        ("{{ 'x' | indent(5000) }}", "格式宽度 5,000"),
        ("{{ ('x\n' * 100000) | indent('y' * 100) }}", "生成的文字过长"),
        ("{{ ('x' * 100) | wordwrap(5, wrapstring='y' * 600000) }}", "生成的文字过长"),
        ("{{ 1 | percent(5000) }}", "格式宽度 5,000"),
        ("{{ 'x'.zfill(5000) }}", "格式宽度 5,000"),
        ("{{ ('\t' * 100000).expandtabs(500) }}", "生成的文字过长"),
        ("{{ ('a' * 100000).replace('a', 'bb' * 100) }}", "生成的文字过长"),
        ("{{ ('x' * 1000).join(range(20000)) }}", "生成的文字过长"),
        ("{{ ('a ' * 300000).split() | length }}", "列表或映射过大"),
        ("{{ ('a' * 300000) | list | length }}", "列表或映射过大"),
        ("{{ (1).to_bytes(20000000, 'big') | length }}", "生成的文字过长"),
        ("{{ lipsum(5000) }}", "段落或词数 5,000"),
        ("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
         "循环和调用次数过多（超过 100,000 步）"),
        ("{% macro m() %}{% endmacro %}{% for i in range(20000) %}{{ m() }}{{ m() }}"
         "{{ m() }}{{ m() }}{{ m() }}{% endfor %}", "循环和调用次数过多"),
        ("{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
         "{% endfor %}", "生成的文字过长"),
        ("{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}"
         "{% endfor %}", "列表或映射过大"),
        ("{% set ns = namespace(x=1) %}{% set ns.x = [ns] %}{{ ns.x ~ '' }}", "引用了它自己"),
        ("{% set s = 'x' * 9000000 %}{{ s }}{{ s }}", "生成的文稿过长"),
        ("{% set s = 'x' * 9000000 %}{% for i in range(5) %}{% set t = s ~ '' %}{% endfor %}",
         "生成的文字总量过大"),
    ],
)  # fmt: skip
def test_each_cap_refuses_before_the_work_is_done(source: str, words: str) -> None:
    started = time.process_time()
    with pytest.raises(TemplateLimitError) as caught:
        render(source)
    assert words in str(caught.value)
    assert time.process_time() - started < limits.MAX_TEMPLATE_SECONDS


def test_recursion_is_a_recursion_error_the_caller_reports() -> None:
    with pytest.raises(RecursionError):
        render("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}")


def test_range_keeps_jinjas_own_cap() -> None:
    with pytest.raises(OverflowError, match="Range too big"):
        render("{% for i in range(10 ** 9) %}{% endfor %}")


def test_the_deadline_stops_a_loop_of_costly_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spending, "MAX_TEMPLATE_SECONDS", 0.05)
    source = "{% set s = 'a' * 5000000 %}{% for i in range(100000) %}{{ 'b' in s }}{% endfor %}"
    with pytest.raises(TemplateLimitError, match="渲染超时"):
        render(source)


def test_a_budget_belongs_to_one_rendering() -> None:
    template = env().from_string("{% for i in range(60000) %}{% endfor %}done")
    assert template.render() == "done"
    assert template.render() == "done"  # a second rendering starts from nothing


def test_ordinary_templates_render_as_before() -> None:
    source = (
        "{% set ns = namespace(total=0) %}{% for n in items %}{% set ns.total = ns.total + n %}"
        "{% endfor %}{{ '%s：%d 件' % (title, ns.total) }} {{ '{:>4}'.format(3) }} "
        "{{ items | join('、') }} {{ title ~ '！' }} {{ (2 ** 64) * 3 }} {{ 'ab' * 3 }} "
        "{{ title | center(12) | trim }} {{ [1, 2] + [3] }} {{ 7 % 3 }} {{ title[1:] }}"
    )
    out = render(source, title="关于通知", items=[1, 2, 3])
    assert out == (
        "关于通知：6 件    3 1、2、3 关于通知！ 55340232221128654848 ababab 关于通知 "
        "[1, 2, 3] 1 于通知"
    )


def test_measure_counts_shared_lists_each_time_and_remembers_sizes() -> None:
    leaf = ["abc"]
    pair = [leaf, leaf]
    items, chars = measure([pair, pair])
    assert items == 11 and chars > 4 * 5  # 1 + 2 × (1 + 2 × (1 + 1)): every list and string
    token = spending._CURRENT.set(Budget.start())
    try:
        measure(pair)
        assert id(pair) in sandbox.budget().sizes
    finally:
        spending._CURRENT.reset(token)


def test_sandbox_still_refuses_internals() -> None:
    with pytest.raises(jinja2.exceptions.SecurityError):
        render("{{ ''.__class__.__mro__ }}")


# --------------------------------------------------------------------------- the loader


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    (folder / "t").mkdir(parents=True)
    (folder / "t" / "part.j2").write_text("部分", encoding="utf-8")
    return folder


def test_loader_reads_files_inside_its_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "t" / "inner.j2").symlink_to(folder / "t" / "part.j2")  # a link that stays inside
    template = env(folder).from_string("{% include 't/part.j2' %}+{% include 't/inner.j2' %}")
    assert template.render() == "部分+部分"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda f, out: (f / "t" / "x.j2").symlink_to("/etc/hostname"), "模板文件夹以外"),
        (lambda f, out: (f / "t" / "x.j2").symlink_to(out), "模板文件夹以外"),
        (lambda f, out: os.mkfifo(f / "t" / "x.j2"), "不是普通文件"),
        (lambda f, out: (f / "t" / "x.j2").write_bytes(b"a" * (limits.MAX_TEMPLATE_BYTES + 1)),
         "过大"),
        (lambda f, out: (f / "t" / "x.j2").write_bytes("乙\n甲".encode("gb18030")),
         "第 1 行不是 UTF-8"),
    ],
)  # fmt: skip
def test_loader_refuses_what_is_not_a_regular_file_inside(tmp_path: Path, make, reason) -> None:
    folder = _folder(tmp_path)
    outside = tmp_path / "outside.j2"
    outside.write_text("机密", encoding="utf-8")
    make(folder, outside)
    with pytest.raises(TemplateRefused) as caught:
        env(folder).from_string("{% include 't/x.j2' %}").render()
    assert reason in str(caught.value.message)


def test_loader_does_not_find_names_outside(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    for name in ("/etc/passwd", "../outside.j2", "t/../../outside.j2"):
        with pytest.raises(jinja2.TemplateNotFound):
            env(folder).from_string(f"{{% include '{name}' %}}").render()


def test_a_symlinked_folder_pointing_out_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.j2").write_text("机密", encoding="utf-8")
    (folder / "t" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(TemplateRefused):
        env(folder).from_string("{% include 't/linked/x.j2' %}").render()


def test_the_shipped_environment_is_the_limited_one() -> None:
    environment = make_environment()
    assert isinstance(environment, LimitedEnvironment)
    assert isinstance(environment.loader, ConfinedLoader)
    assert all(getattr(f, "_drafting_guarded", False) for f in environment.filters.values())
