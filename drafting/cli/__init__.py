"""The ``drafting`` command line (click). Commands are thin: parse, call the library, format.

Command modules import nothing heavy at module level (no jieba, no python-docx), so that
``drafting --help`` and ``drafting rules`` stay fast; a test pins this.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import click

from drafting import __version__
from drafting.errors import DraftingError
from drafting.terminal import visible

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DraftingGroup(click.Group):
    """Turns user errors into one Chinese line and an exit code; ``--debug`` shows tracebacks.
    The line is shown through :func:`drafting.terminal.visible`: a file name or a value with
    control characters cannot drive the terminal."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DraftingError as exc:
            if _debug(ctx):
                raise
            click.echo(f"错误：{visible(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            _reader_went_away()  # the reader of a pipe went away (| head): nothing is wrong
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug, or an input we did not foresee
            if _debug(ctx):
                raise
            click.echo(
                f"错误：处理时出现意外问题（{type(exc).__name__}: {visible(str(exc))}）；"
                "加 --debug 查看详情",
                err=True,
            )
            ctx.exit(2)


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool((root.obj or {}).get("debug")) or os.environ.get("DRAFTING_DEBUG") == "1"


@click.group(cls=DraftingGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(
    __version__, "--version", prog_name="drafting", message="%(prog)s %(version)s"
)
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈。")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """drafting：按 GB/T 9704-2012 起草公文，并审校文稿。

    \b
    起草：drafting templates | new KIND | render KIND DATA -o OUT.docx | batch
    审校：drafting lint PATH... | rules | explain CODE
    网页：drafting serve（起草、审校、批量的网页和接口）
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    from drafting.cli import batch_cmd, draft_cmds, layout_cmds, lint_cmds, number_cmds, serve_cmd

    for module in (draft_cmds, batch_cmd, lint_cmds, layout_cmds, number_cmds, serve_cmd):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    if hasattr(signal, "SIGXFSZ"):  # past ``ulimit -f``: a write fails (EFBIG), not the process
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    cli(prog_name="drafting")


def _reader_went_away() -> None:
    """``drafting templates | head -1``: the reader closed the pipe. Nothing is wrong: point
    stdout at /dev/null so that no later write or the interpreter's final flush fails."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
