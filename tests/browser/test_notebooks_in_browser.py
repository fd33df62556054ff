"""Every notebook, as a learner runs it: JupyterLab in headless Chromium,
Kernel → Restart Kernel and Run All Cells, then a look at the page.

Each test fails naming the notebook and cell of any error or stderr output,
widget that did not render, image that did not load, or markdown link to a
missing file, and saves a full-page screenshot to screenshots/ (git-ignored).
"""

import pytest
from lab_driver import (
    SCREENSHOTS,
    full_page_screenshot,
    open_notebook,
    page_problems,
    restart_and_run_all,
    run_command,
    write_notebook,
)

from course_tools.contents import COURSE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", [entry.file for entry in COURSE])
def test_notebook_runs_cleanly_in_jupyterlab(page, lab, name):
    open_notebook(page, lab, name)
    restart_and_run_all(page)
    problems = page_problems(page, lab)
    full_page_screenshot(page, SCREENSHOTS / name.replace(".ipynb", ".png"))
    assert not problems, f"{name}: " + "; ".join(problems)


BROKEN_CELLS = [
    ("markdown", "# A deliberately broken notebook"),
    ("markdown", "![a picture that is not there](../images/no_such_picture.png)"),
    (
        "code",
        "import ipywidgets\nfrom traitlets import Unicode\n\n"
        "class Broken(ipywidgets.DOMWidget):\n"
        "    _view_name = Unicode('NoSuchView').tag(sync=True)\n"
        "    _view_module = Unicode('no-such-module').tag(sync=True)\n"
        "    _view_module_version = Unicode('1.0.0').tag(sync=True)\n\nBroken()",
    ),
    ("markdown", "See [a missing notebook](13_no_such_notebook.ipynb)."),
    ("code", "1 / 0"),
]


def test_a_broken_notebook_fails_naming_each_cell(page, lab):
    """The checks above can fail: a notebook with a missing image, a widget that
    cannot render, a link to a missing file and an error is caught, cell by cell."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    cells = [
        new_markdown_cell(text) if kind == "markdown" else new_code_cell(text)
        for kind, text in BROKEN_CELLS
    ]
    nbformat.write(
        new_notebook(
            cells=cells,
            metadata={
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
            },
        ),
        lab.root / "notebooks" / "99_broken.ipynb",
    )
    open_notebook(page, lab, "99_broken.ipynb")
    restart_and_run_all(page, stop_on_error=True)
    problems = "\n".join(page_problems(page, lab))
    assert "cell 2: image failed to load" in problems
    assert "cell 3: widget did not render" in problems
    assert (
        "cell 4: markdown link to a missing file: notebooks/13_no_such_notebook.ipynb" in problems
    )
    assert "cell 5: error output" in problems and "ZeroDivisionError" in problems


def test_a_run_all_that_does_not_finish_says_where_it_stands(page, lab):
    """A notebook that hangs fails with the cells that ran, the one still running and the
    errors so far, not only Playwright's timeout."""
    cells = ["print('first')", "import sys; print('a warning', file=sys.stderr)"]
    cells += ["import time; time.sleep(60)", "print('never reached')"]
    open_notebook(page, lab, write_notebook(lab.root / "notebooks" / "99_hangs.ipynb", cells))
    with pytest.raises(AssertionError) as stopped:
        restart_and_run_all(page, timeout=8_000)
    message = str(stopped.value)
    # (ipykernel 7 may report "idle" while a cell runs: it answers other requests meanwhile)
    assert message.startswith("Run All did not finish in 8 s: kernel ")
    assert "cells running or queued: [3,4]; code cells not run: []" in message
    assert "cell 2: a warning" in message
    assert (SCREENSHOTS / "run-all-did-not-finish-99_hangs.png").exists()
    run_command(page, "kernel:interrupt")
