"""The slides made from the notebooks (course_tools/slides.py): every notebook follows the slide
rules, each rule can fail, the vendored reveal.js is intact, and the static slides load nothing
from the internet. How tall each slide is, is measured in Chromium:
tests/browser/test_slides_in_browser.py."""

import hashlib
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course_tools import execute, slides

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_PATHS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("rule", slides.RULES, ids=lambda rule: rule.__name__)
@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda path: path.name)
def test_notebook_follows_slide_rule(path, rule):
    problems = rule(nbformat.read(path, as_version=4), path)
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda path: path.name)
def test_every_notebook_is_a_lecture_of_several_slides(path):
    nb = nbformat.read(path, as_version=4)
    assert len(slides.slides(nb)) >= 4, f"{path.name} has no slides to speak of"


# --- each rule fails on a notebook that breaks it ----------------------------------------------


def picture():
    return new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})


def good_notebook():
    cells = [
        new_markdown_cell("# Title\n\nLearning objectives", metadata={"slideshow": SLIDE}),
        new_code_cell("import numpy as np", metadata={"slideshow": {"slide_type": "skip"}}),
        new_markdown_cell("## 1. A section\n\nOne idea.", metadata={"slideshow": SLIDE}),
        new_code_cell("x = 1\nprint(x)"),
        new_markdown_cell("A long explanation.", metadata={"slideshow": {"slide_type": "notes"}}),
        new_code_cell("\n".join(f"line_{n} = {n}" for n in range(20)), outputs=[picture()]),
        new_markdown_cell("### Exercise 1: try it", metadata={"slideshow": SLIDE}),
        new_markdown_cell("## Key points\n\n- one", metadata={"slideshow": SLIDE}),
    ]
    cells[5].metadata["jupyter"] = {"source_hidden": True}
    return new_notebook(cells=cells)


SLIDE = {"slide_type": "slide"}


def test_the_good_notebook_passes_every_rule():
    nb = good_notebook()
    assert slides.problems(nb) == []
    assert slides.slides(nb) == [[0], [2, 3, 5], [6], [7]]


def break_notebook(how):
    nb = good_notebook()
    cells = nb.cells
    if how == "dash":
        cells[3].metadata["slideshow"] = {"slide_type": "-"}
    elif how == "unknown type":
        cells[3].metadata["slideshow"] = {"slide_type": "sldie"}
    elif how == "extra slideshow key":
        cells[2].metadata["slideshow"]["note"] = "x"
    elif how == "no title slide":
        del cells[0].metadata["slideshow"]
    elif how == "no key points slide":
        cells[-1].metadata["slideshow"] = {"slide_type": "fragment"}
    elif how == "exercise not a slide":
        del cells[6].metadata["slideshow"]
    elif how == "long code":
        cells[3].source = "\n".join(["x = 1"] * 16)
    elif how == "long code unfolded":
        del cells[5].metadata["jupyter"]
    elif how == "folded without picture":
        cells[3].metadata["jupyter"] = {"source_hidden": True}
    elif how == "other jupyter metadata":
        cells[5].metadata["jupyter"]["outputs_hidden"] = True
    elif how == "widget after two cells":
        cells[3].source = "activation_explorer()"
    elif how == "widget not last":
        cells[3].source = "activation_explorer()"
        del cells[2].metadata["slideshow"]
        cells[2].metadata["slideshow"] = {"slide_type": "slide"}
        cells[5].metadata["slideshow"] = {"slide_type": "skip"}
        cells.insert(4, new_code_cell("x = 2"))
    return nb


BREAKAGES = {
    "dash": ("rule_slide_types", 'slide type "-"'),
    "unknown type": ("rule_slide_types", "'sldie'"),
    "extra slideshow key": ("rule_slide_types", "other than slide_type"),
    "no title slide": ("rule_title_and_key_points_slides", "first cell"),
    "no key points slide": ("rule_title_and_key_points_slides", "last cell"),
    "exercise not a slide": ("rule_exercises_start_a_slide", "cell 7"),
    "long code": ("rule_code_fits_a_slide", "cell 4 (code) shows 16 lines"),
    "long code unfolded": ("rule_code_fits_a_slide", "cell 6 (code) shows 20 lines"),
    "folded without picture": ("rule_folded_input_shows_a_picture", "cell 4"),
    "other jupyter metadata": ("rule_folded_input_shows_a_picture", "other than source_hidden"),
    "widget after two cells": ("rule_live_widget_has_its_slide", "cell 4 (code) shows a live"),
    "widget not last": ("rule_live_widget_has_its_slide", "cell 4 (code) shows a live"),
}


@pytest.mark.parametrize("how", BREAKAGES)
def test_each_slide_rule_fails_on_a_notebook_that_breaks_it(how):
    rule_name, message = BREAKAGES[how]
    nb = break_notebook(how)
    failing = {rule.__name__: rule(nb) for rule in slides.RULES if rule(nb)}
    assert set(failing) == {rule_name}, failing
    assert any(message in problem for problem in failing[rule_name]), failing[rule_name]


def test_a_widget_after_its_prompt_ending_its_slide_is_fine():
    nb = good_notebook()
    nb.cells[3].source = "activation_explorer()"
    nb.cells[3].metadata["slideshow"] = {"slide_type": "slide"}
    nb.cells[5].metadata["slideshow"] = {"slide_type": "slide"}
    assert slides.problems(nb) == []
    del nb.cells[4].metadata["slideshow"]  # the notes become part of the widget's slide
    assert slides.rule_live_widget_has_its_slide(nb)


def test_fifteen_lines_of_code_fit_and_skipped_or_noted_code_is_not_on_a_slide():
    nb = good_notebook()
    nb.cells[3].source = "\n".join(["x = 1"] * slides.MAX_CODE_LINES)
    assert slides.problems(nb) == []
    nb.cells[3].source += "\nx = 2"
    for kind in ["skip", "notes"]:
        nb.cells[3].metadata["slideshow"] = {"slide_type": kind}
        assert slides.problems(nb) == []


def test_execute_keeps_the_slide_metadata_and_a_folded_input_only():
    nb = good_notebook()
    nb.cells[5].metadata["jupyter"]["outputs_hidden"] = True
    nb.cells[3].metadata["jupyter"] = {"source_hidden": False}
    nb.cells[3].metadata["collapsed"] = True
    execute.clean(nb)
    assert nb.cells[2].metadata == {"slideshow": SLIDE}
    assert nb.cells[5].metadata == {"jupyter": {"source_hidden": True}}
    assert nb.cells[3].metadata == {}


def test_draft_guesses_a_first_outline_and_leaves_a_notebook_with_slides_alone():
    nb = good_notebook()
    for cell in nb.cells:
        cell.metadata = {}
    nb.cells[4].source = " ".join(["word"] * 100)
    assert slides.draft(nb) > 0
    kinds = [slides.slide_type(cell) for cell in nb.cells]
    assert kinds == ["slide", "skip", "slide", None, "notes", None, "slide", "slide"]
    assert slides.input_folded(nb.cells[5])
    assert slides.problems(nb) == []
    assert slides.draft(nb) == 0  # once a notebook has slides, draft changes nothing
    assert "slide 2" in slides.outline(nb) and "(input folded)" in slides.outline(nb)


# --- the vendored reveal.js and the static slides --------------------------------------------


def test_vendored_reveal_js_matches_its_checksums_and_keeps_its_licence():
    lines = (slides.REVEAL / "SHA256SUMS").read_text().splitlines()
    names = [line.split()[1] for line in lines]
    assert {"LICENSE", "dist/reveal.js", "dist/reveal.css", "plugin/notes/notes.js"} == set(names)
    for line in lines:
        digest, name = line.split()
        assert hashlib.sha256((slides.REVEAL / name).read_bytes()).hexdigest() == digest, name
    assert "Permission is hereby granted, free of charge" in (slides.REVEAL / "LICENSE").read_text()


def test_a_changed_reveal_js_stops_the_build(tmp_path, monkeypatch):
    copy = tmp_path / "reveal.js"
    import shutil

    shutil.copytree(slides.REVEAL, copy)
    (copy / "dist" / "reveal.js").write_text("/* edited */")
    monkeypatch.setattr(slides, "REVEAL", copy)
    with pytest.raises(SystemExit, match="differs from its checksum"):
        slides.verify_reveal()


EXTERNAL = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""")


@pytest.fixture(scope="module")
def static_slides(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    paths = [
        ROOT / "notebooks" / name for name in ["04_backpropagation.ipynb", "11_playground.ipynb"]
    ]
    return site, slides.build_slides(site, paths)


def test_static_slides_load_nothing_from_the_internet(static_slides):
    site, pages = static_slides
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not EXTERNAL.search(html), f"{page.name}: {EXTERNAL.search(html).group(0)}"
        for target in re.findall(r"""<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)""", html):
            assert (page.parent / target.split("?")[0]).is_file(), f"{page.name}: {target}"
    assert (site / "reveal.js" / "LICENSE").is_file()
    assert (site / "reveal.js" / "dist" / "theme" / "course.css").is_file()


def test_static_slides_hide_folded_code_and_keep_notes_for_the_speaker_view(tmp_path):
    path = tmp_path / "99_sample.ipynb"
    nbformat.write(good_notebook(), path)
    (page,) = slides.build_slides(tmp_path / "site", [path])
    html = page.read_text(encoding="utf-8")
    assert "line_19" not in html and "data:image/png;base64,iVBORw0KGgo=" in html
    assert "One idea." in html and re.search(
        r'<aside class="notes">.*A long explanation', html, re.S
    )
    assert "import numpy" not in html  # skipped
    assert html.count("<section") >= 4


def test_slide_links_go_to_slides_and_site_pages():
    text = (
        "[next](05_activation_functions.ipynb) [contents](00_start_here.ipynb#Contents) "
        "[readme](../README.md) [module](../course_utils/model.py) [web](https://example.org) "
        "![fig](../images/x.png)"
    )
    fixed = slides.local_links_to_site(text)
    assert "(05_activation_functions.html)" in fixed
    assert "(00_start_here.html#Contents)" in fixed
    assert "(../README.html)" in fixed and "(../course_utils/model.py.html)" in fixed
    assert "(https://example.org)" in fixed and "(../images/x.png)" in fixed
