"""make eval: recall on faults put into real published texts (see scripts/evallib/faults.py).

    python scripts/faults.py                  # every document of ../shared/corpus/real
    python scripts/faults.py --limit 30       # a reduced run (same seed)
    python scripts/faults.py --show-missed    # also list the faults not found, the alarms

The corpus is read in place from ``$DRAFTING_REAL_CORPUS`` or ``../shared/corpus/real`` beside
the repository; where it is absent, says so and exits 0 (nothing to measure). Exit status 1
when a class misses its recall target or a watched rule raises too many false alarms.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evallib.faults import SEED, run, table

ROOT = Path(__file__).resolve().parent.parent


def corpus_path() -> Path:
    return Path(os.environ.get("DRAFTING_REAL_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="documents to use (spread over the corpus)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--show-missed", action="store_true")
    args = parser.parse_args(argv)
    corpus = args.corpus or corpus_path()
    if not (corpus / "manifest.tsv").is_file():
        print(f"故障注入评测跳过：找不到真实语料 {corpus}（CI 中位于 ../shared/corpus/real）")
        return 0
    started = time.perf_counter()
    outcome = run(corpus, limit=args.limit, seed=args.seed)
    took = time.perf_counter() - started
    print(f"故障注入评测：{outcome.documents} 篇真实文本，种子 {args.seed}，用时 {took:.1f} 秒")
    print(table(outcome))
    if args.show_missed:
        for cls, items in sorted(outcome.missed.items()):
            print(f"\nmissed {cls} ({len(items)}):")
            print("\n".join(f"  {item}" for item in items[:15]))
        for code, items in sorted(outcome.alarms.items()):
            print(f"\nalarms {code} ({len(items)}):")
            print("\n".join(f"  {item}" for item in items[:15]))
    failures = outcome.failures()
    if failures:
        print("\n未达标：" + "；".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
