"""Starting the server: the settings checked before anything listens, then uvicorn."""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Sequence

from drafting.errors import ConfigError, os_reason
from drafting.serve import library
from drafting.serve.settings import ServeSettings


def prepare_settings(
    *,
    host: str,
    port: int,
    token: str | None,
    template_dirs: Sequence[str],
    profile: str | None,
    config: str | None,
    jobs: int,
    debug: bool,
    preview: str = "auto",
) -> ServeSettings:
    """The settings, with everything a request will rely on checked now: the template folders
    (listed once), the organ profile (loaded as a data file), the lint config."""
    dirs = tuple(str(folder) for folder in template_dirs)
    library.list_templates(dirs)
    defaults = library.load_profile(profile) if profile else {}
    if config:
        library.check_config(config)
    return ServeSettings(
        host=host,
        port=port,
        token=token,
        template_dirs=dirs,
        defaults=defaults,
        lint_config=config,
        jobs=jobs,
        debug=debug,
        preview=preview,
    )


_NUMERIC = socket.AI_NUMERICHOST


def check_port(host: str, port: int) -> None:
    """Refuse, in Chinese, an address that cannot be listened on (a port in use …)."""
    try:  # numeric only: a host name is never looked up here (no DNS query)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=_NUMERIC)
    except socket.gaierror:
        if host == "localhost":
            return check_port("127.0.0.1", port)
        raise ConfigError(
            f"监听地址“{host}”应为 IP 地址（如 127.0.0.1、0.0.0.0）或 localhost"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(f"端口 {port} 已被占用；请换一个端口（--port）") from None
            if exc.errno == errno.EADDRNOTAVAIL:
                raise ConfigError(f"本机没有地址 {host}；请用本机的地址，或 0.0.0.0") from None
            raise ConfigError(f"无法在 {host}:{port} 上监听：{os_reason(exc)}") from None


def run(settings: ServeSettings) -> None:
    """Serve until Ctrl+C."""
    import uvicorn

    from drafting.serve.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info" if settings.debug else "warning",
        access_log=settings.debug,
        server_header=False,
    )
