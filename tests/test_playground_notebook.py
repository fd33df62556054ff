"""Notebook 11 as a learner uses it: every cell is safe to run twice, and the numbers its prose
quotes for the spiral hold (a smaller sample here; the 50 seeds come from
`python benchmarks/bench_playground.py --spiral`)."""

import nbformat
import numpy as np
from nbclient import NotebookClient

from course_tools.execute import NOTEBOOKS, merge_streams
from course_utils.widgets import Playground

PATH = NOTEBOOKS / "11_playground.ipynb"


def text_of(outputs):
    """What a learner reads in a cell's outputs: printed text and text/plain, not pictures."""
    parts = []
    for output in merge_streams(outputs):  # printed text may arrive in pieces
        if output.output_type == "stream":
            parts.append(output.text)
        elif "data" in output:
            parts.append(output.data.get("text/plain", ""))
        else:
            parts.append(f"{output.output_type}: {output.get('ename', '')}")
    return parts


def test_every_cell_gives_the_same_output_when_run_twice_in_a_row():
    nb = nbformat.read(PATH, as_version=4)
    stored = [text_of(cell.outputs) if cell.cell_type == "code" else None for cell in nb.cells]
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            first = text_of(cell.outputs)
            client.execute_cell(cell, index)
            second = text_of(cell.outputs)
            assert second == first, f"cell {index + 1} changes when run again:\n{first}\n{second}"
            if "nbval-ignore-output" not in cell.metadata.get("tags", []):
                assert first == stored[index], f"cell {index + 1} differs from its stored output"


def epochs_to_reach(seed, losses=(0.1, 0.01), max_epochs=600):
    pg = Playground(
        dataset="spiral", features=["x1", "x2", "sin x1", "sin x2"], hidden=[8, 8, 4], seed=seed
    )
    pg.step(max_epochs)
    test = np.array(pg.history["test_loss"])
    pg.close()
    return [int(np.argmax(test < loss)) + 1 if np.any(test < loss) else None for loss in losses]


def test_the_spiral_takes_what_the_notebook_says():
    """Notebook 11, challenge 3: below 0.1 after about 80 epochs (every seed within 200), below
    0.01 for about half of the seeds after a median of about 260 epochs."""
    results = [epochs_to_reach(seed) for seed in range(5)]
    to_01 = [first for first, _ in results]
    to_001 = [second for _, second in results if second is not None]
    assert all(epoch <= 200 for epoch in to_01) and 50 <= np.median(to_01) <= 150, to_01
    assert len(to_001) >= 2 and 150 <= np.median(to_001) <= 450, to_001
