"""Notebook 07's checkers, tested three ways: solution, placeholder, typical mistakes."""

import numpy as np

from course_utils import checks


# ------------------------------------------------------------------ minibatches
def minibatches_solution(X, y, batch_size, rng):
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        rows = order[start : start + batch_size]
        yield X[rows], y[rows]


def test_minibatches_solution_passes():
    feedback = checks.minibatches(minibatches_solution)
    assert feedback.status == "passed", repr(feedback)


def test_minibatches_returning_a_list_passes():
    def as_list(X, y, batch_size, rng):
        return list(minibatches_solution(X, y, batch_size, rng))

    assert checks.minibatches(as_list).status == "passed"


def test_minibatches_placeholder_is_not_done():
    def placeholder(X, y, batch_size, rng): ...

    assert checks.minibatches(placeholder).status == "not done"
    assert checks.minibatches(lambda X, y, batch_size, rng: ...).status == "not done"

    def raises(X, y, batch_size, rng):
        raise NotImplementedError

    assert checks.minibatches(raises).status == "not done"


def test_minibatches_separate_permutations_fail():
    def separate(X, y, batch_size, rng):
        X_shuffled, y_shuffled = X[rng.permutation(len(X))], y[rng.permutation(len(y))]
        for start in range(0, len(X), batch_size):
            yield X_shuffled[start : start + batch_size], y_shuffled[start : start + batch_size]

    feedback = checks.minibatches(separate)
    assert feedback.status == "failed"
    assert "ONE permutation" in repr(feedback)


def test_minibatches_dropping_the_last_batch_fails():
    def drop_last(X, y, batch_size, rng):
        order = rng.permutation(len(X))
        for start in range(0, len(X) - batch_size + 1, batch_size):
            rows = order[start : start + batch_size]
            yield X[rows], y[rows]

    feedback = checks.minibatches(drop_last)
    assert feedback.status == "failed"
    assert "keep the last, smaller batch" in repr(feedback)


def test_minibatches_without_shuffling_fails():
    def in_order(X, y, batch_size, rng):
        for start in range(0, len(X), batch_size):
            yield X[start : start + batch_size], y[start : start + batch_size]

    feedback = checks.minibatches(in_order)
    assert feedback.status == "failed"
    assert "original order" in repr(feedback)


def test_minibatches_ignoring_the_rng_fails():
    def own_seed(X, y, batch_size, rng):
        return minibatches_solution(X, y, batch_size, np.random.default_rng(42))

    feedback = checks.minibatches(own_seed)
    assert feedback.status == "failed"
    assert "both epochs used the same order" in repr(feedback)


def test_minibatches_shuffling_in_place_fails():
    def in_place(X, y, batch_size, rng):
        order = rng.permutation(len(X))
        X[:], y[:] = X[order], y[order]
        for start in range(0, len(X), batch_size):
            yield X[start : start + batch_size], y[start : start + batch_size]

    feedback = checks.minibatches(in_place)
    assert feedback.status == "failed"
    assert "changed X or y in place" in repr(feedback)


def test_minibatches_never_stopping_or_crashing_gives_feedback():
    def forever(X, y, batch_size, rng):
        while True:
            yield X[:batch_size], y[:batch_size]

    assert checks.minibatches(forever).status == "failed"

    def crashes(X, y, batch_size, rng):
        yield X[rng.permutation(len(X)) + 1000], y

    feedback = checks.minibatches(crashes)
    assert feedback.status == "failed" and "raised IndexError" in repr(feedback)


# ------------------------------------------------------------------ standardise
def standardise_solution(X_train, X_test):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std


def test_standardise_solution_passes():
    feedback = checks.standardise(standardise_solution)
    assert feedback.status == "passed", repr(feedback)


def test_standardise_placeholder_is_not_done():
    assert checks.standardise(lambda X_train, X_test: ...).status == "not done"


def test_standardise_with_test_statistics_fails():
    def own_statistics(X_train, X_test):
        return (
            (X_train - X_train.mean(axis=0)) / X_train.std(axis=0),
            (X_test - X_test.mean(axis=0)) / X_test.std(axis=0),
        )

    feedback = checks.standardise(own_statistics)
    assert feedback.status == "failed"
    assert "its own mean and std" in repr(feedback)


def test_standardise_with_pooled_statistics_fails():
    def pooled(X_train, X_test):
        both = np.vstack([X_train, X_test])
        mean, std = both.mean(axis=0), both.std(axis=0)
        return (X_train - mean) / std, (X_test - mean) / std

    feedback = checks.standardise(pooled)
    assert feedback.status == "failed"
    assert "training and test data together" in repr(feedback)


def test_standardise_other_mistakes_get_their_hints():
    def all_columns(X_train, X_test):
        return (X_train - X_train.mean()) / X_train.std(), (X_test - X_train.mean()) / X_train.std()

    assert "axis=0" in repr(checks.standardise(all_columns))

    def no_division(X_train, X_test):
        return X_train - X_train.mean(axis=0), X_test - X_train.mean(axis=0)

    assert "divide by the standard deviation" in repr(checks.standardise(no_division))

    def in_place(X_train, X_test):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        X_train -= mean
        X_train /= std
        return X_train, (X_test - mean) / std

    assert "in place" in repr(checks.standardise(in_place))

    assert checks.standardise(lambda X_train, X_test: X_train).status == "failed"
