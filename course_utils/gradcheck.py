"""Numerical gradients, to check every backward pass.

A backward pass is easy to get subtly wrong (a sign, a missing term, a
transposed matrix). The cure: compare it with the definition of a derivative,

    df/dx_i  ~=  (f(x + h e_i) - f(x - h e_i)) / (2 h)      (centred difference)

which is slow (two evaluations of f per entry of x) but hard to get wrong.
The centred difference has error of order h^2, far smaller than the one-sided
(f(x + h) - f(x)) / h with error of order h.

We compare the two gradients with the relative error of the CS231n notes:
in float64, below about 1e-7 the backward pass is right; above 1e-2 it is
almost certainly wrong. (Notebook 04 §4 derives all three functions.)
"""

import numpy as np

from course_utils._validation import check_same_shape


def _scalar(value):
    """Return value as a Python float, or raise if f did not return a single number.

    Inputs:  value: what f returned.
    Returns: float.
    """
    array = np.asarray(value)
    if array.ndim != 0:
        raise ValueError(
            "numerical_gradient: f must return a single number (a scalar loss), "
            f"got an array of shape {array.shape}. Wrap it, e.g. lambda x: np.sum(g(x))."
        )
    return float(array)


def numerical_gradient(f, x, h=1e-5):
    """Centred-difference gradient of a scalar function f at the array x.

    Formula: grad_i = (f(x + h e_i) - f(x - h e_i)) / (2 h), for every entry i.
    x is perturbed IN PLACE, one entry at a time, and restored afterwards
    (so f may read x from elsewhere, e.g. a model's weight matrix).
    Inputs:  f: function taking x and returning a float;
             x: float64 numpy array, any shape; h: step size.
    Returns: array of the same shape as x.
    Notebook: 04 §2 (derivatives and the chain rule); 04 §4 (gradient checking).
    """
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            "numerical_gradient: x must be a numpy array of floats (it is perturbed in place), "
            f"got {type(x).__name__}"
            + (f" of dtype {x.dtype}" if isinstance(x, np.ndarray) else "")
            + ". Convert it with np.asarray(x, dtype=float)."
        )
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + h
            f_plus = _scalar(f(x))
            x[index] = original - h
            f_minus = _scalar(f(x))
        finally:
            x[index] = original  # restore, even if f raised
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    """Relative error between two gradients, as defined in CS231n.

    Formula: max over entries of |a - b| / max(1e-8, |a| + |b|)
    (the 1e-8 avoids dividing by zero where both gradients are 0).
    Inputs:  a, b: arrays of the same shape (e.g. analytic and numerical gradient).
    Returns: float.
    Notebook: 04 §4 (gradient checking: how to read the relative error).
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    check_same_shape(a, b, "a", "b", "relative_error")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def check_model_gradients(model, X, y, h=1e-5):
    """Compare an MLP's backpropagated gradients with numerical ones.

    Formula: for every parameter p: relative_error(dL/dp by backward, numerical_gradient of L)
    Steps: in evaluation mode (with model.evaluation(): dropout off, so the loss is a
    fixed function of the weights) run model.forward(X) and model.backward(y) to get
    dW1, db1, ...; then, for each parameter, the numerical gradient of
    model.loss_value(X, y). The mode is restored afterwards, even after an error.
    Inputs:  model: an MLP (needs evaluation, forward, backward, loss_value, parameters);
             X: inputs of shape (n, n_features); y: labels or targets, as for model.fit;
             h: step size.
    Returns: dict {"W1": relative error, "b1": ..., ...}, one float per parameter.
    Notebook: 04 §5 (the same gradients from course_utils.MLP).
    """
    with model.evaluation():
        model.forward(X)
        model.backward(y)
        analytic = {name: grad.copy() for name, _, grad in model.parameters()}
        errors = {}
        for name, param, _ in model.parameters():
            numeric = numerical_gradient(lambda _: model.loss_value(X, y), param, h)
            errors[name] = relative_error(analytic[name], numeric)
        return errors
