"""Re-execute notebooks and store clean, deterministic outputs (for maintainers).

    python -m course_tools.execute                    # every notebook in notebooks/
    python -m course_tools.execute notebooks/03_*.ipynb

Each notebook runs top to bottom in a fresh kernel, with notebooks/ as the
working directory, exactly as `pytest --nbval` will run it. Afterwards the
execution noise is removed (timestamps, saved widget state, widget views,
"collapsed"/"scrolled" flags), so running this twice changes nothing.

Nothing stored may depend on the machine that ran it, so that the stored notebooks
are the same whichever Python (3.10 to 3.13) executed them: the notebook's
language_info.version is dropped, and a cell tagged `remove-output` (one whose
output names the machine, such as the installed versions) is stored without its
outputs; such a cell must also be tagged `nbval-ignore-output`. Only outputs change:
the code in every cell, a learner's answers included, is written back as it was.
"""

import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# The only cell metadata we keep: tags (they carry nbval markers such as
# nbval-ignore-output), the slide type (course_tools/slides.py) and a folded input
# (jupyter.source_hidden, set on long figure cells for the slides); other view state is dropped.
KEEP_CELL_METADATA = {"tags", "slideshow", "jupyter"}
KEEP_NOTEBOOK_METADATA = {"kernelspec", "language_info"}
# A cell whose output says which machine ran it: stored without outputs.
REMOVE_OUTPUT = "remove-output"


def clean(nb):
    """Remove everything that changes from run to run, in place; returns nb."""
    nb.metadata = nbformat.from_dict(
        {key: value for key, value in nb.metadata.items() if key in KEEP_NOTEBOOK_METADATA}
    )
    nb.metadata.get("language_info", {}).pop(
        "version", None
    )  # the Python version differs per machine
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict(
            {
                key: value
                for key, value in cell.metadata.items()
                if key in KEEP_CELL_METADATA and value
            }
        )
        if "jupyter" in cell.metadata:
            folded = cell.metadata.jupyter.get("source_hidden")
            cell.metadata.pop("jupyter")
            if folded:
                cell.metadata["jupyter"] = {"source_hidden": True}
        cell.pop("id", None)
        if cell.cell_type != "code":
            continue
        if REMOVE_OUTPUT in cell.metadata.get("tags", []):
            cell.outputs = []
        cell.outputs = merge_streams(cell.outputs)
        for output in cell.outputs:
            output.get("data", {}).pop(WIDGET_VIEW, None)
            output.get("metadata", {}).pop(WIDGET_VIEW, None)
            if "metadata" in output and not output.metadata.get("image/png"):
                output.metadata.pop("image/png", None)
    nb.nbformat, nb.nbformat_minor = 4, 4  # 4.4: no cell ids, so nothing random is written
    return nb


def merge_streams(outputs):
    """Join consecutive pieces of the same stream into one output.

    The kernel sends printed text in pieces whose boundaries depend on timing,
    so one print loop can be stored as one output on one run and as two on the
    next. Joined, the stored notebook is the same every time.
    """
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def start_kernel(client, attempts=3, **kwargs):
    """Start the kernel of an nbclient NotebookClient, again if it dies while starting.

    jupyter_client picks a kernel's five ports by opening and closing them; the kernel binds
    them a moment later. When another kernel starting at the same moment (pytest -n 2) takes one
    of them first, the new kernel exits ("Address already in use") and nbclient raises
    RuntimeError("Kernel died before replying to kernel_info"). A new attempt picks new ports.
    Afterwards client.execute() or client.setup_kernel() runs in this kernel and shuts it down.
    kwargs go to the kernel's start (e.g. cwd=...).
    """
    for attempt in range(1, attempts + 1):
        client.km = client.create_kernel_manager()
        try:
            client.start_new_kernel(**kwargs)
            client.start_new_kernel_client()  # on failure it shuts the kernel down itself
            return client
        except RuntimeError as error:
            if attempt == attempts or "died before replying" not in str(error):
                raise
            print(f"course_tools.execute: {error}; starting the kernel again", file=sys.stderr)


def execute(path, timeout=600):
    """Run the notebook at `path` in a fresh python3 kernel and return it cleaned."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=True,
    )
    start_kernel(client)
    client.execute()
    return clean(nb)


def write(nb, path):
    """Write `nb` in the canonical format JupyterLab also uses (indent 1, final newline)."""
    text = nbformat.writes(nb, version=4)
    Path(path).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="notebooks to re-execute (default: every notebook in notebooks/)",
    )
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for path in paths:  # before the first run: a notebook that cannot be written is not run
        if not path.is_file():
            raise SystemExit(f"{path}: no such notebook.")
        if not os.access(path, os.W_OK):
            raise SystemExit(f"cannot write {path}: it is read-only, so it is not executed.")
    for path in paths:
        print(f"executing {path} ...", flush=True)
        try:
            nb = execute(path)
        except CellExecutionError as error:
            print(error, file=sys.stderr)  # the notebook's own traceback, with the cell's code
            raise SystemExit(
                f"{path}: a cell raised {error.ename} (traceback above); the notebook was not "
                "written."
            ) from None
        try:
            write(nb, path)
        except OSError as error:
            raise SystemExit(f"could not write {path}: {error.strerror}.") from None
    return 0


if __name__ == "__main__":
    sys.exit(main())
