"""Hygiene rules every notebook in notebooks/ must follow (see CONVENTIONS.md).

Each rule is a function `rule(nb, path) -> list[str]` returning problems, each
naming the cell, so a failing test says what is wrong and where. The rules
are applied to every notebook by test_hygiene.py, and each is shown to fail on
a small bad notebook made in that test.
"""

import re
from pathlib import Path

from course_tools.contents import COURSE

NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
MD_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ATTR = re.compile(r"""(\w+)\s*=\s*["']([^"']*)["']""")
HTML_HREF = re.compile(r"""<a\b[^>]*href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# tags, the slide type and a folded input (course_tools/slides.py checks the last two)
ALLOWED_CELL_METADATA = {"tags", "slideshow", "jupyter"}
ALLOWED_NOTEBOOK_METADATA = {"kernelspec", "language_info"}
UNSEEDED = [
    (
        re.compile(r"np\.random\.seed\s*\("),
        "np.random.seed (use rng = np.random.default_rng(seed))",
    ),
    (
        re.compile(r"np\.random\.(?!default_rng\b|Generator\b)[a-z_]+\s*\("),
        "a global np.random function (use rng = np.random.default_rng(seed))",
    ),
    (re.compile(r"default_rng\(\s*\)"), "default_rng() without a seed"),
    (re.compile(r"^\s*(import random\b|from random import)", re.MULTILINE), "the random module"),
    (
        re.compile(
            r"(?<![\w.])random\.(random|randint|choice|shuffle|uniform|gauss|sample|seed)\s*\("
        ),
        "the random module",
    ),
]
NETWORK_ANY_CELL = [
    (re.compile(r"<iframe", re.IGNORECASE), "an iframe"),
    (re.compile(r"<script[^>]+src\s*=", re.IGNORECASE), "an external script"),
]
NETWORK_CODE = [
    (re.compile(r"\bIFrame\b"), "an IFrame"),
    (re.compile(r"^\s*%%(html|javascript)", re.MULTILINE), "raw HTML/JavaScript"),
    (re.compile(r"\b(urllib|requests|http\.client|socket|urlopen|httpx)\b"), "network access"),
    (re.compile(r"^\s*[!%]\s*(pip|wget|curl|conda)\b", re.MULTILINE), "a download or install"),
]
VOLATILE = [
    (re.compile(r"\b0x[0-9a-f]{6,}\b"), "a memory address"),
    (
        re.compile(r"np\.(float|int)\d+\("),
        "a numpy scalar repr (print with f-strings or round(float(x), 4))",
    ),
    (re.compile(r"(/tmp/|/home/|/root/|C:\\\\Users)"), "a file path"),
]


def cell_name(index, cell):
    return f"cell {index + 1} ({cell.cell_type})"


def links(text):
    """(is_image, alt_or_text, target) for every markdown and HTML link/image in `text`."""
    found = [(bang == "!", label, target) for bang, label, target in MD_LINK.findall(text)]
    for tag in HTML_IMG.findall(text):
        attributes = {key.lower(): value for key, value in HTML_ATTR.findall(tag)}
        found.append((True, attributes.get("alt", ""), attributes.get("src", "")))
    found += [(False, "", href) for href in HTML_HREF.findall(text)]
    return found


def headings(nb):
    """Anchors JupyterLab makes for every markdown heading: 'Key points' -> 'Key-points'."""
    anchors = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                match = re.match(r"#+\s+(.*)", line)
                if match:
                    anchors.add(match.group(1).strip().replace(" ", "-"))
    return anchors


# --- the rules -------------------------------------------------------------


def rule_kernel(nb, path):
    name = nb.metadata.get("kernelspec", {}).get("name")
    return [] if name == "python3" else [f"kernel is {name!r}, must be 'python3'"]


def rule_execution_counts(nb, path):
    counts = [cell.execution_count for cell in nb.cells if cell.cell_type == "code"]
    expected = list(range(1, len(counts) + 1))
    if counts != expected:
        return [
            f"execution counts are {counts}, expected {expected}: re-run it with "
            "`python -m course_tools.execute` (top to bottom, fresh kernel)"
        ]
    return []


def rule_no_errors(nb, path):
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(
                    f"{cell_name(index, cell)} has an error output: {output.ename}: {output.evalue}"
                )
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append(
                    f"{cell_name(index, cell)} wrote to stderr (a warning?): "
                    f"{output.text.strip()[:120]!r}"
                )
    return problems


def rule_clean_metadata(nb, path):
    problems = [
        f"notebook metadata has {key!r}"
        for key in nb.metadata
        if key not in ALLOWED_NOTEBOOK_METADATA
    ]
    for index, cell in enumerate(nb.cells):
        for key in cell.metadata:
            if key not in ALLOWED_CELL_METADATA:
                problems.append(f"{cell_name(index, cell)} has metadata {key!r} (execution noise)")
    return problems


def rule_first_cell(nb, path):
    entry = course_entry(path)
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        return ["first cell must be markdown with title, lecture part, objectives, time and links"]
    text = nb.cells[0].source
    problems = []
    if entry is not None:
        title = f"# {entry.number:02d} · {entry.title}"
        if not text.startswith(title + "\n"):
            problems.append(f"first cell must start with the title line {title!r}")
        if f"Time: about {entry.minutes} minutes" not in text:
            problems.append(
                f"first cell must say 'Time: about {entry.minutes} minutes' (as in contents.py)"
            )
    if "Lecture part:" not in text:
        problems.append("first cell must name the lecture part ('Lecture part: ...')")
    objectives = re.search(r"Learning objectives[^\n]*\n((?:\s*[-*] .+\n?)+)", text)
    if (
        not objectives
        or not 3 <= len(re.findall(r"^\s*[-*] ", objectives.group(1), re.MULTILINE)) <= 5
    ):
        problems.append(
            "first cell must list 3 to 5 learning objectives as bullets under 'Learning objectives'"
        )
    problems += navigation_problems(text, path, "first cell")
    return problems


def rule_last_cell(nb, path):
    if not nb.cells or nb.cells[-1].cell_type != "markdown":
        return ["last cell must be markdown with key points and links"]
    text = nb.cells[-1].source
    problems = []
    if not re.search(r"^#+ Key points\s*\n((?:\s*\n)*\s*[-*] .+)", text, re.MULTILINE):
        problems.append("last cell must have a '## Key points' heading followed by bullets")
    problems += navigation_problems(text, path, "last cell")
    return problems


def rule_links_resolve(nb, path):
    problems = []
    anchors = headings(nb)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for _, _, target in links(cell.source):
            if re.match(
                r"^[a-z]+:", target
            ):  # http:, https:, mailto: ... external, not checked here
                continue
            file_part, _, anchor = target.partition("#")
            if not file_part:
                if anchor and anchor not in anchors:
                    problems.append(
                        f"{cell_name(index, cell)} links to #{anchor}, "
                        "but no heading makes that anchor"
                    )
                continue
            if not (path.parent / file_part.replace("%20", " ")).exists():
                problems.append(
                    f"{cell_name(index, cell)} links to {target!r}, which does not exist"
                )
    return problems


def rule_alt_text(nb, path):
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for is_image, alt, target in links(cell.source):
            if is_image and len(alt.strip()) < 10:
                problems.append(
                    f"{cell_name(index, cell)}: image {target!r} needs alt text describing it"
                )
    return problems


def rule_seeded_randomness(nb, path):
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for pattern, what in UNSEEDED:
                if pattern.search(cell.source):
                    problems.append(f"{cell_name(index, cell)} uses {what}")
    return problems


def rule_no_network(nb, path):
    problems = []
    for index, cell in enumerate(nb.cells):
        patterns = NETWORK_ANY_CELL + (NETWORK_CODE if cell.cell_type == "code" else [])
        for pattern, what in patterns:
            if pattern.search(cell.source):
                problems.append(
                    f"{cell_name(index, cell)} uses {what}: notebooks must work offline"
                )
    return problems


def rule_stable_outputs(nb, path):
    problems = []
    for index, cell in enumerate(nb.cells):
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + [output.get("data", {}).get("text/plain", "")]
            for text in texts:
                for pattern, what in VOLATILE:
                    if pattern.search(text):
                        problems.append(
                            f"{cell_name(index, cell)} output contains {what}, "
                            "which changes between runs"
                        )
    return problems


def rule_ignored_outputs_explained(nb, path):
    problems = []
    for index, cell in enumerate(nb.cells):
        if "nbval-ignore-output" in cell.metadata.get(
            "tags", []
        ) and not cell.source.lstrip().startswith("#"):
            problems.append(
                f"{cell_name(index, cell)} is tagged nbval-ignore-output; its first line must be "
                "a comment saying why its output cannot be compared"
            )
    return problems


def rule_widgets_ignored(nb, path):
    problems = []
    widget_code = re.compile(
        r"\b(interact|interactive|widgets\.|widget_demo|Playground|explorer)\b"
    )
    for index, cell in enumerate(nb.cells):
        code = "\n".join(
            line
            for line in cell.source.splitlines()
            if not line.lstrip().startswith(("import ", "from ", "#"))
        )
        if cell.cell_type == "code" and widget_code.search(code):
            if "nbval-ignore-output" not in cell.metadata.get("tags", []):
                problems.append(
                    f"{cell_name(index, cell)} shows a widget; tag it nbval-ignore-output"
                )
    return problems


# What a bare ipywidgets box stores as its only static output: "HBox(children=(VBox(...".
WIDGET_REPR = re.compile(r"^\s*(\w*Box|interactive)\(children=")


def rule_widgets_readable_without_a_kernel(nb, path):
    """GitHub, nbviewer and the site cannot run a widget: each must store a picture of itself,
    or at least one line saying what it is (course_utils/widgets/picture.py), never its repr."""
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", "")
            if WIDGET_REPR.search("".join(text)):
                problems.append(
                    f"{cell_name(index, cell)} stores a widget as its raw repr, unreadable without "
                    "a kernel: give it a picture (course_utils/widgets/picture.py)"
                )
    return problems


def rule_exercises(nb, path):
    solutions = sum(
        1
        for cell in nb.cells
        if cell.cell_type == "markdown"
        and re.search(r"<details>\s*<summary>\s*Solution", cell.source)
    )
    checks = sum(1 for cell in nb.cells if cell.cell_type == "code" and "checks." in cell.source)
    if solutions < 2 or checks < 2:
        return [
            f"needs at least two exercises, each with a check cell (found {checks}) and a "
            f"<details><summary>Solution</summary> block (found {solutions})"
        ]
    return []


RULES = [
    rule_kernel,
    rule_execution_counts,
    rule_no_errors,
    rule_clean_metadata,
    rule_first_cell,
    rule_last_cell,
    rule_links_resolve,
    rule_alt_text,
    rule_seeded_randomness,
    rule_no_network,
    rule_stable_outputs,
    rule_ignored_outputs_explained,
    rule_widgets_ignored,
    rule_widgets_readable_without_a_kernel,
    rule_exercises,
]


# --- helpers for the navigation rules ----------------------------------------


def course_entry(path):
    for entry in COURSE:
        if entry.file == Path(path).name:
            return entry
    return None


def navigation_problems(text, path, where):
    """The previous / contents / next links a first or last cell must have."""
    entry = course_entry(path)
    if entry is None:
        return [f"{Path(path).name} is not in course_tools/contents.py"]
    targets = [target for _, _, target in links(text)]
    needed = ["00_start_here.ipynb#Contents"]
    if entry.number > 0:
        needed.append(COURSE[entry.number - 1].file)
    if entry.number + 1 < len(COURSE):
        needed.append(COURSE[entry.number + 1].file)
    return [f"{where} must link to {target!r}" for target in needed if target not in targets]


def notebook_names_problems(names):
    """Names must be NN_name.ipynb, numbered 00, 01, ... with no gaps, as in contents.py."""
    problems = []
    for position, name in enumerate(names):
        match = NAME.match(name)
        if not match:
            problems.append(f"{name}: notebook names must look like 'NN_short_name.ipynb'")
            continue
        if int(match.group(1)) != position:
            problems.append(f"{name}: expected number {position:02d} (no gaps, no duplicates)")
        if position >= len(COURSE) or COURSE[position].file != name:
            problems.append(f"{name}: not at position {position} of course_tools/contents.py")
    return problems
