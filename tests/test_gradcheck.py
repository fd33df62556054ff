"""Tests for course_utils.gradcheck: the numerical gradient, the relative error, and MLP checks."""

import numpy as np
import pytest

from course_utils import activations as act
from course_utils import losses as L
from course_utils.gradcheck import check_model_gradients, numerical_gradient, relative_error


def test_numerical_gradient_of_a_quadratic():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = np.array([0.5, -1.5])
    grad = numerical_gradient(lambda v: v @ A @ v, x)
    np.testing.assert_allclose(grad, 2 * A @ x, rtol=1e-9)


def test_numerical_gradient_restores_x_and_works_for_any_shape():
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    grad = numerical_gradient(lambda v: np.sum(v**3), x)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(grad, 3 * before**2, rtol=1e-8, atol=1e-9)


def test_numerical_gradient_restores_x_when_f_fails():
    x = np.ones(2)

    def f(v):
        if v[0] != 1.0:
            raise RuntimeError("boom")
        return 0.0

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, [1.0, 1.0])


def test_f_must_return_a_scalar():
    with pytest.raises(ValueError, match=r"f must return a single number.*shape \(3,\).*np\.sum"):
        numerical_gradient(lambda v: v * 2, np.ones(3))


def test_x_must_be_a_float_array():
    with pytest.raises(TypeError, match="x must be a numpy array of floats.*dtype int64"):
        numerical_gradient(np.sum, np.array([1, 2]))
    with pytest.raises(TypeError, match="got list"):
        numerical_gradient(np.sum, [1.0, 2.0])


def test_relative_error_definition():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([0.0], [0.0]) == 0.0  # the 1e-8 floor avoids 0 / 0
    assert relative_error([1.0, 1.0], [1.0, 3.0]) == pytest.approx(0.5)  # |1 - 3| / (1 + 3)
    assert relative_error([1.0], [-1.0]) == 1.0  # a sign error gives the maximum, 1
    assert isinstance(relative_error(np.ones(2), np.ones(2)), float)


def test_relative_error_shape_mismatch():
    with pytest.raises(
        ValueError, match=r"relative_error: a has shape \(2,\) but b has shape \(3,\)"
    ):
        relative_error(np.ones(2), np.ones(3))


# ------------------------------------------ a wrong backward pass is caught
Z = np.array([[-1.2, 0.4], [0.9, 2.1]])


def test_sign_error_is_caught():
    def wrong_tanh_derivative(z):
        return act.tanh(z) ** 2 - 1  # sign error

    numeric = numerical_gradient(lambda v: np.sum(act.tanh(v)), Z.copy())
    assert relative_error(act.tanh_derivative(Z), numeric) < 1e-7
    assert relative_error(wrong_tanh_derivative(Z), numeric) > 0.5


def test_missing_term_is_caught():
    def wrong_gelu_derivative(z):
        t = np.tanh(act.GELU_C * (z + 0.044715 * z**3))
        return 0.5 * (1 + t)  # forgot the product-rule term

    numeric = numerical_gradient(lambda v: np.sum(act.gelu(v)), Z.copy())
    assert relative_error(wrong_gelu_derivative(Z), numeric) > 1e-2


def test_missing_factor_in_loss_gradient_is_caught():
    y, y_pred = np.array([1.0, 2.0, 3.0]), np.array([1.5, 1.0, 3.5])
    numeric = numerical_gradient(lambda v: L.mse(y, v), y_pred.copy())
    wrong = (y_pred - y) / y.size  # forgot the 2 of d(r^2)/dr
    assert relative_error(L.mse_gradient(y, y_pred), numeric) < 1e-7
    assert relative_error(wrong, numeric) > 0.3


def test_wrong_softmax_backward_is_caught():
    rng = np.random.default_rng(3)
    z, g = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
    numeric = numerical_gradient(lambda v: np.sum(g * act.softmax(v)), z)
    s = act.softmax(z)
    wrong = g * s * (1 - s)  # treats softmax as if it were elementwise
    assert relative_error(wrong, numeric) > 1e-2


# ------------------------------------------------------------- MLP check
def _data(n_outputs, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((6, 3))
    if n_outputs == 1:
        return X, (rng.uniform(size=6) > 0.5).astype(float)
    return X, np.arange(6) % n_outputs


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(layer_sizes=[3, 4, 1], activation="tanh"),
        dict(layer_sizes=[3, 5, 4, 3], activation="sigmoid"),
        dict(layer_sizes=[3, 4, 1], activation="gelu", output="identity"),
        dict(layer_sizes=[3, 4, 1], activation="tanh", dropout=0.5),
    ],
)
def test_check_model_gradients_on_mlp(kwargs):
    model_module = pytest.importorskip("course_utils.model")
    model = model_module.MLP(seed=1, **kwargs)
    X, y = _data(kwargs["layer_sizes"][-1])
    if kwargs.get("output") == "identity":
        y = X[:, 0] * 0.5
    errors = check_model_gradients(model, X, y)
    n_dense = len(kwargs["layer_sizes"]) - 1
    assert list(errors) == [f"{p}{i}" for i in range(1, n_dense + 1) for p in ("W", "b")]
    assert max(errors.values()) < 1e-7
    assert model.training is True  # the mode is restored


def test_check_model_gradients_catches_a_broken_backward():
    model_module = pytest.importorskip("course_utils.model")
    model = model_module.MLP([3, 4, 1], activation="tanh", seed=1)
    X, y = _data(1)
    original_backward = model.backward

    def broken_backward(y):
        result = original_backward(y)
        model.parameters()[0][2][...] *= -1  # flip the sign of dW1
        return result

    model.backward = broken_backward
    errors = check_model_gradients(model, X, y)
    assert errors["W1"] > 0.5 and errors["W2"] < 1e-7
