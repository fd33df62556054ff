"""Draws every picture in images/: the lecture's figures, redrawn by code.

Each figure is a function draw_<name>() that returns a matplotlib Figure.
FIGURES maps a file name to (function, alt text); the notebooks reuse the alt text.
Regenerate all of images/ (the same bytes on every machine with the pinned versions):

    python -m course_tools.figures            # writes to images/ at the repository root
    python -m course_tools.figures some/dir   # or anywhere else

To add a figure: write draw_<name>() below (start from _canvas() for a diagram, or
Figure().subplots() for a plot), then add one line to FIGURES at the bottom.
"""

import sys
from functools import partial
from io import BytesIO
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Arc, Circle, Ellipse, FancyArrowPatch, FancyBboxPatch, Polygon
from PIL import Image

from course_utils.activations import (
    elu,
    elu_derivative,
    gelu,
    gelu_derivative,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softplus,
    softplus_derivative,
    step,
    tanh,
    tanh_derivative,
)
from course_utils.data import house_prices
from course_utils.losses import binary_cross_entropy, huber, mae, mse
from course_utils.plotting import (
    CLASS_COLORS,
    OKABE_ITO,
    house_style,
    lighten,
    neuron_positions,
    plot_data,
    plot_network,
    with_gaps_at_jumps,
)

DPI = 100
IMAGES_DIR = Path(__file__).resolve().parent.parent / "images"

BLUE, ORANGE, GREEN = (
    lighten(OKABE_ITO["sky_blue"], 0.5),
    lighten(OKABE_ITO["orange"], 0.5),
    lighten(OKABE_ITO["green"], 0.6),
)
PURPLE, GREY = lighten(OKABE_ITO["purple"], 0.5), "#EEEEEE"


# --- small drawing helpers: a canvas measured in inches, boxes and arrows ---------------------


def _canvas(width, height):
    """A width x height inch figure, one invisible Axes in inches, (0, 0) at the bottom left."""
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_autoscale_on(False)
    ax.axis("off")
    return fig, ax


def _box(ax, x, y, text, width, height, color="white", fontsize=14, weight="normal"):
    """A rounded box centred at (x, y) with centred text."""
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            facecolor=color,
            edgecolor="black",
            linewidth=1.5,
            boxstyle="round,pad=0,rounding_size=0.12",
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, weight=weight)


def _arrow(ax, start, end, color="black", linewidth=2.0):
    """An arrow from start (x, y) to end (x, y)."""
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=20,
            color=color,
            linewidth=linewidth,
            shrinkA=0,
            shrinkB=0,
        )
    )


def _along(start, end, t, above=0.0):
    """The point a fraction t of the way from start to end, moved up by `above` inches."""
    return start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]) + above


def _title(ax, width, height, text):
    """A bold title centred at the top of a canvas."""
    ax.text(width / 2, height - 0.3, text, ha="center", va="top", fontsize=18, weight="bold")


# --- the figures ------------------------------------------------------------------------------


def draw_rules_vs_learning():
    """Classic programming: rules + data -> answers. Machine learning: data + answers -> rules."""
    with house_style():
        fig, ax = _canvas(10, 5.4)
        _title(ax, 10, 5.4, "Machine learning turns classic programming around")
        rows = [
            (3.5, "Classic\nprogramming", ("Rules", ORANGE), ("Data", BLUE), ("Answers", GREEN)),
            (1.5, "Machine\nlearning", ("Data", BLUE), ("Answers", GREEN), ("Rules", ORANGE)),
        ]
        for y, middle, top_input, bottom_input, output in rows:
            for (text, color), dy in ((top_input, 0.45), (bottom_input, -0.45)):
                _box(ax, 1.6, y + dy, text, 2.0, 0.7, color)
                _arrow(ax, (2.6, y + dy), (4.0, y + 0.2 * np.sign(dy)))
            _box(ax, 5.1, y, middle, 2.2, 1.4, GREY, fontsize=16, weight="bold")
            _arrow(ax, (6.2, y), (7.4, y))
            _box(ax, 8.5, y, output[0], 2.0, 0.8, output[1], fontsize=16, weight="bold")
        ax.text(
            5,
            0.15,
            "Answers are the labels (e.g. 'cat'); the learned rules are a function from data to "
            "answers.",
            ha="center",
            va="bottom",
            fontsize=12,
        )
    return fig


def draw_supervised_learning():
    """Supervised learning maps an input x to an output y: applications and network families."""
    columns = [(0.3, "Input x"), (4.4, "Output y"), (7.9, "Application"), (10.8, "Network family")]
    rows = [
        (
            "Home features (size, rooms...)",
            "Price (a number)",
            "Real estate",
            "Standard (dense) NN",
        ),
        (
            "Ad + user information",
            "Click on ad? (0/1)",
            "Online advertising",
            "Standard (dense) NN",
        ),
        ("Image", "Object label (1 of 1000)", "Photo tagging", "Convolutional NN"),
        ("Audio clip", "Text transcript", "Speech recognition", "Recurrent NN / Transformer"),
        (
            "English sentence",
            "French sentence",
            "Machine translation",
            "Recurrent NN / Transformer",
        ),
    ]
    with house_style():
        fig, ax = _canvas(14, 5.6)
        _title(
            ax, 14, 5.6, "Supervised learning: learn a mapping x \u2192 y from labelled examples"
        )
        header_y, row_height = 4.6, 0.7
        ax.add_patch(
            FancyBboxPatch((0.1, header_y - 0.3), 13.8, 0.6, boxstyle="square,pad=0", color=BLUE)
        )
        for x, text in columns:
            ax.text(x, header_y, text, va="center", weight="bold")
        for i, cells in enumerate(rows):
            y = header_y - (i + 1) * row_height
            if i % 2 == 1:
                ax.add_patch(
                    FancyBboxPatch((0.1, y - 0.3), 13.8, 0.6, boxstyle="square,pad=0", color=GREY)
                )
            for (x, _), text in zip(columns, cells):
                ax.text(x, y, text, va="center")
            _arrow(ax, (3.75, y), (4.25, y), linewidth=1.5)
        ax.text(
            0.3,
            0.2,
            "For each row, many (x, y) pairs are collected, and the network learns to predict y "
            "for a new x.",
            fontsize=12,
            va="bottom",
        )
    return fig


NEW_HOUSE_SIZE = 160  # m^2, the house notebook 01 prices with its fitted line


def house_regression(n=30, seed=0):
    """Notebook 01's house-price regression: its 30 houses and the least-squares line through them.

    Returns: size (n,) in m^2, price (n,) in thousands, slope, intercept (np.polyfit, degree 1).
    """
    X, price = house_prices(n=n, seed=seed)
    size = X[:, 0]
    slope, intercept = np.polyfit(size, price, 1)
    return size, price, float(slope), float(intercept)


def draw_regression_vs_classification():
    """Regression predicts a number (house price); classification predicts a category."""
    size, price, slope, intercept = house_regression()
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal([1.0, 1.0], 0.6, (25, 2)), rng.normal([3.0, 3.0], 0.6, (25, 2))])
    y = np.repeat([0.0, 1.0], 25)
    with house_style():
        fig = Figure(figsize=(12, 5), layout="constrained")
        left, right = fig.subplots(1, 2)
        left.scatter(
            size,
            price,
            s=50,
            color=CLASS_COLORS[0],
            edgecolors="black",
            linewidths=0.8,
            label="houses",
        )
        line_x = np.array([35, 205])
        left.plot(line_x, slope * line_x + intercept, color=CLASS_COLORS[1], label="learned line")
        new_price = slope * NEW_HOUSE_SIZE + intercept
        left.plot(
            [NEW_HOUSE_SIZE, NEW_HOUSE_SIZE, 35],
            [0, new_price, new_price],
            ":",
            color="black",
            linewidth=1.5,
        )
        left.annotate(
            f"new house, {NEW_HOUSE_SIZE} m\u00b2:\npredict {new_price:.0f} thousand",
            (NEW_HOUSE_SIZE, new_price),
            (45, 500),
            arrowprops=dict(arrowstyle="->", color="black"),
            fontsize=12,
        )
        left.set(
            xlim=(35, 205),
            ylim=(100, 600),
            xlabel="house size (m\u00b2)",
            ylabel="price (thousands)",
            title="Regression: predict a number",
        )
        left.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2
        )  # below: the dotted line runs low right
        plot_data(X, y, ax=right, title="Classification: predict a category")
        right.plot([0.0, 4.0], [4.0, 0.0], "--", color="black", label="decision boundary")
        right.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=3
        )  # below the axes, off the data
        right.set(xlim=(-0.8, 4.8), ylim=(-0.8, 4.8))
    return fig


def draw_why_deep_learning_now():
    """SCHEMATIC (not measured): performance against amount of labelled data."""
    data = np.linspace(0, 10, 300)
    curves = [
        ("large neural network", 0.95, 4.0, "-", CLASS_COLORS[0]),
        ("medium neural network", 0.78, 2.6, "--", OKABE_ITO["green"]),
        ("small neural network", 0.63, 1.8, "-.", OKABE_ITO["vermillion"]),
        ("classic methods (e.g. SVM,\nlogistic regression)", 0.48, 1.0, ":", "black"),
    ]
    with house_style():
        fig = Figure(figsize=(10, 5.8), layout="constrained")
        ax = fig.subplots()
        ax.axvspan(0, 2.5, color=GREY)
        ax.text(1.25, 1.0, "small data:\nranking unclear", ha="center", va="top", fontsize=11)
        for label, ceiling, scale, style, color in curves:
            ax.plot(
                data,
                ceiling * (1 - np.exp(-data / scale)),
                style,
                color=color,
                linewidth=3,
                label=label,
            )
        ax.text(
            9.8,
            0.08,
            "SCHEMATIC, not measured data",
            ha="right",
            va="bottom",
            fontsize=16,
            weight="bold",
            color=OKABE_ITO["vermillion"],
            bbox=dict(facecolor="white", edgecolor=OKABE_ITO["vermillion"]),
        )
        ax.set(
            xlim=(0, 10),
            ylim=(0, 1.05),
            xticks=[],
            yticks=[],
            xlabel="amount of labelled data \u2192",
            ylabel="performance (e.g. accuracy) \u2192",
            title="Why deep learning now? Big networks keep improving with more data",
        )
        ax.legend(loc="upper left", bbox_to_anchor=(0.26, 1.0))
        ax.grid(False)
        fig.text(
            0.5,
            0.01,
            "The three drivers: more data, faster computation (GPUs), better algorithms (e.g. "
            "ReLU).",
            ha="center",
            va="bottom",
            fontsize=12,
        )
        fig.get_layout_engine().set(h_pad=0.3)
    return fig


def _draw_biological_neuron(ax):
    """A schematic biological neuron on a canvas: dendrites, cell body, axon, axon terminals."""
    body = (2.3, 2.6)
    for angle in (150, 175, 200, 125, 230):  # dendrites: branching lines to the left
        a = np.radians(angle)
        start = (body[0] + 0.5 * np.cos(a), body[1] + 0.5 * np.sin(a))
        mid = (body[0] + 1.3 * np.cos(a), body[1] + 1.3 * np.sin(a))
        ax.plot(*zip(start, mid), color="black", linewidth=2.5)
        for spread in (-20, 20):
            b = np.radians(angle + spread)
            ax.plot(
                *zip(mid, (mid[0] + 0.5 * np.cos(b), mid[1] + 0.5 * np.sin(b))),
                color="black",
                linewidth=1.5,
            )
    ax.add_patch(
        Ellipse(body, 1.2, 1.0, facecolor=ORANGE, edgecolor="black", linewidth=2, zorder=3)
    )
    ax.add_patch(Circle(body, 0.15, facecolor=OKABE_ITO["vermillion"], zorder=4))
    ax.plot([2.9, 5.2], [2.6, 2.6], color="black", linewidth=2.5)  # axon
    for x in (3.2, 3.8, 4.4):  # myelin sheath
        ax.add_patch(
            FancyBboxPatch(
                (x, 2.48),
                0.45,
                0.24,
                boxstyle="round,pad=0,rounding_size=0.1",
                facecolor=BLUE,
                edgecolor="black",
                zorder=3,
            )
        )
    for dy in (-0.6, -0.2, 0.2, 0.6):  # axon terminals with synapses
        ax.plot([5.2, 5.8], [2.6, 2.6 + dy], color="black", linewidth=1.5)
        ax.add_patch(Circle((5.85, 2.6 + dy), 0.08, facecolor=GREEN, edgecolor="black", zorder=3))
    notes = [
        ("dendrites:\nreceive signals", (1.6, 3.55), (0.9, 4.4)),
        ("cell body:\ncombines them", (2.3, 2.1), (1.6, 0.9)),
        ("axon: sends the\nsignal onwards", (4.0, 2.6), (3.9, 3.9)),
        ("synapses: links to\nthe next neurons", (5.85, 2.0), (4.4, 0.9)),
    ]
    for text, point, place in notes:
        ax.annotate(
            text,
            point,
            place,
            ha="center",
            va="center",
            fontsize=12,
            arrowprops=dict(arrowstyle="->", color="#555555", shrinkB=3),
        )


def draw_biological_vs_artificial_neuron():
    """SCHEMATIC: a biological neuron beside the artificial neuron it inspired."""
    with house_style():
        fig, ax = _canvas(13, 5.6)
        _title(ax, 13, 5.6, "The biological neuron inspired the artificial one (a loose analogy)")
        _draw_biological_neuron(ax)
        ax.plot([6.6, 6.6], [0.5, 4.7], color="#BBBBBB", linewidth=1.5)
        inputs = [(8.0, 3.8), (8.0, 2.6), (8.0, 1.4)]
        neuron = (10.6, 2.6)
        for i, (x, y) in enumerate(inputs, start=1):
            ax.add_patch(Circle((x, y), 0.32, facecolor=BLUE, edgecolor="black", linewidth=1.5))
            ax.text(x, y, f"$x_{i}$", ha="center", va="center")
            start, end = (x + 0.32, y), (neuron[0] - 0.65, neuron[1] + (y - neuron[1]) * 0.3)
            _arrow(ax, start, end)
            ax.text(
                *_along(start, end, 0.3, above=0.12),
                f"$w_{i}$",
                ha="center",
                va="bottom",
                fontsize=14,
            )
        ax.add_patch(Circle(neuron, 0.62, facecolor=ORANGE, edgecolor="black", linewidth=2))
        ax.text(*neuron, "$\\Sigma\\;|\\;g$", ha="center", va="center", fontsize=16)
        _arrow(ax, (neuron[0] + 0.62, neuron[1]), (12.3, neuron[1]))
        ax.text(12.45, neuron[1], "$a$", va="center", fontsize=16)
        ax.text(7.2, 4.6, "inputs $\\approx$ dendrites", fontsize=12)
        ax.text(
            10.6,
            1.55,
            "weighted sum + activation\n$\\approx$ cell body",
            ha="center",
            va="top",
            fontsize=12,
        )
        ax.text(11.6, 3.3, "output\n$\\approx$ axon", ha="center", va="bottom", fontsize=12)
        ax.text(
            6.5,
            0.1,
            "Schematic, not to scale. Real neurons spike in time; artificial ones compute one "
            "number.",
            ha="center",
            va="bottom",
            fontsize=12,
        )
    return fig


NEURON_SHAPES = {"x": (3,), "w": (3,)}  # as in notebook 02: x = np.array([2.0, 1.0, 3.0])


def draw_neuron_computation():
    """One neuron: inputs times weights, summed, plus bias, through an activation g."""
    with house_style():
        fig, ax = _canvas(12, 6)
        _title(ax, 12, 6, "One neuron: weighted sum, plus bias, through an activation")
        total, act = (5.0, 3.0), (7.6, 3.0)
        for i, y in enumerate((4.3, 3.0, 1.7), start=1):
            ax.add_patch(Circle((1.2, y), 0.35, facecolor=BLUE, edgecolor="black", linewidth=1.5))
            ax.text(1.2, y, f"$x_{i}$", ha="center", va="center", fontsize=16)
            start, end = (1.55, y), (total[0] - 0.5, total[1] + (y - total[1]) * 0.25)
            _arrow(ax, start, end)
            ax.text(
                *_along(start, end, 0.35, above=0.12),
                f"$\\times\\, w_{i}$",
                ha="center",
                va="bottom",
                fontsize=16,
            )
        ax.add_patch(Circle(total, 0.5, facecolor=ORANGE, edgecolor="black", linewidth=2))
        ax.text(*total, "$\\Sigma$", ha="center", va="center", fontsize=22)
        _box(ax, total[0], 4.75, "$+\\,b$  (bias)", 1.7, 0.55, PURPLE, fontsize=14)
        _arrow(ax, (total[0], 4.47), (total[0], total[1] + 0.5))
        _arrow(ax, (total[0] + 0.5, total[1]), (act[0] - 0.5, act[1]))
        ax.text(
            (total[0] + act[0]) / 2, total[1] + 0.15, "$z$", ha="center", va="bottom", fontsize=18
        )
        _box(ax, act[0], act[1], "$g$", 1.0, 1.0, GREEN, fontsize=22)
        _arrow(ax, (act[0] + 0.5, act[1]), (10.0, act[1]))
        ax.text(10.1, act[1], "$a = \\hat{y}$", va="center", fontsize=18)
        ax.text(total[0], 2.3, "weighted sum\n+ bias", ha="center", va="top", fontsize=12)
        ax.text(act[0], 2.3, "activation\n(e.g. sigmoid, ReLU)", ha="center", va="top", fontsize=12)
        ax.text(
            6.0,
            1.0,
            "$z = x_1 w_1 + x_2 w_2 + x_3 w_3 + b = \\mathbf{x} \\cdot \\mathbf{w} + b$"
            "$\\qquad a = g(z)$",
            ha="center",
            va="center",
            fontsize=20,
        )
        ax.text(
            6.0,
            0.25,
            f"in numpy: x and w are arrays of shape {NEURON_SHAPES['x']}, "
            f"b is a number;  z = x @ w + b and a = g(z) are single numbers",
            ha="center",
            va="center",
            fontsize=12,
        )
    return fig


def draw_three_layer_network():
    """A 3-layer network: 3 inputs, two hidden layers of 4 neurons, 1 output (W1, W2, W3)."""
    with house_style():
        fig = Figure(figsize=(11, 6.2), layout="constrained")
        ax = fig.subplots()
        plot_network(
            [3, 4, 4, 1],
            ax=ax,
            neuron_labels=[["$x_1$", "$x_2$", "$x_3$"], None, None, ["$\\hat{y}$"]],
            layer_labels=[
                "input\n3 features",
                "hidden layer 1\n4 neurons",
                "hidden layer 2\n4 neurons",
                "output layer\n1 neuron",
            ],
        )
        for k, shape in enumerate(["(3, 4)", "(4, 4)", "(4, 1)"]):
            ax.text(
                2.5 * k + 1.25,
                2.0,
                f"$W_{k + 1}$, $b_{k + 1}$\n{shape}",
                ha="center",
                va="bottom",
                fontsize=13,
            )
        ax.set_ylim(-2.9, 2.9)
        ax.set_title("A 3-layer network: 3 layers of weights (inputs are not counted)")
    return fig


def draw_forward_propagation():
    """Forward propagation through the 3-4-4-1 network, step by step, with every shape."""
    steps = [
        ("input", "$X$", "(n, 3)", GREY),
        ("layer 1", "$Z_1 = X\\, W_1 + b_1$", "(n, 3) @ (3, 4) + (4,)  \u2192  (n, 4)", BLUE),
        ("", "$A_1 = g(Z_1)$", "(n, 4)   elementwise", BLUE),
        ("layer 2", "$Z_2 = A_1 W_2 + b_2$", "(n, 4) @ (4, 4) + (4,)  \u2192  (n, 4)", GREEN),
        ("", "$A_2 = g(Z_2)$", "(n, 4)   elementwise", GREEN),
        ("layer 3", "$Z_3 = A_2 W_3 + b_3$", "(n, 4) @ (4, 1) + (1,)  \u2192  (n, 1)", ORANGE),
        ("", "$\\hat{Y} = A_3 = \\sigma(Z_3)$", "(n, 1)   probabilities", ORANGE),
    ]
    with house_style():
        fig, ax = _canvas(12, 7.2)
        _title(ax, 12, 7.2, "Forward propagation: the same two steps, layer after layer")
        ax.text(3.2, 6.3, "computation", weight="bold", va="center")
        ax.text(7.2, 6.3, "shape", weight="bold", va="center")
        for i, (layer, formula, shape, color) in enumerate(steps):
            y = 5.7 - i * 0.72
            ax.add_patch(
                FancyBboxPatch(
                    (0.3, y - 0.3),
                    11.4,
                    0.6,
                    boxstyle="round,pad=0,rounding_size=0.1",
                    facecolor=color,
                    edgecolor="none",
                )
            )
            ax.text(0.5, y, layer, va="center", weight="bold")
            ax.text(3.2, y, formula, va="center", fontsize=18)
            ax.text(7.2, y, shape, va="center", family="DejaVu Sans Mono", fontsize=14)
            if i > 0:
                _arrow(ax, (2.6, y + 0.42), (2.6, y + 0.3), linewidth=1.5)
        ax.text(
            0.3,
            0.45,
            "n examples, one per row of X.  b is added to every row (broadcasting).\n"
            "g: the hidden activation (e.g. ReLU);  \u03c3: the sigmoid, giving P(class 1).",
            va="center",
            fontsize=13,
        )
    return fig


def _face_pixels(size=16):
    """A tiny grey-scale face, (size, size), values in [0, 1], row 0 at the top."""
    rows, cols = np.mgrid[0:size, 0:size] + 0.5
    centre = size / 2
    image = np.full((size, size), 0.95)
    image[(rows - centre) ** 2 + (cols - centre) ** 2 < (0.45 * size) ** 2] = 0.7
    for eye_col in (0.33 * size, 0.67 * size):
        image[(rows - 0.38 * size) ** 2 + (cols - eye_col) ** 2 < (0.08 * size) ** 2] = 0.1
    image[int(0.45 * size) : int(0.62 * size), int(0.47 * size) : int(0.53 * size) + 1] = 0.35
    image[int(0.72 * size), int(0.3 * size) : int(0.7 * size) + 1] = 0.1
    return image


def _draw_face_parts(ax, x, y, s, parts=("eyes", "nose", "mouth", "outline")):
    """Face parts drawn with lines, centred at (x, y), scale s (inches)."""
    style = dict(color="black", linewidth=2.5, fill=False)
    if "outline" in parts:
        ax.add_patch(Circle((x, y), 0.9 * s, color=OKABE_ITO["black"], fill=False, linewidth=3))
    if "eyes" in parts:
        for dx in (-0.32, 0.32):
            ax.add_patch(Ellipse((x + dx * s, y + 0.25 * s), 0.3 * s, 0.2 * s, **style))
            ax.add_patch(Circle((x + dx * s, y + 0.25 * s), 0.05 * s, color="black"))
    if "nose" in parts:
        ax.add_patch(
            Polygon(
                [(x, y + 0.1 * s), (x - 0.1 * s, y - 0.2 * s), (x + 0.1 * s, y - 0.2 * s)], **style
            )
        )
    if "mouth" in parts:
        ax.add_patch(Arc((x, y - 0.3 * s), 0.6 * s, 0.35 * s, theta1=200, theta2=340, **style))


def draw_deep_representation():
    """Features built from features: pixels -> edges -> parts -> objects (drawn abstractly)."""
    centres = [1.8, 5.1, 8.4, 11.7]
    stages = [
        ("pixels", "input"),
        ("edges", "layer 1"),
        ("parts", "layer 2"),
        ("objects", "layer 3"),
    ]
    with house_style():
        fig, ax = _canvas(13.5, 5.4)
        _title(ax, 13.5, 5.4, "Deep learning builds features from features")
        y, half = 2.65, 1.25
        for x, (name, layer) in zip(centres, stages):
            ax.add_patch(
                FancyBboxPatch(
                    (x - half, y - half),
                    2 * half,
                    2 * half,
                    facecolor="white",
                    edgecolor="black",
                    linewidth=1.5,
                    boxstyle="round,pad=0,rounding_size=0.1",
                )
            )
            ax.text(x, y + half + 0.15, name, ha="center", va="bottom", weight="bold", fontsize=16)
            ax.text(x, y - half - 0.15, layer, ha="center", va="top")
        for left, right in zip(centres, centres[1:]):
            _arrow(ax, (left + half + 0.1, y), (right - half - 0.1, y))
        x = centres[0]
        ax.imshow(
            _face_pixels(),
            cmap="gray",
            vmin=0,
            vmax=1,
            interpolation="nearest",
            aspect="auto",
            zorder=2,
            extent=(x - 1.0, x + 1.0, y - 1.0, y + 1.0),
        )
        x = centres[1]
        for i, angle in enumerate((0, 45, 90, 135, 30, 120, 60, 150, 0)):
            cx, cy = x + 0.75 * (i % 3 - 1), y + 0.75 * (1 - i // 3)
            dx, dy = 0.28 * np.cos(np.radians(angle)), 0.28 * np.sin(np.radians(angle))
            ax.plot(
                [cx - dx, cx + dx],
                [cy - dy, cy + dy],
                color=CLASS_COLORS[i % 2],
                linewidth=4,
                solid_capstyle="round",
            )
        x = centres[2]
        _draw_face_parts(ax, x, y + 0.5, 1.3, parts=("eyes",))
        _draw_face_parts(ax, x - 0.45, y - 0.15, 1.3, parts=("nose",))
        _draw_face_parts(ax, x + 0.2, y - 0.2, 1.3, parts=("mouth",))
        _draw_face_parts(ax, centres[3], y, 1.2)
        ax.text(
            6.75,
            0.2,
            "Drawn abstractly: real learned features are messier. The same holds for sound:\n"
            "waveform \u2192 sounds \u2192 words \u2192 sentences.",
            ha="center",
            va="bottom",
            fontsize=12,
        )
    return fig


def draw_house_price_network():
    """House price: size, #bedrooms, zip code, wealth -> three hidden features -> price."""
    intuitive = np.array(
        [
            [1, 0, 0],  # size -> family size
            [1, 0, 0],  # #bedrooms -> family size
            [0, 1, 1],  # zip code -> walkability, school quality
            [0, 0, 1],
        ]
    )  # wealth -> school quality
    W1 = np.where(intuitive == 1, 1.0, 0.12)
    W2 = np.ones((3, 1))
    with house_style():
        fig = Figure(figsize=(11, 6), layout="constrained")
        ax = fig.subplots()
        plot_network(
            [W1, W2],
            ax=ax,
            color_by_sign=False,
            neuron_labels=[["size", "#bedrooms", "zip code", "wealth"], None, ["price"]],
            layer_labels=["inputs x", "hidden features", "output y"],
        )
        for (x, y), text in zip(
            neuron_positions([4, 3, 1])[1], ["family size", "walkability", "school quality"]
        ):
            ax.text(
                x,
                y + 0.36,
                text,
                ha="center",
                va="bottom",
                fontsize=13,
                bbox=dict(facecolor="white", edgecolor="none", pad=1),
            )
        ax.set_ylim(-2.5, 2.3)
        ax.set_title("Predicting a house price: hidden neurons as features")
        fig.text(
            0.5,
            0.01,
            "Thick edges: links a person would guess. A dense layer connects every input to every "
            "hidden neuron (thin edges),\nand training decides what each hidden neuron computes.",
            ha="center",
            va="bottom",
            fontsize=12,
        )
        fig.get_layout_engine().set(h_pad=0.5)
    return fig


# --- figures for notebooks 04-09: training, losses, regularisation -----------------------------
# Each picture with numbers in it has a small function that computes them (tested in
# tests/test_figures.py), and a draw_ function that only draws.

GREEN_TEXT, RED_TEXT = (
    OKABE_ITO["green"],
    OKABE_ITO["vermillion"],
)  # values (forward), gradients (backward)


def _number(value, decimals=3):
    """A rounded number for mathtext, never '-0.000'."""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.lstrip("-").strip("0.") == "" else text


def backprop_numbers(x=(1.0, 2.0), w=(0.5, -0.3), b=0.4, y=1.0):
    """Forward and backward pass of one sigmoid neuron with a squared error, all intermediates.

    Forward:  p1 = w1 x1,  p2 = w2 x2,  z = p1 + p2 + b,  a = sigmoid(z),  L = (a - y)^2
    Backward (chain rule, right to left):
        dL/da = 2 (a - y);   dL/dz = dL/da * sigmoid'(z);   dL/dp1 = dL/dp2 = dL/db = dL/dz
        dL/dw_i = dL/dp_i * x_i;   dL/dx_i = dL/dp_i * w_i
    Inputs: x, w: two numbers each; b: bias; y: the target.
    Returns: (values, grads), two dicts of floats; grads[k] is dL/d(values[k]).
    """
    x1, x2 = (float(v) for v in x)
    w1, w2 = (float(v) for v in w)
    values = dict(x1=x1, x2=x2, w1=w1, w2=w2, b=float(b), y=float(y))
    values["p1"], values["p2"] = w1 * x1, w2 * x2
    values["z"] = values["p1"] + values["p2"] + values["b"]
    values["a"] = float(sigmoid(np.array(values["z"])))
    values["L"] = (values["a"] - values["y"]) ** 2
    grads = {"L": 1.0}
    grads["a"] = 2 * (values["a"] - values["y"])
    grads["z"] = grads["a"] * float(sigmoid_derivative(np.array(values["z"])))
    grads["p1"] = grads["p2"] = grads["b"] = grads["z"]
    grads["w1"], grads["x1"] = grads["p1"] * x1, grads["p1"] * w1
    grads["w2"], grads["x2"] = grads["p2"] * x2, grads["p2"] * w2
    return values, grads


def _graph_edge(ax, start, end, value_text, grad_text, t=0.5, gap=0.13, note_color=RED_TEXT):
    """An edge of the computational graph: value above it (green), gradient below it (vermillion).

    A vertical edge gets the value on its left and the gradient on its right.
    """
    _arrow(ax, start, end, linewidth=1.8)
    x, y = _along(start, end, t)
    if abs(end[0] - start[0]) < 1e-9:
        ax.text(x - gap, y, value_text, ha="right", va="center", color=GREEN_TEXT, fontsize=15)
        ax.text(x + gap, y, grad_text, ha="left", va="center", color=note_color, fontsize=15)
        return
    ax.text(x, y + gap, value_text, ha="center", va="bottom", color=GREEN_TEXT, fontsize=15)
    ax.text(x, y - gap, grad_text, ha="center", va="top", color=note_color, fontsize=15)


def _bent_edge(ax, start, corner, node, radius, value_text, grad_text):
    """A horizontal labelled edge from start to corner, then an arrow into the circle at node."""
    ax.plot(*zip(start, corner), color="black", linewidth=1.8)
    x, y = _along(start, corner, 0.5)
    ax.text(x, y + 0.13, value_text, ha="center", va="bottom", color=GREEN_TEXT, fontsize=15)
    ax.text(x, y - 0.13, grad_text, ha="center", va="top", color=RED_TEXT, fontsize=15)
    _arrow(
        ax,
        corner,
        _along(node, corner, radius / np.hypot(corner[0] - node[0], corner[1] - node[1])),
        linewidth=1.8,
    )


def draw_backprop_graph():
    """The graph of z = w1 x1 + w2 x2 + b, a = sigmoid(z), L = (a - y)^2, numbers both ways."""
    v, g = backprop_numbers()
    r = 0.38  # radius of an operation node
    local = v["a"] * (1 - v["a"])  # sigmoid'(z), the local gradient of the sigma node

    def labels(name, symbol):
        return (
            f"${symbol} = {_number(v[name])}$",
            f"$\\partial L/\\partial {symbol} = {_number(g[name])}$",
        )

    with house_style():
        fig, ax = _canvas(15.6, 8.2)
        _title(
            ax,
            15.6,
            8.2,
            "Backpropagation: values flow forward, gradients flow backward (chain rule)",
        )
        ax.text(
            0.3,
            7.3,
            "above an edge: its value (forward pass, left to right)",
            color=GREEN_TEXT,
            fontsize=14,
        )
        ax.text(
            0.3,
            6.9,
            "below an edge: $\\partial L/\\partial$ that value (backward pass, right to left)",
            color=RED_TEXT,
            fontsize=14,
        )
        mul1, mul2, add, act, loss = (3.9, 5.6), (3.9, 3.0), (7.3, 4.3), (10.0, 4.3), (13.0, 4.3)
        for centre, text in (
            (mul1, "$\\times$"),
            (mul2, "$\\times$"),
            (add, "$+$"),
            (act, "$\\sigma$"),
        ):
            ax.add_patch(Circle(centre, r, facecolor=ORANGE, edgecolor="black", linewidth=1.5))
            ax.text(*centre, text, ha="center", va="center", fontsize=20)
        _box(ax, loss[0], loss[1], "$(a - y)^2$", 1.4, 0.8, PURPLE, fontsize=16)
        for name, symbol, leaf_y, node in (
            ("x1", "x_1", 6.2, mul1),
            ("w1", "w_1", 5.0, mul1),
            ("x2", "x_2", 3.6, mul2),
            ("w2", "w_2", 2.4, mul2),
        ):
            ax.plot(0.3, leaf_y, "o", color="black", markersize=5)
            _bent_edge(ax, (0.3, leaf_y), (2.7, leaf_y), node, r, *labels(name, symbol))
        for node, name, symbol in ((mul1, "p1", "p_1"), (mul2, "p2", "p_2")):
            _bent_edge(ax, (node[0] + r, node[1]), (6.4, node[1]), add, r, *labels(name, symbol))
        ax.plot(add[0], 1.5, "o", color="black", markersize=5)
        _graph_edge(ax, (add[0], 1.5), (add[0], add[1] - r), *labels("b", "b"), t=0.3)
        _graph_edge(ax, (add[0] + r, add[1]), (act[0] - r, act[1]), *labels("z", "z"))
        _graph_edge(ax, (act[0] + r, act[1]), (loss[0] - 0.7, loss[1]), *labels("a", "a"))
        ax.plot(loss[0], 6.2, "o", color="black", markersize=5)
        _graph_edge(
            ax,
            (loss[0], 6.2),
            (loss[0], loss[1] + 0.4),
            f"$y = {_number(v['y'], 1)}$",
            "(the label:\nnot learned)",
            note_color="#555555",
        )
        _graph_edge(ax, (loss[0] + 0.7, loss[1]), (15.4, loss[1]), *labels("L", "L"), t=0.45)
        ax.text(
            act[0],
            act[1] - r - 0.55,
            f"local gradient\n$\\sigma'(z) = a(1 - a) = {_number(local)}$",
            ha="center",
            va="top",
            fontsize=13,
        )
        ax.text(
            loss[0],
            loss[1] - 0.95,
            f"local gradient\n$2(a - y) = {_number(g['a'])}$",
            ha="center",
            va="top",
            fontsize=13,
        )
        ax.text(
            7.8,
            1.0,
            "forward:  $p_1 = w_1 x_1,\\; p_2 = w_2 x_2,\\; z = p_1 + p_2 + b,\\; a = \\sigma(z),"
            "\\; L = (a - y)^2$",
            ha="center",
            va="center",
            fontsize=15,
        )
        chain = g["a"] * local * v["x1"]
        ax.text(
            7.8,
            0.55,
            "chain rule:  $\\partial L/\\partial w_1 = \\partial L/\\partial a \\cdot \\sigma'(z)"
            f" \\cdot x_1 = ({_number(g['a'])})({_number(local)})({_number(v['x1'], 1)})"
            f" = {_number(chain)}$",
            ha="center",
            va="center",
            fontsize=15,
        )
        ax.text(
            7.8,
            0.1,
            "$\\partial L/\\partial w_1 < 0$: increasing $w_1$ lowers the loss, so gradient "
            "descent increases it.  The inputs $x_1, x_2$ get gradients too, but are not learned.",
            ha="center",
            va="center",
            fontsize=12,
        )
    return fig


ZOO = [
    ("step", "$1$ if $z \\geq 0$, else $0$", step, None),
    ("sigmoid", "$1 / (1 + e^{-z})$", sigmoid, sigmoid_derivative),
    ("tanh", "$\\tanh(z)$", tanh, tanh_derivative),
    ("ReLU", "$\\max(0, z)$", relu, relu_derivative),
    (
        "leaky ReLU (\u03b1 = 0.1, for visibility)",
        "$\\max(\\alpha z, z)$; default $\\alpha = 0.01$",
        partial(leaky_relu, alpha=0.1),
        partial(leaky_relu_derivative, alpha=0.1),
    ),
    ("ELU", "$z$ if $z > 0$, else $e^z - 1$", elu, elu_derivative),
    ("GELU", "$z\\,\\Phi(z)$ (tanh approx.)", gelu, gelu_derivative),
    ("softplus", "$\\log(1 + e^z)$", softplus, softplus_derivative),
]


def _plot_with_jumps(ax, z, values, *args, **kwargs):
    """ax.plot(z, values), with a gap where values jump instead of a vertical line."""
    ax.plot(*with_gaps_at_jumps(z, values), *args, **kwargs)


def draw_activation_zoo():
    """Eight activations g(z) (solid) with their derivatives g'(z) (dashed)."""
    z = np.linspace(-3, 3, 601)
    with house_style():
        fig = Figure(figsize=(15, 8.4), layout="constrained")
        axes = fig.subplots(2, 4, sharex=True, sharey=True)
        for ax, (name, formula, function, derivative) in zip(axes.ravel(), ZOO):
            ax.axhline(0, color="black", linewidth=0.8)
            ax.axvline(0, color="black", linewidth=0.8)
            _plot_with_jumps(ax, z, function(z), color=CLASS_COLORS[0])
            if (
                derivative is None
            ):  # the step: slope 0 everywhere except at z = 0, where it has none
                _plot_with_jumps(ax, z, np.zeros_like(z), "--", color=CLASS_COLORS[1])
                ax.plot([0], [1], "o", color=CLASS_COLORS[0], markersize=7)
                ax.plot(
                    [0],
                    [0],
                    "o",
                    color="white",
                    markeredgecolor=CLASS_COLORS[0],
                    markersize=7,
                    zorder=3,
                )
                ax.text(
                    -2.85,
                    -0.45,
                    "$g'(z) = 0$ everywhere,\nundefined at $z = 0$",
                    fontsize=12,
                    va="top",
                    color=OKABE_ITO["vermillion"],
                )
            else:
                _plot_with_jumps(ax, z, derivative(z), "--", color=CLASS_COLORS[1])
            ax.set_title(f"{name}\n{formula}", fontsize=14)
        axes[0, 0].set(xlim=(-3, 3), ylim=(-1.3, 3.0))
        for ax in axes[1]:
            ax.set_xlabel("z (pre-activation)")
        for ax in axes[:, 0]:
            ax.set_ylabel("value")
        fig.legend(
            handles=[
                Line2D([], [], color=CLASS_COLORS[0], label="activation g(z)"),
                Line2D([], [], color=CLASS_COLORS[1], linestyle="--", label="derivative g'(z)"),
            ],
            loc="outside lower center",
            ncols=2,
            fontsize=14,
            frameon=False,
        )
        fig.suptitle(
            "The activation zoo: backpropagation multiplies by the derivative (dashed), "
            "so where it is 0, learning stops",
            fontsize=17,
            weight="bold",
        )
    return fig


def gradient_descent_1d(w0=-2.5, learning_rate=0.15, steps=8, minimum=1.5, floor=0.5):
    """Gradient descent on the 1-D loss L(w) = (w - minimum)^2 + floor.

    Update: w <- w - learning_rate * dL/dw,  dL/dw = 2 (w - minimum)
    Returns: ws (steps + 1,) the weights visited (ws[0] = w0), losses (steps + 1,) L at each.
    """
    ws = [float(w0)]
    for _ in range(steps):
        ws.append(ws[-1] - learning_rate * 2 * (ws[-1] - minimum))
    ws = np.array(ws)
    return ws, (ws - minimum) ** 2 + floor


def draw_gradient_descent():
    """A 1-D loss curve with a real gradient descent run on it, and the minimum marked."""
    minimum, floor, learning_rate = 1.5, 0.5, 0.15
    ws, losses = gradient_descent_1d(learning_rate=learning_rate, minimum=minimum, floor=floor)
    grid = np.linspace(-3.2, 5.5, 300)
    with house_style():
        fig = Figure(figsize=(11, 6), layout="constrained")
        ax = fig.subplots()
        ax.plot(
            grid,
            (grid - minimum) ** 2 + floor,
            color=CLASS_COLORS[0],
            label="loss $L(w) = (w - 1.5)^2 + 0.5$",
        )
        slope = 2 * (ws[0] - minimum)
        tangent = np.array([ws[0] - 0.7, ws[0] + 0.7])
        ax.plot(tangent, losses[0] + slope * (tangent - ws[0]), color="black", linewidth=1.5)
        ax.annotate(
            f"slope $dL/dw = {_number(slope, 1)}$\n"
            f"step $= -\\eta \\cdot$ slope $= +{_number(-learning_rate * slope, 2)}$",
            (ws[0] + 0.45, losses[0] + 0.45 * slope),
            (-3.05, 4.2),
            fontsize=13,
            va="center",
            arrowprops=dict(arrowstyle="->", color="black"),
        )
        for start, end in zip(zip(ws, losses), zip(ws[1:], losses[1:])):
            ax.add_patch(
                FancyArrowPatch(
                    start,
                    end,
                    arrowstyle="-|>",
                    mutation_scale=16,
                    color=OKABE_ITO["vermillion"],
                    linewidth=1.8,
                    shrinkA=5,
                    shrinkB=5,
                    connectionstyle="arc3,rad=-0.25",
                )
            )
        ax.plot(
            ws,
            losses,
            "o",
            color=OKABE_ITO["vermillion"],
            markeredgecolor="black",
            markersize=8,
            zorder=3,
            label=f"gradient descent, $\\eta = {learning_rate}$, {len(ws) - 1} steps",
        )
        ax.text(
            ws[0] - 0.15, losses[0] - 0.3, "$w_0$", ha="right", va="top", fontsize=14
        )  # left: the tangent is right
        for i in (1, 2):
            ax.text(ws[i], losses[i] - 0.9, f"$w_{i}$", ha="center", va="top", fontsize=14)
        ax.plot(
            [minimum],
            [floor],
            "*",
            color=OKABE_ITO["yellow"],
            markeredgecolor="black",
            markersize=22,
            zorder=4,
            label="minimum, $w = 1.5$",
        )
        ax.text(
            -0.3,
            19.5,
            "update rule:\n$w \\leftarrow w - \\eta\\, \\dfrac{dL}{dw}$",
            fontsize=17,
            va="center",
        )
        ax.text(
            -0.3,
            14.5,
            "steep slope: big step;\nflat near the minimum: small steps",
            fontsize=13,
            va="center",
        )
        ax.set(
            xlim=(-3.2, 5.5),
            ylim=(0, 25),
            xlabel="weight $w$",
            ylabel="loss $L(w)$",
            title="Learning is optimisation: gradient descent walks downhill on the loss",
        )
        ax.legend(loc="upper right")
    return fig


# Huber with delta = 1: half of MSE near 0, straight like MAE (slope delta) further out.
HUBER_NOTE = (
    "Huber: $\\frac{1}{2}r^2$ for $|r| \\leq \\delta$ (half of MSE),\n"
    "$\\delta\\,(|r| - \\frac{1}{2}\\delta)$ beyond (straight, like MAE)"
)


def draw_loss_functions():
    """Regression losses against the residual; cross-entropy against the predicted probability."""
    residuals = np.linspace(-3, 3, 301)
    zero = np.zeros(1)
    regression = [
        ("MSE: $r^2$", mse, "-"),
        ("MAE: $|r|$", mae, "--"),
        ("Huber ($\\delta = 1$)", huber, "-."),
    ]
    p = np.linspace(0.001, 0.999, 500)
    with house_style():
        fig = Figure(figsize=(14, 5.8), layout="constrained")
        left, right = fig.subplots(1, 2)
        for (label, loss, style), color in zip(regression, CLASS_COLORS):
            left.plot(
                residuals, [loss(zero, [r]) for r in residuals], style, color=color, label=label
            )
        left.annotate(
            "an outlier with $r = 3$ costs\n9 in MSE, 3 in MAE, 2.5 in Huber:\nMSE cares most "
            "about outliers",
            (2.97, 8.9),
            (0, 9.2),
            ha="center",
            va="top",
            fontsize=12,
            arrowprops=dict(arrowstyle="->", color="black"),
        )
        left.text(0, 7.0, HUBER_NOTE, ha="center", va="top", fontsize=12)
        left.set(
            xlim=(-3, 3.2),
            ylim=(0, 9.5),
            xlabel="residual $r = \\hat{y} - y$",
            ylabel="loss for one example",
            title="Regression: the cost of a residual",
        )
        left.legend(loc="upper center", bbox_to_anchor=(0.5, 0.6))
        for label, target, style, color in (
            ("$y = 1$: $-\\log p$", 1.0, "-", CLASS_COLORS[0]),
            ("$y = 0$: $-\\log(1 - p)$", 0.0, "--", CLASS_COLORS[1]),
        ):
            right.plot(
                p, [binary_cross_entropy([target], [q]) for q in p], style, color=color, label=label
            )
        right.text(
            0.5,
            4.6,
            "confident and wrong:\nthe loss grows without bound",
            ha="center",
            va="center",
            fontsize=12,
        )
        right.text(
            0.5, 1.75, "confident and right: loss near 0", ha="center", va="center", fontsize=12
        )
        for point, start in (
            ((0.03, 3.5), (0.3, 4.3)),
            ((0.97, 3.5), (0.7, 4.3)),
            ((0.985, 0.04), (0.68, 1.6)),
            ((0.015, 0.04), (0.32, 1.6)),
        ):
            right.annotate(
                "", point, start, arrowprops=dict(arrowstyle="->", color="black", shrinkA=0)
            )
        right.set(
            xlim=(0, 1),
            ylim=(0, 5),
            xlabel="predicted probability $p = P(y = 1)$",
            ylabel="loss for one example",
            title="Classification: binary cross-entropy",
        )
        right.legend(loc="center", bbox_to_anchor=(0.5, 0.55))
        fig.suptitle(
            "Loss functions: how much one wrong prediction costs", fontsize=17, weight="bold"
        )
    return fig


def draw_minibatch():
    """Batch, mini-batch and stochastic gradient descent: one epoch of 16 rows cut into steps."""
    n = 16
    order = np.random.default_rng(3).permutation(n)  # the shuffle at the start of this epoch
    colors = [BLUE, ORANGE, GREEN, PURPLE]
    rows = [
        ("Batch GD", n, "1 step per epoch:\nexact gradient, slow steps,\nall data in memory"),
        ("Mini-batch GD", 4, "4 steps per epoch:\nthe usual choice\n(B = 32 to 512 in practice)"),
        ("Stochastic GD", 1, "16 steps per epoch:\nvery noisy gradient,\nno vectorisation"),
    ]
    cell, left = 0.5, 3.1
    with house_style():
        fig, ax = _canvas(14, 6.6)
        _title(ax, 14, 6.6, "Batch, mini-batch, stochastic: how many rows per gradient step")
        ax.text(
            left + n * cell / 2,
            5.75,
            f"one epoch over a data set of n = {n} rows (shuffled; numbers are row indices)",
            ha="center",
            va="center",
            fontsize=13,
        )
        for k, (name, batch_size, note) in enumerate(rows):
            y = 4.85 - 1.45 * k
            ax.text(0.2, y, f"{name}\nB = {batch_size}", va="center", weight="bold", fontsize=14)
            for i, row in enumerate(order):
                batch = i // batch_size
                ax.add_patch(
                    FancyBboxPatch(
                        (left + i * cell, y - 0.3),
                        cell,
                        0.6,
                        boxstyle="square,pad=0",
                        facecolor=colors[batch % len(colors)],
                        edgecolor="white",
                        linewidth=1.5,
                    )
                )
                ax.text(left + (i + 0.5) * cell, y, str(row), ha="center", va="center", fontsize=11)
            steps = n // batch_size
            for batch in range(steps):
                x0, x1 = (
                    left + batch * batch_size * cell + 0.05,
                    left + (batch + 1) * batch_size * cell - 0.05,
                )
                ax.plot(
                    [x0, x0, x1, x1],
                    [y - 0.38, y - 0.45, y - 0.45, y - 0.38],
                    color="black",
                    linewidth=1.2,
                )
                if steps <= 4:
                    ax.text(
                        (x0 + x1) / 2,
                        y - 0.5,
                        f"step {batch + 1}",
                        ha="center",
                        va="top",
                        fontsize=11,
                    )
            if steps > 4:
                ax.text(
                    left + n * cell / 2,
                    y - 0.5,
                    "one step per row",
                    ha="center",
                    va="top",
                    fontsize=11,
                )
            ax.text(
                left + n * cell + 0.3,
                y,
                f"$n/B = {n}/{batch_size} = {steps}$ step{'s' if steps > 1 else ''}\n"
                + note.split(":\n", 1)[1],
                va="center",
                fontsize=12,
            )
        ax.text(
            7,
            0.75,
            "1 epoch = one pass over all n rows = n/B steps",
            ha="center",
            va="center",
            fontsize=16,
            weight="bold",
        )
        ax.text(
            7,
            0.25,
            "Each step uses the mean gradient over its B rows; the rows are reshuffled every "
            "epoch.",
            ha="center",
            va="center",
            fontsize=12,
        )
    return fig


def draw_train_test_split():
    """The data set cut into training, validation and test sets, and what each one is for."""
    parts = [
        (
            "training set",
            0.6,
            BLUE,
            "used at every step",
            "fits the weights and biases\n(gradient descent sees\nonly these rows)",
        ),
        (
            "validation set",
            0.2,
            GREEN,
            "used after each run",
            "tunes hyper-parameters:\n"
            "learning rate, layers,\nepochs, regularisation;\ncompares models",
        ),
        (
            "test set",
            0.2,
            ORANGE,
            "used once, at the end",
            "estimates performance\non new, unseen data",
        ),
    ]
    n = 1000
    with house_style():
        fig, ax = _canvas(13, 5.6)
        _title(
            ax, 13, 5.6, "Train, validate, test: three jobs need three separate parts of the data"
        )
        x, width = 0.5, 12.0
        ax.text(
            x,
            4.55,
            f"all labelled data, n = {n} examples, shuffled once, then cut:",
            fontsize=13,
            va="center",
        )
        for name, share, color, when, use in parts:
            w = share * width
            ax.add_patch(
                FancyBboxPatch(
                    (x, 3.2),
                    w,
                    1.0,
                    boxstyle="square,pad=0",
                    facecolor=color,
                    edgecolor="black",
                    linewidth=1.5,
                )
            )
            ax.text(
                x + w / 2,
                3.7,
                f"{name}\n{share:.0%}, {round(share * n)} examples",
                ha="center",
                va="center",
                fontsize=14,
                weight="bold",
            )
            _arrow(ax, (x + w / 2, 3.1), (x + w / 2, 2.65), linewidth=1.5)
            ax.text(x + w / 2, 2.5, when, ha="center", va="top", fontsize=13, weight="bold")
            ax.text(x + w / 2, 2.1, use, ha="center", va="top", fontsize=12.5)
            x += w
        ax.text(
            6.5,
            0.35,
            "Never tune on the test set: once it has guided a decision, it no longer measures new "
            "data.\nWith millions of examples, 98% / 1% / 1% is common: validation and test only "
            "need to be big enough.",
            ha="center",
            va="center",
            fontsize=12,
        )
    return fig


DROPOUT_P, DROPOUT_SEED = 0.5, 1


def dropout_mask(hidden_sizes=(5, 5), p=DROPOUT_P, seed=DROPOUT_SEED):
    """One training step's dropout mask per hidden layer: True = kept (probability 1 - p).

    Returns: list of boolean arrays, one of shape (n_l,) per hidden layer.
    """
    rng = np.random.default_rng(seed)
    return [rng.random(n) >= p for n in hidden_sizes]


def _draw_dropout_network(ax, origin, keep, scale_label=None):
    """A 4-5-5-1 network at origin (its input layer's centre); keep: the hidden layers' masks."""
    sizes = [4, 5, 5, 1]
    layers = [p * 0.85 + origin for p in neuron_positions(sizes, layer_spacing=2.0)]
    alive = [np.ones(4, bool)] + list(keep) + [np.ones(1, bool)]
    fills = [BLUE, GREEN, GREEN, ORANGE]
    for k in range(len(sizes) - 1):
        for i, start in enumerate(layers[k]):
            for j, end in enumerate(layers[k + 1]):
                if alive[k][i] and alive[k + 1][j]:
                    ax.plot(*zip(start, end), color="#888888", linewidth=1.2, zorder=1)
    for k, layer in enumerate(layers):
        for i, (x, y) in enumerate(layer):
            ax.add_patch(
                Circle(
                    (x, y),
                    0.27,
                    facecolor=fills[k] if alive[k][i] else "#F4F4F4",
                    edgecolor="black" if alive[k][i] else "#AAAAAA",
                    linewidth=1.5,
                    zorder=2,
                )
            )
            if not alive[k][i]:
                for dx in (-0.2, 0.2):
                    ax.plot(
                        [x - dx, x + dx],
                        [y - 0.2, y + 0.2],
                        color=OKABE_ITO["vermillion"],
                        linewidth=3,
                        zorder=3,
                    )
            elif scale_label and 0 < k < len(sizes) - 1:
                ax.text(x, y, scale_label, ha="center", va="center", fontsize=12, zorder=3)


def draw_dropout():
    """Dropout: a training step with dropped hidden units, beside the full network at test time."""
    keep = dropout_mask()
    scale = 1 / (1 - DROPOUT_P)
    with house_style():
        fig, ax = _canvas(15, 7.0)
        _title(ax, 15, 7.0, "Dropout: train with random units switched off, test with all of them")
        _draw_dropout_network(ax, np.array([1.4, 3.7]), keep, scale_label=f"\u00d7{scale:g}")
        _draw_dropout_network(ax, np.array([9.0, 3.7]), [np.ones(len(k), bool) for k in keep])
        ax.plot([7.6, 7.6], [1.2, 6.1], color="#BBBBBB", linewidth=1.5)
        ax.text(
            3.95,
            6.05,
            f"training step (p = {DROPOUT_P:g})",
            ha="center",
            weight="bold",
            fontsize=15,
        )
        ax.text(11.55, 6.05, "test time", ha="center", weight="bold", fontsize=15)
        ax.text(
            3.95,
            1.05,
            f"each hidden unit is dropped with probability p;\na new random mask every step; "
            f"kept units are\nscaled by 1/(1 \u2212 p) = {scale:g} (inverted dropout)",
            ha="center",
            va="top",
            fontsize=12,
        )
        ax.text(
            11.55,
            1.05,
            "all units, no mask, no scaling:\nthe training-time scaling already made\n"
            "the expected activation equal: (1 \u2212 p) \u00b7 a/(1 \u2212 p) = a",
            ha="center",
            va="top",
            fontsize=12,
        )
    return fig


WEIGHT_DECAY_H = np.array([[1.0, 0.5], [0.5, 2.0]])  # the curvature (Hessian) of the loss
WEIGHT_DECAY_OPTIMUM = np.array([3.0, 2.0])  # w*, the minimum without a penalty


def weight_decay_optimum(lam, H=WEIGHT_DECAY_H, w_star=WEIGHT_DECAY_OPTIMUM):
    """The minimum of L(w) + (lam / 2) ||w||^2 for the loss L(w) = 1/2 (w - w*)^T H (w - w*).

    Setting the gradient H (w - w*) + lam w to 0 gives  w_lam = (H + lam I)^-1 H w*   (w_0 = w*).
    Inputs: lam >= 0; H: (2, 2) symmetric positive definite; w_star: (2,).
    Returns: (2,) the regularised optimum.
    """
    return np.linalg.solve(H + lam * np.eye(len(w_star)), H @ w_star)


def draw_weight_decay():
    """Loss contours, the L2 penalty circle, and the regularised optimum pulled from w* toward 0."""
    lam = 1.5
    w_lam = weight_decay_optimum(lam)
    w1, w2 = np.meshgrid(np.linspace(-2.2, 4.6, 300), np.linspace(-2.2, 3.6, 300))
    delta = np.stack([w1 - WEIGHT_DECAY_OPTIMUM[0], w2 - WEIGHT_DECAY_OPTIMUM[1]])
    loss = 0.5 * np.einsum("iyx,ij,jyx->yx", delta, WEIGHT_DECAY_H, delta)
    d = w_lam - WEIGHT_DECAY_OPTIMUM
    loss_at_w_lam = 0.5 * d @ WEIGHT_DECAY_H @ d
    path = np.array([weight_decay_optimum(lam_k) for lam_k in np.geomspace(0.01, 200, 200)])
    with house_style():
        fig = Figure(figsize=(10, 7.6), layout="constrained")
        ax = fig.subplots()
        ax.contour(
            w1,
            w2,
            loss,
            levels=loss_at_w_lam * np.array([0.1, 0.4, 2.2, 4, 6.5]),
            colors=[CLASS_COLORS[0]],
            linewidths=1.2,
            alpha=0.7,
        )
        ax.contour(w1, w2, loss, levels=[loss_at_w_lam], colors=[CLASS_COLORS[0]], linewidths=2.5)
        radius = np.linalg.norm(w_lam)
        ax.add_patch(
            Circle(
                (0, 0),
                radius,
                fill=False,
                edgecolor=OKABE_ITO["vermillion"],
                linewidth=2.5,
                linestyle="--",
            )
        )
        ax.plot(path[:, 0], path[:, 1], ":", color="#555555", linewidth=2)
        ax.annotate(
            "",
            w_lam,
            WEIGHT_DECAY_OPTIMUM,
            arrowprops=dict(
                arrowstyle="-|>",
                color="black",
                linewidth=2,
                mutation_scale=20,
                shrinkA=8,
                shrinkB=8,
            ),
        )
        ax.plot(
            *WEIGHT_DECAY_OPTIMUM,
            "o",
            color=CLASS_COLORS[0],
            markeredgecolor="black",
            markersize=12,
            zorder=3,
        )
        ax.plot(
            *w_lam, "*", color=OKABE_ITO["yellow"], markeredgecolor="black", markersize=22, zorder=3
        )
        ax.plot(0, 0, "+", color="black", markersize=14, markeredgewidth=2)
        box = dict(facecolor="white", edgecolor="none", alpha=0.85, pad=2)
        ax.text(
            WEIGHT_DECAY_OPTIMUM[0] + 0.3,
            WEIGHT_DECAY_OPTIMUM[1] + 0.25,
            f"$w^*$ = ({WEIGHT_DECAY_OPTIMUM[0]:.2f}, {WEIGHT_DECAY_OPTIMUM[1]:.2f})"
            "\nminimum of\nthe loss alone",
            ha="center",
            fontsize=13,
            bbox=box,
        )
        ax.annotate(
            f"$w_\\lambda$ = ({w_lam[0]:.2f}, {w_lam[1]:.2f})\nminimum with the\n"
            f"penalty, $\\lambda = {lam:g}$",
            w_lam,
            (2.05, 0.25),
            fontsize=13,
            ha="left",
            va="top",
            bbox=box,  # outside circle, under contour
            arrowprops=dict(arrowstyle="->", color="#555555", shrinkA=2, shrinkB=10),
        )
        ax.text(
            -radius * 0.7,
            -radius * 0.7 + 0.1,
            "penalty circle:\n$\\|w\\| = \\|w_\\lambda\\|$",
            ha="left",
            va="bottom",
            fontsize=13,
            color=OKABE_ITO["vermillion"],
            bbox=box,
        )
        ax.text(0.1, -0.35, "0", fontsize=13)
        ax.text(
            -2.1,
            3.5,
            "thick: the loss contour through $w_\\lambda$, which just touches the circle\n"
            "dotted: $w_\\lambda$ as $\\lambda$ grows from 0 (at $w^*$) to $\\infty$ (at 0)",
            fontsize=12,
            va="top",
            bbox=box,
        )
        ax.set(
            xlim=(-2.2, 4.6),
            ylim=(-2.2, 3.6),
            xlabel="weight $w_1$",
            ylabel="weight $w_2$",
            title="Weight decay: the L2 penalty pulls the optimum toward 0\n"
            "minimise $L(w) + \\frac{\\lambda}{2}\\|w\\|^2$, with $L$ a quadratic loss (blue "
            "contours)",
        )
        ax.set_aspect("equal")
    return fig


NORMALISATION_SCALES = (1.0, 5.0)  # x2 spreads 5 times wider than x1, as in notebook 07
NORMALISATION_RATES = np.geomspace(0.001, 1.0, 61)  # the learning rates each run is tuned over


def _descend(X, y, w0, learning_rate, steps):
    """Gradient descent on L(w) = mean((X w - y)^2) from w0. Returns the path, (steps + 1, 2)."""
    path = [np.asarray(w0, dtype=float)]
    for _ in range(steps):
        path.append(path[-1] - learning_rate * 2 * X.T @ (X @ path[-1] - y) / len(y))
    return np.array(path)


def normalisation_paths(steps=20, seed=0, n=200, scales=NORMALISATION_SCALES, w_true=(1.5, 0.4)):
    """Gradient descent on the MSE of a linear model y = X w, raw and standardised features.

    Data: x_j ~ Normal(0, scales[j]), centred (so standardising only rescales the columns, the model
    stays the same), y = X w_true + noise. Loss L(w) = mean((X w - y)^2), gradient
    2 X^T (X w - y) / n, Hessian 2 X^T X / n (its eigenvalues give the contours' shape).
    Both runs start from the same model (w0 = (-1, -0.8) in raw units) and take `steps` steps,
    each with the learning rate from NORMALISATION_RATES that ends at the lowest loss: a fair
    comparison, as each set of features gets its best learning rate.
    Returns: {"unscaled": run, "standardised": run}, each run a dict with X (n, 2), y (n,),
             learning_rate, path (steps + 1, 2), optimum (2,), eigenvalues (2,) of the Hessian,
             ascending.
    """
    rng = np.random.default_rng(seed)
    X_raw = rng.normal(0, 1, (n, 2)) * np.array(scales)
    X_raw = X_raw - X_raw.mean(axis=0)
    y = X_raw @ np.array(w_true) + rng.normal(0, 0.1, n)
    std = X_raw.std(axis=0)
    w0_raw = np.array([-1.0, -0.8])
    runs = {}
    for name, X, w0 in (("unscaled", X_raw, w0_raw), ("standardised", X_raw / std, w0_raw * std)):
        with np.errstate(over="ignore", invalid="ignore"):  # the largest rates diverge
            final = [
                np.mean((X @ _descend(X, y, w0, lr, steps)[-1] - y) ** 2)
                for lr in NORMALISATION_RATES
            ]
        learning_rate = float(NORMALISATION_RATES[np.nanargmin(final)])
        runs[name] = dict(
            X=X,
            y=y,
            learning_rate=learning_rate,
            path=_descend(X, y, w0, learning_rate, steps),
            optimum=np.linalg.lstsq(X, y, rcond=None)[0],
            eigenvalues=np.linalg.eigvalsh(2 * X.T @ X / n),
        )
    return runs


def _mse_surface(X, y, w1, w2):
    """mean((X w - y)^2) at every w = (w1[i, j], w2[i, j]): w^T A w - 2 c^T w + mean(y^2)."""
    A, c = X.T @ X / len(y), X.T @ y / len(y)
    return (
        A[0, 0] * w1**2
        + 2 * A[0, 1] * w1 * w2
        + A[1, 1] * w2**2
        - 2 * (c[0] * w1 + c[1] * w2)
        + np.mean(y**2)
    )


def draw_normalisation():
    """Loss contours over two weights, raw vs standardised features, with gradient descent paths."""
    runs = normalisation_paths()
    spread = NORMALISATION_SCALES[1] / NORMALISATION_SCALES[0]
    with house_style():
        fig = Figure(figsize=(14, 6.4), layout="constrained")
        panels = fig.subplots(1, 2)
        titles = {
            "unscaled": f"raw features: $x_2$ spread {spread:g}\u00d7 wider than $x_1$",
            "standardised": "standardised features: $(x - \\mathrm{mean}) / \\mathrm{std}$",
        }
        for ax, (name, run) in zip(panels, runs.items()):
            path, optimum = run["path"], run["optimum"]
            low, high = np.minimum(path.min(axis=0), optimum), np.maximum(path.max(axis=0), optimum)
            centre, half = (low + high) / 2, (high - low).max() / 2 + 0.5
            w1, w2 = np.meshgrid(
                np.linspace(centre[0] - half, centre[0] + half, 300),
                np.linspace(centre[1] - half, centre[1] + half, 300),
            )
            loss = _mse_surface(run["X"], run["y"], w1, w2)
            best = _mse_surface(run["X"], run["y"], optimum[0], optimum[1])
            ax.contour(
                w1,
                w2,
                loss,
                levels=best + np.geomspace(0.05, 60, 9),
                colors=[CLASS_COLORS[0]],
                linewidths=1.2,
                alpha=0.8,
            )
            ax.plot(
                path[:, 0],
                path[:, 1],
                "-o",
                color=OKABE_ITO["vermillion"],
                markersize=5,
                linewidth=1.8,
                markeredgecolor="black",
                markeredgewidth=0.5,
                label=f"gradient descent, {len(path) - 1} steps, "
                f"$\\eta$ = {run['learning_rate']:.2g}",
            )
            ax.plot(
                *path[0],
                "s",
                color="white",
                markeredgecolor="black",
                markersize=10,
                zorder=3,
                label="start",
            )
            ax.plot(
                *optimum,
                "*",
                color=OKABE_ITO["yellow"],
                markeredgecolor="black",
                markersize=20,
                zorder=3,
                label="minimum",
            )
            ratio = np.sqrt(run["eigenvalues"][1] / run["eigenvalues"][0])
            final = _mse_surface(run["X"], run["y"], *path[-1])
            ax.text(
                0.97,
                0.03,
                f"contours {ratio:.1f} : 1\nloss after {len(path) - 1} steps: {final:.2g}",
                transform=ax.transAxes,
                ha="right",
                fontsize=13,
                bbox=dict(facecolor="white", edgecolor="#999999"),
            )
            ax.set(
                xlim=(centre[0] - half, centre[0] + half),
                ylim=(centre[1] - half, centre[1] + half),
                xlabel="weight $w_1$",
                ylabel="weight $w_2$",
                title=titles[name],
            )
            ax.set_aspect("equal")
            ax.legend(loc="upper left", fontsize=11)
        fig.suptitle(
            "Normalising inputs: round contours let gradient descent head straight for the minimum",
            fontsize=17,
            weight="bold",
        )
        raw, std = runs["unscaled"], runs["standardised"]
        fig.text(
            0.5,
            -0.01,
            "The same data, model and start; each run uses the learning rate that ends lowest "
            "after 20 steps (a sweep from 0.001 to 1).\nRaw features: the steep direction needs "
            f"$\\eta < 2/\\lambda_{{max}} = {2 / raw['eigenvalues'][1]:.3f}$, so the path zig-zags "
            "across the valley and crawls along it.\nStandardised: every direction is equally "
            f"steep, so $\\eta$ = {std['learning_rate']:.2g} is safe and the path goes straight "
            "to the minimum.",
            ha="center",
            va="top",
            fontsize=12,
        )
    return fig


FISH = [
    "............",
    "............",
    "....##......",
    ".....####...",
    ".#..######..",
    ".##.####.##.",
    ".##########.",
    ".##.#######.",
    ".#..######..",
    ".....####...",
    "............",
    "............",
]


def augmented_images(seed=0, noise=0.2):
    """A 12 x 12 fish (1 = ink, 0 = background) and three label-preserving changes of it.

    Returns: list of (name, image) with image of shape (12, 12), values in [0, 1]:
      flipped left-right; shifted 1 pixel right and 1 down (zeros fill the gap); Gaussian
      noise, clipped to [0, 1].
    """
    image = np.array([[1.0 if c == "#" else 0.0 for c in row] for row in FISH])
    shifted = np.zeros_like(image)
    shifted[1:, 1:] = image[:-1, :-1]
    noisy = np.clip(image + np.random.default_rng(seed).normal(0, noise, image.shape), 0, 1)
    return [
        ("original", image),
        ("flipped left\u2013right", image[:, ::-1]),
        ("shifted 1 px right, 1 px down", shifted),
        (f"noise added (\u03c3 = {noise:g})", noisy),
    ]


def draw_data_augmentation():
    """A tiny drawn image and its flipped, shifted and noisy versions, all with the same label."""
    with house_style():
        fig = Figure(figsize=(14, 4.9), layout="constrained")
        for ax, (name, image) in zip(fig.subplots(1, 4), augmented_images()):
            ax.imshow(image, cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
            ax.set_xticks(np.arange(-0.5, 12, 1), minor=True)
            ax.set_yticks(np.arange(-0.5, 12, 1), minor=True)
            ax.grid(which="minor", color="#DDDDDD", linewidth=0.5)
            ax.grid(which="major", visible=False)
            ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
            ax.set_title(name, fontsize=15)
            ax.set_xlabel("label: fish", fontsize=14)
            for spine in ax.spines.values():
                spine.set_visible(True)
        fig.suptitle(
            "Data augmentation: one labelled image becomes several training examples",
            fontsize=17,
            weight="bold",
        )
        fig.text(
            0.5,
            -0.02,
            "12 \u00d7 12 pixels. Only use changes that keep the label: "
            "turn a '6' upside down and it becomes a '9'.",
            ha="center",
            va="top",
            fontsize=13,
        )
    return fig


def draw_idea_code_experiment():
    """The idea -> code -> experiment cycle, drawn as a circle of three boxes."""
    centre, radius = np.array([5.0, 3.55]), 2.3
    stages = [
        (90, "Idea", "\u201ctry a deeper network,\na smaller learning rate\u2026\u201d", BLUE),
        (-30, "Code", "implement it", GREEN),
        (210, "Experiment", "train, measure,\nlook at the results", ORANGE),
    ]
    with house_style():
        fig, ax = _canvas(10, 7.6)
        _title(
            ax, 10, 7.6, "Deep learning is an empirical cycle: idea \u2192 code \u2192 experiment"
        )
        half = np.array([1.35, 0.65]) + 0.15  # half the box size, plus a gap
        boxes = [
            centre + radius * np.array([np.cos(np.radians(a)), np.sin(np.radians(a))])
            for a, *_ in stages
        ]
        for k, (angle, _, _, _) in enumerate(
            stages
        ):  # clockwise arcs along the circle, from box to box
            angles = np.radians(np.linspace(angle, angle - 120, 241))
            points = centre + radius * np.column_stack([np.cos(angles), np.sin(angles)])
            outside = np.all([np.any(np.abs(points - b) > half, axis=1) for b in boxes], axis=0)
            arc = points[outside]
            ax.plot(arc[:-1, 0], arc[:-1, 1], color="#444444", linewidth=3, solid_capstyle="round")
            _arrow(ax, arc[-6], arc[-1], color="#444444", linewidth=3)
        for angle, name, note, color in stages:
            x, y = centre + radius * np.array(
                [np.cos(np.radians(angle)), np.sin(np.radians(angle))]
            )
            _box(ax, x, y, f"{name}\n", 2.7, 1.3, color, fontsize=17, weight="bold")
            ax.text(x, y - 0.2, note, ha="center", va="center", fontsize=12)
        ax.text(
            *centre,
            "faster\nexperiments\n=\nmore turns\nper day",
            ha="center",
            va="center",
            fontsize=15,
            weight="bold",
        )
        ax.text(
            5.0,
            0.3,
            "Speed comes from GPUs, vectorised code, and small quick trial runs before big ones.",
            ha="center",
            va="center",
            fontsize=12,
        )
    return fig


SATURATION_LEVEL = 0.02  # sigmoid'(z) below this counts as "saturated" in sigmoid_vs_relu.png


def draw_sigmoid_vs_relu():
    """Sigmoid and ReLU with their derivatives; shaded: where the sigmoid's gradient is near 0."""
    z = np.linspace(-8, 8, 801)
    saturated = sigmoid_derivative(z) < SATURATION_LEVEL
    edge = z[~saturated].max()  # the sigmoid is symmetric: saturated for |z| > edge
    with house_style():
        fig = Figure(figsize=(14, 5.8), layout="constrained")
        left, right = fig.subplots(1, 2)
        for ax, function, derivative, name in (
            (left, sigmoid, sigmoid_derivative, "\u03c3"),
            (right, relu, relu_derivative, "ReLU"),
        ):
            ax.axhline(0, color="black", linewidth=0.8)
            ax.axvline(0, color="black", linewidth=0.8)
            ax.plot(z, function(z), color=CLASS_COLORS[0], label=f"{name}(z)")
            _plot_with_jumps(
                ax,
                z,
                derivative(z),
                "--",
                color=CLASS_COLORS[1],
                label=f"{name}'(z)  (the gradient factor)",
            )
            ax.set(xlabel="z (pre-activation)", ylabel="value")
            ax.legend(loc="upper left")
        left.set(xlim=(-8, 8), ylim=(-0.1, 1.6))
        right.set(xlim=(-4, 4), ylim=(-0.3, 4.3))
        for lo, hi in ((-8, -edge), (edge, 8)):
            left.axvspan(lo, hi, color=GREY, zorder=0)
            left.text(
                (lo + hi) / 2,
                0.72,
                f"saturated:\n$\\sigma'(z) < {SATURATION_LEVEL}$\nlearning\nstalls",
                ha="center",
                va="center",
                fontsize=12,
            )
        left.annotate(
            "peak $\\sigma'(0) = 0.25$: each sigmoid\nlayer multiplies the gradient\nby at most "
            "0.25",
            (0, 0.25),
            (0.3, 1.3),
            fontsize=12,
            va="center",
            arrowprops=dict(arrowstyle="->", color="black"),
        )
        right.axvspan(-4, 0, color=GREY, zorder=0)
        right.text(
            -2, 1.6, "z < 0: gradient 0\n(the unit is off)", ha="center", va="center", fontsize=12
        )
        right.text(
            2.6,
            0.5,
            "z > 0: gradient\nexactly 1, however\nlarge z gets:\nno saturation",
            ha="center",
            va="center",
            fontsize=12,
        )
        left.set(title="sigmoid: saturates at both ends")
        right.set(title="ReLU: max(0, z)")
        fig.suptitle(
            "Switching from sigmoid to ReLU: for z > 0 the gradient no longer vanishes, "
            "so deep networks learn faster",
            fontsize=16,
            weight="bold",
        )
    return fig


# --- the registry: file name -> (function, alt text) -----------------------------------------

FIGURES = {
    "rules_vs_learning.png": (
        draw_rules_vs_learning,
        "Two rows of boxes. Classic programming: rules and data go in, answers come out. "
        "Machine learning: data and answers go in, rules come out.",
    ),
    "supervised_learning.png": (
        draw_supervised_learning,
        "Table of supervised learning applications, input to output: home features to price, ad "
        "and user to click, image to object label, audio to transcript, English to French "
        "sentence, with the network family for each.",
    ),
    "regression_vs_classification.png": (
        draw_regression_vs_classification,
        "Left: house price against size with a fitted line, regression predicts a number. "
        "Right: two classes of points split by a line, classification predicts a category.",
    ),
    "why_deep_learning_now.png": (
        draw_why_deep_learning_now,
        "Schematic, not measured: performance against amount of labelled data. Classic methods "
        "plateau early; small, medium and large neural networks plateau later and higher, the "
        "large one highest.",
    ),
    "biological_vs_artificial_neuron.png": (
        draw_biological_vs_artificial_neuron,
        "Schematic biological neuron with dendrites, cell body, axon and synapses, beside an "
        "artificial neuron: inputs x1 to x3 with weights into a sum and activation, giving output "
        "a.",
    ),
    "neuron_computation.png": (
        draw_neuron_computation,
        "Diagram of one neuron: inputs x1, x2, x3 multiplied by weights w1, w2, w3, summed with "
        "bias b to give z, then activation g gives a. Formula: z = x1 w1 + x2 w2 + x3 w3 + b, a = "
        "g(z).",
    ),
    "three_layer_network.png": (
        draw_three_layer_network,
        "Network diagram: 3 inputs, two hidden layers of 4 neurons, 1 output; every neuron "
        "connected to every neuron of the next layer, with weight shapes (3, 4), (4, 4) and (4, "
        "1).",
    ),
    "forward_propagation.png": (
        draw_forward_propagation,
        "Table of forward propagation steps with shapes: Z1 = X W1 + b1 and A1 = g(Z1) of shape "
        "(n, 4), Z2 = A1 W2 + b2 and A2 = g(Z2) of shape (n, 4), Z3 = A2 W3 + b3 and Y hat = "
        "sigmoid(Z3) of shape (n, 1).",
    ),
    "deep_representation.png": (
        draw_deep_representation,
        "Four boxes left to right: a pixel image of a face, short edge segments, face parts (eyes, "
        "nose, mouth), a whole face; each layer builds features from the previous layer's "
        "features.",
    ),
    "house_price_network.png": (
        draw_house_price_network,
        "Network predicting house price: inputs size, bedrooms, zip code and wealth feed hidden "
        "neurons family size, walkability and school quality, which feed price. Thick edges mark "
        "the intuitive links.",
    ),
    "backprop_graph.png": (
        draw_backprop_graph,
        "Computational graph of one neuron: x1 times w1 and x2 times w2 feed a sum with bias b "
        "giving z, then a sigmoid giving a, then the loss (a - y) squared. Each edge shows its "
        "value above in green, from x = (1, 2), w = (0.5, -0.3), b = 0.4, y = 1: z = 0.3, a = "
        "0.574, L = 0.181; and its gradient below in orange: dL/da = -0.851, dL/dz = -0.208, "
        "dL/dw1 = -0.208, dL/dw2 = -0.416, dL/db = -0.208.",
    ),
    "activation_zoo.png": (
        draw_activation_zoo,
        "Grid of eight small plots, each an activation function (solid) and its derivative "
        "(dashed) for z from -3 to 3: step (derivative 0, undefined at 0), sigmoid, tanh, ReLU, "
        "leaky ReLU (drawn with slope 0.1 for negative z so it is visible; the default is 0.01), "
        "ELU, GELU and softplus.",
    ),
    "gradient_descent.png": (
        draw_gradient_descent,
        "A U-shaped loss curve L(w) with minimum at w = 1.5. Eight gradient descent steps start at "
        "w = -2.5 on the steep left side; arrows jump downhill, big steps where the slope is "
        "steep, smaller ones near the minimum, which is marked with a star.",
    ),
    "loss_functions.png": (
        draw_loss_functions,
        "Left: loss against the residual for MSE (a parabola), MAE (a V shape) and Huber (half the "
        "MSE parabola near 0, straight lines like MAE further out). Right: binary cross-entropy "
        "against the predicted probability p: -log p for y = 1 rises steeply as p goes to 0; "
        "-log(1 - p) for y = 0 rises steeply as p goes to 1.",
    ),
    "minibatch.png": (
        draw_minibatch,
        "A shuffled data set of 16 rows drawn three times as a strip of coloured cells. Batch "
        "gradient descent: one block of 16, 1 step per epoch. Mini-batch: four blocks of 4, 4 "
        "steps. Stochastic: 16 blocks of 1, 16 steps. One epoch is n/B steps.",
    ),
    "train_test_split.png": (
        draw_train_test_split,
        "A bar of 1000 examples cut into a training set (60%, fits the weights), a validation set "
        "(20%, chooses hyper-parameters and compares models) and a test set (20%, used once at the "
        "end to estimate performance on new data).",
    ),
    "dropout.png": (
        draw_dropout,
        "Two network diagrams with 4 inputs, two hidden layers of 5 units and 1 output. Left, a "
        "training step: five of the ten hidden units are crossed out with their connections "
        "removed, and the kept ones are marked times 2. Right, test time: all units and "
        "connections, no scaling.",
    ),
    "weight_decay.png": (
        draw_weight_decay,
        "Elliptical contours of a loss over two weights, centred on its minimum w* = (3, 2). A "
        "dashed circle around the origin is the L2 penalty; the regularised minimum, a star at "
        "(1.32, 1.38), lies where a loss contour touches the circle, pulled from w* toward 0.",
    ),
    "normalisation.png": (
        draw_normalisation,
        "Two contour plots of the loss over two weights with gradient descent paths. Raw features: "
        "long thin ellipses and a path that zig-zags across the valley. Standardised features: "
        "nearly round contours and a path heading straight to the minimum.",
    ),
    "data_augmentation.png": (
        draw_data_augmentation,
        "Four 12 by 12 pixel images of a fish, all labelled fish: the original, flipped left to "
        "right, shifted 1 pixel right and 1 down, and with random noise added.",
    ),
    "idea_code_experiment.png": (
        draw_idea_code_experiment,
        "Three boxes in a circle joined by clockwise arrows: Idea, then Code, then Experiment, "
        "then back to Idea. In the middle: faster experiments mean more turns of the cycle per "
        "day.",
    ),
    "sigmoid_vs_relu.png": (
        draw_sigmoid_vs_relu,
        "Left: the sigmoid and its derivative, which peaks at 0.25 at z = 0 and is nearly 0 in "
        "shaded saturated regions beyond about |z| = 3.9. Right: ReLU and its derivative, 0 for "
        "negative z and exactly 1 for every positive z, so it never saturates there.",
    ),
}


def save_figure(fig, path):
    """Write fig to path as a PNG with a 256-colour palette, no version metadata (stable bytes).

    The palette (Pillow's median cut, no dithering) makes files about 3 times smaller than full
    colour; the pictures differ from full colour by an RMS below 1 on the 0-255 scale, which the
    eye cannot see.
    """
    buffer = BytesIO()
    with house_style():
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.15)
    image = Image.open(buffer).convert("RGB")
    image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, format="png", optimize=True
    )


def draw_all(outdir=IMAGES_DIR):
    """Draw every figure in FIGURES into outdir. Returns the list of written paths."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for filename, (draw, _alt_text) in FIGURES.items():
        save_figure(draw(), outdir / filename)
        paths.append(outdir / filename)
    return paths


if __name__ == "__main__":
    for path in draw_all(sys.argv[1] if len(sys.argv) > 1 else IMAGES_DIR):
        print(f"{path.name:40s} {path.stat().st_size / 1024:6.1f} kB")
