"""The checker machinery: feedback lines, placeholders, exceptions become feedback."""

import warnings

import numpy as np

from course_utils.checks import Feedback, check_cases, check_value
from course_utils.checks._core import run

CASES = [
    ("adds one", (1.0,), 2.0, "add 1"),
    ("works on arrays", (np.array([1.0, 2.0]),), np.array([2.0, 3.0]), ""),
]


def test_passing_function_gives_one_tick_per_case():
    feedback = check_cases("plus_one(x)", lambda x: x + 1, CASES)
    assert feedback.passed and feedback.status == "passed"
    assert repr(feedback).splitlines() == [
        "Checking plus_one(x): all checks passed. Well done!",
        "✔ adds one",
        "✔ works on arrays",
    ]


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


def test_an_exception_line_carries_the_case_hint_and_the_learners_line():
    def broken(x):
        raise ValueError("oops")

    lines = repr(check_cases("plus_one(x)", broken, CASES)).splitlines()
    line = broken.__code__.co_firstlineno + 1  # the line of the learner's code that raised
    where = f'(in broken, line {line}: raise ValueError("oops"))'
    assert lines[1:] == [
        f"✘ adds one: your function raised ValueError: oops {where}",
        "    Hint: add 1",
        f"✘ works on arrays: your function raised ValueError: oops {where}",
    ]  # no hint given: no hint line


def test_call_reports_an_exception_with_or_without_a_hint():
    with Feedback("f(x)") as feedback:
        assert feedback.call(lambda x: 1 / x, (0,), "x = 0", "x is never 0 here") == (False, None)
        assert feedback.call(lambda x: 1 / x, (0,), "x = 0 again") == (False, None)
        assert feedback.call(lambda x: 1 / x, (2,), "x = 2") == (True, 0.5)
    assert [line.split(" (in <lambda>")[0] for line in feedback.lines] == [
        "✘ x = 0: your function raised ZeroDivisionError: division by zero",
        "✘ x = 0 again: your function raised ZeroDivisionError: division by zero",
    ]
    assert feedback.lines[0].endswith("\n    Hint: x is never 0 here")


def test_run_watching_warnings_records_numpy_and_python_warnings():
    def naive_sigmoid(z):
        return 1 / (1 + np.exp(-z))

    result = run(naive_sigmoid, (np.array([-1e4, 0.0]),), 10.0, watch_warnings=True)
    assert result.error is None and result.value.tolist() == [0.0, 0.5]
    assert result.warnings == ["overflow encountered in exp"]
    with np.errstate(all="ignore"):  # recorded even where the caller silenced numpy
        assert run(naive_sigmoid, (np.array([-1e4]),), 10.0, True).warnings == [
            "overflow encountered in exp"
        ]

    def warns_twice():
        warnings.warn("careful", UserWarning)
        warnings.warn("careful", UserWarning)
        return np.log(np.array([0.0]))

    result = run(warns_twice, (), 10.0, watch_warnings=True)
    assert result.warnings == [
        "careful",
        "divide by zero encountered in log",
    ]  # each message once, in order


def test_run_ignores_underflow_and_returns_exceptions():
    result = run(np.exp, (np.array([-1e4]),), 10.0, watch_warnings=True)
    assert result.value.tolist() == [0.0] and result.error is None and result.warnings == []
    result = run(lambda: 1 / 0, (), 10.0, watch_warnings=True)
    assert result.value is None and isinstance(result.error, ZeroDivisionError)
    assert result.warnings == []


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


def test_a_zero_d_array_is_described_as_a_number():
    from course_utils.checks._core import describe

    assert describe(np.array(3.0)) == "3" and describe(np.float64(0.25)) == "0.25"
    feedback = check_value("z", np.array(3.0), -2.0)
    assert "expected -2, got 3" in repr(feedback)


def test_a_big_array_with_wrong_values_says_where_it_differs():
    expected = np.arange(12.0).reshape(3, 4)
    got = expected.copy()
    got[1, 2] += 5.0
    feedback = check_value("Z", got, expected)
    assert "right shape (3, 4), wrong values: at [1, 2] expected 6, got 11" in repr(feedback)


def test_check_shapes_hints_by_known_mistake_or_in_general():
    from course_utils.checks import _core

    transposed = _core.Mistake("transposed", lambda: (3, 2), "W is (n_in, n_out).")
    answers = [
        ("W", (3, 2), (2, 3), [transposed], "one row per input."),
        ("Z", (5, 2), (4, 3), [transposed], "one row per example."),
        ("A", (4, 3), (4, 3), [], ""),
    ]
    feedback = _core.check_shapes("shapes", answers)
    text = repr(feedback)
    assert feedback.status == "failed"
    assert "Hint: W is (n_in, n_out)." in text and "Hint: one row per example." in text
    assert "✔ A has shape (4, 3)" in text
    assert _core.check_shapes("shapes", [("W", ..., (2, 3), [], "")]).status == "not done"
    assert "a shape is a tuple" in repr(
        _core.check_shapes("shapes", [("W", "2x3", (2, 3), [], "")])
    )
