"""`python3 course.py present` (course_tools/present.py): which notebook it opens, the settings
JupyterLab presents with, the one-time install of the live-slide extension, and the one line it
says when that install cannot happen (offline)."""

import json
import subprocess
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


def test_offline_without_the_extension_it_says_so_in_one_line(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(present, "installed", lambda: False)

    def fake_run(command, **kwargs):
        calls.append(command)
        return subprocess.CompletedProcess(command, 1)  # pip could not reach the index

    monkeypatch.setattr(present.subprocess, "run", fake_run)
    assert present.main(["04"]) == 1
    assert calls and calls[0][-2:] == ["-r", str(present.REQUIREMENTS)]
    assert len(calls) == 1, "JupyterLab is not started without the extension"
    error = capsys.readouterr().err.strip()
    assert error == present.OFFLINE and "\n" not in error and "site/slides/" in error


def test_when_installed_nothing_is_downloaded(monkeypatch):
    monkeypatch.setattr(present, "installed", lambda: True)
    monkeypatch.setattr(present.subprocess, "run", lambda *a, **k: pytest.fail("pip was run"))
    assert present.install()


def test_the_present_pins_are_exact_and_not_in_the_learners_set():
    pins = [
        line.split("#")[0].strip()
        for line in present.REQUIREMENTS.read_text().splitlines()
        if line.split("#")[0].strip()
    ]
    assert pins == ["jupyterlab-slideshow==0.3.4", "jupyterlab-fonts==3.0.0"]
    learners = (present.ROOT / "requirements.txt").read_text()
    assert "jupyterlab-slideshow" not in learners and "jupyterlab-rise" not in learners
