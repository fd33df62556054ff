"""course_utils._validation: the checks behind the messages learners see."""

import numpy as np
import pytest

from course_utils._validation import as_float_array, check_finite, unknown_name_error
from course_utils.model import MLP


def test_unknown_name_lists_the_valid_names_and_suggests_the_closest():
    error = unknown_name_error("activation", "relu6", ["identity", "sigmoid", "relu"])
    assert isinstance(error, ValueError)
    assert (
        str(error)
        == "Unknown activation 'relu6'. Valid: identity, sigmoid, relu. Did you mean 'relu'?"
    )


def test_a_valid_name_starting_with_what_was_typed_is_suggested():
    error = unknown_name_error("loss", "cross_entropy", ["mse", "cross_entropy_from_logits"])
    assert str(error).endswith("Did you mean 'cross_entropy_from_logits'?")


@pytest.mark.parametrize(
    "typed, suggested",
    [("w1", "W1"), ("W1 ", "W1"), ("B2", "b2"), ("w", "W1"), ("ReLU6", "relu")],
)
def test_case_is_ignored_when_suggesting(typed, suggested):
    error = unknown_name_error("name", typed, ["W1", "b1", "W2", "b2", "relu"])
    assert str(error).endswith(f"Did you mean {suggested!r}?")


def test_no_suggestion_when_nothing_is_close():
    assert "Did you mean" not in str(
        unknown_name_error("optimizer", "lbfgs", ["sgd", "momentum", "adam"])
    )


def test_set_params_suggests_the_capitalised_weight_name():
    model = MLP([2, 3, 1], seed=0)
    with pytest.raises(
        ValueError, match=r"Unknown parameter 'w1'\. Valid: W1, b1, W2, b2\. Did you mean 'W1'\?"
    ):
        model.set_params({"w1": [[0.0] * 3] * 2})


def test_as_float_array_keeps_float_dtypes_and_converts_integers_and_booleans():
    for dtype in [np.float16, np.float32, np.float64]:
        x = np.zeros(3, dtype=dtype)
        assert as_float_array(x) is x  # no copy
    for x in [np.arange(3), np.arange(3, dtype=np.uint8), np.array([True, False]), 2]:
        assert as_float_array(x).dtype == np.float64
    with pytest.raises(TypeError, match="relu: z must contain numbers, got an array of dtype <U1"):
        as_float_array(np.array(["a"]), "z", "relu")
    with pytest.raises(TypeError, match="dtype complex128"):
        as_float_array(np.array([1j]), "z", "relu")


def test_check_finite_passes_finite_arrays_and_counts_the_bad_entries():
    check_finite(np.arange(4.0))
    check_finite(np.array([1, 2]))  # integers are always finite
    with pytest.raises(ValueError, match=r"fit: y contains NaN \(1 of 3 entries\)"):
        check_finite(np.array([1.0, np.nan, np.inf]), "y", "fit")  # NaN is reported first
    with pytest.raises(ValueError, match=r"fit: y contains infinite values \(2 of 3 entries\)"):
        check_finite(np.array([-np.inf, 0.0, np.inf]), "y", "fit")


def test_as_float_array_turns_ragged_lists_into_a_clear_value_error():
    """numpy's message ("inhomogeneous shape after 1 dimensions") names neither x nor the caller."""
    with pytest.raises(ValueError, match=r"mse: y_pred must be a number or a rectangular array"):
        as_float_array([[1.0, 2.0], [3.0]], "y_pred", "mse")
