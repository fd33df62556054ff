"""Every cell is safe to re-run: running a code cell twice in a row gives the stored output.

Learners re-run cells all the time (after an edit, after a mistake, to see a plot again). A cell
that trains a model it did not build itself, draws from a generator made in another cell, or
appends to a list made elsewhere prints something else the second time. This test executes each
notebook in a fresh kernel with every code cell run twice in a row (cell i, cell i again, then
cell i + 1 ...) and compares the outputs of the second run with the stored ones, the way nbval
does: after tests/nbval_sanitize.cfg, without images (nbval does not compare PNGs either) and
without the cells tagged nbval-ignore-output (or marked # NBVAL_IGNORE_OUTPUT); nbval-skip cells
are not run.

The same run also checks every figure the notebooks show for titles wider than their Axes (a
suptitle: wider than the figure), which stretch the picture or run off a projected cell.

It costs about as much as running nbval twice, so it carries the marker `rerun`:

    pytest -m rerun tests/test_rerun.py                           # every notebook
    pytest -m rerun tests/test_rerun.py -k 04_backpropagation     # one notebook
    pytest -m rerun tests/test_rerun.py -n 2 --dist loadgroup     # on two cores

A failure names the notebook, the cell (its index among all cells, as JupyterLab counts from 0,
and nbval's "Cell N", which counts code cells only), the cell's first line, and the output that
changed, stored and new side by side.
"""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbval.plugin import coalesce_streams, get_sanitize_patterns

from course_tools.execute import start_kernel

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SANITIZE_FILE = Path(__file__).resolve().parent / "nbval_sanitize.cfg"
# What nbval leaves out of a comparison (its skip_compare), images included.
NOT_COMPARED = {
    "metadata",
    "traceback",
    "prompt_number",
    "output_type",
    "name",
    "execution_count",
    "transient",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
}
IGNORE_TAGS = {"nbval-ignore-output"}
IGNORE_COMMENTS = {"NBVAL_IGNORE_OUTPUT", "PYTEST_VALIDATE_IGNORE_OUTPUT"}
SKIP_TAGS = {"nbval-skip"}
SKIP_COMMENTS = {"NBVAL_SKIP"}


def _markers(cell):
    """The nbval markers of a cell: its tags and its '# NBVAL_...' comment lines."""
    comments = {
        line.strip().lstrip("#").strip()
        for line in cell.source.splitlines()
        if line.strip().startswith("#")
    }
    return set(cell.metadata.get("tags", [])) | comments


def sanitizer(path=SANITIZE_FILE):
    """A function that applies nbval's regex/replace pairs from `path` to a string."""
    import re

    patterns = get_sanitize_patterns(Path(path).read_text(encoding="utf-8"))

    def sanitize(value):
        if not isinstance(value, str):
            return value
        for regex, replace in patterns:
            value = re.sub(regex, replace, value)
        return value

    return sanitize


def comparable(outputs, sanitize):
    """Outputs as nbval compares them: {key: [values]}, streams by name, no images or ids."""
    by_key = {}
    for output in coalesce_streams([nbformat.from_dict(dict(o)) for o in outputs]):
        if output.output_type == "stream":
            items = {output.name: output.text}
        elif output.output_type == "error":
            items = {"error": f"{output.ename}: {output.evalue}"}
        else:
            items = dict(output.get("data", {}))
        for key, value in items.items():
            if key not in NOT_COMPARED:
                text = "".join(value) if isinstance(value, list) else value
                by_key.setdefault(key, []).append(sanitize(text))
    return by_key


def _shorten(text, limit=1200):
    text = str(text)
    return (
        text if len(text) <= limit else text[:limit] + f"... ({len(text) - limit} more characters)"
    )


def _describe(notebook, index, code_number, cell):
    first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
    return f"{notebook}, cell {index} (nbval 'Cell {code_number}'): {first_line.strip()[:70]!r}"


def difference(stored, new):
    """The first difference between two comparable() dicts, as text, or None when they agree."""
    for key in sorted(set(stored) | set(new)):
        old_values, new_values = stored.get(key, []), new.get(key, [])
        if old_values != new_values:
            return (
                f"output {key!r} differs\n"
                f"    stored: {_shorten(old_values)}\n"
                f"    rerun:  {_shorten(new_values)}"
            )
    return None


# Run in the kernel before the notebook: each figure the notebook shows is checked, right after
# it is drawn, for titles wider than their Axes (a suptitle: wider than the figure). Such a
# title stretches the picture (the inline backend crops to what is drawn) or runs off a cell.
TITLE_CHECK = """
import matplotlib.backend_bases as _course_backend_bases

_course_title_problems = []
_course_print_figure = _course_backend_bases.FigureCanvasBase.print_figure


def _course_checked_print_figure(self, *args, **kwargs):
    result = _course_print_figure(self, *args, **kwargs)
    renderer = self.figure.canvas.get_renderer()
    for ax in self.figure.axes:
        title = ax.title
        room = ax.get_window_extent(renderer).width
        if title.get_text() and title.get_window_extent(renderer).width > room + 1:
            _course_title_problems.append(f"title {title.get_text()!r} is wider than its Axes")
    title = self.figure._suptitle
    if title is not None and title.get_text():
        if title.get_window_extent(renderer).width > self.figure.bbox.width + 1:
            _course_title_problems.append(f"suptitle {title.get_text()!r} is wider than the figure")
    return result


_course_backend_bases.FigureCanvasBase.print_figure = _course_checked_print_figure
"""
TITLE_REPORT = "print(*_course_title_problems, sep='\\n', end=''); _course_title_problems.clear()"


class Report:
    """What running a notebook with every code cell twice found: two lists of problems (strings)."""

    def __init__(self):
        self.rerun = []  # cells whose second run differs from the stored output, or that raised
        self.titles = []  # figures whose titles are wider than their Axes or figure


def _run_quietly(client, source, index):
    """Run source in the notebook's kernel (not stored anywhere); returns what it printed."""
    cell = nbformat.v4.new_code_cell(source)
    original = client.nb.cells[index]  # execute_cell puts the cell it ran at this index
    try:
        client.execute_cell(cell, index, store_history=False)
    finally:
        client.nb.cells[index] = original
    return "".join(output.get("text", "") for output in cell.outputs)


def run_twice(path, timeout=600):
    """Run the notebook at `path` with every code cell executed twice in a row, in a fresh kernel.

    Returns a Report: report.rerun lists the cells whose second run does not reproduce the stored
    output or that raised; report.titles the figures with a title wider than its Axes (or figure).
    Both are empty when all is well.
    """
    path = Path(path)
    stored = nbformat.read(path, as_version=4)
    work = nbformat.read(path, as_version=4)
    sanitize = sanitizer()
    client = NotebookClient(
        work,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=True,  # False crashes nbclient 0.11 on widget cells
    )
    report = Report()
    code_number = -1
    start_kernel(client)
    with client.setup_kernel():
        _run_quietly(client, TITLE_CHECK, 0)
        for index, cell in enumerate(work.cells):
            if cell.cell_type != "code":
                continue
            code_number += 1
            markers = _markers(cell)
            if markers & (SKIP_TAGS | SKIP_COMMENTS):
                continue
            where = _describe(path.name, index, code_number, cell)
            try:
                for run in ("first", "second"):
                    client.execute_cell(cell, index, store_history=False)
            except CellExecutionError as error:
                report.rerun.append(f"{where}\n  raised on its {run} run: {_shorten(error, 600)}")
                continue
            finally:
                titles = _run_quietly(client, TITLE_REPORT, index)
                report.titles += [f"{where}\n  {line}" for line in sorted(set(titles.splitlines()))]
            reference = stored.cells[index]
            if markers & (IGNORE_TAGS | IGNORE_COMMENTS) or reference.execution_count is None:
                continue
            changed = difference(
                comparable(reference.outputs, sanitize), comparable(cell.outputs, sanitize)
            )
            if changed:
                report.rerun.append(f"{where}\n  after running it twice, {changed}")
    return report


_REPORTS = {}


def report_for(path):
    """run_twice(path), once per test process: both tests below read the same run."""
    if path not in _REPORTS:
        _REPORTS[path] = run_twice(path)
    return _REPORTS[path]


def rerun_differences(path):
    """The cells of the notebook at `path` that are not safe to re-run (a list of strings)."""
    return run_twice(path).rerun


# Both tests of one notebook read one run: with pytest-xdist, `--dist loadgroup` keeps them on
# one worker (with other modes each worker runs the notebooks it gets itself).
BY_NOTEBOOK = [
    pytest.param(path, id=path.stem, marks=pytest.mark.xdist_group(path.stem)) for path in NOTEBOOKS
]


@pytest.mark.rerun
@pytest.mark.parametrize("path", BY_NOTEBOOK)
def test_every_cell_is_safe_to_rerun(path):
    problems = report_for(path).rerun
    if problems:
        pytest.fail(
            f"{len(problems)} cell(s) of {path.name} are not safe to re-run (each code cell was "
            "run twice in a row; the second run must reproduce the stored output):\n\n"
            + "\n\n".join(problems),
            pytrace=False,
        )


@pytest.mark.rerun
@pytest.mark.parametrize("path", BY_NOTEBOOK)
def test_figure_titles_fit_their_axes(path):
    problems = report_for(path).titles
    if problems:
        pytest.fail(
            f"{len(problems)} figure title(s) of {path.name} are wider than their Axes (a "
            "suptitle: than the figure); shorten them or break them over two lines:\n\n"
            + "\n\n".join(problems),
            pytrace=False,
        )


# --- the checker itself, on small notebooks made here ------------------------------------------


def _notebook(tmp_path, cells):
    """A notebook of code cells executed once (as stored), from (source, tags) pairs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)}) for source, tags in cells
    ]
    client = NotebookClient(nb, kernel_name="python3", record_timing=False)
    start_kernel(client)
    client.execute()
    path = tmp_path / "99_example.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_check_finds_a_cell_that_continues_from_its_own_last_run(tmp_path):
    path = _notebook(
        tmp_path,
        [
            ("total = 0", ()),
            ("total += 1\nprint(f'total {total}')", ()),  # re-run: 2, not 1
            ("print('fine')", ()),
        ],
    )
    (problem,) = rerun_differences(path)
    assert "99_example.ipynb, cell 1 (nbval 'Cell 1'): 'total += 1'" in problem
    assert "'stdout' differs" in problem and "total 1" in problem and "total 2" in problem


def test_the_check_passes_safe_cells_and_skips_ignored_ones(tmp_path):
    path = _notebook(
        tmp_path,
        [
            ("import numpy as np\nrng = np.random.default_rng(0)", ()),
            ("rng = np.random.default_rng(1)\nprint(rng.integers(100))", ()),  # seeded here: safe
            ("print(rng.integers(100))", ("nbval-ignore-output",)),  # changes, but ignored
            ("# NBVAL_IGNORE_OUTPUT\nprint(rng.integers(100))", ()),
            ("class A: pass\nA()", ()),  # an address in the repr: the sanitizer removes it
        ],
    )
    assert rerun_differences(path) == []


def test_the_check_reports_a_cell_that_fails_the_second_time(tmp_path):
    path = _notebook(tmp_path, [("data = [1]", ()), ("first = data.pop(0)", ())])
    (problem,) = rerun_differences(path)
    assert "cell 1" in problem and "raised on its second run" in problem and "IndexError" in problem


def test_the_check_finds_a_title_wider_than_its_axes(tmp_path):
    plot = (
        "import matplotlib.pyplot as plt\n"
        "fig, (left, right) = plt.subplots(1, 2, figsize=(6, 3))\n"
        "left.set_title({!r})\n"
        "right.set_title('short')\n"
        "plt.show()"
    )
    long_title = "a title far too long for one of two small panels side by side"
    path = _notebook(tmp_path, [(plot.format(long_title), ()), (plot.format("fits"), ())])
    report = run_twice(path)
    assert report.rerun == []
    (problem,) = report.titles
    assert "cell 0" in problem and f"title {long_title!r} is wider than its Axes" in problem
