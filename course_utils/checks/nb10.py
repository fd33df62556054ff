"""Checkers for notebook 10 (XOR from scratch).

The learner writes the forward and backward pass of a 2-H-1 network with a tanh
hidden layer and a sigmoid output (binary cross-entropy loss), then picks a
learning rate and a number of epochs that train the notebook's network.
"""

import copy

import numpy as np

from course_utils import data
from course_utils.activations import sigmoid
from course_utils.gradcheck import numerical_gradient, relative_error
from course_utils.xor import train_seeds

from ._core import (
    Feedback,
    Mistake,
    as_array,
    as_number,
    compare,
    describe,
    is_placeholder,
    known_mistake,
)

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
    """(description, X, Y, params) of the forward and backward checks: XOR, other sizes."""
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


FORWARD_MISTAKES = [
    Mistake(
        "sigmoid hidden layer",
        lambda X, W1, b1, W2, b2: (sigmoid(X @ W1 + b1), sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)),
        "the hidden layer here uses tanh (np.tanh), not the sigmoid.",
    ),
    Mistake(
        "no hidden bias",
        lambda X, W1, b1, W2, b2: (np.tanh(X @ W1), sigmoid(np.tanh(X @ W1) @ W2 + b2)),
        "add the bias: Z1 = X @ W1 + b1.",
    ),
    Mistake(
        "no hidden activation",
        lambda X, W1, b1, W2, b2: (X @ W1 + b1, sigmoid((X @ W1 + b1) @ W2 + b2)),
        "apply the activation: A1 = np.tanh(Z1).",
    ),
    Mistake(
        "no output sigmoid",
        lambda X, W1, b1, W2, b2: (np.tanh(X @ W1 + b1), np.tanh(X @ W1 + b1) @ W2 + b2),
        "the output is a probability: apply the sigmoid, y_hat = sigmoid(A1 @ W2 + b2).",
    ),
    Mistake(
        "no output bias",
        lambda X, W1, b1, W2, b2: (np.tanh(X @ W1 + b1), sigmoid(np.tanh(X @ W1 + b1) @ W2)),
        "add the output bias: Z2 = A1 @ W2 + b2.",
    ),
    Mistake(
        "tanh output",
        lambda X, W1, b1, W2, b2: (np.tanh(X @ W1 + b1), np.tanh(np.tanh(X @ W1 + b1) @ W2 + b2)),
        "the output layer uses the sigmoid (a probability between 0 and 1), not tanh.",
    ),
]


def xor_forward(learner_fn):
    """Check `forward_tanh(X, W1, b1, W2, b2) -> (A1, y_hat)`."""
    hint = (
        "Z1 = X @ W1 + b1, A1 = tanh(Z1), Z2 = A1 @ W2 + b2, y_hat = sigmoid(Z2); return A1, y_hat."
    )
    with Feedback("forward_tanh(X, W1, b1, W2, b2)") as feedback:
        for description, X, _, params in _cases():
            called, got = feedback.call(learner_fn, (X, *params), description, hint)
            if not called:
                continue
            if not isinstance(got, (tuple, list)) or len(got) != 2:
                feedback.fail(
                    f"{description}: expected a pair (A1, y_hat), got {describe(got)}",
                    "end with `return A1, y_hat`: the backward pass needs A1 too.",
                )
                continue
            A1, y_hat = _reference_forward(X, *params)
            difference = compare(got[0], A1) or compare(got[1], y_hat)
            if difference:
                which = "A1" if compare(got[0], A1) else "y_hat"
                mistake = known_mistake(got, (A1, y_hat), FORWARD_MISTAKES, (X, *params))
                feedback.fail(f"{description}: {which}: {difference}", mistake or hint)
            else:
                feedback.ok(f"{description}: A1 {A1.shape}, y_hat {y_hat.shape}")
    return feedback


def _backward(X, Y, A1, y_hat, W2, mean=True, tanh_derivative=None, sigmoid_term=False):
    """(dW1, db1, dW2, db2), analytically, with switches for typical slips (for the mistakes)."""
    dZ2 = (y_hat - Y) / (X.shape[0] if mean else 1)
    if sigmoid_term:
        dZ2 = dZ2 * y_hat * (1 - y_hat)
    dZ1 = dZ2 @ W2.T * (1 - A1**2 if tanh_derivative is None else tanh_derivative(A1))
    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)


BACKWARD_MISTAKES = [
    Mistake(
        "no division by n",
        lambda *args: _backward(*args, mean=False),
        "every gradient is n times too large: the loss is a mean, so start from "
        "dZ2 = (y_hat - Y) / n (n = number of examples).",
    ),
    Mistake(
        "sign flipped",
        lambda *args: tuple(-g for g in _backward(*args)),
        "every gradient has the wrong sign: dZ2 = (y_hat - Y) / n, not (Y - y_hat) / n.",
    ),
    Mistake(
        "sigmoid's derivative for tanh",
        lambda *args: _backward(*args, tanh_derivative=lambda A1: A1 * (1 - A1)),
        "A1 * (1 - A1) is the sigmoid's derivative; tanh's, written with its output, is 1 - A1 ** "
        "2.",
    ),
    Mistake(
        "tanh applied again",
        lambda *args: _backward(*args, tanh_derivative=lambda A1: 1 - np.tanh(A1) ** 2),
        "A1 is already tanh(Z1): the derivative is 1 - A1 ** 2, not 1 - tanh(A1) ** 2.",
    ),
    Mistake(
        "no tanh derivative",
        lambda *args: _backward(*args, tanh_derivative=lambda A1: 1.0),
        "multiply by tanh's derivative on the way back: dZ1 = dA1 * (1 - A1 ** 2).",
    ),
    Mistake(
        "the sigmoid's derivative at the output",
        lambda *args: _backward(*args, sigmoid_term=True),
        "with the cross-entropy loss the sigmoid's derivative cancels: dZ2 = (y_hat - Y) / n, "
        "with no y_hat * (1 - y_hat).",
    ),
]


def xor_backward(learner_fn):
    """Check `backward_tanh(X, Y, A1, y_hat, W2) -> (dW1, db1, dW2, db2)` by gradient checking."""
    names = ("dW1", "db1", "dW2", "db2")
    with Feedback("backward_tanh(X, Y, A1, y_hat, W2)") as feedback:
        for description, X, Y, params in _cases():
            A1, y_hat = _reference_forward(X, *params)
            args = (X, Y, A1, y_hat, params[2])
            called, got = feedback.call(learner_fn, copy.deepcopy(args), description)
            if not called:
                continue
            if not isinstance(got, (tuple, list)) or len(got) != 4:
                feedback.fail(
                    f"{description}: expected four gradients (dW1, db1, dW2, db2), got "
                    f"{describe(got)}",
                    "end with `return dW1, db1, dW2, db2`.",
                )
                continue
            grads = [as_array(grad)[0] for grad in got]
            misshaped = [
                (name, grad, param)
                for name, grad, param in zip(names, grads, params)
                if grad is None or grad.shape != param.shape
            ]
            if misshaped:
                name, grad, param = misshaped[0]
                feedback.fail(
                    f"{description}: {name} has shape {None if grad is None else grad.shape}, "
                    f"expected {param.shape} (the shape of {name[1:]})",
                    "sum over the examples for the biases: db = dZ.sum(axis=0)."
                    if name.startswith("db")
                    else f"{name} = (input of the layer).T @ dZ has the shape of {name[1:]}.",
                )
                continue

            def loss(_):  # reads the perturbed parameter
                return _bce(Y, _reference_forward(X, *params)[1])

            numerical = [numerical_gradient(loss, param) for param in params]
            errors = {
                name: relative_error(grad, right)
                for name, grad, right in zip(names, grads, numerical)
            }
            text = ", ".join(f"{name} {error:.0e}" for name, error in errors.items())
            if max(errors.values()) < GRADIENT_TOLERANCE:
                feedback.ok(f"{description}: relative errors {text}")
                continue
            worst = max(errors, key=errors.get)
            feedback.fail(
                f"{description}: relative errors {text} (want < {GRADIENT_TOLERANCE:.0e})",
                known_mistake(got, tuple(numerical), BACKWARD_MISTAKES, args)
                or _backward_hint(worst),
            )
    return feedback


def _backward_hint(worst):
    if worst in ("dW2", "db2"):
        return (
            "start from dZ2 = (y_hat - Y) / n (sigmoid output with cross-entropy; n = number of "
            "examples), then dW2 = A1.T @ dZ2 and db2 = dZ2.sum(axis=0)."
        )
    return (
        "dA1 = dZ2 @ W2.T, then dZ1 = dA1 * (1 - A1 ** 2) (tanh's derivative, written with its "
        "output A1), dW1 = X.T @ dZ1, db1 = dZ1.sum(axis=0)."
    )


def xor_training_choice(learning_rate, epochs):
    """Train the notebook's 2-2-1 sigmoid network (seed 0) as chosen: 100 % accuracy passes."""
    with Feedback(f"learning_rate and epochs (budget: at most {EPOCH_BUDGET} epochs)") as feedback:
        if is_placeholder(learning_rate) or is_placeholder(epochs):
            feedback.not_done(
                "not done yet: replace both `...` with numbers, then run this cell again."
            )
            return feedback
        rate, problem = as_number(learning_rate)
        if problem or not rate > 0:
            feedback.fail(
                f"learning_rate must be a number > 0, got {describe(learning_rate)}",
                "gradient descent steps against the gradient by learning_rate * gradient; "
                "try 1.0 first.",
            )
            return feedback
        count, problem = as_number(epochs)
        if problem or not count.is_integer() or count < 1:
            feedback.fail(
                f"epochs must be a whole number >= 1, got {describe(epochs)}",
                "for example epochs = 300.",
            )
            return feedback
        if count > EPOCH_BUDGET:
            feedback.fail(
                f"{count:g} epochs is over the budget of {EPOCH_BUDGET}",
                "find a learning rate that gets there in fewer steps.",
            )
            return feedback
        _judge_training(feedback, rate, int(count))
    return feedback


def _judge_training(feedback, rate, epochs):
    """Train seed 0 (and, if it learns XOR, seeds 1 to 20) and add the lines."""
    with np.errstate(all="ignore"):  # a huge rate overflows; the loss says so
        result = train_seeds(2, "sigmoid", [CHOICE_SEED], epochs, rate)
    loss, accuracy = float(result["loss"][0]), float(result["accuracy"][0])
    line = f"lr = {rate:g}, {epochs} epochs: final loss {loss:.4f}, accuracy {accuracy:.0%}"
    if result["success"][0]:
        feedback.ok(line)
        with np.errstate(all="ignore"):
            others = train_seeds(2, "sigmoid", range(1, 21), epochs, rate)["success"].sum()
        feedback.ok(
            f"for the record: the same choice trains {others} of the 20 seeds 1 to 20 to 100 %"
        )
    elif rate > 10:
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
