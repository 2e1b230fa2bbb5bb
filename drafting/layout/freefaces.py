"""Free faces for PDFs and previews when the proprietary ones are missing (issue 18, item 8).

A machine without 仿宋_GB2312, 楷体_GB2312 or 方正小标宋简体 renders every element of a .docx in
whatever CJK face fontconfig offers first, usually one sans face, so nothing looks like a 公文.
For LibreOffice's PDF, each missing face is mapped to an installed free face of its style
(仿宋, 楷体, 黑体, 宋/明), chosen from known free families in order and only if fontconfig says
it covers simplified Chinese (its ``zh-cn`` orthography, the GB2312 characters); a 仿宋 with no
free 仿宋 installed takes a 宋 face, the nearer style. The .docx itself keeps the faces its
profile names: the mapping is LibreOffice's font replacement table in the private profile the
conversion runs with. Nothing is downloaded.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from drafting import atomic

_TIMEOUT = 20
_SONG = ("FandolSong", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "cwTeX Q Ming")
#: Free families by role, best first (Debian's fonts-arphic-*, fonts-noto-cjk, fonts-cwtex-*,
#: TeX Live's Fandol fonts).
CANDIDATES: dict[str, tuple[str, ...]] = {
    "fangsong": ("FandolFang", "cwTeX Q Fangsong", *_SONG),
    "kaiti": ("FandolKai", "AR PL UKai CN", "cwTeX Q Kai", "AR PL KaitiM GB"),
    "heiti": ("FandolHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"),
    "xiaobiaosong": _SONG,
    "songti": _SONG,
}
#: The role of a font-table entry, by its ``altName`` (:mod:`drafting.layout.word`).
_ROLE_BY_ALT = {
    "仿宋": "fangsong",
    "FangSong": "fangsong",
    "楷体": "kaiti",
    "KaiTi": "kaiti",
    "黑体": "heiti",
    "SimHei": "heiti",
    "宋体": "songti",
    "SimSun": "songti",
}
#: Faces left to fontconfig: 宋体 sets the page numbers, and a Song face in the landscape
#: pages' turned number box moves the number 0.6 mm off its 7 mm (LibreOffice 7.4).
_LEFT_TO_FONTCONFIG = frozenset({"宋体", "SimSun"})
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@lru_cache(maxsize=1)
def chinese_families() -> frozenset[str] | None:
    """Every family fontconfig says covers simplified Chinese, all localised names; None
    without ``fc-list``."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    result = subprocess.run(
        [program, ":lang=zh-cn", "family"],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=False,
    )
    names = {name.strip() for line in result.stdout.splitlines() for name in line.split(",")}
    return frozenset(name for name in names if name)


def free_face(role: str) -> str | None:
    """The installed free face for ``role`` (a :class:`FontProfile` field), or None."""
    families = chinese_families()
    if not families:
        return None
    return next((face for face in CANDIDATES.get(role, ()) if face in families), None)


def replacements(docx: bytes) -> dict[str, str]:
    """``{face: free face}`` for each CJK face the .docx's font table names that this machine
    lacks, by the role its ``altName`` gives it."""
    families = chinese_families()
    if not families:
        return {}
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        try:
            table = etree.fromstring(package.read("word/fontTable.xml"))
        except KeyError:
            return {}
    found: dict[str, str] = {}
    for font in table.iter(f"{_W}font"):
        name = font.get(f"{_W}name") or ""
        alt = font.find(f"{_W}altName")
        role = _ROLE_BY_ALT.get(name) or _ROLE_BY_ALT.get(
            alt.get(f"{_W}val") if alt is not None else ""
        )
        if role is None or name in families or name in _LEFT_TO_FONTCONFIG:
            continue
        face = free_face(role)
        if face is not None:
            found[name] = face
    return found


def write_profile(profile: Path, docx: bytes) -> dict[str, str]:
    """Write LibreOffice's replacement table for ``docx`` into the user profile folder
    ``profile`` (before LibreOffice starts on it); the pairs written."""
    pairs = replacements(docx)
    if not pairs:
        return pairs
    nodes = "".join(
        f'<node oor:name="_{index}" oor:op="replace">'
        '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(face)}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(free)}</value></prop>'
        "</node>"
        for index, (face, free) in enumerate(sorted(pairs.items()))
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
        f"{nodes}</item></oor:items>\n"
    )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    atomic.write_text(user / "registrymodifications.xcu", xml, force=True)
    return pairs
