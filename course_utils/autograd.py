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

Notebook 04 §7 (going further: automatic differentiation) introduces it;
notebook 12 §2 compares it with PyTorch's tensors.
"""

import math
import numbers

from course_utils.activations import sigmoid


def as_value(x):
    """Wrap a plain number as a Value (a Value is returned unchanged).

    Inputs:  x: a Value or a real number.
    Returns: a Value.
    Notebook: 04 §7 (automatic differentiation).
    """
    if isinstance(x, Value):
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"Value works with numbers only, got {type(x).__name__} {x!r}")
    return Value(x)


class Value:
    """A scalar that records how it was computed, so gradients can flow back.

    Every operation below: its forward formula in the docstring, its local derivative
    in the comment of its backward, as in micrograd.
    Inputs:  data: one real number; inputs, op: set by the operations, not by you.
    Attributes:
      data: the number (float); grad: d(output)/d(this value), 0.0 until backward();
      op: the operation that made it ("+", "*", "tanh", ...; "" for an input).
    Notebook: 04 §7 (automatic differentiation); 12 §2 (torch.Tensor does the same).
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
        """Formula: a + b.   Returns: a new Value (other: a Value or a number)."""
        other = as_value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def backward():  # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += out.grad
            other.grad += out.grad

        out._backward = backward
        return out

    def __mul__(self, other):
        """Formula: a * b.   Returns: a new Value (other: a Value or a number)."""
        other = as_value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def backward():  # d(a * b)/da = b, d(a * b)/db = a
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = backward
        return out

    def __pow__(self, exponent):
        """Formula: a ** k.   Returns: a new Value (k: a plain number, not a Value)."""
        if not isinstance(exponent, numbers.Real) or isinstance(exponent, bool):
            raise TypeError("Value ** k: the exponent k must be a plain number, not a Value.")
        out = Value(self.data**exponent, (self,), f"**{exponent}")

        def backward():  # d(a^k)/da = k * a^(k - 1)
            self.grad += exponent * self.data ** (exponent - 1) * out.grad

        out._backward = backward
        return out

    def exp(self):
        """Formula: e ** a.   Returns: a new Value."""
        out = Value(math.exp(self.data), (self,), "exp")

        def backward():  # d(e^a)/da = e^a
            self.grad += out.data * out.grad

        out._backward = backward
        return out

    def log(self):
        """Formula: log(a), the natural logarithm, for a > 0.   Returns: a new Value."""
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, got {self.data}")
        out = Value(math.log(self.data), (self,), "log")

        def backward():  # d(log a)/da = 1 / a
            self.grad += (1 / self.data) * out.grad

        out._backward = backward
        return out

    def tanh(self):
        """Formula: tanh(a) = (e^a - e^-a) / (e^a + e^-a).   Returns: a new Value."""
        out = Value(math.tanh(self.data), (self,), "tanh")

        def backward():  # d(tanh a)/da = 1 - tanh(a)^2
            self.grad += (1 - out.data**2) * out.grad

        out._backward = backward
        return out

    def sigmoid(self):
        """Formula: sigmoid(a) = 1 / (1 + e^-a), by activations.sigmoid.   Returns: a new Value."""
        out = Value(float(sigmoid(self.data)), (self,), "sigmoid")  # the course's stable sigmoid

        def backward():  # d(sigmoid a)/da = sigmoid(a) * (1 - sigmoid(a))
            self.grad += out.data * (1 - out.data) * out.grad

        out._backward = backward
        return out

    def relu(self):
        """Formula: relu(a) = max(0, a); NaN stays NaN (numpy, PyTorch).   Returns: a new Value."""
        keep = self.data > 0 or math.isnan(self.data)
        out = Value(self.data if keep else 0.0, (self,), "relu")

        def backward():  # d(relu a)/da = 1 if a > 0 else 0
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = backward
        return out

    # --- everything else is built from the operations above ---------------
    def __neg__(self):
        """Formula: -a = a * (-1), so no backward of its own."""
        return self * -1

    def __sub__(self, other):
        """Formula: a - b = a + (-b)."""
        return self + (-as_value(other))

    def __truediv__(self, other):
        """Formula: a / b = a * b^(-1)."""
        return self * as_value(other) ** -1

    def __radd__(self, other):
        """Formula: 3 + a = a + 3."""
        return self + other

    def __rmul__(self, other):
        """Formula: 3 * a = a * 3."""
        return self * other

    def __rsub__(self, other):
        """Formula: 3 - a."""
        return as_value(other) - self

    def __rtruediv__(self, other):
        """Formula: 3 / a."""
        return as_value(other) / self

    # --- backpropagation ---------------------------------------------------
    def backward(self):
        """Fill .grad of every Value this one was computed from: d(self)/d(value).

        Formula: the chain rule, value.grad += (local derivative) * out.grad, applied to
        every operation in reverse topological order (each Value after every Value that
        uses it), so a Value's grad is complete before it is passed on. Grads accumulate
        (+=): a Value used twice receives both contributions. Calling backward() again adds
        again; reset grads to 0 first.
        Notebook: 04 §7 (automatic differentiation).
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
