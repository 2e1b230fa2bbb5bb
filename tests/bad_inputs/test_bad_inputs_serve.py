"""Bad inputs of ``drafting serve`` at start: each is one Chinese line and exit 2 before
anything listens (see ``tests/matrix.py``); bad requests are in ``tests/test_serve_*.py``."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from matrix import Case, check_case, registry

CASES, case = registry()
NEEDS = ("cmd:serve",)
GUARD = 60
_HELD: list[socket.socket] = []  # sockets the port case keeps bound while drafting runs


@case("profile missing")
def _(work: Path) -> Case:
    return Case(
        ["serve", "--profile", "机关.yaml"], names=("机关.yaml",), needs=NEEDS, timeout=GUARD
    )


@case("profile not yaml")
def _(work: Path) -> Case:
    (work / "机关.yaml").write_text("organs: [江州市\n", encoding="utf-8")
    return Case(
        ["serve", "--profile", "机关.yaml"],
        names=("机关.yaml",),
        any_of=("格式错误",),
        needs=NEEDS,
        timeout=GUARD,
    )


@case("profile a list")
def _(work: Path) -> Case:
    (work / "机关.yaml").write_text("- 江州市\n", encoding="utf-8")
    return Case(
        ["serve", "--profile", "机关.yaml"],
        names=("机关.yaml",),
        any_of=("映射",),
        needs=NEEDS,
        timeout=GUARD,
    )


@case("profile unknown extension")
def _(work: Path) -> Case:
    (work / "机关.ini").write_text("[a]\n", encoding="utf-8")
    return Case(
        ["serve", "--profile", "机关.ini"],
        names=("机关.ini",),
        any_of=("扩展名",),
        needs=NEEDS,
        timeout=GUARD,
    )


@case("lint config with an unknown rule")
def _(work: Path) -> Case:
    (work / "drafting.toml").write_text('[lint]\nselect = ["Q999"]\n', encoding="utf-8")
    return Case(
        ["serve", "--config", "drafting.toml"], any_of=("Q999",), needs=NEEDS, timeout=GUARD
    )


@case("template dir missing")
def _(work: Path) -> Case:
    return Case(
        ["serve", "--template-dir", "我的模板"],
        names=("我的模板",),
        any_of=("不存在",),
        needs=NEEDS,
        timeout=GUARD,
    )


@case("token too short")
def _(work: Path) -> Case:
    return Case(
        ["serve", "--host", "0.0.0.0", "--token", "abc"],
        any_of=("令牌太短",),
        needs=NEEDS,
        timeout=GUARD,
    )


@case("token with a character a cookie cannot hold")
def _(work: Path) -> Case:
    token = "office token; path=/"
    return Case(["serve", "--token", token], any_of=("只能由",), needs=NEEDS, timeout=GUARD)


@case("port in use")
def _(work: Path) -> Case:
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    held.listen()
    _HELD.append(held)
    port = str(held.getsockname()[1])
    return Case(
        ["serve", "--port", port], any_of=("已被占用",), names=(port,), needs=NEEDS, timeout=GUARD
    )


@case("host not an address")
def _(work: Path) -> Case:
    return Case(["serve", "--host", "oa.example"], any_of=("IP 地址",), needs=NEEDS, timeout=GUARD)


@case("host not on this machine")
def _(work: Path) -> Case:
    return Case(
        ["serve", "--host", "192.0.2.1", "--port", "1"],
        any_of=("没有地址", "权限"),
        needs=NEEDS,
        timeout=GUARD,
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    try:
        check_case(name, CASES[name], tmp_path)
    finally:
        while _HELD:
            _HELD.pop().close()
