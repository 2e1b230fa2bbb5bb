"""Regenerate corpus/trad_simp.txt and corpus/simp_only.txt from OpenCC's character tables.

Needs the dev dependency ``opencc-python-reimplemented`` (its ``dictionary/`` folder ships
OpenCC's TSCharacters.txt and STCharacters.txt, Apache-2.0). The linter itself reads only the
two generated corpus files, never OpenCC.

    .venv/bin/python scripts/make_trad_simp.py
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

#: Characters OpenCC converts but 《通用规范汉字表》(2013) also keeps as standard simplified
#: characters in some use (哪吒, 春蒐): never report them.
KEEP = "吒蒐"

TRAD_HEADER = """\
# 繁体字→简体字对照表（N312 mixed-script）：每行“繁体字<TAB>简体字”。
# 只收“只在繁体中出现”的字：OpenCC 字表中转换后改变、且本身不是任何简体写法的字（乾、於、著、
#   覆、瞭、藉等简繁同形或在简体中另有用法的字不收；哪吒的“吒”、春蒐的“蒐”等规范字表保留的字不收）。
# 来源：OpenCC（https://github.com/BYVoid/OpenCC，Apache-2.0）TSCharacters.txt 与
#   STCharacters.txt（opencc-python-reimplemented 0.1.7 所带字表），
#   由 scripts/make_trad_simp.py 生成。
"""

SIMP_HEADER = """\
# 只在简体中出现的字（N312 mixed-script，traditional = true 时使用）：每行一个字。
# 只收 OpenCC 简→繁字表中转换后必然改变、且本身不是繁体字的字（如“发”“东”，不收“后”“干”“里”）。
# 来源：OpenCC（https://github.com/BYVoid/OpenCC，Apache-2.0）STCharacters.txt 与
#   TSCharacters.txt（opencc-python-reimplemented 0.1.7 所带字表），
#   由 scripts/make_trad_simp.py 生成。
"""


def _table(name: str) -> dict[str, list[str]]:
    text = (resources.files("opencc") / "dictionary" / name).read_text(encoding="utf-8")
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split()
    return table


def main() -> int:
    ts, st = _table("TSCharacters.txt"), _table("STCharacters.txt")
    simplified_forms = {char for values in ts.values() for char in values}
    trad_only = {
        trad: values[0]
        for trad, values in ts.items()
        if trad not in values
        and trad not in st
        and trad not in simplified_forms
        and trad not in KEEP
    }
    traditional_forms = {char for values in st.values() for char in values} | set(ts)
    simp_only = sorted(
        simp for simp, values in st.items() if simp not in values and simp not in traditional_forms
    )
    (CORPUS / "trad_simp.txt").write_text(
        TRAD_HEADER + "".join(f"{t}\t{s}\n" for t, s in sorted(trad_only.items())),
        encoding="utf-8",
    )
    (CORPUS / "simp_only.txt").write_text(
        SIMP_HEADER + "".join(f"{s}\n" for s in simp_only), encoding="utf-8"
    )
    print(f"trad_simp.txt: {len(trad_only)}，simp_only.txt: {len(simp_only)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
