"""Notebook 01's checkers, tested three ways: solution, placeholder, typical mistake."""

import numpy as np

from course_utils import checks


def fit_line_solution(x, y):
    slope = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    return slope, y.mean() - slope * x.mean()


def test_fit_line():
    assert checks.fit_line(fit_line_solution).status == "passed"
    assert (
        checks.fit_line(lambda x, y: (np.polyfit(x, y, 1)[0], np.polyfit(x, y, 1)[1])).status
        == "passed"
    )
    assert checks.fit_line(lambda x, y: ...).status == "not done"
    through_origin = checks.fit_line(lambda x, y: (np.sum(x * y) / np.sum(x * x), 0.0))
    assert through_origin.status == "failed" and "Hint" in repr(through_origin)
    swapped = checks.fit_line(lambda x, y: fit_line_solution(x, y)[::-1])
    assert swapped.status == "failed"
    assert "expected (2, 1), got (1, 2)" in repr(swapped)  # plain numbers, no np.float64(...) reprs


def test_threshold_accuracy():
    assert checks.threshold_accuracy(lambda x, y, t: np.mean((x >= t) == y)).status == "passed"
    assert checks.threshold_accuracy(lambda x, y, t: ...).status == "not done"
    strict = checks.threshold_accuracy(lambda x, y, t: np.mean((x > t) == y))
    assert strict.status == "failed" and "use >=" in repr(strict)
    count = checks.threshold_accuracy(lambda x, y, t: np.sum((x >= t) == y))
    assert count.status == "failed" and "fraction" in repr(count)


def test_to_polar():
    def solution(X):
        return np.column_stack([np.hypot(X[:, 0], X[:, 1]), np.arctan2(X[:, 1], X[:, 0])])

    assert checks.to_polar(solution).status == "passed"
    assert checks.to_polar(lambda X: ...).status == "not done"
    naive = checks.to_polar(
        lambda X: np.column_stack([np.hypot(X[:, 0], X[:, 1]), np.arctan(X[:, 1] / X[:, 0])])
    )
    assert naive.status == "failed" and "arctan2" in repr(naive)
    transposed = checks.to_polar(lambda X: solution(X).T)
    assert transposed.status == "failed" and "shape" in repr(transposed)
    squared = checks.to_polar(
        lambda X: np.column_stack([X[:, 0] ** 2 + X[:, 1] ** 2, np.arctan2(X[:, 1], X[:, 0])])
    )
    assert squared.status == "failed"
