"""What one server was started with (``drafting serve`` options), and the addresses it trusts."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

#: Host names that always mean this machine.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` exposes the server to this machine only."""
    name = host.strip("[]")
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeSettings:
    """The server's settings. ``token`` is ``None`` only on a loopback address without
    ``--token``; ``defaults`` are the organ profile's values (``--profile``), put into every
    form whose template has the field."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    template_dirs: tuple[str, ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)
    lint_config: str | None = None
    jobs: int = 2
    debug: bool = False
    warm: bool = True
    #: ``auto``: the draft preview shows LibreOffice's pages when it is installed; ``html``:
    #: always the grid preview (fast, no LibreOffice run per preview).
    preview: str = "auto"
    #: Host names (``Host`` header, without the port) accepted when there is no token; with a
    #: token any host is accepted (the token is what admits a request).
    hosts: tuple[str, ...] = LOOPBACK_NAMES

    @property
    def local(self) -> bool:
        return is_loopback(self.host)

    def host_allowed(self, host_header: str) -> bool:
        """Whether a request's ``Host`` names this server (DNS-rebinding guard without token)."""
        if self.token is not None:
            return True
        host = host_header.strip().lower()
        if host.startswith("["):
            name = host[1 : host.find("]")] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.hosts or name == self.host.strip("[]").lower()

    def with_token(self, token: str) -> ServeSettings:
        return replace(self, token=token)

    def address(self) -> str:
        """``http://HOST:PORT/`` as a browser on this machine or the office network types it."""
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = "本机IP或机器名"
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    def banner(self) -> list[str]:
        """The lines ``drafting serve`` prints at start (where to open it, the token)."""
        lines = [f"drafting serve 已启动：{self.address()}（按 Ctrl+C 停止）"]
        if self.token is None:
            lines.append("只有本机能访问。办公室共用请加 --host 0.0.0.0（将要求访问令牌）。")
            return lines
        lines.append(f"请用这个地址打开（含访问令牌）：{self.address()}?token={self.token}")
        lines.append(f"办公系统调用接口时加请求头：Authorization: Bearer {self.token}")
        if self.host in ("0.0.0.0", "::"):
            lines.append(
                "0.0.0.0 表示本机的所有网络地址：请把地址中的“本机IP或机器名”"
                "换成本机的 IP 或机器名。"
            )
        return lines
