"""Interrupted runs leave only whole files: SIGKILL mid-batch, and exceptions mid-write.

The promise: no *output name* is ever half-written. A process killed outright cannot remove
its temporary file (``.<name>.<random>.tmp``, hidden, never an output name); the next write of
the same name removes such a leftover once it is stale (``drafting.atomic``).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import badinputs as bad
import pytest
from paths import ROOT

from drafting import atomic
from drafting.errors import OutputError

RECORDS = 200


def _unit(i: int) -> str:
    return f"第{i:03d}中心学校"


def _outputs(folder: Path) -> tuple[list[Path], list[Path]]:
    """(outputs, temporary files) in ``folder``; anything else fails the test."""
    outputs, temps = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            temps.append(path)
        else:
            outputs.append(path)
    return outputs, temps


def _assert_whole_docx(path: Path) -> None:
    import docx

    assert path.suffix == ".docx", f"not an output name: {path.name}"
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, f"corrupt member in {path.name}"
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "中心学校" in text, f"{path.name} opens but lacks its unit name"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _batch(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DRAFTING_DEBUG"}
    return subprocess.Popen(
        [sys.executable, "-m", "drafting", "batch", *args], cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=_interruptible,
    )  # fmt: skip


def _interruptible() -> None:
    """Give the child the default SIGINT: a test run started with SIGINT ignored (as some CI
    launchers do) would pass the ignored signal on, and Python then installs no Ctrl-C handler."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_killed_batch_leaves_only_whole_files(tmp_path: Path) -> None:
    _require_batch(tmp_path)
    records = bad.batch_records("annual-summary", [_unit(i) for i in range(RECORDS)])
    bad.write_yaml(tmp_path / "records.yaml", records)
    out = tmp_path / "out"
    proc = _batch(["annual-summary", "records.yaml", "-o", "out", "--jobs", "2"], tmp_path)
    try:
        # Wait for three whole outputs, then (for up to 5 s) for a temp file being written,
        # so that the kill most often lands mid-write.
        deadline, armed = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            names = [p.name for p in out.iterdir()] if out.is_dir() else []
            if armed is None and sum(n.endswith(".docx") for n in names) >= 3:
                armed = time.monotonic()
            if armed is not None and (
                any(n.endswith(".tmp") for n in names) or time.monotonic() - armed > 5
            ):
                break
            time.sleep(0.002)
        if proc.poll() is not None:
            _, err = proc.communicate()
            pytest.fail(f"batch ended (exit {proc.returncode}) before it was killed: {err!r}")
        os.killpg(proc.pid, signal.SIGKILL)  # the batch and the workers it started
        proc.communicate()
    finally:
        _stop(proc)
    assert proc.returncode == -signal.SIGKILL
    time.sleep(0.3)  # nothing of the killed group may still be writing

    outputs, temps = _outputs(out)
    print(f"killed after {len(outputs)} of {RECORDS} outputs; {len(temps)} temp file(s) left")
    assert 3 <= len(outputs) < RECORDS
    for path in outputs:
        _assert_whole_docx(path)
    units = [_unit(i) for i in range(RECORDS)]
    touched = {i for i, unit in enumerate(units) if (out / f"{unit}.docx").exists()}
    for temp in temps:
        owner = [i for i, u in enumerate(units) if atomic.is_temp_for(temp.name, out / f"{u}.docx")]
        assert owner, f"unexpected file {temp.name}"
        touched.update(owner)

    # A rerun without --force over the records reached so far (and the next two): the outputs
    # already written are skipped, untouched; the killed run's temp files (aged past the
    # threshold here) are removed as their names are written; every output is then whole.
    before = {p.name: _digest(p) for p in outputs}
    old = time.time() - atomic.STALE_TEMP_SECONDS - 60
    for temp in temps:
        os.utime(temp, (old, old))
    rerun_records = records[: max(touched) + 3]
    bad.write_yaml(tmp_path / "rerun.yaml", rerun_records)
    rerun = _batch(["annual-summary", "rerun.yaml", "-o", "out"], tmp_path)
    try:
        _, stderr = rerun.communicate(timeout=300)
    finally:
        _stop(rerun)
    assert rerun.returncode == 0, stderr.decode("utf-8", "replace")
    outputs, temps = _outputs(out)
    assert temps == [], f"temp files not cleaned: {[t.name for t in temps]}"
    assert {p.name for p in outputs} == {f"{r['unit']}.docx" for r in rerun_records}
    for name, digest in before.items():
        assert _digest(out / name) == digest, f"{name} was rewritten without --force"
    for path in outputs:
        _assert_whole_docx(path)


def test_ctrl_c_stops_a_batch_promptly_and_leaves_only_whole_files(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the terminal's process group) mid-batch: exit 130 with "已中断。",
    the documents in flight may finish but no new ones start, no temp file is left."""
    _require_batch(tmp_path)
    records = bad.batch_records("annual-summary", [_unit(i) for i in range(RECORDS)])
    bad.write_yaml(tmp_path / "records.yaml", records)
    out = tmp_path / "out"
    jobs = 2
    proc = _batch(["annual-summary", "records.yaml", "-o", "out", "--jobs", str(jobs)], tmp_path)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if out.is_dir() and len([p for p in out.iterdir() if p.suffix == ".docx"]) >= 3:
                break
            time.sleep(0.005)
        at_interrupt = len([p for p in out.iterdir() if p.suffix == ".docx"])
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        _stop(proc)
    outputs, temps = _outputs(out)
    print(f"Ctrl-C after {at_interrupt} outputs; {len(outputs)} when it stopped")
    assert proc.returncode == 130, stderr.decode("utf-8", "replace")
    assert "已中断" in stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr.decode("utf-8", "replace")
    assert temps == [], [t.name for t in temps]
    # in flight: one per worker, plus what the executor had already queued (jobs + 1)
    assert len(outputs) <= at_interrupt + 2 * jobs + 1, "the batch kept starting new documents"
    for path in outputs:
        _assert_whole_docx(path)


def _require_batch(tmp_path: Path) -> None:
    if "batch" not in bad.available_commands():
        pytest.skip("命令 `drafting batch` not built yet")
    if not (bad.TEMPLATES / "annual-summary" / "sample.yaml").exists():
        pytest.skip("template `annual-summary` not built yet")
    probe = subprocess.run(
        [sys.executable, "-m", "drafting", "render", "annual-summary",
         str(bad.TEMPLATES / "annual-summary" / "sample.yaml"), "-o", str(tmp_path / "probe.docx")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if probe.returncode != 0:
        pytest.skip(f"rendering one annual summary does not work yet: {probe.stderr.strip()}")
    (tmp_path / "probe.docx").unlink()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Kill ``proc``'s whole session if it is still running (a hang must not outlive the test)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


# --------------------------------------------------------------------------- drafting.atomic


def test_exception_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "通知.docx"
    target.write_bytes(b"the old, whole document")
    with pytest.raises(RuntimeError), atomic.atomic_open(target, force=True) as handle:
        handle.write(b"half of the new docu")
        raise RuntimeError("the builder failed half-way")
    assert target.read_bytes() == b"the old, whole document"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通知.docx"]


def test_keyboard_interrupt_mid_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "报告.docx"
    with pytest.raises(KeyboardInterrupt), atomic.atomic_open(target) as handle:
        handle.write(b"partial")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_no_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "总结.docx"
    target.write_bytes(b"keep me")
    with pytest.raises(OutputError, match="--force"):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"keep me"
    atomic.write_bytes(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["总结.docx"]


def test_file_appearing_during_write_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "通知.docx"
    with pytest.raises(OutputError, match="已存在"), atomic.atomic_open(target) as handle:
        handle.write(b"ours")
        target.write_bytes(b"someone else's, written meanwhile")
    assert target.read_bytes() == b"someone else's, written meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通知.docx"]


def test_stale_temps_of_the_same_name_are_removed_on_next_write(tmp_path: Path) -> None:
    target = tmp_path / "第001中心学校.docx"
    old = time.time() - atomic.STALE_TEMP_SECONDS - 1
    stale = tmp_path / ".第001中心学校.docx.k3j2x_9q.tmp"
    fresh = tmp_path / ".第001中心学校.docx.ab12cd34.tmp"  # another run, writing right now
    other = tmp_path / ".第002中心学校.docx.k3j2x_9q.tmp"  # another output's leftover
    users = tmp_path / ".第001中心学校.docx.notes.tmp"  # not our pattern: the user's file
    for path in (stale, fresh, other, users):
        path.write_bytes(b"partial zip")
    for path in (stale, other, users):
        os.utime(path, (old, old))

    atomic.write_bytes(target, b"whole")

    assert target.read_bytes() == b"whole"
    assert not stale.exists()
    assert fresh.exists() and other.exists() and users.exists()


def test_temp_name_pattern() -> None:
    target = Path("out/年终总结.docx")
    assert atomic.is_temp_for(".年终总结.docx.a1b2c3d4.tmp", target)
    assert not atomic.is_temp_for("年终总结.docx", target)
    assert not atomic.is_temp_for(".年终总结.docx.tmp", target)
    assert not atomic.is_temp_for(".年终总结.docx.a1b2c3d4.tmp.docx", target)
    assert not atomic.is_temp_for(".另一份.docx.a1b2c3d4.tmp", target)


# --------------------------------------------------------------------------- every write is atomic

PACKAGE = ROOT / "drafting"

#: Direct writes that are not the user's files: (module, source text of the call).
_PRIVATE_WRITES = {
    # the .docx handed to LibreOffice inside a private TemporaryDirectory
    ("render.py", '(folder / "draft.docx").write_bytes(docx)'),
    # the .doc/.wps/.docx handed to LibreOffice inside a private TemporaryDirectory
    ("office_convert.py", "source.write_bytes(data)"),
    # a member of the in-memory zip (io.BytesIO) that turns a .dotx into a .docx
    ("office_convert.py", 'target.open(info, "w")'),
}


def _direct_writes(path: Path) -> list[str]:
    """Calls in ``path`` that write a file other than through :mod:`drafting.atomic`."""
    import ast

    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    atomic_names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "drafting.atomic"
        for alias in node.names
    }
    buffers = {  # names bound to io.BytesIO()/StringIO(): writing to them writes no file
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "attr", getattr(node.value.func, "id", ""))
        in ("BytesIO", "StringIO")
        for target in node.targets
        if isinstance(target, ast.Name)
    }  # fmt: skip
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(
            func.value, ast.Name) else ""  # fmt: skip
        writes = name in ("write_text", "write_bytes") and (
            owner != "atomic" if isinstance(func, ast.Attribute) else name not in atomic_names
        )
        writes |= (owner, name) in {("os", "replace"), ("os", "rename"), ("shutil", "copy"),
                                    ("shutil", "copyfile"), ("shutil", "move")}  # fmt: skip
        into_buffer = bool(node.args) and getattr(node.args[0], "id", None) in buffers
        if name in ("open", "ZipFile") and not into_buffer:  # open(p, "w"), ZipFile(p, "w") …
            modes = [kw.value for kw in node.keywords if kw.arg == "mode"]
            modes += node.args[:2] if name == "open" and owner != "os" else node.args[1:2]
            writes |= any(
                isinstance(mode, ast.Constant)
                and isinstance(mode.value, str)
                and set(mode.value) <= set("rwabxt+")
                and bool(set(mode.value) & set("wax+"))
                for mode in modes
            )
        if name == "save" and node.args:  # python-docx: a path (str/Path/f-string), not a buffer
            arg = node.args[0]
            path_call = isinstance(arg, ast.Call) and getattr(arg.func, "id", "") in ("str", "Path")
            writes |= isinstance(arg, (ast.Constant, ast.JoinedStr)) or path_call
        if not writes:
            continue
        text = ast.get_source_segment(source, node) or name
        if (path.name, text) not in _PRIVATE_WRITES:
            where = path.relative_to(PACKAGE.parent) if path.is_relative_to(PACKAGE) else path.name
            found.append(f"{where}:{node.lineno}: {text}")
    return found


def test_every_file_the_tool_writes_goes_through_drafting_atomic() -> None:
    """render, batch, annotate, fix and reports write via ``drafting.atomic`` (temp + rename)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "atomic.py":
            found += _direct_writes(path)
    assert not found, "direct writes bypass drafting.atomic:\n" + "\n".join(found)


def test_the_write_detector_sees_direct_writes(tmp_path: Path) -> None:
    module = tmp_path / "leaky.py"
    module.write_text(
        "from pathlib import Path\n"
        "from drafting.atomic import write_bytes\n"
        "def ok(out, data, doc, buffer):\n"
        "    write_bytes(out, data)\n"
        "    doc.save(buffer)\n"
        "def leaks(out, data, doc):\n"
        "    Path(out).write_bytes(data)\n"
        "    open(out, 'w').write('x')\n"
        "    open(out, mode='ab')\n"
        "    doc.save(str(out))\n"
        "    Path(out).open('wb')\n"
        "    open(out).read()\n"
        "    memory = io.BytesIO()\n"
        "    zipfile.ZipFile(memory, 'w')\n"
        "    zipfile.ZipFile(out, mode='a')\n",
        encoding="utf-8",
    )
    assert sorted(int(line.split(":")[1]) for line in _direct_writes(module)) == [
        7,
        8,
        9,
        10,
        11,
        15,
    ]
