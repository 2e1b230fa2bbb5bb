"""Helpers for the tests of ``drafting serve``: an in-process client, a real server, a browser.

* :func:`client` runs the ASGI application in this process (Starlette's test client over
  httpx), with the origin and CSRF cookie a browser would send, so page posts pass the guard.
* :class:`Server` runs ``python -m drafting serve`` on a free port of 127.0.0.1 as a real
  process (uvicorn, the lint pool), waits until it answers, and stops it (by its own id).
* :func:`chromium` is Debian's headless Chromium through ``/usr/bin/chromedriver``, as in
  ``tests/lint/test_html_browser.py``, downloading into a given folder; it skips, saying why, when
  there is no browser, no driver or no selenium.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BATCH_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "batch"
ORIGIN = "http://127.0.0.1:8000"
CSRF = "csrf-token-for-tests-0123456789"


def client(**settings: Any) -> Any:
    """A test client of an application with these settings (lint pool of one process)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from drafting.serve.app import create_app
    from drafting.serve.settings import ServeSettings

    settings.setdefault("jobs", 1)
    app = create_app(ServeSettings(**settings))
    test_client = TestClient(app, base_url=ORIGIN, raise_server_exceptions=False)
    test_client.cookies.set("drafting_csrf", CSRF)
    return test_client


def form_headers() -> dict[str, str]:
    """What a browser sends with a form post from one of the server's pages."""
    return {"origin": ORIGIN}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """``python -m drafting serve`` on a free port, as a process of its own."""

    def __init__(self, *args: str, cwd: Path | None = None) -> None:
        self.port = free_port()
        self.args = ["--port", str(self.port), *args]
        self.cwd = cwd or ROOT
        self.proc: subprocess.Popen[bytes] | None = None
        self.output = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        env = {k: v for k, v in os.environ.items() if k != "DRAFTING_DEBUG"}
        env["PYTHONIOENCODING"] = "utf-8"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "drafting", "serve", *self.args],
            cwd=self.cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode() if self.proc.stdout else ""
                raise RuntimeError(f"drafting serve exited {self.proc.returncode}: {out}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return self
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("drafting serve did not start within 60 s")

    def __exit__(self, *exc: object) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGINT)  # uvicorn stops, the lint pool with it
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        self.output = out.decode("utf-8", "replace")


def chromium(download_dir: Path, profile: Path) -> Any:
    """Headless Chromium downloading into ``download_dir`` (skips, saying why, without it)."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium 未安装（pip install -e '.[dev]'），跳过浏览器测试")
    binary = (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else shutil.which("chromium")
    )
    driver_path = (
        "/usr/bin/chromedriver"
        if Path("/usr/bin/chromedriver").is_file()
        else shutil.which("chromedriver")
    )
    if binary is None or driver_path is None:
        pytest.skip("没有 chromium 或 chromedriver（apt-get install chromium chromium-driver）")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(download_dir),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as exc:
        pytest.skip(f"chromium 无法启动：{exc.msg}")
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)}
    )
    return driver


def wait_for_download(folder: Path, suffix: str, timeout: float = 120) -> Path:
    """The first finished download with ``suffix`` in ``folder`` (a hang guard, not a timing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if not p.name.endswith(".crdownload")]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {list(folder.iterdir())}")


def thesis_codes(report: dict[str, Any]) -> set[str]:
    """The thesis findings (S101 thesis-late, S108 story-opening) of a JSON lint report."""
    return {
        f["code"]
        for file in report["files"]
        for f in file["findings"]
        if f["code"] in ("S101", "S108")
    }
