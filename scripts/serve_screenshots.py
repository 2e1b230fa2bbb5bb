"""Screenshots of the three pages of ``drafting serve`` for the README (docs/img/serve-*.png).

Starts ``drafting serve`` on a free port of 127.0.0.1, drives Debian's headless Chromium
(``/usr/bin/chromium`` through ``/usr/bin/chromedriver``; nothing is downloaded) through the
起草 page (the notice sample, previewed), the 审校 page (the demo's faulty commentary) and the
批量 page (the 20-unit CSV of the tests), and saves one PNG of each.

    python scripts/serve_screenshots.py [OUTDIR]       # default docs/img
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMENTARY = ROOT / "samples" / "时评初稿-待修改.txt"
UNITS = ROOT / "tests" / "fixtures" / "batch" / "units-2026.csv"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/api/templates", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("drafting serve did not start")


def browser(profile: Path):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--disable-background-networking",
        "--disable-component-update",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def click(driver, selector: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    element = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def shoot(base: str, outdir: Path, profile: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser(profile)
    try:
        driver.get(f"{base}/draft?template=notice")
        click(driver, 'button[value="sample"]')
        click(driver, 'button[value="preview"]')
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(outdir / "serve-draft.png"))

        driver.get(f"{base}/review")
        driver.execute_script(
            "document.getElementById('text').value = arguments[0]",
            COMMENTARY.read_text("utf-8"),
        )
        Select(driver.find_element(By.ID, "genre")).select_by_value("commentary")
        click(driver, "#do-lint")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(outdir / "serve-review.png"))

        driver.get(f"{base}/batch")
        driver.find_element(By.ID, "records").send_keys(str(UNITS))
        click(driver, "#do-batch")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(outdir / "serve-batch.png"))
    finally:
        driver.quit()


def main(argv: list[str]) -> int:
    outdir = Path(argv[0]) if argv else ROOT / "docs" / "img"
    outdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "drafting", "serve", "--port", str(port), "--jobs", "1"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait(base)
        with tempfile.TemporaryDirectory(prefix="drafting-shots-") as tmp:
            shoot(base, outdir, Path(tmp))
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    for name in ("serve-draft.png", "serve-review.png", "serve-batch.png"):
        print(outdir / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
