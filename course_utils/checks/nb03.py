"""Checkers for notebook 03 (the forward pass)."""

import numpy as np

from ._core import Mistake, check_cases, check_shapes

__all__ = ["network_shapes", "dense_forward", "batch_shapes"]


def _transposed(n_in, n_out):
    return Mistake(
        "column-vector form",
        lambda: (n_out, n_in),
        "that is the transposed (column-vector) form; in X @ W, W has one row per input: "
        f"({n_in}, {n_out}).",
    )


def _bias_mistakes(n_out):
    return [
        Mistake(
            "a row",
            lambda: (1, n_out),
            f"b is a 1-D array, shape ({n_out},): one bias per neuron, not a row (1, {n_out}).",
        ),
        Mistake(
            "a column",
            lambda: (n_out, 1),
            f"b is a 1-D array, shape ({n_out},): one bias per neuron, not a column ({n_out}, 1).",
        ),
    ]


WEIGHT_HINT = "W has shape (n_in, n_out): one row per input of the layer, one column per neuron."
BIAS_HINT = "one bias per neuron of the layer, as a 1-D array: shape (n_out,)."


def network_shapes(W1_shape, b1_shape, W2_shape, b2_shape):
    """Check the parameter shapes of a network with 5 inputs, 8 hidden units and 3 outputs."""
    return check_shapes(
        "the shapes of W1, b1, W2, b2",
        [
            ("W1", W1_shape, (5, 8), [_transposed(5, 8)], WEIGHT_HINT),
            ("b1", b1_shape, (8,), _bias_mistakes(8), BIAS_HINT),
            ("W2", W2_shape, (8, 3), [_transposed(8, 3)], WEIGHT_HINT),
            ("b2", b2_shape, (3,), _bias_mistakes(3), BIAS_HINT),
        ],
    )


def _batch_mistakes(n, n_out):
    return [
        Mistake(
            "columns are examples",
            lambda: (n_out, n),
            f"rows are examples: ({n}, {n_out}), one row per example, one column per neuron.",
        ),
        Mistake(
            "one example",
            lambda: (n_out,),
            "that is the shape for one example; a batch keeps one row per example.",
        ),
    ]


def batch_shapes(Z1_shape, A1_shape, Y_hat_shape):
    """Check the shapes in the forward pass of a batch of 32 examples through the 5-8-3 network."""
    product = "(n, n_in) @ (n_in, n_out) gives (n, n_out)."
    return check_shapes(
        "the shapes in the forward pass",
        [
            ("Z1", Z1_shape, (32, 8), _batch_mistakes(32, 8), product),
            (
                "A1",
                A1_shape,
                (32, 8),
                _batch_mistakes(32, 8),
                "the activation works entry by entry: A1 = g(Z1) has the shape of Z1.",
            ),
            ("Y_hat", Y_hat_shape, (32, 3), _batch_mistakes(32, 3), product),
        ],
    )


DENSE_MISTAKES = [
    Mistake("no bias", lambda X, W, b: X @ W, "you forgot the bias: Z = X @ W + b."),
    Mistake(
        "W transposed",
        lambda X, W, b: X @ W.T + b,
        "W is transposed: with W of shape (n_in, n_out) the product is X @ W, no .T.",
    ),
    Mistake(
        "column form",
        lambda X, W, b: W @ X + b,
        "W @ X is the column-vector form; with one example per row it is X @ W.",
    ),
    Mistake(
        "elementwise product",
        lambda X, W, b: X * W + b,
        "X * W multiplies entry by entry; a layer needs the matrix product X @ W.",
    ),
]


def dense_forward(learner_fn):
    """Check `dense_forward(X, W, b)`: Z = X @ W + b, shape (n, n_out)."""
    X = np.array([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])  # (3, 2)
    W = np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 1.0]])  # (2, 3)
    b = np.array([0.1, -0.2, 0.3])  # (3,)
    square_X = np.array([[1.0, 2.0], [0.0, -1.0]])
    square_W = np.array([[2.0, 1.0], [-1.0, 3.0]])
    square_b = np.array([0.5, -0.5])
    one_X = np.array([[2.0, -1.0, 0.5]])
    one_W = np.array([[1.0], [2.0], [4.0]])
    hint = (
        "Z = X @ W + b: X has shape (n, n_in) and W (n_in, n_out), so X @ W is (n, n_out); "
        "b is added to every row (broadcasting)."
    )
    cases = [
        ("3 examples, 2 inputs, 3 neurons", (X, W, b), X @ W + b, hint),
        (
            "square matrices (where W @ X and X @ W.T do not crash)",
            (square_X, square_W, square_b),
            square_X @ square_W + square_b,
            hint,
        ),
        (
            "one example, 3 inputs, 1 neuron",
            (one_X, one_W, np.array([-1.0])),
            one_X @ one_W - 1.0,
            hint,
        ),
        (
            "zero weights give the bias in every row",
            (X, np.zeros((2, 3)), b),
            np.tile(b, (3, 1)),
            hint,
        ),
    ]
    return check_cases("dense_forward(X, W, b)", learner_fn, cases, DENSE_MISTAKES)
