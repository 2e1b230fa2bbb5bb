"""Type as a reviewer names it: face families (仿宋, 楷体, 黑体, 小标宋, 宋体) and 字号.

A face counts as its family whatever the foundry: 仿宋, 仿宋_GB2312, FangSong, 方正仿宋_GBK
and 华文仿宋 are all 仿宋 (offices choose plain 仿宋 where the _GB2312 faces lack rare
characters; GB/T 9704 names the family, not a file). 宋体 is accepted where 小标宋 is asked for
(the title, the 标志): it is the substitute ``--fonts plain`` writes where 小标宋 is not
installed.
"""

from __future__ import annotations

import re

#: Family → (Chinese name, patterns of face names, lower-cased); first match wins, so the
#: families whose names contain 宋 come before 宋体.
_FAMILIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fangsong", "仿宋", ("仿宋", "fangsong", "fang song", "stfangsong")),
    ("kaiti", "楷体", ("楷体", "楷", "kaiti", "stkaiti", "ukai")),
    ("heiti", "黑体", ("黑体", "simhei", "heiti", "stheiti")),
    ("xiaobiaosong", "小标宋", ("小标宋", "xiaobiaosong", "fzxbsjw", "fzxbs")),
    (
        "songti",
        "宋体",
        ("宋体", "中宋", "宋", "simsun", "nsimsun", "songti", "stsong", "zhongsong"),
    ),
)
CHINESE = {family: name for family, name, _ in _FAMILIES}

#: 字号 by points (GB/T 9704 speaks in 号).
SIZES: tuple[tuple[str, float], ...] = (
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
)
_SIZE_TOLERANCE = 0.25


def family(face: str | None) -> str | None:
    """The family of ``face`` (``fangsong``, ``kaiti``, ``heiti``, ``xiaobiaosong``,
    ``songti``), or None for any other face."""
    if not face:
        return None
    name = re.sub(r"\s+", " ", face.strip().lower())
    for key, _, patterns in _FAMILIES:
        if any(pattern in name for pattern in patterns):
            return key
    return None


def size_name(points: float) -> str:
    """``三号`` for 16 pt; ``13 磅`` for a size without a 号."""
    for name, value in SIZES:
        if abs(points - value) <= _SIZE_TOLERANCE / 2:
            return name
    return f"{points:g} 磅"


def same_size(points: float, expected: float) -> bool:
    return abs(points - expected) < _SIZE_TOLERANCE


def face_name(face: str | None) -> str:
    """How a finding names a face the document uses: its own name (a Latin one set off by a
    space, as Chinese typesetting does: 字体为 Times New Roman，…), or 默认字体."""
    name = face.strip() if face else ""
    if not name:
        return "未指定（默认字体）"
    return f" {name}" if name[0].isascii() else name
