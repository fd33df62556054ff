"""course_tools/present.py, what `python3 course.py present` runs: which notebook it opens, the
settings JupyterLab presents with, and the one line it says without the live-slide extension.
(course.py's install of the extension, offline and online: tests/test_course_py.py.)"""

import json
import sys

import pytest

from course_tools import present, slides


@pytest.mark.parametrize(
    "name",
    ["04", "04_backpropagation", "04_backpropagation.ipynb", "notebooks/04_backpropagation.ipynb"],
)
def test_a_notebook_is_found_by_number_name_or_path(name, monkeypatch):
    monkeypatch.chdir(present.ROOT)
    assert present.find_notebook(name) == present.NOTEBOOKS / "04_backpropagation.ipynb"


def test_the_default_is_notebook_00_and_a_wrong_name_says_so():
    assert present.find_notebook(None).name == "00_start_here.ipynb"
    with pytest.raises(SystemExit, match="no notebook '99'"):
        present.find_notebook("99")


def test_jupyterlab_runs_with_settings_of_its_own_and_keeps_extra_options(tmp_path):
    present.write_settings(tmp_path)
    deck = json.loads(
        (tmp_path / "jupyterlab-slideshow" / "plugin.jupyterlab-settings").read_text()
    )
    assert deck == {"active": True}
    themes = tmp_path / "@jupyterlab" / "apputils-extension" / "themes.jupyterlab-settings"
    assert json.loads(themes.read_text())["overrides"] == slides.SLIDE_FONTS
    command = present.lab_command(
        present.NOTEBOOKS / "05_activation_functions.ipynb",
        tmp_path,
        tmp_path / "w",
        ["--port", "9"],
    )
    assert command[:5] == [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "notebooks/05_activation_functions.ipynb",
    ]
    assert f"--LabApp.user_settings_dir={tmp_path}" in command
    assert command[command.index("--port") + 1] == "9"


def test_without_the_extension_it_says_so_in_one_line_and_starts_nothing(monkeypatch, capsys):
    monkeypatch.setattr(present, "installed", lambda: False)
    monkeypatch.setattr(present.subprocess, "run", lambda *a, **k: pytest.fail("something ran"))
    assert present.main(["04"]) == 1
    error = capsys.readouterr().err.strip()
    assert error == present.OFFLINE and "\n" not in error and "site/slides/" in error


def test_the_present_set_adds_only_the_slide_extension_to_the_learner_set():
    text = (present.ROOT / "requirements-present.txt").read_text()
    pins = [line for line in text.splitlines() if line and not line[0].isspace()]
    pins = [line for line in pins if not line.startswith("#")]
    assert pins == ["-r requirements.txt", "jupyterlab-fonts==3.0.0", "jupyterlab-slideshow==0.3.4"]
    learners = (present.ROOT / "requirements.txt").read_text()
    assert "jupyterlab-slideshow" not in learners and "jupyterlab-rise" not in learners
