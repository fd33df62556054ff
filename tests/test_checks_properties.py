"""Property-based tests over every checker: whatever a learner passes, the check comes back.

Hypothesis draws, for every argument of every checker in course_utils.checks, a bad value
(None, text, ragged lists, nan, inf, huge integers, complex numbers, wrong shapes, objects
that break when touched) or a learner function that raises, loops forever, prints a flood
of lines or returns such values. For each draw:
  - nothing escapes: the checker returns a Feedback, and never needs its own safety net
    ("the checker itself failed" would mean a bug in a checker);
  - it comes back: the learner's code is stopped at the (patched) time limit, and a
    detector fails the test instead of letting a check hang (no assertion on speed:
    the machine may be busy);
  - garbage never passes, and the feedback stays short.
"""

import contextlib
import inspect
import io
import signal
import time
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_utils import checks
from course_utils.checks import _core

LIMIT = 0.05  # seconds: the patched time limit of every check
CHECKERS = [
    name
    for name in checks.__all__
    if name not in ("Feedback", "Mistake", "check_cases", "check_value")
]


class Nasty:
    """An object that raises whenever it is looked at."""

    def _fail(self, *args, **kwargs):
        raise RuntimeError("do not touch")

    __repr__ = __str__ = __bool__ = __len__ = __iter__ = __getitem__ = _fail
    __float__ = __int__ = __index__ = __array__ = __eq__ = __lt__ = _fail
    __hash__ = object.__hash__


class LoudError(Exception):
    def __str__(self):
        raise RuntimeError("no message either")


FIXED_GARBAGE = [
    None,
    "",
    "abc",
    "0.5",
    b"1",
    float("nan"),
    float("inf"),
    -float("inf"),
    10**400,
    -(10**400),
    1 + 2j,
    True,
    [1.0, [2.0, 3.0]],
    [[1.0], [2.0, 3.0]],
    [None, 1.0],
    {},
    {"W1": None},
    {"settings": {"dataset": "xor"}},
    {"settings": {}, "epoch": 5, "test_accuracy": "high"},
    set(),
    (),
    [],
    object(),
    Nasty(),
    print,
    np.array([]),
    np.zeros((0, 3)),
    np.array([np.nan, 1.0]),
    np.array([1 + 1j, 2.0]),
    np.array(["a", "b"]),
    np.array([1.0, None], dtype=object),
    (x for x in range(3)),
]

values = st.one_of(
    st.sampled_from(FIXED_GARBAGE),
    st.text(max_size=6),
    st.complex_numbers(max_magnitude=1e6, allow_nan=False).filter(lambda c: c.imag != 0),
    st.integers(min_value=10**309, max_value=10**320),
    # Wrong shapes: never a whole number in them, so never a shape, a count or a right value.
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
        elements=st.floats(0.1, 0.9),
    ),
)
parts = st.one_of(
    st.tuples(values, values),
    st.tuples(values, values, values, values),
    st.fixed_dictionaries({"W1": values, "b1": values, "W2": values, "b2": values}),
    st.tuples(values, st.fixed_dictionaries({"W1": values, "b1": values})),
    st.lists(values, max_size=3),
)


def returning(value):
    return lambda *args, **kwargs: value


def raising(kind):
    def learner(*args, **kwargs):
        raise kind()

    return learner


def looping(*args, **kwargs):
    while True:
        pass


def sleeping(*args, **kwargs):
    while True:
        time.sleep(0.005)


def printing(value):
    def learner(*args, **kwargs):
        for i in range(5_000):
            print("debug", i)
        return value

    return learner


def generating(value):
    def learner(*args, **kwargs):
        while True:
            yield value

    return learner


callables = st.one_of(
    st.one_of(values, parts).map(returning),
    st.sampled_from(
        [ValueError, TypeError, ZeroDivisionError, IndexError, KeyError, RecursionError]
        + [MemoryError, NotImplementedError, SystemExit, KeyboardInterrupt, LoudError]
    ).map(raising),
    st.sampled_from([looping, sleeping]),
    values.map(printing),
    st.one_of(values, parts).map(generating),
)
anything = st.one_of(values, parts, callables)


@contextlib.contextmanager
def hang_detector(seconds):
    """Fail loudly instead of hanging the test run if a check never returns (POSIX only)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def hung(*args):
        raise TimeoutError(f"the check did not come back within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", CHECKERS)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain"
)
@given(data=st.data())
def test_any_input_comes_back_in_time_and_garbage_never_passes(name, data):
    checker = getattr(checks, name)
    n_arguments = len(inspect.signature(checker).parameters)
    arguments = [data.draw(anything, label=f"argument {k}") for k in range(n_arguments)]
    printed = io.StringIO()
    with (
        mock.patch.object(_core, "TIME_LIMIT", LIMIT),
        hang_detector(60),
        contextlib.redirect_stdout(printed),
    ):
        feedback = checker(*arguments)
    assert isinstance(feedback, _core.Feedback)
    text = repr(feedback)
    assert "the checker itself failed" not in text, text
    assert feedback.status in ("failed", "not done"), text
    assert printed.getvalue() == ""  # the learner's prints never reach the notebook
    assert len(text) < 20_000


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    answer=st.one_of(values, parts), expected=st.sampled_from([2.0, (1.0, 2.0), np.ones((2, 3))])
)
def test_compare_always_gives_an_answer_and_garbage_differs(answer, expected):
    difference = _core.compare(answer, expected)
    assert isinstance(difference, str) and difference
