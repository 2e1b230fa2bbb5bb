"""Where ``drafting lint`` may write: the report (``--output``) and the annotated copy
(``--annotate``) may be neither an input, nor the config in force or one of its word lists,
nor each other (``--force`` or not). Checked first, before anything is read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

#: Said when the report would be written over one of the files it reports on.
REPORT_ONTO_INPUT = "审校报告不能写到被审校的文件上，请另给一个文件名"
#: Said when an output would be written over the config file in force or one of its word lists.
ONTO_CONFIG = "输出文件不能是审校所用的配置文件或词表，请另给一个文件名"


def check_outputs(
    paths: Sequence[str], output: str | None, annotate: str | None, config: str | None = None
) -> None:
    """The report (``--output``) and the annotated copy (``--annotate``) may be neither an input
    nor each other, with ``--force`` or without: checked first, before anything is read."""
    from drafting.atomic import check_not_input, same_file
    from drafting.errors import OutputError
    from drafting.review.annotate import ONTO_ORIGINAL

    if output and annotate and same_file(Path(output), Path(annotate)):
        raise OutputError("--output 与 --annotate 不能是同一个文件", path=output)
    for target, message in ((output, REPORT_ONTO_INPUT), (annotate, ONTO_ORIGINAL)):
        if target:
            check_not_input(Path(target), _config_files(paths, config), ONTO_CONFIG)
            check_not_input(Path(target), _inputs_around(paths, Path(target), config), message)


def _inputs_around(paths: Sequence[str], target: Path, config: str | None) -> Iterator[Path]:
    """The inputs ``target`` could be: every path given and, for a folder holding ``target``,
    the files linting that folder reads (walked only then)."""
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.is_dir():
            yield path
        elif target.is_file() and _inside(target, path):
            from drafting.lint.api import folder_files

            yield from folder_files(path, config)


def _config_files(paths: Sequence[str], config: str | None) -> Iterator[Path]:
    """The config file given (or found above each path) and the word lists it names; a config
    that cannot be read is left for the lint to report."""
    from drafting.errors import DraftingError
    from drafting.lint.config import find_config, load_config

    if config:
        locations = {Path(config)}
    else:
        starts = [Path.cwd() if raw == "-" else Path(raw) for raw in paths]
        locations = {found for start in starts if (found := find_config(start.absolute()))}
    for location in locations:
        yield location
        try:
            lexicons = load_config(location).lexicons
        except DraftingError:
            continue
        for files in lexicons.values():
            yield from files


def _inside(target: Path, folder: Path) -> bool:
    try:
        return target.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False
