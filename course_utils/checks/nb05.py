"""Checkers for notebook 05 (activation functions)."""

import numpy as np

from course_utils.activations import sigmoid

from ._core import Feedback, Mistake, as_array, check_cases

__all__ = ["relu_and_derivative", "stable_sigmoid"]

RELU_MISTAKES = [
    Mistake(
        "np.max",
        lambda z: np.max(z, 0),
        "np.max(z, 0) takes the largest entry along axis 0; np.maximum(z, 0) compares entry by "
        "entry.",
    ),
    Mistake(
        "np.minimum",
        lambda z: np.minimum(z, 0),
        "np.minimum keeps the negative part; ReLU keeps the positive part: np.maximum(z, 0).",
    ),
    Mistake(
        "absolute value",
        np.abs,
        "ReLU turns negative numbers into 0, not into positive ones: np.maximum(z, 0).",
    ),
    Mistake(
        "the derivative",
        lambda z: (z > 0).astype(float),
        "that is ReLU's slope (0 or 1); relu itself keeps the positive values: np.maximum(z, 0).",
    ),
]

DERIVATIVE_MISTAKES = [
    Mistake(
        "slope 1 everywhere",
        np.ones_like,
        "for negative z ReLU is flat (always 0), so its slope there is 0, not 1.",
    ),
    Mistake(
        "relu itself",
        lambda z: np.maximum(z, 0),
        "that is relu(z) itself; the derivative is the slope: 1 where z > 0, else 0.",
    ),
    Mistake(
        "sign of z",
        np.sign,
        "np.sign(z) gives -1 for negative z, but ReLU is flat there: slope 0.",
    ),
    Mistake(
        "the flat side",
        lambda z: (z < 0).astype(float),
        "(z < 0) is 1 on the flat side; the slope is 1 where z > 0: (z > 0).astype(float).",
    ),
]


def _value_at_zero(got, z):
    """The learner's slope at z = 0 if it is in [0, 1] (ReLU has no slope there: any will do)."""
    array, problem = as_array(got)
    if problem or array.shape != z.shape or not (z == 0).any():
        return None
    at_zero = array[z == 0]
    if np.all(at_zero == at_zero[0]) and 0 <= at_zero[0] <= 1:
        return float(at_zero[0])
    return None


def relu_and_derivative(relu_fn, derivative_fn):
    """Check relu(z) = max(z, 0) and its derivative (1 where z > 0, 0 where z < 0), elementwise."""
    inputs = [
        ("of [-2, -0.5, 0, 0.5, 3]", np.array([-2.0, -0.5, 0.0, 0.5, 3.0])),
        ("keeps the shape of a 2-D array", np.array([[-1.0, 2.0], [4.0, -3.0]])),
    ]
    relu_hint = "keep positive numbers, turn negative ones into 0: np.maximum(z, 0) (any shape)."
    slope_hint = (
        "the slope of max(z, 0): 1 where z > 0, 0 where z < 0, shaped like z. "
        "(z > 0).astype(float) does it."
    )
    with Feedback("relu(z) and relu_derivative(z)") as feedback:
        for description, z in inputs:
            case, z_given = f"relu {description}", z.copy()
            todo = (
                "not done yet: replace the `...` in relu with your code, then run this cell again."
            )
            called, got = feedback.call(relu_fn, (z_given,), case, relu_hint, todo=todo)
            if not called:
                continue
            if not np.array_equal(z_given, z):
                feedback.fail(
                    f"{case}: your function changed its input z",
                    "z[z < 0] = 0 overwrites the caller's array; return a new one (np.maximum(z, "
                    "0)).",
                )
            else:
                feedback.judge(case, got, np.maximum(z, 0), relu_hint, RELU_MISTAKES, (z,))

        for description, z in inputs:
            case = f"relu_derivative {description}"
            todo = (
                "not done yet: replace the `...` in relu_derivative with your code, then run "
                "this cell again."
            )
            called, got = feedback.call(derivative_fn, (z.copy(),), case, slope_hint, todo=todo)
            if not called:
                continue
            expected = (z > 0).astype(float)
            chosen = _value_at_zero(got, z)
            if chosen is not None:
                expected[z == 0] = chosen
            right = feedback.judge(case, got, expected, slope_hint, DERIVATIVE_MISTAKES, (z,))
            if right and chosen:
                feedback.lines[-1] += (
                    f" (at z = 0 you chose {chosen:g}; course_utils uses 0, both are fine: "
                    "ReLU has no slope there, and any value from 0 to 1 will do)"
                )
    return feedback


SIGMOID_MISTAKES = [
    Mistake(
        "sign flipped",
        lambda z: sigmoid(-z),
        "that is sigmoid(-z) = 1 - sigmoid(z): check the sign of z. sigmoid(z) = 1 / (1 + "
        "exp(-z)).",
    ),
    Mistake(
        "exp(-|z|) alone",
        lambda z: 1 / (1 + np.exp(-np.abs(z))),
        "1 / (1 + exp(-|z|)) is right only for z >= 0; for z < 0 use exp(-|z|) / (1 + exp(-|z|)).",
    ),
]


def stable_sigmoid(learner_fn):
    """Check a sigmoid that is right AND silent: no overflow warning even at |z| = 1e4."""
    overflow_hint = (
        "exp(-z) overflows for large negative z. Compute exp(-|z|) only, which is at most 1: "
        "1 / (1 + e) where z >= 0 and e / (1 + e) where z < 0. Careful: np.where evaluates "
        "BOTH branches on every entry, so no branch may contain exp of a large positive number."
    )
    z_small = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    z_large = np.array([-1e4, -1000.0, -40.0, 40.0, 1000.0, 1e4])
    z_grid = np.array([[-50.0, 0.5], [3.0, -710.0]])
    z_float32 = np.array([-100.0, -90.0, 0.0, 90.0, 100.0], dtype=np.float32)
    value_hint = "sigmoid(z) = 1 / (1 + exp(-z)); both stable forms give the same values."
    cases = [
        ("small z: [-2, -1, 0, 1, 2]", (z_small,), sigmoid(z_small), value_hint),
        (
            "large |z|: [-1e4, -1000, -40, 40, 1000, 1e4]",
            (z_large,),
            sigmoid(z_large),
            value_hint,
        ),
        (
            "a 2-D array keeps its shape",
            (z_grid,),
            sigmoid(z_grid),
            "work elementwise on the whole array (np.exp, np.abs and np.where all do).",
        ),
        (
            "float32 input, where exp overflows already above 88",
            (z_float32,),
            sigmoid(z_float32),
            value_hint,
        ),
    ]
    return check_cases(
        "stable_sigmoid(z)", learner_fn, cases, SIGMOID_MISTAKES, warning_hint=overflow_hint
    )
