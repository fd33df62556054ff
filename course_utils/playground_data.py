"""The data sets and input features of the Neural Network Playground (notebook 11).

After the TensorFlow Playground (Daniel Smilkov and Shan Carter, Apache-2.0),
written afresh in numpy. Every data set lives in the square [-6, 6]^2:

    X, y = make_dataset("circle", n=500, noise=0.1, seed=0)
    X: (n, 2) points (x1, x2);  y: (n,) labels -1.0 / +1.0 (classification)
                                     or targets in [-1, 1] (regression)

`noise` is a fraction from 0 to 0.5 (the playground's slider shows 0-50 %),
and it means what it means in the original, which differs per data set:

    circle, xor     the label is computed at a jittered copy of the point, so
                    labels near the boundary flip; the points do not move
    gauss           the clouds get wider (variance 0.5 at noise 0, 4 at 0.5)
    spiral, moons   the points move
    plane, multi_gauss   the target is computed at a jittered copy of the point

With a fixed seed the underlying points are the same at every noise level
(the jitter is drawn even at noise 0), so moving the noise slider shows what
the noise does, not a new sample.

Features (`FEATURES`) are computed from the raw coordinates, as in the original:
x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2).
"""

import numpy as np

from course_utils._validation import check_integer, check_number, unknown_name_error

LIMIT = 6.0  # every data set lies in [-LIMIT, LIMIT]^2
CLASSIFICATION = ["circle", "xor", "gauss", "spiral", "moons"]
REGRESSION = ["plane", "multi_gauss"]
DATASETS = CLASSIFICATION + REGRESSION
DEFAULT_POINTS = {"classification": 500, "regression": 1200}  # as in the original

FEATURES = {  # name -> function of the two coordinate arrays
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1**2,
    "x2^2": lambda x1, x2: x2**2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}
FEATURE_LABELS = {
    "x1": "x₁",
    "x2": "x₂",
    "x1^2": "x₁²",
    "x2^2": "x₂²",
    "x1*x2": "x₁x₂",
    "sin(x1)": "sin x₁",
    "sin(x2)": "sin x₂",
}


def feature_name(name):
    """The canonical name of a feature: "x1^2" for "x1**2", "x1²" or "X1^2"; "sin(x1)" for "sin x1".

    Raises ValueError (listing the valid names) for an unknown feature.
    """
    key = str(name).lower().replace(" ", "").replace("**", "^").replace("²", "^2")
    key = key.replace("₁", "1").replace("₂", "2")
    aliases = {
        "sinx1": "sin(x1)",
        "sinx2": "sin(x2)",
        "x1x2": "x1*x2",
        "x1_squared": "x1^2",
        "x2_squared": "x2^2",
        "x1x1": "x1^2",
        "x2x2": "x2^2",
    }
    key = aliases.get(key, key)
    if key not in FEATURES:
        raise unknown_name_error("feature", name, list(FEATURES))
    return key


def feature_matrix(X, names):
    """The input features of every point, one column per feature name.

    Inputs:  X: (n, 2) points; names: list of feature names, e.g. ["x1", "x2", "x1^2"].
    Returns: (n, len(names)) array.
    """
    X = np.asarray(X, dtype=float)
    x1, x2 = X[:, 0], X[:, 1]
    return (
        np.column_stack([FEATURES[feature_name(name)](x1, x2) for name in names])
        if names
        else np.empty((len(X), 0))
    )


def _uniform(rng, low, high, n):
    return rng.uniform(low, high, size=n)


# ------------------------------------------------------------ classification
def circle(n=500, noise=0.0, seed=0):
    """A disc of +1 points (radius < 2.5) inside a ring of -1 points (radius 3.5 to 5).

    The label is +1 when the jittered point (x + 5 * noise * u, u uniform in [-1, 1]^2)
    lies within radius 2.5 of the centre: noise flips labels near the gap, points stay.
    Returns: X (n, 2), y (n,) of -1.0 / +1.0.
    """
    rng = _rng("circle", n, noise, seed)
    radius = 5.0
    n_in = n // 2
    r = np.concatenate(
        [_uniform(rng, 0, radius * 0.5, n_in), _uniform(rng, radius * 0.7, radius, n - n_in)]
    )
    angle = _uniform(rng, 0, 2 * np.pi, n)
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    jitter = rng.uniform(-radius, radius, size=(n, 2)) * noise
    y = np.where(np.hypot(*(X + jitter).T) < radius * 0.5, 1.0, -1.0)
    return X, y


def xor(n=500, noise=0.0, seed=0):
    """Four quadrants: +1 where x1 * x2 >= 0, -1 elsewhere; points keep 0.3 away from the axes.

    The label is taken at the jittered point (x + 5 * noise * u): noise flips labels near the axes.
    Returns: X (n, 2), y (n,) of -1.0 / +1.0.
    """
    rng = _rng("xor", n, noise, seed)
    X = rng.uniform(-5, 5, size=(n, 2))
    X += np.where(X > 0, 0.3, -0.3)  # padding: no point sits on an axis
    jitter = rng.uniform(-5, 5, size=(n, 2)) * noise
    moved = X + jitter
    y = np.where(moved[:, 0] * moved[:, 1] >= 0, 1.0, -1.0)
    return X, y


def gauss(n=500, noise=0.0, seed=0):
    """Two Gaussian clouds: +1 around (2, 2), -1 around (-2, -2).

    Variance grows linearly with the noise, from 0.5 (noise 0) to 4 (noise 0.5).
    Returns: X (n, 2), y (n,) of -1.0 / +1.0.
    """
    rng = _rng("gauss", n, noise, seed)
    variance = 0.5 + noise * (4 - 0.5) / 0.5
    n_pos = n // 2
    centres = np.where(np.arange(n)[:, None] < n_pos, 2.0, -2.0)
    X = centres + np.sqrt(variance) * rng.standard_normal((n, 2))
    y = np.where(np.arange(n) < n_pos, 1.0, -1.0)
    return X, y


def spiral(n=500, noise=0.0, seed=0):
    """Two interleaved spiral arms (+1 and -1), 1.75 turns out to radius 5.

    Arm point i of m: r = 5 i / m, t = 1.75 * 2 pi i / m (+ pi for the -1 arm),
    (x1, x2) = (r sin t, r cos t) + noise * u, u uniform in [-1, 1]^2: noise moves the points.
    Returns: X (n, 2), y (n,) of -1.0 / +1.0.
    """
    rng = _rng("spiral", n, noise, seed)
    arms = []
    for delta, label, m in ((0.0, 1.0, n // 2), (np.pi, -1.0, n - n // 2)):
        i = np.arange(m)
        r = i / m * 5
        t = 1.75 * i / m * 2 * np.pi + delta
        arms.append((np.column_stack([r * np.sin(t), r * np.cos(t)]), np.full(m, label)))
    X = np.concatenate([arms[0][0], arms[1][0]])
    y = np.concatenate([arms[0][1], arms[1][1]])
    X = X + rng.uniform(-1, 1, size=(n, 2)) * noise
    return X, y


def moons(n=500, noise=0.0, seed=0):
    """Two interleaved half moons (not in the original playground; added for this course).

    +1: (4 cos t - 2, 4 sin t - 1.5), -1: (2 - 4 cos t, 1.5 - 4 sin t), t uniform in [0, pi],
    then moved by Gaussian jitter of standard deviation 2 * noise (clipped to the square).
    Returns: X (n, 2), y (n,) of -1.0 / +1.0.
    """
    rng = _rng("moons", n, noise, seed)
    n_pos = n // 2
    t = rng.uniform(0, np.pi, size=n)
    upper = np.arange(n) < n_pos
    x1 = np.where(upper, 4 * np.cos(t) - 2, 2 - 4 * np.cos(t))
    x2 = np.where(upper, 4 * np.sin(t) - 1.5, 1.5 - 4 * np.sin(t))
    X = np.column_stack([x1, x2]) + 2 * noise * rng.standard_normal((n, 2))
    return np.clip(X, -LIMIT, LIMIT), np.where(upper, 1.0, -1.0)


# ---------------------------------------------------------------- regression
def plane(n=1200, noise=0.0, seed=0):
    """Regression on a tilted plane: target (x1 + x2) / 10, in [-1.2, 1.2] (at the jittered point).

    Points uniform in [-6, 6]^2; the target is computed at x + 6 * noise * u,
    u uniform in [-1, 1]^2.
    Returns: X (n, 2), y (n,) targets.
    """
    rng = _rng("plane", n, noise, seed)
    X = rng.uniform(-LIMIT, LIMIT, size=(n, 2))
    moved = X + rng.uniform(-LIMIT, LIMIT, size=(n, 2)) * noise
    return X, (moved[:, 0] + moved[:, 1]) / 10


GAUSSIAN_BUMPS = [
    (-4, 2.5, 1),
    (0, 2.5, -1),
    (4, 2.5, 1),
    (-4, -2.5, -1),
    (0, -2.5, 1),
    (4, -2.5, -1),
]


def multi_gauss(n=1200, noise=0.0, seed=0):
    """Regression on six bumps of alternating sign (the original's "multi-Gaussian").

    Each bump (cx, cy, sign) gives sign * max(0, 1 - distance / 2); the target is the bump
    value largest in size, computed at the jittered point x + 6 * noise * u.
    Returns: X (n, 2), y (n,) targets in [-1, 1].
    """
    rng = _rng("multi_gauss", n, noise, seed)
    X = rng.uniform(-LIMIT, LIMIT, size=(n, 2))
    moved = X + rng.uniform(-LIMIT, LIMIT, size=(n, 2)) * noise
    values = np.stack(
        [
            sign * np.clip(1 - np.hypot(moved[:, 0] - cx, moved[:, 1] - cy) / 2, 0, 1)
            for cx, cy, sign in GAUSSIAN_BUMPS
        ]
    )
    largest = np.abs(values).argmax(axis=0)
    return X, values[largest, np.arange(n)]


GENERATORS = {
    "circle": circle,
    "xor": xor,
    "gauss": gauss,
    "spiral": spiral,
    "moons": moons,
    "plane": plane,
    "multi_gauss": multi_gauss,
}


def _rng(where, n, noise, seed):
    check_integer(n, "n", 2, where)
    check_number(noise, "noise", minimum=0, where=where)
    if noise > 0.5:
        raise ValueError(
            f"{where}: noise is a fraction from 0 to 0.5 (the slider's 0-50 %), got {noise}."
        )
    check_integer(seed, "seed", 0, where)
    return np.random.default_rng(seed)


def problem_of(dataset):
    """ "classification" or "regression" for a data-set name."""
    return "regression" if dataset in REGRESSION else "classification"


def make_dataset(name, n=None, noise=0.0, seed=0, draw=0):
    """Generate a playground data set by name, shuffled (seeded).

    Inputs:  name: one of DATASETS; n: number of points (None: 500 for classification,
             1200 for regression); noise: 0 to 0.5; seed: integer >= 0;
             draw: 0 for the points of this seed, 1, 2, ... for other points of the same
             kind (the playground's "New data"), none of them the points of another seed.
    Returns: X (n, 2), y (n,).
    """
    if name not in GENERATORS:
        raise unknown_name_error("data set", name, DATASETS)
    check_integer(draw, "draw", 0, "make_dataset")
    n = DEFAULT_POINTS[problem_of(name)] if n is None else n
    if draw:  # one number from the pair (seed, draw): a stream apart from every plain seed
        seed = int(np.random.SeedSequence([seed, draw]).generate_state(1)[0]) + 2**32
    X, y = GENERATORS[name](n, noise, seed)
    order = np.random.default_rng([seed, 1]).permutation(n)  # shuffling does not move points
    return X[order], y[order]


def split(X, y, train_percent=50):
    """Split shuffled data as the original does: the first train_percent % of the rows train.

    Inputs:  X (n, 2), y (n,); train_percent: 10 to 90.
    Returns: X_train, y_train, X_test, y_test.
    """
    n_train = int(np.floor(len(y) * train_percent / 100))
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]
