"""Build corpus/idioms.txt from jieba's own dictionary: four-character entries tagged ``i``.

jieba's ``dict.txt`` (word, frequency, part of speech) tags idioms ``i``. Entries with a
frequency of 3 or less are mostly phrases bulk-added with a token count (在建设中, 防止出现,
认真贯彻 …), not idioms, so only entries counted at least ``MIN_FREQ`` times are kept. The
``l`` (set phrase) tag mixes idioms with technical terms (恶意软件, 热核反应), so an ``l`` entry
is kept only when it has an idiom's shape: a classical function character (之而无如若其以于所者
乎也焉何不) or a repeated character (大起大落, 不紧不慢). jieba tags some idioms ``n``/``nr``
(众志成城, 山清水秀); those the project knows are in ``corpus/idioms_extra.txt``.
Run: ``.venv/bin/python scripts/build_idioms.py`` (rewrites the file).
"""

from __future__ import annotations

import re
from pathlib import Path

import jieba

MIN_FREQ = 4
_CLASSICAL = re.compile("[之而无如若其以于所者乎也焉何不]")
OUT = Path(__file__).resolve().parent.parent / "corpus" / "idioms.txt"

HEADER = """\
# 四字成语表：供 P204（成语堆砌）判断一句中的成语个数。
# 来源：jieba 0.42 自带词典 jieba/dict.txt 中四字、词频不低于 {min_freq} 的条目：
# 词性为 i（成语）的全收，
# 词性为 l（习用语）的只收有成语形态的（含“之而无如若其以于所者乎也焉何不”或有重字，如“大起大落”）。
# 由 scripts/build_idioms.py 生成。
# 词频 3 及以下的 i 条目多为批量加入的短语（如“在建设中”“认真贯彻”），不收。
# 共 {count} 条。重新生成：.venv/bin/python scripts/build_idioms.py
"""


def idiom_shaped(word: str) -> bool:
    """A four-character phrase that looks like an idiom (不紧不慢, 一席之地)."""
    return bool(_CLASSICAL.search(word)) or word[0] == word[2] or word[1] == word[3]


def main() -> None:
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    idioms: set[str] = set()
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or len(parts[0]) != 4 or int(parts[1]) < MIN_FREQ:
            continue
        word, tag = parts[0], parts[2]
        if tag == "i" or (tag == "l" and idiom_shaped(word)):
            idioms.add(word)
    body = "\n".join(sorted(idioms))
    OUT.write_text(
        HEADER.format(min_freq=MIN_FREQ, count=len(idioms)) + body + "\n", encoding="utf-8"
    )
    print(f"{OUT}: {len(idioms)} 条")


if __name__ == "__main__":
    main()
