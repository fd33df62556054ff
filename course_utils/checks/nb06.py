"""Checkers for notebook 06 (loss functions)."""

import numpy as np

from course_utils.losses import cross_entropy_from_logits, mse, mse_gradient

from ._core import Feedback, Mistake, check_cases

__all__ = ["mse_and_gradient", "stable_cross_entropy"]

MSE_MISTAKES = [
    Mistake(
        "sum",
        lambda y, y_hat: np.sum((y_hat - y) ** 2),
        "that is the sum of squares; the MEAN divides by the number of entries.",
    ),
    Mistake(
        "sum over rows only",
        lambda y, y_hat: np.sum((y_hat - y) ** 2) / len(y),
        "divide by N = y.size, the number of entries; len(y) counts only the rows.",
    ),
    Mistake(
        "RMSE",
        lambda y, y_hat: np.sqrt(np.mean((y_hat - y) ** 2)),
        "that is the root of the mean squared error (RMSE); leave out the square root.",
    ),
    Mistake(
        "MAE",
        lambda y, y_hat: np.mean(np.abs(y_hat - y)),
        "that is the mean ABSOLUTE error (MAE); square the residuals instead.",
    ),
    Mistake(
        "halved",
        lambda y, y_hat: np.mean((y_hat - y) ** 2) / 2,
        "the course's MSE has no 1/2 in front: np.mean((y_hat - y) ** 2).",
    ),
    Mistake(
        "square of the mean",
        lambda y, y_hat: np.mean(y_hat - y) ** 2,
        "square each residual first, then take the mean (the mean of squares, not the square "
        "of the mean).",
    ),
    Mistake(
        "not averaged",
        lambda y, y_hat: (y_hat - y) ** 2,
        "the loss is one number: average the squared residuals, np.mean((y_hat - y) ** 2).",
    ),
]

GRADIENT_MISTAKES = [
    Mistake(
        "no factor 2",
        lambda y, y_hat: (y_hat - y) / y.size,
        "the factor 2 is missing: the derivative of r ** 2 is 2 * r.",
    ),
    Mistake(
        "no 1 / n",
        lambda y, y_hat: 2 * (y_hat - y),
        "divide by n = y.size: the loss is a mean, so each entry's share is 1 / n.",
    ),
    Mistake(
        "neither",
        lambda y, y_hat: y_hat - y,
        "two things are missing: the factor 2 (from r ** 2) and the 1 / n (from the mean).",
    ),
    Mistake(
        "sign flipped",
        lambda y, y_hat: 2 * (y - y_hat) / y.size,
        "the sign is flipped: differentiate with respect to y_hat, r = y_hat - y.",
    ),
    Mistake(
        "rows instead of entries",
        lambda y, y_hat: 2 * (y_hat - y) / len(y),
        "divide by n = y.size, the number of entries; len(y) counts only the rows.",
    ),
    Mistake(
        "summed",
        lambda y, y_hat: np.sum(2 * (y_hat - y) / y.size),
        "the gradient has one entry per prediction, shaped like y_hat: do not sum it.",
    ),
]


def mse_and_gradient(mse_fn, gradient_fn):
    """Check mse(y, y_hat) = mean((y_hat - y)^2) and its gradient 2 * (y_hat - y) / n."""
    inputs = [
        ("4 predictions", (np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.5, 1.0, 3.0, 6.0]))),
        ("a column (2, 1)", (np.array([[0.0], [1.0]]), np.array([[2.0], [-1.0]]))),
        (
            "a (3, 2) array: n = y.size = 6",
            (np.array([[1.0, 0.0], [2.0, -1.0], [0.5, 3.0]]), np.ones((3, 2))),
        ),
    ]
    with Feedback("mse(y, y_hat) and mse_gradient(y, y_hat)") as feedback:
        for function, reference, mistakes, hint, name in [
            (
                mse_fn,
                mse,
                MSE_MISTAKES,
                "square each residual y_hat - y, then take the mean.",
                "mse",
            ),
            (
                gradient_fn,
                mse_gradient,
                GRADIENT_MISTAKES,
                "dL/dy_hat = 2 * (y_hat - y) / n, one number per prediction, shaped like y_hat.",
                "mse_gradient",
            ),
        ]:
            todo = (
                f"not done yet: replace the `...` in {name} with your code, then run this cell "
                "again."
            )
            for description, args in inputs:
                case = f"{name}: {description}"
                called, got = feedback.call(
                    function, tuple(a.copy() for a in args), case, hint, todo=todo
                )
                if called:
                    feedback.judge(case, got, reference(*args), hint, mistakes, args)
    return feedback


def _per_example(labels, Z, m):
    """logsumexp(Z) - Z[true class] per row (N,), with the maximum m (a number, or (N, 1)) given."""
    return np.ravel(m) + np.log(np.exp(Z - m).sum(axis=1)) - Z[np.arange(len(labels)), labels]


def _row_max(Z):
    return Z.max(axis=1)[:, None]


CROSS_ENTROPY_MISTAKES = [
    Mistake(
        "whole array's maximum",
        lambda labels, Z: np.mean(_per_example(labels, Z, Z.max())),
        "subtract each ROW's maximum, m = Z.max(axis=1, keepdims=True), not the maximum of the "
        "whole array: in a row far below that maximum every exp(z - m) rounds to 0, and log(0) = "
        "-inf.",
    ),
    Mistake(
        "log of a stable softmax",
        lambda labels, Z: np.mean(
            -np.log(
                (np.exp(Z - _row_max(Z)) / np.exp(Z - _row_max(Z)).sum(axis=1, keepdims=True))[
                    np.arange(len(labels)), labels
                ]
            )
        ),
        "a probability such as e^-2000 rounds to 0 and log(0) = -inf: do not take the log of "
        "the softmax; compute log p = z_true - logsumexp(z) with logsumexp(z) = "
        "m + log(sum(exp(z - m))).",
    ),
    Mistake(
        "no maximum subtracted",
        lambda labels, Z: np.mean(_per_example(labels, Z, 0.0)),
        "exp(1000) overflows to inf: subtract each row's maximum before exp (log-sum-exp), "
        "m = Z.max(axis=1, keepdims=True).",
    ),
    Mistake(
        "m not added back",
        lambda labels, Z: np.mean(_per_example(labels, Z, _row_max(Z)) - _row_max(Z)[:, 0]),
        "add m back: logsumexp(z) = m + log(sum(exp(z - m))).",
    ),
    Mistake(
        "sum over examples",
        lambda labels, Z: np.sum(_per_example(labels, Z, _row_max(Z))),
        "that is the sum over the examples; take the mean.",
    ),
    Mistake(
        "not averaged",
        lambda labels, Z: _per_example(labels, Z, _row_max(Z)),
        "the loss is one number: average the per-example losses over the rows, np.mean(...).",
    ),
    Mistake(
        "sign flipped",
        lambda labels, Z: -np.mean(_per_example(labels, Z, _row_max(Z))),
        "the loss is -log p of the true class, so it is >= 0: logsumexp(z) - z_true, not "
        "z_true - logsumexp(z).",
    ),
]


def stable_cross_entropy(learner_fn):
    """Check cross-entropy from logits: right, finite and silent even for logits like +-1000."""
    lse_hint = (
        "subtract each row's maximum before exp (log-sum-exp): logsumexp(z) = m + log(sum(exp(z - "
        "m))) "
        "with m = z.max(axis=1, keepdims=True). Then log p_true = z_true - logsumexp(z): no exp of "
        "a "
        "large number, and no log of 0."
    )
    value_hint = (
        "loss = mean over rows of (logsumexp(Z) - Z[row, true class]); "
        "pick the true class with Z[np.arange(n), y]."
    )
    Z_small = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
    y_small = np.array([0, 1])
    Z_large = np.array([[1000.0, 0.0, -1000.0], [1000.0, 999.0, 0.0], [-1000.0, 1000.0, 0.0]])
    Z_rows = np.array([[0.0, -1.0, -2.0], [2000.0, 0.0, 0.0]])  # the rows' maxima differ by 2000
    cases = [
        ("2 examples, 3 classes", (y_small, Z_small)),
        ("equal logits for 4 classes: log 4", (np.array([0, 3, 2]), np.zeros((3, 4)))),
        ("logits like 1000 and -1000 (one very wrong: loss 2000)", (np.array([0, 1, 0]), Z_large)),
        ("rows whose largest logits differ by 2000", (np.array([0, 0]), Z_rows)),
        ("adding 800 to every logit changes nothing", (y_small, Z_small + 800.0)),
    ]
    cases = [(case, args, cross_entropy_from_logits(*args), value_hint) for case, args in cases]
    return check_cases(
        "cross_entropy(labels, Z)",
        learner_fn,
        cases,
        CROSS_ENTROPY_MISTAKES,
        warning_hint=lse_hint,
    )
