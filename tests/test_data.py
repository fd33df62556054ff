"""Tests for course_utils.data: shapes, dtypes, seeding, argument checks."""

import numpy as np
import pytest

from course_utils import data

# name -> (generator, n_features, keyword arguments that make the data random)
GENERATORS = {
    "house_prices": (data.house_prices, 1, {}),
    "xor": (data.xor, 2, {"noise": 0.1}),
    "moons": (data.moons, 2, {}),
    "circles": (data.circles, 2, {}),
    "blobs": (data.blobs, 2, {}),
    "spiral": (data.spiral, 2, {}),
    "polynomial_data": (data.polynomial_data, 1, {}),
}


@pytest.mark.parametrize("name", list(GENERATORS))
@pytest.mark.parametrize("n", [2, 7, 50])
def test_shapes_and_dtypes(name, n):
    generator, d, kwargs = GENERATORS[name]
    X, y = generator(n=n, seed=0, **kwargs)
    assert X.shape == (n, d) and y.shape == (n,)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert np.all(np.isfinite(X)) and np.all(np.isfinite(y))


@pytest.mark.parametrize("name", list(GENERATORS))
def test_same_seed_same_data_different_seed_different_data(name):
    generator, _, kwargs = GENERATORS[name]
    X1, y1 = generator(n=40, seed=3, **kwargs)
    X2, y2 = generator(n=40, seed=3, **kwargs)
    X3, _ = generator(n=40, seed=4, **kwargs)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", list(GENERATORS))
def test_default_call_works(name):
    X, y = GENERATORS[name][0]()
    assert len(X) == len(y) > 0


def test_xor_is_the_exact_truth_table():
    X, y = data.xor(n=4, noise=0)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])
    X, y = data.xor()
    np.testing.assert_array_equal(y, [0, 1, 1, 0])


def test_xor_with_noise_stays_near_its_corners():
    X, y = data.xor(n=400, noise=0.1, seed=0)
    corners = np.round(X)  # noise 0.1 never moves a point half-way to another corner
    np.testing.assert_array_equal(corners, np.tile([[0, 0], [0, 1], [1, 0], [1, 1]], (100, 1)))
    np.testing.assert_array_equal(y, np.logical_xor(corners[:, 0], corners[:, 1]))
    assert y.mean() == 0.5


@pytest.mark.parametrize("name", ["moons", "circles", "blobs", "spiral"])
def test_classes_are_balanced(name):
    X, y = GENERATORS[name][0](n=100, seed=0)
    counts = np.bincount(y.astype(int))
    assert counts.max() - counts.min() <= 1


def test_multi_class_generators():
    _, y = data.blobs(n=30, centers=3, seed=0)
    np.testing.assert_array_equal(np.unique(y), [0, 1, 2])
    _, y = data.spiral(n=31, n_classes=4, seed=0)
    np.testing.assert_array_equal(np.unique(y), [0, 1, 2, 3])


def test_circles_radii():
    X, y = data.circles(n=100, noise=0.0, factor=0.3, seed=0)
    radius = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)


def test_house_prices_follow_the_documented_line():
    X, y = data.house_prices(n=200, noise=0.0, seed=0)
    np.testing.assert_allclose(y, 50 + 2.5 * X[:, 0])
    assert X.min() >= 40 and X.max() <= 200


def test_polynomial_data_is_sorted_sine():
    X, y = data.polynomial_data(n=30, noise=0.0, seed=0)
    assert np.all(np.diff(X[:, 0]) >= 0)
    np.testing.assert_allclose(y, np.sin(2 * np.pi * X[:, 0]))


# ------------------------------------------------------------- bad arguments
@pytest.mark.parametrize("name", list(GENERATORS))
def test_bad_n_and_seed_and_noise(name):
    generator = GENERATORS[name][0]
    with pytest.raises(ValueError, match=rf"{name}: n must be at least \d, got 0"):
        generator(n=0)
    with pytest.raises(TypeError, match=rf"{name}: n must be an integer, got 2\.5"):
        generator(n=2.5)
    with pytest.raises(TypeError, match=rf"{name}: seed must be an integer such as seed=0"):
        generator(seed=None)
    with pytest.raises(ValueError, match=rf"{name}: seed must be at least 0, got -1"):
        generator(seed=-1)
    if name != "blobs":
        with pytest.raises(ValueError, match=rf"{name}: noise must be >= 0, got -0\.1"):
            generator(noise=-0.1)


def test_other_bad_arguments():
    with pytest.raises(ValueError, match="circles: factor .* must be below 1, got 1.5"):
        data.circles(factor=1.5)
    with pytest.raises(ValueError, match="circles: factor must be > 0"):
        data.circles(factor=0)
    with pytest.raises(ValueError, match="blobs: centers must be at least 1, got 0"):
        data.blobs(centers=0)
    with pytest.raises(ValueError, match="blobs: std must be > 0"):
        data.blobs(std=-1.0)
    with pytest.raises(ValueError, match="spiral: n_classes must be at least 2, got 1"):
        data.spiral(n_classes=1)
    with pytest.raises(ValueError, match="moons: n must be at least 2, got 1"):
        data.moons(n=1)


# --------------------------------------------------------- train_test_split
def test_train_test_split_sizes_and_content():
    X, y = data.moons(n=40, seed=0)
    X_train, X_test, y_train, y_test = data.train_test_split(X, y, test_size=0.25, seed=0)
    assert X_train.shape == (30, 2) and X_test.shape == (10, 2)
    assert y_train.shape == (30,) and y_test.shape == (10,)
    # Every example lands in exactly one set, with its own label.
    rows = np.vstack([X_train, X_test])
    labels = np.concatenate([y_train, y_test])
    order = np.lexsort(rows.T)
    np.testing.assert_array_equal(rows[order], X[np.lexsort(X.T)])
    np.testing.assert_array_equal(labels[order], y[np.lexsort(X.T)])


def test_train_test_split_seeded_and_int_test_size():
    X, y = data.blobs(n=20, seed=0)
    a = data.train_test_split(X, y, test_size=5, seed=1)
    b = data.train_test_split(X, y, test_size=5, seed=1)
    c = data.train_test_split(X, y, test_size=5, seed=2)
    assert len(a[1]) == 5
    for first, second in zip(a, b):
        np.testing.assert_array_equal(first, second)
    assert not np.array_equal(a[1], c[1])


def test_train_test_split_stratified_keeps_proportions():
    y = np.array([0.0] * 80 + [1.0] * 20)
    X = np.arange(100.0).reshape(-1, 1)
    _, _, y_train, y_test = data.train_test_split(X, y, test_size=0.25, seed=0, stratify=True)
    assert np.sum(y_test == 1) == 5 and np.sum(y_test == 0) == 20
    assert np.sum(y_train == 1) == 15


def test_train_test_split_errors():
    X, y = data.xor()
    with pytest.raises(
        ValueError, match=r"same number of rows, got X with shape \(4, 2\) and y with shape \(3,\)"
    ):
        data.train_test_split(X, y[:3])
    with pytest.raises(ValueError, match="a fractional test_size must be below 1, got 1.5"):
        data.train_test_split(X, y, test_size=1.5)
    with pytest.raises(ValueError, match="test_size=4 leaves 4 of 4 examples for testing"):
        data.train_test_split(X, y, test_size=4)
    with pytest.raises(ValueError, match=r"stratify=True needs class labels y of shape \(n,\)"):
        data.train_test_split(X, np.eye(4), stratify=True)


# ------------------------------------------------------------------ one_hot
def test_one_hot():
    Y = data.one_hot(np.array([0.0, 2.0, 1.0]), 3)
    np.testing.assert_array_equal(Y, [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    assert Y.dtype == np.float64
    np.testing.assert_array_equal(data.one_hot([1, 0], 2), [[0, 1], [1, 0]])


def test_one_hot_errors():
    with pytest.raises(
        ValueError,
        match=r"one_hot: class labels y must lie in 0\.\.1 for 2 classes, found values from 0 to 2",
    ):
        data.one_hot([0, 2], 2)
    with pytest.raises(
        ValueError,
        match=r"one_hot: class labels y must be 1-D with shape \(n,\), got shape \(3, 1\)\. "
        r"Use y\.ravel\(\)\.",
    ):
        data.one_hot(np.zeros((3, 1)), 2)
    with pytest.raises(ValueError, match="whole numbers"):
        data.one_hot([0.5], 2)
    with pytest.raises(ValueError, match="one_hot: k must be at least 1"):
        data.one_hot([0], 0)
