"""Checkers for notebook 04 (backpropagation).

The expected gradients are computed NUMERICALLY here, with centred
differences (course_utils.gradcheck.numerical_gradient), never with a
second hand-written backward pass: that is the point of the notebook.
"""

import numpy as np

from course_utils.activations import relu, sigmoid
from course_utils.gradcheck import numerical_gradient
from course_utils.losses import mse

from ._core import Feedback, call, check_shapes, compare, describe

__all__ = ["neuron_gradients", "fixed_backward", "backprop_shapes"]

ATOL, RTOL = 1e-6, 1e-5  # numerical gradients are good to about 1e-9 here


# ------------------------------------------------------------ exercise 1
def _neuron_loss(x, w, b, y):
    """L = (sigmoid(w . x + b) - y)^2 for one example."""
    return (sigmoid(w @ x + b) - y) ** 2


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


def _neuron_mistakes(x, w, b, y):
    """(dw, db) of typical wrong answers, each with a hint."""
    a = sigmoid(w @ x + b)
    dz = 2 * (a - y) * a * (1 - a)
    return [
        (
            (2 * (a - y) * x, 2 * (a - y)),
            "you left out the sigmoid's derivative: dL/dz = dL/da * a * (1 - a).",
        ),
        ((-dz * x, -dz), "the sign is flipped: dL/da = 2 * (a - y), not 2 * (y - a)."),
        (
            (dz / 2 * x, dz / 2),
            "you lost the factor 2: the derivative of (a - y)^2 is 2 * (a - y).",
        ),
        (
            (dz * np.ones_like(x), dz),
            "dL/dw_i = dL/dz * x_i: multiply by the inputs x (dz/dw_i = x_i).",
        ),
        ((dz * w, dz), "dz/dw_i is x_i, not w_i: multiply dL/dz by x."),
    ]


def neuron_gradients(learner_fn):
    """Check `neuron_gradients(x, w, b, y) -> (dL/dw, dL/db)` for a = sigmoid(w . x + b), L = (a - y)^2."""
    feedback = Feedback("neuron_gradients(x, w, b, y)")
    for description, x, w, b, y in NEURON_CASES:
        x, w = np.array(x), np.array(w)
        called, got = call(feedback, learner_fn, (x.copy(), w.copy(), b, y), description)
        if feedback.status == "not done":
            return feedback
        if not called:
            continue
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            feedback.fail(
                f"{description}: expected a pair (dw, db), got {describe(got)}",
                "end with `return dw, db`: dw has the shape of w, db is one number.",
            )
            continue
        dw_expected = numerical_gradient(lambda w_: _neuron_loss(x, w_, b, y), w.copy())
        db_expected = float(numerical_gradient(lambda b_: _neuron_loss(x, w, b_, y), np.array(b)))
        dw, db = got
        if np.size(db) == 1 and np.ndim(db) > 0:
            db = np.asarray(db, dtype=float).reshape(())  # accept array([db]) as a number
        problem = compare(dw, dw_expected, ATOL, RTOL)
        where = "dw"
        if problem is None:
            problem, where = compare(db, db_expected, ATOL, RTOL), "db"
        if problem is None:
            feedback.ok(description)
            continue
        hint = "follow the chain: dL/da = 2 (a - y), da/dz = a (1 - a), dz/dw = x, dz/db = 1."
        if where == "db":
            hint = "dw is right; dL/db = dL/dz * dz/db = dL/dz * 1: the same number as dL/dz."
        if np.shape(got[0]) == () and np.shape(got[1]) == x.shape:
            hint = "return dw first, then db."
        for (mistake_dw, mistake_db), mistake_hint in _neuron_mistakes(x, w, b, y):
            if compare(got[0], mistake_dw, ATOL, RTOL) is None and (
                where == "dw" or compare(db, mistake_db, ATOL, RTOL) is None
            ):
                hint = mistake_hint
                break
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


def _backward_mistakes(X, y, params, cache):
    """Gradients of typical wrong backward passes, each with a hint."""
    n = X.shape[0]
    dZ2 = 2 * (cache["y_hat"] - y) / n
    dA1 = dZ2 @ params["W2"].T
    right_dZ1 = dA1 * (cache["Z1"] > 0)
    right = {
        "W1": X.T @ right_dZ1,
        "b1": right_dZ1.sum(axis=0),
        "W2": cache["A1"].T @ dZ2,
        "b2": dZ2.sum(axis=0),
    }
    return [
        (
            {**right, "W1": X.T @ dA1, "b1": dA1.sum(axis=0)},
            "that is the bug of buggy_backward: dA1 still goes straight into dW1. Multiply it by ReLU's "
            "derivative first: dZ1 = dA1 * (Z1 > 0).",
        ),
        (
            {name: -grad for name, grad in right.items()},
            "every gradient has the wrong sign: dZ2 = 2 * (y_hat - y) / N, not (y - y_hat).",
        ),
        (
            {name: grad / 2 for name, grad in right.items()},
            "every gradient is half the right size: the derivative of (y_hat - y)^2 has a factor 2.",
        ),
        (
            {name: grad * n for name, grad in right.items()},
            "every gradient is N times too large: the loss is a mean, so dZ2 is divided by N.",
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
    """Seeded data and parameters for one case: X (N, D), y (N, 1), params W1 (D, H), b1 (H,), W2 (H, 1), b2 (1,)."""
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
    """Check `fixed_backward(X, y, params, cache) -> grads` for the ReLU regression network, numerically."""
    feedback = Feedback("fixed_backward(X, y, params, cache)")
    for description, N, D, H, seed in BACKWARD_CASES:
        X, y, params = backward_case(N, D, H, seed)
        cache = regression_forward(X, params)
        learner_params = {name: value.copy() for name, value in params.items()}
        learner_cache = {name: value.copy() for name, value in cache.items()}
        called, got = call(
            feedback, learner_fn, (X.copy(), y.copy(), learner_params, learner_cache), description
        )
        if feedback.status == "not done":
            return feedback
        if not called:
            feedback.lines[-1] += (
                "\n    Hint: a shape error usually means a transposed product: "
                "dW = (input).T @ dZ and dA1 = dZ2 @ W2.T."
            )
            continue
        if not isinstance(got, dict) or set(got) != set(params):
            feedback.fail(
                f"{description}: expected a dict with keys W1, b1, W2, b2, got {describe(got)}",
                'return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}, like buggy_backward.',
            )
            continue
        expected = {
            name: numerical_gradient(lambda _: _regression_loss(X, y, params), params[name])
            for name in params
        }
        wrong = {name: compare(got[name], expected[name], ATOL, RTOL) for name in params}
        wrong = {name: problem for name, problem in wrong.items() if problem}
        if not wrong:
            feedback.ok(description)
            continue
        shape_errors = [name for name in wrong if np.shape(got[name]) != params[name].shape]
        if shape_errors:
            name = shape_errors[0]
            hint = (
                f"a gradient has the shape of its parameter: d{name} must be {params[name].shape}, like {name}. "
                "A transposed product gives the transposed shape: dW1 = X.T @ dZ1 and dW2 = A1.T @ dZ2."
            )
        else:
            hint = "find the first wrong step from the output backwards; compare each line with the equations."
            if set(wrong) <= {"W1", "b1"}:
                hint = (
                    "dW2 and db2 are right, so the bug is between the output and layer 1: "
                    "dA1 = dZ2 @ W2.T, then dZ1 = dA1 * (Z1 > 0), then dW1 and db1."
                )
            for mistake, mistake_hint in _backward_mistakes(X, y, params, cache):
                if all(compare(got[name], mistake[name], ATOL, RTOL) is None for name in params):
                    hint = mistake_hint
                    break
        first = next(iter(wrong))
        feedback.fail(
            f"{description}: {', '.join('d' + name for name in wrong)} wrong "
            f"(d{first}: {wrong[first]})",
            hint,
        )
    return feedback


# ------------------------------------------------------------ exercise 2
def backprop_shapes(dW1_shape, db1_shape, dA1_shape):
    """Check the predicted shapes of dW1, db1 and dA1 for N = 64 examples, D = 10 inputs, H = 16 hidden units."""
    N, D, H = 64, 10, 16
    answers = [
        (
            "dW1",
            dW1_shape,
            (D, H),
            {
                (
                    H,
                    D,
                ): "that is W1 transposed: a gradient always has the shape of its parameter, W1 is (D, H).",
                (
                    N,
                    H,
                ): "that is the shape of dZ1; dW1 = X.T @ dZ1 sums over the N examples, leaving (D, H).",
                (N, D): "that is the shape of X (and of dX); dW1 has the shape of W1.",
            },
        ),
        (
            "db1",
            db1_shape,
            (H,),
            {
                (
                    N,
                    H,
                ): "db1 sums dZ1 over the examples (axis 0): one number per hidden unit, like b1.",
                (1, H): "b1 is 1-D, shape (H,), and so is db1 = dZ1.sum(axis=0).",
            },
        ),
        (
            "dA1",
            dA1_shape,
            (N, H),
            {
                (H, N): "rows are examples: dA1 has the shape of A1, (N, H).",
                (
                    D,
                    H,
                ): "that is the shape of W1; dA1 belongs to the activations A1, one row per example.",
            },
        ),
    ]
    return check_shapes(
        "the shapes of dW1, db1 and dA1",
        answers,
        default_hint="a gradient has the shape of the array it belongs to.",
    )
