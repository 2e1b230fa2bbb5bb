"""The linter's speed-ups find what the plain forms find: lazily compiled patterns, patterns
with a ``first`` class, word-list patterns, whole-text passes and per-paragraph sentences."""

from __future__ import annotations

import re
import sys
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting import lexicon
from drafting.errors import ConfigError
from drafting.lint.rule import all_rules
from drafting.sources.document import prepare_text
from drafting.zh.patterns import LazyPattern, lazy_re, words_pattern


def _joined(words: set[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def test_lazy_pattern_compiles_on_first_use_and_keeps_the_method():
    pattern = lazy_re(r"[一二三]、")
    assert isinstance(pattern, LazyPattern)
    assert "match" not in vars(pattern)  # nothing compiled yet
    assert pattern.match("二、工作").group() == "二、"
    assert vars(pattern)["match"] == re.compile(r"[一二三]、").match
    assert [m.span() for m in pattern.finditer("一、二、")] == [(0, 2), (2, 4)]
    assert pattern.pattern == r"[一二三]、" and pattern.groups == 0


def test_lazy_pattern_keeps_its_flags():
    assert lazy_re(r"^a$", re.MULTILINE).findall("a\nb\na") == ["a", "a"]
    assert lazy_re("drafting", re.IGNORECASE).search("DRAFTING: disable") is not None


def test_words_pattern_prefers_the_longest_word_at_a_position():
    pattern = words_pattern({"按装", "按装修", "再接再励", "接再"})
    found = [m.group() for m in pattern.finditer("按装修按装再接再励接再")]
    assert found == ["按装修", "按装", "再接再励", "接再"]


def test_words_pattern_of_single_characters_and_regex_syntax():
    words = {"的", "a.b", "[x]", "的地"}
    text = "的地 a.b axb [x] 的"
    assert [m.span() for m in words_pattern(words).finditer(text)] == [
        m.span() for m in _joined(words).finditer(text)
    ]


def test_words_pattern_with_an_empty_word_or_none_is_the_plain_join():
    assert words_pattern({"", "ab"}).pattern == _joined({"", "ab"}).pattern
    assert words_pattern(set()).pattern == ""


def test_the_typo_table_finds_what_the_plain_join_finds():
    typos = set(lexicon.pairs("typos.txt"))
    text = "".join(sorted(typos)) + "再接再励，按装修标准按装。" * 3
    assert [m.span() for m in words_pattern(typos).finditer(text)] == [
        m.span() for m in _joined(typos).finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text(alphabet="甲乙丙丁ab.", min_size=1, max_size=4), min_size=1, max_size=25),
    st.text(alphabet="甲乙丙丁ab.\n", max_size=200),
)
def test_words_pattern_matches_the_plain_join(words: set[str], text: str) -> None:
    assert [m.span() for m in words_pattern(words).finditer(text)] == [
        m.span() for m in _joined(words).finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text(alphabet="甲乙丙丁ab.", min_size=0, max_size=4), min_size=0, max_size=25),
    st.text(alphabet="甲乙丙丁ab.\n", max_size=200),
)
def test_word_finder_scan_and_pattern_match_the_plain_join(words: set[str], text: str) -> None:
    from drafting.zh.patterns import SCAN_BUDGET, WordFinder

    expected = [m.span() for m in _joined(words).finditer(text)]
    finder = WordFinder(words)
    assert finder.spans(text) == expected  # the Python scan (or the join, for an empty word)
    finder.spans("。" * (SCAN_BUDGET + 1))  # past the budget: the compiled tree from now on
    assert finder._pattern is not None
    assert finder.spans(text) == expected


def test_word_finder_on_the_typo_table():
    from drafting.zh.patterns import WordFinder

    typos = set(lexicon.pairs("typos.txt"))
    text = "".join(sorted(typos)) + "再接再励，按装修标准按装。" * 3
    finder = WordFinder(typos)
    assert finder.spans(text) == [m.span() for m in _joined(typos).finditer(text)]
    assert finder._pattern is None  # one page does not compile the tree


_RUN_CHARS = "臺灣a，\U0002005e\U00020325\U00020000普通擘耋\u3400\u9fff"


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.sampled_from(_RUN_CHARS), max_size=8),
    st.text(alphabet=_RUN_CHARS, max_size=80),
)
def test_char_runs_scan_matches_the_compiled_class(members: set[str], text: str) -> None:
    from drafting.zh.patterns import SCAN_BUDGET, CharRuns, ranges_of

    ranges = ranges_of(members)
    compiled = CharRuns(ranges)
    compiled.spans("。" * (SCAN_BUDGET + 1))  # past the budget: the class from now on
    expected = compiled.spans(text)
    if members:
        assert expected == [m.span() for m in re.finditer(f"[{''.join(members)}]+", text)]
    assert CharRuns(ranges).spans(text) == expected  # the scan looking members up in the ranges
    assert CharRuns(lambda: ranges, frozenset(members)).spans(text) == expected


def test_obscure_char_runs_scan_matches_the_compiled_class():
    import random

    from drafting.lint.rules.diction import _common_chars, _uncommon_runs
    from drafting.zh.patterns import SCAN_BUDGET

    runs = _uncommon_runs()
    alphabet = sorted(_common_chars())[:200] + list("擘画耄耋，a\u3400\u9fff\U0002005e\U00030000")
    rng = random.Random(8)
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 120))) for _ in range(200)]
    scanned = [type(runs)(runs._ranges).spans(text) for text in texts]
    compiled = type(runs)(runs._ranges)
    compiled.spans("。" * (SCAN_BUDGET + 1))
    assert scanned == [compiled.spans(text) for text in texts]
    assert any(scanned)


def _patterns_with_first() -> list[tuple[str, LazyPattern]]:
    import drafting.lint.rules  # noqa: F401  (every rule module, and what they import)

    found: dict[int, tuple[str, LazyPattern]] = {}
    # the floor first: a pattern is named where it is defined, not where a rule imports it
    modules = sorted(
        sys.modules.items(), key=lambda item: (item[0].startswith("drafting.lint"), item[0])
    )
    for name, module in modules:
        if name.startswith(("drafting.lint", "drafting.zh")):
            for attr, value in vars(module).items():
                if isinstance(value, LazyPattern) and value.first is not None:
                    found.setdefault(id(value), (f"{name}.{attr}", value))
    return sorted(found.values(), key=lambda item: item[0])


_ALWAYS = "0123456789０１２９aAxX年月日的 \u3000\n"


def _texts(pattern: str) -> st.SearchStrategy[str]:
    """Random text made of matches of ``pattern`` (hypothesis draws every Unicode digit for
    ``\\d``, every letter for a class of letters …) and of the characters around them."""
    alphabet = "".join(sorted(set(pattern) - set("()[]?*+{}|^$\\") | set(_ALWAYS)))
    piece = st.one_of(st.from_regex(pattern, fullmatch=True), st.text(alphabet, max_size=6))
    return st.lists(piece, max_size=6).map("".join)


def test_the_patterns_with_a_first_class_are_found():
    names = [name for name, _ in _patterns_with_first()]
    assert "drafting.lint.rules.numbers._YMD" in names and "drafting.zh.chars.URL" in names
    assert len(names) >= 15


def _same_matches(pattern: LazyPattern, text: str, cut: int) -> None:
    plain = re.compile(pattern.pattern)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
    end = max(0, len(text) - cut)  # pos and endpos, as a rule passes them for one paragraph
    assert [m.span() for m in pattern.finditer(text, cut, end)] == [
        m.span() for m in plain.finditer(text, cut, end)
    ]
    found, expected = pattern.search(text, cut), plain.search(text, cut)
    assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize(("name", "pattern"), _patterns_with_first())
def test_first_finds_what_the_plain_pattern_finds(name: str, pattern: LazyPattern) -> None:
    @settings(max_examples=150, deadline=None)
    @given(_texts(pattern.pattern), st.integers(0, 5))
    def same(text: str, cut: int) -> None:
        _same_matches(pattern, text, cut)

    same()


def test_a_first_class_that_misses_a_start_is_caught():
    # the check above must be able to fail: [0-9] misses the full-width and other digits of \d
    wrong = LazyPattern(r"(?<![0-9０-９])(\d{4})年", first=r"[0-9](?=\d{3}年)")

    @settings(max_examples=300, deadline=None, database=None)
    @given(_texts(wrong.pattern), st.integers(0, 5))
    def same(text: str, cut: int) -> None:
        _same_matches(wrong, text, cut)

    with pytest.raises(AssertionError):
        same()


def test_first_with_known_matches():
    from drafting.lint.rules.numbers import _RANGE, _YMD
    from drafting.zh.chars import URL

    text = "见 https://gov.cn/a 或 a.b@c.cn，www.x.cn/y；2026年01月05日，10～20%与３.５～4万"
    assert [m.group() for m in URL.finditer(text)] == ["https://gov.cn/a", "a.b@c.cn", "www.x.cn/y"]
    assert [m.group() for m in _YMD.finditer(text)] == ["2026年01月05日"]
    ranges = [m.group() for m in _RANGE.finditer(text)]
    assert ranges == ["10～20%", "３.５～4万"]  # \d is any decimal digit, full-width too


@pytest.mark.parametrize("code", ["N306", "N307", "N308"])
@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(
        st.text(alphabet="2026年1月5日。.…—-－“”一二三四、个'’０９％%～\u3000 体检", max_size=30),
        min_size=1,
        max_size=5,
    )
)
def test_paragraph_rules_run_over_the_whole_text_as_over_each_paragraph(code, lines):
    # N306, N307 and N308 search the whole text at once; a finding must not depend on it
    rule = all_rules()[code]
    whole = prepare_text("\n".join(lines), genre="notice")
    together = sorted((i.start, i.end, i.message) for i in rule().check(whole, rule.options))
    apart = []
    for paragraph in whole.paragraphs:
        alone = prepare_text(paragraph.text, genre="notice")
        for issue in rule().check(alone, rule.options):
            apart.append(
                (issue.start + paragraph.start, issue.end + paragraph.start, issue.message)
            )
    assert together == sorted(apart)


def test_a_half_dash_at_the_end_of_a_paragraph_is_broken():
    from drafting.lint.api import lint_text

    found = lint_text("标题\n此次检查—\n“回头看”很有必要。", select=["N307"]).findings
    assert [(f.line, f.column, f.excerpt) for f in found] == [(2, 5, "—")]


def test_paragraph_sentences_are_the_sentences_of_that_paragraph():
    doc = prepare_text("标题\n第一句。第二句？“第三句！”\n\n第四句；第五句\n   ")
    split = [s for p in doc.paragraphs for s in doc.paragraph_sentences(p)]
    assert split == doc.sentences()
    assert [s.text for s in split] == ["第一句。", "第二句？", "“第三句！”", "第四句；第五句"]
    assert doc.paragraph_sentences(doc.paragraphs[0]) == []  # the title is no sentence


def test_words_in_bisects_to_the_words_the_loop_would_take():
    import bisect
    import random

    doc = prepare_text("标题\n各单位要认真落实工作要求。\n\n确保安全生产形势持续稳定，按时报送。")

    def by_loop(start: int, end: int) -> list:
        i, out = bisect.bisect_left([w.start for w in doc.words], start), []
        while i < len(doc.words) and doc.words[i].end <= end:
            out.append(doc.words[i])
            i += 1
        return out

    rng = random.Random(8)
    spans = [(a, b) for a in range(len(doc.text) + 2) for b in range(a, len(doc.text) + 3)]
    for start, end in rng.sample(spans, 400):
        assert doc.words_in(start, end) == by_loop(start, end), (start, end)
    assert [w.word for w in doc.words_in(0, 2)] == ["标题"]


def test_char_runs_find_characters_beyond_the_basic_plane_only_where_there_are_some():
    from drafting.zh.patterns import CharRuns, ranges_of

    runs = CharRuns(ranges_of(["臺", "灣", "\U0002005e", "\U00020325"]))
    assert runs.spans("在臺灣。") == [(1, 3)]
    assert runs.spans("臺\U0002005e灣，\U00020000\U00020325") == [(0, 3), (5, 6)]
    assert runs.spans("\U00020000普通") == []


def test_a_traditional_character_of_extension_b_is_reported():
    from drafting.lint.api import lint_text

    (finding,) = lint_text("标题\n这里有一个\U0002005e字。", select=["N312"]).findings
    assert finding.excerpt == "\U0002005e" and "改为“𠀾”" in finding.message


# -- one search of the whole text, read stretch by stretch ---------------------------------


def _stretches(data: st.DataObject, size: int) -> list[tuple[int, int]]:
    """Random ``[start, end)`` in and just past a text of ``size`` characters (some empty)."""
    edge = st.integers(0, size + 2)
    return data.draw(st.lists(st.tuples(edge, edge), max_size=12))


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text(alphabet="甲乙丙丁ab.", min_size=1, max_size=4), min_size=1, max_size=25),
    st.text(alphabet="甲乙丙丁ab.\n", max_size=120),
    st.data(),
)
def test_occurrences_within_a_stretch_are_what_a_search_of_it_finds(words, text, data):
    from drafting.zh.patterns import Occurrences

    stretches = _stretches(data, len(text))
    for pattern in (words_pattern(words), _joined(words)):
        found = Occurrences(pattern, text)
        for start, end in stretches:
            alone = [
                (m.start() + start, m.end() + start) for m in pattern.finditer(text[start:end])
            ]
            assert found.within(start, end) == alone, (start, end)


def test_occurrences_search_a_stretch_alone_where_a_match_straddles_its_edge():
    from drafting.zh.patterns import Occurrences

    found = Occurrences(words_pattern({"甲乙", "乙丙丁", "丁戊"}), "甲乙丙丁戊")
    assert found.within(0, 5) == [(0, 2), (3, 5)]
    assert found.within(1, 5) == [(1, 4)]  # 甲乙 straddles the start: 乙丙丁 is found instead
    assert found.within(0, 4) == [(0, 2)]  # 丁戊 straddles the end
    assert found.within(2, 2) == [] and found.within(4, 1) == []


def _find_terms_alone(doc, filename: str, start: int, end: int) -> list[tuple[int, int]]:
    """``find_terms`` as it searched each stretch on its own (the join, longest first)."""
    from drafting.lint.rules._phrasing import SHORT

    pattern = _joined(set(lexicon.words(filename)))
    hits = [(m.start() + start, m.end() + start) for m in pattern.finditer(doc.text[start:end])]
    if any(b - a <= SHORT for a, b in hits):
        words = doc.words_in(start, end)
        starts, ends = {w.start for w in words}, {w.end for w in words}
        hits = [(a, b) for a, b in hits if b - a > SHORT or (a in starts and b in ends)]
    return hits


_TERM_FILES = ("florid.txt", "idioms_extra.txt", "colloquial.txt", "empty_phrases.txt")


@cache
def _term_pieces() -> list[str]:
    pieces = [w for name in _TERM_FILES for w in lexicon.words(name)]
    return pieces + list("，。；！？“”、 \n挺拔啥子的地了要") + ["高度重视安全", "各单位"]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_find_terms_reads_one_search_of_the_whole_text_as_a_search_of_each_span(data):
    from drafting.lint.rules._phrasing import find_terms

    text = "".join(data.draw(st.lists(st.sampled_from(_term_pieces()), max_size=40)))
    doc = prepare_text("标题\n" + text)
    size = len(doc.text)
    spans = [(s.start, s.end) for s in doc.sentences()] + [(p.start, p.end) for p in doc.body]
    spans += _stretches(data, size)
    for name in _TERM_FILES:
        for start, end in spans:
            assert find_terms(doc, name, start, end) == _find_terms_alone(doc, name, start, end)


# -- words: one cut of the whole text, tokens only where asked -----------------------------


def _cut_alone(text: str, offset: int) -> list[tuple[str, int, int]]:
    from drafting.zh import segment

    out, at = [], offset
    for word in segment.tokenizer().cut(text, HMM=True):
        out.append((word, at, at + len(word)))
        at += len(word)
    return out


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_cut_lines_gives_the_words_of_each_line_cut_alone(data):
    from drafting.zh import segment

    text = data.draw(st.text(alphabet="中国人民政府工作要求的了ab1. \u3000\r\n，。“”", max_size=60))
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    breaks = data.draw(st.lists(st.sampled_from(newlines), unique=True)) if newlines else []
    expected, begin = [], 0
    for at in [*sorted(breaks), len(text)]:
        if at > begin:
            expected += _cut_alone(text[begin:at], begin)
        begin = at + 1
    words = segment.cut_lines(text, breaks)
    assert list(zip(*words, strict=True)) == expected
    assert [tuple(t[:3]) for t in words.tokens()] == expected
    assert words.tokens(2, 5) == words.tokens()[2:5]


def test_cut_lines_leaves_out_the_breaks_even_after_a_carriage_return():
    from drafting.zh import segment

    words = segment.cut_lines("工作要求\r\n\n各单位", [5, 6])
    assert words.texts == ["工作", "要求", "\r", "各", "单位"]
    assert words.starts == [0, 2, 4, 7, 8] and words.ends == [2, 4, 5, 8, 10]


def test_document_words_are_those_of_each_paragraph_cut_alone():
    doc = prepare_text("标题\n各单位要认真落实工作要求。\n\n  确保安全生产，按时报送。\n")
    expected = [w for p in doc.paragraphs if p.text for w in _cut_alone(p.text, p.start)]
    assert [tuple(w[:3]) for w in doc.words] == expected
    assert all(w.flag == "" for w in doc.words)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_words_among_a_vocabulary_are_the_words_in_a_span_that_are_in_it(data):
    text = data.draw(st.text(alphabet="中国人民政府工作要求的了各单位认真落实。，\n ", max_size=80))
    doc = prepare_text(text)
    vocabulary = frozenset(data.draw(st.lists(st.sampled_from(["中国", "的", "工作", "各"]))))
    for start, end in _stretches(data, len(doc.text)):
        expected = [(w.start, w.end) for w in doc.words_in(start, end) if w.word in vocabulary]
        assert doc.words_among(vocabulary).within(start, end) == expected


def _repeats_by_loop(doc) -> list[tuple[int, int]]:
    """P210 as it walked the words one pair at a time."""
    from drafting.lint.rules.diction import _is_word, _reduplication_ok

    words, out, i = doc.words, [], 0
    while i + 1 < len(words):
        first, second = words[i], words[i + 1]
        if (
            first.word == second.word
            and _is_word(first.word)
            and second.start == first.end
            and first.word + second.word not in _reduplication_ok()
        ):
            out.append((first.start, second.end))
            i += 2
            continue
        i += 1
    return out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["的", "研究", "看看", "人人", "进一步", "，", "a", "\n"]), max_size=30
    )
)
def test_repeated_words_are_found_where_the_loop_over_the_pairs_found_them(pieces):
    rule = all_rules()["P210"]
    doc = prepare_text("".join(pieces))
    found = [(i.start, i.end) for i in rule().check(doc, rule.options)]
    assert found == _repeats_by_loop(doc)


def test_lexicon_lines_are_parsed_column_by_column(tmp_path):
    path = tmp_path / "pairs.txt"
    path.write_text(
        "\ufeff# 注释\n\n  按装\t安装\t备注\n再接再励 → 再接再厉\n"
        "一愁莫展->一筹莫展\n甲\t\t乙\n丙→\t丁 \t注\n",
        encoding="utf-8",
    )
    assert lexicon.read_pairs(path) == {
        "按装": "安装",
        "再接再励": "再接再厉",
        "一愁莫展": "一筹莫展",
        "甲": "乙",
        "丙→": "丁",  # the tab is the separator when there is one
    }
    assert lexicon.read_words(path)[:2] == ("按装", "再接再励 → 再接再厉")
    path.write_text("错\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="不是“错→对”格式"):
        lexicon.read_pairs(path)
