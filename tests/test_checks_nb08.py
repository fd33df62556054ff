"""Notebook 08's checkers, tested three ways: solution, placeholder, typical mistakes."""

import numpy as np

from course_utils import checks


def split_solution(X, y, test_fraction, rng):
    n = len(X)
    n_test = round(test_fraction * n)
    order = rng.permutation(n)
    test_index, train_index = order[:n_test], order[n_test:]
    return X[train_index], X[test_index], y[train_index], y[test_index]


def test_split_passes_the_solution():
    feedback = checks.split(split_solution)
    assert feedback.status == "passed", repr(feedback)


def test_split_not_done():
    assert checks.split(lambda X, y, test_fraction, rng: ...).status == "not done"


def test_split_catches_overlapping_draws():
    def overlapping(X, y, test_fraction, rng):
        n = len(X)
        n_test = round(test_fraction * n)
        test_index = rng.choice(n, n_test, replace=False)
        train_index = rng.choice(n, n - n_test, replace=False)  # a second, independent draw
        return X[train_index], X[test_index], y[train_index], y[test_index]

    feedback = checks.split(overlapping)
    assert feedback.status == "failed" and "leak" in repr(feedback)


def test_split_catches_separate_shuffles():
    def separately(X, y, test_fraction, rng):
        n_test = round(test_fraction * len(X))
        X, y = rng.permutation(X), rng.permutation(y)
        return X[n_test:], X[:n_test], y[n_test:], y[:n_test]

    feedback = checks.split(separately)
    assert feedback.status == "failed" and "belong together" in repr(feedback)


def test_split_catches_no_shuffle_and_unseeded():
    def tail(X, y, test_fraction, rng):
        n_test = round(test_fraction * len(X))
        return X[:-n_test], X[-n_test:], y[:-n_test], y[-n_test:]

    feedback = checks.split(tail)
    assert feedback.status == "failed" and "first or last" in repr(feedback)

    def own_generator(X, y, test_fraction, rng):
        return split_solution(X, y, test_fraction, np.random.default_rng(42))

    feedback = checks.split(own_generator)
    assert feedback.status == "failed" and "seeding" in repr(feedback)


def test_split_survives_a_crash_and_wrong_size():
    assert checks.split(lambda X, y, f, rng: 1 / 0).status == "failed"
    halves = checks.split(lambda X, y, f, rng: split_solution(X, y, 0.5, rng))
    assert halves.status == "failed" and "test set has" in repr(halves)


def test_best_degree():
    def solution(degrees, train_errors, val_errors):
        return degrees[int(np.argmin(val_errors))]

    assert checks.best_degree(solution).status == "passed"
    assert checks.best_degree(lambda d, t, v: ...).status == "not done"
    index = checks.best_degree(lambda d, t, v: int(np.argmin(v)))
    assert (
        index.status == "failed" and "POSITION" in repr(index) and "degrees[1] = 4" in repr(index)
    )
    train = checks.best_degree(lambda d, t, v: d[int(np.argmin(t))])
    assert train.status == "failed" and "TRAINING" in repr(train) and "validation" in repr(train)
    off_by_one = checks.best_degree(lambda d, t, v: int(np.argmin(v)) + 1)
    assert off_by_one.status == "failed"
    assert checks.best_degree(lambda d, t, v: "three").status == "failed"
