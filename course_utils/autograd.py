"""A tiny scalar automatic-differentiation engine: backpropagation in ~80 lines.

The idea comes from Andrej Karpathy's micrograd
(https://github.com/karpathy/micrograd, MIT licence); this code is written
afresh for the course.

Each Value holds a number (`data`) and, after `backward()`, the derivative of
the final output with respect to it (`grad`). Every operation creates a new
Value that remembers its inputs and a small function that applies the chain
rule for that one operation:  input.grad += (local derivative) * out.grad.
The local derivative sits right below the forward formula it belongs to.

    >>> x = Value(2.0)
    >>> y = x * x + 3 * x        # y = x^2 + 3x
    >>> y.backward()
    >>> x.grad                   # dy/dx = 2x + 3
    7.0
"""

import math
import numbers


def as_value(x):
    """Wrap a plain number as a Value (a Value is returned unchanged)."""
    if isinstance(x, Value):
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"Value works with numbers only, got {type(x).__name__} {x!r}")
    return Value(x)


class Value:
    """A scalar that records how it was computed, so gradients can flow back.

    Attributes:
      data: the number (float); grad: d(output)/d(this value), 0.0 until backward();
      op: the operation that made it ("+", "*", "tanh", ...; "" for an input).
    """

    def __init__(self, data, inputs=(), op=""):
        if isinstance(data, bool) or not isinstance(data, numbers.Real):
            raise TypeError(f"Value holds one number, got {type(data).__name__} {data!r}")
        self.data = float(data)
        self.grad = 0.0
        self.op = op
        self._inputs = inputs
        self._backward = lambda: None  # inputs have nothing to pass back

    def __repr__(self):
        return f"Value(data={self.data:.4f}, grad={self.grad:.4f})"

    # --- operations: forward formula, then its local derivative -----------
    def __add__(self, other):
        """a + b"""
        other = as_value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def backward():  # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += out.grad
            other.grad += out.grad

        out._backward = backward
        return out

    def __mul__(self, other):
        """a * b"""
        other = as_value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def backward():  # d(a * b)/da = b, d(a * b)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = backward
        return out

    def __pow__(self, exponent):
        """a ** k, for a plain number k"""
        if not isinstance(exponent, numbers.Real) or isinstance(exponent, bool):
            raise TypeError("Value ** k: the exponent k must be a plain number, not a Value.")
        out = Value(self.data**exponent, (self,), f"**{exponent}")

        def backward():  # d(a^k)/da = k * a^(k - 1)
            self.grad += exponent * self.data ** (exponent - 1) * out.grad

        out._backward = backward
        return out

    def exp(self):
        """e ** a"""
        out = Value(math.exp(self.data), (self,), "exp")

        def backward():  # d(e^a)/da = e^a
            self.grad += out.data * out.grad

        out._backward = backward
        return out

    def log(self):
        """Natural logarithm log(a), for a > 0"""
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, got {self.data}")
        out = Value(math.log(self.data), (self,), "log")

        def backward():  # d(log a)/da = 1 / a
            self.grad += (1 / self.data) * out.grad

        out._backward = backward
        return out

    def tanh(self):
        """tanh(a) = (e^a - e^-a) / (e^a + e^-a)"""
        out = Value(math.tanh(self.data), (self,), "tanh")

        def backward():  # d(tanh a)/da = 1 - tanh(a)^2
            self.grad += (1 - out.data**2) * out.grad

        out._backward = backward
        return out

    def sigmoid(self):
        """sigmoid(a) = 1 / (1 + e^-a), computed stably"""
        e = math.exp(-abs(self.data))  # stable: exp of a number <= 0
        out = Value(1 / (1 + e) if self.data >= 0 else e / (1 + e), (self,), "sigmoid")

        def backward():  # d(sigmoid a)/da = sigmoid(a) * (1 - sigmoid(a))
            self.grad += out.data * (1 - out.data) * out.grad

        out._backward = backward
        return out

    def relu(self):
        """relu(a) = max(0, a); NaN stays NaN, as in numpy and PyTorch"""
        keep = self.data > 0 or math.isnan(self.data)
        out = Value(self.data if keep else 0.0, (self,), "relu")

        def backward():  # d(relu a)/da = 1 if a > 0 else 0
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = backward
        return out

    # --- everything else is built from the operations above ---------------
    def __neg__(self):  # -a = a * (-1)
        return self * -1

    def __sub__(self, other):  # a - b = a + (-b)
        return self + (-as_value(other))

    def __truediv__(self, other):  # a / b = a * b^(-1)
        return self * as_value(other) ** -1

    def __radd__(self, other):  # 3 + a
        return self + other

    def __rmul__(self, other):  # 3 * a
        return self * other

    def __rsub__(self, other):  # 3 - a
        return as_value(other) - self

    def __rtruediv__(self, other):  # 3 / a
        return as_value(other) / self

    # --- backpropagation ---------------------------------------------------
    def backward(self):
        """Fill .grad of every Value this one was computed from: d(self)/d(value).

        Visits the graph in reverse topological order (each Value after every
        Value that uses it), so a Value's grad is complete before it is passed
        on. Grads accumulate (+=): a Value used twice receives both
        contributions. Calling backward() again adds again; reset grads to 0 first.
        """
        order = []  # topological order: inputs before the Values made from them
        visited = set()
        stack = [(self, False)]  # (value, are its inputs already in `order`?)
        while stack:  # a loop instead of recursion, so long chains work too
            value, inputs_done = stack.pop()
            if inputs_done:
                order.append(value)
            elif value not in visited:
                visited.add(value)
                stack.append((value, True))
                stack.extend((child, False) for child in value._inputs)
        self.grad = 1.0  # d(self)/d(self)
        for value in reversed(order):
            value._backward()
