"""``render --number`` and ``batch --number auto``: the number comes from the register, is
written into the document, and is confirmed only once the file is written; a record that fails
validation reserves nothing; a render that fails after the reservation leaves it reserved and
says so."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
import yaml
from paths import ROOT
from register_support import cli, fresh_postgres_url

SAMPLES = ROOT / "templates"


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _sample(kind: str, folder: Path, **changes: object) -> Path:
    data = yaml.safe_load((SAMPLES / kind / "sample.yaml").read_text(encoding="utf-8"))
    data.pop("doc_number", None)
    data.update(changes)
    path = folder / f"{kind}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _book(db: str) -> list[dict]:
    done = cli(["number", "list", "--format", "json", "--db", db])
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "register.sqlite3")


def test_render_takes_the_next_number_and_confirms_it(tmp_path: Path, db: str) -> None:
    data = _sample("notice", tmp_path)
    out = tmp_path / "通知.docx"
    args = ["render", "notice", str(data), "-o", str(out), "--no-lint", "--db", db]
    done = cli([*args, "--number", "auto", "--number-prefix", "江政办发"])
    assert done.returncode == 0, done.stderr
    number = f"江政办发〔{dt.date.today().year}〕1号"
    assert done.stdout == f"已生成：{out}（notice 模板，文号 {number}）\n"
    assert number in _docx_text(out)
    [row] = _book(db)
    assert row["number"] == number and row["status"] == "confirmed"
    assert row["output"] == str(out)
    assert row["title"] == "关于做好2026年度工作总结的通知"
    assert row["organ"] == "江州市人民政府办公室"
    assert row["date"] == "2026-11-20"


def test_the_prefix_can_come_from_the_data_and_a_required_number_need_not_be_typed(
    tmp_path: Path, db: str
) -> None:
    # a 请示 requires its 发文字号: the data leaves it out, the register fills it in
    data = _sample("request", tmp_path, doc_number_prefix="江教发")
    out = tmp_path / "请示.docx"
    done = cli(["render", "request", str(data), "-o", str(out), "--no-lint", "--number", "auto",
                "--db", db])  # fmt: skip
    assert done.returncode == 0, done.stderr
    [row] = _book(db)
    assert row["prefix"] == "江教发" and row["status"] == "confirmed"
    assert row["number"] in _docx_text(out)


def test_a_markdown_draft_gets_its_number_in_the_document_and_the_front_matter(
    tmp_path: Path, db: str
) -> None:
    draft = tmp_path / "通知.md"
    text = (ROOT / "samples" / "通知示例.md").read_text(encoding="utf-8")
    draft.write_text(
        text.replace("doc_number: 江政办发〔2026〕15号", "doc_number_prefix: 江政办发")
    )
    out = tmp_path / "通知.out.md"
    done = cli(["render", str(draft), "-o", str(out), "--no-lint", "--number", "auto", "--db", db])
    assert done.returncode == 0, done.stderr
    [row] = _book(db)
    assert f'doc_number: "{row["number"]}"' in out.read_text(encoding="utf-8")
    assert row["title"] == "关于开展2026年冬季安全生产大检查的通知"
    docx = tmp_path / "通知.docx"
    again = cli(["render", str(draft), "-o", str(docx), "--no-lint", "--number", "auto",
                 "--db", db])  # fmt: skip
    assert again.returncode == 0, again.stderr
    second = _book(db)[1]["number"]
    assert second.endswith("〕2号") and second in _docx_text(docx)


def test_data_that_fails_validation_reserves_nothing(tmp_path: Path, db: str) -> None:
    data = _sample("notice", tmp_path, date="下周一")
    done = cli(["render", "notice", str(data), "-o", str(tmp_path / "a.docx"), "--number",
                "auto", "--number-prefix", "江政办发", "--db", db])  # fmt: skip
    assert done.returncode == 2
    assert "字段“date”（成文日期）应为日期" in done.stderr and "文号" not in done.stderr
    assert _book(db) == []
    assert not (tmp_path / "a.docx").exists()


def test_a_render_that_fails_after_reserving_says_so_and_the_number_can_be_reused(
    tmp_path: Path, db: str
) -> None:
    # the output is the draft's own attachment: refused only once the draft is read,
    # after the number was reserved
    (tmp_path / "名单.md").write_text("| 单位 |\n|---|\n| 市教育局 |\n", encoding="utf-8")
    draft = tmp_path / "通知.md"
    draft.write_text(
        "---\ntitle: 关于报送名单的通知\ndoc_number_prefix: 江政办发\n"
        "organs: 江州市人民政府办公室\nattachments:\n  - title: 名单\n    file: 名单.md\n"
        "---\n请按时报送。\n",
        encoding="utf-8",
    )
    bad = cli(["render", str(draft), "-o", str(tmp_path / "名单.md"), "--to", "md", "--force",
               "--no-lint", "--number", "auto", "--db", db])  # fmt: skip
    assert bad.returncode == 2
    lines = bad.stderr.splitlines()
    assert len(lines) == 1 and "不能是生成它所用的文件" in lines[0]
    [row] = _book(db)
    number = row["number"]
    assert row["status"] == "reserved"
    assert f"文号“{number}”已预留、未使用：改正后可加 --number {number} 重新生成" in lines[0]
    assert f"drafting number void {number}" in lines[0]

    out = tmp_path / "通知.docx"
    good = cli(["render", str(draft), "-o", str(out), "--no-lint", "--number", number,
                "--db", db])  # fmt: skip
    assert good.returncode == 0, good.stderr
    assert number in _docx_text(out)
    [row] = _book(db)
    assert row["status"] == "confirmed" and row["output"] == str(out)

    used = cli(["render", str(draft), "-o", str(tmp_path / "b.docx"), "--no-lint", "--number",
                number, "--db", db])  # fmt: skip
    assert used.returncode == 2
    assert "已确认，不能再用于生成文件" in used.stderr
    assert not (tmp_path / "b.docx").exists()


def test_strict_findings_leave_the_number_reserved_and_say_so(tmp_path: Path, db: str) -> None:
    data = _sample("notice", tmp_path, opening="为了做好工作，根据有关要求，现通知如下：再接再励。")
    done = cli(["render", "notice", str(data), "-o", str(tmp_path / "a.docx"), "--strict",
                "--number", "auto", "--number-prefix", "江政办发", "--db", db])  # fmt: skip
    assert done.returncode == 1
    [row] = _book(db)
    assert row["status"] == "reserved"
    assert f"提示：文号“{row['number']}”已预留、未使用" in done.stderr
    assert not (tmp_path / "a.docx").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--number", "auto"], "需要机关代字"),
        (["--number-prefix", "江政办发"], "--number-prefix 只与 --number auto 一起用"),
        (["--db", "x.sqlite3"], "--db 只在用 --number 从登记簿取号时使用"),
        (["--number", "江政办发(2026)1号"], "六角括号"),
        (["--number", "江政办发〔2026〕1号"], "登记簿中没有文号"),
        (["--number", "auto", "--number-prefix", "江政办发", "--db", "mysql://u:pw@h/d"],
         "不受支持"),
    ],
)  # fmt: skip
def test_number_options_that_cannot_work_write_nothing(
    tmp_path: Path, db: str, args: list[str], message: str
) -> None:
    data = _sample("notice", tmp_path)
    out = tmp_path / "a.docx"
    full = ["render", "notice", str(data), "-o", str(out), "--no-lint", *args]
    if "--db" not in args:
        full += ["--db", db]
    done = cli(full, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.splitlines()) == 1
    assert not out.exists() and not (tmp_path / "x.sqlite3").exists()


def test_a_template_without_a_doc_number_is_refused(tmp_path: Path, db: str) -> None:
    data = _sample("commentary", tmp_path)
    done = cli(["render", "commentary", str(data), "-o", str(tmp_path / "a.docx"), "--number",
                "auto", "--number-prefix", "江政办发", "--db", db])  # fmt: skip
    assert done.returncode == 2
    assert "没有发文字号（doc_number），不能用 --number 取号" in done.stderr
    assert not Path(db).exists()


def test_data_from_stdin_needs_the_prefix_option(tmp_path: Path, db: str) -> None:
    import subprocess
    import sys

    data = _sample("notice", tmp_path, doc_number_prefix="江政办发").read_bytes()
    base = [sys.executable, "-m", "drafting", "render", "notice", "-", "--no-lint", "--db", db]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    no_prefix = subprocess.run([*base, "-o", str(tmp_path / "a.docx"), "--number", "auto"],
                               input=data, capture_output=True, env=env, check=False)  # fmt: skip
    assert no_prefix.returncode == 2
    assert "从标准输入读数据时，请用 --number-prefix" in no_prefix.stderr.decode("utf-8")
    ok = subprocess.run([*base, "-o", str(tmp_path / "b.docx"), "--number", "auto",
                         "--number-prefix", "江政发"], input=data, capture_output=True, env=env,
                        check=False)  # fmt: skip
    assert ok.returncode == 0, ok.stderr.decode("utf-8")
    assert [row["prefix"] for row in _book(db)] == ["江政发"]


def test_render_against_an_unreachable_register_writes_nothing(tmp_path: Path) -> None:
    data = _sample("notice", tmp_path)
    out = tmp_path / "a.docx"
    done = cli(["render", "notice", str(data), "-o", str(out), "--no-lint", "--number", "auto",
                "--number-prefix", "江政办发", "--db",
                "postgresql://clerk:hunter2-secret@127.0.0.1:1/office"])  # fmt: skip
    assert done.returncode == 2
    assert "无法连接发文登记簿数据库" in done.stderr and "hunter2-secret" not in done.stderr
    assert not out.exists()


def test_render_with_a_postgresql_register(tmp_path: Path) -> None:
    url = fresh_postgres_url()
    data = _sample("notice", tmp_path)
    for name in ("a", "b"):
        done = cli(
            [
                "render",
                "notice",
                str(data),
                "-o",
                str(tmp_path / f"{name}.docx"),
                "--no-lint",
                "--number",
                "auto",
                "--number-prefix",
                "江政办发",
                "--db",
                url,
            ]
        )
        assert done.returncode == 0, done.stderr  # fmt: skip
    rows = _book(url)
    assert [(r["serial"], r["status"]) for r in rows] == [(1, "confirmed"), (2, "confirmed")]
    assert rows[1]["number"] in _docx_text(tmp_path / "b.docx")


# --------------------------------------------------------------------------- batch


def _records(folder: Path, count: int, *, bad: tuple[int, ...] = (), no_prefix=()) -> Path:
    base = yaml.safe_load((SAMPLES / "notice" / "sample.yaml").read_text(encoding="utf-8"))
    base.pop("doc_number", None)
    items = []
    for index in range(1, count + 1):
        item = dict(base, title=f"关于第{index}项工作的通知")
        if index not in no_prefix:
            item["doc_number_prefix"] = "江政办发"
        if index in bad:
            item["date"] = "下周一"
        items.append(item)
    path = folder / "records.yaml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_batch_numbers_each_written_record_in_order(tmp_path: Path, db: str) -> None:
    records = _records(tmp_path, 5, bad=(2,), no_prefix=(4,))
    out = tmp_path / "out"
    done = cli(["batch", "notice", str(records), "-o", str(out), "--name-field", "title",
                "--number", "auto", "--db", db])  # fmt: skip
    assert done.returncode == 1  # two records failed
    assert "共 5 条：写出 3 份，跳过 0 份，失败 2 条" in done.stdout
    assert "需要机关代字" in done.stderr and "应为日期" in done.stderr
    rows = _book(db)
    assert [(r["serial"], r["status"], r["title"]) for r in rows] == [
        (1, "confirmed", "关于第1项工作的通知"),
        (2, "confirmed", "关于第3项工作的通知"),
        (3, "confirmed", "关于第5项工作的通知"),
    ]  # nothing reserved for the records that failed validation
    for row in rows:
        path = out / f"{row['title']}.docx"
        assert row["output"] == str(path)
        assert row["number"] in _docx_text(path)
        assert f"已写出：{path}（{row['number']}）" in done.stdout


def test_batch_with_workers_gets_distinct_consecutive_numbers(tmp_path: Path, db: str) -> None:
    records = _records(tmp_path, 6)
    done = cli(["batch", "notice", str(records), "-o", str(tmp_path / "out"), "--name-field",
                "title", "--jobs", "2", "--number", "auto", "--number-prefix", "江政发",
                "--db", db])  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = _book(db)
    assert [r["serial"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert {r["status"] for r in rows} == {"confirmed"}
    assert len({r["title"] for r in rows}) == 6


def test_a_batch_record_that_fails_after_reserving_keeps_its_number_reserved(
    tmp_path: Path, db: str
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    records = _records(tmp_path, 2)
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "关于第2项工作的通知.docx")  # refused when written, after the reservation
    done = cli(["batch", "notice", str(records), "-o", str(out), "--name-field", "title",
                "--force", "--number", "auto", "--db", db], timeout=120)  # fmt: skip
    assert done.returncode == 1
    rows = _book(db)
    assert [(r["serial"], r["status"]) for r in rows] == [(1, "confirmed"), (2, "reserved")]
    assert f"文号“{rows[1]['number']}”已预留、未使用" in done.stderr


def test_batch_takes_only_auto(tmp_path: Path, db: str) -> None:
    done = cli(["batch", "notice", str(_records(tmp_path, 1)), "-o", str(tmp_path / "out"),
                "--number", "江政办发〔2026〕1号", "--db", db])  # fmt: skip
    assert done.returncode == 2
    assert "batch 只能用 --number auto" in done.stderr
    assert not (tmp_path / "out").exists()


def test_no_number_options_no_register(tmp_path: Path) -> None:
    data = _sample("notice", tmp_path)
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    done = cli(["render", "notice", str(data), "-o", str(tmp_path / "a.docx"), "--no-lint"],
               env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "data").exists()
