"""Checkers for notebook 00 (warm-up exercises that show how feedback works)."""

import numpy as np

from ._core import check_cases

__all__ = ["square_all", "row_sums"]


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
    return check_cases("square_all(a)", learner_fn, cases)


def row_sums(learner_fn):
    """Check `row_sums(X)`: the sum of each row of a 2-D array, shape (n_rows,)."""
    X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    cases = [
        (
            "2 rows, 3 columns",
            (X,),
            np.array([6.0, 15.0]),
            "sum across the columns of each row: X.sum(axis=1). axis=0 adds down the columns instead.",
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
    return check_cases("row_sums(X)", learner_fn, cases)
