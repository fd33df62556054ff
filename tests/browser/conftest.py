"""Fixtures for the browser tests: a JupyterLab server and headless Chromium.

Chromium is Debian's system browser, driven by Playwright for Python;
nothing is downloaded. Without Chromium (or Playwright) the browser tests are
skipped with a one-line reason, unless COURSE_REQUIRE_BROWSER=1 (set by
.ci/run), which turns the skip into a failure so CI always runs them.
"""

import os

import pytest
from lab_driver import CHROMIUM_ARGS, LabServer, copy_course, find_chromium


def skip_or_fail(reason):
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (COURSE_REQUIRE_BROWSER=1 forbids skipping browser tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        skip_or_fail("Chromium is not installed: browser tests skipped (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("Playwright for Python is not installed: browser tests skipped")
    return path


@pytest.fixture(scope="session")
def lab(tmp_path_factory, chromium_path):
    server = LabServer(copy_course(tmp_path_factory.mktemp("course")))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
