"""make eval: per-rule precision and recall over the labelled set in tests/labelled/."""

from __future__ import annotations

import sys
from pathlib import Path

from drafting.lint.evaluate import load_examples, score, table

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "labelled"


def main() -> int:
    scores = score(load_examples(LABELLED))
    print(table(scores))
    weak = [s for s in scores.values() if s.severity in ("warning", "error") and s.precision < 0.9]
    failing = [f for s in scores.values() for f in s.failures]
    if failing:
        print(f"\n{len(failing)} 个例子与标注不符：")
        print("\n".join(f"  {line}" for line in failing))
    if weak:
        print("\n精确率低于 0.9 的 warning/error 规则：" + "、".join(s.code for s in weak))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
