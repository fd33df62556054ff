"""Every known mistake a checker lists, tested: made on purpose, it fails with its own hint.

Each checker declares its typical wrong answers as Mistake(name, answer, hint) lists. Here the
wrong answer itself plays the learner: the check must fail and show that mistake's hint (not
the case's general one). A meta-test makes sure no list is left out.
"""

import importlib

import numpy as np
import pytest

from course_utils import checks
from course_utils.activations import sigmoid
from course_utils.checks import (
    nb00,
    nb01,
    nb02,
    nb03,
    nb04,
    nb05,
    nb06,
    nb07,
    nb08,
    nb09,
    nb10,
    nb12,
)
from course_utils.checks._core import Mistake


def relu(z):
    return np.maximum(z, 0)


def relu_derivative(z):
    return (z > 0).astype(float)


def mse(y, y_hat):
    return np.mean((y_hat - y) ** 2)


def mse_gradient(y, y_hat):
    return 2 * (y_hat - y) / y.size


# (checker called with the wrong function, its mistakes, inputs for a hint that is a function)
FUNCTION_CHECKERS = [
    (checks.square_all, nb00.SQUARE_ALL_MISTAKES, None),
    (checks.row_sums, nb00.ROW_SUMS_MISTAKES, None),
    (checks.fit_line, nb01.FIT_LINE_MISTAKES, None),
    (checks.threshold_accuracy, nb01.THRESHOLD_ACCURACY_MISTAKES, None),
    (checks.to_polar, nb01.TO_POLAR_MISTAKES, None),
    (checks.neuron_function, nb02.NEURON_MISTAKES, None),
    (checks.dense_forward, nb03.DENSE_MISTAKES, None),
    (checks.neuron_gradients, nb04.NEURON_MISTAKES, None),
    (checks.fixed_backward, nb04.BACKWARD_MISTAKES, None),
    (lambda wrong: checks.relu_and_derivative(wrong, relu_derivative), nb05.RELU_MISTAKES, None),
    (lambda wrong: checks.relu_and_derivative(relu, wrong), nb05.DERIVATIVE_MISTAKES, None),
    (checks.stable_sigmoid, nb05.SIGMOID_MISTAKES, None),
    (lambda wrong: checks.mse_and_gradient(wrong, mse_gradient), nb06.MSE_MISTAKES, None),
    (lambda wrong: checks.mse_and_gradient(mse, wrong), nb06.GRADIENT_MISTAKES, None),
    (checks.stable_cross_entropy, nb06.CROSS_ENTROPY_MISTAKES, None),
    (checks.standardise, nb07.STANDARDISE_MISTAKES, None),
    (
        checks.best_degree,
        nb08.BEST_DEGREE_MISTAKES,
        ([2, 4, 6, 8], [0.2, 0.1, 0.05, 0.01], [0.3, 0.12, 0.2, 0.9]),  # a case of the checker
    ),
    (checks.l2_penalty, nb09.L2_MISTAKES, None),
    (checks.early_stopping_epoch, nb09.EARLY_STOPPING_MISTAKES, None),
    (checks.xor_forward, nb10.FORWARD_MISTAKES, None),
    (checks.xor_backward, nb10.BACKWARD_MISTAKES, None),
    (checks.parameter_count, nb12.PARAMETER_MISTAKES, None),
]


@pytest.mark.parametrize(
    "checker, mistake, inputs",
    [
        pytest.param(checker, mistake, inputs, id=f"{i}-{mistake.name}")
        for i, (checker, mistakes, inputs) in enumerate(FUNCTION_CHECKERS)
        for mistake in mistakes
    ],
)
def test_a_known_mistake_gets_its_own_hint(checker, mistake, inputs):
    feedback = checker(mistake.answer)
    hint = mistake.hint if isinstance(mistake.hint, str) else mistake.hint(*inputs)
    assert feedback.status == "failed", repr(feedback)
    assert f"Hint: {hint}" in repr(feedback), repr(feedback)


@pytest.mark.parametrize("mistake", nb02.Z_MISTAKES, ids=lambda m: m.name)
def test_neuron_by_hand_knows_the_mistakes_in_z(mistake):
    feedback = checks.neuron_by_hand(mistake.answer(), nb02.BY_HAND_A)
    assert feedback.status == "failed" and f"Hint: {mistake.hint}" in repr(feedback)


@pytest.mark.parametrize("mistake", nb02.A_MISTAKES, ids=lambda m: m.name)
def test_neuron_by_hand_knows_the_mistakes_in_a(mistake):
    z = 1.0 if mistake.name == "ReLU of your z" else nb02.BY_HAND_Z  # 1.0: a sign slip in z
    feedback = checks.neuron_by_hand(z, mistake.answer(z))
    assert feedback.status == "failed" and f"Hint: {mistake.hint}" in repr(feedback)


@pytest.mark.parametrize(
    "weights, gate",
    [
        ((1.0, 1.0, -1.5), "AND"),
        ((1.0, 1.0, -0.5), "OR"),
        ((-1.0, -1.0, 0.5), "NOR"),
        ((1.0, 1.0, 1.0), "always 1"),
        ((-1.0, -1.0, -0.5), "always 0"),
    ],
)
def test_nand_weights_name_the_gate_they_compute(weights, gate):
    (mistake,) = [m for m in nb02.GATE_MISTAKES if m.name == gate]
    feedback = checks.nand_weights(*weights)
    assert feedback.status == "failed" and f"Hint: {mistake.hint}" in repr(feedback)
    assert repr(feedback).count("Hint:") == 1  # one hint, not one per input


def test_the_shape_questions_know_their_mistakes():
    shapes = [(5, 8), (8,), (8, 3), (3,)]
    for position, mistakes in [(0, [nb03._transposed(5, 8)]), (1, nb03._bias_mistakes(8))]:
        for mistake in mistakes:
            answer = list(shapes)
            answer[position] = mistake.answer()
            assert f"Hint: {mistake.hint}" in repr(checks.network_shapes(*answer))
    for position in range(3):
        for mistake in nb03._batch_mistakes(32, 8 if position < 2 else 3):
            answer = [(32, 8), (32, 8), (32, 3)]
            answer[position] = mistake.answer()
            assert f"Hint: {mistake.hint}" in repr(checks.batch_shapes(*answer))
    for position, mistakes in enumerate([nb04.DW1_MISTAKES, nb04.DB1_MISTAKES, nb04.DA1_MISTAKES]):
        for mistake in mistakes:
            answer = [(10, 16), (16,), (64, 16)]
            answer[position] = mistake.answer()
            assert f"Hint: {mistake.hint}" in repr(checks.backprop_shapes(*answer))


def test_nand_weights_at_the_boundary_of_the_step():
    feedback = checks.nand_weights(-1.0, -1.0, 2.0)  # z = 0 at (1, 1), and step(0) = 1
    assert feedback.status == "failed" and "z is exactly 0" in repr(feedback)


def test_every_list_of_mistakes_is_tested_here():
    tested = {id(mistakes) for _, mistakes, _ in FUNCTION_CHECKERS}
    tested |= {id(nb02.Z_MISTAKES), id(nb02.A_MISTAKES), id(nb02.GATE_MISTAKES)}
    tested |= {id(nb04.DW1_MISTAKES), id(nb04.DB1_MISTAKES), id(nb04.DA1_MISTAKES)}
    for k in range(13):
        module = importlib.import_module(f"course_utils.checks.nb{k:02d}")
        for name, value in vars(module).items():
            if isinstance(value, list) and value and all(isinstance(m, Mistake) for m in value):
                assert id(value) in tested, f"nb{k:02d}.{name} has no test"


def test_a_mistake_made_in_some_cases_only_still_gets_its_hint():
    """A learner right on most cases, wrong on one: the hint names the mistake, not the case."""

    def strict(x, y, t):  # right wherever no point sits exactly at the threshold
        return np.mean((x > t) == y)

    feedback = checks.threshold_accuracy(strict)
    assert [line[0] for line in feedback.lines] == ["✔", "✔", "✘", "✔", "✔"]
    assert "use >= (x at the threshold" in feedback.lines[2]


def test_two_mistakes_that_agree_on_a_case_are_told_apart_by_the_other_cases():
    """On the tie case, 'stop at the first increase' and 'a tie counts' give the same answer;
    the other answers of the learner decide which hint is shown."""

    def first_increase(val_losses, patience):
        for epoch in range(2, len(val_losses) + 1):
            if val_losses[epoch - 1] > val_losses[epoch - 2]:
                return epoch - 1, epoch
        return len(val_losses), len(val_losses)

    text = repr(checks.early_stopping_epoch(first_increase))
    assert "strictly lower" not in text and text.count("not at the first increase") == 3


def test_the_hint_of_a_partial_mistake_yields_to_the_whole_one():
    """A gradient dict with lam * b for the biases matches 'bias gradient lam * b' entirely,
    and 'biases penalised' only in the gradients: the whole match wins."""

    def bias_gradient(params, lam):
        penalty = lam / 2 * sum(np.sum(v**2) for k, v in params.items() if k.startswith("W"))
        return penalty, {k: lam * v for k, v in params.items()}

    text = repr(checks.l2_penalty(bias_gradient))
    assert "its gradient is zeros" in text and "not the biases" not in text


def test_neuron_gradients_mistakes_follow_the_course_order_x_at_w():
    x, w, b, y = np.array([1.0, 2.0]), np.array([0.5, -0.3]), 0.4, 1.0
    dz = nb04._dL_dz(x, w, b, y)
    a = sigmoid(x @ w + b)
    assert np.isclose(dz, 2 * (a - y) * a * (1 - a))
