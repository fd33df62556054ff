"""Hygiene tests over every notebook, and proof that each rule can fail.

The first half applies every rule in hygiene.py to every notebook in
notebooks/. The second half builds a small good notebook, breaks it in one
way per rule, and checks that exactly that rule complains.
"""

import re
from pathlib import Path

import hygiene
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_tools.contents import COURSE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOK_PATHS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def read(path):
    return nbformat.read(path, as_version=4)


# --- every notebook follows every rule ----------------------------------------


@pytest.mark.parametrize("rule", hygiene.RULES, ids=lambda rule: rule.__name__)
@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda path: path.name)
def test_notebook_follows_rule(path, rule):
    problems = rule(read(path), path)
    assert not problems, f"{path.name}: " + "; ".join(problems)


def test_notebooks_are_numbered_in_order_like_the_contents():
    names = [path.name for path in NOTEBOOK_PATHS]
    assert names, "no notebooks found"
    problems = hygiene.notebook_names_problems(names)
    assert not problems, "; ".join(problems)


def test_every_notebook_in_the_contents_exists():
    missing = [entry.file for entry in COURSE if not (NOTEBOOK_DIR / entry.file).exists()]
    assert not missing, f"in course_tools/contents.py but not in notebooks/: {missing}"


def table_rows(text):
    """(number, linked file, minutes) for each row of a contents table in markdown."""
    rows = re.findall(
        r"^\|\s*(\d\d)\s*\|\s*\[[^\]]+\]\(([^)]+)\)\s*\|[^|]*\|\s*(\d+) min\s*\|\s*$",
        text,
        re.MULTILINE,
    )
    return [(int(number), Path(link).name, int(minutes)) for number, link, minutes in rows]


def expected_rows():
    return [(entry.number, entry.file, entry.minutes) for entry in COURSE]


def test_readme_contents_table_matches_the_course():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table_rows(readme) == expected_rows()
    for entry in COURSE:
        assert f"(notebooks/{entry.file})" in readme


def test_start_here_contents_table_matches_the_course():
    nb = read(NOTEBOOK_DIR / COURSE[0].file)
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert "## Contents" in text
    assert table_rows(text) == expected_rows()


# --- each rule fails on a small bad notebook ---------------------------------

NAVIGATION = (
    "[← 00 Start here](00_start_here.ipynb) · [Contents](00_start_here.ipynb#Contents) · "
    "[02 The neuron →](02_the_neuron.ipynb)"
)
FIRST = f"""# 01 · What is machine learning?

*Lecture part: What is ML* · *Time: about {COURSE[1].minutes} minutes*

{NAVIGATION}

**Learning objectives.** After this notebook you can:
- explain one thing
- compute another
- check a third
"""
LAST = f"""## Key points
- one thing

{NAVIGATION}
"""
EXERCISE = "<details><summary>Solution</summary>\n\n```python\nx = 1\n```\n</details>"


def good_notebook():
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    cells = [
        new_markdown_cell(FIRST),
        new_code_cell(
            "import numpy as np\nrng = np.random.default_rng(0)\nprint(rng.integers(10))",
            execution_count=1,
            outputs=[new_output("stream", name="stdout", text="8\n")],
        ),
        new_markdown_cell(
            "## Exercise 1\n![A picture of a neuron with two inputs](../images/x.png)"
        ),
        new_code_cell("checks.square_all(square_all)", execution_count=2),
        new_markdown_cell(EXERCISE),
        new_code_cell("checks.row_sums(row_sums)", execution_count=3),
        new_markdown_cell(EXERCISE),
        new_markdown_cell(LAST),
    ]
    nb.cells = cells
    return nb


@pytest.fixture
def course_dir(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "x.png").write_bytes(b"")
    for name in ["00_start_here.ipynb", "02_the_neuron.ipynb"]:
        (notebooks / name).write_text("{}")
    return notebooks / "01_what_is_ml.ipynb"


def problems_of(nb, path):
    """{rule name: problems} for every rule that complains."""
    found = {}
    for rule in hygiene.RULES:
        problems = rule(nb, path)
        if problems:
            found[rule.__name__] = problems
    return found


def test_the_good_notebook_passes_every_rule(course_dir):
    assert problems_of(good_notebook(), course_dir) == {}


def set_source(index, text):
    def change(nb):
        nb.cells[index].source = text

    return change


def append_code(source, tags=(), outputs=()):
    def change(nb):
        count = sum(1 for cell in nb.cells if cell.cell_type == "code") + 1
        cell = new_code_cell(source, execution_count=count, outputs=list(outputs))
        if tags:
            cell.metadata["tags"] = list(tags)
        nb.cells.insert(-1, cell)

    return change


def change_metadata(nb):
    nb.cells[1].metadata["scrolled"] = True


BREAKAGES = {
    "rule_kernel": lambda nb: nb.metadata["kernelspec"].update(name="conda-env-dl-py"),
    "rule_execution_counts": lambda nb: setattr(nb.cells[3], "execution_count", 7),
    "rule_no_errors": lambda nb: nb.cells[1].outputs.append(
        new_output("error", ename="NameError", evalue="name 'x' is not defined", traceback=[])
    ),
    "rule_clean_metadata": change_metadata,
    "rule_first_cell": set_source(0, FIRST.replace("- check a third\n", "")),
    "rule_last_cell": set_source(-1, "Thanks for reading!"),
    "rule_links_resolve": set_source(2, "See [notebook 13](13_missing.ipynb)."),
    "rule_alt_text": set_source(2, "![](../images/x.png)"),
    "rule_seeded_randomness": set_source(1, "import numpy as np\nrng = np.random.default_rng()"),
    "rule_no_network": set_source(2, '<iframe src="https://playground.tensorflow.org"></iframe>'),
    "rule_stable_outputs": lambda nb: nb.cells[1].outputs.append(
        new_output(
            "execute_result",
            data={"text/plain": "[<matplotlib.lines.Line2D at 0x7f3a2c1b9d50>]"},
            execution_count=1,
        )
    ),
    "rule_ignored_outputs_explained": lambda nb: nb.cells[1].metadata.update(
        tags=["nbval-ignore-output"]
    ),
    "rule_widgets_ignored": append_code("# a slider\nwidgets.IntSlider()"),
    "rule_widgets_readable_without_a_kernel": append_code(
        "# a live widget: only a browser can compare it\nwidgets.HBox([widgets.IntSlider()])",
        tags=["nbval-ignore-output"],
        outputs=[
            new_output(
                "display_data",
                data={"text/plain": "HBox(children=(IntSlider(value=0),))"},
            )
        ],
    ),
    "rule_exercises": lambda nb: nb.cells.pop(4),
}


def test_every_rule_has_a_breakage():
    assert set(BREAKAGES) == {rule.__name__ for rule in hygiene.RULES}


@pytest.mark.parametrize("rule_name", sorted(BREAKAGES))
def test_each_rule_fails_on_a_bad_notebook(course_dir, rule_name):
    nb = good_notebook()
    BREAKAGES[rule_name](nb)
    found = problems_of(nb, course_dir)
    assert rule_name in found, f"{rule_name} did not notice the breakage; found {found}"
    assert all(
        "cell" in problem or "kernel" in problem or "metadata" in problem
        for problem in found[rule_name]
    ), "a problem must say where it is"


@pytest.mark.parametrize(
    "source",
    [
        "np.random.seed(0)",
        "x = np.random.rand(3)",
        "x = np.random.randn(2, 2)",
        "rng = np.random.default_rng()",
        "import random",
        "random.shuffle(items)",
    ],
)
def test_unseeded_randomness_is_caught_in_many_forms(course_dir, source):
    nb = good_notebook()
    nb.cells[1].source = source
    assert hygiene.rule_seeded_randomness(nb, course_dir)


def test_seeded_generators_are_allowed(course_dir):
    nb = good_notebook()
    nb.cells[
        1
    ].source = "rng = np.random.default_rng(42)\nx = rng.normal(size=3)\nmlp = MLP([2, 1], seed=3)"
    assert hygiene.rule_seeded_randomness(nb, course_dir) == []


@pytest.mark.parametrize(
    "names, complaint",
    [
        (["00_start_here.ipynb", "02_the_neuron.ipynb"], "expected number 01"),
        (["00_start_here.ipynb", "01_What-is-ML.ipynb"], "must look like"),
        (["00_start_here.ipynb", "01_something_else.ipynb"], "contents.py"),
    ],
)
def test_bad_notebook_names_are_caught(names, complaint):
    problems = hygiene.notebook_names_problems(names)
    assert any(complaint in problem for problem in problems), problems


def test_importing_widgets_is_not_showing_one(course_dir):
    nb = good_notebook()
    append_code("from course_utils.widgets import neuron_explorer\nimport ipywidgets as widgets")(
        nb
    )
    assert hygiene.rule_widgets_ignored(nb, course_dir) == []
