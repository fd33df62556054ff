"""Notebook 04's checkers, tested three ways: solution, placeholder, typical mistake."""

import numpy as np
import pytest

from course_utils import checks
from course_utils.activations import sigmoid
from course_utils.checks import nb04


# ------------------------------------------------------------ neuron_gradients
def neuron_solution(x, w, b, y):
    a = sigmoid(w @ x + b)
    dL_dz = 2 * (a - y) * a * (1 - a)
    return dL_dz * x, dL_dz


def test_neuron_gradients_solution_passes():
    result = checks.neuron_gradients(neuron_solution)
    assert result.status == "passed", repr(result)
    assert len(result.lines) == len(nb04.NEURON_CASES)


def test_neuron_gradients_accepts_db_as_one_element_array():
    assert checks.neuron_gradients(
        lambda x, w, b, y: (
            neuron_solution(x, w, b, y)[0],
            np.array([neuron_solution(x, w, b, y)[1]]),
        )
    ).passed


def test_neuron_gradients_placeholder_is_not_done():
    assert checks.neuron_gradients(lambda x, w, b, y: ...).status == "not done"
    assert checks.neuron_gradients(lambda x, w, b, y: (..., ...)).status == "not done"

    def not_implemented(x, w, b, y):
        raise NotImplementedError

    assert checks.neuron_gradients(not_implemented).status == "not done"


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (
            lambda x, w, b, y: (2 * (sigmoid(w @ x + b) - y) * x, 2 * (sigmoid(w @ x + b) - y)),
            "left out the sigmoid's derivative",
        ),
        (lambda x, w, b, y: tuple(-g for g in neuron_solution(x, w, b, y)), "the sign is flipped"),
        (lambda x, w, b, y: tuple(g / 2 for g in neuron_solution(x, w, b, y)), "lost the factor 2"),
        (
            lambda x, w, b, y: (neuron_solution(x, w, b, y)[1] * w, neuron_solution(x, w, b, y)[1]),
            "not w_i",
        ),
        (lambda x, w, b, y: (neuron_solution(x, w, b, y)[0], 0.0), "the same number as dL/dz"),
        (lambda x, w, b, y: neuron_solution(x, w, b, y)[::-1], "return dw first"),
        (lambda x, w, b, y: neuron_solution(x, w, b, y)[0], "expected a pair (dw, db)"),
    ],
)
def test_neuron_gradients_typical_mistakes_fail_with_a_hint(wrong, hint):
    result = checks.neuron_gradients(wrong)
    assert result.status == "failed"
    assert hint in repr(result), repr(result)


def test_neuron_gradients_a_crash_is_feedback():
    def crashes(x, w, b, y):
        return x @ np.ones(5), 0.0

    result = checks.neuron_gradients(crashes)
    assert result.status == "failed" and "raised ValueError" in repr(result)


# ------------------------------------------------------------ fixed_backward
def backward_solution(X, y, params, cache):
    N = X.shape[0]
    dZ2 = 2 * (cache["y_hat"] - y) / N
    dW2 = cache["A1"].T @ dZ2
    db2 = dZ2.sum(axis=0)
    dA1 = dZ2 @ params["W2"].T
    dZ1 = dA1 * (cache["Z1"] > 0)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def buggy_backward(X, y, params, cache):  # the notebook's buggy version: no ReLU derivative
    grads = backward_solution(X, y, params, cache)
    dA1 = 2 * (cache["y_hat"] - y) / X.shape[0] @ params["W2"].T
    grads["W1"], grads["b1"] = X.T @ dA1, dA1.sum(axis=0)
    return grads


def test_the_cases_stay_away_from_relu_kinks():
    """Numerical gradients are only reliable if no Z1 entry is within a few h of ReLU's kink at 0,
    and the buggy version must differ from the right one in every case."""
    for _, N, D, H, seed in nb04.BACKWARD_CASES:
        X, y, params = nb04.backward_case(N, D, H, seed)
        Z1 = nb04.regression_forward(X, params)["Z1"]
        assert np.abs(Z1).min() > 1e-3
        assert (Z1 < 0).any() and (Z1 > 0).any()


def test_fixed_backward_solution_passes():
    result = checks.fixed_backward(backward_solution)
    assert result.status == "passed", repr(result)
    assert len(result.lines) == len(nb04.BACKWARD_CASES)


def test_fixed_backward_placeholder_is_not_done():
    assert checks.fixed_backward(lambda X, y, params, cache: ...).status == "not done"


def test_fixed_backward_the_unfixed_bug_fails():
    result = checks.fixed_backward(buggy_backward)
    assert result.status == "failed"
    assert "dW1, db1 wrong" in repr(result) and "dZ1 = dA1 * (Z1 > 0)" in repr(result)


def test_fixed_backward_sign_error_fails():
    result = checks.fixed_backward(
        lambda *args: {k: -g for k, g in backward_solution(*args).items()}
    )
    assert result.status == "failed" and "wrong sign" in repr(result)


def test_fixed_backward_missing_mean_fails():
    result = checks.fixed_backward(
        lambda X, *rest: {k: g * X.shape[0] for k, g in backward_solution(X, *rest).items()}
    )
    assert result.status == "failed" and "N times too large" in repr(result)


def test_fixed_backward_transposed_product_fails():
    def transposed(X, y, params, cache):
        grads = backward_solution(X, y, params, cache)
        grads["W1"] = grads["W1"].T  # e.g. dZ1.T @ X instead of X.T @ dZ1
        return grads

    result = checks.fixed_backward(transposed)
    assert result.status == "failed" and "shape of its parameter" in repr(result)


def test_fixed_backward_crash_from_a_transposed_product_is_feedback():
    def crashes(X, y, params, cache):
        dZ2 = 2 * (cache["y_hat"] - y) / X.shape[0]
        dA1 = dZ2 @ params["W2"]  # (N, 1) @ (H, 1): shapes do not fit
        return {"W1": dA1, "b1": dA1, "W2": dA1, "b2": dA1}

    result = checks.fixed_backward(crashes)
    assert result.status == "failed" and "transposed product" in repr(result)


def test_fixed_backward_wrong_return_type_fails():
    result = checks.fixed_backward(lambda *args: list(backward_solution(*args).values()))
    assert result.status == "failed" and "keys W1, b1, W2, b2" in repr(result)


def test_fixed_backward_does_not_let_the_learner_change_its_data():
    def mutates(X, y, params, cache):
        grads = backward_solution(X, y, params, cache)
        params["W1"][...] = 0.0
        X[...] = 0.0
        return grads

    assert checks.fixed_backward(mutates).status == "passed"


# ------------------------------------------------------------ backprop_shapes
def test_backprop_shapes():
    assert checks.backprop_shapes((10, 16), (16,), (64, 16)).status == "passed"
    assert checks.backprop_shapes(..., ..., ...).status == "not done"
    assert checks.backprop_shapes((10, 16), ..., (64, 16)).status == "not done"
    transposed = checks.backprop_shapes((16, 10), (16,), (16, 64))
    assert transposed.status == "failed" and "W1 transposed" in repr(transposed)
    per_example = checks.backprop_shapes((64, 16), (64, 16), (64, 16))
    assert per_example.status == "failed" and "sums over the N examples" in repr(per_example)
    assert (
        checks.backprop_shapes(10, (16,), (64, 16)).status == "failed"
    )  # not a shape: feedback, no crash
