"""The plumbing: pins, conda/Binder files, the README's commands, CI, the nbval
sanitizer, the maintainers' re-execution script and notebook 00's checks."""

import re
import shutil
import socket
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement

import course
from course_tools import execute, pins
from course_tools.contents import COURSE
from course_utils import environment

ROOT = Path(__file__).resolve().parent.parent
LEARNER_SET = ["numpy", "matplotlib", "jupyterlab", "ipywidgets", "ipykernel"]
TEST_SET = ["pytest", "pytest-xdist", "nbval", "hypothesis", "ruff", "playwright"]
TEST_SET += ["jupyter-server-mathjax"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)\s*(?:;\s*(.+))?$")


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pin_lines(name):
    """The requirement lines of a pinned file (comments and `-r` includes left out)."""
    lines = []
    for line in (ROOT / name).read_text().splitlines():
        line = line.split(" #")[0].strip()
        if line and not line.startswith(("#", "-r ")):
            lines.append(line)
    return lines


def pins_of(name):
    """{package: [(version, marker or None)]} of a pinned file; every line must be an exact pin."""
    found = {}
    for line in pin_lines(name):
        match = PIN.match(line)
        assert match, f"{name}: {line!r} must be an exact pin (name==version ; marker)"
        package, version, marker = match.groups()
        found.setdefault(normalised(package), []).append((version, marker))
    return found


def pins_here(*names):
    """{package: version} for this machine: the pins whose environment marker applies here."""
    result = {}
    for name in names:
        for package, entries in pins_of(name).items():
            for version, marker in entries:
                if marker is None or Marker(marker).evaluate():
                    assert package not in result, f"{package} is pinned twice for this Python"
                    result[package] = version
    return result


def top_level(name):
    """The package names a .in file asks for, each once (a package may have a line per Python)."""
    names = [
        normalised(Requirement(line).name)
        for line in (ROOT / name).read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return list(dict.fromkeys(names))


def test_requirements_pin_every_package_exactly():
    learner, tests = pins_of("requirements.txt"), pins_of("requirements-test.txt")
    assert not [name for name in LEARNER_SET if name not in learner]
    assert not [name for name in TEST_SET if name not in tests]
    assert top_level("requirements.in") == LEARNER_SET
    assert set(top_level("requirements-test.in")) - set(learner) == set(TEST_SET)
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text().splitlines()


def test_the_learner_set_has_no_test_tools_and_no_package_is_pinned_twice():
    learner, tests = pins_of("requirements.txt"), pins_of("requirements-test.txt")
    assert not set(TEST_SET) & set(learner), "test tools belong in requirements-test.txt"
    assert not set(learner) & set(tests), "a package pinned in both files could drift apart"
    present = pins_of("requirements-present.txt")
    assert not set(present) & (set(learner) | set(tests)), "the test set installs all three"


def test_one_version_per_package_for_every_python_where_one_release_serves_all():
    """Markers only where one pin cannot serve 3.10 to 3.13; numpy and matplotlib have one
    version everywhere, so the stored outputs and images are the same on every Python."""
    for name in ["requirements.txt", "requirements-test.txt"]:
        for package, entries in pins_of(name).items():
            if len(entries) > 1:
                markers = [marker or "" for _, marker in entries]
                assert all("python" in marker for marker in markers), (package, entries)
    learner = pins_of("requirements.txt")
    for package in ["numpy", "matplotlib"]:
        assert len(learner[package]) == 1 and learner[package][0][1] is None, learner[package]


def test_no_python_gets_an_ipykernel_that_can_leave_a_cell_queued_for_ever():
    """ipykernel 7.0 to 7.3 send a reply raw on the shell socket that a stream also reads, which
    can swallow the stream's wake-up: a request that arrives then is not read, the kernel goes
    idle and the cell stays queued (ipython/ipykernel#1554; fixed in 7.4 by #1529). In CI a
    Restart Kernel and Run All of notebooks 05 and 12 hung that way, every cell queued and the
    kernel idle. 7.4 needs Python 3.11, so 3.10 gets 6.x, which never had the fault."""
    from packaging.version import Version

    entries = pins_of("requirements.txt")["ipykernel"]
    for python in ["3.10", "3.11", "3.12", "3.13"]:
        environment = {"python_version": python, "python_full_version": f"{python}.0"}
        chosen = [
            v for v, marker in entries if marker is None or Marker(marker).evaluate(environment)
        ]
        assert len(chosen) == 1, (python, entries)
        assert not Version("7.0") <= Version(chosen[0]) < Version("7.4"), (python, chosen[0])


def dependency_tree(packages):
    """Every distribution that `packages` need here, found from the installed metadata."""
    seen, todo = set(), [normalised(name) for name in packages]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(normalised(requirement.name))
    return seen


def test_the_whole_dependency_tree_is_pinned_not_only_the_top_level():
    learner = pins_here("requirements.txt")
    missing = sorted(dependency_tree(LEARNER_SET) - set(learner))
    assert not missing, f"requirements.txt does not pin {missing}: run python -m course_tools.pins"
    both = pins_here("requirements.txt", "requirements-test.txt")
    missing = sorted(dependency_tree(TEST_SET) - set(both))
    assert not missing, f"requirements-test.txt does not pin {missing}"


def test_installed_versions_are_the_pinned_ones():
    wrong = {
        package: (version, metadata.version(package))
        for package, version in pins_here(*course.PINS["test"]).items()
        if metadata.version(package) != version
    }
    assert not wrong, (
        f"installed versions differ from the pinned files (pinned, installed): {wrong}"
    )


def test_pins_tool_keeps_only_what_the_tests_add():
    learner = "# header\nnumpy==2.2.6\n    # via -r requirements.in\n"
    full = (
        "# header\n#    python -m course_tools.pins\nnumpy==2.2.6\n    # via -c requirements.txt\n"
        "pytest==9.2.0\n    # via\n    #   -r requirements-test.in\n    #   nbval\n"
    )
    text = pins.only_additions(full, learner)
    assert "numpy" not in text and "-r requirements.txt" in text.splitlines()
    assert "pytest==9.2.0\n    # via\n    #   -r requirements-test.in\n    #   nbval\n" in text
    assert [line for line, _ in pins.pin_blocks(text)] == ["pytest==9.2.0"]


def test_environment_yml_installs_requirements_txt_and_nothing_else():
    """Binder and conda get the learner set, from the same pinned file: they cannot drift."""
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s*-\s*-r requirements\.txt\s*$", text, re.MULTILINE)
    python = re.search(r"^\s*-\s*python\s*=\s*3\.(\d+)\s*$", text, re.MULTILINE)
    assert python and 10 <= int(python.group(1)) <= 13, "environment.yml: a tested Python"
    dependency_lines = re.findall(r"^\s*-\s+(\S.*)$", text, re.MULTILINE)
    extras = [
        line
        for line in dependency_lines
        if line not in {"conda-forge", "pip", "pip:", "-r requirements.txt"}
        and not line.startswith("python=")
    ]
    assert not extras, f"environment.yml lists packages outside requirements.txt: {extras}"
    assert "requirements-test" not in text, "Binder is for learners: no test tools"


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


def test_ci_sets_up_and_tests_under_every_python_and_runs_the_whole_suite_once():
    text = (ROOT / ".ci" / "run").read_text()
    assert "set -euo pipefail" in text
    pythons = re.search(r"^PYTHONS=\(([\d. ]+)\)", text, re.MULTILINE).group(1).split()
    assert sorted(pythons) == ["3.10", "3.11", "3.12", "3.13"]
    assert "rm -rf .venv" in text
    assert 'course.py test -m "not browser and not rerun"' in text, "tests and nbval per Python"
    assert re.search(r'"\$python" course\.py test$', text, re.MULTILINE), "the whole suite, once"
    assert "COURSE_REQUIRE_BROWSER=1" in text


def test_ci_fails_at_once_when_one_of_the_pythons_is_missing(tmp_path):
    ci = tmp_path / "course" / ".ci" / "run"
    ci.parent.mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", ci)
    nowhere = str(tmp_path / "nowhere")
    shims = tmp_path / "shims"  # like pyenv's: on PATH, but it runs no Python 3.10
    shims.mkdir()
    (shims / "python3.10").write_text("#!/bin/sh\necho 'pyenv: python3.10: command not found'\n")
    (shims / "python3.10").chmod(0o755)
    result = subprocess.run(
        ["/bin/bash", str(ci)],
        env={"PATH": f"{shims}:/bin", "HOME": nowhere, "PYENV_ROOT": nowhere},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Python 3.10" in result.stderr and "missing" in result.stderr, result.stderr
    assert not (tmp_path / "course" / ".venv").exists()


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


def test_clean_stores_no_output_for_a_machine_specific_cell():
    nb = nbformat.v4.new_notebook()
    versions = nbformat.v4.new_code_cell("print(versions())")
    versions.metadata.tags = ["nbval-ignore-output", execute.REMOVE_OUTPUT]
    other = nbformat.v4.new_code_cell("print(1)")
    for cell, text in [(versions, "python 3.13.0\n"), (other, "1\n")]:
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        cell.execution_count = 1
    nb.cells = [versions, other]
    execute.clean(nb)
    assert versions.outputs == [] and versions.execution_count == 1
    assert other.outputs[0].text == "1\n"


def test_machine_specific_cells_are_not_compared_by_nbval():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            tags = cell.get("metadata", {}).get("tags", [])
            if execute.REMOVE_OUTPUT in tags:
                assert "nbval-ignore-output" in tags, f"{path.name} cell {index + 1}"


def test_stored_notebooks_name_no_python_version():
    """The same stored notebooks pass under every Python: none records the one that ran it."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert "version" not in nb.metadata.get("language_info", {}), path.name
        for index, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
                assert not re.search(r"\bpython\s+3\.1\d\.\d+", text, re.IGNORECASE), (
                    f"{path.name} cell {index + 1} stores the Python version: tag it "
                    f"{execute.REMOVE_OUTPUT} (and nbval-ignore-output)"
                )


def test_execute_keeps_a_learners_code(tmp_path):
    """Re-executing a notebook changes only outputs: a learner's answer stays as written."""
    path = tmp_path / "notebooks" / COURSE[0].file
    path.parent.mkdir()
    nb = nbformat.read(ROOT / "notebooks" / COURSE[0].file, as_version=4)
    answer = "def square_all(a):\n    # my answer\n    return a * a"
    cell = next(cell for cell in nb.cells if "def square_all" in cell.source)
    cell.source = answer
    added = nbformat.v4.new_code_cell("my_note = 'my own cell'")
    added.pop("id", None)
    nb.cells.append(added)
    execute.write(nb, path)
    shutil.copytree(ROOT / "images", tmp_path / "images")
    assert execute.main([str(path)]) == 0
    after = nbformat.read(path, as_version=4)
    assert [cell.source for cell in after.cells] == [cell.source for cell in nb.cells]
    check = next(cell for cell in after.cells if "checks.square_all" in cell.source)
    assert "not done" not in str(check.outputs) and "✔" in str(check.outputs)


def test_execute_says_in_one_line_which_notebook_failed_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "broken.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    execute.write(nb, path)
    before = path.read_bytes()
    with pytest.raises(SystemExit) as stopped:
        execute.main([str(path)])
    message = str(stopped.value.code)
    assert "broken.ipynb" in message and "ZeroDivisionError" in message
    assert len(message.splitlines()) == 1 and path.read_bytes() == before
    with pytest.raises(SystemExit, match="no such notebook"):
        execute.main([str(tmp_path / "missing.ipynb")])


def kernels_on_a_taken_port(client, port, how_many):
    """Make the first `how_many` kernels `client` starts use `port` (taken) as their shell port.
    Returns the list of kernel managers made, which grows as they are made."""
    managers, make = [], client.create_kernel_manager

    def manager():
        made = make()
        if len(managers) < how_many:
            made.cache_ports = False  # else jupyter_client picks every port itself
            made.shell_port = port
        managers.append(made)
        return made

    client.create_kernel_manager = manager
    return managers


def test_a_kernel_that_dies_while_starting_is_started_again():
    """jupyter_client picks a kernel's ports free and closes them; the kernel binds them a
    moment later. Under pytest -n 2 another kernel once took one first (CI: "Address already in
    use", then "Kernel died before replying to kernel_info"). Here the first kernel is given a
    port that is taken: it dies, and a second one, on new ports, runs the notebook."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    client = NotebookClient(nb, timeout=60, kernel_name="python3")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        managers = kernels_on_a_taken_port(client, taken.getsockname()[1], how_many=1)
        execute.start_kernel(client)
        client.execute()
    assert len(managers) == 2 and nb.cells[0].outputs[0]["text"] == "42\n"
    assert client.km is None  # execute() shut the second kernel down


def test_a_kernel_that_keeps_dying_is_reported_after_the_last_attempt():
    from nbclient import NotebookClient

    client = NotebookClient(nbformat.v4.new_notebook(), timeout=60, kernel_name="python3")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        managers = kernels_on_a_taken_port(client, taken.getsockname()[1], how_many=2)
        with pytest.raises(RuntimeError, match="died before replying"):
            execute.start_kernel(client, attempts=2)
    assert len(managers) == 2


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
