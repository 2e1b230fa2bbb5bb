"""drafting batch: records from CSV / YAML lists / files, validation, safe names, no overwrite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import TESTS

from drafting import batch as batch_module
from drafting.batch import run_batch, safe_filename, unique_name
from drafting.cli import cli
from drafting.drafts.records import convert, load_csv, split_list
from drafting.drafts.templating import find_template
from drafting.errors import DataError, InputError

FIXTURES = TESTS / "fixtures" / "batch"
UNITS = FIXTURES / "units-2026.csv"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_csv_of_20_units_with_2_bad_rows_writes_18_and_reports_2(tmp_path: Path) -> None:
    code, output = _run("batch", "年终总结", str(UNITS), "-o", str(tmp_path), "--to", "md")
    assert code == 1
    assert len(list(tmp_path.glob("*.md"))) == 18
    assert not (tmp_path / "县水利局.md").exists() and not (tmp_path / "县审计局.md").exists()
    assert f"失败：{UNITS} 第13行：字段“stats.petitions.closed”（办结（件））应为整数" in output
    assert f"失败：{UNITS} 第20行：字段“date”（成文日期）应为日期，如 2026-12-20" in output
    assert output.rstrip().endswith("共 20 条：写出 18 份，跳过 0 份，失败 2 条")
    text = (tmp_path / "县教育局.md").read_text(encoding="utf-8")
    assert "全年受理上级来文来电320份，同比减少20份、下降5.9%；制发文件113件" in text


def test_plain_lines_when_not_a_terminal(tmp_path: Path) -> None:
    _, output = _run("batch", "annual-summary", str(UNITS), "-o", str(tmp_path), "--to", "md")
    assert f"已写出：{tmp_path / '县教育局.md'}" in output.splitlines()


def test_gb18030_csv_from_excel_reads_the_same(tmp_path: Path) -> None:
    legacy = tmp_path / "units-gbk.csv"
    legacy.write_bytes(UNITS.read_text(encoding="utf-8-sig").encode("gb18030"))
    result = run_batch("annual-summary", [legacy], tmp_path / "out", to="md")
    assert (result.written, result.failed) == (18, 2)
    assert (tmp_path / "out" / "县人力资源和社会保障局.md").is_file()


def test_multiline_cell_and_semicolons_split_list_fields() -> None:
    records = list(load_csv(UNITS, find_template("annual-summary").schema))
    assert records[0].values["problems"] == [
        "调查研究还不够深入，掌握基层情况不够全面",
        "信息化建设进度偏慢",
    ]
    assert records[4].values["plans"] == [
        "加强调查研究，每季度至少开展一次专题调研",
        "推进政务服务事项网上办理",
        "抓好全年重点任务的督促落实",
    ]
    assert records[4].values["stats"]["petitions"] == {"received": 87, "filed": 73, "closed": 72}
    assert records[5].start_line == 7  # row 7 in Excel, though the text has two more lines


def test_cells_convert_per_schema_type() -> None:
    schema = find_template("annual-summary").schema
    stats = schema.fields["stats"]
    assert convert("1,320", stats.fields["docs_received"]) == 1320
    assert convert(" 12.0 ", stats.fields["docs_sent"]) == 12
    assert convert("六十", stats.fields["docs_sent"]) == "六十"  # left for validation to name
    assert split_list("甲；乙；") == ["甲", "乙"]


def test_previous_csv_adds_year_on_year_by_unit_and_notes_unmatched(tmp_path: Path) -> None:
    result = run_batch(
        "年终总结",
        [FIXTURES / "units-2026-brief.csv"],
        tmp_path,
        to="md",
        previous=FIXTURES / "units-2025.csv",
    )
    assert (result.written, result.failed) == (3, 0)
    text = (tmp_path / "县发展和改革局.md").read_text(encoding="utf-8")
    assert "全年受理上级来文来电150份，同比增加18份、增长13.6%；制发文件80件，同比增加9件" in text
    assert "登记交办13件，办结13件，结案率100%，同比提高20个百分点。" in text
    education = (tmp_path / "县教育局.md").read_text(encoding="utf-8")
    assert "全年受理群众来信来访0件，同比减少67件、下降100%；无登记交办事项。" in education
    assert "同比" not in (tmp_path / "县林业局.md").read_text(encoding="utf-8")
    assert result.notes == [
        f"上年数据（{FIXTURES / 'units-2025.csv'}）中没有对应单位，1 条记录未写同比："
        f"{FIXTURES / 'units-2026-brief.csv'} 第4行"
    ]


def test_yaml_list_reports_the_bad_item_and_writes_the_others(tmp_path: Path) -> None:
    source = FIXTURES / "duties-offices.yaml"
    code, output = _run("batch", "工作职责", str(source), "-o", str(tmp_path), "--to", "md")
    assert code == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "县人民政府办公室督查科.md",
        "县人民政府办公室秘书科.md",
    ]
    assert (
        f"失败：{source} 第2项（第8行起）：第9行："
        "字段“punctuation”（句末标点）应为以下之一：semicolon、period"
    ) in output


def test_several_files_named_by_title(tmp_path: Path) -> None:
    code, output = _run(
        "batch",
        "时评",
        str(FIXTURES / "commentary-a.yaml"),
        str(FIXTURES / "commentary-b.yaml"),
        "-o",
        str(tmp_path),
        "--to",
        "md",
    )
    assert code == 1
    assert [path.name for path in tmp_path.iterdir()] == ["办事指南要写给群众看.md"]
    assert f"失败：{FIXTURES / 'commentary-b.yaml'}：缺少必填的字段“closing”（结尾段）" in output


def test_existing_files_are_skipped_without_force(tmp_path: Path) -> None:
    source = FIXTURES / "commentary-a.yaml"
    target = tmp_path / "办事指南要写给群众看.md"
    target.write_text("旧稿", encoding="utf-8")
    code, output = _run("batch", "时评", str(source), "-o", str(tmp_path), "--to", "md")
    assert code == 0
    assert target.read_text(encoding="utf-8") == "旧稿"
    assert "跳过" in output and "共 1 条：写出 0 份，跳过 1 份，失败 0 条" in output
    code, output = _run("batch", "时评", str(source), "-o", str(tmp_path), "--to", "md", "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith('---\ntitle: "办事指南要写给群众看"')


def test_duplicate_names_get_a_number_not_an_overwrite(tmp_path: Path) -> None:
    copy = tmp_path / "again.yaml"
    shutil.copy(FIXTURES / "commentary-a.yaml", copy)
    result = run_batch(
        "commentary", [FIXTURES / "commentary-a.yaml", copy], tmp_path / "out", to="md"
    )
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "办事指南要写给群众看-2.md",
        "办事指南要写给群众看.md",
    ]
    assert result.written == 2


def _docx_texts(path: Path) -> list[str]:
    import docx

    from drafting.sources.docx_text import iter_paragraphs

    return [paragraph.text for paragraph in iter_paragraphs(docx.Document(str(path)))]


def test_batch_writes_docx_by_default(tmp_path: Path) -> None:
    result = run_batch(
        "年终总结",
        [FIXTURES / "units-2026-brief.csv"],
        tmp_path,
        previous=FIXTURES / "units-2025.csv",
    )
    assert (result.written, result.failed) == (3, 0)
    texts = _docx_texts(tmp_path / "县发展和改革局.docx")
    assert "县发展和改革局2026年工作总结" in texts
    assert (
        "全年受理上级来文来电150份，同比增加18份、增长13.6%；制发文件80件，同比增加9件、增长12.7%。"
    ) in texts
    assert "2026年12月20日" in texts


def test_jobs_use_worker_processes_with_the_same_result(tmp_path: Path) -> None:
    result = run_batch("annual-summary", [UNITS], tmp_path / "parallel", jobs=2)
    assert (result.written, result.failed) == (18, 2)
    serial = run_batch("annual-summary", [UNITS], tmp_path / "serial")
    assert serial.written == 18
    for name in ("县教育局.docx", "县市场监督管理局.docx"):
        assert _docx_texts(tmp_path / "parallel" / name) == _docx_texts(tmp_path / "serial" / name)


class _CountingPool(batch_module.ProcessPoolExecutor):
    """The pool the batch uses, counting how many the batch makes."""

    made = 0

    def __init__(self, *args, **kwargs) -> None:
        type(self).made += 1
        super().__init__(*args, **kwargs)


def test_jobs_start_one_pool_per_chunk_of_documents(tmp_path: Path, monkeypatch) -> None:
    """Workers live through a chunk of jobs x TASKS_PER_WORKER documents (starting a worker
    costs its imports and skeleton), and a new pool serves the next chunk."""
    monkeypatch.setattr(batch_module, "ProcessPoolExecutor", _CountingPool)
    _CountingPool.made = 0
    run_batch("annual-summary", [UNITS], tmp_path / "one", jobs=2)  # 20 rows
    assert _CountingPool.made == 1
    monkeypatch.setattr(batch_module, "TASKS_PER_WORKER", 4)  # chunks of 8: 3 pools
    _CountingPool.made = 0
    result = run_batch("annual-summary", [UNITS], tmp_path / "three", jobs=2)
    assert _CountingPool.made == 3
    assert (result.written, result.failed) == (18, 2)


def test_workers_take_the_callers_folder_and_environment(tmp_path: Path, monkeypatch) -> None:
    """Workers of a later batch in the same process see that batch's working folder and
    environment (here DRAFTING_TEMPLATES), not what an earlier batch started with."""
    run_batch("annual-summary", [UNITS], tmp_path / "first", jobs=2)
    work = tmp_path / "work"
    shutil.copytree(FIXTURES / "office-templates", work / "templates")
    shutil.copy(FIXTURES / "towns-october.csv", work / "towns.csv")
    monkeypatch.chdir(work)
    monkeypatch.setenv("DRAFTING_TEMPLATES", "templates")  # relative to the new folder
    result = run_batch("信访简报", ["towns.csv"], "out", to="md", name_field="town", jobs=2)
    assert result.failed == 0
    assert "城关镇10月受理信访事项24件" in (work / "out" / "城关镇.md").read_text(encoding="utf-8")


def test_rendering_collects_garbage_every_so_many_documents(tmp_path: Path, monkeypatch) -> None:
    collected = []
    monkeypatch.setattr(batch_module, "COLLECT_EVERY", 7)
    monkeypatch.setattr(batch_module, "_rendered", 0)
    monkeypatch.setattr(batch_module.gc, "collect", lambda: collected.append(1))
    run_batch("annual-summary", [UNITS], tmp_path / "serial")  # 20 rows in this process
    assert len(collected) == 2  # after the 7th and the 14th


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../x", "_x"),
        ("..", "记录"),
        ("a/b", "a_b"),
        ("a\\b:c", "a_b_c"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("COM10", "COM10"),
        ("县教育局. ", "县教育局"),
        ("县教育局\t\n（2026）", "县教育局 （2026）"),
        ("办公室\x00\x1f", "办公室"),
        ("", "记录"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name, "记录") == expected


def test_safe_filename_caps_length() -> None:
    assert len(safe_filename("很" * 300)) == 80


def test_unique_name_is_case_insensitive() -> None:
    taken: set[str] = set()
    assert unique_name("Office", ".docx", taken) == "Office.docx"
    assert unique_name("office", ".docx", taken) == "office-2.docx"
    assert unique_name("Office", ".docx", taken) == "Office-3.docx"


def test_unreadable_input_is_exit_2(tmp_path: Path) -> None:
    code, output = _run("batch", "时评", str(tmp_path / "无此文件.csv"), "-o", str(tmp_path))
    assert code == 2
    assert "找不到数据文件" in output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"unit\n\xff\xfe\x00\x81")
    with pytest.raises(InputError, match="既不是 UTF-8 也不是 GB18030"):
        run_batch("annual-summary", [bad], tmp_path / "out", to="md")


def test_unknown_template_is_exit_2(tmp_path: Path) -> None:
    code, output = _run("batch", "年中总结", str(UNITS), "-o", str(tmp_path))
    assert code == 2
    assert "没有名为“年中总结”的模板" in output


def test_office_template_from_template_dir_with_chinese_headers(tmp_path: Path) -> None:
    code, output = _run(
        "batch",
        "信访简报",
        str(FIXTURES / "towns-october.csv"),
        "-o",
        str(tmp_path),
        "--to",
        "md",
        "--name-field",
        "town",
        "--template-dir",
        str(FIXTURES / "office-templates"),
    )
    assert code == 0, output
    read = lambda name: (tmp_path / name).read_text(encoding="utf-8")  # noqa: E731
    assert "城关镇10月受理信访事项24件，环比增加4件、增长20%，办结22件，办结率91.7%。" in read(
        "城关镇.md"
    )
    assert "河西乡10月受理信访事项0件，环比减少3件、下降100%，办结0件，无应办结事项。" in read(
        "河西乡.md"
    )
    assert "东岭镇10月受理信访事项15件，与上月持平，办结15件，办结率100%。" in read("东岭镇.md")


def test_output_folder_that_is_a_file_is_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("一个普通文件。", encoding="utf-8")
    code, output = _run("batch", "时评", str(FIXTURES / "commentary-a.yaml"), "-o", str(out))
    assert code == 2
    assert output.strip() == f"错误：{out}: 输出路径不是文件夹"


def test_previous_yaml_list_is_validated_before_anything_is_written(tmp_path: Path) -> None:
    previous = FIXTURES / "units-2025.yaml"
    code, output = _run(
        "batch",
        "年终总结",
        str(FIXTURES / "units-2026-brief.csv"),
        "-o",
        str(tmp_path / "out"),
        "--previous",
        str(previous),
    )
    assert code == 2
    assert output.strip() == (
        f"错误：{previous}:7: 字段“docs_received”（上年受理上级来文来电（份））应为整数"
    )
    assert not (tmp_path / "out").exists()


def test_previous_yaml_list_matches_records_by_unit(tmp_path: Path) -> None:
    good = tmp_path / "units-2025.yaml"
    text = (FIXTURES / "units-2025.yaml").read_text(encoding="utf-8")
    good.write_text(text.replace("很多", "300"), encoding="utf-8")
    result = run_batch(
        "annual-summary", [FIXTURES / "units-2026-brief.csv"], tmp_path, to="md", previous=good
    )
    assert result.written == 3
    text = (tmp_path / "县发展和改革局.md").read_text(encoding="utf-8")
    assert "全年受理上级来文来电150份，与上年持平；制发文件80件，与上年持平。" in text
    assert "全年组织筹备各类会议46次，同比减少4次、下降8%。" in text


def test_yaml_list_items_with_a_bad_date_or_tag_are_said_in_chinese(tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text(
        "- title: 关于甲的通知\n  date: 2026-13-45\n- title: 关于乙的通知\n  organ: !unit 县政府\n",
        encoding="utf-8",
    )
    code, output = _run("batch", "notice", str(records), "-o", str(tmp_path / "out"))
    assert code == 1
    assert (
        f"失败：{records} 第1项（第2行）：数据格式错误：日期无效（“2026-13-45”不是真实的日期）"
        "（第 9 列）" in output.splitlines()
    )
    assert (
        f"失败：{records} 第2项（第4行）：数据格式错误：不支持的标签“!unit”；"
        "数据只能是文字、数字、日期、列表和映射（第 10 列）" in output.splitlines()
    )


def test_csv_with_an_unclosed_quote_is_said_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text('title,organ\n"关于' + "甲" * 140_000 + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        list(load_csv(path))
    assert str(caught.value) == (
        f"{path}:2: CSV 格式错误：有一格超过 131072 个字符，多半是引号没有闭合"
        "（一格里的英文双引号要写两个）"
    )
