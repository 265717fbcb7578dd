"""The data-quality report opened in a real headless Chromium (the system's), driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM_NAMES = ("chromium", "chromium-browser")


def chromium_path() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("no Chromium on PATH: install the system package `chromium` (.ci/run does)")


@contextmanager
def browser_page() -> Iterator[Page]:
    """A page in a fresh headless Chromium; no network is needed, nothing is downloaded."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path())
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 1000})
        finally:
            browser.close()


def drawn_charts(page: Page) -> list[dict[str, float]]:
    """Every chart's box on the page, after checking each is visible."""
    charts = page.locator("svg.chart")
    boxes = []
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible(), f"chart {index} is not visible"
        boxes.append(chart.bounding_box())
    return boxes


def visible_rows(page: Page, selector: str) -> list[dict[str, str]]:
    """The association and status of each visible row that matches ``selector``."""
    return page.eval_on_selector_all(
        selector,
        "rows => rows.filter(r => r.offsetParent !== null)"
        ".map(r => ({association: r.dataset.association, status: r.dataset.status}))",
    )


def choose(page: Page, select_id: str, value: str) -> None:
    page.select_option(f"#{select_id}", value)
