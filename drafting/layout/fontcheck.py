"""Which faces of a :class:`FontProfile` this machine has, and what a renderer would use instead
(the free face of the same style :mod:`drafting.layout.freefaces` maps it to for PDFs, else
fontconfig's choice).

Uses fontconfig (``fc-list``/``fc-match``), as LibreOffice does on Linux; where fontconfig is
absent (Windows without it) the check says so rather than guessing.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from drafting.layout.freefaces import free_face
from drafting.layout.profile import FONT_ROLES, FontProfile

_TIMEOUT = 20


@dataclass(frozen=True)
class FontStatus:
    """One face: its role, whether installed, and fontconfig's substitute when it is not."""

    role: str
    face: str
    installed: bool | None  # None: could not check (no fontconfig)
    substitute: str | None = None


def installed_families() -> set[str] | None:
    """Every family name fontconfig knows (all localised names), or None without fc-list."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    result = subprocess.run(
        [program, ":", "family"], capture_output=True, text=True, timeout=_TIMEOUT, check=False
    )
    names: set[str] = set()
    for line in result.stdout.splitlines():
        names.update(name.strip() for name in line.split(",") if name.strip())
    return names


def substitute(face: str, *, chinese: bool = True) -> str | None:
    """The family fontconfig would render ``face`` with (for zh-CN text when ``chinese``), or
    None without fc-match."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    result = subprocess.run(
        [program, "-f", "%{family}", f"{face}:lang=zh-cn" if chinese else face],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
        check=False,
    )
    return result.stdout.split(",")[0].strip() or None


def check_fonts(fonts: FontProfile) -> list[FontStatus]:
    """The status of each face of ``fonts``, in the profile's order."""
    families = installed_families()
    statuses = []
    for field_name, face in fonts.faces().items():
        role = FONT_ROLES[field_name]
        if families is None:
            statuses.append(FontStatus(role, face, None))
        elif face in families:
            statuses.append(FontStatus(role, face, True))
        else:
            chinese = field_name != "latin"
            # the free face of the role the PDF conversion maps it to, else fontconfig's pick
            free = free_face(field_name) if chinese else None
            statuses.append(
                FontStatus(role, face, False, free or substitute(face, chinese=chinese))
            )
    return statuses
