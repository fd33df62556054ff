"""A picture of each widget's current state, for the places where no kernel runs.

A notebook shows an object through its "mime bundle": the same output in several formats,
of which each front end picks the best it can render. JupyterLab renders a widget from its
view (application/vnd.jupyter.widget-view+json) and a running kernel. GitHub, nbviewer,
nbconvert (HTML, PDF) and the course site have no kernel, so they skip the view and show the
next format. A bare ipywidgets box offers only its repr there:
"HBox(children=(VBox(children=(FloatSlider(value=0.35, ...". So every course widget adds

    image/png    a picture of its state when it was displayed, drawn with matplotlib,
                 with a line under it saying that it is a picture of a widget
    text/plain   one line saying what it is and that it is interactive

JupyterLab still shows the live widget; the others show the picture.

The live plot inside each explorer is the same picture, drawn by the same function:

    live_picture(draw_picture, controls)           an Output widget that shows draw_picture()
                                                   and redraws it when a control changes

    PictureHBox(children, draw_picture, describe)   an ipywidgets.HBox with a picture
    PictureVBox(children, draw_picture, describe)   the same for a VBox
    PictureHBox(children, None, describe)           only the one line, for a widget with
                                                   nothing worth a picture
    add_picture(bundle, fig, summary)              for any widget's bundle (the playground's)
"""

import base64
import io
import math

import ipywidgets as widgets
import matplotlib.pyplot as plt

from ..plotting import figures_outside_pyplot

NOTE = "interactive widget: run the notebook in JupyterLab to use it"


def figure_png(fig):
    """The PNG bytes of a matplotlib figure, which is then closed (so a notebook shows it once)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def add_picture(bundle, fig, summary):
    """A widget's mime bundle with a picture of its state and a one-line description.

    Inputs:  bundle: the widget's own bundle (a dict, or None); fig: a matplotlib figure of its
             state (closed here); summary: what the widget shows, e.g. "4 hinges, max error 0.9".
    Returns: a new dict with "image/png" (base64 text) and "text/plain" "<summary> (<NOTE>)".
    """
    fig.text(0.5, 0, f"A picture of an {NOTE}.", ha="center", va="top", fontsize=10, color="#555")
    bundle = dict(bundle or {})
    bundle["image/png"] = base64.b64encode(figure_png(fig)).decode("ascii")
    bundle["text/plain"] = f"{summary} ({NOTE})"
    return bundle


def live_picture(draw_picture, controls):
    """An ipywidgets Output showing the figure draw_picture() returns, redrawn whenever the value
    of one of `controls` (a list of widgets) changes.

    A slider that renders puts its value on its grid and sends it back, and 6 comes back as
    6.000000000000001: a change in the last digits of a float is no change, and draws nothing.
    A redraw can come while a later cell runs (a learner drags a slider during a long cell),
    and ipykernel 7 handles that message in a thread of its own. So the figure is made outside
    pyplot (that cell's plt.show() cannot catch it) and its PNG is written into the widget's
    own state (its `outputs`), not displayed (a display goes to the cell that is running).
    """
    output = widgets.Output()

    def redraw(change=None):
        if change is not None and _same_number(change["old"], change["new"]):
            return
        with figures_outside_pyplot():
            fig = draw_picture()
        png = base64.b64encode(figure_png(fig)).decode("ascii")
        data = {"image/png": png, "text/plain": "<the plot>"}
        output.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)

    for control in controls:
        control.observe(redraw, names="value")
    redraw()
    return output


def _same_number(old, new):
    """True for two floats that differ only in their last digits (a browser's rounding)."""
    return (
        isinstance(old, float) and isinstance(new, float) and math.isclose(old, new, rel_tol=1e-9)
    )


class _WithPicture:
    """What PictureHBox and PictureVBox add to an ipywidgets box: a picture in its mime bundle.

    draw_picture(): a matplotlib figure of the current state, or None for no picture;
    describe(): a short text about it.
    """

    def __init__(self, children, draw_picture, describe, **kwargs):
        super().__init__(children, **kwargs)
        self.draw_picture, self.describe = draw_picture, describe

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if self.draw_picture is None:
            return {**bundle, "text/plain": f"{self.describe()} ({NOTE})"}
        return add_picture(bundle, self.draw_picture(), self.describe())


class PictureHBox(_WithPicture, widgets.HBox):
    """An ipywidgets.HBox whose display also carries a picture of its state (see the module)."""


class PictureVBox(_WithPicture, widgets.VBox):
    """An ipywidgets.VBox whose display also carries a picture of its state (see the module)."""
