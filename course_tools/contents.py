"""The course's table of contents: one place that names every notebook and gives its time.

The README's contents table, notebook 00's contents, the first cell of every notebook, notebook
12's table of the series and the schedules in INSTRUCTORS.md are all checked against this module
(tests/test_hygiene.py, tests/test_schedule.py, tests/test_build.py), so a notebook cannot be
added, renamed, reordered or lengthened in one place and forgotten in another.

Every notebook's time comes from its size by one rule, the time rule:

    minutes = words / 300 + code cells / 3 + 5 * exercises, rounded to the nearest 5, at least 10

that is, a minute per 300 words of prose (what a room covers while the instructor presents),
20 seconds per code cell (run it, look at its output) and 5 minutes per exercise (the time box
of a short exercise in the room). Words are the markdown outside the folded solutions; an
exercise is a code cell that calls a checker (`checks.<name>(...)`).

After editing notebooks, refresh the times and every text that shows them:

    python -m course_tools.contents           # check: lists what is stale, exit status 1 if any
    python -m course_tools.contents --write   # rewrite MINUTES below, README.md, the notebooks'
                                              # "Time: about ..." lines, 00's and 12's tables
                                              # and the schedules in INSTRUCTORS.md
"""

import json
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"

# --- the time rule ----------------------------------------------------------------------------

WORDS_PER_MINUTE = 300
MINUTES_PER_CODE_CELL = 1 / 3
MINUTES_PER_EXERCISE = 5
ROUND_TO = 5
SHORTEST = 10

SOLUTION = re.compile(r"<details>.*?</details>", re.DOTALL)
CHECK_CALL = re.compile(r"\bchecks\.\w+\(")


class Size(NamedTuple):
    words: int  # words of markdown outside the folded solutions
    code_cells: int
    exercises: int  # code cells that call a checker


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def notebook_size(path):
    """The size of a notebook file, as the time rule counts it. Returns a Size."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    markdown = [_source(cell) for cell in cells if cell["cell_type"] == "markdown"]
    code = [_source(cell) for cell in cells if cell["cell_type"] == "code"]
    return Size(
        words=sum(len(SOLUTION.sub(" ", text).split()) for text in markdown),
        code_cells=len(code),
        exercises=sum(1 for text in code if CHECK_CALL.search(text)),
    )


def estimated_minutes(size):
    """Workshop minutes for a notebook of this Size, by the time rule (module docstring)."""
    raw = (
        size.words / WORDS_PER_MINUTE
        + size.code_cells * MINUTES_PER_CODE_CELL
        + size.exercises * MINUTES_PER_EXERCISE
    )
    return max(SHORTEST, ROUND_TO * int(raw / ROUND_TO + 0.5))  # half-way rounds up


# --- the contents -----------------------------------------------------------------------------

# Minutes per notebook, from the time rule. Written by `python -m course_tools.contents --write`;
# tests/test_schedule.py checks that they follow from the notebook files.
MINUTES = {
    "00_start_here.ipynb": 15,
    "01_what_is_ml.ipynb": 40,
    "02_the_neuron.ipynb": 30,
    "03_forward_pass.ipynb": 35,
    "04_backpropagation.ipynb": 40,
    "05_activation_functions.ipynb": 25,
    "06_loss_functions.ipynb": 25,
    "07_training_in_practice.ipynb": 35,
    "08_overfitting.ipynb": 25,
    "09_regularization.ipynb": 25,
    "10_xor_from_scratch.ipynb": 45,
    "11_playground.ipynb": 40,
    "12_where_next.ipynb": 25,
}


class Notebook(NamedTuple):
    number: int  # position in the series, 0, 1, 2, ...
    file: str  # file name inside notebooks/
    title: str  # the title in the notebook's first heading
    teaches: str  # one line: what the learner builds or learns
    minutes: int  # workshop time, from the time rule


_ENTRIES = [
    (
        "00_start_here.ipynb",
        "Start here",
        "how the series works, an environment check, the contents",
    ),
    (
        "01_what_is_ml.ipynb",
        "What is machine learning?",
        "rules vs learning, regression vs classification, unsupervised learning, representations",
    ),
    (
        "02_the_neuron.ipynb",
        "The neuron",
        "weighted sum + bias + activation, the house-price neuron, a neuron as a linear classifier",
    ),
    (
        "03_forward_pass.ipynb",
        "The forward pass",
        "layers as matrix products, shapes, batching, a hand-wired XOR network",
    ),
    (
        "04_backpropagation.ipynb",
        "Backpropagation",
        "gradient descent, the chain rule, backprop by hand, gradient checking, a tiny autograd",
    ),
    (
        "05_activation_functions.ipynb",
        "Activation functions",
        "the activation zoo, why non-linearity, vanishing gradients, a stable sigmoid",
    ),
    (
        "06_loss_functions.ipynb",
        "Loss functions",
        "MSE, MAE, Huber, cross-entropy, why not MSE for classification, p - y",
    ),
    (
        "07_training_in_practice.ipynb",
        "Training in practice",
        "mini-batches, learning rate, normalisation, initialisation, optimisers",
    ),
    (
        "08_overfitting.ipynb",
        "Overfitting",
        "train/validation/test, under- and overfitting, learning curves, data augmentation",
    ),
    (
        "09_regularization.ipynb",
        "Regularization",
        "L2 weight decay, dropout, early stopping, comparing them honestly over seeds",
    ),
    (
        "10_xor_from_scratch.ipynb",
        "XOR from scratch",
        "a network written by hand in numpy, checked and tested over 100 seeds; "
        "the lecture's network, run and debugged",
    ),
    (
        "11_playground.ipynb",
        "A local Neural Network Playground",
        "an offline playground with guided challenges",
    ),
    (
        "12_where_next.ipynb",
        "Where next",
        "PyTorch, JAX, TensorFlow/Keras, what to learn next, resources",
    ),
]

COURSE = [
    Notebook(number, file, title, teaches, MINUTES[file])
    for number, (file, title, teaches) in enumerate(_ENTRIES)
]


def total_minutes():
    """Total workshop time of the series, in minutes."""
    return sum(notebook.minutes for notebook in COURSE)


def hours_and_minutes(minutes):
    """385 -> '6 h 25 min'; 120 -> '2 h'; 45 -> '45 min'."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest or not hours else [])
    return " ".join(parts)


# --- the schedules in INSTRUCTORS.md ----------------------------------------------------------

# A plan is a list of blocks: a notebook number, or (text, minutes) for a break or a discussion.
# The clock times of the tables in INSTRUCTORS.md are computed from it and the notebooks' minutes.
START = "09:00"
HALF_DAY = [
    0,
    1,
    2,
    ("break", 15),
    3,
    4,
    ("break", 10),
    11,
    ("questions; what to read at home (05–10 and 12, in order)", 10),
]
FULL_DAY = [
    0,
    1,
    2,
    ("break", 15),
    3,
    4,
    5,
    ("lunch", 45),
    6,
    7,
    8,
    ("break", 15),
    9,
    10,
    ("break", 10),
    11,
    12,
]
SCHEDULES = {"Half day": HALF_DAY, "Full day": FULL_DAY}


def _clock(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _blocks(plan, course):
    """(text, minutes) for each block of a plan."""
    for block in plan:
        if isinstance(block, int):
            entry = course[block]
            yield f"[{entry.number:02d} {entry.title}](notebooks/{entry.file})", entry.minutes
        else:
            yield block


def schedule_rows(plan, course=COURSE, start=START):
    """A schedule table's rows, as markdown: | 09:00–09:15 | [00 Start here](...) | 15 min |."""
    hours, minutes = map(int, start.split(":"))
    now, rows = 60 * hours + minutes, []
    for text, length in _blocks(plan, course):
        rows.append(f"| {_clock(now)}–{_clock(now + length)} | {text} | {length} min |")
        now += length
    return rows


def schedule_line(plan, course=COURSE, start=START):
    """The line under a schedule's heading: 'Length: 3 h 55 min, 09:00 to 12:55.'"""
    hours, minutes = map(int, start.split(":"))
    length = sum(minutes for _, minutes in _blocks(plan, course))
    end = 60 * hours + minutes + length
    return f"Length: {hours_and_minutes(length)}, {start} to {_clock(end)}."


# --- the texts that show the times, and how to bring them up to date ---------------------------

TABLE_ROW = re.compile(r"^\| \d\d \| \[.*\|$", re.MULTILINE)  # a row of a contents table
SCHEDULE_ROW = re.compile(r"^\| \d\d:\d\d–\d\d:\d\d \|.*\|$", re.MULTILINE)
SCHEDULE_LINE = re.compile(r"^Length: .*, \d\d:\d\d to \d\d:\d\d\.$", re.MULTILINE)
README_TOTAL = re.compile(r"^About .* in all; one notebook is one block of the lecture\.$", re.M)
START_HERE_TOTAL = re.compile(r"^One notebook is one block of the lecture, .* in all\.$", re.M)
FIRST_CELL_TIME = re.compile(r"Time: about \d+ minutes")


def contents_rows(course=COURSE, link_prefix=""):
    """The contents table: | 00 | [Start here](00_start_here.ipynb) | what it teaches | 15 min |."""
    return [
        f"| {entry.number:02d} | [{entry.title}]({link_prefix}{entry.file}) | {entry.teaches} "
        f"| {entry.minutes} min |"
        for entry in course
    ]


def series_rows(course=COURSE):
    """Notebook 12's table of the series: every notebook before it, without times."""
    return [
        f"| {entry.number:02d} | [{entry.title}]({entry.file}) | {entry.teaches} |"
        for entry in course[:-1]
    ]


def readme_total_line(course=COURSE):
    total = hours_and_minutes(sum(entry.minutes for entry in course))
    return f"About {total} in all; one notebook is one block of the lecture."


def start_here_total_line(course=COURSE):
    times = [entry.minutes for entry in course]
    return (
        f"One notebook is one block of the lecture, {min(times)} to {max(times)} minutes in a "
        f"workshop, about {hours_and_minutes(sum(times))} in all."
    )


def _replace_all(pattern, text, lines, what):
    """Replace the block from the first to the last match of pattern in text by lines."""
    found = list(pattern.finditer(text))
    if not found:
        raise ValueError(f"no {what} found")
    return text[: found[0].start()] + "\n".join(lines) + text[found[-1].end() :]


def _in_markdown_cell(marker, change):
    """An edit of a notebook file: change(text) applied to the markdown cell holding marker.

    The notebook is read and written as JSON the way nbformat writes it (indent 1, no ASCII
    escapes), so nothing else in the file changes.
    """

    def edit(raw):
        nb = json.loads(raw)
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown" and marker in _source(cell):
                new = change(_source(cell))
                if new == _source(cell):
                    return raw
                cell["source"] = new.splitlines(keepends=True)
                return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
        raise ValueError(f"no markdown cell contains {marker!r}")

    return edit


def _minutes_in_source(course):
    def edit(source):
        for entry in course:
            source = re.sub(
                rf'^(    "{re.escape(entry.file)}": )\d+,$',
                rf"\g<1>{entry.minutes},",
                source,
                flags=re.MULTILINE,
            )
        return source

    return edit


def _schedules(course):
    def edit(guide):
        for name, plan in SCHEDULES.items():
            heading = re.search(rf"^### {name}\n", guide, re.MULTILINE)
            if not heading:
                raise ValueError(f"INSTRUCTORS.md has no '### {name}' section")
            end = guide.find("\n### ", heading.end())
            end = len(guide) if end < 0 else end
            section = guide[heading.end() : end]
            section = _replace_all(SCHEDULE_ROW, section, schedule_rows(plan, course), name)
            section = SCHEDULE_LINE.sub(schedule_line(plan, course), section, count=1)
            guide = guide[: heading.end()] + section + guide[end:]
        return guide

    return edit


def edits(root, course):
    """(path, edit) pairs: edit(old text) -> the text the file should have for this course."""
    notebooks = Path(root) / "notebooks"
    yield Path(root) / "course_tools" / "contents.py", _minutes_in_source(course)
    yield (
        Path(root) / "README.md",
        lambda text: README_TOTAL.sub(
            readme_total_line(course),
            _replace_all(TABLE_ROW, text, contents_rows(course, "notebooks/"), "contents table"),
        ),
    )
    for entry in course:
        time = f"Time: about {entry.minutes} minutes"
        yield (
            notebooks / entry.file,
            _in_markdown_cell(
                "Time: about", lambda text, time=time: FIRST_CELL_TIME.sub(time, text, count=1)
            ),
        )
    yield (
        notebooks / course[0].file,
        _in_markdown_cell(
            "## Contents",
            lambda text: START_HERE_TOTAL.sub(
                start_here_total_line(course),
                _replace_all(TABLE_ROW, text, contents_rows(course), "contents table"),
            ),
        ),
    )
    yield (
        notebooks / course[-1].file,
        _in_markdown_cell(
            "what you built or learned",
            lambda text: _replace_all(TABLE_ROW, text, series_rows(course), "series table"),
        ),
    )
    yield Path(root) / "INSTRUCTORS.md", _schedules(course)


def course_from_files(root=ROOT):
    """COURSE with every notebook's minutes computed from its file by the time rule."""
    notebooks = Path(root) / "notebooks"
    return [
        entry._replace(minutes=estimated_minutes(notebook_size(notebooks / entry.file)))
        for entry in COURSE
    ]


def refresh(root=ROOT, write=False):
    """Bring every text that shows a notebook's time in line with the notebook files.

    Returns the files that are stale (write=False) or were rewritten (write=True).
    """
    course = course_from_files(root)
    old, new = {}, {}
    for path, edit in edits(root, course):
        if path not in old:
            old[path] = path.read_text(encoding="utf-8")
        new[path] = edit(new.get(path, old[path]))
    stale = [path for path in old if new[path] != old[path]]
    if write:
        for path in stale:
            path.write_text(new[path], encoding="utf-8")
    return stale


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    write = "--write" in args
    print("notebook                         words  code cells  exercises  minutes")
    for entry in course_from_files():
        size = notebook_size(NOTEBOOK_DIR / entry.file)
        print(
            f"{entry.file:32} {size.words:5d} {size.code_cells:11d} {size.exercises:10d} "
            f"{entry.minutes:8d}"
        )
    stale = refresh(write=write)
    for path in stale:
        print(("rewrote " if write else "stale: ") + str(path.relative_to(ROOT)))
    if not stale:
        print("every time is up to date")
    return 1 if stale and not write else 0


if __name__ == "__main__":
    sys.exit(main())
