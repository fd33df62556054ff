"""Notebook 05's checkers, tested three ways: solution, placeholder, typical mistake."""

import numpy as np

from course_utils import checks


def solution_relu(z):
    return np.maximum(z, 0)


def solution_relu_derivative(z):
    return (z > 0).astype(float)


def solution_sigmoid(z):
    e = np.exp(-np.abs(z))  # at most 1: never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def naive_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_relu_and_derivative():
    assert checks.relu_and_derivative(solution_relu, solution_relu_derivative).status == "passed"
    one_at_zero = checks.relu_and_derivative(solution_relu, lambda z: (z >= 0).astype(float))
    assert one_at_zero.status == "passed" and "both are fine" in repr(one_at_zero)

    def placeholder(z):
        return ...  # your code here

    assert checks.relu_and_derivative(placeholder, placeholder).status == "not done"
    assert checks.relu_and_derivative(solution_relu, placeholder).status == "not done"

    slope_one_everywhere = checks.relu_and_derivative(solution_relu, lambda z: np.ones_like(z))
    assert slope_one_everywhere.status == "failed"
    assert "slope there is 0, not 1" in repr(slope_one_everywhere)

    derivative_is_relu = checks.relu_and_derivative(solution_relu, solution_relu)
    assert derivative_is_relu.status == "failed" and "that is relu(z) itself" in repr(
        derivative_is_relu
    )

    def in_place(z):
        z[z < 0] = 0
        return z

    result = checks.relu_and_derivative(in_place, solution_relu_derivative)
    assert result.status == "failed" and "changed its input z" in repr(result)

    result = checks.relu_and_derivative(
        lambda z: max(z, 0), solution_relu_derivative
    )  # not elementwise
    assert result.status == "failed" and "raised ValueError" in repr(result)


def test_stable_sigmoid():
    assert checks.stable_sigmoid(solution_sigmoid).status == "passed"
    assert checks.stable_sigmoid(lambda z: np.exp(-np.logaddexp(0, -z))).status == "passed"

    def placeholder(z):
        return ...  # your code here

    assert checks.stable_sigmoid(placeholder).status == "not done"

    naive = checks.stable_sigmoid(naive_sigmoid)
    assert naive.status == "failed"
    assert "overflow encountered in exp" in repr(naive) and "exp(-|z|)" in repr(naive)
    assert "✔ small z" in repr(naive)  # right where it does not overflow

    def both_branches(z):  # np.where computes exp(z) for the positive entries too
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))

    result = checks.stable_sigmoid(both_branches)
    assert (
        result.status == "failed" and "overflow" in repr(result) and "BOTH branches" in repr(result)
    )

    wrong_sign = checks.stable_sigmoid(lambda z: solution_sigmoid(-z))
    assert wrong_sign.status == "failed" and "1 / (1 + exp(-z))" in repr(wrong_sign)
