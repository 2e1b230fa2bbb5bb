"""Confinement end to end: what a draft or a template's draft may read, and ``--allow-dir``."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from paths import SAMPLE_NOTICE as SAMPLE
from paths import TESTS

from drafting.cli import cli
from drafting.render import prepare

SEAL = TESTS / "fixtures" / "layout" / "seal.png"
NOTICE = SAMPLE.parent


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


@pytest.fixture
def layout(tmp_path: Path, monkeypatch) -> Path:
    """A draft folder, a shared folder beside it and a secret beside both; cwd is tmp_path."""
    (tmp_path / "draft").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "名单.md").write_text("# 名单\n\n共享附件的正文\n", encoding="utf-8")
    (tmp_path / "secret.md").write_text("机密内容\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _draft(folder: Path, file: str, extra: str = "") -> Path:
    path = folder / "通知.md"
    path.write_text(
        f"---\ntitle: 关于开展检查的通知\n{extra}attachments:\n  - title: 名单\n    file: {file}\n"
        "---\n请认真落实。\n",
        encoding="utf-8",
    )
    return path


def test_allow_dir_reads_an_attachment_kept_elsewhere(layout: Path) -> None:
    _draft(layout / "draft", "../shared/名单.md")
    refused = CliRunner().invoke(cli, ["render", "draft/通知.md", "-o", "a.docx", "--no-lint"])
    assert refused.exit_code == 2 and "--allow-dir" in refused.output
    assert not (layout / "a.docx").exists()
    result = CliRunner().invoke(
        cli, ["render", "draft/通知.md", "-o", "a.docx", "--no-lint", "--allow-dir", "shared"]
    )
    assert result.exit_code == 0, result.output
    assert "共享附件的正文" in _document_xml(layout / "a.docx")


def test_an_attachment_and_a_seal_inside_the_folder_are_read(layout: Path) -> None:
    shutil.copy(SEAL, layout / "draft" / "seal.png")
    (layout / "draft" / "附件").mkdir()
    (layout / "draft" / "附件" / "名单.md").write_text("本地附件\n", encoding="utf-8")
    _draft(
        layout / "draft", "附件/名单.md", "signature: 某某局\ndate: 2026-03-01\nseal: seal.png\n"
    )
    draft = prepare(layout / "draft" / "通知.md")
    assert draft.document.seal == (layout / "draft" / "seal.png").resolve()
    assert draft.document.attachments[0].file == (layout / "draft" / "附件" / "名单.md").resolve()
    result = CliRunner().invoke(cli, ["render", "draft/通知.md", "-o", "b.docx", "--no-lint"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(layout / "b.docx") as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())
    assert "本地附件" in _document_xml(layout / "b.docx")


def test_an_attachment_in_gb18030_is_read(layout: Path) -> None:
    (layout / "draft" / "名单.md").write_bytes("国标编码的附件\n".encode("gb18030"))
    _draft(layout / "draft", "名单.md")
    draft = prepare(layout / "draft" / "通知.md")
    assert draft.document.attachments[0].blocks


def test_an_undecodable_attachment_is_a_chinese_line(layout: Path) -> None:
    (layout / "draft" / "名单.md").write_bytes(b"\x81\x00\xff\xfe\xfd")
    _draft(layout / "draft", "名单.md")
    result = CliRunner().invoke(cli, ["render", "draft/通知.md", "-o", "c.docx", "--no-lint"])
    assert result.exit_code == 2 and "编码" in result.output


def _evil_templates(root: Path, file: str) -> Path:
    """A template folder with ``evil``: notice's schema, front matter naming ``file``."""
    folder = root / "templates" / "evil"
    folder.mkdir(parents=True)
    schema = (NOTICE / "schema.yaml").read_text(encoding="utf-8")
    schema = "\n".join(
        "id: evil" if line.startswith("id:") else
        "name: 测试模板" if line.startswith("name:") else
        "aliases: []" if line.startswith("aliases:") else line
        for line in schema.splitlines()
    )  # fmt: skip
    (folder / "schema.yaml").write_text(schema + "\n", encoding="utf-8")
    (folder / "template.md.j2").write_text(
        "---\ntitle: {{ title | yaml }}\nattachments:\n  - title: 名单\n"
        f"    file: {file}\n---\n{{{{ title }}}}\n",
        encoding="utf-8",
    )
    return root / "templates"


def test_a_template_draft_resolves_against_the_data_folder(layout: Path) -> None:
    templates = _evil_templates(layout, "名单.md")
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    (layout / "draft" / "data.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    (layout / "draft" / "名单.md").write_text("数据旁的附件\n", encoding="utf-8")
    args = ["render", "evil", "draft/data.yaml", "-o", "d.docx", "--no-lint"]
    result = CliRunner().invoke(cli, [*args, "--template-dir", str(templates)])
    assert result.exit_code == 0, result.output
    assert "数据旁的附件" in _document_xml(layout / "d.docx")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_allow_dir_reaches_every_worker(layout: Path, jobs: str) -> None:
    templates = _evil_templates(layout, "../shared/名单.md")
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    records = [{**data, "title": f"关于开展第{n}次检查的通知"} for n in range(3)]
    (layout / "draft" / "records.yaml").write_text(yaml.safe_dump(records, allow_unicode=True))
    args = ["batch", "evil", "draft/records.yaml", "-o", "out", "--template-dir", str(templates)]
    refused = CliRunner().invoke(cli, [*args, "--jobs", jobs])
    assert refused.exit_code == 1 and "--allow-dir" in refused.output
    assert not list((layout / "out").glob("*.docx"))
    result = CliRunner().invoke(cli, [*args, "--jobs", jobs, "--allow-dir", "shared"])
    assert result.exit_code == 0, result.output
    outputs = sorted((layout / "out").glob("*.docx"))
    assert len(outputs) == 3
    assert all("共享附件的正文" in _document_xml(path) for path in outputs)
