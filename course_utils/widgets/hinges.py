"""ReLU hinges: a curve built from a few moved and tilted ReLUs, with sliders (notebook 01).

A hinge is a ReLU moved to a knot c and tilted by a slope a: a * relu(x - c). A sum of hinges is a
line with kinks, which is what a hidden layer of ReLU units computes on one input. Everything the
explorer shows is computed by plain functions (tested without a browser); `hinge_explorer()` only
wires them to sliders:

    hinge_sum(x, knots, slopes, intercept)
        -> f(x) = intercept + sum_k slopes[k] * relu(x - knots[k])
    max_error(knots, slopes, intercept)
        -> the largest gap between the sum and the target on [-1, 1]
    plot_hinges(knots, slopes, intercept)
        -> the picture: target, each hinge, their sum; max error in the title
"""

import numpy as np

from course_utils.activations import relu
from course_utils.plotting import CLASS_COLORS, house_style, subplots

X_RANGE = (-1.0, 1.0)
# The explorer's starting point: four evenly spaced knots, only the first hinge tilted.
DEFAULT_KNOTS = (-1.0, -0.5, 0.0, 0.5)
DEFAULT_SLOPES = (-2.5, 0.0, 0.0, 0.0)
DEFAULT_INTERCEPT = 0.35


def target(x):
    """The curve notebook 01 approximates: g(x) = sin(3x) + 0.5 x^2, shaped like x."""
    x = np.asarray(x, dtype=float)
    return np.sin(3 * x) + 0.5 * x**2


def hinge_sum(x, knots, slopes, intercept=0.0):
    """intercept + sum over k of slopes[k] * relu(x - knots[k]).

    Inputs:  x: a number or an array of any shape, e.g. (m,); knots, slopes: (K,) each;
             intercept: a number,
             the value of the sum left of every knot.
    Returns: an array shaped like x.
    """
    x = np.asarray(x, dtype=float)
    knots = np.atleast_1d(np.asarray(knots, dtype=float))
    slopes = np.atleast_1d(np.asarray(slopes, dtype=float))
    if knots.ndim != 1 or knots.shape != slopes.shape:
        raise ValueError(
            f"hinge_sum: knots and slopes must be 1-D and of the same length (one slope per knot), "
            f"got shapes {knots.shape} and {slopes.shape}."
        )
    return intercept + relu(x[..., None] - knots) @ slopes  # (..., K) @ (K,) -> shaped like x


def max_error(knots, slopes, intercept=0.0, g=target, x=None):
    """The largest |hinge sum - g| over x (default: 201 points on [-1, 1]). Returns a float."""
    x = np.linspace(*X_RANGE, 201) if x is None else np.asarray(x, dtype=float)
    return float(np.max(np.abs(hinge_sum(x, knots, slopes, intercept) - g(x))))


def plot_hinges(knots, slopes, intercept=0.0, g=target, ax=None, ylim=(-5.5, 2.5)):
    """Draw the target g (thick grey), each hinge (dashed) and their sum (black, dots at the
    knots) on [-1, 1].

    The title gives the number of hinges and the max error; the legend sits below the plot, off
    the curves. The y range is fixed (ylim), so the picture does not jump while a slider moves;
    it holds the explorer's starting picture, and hinges steeper than that leave the frame.
    Inputs:  knots, slopes: (K,) each; intercept: the start value f0; g: the target function;
             ax: optional Axes.
    Returns: the matplotlib Figure.
    """
    knots = np.atleast_1d(np.asarray(knots, dtype=float))
    slopes = np.atleast_1d(np.asarray(slopes, dtype=float))
    x = np.linspace(*X_RANGE, 201)
    f = hinge_sum(x, knots, slopes, intercept)
    with house_style():
        if ax is None:
            fig, ax = subplots(figsize=(7.0, 5.6), layout="constrained")
        ax.plot(x, g(x), color="grey", linewidth=5, label="target g")
        for k, (knot, slope) in enumerate(zip(knots, slopes)):
            ax.plot(
                x,
                slope * relu(x - knot),
                "--",
                linewidth=1.5,
                color=CLASS_COLORS[k % len(CLASS_COLORS)],
                label=f"hinge {k + 1}: c = {knot:.2f}, a = {slope:.1f}",
            )
        ax.plot(x, f, color="black", label="sum of hinges")
        inside = (knots >= X_RANGE[0]) & (knots <= X_RANGE[1])
        ax.plot(
            knots[inside], hinge_sum(knots[inside], knots, slopes, intercept), "o", color="black"
        )
        ax.set(
            xlabel="x",
            ylabel="f(x)",
            xlim=X_RANGE,
            ylim=ylim,
            title=f"{len(knots)} hinges: max error {max_error(knots, slopes, intercept, g):.3f}",
        )
        ax.legend(fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)
    return ax.figure


def hinge_explorer(knots=DEFAULT_KNOTS, slopes=DEFAULT_SLOPES, intercept=DEFAULT_INTERCEPT):
    """Sliders for the knot c and slope a of each hinge (1 to 4 of them) and the start value f0;
    the plot follows.

    Returns: an ipywidgets HBox (display it as the last line of a cell): a VBox of sliders, then the
             plot. Where no kernel runs (GitHub, the site), its display is a picture of the plot.
    """
    import ipywidgets as widgets

    from .picture import PictureHBox, live_picture

    if len(knots) != len(slopes) or not 1 <= len(knots) <= 4:
        raise ValueError(
            f"hinge_explorer: give one slope per knot, 1 to 4 hinges; got {len(knots)} knots "
            f"and {len(slopes)} slopes."
        )

    def slider(value, low, high, step, description):
        # A fixed width, so the plot beside the sliders cannot squeeze their value readouts away.
        return widgets.FloatSlider(
            value=value,
            min=low,
            max=high,
            step=step,
            description=description,
            style={"description_width": "60px"},
            layout=widgets.Layout(width="280px"),
        )

    controls = {"intercept": slider(intercept, -1.0, 1.0, 0.05, "start f0")}
    for k, (knot, slope) in enumerate(zip(knots, slopes), start=1):
        controls[f"c{k}"] = slider(knot, -1.0, 1.0, 0.05, f"knot c{k}")
        controls[f"a{k}"] = slider(slope, -6.0, 6.0, 0.1, f"slope a{k}")
    n_hinges = len(knots)

    def current():
        knots = [controls[f"c{k}"].value for k in range(1, n_hinges + 1)]
        slopes = [controls[f"a{k}"].value for k in range(1, n_hinges + 1)]
        return knots, slopes, controls["intercept"].value

    def draw_picture():
        return plot_hinges(*current())

    def describe():
        return f"ReLU hinges explorer: {n_hinges} hinges, max error {max_error(*current()):.3f}"

    output = live_picture(draw_picture, controls.values())
    sliders = widgets.VBox(list(controls.values()), layout=widgets.Layout(flex="0 0 auto"))
    return PictureHBox([sliders, output], draw_picture, describe)
