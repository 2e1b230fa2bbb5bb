"""Seals and joint issuance from a data file (issue 18, item 3: "in the data and Markdown front
matter"): every template with a 署名 takes ``seal`` (one image, or a list in the 署名's order)
and ``hand_seal``, and a 署名 of several lines (one organ a line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from paths import FIXTURES, TEMPLATES

from drafting.drafts.templating import find_template
from drafting.errors import DataError
from drafting.render import prepare

JOINT = "江州市人民政府办公室\n江州市财政局"
SIGNED = sorted(
    folder.name
    for folder in TEMPLATES.iterdir()
    if (folder / "schema.yaml").is_file()
    and "\n  signature:" in (folder / "schema.yaml").read_text()
)


def _data(folder: Path, kind: str, **fields: object) -> Path:
    """The template's sample data with ``fields`` set, beside two seal images."""
    for name in ("a.png", "b.png"):
        shutil.copyfile(FIXTURES / "layout" / "seal.png", folder / name)
    data = yaml.safe_load(find_template(kind).sample_path.read_text(encoding="utf-8"))
    data.update(fields)
    path = folder / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_every_template_with_a_signature_takes_seals() -> None:
    assert len(SIGNED) == 13
    for kind in SIGNED:
        fields = find_template(kind).schema.fields
        assert fields["seal"].type == "list" and fields["hand_seal"].type == "boolean", kind
        assert fields["signature"].type == "text", kind  # several organs, one a line


@pytest.mark.parametrize("kind", SIGNED)
def test_one_seal_written_without_a_list(kind: str, tmp_path: Path) -> None:
    document = prepare(kind, _data(tmp_path, kind, seal="a.png")).document
    assert document.seal is not None and document.seal.name == "a.png"


def test_joint_seals_follow_the_signature_lines(tmp_path: Path) -> None:
    path = _data(tmp_path, "notice", signature=JOINT, seal=["a.png", "b.png"])
    document = prepare("notice", path).document
    assert [seal.name for seal in document.seals] == ["a.png", "b.png"]
    assert document.signature.splitlines() == JOINT.splitlines()


def test_joint_hand_seal(tmp_path: Path) -> None:
    document = prepare("request", _data(tmp_path, "request", signature=JOINT, hand_seal=True))
    assert document.document.hand_seal and document.document.seals == []
    assert document.document.signature.splitlines() == JOINT.splitlines()


def test_a_count_mismatch_names_the_data_files_seal_line(tmp_path: Path) -> None:
    path = _data(tmp_path, "notice", signature=JOINT, seal=["a.png"])
    with pytest.raises(DataError) as caught:
        prepare("notice", path)
    error = caught.value
    assert Path(str(error.path)).name == "data.yaml"
    line = next(
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("seal:")
    )
    assert error.line == line
    assert "印章图片有 1 个，署名中的发文机关有 2 个" in str(error)
