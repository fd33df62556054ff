"""The plumbing: pins, conda/Binder files, the README's commands, the nbval
sanitizer, the maintainers' re-execution script and notebook 00's checks."""

import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

import course
from course_tools import execute
from course_tools.contents import COURSE
from course_utils import environment

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ["numpy", "matplotlib", "jupyterlab", "ipywidgets", "ipykernel", "nbval", "pytest"]


def requirement_pins():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, separator, version = line.partition("==")
            assert separator, f"requirements.txt: {line!r} must be an exact pin (name==version)"
            pins[name.strip().lower()] = version.strip()
    return pins


def test_requirements_pin_every_package_exactly():
    pins = requirement_pins()
    missing = [name for name in REQUIRED if name not in pins]
    assert not missing, f"requirements.txt lacks {missing}"


def test_installed_versions_are_the_pinned_ones():
    from importlib import metadata

    wrong = {
        name: (version, metadata.version(name))
        for name, version in requirement_pins().items()
        if metadata.version(name) != version
    }
    assert not wrong, (
        f"installed versions differ from requirements.txt (pinned, installed): {wrong}"
    )


def test_environment_yml_installs_requirements_txt_and_nothing_else():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s*-\s*-r requirements\.txt\s*$", text, re.MULTILINE)
    python = re.search(r"^\s*-\s*python\s*=\s*3\.(\d+)", text, re.MULTILINE)
    assert python and int(python.group(1)) >= 10, "environment.yml must pin python 3.10 or newer"
    dependency_lines = re.findall(r"^\s*-\s+(\S.*)$", text, re.MULTILINE)
    extras = [
        line
        for line in dependency_lines
        if line not in {"conda-forge", "pip", "pip:", "-r requirements.txt"}
        and not line.startswith("python=")
    ]
    assert not extras, f"environment.yml lists packages outside requirements.txt: {extras}"


def test_binder_post_build_installs_the_package_and_stops_on_errors():
    text = (ROOT / "postBuild").read_text()
    assert "set -euo pipefail" in text
    assert re.search(r"pip install .*-e \.", text)
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), (
        "a binder/ folder would make Binder ignore environment.yml and postBuild at the root"
    )


def test_readme_binder_badge_opens_notebook_00_in_jupyterlab():
    readme = (ROOT / "README.md").read_text()
    urls = re.findall(r"\((https://mybinder\.org/v2/gh/[^)\s]+)\)", readme)
    assert urls, "README needs a Binder link"
    start = COURSE[0].file
    assert all(url.endswith(f"?urlpath=lab/tree/notebooks/{start}") for url in urls)
    assert (ROOT / "notebooks" / start).exists()
    assert len({url.split("?")[0] for url in urls}) == 1, (
        "the repository address must appear in one place"
    )


def test_readme_quick_start_is_two_commands_and_matches_course_py():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("## ", 1)[0]
    first_block = re.search(r"```bash\n(.*?)```", quick_start, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["python3 course.py lab", "python3 course.py test"]
    test_command = "python " + " ".join(course.TEST_COMMAND)
    assert test_command in readme, f"README must show the test command {test_command!r}"
    assert course.START_NOTEBOOK == f"notebooks/{COURSE[0].file}"


def test_ci_runs_the_readme_test_command_in_a_fresh_environment():
    text = (ROOT / ".ci" / "run").read_text()
    assert "set -euo pipefail" in text
    assert "rm -rf .venv" in text and "python3 course.py test" in text


def test_sanitizer_rules_are_all_well_formed_and_work():
    from nbval.plugin import get_sanitize_patterns

    text = (ROOT / "tests" / "nbval_sanitize.cfg").read_text()
    patterns = get_sanitize_patterns(text)
    assert len(patterns) == text.count("\nregex: "), (
        "a malformed rule would be dropped silently by nbval"
    )
    for line in text.splitlines():
        assert line == line.rstrip(), "trailing spaces break nbval's rule parser"

    def sanitize(s):
        for regex, replace in patterns:
            s = re.sub(regex, replace, s)
        return s

    assert sanitize("<Figure size 640x480 with 2 Axes>") == sanitize(
        "<Figure size 1280x960 with 2 Axes>"
    )
    assert sanitize("<Figure size 640x480 with 2 Axes>") != sanitize(
        "<Figure size 640x480 with 1 Axes>"
    )
    assert sanitize("<object at 0x7f3a2c1b9d50>") == sanitize("<object at 0x55d0aa>")


def test_pytest_treats_warnings_as_errors():
    text = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'filterwarnings = \[\s*(#[^\n]*\n\s*)*"error"', text)
    with pytest.raises(RuntimeWarning):
        import warnings

        warnings.warn("boom", RuntimeWarning)


# --- the maintainers' re-execution --------------------------------------------


def test_stored_notebooks_are_already_clean():
    """Every stored notebook is exactly what `course_tools.execute` writes (no noise left)."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        cleaned = execute.clean(nbformat.read(path, as_version=4))
        assert nbformat.writes(nb) == nbformat.writes(cleaned), (
            f"{path.name}: run python -m course_tools.execute"
        )
        assert path.read_text(encoding="utf-8").endswith("\n")


def test_execute_is_deterministic(tmp_path):
    """Executing notebook 00 twice gives byte-identical files, equal to the committed one."""
    source = ROOT / "notebooks" / COURSE[0].file
    copies = []
    for run in range(2):
        copy = tmp_path / f"run{run}" / source.name
        copy.parent.mkdir()
        shutil.copy(source, copy)
        if (ROOT / "images").exists():
            shutil.copytree(ROOT / "images", tmp_path / "images", dirs_exist_ok=True)
        execute.write(execute.execute(copy), copy)
        copies.append(copy.read_bytes())
    assert copies[0] == copies[1]
    assert copies[0] == source.read_bytes(), (
        "notebook 00 is stale: run python -m course_tools.execute"
    )


def test_clean_removes_execution_noise():
    nb = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3"},
            "widgets": {"state": {}},
            "language_info": {"name": "python", "version": "3.11.7"},
        }
    )
    cell = nbformat.v4.new_code_cell(
        "x",
        metadata={
            "collapsed": True,
            "scrolled": True,
            "tags": ["a"],
            "execution": {"iopub.execute_input": "2026"},
        },
    )
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/plain": "IntSlider()",
                "application/vnd.jupyter.widget-view+json": {"model_id": "abc"},
            },
        )
    ]
    nb.cells = [cell]
    execute.clean(nb)
    assert set(nb.metadata) == {"kernelspec", "language_info"}
    assert "version" not in nb.metadata.language_info
    assert dict(nb.cells[0].metadata) == {"tags": ["a"]}
    assert set(nb.cells[0].outputs[0].data) == {"text/plain"}
    assert "id" not in nb.cells[0]


# --- notebook 00's environment check ----------------------------------------


def test_versions_lists_python_and_every_package():
    found = environment.versions()
    assert found["python"] == ".".join(map(str, sys.version_info[:3]))
    assert set(environment.MINIMUM_VERSIONS) <= set(found)


def test_check_passes_here_and_names_what_is_missing_or_old():
    assert environment.check().passed
    feedback = environment.check(
        python_version=(3, 9), package_versions={"numpy": "1.26.4", "matplotlib": "3.11.2"}
    )
    text = repr(feedback)
    assert not feedback.passed
    assert "Python 3.9 is too old" in text
    assert "numpy 1.26.4 is too old" in text
    assert "ipywidgets is not installed" in text
    assert "matplotlib is 3.8 or newer" in text


@pytest.mark.parametrize(
    "version, expected", [("3.11.2", (3, 11, 2)), ("4.0rc1", (4,)), ("8.1.9", (8, 1, 9))]
)
def test_version_tuple(version, expected):
    assert environment.version_tuple(version) == expected


def test_widget_demo_reacts_to_the_slider():
    box = environment.widget_demo()
    slider, label = box.children
    assert label.value == "x squared is 9"
    slider.value = 7
    assert label.value == "x squared is 49"


def test_plot_demo_draws_a_labelled_sine():
    import matplotlib.pyplot as plt

    fig = environment.plot_demo()
    ax = fig.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert len(ax.lines[0].get_xdata()) == 200
    plt.close(fig)


def test_clean_joins_pieces_of_one_stream():
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}
    )
    cell = nbformat.v4.new_code_cell("for i in range(3): print(i)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="0\n1\n"),
        nbformat.v4.new_output("stream", name="stdout", text="2\n"),
        nbformat.v4.new_output("stream", name="stderr", text="careful\n"),
        nbformat.v4.new_output("stream", name="stdout", text="done\n"),
    ]
    nb.cells = [cell]
    execute.clean(nb)
    assert [(output.name, output.text) for output in nb.cells[0].outputs] == [
        ("stdout", "0\n1\n2\n"),
        ("stderr", "careful\n"),
        ("stdout", "done\n"),
    ]
