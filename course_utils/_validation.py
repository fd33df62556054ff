"""Small input checks that turn learner mistakes into clear error messages.

Every check raises ``ValueError`` (or ``TypeError`` for a wrong kind of
object) with a message that names the function, the argument and its shape,
so a learner never has to read a traceback from deep inside numpy.

``where`` is the name of the calling function, e.g. ``"mse"``; it starts
the message: ``mse: y_true has shape (4,) but y_pred has shape (4, 1) ...``.

Used by activations, losses, gradcheck and data; other modules may import
these too. No notebook derives them: they are the course's safety net, not its
maths.
"""

import difflib
import numbers

import numpy as np

# The float types the engine computes in; anything else (float16 too) takes the general path.
FLOAT_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


def as_float_array(x, name="x", where="course_utils"):
    """Convert x to a numpy array of floats, keeping float32 as float32.

    Formula: floats keep their dtype; integers and booleans become float64; anything else
             (text, complex numbers, None, ragged nested lists) is refused, naming x.
    Inputs:  x: a number, a (nested) list or a numpy array, any shape.
    Returns: a numpy array with a floating dtype, same shape as x.
    """
    if type(x) is np.ndarray and x.dtype in FLOAT_DTYPES:
        return x  # already an array of floats: nothing to convert or check
    try:
        array = np.asarray(x)
    except ValueError:  # numpy: "setting an array element with a sequence ... inhomogeneous"
        raise ValueError(
            f"{where}: {name} must be a number or a rectangular array of numbers; "
            "its rows have different lengths."
        ) from None
    if np.issubdtype(array.dtype, np.floating):
        return array
    if np.issubdtype(array.dtype, np.integer) or array.dtype == bool:
        return array.astype(np.float64)
    raise TypeError(f"{where}: {name} must contain numbers, got an array of dtype {array.dtype}")


def check_finite(x, name="x", where="course_utils"):
    """Raise ValueError if the array x contains NaN or infinite values.

    A NaN usually means training diverged (learning rate too high) or a
    division by zero happened earlier.
    Inputs:  x: array (any shape); name: its name; where: the calling function.
    Returns: nothing; raises ValueError counting the bad entries.
    """
    x = np.asarray(x)
    if np.isfinite(x).all():  # the usual case, answered in one pass
        return
    if np.isnan(x).any():
        count = int(np.isnan(x).sum())
        raise ValueError(
            f"{where}: {name} contains NaN ({count} of {x.size} entries). "
            "NaN usually comes from a diverging training run (learning rate too high?) "
            "or a division by zero earlier on."
        )
    if np.isinf(x).any():
        count = int(np.isinf(x).sum())
        raise ValueError(f"{where}: {name} contains infinite values ({count} of {x.size} entries).")


def check_not_empty(x, name="x", where="course_utils"):
    """Raise ValueError if the array x has no entries (a mean over it is undefined).

    Inputs:  x: array (any shape); name: its name; where: the calling function.
    """
    x = np.asarray(x)
    if x.size == 0:
        raise ValueError(
            f"{where}: {name} is empty (shape {x.shape}); it needs at least one entry."
        )


def check_2d(X, name="X", where="course_utils"):
    """Raise ValueError unless X is 2-D, i.e. has shape (n_samples, n_features).

    The message tells a learner how to reshape a 1-D array.
    Inputs:  X: array; name: its name; where: the calling function.
    """
    X = np.asarray(X)
    if X.ndim != 2:
        hint = ""
        if X.ndim == 1:
            hint = (
                f" For {X.shape[0]} examples with one feature use {name}.reshape(-1, 1);"
                f" for one example with {X.shape[0]} features use {name}.reshape(1, -1)."
            )
        raise ValueError(
            f"{where}: {name} must be 2-D with shape (n_samples, n_features), "
            f"got shape {X.shape}.{hint}"
        )


def check_same_shape(a, b, name_a, name_b, where="course_utils"):
    """Raise ValueError unless arrays a and b have exactly the same shape.

    No broadcasting: y of shape (n,) against y_pred of shape (n, 1) would
    silently broadcast to (n, n), a classic bug, so it is refused here.
    Inputs:  a, b: arrays; name_a, name_b: their names; where: the calling function.
    """
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        hint = ""
        if a.ndim + b.ndim == 3 and a.size == b.size:
            hint = f" Reshape one of them, e.g. {name_a}.reshape({name_b}.shape)."
        raise ValueError(
            f"{where}: {name_a} has shape {a.shape} but {name_b} has shape {b.shape}; "
            f"they must have the same shape.{hint}"
        )


def check_values_in(y, allowed, name="y", where="course_utils"):
    """Raise ValueError if y contains a value that is not in the set `allowed`.

    Inputs:  y: array (any shape); allowed: a list of numbers, e.g. [0, 1];
             name: y's name; where: the calling function.
    """
    bad = np.setdiff1d(np.unique(y), allowed)
    if bad.size > 0:
        shown = ", ".join(f"{value:g}" for value in bad[:5])
        valid = ", ".join(f"{value:g}" for value in allowed)
        raise ValueError(f"{where}: {name} may only contain the values {{{valid}}}, found {shown}.")


def check_class_labels(y, k, name="y", where="course_utils"):
    """Raise ValueError unless y holds whole-number class labels 0, 1, ..., k-1.

    Inputs:  y: array of shape (n,), float or int dtype; k: number of classes;
             name: y's name; where: the calling function.
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(
            f"{where}: class labels {name} must be 1-D with shape (n,), got shape {y.shape}."
            + (f" Use {name}.ravel()." if y.ndim == 2 and 1 in y.shape else "")
        )
    if not np.all(y == np.round(y)):
        raise ValueError(f"{where}: class labels {name} must be whole numbers 0, 1, ..., {k - 1}.")
    if y.size > 0 and (y.min() < 0 or y.max() > k - 1):
        raise ValueError(
            f"{where}: class labels {name} must lie in 0..{k - 1} for {k} classes, "
            f"found values from {y.min():g} to {y.max():g}."
        )


def check_integer(value, name, minimum, where="course_utils"):
    """Raise unless value is a whole number (int, not bool) that is >= minimum.

    Inputs:  value; name: its name; minimum: the smallest allowed; where: the calling function.
    Returns: nothing; raises TypeError (not an integer) or ValueError (too small).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where}: {name} must be an integer, got {value!r}.")
    if value < minimum:
        raise ValueError(f"{where}: {name} must be at least {minimum}, got {value}.")


def check_number(value, name, minimum=None, strictly_greater=None, where="course_utils"):
    """Raise unless value is a finite real number within the given bounds.

    Inputs:  value; name: its name; minimum: value must be >= minimum (if given);
             strictly_greater: value must be > strictly_greater (if given);
             where: the calling function.
    Returns: nothing; raises TypeError (not a finite number) or ValueError (out of bounds).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise TypeError(f"{where}: {name} must be a finite number, got {value!r}.")
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: {name} must be >= {minimum}, got {value}.")
    if strictly_greater is not None and value <= strictly_greater:
        raise ValueError(f"{where}: {name} must be > {strictly_greater}, got {value}.")


def unknown_name_error(kind, name, valid_names):
    """Build the ValueError for an unknown name, suggesting the closest valid one.

    Case is ignored when looking for a suggestion, so "w1" suggests "W1" and
    "ReLU6" suggests "relu". The suggestion is the first of: a valid name equal
    to what was typed up to case, a valid name starting with it, the closest
    spelling by difflib.get_close_matches. Example message:
      Unknown activation 'relu6'. Valid: identity, step, ..., softmax. Did you mean 'relu'?

    Inputs:  kind: e.g. "activation"; name: what the learner typed; valid_names: list of str.
    Returns: a ValueError (the caller raises it).
    """
    message = f"Unknown {kind} {name!r}. Valid: {', '.join(valid_names)}."
    typed = str(name).lower()
    by_lowercase = {valid.lower(): valid for valid in valid_names}  # "w1" -> "W1"
    # The same name in another case ("w1" -> "W1"), else a valid name that starts with
    # what was typed ("cross_entropy" -> "cross_entropy_from_logits"), else the closest spelling.
    close = [typed] if typed in by_lowercase else []
    close = close or [lowercase for lowercase in by_lowercase if lowercase.startswith(typed)][:1]
    close = close or difflib.get_close_matches(typed, list(by_lowercase), n=1)
    if close:
        message += f" Did you mean {by_lowercase[close[0]]!r}?"
    return ValueError(message)
