"""The course's widgets in JupyterLab: live where a kernel runs, a picture where none has run
yet, legible in the light and the dark theme, and the playground's big neuron map on hover.

Screenshots go to screenshots/ (git-ignored): widgets_stored.png, widgets_live.png,
playground_light.png, playground_dark.png, playground_hover.png.
"""

import time

import nbformat
import pytest
from lab_driver import (
    SCREENSHOTS,
    contrasts,
    full_page_screenshot,
    open_notebook,
    page_problems,
    restart_and_run_all,
    run_command,
    set_theme,
    write_notebook,
)

from course_tools.execute import execute

pytestmark = pytest.mark.browser

WIDGET_CALLS = [
    "hinge_explorer()",
    'neuron_explorer(gate="AND", w1=1.0, w2=1.0, b=-0.5)',
    'activation_explorer("sigmoid", z_max=6)',
    "learning_rate_explorer()",
    "Playground()",
]
OUTPUTS = """() => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell')]
    .map(cell => [...cell.querySelectorAll(
            '.jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output')]
        .map(output => ({
            mime: output.getAttribute('data-mime-type'),
            picture: output.matches('[data-mime-type="image/png"]')
                     && Boolean(output.querySelector('img')),
            widget: Boolean(output.querySelector('.jupyter-widgets'))})))"""


@pytest.fixture(scope="module")
def widget_notebook(lab):
    """notebooks/98_widgets.ipynb in the served copy: the course's five widgets, executed and
    stored the way course_tools.execute stores notebooks (pictures, no widget state)."""
    path = lab.root / "notebooks" / "98_widgets.ipynb"
    write_notebook(path, ["from course_utils.widgets import *"] + WIDGET_CALLS)
    nbformat.write(execute(path), path)
    return path.name


def test_stored_widgets_show_pictures_then_live_widgets_after_running(page, lab, widget_notebook):
    open_notebook(page, lab, widget_notebook)
    time.sleep(1.0)
    stored = page.evaluate(OUTPUTS)[1:]
    full_page_screenshot(page, SCREENSHOTS / "widgets_stored.png")
    assert len(stored) == len(WIDGET_CALLS)
    for code, outputs in zip(WIDGET_CALLS, stored):  # one output each: the picture
        assert len(outputs) == 1 and outputs[0]["picture"], (code, outputs)
        assert not outputs[0]["widget"], code
    restart_and_run_all(page)
    page.wait_for_selector(".playground-play", timeout=30_000)
    time.sleep(2.0)
    live = page.evaluate(OUTPUTS)[1:]
    full_page_screenshot(page, SCREENSHOTS / "widgets_live.png")
    for code, outputs in zip(WIDGET_CALLS, live):  # one output each: the live widget
        assert len(outputs) == 1 and outputs[0]["widget"], (code, outputs)
        assert not outputs[0]["picture"], code
    assert page_problems(page, lab) == []


# Kernel code that records, for each explorer, its redraws and the changes of its values that
# are more than a float's last digits.
WATCH = """
import contextlib, math
from course_utils.widgets import picture
redraws, changes, building = [], [], [False]

@contextlib.contextmanager
def counted(drawing=picture.figures_outside_pyplot):  # every drawing of a plot is inside it
    if not building[0]:  # (not an explorer's first plot)
        redraws.append(len(redraws) + 1)
    with drawing():
        yield

picture.figures_outside_pyplot = counted

def watch(widget, name):
    boxes = [widget]
    while boxes:
        box = boxes.pop()
        boxes += list(getattr(box, "children", ()))
        def changed(change, name=name, what=getattr(box, "description", "")):
            old, new = change["old"], change["new"]
            if not (isinstance(old, float) and math.isclose(old, new, rel_tol=1e-9)):
                changes.append(f"{name}: {what} {old!r} -> {new!r}")
        if hasattr(box, "value"):
            box.observe(changed, names="value")
"""


def test_showing_an_explorer_changes_none_of_its_values_and_redraws_nothing(page, lab):
    """When a slider renders, the browser puts its value on the slider's grid and sends the value
    back: 6 came back as 6.000000000000001, -0.5 as -0.49999999999999956, and the learning
    rate's 0.3 as 0.316. None of that is a learner's doing, yet each explorer redrew its plot,
    in a thread of its own, while the next cells ran (seen for all four explorers)."""
    explorers = WIDGET_CALLS[:4]
    cells = ["from course_utils.widgets import *\n" + WATCH]
    for call in explorers:
        made = f"building[0] = True\nexplorer = {call}\nbuilding[0] = False\n"
        cells.append(f"{made}watch(explorer, {call!r})\nexplorer")
    cells.append("print(f'redraws: {redraws}; changes: {changes}')")
    open_notebook(page, lab, write_notebook(lab.root / "notebooks" / "97_explorers.ipynb", cells))
    restart_and_run_all(page)
    page.wait_for_selector(".widget-slider", timeout=30_000)
    time.sleep(3.0)  # the browser's answers to the rendering come in their own time
    page.locator(".jp-Notebook .jp-Cell").last.click()
    run_command(page, "notebook:run-cell")
    time.sleep(1.0)
    last = page.locator(".jp-Notebook .jp-Cell").last.locator(".jp-OutputArea-output")
    last.wait_for(timeout=30_000)
    assert last.inner_text().strip() == "redraws: []; changes: []"


@pytest.fixture
def playground(page, lab):
    open_notebook(page, lab, "11_playground.ipynb")
    restart_and_run_all(page)
    widget = page.locator(".playground").first
    widget.wait_for(timeout=30_000)
    run_command(page, "application:toggle-left-area")  # room for the whole playground
    page.set_viewport_size({"width": 1400, "height": 1300})
    page.evaluate("() => document.querySelector('.playground').scrollIntoView()")
    page.locator(".playground-step").first.click()  # a loss curve and a status to read
    # the kernel answers the click in its own time (CI once read the chart before it had)
    widget.locator(".pg-test").first.wait_for(state="attached", timeout=60_000)
    time.sleep(1.0)
    yield page, widget
    set_theme(page, dark=False)


# What must be legible, and how: (selector, CSS property, minimum contrast).
LEGIBLE = [
    (".playground .pg-text", "fill", 4.5),  # input, hidden 1, ..., x₁, x₂
    (".playground .pg-heading", "color", 4.5),  # DATA, FEATURES, OUTPUT
    (".playground .playground-status span", "color", 4.5),
    (".playground .playground-epoch", "color", 4.5),
    (".playground .playground-test-loss", "color", 4.5),
    (".playground .widget-label", "color", 4.5),
    (".playground .pg-box", "stroke", 3.0),  # the neurons' frames
]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_playground_reads_in_the_light_and_the_dark_theme(playground, dark):
    page, widget = playground
    set_theme(page, dark)
    widget.screenshot(path=str(SCREENSHOTS / f"playground_{'dark' if dark else 'light'}.png"))
    too_faint = []
    for selector, property, minimum in LEGIBLE:
        found = contrasts(page, selector, property)
        assert found, f"nothing matches {selector}"
        too_faint += [(selector, item) for item in found if item["ratio"] < minimum]
    assert not too_faint, too_faint
    chart, test_line = (
        page.evaluate(f"() => getComputedStyle(document.querySelector('.playground {s}'))[{p!r}]")
        for s, p in ((".pg-chart", "fill"), (".pg-test", "stroke"))
    )
    assert chart != test_line, (chart, test_line)


def test_hovering_a_neuron_shows_its_map_large(playground):
    page, widget = playground
    shown = """() => [...document.querySelectorAll('.playground svg.pg-zoom')]
        .filter(zoom => getComputedStyle(zoom).display !== 'none')
        .map(zoom => [...zoom.classList].find(name => /pg-zoom-\\d/.test(name)))"""
    assert page.evaluate(shown) == []
    page.locator(".playground .pg-node-3 rect").first.hover()  # hidden layer 1, neuron 2
    time.sleep(0.5)
    assert page.evaluate(shown) == ["pg-zoom-3"]
    box = page.locator(".playground svg.pg-zoom-3").first.bounding_box()
    assert box["width"] >= 290 and box["height"] >= 290  # as large as the output map
    caption = page.locator(".playground div.pg-zoom-3").first.inner_text()
    assert caption == "hidden 1, neuron 2"
    widget.screenshot(path=str(SCREENSHOTS / "playground_hover.png"))
    page.mouse.move(5, 5)
    time.sleep(0.5)
    assert page.evaluate(shown) == []
