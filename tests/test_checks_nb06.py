"""Notebook 06's checkers, tested three ways: solution, placeholder, typical mistake."""

import numpy as np

from course_utils import checks


def solution_mse(y, y_hat):
    return np.mean((y_hat - y) ** 2)


def solution_mse_gradient(y, y_hat):
    return 2 * (y_hat - y) / y.size


def solution_cross_entropy(y, Z):
    m = Z.max(axis=1, keepdims=True)
    log_sum_exp = m[:, 0] + np.log(np.exp(Z - m).sum(axis=1))
    return np.mean(log_sum_exp - Z[np.arange(len(y)), y])


def placeholder(*args):
    return ...  # your code here


def test_mse_and_gradient():
    assert checks.mse_and_gradient(solution_mse, solution_mse_gradient).status == "passed"
    assert checks.mse_and_gradient(placeholder, placeholder).status == "not done"
    assert checks.mse_and_gradient(solution_mse, placeholder).status == "not done"

    no_two = checks.mse_and_gradient(solution_mse, lambda y, y_hat: (y_hat - y) / y.size)
    assert no_two.status == "failed" and "the factor 2 is missing" in repr(no_two)
    no_mean = checks.mse_and_gradient(solution_mse, lambda y, y_hat: 2 * (y_hat - y))
    assert no_mean.status == "failed" and "divide by n" in repr(no_mean)
    flipped = checks.mse_and_gradient(solution_mse, lambda y, y_hat: 2 * (y - y_hat) / y.size)
    assert flipped.status == "failed" and "sign is flipped" in repr(flipped)

    summed = checks.mse_and_gradient(
        lambda y, y_hat: np.sum((y_hat - y) ** 2), solution_mse_gradient
    )
    assert summed.status == "failed" and "sum of squares" in repr(summed)
    rmse = checks.mse_and_gradient(
        lambda y, y_hat: np.sqrt(np.mean((y_hat - y) ** 2)), solution_mse_gradient
    )
    assert rmse.status == "failed" and "RMSE" in repr(rmse)


def test_stable_cross_entropy():
    assert checks.stable_cross_entropy(solution_cross_entropy).status == "passed"
    assert checks.stable_cross_entropy(placeholder).status == "not done"

    def no_max_subtraction(y, Z):
        p = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
        return np.mean(-np.log(p[np.arange(len(y)), y]))

    naive = checks.stable_cross_entropy(no_max_subtraction)
    assert naive.status == "failed"
    assert "overflow encountered in exp" in repr(naive) and "subtract each row's maximum" in repr(
        naive
    )
    assert "✔ 2 examples, 3 classes" in repr(naive)

    def log_of_stable_softmax(y, Z):  # no overflow, but p rounds to 0 and log(0) = -inf
        e = np.exp(Z - Z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        return np.mean(-np.log(p[np.arange(len(y)), y]))

    result = checks.stable_cross_entropy(log_of_stable_softmax)
    assert result.status == "failed" and "divide by zero encountered in log" in repr(result)

    summed = checks.stable_cross_entropy(lambda y, Z: solution_cross_entropy(y, Z) * len(y))
    assert summed.status == "failed" and "take the mean" in repr(summed)

    def crashes(y, Z):
        raise IndexError("index 3 is out of bounds")

    assert checks.stable_cross_entropy(crashes).status == "failed"
