"""The guarded runner behind every checker: time limit, printed output, None, Ctrl-C, answers.

The time limit is patched to a fraction of a second, so these tests stay fast; they never
assert how fast anything runs, only that a check comes back and says what happened.
"""

import importlib
import inspect
import os
import signal
import sys
import threading
import time
import warnings

import numpy as np
import pytest

from course_tools.execute import start_kernel
from course_utils import checks
from course_utils.checks import _core
from course_utils.checks._core import Feedback, as_array, as_number, as_shape, check_cases

CASES = [
    ("adds one", (1.0,), 2.0, "add 1"),
    ("works on arrays", (np.array([1.0, 2.0]),), np.array([2.0, 3.0]), ""),
]


@pytest.fixture
def short_limit(monkeypatch):
    monkeypatch.setattr(_core, "TIME_LIMIT", 0.2)


def endless(x):
    while True:
        pass


def sleeps_forever(x):
    while True:
        time.sleep(0.01)


def fibonacci(n):
    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)


def slow_recursion(x):
    return fibonacci(60)  # about 10**12 calls


def swallows_the_stop(x):
    while True:
        try:
            while True:
                pass
        except BaseException:  # even this cannot keep it running: the check ends
            return x + 1


@pytest.mark.parametrize("learner", [endless, sleeps_forever, slow_recursion, swallows_the_stop])
def test_code_that_does_not_finish_is_stopped_with_one_line(short_limit, learner):
    feedback = check_cases("plus_one(x)", learner, CASES)
    assert feedback.status == "failed"
    assert feedback.lines[0].startswith(
        "✘ adds one: your function did not finish within 0.2 s (the time limit of this check): "
        "an endless loop?"
    )
    assert len(feedback.lines) == 1  # the check stops there: the other cases would loop too


def test_the_time_limit_is_for_the_whole_check(short_limit):
    def slowish(x):
        time.sleep(0.08)  # three calls of 0.08 s exceed 0.2 s in all
        return x + 1

    feedback = check_cases("plus_one(x)", slowish, CASES * 2)
    assert "did not finish within 0.2 s" in repr(feedback)


def test_a_stop_never_lands_after_the_call_has_ended(monkeypatch):
    """Calls that end right at the limit: the watchdog must never raise in the code that follows."""
    monkeypatch.setattr(_core, "TIME_LIMIT", 0.003)

    def busy(x):
        end = time.perf_counter() + 0.003
        while time.perf_counter() < end:
            pass
        return x + 1

    for _ in range(100):
        with Feedback("busy") as feedback:
            feedback.call(busy, (1.0,), "at the limit")
        assert len(feedback.lines) <= 1
    end = time.perf_counter() + 0.1  # plain code after the checks, well past every limit
    while time.perf_counter() < end:
        pass


def test_runaway_recursion_is_an_error_with_the_learners_line():
    def forever(x):
        return forever(x)

    feedback = check_cases("plus_one(x)", forever, CASES[:1])
    line = forever.__code__.co_firstlineno + 1
    assert feedback.lines[0].startswith(
        "✘ adds one: your function raised RecursionError: maximum recursion depth exceeded "
        f"(in forever, line {line}: return forever(x))"
    )


def test_the_learners_line_is_found_below_numpy_and_course_utils():
    from course_utils.activations import relu

    def calls_the_library(x):
        return relu("text") + np.ones(3) @ np.ones(2)

    feedback = check_cases("plus_one(x)", calls_the_library, CASES[:1])
    line = calls_the_library.__code__.co_firstlineno + 1
    assert f"(in calls_the_library, line {line}: return relu(" in feedback.lines[0]


def test_a_flood_of_printed_lines_is_captured_and_shown_short(capsys):
    def chatty(x):
        for i in range(20_000):
            print("step", i)
        return x + 1

    feedback = check_cases("plus_one(x)", chatty, CASES)
    assert feedback.passed
    assert capsys.readouterr().out == ""  # nothing reached the notebook while checking
    text = repr(feedback)
    assert "Your function printed 20,000 lines (adds one):" in text
    assert "    step 0\n" in text and "step 4" in text and "step 5\n" not in text
    assert text.endswith("... and 19,995 more") and len(text) < 1000
    assert sys.stdout is sys.__stdout__ or not isinstance(sys.stdout, _core._Printed)


def test_none_from_a_function_with_a_body_asks_for_the_return():
    def forgot_return(x):
        x + 1

    feedback = check_cases("plus_one(x)", forgot_return, CASES)
    assert feedback.status == "failed" and len(feedback.lines) == 1
    assert "your function returned None: is a `return` missing?" in feedback.lines[0]


def test_an_empty_body_is_not_done():
    def only_docstring(x):
        """Add one."""

    def only_ellipsis(x): ...

    def only_pass(x):
        pass

    for placeholder in [only_docstring, only_ellipsis, only_pass, lambda x: ..., lambda x: None]:
        feedback = check_cases("plus_one(x)", placeholder, CASES)
        assert feedback.status == "not done", placeholder
        assert feedback.lines == [f"… {_core.TODO_MESSAGE}"]


def test_learner_code_raising_keyboard_interrupt_gives_one_line():
    def interrupted(x):
        raise KeyboardInterrupt

    feedback = check_cases("plus_one(x)", interrupted, CASES)
    assert feedback.status == "not done"
    assert feedback.lines == ["… stopped: you interrupted your function while it ran on: adds one."]


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs POSIX signals")
def test_ctrl_c_during_an_endless_loop_gives_one_line():
    """What Kernel -> Interrupt does: SIGINT to the main thread while the learner's code runs."""
    started, done = threading.Event(), threading.Event()

    def endless_after_saying_so(x):
        started.set()
        endless(x)

    def interrupt():  # once the learner's code runs (a fixed delay raced a slow start under load)
        if started.wait(30) and not done.is_set():
            os.kill(os.getpid(), signal.SIGINT)

    # Python's own Ctrl-C handler, as in a kernel (another test in this worker may have set one)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    threading.Thread(target=interrupt, daemon=True).start()
    try:
        feedback = check_cases("plus_one(x)", endless_after_saying_so, CASES)
    finally:
        done.set()
        signal.signal(signal.SIGINT, previous)
    assert feedback.lines == ["… stopped: you interrupted your function while it ran on: adds one."]


def test_ctrl_c_in_the_checkers_own_code_gives_one_line():
    with Feedback("a slow check") as feedback:
        feedback.ok("first part")
        raise KeyboardInterrupt
    assert feedback.lines[-1] == (
        "… stopped: you interrupted the check (Ctrl-C or Kernel → Interrupt)."
    )


def test_a_bug_of_the_checker_becomes_a_line_not_a_traceback():
    with Feedback("a buggy check") as feedback:
        {}["missing"]
    assert feedback.status == "failed"
    assert "the checker itself failed on this answer (KeyError: 'missing')" in feedback.lines[0]


def test_warnings_of_the_learners_code_never_reach_the_notebook():
    def overflows(x):
        return np.exp(np.array([1e4]))[0] * 0 + x + 1  # inf * 0 is nan: wrong, and it warns

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        feedback = check_cases("plus_one(x)", overflows, CASES[:1])
    assert caught == []
    assert "non-finite" in feedback.lines[0]  # not watched here: the value decides


@pytest.mark.parametrize(
    "answer, number",
    [
        (3, 3.0),
        (-2.5, -2.5),
        ([4.0], 4.0),
        ((4.0,), 4.0),  # `answer = 4.0,` with a trailing comma
        (np.array(1.5), 1.5),
        (np.array([1.5]), 1.5),
        (np.float32(0.25), 0.25),
        (np.int64(7), 7.0),
        (np.array([[2.0]], dtype=np.float32), 2.0),
    ],
)
def test_one_number_however_it_is_written(answer, number):
    assert as_number(answer) == (number, None)


@pytest.mark.parametrize(
    "answer, words",
    [
        ("-3", "the text '-3': write numbers without quotes"),
        (2 + 1j, "a complex number"),
        (None, "got None"),
        ([1.0, [2.0, 3.0]], "rows have different lengths"),
        (10**400, "too large for a float"),
        (float("inf"), "a finite number"),
        (float("nan"), "a finite number"),
        (True, "a truth value"),
        ([1.0, 2.0], "expected one number, got [1.0, 2.0]"),
        ({"a": 1}, "expected one number"),
        (print, "the function print (not its result)"),
    ],
)
def test_what_is_not_one_number_says_why(answer, words):
    number, problem = as_number(answer)
    assert number is None and words in problem


def test_arrays_are_read_in_one_place():
    assert as_array([[1, 2], [3, 4]])[0].dtype == np.float64
    assert as_array(np.array([True, False]))[0].tolist() == [1.0, 0.0]
    assert as_array(np.ones(3, dtype=np.float32))[0].dtype == np.float64
    for garbage in ["abc", ["1", "2"], [None, 1.0], np.array([1 + 2j]), [1, [2, [3]]]]:
        array, problem = as_array(garbage)
        assert array is None and problem


@pytest.mark.parametrize(
    "answer, shape",
    [
        ((5, 8), (5, 8)),
        ([5, 8], (5, 8)),
        ((8,), (8,)),
        (np.array([3, 4]), (3, 4)),
        ((4.0, 2), (4, 2)),
    ],
)
def test_shapes_are_read_in_one_place(answer, shape):
    assert as_shape(answer) == (shape, None)


@pytest.mark.parametrize(
    "answer, words",
    [
        (8, "(8) is just 8 in Python"),
        ((5.5, 8.9), "whole numbers"),
        ((float("inf"), 8), "whole numbers"),
        ((-1, 8), "whole numbers"),
        ("(5, 8)", "whole numbers"),
        ((True, 8), "whole numbers"),
        (((5, 8),), "whole numbers"),
    ],
)
def test_what_is_not_a_shape_says_why(answer, words):
    shape, problem = as_shape(answer)
    assert shape is None and words in problem


def test_checks_init_imports_every_checker_by_name():
    """Explicit imports (no pkgutil loop): an IDE and a reader find where each checker lives."""
    source = inspect.getsource(checks)
    assert "pkgutil" not in source and "globals()" not in source
    names = []
    for module_name in sorted(f"nb{k:02d}" for k in range(13)):
        module = importlib.import_module(f"course_utils.checks.{module_name}")
        for name in module.__all__:
            assert getattr(checks, name) is getattr(module, name)
            assert f"from .{module_name} import" in source
            names.append(name)
    assert len(names) == len(set(names))  # no two modules define the same checker
    assert set(names) <= set(checks.__all__)


def test_the_time_limit_works_in_a_jupyter_kernel(tmp_path):
    """The learner's code runs in the kernel's main thread; the watchdog stops it there."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "from course_utils import checks\n"
            "from course_utils.checks import _core\n"
            "_core.TIME_LIMIT = 0.5\n"
            "def square_all(a):\n"
            "    while True:\n"
            "        pass\n"
            "checks.square_all(square_all)"
        )
    ]
    client = nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3")
    start_kernel(client, cwd=str(tmp_path))
    client.execute()
    output = notebook.cells[0].outputs[0]["data"]["text/plain"]
    assert "did not finish within 0.5 s" in output and "Traceback" not in output
