"""The package installs with its data, and its entry points answer."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_templates_and_corpus(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    builder = WheelBuilder(str(ROOT))
    wheel = Path(next(builder.build(directory=str(tmp_path), versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "drafting/corpus/userdict.txt" in names
    assert "drafting/templates/notice/schema.yaml" in names
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "corpus").rglob("*") if p.is_file()}
    assert {f"drafting/{name}" for name in shipped} <= names


def test_python_m_drafting_prints_version():
    out = subprocess.run(
        [sys.executable, "-m", "drafting", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().startswith("drafting ")


def test_cli_shim_in_checkout_shows_help():
    out = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "--help"], capture_output=True, text=True, check=True
    )
    assert "drafting" in out.stdout and "lint" in out.stdout


def test_written_files_get_the_umask_mode_not_mkstemps_0600(tmp_path):
    import os

    from drafting.atomic import write_text

    umask = os.umask(0o022)
    try:
        target = tmp_path / "out.txt"
        write_text(target, "正文")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)
        write_text(target, "改后", force=True)
        assert target.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)
