"""The slides in Chromium at a projector's 1280 x 720.

Static slides (site/slides/, reveal.js, no kernel): every slide of every notebook, all its
fragments shown, is at most slides.FIT_HEIGHT (720 less a margin for JupyterLab's slightly taller
layout) pixels tall at the course's slide fonts, its images load, and the page asks for nothing
outside the site folder.

Live slides (`python3 course.py present`: JupyterLab with jupyterlab-slideshow's deck mode and the
settings course_tools/slides.py gives it): two notebooks are presented; the test steps through
every slide, checks that each shows the cells the metadata puts on it, runs a code cell from its
slide, checks a live widget on its slide, and saves a screenshot of each slide to
screenshots/slides/. Skipped with a one-line reason when jupyterlab-slideshow is not installed
(`python3 course.py present` installs it), unless COURSE_REQUIRE_BROWSER=1.
"""

import shutil
import time
from pathlib import Path

import nbformat
import pytest
from conftest import skip_or_fail
from lab_driver import ALL_RUN, KERNEL_READY, SCREENSHOTS, LabServer, copy_course, run_command
from slides_driver import (
    DECK_ACTIVE,
    PRESENT_SETTINGS,
    SCREEN,
    deck_height,
    deck_slide,
    measure_static_slides,
    open_static_slides,
    write_settings,
)

from course_tools import slides

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_PATHS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LOCAL = ("data:", "blob:", "about:")


@pytest.fixture
def screen_page(browser):
    context = browser.new_context(viewport={"width": SCREEN[0], "height": SCREEN[1]})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def static_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    slides.build_slides(site, NOTEBOOK_PATHS)
    return site


def too_tall(page, deck, nb):
    """Problems of one static deck: slides taller than the screen, images that did not load."""
    problems = []
    measured = measure_static_slides(page)
    groups = slides.slides(nb)
    if len(measured) != len(groups):
        return [f"{len(measured)} slides in the page, {len(groups)} in the metadata"]
    for number, (slide, cells) in enumerate(zip(measured, groups), start=1):
        if slide["height"] > slides.FIT_HEIGHT:
            reach = ", ".join(
                f"cell {cell + 1} ends at {bottom:.0f}"
                for cell, bottom in zip(cells, slide["bottoms"])
            )
            problems.append(f"slide {number} is {slide['height']:.0f} px tall ({reach})")
        problems += [f"slide {number}: image did not load: {src[:80]}" for src in slide["images"]]
    return problems


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda path: path.name)
def test_static_slides_fit_the_screen_and_stay_offline(screen_page, static_site, path):
    requests = []
    screen_page.on("request", lambda request: requests.append(request.url))
    deck = static_site / "slides" / (path.stem + ".html")
    open_static_slides(screen_page, deck)
    problems = too_tall(screen_page, deck, nbformat.read(path, as_version=4))
    site = static_site.as_uri()
    outside = [url for url in requests if not url.startswith((site + "/", *LOCAL))]
    assert not outside, f"{path.name}: requests outside the site folder: {outside[:5]}"
    assert not problems, f"{path.name}: " + "; ".join(problems)


def test_a_slide_taller_than_the_screen_is_caught(screen_page, tmp_path):
    from nbformat.v4 import new_markdown_cell, new_notebook

    cells = [
        new_markdown_cell("# Title", metadata={"slideshow": {"slide_type": "slide"}}),
        new_markdown_cell("## Long\n\n" + "\n\n".join(f"Paragraph {n}." for n in range(30))),
        new_markdown_cell("## Key points", metadata={"slideshow": {"slide_type": "slide"}}),
    ]
    path = tmp_path / "99_tall.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    (deck,) = slides.build_slides(tmp_path / "site", [path])
    open_static_slides(screen_page, deck)
    problems = too_tall(screen_page, deck, nbformat.read(path, as_version=4))
    assert len(problems) == 1 and problems[0].startswith("slide 1 is "), problems
    assert "cell 2 ends at" in problems[0]


# --- live: JupyterLab with jupyterlab-slideshow --------------------------------------------------

# Two notebooks presented slide by slide: maths and code (04), formulas and figures (06). Notebook
# 05's widget is tested on its slide below; after Run All, 05 shows the activation explorer's plot a
# second time, in the output of the later vanishing-gradient figure cell (course_utils's widget,
# not the slides), which makes that slide too tall.
PRESENTED = ["04_backpropagation.ipynb", "06_loss_functions.ipynb"]


@pytest.fixture(scope="module")
def present_lab(tmp_path_factory, chromium_path):
    try:
        import jupyterlab_slideshow  # noqa: F401
    except ImportError:
        skip_or_fail(
            "jupyterlab-slideshow is not installed: live-slide tests skipped "
            "(python3 course.py present installs it)"
        )
    root = copy_course(tmp_path_factory.mktemp("present"))
    server = LabServer(root)
    write_settings(root / ".lab-settings", PRESENT_SETTINGS)
    yield server
    server.stop()


def step_through(page, nb, name):
    """Press → until the last slide; returns the cells shown on each slide, in order, and
    saves a screenshot of each slide."""
    shown, heights = [], []
    folder = SCREENSHOTS / "slides" / name.replace(".ipynb", "")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for _ in range(len(nb.cells) + 5):
        cells = deck_slide(page)
        if not shown or cells != shown[-1]:
            shown.append(cells)
            heights.append(deck_height(page))
            page.screenshot(path=str(folder / f"slide_{len(shown):02d}.png"))
        if cells and cells[-1] == slides.slides(nb)[-1][-1]:
            break
        page.keyboard.press("ArrowRight")
        time.sleep(0.4)
    return shown, heights


def go_to_cell(page, index):
    page.evaluate(
        f"() => {{ window.jupyterapp.shell.currentWidget.content.activeCellIndex = {index}; }}"
    )
    time.sleep(0.5)


def execution_count(page, index):
    return page.evaluate(
        f"() => window.jupyterapp.shell.currentWidget.content.widgets[{index}].model.executionCount"
    )


@pytest.mark.parametrize("name", PRESENTED)
def test_presenting_a_notebook_in_jupyterlab(screen_page, present_lab, name):
    page = screen_page
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    page.goto(present_lab.notebook_url(name))
    page.wait_for_function(KERNEL_READY, timeout=180_000)
    page.wait_for_function(DECK_ACTIVE, timeout=60_000)
    # the instructor runs the notebook once before the lecture (the skipped set-up cells too)
    run_command(page, "notebook:run-all-cells")
    page.wait_for_function(ALL_RUN, timeout=400_000, polling=500)
    go_to_cell(page, 0)
    font = page.evaluate(
        "() => getComputedStyle(document.body).getPropertyValue('--jp-content-font-size1')"
    )
    assert font.strip() == slides.SLIDE_FONTS["content-font-size1"]

    shown, heights = step_through(page, nb, name)
    expected = slides.slides(nb)
    assert [cells[0] for cells in shown] == [cells[0] for cells in expected]
    for cells, wanted in zip(shown, expected):
        assert set(wanted) <= set(cells), f"slide of cell {wanted[0] + 1} shows {cells}"

    # run a short code cell from its slide: Shift+Enter runs it, as in the notebook
    index = next(
        i
        for group in expected
        for i in group
        if nb.cells[i].cell_type == "code" and "print(" in nb.cells[i].source
    )
    go_to_cell(page, index)
    before = execution_count(page, index)
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(
        f"() => window.jupyterapp.shell.currentWidget.content.widgets[{index}].model"
        f".executionCount > {before}",
        timeout=60_000,
    )
    page.wait_for_function(KERNEL_READY, timeout=60_000)

    outside = [url for url in requests if not url.startswith((present_lab.url, *LOCAL))]
    assert not outside, f"{name}: requests to the internet: {outside[:5]}"
    too_tall = [
        (number, round(height)) for number, height in enumerate(heights, 1) if height > SCREEN[1]
    ]
    assert not too_tall, f"{name}: live slides taller than the screen (slide, px): {too_tall}"


def test_a_widget_is_live_on_its_slide(screen_page, present_lab):
    """RISE cannot do this with JupyterLab 4.6 and ipywidgets 8 (its own page has no widget
    manager): the reason the course presents with jupyterlab-slideshow."""
    page = screen_page
    name = "05_activation_functions.ipynb"
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    index = next(i for i, cell in enumerate(nb.cells) if "activation_explorer(" in cell.source)
    page.goto(present_lab.notebook_url(name))
    page.wait_for_function(KERNEL_READY, timeout=180_000)
    page.wait_for_function(DECK_ACTIVE, timeout=60_000)
    run_command(page, "notebook:run-all-cells")
    page.wait_for_function(ALL_RUN, timeout=400_000, polling=500)
    go_to_cell(page, index)
    assert index in deck_slide(page)
    widget = page.locator(".jp-deck-mod-onscreen .widget-dropdown select").first
    widget.wait_for(timeout=30_000)
    picture = page.locator(
        ".jp-deck-mod-onscreen .widget-output img, .jp-deck-mod-onscreen .widget-image"
    ).first
    before = picture.get_attribute("src")
    widget.select_option("relu")
    page.wait_for_function(
        "(old) => { const i = document.querySelector('.jp-deck-mod-onscreen .widget-output img, "
        ".jp-deck-mod-onscreen .widget-image'); return i && i.getAttribute('src') !== old; }",
        arg=before,
        timeout=30_000,
    )
    (SCREENSHOTS / "slides").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "slides" / "05_widget_live.png"))
