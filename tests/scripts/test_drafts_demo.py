"""scripts/demo.py renders every template's sample and every Markdown sample."""

from __future__ import annotations

import importlib.util

from paths import ROOT

from drafting.resources import templates_dir


def _demo():
    spec = importlib.util.spec_from_file_location("demo", ROOT / "scripts" / "demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_renders_every_template_and_sample(tmp_path, capsys, monkeypatch):
    demo = _demo()
    assert demo.main([str(tmp_path)]) == 0
    names = {path.name for path in tmp_path.iterdir()}
    ids = [f.name for f in templates_dir().iterdir() if (f / "schema.yaml").is_file()]
    for template_id in ids:
        assert {f"{template_id}.md", f"{template_id}.txt"} <= names
    assert "通知示例.txt" in names
    if demo.docx_available():
        assert "notice.docx" in names and "通知示例.docx" in names
    out = capsys.readouterr().out
    samples = len(list((ROOT / "samples").glob("*.md")))
    summaries = len(list((ROOT / "samples").glob("*年终总结.yaml")))
    assert summaries and {"组织部年终总结.md", "组织部年终总结.txt"} <= names
    assert f"已渲染 {len(ids) + samples + summaries} 份文稿" in out
    # a second run overwrites its own output (and says so when the linter is absent)
    monkeypatch.setattr(demo, "lint_available", lambda: False)
    assert demo.main([str(tmp_path)]) == 0
    assert "审校命令 drafting lint 尚未就绪，跳过审校" in capsys.readouterr().out
