"""make eval, part 3: the linter on published texts no one here wrote (``../shared/corpus/real``).

Three measures, each with its target (``scripts/evallib/real.py`` computes them; the test
``tests/lint/test_real_corpus.py`` holds the same targets, so a regression cannot land):

* the share of published statutory documents with no false alarm: every warning or error they
  get was judged a real fault (target ≥ 90%; the share with no warning at all is printed too);
* warnings and errors per 10,000 characters, over the whole corpus and by rule (target ≤ 2);
* per-rule precision on the hand-judged findings in ``tests/real/judged.tsv`` (manifest path,
  line, code, verdict, reason): every rule at warning or error must reach 0.9 there, and every
  finding at warning or error that the linter gives today must have been judged.

The texts are read in place; nothing from them is printed but paths, line numbers and counts.
Where the corpus is absent (a user's clone) the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evallib.real import CORPUS, REPO, Targets, measure, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the real corpus folder")
    parser.add_argument(
        "--judged", type=Path, default=REPO / "tests" / "real" / "judged.tsv", help="judged TSV"
    )
    parser.add_argument(
        "--unjudged", type=Path, default=None, help="write the findings not yet judged (TSV)"
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.tsv").is_file():
        where = args.corpus
        print(
            f"真实语料不在 {where}：跳过真实文稿评测（CI 有 ../shared；或设 DRAFTING_REAL_CORPUS）"
        )
        return 0
    result = measure(args.corpus, args.judged)
    print(report(result))
    if args.unjudged is not None:
        result.write_unjudged(args.unjudged)
        print(f"\n未评判的发现已写到 {args.unjudged}")
    missed = result.missed(Targets())
    if missed:
        print("\n未达标：" + "；".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
