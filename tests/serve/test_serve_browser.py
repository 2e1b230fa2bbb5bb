"""``drafting serve`` in a real browser: Debian's headless Chromium (the driver of
``tests/lint/test_html_browser.py``) against a real server process on 127.0.0.1.

* 起草: the notice form filled by keyboard (list items added with 添加一项), the .docx
  downloaded, opened with python-docx and, where LibreOffice is installed, measured against
  GB/T 9704 (``tests/pdf_layout.py``).
* 审校: the demo's faulty commentary pasted, its thesis finding (the code the linter gives
  today, read from the API's JSON) shown beside the text.
* 批量: the CSV of 20 units with 2 bad rows uploaded: 18 documents and 2 reported rows.

Skips, saying why, without Chromium, chromedriver or selenium.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from serve_support import BATCH_FIXTURES, SAMPLES, Server, chromium, thesis_codes, wait_for_download

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with Server("--jobs", "1") as running:
        yield running


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(downloads: Path, tmp_path: Path) -> Iterator[Any]:
    driver = chromium(downloads, tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


def _type(driver: Any, name: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    field = driver.find_element(By.NAME, name)
    field.clear()
    field.send_keys(text)


def _click(driver: Any, selector: str) -> None:
    """Click what ``selector`` finds, scrolled to the middle (the page header is sticky)."""
    from selenium.webdriver.common.by import By

    element = driver.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _add_item(driver: Any, list_id: str) -> None:
    _click(driver, f"#{list_id} > button[data-add]")


def test_fill_the_notice_form_and_download_the_docx(
    server: Server, browser: Any, downloads: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server.base}/draft?template=notice")
    assert browser.find_element(By.TAG_NAME, "h1").text == "起草通知"
    _type(browser, "f.organs.0", "江州市人民政府办公室")
    _type(browser, "f.doc_number", "江政办发〔2026〕15号")
    _type(browser, "f.title", "关于开展2026年度安全生产检查的通知")
    _type(browser, "f.recipients", "各区人民政府，市政府各部门：")
    _type(
        browser, "f.opening", "为切实做好安全生产工作，根据市政府工作部署，现将有关事项通知如下："
    )
    _type(browser, "f.sections.0.heading", "检查范围")
    _add_item(browser, "f-sections-0-paragraphs")
    _type(browser, "f.sections.0.paragraphs.0", "全市各类生产经营单位。")
    _add_item(browser, "f-sections")  # a second section, grown by the page's script
    _type(browser, "f.sections.1.heading", "工作要求")
    _add_item(browser, "f-sections-1-paragraphs")
    _type(
        browser, "f.sections.1.paragraphs.0", "各单位要高度重视，认真组织自查，按时报送检查情况。"
    )
    _type(browser, "f.signature", "江州市人民政府办公室")
    _type(browser, "f.date", "2026-11-20")
    _add_item(browser, "f-cc")
    _type(browser, "f.cc.0", "市委办公厅")
    _type(browser, "f.printer", "江州市人民政府办公室")
    _type(browser, "f.print_date", "2026-11-20")

    _click(browser, "#download-docx")
    path = wait_for_download(downloads, ".docx")
    assert path.name == "关于开展2026年度安全生产检查的通知.docx"
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "关于开展2026年度安全生产检查的通知" in texts
    assert "一、检查范围" in texts and "二、工作要求" in texts
    assert "各单位要高度重视，认真组织自查，按时报送检查情况。" in texts

    from pdf_layout import assert_gbt9704, measure, soffice

    if soffice() is None:
        print("未安装 LibreOffice（soffice），跳过版式测量")
        return
    layout = measure(path, workdir=tmp_path / "pdf")
    assert_gbt9704(layout, official=True, colophon=True, full_pages=False)


def test_a_missing_field_is_said_beside_it(server: Server, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server.base}/draft?template=notice")
    _type(browser, "f.title", "关于开展检查的通知")
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    _click(browser, 'button[value="preview"]')
    message = "缺少必填的字段“recipients”（主送机关）"

    def said(driver: Any) -> bool:  # the old page is still there until the new one loads
        blocks = driver.find_elements(By.CSS_SELECTOR, '[data-key="recipients"]')
        return any(message in block.text for block in blocks)

    stale = (StaleElementReferenceException,)
    WebDriverWait(browser, 60, ignored_exceptions=stale).until(said)  # a hang guard only
    assert browser.find_element(By.NAME, "f.title").get_attribute("value") == "关于开展检查的通知"


def _api_lint(server: Server, text: str, genre: str) -> dict[str, Any]:
    body = json.dumps({"text": text, "genre": genre}).encode()
    request = urllib.request.Request(
        f"{server.base}/api/lint", data=body, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def test_paste_the_faulty_commentary_and_see_the_thesis_finding(
    server: Server, browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    text = (SAMPLES / "时评初稿-待修改.txt").read_text("utf-8")
    expected = thesis_codes(_api_lint(server, text, "commentary"))
    assert expected, "the linter gives no thesis finding for the demo's commentary any more"

    browser.get(f"{server.base}/review")
    browser.find_element(By.ID, "text").send_keys(text)
    Select(browser.find_element(By.ID, "genre")).select_by_value("commentary")
    _click(browser, "#do-lint")
    # the report page replaces the form when the server has answered: wait for it (a hang
    # guard only, as in test_a_missing_field_is_said_beside_it)
    WebDriverWait(browser, 60).until(lambda driver: driver.find_elements(By.ID, "auto-genre"))
    auto = browser.find_element(By.ID, "auto-genre").text
    assert auto.startswith("自动判断：") and "commentary" in auto
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "iframe.report"))
    shown = {
        li.get_attribute("data-code")
        for li in browser.find_elements(By.CSS_SELECTOR, "li.finding")
        if li.is_displayed()
    }
    assert expected <= shown
    marked = browser.find_elements(By.CSS_SELECTOR, f'mark[data-code="{min(expected)}"]')
    assert marked, "the finding is not marked in the text"
    browser.switch_to.default_content()


def test_upload_20_units_with_2_bad_rows(server: Server, browser: Any, downloads: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(f"{server.base}/batch")
    Select(browser.find_element(By.ID, "template")).select_by_value("annual-summary")
    browser.find_element(By.ID, "records").send_keys(str(BATCH_FIXTURES / "units-2026.csv"))
    _click(browser, "#do-batch")
    report = browser.find_element(By.ID, "batch-report")
    assert "共 20 条：写出 18 份，跳过 0 份，失败 2 条" in report.text
    failed = browser.find_elements(By.CSS_SELECTOR, 'tr[data-status="失败"]')
    assert len(failed) == 2
    _click(browser, "#download-zip")
    archive = zipfile.ZipFile(wait_for_download(downloads, ".zip"))
    assert len([n for n in archive.namelist() if n.endswith(".docx")]) == 18
    rows = list(csv.reader(io.StringIO(archive.read("报告.csv").decode("utf-8-sig"))))
    assert len([row for row in rows[1:] if row[1] == "失败"]) == 2
