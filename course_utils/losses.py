"""Loss functions and their gradients.

Argument order: the true values first, the predictions second,
`loss(y_true, y_pred)`, as in scikit-learn and Keras.

Every loss returns one Python float: the mean over the examples (for the
elementwise losses, the mean over all entries of y_pred).
Every `<name>_gradient` returns dL/dy_pred with y_pred's shape, already
divided by that same count, so a model can pass it straight to backward.

All computations are in float64. Every function checks its inputs first:
shapes must match exactly (no broadcasting), labels must come from the
allowed set, and NaN or infinite values are refused, each with a clear
ValueError. A loss whose exact value is too large for float64 (mse of a
residual of 1e200) returns inf, without a numpy warning.

Look losses up by name with `get_loss("mse")`.
Each docstring names the notebook and section that derives it ("06 §2").
"""

from typing import Callable, NamedTuple

import numpy as np

from course_utils._validation import (
    as_float_array,
    check_2d,
    check_class_labels,
    check_finite,
    check_not_empty,
    check_number,
    check_same_shape,
    check_values_in,
    unknown_name_error,
)
from course_utils.activations import log_sum_exp, sigmoid, softmax, softplus

EPS = 1e-12  # probabilities are clipped to [EPS, 1 - EPS] before taking a log


def _prepare(y_true, y_pred, where, pred_name="y_pred"):
    """Check and convert (y_true, y_pred) for an elementwise loss.

    Inputs:  y_true, y_pred: numbers or arrays; where: the calling loss; pred_name: y_pred's name.
    Returns: both as float64 arrays of the same, non-empty shape, all finite.
    """
    y_true = as_float_array(y_true, "y_true", where).astype(np.float64)
    y_pred = as_float_array(y_pred, pred_name, where).astype(np.float64)
    check_same_shape(y_true, y_pred, "y_true", pred_name, where)
    check_not_empty(y_pred, pred_name, where)
    check_finite(y_true, "y_true", where)
    check_finite(y_pred, pred_name, where)
    return y_true, y_pred


# --------------------------------------------------------------------- MSE
def mse(y_true, y_pred):
    """Mean squared error.

    Formula: L = mean((y_pred - y)^2)        (mean over all N entries)
    Inputs:  y_true, y_pred: arrays of the same shape, e.g. (n,) or (n, 1).
    Returns: float.
    Notebook: 06 §2 (regression: MSE, MAE and Huber); 04 §1 (learning is optimisation).
    """
    y_true, y_pred = _prepare(y_true, y_pred, "mse")
    with np.errstate(over="ignore"):  # a square beyond 1.8e308 is inf, the right float answer
        return float(np.mean((y_pred - y_true) ** 2))


def mse_gradient(y_true, y_pred):
    """Gradient of the mean squared error.

    Formula: dL/dy_pred = 2 * (y_pred - y) / N
    Inputs:  y_true, y_pred: arrays of the same shape.
    Returns: array, same shape as y_pred.
    Notebook: 06 §2 (exercise 1: the mean squared error and its gradient).
    """
    y_true, y_pred = _prepare(y_true, y_pred, "mse_gradient")
    return 2 * (y_pred - y_true) / y_pred.size


# --------------------------------------------------------------------- MAE
def mae(y_true, y_pred):
    """Mean absolute error.

    Formula: L = mean(|y_pred - y|)
    Inputs:  y_true, y_pred: arrays of the same shape.
    Returns: float.
    Notebook: 06 §2 (regression: MSE, MAE and Huber, and what outliers do).
    """
    y_true, y_pred = _prepare(y_true, y_pred, "mae")
    return float(np.mean(np.abs(y_pred - y_true)))


def mae_gradient(y_true, y_pred):
    """Gradient of the mean absolute error.

    Formula: dL/dy_pred = sign(y_pred - y) / N   (0 where y_pred == y, by convention)
    Inputs:  y_true, y_pred: arrays of the same shape.
    Returns: array, same shape as y_pred.
    Notebook: 06 §2 (each point's pull is capped).
    """
    y_true, y_pred = _prepare(y_true, y_pred, "mae_gradient")
    return np.sign(y_pred - y_true) / y_pred.size


# ------------------------------------------------------------------- Huber
def huber(y_true, y_pred, delta=1.0):
    """Huber loss: squared error for small residuals, absolute error for large ones.

    Formula, with residual r = y_pred - y:
      0.5 * r^2                     if |r| <= delta
      delta * (|r| - 0.5 * delta)   otherwise
    L = mean over all entries.
    Both cases in one expression, with c = clip(r, -delta, delta) (the gradient below):
      c * (r - c / 2)   is 0.5 * r^2 when c = r, and delta * (|r| - 0.5 * delta) when c = +-delta,
    so r^2 is never computed where it is not used (it would overflow for |r| > 1.3e154).
    Inputs:  y_true, y_pred: arrays of the same shape; delta > 0.
    Returns: float.
    Notebook: 06 §2 (regression: MSE, MAE and Huber, and what outliers do).
    """
    y_true, y_pred = _prepare(y_true, y_pred, "huber")
    check_number(delta, "delta", strictly_greater=0, where="huber")
    r = y_pred - y_true
    c = np.clip(r, -delta, delta)
    with np.errstate(over="ignore"):  # only for a huge delta: then the exact loss is inf too
        return float(np.mean(c * (r - c / 2)))


def huber_gradient(y_true, y_pred, delta=1.0):
    """Gradient of the Huber loss: the residual, clipped to [-delta, delta].

    Formula: dL/dy_pred = r / N if |r| <= delta else delta * sign(r) / N
             = clip(r, -delta, delta) / N
    Inputs:  y_true, y_pred: arrays of the same shape; delta > 0.
    Returns: array, same shape as y_pred.
    Notebook: 06 §2 (Huber caps each point's pull at delta).
    """
    y_true, y_pred = _prepare(y_true, y_pred, "huber_gradient")
    check_number(delta, "delta", strictly_greater=0, where="huber_gradient")
    r = y_pred - y_true
    return np.clip(r, -delta, delta) / y_pred.size


# ------------------------------------------------- binary cross-entropy (p)
def _prepare_probabilities(y_true, p, where):
    """Checks for binary cross-entropy from probabilities: labels in {0, 1}, p in [0, 1].

    Inputs:  y_true, p: arrays of the same shape; where: the calling loss.
    Returns: (y_true, p clipped to [EPS, 1 - EPS]), float64.
    """
    y_true, p = _prepare(y_true, p, where, pred_name="p")
    check_values_in(y_true, [0, 1], "y_true", where)
    if p.min() < 0 or p.max() > 1:
        raise ValueError(
            f"{where}: p must hold probabilities in [0, 1], found values from "
            f"{p.min():g} to {p.max():g}. If these are raw scores (logits), "
            "use binary_cross_entropy_from_logits instead."
        )
    return y_true, np.clip(p, EPS, 1 - EPS)


def binary_cross_entropy(y_true, p):
    """Binary cross-entropy (log loss) from predicted probabilities.

    Formula: L = -mean(y * log(p) + (1 - y) * log(1 - p))
    p is first clipped to [1e-12, 1 - 1e-12], so log(0) never happens
    (a confident wrong prediction costs at most -log(1e-12) = 27.6 per example).
    Inputs:  y_true: labels 0/1; p: probabilities P(y = 1), same shape, e.g. (n,) or (n, 1).
    Returns: float.
    Notebook: 06 §3 (classification: cross-entropy).
    """
    y, p = _prepare_probabilities(y_true, p, "binary_cross_entropy")
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def binary_cross_entropy_gradient(y_true, p):
    """Gradient of binary cross-entropy with respect to the probabilities p.

    Formula: dL/dp = (p - y) / (p * (1 - p)) / N     (p clipped as in the loss)
    Inputs:  y_true: labels 0/1; p: probabilities, same shape.
    Returns: array, same shape as p.
    Notebook: 06 §5 (the clean gradients: times the sigmoid's slope this becomes p - y).
    """
    y, p = _prepare_probabilities(y_true, p, "binary_cross_entropy_gradient")
    return (p - y) / (p * (1 - p)) / p.size


# -------------------------------------------- binary cross-entropy (logits)
def binary_cross_entropy_from_logits(y_true, z):
    """Binary cross-entropy computed from logits z (before the sigmoid), stably.

    With p = sigmoid(z):  -[y log p + (1 - y) log(1 - p)] = softplus(z) - y * z,
    and softplus is computed without overflow, so no clipping is needed.
    Formula: L = mean(softplus(z) - y * z)
    Inputs:  y_true: labels 0/1; z: logits, same shape, e.g. (n,) or (n, 1).
    Returns: float.
    Notebook: 06 §6 (computing cross-entropy stably, from logits).
    """
    y, z = _prepare(y_true, z, "binary_cross_entropy_from_logits", pred_name="z")
    check_values_in(y, [0, 1], "y_true", "binary_cross_entropy_from_logits")
    return float(np.mean(softplus(z) - y * z))


def binary_cross_entropy_from_logits_gradient(y_true, z):
    """Gradient of binary cross-entropy with respect to the logits z.

    Formula: dL/dz = (sigmoid(z) - y) / N
    Inputs:  y_true: labels 0/1; z: logits, same shape.
    Returns: array, same shape as z.
    Notebook: 06 §5 (sigmoid + binary cross-entropy: p - y).
    """
    y, z = _prepare(y_true, z, "binary_cross_entropy_from_logits_gradient", pred_name="z")
    check_values_in(y, [0, 1], "y_true", "binary_cross_entropy_from_logits_gradient")
    return (sigmoid(z) - y) / z.size


# ------------------------------------------ categorical cross-entropy (logits)
def _prepare_logits_and_one_hot(y_true, Z, where):
    """Check logits Z (n, k) and labels for categorical cross-entropy.

    Inputs:  y_true: labels (n,) or one-hot (n, k); Z: logits (n, k); where: the calling loss.
    Returns: (one-hot labels Y (n, k), Z), float64.
    """
    Z = as_float_array(Z, "Z", where).astype(np.float64)
    check_2d(Z, "Z", where)
    check_not_empty(Z, "Z", where)
    check_finite(Z, "Z", where)
    y = as_float_array(y_true, "y_true", where).astype(np.float64)
    check_finite(y, "y_true", where)
    n, k = Z.shape
    if y.shape == (n, k):  # one-hot rows
        check_values_in(y, [0, 1], "y_true (one-hot)", where)
        if not np.all(y.sum(axis=1) == 1):
            raise ValueError(f"{where}: each one-hot row of y_true must contain exactly one 1.")
        return y, Z
    if y.shape == (n,):  # integer class labels
        check_class_labels(y, k, "y_true", where)
        return np.eye(k)[y.astype(int)], Z
    raise ValueError(
        f"{where}: y_true must be class labels of shape ({n},) or one-hot of shape ({n}, {k}) "
        f"to match logits Z of shape {Z.shape}, got shape {y.shape}."
        + (" Use y_true.ravel()." if y.shape == (n, 1) else "")
    )


def cross_entropy_from_logits(y_true, Z):
    """Categorical cross-entropy computed from logits Z (before the softmax), stably.

    log softmax(Z)_j = Z_j - logsumexp(Z), with the log-sum-exp trick:
      logsumexp(Z) = m + log(sum_i exp(Z_i - m)),  m = max_i Z_i
    (every exponent is <= 0, so exp cannot overflow, and the sum is >= 1).
    Formula: L = -mean over the n rows of sum_j Y_j * log softmax(Z)_j
               = mean over the rows of (logsumexp(Z) - Z_y),  Z_y = sum_j Y_j * Z_j
    (the second form is the one computed: Y_j * log softmax(Z)_j would be 0 * -inf = NaN
    where a logit is so far below the others that its log-probability overflows).
    Inputs:  y_true: labels of shape (n,) with values 0..k-1 (int or float dtype),
             or one-hot of shape (n, k); Z: logits of shape (n, k).
    Returns: float.
    Notebook: 06 §6 (computing cross-entropy stably, with log-sum-exp).
    """
    Y, Z = _prepare_logits_and_one_hot(y_true, Z, "cross_entropy_from_logits")
    with np.errstate(over="ignore"):  # logsumexp - Z_y beyond 1.8e308: the exact loss is inf
        return float(np.mean(log_sum_exp(Z, axis=1) - np.sum(Y * Z, axis=1, keepdims=True)))


def cross_entropy_from_logits_gradient(y_true, Z):
    """Gradient of categorical cross-entropy with respect to the logits Z.

    Formula: dL/dZ = (softmax(Z) - Y) / n       (Y: one-hot labels)
    Inputs:  y_true: labels (n,) or one-hot (n, k); Z: logits of shape (n, k).
    Returns: array of shape (n, k).
    Notebook: 06 §5 (softmax + categorical cross-entropy: p - y).
    """
    Y, Z = _prepare_logits_and_one_hot(y_true, Z, "cross_entropy_from_logits_gradient")
    return (softmax(Z, axis=1) - Y) / Z.shape[0]


# ------------------------------------------------------------------- hinge
def _prepare_hinge(y_true, scores, where):
    """Checks for the hinge loss: same shapes, labels in {-1, +1}.

    Inputs:  y_true, scores: arrays of the same shape; where: the calling loss.
    Returns: (y_true, scores), float64.
    """
    y, s = _prepare(y_true, scores, where, pred_name="scores")
    try:
        check_values_in(y, [-1, 1], "y_true", where)
    except ValueError as error:
        raise ValueError(f"{error} Labels 0/1 become -1/+1 with y = 2 * y - 1.") from None
    return y, s


def hinge(y_true, scores):
    """Hinge loss of the support vector machine, labels -1/+1.

    Formula: L = mean(max(0, 1 - y * s))     (zero once y * s >= 1: the margin)
    Inputs:  y_true: labels -1/+1; scores: real numbers s, same shape, e.g. (n,).
    Returns: float.
    Notebook: none (the support vector machine's loss, for comparison with 06 §3).
    """
    y, s = _prepare_hinge(y_true, scores, "hinge")
    return float(np.mean(np.maximum(0, 1 - y * s)))


def hinge_gradient(y_true, scores):
    """Gradient of the hinge loss with respect to the scores.

    Formula: dL/ds = -y / N where y * s < 1, else 0   (0 at exactly y * s = 1, by convention)
    Inputs:  y_true: labels -1/+1; scores: same shape.
    Returns: array, same shape as scores.
    Notebook: none (the support vector machine's loss, for comparison with 06 §3).
    """
    y, s = _prepare_hinge(y_true, scores, "hinge_gradient")
    inside_margin = (y * s < 1).astype(np.float64)
    return -y * inside_margin / s.size


# ---------------------------------------------------------------- registry
class Loss(NamedTuple):
    """A loss by name: function(y_true, y_pred) -> float and gradient(y_true, y_pred) -> array.

    Notebook: 06 §1 (what a loss is for).
    """

    name: str
    function: Callable
    gradient: Callable


LOSSES = {
    "mse": Loss("mse", mse, mse_gradient),
    "mae": Loss("mae", mae, mae_gradient),
    "huber": Loss("huber", huber, huber_gradient),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_gradient
    ),
    "binary_cross_entropy_from_logits": Loss(
        "binary_cross_entropy_from_logits",
        binary_cross_entropy_from_logits,
        binary_cross_entropy_from_logits_gradient,
    ),
    "cross_entropy_from_logits": Loss(
        "cross_entropy_from_logits", cross_entropy_from_logits, cross_entropy_from_logits_gradient
    ),
    "hinge": Loss("hinge", hinge, hinge_gradient),
}


def get_loss(name):
    """Look up a loss by name, e.g. get_loss("mse"). Case-insensitive.

    A Loss passed in is returned unchanged.
    Inputs:  name: str (or a Loss).
    Returns: Loss(name, function, gradient).
    Raises:  ValueError listing the valid names and suggesting the closest one.
    Notebook: 06 §1 (what a loss is for).
    """
    if isinstance(name, Loss):
        return name
    if not isinstance(name, str):
        raise TypeError(f"get_loss: name must be a string such as 'mse', got {name!r}.")
    if name.lower() not in LOSSES:
        raise unknown_name_error("loss", name, list(LOSSES))
    return LOSSES[name.lower()]
