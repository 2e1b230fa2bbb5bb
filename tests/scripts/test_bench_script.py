"""scripts/bench.py: its input generators, the table, and the jieba-load probe (no timings)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
from paths import ROOT

SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))

from benchlib import figures, inputs  # noqa: E402
from benchlib.measure import Stats, run_process  # noqa: E402
from benchlib.table import Row, markdown_table, quantity  # noqa: E402
from benchlib.table import _width as display_width  # noqa: E402

SENTENCE = re.compile(r"[^。！？\n]+[。！？]")


def test_sentence_pool_keeps_distinct_chinese_sentences_only():
    pool = inputs.sentence_pool(["各单位要高度重视。各单位要高度重视。\nunit: x.\n请于5月前报送！"])
    assert pool == ["各单位要高度重视。", "请于5月前报送！"]


def test_prose_is_reproducible_and_varies_figures_and_dates():
    pool = ["全年制发文件118件，组织会议46次。", "请于12月10日前报送材料。"]
    first = [inputs.Prose(pool, seed=7).sentence() for _ in range(1)]
    again = [inputs.Prose(pool, seed=7).sentence() for _ in range(1)]
    assert first == again
    prose = inputs.Prose(pool, seed=7)
    for _ in range(50):
        sentence = prose.sentence()
        for month in re.findall(r"(\d+)月", sentence):
            assert 1 <= int(month) <= 12
        for day in re.findall(r"(\d+)日", sentence):
            assert 1 <= int(day) <= 28


def test_notice_page_is_a_notice_of_about_a_thousand_characters():
    text = inputs.notice_page()
    assert 1000 <= len(text) <= 1200
    assert text.splitlines()[0] == "关于做好2026年度工作总结的通知"
    assert inputs.notice_page() == text


def test_long_summary_has_about_ten_thousand_characters():
    text = inputs.long_summary()
    assert 10_000 <= len(text) <= 11_000
    assert text.splitlines()[0].endswith("工作总结")


def test_big_prose_is_a_megabyte_of_mostly_distinct_sentences():
    text = inputs.big_prose()
    assert 1_000_000 <= len(text.encode()) <= 1_050_000
    sentences = SENTENCE.findall(text)
    assert len(set(sentences)) >= 0.95 * len(sentences)
    headings = [line for line in text.splitlines() if re.match(r"^[一二三四五六七八九十]+、", line)]
    assert len(headings) < 100  # top-level ordinals stay under 一百


def test_annual_records_csv_is_read_and_validated_by_batch(tmp_path):
    from drafting.drafts.records import Record, load_records
    from drafting.drafts.schema import validate
    from drafting.render import load_template

    records = inputs.annual_records(30)
    assert len({r["unit"] for r in records}) == 30
    path = tmp_path / "records.csv"
    path.write_text(inputs.records_csv(records), encoding="utf-8")
    info = load_template("annual-summary")
    loaded = list(load_records([path], info.schema))
    assert all(isinstance(item, Record) for item in loaded)
    for item in loaded:
        validate(info.schema, item.data)
        stats = item.data.values["stats"]
        assert stats["petitions"]["closed"] <= stats["petitions"]["filed"]
        assert stats["info"]["adopted"] <= stats["info"]["submitted"]
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert "stats.petitions.closed" in header and "achievements.1.area" in header


def test_text_rule_codes_are_the_rules_that_need_no_words():
    from drafting.lint.rule import Needs, all_rules

    codes = figures.text_rule_codes()
    assert codes and all(all_rules()[c].needs == Needs.TEXT for c in codes)
    assert "N301" in codes and "S101" not in codes


def test_table_lines_up_and_marks_every_row():
    rows = [
        Row(
            "lint one page",
            Stats((0.5, 0.4, 0.6)),
            baseline="jieba",
            base=Stats((0.45,)),
            ratio=0.5 / 0.45,
            target="≤ 1.15× floor",
            met=True,
        ),
        Row("通知 peak", Stats((151.0,)), unit="MiB", target="≤ 150 MiB", met=False),
        Row("loads", None, unit="", met=None),
    ]
    lines = markdown_table(rows).splitlines()
    assert lines[0].startswith("| Figure")
    assert re.match(r"\| lint one page +\| 500\.0 ms +\| 400\.0 ms–600\.0 ms +\| jieba ", lines[2])
    assert re.search(r"\| 1\.11 +\| ≤ 1\.15× floor +\| met +\|$", lines[2])
    assert "NOT MET" in lines[3] and "(info)" in lines[4]
    assert len({display_width(line) for line in lines}) == 1  # 通知 counts two columns


def test_quantities():
    assert quantity(0.0853, "s") == "85.3 ms"
    assert quantity(2.5, "s") == "2.50 s"
    assert quantity(120.25, "MiB") == "120.2 MiB"
    assert quantity(3.0, "") == "3"


def test_run_process_reports_exit_code_and_peak_memory():
    run = run_process(
        [sys.executable, "-c", "x = bytearray(64 * 1024 * 1024); print('ok')"], capture=True
    )
    assert run.returncode == 0 and run.stdout.strip() == b"ok"
    assert run.max_rss_mib >= 64


def test_docxtpl_template_renders_the_notice_fields(tmp_path):
    docxtpl = pytest.importorskip("docxtpl", reason="docxtpl is a dev dependency of the bench")
    import yaml
    from docx import Document

    template = tmp_path / "t.docx"
    figures.docxtpl_template(template)
    sample = inputs.ROOT / "templates" / "notice" / "sample.yaml"
    document = docxtpl.DocxTemplate(str(template))
    document.render(figures.docxtpl_context(yaml.safe_load(sample.read_text(encoding="utf-8"))))
    out = tmp_path / "out.docx"
    document.save(str(out))
    text = [p.text for p in Document(str(out)).paragraphs]
    assert "关于做好2026年度工作总结的通知" in text
    assert "一、总体要求" in text and "（二）存在的问题和不足" in text
    assert "2026年11月20日" in text


def test_probe_logs_one_jieba_load_per_process(tmp_path):
    log = tmp_path / "loads.log"
    env = {**os.environ, "BENCH_JIEBA_LOG": str(log), "PYTHONPATH": str(figures.PROBE)}
    code = (
        "from drafting.lint.api import lint_text\n"
        "for _ in range(3): lint_text('关于做好工作的通知\\n请各单位认真落实。')\n"
        "import os; print(os.getpid())"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert log.read_text().split() == [out.stdout.strip()]


def test_importtime_check_sees_jieba(tmp_path):
    bench = figures.Bench(tmp_path, runs=1, batch_runs=1, records=1)
    assert figures.imports_jieba(bench, ["-c", "import jieba"], ok=(0,))
    assert not figures.imports_jieba(bench, ["-c", "import json"], ok=(0,))
    assert json  # the probe module above is imported in the subprocess only


def test_phases_times_every_selected_rule_and_cuts_no_words_for_text_rules(tmp_path):
    from benchlib.phases import phases

    from drafting.lint.rule import Needs, all_rules

    path = tmp_path / "notice.txt"
    path.write_text(inputs.notice_page(), encoding="utf-8")
    result = phases(str(path), text_only=True)
    expected = {
        code
        for code, rule in all_rules().items()
        if rule.needs == Needs.TEXT and rule.runs_in("notice")
    }
    assert result["genre"] == "notice"
    assert set(result["rules"]) == expected
    assert "cut the words (jieba)" not in result["phases"]
