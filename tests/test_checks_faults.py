"""The checker faults issue 15 lists, one test each: tracebacks, hangs and wrong verdicts.

Each of these failed before the guarded runner (a traceback escaped, a check hung, or the
verdict or the hint was wrong).
"""

import numpy as np
import pytest
from test_checks_mistakes import FUNCTION_CHECKERS, mse, mse_gradient, relu_derivative

from course_utils import checks
from course_utils.activations import relu, sigmoid
from course_utils.checks import _core


def output_shape(input_shape, layers):
    shape = tuple(input_shape)
    for n_in, n_out in layers:
        if shape[-1] != n_in:
            raise ValueError(f"last axis {shape[-1]} does not match n_in = {n_in}")
        shape = shape[:-1] + (n_out,)
    return shape


def no_traceback(feedback):
    """The check came back with lines, and none says that the checker itself broke."""
    text = repr(feedback)
    assert feedback.lines and "the checker itself failed" not in text
    return text


# ------------------------------------------------------------ tracebacks escape the checkers
@pytest.mark.parametrize("w1", [[-1.0], (-1.0,), np.array([-1.0]), np.float32(-1.0)])
def test_nand_weights_reads_one_number_however_written(w1):
    assert checks.nand_weights(w1, -1.0, 1.5).passed


@pytest.mark.parametrize("w1", ["-1", -1 + 0j, None, [-1.0, 2.0], float("nan")])
def test_nand_weights_turns_what_is_not_a_number_into_a_line(w1):
    feedback = checks.nand_weights(w1, -1.0, 1.5)
    assert feedback.status == "failed" and no_traceback(feedback).count("✘ w1: ") == 1


def test_linear_output_shape_reads_an_array_answer():
    feedback = checks.linear_output_shape(lambda s, layers: np.array(output_shape(s, layers)))
    assert feedback.passed, repr(feedback)
    no_traceback(checks.linear_output_shape(lambda s, layers: np.zeros((2, 3))))


def test_numbers_that_are_not_finite_are_refused_in_words():
    text = no_traceback(checks.xor_training_choice(float("inf"), 400))
    assert "learning_rate must be a number > 0, got inf" in text
    text = no_traceback(checks.network_shapes((float("inf"), 8), (8,), (8, 3), (3,)))
    assert "✘ W1: a shape is a tuple of whole numbers" in text


RAGGED = [1.0, [2.0, 3.0]]


@pytest.mark.parametrize(
    "check",
    [
        lambda: checks.neuron_function(lambda x, w, b, g=relu: RAGGED),
        lambda: checks.neuron_gradients(lambda x, w, b, y: RAGGED),
        lambda: checks.neuron_gradients(lambda x, w, b, y: (RAGGED, RAGGED)),
        lambda: checks.relu_and_derivative(lambda z: RAGGED, relu_derivative),
        lambda: checks.relu_and_derivative(relu, lambda z: RAGGED),
        lambda: checks.mse_and_gradient(lambda y, y_hat: RAGGED, mse_gradient),
        lambda: checks.mse_and_gradient(mse, lambda y, y_hat: RAGGED),
        lambda: checks.stable_cross_entropy(lambda labels, Z: RAGGED),
        lambda: checks.stable_cross_entropy(lambda labels, Z: "loss"),
    ],
)
def test_a_ragged_list_or_text_from_the_learner_is_a_line(check):
    feedback = check()
    assert feedback.status == "failed"
    no_traceback(feedback)


def test_the_line_says_why_an_answer_is_not_an_array():
    text = repr(checks.stable_cross_entropy(lambda labels, Z: RAGGED))
    assert "got [1.0, [2.0, 3.0]], whose rows have different lengths" in text
    text = repr(checks.stable_cross_entropy(lambda labels, Z: "0.5"))
    assert "got the text '0.5': write numbers without quotes" in text


def test_a_state_dict_without_its_keys_is_not_a_playground():
    feedback = checks.xor_fewest_neurons({"settings": {"dataset": "xor"}})
    assert feedback.status == "not done"
    assert "pass the playground itself" in no_traceback(feedback)


# ------------------------------------------------------------ no time limit
def endless(*args):
    while True:
        pass


@pytest.mark.parametrize(
    "checker",
    [checker for checker, _, _ in FUNCTION_CHECKERS]
    + [checks.minibatches, checks.split, checks.linear_output_shape],
)
def test_an_endless_loop_is_stopped_in_every_checker(monkeypatch, checker):
    monkeypatch.setattr(_core, "TIME_LIMIT", 0.1)
    text = no_traceback(checker(endless))
    assert "did not finish within 0.1 s" in text and text.count("✘") == 2  # title and one line


def test_an_endless_generator_is_stopped_too(monkeypatch):
    monkeypatch.setattr(_core, "TIME_LIMIT", 0.1)

    def minibatches(X, y, batch_size, rng):
        while True:
            pass
        yield X, y

    assert "did not finish within 0.1 s" in no_traceback(checks.minibatches(minibatches))


# ------------------------------------------------------------ accepted although wrong
def test_shapes_are_not_truncated_to_whole_numbers():
    feedback = checks.network_shapes((5.5, 8.9), (8,), (8, 3), (3,))
    assert feedback.status == "failed" and "got (5.5, 8.9)" in repr(feedback)


def test_text_is_not_a_number():
    feedback = checks.neuron_by_hand("-3", 0)
    assert feedback.status == "failed" and "✘ z: got the text '-3'" in repr(feedback)


def test_cross_entropy_with_the_maximum_of_the_whole_array_fails():
    def whole_array_maximum(labels, Z):
        m = Z.max()  # every row of the 1000-logit case has this maximum: only a new case tells
        log_sum_exp = m + np.log(np.exp(Z - m).sum(axis=1))
        return np.mean(log_sum_exp - Z[np.arange(len(labels)), labels])

    feedback = checks.stable_cross_entropy(whole_array_maximum)
    assert feedback.status == "failed"
    assert "subtract each ROW's maximum" in repr(feedback)


def test_the_new_cross_entropy_case_has_the_right_answer():
    from course_utils.losses import cross_entropy_from_logits

    Z = np.array([[0.0, -1.0, -2.0], [2000.0, 0.0, 0.0]])
    assert round(cross_entropy_from_logits(np.array([0, 0]), Z), 3) == 0.204


# ------------------------------------------------------------ rejected although right
def test_pytorch_names_accept_every_right_spelling():
    names = {
        "Dense": "nn.Linear",
        "Dropout": "nn.Dropout",
        "relu": "nn.functional.relu",
        "mse": "torch.nn.functional.mse_loss",
        "sigmoid + binary_cross_entropy": "F.binary_cross_entropy_with_logits",
        "SGD": "torch.optim.SGD",
        "l2": "weight_decay=0.01",
    }
    assert checks.pytorch_names(names).passed, repr(checks.pytorch_names(names))


@pytest.mark.parametrize("z, a", [([-3.0], [0.0]), ((-3.0,), 0.0), (np.array([-3.0]), 0)])
def test_the_right_number_in_a_list_or_tuple_is_right(z, a):
    assert checks.neuron_by_hand(z, a).passed


def test_any_slope_from_0_to_1_at_z_0_is_right():
    feedback = checks.relu_and_derivative(relu, lambda z: np.heaviside(z, 0.5))
    assert feedback.passed and "you chose 0.5" in repr(feedback)


def test_a_whole_number_of_epochs_written_as_a_float_is_right():
    assert checks.xor_training_choice(3.0, 400.0).passed


# ------------------------------------------------------------ hints follow the mistake
def test_fit_line_without_the_means_is_told_about_the_means():
    def no_means(x, y):
        slope = np.sum(x * y) / np.sum(x * x)
        return slope, np.mean(y) - slope * np.mean(x)

    feedback = checks.fit_line(no_means)
    assert all("subtract the means" in line for line in feedback.lines)  # the first case too


def test_a_count_of_correct_points_is_told_about_the_fraction():
    text = repr(checks.threshold_accuracy(lambda x, y, t: np.sum((x >= t) == y)))
    assert "not a count" in text and "use >=" not in text


def test_a_neuron_that_ignores_g_is_told_about_g():
    text = repr(checks.neuron_function(lambda x, w, b, g=relu: relu(x @ w + b)))
    assert "use the activation you are given" in text and "add the bias" not in text


def test_early_stopping_by_argmin_is_told_about_the_future():
    def argmin_plus_one(val_losses, patience):
        best = int(np.argmin(val_losses)) + 1
        return best, min(best + patience, len(val_losses))

    text = repr(checks.early_stopping_epoch(argmin_plus_one))
    assert "np.argmin looks at every epoch" in text and "add 1 to a Python index" not in text


def test_early_stopping_one_epoch_late_is_told_about_the_comparison():
    def late(val_losses, patience):
        best_loss, best_epoch = float("inf"), 0
        for epoch, loss in enumerate(val_losses, start=1):
            if loss < best_loss:
                best_loss, best_epoch = loss, epoch
            elif epoch - best_epoch > patience:
                return best_epoch, epoch
        return best_epoch, len(val_losses)

    assert "(>=, not >)" in repr(checks.early_stopping_epoch(late))


def test_a_backward_pass_without_the_mean_is_told_so_in_every_case():
    def no_mean(X, Y, A1, y_hat, W2):
        dZ2 = y_hat - Y
        dZ1 = dZ2 @ W2.T * (1 - A1**2)
        return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)

    feedback = checks.xor_backward(no_mean)
    failed = [line for line in feedback.lines if line.startswith("✘")]
    assert len(failed) == 3  # the one-example case is right: n = 1
    assert all("(y_hat - Y) / n" in line and "tanh" not in line for line in failed)


def test_split_compares_seeds_on_the_100_row_case_only():
    def wrong_only_for_100_rows(X, y, test_fraction, rng):
        n = len(X)
        n_test = round(test_fraction * n) + (5 if n == 100 else 0)
        order = rng.permutation(n)
        test, train = order[:n_test], order[n_test:]
        return X[train], X[test], y[train], y[test]

    text = repr(checks.split(wrong_only_for_100_rows))
    assert "test set has 25 rows" in text
    assert "the same seed gave a different split" not in text


def test_a_missing_return_is_named():
    def neuron(x, w, b, g=relu):
        a = g(x @ w + b)  # noqa: F841

    feedback = checks.neuron_function(neuron)
    assert feedback.status == "failed"
    assert "your function returned None: is a `return` missing?" in repr(feedback)
    assert "replace the `...`" not in repr(feedback)


def test_xor_forward_hints_follow_the_mistake():
    def no_output_bias(X, W1, b1, W2, b2):
        A1 = np.tanh(X @ W1 + b1)
        return A1, sigmoid(A1 @ W2)

    assert "add the output bias" in repr(checks.xor_forward(no_output_bias))
