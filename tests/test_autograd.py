"""Tests for course_utils.autograd.Value, against numerical gradients."""

import math

import numpy as np
import pytest

from course_utils.autograd import Value
from course_utils.gradcheck import numerical_gradient, relative_error


def check(f, inputs):
    """Assert that Value.backward and centred differences agree on the gradient of f.

    f takes a list of Values and returns one Value.
    """
    values = [Value(x) for x in inputs]
    f(values).backward()
    analytic = np.array([v.grad for v in values])
    x = np.array(inputs, dtype=float)
    numeric = numerical_gradient(lambda v: f([Value(a) for a in v]).data, x)
    assert relative_error(analytic, numeric) < 1e-7


def test_neuron_tanh():
    # tanh(w1 * x1 + w2 * x2 + b)
    check(lambda v: (v[0] * v[1] + v[2] * v[3] + v[4]).tanh(), [2.0, -0.5, 0.0, 1.0, 0.88])


def test_neuron_closed_form():
    x1, x2, w1, w2, b = Value(2.0), Value(0.0), Value(-3.0), Value(1.0), Value(6.8813735870195432)
    out = (x1 * w1 + x2 * w2 + b).tanh()
    out.backward()
    assert out.data == pytest.approx(math.sqrt(0.5), abs=1e-6)
    # d tanh(u)/du = 1 - out^2 = 0.5;  du/dw1 = x1 = 2
    assert w1.grad == pytest.approx(1.0, abs=1e-6)
    assert x1.grad == pytest.approx(-1.5, abs=1e-6)
    assert x2.grad == pytest.approx(0.5, abs=1e-6)
    assert w2.grad == pytest.approx(0.0)


def test_squared_error():
    # (w * x + b - y)^2 with x = 1.5, y = 2.0 fixed numbers
    check(lambda v: (v[0] * 1.5 + v[1] - 2.0) ** 2, [0.3, -0.4])


def test_division_and_reflected_operations():
    check(lambda v: v[0] / v[1] + 3 / v[1] - (2 - v[0]) + 4 * v[1] + (1 + v[0]), [1.3, -0.7])


def test_powers():
    check(lambda v: v[0] ** 3 + v[1] ** -2 + v[1] ** 0.5, [1.1, 2.3])


def test_value_used_twice_accumulates():
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1 = 7
    y.backward()
    assert x.grad == 7.0
    check(lambda v: v[0] * v[0] * v[1] + v[0], [3.0, -2.0])


def test_shared_intermediate_value():
    # a is used by two later nodes: gradients from both paths add up.
    def f(v):
        a = v[0] * v[1]
        return a.tanh() * a + a.exp()

    check(f, [0.4, -0.9])


def test_exp_log_sigmoid_relu_neg():
    check(lambda v: (v[0].exp() + v[1].log()) * v[0].sigmoid() - v[1].relu() + (-v[0]), [0.3, 1.7])
    check(lambda v: v[0].sigmoid() * (-v[1]).relu(), [-0.6, -1.2])


def test_sigmoid_is_stable():
    assert Value(-1e4).sigmoid().data == 0.0
    assert Value(1e4).sigmoid().data == 1.0
    assert Value(0.0).sigmoid().data == 0.5


def test_relu_gradient_is_zero_for_negative_input():
    x = Value(-2.0)
    x.relu().backward()
    assert x.grad == 0.0


def test_long_chain_does_not_hit_the_recursion_limit():
    xs = [Value(float(i)) for i in range(5000)]
    total = sum(xs)  # a chain 5000 additions deep
    total.backward()
    assert all(x.grad == 1.0 for x in xs)


def test_repr_and_attributes():
    x = Value(2.0)
    y = x * 3
    y.backward()
    assert repr(x) == "Value(data=2.0000, grad=3.0000)"
    assert y.op == "*" and x.op == ""


def test_helpful_errors():
    with pytest.raises(TypeError, match="exponent k must be a plain number"):
        Value(2.0) ** Value(3.0)
    with pytest.raises(TypeError, match="Value works with numbers only"):
        Value(2.0) + "3"
    with pytest.raises(TypeError, match="Value holds one number, got str"):
        Value("3")
    with pytest.raises(ValueError, match="log needs a positive number"):
        Value(0.0).log()


def test_relu_of_nan_is_nan():
    """max(0.0, nan) is 0.0 in Python; numpy and PyTorch give nan, and so does Value."""
    assert math.isnan(Value(float("nan")).relu().data)
    assert Value(-2.0).relu().data == 0.0 and Value(3.0).relu().data == 3.0
