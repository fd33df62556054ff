"""Notebook 00's checkers, tested three ways: solution, placeholder, typical mistake."""

from course_utils import checks


def test_square_all():
    assert checks.square_all(lambda a: a**2).status == "passed"
    assert checks.square_all(lambda a: ...).status == "not done"
    doubled = checks.square_all(lambda a: a * 2)
    assert doubled.status == "failed" and "Hint" in repr(doubled)


def test_row_sums():
    assert checks.row_sums(lambda X: X.sum(axis=1)).status == "passed"
    assert checks.row_sums(lambda X: ...).status == "not done"
    column_sums = checks.row_sums(lambda X: X.sum(axis=0))
    assert column_sums.status == "failed"
    assert "expected shape (2,), got shape (3,)" in repr(column_sums)
