"""Every notebook, as a learner runs it: JupyterLab in headless Chromium,
Kernel → Restart Kernel and Run All Cells, then a look at the page.

Each test fails naming the notebook and cell of any error or stderr output,
widget that did not render, image that did not load, or markdown link to a
missing file, and saves a full-page screenshot to screenshots/ (git-ignored).
"""

import pytest

from course_utils.contents import COURSE
from lab_driver import SCREENSHOTS, full_page_screenshot, open_notebook, page_problems, restart_and_run_all

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", [entry.file for entry in COURSE])
def test_notebook_runs_cleanly_in_jupyterlab(page, lab, name):
    open_notebook(page, lab, name)
    restart_and_run_all(page)
    problems = page_problems(page, lab)
    full_page_screenshot(page, SCREENSHOTS / name.replace(".ipynb", ".png"))
    assert not problems, f"{name}: " + "; ".join(problems)
