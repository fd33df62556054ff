"""Checkers for notebook 04 (backpropagation).

The expected gradients are computed NUMERICALLY here, with centred
differences (course_utils.gradcheck.numerical_gradient), never with a
second hand-written backward pass: that is the point of the notebook.
"""

import copy

import numpy as np

from course_utils.activations import relu, sigmoid
from course_utils.gradcheck import numerical_gradient
from course_utils.losses import mse

from ._core import Feedback, Mistake, as_array, check_shapes, compare, describe, known_mistake

__all__ = ["neuron_gradients", "fixed_backward", "backprop_shapes"]

ATOL, RTOL = 1e-6, 1e-5  # numerical gradients are good to about 1e-9 here


# ------------------------------------------------------------ exercise 1
def _neuron_loss(x, w, b, y):
    """L = (sigmoid(x @ w + b) - y)^2 for one example."""
    return (sigmoid(x @ w + b) - y) ** 2


NEURON_CASES = [
    # description, x, w, b, y
    (
        "the neuron of the figure: x = (1, 2), w = (0.5, -0.3), b = 0.4, y = 1",
        [1.0, 2.0],
        [0.5, -0.3],
        0.4,
        1.0,
    ),
    ("the same neuron with target y = 0", [1.0, 2.0], [0.5, -0.3], 0.4, 0.0),
    ("three inputs", [0.5, -1.0, 2.0], [1.0, 0.5, -0.5], -0.2, 1.0),
    ("one input", [2.0], [-1.0], 0.5, 0.5),
    ("a saturated neuron (z = -7: the sigmoid is flat there)", [3.0, 1.0], [-2.0, -1.0], 0.0, 1.0),
]


def _dL_da(x, w, b, y):
    """dL/da = 2 (a - y), with a = sigmoid(x @ w + b)."""
    return 2 * (sigmoid(x @ w + b) - y)


def _dL_dz(x, w, b, y):
    """dL/dz = dL/da * a (1 - a)."""
    a = sigmoid(x @ w + b)
    return 2 * (a - y) * a * (1 - a)


NEURON_MISTAKES = [
    Mistake(
        "no sigmoid derivative",
        lambda x, w, b, y: (_dL_da(x, w, b, y) * x, _dL_da(x, w, b, y)),
        "you left out the sigmoid's derivative: dL/dz = dL/da * a * (1 - a).",
    ),
    Mistake(
        "sign flipped",
        lambda x, w, b, y: (-_dL_dz(x, w, b, y) * x, -_dL_dz(x, w, b, y)),
        "the sign is flipped: dL/da = 2 * (a - y), not 2 * (y - a).",
    ),
    Mistake(
        "factor 2 lost",
        lambda x, w, b, y: (_dL_dz(x, w, b, y) / 2 * x, _dL_dz(x, w, b, y) / 2),
        "you lost the factor 2: the derivative of (a - y)^2 is 2 * (a - y).",
    ),
    Mistake(
        "times 1 instead of x",
        lambda x, w, b, y: (_dL_dz(x, w, b, y) * np.ones_like(x), _dL_dz(x, w, b, y)),
        "dL/dw_i = dL/dz * x_i: multiply by the inputs x (dz/dw_i = x_i).",
    ),
    Mistake(
        "times w instead of x",
        lambda x, w, b, y: (_dL_dz(x, w, b, y) * w, _dL_dz(x, w, b, y)),
        "dz/dw_i is x_i, not w_i: multiply dL/dz by x.",
    ),
    Mistake(
        "db times b",
        lambda x, w, b, y: (_dL_dz(x, w, b, y) * x, _dL_dz(x, w, b, y) * b),
        "dz/db = 1 (b is added, not multiplied), so dL/db = dL/dz itself.",
    ),
    Mistake(
        "db summed like dw",
        lambda x, w, b, y: (_dL_dz(x, w, b, y) * x, np.sum(_dL_dz(x, w, b, y) * x)),
        "dz/db = 1, so dL/db = dL/dz: no x in it (that sum belongs to nothing here).",
    ),
    Mistake(
        "dw and db swapped",
        lambda x, w, b, y: (_dL_dz(x, w, b, y), _dL_dz(x, w, b, y) * x),
        "return dw first, then db.",
    ),
]


def neuron_gradients(learner_fn):
    """Check `neuron_gradients(x, w, b, y) -> (dL/dw, dL/db)`.

    Formula: a = sigmoid(x @ w + b), L = (a - y)^2; the expected gradients are numerical.
    """
    with Feedback("neuron_gradients(x, w, b, y)") as feedback:
        for description, x, w, b, y in NEURON_CASES:
            x, w = np.array(x), np.array(w)
            called, got = feedback.call(learner_fn, (x.copy(), w.copy(), b, y), description)
            if not called:
                continue
            if not isinstance(got, (tuple, list)) or len(got) != 2:
                feedback.fail(
                    f"{description}: expected a pair (dw, db), got {describe(got)}",
                    "end with `return dw, db`: dw has the shape of w, db is one number.",
                )
                continue
            dw = numerical_gradient(lambda w_: _neuron_loss(x, w_, b, y), w.copy())
            db = float(numerical_gradient(lambda b_: _neuron_loss(x, w, b_, y), np.array(b)))
            problems = [
                (name, compare(answer, right, ATOL, RTOL))
                for name, answer, right in [("dw", got[0], dw), ("db", got[1], db)]
            ]
            problems = [(name, problem) for name, problem in problems if problem]
            if not problems:
                feedback.ok(description)
                continue
            where, problem = problems[0]
            hint = known_mistake(got, (dw, db), NEURON_MISTAKES, (x, w, b, y)) or (
                "dw is right; dL/db = dL/dz * dz/db = dL/dz * 1: the same number as dL/dz."
                if where == "db"
                else "follow the chain: dL/da = 2 (a - y), da/dz = a (1 - a), dz/dw = x, dz/db = 1."
            )
            feedback.fail(f"{description}: {where}: {problem}", hint)
    return feedback


# ------------------------------------------------------------ exercise 3
def regression_forward(X, params):
    """Forward pass of the exercise's network: ReLU hidden layer, identity output.

    Z1 = X @ W1 + b1, A1 = relu(Z1), y_hat = A1 @ W2 + b2.
    Returns: dict with Z1, A1 (n, H) and y_hat (n, 1).
    """
    Z1 = X @ params["W1"] + params["b1"]
    A1 = relu(Z1)
    y_hat = A1 @ params["W2"] + params["b2"]
    return {"Z1": Z1, "A1": A1, "y_hat": y_hat}


def _regression_loss(X, y, params):
    """L = mean((y_hat - y)^2)."""
    return mse(y, regression_forward(X, params)["y_hat"])


def _backward(X, y, params, cache, relu_derivative=True, layer_2_input="A1"):
    """The backward pass, analytically, with switches for typical slips (for the mistakes below)."""
    dZ2 = 2 * (cache["y_hat"] - y) / X.shape[0]
    dA1 = dZ2 @ params["W2"].T
    dZ1 = dA1 * (cache["Z1"] > 0) if relu_derivative else dA1
    return {
        "W1": X.T @ dZ1,
        "b1": dZ1.sum(axis=0),
        "W2": cache[layer_2_input].T @ dZ2,
        "b2": dZ2.sum(axis=0),
    }


def _scaled(factor):
    """Every gradient of _backward times `factor` (a number, or a function of X)."""
    return lambda X, *rest: {
        name: (factor(X) if callable(factor) else factor) * grad
        for name, grad in _backward(X, *rest).items()
    }


BACKWARD_MISTAKES = [
    Mistake(
        "no ReLU derivative (the bug)",
        lambda *args: _backward(*args, relu_derivative=False),
        "that is the bug of buggy_backward: dA1 still goes straight into dW1. Multiply it by "
        "ReLU's derivative first: dZ1 = dA1 * (Z1 > 0).",
    ),
    Mistake(
        "sign flipped",
        _scaled(-1.0),
        "every gradient has the wrong sign: dZ2 = 2 * (y_hat - y) / N, not (y - y_hat).",
    ),
    Mistake(
        "factor 2 lost",
        _scaled(0.5),
        "every gradient is half the right size: the derivative of (y_hat - y)^2 has a factor 2.",
    ),
    Mistake(
        "no division by N",
        _scaled(lambda X: X.shape[0]),
        "every gradient is N times too large: the loss is a mean, so dZ2 is divided by N.",
    ),
    Mistake(
        "Z1 instead of A1",
        lambda *args: _backward(*args, layer_2_input="Z1"),
        "dW2 = A1.T @ dZ2: the input of layer 2 is A1 = relu(Z1), not Z1.",
    ),
]


BACKWARD_CASES = [
    # description, N, D, H, seed
    ("the sizes of the notebook: N, D, H = 5, 2, 3", 5, 2, 3, 0),
    ("more hidden units than inputs: N, D, H = 4, 3, 5", 4, 3, 5, 1),
    ("fewer hidden units than inputs: N, D, H = 6, 4, 2", 6, 4, 2, 2),
    ("a single example: N, D, H = 1, 2, 4", 1, 2, 4, 3),
]


def backward_case(N, D, H, seed):
    """Seeded data and parameters for one case.

    Returns: X (N, D), y (N, 1), params {W1 (D, H), b1 (H,), W2 (H, 1), b2 (1,)}.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N, D))
    y = rng.normal(size=(N, 1))
    params = {
        "W1": rng.normal(size=(D, H)),
        "b1": rng.normal(0, 0.5, size=H),
        "W2": rng.normal(size=(H, 1)),
        "b2": rng.normal(size=1),
    }
    return X, y, params


def fixed_backward(learner_fn):
    """Check `fixed_backward(X, y, params, cache) -> grads` against numerical gradients."""
    crash_hint = (
        "a shape error usually means a transposed product: dW = (input).T @ dZ and "
        "dA1 = dZ2 @ W2.T."
    )
    with Feedback("fixed_backward(X, y, params, cache)") as feedback:
        for description, N, D, H, seed in BACKWARD_CASES:
            X, y, params = backward_case(N, D, H, seed)
            cache = regression_forward(X, params)
            args = (X, y, params, cache)
            called, got = feedback.call(learner_fn, copy.deepcopy(args), description, crash_hint)
            if called:
                _judge_gradients(feedback, description, got, args)
    return feedback


def _judge_gradients(feedback, description, got, args):
    """Add one line for the gradients `got` of fixed_backward, compared with numerical ones."""
    X, y, params, cache = args
    if not isinstance(got, dict) or set(got) != set(params):
        feedback.fail(
            f"{description}: expected a dict with keys W1, b1, W2, b2, got {describe(got)}",
            'return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}, like buggy_backward.',
        )
        return
    expected = {
        name: numerical_gradient(
            lambda value, name=name: _regression_loss(X, y, {**params, name: value}),
            params[name].copy(),
        )
        for name in params
    }
    wrong = {name: compare(got[name], expected[name], ATOL, RTOL) for name in params}
    wrong = {name: problem for name, problem in wrong.items() if problem}
    if not wrong:
        feedback.ok(description)
        return
    shapes = {name: as_array(got[name])[0] for name in wrong}
    misshaped = [
        name
        for name in wrong
        if shapes[name] is not None and shapes[name].shape != params[name].shape
    ]
    if misshaped:
        name = misshaped[0]
        hint = (
            f"a gradient has the shape of its parameter: d{name} must be {params[name].shape}, "
            f"like {name}. A transposed product gives the transposed shape: dW1 = X.T @ dZ1 "
            "and dW2 = A1.T @ dZ2."
        )
    elif set(wrong) <= {"W1", "b1"}:
        hint = (
            "dW2 and db2 are right, so the bug is between the output and layer 1: "
            "dA1 = dZ2 @ W2.T, then dZ1 = dA1 * (Z1 > 0), then dW1 and db1."
        )
    else:
        hint = (
            "find the first wrong step from the output backwards; compare each line with the "
            "equations."
        )
    first = next(iter(wrong))
    feedback.fail(
        f"{description}: {', '.join('d' + name for name in wrong)} wrong (d{first}: "
        f"{wrong[first]})",
        known_mistake(got, expected, BACKWARD_MISTAKES, args) or hint,
    )


# ------------------------------------------------------------ exercise 2
SIZES = {"N": 64, "D": 10, "H": 16}  # backprop_shapes: examples, inputs, hidden units
DW1_MISTAKES = [
    Mistake(
        "W1 transposed",
        lambda: (SIZES["H"], SIZES["D"]),
        "that is W1 transposed: a gradient has the shape of its parameter, W1 is (D, H).",
    ),
    Mistake(
        "the shape of dZ1",
        lambda: (SIZES["N"], SIZES["H"]),
        "that is the shape of dZ1; dW1 = X.T @ dZ1 sums over the N examples: (D, H).",
    ),
    Mistake(
        "the shape of X",
        lambda: (SIZES["N"], SIZES["D"]),
        "that is the shape of X (and of dX); dW1 has the shape of W1.",
    ),
]
DB1_MISTAKES = [
    Mistake(
        "not summed",
        lambda: (SIZES["N"], SIZES["H"]),
        "db1 sums dZ1 over the examples (axis 0): one number per hidden unit, like b1.",
    ),
    Mistake(
        "a row", lambda: (1, SIZES["H"]), "b1 is 1-D, shape (H,), and so is db1 = dZ1.sum(axis=0)."
    ),
]
DA1_MISTAKES = [
    Mistake(
        "transposed",
        lambda: (SIZES["H"], SIZES["N"]),
        "rows are examples: dA1 has the shape of A1, (N, H).",
    ),
    Mistake(
        "the shape of W1",
        lambda: (SIZES["D"], SIZES["H"]),
        "that is the shape of W1; dA1 belongs to the activations A1, one row per example.",
    ),
]


def backprop_shapes(dW1_shape, db1_shape, dA1_shape):
    """Check the shapes of dW1, db1, dA1 for N = 64 examples, D = 10 inputs, H = 16 hidden units."""
    N, D, H = SIZES["N"], SIZES["D"], SIZES["H"]
    hint = "a gradient has the shape of the array it belongs to."
    return check_shapes(
        "the shapes of dW1, db1 and dA1",
        [
            ("dW1", dW1_shape, (D, H), DW1_MISTAKES, hint),
            ("db1", db1_shape, (H,), DB1_MISTAKES, hint),
            ("dA1", dA1_shape, (N, H), DA1_MISTAKES, hint),
        ],
    )
