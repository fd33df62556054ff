"""Notebook 10's checkers, tested three ways: solution, placeholder, typical mistakes."""

import numpy as np

from course_utils import checks
from course_utils.activations import sigmoid


def forward_solution(X, W1, b1, W2, b2):
    A1 = np.tanh(X @ W1 + b1)
    return A1, sigmoid(A1 @ W2 + b2)


def backward_solution(X, Y, A1, y_hat, W2):
    dZ2 = (y_hat - Y) / X.shape[0]
    dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
    dZ1 = dZ2 @ W2.T * (1 - A1**2)
    return X.T @ dZ1, dZ1.sum(axis=0), dW2, db2


def test_xor_forward():
    assert checks.xor_forward(forward_solution).status == "passed"

    def placeholder(X, W1, b1, W2, b2):
        return ...  # your code here

    assert checks.xor_forward(placeholder).status == "not done"

    def sigmoid_hidden(X, W1, b1, W2, b2):
        A1 = sigmoid(X @ W1 + b1)
        return A1, sigmoid(A1 @ W2 + b2)

    result = checks.xor_forward(sigmoid_hidden)
    assert result.status == "failed" and "uses tanh" in repr(result)

    def no_bias(X, W1, b1, W2, b2):
        A1 = np.tanh(X @ W1)
        return A1, sigmoid(A1 @ W2 + b2)

    result = checks.xor_forward(no_bias)
    assert result.status == "failed" and "add the bias" in repr(result)

    def no_output_sigmoid(X, W1, b1, W2, b2):
        A1 = np.tanh(X @ W1 + b1)
        return A1, A1 @ W2 + b2

    result = checks.xor_forward(no_output_sigmoid)
    assert result.status == "failed" and "apply the sigmoid" in repr(result)

    def only_y_hat(X, W1, b1, W2, b2):
        return forward_solution(X, W1, b1, W2, b2)[1]

    result = checks.xor_forward(only_y_hat)
    assert result.status == "failed" and "return A1, y_hat" in repr(result)


def test_xor_backward():
    result = checks.xor_backward(backward_solution)
    assert result.status == "passed" and "relative errors" in repr(result)

    def placeholder(X, Y, A1, y_hat, W2):
        return ...  # your code here

    assert checks.xor_backward(placeholder).status == "not done"

    def sigmoid_derivative(
        X, Y, A1, y_hat, W2
    ):  # the derivative of the notebook's sigmoid layer, not tanh's
        dZ2 = (y_hat - Y) / X.shape[0]
        dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
        return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)

    result = checks.xor_backward(sigmoid_derivative)
    assert result.status == "failed" and "1 - A1 ** 2" in repr(result)

    def no_mean(X, Y, A1, y_hat, W2):  # gradient of the sum, not of the mean
        dZ2 = y_hat - Y
        dZ1 = dZ2 @ W2.T * (1 - A1**2)
        return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)

    result = checks.xor_backward(no_mean)
    assert result.status == "failed" and "(y_hat - Y) / n" in repr(result)

    def sign_error(X, Y, A1, y_hat, W2):
        return tuple(-g for g in backward_solution(X, Y, A1, y_hat, W2))

    assert checks.xor_backward(sign_error).status == "failed"

    def bias_not_summed(X, Y, A1, y_hat, W2):
        dW1, _, dW2, db2 = backward_solution(X, Y, A1, y_hat, W2)
        dZ1 = (y_hat - Y) / X.shape[0] @ W2.T * (1 - A1**2)
        return dW1, dZ1, dW2, db2

    result = checks.xor_backward(bias_not_summed)
    assert result.status == "failed" and "db = dZ.sum(axis=0)" in repr(result)


def test_xor_training_choice():
    passed = checks.xor_training_choice(3.0, 400)
    assert passed.status == "passed" and "accuracy 100%" in repr(passed)
    assert checks.xor_training_choice(..., ...).status == "not done"
    assert checks.xor_training_choice(3.0, ...).status == "not done"
    lecture_rate = checks.xor_training_choice(1.0, 500)  # lr = 1 needs about 1000 epochs
    assert lecture_rate.status == "failed" and "bigger steps" in repr(lecture_rate)
    too_large = checks.xor_training_choice(100.0, 500)
    assert too_large.status == "failed" and "overshoots" in repr(too_large)
    over_budget = checks.xor_training_choice(1.0, 1000)
    assert over_budget.status == "failed" and "over the budget" in repr(over_budget)
    assert checks.xor_training_choice(-1.0, 300).status == "failed"
    assert checks.xor_training_choice(1.0, 2.5).status == "failed"
