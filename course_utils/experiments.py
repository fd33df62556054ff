"""Small, seeded experiments for notebooks 08 (overfitting), 09 (regularisation) and 10 (XOR).

Everything here is plain numpy and course_utils: polynomial fits of growing
degree, the small noisy data set on which a wide network overfits, jittered
and rotated copies of points (data augmentation), a runner that trains the
same network under several settings and seeds, paired differences that compare
the settings honestly (seed by seed, with a standard error, not one lucky run),
and the lecture's own XOR network trained from many seeds at once.
"""

import numpy as np
from numpy.polynomial import Polynomial

from course_utils import data
from course_utils.activations import sigmoid
from course_utils.model import MLP

# The overfitting set-up shared by notebooks 08 and 09: 40 training points of two noisy
# circles, a network with one hidden layer of 32 tanh units, Adam for 500 full-batch epochs.
OVERFIT_DATA = dict(n_train=40, n_validation=200, noise=0.2, seed=1)
OVERFIT_WIDTH = 32
OVERFIT_TRAINING = dict(epochs=500, lr=0.02, optimizer="adam")


def fit_polynomial(x, y, degree):
    """Least-squares polynomial of the given degree through the points (x, y).

    Formula: minimise sum_i (p(x_i) - y_i)^2 over p(x) = c_0 + c_1 x + ... + c_d x^d.
    (numpy's Polynomial.fit first maps x to [-1, 1], which keeps high degrees well conditioned.)
    Inputs:  x: (n,) or (n, 1) inputs; y: (n,) targets; degree: int >= 0, at most n - 1.
    Returns: a numpy Polynomial p; p(x_new) evaluates it on an array of inputs.
    """
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if x.shape != y.shape:
        raise ValueError(
            f"fit_polynomial: x and y need the same number of points, got {x.shape} and {y.shape}."
        )
    if not 0 <= degree <= len(x) - 1:
        raise ValueError(
            f"fit_polynomial: degree must be between 0 and n - 1 = {len(x) - 1} "
            f"(a degree-d polynomial has d + 1 coefficients), got {degree}."
        )
    return Polynomial.fit(x, y, degree)


def polynomial_errors(degrees, x_train, y_train, x_eval, y_eval):
    """Mean squared error on the training points and on held-out points, for each degree.

    Formula: MSE = mean((p(x) - y)^2), p fitted on the training points only.
    Inputs:  degrees: list of ints; x_train, y_train: (n,) training data;
             x_eval, y_eval: (m,) held-out data.
    Returns: train_mse, eval_mse: arrays of shape (len(degrees),).
    """
    x_train, x_eval = np.asarray(x_train, float).ravel(), np.asarray(x_eval, float).ravel()
    train_mse, eval_mse = [], []
    for degree in degrees:
        p = fit_polynomial(x_train, y_train, degree)
        train_mse.append(np.mean((p(x_train) - y_train) ** 2))
        eval_mse.append(np.mean((p(x_eval) - y_eval) ** 2))
    return np.array(train_mse), np.array(eval_mse)


def overfitting_data(n_train=40, n_validation=200, n_test=0, noise=0.2, seed=1):
    """The small noisy data set of notebooks 08 and 09: two circles, train / validation (/ test).

    One call of data.circles(n_train + n_validation, noise, factor=0.5, seed) is split at
    random (data.train_test_split, seed 0), so training and validation never share a point.
    A test set, if asked for, is a separate draw from the same source (seed + 1000), so
    adding it leaves the training and validation sets unchanged.
    Inputs:  n_train, n_validation, n_test: sizes (n_test may be 0); noise: std of the noise;
             seed: int.
    Returns: (X_train, y_train), (X_val, y_val) and, if n_test > 0, (X_test, y_test);
             X parts have shape (n_part, 2), y parts (n_part,).
    """
    X, y = data.circles(n=n_train + n_validation, noise=noise, factor=0.5, seed=seed)
    X_train, X_val, y_train, y_val = data.train_test_split(X, y, test_size=n_validation, seed=0)
    if n_test == 0:
        return (X_train, y_train), (X_val, y_val)
    test = data.circles(n=n_test, noise=noise, factor=0.5, seed=seed + 1000)
    return (X_train, y_train), (X_val, y_val), test


def jitter(X, y, copies, scale, seed=0):
    """Data augmentation for points: the originals plus `copies` noisy copies of each.

    Formula: X_aug = [X; X + scale * N(0, 1); ...], y_aug = [y; y; ...]
             (a small shift keeps the label).
    Inputs:  X: (n, d); y: (n,); copies: int >= 0; scale: standard deviation of the shift;
             seed: int.
    Returns: X_aug: ((copies + 1) * n, d), y_aug: ((copies + 1) * n,); the originals come first.
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(
            f"jitter: X and y need the same number of rows, got X {X.shape} and y {y.shape}."
        )
    if copies < 0 or scale < 0:
        raise ValueError(
            f"jitter: copies and scale must be >= 0, got copies={copies}, scale={scale}."
        )
    rng = np.random.default_rng(seed)
    shifted = [X + scale * rng.standard_normal(X.shape) for _ in range(copies)]
    return np.vstack([X] + shifted), np.concatenate([y] * (copies + 1))


def rotated_copies(X, y, copies, seed=0):
    """Data augmentation under a known symmetry: each point turned about the origin at random.

    For two circles centred on the origin the class depends only on the radius, so a rotation
    never changes the label.
    Formula: (x1, x2) -> (cos a x1 - sin a x2, sin a x1 + cos a x2), a uniform in [0, 2 pi).
    Inputs:  X: (n, 2); y: (n,); copies: int >= 0; seed: int.
    Returns: X_aug: ((copies + 1) * n, 2), y_aug: ((copies + 1) * n,); the originals come first.
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or len(X) != len(y):
        raise ValueError(
            "rotated_copies: needs X of shape (n, 2) and y of shape (n,), "
            f"got {X.shape} and {y.shape}."
        )
    if copies < 0:
        raise ValueError(f"rotated_copies: copies must be >= 0, got {copies}.")
    rng = np.random.default_rng(seed)
    turned = []
    for _ in range(copies):
        a = rng.uniform(0, 2 * np.pi, len(X))
        turned.append(
            np.column_stack(
                [
                    np.cos(a) * X[:, 0] - np.sin(a) * X[:, 1],
                    np.sin(a) * X[:, 0] + np.cos(a) * X[:, 1],
                ]
            )
        )
    return np.vstack([X] + turned), np.concatenate([y] * (copies + 1))


def train_network(
    train,
    validation=None,
    width=OVERFIT_WIDTH,
    seed=0,
    l2=0.0,
    dropout=0.0,
    early_stopping=None,
    augment=None,
    **training,
):
    """Train MLP([d, width, 1]) (tanh, sigmoid output) on `train` with optional regularisers.

    Inputs:  train: pair (X, y); validation: pair (X_val, y_val) or None: when given, fit records
             history.val_loss every epoch (needed for learning curves and early stopping);
             width: hidden units; seed: MLP seed (weights, dropout masks);
             l2, dropout, early_stopping: as in MLP / MLP.fit;
             augment: None, or a function (X, y, seed) -> (X_aug, y_aug) applied to the training
             data first (data augmentation, e.g. a wrapper of jitter), called with this seed;
             training: overrides of OVERFIT_TRAINING.
    Returns: (model, history).
    """
    X, y = train
    if augment is not None:
        X, y = augment(X, y, seed)
    settings = {**OVERFIT_TRAINING, **training}
    model = MLP([X.shape[1], width, 1], activation="tanh", seed=seed, dropout=dropout)
    history = model.fit(
        X, y, l2=l2, validation_data=validation, early_stopping=early_stopping, **settings
    )
    return model, history


def compare_settings(settings, seeds, **common):
    """Train the overfitting network under several settings, for several seeds; collect accuracies.

    For each seed s: draw train / validation / test with overfitting_data(seed=s, n_test=200)
    (so the data change with the seed too), then train one network per setting with MLP seed s.
    The validation set is passed to fit only for settings with early stopping (it is what
    early stopping watches); every model is scored on all three sets at the end.
    Inputs:  settings: dict name -> keyword arguments for train_network, e.g. {"L2": {"l2": 0.01}};
             seeds: list of ints;
             common: keyword arguments for every setting (e.g. width=4, epochs=50).
    Returns: dict name -> dict of arrays of shape (len(seeds),): "train", "validation", "test"
             (accuracies) and "epochs" (epochs actually trained).
    """
    results = {name: {"train": [], "validation": [], "test": [], "epochs": []} for name in settings}
    for seed in seeds:
        parts = dict(
            zip(
                ("train", "validation", "test"),
                overfitting_data(**{**OVERFIT_DATA, "seed": seed, "n_test": 200}),
            )
        )
        for name, options in settings.items():
            watch = parts["validation"] if options.get("early_stopping") else None
            model, history = train_network(
                parts["train"], watch, seed=seed, **{**common, **options}
            )
            for part, (X, y) in parts.items():
                results[name][part].append(model.score(X, y))
            results[name]["epochs"].append(len(history))
    return {
        name: {key: np.array(values) for key, values in result.items()}
        for name, result in results.items()
    }


def combine(*results):
    """Join compare_settings results of different seeds (same settings) into one."""
    return {
        name: {
            key: np.concatenate([result[name][key] for result in results])
            for key in results[0][name]
        }
        for name in results[0]
    }


def results_table(results):
    """compare_settings results as text: one row per setting, mean ± standard deviation.

    With one seed the values are shown alone (one run has no spread).
    Returns: str, ready to print.
    """
    n_runs = len(next(iter(results.values()))["train"])
    width = max(len(name) for name in results) + 2
    cell = 15 if n_runs > 1 else 9
    lines = [
        f"{'setting':<{width}}{'train':>{cell}}{'validation':>{cell + 2}}"
        f"{'test':>{cell}}{'epochs':>8}"
    ]
    for name, result in results.items():
        row = f"{name:<{width}}"
        for key, size in (("train", cell), ("validation", cell + 2), ("test", cell)):
            values = result[key]
            text = f"{values.mean():.3f}" + (f" ± {values.std():.3f}" if n_runs > 1 else "")
            row += f"{text:>{size}}"
        lines.append(row + f"{result['epochs'].mean():>8.0f}")
    return "\n".join(lines)


def paired_differences(results, baseline="none", part="test"):
    """Each setting minus the baseline, seed by seed: how to compare settings over seeds.

    A seed fixes the data and the initial weights, and some seeds are simply easier than
    others; subtracting the baseline's score on the same seed removes that shared luck.
    Formula: d_s = score(setting, seed s) - score(baseline, seed s) for each of the n seeds;
             mean = mean(d), se = std(d, ddof=1) / sqrt(n) (the standard error of the mean).
    Inputs:  results: from compare_settings (or combine), at least 2 seeds;
             baseline: the name of the setting to subtract; part: "train", "validation" or "test".
    Returns: dict name -> {"differences": (n,) array, "mean": float, "se": float,
             "better": int, "worse": int, "same": int} for every setting except the baseline.
    """
    if baseline not in results:
        raise ValueError(
            f"paired_differences: no setting named {baseline!r}; the settings are {list(results)}."
        )
    base = results[baseline][part]
    if len(base) < 2:
        raise ValueError(
            f"paired_differences: needs at least 2 seeds for a standard error, got {len(base)}."
        )
    paired = {}
    for name, result in results.items():
        if name == baseline:
            continue
        d = result[part] - base
        paired[name] = {
            "differences": d,
            "mean": float(d.mean()),
            "se": float(d.std(ddof=1) / np.sqrt(len(d))),
            "better": int(np.sum(d > 0)),
            "worse": int(np.sum(d < 0)),
            "same": int(np.sum(d == 0)),
        }
    return paired


def differences_table(results, baseline="none", part="test"):
    """paired_differences as text, in accuracy points (1 point = 0.01 of accuracy).

    One row per setting: the mean difference from the baseline ± its standard error, and on
    how many seeds the setting scored higher, lower or the same as the baseline.
    Returns: str, ready to print.
    """
    paired = paired_differences(results, baseline, part)
    n = len(results[baseline][part])
    width = max(len(name) for name in results) + 2
    lines = [
        f"{part} accuracy minus {baseline!r} on the same seed, in points ({n} seeds)",
        f"{'setting':<{width}}{'mean ± SE':>14}{'better':>8}{'worse':>7}{'same':>6}",
    ]
    for name, row in paired.items():
        mean_se = f"{100 * row['mean']:+.1f} ± {100 * row['se']:.1f}"
        lines.append(
            f"{name:<{width}}{mean_se:>14}{row['better']:>8}{row['worse']:>7}{row['same']:>6}"
        )
    return "\n".join(lines)


def lecture_xor_runs(seeds, iterations=2000, report_every=1000, n_hidden=4):
    """Train the lecture's XOR network from many seeds at once; what it prints and what is true.

    The same maths as notebook 10's LectureStyleNetwork, one slice of a stacked array per seed:
    for seed s, rng = default_rng(s), w1 = rng.random((3, H)), w2 = rng.random((H, 1)); then per
    iteration i: if i % report_every == 0 the loss mean((y - output)^2) is computed (the
    lecture prints it, before that iteration's update); then
      l1 = sigmoid(X w1), out = sigmoid(l1 w2), delta = 2 (y - out) out (1 - out),
      w2 += l1^T delta,  w1 += X^T ((delta w2^T) l1 (1 - l1))   (w2 as before this update).
    Inputs:  seeds: list of ints; iterations, report_every: as in the lecture (2000, 1000);
             n_hidden: hidden units H (the lecture's 4).
    Returns: dict of arrays of shape (len(seeds),): "reported" (the last loss printed, the
             lecture's "final" loss), "final" (the loss after the last update) and "success"
             (all four XOR outputs on the right side of 0.5 after the last update).
    """
    X2, y = data.xor()
    X = np.column_stack([X2, np.ones(len(X2))])  # (4, 3): the constant input is the bias
    Y = y.reshape(-1, 1)  # (4, 1)
    draws = [np.random.default_rng(seed) for seed in seeds]
    w1 = np.stack([rng.random((X.shape[1], n_hidden)) for rng in draws])  # (S, 3, H)
    w2 = np.stack([rng.random((n_hidden, 1)) for rng in draws])  # (S, H, 1)

    def outputs():
        l1 = sigmoid(X @ w1)  # (S, 4, H)
        return l1, sigmoid(l1 @ w2)  # (S, 4, 1)

    reported = np.full(len(draws), np.nan)
    for i in range(iterations):
        l1, out = outputs()
        if i % report_every == 0:
            reported = np.mean((Y - out) ** 2, axis=(1, 2))
        delta = 2 * (Y - out) * out * (1 - out)  # (S, 4, 1)
        d_w2 = l1.transpose(0, 2, 1) @ delta  # (S, H, 1)
        d_w1 = X.T @ ((delta @ w2.transpose(0, 2, 1)) * l1 * (1 - l1))  # (S, 3, H)
        w1 += d_w1
        w2 += d_w2
    out = outputs()[1]
    return {
        "reported": reported,
        "final": np.mean((Y - out) ** 2, axis=(1, 2)),
        "success": np.all((out[:, :, 0] >= 0.5) == (y == 1), axis=1),
    }
