"""Draws every picture in images/: the lecture's figures, redrawn by code.

Each figure is a function draw_<name>() that returns a matplotlib Figure.
FIGURES maps a file name to (function, alt text); the notebooks reuse the alt text.
Regenerate all of images/ (the same bytes on every machine with the pinned versions):

    python -m course_utils.figures            # writes to images/ at the repository root
    python -m course_utils.figures some/dir   # or anywhere else

To add a figure: write draw_<name>() below (start from _canvas() for a diagram, or
Figure().subplots() for a plot), then add one line to FIGURES at the bottom.
"""

import sys
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Circle, Ellipse, FancyArrowPatch, FancyBboxPatch, Polygon

from course_utils.plotting import (CLASS_COLORS, OKABE_ITO, house_style, lighten, neuron_positions,
                                   plot_data, plot_network)

DPI = 100
IMAGES_DIR = Path(__file__).resolve().parent.parent / "images"

BLUE, ORANGE, GREEN = lighten(OKABE_ITO["sky_blue"], 0.5), lighten(OKABE_ITO["orange"], 0.5), lighten(OKABE_ITO["green"], 0.6)
PURPLE, GREY = lighten(OKABE_ITO["purple"], 0.5), "#EEEEEE"


# --- small drawing helpers: a canvas measured in inches, boxes and arrows ---------------------

def _canvas(width, height):
    """A width x height inch figure with one invisible Axes whose data units are inches, (0, 0) bottom left."""
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_autoscale_on(False)
    ax.axis("off")
    return fig, ax


def _box(ax, x, y, text, width, height, color="white", fontsize=14, weight="normal"):
    """A rounded box centred at (x, y) with centred text."""
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, facecolor=color,
                                edgecolor="black", linewidth=1.5, boxstyle="round,pad=0,rounding_size=0.12"))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, weight=weight)


def _arrow(ax, start, end, color="black", linewidth=2.0):
    """An arrow from start (x, y) to end (x, y)."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=20, color=color,
                                 linewidth=linewidth, shrinkA=0, shrinkB=0))


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
        fig, ax = _canvas(10, 5)
        _title(ax, 10, 5, "Machine learning turns classic programming around")
        rows = [(3.2, "Classic\nprogramming", ("Rules", ORANGE), ("Data", BLUE), ("Answers", GREEN)),
                (1.2, "Machine\nlearning", ("Data", BLUE), ("Answers", GREEN), ("Rules", ORANGE))]
        for y, middle, top_input, bottom_input, output in rows:
            for (text, color), dy in ((top_input, 0.45), (bottom_input, -0.45)):
                _box(ax, 1.6, y + dy, text, 2.0, 0.7, color)
                _arrow(ax, (2.6, y + dy), (4.0, y + 0.2 * np.sign(dy)))
            _box(ax, 5.1, y, middle, 2.2, 1.4, GREY, fontsize=16, weight="bold")
            _arrow(ax, (6.2, y), (7.4, y))
            _box(ax, 8.5, y, output[0], 2.0, 0.8, output[1], fontsize=16, weight="bold")
        ax.text(5, 0.15, "Answers are the labels (e.g. 'cat'); the learned rules are a function from data to answers.",
                ha="center", va="bottom", fontsize=12)
    return fig


def draw_supervised_learning():
    """Supervised learning maps an input x to an output y; a table of applications and network families."""
    columns = [(0.3, "Input x"), (4.4, "Output y"), (7.9, "Application"), (10.8, "Network family")]
    rows = [("Home features (size, rooms...)", "Price (a number)", "Real estate", "Standard (dense) NN"),
            ("Ad + user information", "Click on ad? (0/1)", "Online advertising", "Standard (dense) NN"),
            ("Image", "Object label (1 of 1000)", "Photo tagging", "Convolutional NN"),
            ("Audio clip", "Text transcript", "Speech recognition", "Recurrent NN / Transformer"),
            ("English sentence", "French sentence", "Machine translation", "Recurrent NN / Transformer")]
    with house_style():
        fig, ax = _canvas(14, 5.6)
        _title(ax, 14, 5.6, "Supervised learning: learn a mapping x \u2192 y from labelled examples")
        header_y, row_height = 4.6, 0.7
        ax.add_patch(FancyBboxPatch((0.1, header_y - 0.3), 13.8, 0.6, boxstyle="square,pad=0", color=BLUE))
        for x, text in columns:
            ax.text(x, header_y, text, va="center", weight="bold")
        for i, cells in enumerate(rows):
            y = header_y - (i + 1) * row_height
            if i % 2 == 1:
                ax.add_patch(FancyBboxPatch((0.1, y - 0.3), 13.8, 0.6, boxstyle="square,pad=0", color=GREY))
            for (x, _), text in zip(columns, cells):
                ax.text(x, y, text, va="center")
            _arrow(ax, (3.75, y), (4.25, y), linewidth=1.5)
        ax.text(0.3, 0.2, "For each row, many (x, y) pairs are collected, and the network learns to predict y for a new x.",
                fontsize=12, va="bottom")
    return fig


def draw_regression_vs_classification():
    """Regression predicts a number (house price); classification predicts a category (two classes)."""
    rng = np.random.default_rng(0)
    size = rng.uniform(50, 200, 30)  # house size in m^2
    price = 1.8 * size + 40 + rng.normal(0, 25, 30)  # price in thousands of euros
    slope, intercept = np.polyfit(size, price, 1)
    X = np.vstack([rng.normal([1.0, 1.0], 0.6, (25, 2)), rng.normal([3.0, 3.0], 0.6, (25, 2))])
    y = np.repeat([0.0, 1.0], 25)
    with house_style():
        fig = Figure(figsize=(12, 5), layout="constrained")
        left, right = fig.subplots(1, 2)
        left.scatter(size, price, s=50, color=CLASS_COLORS[0], edgecolors="black", linewidths=0.8, label="houses")
        line_x = np.array([45, 205])
        left.plot(line_x, slope * line_x + intercept, color=CLASS_COLORS[1], label="learned line")
        new_price = slope * 160 + intercept
        left.plot([160, 160, 45], [0, new_price, new_price], ":", color="black", linewidth=1.5)
        left.annotate(f"new house, 160 m\u00b2:\npredict {new_price:.0f} k\u20ac", (160, new_price), (60, 385),
                      arrowprops=dict(arrowstyle="->", color="black"), fontsize=12)
        left.set(xlim=(45, 205), ylim=(100, 450), xlabel="house size (m\u00b2)", ylabel="price (k\u20ac)",
                 title="Regression: predict a number")
        left.legend(loc="lower right")
        plot_data(X, y, ax=right, title="Classification: predict a category")
        right.plot([0.0, 4.0], [4.0, 0.0], "--", color="black", label="decision boundary")
        right.legend(loc="lower right")
        right.set(xlim=(-0.8, 4.8), ylim=(-0.8, 4.8))
    return fig


def draw_why_deep_learning_now():
    """SCHEMATIC (not measured): performance against amount of labelled data, for classic methods and networks."""
    data = np.linspace(0, 10, 300)
    curves = [("large neural network", 0.95, 4.0, "-", CLASS_COLORS[0]),
              ("medium neural network", 0.78, 2.6, "--", OKABE_ITO["green"]),
              ("small neural network", 0.63, 1.8, "-.", OKABE_ITO["vermillion"]),
              ("classic methods (e.g. SVM,\nlogistic regression)", 0.48, 1.0, ":", "black")]
    with house_style():
        fig = Figure(figsize=(10, 5.8), layout="constrained")
        ax = fig.subplots()
        ax.axvspan(0, 2.5, color=GREY)
        ax.text(1.25, 1.0, "small data:\nranking unclear", ha="center", va="top", fontsize=11)
        for label, ceiling, scale, style, color in curves:
            ax.plot(data, ceiling * (1 - np.exp(-data / scale)), style, color=color, linewidth=3, label=label)
        ax.text(9.8, 0.08, "SCHEMATIC, not measured data", ha="right", va="bottom", fontsize=16, weight="bold",
                color=OKABE_ITO["vermillion"], bbox=dict(facecolor="white", edgecolor=OKABE_ITO["vermillion"]))
        ax.set(xlim=(0, 10), ylim=(0, 1.05), xticks=[], yticks=[],
               xlabel="amount of labelled data \u2192", ylabel="performance (e.g. accuracy) \u2192",
               title="Why deep learning now? Big networks keep improving with more data")
        ax.legend(loc="upper left", bbox_to_anchor=(0.26, 1.0))
        ax.grid(False)
        fig.text(0.5, 0.01, "The three drivers: more data, faster computation (GPUs), better algorithms (e.g. ReLU).",
                 ha="center", va="bottom", fontsize=12)
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
            ax.plot(*zip(mid, (mid[0] + 0.5 * np.cos(b), mid[1] + 0.5 * np.sin(b))), color="black", linewidth=1.5)
    ax.add_patch(Ellipse(body, 1.2, 1.0, facecolor=ORANGE, edgecolor="black", linewidth=2, zorder=3))
    ax.add_patch(Circle(body, 0.15, facecolor=OKABE_ITO["vermillion"], zorder=4))
    ax.plot([2.9, 5.2], [2.6, 2.6], color="black", linewidth=2.5)  # axon
    for x in (3.2, 3.8, 4.4):  # myelin sheath
        ax.add_patch(FancyBboxPatch((x, 2.48), 0.45, 0.24, boxstyle="round,pad=0,rounding_size=0.1",
                                    facecolor=BLUE, edgecolor="black", zorder=3))
    for dy in (-0.6, -0.2, 0.2, 0.6):  # axon terminals with synapses
        ax.plot([5.2, 5.8], [2.6, 2.6 + dy], color="black", linewidth=1.5)
        ax.add_patch(Circle((5.85, 2.6 + dy), 0.08, facecolor=GREEN, edgecolor="black", zorder=3))
    notes = [("dendrites:\nreceive signals", (1.6, 3.55), (0.9, 4.4)),
             ("cell body:\ncombines them", (2.3, 2.1), (1.6, 0.9)),
             ("axon: sends the\nsignal onwards", (4.0, 2.6), (3.9, 3.9)),
             ("synapses: links to\nthe next neurons", (5.85, 2.0), (4.4, 0.9))]
    for text, point, place in notes:
        ax.annotate(text, point, place, ha="center", va="center", fontsize=12,
                    arrowprops=dict(arrowstyle="->", color="#555555", shrinkB=3))


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
            ax.text(*_along(start, end, 0.3, above=0.12), f"$w_{i}$", ha="center", va="bottom", fontsize=14)
        ax.add_patch(Circle(neuron, 0.62, facecolor=ORANGE, edgecolor="black", linewidth=2))
        ax.text(*neuron, "$\\Sigma\\;|\\;g$", ha="center", va="center", fontsize=16)
        _arrow(ax, (neuron[0] + 0.62, neuron[1]), (12.3, neuron[1]))
        ax.text(12.45, neuron[1], "$a$", va="center", fontsize=16)
        ax.text(7.2, 4.6, "inputs $\\approx$ dendrites", fontsize=12)
        ax.text(10.6, 1.55, "weighted sum + activation\n$\\approx$ cell body", ha="center", va="top", fontsize=12)
        ax.text(11.6, 3.3, "output\n$\\approx$ axon", ha="center", va="bottom", fontsize=12)
        ax.text(6.5, 0.1, "Schematic, not to scale. Real neurons spike in time; artificial ones compute one number.",
                ha="center", va="bottom", fontsize=12)
    return fig


def draw_neuron_computation():
    """One neuron: inputs times weights, summed, plus bias, through an activation g, gives the output a."""
    with house_style():
        fig, ax = _canvas(12, 6)
        _title(ax, 12, 6, "One neuron: weighted sum, plus bias, through an activation")
        total, act = (5.0, 3.0), (7.6, 3.0)
        for i, y in enumerate((4.3, 3.0, 1.7), start=1):
            ax.add_patch(Circle((1.2, y), 0.35, facecolor=BLUE, edgecolor="black", linewidth=1.5))
            ax.text(1.2, y, f"$x_{i}$", ha="center", va="center", fontsize=16)
            start, end = (1.55, y), (total[0] - 0.5, total[1] + (y - total[1]) * 0.25)
            _arrow(ax, start, end)
            ax.text(*_along(start, end, 0.35, above=0.12), f"$\\times\\, w_{i}$", ha="center", va="bottom", fontsize=16)
        ax.add_patch(Circle(total, 0.5, facecolor=ORANGE, edgecolor="black", linewidth=2))
        ax.text(*total, "$\\Sigma$", ha="center", va="center", fontsize=22)
        _box(ax, total[0], 4.75, "$+\\,b$  (bias)", 1.7, 0.55, PURPLE, fontsize=14)
        _arrow(ax, (total[0], 4.47), (total[0], total[1] + 0.5))
        _arrow(ax, (total[0] + 0.5, total[1]), (act[0] - 0.5, act[1]))
        ax.text((total[0] + act[0]) / 2, total[1] + 0.15, "$z$", ha="center", va="bottom", fontsize=18)
        _box(ax, act[0], act[1], "$g$", 1.0, 1.0, GREEN, fontsize=22)
        _arrow(ax, (act[0] + 0.5, act[1]), (10.0, act[1]))
        ax.text(10.1, act[1], "$a = \\hat{y}$", va="center", fontsize=18)
        ax.text(total[0], 2.3, "weighted sum\n+ bias", ha="center", va="top", fontsize=12)
        ax.text(act[0], 2.3, "activation\n(e.g. sigmoid, ReLU)", ha="center", va="top", fontsize=12)
        ax.text(6.0, 1.0, "$z = x_1 w_1 + x_2 w_2 + x_3 w_3 + b = \\mathbf{x}\\,\\mathbf{w} + b$"
                "$\\qquad a = g(z)$", ha="center", va="center", fontsize=20)
        ax.text(6.0, 0.25, "x: a row of 3 inputs, shape (1, 3);  w: shape (3, 1);  b, z and a: single numbers",
                ha="center", va="center", fontsize=12)
    return fig


def draw_three_layer_network():
    """A 3-layer network: 3 inputs, two hidden layers of 4 neurons, 1 output (weights W1, W2, W3)."""
    with house_style():
        fig = Figure(figsize=(11, 6.2), layout="constrained")
        ax = fig.subplots()
        plot_network([3, 4, 4, 1], ax=ax,
                     neuron_labels=[["$x_1$", "$x_2$", "$x_3$"], None, None, ["$\\hat{y}$"]],
                     layer_labels=["input\n3 features", "hidden layer 1\n4 neurons", "hidden layer 2\n4 neurons",
                                   "output layer\n1 neuron"])
        for l, shape in enumerate(["(3, 4)", "(4, 4)", "(4, 1)"]):
            ax.text(2.5 * l + 1.25, 2.0, f"$W_{l + 1}$, $b_{l + 1}$\n{shape}", ha="center", va="bottom",
                    fontsize=13)
        ax.set_ylim(-2.9, 2.9)
        ax.set_title("A 3-layer network: 3 layers of weights (inputs are not counted)")
    return fig


def draw_forward_propagation():
    """Forward propagation through the 3-4-4-1 network, step by step, with the shape of every array."""
    steps = [("input", "$X$", "(n, 3)", GREY),
             ("layer 1", "$Z_1 = X\\, W_1 + b_1$", "(n, 3) @ (3, 4) + (4,)  \u2192  (n, 4)", BLUE),
             ("", "$A_1 = g(Z_1)$", "(n, 4)   elementwise", BLUE),
             ("layer 2", "$Z_2 = A_1 W_2 + b_2$", "(n, 4) @ (4, 4) + (4,)  \u2192  (n, 4)", GREEN),
             ("", "$A_2 = g(Z_2)$", "(n, 4)   elementwise", GREEN),
             ("layer 3", "$Z_3 = A_2 W_3 + b_3$", "(n, 4) @ (4, 1) + (1,)  \u2192  (n, 1)", ORANGE),
             ("", "$\\hat{Y} = A_3 = \\sigma(Z_3)$", "(n, 1)   probabilities", ORANGE)]
    with house_style():
        fig, ax = _canvas(12, 7.2)
        _title(ax, 12, 7.2, "Forward propagation: the same two steps, layer after layer")
        ax.text(3.2, 6.3, "computation", weight="bold", va="center")
        ax.text(7.2, 6.3, "shape", weight="bold", va="center")
        for i, (layer, formula, shape, color) in enumerate(steps):
            y = 5.7 - i * 0.72
            ax.add_patch(FancyBboxPatch((0.3, y - 0.3), 11.4, 0.6, boxstyle="round,pad=0,rounding_size=0.1",
                                        facecolor=color, edgecolor="none"))
            ax.text(0.5, y, layer, va="center", weight="bold")
            ax.text(3.2, y, formula, va="center", fontsize=18)
            ax.text(7.2, y, shape, va="center", family="DejaVu Sans Mono", fontsize=14)
            if i > 0:
                _arrow(ax, (2.6, y + 0.42), (2.6, y + 0.3), linewidth=1.5)
        ax.text(0.3, 0.45, "n examples, one per row of X.  b is added to every row (broadcasting).\n"
                "g: the hidden activation (e.g. ReLU);  \u03c3: the sigmoid, giving P(class 1).",
                va="center", fontsize=13)
    return fig


def _face_pixels(size=16):
    """A tiny grey-scale face, (size, size), values in [0, 1], row 0 at the top."""
    rows, cols = np.mgrid[0:size, 0:size] + 0.5
    centre = size / 2
    image = np.full((size, size), 0.95)
    image[(rows - centre) ** 2 + (cols - centre) ** 2 < (0.45 * size) ** 2] = 0.7
    for eye_col in (0.33 * size, 0.67 * size):
        image[(rows - 0.38 * size) ** 2 + (cols - eye_col) ** 2 < (0.08 * size) ** 2] = 0.1
    image[int(0.45 * size):int(0.62 * size), int(0.47 * size):int(0.53 * size) + 1] = 0.35
    image[int(0.72 * size), int(0.3 * size):int(0.7 * size) + 1] = 0.1
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
        ax.add_patch(Polygon([(x, y + 0.1 * s), (x - 0.1 * s, y - 0.2 * s), (x + 0.1 * s, y - 0.2 * s)], **style))
    if "mouth" in parts:
        ax.add_patch(Arc((x, y - 0.3 * s), 0.6 * s, 0.35 * s, theta1=200, theta2=340, **style))


def draw_deep_representation():
    """Features built from features: pixels -> edges -> parts -> objects (drawn abstractly)."""
    centres = [1.8, 5.1, 8.4, 11.7]
    stages = [("pixels", "input"), ("edges", "layer 1"), ("parts", "layer 2"), ("objects", "layer 3")]
    with house_style():
        fig, ax = _canvas(13.5, 5.4)
        _title(ax, 13.5, 5.4, "Deep learning builds features from features")
        y, half = 2.65, 1.25
        for x, (name, layer) in zip(centres, stages):
            ax.add_patch(FancyBboxPatch((x - half, y - half), 2 * half, 2 * half, facecolor="white",
                                        edgecolor="black", linewidth=1.5, boxstyle="round,pad=0,rounding_size=0.1"))
            ax.text(x, y + half + 0.15, name, ha="center", va="bottom", weight="bold", fontsize=16)
            ax.text(x, y - half - 0.15, layer, ha="center", va="top")
        for left, right in zip(centres, centres[1:]):
            _arrow(ax, (left + half + 0.1, y), (right - half - 0.1, y))
        x = centres[0]
        ax.imshow(_face_pixels(), cmap="gray", vmin=0, vmax=1, interpolation="nearest", aspect="auto", zorder=2,
                  extent=(x - 1.0, x + 1.0, y - 1.0, y + 1.0))
        x = centres[1]
        for i, angle in enumerate((0, 45, 90, 135, 30, 120, 60, 150, 0)):
            cx, cy = x + 0.75 * (i % 3 - 1), y + 0.75 * (1 - i // 3)
            dx, dy = 0.28 * np.cos(np.radians(angle)), 0.28 * np.sin(np.radians(angle))
            ax.plot([cx - dx, cx + dx], [cy - dy, cy + dy], color=CLASS_COLORS[i % 2], linewidth=4,
                    solid_capstyle="round")
        x = centres[2]
        _draw_face_parts(ax, x, y + 0.5, 1.3, parts=("eyes",))
        _draw_face_parts(ax, x - 0.45, y - 0.15, 1.3, parts=("nose",))
        _draw_face_parts(ax, x + 0.2, y - 0.2, 1.3, parts=("mouth",))
        _draw_face_parts(ax, centres[3], y, 1.2)
        ax.text(6.75, 0.2, "Drawn abstractly: real learned features are messier. The same holds for sound:\n"
                "waveform \u2192 sounds \u2192 words \u2192 sentences.", ha="center", va="bottom", fontsize=12)
    return fig


def draw_house_price_network():
    """House price: size, #bedrooms, zip code, wealth -> family size, walkability, school quality -> price."""
    intuitive = np.array([[1, 0, 0],   # size -> family size
                          [1, 0, 0],   # #bedrooms -> family size
                          [0, 1, 1],   # zip code -> walkability, school quality
                          [0, 0, 1]])  # wealth -> school quality
    W1 = np.where(intuitive == 1, 1.0, 0.12)
    W2 = np.ones((3, 1))
    with house_style():
        fig = Figure(figsize=(11, 6), layout="constrained")
        ax = fig.subplots()
        plot_network([W1, W2], ax=ax, color_by_sign=False,
                     neuron_labels=[["size", "#bedrooms", "zip code", "wealth"], None, ["price"]],
                     layer_labels=["inputs x", "hidden features", "output y"])
        for (x, y), text in zip(neuron_positions([4, 3, 1])[1], ["family size", "walkability", "school quality"]):
            ax.text(x, y + 0.36, text, ha="center", va="bottom", fontsize=13,
                    bbox=dict(facecolor="white", edgecolor="none", pad=1))
        ax.set_ylim(-2.5, 2.3)
        ax.set_title("Predicting a house price: hidden neurons as features")
        fig.text(0.5, 0.01, "Thick edges: links a person would guess. A dense layer connects every input to every hidden "
                 "neuron (thin edges),\nand training decides what each hidden neuron computes.",
                 ha="center", va="bottom", fontsize=12)
        fig.get_layout_engine().set(h_pad=0.5)
    return fig


# --- the registry: file name -> (function, alt text) -----------------------------------------

FIGURES = {
    "rules_vs_learning.png": (
        draw_rules_vs_learning,
        "Two rows of boxes. Classic programming: rules and data go in, answers come out. "
        "Machine learning: data and answers go in, rules come out."),
    "supervised_learning.png": (
        draw_supervised_learning,
        "Table of supervised learning applications, input to output: home features to price, ad and user to click, "
        "image to object label, audio to transcript, English to French sentence, with the network family for each."),
    "regression_vs_classification.png": (
        draw_regression_vs_classification,
        "Left: house price against size with a fitted line, regression predicts a number. "
        "Right: two classes of points split by a line, classification predicts a category."),
    "why_deep_learning_now.png": (
        draw_why_deep_learning_now,
        "Schematic, not measured: performance against amount of labelled data. Classic methods plateau early; "
        "small, medium and large neural networks plateau later and higher, the large one highest."),
    "biological_vs_artificial_neuron.png": (
        draw_biological_vs_artificial_neuron,
        "Schematic biological neuron with dendrites, cell body, axon and synapses, beside an artificial neuron: "
        "inputs x1 to x3 with weights into a sum and activation, giving output a."),
    "neuron_computation.png": (
        draw_neuron_computation,
        "Diagram of one neuron: inputs x1, x2, x3 multiplied by weights w1, w2, w3, summed with bias b to give z, "
        "then activation g gives a. Formula: z = x1 w1 + x2 w2 + x3 w3 + b, a = g(z)."),
    "three_layer_network.png": (
        draw_three_layer_network,
        "Network diagram: 3 inputs, two hidden layers of 4 neurons, 1 output; every neuron connected to every "
        "neuron of the next layer, with weight shapes (3, 4), (4, 4) and (4, 1)."),
    "forward_propagation.png": (
        draw_forward_propagation,
        "Table of forward propagation steps with shapes: Z1 = X W1 + b1 and A1 = g(Z1) of shape (n, 4), "
        "Z2 = A1 W2 + b2 and A2 = g(Z2) of shape (n, 4), Z3 = A2 W3 + b3 and Y hat = sigmoid(Z3) of shape (n, 1)."),
    "deep_representation.png": (
        draw_deep_representation,
        "Four boxes left to right: a pixel image of a face, short edge segments, face parts (eyes, nose, mouth), "
        "a whole face; each layer builds features from the previous layer's features."),
    "house_price_network.png": (
        draw_house_price_network,
        "Network predicting house price: inputs size, bedrooms, zip code and wealth feed hidden neurons family size, "
        "walkability and school quality, which feed price. Thick edges mark the intuitive links."),
}


def save_figure(fig, path):
    """Write fig to path as PNG, without the matplotlib version in the metadata (stable bytes)."""
    with house_style():
        fig.savefig(path, dpi=DPI, bbox_inches="tight", pad_inches=0.15, metadata={"Software": None})


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
