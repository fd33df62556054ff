"""Checkers for notebook 10 (XOR from scratch).

The learner writes the forward and backward pass of a 2-H-1 network with a tanh
hidden layer and a sigmoid output (binary cross-entropy loss), then picks a
learning rate and a number of epochs that train the notebook's network.
"""

import numbers

import numpy as np

from course_utils import data
from course_utils.activations import sigmoid
from course_utils.gradcheck import numerical_gradient, relative_error
from course_utils.xor import train_seeds

from ._core import Feedback, call, compare, describe, is_placeholder

__all__ = ["xor_forward", "xor_backward", "xor_training_choice"]

GRADIENT_TOLERANCE = 1e-6  # relative error; a right backward pass gives about 1e-9 or less here
EPOCH_BUDGET = 500
CHOICE_SEED = 0  # the notebook's 2-2-1 sigmoid network starts from seed 0


def _reference_forward(X, W1, b1, W2, b2):
    """A1 = tanh(X @ W1 + b1) (n, H);  y_hat = sigmoid(A1 @ W2 + b2) (n, 1)."""
    A1 = np.tanh(X @ W1 + b1)
    return A1, sigmoid(A1 @ W2 + b2)


def _bce(Y, y_hat):
    """Mean binary cross-entropy of probabilities y_hat (n, 1) against labels Y (n, 1)."""
    return float(-np.mean(Y * np.log(y_hat) + (1 - Y) * np.log(1 - y_hat)))


def _cases():
    """(description, X, Y, params) for the forward and backward checks: XOR, other sizes, one example."""
    rng = np.random.default_rng(10)
    X, y = data.xor()
    cases = []
    for description, X_case, Y_case, hidden in [
        ("XOR, 2 hidden units", X, y[:, None], 2),
        ("XOR, 4 hidden units", X, y[:, None], 4),
        ("a batch of 1 example, 3 hidden units", X[2:3], y[2:3, None], 3),
        (
            "6 random examples with 3 features, 5 hidden units",
            rng.normal(size=(6, 3)),
            rng.integers(0, 2, size=(6, 1)).astype(float),
            5,
        ),
    ]:
        n_in = X_case.shape[1]
        params = (
            rng.normal(size=(n_in, hidden)),
            rng.normal(size=hidden),
            rng.normal(size=(hidden, 1)),
            rng.normal(size=1),
        )
        cases.append((description, X_case, Y_case, params))
    return cases


def xor_forward(learner_fn):
    """Check `forward_tanh(X, W1, b1, W2, b2) -> (A1, y_hat)`."""
    feedback = Feedback("forward_tanh(X, W1, b1, W2, b2)")
    for description, X, _, params in _cases():
        called, got = call(feedback, learner_fn, (X, *params), description)
        if feedback.status == "not done":
            return feedback
        if not called:
            continue
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            feedback.fail(
                f"{description}: expected a pair (A1, y_hat), got {describe(got)}",
                "end with `return A1, y_hat`: the backward pass needs A1 too.",
            )
            continue
        A1, y_hat = _reference_forward(X, *params)
        hint = _forward_hint(X, params, got)
        difference = compare(got[0], A1) or compare(got[1], y_hat)
        if difference:
            which = "A1" if compare(got[0], A1) else "y_hat"
            feedback.fail(f"{description}: {which}: {difference}", hint)
        else:
            feedback.ok(f"{description}: A1 {A1.shape}, y_hat {y_hat.shape}")
    return feedback


def _forward_hint(X, params, got):
    """A hint naming the likely slip, by comparing the answer with common wrong versions."""
    W1, b1, W2, b2 = params
    A1_got = np.asarray(got[0], dtype=float) if np.ndim(got[0]) else None
    if A1_got is not None and A1_got.shape == (X.shape[0], W1.shape[1]):
        if np.allclose(A1_got, sigmoid(X @ W1 + b1)):
            return "the hidden layer here uses tanh (np.tanh), not the sigmoid."
        if np.allclose(A1_got, np.tanh(X @ W1)):
            return "add the bias: Z1 = X @ W1 + b1."
        if np.allclose(A1_got, X @ W1 + b1):
            return "apply the activation: A1 = np.tanh(Z1)."
    A1 = np.tanh(X @ W1 + b1)
    y_got = np.asarray(got[1], dtype=float)
    if y_got.shape == (X.shape[0], 1):
        if np.allclose(y_got, A1 @ W2 + b2):
            return "the output is a probability: apply the sigmoid, y_hat = sigmoid(A1 @ W2 + b2)."
        if np.allclose(y_got, sigmoid(A1 @ W2)):
            return "add the output bias: Z2 = A1 @ W2 + b2."
    return (
        "Z1 = X @ W1 + b1, A1 = tanh(Z1), Z2 = A1 @ W2 + b2, y_hat = sigmoid(Z2); return A1, y_hat."
    )


def xor_backward(learner_fn):
    """Check `backward_tanh(X, Y, A1, y_hat, W2) -> (dW1, db1, dW2, db2)` by gradient checking."""
    feedback = Feedback("backward_tanh(X, Y, A1, y_hat, W2)")
    names = ("dW1", "db1", "dW2", "db2")
    for description, X, Y, params in _cases():
        A1, y_hat = _reference_forward(X, *params)
        called, got = call(feedback, learner_fn, (X, Y, A1, y_hat, params[2]), description)
        if feedback.status == "not done":
            return feedback
        if not called:
            continue
        if not isinstance(got, (tuple, list)) or len(got) != 4:
            feedback.fail(
                f"{description}: expected four gradients (dW1, db1, dW2, db2), got {describe(got)}",
                "end with `return dW1, db1, dW2, db2`.",
            )
            continue
        errors, problem = {}, None
        for name, param, grad in zip(names, params, got):
            try:
                grad = None if is_placeholder(grad) else np.asarray(grad, dtype=float)
            except (TypeError, ValueError):
                grad = None
            if grad is None or grad.shape != param.shape:
                problem = (
                    f"{name} has shape {None if grad is None else grad.shape}, expected {param.shape} "
                    f"(the shape of {name[1:]})",
                    "sum over the examples for the biases: db = dZ.sum(axis=0)."
                    if name.startswith("db")
                    else f"{name} = (input of the layer).T @ dZ has the shape of {name[1:]}.",
                )
                break
            loss = lambda _: _bce(Y, _reference_forward(X, *params)[1])  # reads the perturbed param
            errors[name] = relative_error(grad, numerical_gradient(loss, param))
        if problem:
            feedback.fail(f"{description}: {problem[0]}", problem[1])
            continue
        text = ", ".join(f"{name} {error:.0e}" for name, error in errors.items())
        worst = max(errors, key=errors.get)
        if errors[worst] < GRADIENT_TOLERANCE:
            feedback.ok(f"{description}: relative errors {text}")
        else:
            feedback.fail(
                f"{description}: relative errors {text} (want < {GRADIENT_TOLERANCE:.0e})",
                _backward_hint(worst),
            )
    return feedback


def _backward_hint(worst):
    if worst in ("dW2", "db2"):
        return (
            "start from dZ2 = (y_hat - Y) / n (sigmoid output with cross-entropy; n = number of examples), "
            "then dW2 = A1.T @ dZ2 and db2 = dZ2.sum(axis=0)."
        )
    return (
        "dA1 = dZ2 @ W2.T, then dZ1 = dA1 * (1 - A1 ** 2) (tanh's derivative, written with its output A1), "
        "dW1 = X.T @ dZ1, db1 = dZ1.sum(axis=0)."
    )


def xor_training_choice(learning_rate, epochs):
    """Train the notebook's 2-2-1 sigmoid network (seed 0) with the learner's choice; pass at 100 % accuracy."""
    feedback = Feedback(f"learning_rate and epochs (budget: at most {EPOCH_BUDGET} epochs)")
    if is_placeholder(learning_rate) or is_placeholder(epochs):
        feedback.not_done(
            "not done yet: replace both `...` with numbers, then run this cell again."
        )
        return feedback
    if (
        not isinstance(learning_rate, numbers.Real)
        or isinstance(learning_rate, bool)
        or not learning_rate > 0
    ):
        feedback.fail(
            f"learning_rate must be a number > 0, got {describe(learning_rate)}",
            "gradient descent steps against the gradient by learning_rate * gradient; try 1.0 first.",
        )
        return feedback
    if not isinstance(epochs, numbers.Integral) or isinstance(epochs, bool) or epochs < 1:
        feedback.fail(
            f"epochs must be a whole number >= 1, got {describe(epochs)}",
            "for example epochs = 300.",
        )
        return feedback
    if epochs > EPOCH_BUDGET:
        feedback.fail(
            f"{int(epochs)} epochs is over the budget of {EPOCH_BUDGET}",
            "find a learning rate that gets there in fewer steps.",
        )
        return feedback
    result = train_seeds(2, "sigmoid", [CHOICE_SEED], int(epochs), float(learning_rate))
    loss, accuracy = float(result["loss"][0]), float(result["accuracy"][0])
    line = f"lr = {float(learning_rate):g}, {int(epochs)} epochs: final loss {loss:.4f}, accuracy {accuracy:.0%}"
    if result["success"][0]:
        feedback.ok(line)
        others = train_seeds(2, "sigmoid", range(1, 21), int(epochs), float(learning_rate))[
            "success"
        ].sum()
        feedback.ok(
            f"for the record: the same choice trains {others} of the 20 seeds 1 to 20 to 100 %"
        )
    elif learning_rate > 10:
        feedback.fail(
            line,
            "a step this large overshoots: the weights jump past the good region or "
            "saturate the sigmoids. Try a smaller learning rate.",
        )
    else:
        feedback.fail(
            line,
            "the loss is still going down when training stops: take bigger steps "
            "(a larger learning rate) or more of them (within the budget).",
        )
    return feedback
