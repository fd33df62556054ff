"""The workshop hand-outs built by course_tools.build: learner copies and the offline site.

Learner copies: a complete hand-out (course.py, the learner pins, course_utils, its own
README whose links all resolve); every notebook is copied; no solution text is left (each
solution block's own lines are absent, cells tagged `solution` are left out, and no code
cell repeats the settings of a solution); exercise outputs are cleared; everything else is
unchanged; and three representative copies (00, 02, 04: function exercises and value
exercises) run top to bottom in a fresh kernel, each unsolved exercise answering "not done
yet" with no traceback. Running every copy would take about a minute; the three cover every
kind of exercise cell. (tests/test_course_py.py runs the hand-out's own set-up.)

Rebuilding never loses work: a folder changed since its build is refused, with the way out.

Site: built once into a temporary folder; every page, link, anchor and image is checked, and
no page loads anything from the internet (scripts, stylesheets, fonts, images).
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from course_tools import build
from course_tools.contents import COURSE
from course_tools.execute import execute

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = build.course_notebooks()
LEARNER_RUNS = ["00_start_here.ipynb", "02_the_neuron.ipynb", "04_backpropagation.ipynb"]


def read(path):
    return nbformat.read(path, as_version=4)


# --- removing solutions: the rule itself --------------------------------------------------


def test_remove_solutions_keeps_the_text_around_the_block():
    text = (
        "Intro.\n\n<details><summary>Solution</summary>\n\n```python\nx = 42\n```\n</details>\n\n"
        "### Exercise 2\n\nDo more."
    )
    result = build.remove_solutions(text)
    assert "x = 42" not in result and "<details>" not in result
    assert result.startswith("Intro.") and result.endswith("### Exercise 2\n\nDo more.")
    assert build.SOLUTION_NOTE in result


def test_remove_solutions_keeps_other_details_blocks():
    text = "<details><summary>Hint</summary>Use x @ w.</details>"
    assert build.remove_solutions(text) == text


@pytest.mark.parametrize(
    "source, exercise",
    [
        ("def f(x):\n    return ...  # your code here", True),
        ("z_answer = ...  # your number here", True),
        ("def g(X):\n    ...  # your code here", True),
        ("checks.neuron_function(neuron)", True),
        ("print(X[..., 0])", False),
        ("plt.show()", False),
    ],
)
def test_exercise_cells_are_recognised(source, exercise):
    assert build.is_exercise_cell(nbformat.v4.new_code_cell(source)) is exercise


def test_a_folder_not_made_by_the_build_is_never_deleted(tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(SystemExit, match="not made by course_tools.build"):
        build.fresh_folder(tmp_path)
    with pytest.raises(SystemExit, match="not made by course_tools.build"):
        build.fresh_folder(tmp_path, force=True)
    assert (tmp_path / "precious.txt").exists()


def test_a_rebuild_keeps_what_a_learner_changed_and_says_the_way_out(tmp_path):
    out = tmp_path / "learner_copies"
    one = [NOTEBOOKS[0]]
    build.build_learner(out, notebooks=one)
    build.build_learner(out, notebooks=one)  # unchanged since built: rebuilt quietly
    notebook = out / "notebooks" / NOTEBOOKS[0].name
    notebook.write_text(notebook.read_text().replace("your code here", "my answer"))
    (out / "notebooks" / "my_notes.ipynb").write_text("{}")
    with pytest.raises(SystemExit) as refused:
        build.build_learner(out, notebooks=one)
    message = str(refused.value.code)
    assert len(message.splitlines()) == 1
    for words in [f"notebooks/{NOTEBOOKS[0].name} changed", "my_notes.ipynb added"]:
        assert words in message
    assert "--force" in message and "--out" in message
    assert "my answer" in notebook.read_text() and (out / "notebooks" / "my_notes.ipynb").exists()
    (out / "README.md").unlink()
    with pytest.raises(SystemExit, match="README.md deleted"):
        build.fresh_folder(out)
    build.build_learner(out, notebooks=one, force=True)
    assert "my answer" not in notebook.read_text() and build.changes_since_build(out) == []


def test_the_command_line_refuses_in_one_line_and_accepts_force(tmp_path, capsys):
    out = tmp_path / "copies"
    assert build.main(["learner", "--out", str(out)]) == 0
    (out / "extra.txt").write_text("mine")
    with pytest.raises(SystemExit) as refused:
        build.main(["learner", "--out", str(out)])
    assert "extra.txt added" in str(refused.value.code)
    assert build.main(["learner", "--out", str(out), "--force"]) == 0
    assert not (out / "extra.txt").exists()


# --- solutions left out: cells tagged `solution` -----------------------------------------------


def test_cells_tagged_solution_are_left_out_and_a_run_of_them_becomes_one_note():
    def cell(kind, source, tags=()):
        new = getattr(nbformat.v4, f"new_{kind}_cell")(source)
        new.metadata["tags"] = list(tags)
        return new

    nb = nbformat.v4.new_notebook(
        cells=[
            cell("markdown", "## Challenge"),
            cell("code", "pg = Playground()"),
            cell("markdown", "## What the solved challenges look like"),
            cell("code", "solved = Playground(hidden=[4])", ["solution", "nbval-ignore-output"]),
            cell("code", "solved.figure()", ["solution"]),
            cell("markdown", "## How it works"),
            cell("code", "answer = 42", ["solution"]),
        ]
    )
    copy = build.learner_notebook(nb)
    sources = [cell.source for cell in copy.cells]
    assert sources == [
        "## Challenge",
        "pg = Playground()",
        "## What the solved challenges look like",
        build.SOLUTION_CELLS_NOTE,
        "## How it works",
        build.SOLUTION_CELLS_NOTE,
    ]
    assert len(nb.cells) == 7, "the original stays as it was"


# --- learner copies -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def learner_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("learner") / "learner_copies"
    build.build_learner(out)
    return out


def solution_lines(nb):
    """Lines of the notebook's solution blocks that appear nowhere else in the notebook (not
    even inside another line): if one of them is in the learner copy, solution text has leaked."""
    blocks = [
        block
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for block in build.solution_blocks(cell.source)
    ]
    elsewhere = "\n".join(build.remove_solutions(cell.source) for cell in nb.cells)
    lines = {line.strip() for block in blocks for line in block.splitlines()}
    return {
        line
        for line in lines
        if len(line) > 3 and line not in elsewhere and not line.startswith(("<", "```"))
    }


def test_every_notebook_is_copied_with_its_images(learner_dir):
    assert NOTEBOOKS, "no notebooks found"
    assert sorted(p.name for p in (learner_dir / "notebooks").glob("*.ipynb")) == [
        p.name for p in NOTEBOOKS
    ]
    for image in (ROOT / "images").iterdir():
        assert (learner_dir / "images" / image.name).read_bytes() == image.read_bytes()


def test_the_hand_out_is_complete_without_the_maintainers_tools(learner_dir):
    for name in ["course.py", "requirements.txt", "pyproject.toml", "LICENSE"]:
        assert (learner_dir / name).read_bytes() == (ROOT / name).read_bytes(), name
    package = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "course_utils").rglob("*.py")
        if "__pycache__" not in path.parts
    )
    copied = sorted(
        path.relative_to(learner_dir).as_posix()
        for path in (learner_dir / "course_utils").rglob("*.py")
    )
    assert copied == package
    for absent in ["course_tools", "tests", "requirements-test.txt", ".ci", "INSTRUCTORS.md"]:
        assert not (learner_dir / absent).exists(), f"{absent} does not belong in a hand-out"
    assert "playwright" not in (learner_dir / "requirements.txt").read_text()


def test_the_hand_out_readme_names_the_two_commands_and_every_link_resolves(learner_dir):
    import course

    readme = (learner_dir / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["python3 course.py setup", "python3 course.py lab"]
    learners = {name for name, (group, _) in course.COMMANDS.items() if group == "learners"}
    assert {command.split()[-1] for command in commands} == learners
    assert "solution" in readme.lower() and "internet" in readme
    broken = [target for target in build.local_links(readme) if not (learner_dir / target).exists()]
    assert not broken, f"README links to files the hand-out lacks: {broken}"
    for path in (learner_dir / "notebooks").glob("*.ipynb"):
        for cell in read(path).cells:
            if cell.cell_type == "markdown":
                for target in build.local_links(cell.source):
                    assert (path.parent / target).exists(), f"{path.name}: {target}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_learner_copy_has_no_solution_text(learner_dir, path):
    original = read(path)
    copy_text = (learner_dir / "notebooks" / path.name).read_text(encoding="utf-8")
    copy = read(learner_dir / "notebooks" / path.name)
    n_blocks = sum(len(build.solution_blocks(cell.source)) for cell in original.cells)
    assert n_blocks >= 2, f"{path.name}: expected at least two solution blocks in the original"
    assert not re.search(r"<summary>\s*Solution", copy_text, re.IGNORECASE)
    assert sum(cell.source.count(build.SOLUTION_NOTE) for cell in copy.cells) == n_blocks
    lines = solution_lines(original)
    assert lines, f"{path.name}: found no solution lines to look for"
    sources = "\n".join(cell.source for cell in copy.cells)
    left = sorted(line for line in lines if line in sources)
    assert not left, f"{path.name}: solution text left in the learner copy: {left}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_learner_copy_clears_exercise_outputs_and_keeps_the_rest(learner_dir, path):
    original, copy = read(path), read(learner_dir / "notebooks" / path.name)
    expected = []  # the original's cells as the copy should have them, solution cells as notes
    for cell in original.cells:
        if not build.is_solution_cell(cell):
            expected.append(cell)
        elif not expected or expected[-1] != "note":
            expected.append("note")
    assert len(copy.cells) == len(expected)
    n_checks = 0
    for before, after in zip(expected, copy.cells):
        if before == "note":
            assert after.cell_type == "markdown" and after.source == build.SOLUTION_CELLS_NOTE
            continue
        assert before.cell_type == after.cell_type
        if before.cell_type == "markdown":
            assert after.source == build.remove_solutions(before.source)
        elif build.is_exercise_cell(before):
            n_checks += "checks." in before.source
            assert after.source == before.source, (
                "the exercise cell (with its `...`) must stay as it is"
            )
            assert after.outputs == [] and after.execution_count is None
        else:
            assert after == before, "cells outside the exercises must be copied unchanged"
    assert n_checks >= 2, f"{path.name}: expected at least two check cells"

    def placeholders(nb):
        return sum(cell.source.count("...") for cell in nb.cells if cell.cell_type == "code")

    kept = sum(
        cell.source.count("...") for cell in expected if cell != "note" and cell.cell_type == "code"
    )
    assert placeholders(copy) == kept > 0, "the learner's `...` placeholders stay"


def literal_keywords(node):
    """The keyword arguments of a call whose values are literals, as a dict."""
    found = {}
    for keyword in node.keywords:
        try:
            found[keyword.arg] = ast.literal_eval(keyword.value)
        except ValueError:
            pass
    return found


def calls(source):
    """(function name, literal keyword arguments) of every call in Python source."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    result = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            result.append((name, literal_keywords(node)))
    return result


def solution_settings(nb):
    """The settings a solution block passes to a call: {keyword: value}, two or more of them."""
    settings = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for block in build.solution_blocks(cell.source):
            for code in re.findall(r"```python\n(.*?)```", block, re.DOTALL):
                settings += [kw for _, kw in calls(code) if len(kw) >= 2]
    return settings


def repeats(call, solution):
    """True if a call passes a solution's settings: the same values for the keywords they
    share, at least two of them beside the data set's name, one a list (layer sizes, features;
    flags like axis=1, keepdims=True alone are idioms, not settings)."""
    shared = set(call) & set(solution)
    return (
        len(shared - {"dataset"}) >= 2
        and any(isinstance(call[key], list) for key in shared)
        and all(call[key] == solution[key] for key in shared)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_no_code_cell_of_a_learner_copy_repeats_a_solutions_settings(learner_dir, path):
    """Notebook 11's solved playgrounds (cells that show each challenge solved) would hand
    out the answers to challenges 1 to 3: such cells must be tagged `solution`."""
    solutions = solution_settings(read(path))
    copy = read(learner_dir / "notebooks" / path.name)
    leaks = [
        f"cell {index + 1}: {name}({kw})"
        for index, cell in enumerate(copy.cells)
        if cell.cell_type == "code"
        for name, kw in calls(cell.source)
        if any(repeats(kw, solution) for solution in solutions)
    ]
    assert not leaks, f"{path.name}: the learner copy repeats solution settings: {leaks}"


@pytest.mark.slow
@pytest.mark.parametrize("name", LEARNER_RUNS)
def test_learner_copy_runs_top_to_bottom_and_says_not_done_yet(learner_dir, name):
    nb = execute(learner_dir / "notebooks" / name)
    problems, n_checks = [], 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if output.output_type == "error" or output.get("name") == "stderr":
                problems.append(
                    f"cell {index}: {output.get('ename') or output.get('text', '')[:200]}"
                )
        if build.CHECK_CALL.search(cell.source):
            n_checks += 1
            text = "".join(
                output.get("data", {}).get("text/plain", output.get("text", ""))
                for output in cell.outputs
            )
            if "not done yet" not in text or "Traceback" in text:
                problems.append(f"cell {index}: the check says {text[:200]!r}, not 'not done yet'")
    assert n_checks >= 2
    assert not problems, f"{name}: " + "; ".join(problems)


# --- the site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    build.build_site(out)
    return out


class Page(HTMLParser):
    """What a page refers to: ids, links, and every resource it would load."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.resources, self.styles = set(), [], [], []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        for key in ("src", "data", "poster"):
            if attrs.get(key):
                self.resources.append((tag, attrs[key]))
        if tag == "link" and attrs.get("href"):
            self.resources.append((tag, attrs["href"]))
        if attrs.get("style"):
            self.styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def pages_of(site):
    return sorted(site.rglob("*.html"))


def parse(path, cache={}):
    if path not in cache:
        cache[path] = Page(path.read_text(encoding="utf-8"))
    return cache[path]


def not_yet_written(target):
    """A page of a notebook that is in the contents but not written yet (tolerated while it is
    being written)."""
    return (
        target.parent.name == "notebooks"
        and target.suffix == ".html"
        and any(entry.file == target.with_suffix(".ipynb").name for entry in COURSE)
        and not (ROOT / "notebooks" / target.with_suffix(".ipynb").name).exists()
    )


def test_site_has_a_page_per_notebook_a_contents_page_images_and_mathjax(site):
    assert build.changes_since_build(site) == [], "the site records what it wrote"
    pages = {path.relative_to(site).as_posix() for path in pages_of(site)}
    assert "index.html" in pages
    for path in NOTEBOOKS:
        assert f"notebooks/{path.stem}.html" in pages
    index = (site / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f'href="notebooks/{path.stem}.html"' in index
    for image in (ROOT / "images").iterdir():
        assert (site / "images" / image.name).exists()
    assert (site / "mathjax" / "MathJax.js").exists() and (site / "mathjax" / "LICENSE").exists()
    for relative in build.mathjax_paths():
        assert (site / "mathjax" / relative).exists()
    size = sum(file.stat().st_size for file in (site / "mathjax").rglob("*") if file.is_file())
    assert size < 5e6, f"the MathJax copy should stay small, is {size / 1e6:.1f} MB"


def test_every_page_has_previous_contents_next_navigation(site):
    for index, path in enumerate(NOTEBOOKS):
        page = parse(site / "notebooks" / f"{path.stem}.html")
        assert page.links.count("../index.html") >= 2, (
            f"{path.name}: contents link at top and bottom"
        )
        if index > 0:
            assert f"{NOTEBOOKS[index - 1].stem}.html" in page.links
        if index + 1 < len(NOTEBOOKS):
            assert f"{NOTEBOOKS[index + 1].stem}.html" in page.links


def test_every_link_and_anchor_resolves(site):
    problems = []
    for path in pages_of(site):
        page = parse(path)
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme in {"http", "https", "mailto"}:
                continue  # a link to the web: fine to follow when online, never loaded by the page
            assert not parts.scheme, f"{path.name}: unexpected link {href}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            name = f"{path.relative_to(site)}: {href}"
            if target.suffix == ".ipynb":
                problems.append(f"{name} (a link to a notebook, not to its page)")
            elif not target.exists():
                if not not_yet_written(target):
                    problems.append(f"{name} (missing)")
            elif (
                parts.fragment
                and target.suffix == ".html"  # browsers try the fragment as it is, then decoded
                and not {parts.fragment, unquote(parts.fragment)} & parse(target).ids
            ):
                problems.append(f"{name} (no such anchor)")
    assert not problems, "broken links:\n" + "\n".join(problems)


def test_every_image_and_script_is_local_and_exists(site):
    problems = []
    for path in pages_of(site):
        page = parse(path)
        for tag, url in page.resources:
            if url.startswith("data:"):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                problems.append(f"{path.relative_to(site)}: <{tag}> loads {url}")
            elif not (path.parent / unquote(parts.path)).exists():
                problems.append(f"{path.relative_to(site)}: <{tag}> {url} is missing")
        for style in page.styles:
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", style):
                if not url.startswith("data:") and (urlsplit(url).scheme or url.startswith("//")):
                    problems.append(f"{path.relative_to(site)}: a style loads {url}")
            if "@import" in style:
                problems.append(f"{path.relative_to(site)}: a style uses @import")
    assert not problems, "\n".join(problems)


def test_no_page_refers_to_an_external_script_or_cdn(site):
    for path in pages_of(site):
        text = re.sub(
            r"data:[^\"')\s]+", "data:", path.read_text(encoding="utf-8")
        )  # base64 can spell anything
        for pattern in [
            r"<script[^>]+src=[\"']?(https?:)?//",
            r"<link[^>]+href=[\"']?(https?:)?//",
            r"cdnjs|cdn\.|unpkg|jsdelivr|googleapis|require\.min\.js|mermaid\.esm",
        ]:
            match = re.search(pattern, text, re.IGNORECASE)
            assert not match, (
                f"{path.relative_to(site)}: refers to {text[match.start() : match.end() + 60]!r}"
            )


def test_pages_load_the_local_mathjax_and_keep_the_maths_for_it(site):
    page = (site / "notebooks" / "04_backpropagation.html").read_text(encoding="utf-8")
    assert '<script src="../mathjax/MathJax.js?config=' in page
    assert "$$" in page or "\\(" in page, "the maths should reach the page for MathJax to typeset"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<script src="mathjax/MathJax.js?config=' in index


def test_widget_outputs_become_a_note_and_figures_are_embedded(site):
    page = (site / "notebooks" / "02_the_neuron.html").read_text(encoding="utf-8")
    assert "An interactive widget appears here" in page and "HBox(children=" not in page
    assert page.count('src="data:image/png;base64,') >= 3
    assert 'src="../images/neuron_computation.png"' in page


# --- the instructor guide and the README stay in step with the course ----------------------

GUIDE = ROOT / "INSTRUCTORS.md"
SCHEDULE_ROW = re.compile(
    r"^\|\s*(\d\d):(\d\d)–(\d\d):(\d\d)\s*\|\s*(.*?)\s*\|\s*(\d+) min\s*\|\s*$", re.MULTILINE
)


def schedules():
    """Each schedule table of INSTRUCTORS.md as a list of (start, end, block, minutes), times in
    minutes."""
    text = GUIDE.read_text(encoding="utf-8")
    tables = []
    for section in re.split(r"^### ", text, flags=re.MULTILINE):
        rows = [
            (int(h1) * 60 + int(m1), int(h2) * 60 + int(m2), block, int(minutes))
            for h1, m1, h2, m2, block, minutes in SCHEDULE_ROW.findall(section)
        ]
        if rows:
            tables.append(rows)
    return tables


def test_guide_schedules_add_up_and_use_the_notebook_times():
    tables = schedules()
    assert len(tables) == 2, "a half-day and a full-day schedule"
    minutes = {entry.file: entry.minutes for entry in COURSE}
    for rows in tables:
        for (start, end, block, length), following in zip(rows, rows[1:] + [None]):
            assert end - start == length, f"{block}: {length} min does not fit its times"
            if following:
                assert following[0] == end, f"a gap or an overlap after {block}"
            link = re.search(r"\(notebooks/(\w+\.ipynb)\)", block)
            if link:
                assert length == minutes[link.group(1)], (
                    f"{block}: contents.py says {minutes[link.group(1)]} min"
                )
    full_day = [re.search(r"\(notebooks/(\w+\.ipynb)\)", row[2]) for row in tables[1]]
    assert [match.group(1) for match in full_day if match] == [entry.file for entry in COURSE], (
        "the full day covers every notebook, in order"
    )


def test_guide_covers_every_notebook_and_every_exercise():
    text = GUIDE.read_text(encoding="utf-8")
    for entry in COURSE:
        assert f"\n### {entry.number:02d} {entry.title}\n" in text, (
            f"no section for notebook {entry.number:02d}"
        )
    missing = []
    for path in NOTEBOOKS:
        for cell in read(path).cells:
            for name in re.findall(
                r"\bchecks\.(\w+)\(", cell.source if cell.cell_type == "code" else ""
            ):
                if f"`{name}`" not in text:
                    missing.append(f"{path.name}: {name}")
    assert not missing, f"exercises the instructor guide does not mention: {missing}"


def test_readme_and_course_py_point_to_the_three_tools():
    import course

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Teaching with this course", 1)[1].split("\n## ", 1)[0]
    for needed in [
        "(INSTRUCTORS.md)",
        "python3 course.py learner",
        "python3 course.py site",
        "learner_copies/",
        "site/",
    ]:
        assert needed in section
    assert "python3 course.py learner" in course.usage()
    assert "python3 course.py site" in course.usage()
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "learner_copies/" in ignored and "site/" in ignored
