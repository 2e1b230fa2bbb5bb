"""``drafting serve``: the web pages and the HTTP API. Thin: check the options, print where the
server is, run it. Starlette, uvicorn and the rest load only when the command runs."""

from __future__ import annotations

import re

import click

from drafting.errors import ConfigError

TOKEN_ENV = "DRAFTING_SERVE_TOKEN"


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="监听地址；不是 127.0.0.1 时每个请求都要带访问令牌。",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口。"
)
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    metavar="TEXT",
    help=f"访问令牌（也可用环境变量 {TOKEN_ENV}）；不在本机地址上时未给出则自动生成并打印。",
)
@click.option(
    "--template-dir",
    "template_dirs",
    multiple=True,
    type=click.Path(),
    help="再加一个模板文件夹（可多次给出；先于内置模板查找）。",
)
@click.option(
    "--profile",
    type=click.Path(),
    metavar="FILE",
    help="机关资料（YAML/JSON/TOML）：发文机关、署名、印发机关等，填入每张表单的同名字段。",
)
@click.option(
    "--config",
    type=click.Path(),
    metavar="FILE",
    help="审校配置文件（drafting.toml）；默认不读任何配置。",
)
@click.option(
    "--jobs",
    default=2,
    show_default=True,
    type=click.IntRange(1, 32),
    help="审校进程数（每个进程载入一次 jieba 词典）。",
)
@click.option(
    "--preview",
    type=click.Choice(["auto", "html"]),
    default="auto",
    show_default=True,
    help="起草页的预览：auto 有 LibreOffice 时显示排好的页面图片；html 总按版心网格显示（快）。",
)
@click.pass_context
def serve_command(
    ctx: click.Context,
    host: str,
    port: int,
    token: str | None,
    template_dirs: tuple[str, ...],
    profile: str | None,
    config: str | None,
    jobs: int,
    preview: str,
) -> None:
    """启动网页和接口：起草（表单生成公文）、审校（粘贴或上传文稿）、批量（CSV 生成一批文件）。

    \b
    本机使用：drafting serve            然后打开 http://127.0.0.1:8000/
    办公室共用：drafting serve --host 0.0.0.0 --port 8000 [--token 令牌]
    接口说明：GET /api/openapi.json
    """
    import secrets

    from drafting.serve.run import check_port, prepare_settings, run

    if token is not None and len(token) < 16:
        raise ConfigError("访问令牌太短：至少 16 个字符（不给 --token 时会自动生成一个）")
    if token is not None and not re.fullmatch(r"[A-Za-z0-9._~-]+", token):
        raise ConfigError("访问令牌只能由英文字母、数字和 - _ . ~ 组成（它要放进地址和 Cookie）")
    debug = bool((ctx.find_root().obj or {}).get("debug"))
    settings = prepare_settings(
        host=host,
        port=port,
        token=token,
        template_dirs=template_dirs,
        profile=profile,
        config=config,
        jobs=jobs,
        debug=debug,
        preview=preview,
    )
    if not settings.local and not token:
        settings = settings.with_token(secrets.token_urlsafe(24))
    check_port(host, port)
    for line in settings.banner():
        click.echo(line)
    run(settings)


COMMANDS = [serve_command]
