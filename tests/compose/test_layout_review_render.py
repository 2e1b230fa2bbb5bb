"""The layout review with LibreOffice: the corrected copy of every labelled mis-formatted .docx
passes the layout test (rendered to PDF and measured, as the builder's documents are); the
same documents saved again by LibreOffice get the same findings; ``--render`` measures; .doc
and .wps are converted and reviewed like .docx.

LibreOffice 7 drops indents stated in character units (``w:firstLineChars``) when it saves a
.docx, so the documents saved by it here state theirs in twips, as most clerks' files do.
Skips, saying why, where ``soffice`` is not installed."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from layout_cases import CASES, LayoutCase
from pdf_layout import SOFFICE_TIMEOUT, assert_gbt9704, measure, soffice_or_skip

from drafting.compose.layout_fix import fix_layout
from drafting.lint.api import lint_paths
from drafting.lint.docx_layout import MEASURED, layout_report
from drafting.lint.engine import Settings, lint_source
from drafting.render import docx_bytes
from drafting.sources import read_source

pytestmark = pytest.mark.slow

FIRE = [case for case in CASES if case.kind == "fire"]
SAVED = [case for case in CASES if case.saved]


def convert_all(files: list[Path], target: str, outdir: Path) -> None:
    """One LibreOffice run converting every file (a private profile, parallel-safe)."""
    program = soffice_or_skip()
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafting-lo-") as profile:
        subprocess.run(
            [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
            capture_output=True, timeout=SOFFICE_TIMEOUT * 4, check=False,
            env={**os.environ, "HOME": profile},
        )  # fmt: skip


def by_text(data: bytes) -> set[tuple[str, str]]:
    """The layout findings as ``(code, the paragraph's text)``: stable when a save renumbers."""
    result = lint_source(read_source("a.docx", data), Settings(select=("L5",)))
    return {(f.code, f.excerpt) for f in result.findings}


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every mis-formatted case's corrected copy, rendered to PDF in one LibreOffice run."""
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("corrected")
    names = {}
    for index, case in enumerate(FIRE):
        path = folder / f"case{index:02d}.docx"
        path.write_bytes(fix_layout(case.docx()).data)
        names[case.id] = path
    convert_all(list(names.values()), "pdf", folder / "pdf")
    return {case_id: folder / "pdf" / f"{path.stem}.pdf" for case_id, path in names.items()}


@pytest.mark.parametrize("case", FIRE, ids=lambda case: case.id)
def test_corrected_copy_passes_the_layout_test(case: LayoutCase, corrected) -> None:
    pdf = corrected[case.id]
    assert pdf.exists(), f"LibreOffice made no PDF for {case.id}"
    layout = measure(pdf)
    assert_gbt9704(layout, official=True, colophon=True, full_pages=True)
    assert len(layout.pages) == 4


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    """The cases marked ``saved``, built (indents in twips) and saved again by LibreOffice."""
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("saved")
    built = {}
    for index, case in enumerate(SAVED):
        path = folder / f"case{index:02d}.docx"
        path.write_bytes(case.docx(indent="twips"))
        built[case.id] = path
    convert_all(list(built.values()), "docx:MS Word 2007 XML", folder / "out")
    return {
        case_id: (path.read_bytes(), (folder / "out" / path.name).read_bytes())
        for case_id, path in built.items()
    }


@pytest.mark.parametrize("case", SAVED, ids=lambda case: case.id)
def test_saved_by_libreoffice_the_document_gets_the_same_findings(case, saved) -> None:
    original, resaved = saved[case.id]
    assert resaved != original
    assert by_text(resaved) == by_text(original)
    assert {code for code, _ in by_text(original)} == {code for code, _ in case.findings}


def test_saved_cases_cover_many_rules() -> None:
    assert len(SAVED) >= 10 and len({case.rule for case in SAVED}) >= 10


# -- --render -------------------------------------------------------------------------------


def _case(rule: str, **settings: object) -> LayoutCase:
    wanted = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in settings.items()))
    return next(case for case in CASES if case.rule == rule and case.settings == wanted)


def test_render_measures_and_says_so() -> None:
    soffice_or_skip()
    report = layout_report(_case("L503", grid=None).docx(), render=True)
    assert report.measured and report.notes == []
    (issue,) = report.issues
    assert issue.code == "L503" and issue.measured
    assert issue.message == f"正文每面 31 行、每行 28 字，应为每面 22 行、每行 28 字{MEASURED}"


def test_render_finds_the_colophon_off_the_bottom_and_the_centred_page_number() -> None:
    soffice_or_skip()
    report = layout_report(_case("L514", colophon="inline").docx(), render=True)
    assert [(i.code, i.measured) for i in report.issues] == [("L514", True)]
    assert "版记末条分隔线距版心下边缘" in report.issues[0].message
    report = layout_report(_case("L513", sides="center").docx(), render=True)
    assert [i.message for i in report.issues] == [
        f"页码居中，应单页居右空一字、双页居左空一字{MEASURED}"
    ]


def test_render_of_a_document_as_gbt9704_asks_finds_nothing() -> None:
    soffice_or_skip()
    report = layout_report(_case("L510").docx(), render=True)
    assert report.measured and report.issues == []


def test_cli_render_on_a_rendered_notice(tmp_path: Path) -> None:
    soffice_or_skip()
    from click.testing import CliRunner

    from drafting.cli import cli
    from drafting.render import prepare
    from drafting.resources import templates_dir

    path = tmp_path / "notice.docx"
    path.write_bytes(docx_bytes(prepare("notice", templates_dir() / "notice" / "sample.yaml")))
    result = CliRunner().invoke(cli, ["lint", str(path), "--render", "--select", "L5"])
    assert result.exit_code == 0, result.output
    assert "0 个错误，0 个警告" in result.stdout


# -- .doc and .wps ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def old_formats(tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("old")
    source = folder / "通知.docx"
    source.write_bytes(_case("L505", title_font="黑体").docx(indent="twips", page_numbers="-{n}-"))
    convert_all([source], "doc:MS Word 97", folder)
    (folder / "通知.wps").write_bytes((folder / "通知.doc").read_bytes())
    return folder


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_are_converted_and_reviewed_like_docx(old_formats, suffix) -> None:
    (docx_result,) = lint_paths([old_formats / "通知.docx"], select=["L5"])
    (result,) = lint_paths([old_formats / f"通知{suffix}"], select=["L5"])
    assert [(f.code, f.line) for f in result.findings] == [
        (f.code, f.line) for f in docx_result.findings
    ]
    assert {f.code for f in result.findings} == {"L505", "L513"}
    assert result.genre == "notice"


def test_a_doc_is_annotated_and_corrected_as_a_docx(old_formats, tmp_path) -> None:
    from click.testing import CliRunner

    from drafting.cli import cli

    source = old_formats / "通知.doc"
    before = source.read_bytes()
    out = tmp_path / "批注.docx"
    result = CliRunner().invoke(cli, ["lint", str(source), "--annotate", str(out)])
    assert result.exit_code == 1 and out.exists(), result.output
    fixed = tmp_path / "修正.docx"
    result = CliRunner().invoke(
        cli, ["lint", str(source), "--fix", "-o", str(fixed), "--select", "L5"]
    )
    assert result.exit_code == 0, result.output
    assert source.read_bytes() == before
    (again,) = lint_paths([fixed], select=["L5"])
    assert again.findings == []
