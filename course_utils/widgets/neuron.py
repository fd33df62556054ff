"""One neuron as a linear classifier, with sliders for w1, w2 and b (notebook 02).

The neuron computes z = x1 * w1 + x2 * w2 + b and predicts class 1 where
z >= 0 (a step activation). Its decision boundary is the straight line
w1 * x1 + w2 * x2 + b = 0; the weight vector w = (w1, w2) points to the
side it calls class 1.

Everything the explorer shows is computed by plain functions (tested
without a browser); `neuron_explorer()` only wires them to sliders:

    gate_data("AND")                    -> X (4, 2), y (4,)
    step_neuron_predict(X, w, b)        -> predictions (n,) of 0. and 1.
    neuron_accuracy(X, y, w, b)         -> fraction of correct predictions
    boundary_segment(w, b, xlim, ylim)  -> the part of the line inside the plot
    plot_neuron_classifier(X, y, w, b)  -> the picture: regions, line, w, data
"""

import matplotlib.pyplot as plt
import numpy as np

from course_utils.plotting import CLASS_COLORS, house_style, lighten, plot_data, subplots

GATE_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATES = {  # the output of each logic gate for the four rows of GATE_INPUTS
    "AND": [0.0, 0.0, 0.0, 1.0],
    "OR": [0.0, 1.0, 1.0, 1.0],
    "NAND": [1.0, 1.0, 1.0, 0.0],
    "XOR": [0.0, 1.0, 1.0, 0.0],
}
LIMITS = (-0.5, 1.5)  # the plot shows x1 and x2 from -0.5 to 1.5


def gate_data(name):
    """The truth table of a logic gate as a tiny data set.

    Inputs:  name: "AND", "OR", "NAND" or "XOR" (any case).
    Returns: X: (4, 2) the inputs (0,0), (0,1), (1,0), (1,1);  y: (4,) the gate's outputs, 0. or 1.
    """
    key = str(name).upper()
    if key not in GATES:
        raise ValueError(f"Unknown gate {name!r}. Valid: {', '.join(GATES)}.")
    return GATE_INPUTS.copy(), np.array(GATES[key])


def step_neuron_predict(X, w, b):
    """Class predictions of one neuron with a step activation.

    Formula: z = X @ w + b;  prediction = 1 where z >= 0, else 0
    Inputs:  X: (n, 2) inputs;  w: (2,) weights;  b: number, the bias.
    Returns: (n,) array of 0. and 1.
    """
    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
    return (z >= 0).astype(float)


def neuron_accuracy(X, y, w, b):
    """Fraction of examples the step neuron gets right, a float in [0, 1]."""
    return float(np.mean(step_neuron_predict(X, w, b) == np.asarray(y)))


def boundary_segment(w, b, xlim=LIMITS, ylim=LIMITS):
    """The part of the line w1 * x1 + w2 * x2 + b = 0 that lies inside a rectangle.

    Inputs:  w: (2,) weights;  b: bias;  xlim, ylim: (low, high) of the rectangle.
    Returns: ((x1_a, x2_a), (x1_b, x2_b)), the two ends of the visible segment,
             or None when the line misses the rectangle (or w = 0: then there is no line,
             and the neuron gives every point the same class).
    """
    w1, w2 = float(w[0]), float(w[1])
    points = []
    if w2 != 0:  # where the line crosses the left and right edges
        points += [(x1, -(w1 * x1 + b) / w2) for x1 in xlim]
    if w1 != 0:  # where it crosses the bottom and top edges
        points += [(-(w2 * x2 + b) / w1, x2) for x2 in ylim]
    tolerance = 1e-9
    inside = [
        (x1, x2)
        for x1, x2 in points
        if xlim[0] - tolerance <= x1 <= xlim[1] + tolerance
        and ylim[0] - tolerance <= x2 <= ylim[1] + tolerance
    ]
    if len(inside) < 2:
        return None
    # The two crossings farthest apart are the ends (a corner can be found twice).
    pairs = [(p, q) for i, p in enumerate(inside) for q in inside[i + 1 :]]
    start, end = max(pairs, key=lambda pq: np.hypot(pq[0][0] - pq[1][0], pq[0][1] - pq[1][1]))
    if np.hypot(start[0] - end[0], start[1] - end[1]) < tolerance:
        return None
    return start, end


def plot_neuron_classifier(X, y, w, b, ax=None, title=None, resolution=200, limits=LIMITS):
    """Draw what one step neuron does in the plane of two inputs.

    The region the neuron calls class 1 (z >= 0) is shaded in class 1's colour,
    the rest in class 0's; the black line is z = 0; the arrow is w, drawn from the
    middle of the line; the title gives the accuracy on (X, y).
    Inputs:  X: (n, 2);  y: (n,) labels 0/1;  w: (2,);  b: number;
             limits: (low, high) of both axes, (-0.5, 1.5) by default (the logic gates' square).
    Returns: the matplotlib Axes.
    """
    w = np.asarray(w, dtype=float)
    xs = np.linspace(*limits, resolution)
    grid = np.column_stack([a.ravel() for a in np.meshgrid(xs, xs)])
    regions = step_neuron_predict(grid, w, b).reshape(resolution, resolution)
    with house_style():
        if ax is None:
            _, ax = subplots(figsize=(5.5, 5), layout="constrained")
        colors = [lighten(CLASS_COLORS[0], 0.75), lighten(CLASS_COLORS[1], 0.6)]
        ax.imshow(
            regions,
            origin="lower",
            extent=tuple(limits) + tuple(limits),
            vmin=0,
            vmax=1,
            aspect="equal",
            cmap=plt.matplotlib.colors.ListedColormap(colors),
            interpolation="nearest",
        )
        segment = boundary_segment(w, b, limits, limits)
        if segment is not None:
            (xa, ya), (xb, yb) = segment
            ax.plot([xa, xb], [ya, yb], color="black", linewidth=2.5)
            middle = ((xa + xb) / 2, (ya + yb) / 2)
            direction = 0.175 * (limits[1] - limits[0]) * w / np.linalg.norm(w)
            ax.annotate(
                "",
                xy=(middle[0] + direction[0], middle[1] + direction[1]),
                xytext=middle,
                arrowprops=dict(arrowstyle="->", color="black", linewidth=2),
            )
            side = np.array([-direction[1], direction[0]]) * 0.3  # beside the arrow, not on its tip
            ax.annotate(
                "w",
                (
                    middle[0] + 0.6 * direction[0] + side[0],
                    middle[1] + 0.6 * direction[1] + side[1],
                ),
                ha="center",
                va="center",
                fontsize=14,
                weight="bold",
            )
        ax.grid(False)
        plot_data(X, y, ax=ax)
        ax.legend(loc="lower left", fontsize=10, framealpha=0.9)
        ax.set_xlim(*limits)
        ax.set_ylim(*limits)
        if tuple(limits) == LIMITS:
            ax.set_xticks([-0.5, 0, 0.5, 1, 1.5])
            ax.set_yticks([-0.5, 0, 0.5, 1, 1.5])
        correct = int(np.sum(step_neuron_predict(X, w, b) == np.asarray(y)))
        ax.set_title(
            title or f"w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}: {correct}/{len(y)} correct",
            fontsize=13,
        )
    return ax


def neuron_explorer(gate="AND", w1=1.0, w2=1.0, b=-0.5):
    """Sliders for w1, w2 and b and a menu of gates; the plot and accuracy follow live.

    Returns: an ipywidgets HBox (display it as the last line of a cell); where no kernel runs
             (GitHub, the site), its display is a picture of the plot.
    """
    import ipywidgets as widgets

    from .picture import PictureHBox, live_picture

    gate_menu = widgets.Dropdown(options=list(GATES), value=gate.upper(), description="data")
    sliders = {
        name: widgets.FloatSlider(
            value=value, min=-3.0, max=3.0, step=0.1, description=name, continuous_update=True
        )
        for name, value in (("w1", w1), ("w2", w2), ("b", b))
    }

    def draw_picture():
        X, y = gate_data(gate_menu.value)
        w = (sliders["w1"].value, sliders["w2"].value)
        return plot_neuron_classifier(X, y, w, sliders["b"].value).figure

    def describe():
        X, y = gate_data(gate_menu.value)
        w, b = (sliders["w1"].value, sliders["w2"].value), sliders["b"].value
        return (
            f"Neuron explorer: {gate_menu.value}, w = ({w[0]:.1f}, {w[1]:.1f}), b = {b:.1f}, "
            f"{int(neuron_accuracy(X, y, w, b) * len(y))}/{len(y)} correct"
        )

    output = live_picture(draw_picture, [gate_menu, *sliders.values()])
    controls = widgets.VBox([gate_menu, *sliders.values()])
    return PictureHBox([controls, output], draw_picture, describe)
