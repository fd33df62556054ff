"""Checkers for notebook 06 (loss functions)."""

import numpy as np

from course_utils.losses import cross_entropy_from_logits, mse, mse_gradient

from ._core import Feedback, call_watching_warnings, compare, describe, is_placeholder

__all__ = ["mse_and_gradient", "stable_cross_entropy"]


def _not_started(got, error):
    return isinstance(error, NotImplementedError) or (error is None and is_placeholder(got))


def mse_and_gradient(mse_fn, gradient_fn):
    """Check mse(y, y_hat) = mean((y_hat - y)^2) and its gradient 2 * (y_hat - y) / n."""
    y = np.array([1.0, 2.0, 3.0, 4.0])
    y_hat = np.array([1.5, 1.0, 3.0, 6.0])  # residuals 0.5, -1, 0, 2
    y_col, y_hat_col = np.array([[0.0], [1.0]]), np.array([[2.0], [-1.0]])
    feedback = Feedback("mse(y, y_hat) and mse_gradient(y, y_hat)")

    for description, args in [
        ("mse of 4 predictions", (y, y_hat)),
        ("mse of a column (2, 1)", (y_col, y_hat_col)),
    ]:
        got, error, _ = call_watching_warnings(mse_fn, args)
        if _not_started(got, error):
            feedback.not_done(
                "not done yet: replace the `...` in mse with your code, then run this cell again."
            )
            return feedback
        expected = mse(*args)
        residual = args[1] - args[0]
        if error is not None:
            feedback.fail(
                f"mse: {description}: your function raised {type(error).__name__}: {error}"
            )
        elif compare(got, expected) is None:
            feedback.ok(f"mse: {description} = {expected:g}")
        elif compare(got, np.sum(residual**2)) is None:
            feedback.fail(
                f"mse: {description}: expected {expected:g}, got {describe(got)}",
                "that is the sum of squares; the MEAN divides by the number of entries.",
            )
        elif compare(got, np.sqrt(expected)) is None:
            feedback.fail(
                f"mse: {description}: expected {expected:g}, got {describe(got)}",
                "that is the root of the mean squared error (RMSE); leave out the square root.",
            )
        elif np.ndim(got) > 0:
            feedback.fail(
                f"mse: {description}: expected one number, {expected:g}, got {describe(got)}",
                "average the squared residuals over all entries: np.mean((y_hat - y) ** 2).",
            )
        else:
            feedback.fail(
                f"mse: {description}: expected {expected:g}, got {describe(got)}",
                "square each residual y_hat - y, then take the mean.",
            )

    for description, args in [
        ("gradient for 4 predictions", (y, y_hat)),
        ("gradient for a column (2, 1)", (y_col, y_hat_col)),
    ]:
        got, error, _ = call_watching_warnings(gradient_fn, args)
        if _not_started(got, error):
            feedback.not_done(
                "not done yet: replace the `...` in mse_gradient with your code, then run "
                "this cell again."
            )
            return feedback
        expected = mse_gradient(*args)
        residual, n = args[1] - args[0], args[1].size
        if error is not None:
            feedback.fail(
                f"mse_gradient: {description}: your function raised {type(error).__name__}: {error}"
            )
            continue
        difference = compare(got, expected)
        mistakes = [
            (residual / n, "the factor 2 is missing: the derivative of r ** 2 is 2 * r."),
            (
                2 * residual,
                "divide by n = y.size: the loss is a mean, so each entry's share is 1 / n.",
            ),
            (
                residual,
                "two things are missing: the factor 2 (from r ** 2) and the 1 / n (from the mean).",
            ),
            (-expected, "the sign is flipped: differentiate with respect to y_hat, r = y_hat - y."),
        ]
        if difference is None:
            feedback.ok(f"mse_gradient: {description}")
            continue
        hint = next(
            (text for wrong, text in mistakes if compare(got, wrong) is None),
            "dL/dy_hat = 2 * (y_hat - y) / n, one number per prediction, shaped like y_hat.",
        )
        feedback.fail(f"mse_gradient: {description}: {difference}", hint)
    return feedback


def stable_cross_entropy(learner_fn):
    """Check cross-entropy from logits: right, finite and warning-free even for logits like 1000 and -1000."""
    lse_hint = (
        "subtract each row's maximum before exp (log-sum-exp): logsumexp(z) = m + log(sum(exp(z - m))) "
        "with m = z.max(axis=1, keepdims=True). Then log p_true = z_true - logsumexp(z): no exp of a "
        "large number, and no log of 0."
    )
    value_hint = (
        "loss = mean over rows of (logsumexp(Z) - Z[row, true class]); "
        "pick the true class with Z[np.arange(n), y]."
    )
    Z_small = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
    y_small = np.array([0, 1])
    Z_uniform = np.zeros((3, 4))
    y_uniform = np.array([0, 3, 2])
    Z_large = np.array([[1000.0, 0.0, -1000.0], [1000.0, 999.0, 0.0], [-1000.0, 1000.0, 0.0]])
    y_large = np.array([0, 1, 0])
    Z_shifted = Z_small + 800.0
    cases = [
        ("2 examples, 3 classes", (y_small, Z_small)),
        ("equal logits for 4 classes: log 4", (y_uniform, Z_uniform)),
        ("logits like 1000 and -1000 (one very wrong: loss 2000)", (y_large, Z_large)),
        ("adding 800 to every logit changes nothing", (y_small, Z_shifted)),
    ]
    feedback = Feedback("cross_entropy(labels, Z)")
    for description, (y, Z) in cases:
        got, error, messages = call_watching_warnings(learner_fn, (y.copy(), Z.copy()))
        if _not_started(got, error):
            feedback.not_done()
            return feedback
        expected = cross_entropy_from_logits(y, Z)
        if error is not None:
            feedback.fail(
                f"{description}: your function raised {type(error).__name__}: {error}", value_hint
            )
            continue
        got_float = float(np.asarray(got, dtype=float).ravel()[0]) if np.size(got) == 1 else None
        if messages:
            feedback.fail(f"{description}: numpy warned: {'; '.join(messages)}", lse_hint)
        elif got_float is not None and not np.isfinite(got_float):
            feedback.fail(f"{description}: expected {expected:g}, got {got_float:g}", lse_hint)
        elif got_float is None:
            feedback.fail(
                f"{description}: expected one number, {expected:g}, got {describe(got)}",
                "average the per-example losses over the rows: np.mean(...).",
            )
        elif compare(got_float, expected) is None:
            feedback.ok(f"{description}: {expected:.4g}")
        elif compare(got_float, expected * len(y)) is None:
            feedback.fail(
                f"{description}: expected {expected:g}, got {got_float:g}",
                "that is the sum over the examples; take the mean.",
            )
        else:
            feedback.fail(f"{description}: expected {expected:g}, got {got_float:g}", value_hint)
    return feedback
