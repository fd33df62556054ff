"""Plotting helpers: one house style, data, decision boundaries, training curves, network diagrams.

Every function here draws inside `house_style()`, a `with` block that changes
matplotlib's settings only while it is active, so your own plots keep their look.
Every function accepts `ax=` (draw into an Axes you made) and returns the Axes
it drew on, so you can change it afterwards:

    ax = plot_data(X, y)
    ax.set_title("Two moons")

In a notebook, end a plotting cell with `plt.show()`: it draws the figure and
hides the printed `<Axes ...>`. (A trailing `;` hides it in Jupyter, but not when
the notebooks are tested with nbval, so the course does not rely on it.)
"""

import threading
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, ListedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

# Okabe & Ito (2008), "Color Universal Design": eight colours that stay
# distinguishable for the common kinds of colour blindness.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
# Class c is drawn with CLASS_COLORS[c] AND CLASS_MARKERS[c]: never colour alone.
CLASS_COLORS = [
    OKABE_ITO[name] for name in ("blue", "orange", "green", "purple", "sky_blue", "vermillion")
]
CLASS_MARKERS = ["o", "s", "^", "D", "v", "P"]
# Weight signs, as in the TensorFlow playground: blue positive, orange negative.
POSITIVE_COLOR = OKABE_ITO["blue"]
NEGATIVE_COLOR = OKABE_ITO["vermillion"]
NEUTRAL_COLOR = "#999999"

HOUSE_STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same pictures on every machine
    "mathtext.fontset": "dejavusans",
    "font.size": 14,  # readable from the back of a lecture room
    "axes.titlesize": 16,
    "axes.labelsize": 14,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.prop_cycle": mpl.cycler(color=CLASS_COLORS),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.5,
    "image.cmap": "cividis",  # a colour-blind-safe sequential colour map
    "figure.figsize": (7.0, 4.5),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.dpi": 100,
    "savefig.facecolor": "white",
    "svg.hashsalt": "course_utils",  # stable ids, so SVG output is byte-identical run to run
}


# matplotlib's settings are one for all threads; a widget may redraw in a thread of its own.
_style_lock = threading.RLock()


@contextmanager
def house_style():
    """Apply the course's plotting style inside a `with` block; the old settings return afterwards.

    Usage:
        with house_style():
            fig, ax = plt.subplots()
            ax.plot(x, y)

    Blocks in different threads take turns (a widget's redraw waits for a cell's block), so
    neither puts back the other's settings as "the old ones".
    """
    with _style_lock, mpl.rc_context(HOUSE_STYLE):
        yield


# Widgets redraw in a thread of their own while a cell may be running (ipykernel 7 handles a
# slider's message there); see figures_outside_pyplot().
_this_thread = threading.local()


@contextmanager
def figures_outside_pyplot():
    """In this `with` block, subplots() below makes figures that pyplot does not know about.

    A cell's plt.show() shows every figure pyplot knows, including one that a widget is
    drawing at that moment in another thread; such a plot would appear in the wrong cell.
    The block only affects its own thread. (Used by course_utils/widgets/picture.py.)
    """
    _this_thread.outside_pyplot = True
    try:
        yield
    finally:
        _this_thread.outside_pyplot = False


def subplots(*args, **kwargs):
    """plt.subplots(*args, **kwargs), except inside figures_outside_pyplot(): there a Figure
    that pyplot does not list (figsize, layout and dpi go to the Figure, the rest to its grid).
    """
    if not getattr(_this_thread, "outside_pyplot", False):
        return plt.subplots(*args, **kwargs)
    fig = Figure(**{key: kwargs.pop(key) for key in ("figsize", "layout", "dpi") if key in kwargs})
    FigureCanvasAgg(fig)  # a canvas that draws, as pyplot's figures have
    return fig, fig.subplots(*args, **kwargs)


def lighten(color, amount=0.6):
    """Mix a colour with white: amount 0 keeps it, amount 1 gives white. Returns (r, g, b)."""
    rgb = np.array(to_rgb(color))
    return tuple(rgb + (1.0 - rgb) * amount)


def _axes_or_new(ax, figsize=None):
    """Return ax, or a fresh Axes in a new figure when ax is None (call inside house_style())."""
    if ax is None:
        _, ax = subplots(figsize=figsize, layout="constrained")
    return ax


def plot_data(X, y, ax=None, title=None):
    """Scatter a 2-D classification data set: one colour AND one marker shape per class.

    Inputs:
        X: (n, 2) two features per example, drawn as x1 (horizontal) and x2 (vertical)
        y: (n,) class labels 0, 1, 2, ... (an (n, 1) column is accepted too)
    Returns: the matplotlib Axes.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            f"plot_data needs X with shape (n, 2), one column per axis, got X with shape {X.shape}"
        )
    if y.shape == (X.shape[0], 1):
        y = y[:, 0]
    if y.shape != (X.shape[0],):
        raise ValueError(
            f"plot_data needs y with shape ({X.shape[0]},), one label per row of X, "
            f"got y with shape {y.shape}"
        )
    with house_style():
        ax = _axes_or_new(ax)
        for i, label in enumerate(np.unique(y)):
            rows = y == label
            ax.scatter(
                X[rows, 0],
                X[rows, 1],
                s=55,
                zorder=3,
                color=CLASS_COLORS[i % len(CLASS_COLORS)],
                marker=CLASS_MARKERS[i % len(CLASS_MARKERS)],
                edgecolors="black",
                linewidths=0.8,
                label=f"class {label:g}",
            )
        ax.set_xlabel("feature $x_1$")
        ax.set_ylabel("feature $x_2$")
        ax.legend(loc="best")
        if title:
            ax.set_title(title)
    return ax


def _probability_function(model):
    """model.predict_proba for a model such as an MLP; the model itself if it is a function."""
    if hasattr(model, "predict_proba"):
        return model.predict_proba
    if callable(model):
        return model
    raise TypeError(
        "plot_decision_boundary needs a model with a predict_proba(X) method, or a function "
        f"X -> probabilities, got {type(model).__name__}"
    )


def probability_grid(model, X, resolution=200, margin=0.5):
    """Evaluate the model's probabilities on a square grid covering the data (plus a margin).

    Inputs:
        model: a function points (m, 2) -> probabilities, (m, 1) P(class 1) or (m, k) for k classes;
               or an object with such a predict_proba(points) method, e.g. an MLP
        X: (n, 2) the data whose range the grid covers
        resolution: number of grid points along each axis
    Returns:
        xs: (resolution,) grid x1 values;  ys: (resolution,) grid x2 values
        P: (resolution, resolution, k) probabilities, P[i, j] at the point (xs[j], ys[i])
    """
    X = np.asarray(X, dtype=float)
    xs = np.linspace(X[:, 0].min() - margin, X[:, 0].max() + margin, resolution)
    ys = np.linspace(X[:, 1].min() - margin, X[:, 1].max() + margin, resolution)
    xx, yy = np.meshgrid(xs, ys)  # xx[i, j] = xs[j], yy[i, j] = ys[i]
    points = np.column_stack([xx.ravel(), yy.ravel()])  # (resolution**2, 2)
    P = np.asarray(_probability_function(model)(points), dtype=float)
    if P.ndim == 1:
        P = P[:, None]
    if P.ndim != 2 or P.shape[0] != len(points):
        raise ValueError(
            f"the probabilities of {len(points)} grid points should have shape ({len(points)}, k), "
            f"got shape {P.shape}"
        )
    return xs, ys, P.reshape(resolution, resolution, -1)


def plot_decision_boundary(
    model, X, y, ax=None, resolution=200, margin=0.5, title="Decision boundary"
):
    """Shade the plane by the model's prediction and draw the data on top.

    One output column (or two): the shade is P(class 1) and a black line marks P = 0.5.
    k > 2 columns: each region takes the colour of its most probable class (argmax).

    Inputs:
        model: a model with predict_proba(points) -> (m, 1) or (m, k), e.g. an MLP; or a
               plain function of the points with the same result, such as
               lambda X: forward(X, params)["y_hat"]
        X: (n, 2) features;  y: (n,) class labels
        resolution: grid points per axis (200 x 200 = 40,000 predictions)
    Returns: the matplotlib Axes (the shaded image is ax.images[-1]).
    """
    xs, ys, P = probability_grid(model, X, resolution, margin)
    half_x, half_y = (xs[1] - xs[0]) / 2, (ys[1] - ys[0]) / 2
    extent = (
        xs[0] - half_x,
        xs[-1] + half_x,
        ys[0] - half_y,
        ys[-1] + half_y,
    )  # pixel edges, so centres sit on the grid
    with house_style():
        ax = _axes_or_new(ax)
        if P.shape[2] <= 2:
            p1 = P[:, :, -1]  # P(class 1): the only column, or the second of two
            cmap = LinearSegmentedColormap.from_list(
                "class0_to_class1",
                [lighten(CLASS_COLORS[0], 0.4), "white", lighten(CLASS_COLORS[1], 0.4)],
            )
            image = ax.imshow(
                p1, origin="lower", extent=extent, cmap=cmap, vmin=0, vmax=1, aspect="auto"
            )
            if p1.min() < 0.5 < p1.max():
                ax.contour(xs, ys, p1, levels=[0.5], colors="black", linewidths=2)
            ax.figure.colorbar(image, ax=ax, label="P(class 1)")
        else:
            n_classes = P.shape[2]
            colors = [lighten(CLASS_COLORS[c % len(CLASS_COLORS)], 0.6) for c in range(n_classes)]
            ax.imshow(
                P.argmax(axis=2),
                origin="lower",
                extent=extent,
                cmap=ListedColormap(colors),
                vmin=-0.5,
                vmax=n_classes - 0.5,
                aspect="auto",
                interpolation="nearest",
            )
        ax.grid(False)
        plot_data(X, y, ax=ax, title=title)
    return ax


def _history_values(history, key):
    """history.key for a History object, history[key] for a dict; [] when missing."""
    if isinstance(history, dict):
        return list(history.get(key, []))
    return list(getattr(history, key, []))


def plot_history(history, axes=None, title=None):
    """Plot training (and validation) loss, and accuracy when recorded, against the epoch number.

    Inputs:
        history: a History from MLP.fit, or a dict, with lists "loss", "accuracy",
                 "val_loss", "val_accuracy" (any of them but "loss" may be empty)
        axes: optional sequence of Axes: one for the loss, a second for accuracy
    Returns: list of Axes, [loss_ax] or [loss_ax, accuracy_ax].
    """
    values = {
        key: _history_values(history, key)
        for key in ("loss", "val_loss", "accuracy", "val_accuracy")
    }
    if not values["loss"]:
        raise ValueError(
            "plot_history needs at least one loss value, but history's 'loss' list is empty: "
            "train first"
        )
    panels = [("loss", "Loss (lower is better)")]
    if values["accuracy"] or values["val_accuracy"]:
        panels.append(("accuracy", "Accuracy (higher is better)"))
    with house_style():
        if axes is None:
            _, axes = subplots(
                1, len(panels), figsize=(6.5 * len(panels), 4.5), layout="constrained"
            )
        axes = list(np.atleast_1d(axes))
        if len(axes) < len(panels):
            raise ValueError(
                f"plot_history needs {len(panels)} Axes for this history, got {len(axes)}"
            )
        for ax, (key, panel_title) in zip(axes, panels):
            for prefix, name, style in (("", "training", "-"), ("val_", "validation", "--")):
                curve = values[prefix + key]
                if curve:
                    epochs = np.arange(1, len(curve) + 1)
                    ax.plot(
                        epochs, curve, style, marker="o" if len(curve) <= 20 else None, label=name
                    )
            ax.set_xlabel("epoch")
            ax.set_ylabel(key)
            ax.set_title(panel_title)
            ax.legend()
            if key == "accuracy":
                ax.set_ylim(-0.02, 1.02)
        if title:
            axes[0].figure.suptitle(title)
    return axes[: len(panels)]


def neuron_positions(layer_sizes, layer_spacing=2.5):
    """Centres of the neurons in a network diagram.

    Layer i sits at x = i * layer_spacing, its neurons 1 apart and centred on y = 0.

    Returns: list of (n_l, 2) arrays, one per layer, first neuron at the top.
    """
    return [
        np.column_stack([np.full(n, i * layer_spacing), (n - 1) / 2 - np.arange(n)])
        for i, n in enumerate(layer_sizes)
    ]


def _sizes_and_weights(layers):
    """Split plot_network's argument into layer sizes and a list of weight matrices (or None)."""
    if all(np.ndim(layer) == 0 for layer in layers):
        sizes = [int(n) for n in layers]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"plot_network needs at least two layer sizes, each >= 1, got {sizes}")
        return sizes, None
    weights = [np.asarray(W, dtype=float) for W in layers]
    for i, W in enumerate(weights, start=1):
        if W.ndim != 2:
            raise ValueError(
                f"W{i} must be a 2-D matrix of shape (n_in, n_out), got shape {W.shape}"
            )
        if i > 1 and W.shape[0] != weights[i - 2].shape[1]:
            raise ValueError(
                f"W{i - 1} has shape {weights[i - 2].shape} but W{i} has shape {W.shape}: "
                f"W{i} needs {weights[i - 2].shape[1]} rows, one per output of W{i - 1}"
            )
    return [weights[0].shape[0]] + [W.shape[1] for W in weights], weights


def edge_styles(weights, color_by_sign=True, max_linewidth=6.0, min_linewidth=0.5):
    """Line width and colour of every edge: width grows with |w|, colour shows the sign.

    width = min_linewidth + (max_linewidth - min_linewidth) * |w| / max|w|   (max over all layers)
    Inputs: weights, list of (n_in, n_out) matrices. Edges are ordered layer by layer, then
    row-major inside a layer (the order of np.concatenate([W.ravel() for W in weights])).
    Returns: widths (n_edges,), colours (list of n_edges colour strings)
    """
    w = np.concatenate([W.ravel() for W in weights])
    largest = np.abs(w).max()
    scale = np.abs(w) / largest if largest > 0 else np.zeros_like(w)
    widths = min_linewidth + (max_linewidth - min_linewidth) * scale
    if color_by_sign:
        colors = [POSITIVE_COLOR if value >= 0 else NEGATIVE_COLOR for value in w]
    else:
        colors = [NEUTRAL_COLOR] * len(w)
    return widths, colors


def plot_network(
    layers,
    ax=None,
    neuron_labels=None,
    layer_labels=None,
    color_by_sign=True,
    max_linewidth=6.0,
    title=None,
):
    """Draw a fully connected network: neurons as circles, one edge per weight.

    Given weight matrices, edges are drawn as in the TensorFlow playground: thicker for
    larger |w|, blue for w >= 0 and orange for w < 0 (grey when color_by_sign=False).

    Inputs:
        layers: layer sizes, e.g. [3, 4, 1], or weight matrices [W1, W2, ...],
                each of shape (n_in, n_out)
        neuron_labels: optional list (one entry per layer) of None or a list of strings, one per
                       neuron; the first layer's labels go left of the circles, the last layer's
                       right, the others inside
        layer_labels: optional list of strings written under each layer
    Returns: the matplotlib Axes (the edges are the LineCollection with gid "network_edges").
    """
    sizes, weights = _sizes_and_weights(layers)
    positions = neuron_positions(sizes)
    segments = [
        (start, end)
        for i in range(len(sizes) - 1)
        for start in positions[i]
        for end in positions[i + 1]
    ]
    if weights is None:
        widths, colors = np.full(len(segments), 1.2), [NEUTRAL_COLOR] * len(segments)
    else:
        widths, colors = edge_styles(weights, color_by_sign, max_linewidth)
    fills = (
        [lighten(OKABE_ITO["sky_blue"], 0.5)]
        + [lighten(OKABE_ITO["green"], 0.6)] * (len(sizes) - 2)
        + [lighten(OKABE_ITO["orange"], 0.5)]
    )
    with house_style():
        ax = _axes_or_new(ax, figsize=(1.8 * len(sizes) + 2, 0.9 * max(sizes) + 1.5))
        ax.add_collection(
            LineCollection(
                segments, linewidths=widths, colors=colors, zorder=1, gid="network_edges"
            )
        )
        for i, layer in enumerate(positions):
            for j, (x, y) in enumerate(layer):
                ax.add_patch(
                    Circle(
                        (x, y), 0.3, facecolor=fills[i], edgecolor="black", linewidth=1.5, zorder=2
                    )
                )
                label = neuron_labels[i][j] if neuron_labels and neuron_labels[i] else None
                if label is None:
                    continue
                if i == 0:
                    ax.annotate(label, (x - 0.35, y), ha="right", va="center")
                elif i == len(sizes) - 1:
                    ax.annotate(label, (x + 0.35, y), ha="left", va="center")
                else:
                    ax.annotate(label, (x, y), ha="center", va="center", fontsize=12, zorder=3)
        bottom = -(max(sizes) - 1) / 2 - 0.5
        for i, text in enumerate(layer_labels or []):
            ax.annotate(text, (positions[i][0, 0], bottom), ha="center", va="top")
        if weights is not None and color_by_sign:
            ax.legend(
                handles=[
                    Line2D([], [], color=POSITIVE_COLOR, label="weight \u2265 0"),
                    Line2D([], [], color=NEGATIVE_COLOR, label="weight < 0"),
                ],
                loc="upper center",
                bbox_to_anchor=(0.5, 0.0),
                ncols=2,
                frameon=False,
            )
        side = 1.2 if neuron_labels else 0.5  # room for labels beside the first and last layer
        ax.set_xlim(-side, positions[-1][0, 0] + side)
        ax.set_ylim(bottom - 0.1, (max(sizes) - 1) / 2 + 0.5)
        ax.set_aspect("equal")
        ax.axis("off")
        if title:
            ax.set_title(title)
    return ax


def with_gaps_at_jumps(z, values):
    """z and values with a NaN put in wherever the values jump, so a plot shows a gap there.

    Plotted as they are, a jump (ReLU's slope going from 0 to 1 at z = 0) would be drawn as a
    vertical line, as if the function took every value in between. A step counts as a jump when
    it is over 10 times larger than both neighbouring steps (a smooth curve changes gradually).
    Inputs:  z, values: (m,) arrays. Returns: two arrays of shape (m + number of jumps,).
    """
    z, values = np.asarray(z, dtype=float), np.asarray(values, dtype=float)
    steps = np.abs(np.diff(values))
    neighbours = np.maximum(np.append(steps[1:], 0.0), np.insert(steps[:-1], 0, 0.0))
    jumps = np.flatnonzero(steps > 10 * neighbours + 1e-9)
    return np.insert(z, jumps + 1, np.nan), np.insert(values, jumps + 1, np.nan)


def plot_function_and_derivative(f, df=None, z=None, ax=None, name="g"):
    """Plot an activation g(z) (solid) and its derivative g'(z) (dashed) on one Axes.

    Where a curve jumps (a step function, ReLU's slope at 0) it is drawn with a gap,
    not a vertical line.

    Inputs:
        f, df: functions of an array z returning arrays of z's shape (df may be None)
        z: (m,) points to evaluate at; default 401 points from -5 to 5
        name: the function's name, used in the legend and title
    Returns: the matplotlib Axes.
    """
    z = np.linspace(-5, 5, 401) if z is None else np.asarray(z, dtype=float)
    with house_style():
        ax = _axes_or_new(ax)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.plot(*with_gaps_at_jumps(z, f(z)), color=CLASS_COLORS[0], label=f"{name}(z)")
        if df is not None:
            ax.plot(*with_gaps_at_jumps(z, df(z)), "--", color=CLASS_COLORS[1], label=f"{name}'(z)")
        ax.set_xlabel("z (pre-activation)")
        ax.set_ylabel("value")
        ax.set_title(name)
        ax.legend()
    return ax
