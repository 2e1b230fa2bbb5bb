"""Template folders, lookup by id or Chinese name, and the one Jinja environment.

Templates are folders ``<root>/<id>/`` holding ``template.md.j2`` (rendering to a Markdown
draft: YAML front matter + Markdown body), ``schema.yaml`` (see :mod:`drafting.drafts.schema`)
and ``sample.yaml``. Roots are searched in order: ``--template-dir`` folders, then the folders
in ``DRAFTING_TEMPLATES`` (separated by ``os.pathsep``), then the shipped ``templates/``; the
first folder with a given id wins. Every template, shipped or not, renders in Jinja's
immutable sandbox with ``StrictUndefined``, under the resource caps of
:mod:`drafting.drafts.sandbox`, and includes, imports or extends only regular files inside its
template folders (symlinks followed).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from drafting.drafts.data import printable
from drafting.drafts.filters import CORE_FILTERS
from drafting.drafts.sandbox import (
    ConfinedLoader,
    LimitedEnvironment,
    TemplateLimitError,
    TemplateRefused,
    confined,
    read_confined,
)
from drafting.drafts.schema import Schema, load_schema
from drafting.errors import DraftingError, TemplateError
from drafting.resources import templates_dir
from drafting.syntax_errors import jinja_message

TEMPLATE_FILE = "template.md.j2"
SCHEMA_FILE = "schema.yaml"
SAMPLE_FILE = "sample.yaml"
ENV_VAR = "DRAFTING_TEMPLATES"


@dataclass(frozen=True)
class TemplateInfo:
    """A template found on the search path."""

    id: str
    folder: Path
    root: Path
    schema: Schema

    @property
    def name(self) -> str:
        return self.schema.name

    @property
    def description(self) -> str:
        return self.schema.description

    @property
    def layout(self) -> str:
        return self.schema.layout

    @property
    def sample_path(self) -> Path:
        return self.folder / SAMPLE_FILE

    @property
    def template_path(self) -> Path:
        return self.folder / TEMPLATE_FILE

    def sample_text(self) -> str:
        """The text of ``sample.yaml``, read as the template files are (inside the template
        folder, a regular UTF-8 file); TemplateError when there is none or it is refused."""
        name = f"{self.folder.name}/{SAMPLE_FILE}"
        try:
            real = confined(self.root, name)
            if real is None:
                raise TemplateError("模板缺少示例数据文件 sample.yaml", path=str(self.folder))
            return read_confined(name, real)[0]
        except TemplateRefused as exc:
            raise TemplateError(str(exc.message), path=str(self.folder)) from None


def search_path(template_dirs: Iterable[str | Path] = ()) -> tuple[Path, ...]:
    """The template roots in search order (user folders first, shipped templates last)."""
    roots: list[Path] = [Path(folder) for folder in template_dirs]
    roots += [Path(part) for part in os.environ.get(ENV_VAR, "").split(os.pathsep) if part]
    for root in roots:
        if not root.is_dir():
            raise TemplateError("模板文件夹不存在", path=str(root))
    roots.append(templates_dir())
    unique: list[Path] = []
    for root in roots:
        if root.resolve() not in [seen.resolve() for seen in unique]:
            unique.append(root)
    return tuple(unique)


def available_templates(template_dirs: Iterable[str | Path] = ()) -> list[TemplateInfo]:
    """Every template on the search path, sorted by id; a user's template hides a shipped one."""
    found: dict[str, TemplateInfo] = {}
    for root in search_path(template_dirs):
        for folder in sorted(root.iterdir()):
            if folder.name in found or not (folder / SCHEMA_FILE).is_file():
                continue
            try:  # schema.yaml, like every template file, from inside the folder only
                confined(root, f"{folder.name}/{SCHEMA_FILE}")
            except TemplateRefused as exc:
                raise TemplateError(str(exc.message), path=str(folder)) from None
            schema = load_schema(folder / SCHEMA_FILE)
            if schema.id != folder.name:
                raise TemplateError(
                    f"模板说明的 id“{schema.id}”与文件夹名“{folder.name}”不一致",
                    path=str(folder / SCHEMA_FILE),
                )
            found[folder.name] = TemplateInfo(folder.name, folder, root, schema)
    return [found[key] for key in sorted(found)]


def find_template(kind: str, template_dirs: Iterable[str | Path] = ()) -> TemplateInfo:
    """The template whose id, Chinese name or alias is ``kind`` (English case-insensitively)."""
    templates = available_templates(template_dirs)
    wanted = kind.strip().casefold()
    for info in templates:
        if wanted in (name.casefold() for name in info.schema.names):
            return info
    listing = "、".join(f"{info.id}（{info.name}）" for info in templates)
    names = [name for info in templates for name in info.schema.names]
    close = difflib.get_close_matches(kind, names, n=1, cutoff=0.6)
    hint = f"是否想用“{close[0]}”？" if close else ""
    raise TemplateError(f"没有名为“{kind}”的模板；{hint}可用的模板：{listing}")


@cache
def _environment(roots: tuple[Path, ...]) -> LimitedEnvironment:
    from drafting.drafts.figures import FILTERS as FIGURE_FILTERS

    env = LimitedEnvironment(
        loader=ConfinedLoader(roots),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_filters({**FIGURE_FILTERS, **CORE_FILTERS})
    return env


def make_environment(template_dirs: Iterable[str | Path] = ()) -> LimitedEnvironment:
    """The Jinja environment for a search path (one per path, created once and cached)."""
    return _environment(search_path(template_dirs))


def render_template(info: TemplateInfo, values: Mapping[str, Any]) -> str:
    """Render ``info``'s template with validated ``values`` into a Markdown draft."""
    env = _environment(_roots_for(info))
    name = f"{info.folder.name}/{TEMPLATE_FILE}"
    path = str(info.template_path)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"模板语法错误：{jinja_message(exc.message or '')}",
            path=exc.filename or path,
            line=exc.lineno,
        ) from None
    except TemplateRefused as exc:
        raise TemplateError(str(exc.message), path=str(info.folder)) from None
    except jinja2.TemplateNotFound:
        raise TemplateError("模板缺少 template.md.j2", path=str(info.folder)) from None
    try:
        return template.render(**values)
    except DraftingError:
        raise
    except Exception as exc:
        raise _render_error(exc, path) from exc


def _render_error(exc: Exception, path: str) -> TemplateError:
    """The Chinese error for an exception raised while rendering. A user's template is code
    the user wrote: whatever it raises (a filter given the wrong type …) is said as the
    template's error, with its line."""
    where, line = _template_place(exc, path)
    if isinstance(exc, jinja2.UndefinedError):
        message = f"模板引用了没有的值：{jinja_message(exc.message or '')}"
    elif isinstance(exc, TemplateLimitError):
        message = f"模板超出资源上限：{exc}"
    elif isinstance(exc, RecursionError):
        message = "模板递归过深（宏、循环或 include/extends 调用了自己）"
    elif isinstance(exc, MemoryError):
        message = "模板渲染所需内存过多"
    elif isinstance(exc, TemplateRefused):
        message = f"{exc.message}（include、import、extends 只能引用模板文件夹内的普通文件）"
    elif isinstance(exc, jinja2.TemplateNotFound):
        message = (
            f"模板引用的“{printable(exc.name)}”不存在"
            "（include、import、extends 只能引用模板文件夹内的文件，路径相对于模板文件夹）"
        )
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        message = f"模板试图做不允许的操作：{jinja_message(str(exc))}"
    elif isinstance(exc, jinja2.TemplateSyntaxError):  # in an included template
        where, line = exc.filename or where, exc.lineno
        message = f"模板语法错误：{jinja_message(exc.message or '')}"
    elif isinstance(
        exc,
        (jinja2.TemplateRuntimeError, TypeError, ValueError, ArithmeticError, AttributeError,
         LookupError),
    ):  # fmt: skip
        message = f"模板渲染出错：{jinja_message(str(exc))}"
    else:
        message = f"模板渲染出错：{jinja_message(f'{type(exc).__name__}: {exc}')}"
    return TemplateError(message, path=where, line=line)


def _roots_for(info: TemplateInfo) -> tuple[Path, ...]:
    """Search path with the template's own root first, so it loads from where it was found."""
    others = tuple(root for root in search_path() if root.resolve() != info.root.resolve())
    return (info.root, *others)


def _template_place(exc: BaseException, path: str) -> tuple[str, int | None]:
    """The template file and line where rendering failed: the innermost frame of a template
    (Jinja rewrites tracebacks so that their frames carry the template's name and line)."""
    where, line = path, None
    trace = exc.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        if "__jinja_exception__" in frame.f_globals or frame.f_code.co_filename.endswith(".j2"):
            where, line = frame.f_code.co_filename, trace.tb_lineno
        trace = trace.tb_next
    return where, line
