"""The anatomy reader against the judged anatomy of 173 published texts (``tests/real/``)."""

from __future__ import annotations

from collections import Counter

from real_corpus import gold_kinds, gold_parts, lines_of, manifest

from drafting.anatomy.kinds import guess_kind
from drafting.anatomy.parts import Part
from drafting.anatomy.reader import read_parts

#: Parts a rule depends on: each must be found on at least this share of the judged lines.
KEY_PARTS = ("title", "doc_number", "recipients", "signature", "date", "subtitle", "salutation")


def _compare() -> tuple[Counter[tuple[str, str]], int]:
    confusion: Counter[tuple[str, str]] = Counter()
    total = 0
    for row in manifest():
        lines = lines_of(row["path"])
        judged = gold_parts().get(row["path"], {})
        for number, part in enumerate(read_parts(lines).parts, start=1):
            if part is Part.BLANK:
                continue
            confusion[(judged.get(number, "body"), part.value)] += 1
            total += 1
    return confusion, total


def test_parts_agree_with_the_judged_anatomy() -> None:
    confusion, total = _compare()
    agreed = sum(count for (want, got), count in confusion.items() if want == got)
    wrong = sorted(((c, w, g) for (w, g), c in confusion.items() if w != g), reverse=True)
    assert agreed / total >= 0.985, f"{agreed}/{total} lines agree; worst: {wrong[:8]}"


def test_key_parts_are_found() -> None:
    confusion, _ = _compare()
    for part in KEY_PARTS:
        judged = sum(count for (want, _), count in confusion.items() if want == part)
        found = confusion[(part, part)]
        assert judged and found / judged >= 0.95, f"{part}: {found} of {judged} found"
        claimed = sum(count for (_, got), count in confusion.items() if got == part)
        assert found / claimed >= 0.95, f"{part}: {claimed - found} of {claimed} wrongly claimed"


def test_every_text_gets_its_judged_kind() -> None:
    wrong = []
    for row in manifest():
        lines = lines_of(row["path"])
        guess = guess_kind(lines, read_parts(lines))
        judged = gold_kinds()[row["path"]]
        if judged["judged"] == "commentary":
            ok = guess.genre == "commentary"
        elif judged["speech_like"] == "yes":
            ok = guess.genre == "summary" and guess.speech
        else:
            ok = guess.genre == "notice" and guess.kind == judged["judged"]
        if not ok:
            wrong.append((row["path"], judged["judged"], guess))
    assert not wrong, wrong
