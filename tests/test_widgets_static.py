"""Every course widget carries a picture of its state for front ends without a kernel.

JupyterLab renders a widget from its view; GitHub, nbviewer, nbconvert (HTML, PDF) and the
course site cannot, and show the next format of the output instead. These tests check that the
next format is a picture (image/png) with a one-line text, not the repr
"HBox(children=(VBox(children=(FloatSlider(...", through a real kernel and nbconvert. That the
live widget still renders in JupyterLab is checked in tests/browser/test_widgets_in_browser.py.
"""

import base64
import io
import json
import threading

import matplotlib.pyplot as plt
import nbformat
import pytest
from matplotlib._pylab_helpers import Gcf
from nbconvert import HTMLExporter
from PIL import Image

from course_tools import build
from course_tools.execute import ROOT, clean, execute
from course_utils.widgets import (
    Playground,
    activation_explorer,
    hinge_explorer,
    learning_rate_explorer,
    neuron_explorer,
)

VIEW = "application/vnd.jupyter.widget-view+json"
# The six widget cells of the course (notebook 11 shows the playground twice: once live, and
# its pictures come from pg.figure()); each call as the notebook writes it.
WIDGET_CALLS = {
    "01": "hinge_explorer()",
    "02": 'neuron_explorer(gate="AND", w1=1.0, w2=1.0, b=-0.5)',
    "05": 'activation_explorer("sigmoid", z_max=6)',
    "07": "learning_rate_explorer()",
    "11": "Playground()",
}


def picture_of(bundle):
    """The image/png of a bundle as a PIL image (fails if it is missing or not a PNG)."""
    png = base64.b64decode(bundle["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(png))


@pytest.mark.parametrize(
    "make, words",
    [
        (hinge_explorer, "ReLU hinges explorer: 4 hinges, max error"),
        (
            lambda: neuron_explorer(gate="AND"),
            "Neuron explorer: AND, w = (1.0, 1.0), b = -0.5, 2/4",
        ),
        (lambda: activation_explorer("sigmoid", z_max=6), "Activation explorer: sigmoid"),
        (learning_rate_explorer, "Learning-rate explorer: η = 0.3, 30 steps"),
        (Playground, "Neural Network Playground: circle, network 2-4-2-1 tanh, epoch 0"),
    ],
)
def test_each_widget_offers_its_view_a_picture_and_a_sentence(make, words):
    widget = make()
    plt.close("all")  # the explorers' first plot goes to their Output widget
    bundle = widget._repr_mimebundle_()
    assert VIEW in bundle  # JupyterLab: the live widget
    image = picture_of(bundle)
    assert image.width >= 400 and image.height >= 250, image.size
    assert bundle["text/plain"].startswith(words), bundle["text/plain"]
    assert bundle["text/plain"].endswith(
        "(interactive widget: run the notebook in JupyterLab to use it)"
    )
    assert "Box(" not in bundle["text/plain"] and "children" not in bundle["text/plain"]
    assert plt.get_fignums() == []  # the picture's figure was closed: nothing shown twice


def test_the_picture_follows_the_widgets_state():
    explorer = hinge_explorer()
    first = explorer._repr_mimebundle_()
    sliders = {slider.description: slider for slider in explorer.children[0].children}
    sliders["slope a2"].value = 4.2
    second = explorer._repr_mimebundle_()
    assert first["image/png"] != second["image/png"]
    assert first["text/plain"] != second["text/plain"]  # its max error changed
    pg = Playground()
    before = pg._repr_mimebundle_()
    pg.step(50)
    after = pg._repr_mimebundle_()
    assert before["image/png"] != after["image/png"] and "epoch 50" in after["text/plain"]
    plt.close("all")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """A notebook with the course's five widget calls, run in a real kernel and cleaned as
    course_tools.execute stores notebooks (widget views and state removed)."""
    code = ["from course_utils.widgets import *"] + list(WIDGET_CALLS.values())
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(line) for line in code])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path_factory.mktemp("widgets") / "widgets.ipynb"
    nbformat.write(nb, path)
    raw = execute(path)  # runs, then cleans
    return raw


def test_a_kernel_stores_the_picture_and_the_sentence(executed):
    for cell in executed.cells[1:]:
        (output,) = cell.outputs
        assert output.output_type == "execute_result"
        assert set(output.data) == {"image/png", "text/plain"}, cell.source
        assert "interactive widget" in output.data["text/plain"]


def test_nbconvert_html_shows_the_pictures_not_the_reprs(executed):
    html, _ = HTMLExporter().from_notebook_node(executed)
    assert html.count('src="data:image/png;base64,') == len(WIDGET_CALLS)
    assert "Box(children" not in html and "FloatSlider(" not in html


def test_without_saved_widget_state_nbconvert_still_shows_the_pictures(executed):
    """A notebook saved by JupyterLab keeps the widget view but (usually) not the widget state:
    nbconvert then skips the view and shows the picture."""
    nb = nbformat.from_dict(json.loads(json.dumps(executed)))
    for cell in nb.cells[1:]:
        cell.outputs[0].data[VIEW] = {"version_major": 2, "version_minor": 0, "model_id": "abc"}
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert html.count('src="data:image/png;base64,') == len(WIDGET_CALLS)


def test_the_site_shows_the_picture_with_the_note(executed):
    for cell in executed.cells[1:]:
        output = json.loads(json.dumps(cell.outputs[0]))
        build.site_widget_output(output)
        page = output["data"]["text/html"]
        assert page.startswith('<img src="data:image/png;base64,') and build.WIDGET_NOTE in page
        assert 'alt="' in page and "interactive widget" in page
    old_style = {"output_type": "execute_result", "data": {"text/plain": "HBox(children=(...))"}}
    build.site_widget_output(old_style)
    assert old_style["data"] == {"text/html": build.WIDGET_NOTE}


def test_notebook_11_stores_a_picture_of_its_playground():
    nb = nbformat.read(ROOT / "notebooks" / "11_playground.ipynb", as_version=4)
    cells = [cell for cell in nb.cells if cell.cell_type == "code" and cell.source.endswith("\npg")]
    assert len(cells) == 1
    (output,) = cells[0].outputs
    assert "image/png" in output.data and output.data["text/plain"].startswith("Neural Network")
    nb = clean(nb)
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert "VBox(children" not in html


def test_the_environment_check_widget_says_what_it_is_without_a_kernel():
    from course_utils import environment

    bundle = environment.widget_demo()._repr_mimebundle_()
    assert VIEW in bundle  # JupyterLab: the live slider, which is what notebook 00 checks
    assert "image/png" not in bundle  # a picture of a slider would pretend that widgets work
    assert bundle["text/plain"] == (
        "A slider x and a label showing x squared "
        "(interactive widget: run the notebook in JupyterLab to use it)"
    )


# Each explorer with a way to find one of its sliders.
EXPLORERS_AND_A_SLIDER = [
    (hinge_explorer, lambda widget: widget.children[0].children[0]),
    (lambda: neuron_explorer(gate="AND"), lambda widget: widget.children[0].children[1]),
    (
        lambda: activation_explorer("sigmoid", z_max=6),
        lambda widget: widget.children[0].children[1],
    ),
    (learning_rate_explorer, lambda widget: widget.children[0].children[0]),
]


def one_notch_up(control):
    """The value one step up a slider's scale (a SelectionSlider: the next option's value)."""
    if hasattr(control, "step"):
        return control.value + control.step
    values = [value for _, value in control.options]
    return values[values.index(control.value) + 1]


def test_a_change_in_the_last_digits_of_a_float_draws_nothing(monkeypatch):
    """A slider that renders sends back its value on its grid: 6 comes back as
    6.000000000000001. That is no change, and the explorer does not draw its plot again (the
    same picture again would not even show as a change of its Output widget)."""
    from course_utils.widgets import picture

    drawn, drawing = [], picture.figures_outside_pyplot

    def counted():
        drawn.append(1)
        return drawing()

    widget = activation_explorer("sigmoid", z_max=6)
    monkeypatch.setattr(picture, "figures_outside_pyplot", counted)
    slider = widget.children[0].children[1]
    slider.value = 6.000000000000001
    assert drawn == []
    slider.value = 6.5
    assert drawn == [1]


@pytest.mark.parametrize("make, find_control", EXPLORERS_AND_A_SLIDER)
def test_a_redraw_replaces_the_plot_in_its_own_widget_and_displays_nothing(
    make, find_control, capsys
):
    # A redraw may arrive while a later cell runs (a learner drags a slider during a long cell):
    # it must not display anything (that would land in that cell), only replace the one plot
    # stored in the explorer's Output widget.
    widget = make()
    output = widget.children[1]
    (first,) = output.outputs
    control = find_control(widget)
    control.value = one_notch_up(control)
    (second,) = output.outputs
    assert second["output_type"] == "display_data"
    picture_of(second["data"])
    assert second["data"]["image/png"] != first["data"]["image/png"]
    assert capsys.readouterr().out == ""
    assert plt.get_fignums() == []


@pytest.mark.parametrize("make, find_control", EXPLORERS_AND_A_SLIDER)
def test_a_redraw_in_another_thread_makes_no_figure_a_running_cell_could_show(
    make, find_control, monkeypatch
):
    # ipykernel 7 handles a slider's message in a thread of its own while a cell may run; a
    # figure pyplot knew of would be shown by that cell's plt.show() (seen in JupyterLab).
    widget = make()
    control = find_control(widget)
    registered = []
    monkeypatch.setattr(
        Gcf, "_set_new_active_manager", classmethod(lambda cls, manager: registered.append(1))
    )
    slide = threading.Thread(target=setattr, args=(control, "value", one_notch_up(control)))
    slide.start()
    slide.join()
    assert registered == []
    assert len(widget.children[1].outputs) == 1


def float_sliders(widget):
    """Every FloatSlider and FloatLogSlider in a widget, its boxes searched through."""
    import ipywidgets

    found = (
        [widget] if isinstance(widget, (ipywidgets.FloatSlider, ipywidgets.FloatLogSlider)) else []
    )
    for child in getattr(widget, "children", ()):
        found += float_sliders(child)
    return found


@pytest.mark.parametrize("call", WIDGET_CALLS.values())
def test_every_slider_starts_on_its_own_grid(call):
    """The browser puts a slider's value on the slider's grid (min + k * step; for a log slider,
    of the exponent) and sends it back when the widget renders. A start off the grid became
    another value: learning_rate_explorer's 0.3 became 0.316 (10^-0.5 on a grid of 10^(-3 +
    0.05 k)), so the live widget no longer matched its picture, the notebook's text or the call."""
    import math

    made = eval(call)
    sliders = float_sliders(getattr(made, "widget", made))  # a Playground keeps its box in .widget
    for slider in sliders:
        position = slider.value
        if hasattr(slider, "base"):
            position = math.log(slider.value, slider.base)
        k = (position - slider.min) / slider.step
        assert abs(k - round(k)) < 1e-6, (
            f"{call}: {slider.description} = {slider.value} is not on its slider's grid"
        )
    plt.close("all")
