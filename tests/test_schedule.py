"""Every notebook's time follows from its size by one rule, and every text that shows it agrees.

The rule lives in course_tools/contents.py (estimated_minutes, notebook_size). These tests
recompute each notebook's time from the notebook file, so editing a notebook without running

    python -m course_tools.contents --write

fails here: the stored minutes, the README's and notebook 00's contents tables, each notebook's
"Time: about N minutes", notebook 12's table of the series and the clock times of the schedules
in INSTRUCTORS.md must all follow from the files.
"""

import json
import re
import shutil
from pathlib import Path

import pytest

from course_tools import contents
from course_tools.contents import COURSE, MINUTES, Size, estimated_minutes, notebook_size

ROOT = Path(__file__).resolve().parent.parent
FIX = "run `python -m course_tools.contents --write`"


@pytest.mark.parametrize(
    "size, minutes",
    [
        (Size(words=3000, code_cells=30, exercises=3), 35),  # 10 + 10 + 15
        (Size(words=3750, code_cells=0, exercises=0), 15),  # 12.5: half-way rounds up
        (Size(words=3690, code_cells=0, exercises=0), 10),  # 12.3 rounds down
        (Size(words=300, code_cells=3, exercises=0), 10),  # 2: never below 10 minutes
        (Size(words=4803, code_cells=46, exercises=3), 45),  # 16.0 + 15.3 + 15 = 46.3
        (Size(words=0, code_cells=0, exercises=8), 40),
    ],
)
def test_the_time_rule(size, minutes):
    assert estimated_minutes(size) == minutes


def _notebook(tmp_path, cells):
    path = tmp_path / "99_example.ipynb"
    path.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4}),
        encoding="utf-8",
    )
    return path


def test_notebook_size_counts_prose_code_cells_and_exercises(tmp_path):
    path = _notebook(
        tmp_path,
        [
            {"cell_type": "markdown", "metadata": {}, "source": ["# A title\n", "one two three"]},
            {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": []},
            {"cell_type": "code", "metadata": {}, "source": "checks.square_all(f)", "outputs": []},
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": "four <details><summary>Solution</summary>\n\nnot counted\n</details>",
            },
            {"cell_type": "code", "metadata": {}, "source": "print('checks')", "outputs": []},
        ],
    )
    # words split on white space: "#", "A", "title", "one", "two", "three", "four"
    assert notebook_size(path) == Size(words=7, code_cells=3, exercises=1)


def test_every_notebook_time_follows_the_rule():
    wrong = []
    for entry in COURSE:
        size = notebook_size(ROOT / "notebooks" / entry.file)
        if estimated_minutes(size) != MINUTES[entry.file]:
            wrong.append(
                f"{entry.file}: {size} gives {estimated_minutes(size)} min, "
                f"contents.py says {MINUTES[entry.file]}"
            )
    assert not wrong, "; ".join(wrong) + f": {FIX}"


def test_every_text_that_shows_a_time_is_up_to_date():
    stale = contents.refresh(ROOT, write=False)
    names = [str(path.relative_to(ROOT)) for path in stale]
    assert not names, f"these files show stale times: {names}: {FIX}"


def test_the_refresh_command_rewrites_what_is_stale(tmp_path):
    for name in ["README.md", "INSTRUCTORS.md"]:
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    (tmp_path / "course_tools").mkdir()
    shutil.copy(ROOT / "course_tools" / "contents.py", tmp_path / "course_tools" / "contents.py")
    entry = COURSE[9]
    right = f"{entry.minutes} min"
    for name, old, new in [
        (
            f"notebooks/{entry.file}",
            f"Time: about {entry.minutes} minutes",
            "Time: about 99 minutes",
        ),
        ("README.md", f"| {entry.teaches} | {right} |", f"| {entry.teaches} | 99 min |"),
        ("INSTRUCTORS.md", f"{entry.title}](notebooks/{entry.file}) | {right} |", "x | 99 min |"),
        ("course_tools/contents.py", f'"{entry.file}": {entry.minutes},', f'"{entry.file}": 99,'),
    ]:
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} does not contain {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    stale = {str(path.relative_to(tmp_path)) for path in contents.refresh(tmp_path)}
    assert {
        f"notebooks/{entry.file}",
        "README.md",
        "INSTRUCTORS.md",
        "course_tools/contents.py",
    } <= stale
    contents.refresh(tmp_path, write=True)
    assert contents.refresh(tmp_path) == []
    for name in ["README.md", "INSTRUCTORS.md", f"notebooks/{entry.file}"]:
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "99 min" not in text, name
    notebook = (tmp_path / "notebooks" / entry.file).read_text(encoding="utf-8")
    assert f"Time: about {entry.minutes} minutes" in notebook
    # the rewrite keeps the notebook's JSON exactly as nbformat writes it
    assert notebook == json.dumps(json.loads(notebook), indent=1, ensure_ascii=False) + "\n"


def test_the_schedules_run_without_gaps_and_the_full_day_holds_every_notebook():
    for plan in contents.SCHEDULES.values():
        rows = contents.schedule_rows(plan)
        times = [re.match(r"\| (\d\d:\d\d)–(\d\d:\d\d) \|", row).groups() for row in rows]
        assert times[0][0] == contents.START
        assert all(end == following for (_, end), (following, _) in zip(times, times[1:]))
        assert contents.schedule_line(plan).endswith(f"to {times[-1][1]}.")
    in_full_day = [block for block in contents.FULL_DAY if isinstance(block, int)]
    assert in_full_day == [entry.number for entry in COURSE]


@pytest.mark.parametrize(
    "minutes, text", [(385, "6 h 25 min"), (120, "2 h"), (45, "45 min"), (0, "0 min")]
)
def test_hours_and_minutes(minutes, text):
    assert contents.hours_and_minutes(minutes) == text
