"""Checkers for notebook 05 (activation functions)."""

import numpy as np

from course_utils.activations import sigmoid

from ._core import Feedback, call_watching_warnings, compare, describe, is_placeholder

__all__ = ["relu_and_derivative", "stable_sigmoid"]


def _run_cases(title, function, cases):
    """Run (description, args, expected, hint, hint_if_warned) cases, failing on wrong values AND on warnings."""
    feedback = Feedback(title)
    for description, args, expected, hint, warning_hint in cases:
        got, error, messages = call_watching_warnings(function, args)
        if isinstance(error, NotImplementedError) or (error is None and is_placeholder(got)):
            feedback.not_done()
            return feedback
        if error is not None:
            feedback.fail(
                f"{description}: your function raised {type(error).__name__}: {error}", hint
            )
            continue
        difference = compare(got, expected)
        if messages:
            feedback.fail(f"{description}: numpy warned: {'; '.join(messages)}", warning_hint)
        elif difference:
            feedback.fail(f"{description}: {difference}", hint)
        else:
            feedback.ok(description)
    return feedback


def relu_and_derivative(relu_fn, derivative_fn):
    """Check relu(z) = max(z, 0) and its derivative (1 where z > 0, 0 where z < 0), elementwise."""
    z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    grid = np.array([[-1.0, 2.0], [4.0, -3.0]])
    feedback = Feedback("relu(z) and relu_derivative(z)")
    relu_cases = [
        (
            "relu of [-2, -0.5, 0, 0.5, 3]",
            z,
            np.maximum(z, 0),
            "keep positive numbers, turn negative ones into 0: np.maximum(z, 0).",
        ),
        (
            "relu keeps the shape of a 2-D array",
            grid,
            np.maximum(grid, 0),
            "work elementwise on the whole array; np.maximum(z, 0) keeps any shape.",
        ),
    ]
    for description, z_case, expected, hint in relu_cases:
        original = z_case.copy()
        got, error, messages = call_watching_warnings(relu_fn, (z_case,))
        if isinstance(error, NotImplementedError) or (error is None and is_placeholder(got)):
            feedback.not_done(
                "not done yet: replace the `...` in relu with your code, then run this cell again."
            )
            return feedback
        if error is not None:
            feedback.fail(f"{description}: your relu raised {type(error).__name__}: {error}", hint)
            continue
        difference = compare(got, expected)
        if difference:
            feedback.fail(f"relu: {description}: {difference}", hint)
        elif not np.array_equal(z_case, original):
            feedback.fail(
                f"relu: {description}: the right values, but your function changed its input z",
                "z[z < 0] = 0 overwrites the caller's array; return a new one (np.maximum(z, 0)).",
            )
        else:
            feedback.ok(f"relu: {description}")

    got, error, _ = call_watching_warnings(derivative_fn, (z,))
    if isinstance(error, NotImplementedError) or (error is None and is_placeholder(got)):
        feedback.not_done(
            "not done yet: replace the `...` in relu_derivative with your code, then run "
            "this cell again."
        )
        return feedback
    description = "relu_derivative of [-2, -0.5, 0, 0.5, 3]"
    if error is not None:
        feedback.fail(
            f"{description}: your function raised {type(error).__name__}: {error}",
            "return an array shaped like z: (z > 0).astype(float).",
        )
        return feedback
    got_array = np.asarray(got, dtype=float) if np.shape(got) == z.shape else got
    # At exactly z = 0 ReLU has no derivative: 0 (the course's convention) and 1 are both accepted.
    expected_zero, expected_one = np.array([0, 0, 0, 1, 1.0]), np.array([0, 0, 1, 1, 1.0])
    if compare(got_array, expected_zero) is None or compare(got_array, expected_one) is None:
        feedback.ok(
            description
            + (
                " (at z = 0 you chose 1; course_utils uses 0, both are fine)"
                if compare(got_array, expected_one) is None
                else ""
            )
        )
    elif np.shape(got) == z.shape and np.allclose(got_array[:2], 1):
        feedback.fail(
            f"{description}: expected {describe(expected_zero)}, got {describe(got)}",
            "for negative z ReLU is flat (always 0), so its slope there is 0, not 1.",
        )
    elif np.shape(got) == z.shape and np.allclose(got_array, np.maximum(z, 0)):
        feedback.fail(
            f"{description}: expected {describe(expected_zero)}, got {describe(got)}",
            "that is relu(z) itself; the derivative is the slope: 1 where z > 0, else 0.",
        )
    else:
        feedback.fail(
            f"{description}: {compare(got, expected_zero)}",
            "the slope of max(z, 0): 1 where z > 0, 0 where z < 0. (z > 0).astype(float) does it.",
        )
    got, error, _ = call_watching_warnings(derivative_fn, (grid,))
    if error is None and compare(got, (grid > 0).astype(float)) is None:
        feedback.ok("relu_derivative keeps the shape of a 2-D array")
    else:
        feedback.fail(
            "relu_derivative on a 2-D array: "
            + (
                f"raised {type(error).__name__}: {error}"
                if error
                else compare(got, (grid > 0) * 1.0)
            ),
            "work elementwise on the whole array; (z > 0).astype(float) keeps any shape.",
        )
    return feedback


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
        ("small z: [-2, -1, 0, 1, 2]", (z_small,), sigmoid(z_small), value_hint, overflow_hint),
        (
            "large |z|: [-1e4, -1000, -40, 40, 1000, 1e4]",
            (z_large,),
            sigmoid(z_large),
            value_hint,
            overflow_hint,
        ),
        (
            "a 2-D array keeps its shape",
            (z_grid,),
            sigmoid(z_grid),
            "work elementwise on the whole array (np.exp, np.abs and np.where all do).",
            overflow_hint,
        ),
        (
            "float32 input, where exp overflows already above 88",
            (z_float32,),
            sigmoid(z_float32),
            value_hint,
            overflow_hint,
        ),
    ]
    return _run_cases("stable_sigmoid(z)", learner_fn, cases)
