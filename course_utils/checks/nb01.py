"""Checkers for notebook 01 (what is machine learning?)."""

import numpy as np

from ._core import Mistake, check_cases

__all__ = ["fit_line", "threshold_accuracy", "to_polar"]


def _line(slope, x, y):
    """(slope, intercept) of the line with this slope through the means."""
    return slope, np.mean(y) - slope * np.mean(x)


def _centred(v):
    return v - np.mean(v)


FIT_LINE_MISTAKES = [
    Mistake(
        "intercept first",
        lambda x, y: _line(np.sum(_centred(x) * _centred(y)) / np.sum(_centred(x) ** 2), x, y)[
            ::-1
        ],
        "return the pair in the order (slope, intercept), slope first.",
    ),
    Mistake(
        "no means in the slope",
        lambda x, y: _line(np.sum(x * y) / np.sum(x * x), x, y),
        "subtract the means before multiplying: slope = sum((x - x_mean) * (y - y_mean)) / "
        "sum((x - x_mean) ** 2).",
    ),
    Mistake(
        "through the origin",
        lambda x, y: (np.sum(x * y) / np.sum(x * x), 0.0),
        "without the means you fit a line forced through (0, 0): subtract x_mean and y_mean in "
        "the slope, then intercept = y_mean - slope * x_mean.",
    ),
    Mistake(
        "np.cov over np.var",
        lambda x, y: _line(np.cov(x, y)[0, 1] / np.var(x), x, y),
        "np.cov divides by n - 1 and np.var by n: use the same for both, e.g. the plain sums "
        "sum((x - x_mean) * (y - y_mean)) / sum((x - x_mean) ** 2).",
    ),
    Mistake(
        "x regressed on y",
        lambda x, y: _line(np.sum(_centred(x) * _centred(y)) / np.sum(_centred(y) ** 2), x, y),
        "divide by the spread of x, sum((x - x_mean) ** 2), not of y.",
    ),
]

THRESHOLD_ACCURACY_MISTAKES = [
    Mistake(
        "count",
        lambda x, y, t: np.sum((x >= t) == y),
        "return a fraction between 0 and 1 (correct / total), not a count of correct points: "
        "np.mean(prediction == y).",
    ),
    Mistake(
        "strict comparison",
        lambda x, y, t: np.mean((x > t) == y),
        "use >= (x at the threshold is predicted as class 1), not >.",
    ),
    Mistake(
        "fraction wrong",
        lambda x, y, t: np.mean((x >= t) != y),
        "that is the fraction of WRONG predictions: predict 1 where x >= t (not x < t) and "
        "count where prediction == y.",
    ),
    Mistake(
        "fraction predicted 1",
        lambda x, y, t: np.mean(x >= t),
        "that is the fraction predicted as class 1; compare the predictions with the labels: "
        "np.mean((x >= t) == y).",
    ),
]


def _polar(X):
    return np.column_stack([np.hypot(X[:, 0], X[:, 1]), np.arctan2(X[:, 1], X[:, 0])])


TO_POLAR_MISTAKES = [
    Mistake(
        "r squared",
        lambda X: np.column_stack([X[:, 0] ** 2 + X[:, 1] ** 2, np.arctan2(X[:, 1], X[:, 0])]),
        "r is the distance, the square root of x**2 + y**2: np.sqrt(x**2 + y**2).",
    ),
    Mistake(
        "arctan",
        lambda X: np.column_stack([np.hypot(X[:, 0], X[:, 1]), np.arctan(X[:, 1] / X[:, 0])]),
        "np.arctan(y / x) cannot tell (-1, -1) from (1, 1) (and divides by 0 on the y axis): "
        "use np.arctan2(y, x).",
    ),
    Mistake(
        "arctan2(x, y)",
        lambda X: np.column_stack([np.hypot(X[:, 0], X[:, 1]), np.arctan2(X[:, 0], X[:, 1])]),
        "np.arctan2 takes y first: np.arctan2(y, x).",
    ),
    Mistake(
        "degrees",
        lambda X: np.column_stack([_polar(X)[:, 0], np.degrees(_polar(X)[:, 1])]),
        "theta in radians, as np.arctan2 gives it (pi, not 180).",
    ),
    Mistake(
        "theta first",
        lambda X: _polar(X)[:, ::-1],
        "column 0 is r and column 1 is theta.",
    ),
    Mistake(
        "transposed",
        lambda X: _polar(X).T,
        "one row per point: shape (n, 2). np.column_stack([r, theta]) gives it "
        "(np.array([r, theta]) gives (2, n)).",
    ),
]


def fit_line(learner_fn):
    """Check `fit_line(x, y) -> (slope, intercept)`: the least-squares line through 1-D data."""
    x_noisy = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    y_noisy = np.array([2.9, 5.2, 6.8, 9.1, 11.2, 12.8])
    slope, intercept = np.polyfit(x_noisy, y_noisy, 1)
    x_far = np.array([100.0, 102.0, 104.0, 106.0, 108.0])
    y_far = 500.0 - 3.0 * x_far + np.array([0.5, -0.5, 0.0, 0.5, -0.5])
    slope_far, intercept_far = np.polyfit(x_far, y_far, 1)
    cases = [
        (
            "points exactly on y = 2x + 1",
            (np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 5.0, 7.0])),
            (2.0, 1.0),
            "points on a line give that line back: return the pair (slope, intercept).",
        ),
        (
            "noisy points (compared with np.polyfit)",
            (x_noisy, y_noisy),
            (slope, intercept),
            "slope = sum((x - x_mean) * (y - y_mean)) / sum((x - x_mean) ** 2); intercept = y_mean "
            "- slope * x_mean.",
        ),
        (
            "a falling line far from x = 0",
            (x_far, y_far),
            (slope_far, intercept_far),
            "slope = sum((x - x_mean) * (y - y_mean)) / sum((x - x_mean) ** 2); "
            "intercept = y_mean - slope * x_mean.",
        ),
        (
            "just two points",
            (np.array([-1.0, 3.0]), np.array([4.0, -4.0])),
            (-2.0, 2.0),
            "two points: the line goes through both; slope = rise / run = -8 / 4.",
        ),
    ]
    return check_cases("fit_line(x, y)", learner_fn, cases, FIT_LINE_MISTAKES)


def threshold_accuracy(learner_fn):
    """Check `threshold_accuracy(x, y, t)`: class 1 where x >= t; the fraction predicted right."""
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    y = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    cases = [
        (
            "a threshold that separates perfectly",
            (x, y, 3.5),
            1.0,
            "predict 1 where x >= t, else 0; accuracy = mean(prediction == y).",
        ),
        (
            "a threshold with 2 mistakes out of 6",
            (x, y, 5.5),
            4 / 6,
            "predict 1 where x >= t, else 0; accuracy = mean(prediction == y).",
        ),
        (
            "a point exactly at the threshold counts as class 1",
            (x, y, 4.0),
            1.0,
            "use >= (x at the threshold is predicted as class 1), not >.",
        ),
        (
            "classes the other way round",
            (x, 1.0 - y, 3.5),
            0.0,
            "the rule is fixed (x >= t means class 1), so here every prediction is wrong.",
        ),
        (
            "threshold above every point",
            (np.array([0.5, 1.5, 2.5]), np.array([0.0, 0.0, 1.0]), 10.0),
            2 / 3,
            "no x reaches t, so everything is predicted 0; two of the three labels are 0.",
        ),
    ]
    return check_cases(
        "threshold_accuracy(x, y, t)", learner_fn, cases, THRESHOLD_ACCURACY_MISTAKES
    )


def to_polar(learner_fn):
    """Check `to_polar(X) -> (n, 2)` with columns r = sqrt(x^2 + y^2) and theta = arctan2(y, x)."""
    X = np.array([[1.0, 0.0], [0.0, 2.0], [-3.0, 0.0], [0.0, -1.0]])
    expected = np.array([[1.0, 0.0], [2.0, np.pi / 2], [3.0, np.pi], [1.0, -np.pi / 2]])
    cases = [
        (
            "one point on the positive x axis",
            (np.array([[3.0, 0.0]]),),
            np.array([[3.0, 0.0]]),
            "return an array of shape (n, 2): column 0 is r, column 1 is theta.",
        ),
        (
            "four points on the axes",
            (X,),
            expected,
            "r = np.sqrt(x**2 + y**2) (not squared); theta = np.arctan2(y, x), which knows the "
            "quadrant.",
        ),
        (
            "points left of the y axis",
            (np.array([[-1.0, 1.0], [-1.0, -1.0]]),),
            np.array([[np.sqrt(2), 3 * np.pi / 4], [np.sqrt(2), -3 * np.pi / 4]]),
            "np.arctan(y / x) cannot tell (-1, -1) from (1, 1): use np.arctan2(y, x).",
        ),
    ]
    return check_cases("to_polar(X)", learner_fn, cases, TO_POLAR_MISTAKES)
