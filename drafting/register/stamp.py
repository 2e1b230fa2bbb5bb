"""Numbers from the register for ``render --number`` and ``batch --number``.

The order keeps the book honest and wastes no number on a typo:

1. The data (or draft) is validated with :data:`PLACEHOLDER` as its ``doc_number`` (a template
   may require one), so a record that fails validation reserves nothing.
2. :meth:`Numbering.stamp` reserves the next number (``--number auto``) or takes a number
   already reserved (``--number 江政办发〔2026〕13号``), and writes it into the prepared draft:
   the document's 发文字号 and the Markdown text (``--to md`` shows it too).
3. The file is written.
4. :meth:`Numbering.confirm` marks the number confirmed, with the output file.

A failure between 2 and 4 leaves the number ``reserved``: :meth:`Numbering.note` says so, for
the error line, and the clerk confirms it (rendering again with ``--number`` and that number)
or voids it. The 机关代字 comes from ``--number-prefix`` or the data's ``doc_number_prefix``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafting.errors import DraftingError
from drafting.register.location import Location
from drafting.register.numbers import check_prefix, parse_number

if TYPE_CHECKING:
    from drafting.batch import Outcome
    from drafting.drafts.records import Record
    from drafting.model import OfficialDocument
    from drafting.register.book import Entry, Register
    from drafting.render import Draft

#: The ``doc_number`` a draft is validated and rendered with until its number is reserved.
PLACEHOLDER = "〔文号待取〕"
#: The data field that names the 机关代字 when ``--number-prefix`` is not given.
PREFIX_FIELD = "doc_number_prefix"
AUTO = "auto"

_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_FRONT_KEY = re.compile(r"^doc_number[ \t]*:")

_registers: dict[str, Register] = {}


def register_at(location: Location) -> Register:
    """One :class:`Register` per place and process (a batch worker reuses its connection)."""
    from drafting.register.book import Register

    if location.url not in _registers:
        _registers[location.url] = Register(location)
    return _registers[location.url]


@dataclass
class Numbering:
    """What ``--number`` asks for: ``auto`` (the next number for the 机关代字) or one number
    already reserved. Picklable: a batch sends it to its worker processes with each record."""

    location: Location
    requested: str = AUTO
    prefix: str | None = None
    year: int | None = None
    entry: Entry | None = field(default=None, compare=False)
    """The number this document holds, once :meth:`stamp` has reserved or taken it."""
    confirmed: bool = False
    values: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    """The data of the document being numbered (for ``doc_number_prefix``)."""
    source: tuple[str, str | None] | None = field(default=None, compare=False, repr=False)
    """``render``'s (target, data path): read for ``doc_number_prefix`` when ``values`` is
    not given and ``--number-prefix`` was not either."""

    @classmethod
    def from_options(cls, number: str, prefix: str | None, location: Location) -> Numbering:
        """Check ``--number`` (``auto`` or a 发文字号) and ``--number-prefix`` before anything
        is read or reserved."""
        if number.strip().lower() == AUTO:
            return cls(location, AUTO, check_prefix(prefix) if prefix is not None else None)
        if prefix is not None:
            raise DraftingError("--number 给出了具体文号时不用 --number-prefix")
        return cls(location, str(parse_number(number)))

    @property
    def placeholder(self) -> str:
        return PLACEHOLDER

    def check_template(self, fields: Mapping[str, Any], name: str) -> None:
        """Refuse a template without a ``doc_number`` field (a 时评 has no 发文字号)."""
        if "doc_number" not in fields:
            raise DraftingError(f"模板“{name}”没有发文字号（doc_number），不能用 --number 取号")

    def _values(self) -> Mapping[str, Any] | None:
        if self.values is None and self.prefix is None and self.source is not None:
            target, data_path = self.source
            if data_path == "-":
                raise DraftingError(
                    "从标准输入读数据时，请用 --number-prefix 给出机关代字（如 江政办发）"
                )
            self.values = source_values(target, data_path)
        return self.values

    def prefix_for(self, values: Mapping[str, Any] | None) -> str:
        """The 机关代字: ``--number-prefix``, else the data's ``doc_number_prefix``."""
        if self.prefix is not None:
            return self.prefix
        given = (values or {}).get(PREFIX_FIELD)
        if isinstance(given, str) and given.strip():
            return check_prefix(given)
        raise DraftingError(
            "用 --number auto 取号需要机关代字：请加 --number-prefix（如 江政办发），"
            f"或在数据中写 {PREFIX_FIELD}: 江政办发"
        )

    # ------------------------------------------------------------------ one document

    def stamp(self, draft: Draft, out: Path) -> Entry:
        """Reserve (or take) the number and write it into ``draft``."""
        book = register_at(self.location)
        details = describe(draft.document)
        if self.requested == AUTO:
            prefix = self.prefix_for(self._values())
            self.entry = book.reserve(prefix, self.year, output=str(out), **details)
        else:
            entry = book.get(self.requested)
            if entry.status != "reserved":
                raise DraftingError(
                    f"文号“{entry.number}”{entry.status_name}，不能再用于生成文件；"
                    "--number 只接受已预留、尚未确认的文号"
                    "（drafting number list --status reserved）"
                )
            self.entry = entry
        self.confirmed = False
        write_number(draft, self.entry.number)
        return self.entry

    def confirm(self, out: Path, draft: Draft | None = None) -> Entry | None:
        """Mark the stamped number confirmed, with ``out`` (and the draft's title, organ and
        date); nothing when :meth:`stamp` was not reached."""
        if self.entry is None:
            return None
        book = register_at(self.location)
        details = describe(draft.document) if draft is not None else {}
        try:
            self.entry = book.confirm(self.entry.number, output=str(out), **details)
        except DraftingError as exc:
            raise DraftingError(
                f"文件已写出（{out}），但确认文号“{self.entry.number}”失败：{exc}；"
                f"请稍后运行 drafting number confirm {self.entry.number}"
            ) from None
        self.confirmed = True
        return self.entry

    @property
    def number(self) -> str | None:
        """The number written into the document, once stamped."""
        return self.entry.number if self.entry is not None else None

    def note(self) -> str:
        """For an error line after :meth:`stamp`: the number is still reserved, and how to
        settle it; empty when there is nothing to settle."""
        if self.entry is None or self.confirmed:
            return ""
        number = self.entry.number
        return (
            f"文号“{number}”已预留、未使用：改正后可加 --number {number} 重新生成，"
            f"或用 drafting number void {number} 作废"
        )

    # ------------------------------------------------------------------ batch

    def prepare_record(self, record: Record) -> Record | Outcome:
        """A batch record ready to validate: ``doc_number`` set to :data:`PLACEHOLDER`; a
        failed outcome when the record has no 机关代字 (nothing is reserved for it)."""
        from drafting.batch import Outcome

        try:
            self.prefix_for(record.data.values)
        except DraftingError as exc:
            return Outcome(record.where, "failed", message=str(exc))
        values = {**record.data.values, "doc_number": PLACEHOLDER}
        return dataclasses.replace(record, data=dataclasses.replace(record.data, values=values))

    def run(self, task: Any, render: Callable[[Any], Outcome]) -> Outcome:
        """Render one batch record (``render(task)``, which calls :meth:`stamp`), then confirm
        its number if the file was written; a record that fails after its number was reserved
        says so in its message."""
        self.entry, self.confirmed, self.values = None, False, task.data.values
        outcome = render(task)
        if self.entry is None:
            return outcome
        if outcome.status == "written":
            try:
                self.confirm(task.out)
            except DraftingError as exc:
                return dataclasses.replace(outcome, status="failed", message=str(exc))
            return dataclasses.replace(outcome, message=self.entry.number)
        return dataclasses.replace(outcome, message=f"{outcome.message}；{self.note()}")


def source_values(target: str, data_path: str | None) -> Mapping[str, Any]:
    """The values of a data file, or of a Markdown draft's front matter (``{}`` if none)."""
    from drafting.drafts.data import decode, load_data, parse_yaml
    from drafting.inputs import read_file
    from drafting.limits import MAX_TEXT_BYTES

    if data_path is not None:
        return load_data(data_path).values
    raw = read_file(Path(target), MAX_TEXT_BYTES, what="文稿", missing="找不到文稿文件")
    text = decode(raw, target, gb18030=True).removeprefix("\ufeff")
    first = text.find("\n") + 1
    end = _FRONT_END.search(text, first) if text.startswith("---") and first else None
    if end is None:
        return {}
    return parse_yaml(text[first : end.start()], source=target, line_offset=1).values


def describe(document: OfficialDocument) -> dict[str, Any]:
    """What the register records of a document: title, organ (发文机关, else 署名) and
    成文日期."""
    organs = "、".join(document.header.organs) or document.signature or None
    title = document.title if PLACEHOLDER not in (document.title or "") else None
    date = document.date if isinstance(document.date, dt.date) else None
    return {"title": title or None, "organ": organs, "doc_date": date}


def write_number(draft: Draft, number: str) -> None:
    """Put ``number`` into ``draft`` wherever the placeholder stands (the document model and
    the Markdown), and as the document's 发文字号 (a hand-written draft's front matter too)."""
    _replace_strings(draft.document, PLACEHOLDER, number)
    draft.document.header.doc_number = number
    if PLACEHOLDER in draft.markdown:
        draft.markdown = draft.markdown.replace(PLACEHOLDER, number)
    else:
        draft.markdown = set_front_matter_number(draft.markdown, number)
    draft.docx.clear()  # built from the document: never from before the number


def set_front_matter_number(markdown: str, number: str) -> str:
    """``markdown`` with its YAML front matter's ``doc_number`` set to ``number`` (an existing
    ``doc_number:`` entry, with any indented lines under it, is replaced)."""
    import json

    bom = "\ufeff" if markdown.startswith("\ufeff") else ""
    text = markdown.removeprefix("\ufeff")
    if not text.startswith("---"):
        return markdown
    first = text.find("\n") + 1
    end = _FRONT_END.search(text, first)
    if first <= 0 or end is None:
        return markdown
    lines = text[first : end.start()].splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        if _FRONT_KEY.match(line):
            skipping = True
            continue
        if skipping and line[:1] in (" ", "\t"):
            continue
        skipping = False
        kept.append(line)
    if kept and not kept[-1].endswith("\n"):
        kept[-1] += "\n"
    kept.append(f"doc_number: {json.dumps(number, ensure_ascii=False)}\n")
    return bom + text[:first] + "".join(kept) + text[end.start() :]


def _replace_strings(node: Any, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in every string of a dataclass tree (lists included)."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for item in dataclasses.fields(node):
            value = getattr(node, item.name)
            if isinstance(value, str):
                if old in value:
                    setattr(node, item.name, value.replace(old, new))
            else:
                _replace_strings(value, old, new)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                if old in value:
                    node[index] = value.replace(old, new)
            else:
                _replace_strings(value, old, new)
