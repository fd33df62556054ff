"""The machinery behind every exercise checker.

A checker runs the learner's function on a few cases and returns a `Feedback`:
one line per case, shown as the cell's output. It never raises, so a notebook
still runs top to bottom while an exercise is unsolved or wrong. A checker
reads like this:

    with Feedback("neuron(x, w, b, g)") as feedback:
        for case, args, expected, hint in CASES:
            called, got = feedback.call(learner_fn, args, case, hint)
            if called:
                feedback.judge(case, got, expected, hint, MISTAKES, args)
    return feedback

Three outcomes:
  "passed"    every line is ✔;
  "failed"    some line is ✘: what was expected, what came back, and a hint;
  "not done"  a line is …: the function still returns `...` (or its body is
              empty, or it raises NotImplementedError).

`Feedback.call` is the one way a checker runs learner code. It
  - turns an exception into a ✘ line: the learner's error type, message and
    the line of the learner's code that raised it;
  - stops code that runs longer than TIME_LIMIT seconds (in all, per check):
    "an endless loop?". A watchdog thread raises an exception in the thread
    running the learner's code (PyThreadState_SetAsyncExc). That needs no
    signals, so it works the same in a Jupyter kernel and on Windows, macOS
    and Linux. Its limit: the exception lands between two Python
    instructions, so one long call into C (time.sleep(60), a matrix product
    of huge arrays) is stopped only when that call returns;
  - captures what the function prints and shows it shortened once;
  - records warnings; with watch_warnings=True numpy is told to warn on
    overflow, division by zero and invalid operations, and a warning fails the
    case (for the exercises on numerical stability);
  - says "is a `return` missing?" when a function that has a body returns None;
  - turns Ctrl-C (Kernel -> Interrupt) into one line, not a traceback.

Answers are read in one place: `as_array`, `as_number` and `as_shape` accept
numbers, lists, tuples (a trailing comma makes one), numpy scalars, 0-d
arrays and float32, and say in one sentence why anything else (text, None,
complex numbers, ragged lists, ...) cannot be the answer.

Known mistakes: each checker lists the typical wrong answers as
`Mistake(name, answer, hint)`, where `answer` is a function computing that
wrong answer from the same inputs as the learner's function. When the
learner's answer equals one of them, its hint is shown instead of the case's
general hint (`known_mistake`).
"""

import contextlib
import copy
import ctypes
import dis
import io
import numbers
import os
import sysconfig
import threading
import time
import traceback
import warnings
from typing import Callable, NamedTuple

import numpy as np

import course_utils

PASS, FAIL, TODO = "✔", "✘", "…"
TIME_LIMIT = 10.0  # seconds of learner code per check, in all
PRINT_LINES = 5  # lines of the learner's own printed output shown under the feedback
TODO_MESSAGE = "not done yet: replace the `...` with your code, then run this cell again."
LOOP_HINT = (
    "look for a loop whose condition never becomes false (a `while` whose variable "
    "never changes), or a function that keeps calling itself."
)


class Mistake(NamedTuple):
    """A typical wrong answer: `answer(*args)` computes it from the case's inputs.

    `hint` says what went wrong: a string, or a function of the same inputs.
    """

    name: str
    answer: Callable
    hint: object


class _Stop(Exception):
    """Raised inside a check when there is nothing more to check (not done, endless loop)."""


class Feedback:
    """What a checker found, one line per case.

    Attributes: title (str) what was checked, e.g. "neuron(x, w, b)";
                lines (list of str) one line per case, starting with ✔, ✘ or …;
                status (str) "passed", "failed" or "not done";
                warnings (list of str) what the last `call` warned, with watch_warnings=True.
    Used as a context manager (`with Feedback(title) as feedback:`) it ends the
    check quietly when `call` finds nothing more to check, and turns Ctrl-C, or
    a bug of the checker itself, into a line instead of a traceback.
    """

    def __init__(self, title):
        self.title = title
        self.lines = []
        self.status = "passed"
        self.warnings = []
        self.printed = None  # (case, text, number of lines) of the first call that printed
        self.time_left = TIME_LIMIT

    @property
    def passed(self):
        return self.status == "passed"

    def ok(self, message):
        self.lines.append(f"{PASS} {message}")

    def fail(self, message, hint=""):
        self.status = "failed"
        self.lines.append(f"{FAIL} {message}" + (f"\n    Hint: {hint}" if hint else ""))

    def not_done(self, message=TODO_MESSAGE):
        if self.status != "failed":
            self.status = "not done"
        self.lines.append(f"{TODO} {message}")

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if kind is None:
            return False
        if issubclass(kind, _Stop):
            return True
        if issubclass(kind, KeyboardInterrupt):
            self.not_done("stopped: you interrupted the check (Ctrl-C or Kernel → Interrupt).")
            return True
        if issubclass(kind, Exception):  # a bug of the checker is not the learner's problem
            self.fail(
                f"the checker itself failed on this answer ({kind.__name__}: {shorten(error)}). "
                "Please tell your instructor; your answer is probably unusual, not wrong."
            )
            return True
        return False

    def call(
        self, function, args, case, hint="", watch_warnings=False, todo=TODO_MESSAGE, allowed=()
    ):
        """Run the learner's function once on args, guarded (see the module docstring).

        Inputs:  function: the learner's function; args: tuple of its arguments;
                 case: what this case checks, starts its feedback line;
                 hint: shown under a ✘ line if the function raises;
                 watch_warnings: record numpy's warnings in self.warnings (see `run`);
                 todo: the "not done" message; allowed: exception types that are
                 an answer here (returned as the value, e.g. ValueError).
        Returns: (True, value) when there is an answer to judge; (False, None)
                 when the function raised (the ✘ line is written). When there is
                 nothing more to check (not done, endless loop, None returned,
                 Ctrl-C) it writes the line and ends the check (raises _Stop,
                 which `with Feedback(...)` catches).
        """
        result = run(function, args, self.time_left, watch_warnings)
        self.time_left -= result.seconds
        self.warnings = result.warnings
        if result.printed and self.printed is None:
            self.printed = (case, *result.printed)
        error = result.error
        if result.timed_out:
            self.fail(
                f"{case}: your function did not finish within {TIME_LIMIT:g} s "
                "(the time limit of this check): an endless loop?",
                LOOP_HINT,
            )
            raise _Stop
        if isinstance(error, KeyboardInterrupt):
            self.not_done(f"stopped: you interrupted your function while it ran on: {case}.")
            raise _Stop
        if isinstance(error, NotImplementedError):
            self.not_done(todo)
            raise _Stop
        if error is not None and not isinstance(error, allowed):
            self.fail(f"{case}: your function raised {describe_error(error)}", hint)
            return False, None
        value = error if error is not None else result.value
        if is_placeholder(value) or (value is None and does_nothing(function)):
            self.not_done(todo)
            raise _Stop
        if value is None:
            self.fail(
                f"{case}: your function returned None: is a `return` missing?",
                "end the function with `return` and your answer; `print` only shows a value.",
            )
            raise _Stop
        return True, value

    def judge(
        self,
        case,
        got,
        expected,
        hint="",
        mistakes=(),
        args=(),
        warning_hint=None,
        atol=1e-6,
        rtol=1e-6,
    ):
        """Compare an answer with the expected one and add a ✔ or ✘ line.

        The ✘ line's hint is the hint of the known mistake the answer matches
        (see `known_mistake`), else `warning_hint` if the answer warned (only
        when warning_hint is given: then a warning fails the case), else `hint`.
        Returns: True if the answer is right.
        """
        difference = compare(got, expected, atol, rtol)
        warned = self.warnings if warning_hint is not None else []
        if difference is None and not warned:
            self.ok(case)
            return True
        problems = [f"numpy warned: {'; '.join(warned)}"] if warned else []
        problems += [difference] if difference else []
        mistake = known_mistake(got, expected, mistakes, args)
        self.fail(f"{case}: {'; '.join(problems)}", mistake or (warning_hint if warned else hint))
        return False

    def __repr__(self):
        verdict = {
            "passed": "all checks passed. Well done!",
            "failed": "not quite yet: see the lines marked ✘.",
            "not done": "not done yet.",
        }[self.status]
        lines = [f"Checking {self.title}: {verdict}", *self.lines]
        if self.printed:  # the learner's own prints, shortened: a check never floods the notebook
            case, text, count = self.printed
            shown = text.splitlines()[:PRINT_LINES]
            lines.append(f"Your function printed {count:,} line{'s' * (count != 1)} ({case}):")
            lines += [f"    {shorten(line, 100)}" for line in shown]
            if count > len(shown):
                lines.append(f"    ... and {count - len(shown):,} more")
        return "\n".join(lines)


# ------------------------------------------------------------------ the guarded runner
class RunResult(NamedTuple):
    value: object  # what the function returned (None if it raised or was stopped)
    error: BaseException  # what it raised, or None
    timed_out: bool  # stopped by the time limit
    seconds: float  # how long it ran
    printed: tuple  # (text, number of lines) it printed, or () if nothing
    warnings: list  # each warning message once, in order


def run(function, args, seconds, watch_warnings=False):
    """Call function(*args) with a time limit, capturing what it prints and warns.

    Inputs:  function, args: the call; seconds: the time limit;
             watch_warnings: if True, numpy warns (not ignores, not raises) on
             overflow, division by zero and invalid operations (inf - inf, 0 / 0)
             whatever the caller's np.errstate; underflow is ignored (exp(-1e4)
             rounding to 0.0 is harmless and exactly right).
    Returns: a RunResult. Never raises: whatever the function raises, Ctrl-C
             included, comes back in RunResult.error.
    """
    printed = _Printed()
    numpy_errors = {"all": "warn", "under": "ignore"} if watch_warnings else {}
    value = error = None
    timed_out = False
    start = time.perf_counter()
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(**numpy_errors),
        contextlib.redirect_stdout(printed),
        contextlib.redirect_stderr(printed),
    ):
        warnings.simplefilter("always")
        try:
            value = _with_time_limit(function, args, seconds)
        except _TimeUp:
            timed_out = True
        except BaseException as exception:  # the learner's error is feedback, never a traceback
            error = exception
    messages = []
    for warning in caught:
        if str(warning.message) not in messages:
            messages.append(str(warning.message))
    seconds_taken = time.perf_counter() - start
    shown = (printed.text, printed.lines) if printed.lines else ()
    return RunResult(value, error, timed_out, seconds_taken, shown, messages)


class _TimeUp(BaseException):
    """Raised inside the learner's code when its time is up (a BaseException, so
    `except Exception` in the learner's code does not swallow it)."""


_set_async_exc = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)


def _with_time_limit(function, args, seconds):
    """function(*args), stopped by raising _TimeUp in it after `seconds`.

    A watchdog thread waits; when time is up it asks Python to raise _TimeUp
    in this thread at its next instruction (once: code that catches every
    exception, a bare `except:`, can swallow it). The lock makes sure it never
    fires after the call has finished. Without ctypes.pythonapi (Python
    implementations other than CPython) there is no limit.
    """
    if _set_async_exc is None:
        return function(*args)
    if seconds <= 0:
        raise _TimeUp
    thread_id = ctypes.c_ulong(threading.get_ident())
    lock, finished, fired = threading.Lock(), threading.Event(), []

    def watchdog():
        if not finished.wait(seconds):
            with lock:
                if not finished.is_set():
                    fired.append(True)
                    _set_async_exc(thread_id, ctypes.py_object(_TimeUp))

    def stop():
        with lock:
            finished.set()
            if fired:  # time ran out just as the call ended: cancel it if still pending
                _set_async_exc(thread_id, ctypes.c_void_p(None))

    threading.Thread(target=watchdog, daemon=True).start()
    try:
        try:
            value = function(*args)
        finally:
            stop()
    except _TimeUp:  # it may land in the first stop(); the second one runs undisturbed
        stop()
        raise
    if fired:  # the learner's code caught _TimeUp and finished late
        raise _TimeUp
    return value


class _Printed(io.TextIOBase):
    """A stand-in for sys.stdout: keeps the first 10,000 characters, counts the lines."""

    def __init__(self):
        self.text, self.lines, self._at_line_start = "", 0, True

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        for line in text.splitlines(keepends=True):
            self.lines += self._at_line_start
            self._at_line_start = line.endswith("\n")
        self.text += text[: max(0, 10_000 - len(self.text))]
        return len(text)


def does_nothing(function):
    """True if the function's body is empty: only `...`, `pass` or a docstring (it returns None)."""
    code = getattr(getattr(function, "__func__", function), "__code__", None)
    if code is None:
        return False
    steps = [
        (step.opname, step.argval)
        for step in dis.get_instructions(code)
        if step.opname not in ("RESUME", "NOP", "CACHE")
    ]
    return steps in ([("LOAD_CONST", None), ("RETURN_VALUE", None)], [("RETURN_CONST", None)])


def is_placeholder(value):
    """True if `value` is what an untouched exercise returns: ``...``, or a tuple,
    list or dict holding one (``return ..., ...`` for a pair of answers)."""
    if isinstance(value, (tuple, list)):
        return any(item is Ellipsis for item in value)
    if isinstance(value, dict):
        return any(item is Ellipsis for item in value.values())
    return value is Ellipsis


_NOT_LEARNER = tuple(
    os.path.join(os.path.realpath(path), "")
    for path in [
        os.path.dirname(course_utils.__file__),
        os.path.dirname(np.__file__),
        *{sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")},
    ]
)


def describe_error(error):
    """'TypeError: message (in neuron, line 3: return g(x * w + b))', the line being
    the last one of the learner's own code (not numpy's, not course_utils')."""
    text = f"{type(error).__name__}: {shorten(error, 200)}".rstrip(": ")
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not os.path.realpath(frame.filename).startswith(_NOT_LEARNER)
    ]
    if not frames:
        return text
    frame = frames[-1]
    line = f": {shorten(frame.line.strip(), 80)}" if frame.line else ""
    return f"{text} (in {frame.name}, line {frame.lineno}{line})"


# ------------------------------------------------------------------ reading answers
def as_array(value):
    """The learner's answer as a float64 numpy array.

    Accepts numbers, lists and tuples of numbers (nested, not ragged), numpy
    scalars and arrays of any real dtype (float32, int, bool).
    Returns: (array, None), or (None, a sentence saying why it cannot be one).
    """
    if isinstance(value, (str, bytes)):
        return None, f"got the text {describe(value)}: write numbers without quotes"
    if value is None or isinstance(value, (dict, set)) or callable(value):
        return None, f"expected a number or an array, got {describe(value)}"
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return None, (
            f"got {describe(value)}, whose rows have different lengths: that is not an array"
        )
    except Exception as error:
        return None, f"expected a number or an array, got {describe(value)} ({shorten(error)})"
    kind = array.dtype.kind
    if kind == "c":
        return None, f"got a complex number {describe(value)}: expected real numbers"
    if kind == "O" and all(isinstance(item, numbers.Real) for item in array.flat):
        try:  # Python ints beyond 1e308 make an object array
            return array.astype(float), None
        except OverflowError:
            return None, f"got {describe(value)}, a number too large for a float"
    if kind not in "biuf":
        return None, f"expected a number or an array of numbers, got {describe(value)}"
    return array.astype(float), None


def as_number(value):
    """The learner's answer as one float: a number, or anything holding exactly one
    (a 1-element list, a trailing-comma tuple, a 0-d or 1-element array).

    Returns: (float, None), or (None, a sentence saying why it is not one finite number).
    """
    if isinstance(value, (bool, np.bool_)):
        return None, f"expected a number, got {value} (a truth value)"
    array, problem = as_array(value)
    if problem:
        return None, problem.replace("a number or an array", "one number")
    if array.size != 1:
        return None, f"expected one number, got {describe(value)}"
    if not np.isfinite(array).all():
        return None, f"expected a finite number, got {describe(float(array.reshape(())))}"
    return float(array.reshape(())), None


def as_shape(value):
    """The learner's answer as a shape: a tuple of whole numbers >= 0, such as (5, 8) or (8,).

    Returns: (tuple of ints, None), or (None, a sentence saying why it is not a shape).
    """
    if isinstance(value, (numbers.Integral, np.integer)) and not isinstance(value, bool):
        return None, (
            f"a shape is a tuple, got the number {value}; (8) is just 8 in Python: "
            "a 1-D shape needs a comma, (8,)"
        )
    if isinstance(value, (tuple, list)) or isinstance(value, np.ndarray) and value.ndim == 1:
        shape = []
        for item in value:
            if isinstance(item, (bool, np.bool_)) or not isinstance(item, numbers.Real):
                break
            whole = isinstance(item, numbers.Integral) or float(item).is_integer()  # not inf, nan
            if not (whole and 0 <= item < 2**63):
                break
            shape.append(int(item))
        else:
            return tuple(shape), None
    return None, f"a shape is a tuple of whole numbers such as (5, 8), got {describe(value)}"


def shorten(text, width=120):
    """str(text) cut to `width` characters, with '...' where it was cut."""
    try:
        text = str(text)
    except Exception:
        text = "?"
    return text if len(text) <= width else text[: width - 3] + "..."


def describe(value):
    """A short, stable text for a value, for feedback lines: 3, 0.25, (2, 1), array [1, 2] ..."""
    try:
        if isinstance(value, np.ndarray):
            if value.ndim == 0:
                return describe(value.item())  # a 0-d array is one number: 3, not "array 3."
            if value.size <= 8 and value.dtype.kind in "biuf":
                text = np.array2string(np.round(value, 4), separator=", ", max_line_width=10_000)
                return f"array {' '.join(text.split())} with shape {value.shape}"
            return f"an array with shape {value.shape}"
        if isinstance(value, (bool, np.bool_)):
            return str(bool(value))
        if callable(value) and hasattr(value, "__name__"):
            return f"the function {value.__name__} (not its result)"
        if isinstance(value, (float, np.floating)):
            return f"{float(value):.6g}"
        if isinstance(value, (numbers.Integral, np.integer)):
            text = str(int(value))
            return text if len(text) <= 20 else f"{text[:6]}...({len(text)} digits)"
        if isinstance(value, tuple) and 0 < len(value) <= 8 and all(np.ndim(v) == 0 for v in value):
            return (
                "("
                + ", ".join(describe(item) for item in value)
                + (",)" if len(value) == 1 else ")")
            )
        text = repr(value)
        return f"a {type(value).__name__} object" if " at 0x" in text else shorten(text, 80)
    except Exception:  # a learner's object may break repr: describe it by its type
        return f"a {type(value).__name__} object"


def compare(got, expected, atol=1e-6, rtol=1e-6):
    """Compare an answer with the expected one.

    One number is one number however it is written: 3, [3], (3,) and
    np.array([3.0]) all compare with 3. Arrays must have the expected shape.
    Returns: None when they agree, otherwise a short sentence saying how they
             differ (type, shape or values), for a feedback line.
    """
    if isinstance(expected, (tuple, list)) and not (
        isinstance(got, np.ndarray) and _is_rectangular(expected)
    ):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"expected {describe(expected)}, got {describe(got)}"
        for position, (g, e) in enumerate(zip(got, expected)):
            difference = compare(g, e, atol, rtol)
            if difference:
                if all(np.ndim(item) == 0 for item in expected):
                    return f"expected {describe(expected)}, got {describe(got)}"
                return f"item {position}: {difference}"
        return None
    got_array, problem = as_array(got)
    if problem:
        return problem
    expected_array = np.asarray(expected, dtype=float)
    if expected_array.ndim == 0 and got_array.size == 1:
        got_array = got_array.reshape(())
    if got_array.shape != expected_array.shape:
        return f"expected shape {expected_array.shape}, got shape {got_array.shape}"
    if not np.all(np.isfinite(got_array)) and np.all(np.isfinite(expected_array)):
        return f"got non-finite values (inf or nan): {describe(got_array)}"
    with np.errstate(all="ignore"):
        close = np.allclose(got_array, expected_array, atol=atol, rtol=rtol, equal_nan=True)
    if close:
        return None
    if got_array.size > 8:  # too big to print: say where the values differ most
        with np.errstate(all="ignore"):
            gap = np.abs(got_array - expected_array)
        gap = np.where(np.isnan(gap), np.inf, gap)
        where = np.unravel_index(np.argmax(gap), gap.shape)
        index = ", ".join(str(int(i)) for i in where)
        return (
            f"right shape {got_array.shape}, wrong values: at [{index}] expected "
            f"{describe(expected_array[where])}, got {describe(got_array[where])}"
        )
    return f"expected {describe(expected)}, got {describe(got if got_array.ndim else got_array)}"


def _is_rectangular(value):
    """True if value (a tuple or list) is one array of numbers, not a mix of shapes."""
    try:
        np.asarray(value, dtype=float)
    except (ValueError, TypeError):
        return False
    return True


# ------------------------------------------------------------------ known mistakes
def known_mistake(got, expected, mistakes, args=()):
    """The hint of the mistake that best explains the answer, or None.

    A mistake explains `got` when `mistake.answer(*args)` equals it. For an
    answer made of parts (a dict, or a tuple or list of arrays) it also explains it when every
    part of `got` is either right or the mistake's, and at least one is the
    mistake's; a mistake that gives the whole answer wins over such a partial
    one, then the first in the list. Mistakes that raise on these inputs
    explain nothing.
    """
    levels = [_explains(mistake, got, expected, args) for mistake in mistakes]
    if not any(levels):
        return None
    mistake = mistakes[levels.index(max(levels))]
    return mistake.hint(*args) if callable(mistake.hint) else mistake.hint


def _explains(mistake, got, expected, args):
    """2 if got is the mistake's answer, 1 if it explains the wrong parts of got, else 0."""
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wrong = mistake.answer(*copy.deepcopy(args))
            explained, used, whole = _follows(got, wrong, expected)
    except Exception:
        return 0
    return 0 if not (explained and used) else 2 if whole else 1


def _follows(got, wrong, right):
    """(every part of got is right or wrong's, some part is wrong's and not right,
    every part is wrong's), for an answer got in parts (or one part)."""
    parts = None
    if all(isinstance(v, dict) for v in (got, wrong, right)):
        if got.keys() == wrong.keys() == right.keys():
            parts = [(got[k], wrong[k], right[k]) for k in right]
    elif all(isinstance(v, (tuple, list)) for v in (got, wrong, right)):
        if len(got) == len(wrong) == len(right) and any(_has_parts(r) for r in right):
            parts = list(zip(got, wrong, right))  # a tuple of numbers is one answer, not parts
    if parts is None:
        is_wrong = compare(got, wrong) is None
        is_right = compare(got, right) is None
        return is_wrong or is_right, is_wrong and not is_right, is_wrong
    results = [_follows(*part) for part in parts]
    return (
        all(r[0] for r in results),
        any(r[1] for r in results),
        all(r[2] for r in results),
    )


def _has_parts(value):
    return isinstance(value, (dict, tuple, list)) or np.ndim(value) > 0


# ------------------------------------------------------------------ ready-made checks
def check_cases(title, function, cases, mistakes=(), warning_hint=None, atol=1e-6, rtol=1e-6):
    """Run `function` on every case and compare with the expected answer.

    Inputs:  title: shown in the first line of the feedback;
             function: the learner's function;
             cases: list of (description, args, expected, hint); args is a tuple
                    (the function gets a copy); the hint is shown under a wrong
                    answer when no known mistake explains it;
             mistakes: list of Mistake (see `known_mistake`); where two explain
                    a wrong answer equally well, the one that explains more of the
                    learner's wrong answers over all cases wins: hints follow the
                    mistake the learner made, not the case;
             warning_hint: if given, a warning fails the case, with this hint.
    Returns: Feedback.
    """
    with Feedback(title) as feedback:
        answers, stopped = [], False  # (case, called, got, warnings, the lines its call wrote)
        for case in cases:
            description, args, _, hint = case
            start = len(feedback.lines)
            try:
                called, got = feedback.call(
                    function, copy.deepcopy(args), description, hint, warning_hint is not None
                )
            except _Stop:  # nothing more to check: its line is kept, the cases before it judged
                called, got, stopped = False, None, True
            answers.append((case, called, got, feedback.warnings, feedback.lines[start:]))
            del feedback.lines[start:]  # written again below, in order
            if stopped:
                break
        # Rank the mistakes by how many of the learner's wrong answers each explains.
        wrong = [
            (got, expected, args)
            for (_, args, expected, _), called, got, _, _ in answers
            if called and compare(got, expected, atol, rtol)
        ]
        ranked = sorted(mistakes, key=lambda m: -sum(bool(_explains(m, *w)) for w in wrong))
        for (description, args, expected, hint), called, got, warned, lines in answers:
            feedback.lines += lines
            if called:
                feedback.warnings = warned
                feedback.judge(
                    description, got, expected, hint, ranked, args, warning_hint, atol, rtol
                )
    return feedback


def check_value(title, value, expected, hint="", atol=1e-6, rtol=1e-6):
    """Check one answer given as a value (not a function)."""
    with Feedback(title) as feedback:
        difference = compare(value, expected, atol=atol, rtol=rtol)
        if is_placeholder(value):
            feedback.not_done()
        elif difference:
            feedback.fail(difference, hint)
        else:
            feedback.ok(f"{describe(value)} is right")
    return feedback


def check_shapes(title, answers):
    """Check shapes the learner predicted, one feedback line each.

    Inputs:  title: shown in the first line of the feedback;
             answers: list of (name, value, expected, mistakes, hint): value is
             the learner's answer, expected the right shape (a tuple), mistakes
             a list of Mistake whose answer() is a typical wrong shape, hint for
             any other wrong shape.
    Returns: Feedback; "not done" while any answer is still ``...``.
    """
    with Feedback(title) as feedback:
        if any(is_placeholder(value) for value, *_ in [answer[1:] for answer in answers]):
            feedback.not_done(
                "not done yet: replace every `...` with a shape such as (2, 3), "
                "then run this cell again."
            )
            return feedback
        for name, value, expected, mistakes, hint in answers:
            shape, problem = as_shape(value)
            if problem:
                feedback.fail(
                    f"{name}: {problem}", "write shapes as tuples: (2, 3), or (3,) for a 1-D array."
                )
            elif shape == expected:
                feedback.ok(f"{name} has shape {expected}")
            else:
                feedback.fail(
                    f"{name}: expected shape {expected}, got {shape}",
                    known_mistake(shape, expected, mistakes) or hint,
                )
    return feedback
