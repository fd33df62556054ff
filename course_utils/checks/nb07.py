"""Checkers for notebook 07 (training in practice): a mini-batch iterator and a standardiser."""

from itertools import islice

import numpy as np

from ._core import Feedback, Mistake, as_array, compare, describe, is_placeholder, known_mistake

__all__ = ["minibatches", "standardise"]


# ------------------------------------------------------------------ mini-batches
def _numbered_data(n, n_features=2):
    """X row i is (i, 100 + i, ...), y[i] = i: every row says where it came from."""
    X = np.arange(n, dtype=float)[:, None] + 100.0 * np.arange(n_features)
    return X, np.arange(n, dtype=float)


def _collect_batches(feedback, learner_fn, X, y, batch_size, seed, case):
    """Run the learner's iterator once; return a list of (X_batch, y_batch) arrays, or None.

    At most len(X) + 5 batches are taken, so an iterator that never stops cannot hang the check.
    `seed` may be an int (a fresh generator) or a Generator (reused).
    """
    rng = np.random.default_rng(seed) if isinstance(seed, int) else seed
    called, result = feedback.call(learner_fn, (X, y, batch_size, rng), case)
    if not called:
        return None
    if not hasattr(result, "__iter__"):
        feedback.fail(
            f"{case}: expected batches to loop over, got {describe(result)}",
            "yield one (X_batch, y_batch) pair per batch (or return a list of them).",
        )
        return None
    # The body of a generator runs only now, while the batches are taken: guarded too.
    called, items = feedback.call(lambda: list(islice(iter(result), len(X) + 5)), (), case)
    if not called:
        return None
    if items and all(is_placeholder(item) for item in items):
        feedback.not_done()
        return None
    batches = []
    for item in items:
        X_batch, y_batch = item if isinstance(item, (tuple, list)) and len(item) == 2 else (0, 0)
        (X_batch, problem), (y_batch, other_problem) = as_array(X_batch), as_array(y_batch)
        if not isinstance(item, (tuple, list)) or len(item) != 2 or problem or other_problem:
            feedback.fail(
                f"{case}: each item must be a pair of arrays (X_batch, y_batch), got "
                f"{describe(item)}",
                "write `yield X[rows], y[rows]` for each group of row indices `rows`.",
            )
            return None
        batches.append((X_batch, y_batch))
    return batches


def _batch_problem(batches, X, y, batch_size):
    """None if the batches are a correct epoch over (X, y), else (what went wrong, hint)."""
    n = len(X)
    if not batches:
        return (
            "got no batches at all",
            "there is always at least one batch: with batch_size larger than n it holds all n "
            "examples. "
            "Yield one (X_batch, y_batch) pair per batch (or return a list of them).",
        )
    if len(batches) > n:
        return (
            f"got more than {n} batches from {n} examples",
            "stop after one pass over the data: loop `for start in range(0, n, batch_size)`.",
        )
    for X_batch, y_batch in batches:
        if (
            X_batch.ndim != 2
            or X_batch.shape[1] != X.shape[1]
            or y_batch.shape != (X_batch.shape[0],)
        ):
            return (
                f"a batch has X_batch with shape {X_batch.shape} and y_batch with shape "
                f"{y_batch.shape}, "
                f"expected (b, {X.shape[1]}) and (b,)",
                "index rows of both arrays with the same index array: X[rows], y[rows].",
            )
    sizes = [len(y_batch) for _, y_batch in batches]
    seen = np.concatenate([y_batch for _, y_batch in batches]) if batches else np.array([])
    if (
        len(seen) < n
        and set(seen.tolist()) <= set(y.tolist())
        and len(set(seen.tolist())) == len(seen)
    ):
        return (
            f"the batches hold {len(seen)} of the {n} examples (batch sizes {sizes})",
            "keep the last, smaller batch: range(0, n, batch_size) with rows order[start:start + "
            "batch_size] "
            "never drops examples.",
        )
    if sorted(seen.tolist()) != sorted(y.tolist()):
        return (
            f"the batches do not hold every example exactly once (batch sizes {sizes})",
            "shuffle the row indices once (order = rng.permutation(n)), then cut that order into "
            "slices.",
        )
    for X_batch, y_batch in batches:
        if not np.array_equal(X_batch, X[y_batch.astype(int)]):
            return (
                "X rows and y labels no longer belong together: X_batch[i] is not the example of "
                "y_batch[i]",
                "use ONE permutation for both arrays: rows = order[start:start + batch_size]; "
                "yield X[rows], y[rows]. Shuffling X and y separately mixes up the labels.",
            )
    expected = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
    if sizes != expected:
        return (
            f"batch sizes {sizes}, expected {expected}",
            "every batch has batch_size rows except the last, which holds what is left.",
        )
    return None


def minibatches(learner_fn):
    """Check `minibatches(X, y, batch_size, rng)`: one shuffled epoch of (X_batch, y_batch)."""
    with Feedback("minibatches(X, y, batch_size, rng)") as feedback:
        cases = [
            ("10 examples in batches of 3 (sizes 3, 3, 3, 1)", 10, 3),
            ("12 examples in batches of 4 (no partial batch)", 12, 4),
            ("batch_size 1: stochastic gradient descent", 5, 1),
            ("batch_size larger than n: one batch with everything", 4, 10),
        ]
        for description, n, batch_size in cases:
            X, y = _numbered_data(n)
            X_before, y_before = X.copy(), y.copy()
            batches = _collect_batches(feedback, learner_fn, X, y, batch_size, 0, description)
            if feedback.status == "not done":
                return feedback
            if batches is None:
                continue
            if not (np.array_equal(X, X_before) and np.array_equal(y, y_before)):
                feedback.fail(
                    f"{description}: your function changed X or y in place",
                    "shuffle an index array (order = rng.permutation(n)) instead of X and y "
                    "themselves.",
                )
                continue
            problem = _batch_problem(batches, X, y, batch_size)
            if problem:
                feedback.fail(f"{description}: {problem[0]}", problem[1])
            else:
                feedback.ok(description)

        # Shuffling: with 20 examples a fresh shuffle is never the original order (these seeds).
        X, y = _numbered_data(20)
        description = "the order is shuffled, and the rng decides it"
        first = _collect_batches(feedback, learner_fn, X, y, 5, 0, description)
        again = (
            _collect_batches(feedback, learner_fn, X, y, 5, 0, description)
            if first is not None
            else None
        )
        if first is not None and again is not None and _batch_problem(first, X, y, 5) is None:
            order = np.concatenate([y_batch for _, y_batch in first])
            order_again = np.concatenate([y_batch for _, y_batch in again])
            if np.array_equal(order, y):
                feedback.fail(
                    f"{description}: the batches come in the original order 0, 1, 2, ...",
                    "shuffle at the start of every epoch: order = rng.permutation(n).",
                )
            elif not np.array_equal(order, order_again):
                feedback.fail(
                    f"{description}: two calls with np.random.default_rng(0) gave different orders",
                    "draw the permutation from the rng argument (rng.permutation(n)), not from "
                    "np.random or a generator of your own.",
                )
            else:
                feedback.ok(f"{description} (the same seed gives the same batches)")

        description = "every epoch gets a new order (calling it twice with the same rng)"
        rng = np.random.default_rng(1)
        epoch_1 = _collect_batches(feedback, learner_fn, X, y, 5, rng, description)
        epoch_2 = (
            _collect_batches(feedback, learner_fn, X, y, 5, rng, description)
            if epoch_1 is not None
            else None
        )
        if epoch_1 is not None and epoch_2 is not None and _batch_problem(epoch_1, X, y, 5) is None:
            order_1 = np.concatenate([y_batch for _, y_batch in epoch_1])
            order_2 = np.concatenate([y_batch for _, y_batch in epoch_2])
            if np.array_equal(order_1, order_2):
                feedback.fail(
                    f"{description}: both epochs used the same order",
                    "use the rng you are given; do not make a new np.random.default_rng(seed) "
                    "inside.",
                )
            else:
                feedback.ok(description)
    return feedback


# ------------------------------------------------------------------ standardise
def _standardise_reference(X_train, X_test):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std


def _scaled(X_train, X_test, mean, std):
    return (X_train - mean) / std, (X_test - mean) / std


STANDARDISE_MISTAKES = [
    Mistake(
        "test statistics for the test set",
        lambda X_train, X_test: (
            _standardise_reference(X_train, X_test)[0],
            (X_test - X_test.mean(axis=0)) / X_test.std(axis=0),
        ),
        "you standardised the test set with its own mean and std. Use the TRAINING mean and std "
        "for both sets: the model learned on that scale, and new data must be put on the same "
        "scale.",
    ),
    Mistake(
        "pooled statistics",
        lambda X_train, X_test: _scaled(
            X_train,
            X_test,
            np.vstack([X_train, X_test]).mean(axis=0),
            np.vstack([X_train, X_test]).std(axis=0),
        ),
        "you computed the mean and std from training and test data together. Compute them on "
        "X_train only: the test set must not influence anything the model uses.",
    ),
    Mistake(
        "ddof=1",
        lambda X_train, X_test: _scaled(
            X_train, X_test, X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
        ),
        "use X_train.std(axis=0) (numpy's default, ddof=0, as scikit-learn's StandardScaler does).",
    ),
    Mistake(
        "one mean for all features",
        lambda X_train, X_test: _scaled(X_train, X_test, X_train.mean(), X_train.std()),
        "compute one mean and one std per feature (per column): axis=0.",
    ),
    Mistake(
        "per row",
        lambda X_train, X_test: tuple(
            (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
            for X in (X_train, X_test)
        ),
        "that standardises each ROW (an example); standardise each column (a feature): axis=0.",
    ),
    Mistake(
        "no division",
        lambda X_train, X_test: _scaled(X_train, X_test, X_train.mean(axis=0), 1.0),
        "divide by the standard deviation too: (X - mean) / std.",
    ),
]


def standardise(learner_fn):
    """Check `standardise(X_train, X_test) -> (X_train_s, X_test_s)` with training statistics."""
    X_train = np.array([[1.0, 200.0], [2.0, 400.0], [3.0, 300.0], [4.0, 500.0], [5.0, 100.0]])
    X_test = np.array([[6.0, 1000.0], [2.0, 700.0], [10.0, 900.0]])
    wide = np.array(
        [[0.001, 5.0, -300.0], [0.003, 7.0, -100.0], [0.002, 6.0, -500.0], [0.006, 2.0, 100.0]]
    )
    wide_test = np.array([[0.004, 1.0, 0.0], [0.0, 9.0, 50.0]])
    cases = [
        ("two features on very different scales", X_train, X_test),
        ("a single new example (it has no spread of its own)", X_train, np.array([[3.0, 300.0]])),
        ("three features, a test set shifted away from the training set", wide, wide_test),
    ]
    general_hint = (
        "mean = X_train.mean(axis=0) and std = X_train.std(axis=0), one value per feature; then "
        "X_train_s = (X_train - mean) / std and X_test_s = (X_test - mean) / std."
    )
    with Feedback("standardise(X_train, X_test)") as feedback:
        for description, train, test in cases:
            train_given, test_given = train.copy(), test.copy()
            called, got = feedback.call(learner_fn, (train_given, test_given), description)
            if not called:
                continue
            if not isinstance(got, (tuple, list)) or len(got) != 2:
                feedback.fail(
                    f"{description}: expected a pair (X_train_s, X_test_s), got {describe(got)}",
                    "end with `return X_train_s, X_test_s`.",
                )
                continue
            if not (np.array_equal(train, train_given) and np.array_equal(test, test_given)):
                feedback.fail(
                    f"{description}: your function changed X_train or X_test in place",
                    "write X_train_s = (X_train - mean) / std (a new array), not X_train -= mean.",
                )
                continue
            (got_train, problem), (got_test, other) = as_array(got[0]), as_array(got[1])
            if problem or other:
                feedback.fail(
                    f"{description}: {problem or other}",
                    "return the two standardised arrays: `return X_train_s, X_test_s`.",
                )
                continue
            expected = _standardise_reference(train, test)
            hint = known_mistake(got, expected, STANDARDISE_MISTAKES, (train, test)) or general_hint
            if got_train.shape != train.shape or got_test.shape != test.shape:
                feedback.fail(
                    f"{description}: got shapes {got_train.shape} and {got_test.shape}, "
                    f"expected {train.shape} and {test.shape}",
                    "standardising keeps the shape: one mean and one std per column, broadcast "
                    "over rows.",
                )
            elif compare(got_train, expected[0], atol=1e-8):
                with np.errstate(all="ignore"):
                    means, stds = got_train.mean(axis=0), got_train.std(axis=0)
                feedback.fail(
                    f"{description}: X_train_s should have column means 0 and standard "
                    f"deviations 1, got means {describe(np.round(means, 4))} and stds "
                    f"{describe(np.round(stds, 4))}",
                    hint,
                )
            elif compare(got_test, expected[1], atol=1e-8):
                feedback.fail(
                    f"{description}: X_test_s is wrong, expected "
                    f"{describe(np.round(expected[1], 4))}, got {describe(np.round(got_test, 4))}",
                    hint,
                )
            else:
                feedback.ok(description)
    return feedback
