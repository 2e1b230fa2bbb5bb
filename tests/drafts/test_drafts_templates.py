"""Template lookup, the sandboxed environment, and every shipped sample rendering to a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import SAMPLE_NOTICE

from drafting.drafts.templating import available_templates, find_template
from drafting.errors import TemplateError
from drafting.render import parse_draft, prepare, render_markdown
from drafting.resources import templates_dir

SHIPPED = sorted(
    folder.name for folder in templates_dir().iterdir() if (folder / "schema.yaml").is_file()
)


def test_lookup_by_id_chinese_name_and_alias():
    assert find_template("notice").id == "notice"
    assert find_template("通知").id == "notice"
    assert find_template("NOTICE").id == "notice"


def test_unknown_template_lists_available_ids():
    with pytest.raises(TemplateError) as caught:
        find_template("notise")
    message = str(caught.value)
    assert message.startswith("没有名为“notise”的模板；是否想用“notice”？可用的模板：")
    assert "notice（通知）" in message


@pytest.mark.parametrize("template_id", SHIPPED)
def test_every_shipped_sample_renders_and_parses(template_id):
    info = find_template(template_id)
    draft = prepare(template_id, info.sample_path)
    assert draft.markdown.startswith("---\n")
    assert draft.document.title
    assert draft.document.body
    assert draft.document.layout == info.layout


def test_notice_sample_document():
    draft = prepare("通知", SAMPLE_NOTICE)
    doc = draft.document
    assert doc.title == "关于做好2026年度工作总结的通知"
    assert doc.header.doc_number == "江政办发〔2026〕12号"
    assert doc.body[0].text.startswith("为全面总结2026年度工作") and doc.body[0].text.endswith(
        "通知如下："
    )
    assert [b.full_text for b in doc.body if hasattr(b, "ordinal")] == [
        "一、总体要求",
        "二、主要内容",
        "（一）年度目标任务完成情况",
        "（二）存在的问题和不足",
        "（三）2027年工作思路",
        "三、报送要求",
    ]
    assert doc.attachment_titles == ["2026年度工作总结报送表"]
    assert doc.cc == ["市委办公厅", "市人大常委会办公厅", "市政协办公厅"]
    assert (doc.kind, doc.layout) == ("notice", "official")


def test_values_with_markdown_characters_stay_literal():
    values = {
        "organs": ["某某县人民政府办公室"],
        "title": "关于“*重点*”工作: 安排的通知",
        "recipients": "各乡镇：",
        "opening": "1. 为做好工作，现通知如下：",
        "sections": [{"heading": "# 要求", "paragraphs": ["- 第一条"]}],
        "signature": "某某县人民政府办公室",
        "date": "2026-11-20",
    }
    doc = parse_draft(render_markdown("notice", values), path="<test>")
    assert doc.title == "关于“*重点*”工作: 安排的通知"
    assert doc.body[0].text == "1. 为做好工作，现通知如下："
    assert doc.body[1].full_text == "一、# 要求"
    assert doc.body[2].text == "- 第一条"


def _user_template(root: Path, body: str, *, template_id: str = "memo") -> Path:
    folder = root / template_id
    folder.mkdir(parents=True)
    (folder / "schema.yaml").write_text(
        f"id: {template_id}\nname: 备忘\naliases: [备忘录]\ndescription: 测试用模板\n"
        "fields:\n  title: {type: string, required: true, label: 标题}\n",
        encoding="utf-8",
    )
    (folder / "template.md.j2").write_text(body, encoding="utf-8")
    (folder / "sample.yaml").write_text("title: 关于测试的备忘\n", encoding="utf-8")
    return folder


def test_user_template_dir_is_searched_first(tmp_path, monkeypatch):
    _user_template(
        tmp_path, "---\ntitle: {{ title | yaml }}\n---\n\n正文。\n", template_id="notice"
    )
    assert find_template("notice", [tmp_path]).folder == tmp_path / "notice"
    monkeypatch.setenv("DRAFTING_TEMPLATES", str(tmp_path))
    assert find_template("notice").folder == tmp_path / "notice"
    ids = [info.id for info in available_templates()]
    assert ids.count("notice") == 1


def test_template_syntax_error_names_file_and_line(tmp_path):
    folder = _user_template(
        tmp_path, "---\ntitle: {{ title | yaml }}\n---\n\n{% if title %}\n正文\n"
    )
    with pytest.raises(TemplateError) as caught:
        render_markdown("备忘录", {"title": "甲"}, template_dirs=[tmp_path])
    assert caught.value.path == str(folder / "template.md.j2")
    assert caught.value.line == 6
    assert str(caught.value) == (
        f"{folder / 'template.md.j2'}:6: 模板语法错误：模板在 {{% if %}} 块结束之前就结束了："
        "缺少 {% endif %}"
    )


def test_undefined_value_names_template_line(tmp_path):
    _user_template(tmp_path, "---\ntitle: {{ title | yaml }}\n---\n\n{{ missing }}\n")
    with pytest.raises(TemplateError) as caught:
        render_markdown("memo", {"title": "甲"}, template_dirs=[tmp_path])
    assert caught.value.line == 5
    assert str(caught.value).endswith(
        ":5: 模板引用了没有的值：“missing”（数据里没有这一项，或模板里的名字写错了）"
    )


JINJA_ERRORS = [
    ("{% for x in title %}{% endif %}{% endfor %}\n", 1, "模板语法错误：遇到 {% endif %}，"
     "但此处应先用 {% endfor %} 结束 {% for %} 块"),
    ("{{ title \n", 1, "模板语法错误：模板意外结束：缺少“}}”"),
    ("{{ title | nosuch }}\n", 1, "模板语法错误：没有名为“nosuch”的过滤器"),
    ("{{ title title }}\n", 1, "模板语法错误：此处应为“}}”，却是“title”"),
    ("\n{{ title.nosuch }}\n", 2, "模板引用了没有的值：文字中没有“nosuch”"),
    ("{{ title.__class__ }}\n", 1,
     "模板试图做不允许的操作：不允许访问文字的属性“__class__”（模板在沙箱中运行）"),
    ("{{ title + 1 }}\n", 1, "模板渲染出错：文字不能与整数直接相加（可用 ~ 连接）"),
    ("{{ 1 / 0 }}\n", 1, "模板渲染出错：除数为零"),
    ("{{ title | cn_number }}\n", 1, "模板渲染出错：不是整数：'甲'"),  # our own, in Chinese
    ("{% extends 'memo/template.md.j2' %}{% block a %}{% endblock %}{% block a %}{% endblock %}",
     1, "模板语法错误：块“a”定义了两次"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "line", "message"), JINJA_ERRORS)
def test_jinja_errors_are_said_in_chinese_with_the_template_line(tmp_path, body, line, message):
    folder = _user_template(tmp_path, body)
    with pytest.raises(TemplateError) as caught:
        render_markdown("memo", {"title": "甲"}, template_dirs=[tmp_path])
    assert str(caught.value) == f"{folder / 'template.md.j2'}:{line}: {message}"


def test_an_unknown_jinja_message_is_kept_after_a_chinese_description():
    from drafting.syntax_errors import jinja_message

    assert jinja_message("Something new went wrong") == "Jinja 报告“Something new went wrong”"


def test_sandbox_refuses_unsafe_attributes(tmp_path):
    _user_template(tmp_path, "{{ title.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(TemplateError):
        render_markdown("memo", {"title": "甲"}, template_dirs=[tmp_path])


def test_missing_template_dir_is_an_error(tmp_path):
    with pytest.raises(TemplateError, match="模板文件夹不存在"):
        find_template("notice", [tmp_path / "absent"])
