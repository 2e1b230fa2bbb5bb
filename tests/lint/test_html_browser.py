"""The HTML report in a real browser: Debian's headless Chromium driven through its chromedriver.

Selenium is pointed at ``/usr/bin/chromedriver`` and ``/usr/bin/chromium`` (or what ``PATH``
finds), so Selenium Manager is never run and nothing is downloaded. Skips, saying why, when
there is no browser, no driver or no selenium.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_sample import sample_results

from drafting.lint.report.html import render

pytestmark = pytest.mark.slow


def _find(name: str, fallback: str) -> str | None:
    if Path(fallback).is_file():
        return fallback
    return shutil.which(name)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium 未安装（pip install -e '.[dev]'），跳过浏览器测试")
    binary = _find("chromium", "/usr/bin/chromium")
    driver_path = _find("chromedriver", "/usr/bin/chromedriver")
    if binary is None or driver_path is None:
        pytest.skip("没有 chromium 或 chromedriver（apt-get install chromium chromium-driver）")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tmp_path_factory.mktemp("chromium-profile")
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
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as exc:
        pytest.skip(f"chromium 无法启动：{exc.msg}")
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser, tmp_path: Path):  # type: ignore[no-untyped-def]
    report = tmp_path / "报告.html"
    report.write_text(render(sample_results()), encoding="utf-8")
    browser.get(report.as_uri())
    return browser


def _visible(driver) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return [
        (li.get_attribute("data-code"), li.get_attribute("data-severity"))
        for li in driver.find_elements(By.CSS_SELECTOR, "li.finding")
        if li.is_displayed()
    ]


def _count(driver, selector: str) -> str:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector).text


def _highlighted(driver) -> set[str]:  # type: ignore[no-untyped-def]
    """Ids of findings whose marks are highlighted (not switched off by a filter)."""
    from selenium.webdriver.common.by import By

    return {
        m.get_attribute("data-id")
        for m in driver.find_elements(By.CSS_SELECTOR, "mark[data-id]")
        if "off" not in (m.get_attribute("class") or "").split()
    }


def test_everything_shows_at_first(page) -> None:  # type: ignore[no-untyped-def]
    assert page.title == "drafting 审校报告"
    assert len(_visible(page)) == 6
    assert _count(page, "#count-visible") == "6"
    assert _count(page, '[data-count-severity="warning"]') == "2"
    assert _highlighted(page) == {f"f0-{i}" for i in range(6)}


def test_unchecking_warning_hides_warnings_and_updates_counts(page) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    page.find_element(By.CSS_SELECTOR, 'input.f-sev[value="warning"]').click()

    assert sorted(_visible(page)) == [
        ("N301", "error"),
        ("N301", "error"),
        ("N302", "error"),
        ("S105", "info"),
    ]
    assert _count(page, "#count-visible") == "4"
    assert _count(page, '[data-count-severity="warning"]') == "0"
    assert _count(page, '[data-count-severity="error"]') == "3"
    assert _count(page, '[data-count-code="P201"]') == "0"
    assert _count(page, '[data-count-code="N301"]') == "2"
    assert _highlighted(page) == {"f0-0", "f0-1", "f0-2", "f0-5"}


def test_picking_a_code_shows_only_that_rule(page) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(page.find_element(By.ID, "f-code")).select_by_value("N301")

    assert _visible(page) == [("N301", "error"), ("N301", "error")]
    assert _count(page, "#count-visible") == "2"
    assert _count(page, '[data-count-code="N302"]') == "0"
    assert _highlighted(page) == {"f0-0", "f0-1"}

    page.find_element(By.ID, "f-flagged").click()
    shown_lines = [
        line.get_attribute("id")
        for line in page.find_elements(By.CSS_SELECTOR, ".line")
        if line.is_displayed()
    ]
    assert shown_lines == ["f0-l2", "f0-l3"]


def test_escaped_text_shows_as_text(page) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    first = page.find_element(By.ID, "f0-l1").find_element(By.CSS_SELECTOR, ".tx").text
    assert first == '关于报送<script>alert("x")</script>材料的通知'
    assert page.execute_script("return document.scripts.length") == 1
