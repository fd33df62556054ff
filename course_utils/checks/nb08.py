"""Checkers for notebook 08 (overfitting)."""

import numpy as np

from ._core import Feedback, Mistake, as_array, check_cases, describe

__all__ = ["split", "best_degree"]


def _ids_data(n, n_features=2):
    """Rows that say who they are: X[i] = (i, 10 i, ...), y[i] = 100 + i: pairs can be traced."""
    ids = np.arange(n, dtype=float)
    X = np.column_stack([ids * 10**k for k in range(n_features)])
    return X, 100.0 + ids


def _check_one_split(feedback, parts, n, test_fraction, case):
    """Check one returned split of _ids_data(n), adding a line if it is wrong.

    Returns: the test ids, or None if the split is wrong.
    """
    if not isinstance(parts, (tuple, list)) or len(parts) != 4:
        feedback.fail(
            f"{case}: expected 4 arrays (X_train, X_test, y_train, y_test), got {describe(parts)}",
            "return X_train, X_test, y_train, y_test, in that order.",
        )
        return None
    arrays = [as_array(part) for part in parts]
    problems = [problem for _, problem in arrays if problem]
    if problems:
        feedback.fail(
            f"{case}: {problems[0]}", "return X_train, X_test, y_train, y_test: four arrays."
        )
        return None
    X_train, X_test, y_train, y_test = (array for array, _ in arrays)
    if (
        X_train.ndim != 2
        or X_test.ndim != 2
        or len(X_train) != len(y_train)
        or len(X_test) != len(y_test)
    ):
        feedback.fail(
            f"{case}: shapes X_train {X_train.shape}, y_train {y_train.shape}, X_test "
            f"{X_test.shape}, "
            f"y_test {y_test.shape} do not fit together",
            "index X and y with the same index arrays: X[train_index], y[train_index].",
        )
        return None
    train_ids, test_ids = X_train[:, 0], X_test[:, 0]
    all_ids = np.concatenate([train_ids, test_ids])
    overlap = np.intersect1d(train_ids, test_ids)
    if len(overlap):
        feedback.fail(
            f"{case}: {len(overlap)} rows are in both the training and the test set (a leak)",
            "draw ONE permutation of the row indices and cut it in two; two separate random draws "
            "overlap.",
        )
        return None
    if len(all_ids) != n or not np.array_equal(np.sort(all_ids), np.arange(n)):
        feedback.fail(
            f"{case}: the two parts hold {len(all_ids)} rows, but not each of the {n} rows exactly "
            "once",
            "every row must land in exactly one of the two sets.",
        )
        return None
    if abs(len(test_ids) - test_fraction * n) >= 1:
        feedback.fail(
            f"{case}: test set has {len(test_ids)} rows, expected about {test_fraction * n:g} "
            f"(test_fraction {test_fraction} of {n})",
            "n_test = round(test_fraction * n).",
        )
        return None
    if not (np.array_equal(y_train, 100 + train_ids) and np.array_equal(y_test, 100 + test_ids)):
        feedback.fail(
            f"{case}: rows of X and y no longer belong together",
            "shuffle an index array once and use it for both X and y; shuffling X and y "
            "separately gives every example someone else's label.",
        )
        return None
    return test_ids


def _test_ids(parts):
    """The row ids in the test part of a split of _ids_data, or None if it is not readable."""
    if not isinstance(parts, (tuple, list)) or len(parts) != 4:
        return None
    X_test, problem = as_array(parts[1])
    return None if problem or X_test.ndim != 2 or X_test.shape[1] == 0 else X_test[:, 0]


def split(learner_fn):
    """Check `split(X, y, test_fraction, rng) -> (X_train, X_test, y_train, y_test)`.

    A random split that never leaks: disjoint, complete, pairs intact, seeded by rng.
    """
    cases = [
        (100, 2, 0.2, 0, "100 rows, test_fraction 0.2"),
        (10, 1, 0.3, 1, "10 rows with one feature, test_fraction 0.3"),
        (7, 3, 0.5, 2, "7 rows, test_fraction 0.5 (not a whole number of rows)"),
    ]
    with Feedback("split(X, y, test_fraction, rng)") as feedback:
        first_test_ids = None  # of the 100-row case: the shuffling and seeding checks use it
        for n, n_features, fraction, seed, case in cases:
            X, y = _ids_data(n, n_features)
            called, parts = feedback.call(
                learner_fn, (X, y, fraction, np.random.default_rng(seed)), case
            )
            if not called:
                continue
            test_ids = _check_one_split(feedback, parts, n, fraction, case)
            if test_ids is None:
                continue
            feedback.ok(
                f"{case}: disjoint, covers every row, pairs intact, {len(test_ids)} test rows"
            )
            if n == 100:
                first_test_ids = test_ids
        if first_test_ids is not None:
            _check_shuffling_and_seeding(feedback, learner_fn, first_test_ids)
    return feedback


def _check_shuffling_and_seeding(feedback, learner_fn, test_ids):
    """Two lines: the test rows of the 100-row split (seed 0) are shuffled; the rng decides them."""
    n = 100
    X, y = _ids_data(n)
    ends = (np.arange(n - 20, n), np.arange(20))
    if any(np.array_equal(np.sort(test_ids), end) for end in ends):
        feedback.fail(
            "shuffling: the test set is simply the first or last 20 rows",
            "shuffle first (rng.permutation(n)): data files are often sorted by date, class or "
            "source.",
        )
    else:
        feedback.ok("shuffling: the test rows are spread over the whole data set")
    called_a, again = feedback.call(
        learner_fn, (X, y, 0.2, np.random.default_rng(0)), "the same seed again"
    )
    called_b, other = feedback.call(
        learner_fn, (X, y, 0.2, np.random.default_rng(123)), "another seed"
    )
    if not (called_a and called_b):
        return
    again, other = _test_ids(again), _test_ids(other)
    same = again is not None and np.array_equal(again, test_ids)
    differs = other is not None and not np.array_equal(np.sort(other), np.sort(test_ids))
    if same and differs:
        feedback.ok("seeding: the same rng seed gives the same split, another seed a different one")
    else:
        feedback.fail(
            "seeding: "
            + (
                "the same seed gave a different split"
                if not same
                else "a different rng gave the very same split"
            ),
            "draw all randomness from the rng argument (rng.permutation), never from a new "
            "generator.",
        )


BEST_DEGREE_MISTAKES = [
    Mistake(
        "position",
        lambda degrees, train_errors, val_errors: int(np.argmin(val_errors)),
        lambda degrees, train_errors, val_errors: (
            f"{int(np.argmin(val_errors))} is the POSITION of the smallest validation error; "
            "return "
            f"the degree at that position, degrees[{int(np.argmin(val_errors))}] = "
            f"{degrees[int(np.argmin(val_errors))]}."
        ),
    ),
    Mistake(
        "position counted from 1",
        lambda degrees, train_errors, val_errors: int(np.argmin(val_errors)) + 1,
        "the position counted from 1 is not the degree either (unless the degrees are 1, 2, 3, "
        "...): return degrees[np.argmin(val_errors)].",
    ),
    Mistake(
        "training error",
        lambda degrees, train_errors, val_errors: degrees[int(np.argmin(train_errors))],
        "that is the degree with the lowest TRAINING error, which always favours the largest "
        "degree; use the validation errors, val_errors.",
    ),
    Mistake(
        "largest validation error",
        lambda degrees, train_errors, val_errors: degrees[int(np.argmax(val_errors))],
        "that is the degree with the LARGEST validation error: np.argmin, not np.argmax.",
    ),
    Mistake(
        "the error itself",
        lambda degrees, train_errors, val_errors: np.min(val_errors),
        "that is the smallest validation error itself; return its degree, degrees[i].",
    ),
]


def best_degree(learner_fn):
    """Check `best_degree(degrees, train_errors, val_errors)`: the degree validating best."""
    cases = [
        (
            "degrees 1 to 8",
            (
                [1, 2, 3, 4, 5, 6, 7, 8],
                [0.50, 0.30, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03],
                [0.55, 0.33, 0.09, 0.10, 0.14, 0.40, 2.1, 9.0],
            ),
        ),
        ("only even degrees", ([2, 4, 6, 8], [0.2, 0.1, 0.05, 0.01], [0.3, 0.12, 0.2, 0.9])),
        (
            "arrays instead of lists, best at the end",
            (np.array([0, 1, 2]), np.array([0.9, 0.5, 0.4]), np.array([1.0, 0.6, 0.5])),
        ),
        (
            "a long, unsorted list of degrees",
            ([15, 1, 9, 3, 5], [0.0, 0.6, 0.01, 0.08, 0.05], [50.0, 0.7, 3.0, 0.09, 0.11]),
        ),
    ]
    hint = (
        "find the position of the smallest validation error (np.argmin(val_errors)), then "
        "return degrees[i]."
    )
    cases = [(case, args, int(args[0][int(np.argmin(args[2]))]), hint) for case, args in cases]
    return check_cases(
        "best_degree(degrees, train_errors, val_errors)", learner_fn, cases, BEST_DEGREE_MISTAKES
    )
