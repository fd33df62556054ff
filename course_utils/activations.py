"""Activation functions and their derivatives.

A layer computes the pre-activation Z = X @ W + b and then the activation
A = g(Z). Every function here takes z (any shape, float32 or float64) and
returns an array of the same shape and dtype.

For backpropagation each activation g has a derivative g'(z), named
`<name>_derivative(z)`. It takes the PRE-activation z (not A) and returns
dA/dz elementwise, so a layer computes dZ = dA * g'(Z).
Softmax is the exception: each output depends on every input of its row, so
it has `softmax_backward(z, grad_output)` instead (a vector-Jacobian product).

Numerical stability: sigmoid, softplus and softmax are written so that they
never compute exp of a large positive number. Every function here takes any
float, +-inf and NaN included, without a numpy warning: it returns the value
(or its limit, e.g. gelu(-inf) = 0), and NaN where the input is NaN, as numpy
and PyTorch do.

Look functions up by name with `get_activation("relu")`.
Each docstring names the notebook and section that derives it ("05 §1").
"""

import math
from typing import Callable, NamedTuple

import numpy as np

from course_utils._validation import (
    as_float_array,
    check_integer,
    check_number,
    check_same_shape,
    unknown_name_error,
)


# ---------------------------------------------------------------- identity
def identity(z):
    """Identity ("linear") activation, used for regression outputs.

    Formula: g(z) = z
    Inputs:  z: array, any shape.
    Returns: array, same shape and dtype as z (a copy).
    Notebook: 02 §3 (one neuron predicts a house price); 05 §5 (what to use where).
    """
    return as_float_array(z, "z", "identity").copy()


def identity_derivative(z):
    """Derivative of the identity.

    Formula: g'(z) = 1
    Inputs:  z: pre-activation, any shape.
    Returns: array of ones, same shape and dtype as z.
    Notebook: 05 §2 (a stack of linear layers is one linear layer).
    """
    return np.ones_like(as_float_array(z, "z", "identity_derivative"))


# -------------------------------------------------------------------- step
def step(z):
    """Step (Heaviside) activation of the original perceptron.

    Formula: g(z) = 1 if z >= 0 else 0      (NaN stays NaN, as in np.heaviside)
    Inputs:  z: array, any shape.
    Returns: array of 0.0 and 1.0, same shape and dtype as z.
    Notebook: 02 §2 (what one neuron computes); 02 §5 (the perceptron rule).
    """
    z = as_float_array(z, "z", "step")
    return np.where(np.isnan(z), z, (z >= 0).astype(z.dtype))


def step_derivative(z):
    """The step function has no useful derivative: this always raises ValueError.

    Its slope is 0 everywhere except at z = 0, where it jumps and has no
    derivative at all. A zero gradient tells gradient descent nothing, so a
    network of step units cannot be trained by backpropagation. That is why
    we replace the step by smooth functions such as sigmoid.
    Inputs:  z: any (it is not used).
    Returns: nothing: raises ValueError.
    Notebook: 05 §1 (the activation zoo: the step has slope 0).
    """
    raise ValueError(
        "step_derivative: the step function has zero gradient everywhere except at z = 0, "
        "where it has none (it jumps), so gradient descent cannot train it. "
        "Use a smooth activation such as 'sigmoid' or 'tanh' instead."
    )


# ----------------------------------------------------------------- sigmoid
def sigmoid(z):
    """Logistic sigmoid: squashes any number into (0, 1).

    Formula: g(z) = 1 / (1 + exp(-z))
    Stable form, with e = exp(-|z|) (never overflows, since -|z| <= 0):
      z >= 0:  1 / (1 + e)
      z <  0:  e / (1 + e)     (the same value, multiplied by exp(z)/exp(z))
    Inputs:  z: array, any shape.
    Returns: array in [0, 1], same shape and dtype as z.
    Notebook: 05 §6 (a sigmoid that does not overflow); 10 §5.6 (overflow in the textbook sigmoid).
    """
    z = as_float_array(z, "z", "sigmoid")
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(z):
    """Derivative of the sigmoid.

    Formula: g'(z) = g(z) * (1 - g(z))      (at most 0.25, at z = 0)
    Inputs:  z: pre-activation, any shape.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §3 (from sigmoid to ReLU: vanishing gradients).
    """
    s = sigmoid(z)
    return s * (1 - s)


# -------------------------------------------------------------------- tanh
def tanh(z):
    """Hyperbolic tangent: squashes any number into (-1, 1), centred at 0.

    Formula: g(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z))
    We let np.tanh compute it: the formula as written overflows once |z| > 709.8
    (exp(710) is inf), while np.tanh is exact up to rounding for every z, also near 0.
    Inputs:  z: array, any shape.
    Returns: array in [-1, 1], same shape and dtype as z.
    Notebook: 03 §3 (forward propagation, step by step); 05 §1 (the activation zoo).
    """
    return np.tanh(as_float_array(z, "z", "tanh"))


def tanh_derivative(z):
    """Derivative of tanh.

    Formula: g'(z) = 1 - tanh(z)^2          (at most 1, at z = 0)
    Inputs:  z: pre-activation, any shape.
    Returns: array, same shape and dtype as z.
    Notebook: 04 §3 (backpropagation through a two-layer network); 10 §2.4 (backward pass).
    """
    t = tanh(z)
    return 1 - t**2


# -------------------------------------------------------------------- relu
def relu(z):
    """Rectified linear unit.

    Formula: g(z) = max(0, z)
    Inputs:  z: array, any shape.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §1 (the activation zoo); 05 §3 (from sigmoid to ReLU).
    """
    return np.maximum(as_float_array(z, "z", "relu"), 0)


def relu_derivative(z):
    """Derivative of ReLU.

    Formula: g'(z) = 1 if z > 0 else 0      (at z = 0 we use 0, by convention)
    Inputs:  z: pre-activation, any shape.
    Returns: array of 0.0 and 1.0, same shape and dtype as z.
    Notebook: 05 §1 (exercise 1: ReLU and its derivative).
    """
    z = as_float_array(z, "z", "relu_derivative")
    return (z > 0).astype(z.dtype)


# -------------------------------------------------------------- leaky relu
def leaky_relu(z, alpha=0.01):
    """Leaky ReLU: like ReLU, but a small slope alpha for negative z.

    Formula: g(z) = z if z > 0 else alpha * z
    Inputs:  z: array, any shape; alpha: slope for z <= 0, a finite number.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §4 (dead ReLUs, and the leaky ReLU).
    """
    z = as_float_array(z, "z", "leaky_relu")
    check_number(alpha, "alpha", where="leaky_relu")
    return np.where(z > 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    """Derivative of leaky ReLU.

    Formula: g'(z) = 1 if z > 0 else alpha  (at z = 0 we use alpha)
    Inputs:  z: pre-activation, any shape; alpha: slope for z <= 0, a finite number.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §4 (dead ReLUs, and the leaky ReLU).
    """
    z = as_float_array(z, "z", "leaky_relu_derivative")
    check_number(alpha, "alpha", where="leaky_relu_derivative")
    return np.where(z > 0, 1, alpha).astype(z.dtype)


# --------------------------------------------------------------------- elu
def elu(z, alpha=1.0):
    """Exponential linear unit: smooth for negative z, approaching -alpha.

    Formula: g(z) = z if z > 0 else alpha * (exp(z) - 1)
    (exp is applied to min(z, 0) only, so a large positive z cannot overflow.)
    Inputs:  z: array, any shape; alpha: the value approached as z -> -inf is -alpha.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §1 (the activation zoo).
    """
    z = as_float_array(z, "z", "elu")
    check_number(alpha, "alpha", where="elu")
    negative_part = alpha * np.expm1(np.minimum(z, 0))  # expm1(u) = exp(u) - 1, accurate near 0
    return np.where(z > 0, z, negative_part)


def elu_derivative(z, alpha=1.0):
    """Derivative of ELU.

    Formula: g'(z) = 1 if z > 0 else alpha * exp(z)
    Inputs:  z: pre-activation, any shape; alpha: as in elu.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §1 (the activation zoo).
    """
    z = as_float_array(z, "z", "elu_derivative")
    check_number(alpha, "alpha", where="elu_derivative")
    return np.where(z > 0, 1, alpha * np.exp(np.minimum(z, 0))).astype(z.dtype)


# -------------------------------------------------------------------- gelu
GELU_C = math.sqrt(2 / math.pi)  # a Python float, so float32 inputs stay float32
# Beyond |z| = 10, tanh(u) is exactly +-1 in float64 and float32 (u > 43, and tanh(19.1)
# already rounds to 1), so u may be computed from z clipped to [-10, 10] without changing
# a single bit; unclipped, z^3 would overflow for |z| > 5.6e102.
GELU_CLIP = 10.0


def gelu(z):
    """Gaussian error linear unit, in its tanh approximation (used in GPT and BERT).

    Formula: g(z) = 0.5 * z * (1 + tanh(u)),  u = sqrt(2/pi) * (z + 0.044715 * z^3)
             (u from z clipped to [-10, 10], where tanh(u) is already exactly +-1;
             so g(-inf) = 0, its limit, instead of -inf * 0 = NaN)
    Inputs:  z: array, any shape.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §1 (the activation zoo).
    """
    z = as_float_array(z, "z", "gelu")
    clipped = np.clip(z, -GELU_CLIP, GELU_CLIP)
    t = np.tanh(GELU_C * (clipped + 0.044715 * clipped**3))
    z = np.where(t > -1, z, -0.0)  # where 1 + tanh(u) = 0, g = -0.0, also for z = -inf
    return 0.5 * z * (1 + t)


def gelu_derivative(z):
    """Derivative of the tanh-approximation GELU (product rule and chain rule).

    Formula: g'(z) = 0.5 * (1 + tanh(u)) + 0.5 * z * (1 - tanh(u)^2) * du/dz,
             du/dz = sqrt(2/pi) * (1 + 3 * 0.044715 * z^2)
             (z clipped to [-10, 10] as in gelu: beyond, 1 - tanh(u)^2 is exactly 0,
             so g'(z) = 1 for large z and 0 for very negative z, with no overflow)
    Inputs:  z: pre-activation, any shape.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §1 (the activation zoo).
    """
    z = as_float_array(z, "z", "gelu_derivative")
    z = np.clip(z, -GELU_CLIP, GELU_CLIP)
    t = np.tanh(GELU_C * (z + 0.044715 * z**3))
    du_dz = GELU_C * (1 + 3 * 0.044715 * z**2)
    return 0.5 * (1 + t) + 0.5 * z * (1 - t**2) * du_dz


# ---------------------------------------------------------------- softplus
def softplus(z):
    """Softplus: a smooth version of ReLU.

    Formula: g(z) = log(1 + exp(z))
    Stable form: max(z, 0) + log(1 + exp(-|z|))   (exp of a number <= 0 only)
    Inputs:  z: array, any shape.
    Returns: array of values > 0 (or 0.0 when exp(-|z|) underflows), same shape and dtype as z.
    Notebook: 05 §1 (the activation zoo); 06 §6 (binary cross-entropy from logits uses it).
    """
    z = as_float_array(z, "z", "softplus")
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def softplus_derivative(z):
    """Derivative of softplus: it is the sigmoid.

    Formula: g'(z) = exp(z) / (1 + exp(z)) = sigmoid(z)
    Inputs:  z: pre-activation, any shape.
    Returns: array, same shape and dtype as z.
    Notebook: 05 §1 (the activation zoo: softplus' slope is the sigmoid).
    """
    return sigmoid(z)


# ----------------------------------------------------------------- softmax
def _check_classes(z, axis, where):
    """z as a float array with at least one class score along `axis`, or a clear ValueError."""
    z = as_float_array(z, "z", where)
    if z.ndim == 0:
        raise ValueError(
            f"{where}: z must have at least one axis of class scores, got a single number."
        )
    check_integer(axis, "axis", -z.ndim, where)
    if axis >= z.ndim:
        raise ValueError(f"{where}: axis={axis} does not exist for z of shape {z.shape}.")
    if z.shape[axis] == 0:
        raise ValueError(f"{where}: z has no class scores along axis {axis} (shape {z.shape}).")
    return z


def _row_shift(z, axis):
    """The shift m that softmax and log_sum_exp subtract: the row maximum, made safe for inf.

    Rows whose maximum is +inf (or that hold only -inf) are rewritten as their limit:
    the entries equal to that maximum become 0, every other entry -inf, and m = 0.
    Inputs:  z: float array; axis: the axis of the classes.
    Returns: (z, m), m with `axis` kept as size 1.
    """
    m = z.max(axis=axis, keepdims=True)
    infinite = np.isinf(m)
    if infinite.any():
        z = np.where(infinite, np.where(z == m, 0.0, -np.inf), z)
        m = np.where(infinite, 0.0, m)
    return z, m


def softmax(z, axis=-1):
    """Softmax: turns a row of scores (logits) into probabilities that sum to 1.

    Formula: g(z)_j = exp(z_j) / sum_i exp(z_i)
    Stable form: subtract the row maximum first; this cancels in the ratio,
    and every exponent becomes <= 0, so exp cannot overflow. (z_j - max may still
    overflow to -inf, e.g. for [1e308, -1e308]: exp(-inf) = 0 is then the right answer.)
    Infinite logits give the limit: a row with +inf entries shares all the probability
    among them equally; a row of -inf only is uniform, like any row of equal logits.
    Inputs:  z: array of shape (n, k) (one row of k logits per example), or any
             shape with the classes along `axis`.
    Returns: array, same shape and dtype as z; sums to 1 along `axis`.
    Notebook: 05 §1 (softmax: an activation for a whole row); 05 §6 (without overflow).
    """
    z = _check_classes(z, axis, "softmax")
    z, m = _row_shift(z, axis)
    with np.errstate(over="ignore"):  # z - m below -1.8e308 is -inf, and exp(-inf) = 0
        e = np.exp(z - m)
    return e / e.sum(axis=axis, keepdims=True)


def log_sum_exp(z, axis=-1):
    """log(sum_i exp(z_i)) along `axis`, without overflow: softmax's log-denominator.

    Formula: logsumexp(z) = m + log(sum_i exp(z_i - m)),  m = max_i z_i
    (every exponent is <= 0, so exp cannot overflow, and the sum is >= 1).
    A row holding +inf gives +inf, a row of -inf only gives -inf = log(0): the exact values.
    Then log softmax(z)_j = z_j - logsumexp(z): cross-entropy from logits uses it.
    Inputs:  z: array of shape (n, k), or any shape with the classes along `axis`.
    Returns: array with `axis` kept as size 1 (shape (n, 1) for (n, k)), so it broadcasts against z.
    Notebook: 06 §6 (computing cross-entropy stably, with log-sum-exp).
    """
    z = _check_classes(z, axis, "log_sum_exp")
    m = z.max(axis=axis, keepdims=True)
    shift = np.where(np.isfinite(m), m, 0.0)  # +-inf rows: exp(+inf) = inf, exp(-inf) = 0
    with np.errstate(over="ignore", divide="ignore"):  # as in softmax; log(0) = -inf is exact
        return shift + np.log(np.exp(z - shift).sum(axis=axis, keepdims=True))


def softmax_backward(z, grad_output, axis=-1):
    """Backward pass of softmax: dL/dz from dL/ds, where s = softmax(z).

    Softmax is not elementwise (ds_j/dz_i = s_j * (delta_ij - s_i)), so instead
    of a derivative we compute the vector-Jacobian product directly:
      dL/dz_i = s_i * (dL/ds_i - sum_j dL/ds_j * s_j)
    Inputs:  z: logits, shape (n, k); grad_output: dL/ds, same shape.
    Returns: dL/dz, same shape as z.
    Notebook: none (06 §5 derives the shortcut MLP uses instead: softmax followed by
              cross-entropy has dL/dz = p - y).
    """
    z = as_float_array(z, "z", "softmax_backward")
    grad_output = as_float_array(grad_output, "grad_output", "softmax_backward")
    check_same_shape(z, grad_output, "z", "grad_output", "softmax_backward")
    s = softmax(z, axis=axis)
    weighted_sum = (grad_output * s).sum(axis=axis, keepdims=True)
    return s * (grad_output - weighted_sum)


def softmax_derivative(z):
    """Softmax has no elementwise derivative: this always raises ValueError.

    Each softmax output depends on every logit in its row, so dA/dZ is a
    (k, k) Jacobian per example, not a number per entry.
    Use softmax_backward(z, grad_output) instead.
    Inputs:  z: any (it is not used).
    Returns: nothing: raises ValueError.
    Notebook: 05 §1 (softmax has no elementwise derivative).
    """
    raise ValueError(
        "softmax_derivative: softmax is not elementwise (each output depends on the whole row), "
        "so it has no elementwise derivative. Use softmax_backward(z, grad_output) instead."
    )


# ---------------------------------------------------------------- registry
class Activation(NamedTuple):
    """An activation by name: its function g(z), its derivative g'(z), and g' from the output.

    For "step" and "softmax" the derivative raises ValueError and explains
    why (use softmax_backward for softmax).
    Notebook: 05 §1 (the activation zoo); 10 §5.6 (the derivative written with the output).
    """

    name: str
    function: Callable
    derivative: Callable
    # g'(z) written with the output A = g(z), where that is simple: a layer
    # that cached A in its forward pass then needs no second exp or tanh
    # (the most expensive part of a training step). None where it is not.
    derivative_from_output: Callable | None = None


def _identity_derivative_from_output(A):
    return np.ones_like(A)  # g(z) = z, so g'(z) = 1


def _sigmoid_derivative_from_output(A):
    return A * (1 - A)  # sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z))


def _tanh_derivative_from_output(A):
    return 1 - A**2  # tanh'(z) = 1 - tanh(z)^2


def _relu_derivative_from_output(A):
    return (A > 0).astype(A.dtype)  # relu(z) > 0 exactly where z > 0


ACTIVATIONS = {
    "identity": Activation(
        "identity", identity, identity_derivative, _identity_derivative_from_output
    ),
    "step": Activation("step", step, step_derivative),
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative, _sigmoid_derivative_from_output),
    "tanh": Activation("tanh", tanh, tanh_derivative, _tanh_derivative_from_output),
    "relu": Activation("relu", relu, relu_derivative, _relu_derivative_from_output),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_derivative),
    "elu": Activation("elu", elu, elu_derivative),
    "gelu": Activation("gelu", gelu, gelu_derivative),
    "softplus": Activation("softplus", softplus, softplus_derivative),
    "softmax": Activation("softmax", softmax, softmax_derivative),
}

ALIASES = {"linear": "identity"}


def get_activation(name):
    """Look up an activation by name, e.g. get_activation("relu").

    Names are case-insensitive; "linear" is another name for "identity".
    An Activation passed in is returned unchanged.
    Inputs:  name: str (or an Activation).
    Returns: Activation(name, function, derivative, derivative_from_output).
    Raises:  ValueError listing the valid names and suggesting the closest one.
    Notebook: 05 §5 (what to use where).
    """
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"get_activation: name must be a string such as 'relu', got {name!r}.")
    key = ALIASES.get(name.lower(), name.lower())
    if key not in ACTIVATIONS:
        raise unknown_name_error("activation", name, list(ACTIVATIONS))
    return ACTIVATIONS[key]
