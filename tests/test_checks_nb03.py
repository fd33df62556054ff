"""Notebook 03's checkers, tested three ways: solution, placeholder, typical mistake."""

from course_utils import checks


def test_network_shapes():
    assert checks.network_shapes((5, 8), (8,), (8, 3), (3,)).status == "passed"
    assert checks.network_shapes(..., ..., ..., ...).status == "not done"
    transposed = checks.network_shapes((8, 5), (8,), (3, 8), (3,))
    assert transposed.status == "failed" and "transposed (column-vector) form" in repr(transposed)
    column_bias = checks.network_shapes((5, 8), (8, 1), (8, 3), (3,))
    assert column_bias.status == "failed" and "1-D array" in repr(column_bias)
    assert (
        checks.network_shapes(5, (8,), (8, 3), (3,)).status == "failed"
    )  # not a shape: feedback, no crash


def test_batch_shapes():
    assert checks.batch_shapes((32, 8), (32, 8), (32, 3)).status == "passed"
    assert checks.batch_shapes(..., ..., ...).status == "not done"
    columns = checks.batch_shapes((8, 32), (8, 32), (3, 32))
    assert columns.status == "failed" and "rows are examples" in repr(columns)
    one_example = checks.batch_shapes((8,), (8,), (3,))
    assert one_example.status == "failed" and "for one example" in repr(one_example)


def test_dense_forward():
    assert checks.dense_forward(lambda X, W, b: X @ W + b).status == "passed"
    assert checks.dense_forward(lambda X, W, b: ...).status == "not done"
    no_bias = checks.dense_forward(lambda X, W, b: X @ W)
    assert no_bias.status == "failed" and "you forgot the bias" in repr(no_bias)
    column_form = checks.dense_forward(lambda X, W, b: W @ X + b)
    assert column_form.status == "failed" and "W @ X is the column-vector form" in repr(column_form)
    transposed = checks.dense_forward(lambda X, W, b: X @ W.T + b)
    assert transposed.status == "failed" and "W is transposed" in repr(transposed)
