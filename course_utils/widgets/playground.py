"""A local Neural Network Playground for notebook 11, built on ipywidgets.

Inspired by the TensorFlow Neural Network Playground by Daniel Smilkov and
Shan Carter (https://playground.tensorflow.org, Apache-2.0), written afresh:
it works offline, on Binder and in a workshop without internet, and
everything it does can be driven from Python:

    pg = Playground(dataset="xor")       # display it: put `pg` last in a cell
    pg.set(hidden=[4], learning_rate=0.1)
    pg.step(100)                         # train 100 epochs, then redraw
    pg.state["test_loss"], pg.state["test_accuracy"], pg.state["epoch"]
    pg.play(); pg.pause(); pg.reset()
    fig = pg.figure()                    # a static matplotlib picture of the current state

The network (the same maths as course_utils.model.MLP, whose arrays it trains
in place: `pg.model` is an MLP):
  - inputs: the chosen features of each point (x1, x2, x1^2, ..., sin x2);
  - 0 to 6 hidden layers of 1 to 8 neurons, one activation for all of them;
  - one output neuron: tanh for classification (labels -1 / +1), linear for regression;
  - loss ½(ŷ - y)², averaged over the points; weights start uniform in [-0.5, 0.5),
    biases at 0.1; one epoch = one pass over the training points in a fixed order,
    one update per mini-batch with the batch's mean gradient;
  - regularisation L2 adds rate * w to each weight's gradient, L1 adds rate * sign(w)
    and sets a weight that would cross zero to exactly zero (as the original does).
    Biases are never regularised.

Playing: an ipywidgets.Play widget ticks in the browser every INTERVAL_MS ms; each
tick calls `frame()`, which trains as many epochs as fit in about 70 % of the
interval, then redraws. No loop blocks the kernel and no thread is used: a tick is
an ordinary widget message. Ticks stop when the browser stops sending them (page
closed, kernel stopped), when the widget's comm is closed, after `max_play_epochs`
epochs of one Play press, and when the loss becomes infinite.

Drawing is cheap on purpose: the decision map is a 100 x 100 grid coloured by a
lookup table and sent as a PNG made with Pillow (the data points are a cached
overlay), the network and the loss curve are small SVG strings. Matplotlib is only
used by `figure()`, for static pictures.
"""

import base64
import io
import time

import numpy as np

from course_utils import playground_data as pd
from course_utils.model import MLP
from course_utils.plotting import NEGATIVE_COLOR, POSITIVE_COLOR, edge_styles, house_style, lighten

LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
REGULARIZATIONS = ["none", "L1", "L2"]
ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"]
MAX_LAYERS, MAX_NEURONS = 6, 8
GRID = 100  # the decision map: GRID x GRID points over [-6, 6]^2
NEURON_STRIDE = 4  # the small map of each neuron uses every 4th grid point: 25 x 25
IMAGE_SIZE = 300  # pixels of the decision-map image
LAYER_WIDTH = 110  # pixels per layer column in the network diagram
INTERVAL_MS = 40  # one animation frame every 40 ms (25 frames per second)
TRAIN_SHARE = 0.7  # share of a frame the kernel works (training + redraw); the rest is slack

DEFAULTS = dict(
    dataset="circle",
    noise=0,
    train_percent=50,
    batch_size=10,
    features=("x1", "x2"),
    hidden=(4, 2),
    activation="tanh",
    learning_rate=0.03,
    regularization="none",
    regularization_rate=0.0,
    show_test=False,
    discretize=False,
    seed=0,
    n_points=None,
)
ALIASES = {
    "lr": "learning_rate",
    "ratio": "train_percent",
    "train_ratio": "train_percent",
    "reg": "regularization",
    "reg_rate": "regularization_rate",
    "layers": "hidden",
    "discretise": "discretize",
    "points": "n_points",
    "data": "dataset",
}
DATA_KEYS = {
    "dataset",
    "noise",
    "train_percent",
    "seed",
    "n_points",
}  # a change regenerates the data
DISPLAY_KEYS = {"show_test", "discretize"}  # a change only redraws
# Every other setting except learning_rate rebuilds the network (as in the original).
MATH_LABELS = {
    "x1": "$x_1$",
    "x2": "$x_2$",
    "x1^2": "$x_1^2$",
    "x2^2": "$x_2^2$",
    "x1*x2": "$x_1 x_2$",
    "sin(x1)": "$\\sin x_1$",
    "sin(x2)": "$\\sin x_2$",
}
DATASET_LABELS = {
    "circle": "Circle",
    "xor": "XOR",
    "gauss": "Gaussian",
    "spiral": "Spiral",
    "moons": "Moons",
    "plane": "Plane",
    "multi_gauss": "Multi-Gaussian",
}


# ------------------------------------------------------------ the network maths
def _sigmoid(Z):
    """Logistic sigmoid written with tanh: equal to 1 / (1 + exp(-Z)), and it never overflows."""
    return 0.5 + 0.5 * np.tanh(0.5 * Z)


# name -> (g, g' written with the output A = g(Z)); None means g' = 1
ACTIVATION_FUNCTIONS = {
    "tanh": (np.tanh, lambda A: 1 - A * A),
    "relu": (lambda Z: np.maximum(Z, 0), lambda A: A > 0),
    "sigmoid": (_sigmoid, lambda A: A * (1 - A)),
    "linear": (lambda Z: Z, None),
}


def forward_all(weights, biases, F, activation, output):
    """Every layer's output for the inputs F, as MLP.forward computes them.

    Formula: A0 = F;  A_l = g(A_{l-1} @ W_l + b_l);  y_hat = out(A_{L-1} @ W_L + b_L)
    Inputs:  weights: [W1 (n0, n1), ...]; biases: [b1 (n1,), ...]; F: (n, n0) features;
             activation: hidden activation name; output: "tanh" or "linear".
    Returns: list [A0, A1, ..., y_hat], y_hat of shape (n, 1).
    """
    g = ACTIVATION_FUNCTIONS[activation][0]
    outputs = [F]
    for l, (W, b) in enumerate(zip(weights, biases)):
        Z = outputs[-1] @ W + b
        last = l == len(weights) - 1
        outputs.append((np.tanh(Z) if output == "tanh" else Z) if last else g(Z))
    return outputs


def forward_in_blocks(weights, biases, F, activation, output, block=2000):
    """forward_all on blocks of at most `block` rows, joined: the same numbers, often much faster.

    Why: for a large product (10,000 x 8 by 8 x 8) OpenBLAS starts worker threads, which on a busy
    2-core machine costs milliseconds; blocks of 2,000 rows stay on one thread (measured: 8 ms -> 0.1 ms).
    """
    if len(F) <= block:
        return forward_all(weights, biases, F, activation, output)
    pieces = [
        forward_all(weights, biases, F[start : start + block], activation, output)
        for start in range(0, len(F), block)
    ]
    return [np.concatenate(layer) for layer in zip(*pieces)]


def train_epoch(
    weights, biases, batches, activation, output, learning_rate, regularization="none", rate=0.0
):
    """One epoch of mini-batch gradient descent on the loss ½(y_hat - y)², in place.

    For each batch (F_b (m, n0), Y_b (m, 1)): forward; dL/dy_hat = (y_hat - Y_b) / m;
    backward layer by layer (dW_l = A_{l-1}.T @ dZ_l, db_l = sum of dZ_l over rows,
    dZ_{l-1} = dZ_l @ W_l.T * g'(A_{l-1})); then W_l -= lr * (dW_l + regularisation
    gradient), b_l -= lr * db_l. The gradient is scaled by lr once, at the output
    (it is linear in dZ), which saves one multiplication per layer.
    This is MLP.forward / backward / SGD.step unrolled, without input checks, for speed.
    """
    g, g_prime = ACTIVATION_FUNCTIONS[activation]
    last = len(weights) - 1
    for F_b, Y_b in batches:
        A = F_b
        outputs = [A]
        for W, b in zip(weights[:last], biases[:last]):
            A = g(A @ W + b)
            outputs.append(A)
        y_hat = A @ weights[last] + biases[last]
        dZ = y_hat - Y_b if output == "linear" else None
        if dZ is None:
            y_hat = np.tanh(y_hat)
            dZ = (y_hat - Y_b) * (1 - y_hat * y_hat)
        dZ *= learning_rate / len(Y_b)  # lr * dL/dZ of the output layer
        for l in range(last, -1, -1):
            W = weights[l]
            dA = dZ @ W.T if l else None  # with the weights before this update
            step = outputs[l].T @ dZ
            if regularization == "L2" and rate > 0:
                step += (learning_rate * rate) * W
            if regularization == "L1" and rate > 0:
                signs = np.sign(W)
                W -= step
                crossed = W - (learning_rate * rate) * signs
                W[...] = np.where(W * crossed < 0, 0.0, crossed)  # would cross zero: set to 0
            else:
                W -= step
            biases[l] -= dZ.sum(axis=0)
            if l:
                dZ = dA if g_prime is None else dA * g_prime(outputs[l])


def half_squared_error(y_hat, y):
    """The playground's loss: mean over the points of ½(y_hat - y)². Inputs: (n, 1) and (n, 1)."""
    return float(0.5 * np.mean((y_hat - y) ** 2)) if len(y) else float("nan")


# ------------------------------------------------------------ pictures
def _colour_table(steps=255):
    """RGB lookup table from -1 (vermillion) through white (0) to +1 (blue), shape (steps, 3) uint8."""
    low, high = np.array(lighten(NEGATIVE_COLOR, 0.25)), np.array(lighten(POSITIVE_COLOR, 0.25))
    t = np.linspace(-1, 1, steps)[:, None]
    rgb = np.where(t < 0, 1 + (low - 1) * -t, 1 + (high - 1) * t)
    return np.round(rgb * 255).astype(np.uint8)


COLOURS = _colour_table()


def colour_map(values, discretize=False):
    """Map values in [-1, 1] (clipped) to RGB colours, the playground's way. Returns (..., 3) uint8."""
    values = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0)
    if discretize:
        values = np.where(values >= 0, 1.0, -1.0)
    index = np.clip(np.rint((values + 1) * 127), 0, 254).astype(np.intp)  # 0 -> 127, pure white
    return COLOURS[index]


def png_bytes(rgb_or_image, compress_level=1):
    """Encode an (h, w, 3) uint8 array or a PIL image as PNG bytes (fast, light compression)."""
    from PIL import Image

    image = Image.fromarray(rgb_or_image) if isinstance(rgb_or_image, np.ndarray) else rgb_or_image
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=compress_level)
    return buffer.getvalue()


def to_pixels(X, size=IMAGE_SIZE):
    """Pixel coordinates (column, row) of points of [-6, 6]^2 in a size x size image (x2 upwards)."""
    X = np.asarray(X, dtype=float)
    scale = size / (2 * pd.LIMIT)
    return np.column_stack([(X[:, 0] + pd.LIMIT) * scale, (pd.LIMIT - X[:, 1]) * scale])


def points_overlay(X_train, y_train, X_test, y_test, show_test, regression, size=IMAGE_SIZE):
    """A transparent RGBA image with the data points: +1 as blue circles, -1 as vermillion squares.

    Training points have a white edge, test points (when shown) a black one, as in the original.
    Regression targets are coloured by value, all as circles.
    """
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    r = 3.5
    sets = [(X_train, y_train, "#555555" if regression else "white")] + (
        [(X_test, y_test, "black")] if show_test else []
    )
    for X, y, edge in sets:
        if regression:
            fills = [tuple(int(c) for c in rgb) for rgb in colour_map(y)]
        for i, (col, row) in enumerate(to_pixels(X, size)):
            box = (col - r, row - r, col + r, row + r)
            if regression:
                draw.ellipse(box, fill=fills[i], outline=edge)
            elif y[i] > 0:
                draw.ellipse(box, fill=POSITIVE_COLOR, outline=edge)
            else:
                draw.rectangle(box, fill=NEGATIVE_COLOR, outline=edge)
    return image


def _data_uri(rgb):
    return "data:image/png;base64," + base64.b64encode(png_bytes(rgb)).decode("ascii")


def network_svg(weights, node_maps, input_labels, activation, width_per_layer=LAYER_WIDTH, box=34):
    """The network diagram as an SVG string: one column per layer, a small map in every neuron.

    Edges: blue for w >= 0, vermillion for w < 0, wider for larger |w| (course_utils.plotting.edge_styles);
    hovering an edge or a neuron shows its value. node_maps: one (m, m, n_l) array per layer with each
    neuron's values on a small grid (or None). All maps travel as ONE PNG (a sprite sheet, one tile per
    neuron) that every neuron's box shows a window of: one encoding per frame instead of one per neuron.
    """
    sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
    row = box + 12
    height = max(sizes) * row + 26
    width = len(sizes) * width_per_layer
    centres = [
        [
            ((l + 0.5) * width_per_layer, 18 + (j + 0.5) * row + (max(sizes) - n) * row / 2)
            for j in range(n)
        ]
        for l, n in enumerate(sizes)
    ]
    finite = [np.nan_to_num(W, nan=0.0, posinf=0.0, neginf=0.0) for W in weights]
    widths, colours = edge_styles(finite, max_linewidth=5.0, min_linewidth=0.4)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">'
    ]
    tiles = None
    if node_maps is not None:
        tiles = np.concatenate([maps for maps in node_maps], axis=2)  # (m, m, total neurons)
        m = tiles.shape[0]
        sprite = colour_map(tiles.transpose(0, 2, 1).reshape(m, -1))  # tiles side by side
        parts.append(
            f'<defs><image id="sprite" width="{sprite.shape[1]}" height="{m}" '
            f'href="{_data_uri(sprite)}" style="image-rendering:pixelated"/></defs>'
        )
    edge = 0
    for l, W in enumerate(finite):
        for i in range(W.shape[0]):
            x0, y0 = centres[l][i]
            for j in range(W.shape[1]):
                x1, y1 = centres[l + 1][j]
                parts.append(
                    f'<line x1="{x0 + box / 2:.1f}" y1="{y0:.1f}" x2="{x1 - box / 2:.1f}" y2="{y1:.1f}" '
                    f'stroke="{colours[edge]}" stroke-width="{widths[edge]:.2f}" stroke-opacity="0.85">'
                    f"<title>w = {W[i, j]:.3f}</title></line>"
                )
                edge += 1
    names = ["input"] + [f"hidden {l}" for l in range(1, len(sizes) - 1)] + ["output"]
    tile = 0
    for l, layer in enumerate(centres):
        parts.append(
            f'<text x="{(l + 0.5) * width_per_layer:.1f}" y="11" text-anchor="middle" fill="#444">'
            f"{names[l]}</text>"
        )
        for j, (x, y) in enumerate(layer):
            x_left, y_top = x - box / 2, y - box / 2
            if tiles is not None:
                parts.append(
                    f'<svg x="{x_left:.1f}" y="{y_top:.1f}" width="{box}" height="{box}" '
                    f'viewBox="{tile * m} 0 {m} {m}" preserveAspectRatio="none"><use href="#sprite"/></svg>'
                )
            tile += 1
            kind = (
                "feature"
                if l == 0
                else ("output" if l == len(sizes) - 1 else f"{activation} neuron")
            )
            label = input_labels[j] if l == 0 else ""
            parts.append(
                f'<rect x="{x_left:.1f}" y="{y_top:.1f}" width="{box}" height="{box}" fill="none" '
                f'stroke="#333"><title>{kind} {label}</title></rect>'
            )
            if l == 0:
                parts.append(
                    f'<text x="{x_left - 4:.1f}" y="{y + 4:.1f}" text-anchor="end">{label}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def loss_curve_svg(train, test, width=300, height=70):
    """Training (grey, dashed) and test (black) loss per epoch as a small SVG chart (at most 300 points each)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        f'<rect width="{width}" height="{height}" fill="#fafafa" stroke="#ccc"/>',
    ]
    n = len(train)
    if n >= 1:
        values = np.concatenate([np.asarray(train, float), np.asarray(test, float)])
        values = values[np.isfinite(values)]
        top = float(values.max()) if values.size and values.max() > 0 else 1.0
        index = np.unique(np.linspace(0, n - 1, min(n, width)).astype(int))
        xs = index / max(n - 1, 1) * (width - 4) + 2
        for series, style in (
            (train, 'stroke="#777" stroke-dasharray="4 2"'),
            (test, 'stroke="#000"'),
        ):
            ys = np.asarray(series, float)[index]
            ys = height - 2 - np.nan_to_num(ys / top, nan=1.0, posinf=1.0).clip(0, 1) * (height - 4)
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
            parts.append(f'<polyline fill="none" stroke-width="1.5" {style} points="{points}"/>')
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------ the playground
class Playground:
    """The Neural Network Playground: data, network, training and pictures, with widgets.

    Inputs (all optional; the defaults are the original's): dataset ("circle", "xor", "gauss",
    "spiral", "moons"; regression: "plane", "multi_gauss"), noise (0-50, %), train_percent
    (10-90), batch_size (1-30), features (names from playground_data.FEATURES), hidden (list of
    neurons per hidden layer, e.g. [4, 2]), activation ("relu", "tanh", "sigmoid", "linear"),
    learning_rate, regularization ("none", "L1", "L2"), regularization_rate, show_test,
    discretize, seed (data and initial weights), n_points (None: 500 / 1200).
    Display it by putting it last in a cell. See the module docstring for the Python API.
    """

    def __init__(self, **settings):
        self.settings = dict(DEFAULTS)
        self.max_play_epochs = 10_000  # one Play press trains at most this many epochs, then pauses
        self.epochs_per_frame = (
            None  # None: as many as fit in TRAIN_SHARE of a frame; or a fixed number
        )
        self.playing = False
        self.status = ""
        self._seconds_per_epoch = 0.002
        self._seconds_per_redraw = 0.01
        self._tick_period = (
            INTERVAL_MS / 1000
        )  # measured while playing: seconds between two browser ticks
        self._last_tick = 0.0
        self._last_frame_end = 0.0
        self._played = 0
        self.frames_played = 0  # frames that trained (for benchmarks and curious learners)
        self.ticks_skipped = 0  # ticks dropped because they queued up while the kernel was busy
        self._syncing = False
        self._widgets = None
        self._build_widgets()
        changes = self._normalise(settings)
        self.settings.update(changes)
        message = self._validate(self.settings)
        if message:
            raise ValueError(f"Playground: {message}")
        self._sync_widgets()
        self._make_data()
        self._make_network()
        self._show_status("Ready. Press Play, or call pg.step(100) from Python.")
        self.redraw()

    # ------------------------------------------------------------ settings
    def _normalise(self, changes):
        """Map aliases to setting names; raise TypeError for unknown names (a typo in Python code)."""
        result = {}
        for key, value in changes.items():
            key = ALIASES.get(key, key)
            if key not in DEFAULTS and key != "problem":
                raise TypeError(
                    f"Playground.set: unknown setting {key!r}. Valid: {', '.join(DEFAULTS)}, problem."
                )
            result[key] = value
        if "problem" in result:
            problem = result.pop("problem")
            if problem not in ("classification", "regression"):
                result["dataset"] = (
                    f"for problem {problem!r}"  # caught by _validate with a clear message
                )
            elif "dataset" not in result and pd.problem_of(self.settings["dataset"]) != problem:
                result["dataset"] = "plane" if problem == "regression" else "circle"
        if "features" in result:
            try:
                result["features"] = tuple(pd.feature_name(name) for name in result["features"])
            except (ValueError, TypeError) as error:
                result["features"] = str(error)  # caught by _validate
        if "hidden" in result and not isinstance(result["hidden"], str):
            result["hidden"] = tuple(result["hidden"])
        return result

    @staticmethod
    def _validate(s):
        """A sentence saying what is wrong with settings s, or None when they work together."""
        if s["dataset"] not in pd.DATASETS:
            return (
                f"unknown data set {s['dataset']!r}: choose one of {', '.join(pd.DATASETS)} "
                "(problem: 'classification' or 'regression')."
            )
        if isinstance(s["features"], str):
            return s["features"]
        if len(s["features"]) == 0:
            return (
                "the network needs at least one input feature: switch on x₁ (or another feature)."
            )
        hidden = s["hidden"]
        if isinstance(hidden, str) or not all(isinstance(n, (int, np.integer)) for n in hidden):
            return f"hidden must list whole numbers of neurons per layer, such as [4, 2]; got {hidden!r}."
        if len(hidden) > MAX_LAYERS:
            return f"at most {MAX_LAYERS} hidden layers, got {len(hidden)}."
        for l, n in enumerate(hidden, start=1):
            if not 1 <= n <= MAX_NEURONS:
                return (
                    f"hidden layer {l} has {n} neurons: each layer needs 1 to {MAX_NEURONS} "
                    "(to drop a layer, remove it)."
                )
        lr = s["learning_rate"]
        if (
            isinstance(lr, bool)
            or not isinstance(lr, (int, float))
            or not np.isfinite(lr)
            or lr <= 0
        ):
            return (
                f"the learning rate must be a positive number such as 0.03, got {lr!r} "
                "(0 never moves the weights; a negative rate climbs the loss)."
            )
        if s["activation"] not in ACTIVATIONS:
            return (
                f"unknown activation {s['activation']!r}: choose one of {', '.join(ACTIVATIONS)}."
            )
        if s["regularization"] not in REGULARIZATIONS:
            return f"regularization must be one of {', '.join(REGULARIZATIONS)}, got {s['regularization']!r}."
        rate = s["regularization_rate"]
        if (
            isinstance(rate, bool)
            or not isinstance(rate, (int, float))
            or not np.isfinite(rate)
            or rate < 0
        ):
            return f"the regularization rate must be a number >= 0, got {rate!r}."
        checks = [
            ("noise", 0, 50),
            ("train_percent", 10, 90),
            ("batch_size", 1, 10_000),
            ("seed", 0, 2**31 - 1),
        ]
        for key, low, high in checks:
            value = s[key]
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, np.integer))
                or not low <= value <= high
            ):
                return f"{key} must be a whole number from {low} to {high}, got {value!r}."
        n = s["n_points"]
        if n is not None and (
            isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 10 <= n <= 5000
        ):
            return (
                f"n_points must be None (the default) or a whole number from 10 to 5000, got {n!r}."
            )
        return None

    def set(self, **changes):
        """Change settings, as the widgets do: pg.set(dataset="xor", hidden=[2], learning_rate=0.1).

        A change that does not work (no features, 0 neurons, learning rate 0, ...) is refused with a
        message in the status line (pg.status), and nothing changes. Data settings regenerate the
        data; every setting except learning_rate, show_test and discretize resets the network.
        """
        changes = self._normalise(changes)
        new = {**self.settings, **changes}
        message = self._validate(new)
        if message:
            self._show_status(f"Not changed: {message}", error=True)
            self._sync_widgets()  # put the widget that asked for it back
            return
        changed = {key for key in new if new[key] != self.settings[key]}
        self.settings = new
        self._sync_widgets()
        if not changed:
            return
        if changed & DATA_KEYS:
            self._make_data()
        if changed - DISPLAY_KEYS - {"learning_rate"}:
            self.playing_pause_if_needed()
            self._make_network()
            self._show_status(f"Changed {', '.join(sorted(changed))}: new network, epoch 0.")
        elif "learning_rate" in changed:
            self._show_status(
                f"Learning rate now {new['learning_rate']:g}; the network keeps training."
            )
        if changed & {
            "show_test",
            "discretize",
            "dataset",
            "noise",
            "train_percent",
            "seed",
            "n_points",
        }:
            self._overlay = None
        self.redraw()

    def playing_pause_if_needed(self):
        """A new network starts paused at epoch 0, as in the original."""
        if self.playing:
            self.pause()

    # ------------------------------------------------------------ data and network
    def _make_data(self):
        s = self.settings
        X, y = pd.make_dataset(s["dataset"], s["n_points"], s["noise"] / 100, s["seed"])
        self.X_train, self.y_train, self.X_test, self.y_test = pd.split(X, y, s["train_percent"])
        self.X, self.y = X, y
        self._overlay = None
        self._features_key = None

    def _prepare_features(self):
        """Feature matrices of the points and of the grid, computed once per feature set."""
        features = self.settings["features"]
        if self._features_key == (features, id(self.X)):
            return
        self._features_key = (features, id(self.X))
        n_train = len(self.y_train)
        F = pd.feature_matrix(self.X, features)
        self.F_train, self.F_test = F[:n_train], F[n_train:]
        self.F_all = F
        self.Y_all = self.y[:, None]
        xs = np.linspace(-pd.LIMIT, pd.LIMIT, GRID)
        x1, x2 = np.meshgrid(xs, xs[::-1])  # row 0 is the top of the picture: x2 = +6
        self.F_grid = pd.feature_matrix(np.column_stack([x1.ravel(), x2.ravel()]), features)
        small = self.F_grid.reshape(GRID, GRID, -1)[::NEURON_STRIDE, ::NEURON_STRIDE]
        self._feature_maps = small / np.maximum(
            np.abs(small).max(axis=(0, 1)), 1e-12
        )  # each in [-1, 1]

    def _make_batches(self):
        bs = self.settings["batch_size"]
        Y = self.y_train[:, None]
        self._batches = [
            (self.F_train[start : start + bs], Y[start : start + bs])
            for start in range(0, len(Y), bs)
        ]
        self._batch_key = (bs, id(self.F_train))

    def _make_network(self):
        """A new MLP with the playground's initial weights (uniform in [-0.5, 0.5), biases 0.1); epoch 0."""
        s = self.settings
        self._prepare_features()
        sizes = [len(s["features"]), *s["hidden"], 1]
        output = "identity" if self.problem == "regression" else "tanh"
        self.model = MLP(
            sizes, activation=s["activation"], output=output, loss="mse", seed=s["seed"]
        )
        rng = np.random.default_rng([s["seed"], 2])
        for dense in self.model.dense_layers:
            dense.W[...] = rng.uniform(-0.5, 0.5, size=dense.W.shape)
            dense.b[...] = 0.1
        self.weights = [
            dense.W for dense in self.model.dense_layers
        ]  # the MLP's own arrays, trained in place
        self.biases = [dense.b for dense in self.model.dense_layers]
        self.epoch = 0
        self.diverged = False
        self.history = {"epoch": [], "train_loss": [], "test_loss": []}
        self._make_batches()
        self._record_losses(record=False)

    @property
    def problem(self):
        """ "classification" or "regression" (follows the data set)."""
        return pd.problem_of(self.settings["dataset"])

    @property
    def _output(self):
        return "linear" if self.problem == "regression" else "tanh"

    def _record_losses(self, record=True):
        """Loss on the training and test points now; appended to the history when record is True."""
        y_hat = forward_all(
            self.weights, self.biases, self.F_all, self.settings["activation"], self._output
        )[-1]
        n_train = len(self.y_train)
        self.train_loss = half_squared_error(y_hat[:n_train], self.Y_all[:n_train])
        self.test_loss = half_squared_error(y_hat[n_train:], self.Y_all[n_train:])
        self._y_hat = y_hat
        if record:
            self.history["epoch"].append(self.epoch)
            self.history["train_loss"].append(self.train_loss)
            self.history["test_loss"].append(self.test_loss)

    # ------------------------------------------------------------ training
    def _train(self, epochs):
        """Train up to `epochs` epochs (fewer if the loss becomes infinite). Returns the number done."""
        if self.diverged:
            self._show_status(
                "The loss became infinite: lower the learning rate, then press Reset.", error=True
            )
            return 0
        s = self.settings
        if self._batch_key != (s["batch_size"], id(self.F_train)):
            self._make_batches()
        done = 0
        start = time.perf_counter()
        with np.errstate(
            all="ignore"
        ):  # a too-large learning rate overflows: we report it, not warn
            for _ in range(epochs):
                train_epoch(
                    self.weights,
                    self.biases,
                    self._batches,
                    s["activation"],
                    self._output,
                    s["learning_rate"],
                    s["regularization"],
                    s["regularization_rate"],
                )
                self.epoch += 1
                done += 1
                self._record_losses()
                if not (
                    np.isfinite(self.train_loss) and all(np.isfinite(W).all() for W in self.weights)
                ):
                    self.diverged = True
                    self._show_status(
                        f"Diverged at epoch {self.epoch}: the loss became infinite. The learning "
                        f"rate {s['learning_rate']:g} is too large; lower it and press Reset.",
                        error=True,
                    )
                    break
        if done:
            self._seconds_per_epoch = (
                0.7 * self._seconds_per_epoch + 0.3 * (time.perf_counter() - start) / done
            )
        return done

    def step(self, epochs=1):
        """Train `epochs` epochs (the Step button trains one), then redraw. Returns None."""
        if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
            self._show_status(
                f"step(epochs): epochs must be a whole number >= 1, got {epochs!r}.", error=True
            )
            return
        self._train(int(epochs))
        self.redraw()

    def frame(self):
        """One animation frame while playing: train a few epochs, then redraw. Returns the epochs trained.

        The browser's Play widget calls this every INTERVAL_MS ms; tests call it directly.
        """
        if not self.playing:
            return 0
        if self.epochs_per_frame is None:
            # train for what the frame leaves after drawing, and never for less time than a drawing takes
            # The frame period is the browser's real tick period (at least INTERVAL_MS; a busy browser ticks
            # slower). Train for what TRAIN_SHARE of it leaves after drawing, never for less than a drawing takes.
            budget = max(
                TRAIN_SHARE * self._tick_period - self._seconds_per_redraw, self._seconds_per_redraw
            )
            n = int(np.clip(budget / max(self._seconds_per_epoch, 1e-5), 1, 200))
        else:
            n = int(self.epochs_per_frame)
        n = max(0, min(n, self.max_play_epochs - self._played))
        done = self._train(n)
        self._played += done
        self.frames_played += 1
        if self.diverged:
            self.pause(keep_status=True)
        elif self._played >= self.max_play_epochs:
            self.pause(keep_status=True)
            self._show_status(
                f"Paused after {self.max_play_epochs:,} epochs of play (so a forgotten tab does "
                "not keep the computer busy). Press Play to go on."
            )
        self.redraw()
        return done

    def _on_tick(self, change):
        """A tick of the Play widget. Ticks that queued up while the kernel was busy are skipped."""
        now = time.perf_counter()
        if now - self._last_frame_end < 0.1 * INTERVAL_MS / 1000:
            self.ticks_skipped += 1
            return  # a backlog: the kernel is behind the browser's clock
        if self._last_tick:
            period = float(
                np.clip(now - self._last_tick, INTERVAL_MS / 1000, 3 * INTERVAL_MS / 1000)
            )
            self._tick_period = 0.8 * self._tick_period + 0.2 * period
        self._last_tick = now
        try:
            self.frame()
        except Exception as error:  # never let a frame raise inside the widget machinery
            self.pause(keep_status=True)
            self._show_status(f"Stopped: {type(error).__name__}: {error}", error=True)
        self._last_frame_end = time.perf_counter()

    def play(self):
        """Start training in the browser's animation loop (one frame every INTERVAL_MS ms)."""
        if self.diverged:
            self._show_status(
                "The loss became infinite: lower the learning rate, then press Reset.", error=True
            )
            return
        self.playing = True
        self._played = 0
        self._last_tick = 0.0
        self._show_status("Playing...")
        if self._widgets:
            self._widgets["player"].playing = True
            self._widgets["play"].button_style = "success"

    def pause(self, keep_status=False):
        """Stop the animation loop (the network keeps its weights)."""
        self.playing = False
        if self._widgets:
            self._widgets["player"].playing = False
            self._widgets["play"].button_style = ""
        if not keep_status:
            self._show_status(f"Paused at epoch {self.epoch:,}.")

    def reset(self):
        """Pause and start again: the same data, the initial weights (of this seed), epoch 0."""
        self.pause(keep_status=True)
        self._make_network()
        self._show_status("Reset: initial weights, epoch 0.")
        self.redraw()

    def regenerate(self):
        """New data and new initial weights: the next seed (shown in the seed box)."""
        self.set(seed=self.settings["seed"] + 1)

    def close(self):
        """Stop playing and close every widget (also called when the page closes the widget's comm)."""
        self.playing = False
        if self._widgets:
            self._widgets["player"].playing = False
            for widget in self._widgets.values():
                widget.close()
            self._widgets = None
            self.widget = None

    def _comm_closed(self, message=None):
        self.playing = False

    # ------------------------------------------------------------ state
    def _accuracy(self, rows):
        if self.problem == "regression" or self.diverged:
            return None
        y_hat, y = self._y_hat[rows, 0], self.y[rows]
        return float(np.mean((y_hat >= 0) == (y > 0))) if len(y) else None

    @property
    def state(self):
        """A snapshot (a new dict each time) of what the playground shows now.

        Keys: epoch, train_loss, test_loss, train_accuracy, test_accuracy (None for regression),
        n_train, n_test, hidden_neurons (total), n_parameters, playing, diverged, status,
        settings (a dict of every setting, see Playground), history (epoch, train_loss, test_loss lists).
        """
        n_train = len(self.y_train)
        return {
            "epoch": self.epoch,
            "train_loss": self.train_loss,
            "test_loss": self.test_loss,
            "train_accuracy": self._accuracy(slice(0, n_train)),
            "test_accuracy": self._accuracy(slice(n_train, None)),
            "n_train": n_train,
            "n_test": len(self.y_test),
            "hidden_neurons": int(sum(self.settings["hidden"])),
            "n_parameters": self.model.n_parameters(),
            "problem": self.problem,
            "playing": self.playing,
            "diverged": self.diverged,
            "status": self.status,
            "settings": {
                **self.settings,
                "features": list(self.settings["features"]),
                "hidden": list(self.settings["hidden"]),
            },
            "history": {key: list(values) for key, values in self.history.items()},
        }

    def predict(self, X):
        """The network's output for points X (n, 2) of the plane. Returns (n,) values in [-1, 1] (classification)."""
        F = pd.feature_matrix(np.asarray(X, dtype=float), self.settings["features"])
        with np.errstate(all="ignore"):
            return forward_all(
                self.weights, self.biases, F, self.settings["activation"], self._output
            )[-1][:, 0]

    def output_grid(self):
        """The output on the GRID x GRID map (row 0 at x2 = +6) and every neuron's output there.

        Returns: list [A0, A1, ..., y_hat] of arrays (GRID * GRID, n_l), as forward_all.
        """
        self._prepare_features()
        with np.errstate(all="ignore"):
            return forward_in_blocks(
                self.weights, self.biases, self.F_grid, self.settings["activation"], self._output
            )

    def __repr__(self):
        s = self.settings
        sizes = "-".join(str(n) for n in [len(s["features"]), *s["hidden"], 1])
        return (
            f"Playground({s['dataset']}, {sizes} {s['activation']}, lr={s['learning_rate']:g}, "
            f"epoch {self.epoch}, train loss {self.train_loss:.3f}, test loss {self.test_loss:.3f})"
        )

    # ------------------------------------------------------------ drawing
    def boundary_png(self, grid_outputs=None):
        """The decision map with the points, as PNG bytes (IMAGE_SIZE x IMAGE_SIZE pixels)."""
        from PIL import Image

        outputs = self.output_grid() if grid_outputs is None else grid_outputs
        rgb = colour_map(outputs[-1].reshape(GRID, GRID), self.settings["discretize"])
        resample = Image.NEAREST if self.settings["discretize"] else Image.BILINEAR
        image = Image.fromarray(rgb).resize((IMAGE_SIZE, IMAGE_SIZE), resample).convert("RGBA")
        if self._overlay is None:
            self._overlay = points_overlay(
                self.X_train,
                self.y_train,
                self.X_test,
                self.y_test,
                self.settings["show_test"],
                self.problem == "regression",
            )
        image.alpha_composite(self._overlay)
        return png_bytes(image.convert("RGB"))

    def network_svg(self, grid_outputs=None):
        """The network diagram (SVG text) with a small map of what every neuron computes."""
        outputs = self.output_grid() if grid_outputs is None else grid_outputs
        maps = [self._feature_maps] + [
            A.reshape(GRID, GRID, -1)[::NEURON_STRIDE, ::NEURON_STRIDE] for A in outputs[1:]
        ]
        labels = [pd.FEATURE_LABELS[name] for name in self.settings["features"]]
        return network_svg(self.weights, maps, labels, self.settings["activation"])

    def redraw(self):
        """Update every display widget from the current state (cheap: no matplotlib)."""
        if not self._widgets:
            return
        w = self._widgets
        start = time.perf_counter()
        outputs = self.output_grid()
        w["boundary"].value = self.boundary_png(outputs)
        w["network"].value = self.network_svg(outputs)
        w["network"].layout.width = f"{(len(self.settings['hidden']) + 2) * LAYER_WIDTH}px"
        w["curve"].value = loss_curve_svg(self.history["train_loss"], self.history["test_loss"])
        w["epoch"].value = f"<b>Epoch</b> {self.epoch:07,d}"
        w["train_loss"].value = f"Training loss <b>{self.train_loss:.3f}</b>"
        w["test_loss"].value = f"Test loss <b>{self.test_loss:.3f}</b>"
        w["layers_label"].value = f"<b>{len(self.settings['hidden'])} hidden layers</b>"
        for l in range(MAX_LAYERS):
            shown = l < len(self.settings["hidden"])
            w[f"layer{l}"].layout.display = "" if shown else "none"
            if shown:
                w[f"neurons{l}"].value = f"{self.settings['hidden'][l]} neurons"
        self._seconds_per_redraw = 0.7 * self._seconds_per_redraw + 0.3 * (
            time.perf_counter() - start
        )

    def figure(self, title=None):
        """A static matplotlib figure of the current state: decision map, network, loss curves.

        Returns: the Figure (show it with plt.show(), save it with fig.savefig(...)).
        """
        import matplotlib.pyplot as plt

        from course_utils.plotting import plot_network

        outputs = self.output_grid()
        with house_style():
            fig, axes = plt.subplots(
                1,
                3,
                figsize=(15, 4.6),
                layout="constrained",
                gridspec_kw={"width_ratios": [1, 1.25, 1.1]},
            )
            ax = axes[0]
            values = outputs[-1].reshape(GRID, GRID)
            ax.imshow(
                colour_map(values, self.settings["discretize"]),
                extent=(-6, 6, -6, 6),
                interpolation="bilinear",
            )
            sets = [(self.X_train, self.y_train, "white", "train")]
            if self.settings["show_test"]:
                sets.append((self.X_test, self.y_test, "black", "test"))
            for X, y, edge, name in sets:
                if self.problem == "regression":
                    ax.scatter(
                        X[:, 0],
                        X[:, 1],
                        c=colour_map(y) / 255,
                        s=14,
                        edgecolors=edge,
                        linewidths=0.5,
                    )
                    continue
                for label, colour, marker in ((1, POSITIVE_COLOR, "o"), (-1, NEGATIVE_COLOR, "s")):
                    rows = y == label
                    ax.scatter(
                        X[rows, 0],
                        X[rows, 1],
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
            labels = [[MATH_LABELS[name] for name in self.settings["features"]]]
            labels += [None] * len(self.settings["hidden"]) + [["$\\hat{y}$"]]
            plot_network(
                [np.nan_to_num(W) for W in self.weights],
                ax=axes[1],
                neuron_labels=labels,
                max_linewidth=5.0,
            )
            sizes = "-".join(
                str(n) for n in [len(self.settings["features"]), *self.settings["hidden"], 1]
            )
            axes[1].set_title(f"Network {sizes}, {self.settings['activation']}", fontsize=13)
            ax = axes[2]
            if self.history["epoch"]:
                ax.plot(
                    self.history["epoch"],
                    self.history["train_loss"],
                    color="#777777",
                    linestyle="--",
                    label=f"training {self.train_loss:.3f}",
                )
                ax.plot(
                    self.history["epoch"],
                    self.history["test_loss"],
                    color="black",
                    label=f"test {self.test_loss:.3f}",
                )
                ax.legend()
            ax.set(xlabel="epoch", ylabel="loss ½(ŷ − y)²")
            ax.set_ylim(
                bottom=0
            )  # from 0, so a loss stuck near 0.48 does not look like a big change
            ax.set_title(f"Loss after {self.epoch} epochs", fontsize=13)
            if title:
                fig.suptitle(title)
        return fig

    # ------------------------------------------------------------ widgets
    def _show_status(self, text, error=False):
        self.status = text
        if self._widgets:
            colour = "#b00020" if error else "#333"
            self._widgets["status"].value = f'<span style="color:{colour}">{_escape(text)}</span>'

    def _build_widgets(self):
        """Create every widget (once) and wire it to set / play / pause / step / reset."""
        try:
            import ipywidgets as widgets
        except ImportError:  # the playground still trains and draws figures without widgets
            self.widget = None
            return
        w = {}
        small = widgets.Layout(width="auto")
        for name, icon, tip in (
            ("reset", "undo", "Reset the network"),
            ("play", "play", "Play"),
            ("pause", "pause", "Pause"),
            ("step", "step-forward", "Train one epoch"),
        ):
            w[name] = widgets.Button(
                description=name.capitalize(), icon=icon, tooltip=tip, layout=small
            )
            w[name].add_class(f"playground-{name}")
        w["epoch"] = widgets.HTML()
        w["epoch"].add_class("playground-epoch")
        w["learning_rate"] = widgets.Dropdown(
            options=[(f"{lr:g}", lr) for lr in LEARNING_RATES],
            description="Learning rate",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="170px"),
        )
        w["activation"] = widgets.Dropdown(
            options=[(a if a != "relu" else "ReLU", a) for a in ACTIVATIONS],
            description="Activation",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="160px"),
        )
        w["regularization"] = widgets.Dropdown(
            options=REGULARIZATIONS,
            description="Regularization",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="180px"),
        )
        w["regularization_rate"] = widgets.Dropdown(
            options=[(f"{r:g}", r) for r in REGULARIZATION_RATES],
            description="Reg. rate",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="140px"),
        )
        w["problem"] = widgets.Dropdown(
            options=["classification", "regression"],
            description="Problem",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="200px"),
        )
        w["dataset"] = widgets.ToggleButtons(options=[], style={"button_width": "86px"})
        w["noise"] = widgets.IntSlider(min=0, max=50, step=5, description="Noise %")
        w["train_percent"] = widgets.IntSlider(min=10, max=90, step=10, description="Train %")
        w["batch_size"] = widgets.IntSlider(min=1, max=30, description="Batch size")
        w["seed"] = widgets.BoundedIntText(
            min=0, max=2**31 - 1, description="Seed", layout=widgets.Layout(width="180px")
        )
        w["regenerate"] = widgets.Button(
            description="New data",
            icon="refresh",
            layout=widgets.Layout(width="110px"),
            tooltip="New data and weights: the next seed",
        )
        w["regenerate"].add_class("playground-regenerate")
        for name in pd.FEATURES:
            w[f"feature {name}"] = widgets.ToggleButton(
                description=pd.FEATURE_LABELS[name], layout=widgets.Layout(width="62px")
            )
        w["add_layer"] = widgets.Button(description="+ layer", layout=small)
        w["remove_layer"] = widgets.Button(description="− layer", layout=small)
        w["layers_label"] = widgets.HTML()
        for l in range(MAX_LAYERS):
            w[f"more{l}"] = widgets.Button(
                description="+",
                tooltip=f"One more neuron in layer {l + 1}",
                layout=widgets.Layout(width="34px", padding="0"),
            )
            w[f"fewer{l}"] = widgets.Button(
                description="−",
                tooltip=f"One neuron fewer in layer {l + 1}",
                layout=widgets.Layout(width="34px", padding="0"),
            )
            w[f"neurons{l}"] = widgets.HTML()
            w[f"layer{l}"] = widgets.VBox(
                [widgets.HBox([w[f"more{l}"], w[f"fewer{l}"]]), w[f"neurons{l}"]],
                layout=widgets.Layout(width=f"{LAYER_WIDTH}px", align_items="center"),
            )
        w["network"] = widgets.HTML()
        w["train_loss"] = widgets.HTML()
        w["train_loss"].add_class("playground-train-loss")
        w["test_loss"] = widgets.HTML()
        w["test_loss"].add_class("playground-test-loss")
        w["curve"] = widgets.HTML()
        w["boundary"] = widgets.Image(format="png", width=IMAGE_SIZE, height=IMAGE_SIZE)
        w["boundary"].add_class("playground-boundary")
        w["show_test"] = widgets.Checkbox(description="Show test data", indent=False)
        w["discretize"] = widgets.Checkbox(description="Discretize output", indent=False)
        w["status"] = widgets.HTML()
        w["status"].add_class("playground-status")
        w["player"] = widgets.Play(
            interval=INTERVAL_MS,
            min=0,
            max=10**9,
            repeat=True,
            show_repeat=False,
            layout=widgets.Layout(display="none"),
        )
        w["player"].add_class("playground-player")
        self._widgets = w

        for name in (
            "learning_rate",
            "activation",
            "regularization",
            "regularization_rate",
            "noise",
            "train_percent",
            "batch_size",
            "seed",
            "show_test",
            "discretize",
            "dataset",
            "problem",
        ):
            w[name].observe(self._widget_changed(name), names="value")
        for name in pd.FEATURES:
            w[f"feature {name}"].observe(self._feature_toggled, names="value")
        w["play"].on_click(lambda _: self.play())
        w["pause"].on_click(lambda _: self.pause())
        w["step"].on_click(lambda _: self._button(self.step))
        w["reset"].on_click(lambda _: self.reset())
        w["regenerate"].on_click(lambda _: self.regenerate())
        w["add_layer"].on_click(lambda _: self.add_layer())
        w["remove_layer"].on_click(lambda _: self.remove_layer())
        for l in range(MAX_LAYERS):
            w[f"more{l}"].on_click(lambda _, l=l: self.change_neurons(l, +1))
            w[f"fewer{l}"].on_click(lambda _, l=l: self.change_neurons(l, -1))
        w["player"].observe(self._on_tick, names="value")
        w["player"].observe(self._player_playing, names="playing")

        heading = lambda text: widgets.HTML(f"<b style='color:#555'>{text}</b>")  # noqa: E731
        top = widgets.HBox(
            [
                w["reset"],
                w["play"],
                w["pause"],
                w["step"],
                w["epoch"],
                w["learning_rate"],
                w["activation"],
                w["regularization"],
                w["regularization_rate"],
                w["problem"],
                w["player"],
            ],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center", grid_gap="6px"),
        )
        for name in ("train_percent", "noise", "batch_size"):
            w[name].layout.width = "300px"
        data = widgets.VBox(
            [
                heading("DATA"),
                w["dataset"],
                w["train_percent"],
                w["noise"],
                w["batch_size"],
                w["seed"],
                w["regenerate"],
            ],
            layout=widgets.Layout(width="310px"),
        )
        features = widgets.VBox(
            [heading("FEATURES")] + [w[f"feature {name}"] for name in pd.FEATURES],
            layout=widgets.Layout(min_width="84px"),
        )
        spacer = widgets.HTML(
            layout=widgets.Layout(width=f"{LAYER_WIDTH}px")
        )  # above the input column
        network = widgets.VBox(
            [
                widgets.HBox([w["add_layer"], w["remove_layer"], w["layers_label"]]),
                widgets.HBox([spacer] + [w[f"layer{l}"] for l in range(MAX_LAYERS)]),
                w["network"],
            ],
            layout=widgets.Layout(flex="0 0 auto"),
        )
        output = widgets.VBox(
            [
                heading("OUTPUT"),
                w["test_loss"],
                w["train_loss"],
                w["curve"],
                w["boundary"],
                w["show_test"],
                w["discretize"],
            ],
            layout=widgets.Layout(min_width=f"{IMAGE_SIZE + 10}px", flex="0 0 auto"),
        )
        # On a narrow screen the output column moves below the others instead of being squeezed.
        middle = widgets.HBox(
            [data, features, network, output],
            layout=widgets.Layout(grid_gap="12px", flex_flow="row wrap"),
        )
        self.widget = widgets.VBox([top, middle, w["status"]])
        self.widget.add_class("playground")
        for name in ("player", "play"):
            comm = getattr(w[name], "comm", None)
            if comm is not None and hasattr(comm, "on_close"):
                comm.on_close(self._comm_closed)
        self._containers = [top, data, features, network, output, middle, self.widget]

    def _button(self, action):
        try:
            action()
        except Exception as error:  # a button must never print a traceback into the log
            self._show_status(f"{type(error).__name__}: {error}", error=True)

    def _widget_changed(self, name):
        def handler(change):
            if self._syncing:
                return
            self._button(lambda: self.set(**{name: change["new"]}))

        return handler

    def _feature_toggled(self, change):
        if self._syncing:
            return
        chosen = [name for name in pd.FEATURES if self._widgets[f"feature {name}"].value]
        self._button(lambda: self.set(features=chosen))

    def _player_playing(self, change):
        if not change["new"] and self.playing and not self._syncing:
            self.playing = False  # paused in the browser

    def add_layer(self):
        """Add a hidden layer of 2 neurons (as the original's + button), at most MAX_LAYERS."""
        hidden = list(self.settings["hidden"])
        if len(hidden) >= MAX_LAYERS:
            self._show_status(f"Not changed: at most {MAX_LAYERS} hidden layers.", error=True)
            return
        self.set(hidden=hidden + [2])

    def remove_layer(self):
        """Remove the last hidden layer (0 hidden layers is allowed: a linear model of the features)."""
        hidden = list(self.settings["hidden"])
        if not hidden:
            self._show_status("Not changed: there is no hidden layer left to remove.", error=True)
            return
        self.set(hidden=hidden[:-1])

    def change_neurons(self, layer, delta):
        """Add (delta=+1) or remove (-1) a neuron in hidden layer `layer` (0-based)."""
        hidden = list(self.settings["hidden"])
        hidden[layer] += delta
        self.set(hidden=hidden)

    def _sync_widgets(self):
        """Show the current settings in the widgets (without triggering their handlers)."""
        if not self._widgets:
            return
        w, s = self._widgets, self.settings
        self._syncing = True
        try:
            w["problem"].value = self.problem
            names = pd.CLASSIFICATION if self.problem == "classification" else pd.REGRESSION
            options = [(DATASET_LABELS[name], name) for name in names]
            if list(w["dataset"].options) != options:
                w["dataset"].options = options
            w["dataset"].value = s["dataset"]
            lr = s["learning_rate"]
            if lr not in [value for _, value in w["learning_rate"].options]:
                w["learning_rate"].options = sorted(
                    list(w["learning_rate"].options) + [(f"{lr:g}", lr)], key=lambda pair: pair[1]
                )
            w["learning_rate"].value = lr
            rate = s["regularization_rate"]
            if rate not in [value for _, value in w["regularization_rate"].options]:
                w["regularization_rate"].options = sorted(
                    list(w["regularization_rate"].options) + [(f"{rate:g}", rate)],
                    key=lambda pair: pair[1],
                )
            w["regularization_rate"].value = rate
            for name in (
                "activation",
                "regularization",
                "noise",
                "train_percent",
                "show_test",
                "discretize",
                "seed",
            ):
                w[name].value = s[name]
            w["batch_size"].max = max(30, s["batch_size"])
            w["batch_size"].value = s["batch_size"]
            for name in pd.FEATURES:
                w[f"feature {name}"].value = name in s["features"]
                w[f"feature {name}"].button_style = "info" if name in s["features"] else ""
        finally:
            self._syncing = False

    def _repr_mimebundle_(self, **kwargs):
        if self.widget is None:
            return {"text/plain": repr(self)}
        return self.widget._repr_mimebundle_(**kwargs)


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
