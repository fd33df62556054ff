"""Small seeded synthetic data sets for the notebooks.

Every generator takes the number of examples `n` and a `seed`, and returns

    X: float64 array of shape (n, n_features)   (one row per example)
    y: float64 array of shape (n,)              (targets, or classes 0., 1., ...)

The same seed gives identical arrays on every run and machine; a different
seed gives a different sample. All randomness comes from
np.random.default_rng(seed), created inside each generator.
Each docstring names the notebook and section that first uses it ("08 §2").
"""

import math

import numpy as np

from course_utils._validation import (
    as_float_array,
    check_class_labels,
    check_integer,
    check_number,
)


def _check_common(where, n, seed, noise=0.0, min_n=1):
    """Check the arguments every generator shares.

    Returns: np.random.default_rng(seed).
    """
    check_integer(n, "n", min_n, where)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(
            f"{where}: seed must be an integer such as seed=0 (so results are reproducible), "
            f"got {seed!r}."
        )
    check_integer(seed, "seed", 0, where)
    check_number(noise, "noise", minimum=0, where=where)
    return np.random.default_rng(seed)


def _shuffled(rng, X, y):
    """Return X and y with their rows in the same random order."""
    order = rng.permutation(len(y))
    return X[order], y[order]


def house_prices(n=50, noise=20.0, seed=0):
    """House size and price: one feature, a straight line plus noise (linear regression).

    Formula: price = 50 + 2.5 * size + noise * N(0, 1)
    Size uniform in [40, 200] square metres; price in thousands (of any currency).
    Inputs:  n: number of houses; noise: standard deviation of the price noise,
             in thousands; seed: integer.
    Returns: X: (n, 1) sizes in m^2; y: (n,) prices in thousands.
    Notebook: 01 §3 (regression: fit a line); 02 §3 (one neuron predicts a house price).
    """
    rng = _check_common("house_prices", n, seed, noise)
    size = rng.uniform(40, 200, size=n)
    price = 50 + 2.5 * size + noise * rng.standard_normal(n)
    return size.reshape(-1, 1), price


def xor(n=4, noise=0.0, seed=0):
    """The XOR problem: label 1 when exactly one of the two inputs is 1.

    Example i sits at corner i % 4 of [[0,0], [0,1], [1,0], [1,1]] (labels
    [0, 1, 1, 0]), plus noise * N(0, 1) on each coordinate. So xor() (n=4,
    noise=0) is the exact truth table, and any n has balanced classes.
    With noise=0 the seed has no effect.
    Inputs:  n: number of points; noise: standard deviation of the noise; seed: integer.
    Returns: X: (n, 2); y: (n,) labels 0. and 1.
    Notebook: 02 §6 (what one neuron cannot do: XOR); 10 §1 (the problem: XOR).
    """
    rng = _check_common("xor", n, seed, noise)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    labels = np.array([0.0, 1.0, 1.0, 0.0])
    which = np.arange(n) % 4
    X = corners[which] + noise * rng.standard_normal((n, 2))
    return X, labels[which]


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles ("moons"): a classic non-linear boundary.

    Class 0: (cos t, sin t);  class 1: (1 - cos t, 0.5 - sin t);  t in [0, pi],
    plus noise * N(0, 1) on each coordinate; rows shuffled.
    Inputs:  n: number of points (>= 2; half per class, class 0 gets the extra one);
             noise: standard deviation of the noise; seed: integer.
    Returns: X: (n, 2); y: (n,) labels 0. and 1.
    Notebook: 03 §6 (what hidden units learn); 07 §1 (mini-batches).
    """
    rng = _check_common("moons", n, seed, noise, min_n=2)
    n0 = n - n // 2
    t0 = np.linspace(0, math.pi, n0)
    t1 = np.linspace(0, math.pi, n // 2)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    X = np.vstack([upper, lower]) + noise * rng.standard_normal((n, 2))
    y = np.concatenate([np.zeros(n0), np.ones(n // 2)])
    return _shuffled(rng, X, y)


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """A small circle inside a large one: no straight line separates them.

    Class 0: radius 1;  class 1: radius factor;  angles evenly spaced,
    plus noise * N(0, 1) on each coordinate; rows shuffled.
    Inputs:  n: number of points (>= 2; class 0 gets the extra one);
             noise: standard deviation; factor: inner radius, 0 < factor < 1; seed: integer.
    Returns: X: (n, 2); y: (n,) labels 0. and 1.
    Notebook: 01 §6 (representation matters); 07 §4 (initialisation).
    """
    rng = _check_common("circles", n, seed, noise, min_n=2)
    check_number(factor, "factor", strictly_greater=0, where="circles")
    if factor >= 1:
        raise ValueError(f"circles: factor (inner radius) must be below 1, got {factor}.")
    n0 = n - n // 2
    angles0 = np.linspace(0, 2 * math.pi, n0, endpoint=False)
    angles1 = np.linspace(0, 2 * math.pi, n // 2, endpoint=False)
    outer = np.column_stack([np.cos(angles0), np.sin(angles0)])
    inner = factor * np.column_stack([np.cos(angles1), np.sin(angles1)])
    X = np.vstack([outer, inner]) + noise * rng.standard_normal((n, 2))
    y = np.concatenate([np.zeros(n0), np.ones(n // 2)])
    return _shuffled(rng, X, y)


def blobs(n=200, centers=2, std=1.0, seed=0):
    """Gaussian blobs, one per class: the easy, (almost) linearly separable case.

    Class c has its centre on a circle of radius 4:
      centre_c = 4 * (cos(2 pi c / k), sin(2 pi c / k)),  k = centers,
    and its points are centre_c + std * N(0, 1) per coordinate. Example i has
    class i % k (balanced classes); rows shuffled.
    Inputs:  n: number of points; centers: number of classes k (>= 1);
             std: spread of each blob (> 0); seed: integer.
    Returns: X: (n, 2); y: (n,) labels 0., 1., ..., k-1.
    Notebook: 01 §4 (supervised and unsupervised learning).
    """
    rng = _check_common("blobs", n, seed)
    check_integer(centers, "centers", 1, "blobs")
    check_number(std, "std", strictly_greater=0, where="blobs")
    angles = 2 * math.pi * np.arange(centers) / centers
    centres = 4 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.arange(n) % centers
    X = centres[y] + std * rng.standard_normal((n, 2))
    return _shuffled(rng, X, y.astype(np.float64))


def spiral(n=300, n_classes=2, noise=0.1, seed=0):
    """Interleaved spiral arms, one per class (as in the CS231n notes): a hard boundary.

    A point at fraction t in [0, 1] along arm c has
      radius r = t,  angle = 2 pi c / k + 4 t   (radians),  (x1, x2) = r * (sin angle, cos angle)
    plus noise * N(0, 1) on each coordinate. Example i has class i % k; rows shuffled.
    Inputs:  n: number of points; n_classes: k >= 2; noise: standard deviation; seed: integer.
    Returns: X: (n, 2); y: (n,) labels 0., 1., ..., k-1.
    Notebook: 11 §3 (challenge 3: the spiral needs depth).
    """
    rng = _check_common("spiral", n, seed, noise)
    check_integer(n_classes, "n_classes", 2, "spiral")
    y = np.arange(n) % n_classes
    t = np.arange(n) // n_classes / max(1, (n - 1) // n_classes)  # 0 ... 1 along each arm
    angle = 2 * math.pi * y / n_classes + 4 * t
    X = t[:, None] * np.column_stack([np.sin(angle), np.cos(angle)])
    X = X + noise * rng.standard_normal((n, 2))
    return _shuffled(rng, X, y.astype(np.float64))


def polynomial_data(n=20, noise=0.2, seed=0):
    """Noisy samples of a sine curve, for over- and under-fitting demos.

    Formula: y = sin(2 pi x) + noise * N(0, 1),  x uniform in [0, 1], sorted ascending.
    Inputs:  n: number of points; noise: standard deviation; seed: integer.
    Returns: X: (n, 1) the x values; y: (n,).
    Notebook: 08 §2 (underfitting and overfitting: polynomials); 08 §5 (more data).
    """
    rng = _check_common("polynomial_data", n, seed, noise)
    x = np.sort(rng.uniform(0, 1, size=n))
    y = np.sin(2 * math.pi * x) + noise * rng.standard_normal(n)
    return x.reshape(-1, 1), y


def train_test_split(X, y, test_size=0.25, seed=0, stratify=False):
    """Split examples at random into a training set and a test set.

    The test set gets ceil(test_size * n) examples (or exactly test_size if it is an int).
    With stratify=True each class is split separately, so both sets keep
    (about) the class proportions of y.
    Inputs:  X: (n, d); y: (n,) or (n, k); test_size: fraction in (0, 1) or a count;
             seed: integer; stratify: bool (needs class labels y of shape (n,)).
    Returns: X_train, X_test, y_train, y_test (rows of X and y, same order in both).
    Notebook: 08 §1 (why hold data out?; exercise 1: a split that never leaks).
    """
    where = "train_test_split"
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or len(X) != len(y):
        raise ValueError(
            f"{where}: X and y need one row per example and the same number of rows, "
            f"got X with shape {X.shape} and y with shape {y.shape}."
        )
    n = len(y)
    n_test = _test_count(test_size, n, where)
    rng = _check_common(where, n, seed, min_n=2)
    if stratify:
        test_index = _stratified_test_index(y, n_test / n, rng, where)
    else:
        test_index = rng.permutation(n)[:n_test]
    is_test = np.zeros(n, dtype=bool)
    is_test[test_index] = True
    train_index = rng.permutation(np.flatnonzero(~is_test))
    test_index = rng.permutation(np.flatnonzero(is_test))
    return X[train_index], X[test_index], y[train_index], y[test_index]


def _test_count(test_size, n, where):
    """Number of test examples for a test_size given as a fraction or a count."""
    if isinstance(test_size, (int, np.integer)) and not isinstance(test_size, bool):
        n_test = int(test_size)
    else:
        check_number(test_size, "test_size", strictly_greater=0, where=where)
        if test_size >= 1:
            raise ValueError(f"{where}: a fractional test_size must be below 1, got {test_size}.")
        n_test = math.ceil(test_size * n)
    if not 1 <= n_test <= n - 1:
        raise ValueError(
            f"{where}: test_size={test_size} leaves {n_test} of {n} examples for testing; "
            "both the training and the test set need at least one example."
        )
    return n_test


def _stratified_test_index(y, fraction, rng, where):
    """Indices of a test set holding about `fraction` of each class."""
    if y.ndim != 1:
        raise ValueError(
            f"{where}: stratify=True needs class labels y of shape (n,), got {y.shape}."
        )
    chosen = []
    for label in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == label))
        chosen.append(members[: round(fraction * len(members))])
    return np.concatenate(chosen)


def one_hot(y, k):
    """One-hot encoding: label c becomes a row with a 1 in column c and 0 elsewhere.

    Formula: Y[i, c] = 1 if y[i] == c else 0
    Inputs:  y: class labels of shape (n,), whole numbers 0..k-1 (int or float dtype);
             k: number of classes.
    Returns: Y: float64 array of shape (n, k).
    Notebook: 06 §3 (classification: cross-entropy, one-hot labels).
    """
    check_integer(k, "k", 1, "one_hot")
    y = as_float_array(y, "y", "one_hot")
    check_class_labels(y, k, "y", "one_hot")
    return np.eye(k)[y.astype(int)]
