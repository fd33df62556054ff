"""Tests for course_utils.losses: values, gradients, stability and learner-facing errors."""

import numpy as np
import pytest

from course_utils import losses as L
from course_utils.gradcheck import numerical_gradient, relative_error

# Test points away from the kinks: no residual 0 (mae), no |r| = delta (huber),
# no y * s = 1 (hinge).
Y_REG = np.array([[0.5], [-1.2], [2.0], [0.1]])
PRED_REG = np.array([[0.9], [-0.3], [0.2], [0.35]])  # residuals 0.4, 0.9, -1.8, 0.25
Y_BIN = np.array([[1.0], [0.0], [1.0], [0.0]])
P_BIN = np.array([[0.8], [0.3], [0.45], [0.1]])
Z_BIN = np.array([[1.5], [-0.7], [0.2], [2.1]])
Y_PM = np.array([1.0, -1.0, 1.0, -1.0, 1.0])
SCORES = np.array([0.3, 0.4, 2.0, -1.6, -0.5])  # y * s = 0.3, -0.4, 2.0, 1.6, -0.5
Y_LABELS = np.array([0.0, 2.0, 1.0])
Z_LOGITS = np.array([[1.0, -0.5, 0.3], [0.2, 0.1, -1.2], [2.0, 1.5, 0.4]])

CASES = [
    ("mse", Y_REG, PRED_REG),
    ("mae", Y_REG, PRED_REG),
    ("huber", Y_REG, PRED_REG),
    ("binary_cross_entropy", Y_BIN, P_BIN),
    ("binary_cross_entropy_from_logits", Y_BIN, Z_BIN),
    ("cross_entropy_from_logits", Y_LABELS, Z_LOGITS),
    ("hinge", Y_PM, SCORES),
]


@pytest.mark.parametrize("name, y, pred", CASES)
def test_gradient_matches_numerical_gradient(name, y, pred):
    loss = L.get_loss(name)
    x = pred.copy()
    numeric = numerical_gradient(lambda v: loss.function(y, v), x)
    analytic = loss.gradient(y, pred)
    assert analytic.shape == pred.shape
    assert relative_error(analytic, numeric) < 1e-7


@pytest.mark.parametrize("delta", [0.5, 2.0])
def test_huber_gradient_other_delta(delta):
    x = PRED_REG.copy()
    numeric = numerical_gradient(lambda v: L.huber(Y_REG, v, delta), x)
    assert relative_error(L.huber_gradient(Y_REG, PRED_REG, delta), numeric) < 1e-7


def test_cross_entropy_gradient_with_one_hot_labels():
    Y = np.eye(3)[[0, 2, 1]]
    x = Z_LOGITS.copy()
    numeric = numerical_gradient(lambda v: L.cross_entropy_from_logits(Y, v), x)
    assert relative_error(L.cross_entropy_from_logits_gradient(Y, Z_LOGITS), numeric) < 1e-7
    assert L.cross_entropy_from_logits(Y, Z_LOGITS) == L.cross_entropy_from_logits(
        Y_LABELS, Z_LOGITS
    )


def test_known_values():
    assert L.mse([1.0, 2.0], [1.0, 4.0]) == 2.0
    assert L.mae([1.0, 2.0], [1.0, 4.0]) == 1.0
    assert L.huber([0.0, 0.0], [0.5, 3.0]) == pytest.approx((0.125 + 2.5) / 2)
    assert L.binary_cross_entropy([1.0], [0.5]) == pytest.approx(np.log(2))
    assert L.binary_cross_entropy_from_logits([1.0], [0.0]) == pytest.approx(np.log(2))
    assert L.cross_entropy_from_logits([1], [[0.0, 0.0, 0.0, 0.0]]) == pytest.approx(np.log(4))
    assert L.hinge([1.0, -1.0], [2.0, 0.5]) == pytest.approx(0.75)
    assert isinstance(L.mse([1.0], [2.0]), float)


def test_gradients_at_kinks_use_the_documented_convention():
    np.testing.assert_array_equal(L.mae_gradient([1.0, 1.0], [1.0, 3.0]), [0.0, 0.5])
    np.testing.assert_array_equal(L.hinge_gradient([1.0, 1.0], [1.0, 0.0]), [0.0, -0.5])


def test_logit_and_probability_forms_agree():
    p = 1 / (1 + np.exp(-Z_BIN))
    assert L.binary_cross_entropy(Y_BIN, p) == pytest.approx(
        L.binary_cross_entropy_from_logits(Y_BIN, Z_BIN)
    )
    # Chain rule: dL/dz = dL/dp * p (1 - p).
    np.testing.assert_allclose(
        L.binary_cross_entropy_gradient(Y_BIN, p) * p * (1 - p),
        L.binary_cross_entropy_from_logits_gradient(Y_BIN, Z_BIN),
    )


def test_float32_input_gives_float64_results():
    g = L.mse_gradient(np.ones(3, dtype=np.float32), np.zeros(3, dtype=np.float32))
    assert g.dtype == np.float64


# ---------------------------------------------------------------- stability
def test_extreme_logits_are_finite_and_warning_free():
    z = np.array([[-1e4], [1e4], [1e4], [-1e4]])
    y = np.array([[0.0], [1.0], [0.0], [1.0]])
    # Two confident right answers cost 0, two confident wrong ones 1e4 each.
    assert L.binary_cross_entropy_from_logits(y, z) == pytest.approx(5e3)
    assert np.all(np.isfinite(L.binary_cross_entropy_from_logits_gradient(y, z)))
    Z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4]])
    # Row 1 is right (loss 0); row 2 costs 2e4 + log 2 (two logits tie at 1e4).
    assert L.cross_entropy_from_logits([0, 0], Z) == pytest.approx((2e4 + np.log(2)) / 2)
    assert np.all(np.isfinite(L.cross_entropy_from_logits_gradient([0, 0], Z)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_extreme_inputs_all_losses(dtype):
    big = np.array([-1e4, 1e4, 1e4, -1e4], dtype=dtype)
    pm = np.array([1.0, -1.0, 1.0, -1.0])
    bits = np.array([0.0, 1.0, 1.0, 0.0])
    for function in (L.mse, L.mae, L.huber, L.mse_gradient, L.mae_gradient, L.huber_gradient):
        assert np.all(np.isfinite(function(np.zeros(4), big)))
    for function in (L.hinge, L.hinge_gradient):
        assert np.all(np.isfinite(function(pm, big)))
    for function in (L.binary_cross_entropy, L.binary_cross_entropy_gradient):
        assert np.all(np.isfinite(function(bits, np.array([0.0, 1.0, 0.0, 1.0], dtype=dtype))))
    for function in (
        L.binary_cross_entropy_from_logits,
        L.binary_cross_entropy_from_logits_gradient,
    ):
        assert np.all(np.isfinite(function(bits, big)))
    Z = big.reshape(2, 2)
    for function in (L.cross_entropy_from_logits, L.cross_entropy_from_logits_gradient):
        assert np.all(np.isfinite(function([0, 1], Z)))


def test_bce_clips_probabilities_zero_and_one():
    assert L.binary_cross_entropy([1.0], [0.0]) == pytest.approx(-np.log(1e-12))
    assert L.binary_cross_entropy([0.0], [0.0]) == pytest.approx(0.0, abs=1e-11)


# ------------------------------------------------------------------- errors
ALL_LOSSES = list(L.LOSSES.items())


@pytest.mark.parametrize("name, loss", ALL_LOSSES)
def test_shape_mismatch_names_both_shapes(name, loss):
    if name == "cross_entropy_from_logits":
        match = (
            r"y_true must be class labels of shape \(3,\) or one-hot of shape \(3, 2\)"
            r".*got shape \(3, 1\)\. Use y_true.ravel\(\)"
        )
        y, pred = np.zeros((3, 1)), np.zeros((3, 2))
    else:
        match = r"y_true has shape \(3,\) but .* has shape \(3, 1\); they must have the same shape"
        y, pred = np.array([1.0, 0.0, 1.0]), np.full((3, 1), 0.5)
    for function in (loss.function, loss.gradient):
        with pytest.raises(ValueError, match=match):
            function(y, pred)


@pytest.mark.parametrize("name, loss", ALL_LOSSES)
def test_nan_is_refused(name, loss):
    y, pred = {
        "cross_entropy_from_logits": (np.array([0.0, 1.0]), np.array([[np.nan, 0.0], [0.0, 1.0]])),
        "hinge": (np.array([1.0, -1.0]), np.array([np.nan, 0.5])),
    }.get(name, (np.array([1.0, 0.0]), np.array([np.nan, 0.5])))
    for function in (loss.function, loss.gradient):
        with pytest.raises(
            ValueError, match=rf"{name}(_gradient)?: \w+ contains NaN \(1 of \d entries\)"
        ):
            function(y, pred)


def test_nan_in_labels_and_inf_are_refused():
    with pytest.raises(ValueError, match="mse: y_true contains NaN"):
        L.mse([np.nan, 1.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="mse: y_pred contains infinite values"):
        L.mse([0.0, 1.0], [np.inf, 1.0])


def test_bce_labels_must_be_0_or_1():
    for function in (L.binary_cross_entropy, L.binary_cross_entropy_gradient):
        with pytest.raises(
            ValueError, match=r"y_true may only contain the values \{0, 1\}, found 2"
        ):
            function([0.0, 2.0], [0.5, 0.5])
    with pytest.raises(
        ValueError, match=r"from_logits: y_true may only contain the values \{0, 1\}, found -1"
    ):
        L.binary_cross_entropy_from_logits([-1.0, 1.0], [0.5, 0.5])


def test_bce_probabilities_outside_0_1_suggest_logits():
    with pytest.raises(
        ValueError, match=r"p must hold probabilities in \[0, 1\].*binary_cross_entropy_from_logits"
    ):
        L.binary_cross_entropy([0.0, 1.0], [-0.5, 2.0])


def test_hinge_labels_must_be_plus_minus_one_with_hint():
    with pytest.raises(
        ValueError,
        match=r"values \{-1, 1\}, found 0\. Labels 0/1 become -1/\+1 with y = 2 \* y - 1",
    ):
        L.hinge([0.0, 1.0], [0.5, 0.5])


def test_cross_entropy_labels_out_of_range():
    with pytest.raises(
        ValueError,
        match=r"class labels y_true must lie in 0\.\.2 for 3 classes, found values from 0 to 3",
    ):
        L.cross_entropy_from_logits([0, 3], np.zeros((2, 3)))
    with pytest.raises(ValueError, match="must be whole numbers"):
        L.cross_entropy_from_logits_gradient([0.5, 1.0], np.zeros((2, 3)))


def test_cross_entropy_bad_one_hot():
    with pytest.raises(ValueError, match="exactly one 1"):
        L.cross_entropy_from_logits([[1.0, 1.0], [0.0, 1.0]], np.zeros((2, 2)))
    with pytest.raises(
        ValueError, match=r"y_true \(one-hot\) may only contain the values \{0, 1\}"
    ):
        L.cross_entropy_from_logits([[0.5, 0.5], [0.0, 1.0]], np.zeros((2, 2)))


def test_cross_entropy_needs_2d_logits():
    with pytest.raises(
        ValueError,
        match=r"Z must be 2-D with shape \(n_samples, n_features\), got shape \(3,\)\."
        r".*reshape\(1, -1\)",
    ):
        L.cross_entropy_from_logits([1], np.zeros(3))


def test_empty_input_is_refused():
    with pytest.raises(ValueError, match=r"mse: y_pred is empty"):
        L.mse([], [])


def test_huber_delta_must_be_positive():
    with pytest.raises(ValueError, match="huber: delta must be > 0, got 0"):
        L.huber([0.0], [1.0], delta=0)


def test_registry_and_unknown_name():
    assert list(L.LOSSES) == [
        "mse",
        "mae",
        "huber",
        "binary_cross_entropy",
        "binary_cross_entropy_from_logits",
        "cross_entropy_from_logits",
        "hinge",
    ]
    assert L.get_loss("MSE") is L.LOSSES["mse"]
    with pytest.raises(
        ValueError,
        match=r"Unknown loss 'cross_entropy'\. Valid: mse, .*\. "
        r"Did you mean 'cross_entropy_from_logits'\?",
    ):
        L.get_loss("cross_entropy")


# ------------------------------------------------- no hidden overflow (issue 15)
def test_huber_of_a_huge_residual_is_linear_and_warning_free():
    """np.where computed 0.5 * r**2 for the branch it then threw away: it overflowed and warned."""
    assert L.huber(0.0, 1e300) == pytest.approx(1e300 - 0.5, rel=1e-15)
    assert L.huber([0.0, 0.0], [0.5, -3.0], delta=1.0) == (0.125 + 2.5) / 2


def test_a_loss_beyond_the_float_range_is_inf_without_a_warning():
    assert L.mse(0.0, 1e300) == np.inf
    assert L.cross_entropy_from_logits([1], [[1e308, -1e308]]) == np.inf


def test_cross_entropy_is_exact_where_a_log_probability_overflows():
    """Y * log softmax(Z) was 0 * -inf = NaN where an unused logit is far below the others."""
    assert L.cross_entropy_from_logits([0], [[1e308, -1e308]]) == 0.0
