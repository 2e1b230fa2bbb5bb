"""The shared Chinese-text floor both pipelines stand on.

:mod:`~drafting.zh.segment` (jieba, loaded once), :mod:`~drafting.zh.chars` (character classes),
:mod:`~drafting.zh.patterns` (lazily compiled patterns, word lists as one pattern),
:mod:`~drafting.zh.hanzi` (Simplified and Traditional script), :mod:`~drafting.zh.numerals`,
:mod:`~drafting.zh.ordinals` (序次语), :mod:`~drafting.zh.decode` (the one text decoder),
:mod:`~drafting.zh.roles` (style-role names) and :mod:`~drafting.zh.kinds` (the 文种).

Nothing here imports either pipeline or the command line; it stands on the io floor only.
"""
