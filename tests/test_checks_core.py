"""The checker machinery: feedback lines, placeholders, exceptions become feedback."""

import numpy as np

from course_utils.checks import Feedback, check_cases, check_value

CASES = [("adds one", (1.0,), 2.0, "add 1"), ("works on arrays", (np.array([1.0, 2.0]),), np.array([2.0, 3.0]), "")]


def test_passing_function_gives_one_tick_per_case():
    feedback = check_cases("plus_one(x)", lambda x: x + 1, CASES)
    assert feedback.passed and feedback.status == "passed"
    assert repr(feedback).splitlines() == ["Checking plus_one(x): all checks passed. Well done!",
                                           "✔ adds one", "✔ works on arrays"]


def test_placeholder_is_not_done():
    for placeholder in [lambda x: ..., lambda x: None]:
        feedback = check_cases("plus_one(x)", placeholder, CASES)
        assert feedback.status == "not done"
        assert "not done yet" in repr(feedback)


def test_not_implemented_is_not_done():
    def todo(x):
        raise NotImplementedError
    assert check_cases("plus_one(x)", todo, CASES).status == "not done"


def test_an_exception_becomes_a_feedback_line_not_a_traceback():
    feedback = check_cases("plus_one(x)", lambda x: x + "1", CASES)
    assert feedback.status == "failed"
    assert "your function raised TypeError" in repr(feedback)


def test_wrong_values_and_shapes_are_reported_with_the_hint():
    feedback = check_cases("plus_one(x)", lambda x: x - 1, CASES)
    assert feedback.status == "failed"
    assert "expected 2, got 0" in repr(feedback) and "Hint: add 1" in repr(feedback)
    shape = check_cases("plus_one(x)", lambda x: np.atleast_2d(x + 1), CASES[1:])
    assert "expected shape (2,), got shape (1, 2)" in repr(shape)


def test_non_finite_answers_are_reported():
    feedback = check_value("the loss", np.inf, 0.5)
    assert feedback.status == "failed" and "non-finite" in repr(feedback)


def test_check_value():
    assert check_value("the shape", (3, 4), (3, 4)).passed
    assert check_value("the shape", ..., (3, 4)).status == "not done"
    assert "expected (3, 4), got (4, 3)" in repr(check_value("the shape", (4, 3), (3, 4)))


def test_feedback_starts_passed_and_fails_on_any_failure():
    feedback = Feedback("x")
    feedback.ok("fine")
    feedback.fail("broken", "fix it")
    feedback.ok("fine again")
    assert feedback.status == "failed"
