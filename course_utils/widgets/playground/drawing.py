"""The playground's pictures: the output map, the data points, the network, the loss curve.

While the playground plays it redraws 25 times a second, so these pictures avoid matplotlib:
    map_png          the output over the 100 x 100 grid, coloured by a lookup table: a small PNG
                     that the browser scales up to 300 x 300 pixels
    points_png       the data points, a transparent 300 x 300 PNG laid over the map; it only
                     changes with the data
    network_svg      the network as SVG text: edges coloured and sized by weight, and in every
                     neuron a small map of its output (all maps travel as one PNG, a "sprite")
    zoom_html        each neuron's map again, 300 x 300, laid over the output map and shown
                     while the mouse is over that neuron (CSS only, no round trip to Python)
    loss_curve_svg   the training and test loss per epoch
Colours of text and lines come from CSS classes (pg-text, pg-box, ...), which the widget styles
with JupyterLab's theme variables, so they read in the light and the dark theme.
`figure(playground)` draws the same state with matplotlib, for static pictures.
"""

import base64
import io
from functools import lru_cache

import numpy as np

from course_utils import playground_data
from course_utils.plotting import NEGATIVE_COLOR, POSITIVE_COLOR, house_style, lighten

GRID = 100  # the output map: GRID x GRID points over [-6, 6]^2
NEURON_STRIDE = 4  # a neuron's small map uses every 4th grid point: 25 x 25
IMAGE_SIZE = 300  # pixels of the output map on screen
LAYER_WIDTH = 110  # pixels per layer column in the network diagram
BOX = 34  # pixels of a neuron's square in the network diagram
MATH_LABELS = {
    "x1": "$x_1$",
    "x2": "$x_2$",
    "x1^2": "$x_1^2$",
    "x2^2": "$x_2^2$",
    "x1*x2": "$x_1 x_2$",
    "sin(x1)": "$\\sin x_1$",
    "sin(x2)": "$\\sin x_2$",
}


# ------------------------------------------------------------ colours and PNG
def _colour_table(steps=255):
    """RGB from -1 (light vermillion) through white (0) to +1 (light blue): (steps, 3) uint8."""
    low, high = np.array(lighten(NEGATIVE_COLOR, 0.25)), np.array(lighten(POSITIVE_COLOR, 0.25))
    t = np.linspace(-1, 1, steps)[:, None]
    rgb = np.where(t < 0, 1 + (low - 1) * -t, 1 + (high - 1) * t)
    return np.round(rgb * 255).astype(np.uint8)


COLOURS = _colour_table()


def colour_index(values, discretize=False):
    """Which of the 255 COLOURS shows each value in [-1, 1] (clipped; NaN white): uint8 array."""
    values = np.nan_to_num(np.asarray(values), nan=0.0)
    if discretize:
        values = np.where(values >= 0, 1.0, -1.0)
    return np.clip(np.rint((values + 1) * 127), 0, 254).astype(np.uint8)  # 0 -> 127: white


def colour_map(values, discretize=False):
    """Colours of values in [-1, 1] (clipped; NaN white), the playground's way: (..., 3) uint8."""
    return COLOURS[colour_index(values, discretize)]


def png_bytes(image, compress_level=1):
    """PNG bytes of a PIL image or an (h, w, 3) / (h, w, 4) uint8 array (light compression)."""
    from PIL import Image

    if isinstance(image, np.ndarray):
        image = Image.fromarray(image)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=compress_level)
    return buffer.getvalue()


def palette_png(index):
    """PNG bytes of an (h, w) array of colour_index values: one byte per pixel, with COLOURS as
    its palette, so it encodes about ten times faster than the same picture in RGB."""
    from PIL import Image

    image = Image.fromarray(index, mode="P")
    image.putpalette(COLOURS.ravel().tolist())
    return png_bytes(image)


def data_uri(png):
    """A PNG as a data: URI, to put in an <img> or an SVG <image>."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# ------------------------------------------------------------ the output map
def map_png(values, discretize=False):
    """The output map: values (GRID, GRID), row 0 at x2 = +6, as a GRID x GRID PNG."""
    return palette_png(colour_index(values, discretize))


def to_pixels(X, size=IMAGE_SIZE):
    """Pixel coordinates (column, row) of points X (n, 2) of [-6, 6]^2 in a size x size image."""
    X = np.asarray(X, dtype=float)
    scale = size / (2 * playground_data.LIMIT)
    limit = playground_data.LIMIT
    return np.column_stack([(X[:, 0] + limit) * scale, (limit - X[:, 1]) * scale])


def points_png(X_train, y_train, X_test, y_test, show_test, regression, size=IMAGE_SIZE):
    """The data points on a transparent size x size PNG: +1 blue circles, -1 vermillion squares.

    Training points have a white edge and test points (when shown) a black one, as in the
    original. Regression targets are circles coloured by value.
    """
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    r = 3.5
    sets = [(X_train, y_train, "#555555" if regression else "white")]
    if show_test:
        sets.append((X_test, y_test, "black"))
    for X, y, edge in sets:
        fills = [tuple(int(c) for c in rgb) for rgb in colour_map(y)] if regression else None
        for i, (col, row) in enumerate(to_pixels(X, size)):
            box = (col - r, row - r, col + r, row + r)
            if regression:
                draw.ellipse(box, fill=fills[i], outline=edge)
            elif y[i] > 0:
                draw.ellipse(box, fill=POSITIVE_COLOR, outline=edge)
            else:
                draw.rectangle(box, fill=NEGATIVE_COLOR, outline=edge)
    return png_bytes(image)


# ------------------------------------------------------------ the network
def node_names(sizes, input_labels):
    """A name for every neuron, inputs first: ["x₁", ..., "hidden 1, neuron 1", ..., "output"]."""
    names = list(input_labels)
    for layer, n in enumerate(sizes[1:-1], start=1):
        names += [f"hidden {layer}, neuron {j}" for j in range(1, n + 1)]
    return names + ["output"]


@lru_cache(maxsize=16)
def _layout(sizes):
    """Where everything goes for a network of `sizes` (a tuple): computed once per shape.

    Returns: (width, height, centres, edges): centres[l][j] = (x, y) of neuron j of layer l;
             edges: the start of every edge's <line> tag (its coordinates), layer by layer,
             row-major inside a layer (the order of W.ravel()).
    """
    row = BOX + 12
    height = max(sizes) * row + 26
    width = len(sizes) * LAYER_WIDTH
    centres = [
        [
            ((layer + 0.5) * LAYER_WIDTH, 18 + (j + 0.5) * row + (max(sizes) - n) * row / 2)
            for j in range(n)
        ]
        for layer, n in enumerate(sizes)
    ]
    edges = [
        f'<line x1="{x0 + BOX / 2:.1f}" y1="{y0:.1f}" x2="{x1 - BOX / 2:.1f}" y2="{y1:.1f}"'
        for before, after in zip(centres, centres[1:])
        for x0, y0 in before
        for x1, y1 in after
    ]
    return width, height, centres, edges


def sprite_png(node_maps):
    """Every neuron's small map side by side in one PNG (m x m each), inputs first.

    Inputs:  node_maps: one (m, m, n_l) array per layer, values in [-1, 1].
    Returns: PNG bytes of an image m high and m * (number of neurons) wide.
    """
    tiles = np.concatenate(node_maps, axis=2)  # (m, m, all neurons)
    m = tiles.shape[0]
    return palette_png(colour_index(tiles.transpose(0, 2, 1).reshape(m, -1)))


def network_svg(weights, sprite, tile, input_labels, activation, uid):
    """The network diagram as SVG text: one column per layer, a small map in every neuron.

    Edges: blue for w >= 0, vermillion for w < 0 (CSS classes pg-pos, pg-neg), wider for larger
    |w|; hovering an edge shows its weight. Neuron k (counting inputs first) is a group with
    class pg-node-k, so CSS can show its big map (zoom_html) while the mouse is over it.
    Inputs:  weights: [W_1 (n_0, n_1), ...]; sprite: PNG bytes from sprite_png, or None;
             tile: the side m of one map in the sprite; input_labels: names of the features;
             activation: the hidden activation's name; uid: a string unique to this playground.
    Returns: the SVG as a string.
    """
    sizes = (weights[0].shape[0], *[W.shape[1] for W in weights])
    width, height, centres, edges = _layout(sizes)
    w = np.nan_to_num(np.concatenate([W.ravel() for W in weights]), posinf=0.0, neginf=0.0)
    largest = np.abs(w).max()
    widths = 0.4 + 4.6 * (np.abs(w) / largest if largest > 0 else np.zeros_like(w))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">'
    ]
    if sprite is not None:
        parts.append(
            f'<defs><image id="{uid}-sprite" width="{tile * sum(sizes)}" height="{tile}" '
            f'href="{data_uri(sprite)}"/></defs>'
        )
    parts += [
        f'{start} class="pg-{"pos" if value >= 0 else "neg"}" stroke-width="{size:.2f}">'
        f"<title>w = {value:.3f}</title></line>"
        for start, value, size in zip(edges, w, widths)
    ]
    last = len(sizes) - 1
    layer_names = ["input"] + [f"hidden {layer}" for layer in range(1, last)] + ["output"]
    names = node_names(sizes, input_labels)
    k = 0
    for layer, layer_centres in enumerate(centres):
        parts.append(
            f'<text class="pg-text" x="{(layer + 0.5) * LAYER_WIDTH:.1f}" y="11" '
            f'text-anchor="middle">{layer_names[layer]}</text>'
        )
        kind = "feature" if layer == 0 else ("" if layer == last else f"{activation} neuron: ")
        for x, y in layer_centres:
            left, top = x - BOX / 2, y - BOX / 2
            parts.append(f'<g class="pg-node pg-node-{k}"><title>{kind}{names[k]}</title>')
            if sprite is not None:
                parts.append(
                    f'<svg x="{left:.1f}" y="{top:.1f}" width="{BOX}" height="{BOX}" '
                    f'viewBox="{k * tile} 0 {tile} {tile}" preserveAspectRatio="none" '
                    f'class="pg-tile"><use href="#{uid}-sprite"/></svg>'
                )
            parts.append(
                f'<rect class="pg-box" x="{left:.1f}" y="{top:.1f}" width="{BOX}" height="{BOX}"/>'
            )
            if layer == 0:
                parts.append(
                    f'<text class="pg-text" x="{left - 4:.1f}" y="{y + 4:.1f}" '
                    f'text-anchor="end">{names[k]}</text>'
                )
            parts.append("</g>")
            k += 1
    parts.append("</svg>")
    return "".join(parts)


def zoom_html(names, tile, uid, size=IMAGE_SIZE):
    """Every neuron's map at size x size, hidden; CSS shows neuron k's while the mouse is on it.

    The maps are windows onto the network's sprite (an SVG <use> of the image with id
    "<uid>-sprite"), so nothing is sent twice. The rule for neuron k reads: inside the
    playground with class <uid>, when an element pg-node-k is hovered, show pg-zoom-k.
    (CSS :has(); a browser without it simply shows no big map.)
    Inputs:  names: node_names(...); tile: side of a map in the sprite; uid: the playground's id.
    Returns: HTML text: a <style> and one hidden <svg> per neuron.
    """
    rules = "".join(
        f".{uid}:has(.pg-node-{k}:hover) .pg-zoom-{k} {{ display: block; }}\n"
        for k in range(len(names))
    )
    windows = "".join(
        f'<svg class="pg-zoom pg-zoom-{k}" width="{size}" height="{size}" '
        f'viewBox="{k * tile} 0 {tile} {tile}" preserveAspectRatio="none">'
        f'<use href="#{uid}-sprite"/></svg>'
        f'<div class="pg-zoom pg-zoom-{k} pg-zoom-caption">{name}</div>'
        for k, name in enumerate(names)
    )
    return f"<style>{rules}</style>{windows}"


def loss_curve_svg(train, test, width=300, height=70):
    """The training (dashed) and test (solid) loss per epoch as a small SVG chart.

    At most `width` points per curve, at whole pixels (quick to write); the y axis runs from 0
    to the largest loss.
    """
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        f'<rect class="pg-chart" x="0.5" y="0.5" width="{width - 1}" height="{height - 1}"/>',
    ]
    n = len(train)
    if n >= 1:
        index = np.unique(np.linspace(0, n - 1, min(n, width)).astype(int))
        curves = np.array([train, test], dtype=float)[:, index]
        finite = curves[np.isfinite(curves)]
        top = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
        xs = np.rint(index / max(n - 1, 1) * (width - 4) + 2).astype(int)
        for values, kind in zip(curves, ("pg-train", "pg-test")):
            share = np.nan_to_num(values / top, nan=1.0, posinf=1.0).clip(0, 1)
            ys = np.rint(height - 2 - share * (height - 4)).astype(int)
            points = " ".join(map(str, np.column_stack([xs, ys]).ravel().tolist()))
            parts.append(f'<polyline class="{kind}" points="{points}"/>')
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------ a static figure
def figure(pg, title=None):
    """A matplotlib figure of a playground's state: the output map, the network, the loss curves.

    Inputs:  pg: a Playground; title: an optional title over the three panels.
    Returns: the Figure (show it with plt.show(), save it with fig.savefig(...)).
    """
    import matplotlib.pyplot as plt

    from course_utils.plotting import plot_network

    settings = pg.settings
    regression = pg.problem == "regression"
    with house_style():
        fig, axes = plt.subplots(
            1,
            3,
            figsize=(15, 4.6),
            layout="constrained",
            gridspec_kw={"width_ratios": [1, 1.25, 1.1]},
        )
        ax = axes[0]
        ax.imshow(
            colour_map(pg.output_grid()[-1].reshape(GRID, GRID), settings["discretize"]),
            extent=(-6, 6, -6, 6),
            interpolation="bilinear",
        )
        sets = [(pg.X_train, pg.y_train, "white", "train")]
        if settings["show_test"]:
            sets.append((pg.X_test, pg.y_test, "black", "test"))
        for X, y, edge, name in sets:
            if regression:
                ax.scatter(*X.T, c=colour_map(y) / 255, s=14, edgecolors=edge, linewidths=0.5)
                continue
            for label, colour, marker in ((1, POSITIVE_COLOR, "o"), (-1, NEGATIVE_COLOR, "s")):
                rows = y == label
                ax.scatter(
                    *X[rows].T,
                    color=colour,
                    marker=marker,
                    s=16,
                    edgecolors=edge,
                    linewidths=0.6,
                    label=f"{name} {label:+d}",
                )
        ax.set(xlim=(-6, 6), ylim=(-6, 6), xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
        ax.grid(False)
        ax.set_title("Output (blue +1, vermillion -1)", fontsize=13)
        labels = [[MATH_LABELS[name] for name in settings["features"]]]
        labels += [None] * len(settings["hidden"]) + [["$\\hat{y}$"]]
        weights = [np.nan_to_num(W) for W in pg.weights]
        plot_network(weights, ax=axes[1], neuron_labels=labels, max_linewidth=5.0)
        sizes = "-".join(str(n) for n in [len(settings["features"]), *settings["hidden"], 1])
        axes[1].set_title(f"Network {sizes}, {settings['activation']}", fontsize=13)
        ax = axes[2]
        history = pg.history
        if history["epoch"]:
            ax.plot(
                history["epoch"],
                history["train_loss"],
                color="#777777",
                linestyle="--",
                label=f"training {pg.train_loss:.3f}",
            )
            ax.plot(
                history["epoch"],
                history["test_loss"],
                color="black",
                label=f"test {pg.test_loss:.3f}",
            )
            ax.legend()
        ax.set(xlabel="epoch", ylabel="loss ½(ŷ − y)²")
        ax.set_ylim(bottom=0)  # from 0, so a loss stuck near 0.48 does not look like a big change
        ax.set_title(f"Loss after {pg.epoch} epochs", fontsize=13)
        if title:
            fig.suptitle(title)
    return fig
