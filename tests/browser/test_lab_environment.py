"""The JupyterLab environment itself: the widget extension is installed and
enabled, and the README's first command opens JupyterLab at notebook 00."""

import html
import re
import subprocess
import sys
import time

import pytest
from lab_driver import LabServer, copy_course

import course
from course_tools.contents import COURSE


def test_widget_extension_is_installed_and_enabled():
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "labextension", "list"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    listing = result.stdout + result.stderr  # the list is printed to stderr
    line = next(
        (line for line in listing.splitlines() if "@jupyter-widgets/jupyterlab-manager" in line),
        None,
    )
    assert line is not None, f"the ipywidgets JupyterLab extension is missing:\n{listing}"
    assert "enabled" in line and "OK" in line, (
        f"the ipywidgets extension is not enabled and OK: {line!r}"
    )


def test_readme_lab_command_opens_notebook_00():
    """`python3 course.py lab` runs `python <lab_arguments()>`; its URL must open notebook 00."""
    arguments = course.lab_arguments()
    assert arguments[:3] == ["-m", "jupyter", "lab"]
    assert arguments[3] == f"notebooks/{COURSE[0].file}" == course.START_NOTEBOOK


@pytest.mark.browser
def test_lab_started_like_the_readme_opens_notebook_00(tmp_path, page):
    """Start JupyterLab with the README command's arguments; instead of a real
    browser window, a stand-in "browser" records the address JupyterLab opens.
    Then the real (headless) browser loads that address and must show notebook 00."""
    root = copy_course(tmp_path)
    recorded = tmp_path / "opened-url.txt"
    recorder = tmp_path / "record_url.py"
    # JupyterLab hands the browser a small local HTML file that redirects to the
    # notebook; the stand-in keeps a copy of it (the server deletes it on exit).
    recorder.write_text(
        "import sys, pathlib, urllib.parse, urllib.request\n"
        "target = sys.argv[1]\n"
        "if target.startswith('file:'):\n"
        "    path = urllib.request.url2pathname(urllib.parse.urlparse(target).path)\n"
        "    target = pathlib.Path(path).read_text()\n"
        f"pathlib.Path({str(recorded)!r}).write_text(target)\n"
    )
    arguments = course.lab_arguments()[
        3:
    ]  # what follows `-m jupyter lab`: the notebook, --allow-root
    server = LabServer(
        root,
        open_browser=True,
        extra_args=[
            *[argument for argument in arguments if argument != "--allow-root"],
            f"--ServerApp.browser={sys.executable} {recorder} %s",
        ],
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not recorded.exists():
            time.sleep(0.25)
        assert recorded.exists(), "JupyterLab did not open a browser"
        opened = recorded.read_text()
        match = re.search(r'href="(http://127\.0\.0\.1:\d+/[^"]+)"', opened)
        assert match, f"no address in what JupyterLab opened: {opened[:300]}"
        url = html.unescape(match.group(1))
        assert re.match(
            rf"{re.escape(server.url)}/lab/tree/{re.escape(course.START_NOTEBOOK)}\?token=", url
        ), url
        page.goto(url)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        heading = page.inner_text(".jp-NotebookPanel .jp-RenderedMarkdown h1")
        assert heading.startswith(f"00 · {COURSE[0].title}")
    finally:
        server.stop()
