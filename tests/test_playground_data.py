"""The playground's data sets and features (course_utils/playground_data.py), as the original's."""

import numpy as np
import pytest

from course_utils import playground_data


@pytest.mark.parametrize("name", playground_data.DATASETS)
def test_every_data_set_is_seeded_and_in_the_square(name):
    X, y = playground_data.make_dataset(name, seed=3)
    n = playground_data.DEFAULT_POINTS[playground_data.problem_of(name)]
    assert X.shape == (n, 2) and y.shape == (n,)
    assert np.all(np.abs(X) <= 6)
    X2, y2 = playground_data.make_dataset(name, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = playground_data.make_dataset(name, seed=4)
    assert not np.array_equal(X, X3)
    if name in playground_data.CLASSIFICATION:
        assert set(np.unique(y)) == {-1.0, 1.0}
        assert abs(np.mean(y)) <= 0.1  # both classes, about half each
    else:
        assert np.all(np.abs(y) <= 1.21) and np.std(y) > 0.05


@pytest.mark.parametrize("name", ["circle", "xor"])
def test_noise_flips_labels_of_circle_and_xor_but_does_not_move_points(name):
    X0, y0 = playground_data.make_dataset(name, noise=0.0, seed=1)
    X5, y5 = playground_data.make_dataset(name, noise=0.5, seed=1)
    assert np.array_equal(X0, X5)
    assert 0.03 < np.mean(y0 != y5) < 0.5
    if name == "circle":
        assert np.all((np.hypot(*X0.T) < 2.5) == (y0 > 0))  # no noise: the label is the true side
    else:
        assert np.all((X0[:, 0] * X0[:, 1] >= 0) == (y0 > 0))
        assert np.all(np.abs(X0) >= 0.3)  # the padding keeps points off the axes


def test_noise_widens_the_gaussians_and_moves_spiral_points():
    X0, y0 = playground_data.gauss(noise=0.0, seed=0)
    X5, _ = playground_data.gauss(noise=0.5, seed=0)
    centre = np.where(y0[:, None] > 0, 2.0, -2.0)
    assert np.var(X0 - centre) == pytest.approx(0.5, rel=0.15)
    assert np.var(X5 - centre) == pytest.approx(4.0, rel=0.15)
    S0, s0 = playground_data.spiral(noise=0.0, seed=0)
    S5, s5 = playground_data.spiral(noise=0.5, seed=0)
    assert np.array_equal(s0, s5) and 0 < np.abs(S5 - S0).max() <= 0.5
    radius = np.hypot(*S0.T)
    assert radius.max() < 5 and radius.min() == 0


def test_regression_targets_follow_the_original_formulas():
    X, y = playground_data.plane(n=100, noise=0.0, seed=0)
    assert np.allclose(y, (X[:, 0] + X[:, 1]) / 10)
    X, y = playground_data.multi_gauss(n=2000, noise=0.0, seed=0)
    near = np.hypot(X[:, 0] - 4, X[:, 1] - 2.5) < 0.5  # the bump (4, 2.5, +1)
    assert np.all(y[near] > 0.7)
    far = np.all(
        [np.hypot(X[:, 0] - cx, X[:, 1] - cy) > 2 for cx, cy, _ in playground_data.GAUSSIAN_BUMPS],
        axis=0,
    )
    assert np.all(y[far] == 0)


def test_bad_data_arguments_have_clear_messages():
    with pytest.raises(ValueError, match="noise is a fraction from 0 to 0.5"):
        playground_data.circle(noise=30)
    with pytest.raises(ValueError, match="data set"):
        playground_data.make_dataset("donut")


def test_split_keeps_the_order_and_the_share():
    X, y = playground_data.make_dataset("xor", seed=0)
    X_train, y_train, X_test, y_test = playground_data.split(X, y, 30)
    assert len(y_train) == 150 and len(y_test) == 350
    assert np.array_equal(np.concatenate([X_train, X_test]), X)


def test_features_and_their_other_names():
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    F = playground_data.feature_matrix(
        X, ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]
    )
    assert np.allclose(F[1], [-3, 0.5, 9, 0.25, -1.5, np.sin(-3), np.sin(0.5)])
    assert playground_data.feature_name("sin x1") == "sin(x1)"
    assert playground_data.feature_name("X1**2") == "x1^2"
    assert playground_data.feature_name("x1x2") == "x1*x2"
    assert playground_data.feature_name("x₂²") == "x2^2"
    with pytest.raises(ValueError, match="feature"):
        playground_data.feature_name("cos x1")
