"""The machinery behind every exercise checker.

A checker runs the learner's function on a few cases and returns a
`Feedback`: one friendly line per case, shown as the cell's output. It never
raises, so a notebook still runs top to bottom while an exercise is unsolved.

Three outcomes:

* ``"not done"``: the function still returns ``...`` or ``None`` (or raises
  ``NotImplementedError``): the learner has not started yet.
* ``"passed"``: every case gave the expected answer.
* ``"failed"``: at least one case went wrong; its line says what was
  expected, what came back, and gives a hint.

`call` runs the learner's function and turns an exception into a feedback
line; `call_watching_warnings` also records the warnings it emits (numpy's
overflow, division by zero, ...), for checkers that fail a warning answer.
"""

import warnings

import numpy as np

PASS, FAIL, TODO = "✔", "✘", "…"


class Feedback:
    """What a checker found, one line per case.

    Attributes
    ----------
    title : str        what was checked, e.g. "neuron(x, w, b)"
    lines : list[str]  one line per case, starting with ✔, ✘ or …
    status : str       "passed", "failed" or "not done"
    """

    def __init__(self, title):
        self.title = title
        self.lines = []
        self.status = "passed"

    @property
    def passed(self):
        return self.status == "passed"

    def ok(self, message):
        self.lines.append(f"{PASS} {message}")

    def fail(self, message, hint=""):
        self.status = "failed"
        self.lines.append(f"{FAIL} {message}" + (f"\n    Hint: {hint}" if hint else ""))

    def not_done(
        self, message="not done yet: replace the `...` with your code, then run this cell again."
    ):
        self.status = "not done"
        self.lines.append(f"{TODO} {message}")

    def __repr__(self):
        verdict = {
            "passed": "all checks passed. Well done!",
            "failed": "not quite yet: see the lines marked ✘.",
            "not done": "not done yet.",
        }[self.status]
        return "\n".join([f"Checking {self.title}: {verdict}", *self.lines])


def is_placeholder(value):
    """True if `value` is what an untouched exercise returns: ``...`` or ``None``,
    or a tuple/list holding one (``return ..., ...`` for a pair of answers)."""
    if isinstance(value, (tuple, list)):
        return any(item is Ellipsis or item is None for item in value)
    return value is Ellipsis or value is None


def describe(value):
    """A short, stable text for a value, for feedback lines."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return describe(
                value.item()
            )  # a 0-d array is one number: 3, not "array 3. with shape ()"
        if value.size <= 8:
            text = np.array2string(np.round(value, 4), separator=", ", max_line_width=10_000)
            return f"array {' '.join(text.split())} with shape {value.shape}"
        return f"an array with shape {value.shape}"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    if isinstance(value, (np.integer,)):
        return str(int(value))
    if isinstance(value, tuple) and all(np.ndim(item) == 0 for item in value):
        return (
            "(" + ", ".join(describe(item) for item in value) + ")"
        )  # (2.0, 1.0), never (np.float64(2.0), ...)
    return repr(value)


def compare(got, expected, atol=1e-6, rtol=1e-6):
    """Compare an answer with the expected one.

    Returns None when they agree, otherwise a short sentence saying how they
    differ (type, shape or values), for a feedback line.
    """
    if isinstance(expected, (tuple, list)) and not isinstance(got, np.ndarray):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"expected {describe(expected)}, got {describe(got)}"
        for position, (g, e) in enumerate(zip(got, expected)):
            difference = compare(g, e, atol, rtol)
            if difference:
                if all(np.ndim(item) == 0 for item in expected):
                    return f"expected {describe(expected)}, got {describe(got)}"
                return f"item {position}: {difference}"
        return None
    try:
        got_array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"expected a number or an array, got {type(got).__name__}"
    expected_array = np.asarray(expected, dtype=float)
    if got_array.shape != expected_array.shape:
        return f"expected shape {expected_array.shape}, got shape {got_array.shape}"
    if not np.all(np.isfinite(got_array)) and np.all(np.isfinite(expected_array)):
        return f"got non-finite values (inf or nan): {describe(got_array)}"
    if not np.allclose(got_array, expected_array, atol=atol, rtol=rtol):
        if got_array.size > 8:  # too big to print: say where the values differ most
            gap = np.abs(got_array - expected_array)
            gap = np.where(np.isnan(gap), np.inf, gap)
            where = np.unravel_index(np.argmax(gap), gap.shape)
            index = ", ".join(str(int(i)) for i in where)
            return (
                f"right shape {got_array.shape}, wrong values: at [{index}] expected "
                f"{describe(expected_array[where])}, got {describe(got_array[where])}"
            )
        return f"expected {describe(expected)}, got {describe(got)}"
    return None


def call(feedback, function, args, case, hint=""):
    """Call the learner's function once and say whether there is an answer to check.

    Returns (ok, value). `ok` is False when there is nothing to check:
    - the function is not written yet (it returns a placeholder such as ``...``
      or raises NotImplementedError): the feedback becomes "not done";
    - it raised another exception: that becomes a ✘ line with the case's hint,
      never a traceback.
    """
    try:
        value = function(*args)
    except NotImplementedError:
        feedback.not_done()
        return False, None
    except Exception as error:  # a learner's bug must become feedback, never a traceback
        feedback.fail(f"{case}: your function raised {type(error).__name__}: {error}", hint)
        return False, None
    if is_placeholder(value):
        feedback.not_done()
        return False, None
    return True, value


def call_watching_warnings(function, args):
    """Call function(*args) and record every warning it emits, numpy's floating-point ones included.

    Inside, numpy is told to warn (not ignore, not raise) on overflow, division by zero
    and invalid operations (inf - inf, 0 / 0, ...), and every warning is recorded instead of
    printed. Underflow is ignored: exp(-1e4) rounding to 0.0 is harmless and exactly right.
    Returns (value, error, messages): the result (None if it raised), the exception
    (None if it did not) and the list of warning messages, e.g. ["overflow encountered in exp"].
    """
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            value, error = function(*args), None
        except Exception as exception:  # a learner's bug must become feedback, never a traceback
            value, error = None, exception
    messages = []
    for warning in caught:
        text = str(warning.message)
        if text not in messages:
            messages.append(text)
    return value, error, messages


def check_cases(title, function, cases, atol=1e-6, rtol=1e-6):
    """Run `function` on every case and compare with the expected answer.

    Inputs
    ------
    title : str               shown in the first line of the feedback
    function : callable       the learner's function
    cases : list of tuples    (description, args, expected, hint); `args` is a tuple;
                              the hint is shown under a wrong answer or an exception

    Returns
    -------
    Feedback. Stops at the first "not done" (a placeholder answer).
    """
    feedback = Feedback(title)
    for description, args, expected, hint in cases:
        called, got = call(feedback, function, args, description, hint)
        if feedback.status == "not done":
            return feedback
        if not called:
            continue
        difference = compare(got, expected, atol=atol, rtol=rtol)
        if difference:
            feedback.fail(f"{description}: {difference}", hint)
        else:
            feedback.ok(description)
    return feedback


def check_value(title, value, expected, hint="", atol=1e-6, rtol=1e-6):
    """Check one answer given as a value (not a function)."""
    feedback = Feedback(title)
    if is_placeholder(value):
        feedback.not_done()
        return feedback
    difference = compare(value, expected, atol=atol, rtol=rtol)
    if difference:
        feedback.fail(difference, hint)
    else:
        feedback.ok(f"{describe(value)} is right")
    return feedback


def check_shapes(title, answers, default_hint=""):
    """Check shapes the learner predicted, one feedback line each.

    Inputs
    ------
    title : str     shown in the first line of the feedback
    answers : list of (name, value, expected, hint): `value` is the learner's
        answer, `expected` the right shape (a tuple). `hint` is shown when the
        shape is wrong: a string, a function of the wrong shape, or a dict
        {wrong shape: hint} (shapes not in it get `default_hint`).

    Returns
    -------
    Feedback; "not done" while any answer is still ``...``.
    """
    feedback = Feedback(title)
    if any(is_placeholder(value) for _, value, _, _ in answers):
        feedback.not_done(
            "not done yet: replace every `...` with a shape such as (2, 3), then run this cell again."
        )
        return feedback
    for name, value, expected, hint in answers:
        try:
            shape = tuple(int(n) for n in value)
        except (TypeError, ValueError):
            feedback.fail(
                f"{name}: a shape is a tuple of whole numbers such as {expected}, got {describe(value)}",
                "write shapes as tuples: (2, 3), or (3,) for a 1-D array.",
            )
            continue
        if shape == expected:
            feedback.ok(f"{name} has shape {expected}")
        else:
            if isinstance(hint, dict):
                hint = hint.get(shape, default_hint)
            elif callable(hint):
                hint = hint(shape)
            feedback.fail(f"{name}: expected shape {expected}, got {shape}", hint)
    return feedback
