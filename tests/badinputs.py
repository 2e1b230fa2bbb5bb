"""Makers of bad input files, each written into a given (temporary) folder at test time.

Text fixtures small enough to read live in ``tests/fixtures/bad/`` and are copied; binary junk,
other encodings, the 50 MB text and the broken .docx files are made here, so no binary file
sits in git. Every function returns the path(s) it made.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"
TEMPLATES = ROOT / "templates"

#: The first bytes of an OLE2 compound file (old .doc, or an encrypted .docx).
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

#: Windows device names that cannot be file names, whatever the extension.
RESERVED_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)

#: Template expressions that try to leave Jinja's sandbox (reach Python objects or globals).
SANDBOX_ESCAPES: dict[str, str] = {
    "str-mro": "{{ ''.__class__.__mro__ }}",
    "cycler-globals": "{{ cycler.__init__.__globals__ }}",
    "self-globals": "{{ self.__init__.__globals__ }}",
    "lipsum-globals": "{{ lipsum.__globals__ }}",
    "subclasses": "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
}

#: A paragraph of plain official prose, repeated to make large texts.
PROSE = (
    "各单位要切实落实安全生产责任，加强隐患排查治理，确保人民群众生命财产安全。"
    "要坚持问题导向，聚焦重点行业领域，扎实开展专项整治，推动各项措施落地见效。\n"
)


# --------------------------------------------------------------------------- copies


def fixture(folder: Path, name: str, *, as_name: str | None = None) -> Path:
    """Copy ``tests/fixtures/bad/<name>`` into ``folder`` (optionally renamed)."""
    target = folder / (as_name or name)
    shutil.copyfile(FIXTURES / name, target)
    return target


def sample(kind: str) -> dict[str, Any]:
    """The shipped sample data of template ``kind`` (``templates/<kind>/sample.yaml``)."""
    with (TEMPLATES / kind / "sample.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def schema_fields(kind: str) -> dict[str, dict[str, Any]]:
    """The top-level fields of template ``kind`` as its ``schema.yaml`` declares them."""
    with (TEMPLATES / kind / "schema.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["fields"]


def write_yaml(path: Path, data: Any) -> Path:
    """Write ``data`` as block-style UTF-8 YAML."""
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False),
        encoding="utf-8",
    )
    return path


# --------------------------------------------------------------------------- data files


def missing_field(folder: Path, kind: str = "notice") -> tuple[Path, str]:
    """The sample of ``kind`` without its first required field; returns (path, field)."""
    data = sample(kind)
    name = next(key for key, spec in schema_fields(kind).items() if spec.get("required"))
    data.pop(name, None)
    return write_yaml(folder / f"{kind}-missing.yaml", data), name


def ill_typed_field(folder: Path, kind: str = "notice") -> tuple[Path, str]:
    """The sample of ``kind`` with a date field set to words, or a list field to a mapping.

    Returns (path, field).
    """
    data = sample(kind)
    fields = schema_fields(kind)
    dated = [key for key, spec in fields.items() if spec.get("type") == "date"]
    listed = [key for key, spec in fields.items() if spec.get("type") == "list"]
    if dated:
        name, value = dated[0], "下周一上午"
    else:
        name, value = listed[0], {"第一条": "不是列表"}
    data[name] = value
    return write_yaml(folder / f"{kind}-ill-typed.yaml", data), name


def empty_file(folder: Path, name: str) -> Path:
    """A zero-byte file."""
    path = folder / name
    path.write_bytes(b"")
    return path


def oversized_data(folder: Path, size: int, kind: str = "notice") -> Path:
    """A valid-looking YAML data file padded with comment lines to more than ``size`` bytes."""
    path = folder / f"{kind}-huge.yaml"
    head = yaml.safe_dump(sample(kind), allow_unicode=True, sort_keys=False).encode("utf-8")
    line = ("# " + PROSE).encode("utf-8")
    with path.open("wb") as handle:
        handle.write(head)
        written = len(head)
        while written <= size:
            handle.write(line * 1000)
            written += len(line) * 1000
    return path


def alias_bomb_lines(levels: int = 9, width: int = 9) -> list[str]:
    """YAML lines of a "billion laughs": each anchor a list of ``width`` aliases of the one
    before, so ``levels`` lines expand to ``width ** levels`` strings (9⁹ ≈ 387 million)."""
    lines = ['l0: &l0 ["哈哈哈哈哈哈哈哈"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return lines


def alias_bomb_data(folder: Path, kind: str = "notice") -> Path:
    """The sample of ``kind`` with a billion-laughs block in front (about 1 KB on disk)."""
    body = yaml.safe_dump(sample(kind), allow_unicode=True, sort_keys=False)
    path = folder / f"{kind}-aliases.yaml"
    path.write_text("\n".join(alias_bomb_lines()) + "\n" + body, encoding="utf-8")
    return path


def alias_bomb_draft(folder: Path) -> Path:
    """A Markdown draft whose YAML front matter is a billion laughs."""
    path = folder / "draft-aliases.md"
    front = "\n".join([*alias_bomb_lines(), "title: 关于开展冬季消防安全检查的通知"])
    path.write_text(f"---\n{front}\n---\n\n各单位要在12月底前完成检查。\n", encoding="utf-8")
    return path


def alias_bomb_records(folder: Path, kind: str = "notice") -> Path:
    """A batch list of one record of ``kind`` with a billion laughs under its ``extra`` key."""
    path = folder / "records-aliases.yaml"
    record = yaml.safe_dump(sample(kind), allow_unicode=True, sort_keys=False).splitlines()
    lines = ["- extra:"] + ["    " + line for line in alias_bomb_lines()]
    lines += ["  " + line for line in record]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deeply_nested(folder: Path, suffix: str, depth: int = 100_000) -> Path:
    """A JSON or YAML data file whose ``title`` is a list nested ``depth`` levels deep."""
    path = folder / f"deep{suffix}"
    nested = "[" * depth + "]" * depth
    if suffix == ".json":
        path.write_text('{"title": ' + nested + "}\n", encoding="utf-8")
    else:
        path.write_text(f"title: {nested}\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- templates


def user_template(folder: Path, template_text: str, *, base: str = "notice", tid: str) -> Path:
    """A ``--template-dir`` folder holding template ``tid``: ``base``'s schema and sample with
    ``template_text`` as its ``template.md.j2``. Returns the template-dir root."""
    root = folder / "my-templates"
    target = root / tid
    target.mkdir(parents=True, exist_ok=True)
    for name in ("schema.yaml", "sample.yaml"):
        source = TEMPLATES / base / name
        if source.exists():
            text = source.read_text(encoding="utf-8")
            if name == "schema.yaml":
                text = _retitle_schema(text, tid)
            (target / name).write_text(text, encoding="utf-8")
    (target / "template.md.j2").write_text(template_text, encoding="utf-8")
    return root


def _retitle_schema(text: str, tid: str) -> str:
    """``schema.yaml`` text with its ``id``, ``name`` and ``aliases`` made unique to ``tid``."""
    lines = []
    for line in text.splitlines():
        if line.startswith("id:"):
            line = f"id: {tid}"
        elif line.startswith("name:"):
            line = f"name: 测试模板{tid}"
        elif line.startswith("aliases:"):
            line = "aliases: []"
        lines.append(line)
    return "\n".join(lines) + "\n"


def syntax_error_template(folder: Path) -> Path:
    """A template-dir whose template ``broken`` has ``{% endfro %}`` on line 8."""
    text = (FIXTURES / "syntax-error.md.j2").read_text(encoding="utf-8")
    return user_template(folder, text, tid="broken")


def escape_template(folder: Path, key: str) -> Path:
    """A template-dir whose template ``escape-<key>`` tries one of :data:`SANDBOX_ESCAPES`."""
    base = (TEMPLATES / "notice" / "template.md.j2").read_text(encoding="utf-8")
    text = base.rstrip("\n") + "\n\n" + SANDBOX_ESCAPES[key] + "\n"
    return user_template(folder, text, tid=f"escape-{key}")


# --------------------------------------------------------------------------- text encodings


def notice_text() -> str:
    """The short notice of ``notice-n301.txt`` (one N301 finding at 5:15)."""
    return (FIXTURES / "notice-n301.txt").read_text(encoding="utf-8")


def encoded_text(folder: Path, encoding: str, *, bom: bool = False) -> Path:
    """The short notice saved in ``encoding`` (``gb18030``, ``utf-16-le``, ``utf-8`` …).

    ``bom`` prepends the byte-order mark of a UTF encoding.
    """
    data = notice_text().encode(encoding)
    if bom:
        marks = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}
        data = marks[encoding] + data
    suffix = f"{encoding}{'-bom' if bom else ''}"
    path = folder / f"notice-{suffix}.txt"
    path.write_bytes(data)
    return path


def invalid_utf8(folder: Path) -> Path:
    """Chinese UTF-8 text with bytes that are neither UTF-8 nor GB18030 (0xFF) in line 2."""
    good = notice_text().encode("utf-8")
    cut = good.index(b"\n") + 1
    path = folder / "notice-bad-bytes.txt"
    path.write_bytes(good[:cut] + b"\xff\xfe\xff\x80\xff" + good[cut:])
    return path


def binary_junk(folder: Path, name: str = "junk.txt", size: int = 64 * 1024) -> Path:
    """Random bytes (seeded, with NULs) under a text file name."""
    rng = random.Random(9704)
    path = folder / name
    path.write_bytes(bytes(rng.getrandbits(8) for _ in range(size)))
    return path


def large_text(folder: Path, megabytes: int = 50) -> Path:
    """A UTF-8 text of ``megabytes`` MiB of repeated Chinese prose, written in large chunks."""
    path = folder / f"huge-{megabytes}mb.txt"
    block = PROSE.encode("utf-8") * 4096
    target = megabytes * 1024 * 1024
    with path.open("wb") as handle:
        written = 0
        while written < target:
            handle.write(block)
            written += len(block)
    return path


# --------------------------------------------------------------------------- .docx files


def valid_docx(path: Path, paragraphs: list[str] | None = None) -> Path:
    """A small real .docx made with python-docx."""
    import docx

    document = docx.Document()
    for text in paragraphs or notice_text().splitlines():
        document.add_paragraph(text)
    document.save(str(path))
    return path


def truncated_docx(folder: Path) -> Path:
    """A real .docx cut off at 60% of its bytes (as an interrupted download leaves it)."""
    whole = valid_docx(folder / "whole.docx")
    data = whole.read_bytes()
    whole.unlink()
    path = folder / "truncated.docx"
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def doc_renamed_docx(folder: Path) -> Path:
    """An OLE compound-file header followed by junk, named ``.docx`` (a renamed .doc)."""
    rng = random.Random(1997)
    path = folder / "old-format.docx"
    path.write_bytes(OLE_MAGIC + bytes(rng.getrandbits(8) for _ in range(4096 - 8)))
    return path


def encrypted_docx(folder: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE container (same magic) holding
    ``EncryptionInfo`` and ``EncryptedPackage`` streams (names only; the rest is junk)."""
    rng = random.Random(2007)
    header = OLE_MAGIC + bytes(504)
    names = "EncryptionInfo".encode("utf-16-le") + bytes(2) + "EncryptedPackage".encode("utf-16-le")
    path = folder / "encrypted.docx"
    path.write_bytes(header + names + bytes(rng.getrandbits(8) for _ in range(8192)))
    return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def zip_bomb_docx(folder: Path, megabytes: int = 300) -> Path:
    """A .docx whose ``word/document.xml`` inflates to ``megabytes`` MiB (about 0.3 MiB packed).

    The XML is well formed: a paragraph, then that many MiB of spaces, then the closing tags,
    so a reader that does not bound decompression would really inflate and parse it all.
    """
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(
                f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'
                "<w:p><w:r><w:t>通知</w:t></w:r></w:p>".encode()
            )
            for chunk in _spaces(megabytes):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return path


def _spaces(megabytes: int) -> Iterator[bytes]:
    chunk = b" " * (1024 * 1024)
    for _ in range(megabytes):
        yield chunk


# --------------------------------------------------------------------------- outputs


def running_as_root() -> bool:
    """True when file modes do not stop writes (root ignores ``chmod 555``)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def unwritable_output(folder: Path, name: str = "out.docx") -> tuple[Path, str]:
    """An output path that cannot be written, and why it cannot.

    As a normal user: a file in a ``chmod 555`` folder. As root (where modes do not stop
    writes): a path whose parent is a regular file, which no user can create.
    """
    if running_as_root():
        blocker = folder / "not-a-folder"
        blocker.write_text("这是一个普通文件，不是文件夹。\n", encoding="utf-8")
        return blocker / name, "以 root 运行，chmod 不能阻止写入；改用“父路径是普通文件”的输出路径"
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    return locked / name, "chmod 555 的输出文件夹"


def batch_records(kind: str, names: list[str], name_field: str = "unit") -> list[dict[str, Any]]:
    """Records for ``batch``: the sample of ``kind`` once per name, ``name_field`` set to it."""
    records = []
    for name in names:
        record = sample(kind)
        record[name_field] = name
        records.append(record)
    return records


# --------------------------------------------------------------------------- the command line


@cache
def available_commands() -> frozenset[str]:
    """The commands ``python -m drafting --help`` lists (empty if the CLI does not start)."""
    proc = subprocess.run(
        [sys.executable, "-m", "drafting", "--help"], capture_output=True, text=True, timeout=60
    )
    found = re.findall(r"^\s{2}([a-z][a-z-]*)\s", proc.stdout, flags=re.MULTILINE)
    return frozenset(found)


@cache
def command_help(command: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "drafting", command, "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return proc.stdout
