"""Tests of course_utils.layers: Dense, Activation, Dropout."""

import numpy as np
import pytest

from course_utils.activations import sigmoid_derivative, tanh_derivative
from course_utils.gradcheck import numerical_gradient, relative_error
from course_utils.layers import Activation, Dense, Dropout

TOLERANCE = 1e-7  # relative error of a correct backward pass in float64


def layer_gradient_errors(layer, X, seed=0):
    """Relative errors of layer.backward for the scalar L = sum(G * layer.forward(X)), G random.

    dL/d(output) = G, so backward(G) must return dL/dX and store the parameter gradients.
    Returns: dict {"X": error, "W": error, "b": error, ...}.
    """
    G = np.random.default_rng(seed).normal(size=layer.forward(X).shape)
    dX = layer.backward(G)
    errors = {
        "X": relative_error(dX, numerical_gradient(lambda _: np.sum(G * layer.forward(X)), X))
    }
    for name, param, grad in layer.parameters():
        analytic = grad.copy()
        errors[name] = relative_error(
            analytic, numerical_gradient(lambda _: np.sum(G * layer.forward(X)), param)
        )
    return errors


# ------------------------------------------------------------------ Dense
def test_dense_forward_is_affine():
    layer = Dense(2, 3, rng=0)
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
    layer.b[:] = [0.1, 0.2, 0.3]
    np.testing.assert_allclose(layer.forward(X), X @ layer.W + layer.b, rtol=0, atol=1e-15)
    assert layer.forward(X).shape == (4, 3)


def test_dense_gradients_match_numerical():
    X = np.random.default_rng(1).normal(size=(5, 3))
    layer = Dense(3, 4, rng=2)
    layer.b[:] = np.random.default_rng(3).normal(size=4)
    errors = layer_gradient_errors(layer, X)
    assert set(errors) == {"X", "W", "b"}
    assert max(errors.values()) < TOLERANCE, errors


def test_dense_backward_writes_gradients_in_place():
    layer = Dense(2, 3, rng=0)
    (_, W, dW), (_, b, db) = layer.parameters()
    assert W is layer.W and dW is layer.dW and b is layer.b and db is layer.db
    layer.forward(np.ones((4, 2)))
    layer.backward(np.ones((4, 3)))
    assert dW is layer.dW and db is layer.db  # references handed out by parameters() stay valid
    np.testing.assert_array_equal(layer.dW, np.full((2, 3), 4.0))
    np.testing.assert_array_equal(layer.db, np.full(3, 4.0))


def test_dense_wrong_number_of_features_message():
    with pytest.raises(
        ValueError,
        match=r"^Dense\(2 -> 3\) expects inputs with 2 features, got X with shape \(4, 3\)$",
    ):
        Dense(2, 3).forward(np.ones((4, 3)))


def test_dense_1d_input_message_explains_reshape():
    with pytest.raises(ValueError, match=r"must be 2-D.*got shape \(2,\).*reshape\(1, -1\)"):
        Dense(2, 3).forward(np.ones(2))


def test_dense_backward_checks_shape_and_order():
    layer = Dense(2, 3)
    with pytest.raises(RuntimeError, match="call forward"):
        layer.backward(np.ones((4, 3)))
    layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"expects dZ with shape \(4, 3\), got \(4, 2\)"):
        layer.backward(np.ones((4, 2)))


@pytest.mark.parametrize(
    "init, expected_std",
    [("he", np.sqrt(2 / 200)), ("xavier", np.sqrt(2 / (200 + 100))), ("normal", 1.0)],
)
def test_dense_init_scales(init, expected_std):
    layer = Dense(200, 100, init=init, rng=0)
    assert abs(layer.W.std() / expected_std - 1) < 0.02  # 20,000 draws: about 0.5 % noise
    np.testing.assert_array_equal(layer.b, np.zeros(100))


def test_dense_init_is_seeded():
    np.testing.assert_array_equal(Dense(3, 4, rng=7).W, Dense(3, 4, rng=7).W)
    np.testing.assert_array_equal(Dense(3, 4).W, Dense(3, 4, rng=0).W)  # None means seed 0
    assert not np.array_equal(Dense(3, 4, rng=7).W, Dense(3, 4, rng=8).W)


def test_dense_unknown_init_suggests_closest():
    with pytest.raises(
        ValueError,
        match=r"Unknown init 'xavir'\. Valid: he, xavier, normal\. Did you mean 'xavier'\?",
    ):
        Dense(2, 3, init="xavir")


def test_dense_rejects_bad_sizes():
    with pytest.raises(ValueError, match="n_out must be at least 1"):
        Dense(2, 0)
    with pytest.raises(TypeError, match="n_in must be an integer"):
        Dense(2.5, 3)


def test_dense_repr():
    assert repr(Dense(2, 3)) == "Dense(2 -> 3)"


# ------------------------------------------------------------- Activation
@pytest.mark.parametrize(
    "name",
    ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "softmax"],
)
def test_activation_gradients_match_numerical(name):
    X = np.random.default_rng(4).normal(size=(6, 3))
    assert np.abs(X).min() > 1e-3  # away from the kinks of relu and leaky_relu at 0
    errors = layer_gradient_errors(Activation(name), X)
    assert errors["X"] < TOLERANCE, errors


def test_activation_derivative_from_cached_output_matches_derivative_of_z():
    Z = np.linspace(-5, 5, 21).reshape(7, 3)
    dA = np.ones_like(Z)
    for name, derivative in [("sigmoid", sigmoid_derivative), ("tanh", tanh_derivative)]:
        layer = Activation(name)
        layer.forward(Z)
        np.testing.assert_allclose(layer.backward(dA), derivative(Z), rtol=1e-12, atol=1e-15)


def test_activation_unknown_name_lists_valid_and_suggests():
    with pytest.raises(
        ValueError,
        match=r"Unknown activation 'tanhh'\. Valid: identity, step, .*softmax\. "
        r"Did you mean 'tanh'\?",
    ):
        Activation("tanhh")


def test_activation_alias_and_repr():
    assert Activation("linear").name == "identity"
    assert repr(Activation("relu")) == "Activation('relu')"


def test_activation_backward_before_forward():
    with pytest.raises(RuntimeError, match="call forward"):
        Activation("tanh").backward(np.ones((2, 2)))


def test_activation_has_no_parameters():
    assert Activation("relu").parameters() == []


# ---------------------------------------------------------------- Dropout
def test_dropout_is_identity_in_eval_mode():
    X = np.random.default_rng(0).normal(size=(50, 4))
    layer = Dropout(0.5, seed=1)
    layer.training = False
    assert layer.forward(X) is X
    dA = np.ones_like(X)
    assert layer.backward(dA) is dA


def test_dropout_keeps_the_expected_activation_in_training():
    p = 0.3
    X = np.ones((2000, 500))
    A = Dropout(p, seed=0).forward(X)
    assert (
        abs(A.mean() - 1.0) < 0.005
    )  # inverted dropout: E[A] = X; std of this mean is about 0.0007
    assert abs((A == 0).mean() - p) < 0.005  # a fraction p of the units is dropped
    np.testing.assert_allclose(
        np.unique(A), [0.0, 1 / (1 - p)]
    )  # kept units are scaled by 1 / (1 - p)


def test_dropout_backward_uses_the_same_mask():
    layer = Dropout(0.5, seed=3)
    A = layer.forward(np.ones((10, 8)))
    np.testing.assert_array_equal(layer.backward(np.ones((10, 8))), A)


def test_dropout_is_seeded():
    X = np.ones((20, 5))
    np.testing.assert_array_equal(Dropout(0.5, seed=4).forward(X), Dropout(0.5, seed=4).forward(X))
    assert not np.array_equal(Dropout(0.5, seed=4).forward(X), Dropout(0.5, seed=5).forward(X))


def test_dropout_with_p_zero_changes_nothing():
    X = np.random.default_rng(0).normal(size=(5, 3))
    np.testing.assert_array_equal(Dropout(0.0).forward(X), X)


@pytest.mark.parametrize("p", [1.0, 1.5, -0.1])
def test_dropout_rejects_bad_p(p):
    with pytest.raises(ValueError, match="Dropout: p"):
        Dropout(p)


def test_dropout_repr():
    assert repr(Dropout(0.25)) == "Dropout(p=0.25)"
