"""Text bound for a terminal, made harmless and visible.

A draft, a data file or a file name can carry characters that a terminal obeys instead of
showing: ``ESC [2J`` clears the screen, ``ESC ] … BEL`` (OSC) sets the window title or plants a
link, a carriage return overwrites the start of the line, and the bidirectional controls
(U+202E RIGHT-TO-LEFT OVERRIDE and its kin) reorder what follows so that a line reads
differently from what it holds. Everything the tool prints for a person (messages, file names,
the text report with its excerpts) goes through :func:`visible`, on a terminal and in a pipe
alike (a pipe often ends in ``less -R`` or a log viewer that obeys them too):

* C0 controls (U+0000–U+001F, tab excepted), DEL and the C1 controls (U+0080–U+009F) become
  ``⟨ESC⟩``, ``⟨CR⟩``, ``⟨DEL⟩``, ``⟨U+009B⟩`` …; an escape sequence is thereby inert, its
  remaining characters (``[2J``) plain text.
* Bidi controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) and the Unicode line
  and paragraph separators (U+2028, U+2029) become ``⟨U+202E⟩`` …

Tab is kept: it only moves the cursor forward and cannot hide or reorder text (the text report
shows it as a space so that its caret lines up). ``⟨`` and ``⟩`` are narrow in every terminal
(East-Asian width ``Na``), so an escape is as many columns wide as it has characters.

Machine formats (JSON, SARIF) keep the exact text; HTML escapes markup and shows these
characters with :func:`visible` where it prints text to the reader.
"""

from __future__ import annotations

import re

#: Names of the C0 controls, as in ISO 6429 / the Unicode charts.
_C0 = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
    "ESC", "FS", "GS", "RS", "US",
)  # fmt: skip

#: Bidirectional formatting characters: marks, embeddings, overrides and isolates.
BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Characters some viewers take as a line break although they are not ``\n``.
_SEPARATORS = "\u2028\u2029"


def _table() -> dict[int, str]:
    table = {code: f"⟨{name}⟩" for code, name in enumerate(_C0) if name != "HT"}
    table[0x7F] = "⟨DEL⟩"
    for code in range(0x80, 0xA0):
        table[code] = f"⟨U+{code:04X}⟩"
    for char in (*BIDI, *_SEPARATORS):
        table[ord(char)] = f"⟨U+{ord(char):04X}⟩"
    return table


_TABLE = _table()
_LINE_BREAK = re.compile(r"(\r?\n)")


def visible(text: str) -> str:
    """``text`` with every control, bidi and separator character shown as a visible escape;
    a line break too (``⟨LF⟩``), so a message stays on one line."""
    return text.translate(_TABLE)


def visible_lines(text: str) -> str:
    """``text`` made :func:`visible` line by line, its line breaks (``\\n`` and ``\\r\\n``) kept."""
    return "".join(
        visible(part) if index % 2 == 0 else part
        for index, part in enumerate(_LINE_BREAK.split(text))
    )


def is_unsafe(char: str) -> bool:
    """Whether :func:`visible` would replace ``char`` (a single character)."""
    return ord(char) in _TABLE
