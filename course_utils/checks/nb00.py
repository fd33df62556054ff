"""Checkers for notebook 00 (warm-up exercises that show how feedback works)."""

import numpy as np

from ._core import Mistake, check_cases

__all__ = ["square_all", "row_sums"]

SQUARE_ALL_MISTAKES = [
    Mistake(
        "doubled", lambda a: a * 2, "a * 2 doubles; squaring multiplies a number by itself: a * a."
    ),
    Mistake(
        "summed",
        lambda a: np.sum(a**2),
        "return the whole array of squares, one per element, not their sum.",
    ),
    Mistake("square root", np.sqrt, "that is the square root; the square is a ** 2."),
]

ROW_SUMS_MISTAKES = [
    Mistake(
        "columns",
        lambda X: X.sum(axis=0),
        "axis=0 adds down the columns; one number per row needs axis=1.",
    ),
    Mistake(
        "everything", lambda X: X.sum(), "X.sum() adds every entry into one number: use axis=1."
    ),
    Mistake(
        "kept dimension",
        lambda X: X.sum(axis=1, keepdims=True),
        "keepdims=True keeps a column of shape (n, 1); the answer is 1-D, shape (n,).",
    ),
]


def square_all(learner_fn):
    """Check `square_all(a)`: every element of a numpy array squared."""
    cases = [
        (
            "three numbers",
            (np.array([1.0, 2.0, 3.0]),),
            np.array([1.0, 4.0, 9.0]),
            "square means multiply a number by itself: a * a or a ** 2.",
        ),
        (
            "negative numbers become positive",
            (np.array([-2.0, 0.5]),),
            np.array([4.0, 0.25]),
            "(-2) squared is 4.",
        ),
        (
            "a 2-D array keeps its shape",
            (np.array([[1.0, -1.0], [3.0, 0.0]]),),
            np.array([[1.0, 1.0], [9.0, 0.0]]),
            "numpy works element by element on arrays of any shape.",
        ),
    ]
    return check_cases("square_all(a)", learner_fn, cases, SQUARE_ALL_MISTAKES)


def row_sums(learner_fn):
    """Check `row_sums(X)`: the sum of each row of a 2-D array, shape (n_rows,)."""
    X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    cases = [
        (
            "2 rows, 3 columns",
            (X,),
            np.array([6.0, 15.0]),
            "sum across the columns of each row: X.sum(axis=1).",
        ),
        (
            "one row",
            (np.array([[1.0, -1.0, 5.0]]),),
            np.array([5.0]),
            "the answer has one number per row, so shape (1,) here.",
        ),
        (
            "4 rows, 1 column",
            (np.arange(4.0).reshape(4, 1),),
            np.array([0.0, 1.0, 2.0, 3.0]),
            "the answer has one number per row: shape (4,).",
        ),
    ]
    return check_cases("row_sums(X)", learner_fn, cases, ROW_SUMS_MISTAKES)
