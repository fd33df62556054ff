"""Tests for course_utils.activations: values, derivatives, stability, dtypes, errors."""

import numpy as np
import pytest

from course_utils import activations as act
from course_utils.activations import get_activation
from course_utils.gradcheck import numerical_gradient, relative_error

# Test points away from the kinks of relu, leaky_relu and elu at z = 0.
Z = np.array([[-2.5, -1.3, -0.4, 0.3], [0.7, 1.1, 1.9, 3.2]])
EXTREME = np.array([-1e4, -1e3, -50.0, -1.0, 0.0, 1.0, 50.0, 1e3, 1e4])

ELEMENTWISE = ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus"]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_numerical_gradient(name):
    a = act.get_activation(name)
    z = Z.copy()
    # For an elementwise g, d(sum g(z))/dz_i = g'(z_i).
    numeric = numerical_gradient(lambda v: np.sum(a.function(v)), z)
    assert relative_error(a.derivative(Z), numeric) < 1e-7


@pytest.mark.parametrize("alpha", [0.1, 0.3])
def test_derivatives_with_alpha(alpha):
    z = Z.copy()
    numeric = numerical_gradient(lambda v: np.sum(act.leaky_relu(v, alpha)), z)
    assert relative_error(act.leaky_relu_derivative(Z, alpha), numeric) < 1e-7
    numeric = numerical_gradient(lambda v: np.sum(act.elu(v, alpha)), z)
    assert relative_error(act.elu_derivative(Z, alpha), numeric) < 1e-7


def test_softmax_backward_matches_numerical_gradient():
    rng = np.random.default_rng(0)
    z = rng.standard_normal((3, 4))
    grad_output = rng.standard_normal((3, 4))
    # L = sum(grad_output * softmax(z)) has dL/dsoftmax = grad_output.
    numeric = numerical_gradient(lambda v: np.sum(grad_output * act.softmax(v)), z)
    assert relative_error(act.softmax_backward(z, grad_output), numeric) < 1e-7


def test_softmax_backward_along_axis_0():
    rng = np.random.default_rng(1)
    z = rng.standard_normal((4, 3))
    grad_output = rng.standard_normal((4, 3))
    numeric = numerical_gradient(lambda v: np.sum(grad_output * act.softmax(v, axis=0)), z)
    assert relative_error(act.softmax_backward(z, grad_output, axis=0), numeric) < 1e-7


def test_known_values():
    assert act.sigmoid(0.0) == 0.5
    assert act.tanh(0.0) == 0.0
    np.testing.assert_allclose(act.relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    np.testing.assert_allclose(act.leaky_relu([-2.0, 3.0]), [-0.02, 3.0])
    np.testing.assert_allclose(act.elu([-1e4, 2.0]), [-1.0, 2.0])
    np.testing.assert_allclose(act.step([-0.1, 0.0, 0.1]), [0.0, 1.0, 1.0])
    np.testing.assert_allclose(act.softplus(0.0), np.log(2))
    np.testing.assert_allclose(act.gelu([0.0, 10.0, -10.0]), [0.0, 10.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(act.softmax([[1.0, 1.0]]), [[0.5, 0.5]])
    np.testing.assert_allclose(act.sigmoid_derivative(0.0), 0.25)
    np.testing.assert_allclose(act.relu_derivative([-1.0, 0.0, 1.0]), [0.0, 0.0, 1.0])


def test_sigmoid_tails_are_accurate():
    # The stable formula keeps tiny probabilities, it does not round them to 0.
    np.testing.assert_allclose(act.sigmoid(-40.0), np.exp(-40.0), rtol=1e-12)
    np.testing.assert_allclose(act.softplus(-40.0), np.exp(-40.0), rtol=1e-12)
    np.testing.assert_allclose(act.softplus(1e4), 1e4)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", list(act.ACTIVATIONS))
def test_extreme_inputs_finite_no_warnings_keep_dtype(name, dtype):
    # pytest turns every warning into an error, so overflow would fail here.
    z = EXTREME.astype(dtype)
    a = act.get_activation(name)
    out = a.function(z)
    assert out.dtype == dtype and out.shape == z.shape
    assert np.all(np.isfinite(out))
    if name not in ("step", "softmax"):
        d = a.derivative(z)
        assert d.dtype == dtype and d.shape == z.shape
        assert np.all(np.isfinite(d))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_extreme_rows(dtype):
    z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]], dtype=dtype)
    s = act.softmax(z)
    assert s.dtype == dtype
    np.testing.assert_allclose(s, [[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3]], rtol=1e-6)
    g = act.softmax_backward(z, np.ones_like(z))
    assert g.dtype == dtype and np.all(np.isfinite(g))


def test_sigmoid_extremes_saturate():
    np.testing.assert_array_equal(act.sigmoid(np.array([-1e4, 1e4])), [0.0, 1.0])
    assert act.sigmoid(np.float32(-1e4)) == 0.0


def test_integer_input_becomes_float64():
    assert act.relu(np.array([-1, 2])).dtype == np.float64
    assert act.sigmoid([0, 1]).dtype == np.float64


def test_step_derivative_explains():
    with pytest.raises(ValueError, match="zero gradient.*gradient descent cannot train"):
        act.step_derivative(np.zeros(3))


def test_softmax_derivative_points_to_backward():
    with pytest.raises(ValueError, match="not elementwise.*softmax_backward"):
        act.get_activation("softmax").derivative(np.zeros((2, 3)))


def test_softmax_backward_shape_mismatch():
    with pytest.raises(
        ValueError, match=r"z has shape \(2, 3\) but grad_output has shape \(3, 2\)"
    ):
        act.softmax_backward(np.zeros((2, 3)), np.zeros((3, 2)))


def test_softmax_of_a_single_number():
    with pytest.raises(ValueError, match="at least one axis"):
        act.softmax(3.0)


def test_non_numeric_input():
    with pytest.raises(TypeError, match="sigmoid: z must contain numbers"):
        act.sigmoid(["a", "b"])


def test_registry_names_and_lookup():
    assert list(act.ACTIVATIONS) == [
        "identity",
        "step",
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "elu",
        "gelu",
        "softplus",
        "softmax",
    ]
    for name, a in act.ACTIVATIONS.items():
        assert a.name == name
        assert act.get_activation(name) is a
    assert act.get_activation("linear").name == "identity"
    assert act.get_activation("ReLU").name == "relu"
    a = act.get_activation("tanh")
    assert act.get_activation(a) is a


def test_unknown_activation_lists_valid_and_suggests():
    with pytest.raises(
        ValueError,
        match=r"Unknown activation 'relu6'\. Valid: identity, step, .*softmax\. "
        r"Did you mean 'relu'\?",
    ):
        act.get_activation("relu6")
    with pytest.raises(ValueError, match="Did you mean 'sigmoid'"):
        act.get_activation("sigmiod")


def test_unknown_activation_without_close_match():
    with pytest.raises(ValueError, match="Unknown activation 'xyz'") as info:
        act.get_activation("xyz")
    assert "Did you mean" not in str(info.value)


def test_name_must_be_a_string():
    with pytest.raises(TypeError, match="name must be a string"):
        act.get_activation(3)


def test_log_sum_exp_is_stable_and_matches_the_naive_formula():
    from course_utils.activations import log_sum_exp

    z = np.array([[0.5, -1.0, 2.0], [3.0, 3.0, 3.0]])
    assert log_sum_exp(z).shape == (2, 1)
    np.testing.assert_allclose(
        log_sum_exp(z), np.log(np.exp(z).sum(axis=1, keepdims=True)), rtol=1e-14
    )
    big = np.array([[1e4, 0.0, -1e4]])
    np.testing.assert_allclose(log_sum_exp(big), [[1e4]])
    assert np.all(np.isfinite(log_sum_exp(big.astype(np.float32))))


@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu"])
def test_derivative_from_output_equals_the_derivative(name):
    """The table's shortcut g'(z) = f(g(z)) gives the same numbers as g'(z) itself."""
    activation = get_activation(name)
    z = np.linspace(-6, 6, 101)
    from_output = activation.derivative_from_output(activation.function(z))
    np.testing.assert_allclose(from_output, activation.derivative(z), rtol=1e-12, atol=1e-15)


# ------------------------------------------- the whole float range (issue 15)
def test_softmax_and_log_sum_exp_of_the_largest_floats_do_not_warn():
    """z - max overflowed ("overflow in subtract") for [1e308, -1e308, 0]; the answers are exact."""
    z = np.array([1e308, -1e308, 0.0])
    np.testing.assert_array_equal(act.softmax(z), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(act.log_sum_exp(z), [1e308])


def test_log_sum_exp_of_infinite_rows_is_the_exact_infinity():
    """A row holding +inf has log-sum-exp +inf, a row of -inf only log(0) = -inf (it gave NaN)."""
    z = np.array([[np.inf, 0.0, -3.0], [-np.inf, -np.inf, -np.inf], [np.nan, 0.0, 1.0]])
    result = act.log_sum_exp(z, axis=1)[:, 0]
    assert result[0] == np.inf and result[1] == -np.inf and np.isnan(result[2])


def test_softmax_of_infinite_logits_is_its_limit():
    z = np.array([[np.inf, 0.0, np.inf], [-np.inf, -np.inf, -np.inf], [np.inf, -np.inf, 5.0]])
    expected = [[0.5, 0.0, 0.5], [1 / 3, 1 / 3, 1 / 3], [1.0, 0.0, 0.0]]
    np.testing.assert_allclose(act.softmax(z), expected, rtol=1e-15)


def test_gelu_at_and_beyond_the_overflow_of_z_cubed():
    """gelu(-inf) was NaN; gelu'(|z| >= 1.35e154) NaN with overflow warnings. Limits: 0, 1."""
    z = np.array([-np.inf, -1e300, -1.35e154, 1.35e154, 1e300, np.inf])
    np.testing.assert_array_equal(act.gelu(z), [0.0, 0.0, 0.0, 1.35e154, 1e300, np.inf])
    np.testing.assert_array_equal(act.gelu_derivative(z), [0.0, 0.0, 0.0, 1.0, 1.0, 1.0])


def test_gelu_clipping_changes_no_bit_where_the_formula_did_not_overflow():
    z = np.concatenate([np.linspace(-30, 30, 6001), [-1e100, 1e100]])
    u = act.GELU_C * (z + 0.044715 * z**3)
    np.testing.assert_array_equal(act.gelu(z), 0.5 * z * (1 + np.tanh(u)))


@pytest.mark.parametrize("name", ["step", "relu", "sigmoid", "tanh", "gelu", "elu", "softplus"])
def test_nan_in_nan_out(name):
    """As numpy and PyTorch: a NaN input is never turned into a number (step gave 0)."""
    assert np.isnan(act.get_activation(name).function(np.array([np.nan, 1.0]))[0])


@pytest.mark.parametrize("function", [act.leaky_relu, act.elu, act.leaky_relu_derivative])
def test_alpha_must_be_a_finite_number(function):
    with pytest.raises(TypeError, match="alpha must be a finite number"):
        function(np.zeros(2), alpha=float("nan"))
