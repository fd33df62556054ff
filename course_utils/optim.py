"""Optimizers (SGD, momentum, Adam) and learning-rate schedules.

An optimizer changes the parameters a little, against their gradients:

    optimizer.step(params, grads)

params and grads are lists of arrays of matching shapes (e.g. [W1, b1, W2, b2]
and [dW1, db1, dW2, db2]). Each parameter array is updated in place.

A learning-rate schedule is a function epoch -> lr (epochs counted from 0).
"""

import numbers

import numpy as np

from course_utils._validation import unknown_name_error


def check_learning_rate(lr):
    """Return lr if it is a positive finite number, else raise a clear ValueError.

    Inputs:  lr: the learning rate (a step size, e.g. 0.1).
    Returns: lr as a float.
    """
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(f"The learning rate lr must be a number such as 0.1, got {lr!r}.")
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(
            f"The learning rate lr must be a positive number such as 0.1, got lr={lr}. "
            "(lr = 0 never moves the weights; lr < 0 climbs the loss instead of descending.)"
        )
    return float(lr)


def _check_pairs(params, grads):
    """Raise ValueError unless params and grads are lists of arrays with matching shapes."""
    if len(params) != len(grads):
        raise ValueError(f"step: got {len(params)} parameters but {len(grads)} gradients.")
    for i, (p, g) in enumerate(zip(params, grads)):
        if p.shape != g.shape:
            raise ValueError(
                f"step: parameter {i} has shape {p.shape} but its gradient has shape {g.shape}."
            )


class SGD:
    """Plain (stochastic) gradient descent.

    Update: p <- p - lr * g
    Inputs: lr: learning rate (> 0).
    """

    def __init__(self, lr=0.1):
        self.lr = check_learning_rate(lr)

    def step(self, params, grads):
        """Update every parameter in place. Inputs: lists of arrays, params[i].shape == grads[i].shape."""
        _check_pairs(params, grads)
        for p, g in zip(params, grads):
            p -= self.lr * g

    def __repr__(self):
        return f"SGD(lr={self.lr:g})"


class Momentum:
    """Gradient descent with momentum: a velocity that remembers past gradients.

    Update: v <- beta * v - lr * g ;  p <- p + v      (v starts at 0)
    Inputs: lr: learning rate (> 0); beta: how much velocity is kept per step (0 <= beta < 1).
    """

    def __init__(self, lr=0.1, beta=0.9):
        self.lr = check_learning_rate(lr)
        self.beta = beta
        self.velocities = None  # one array per parameter, created at the first step

    def step(self, params, grads):
        """Update every parameter in place. Inputs: lists of arrays, params[i].shape == grads[i].shape."""
        _check_pairs(params, grads)
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        for i, (p, g) in enumerate(zip(params, grads)):
            self.velocities[i] = self.beta * self.velocities[i] - self.lr * g
            p += self.velocities[i]

    def __repr__(self):
        return f"Momentum(lr={self.lr:g}, beta={self.beta:g})"


class Adam:
    """Adam: momentum plus a per-parameter step size from the recent gradient size.

    Update at step t = 1, 2, ... (m and v start at 0):
      m <- beta1 * m + (1 - beta1) * g          running mean of gradients
      v <- beta2 * v + (1 - beta2) * g^2        running mean of squared gradients
      m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)     (bias correction)
      p <- p - lr * m_hat / (sqrt(v_hat) + eps)
    Inputs: lr: learning rate (> 0); beta1, beta2: decay rates; eps: avoids division by 0.
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = check_learning_rate(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.t = 0
        self.m = None  # one array per parameter, created at the first step
        self.v = None

    def step(self, params, grads):
        """Update every parameter in place. Inputs: lists of arrays, params[i].shape == grads[i].shape."""
        _check_pairs(params, grads)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g**2
            m_hat = self.m[i] / (1 - self.beta1**self.t)
            v_hat = self.v[i] / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

    def __repr__(self):
        return f"Adam(lr={self.lr:g}, beta1={self.beta1:g}, beta2={self.beta2:g})"


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def get_optimizer(optimizer, lr):
    """Build an optimizer from its name, or return an optimizer object unchanged.

    Inputs:
      optimizer: "sgd", "momentum", "adam", or an object with a step(params, grads) method
                 (then its own settings are kept and lr is not used);
      lr: learning rate for a new optimizer (> 0).
    Returns: the optimizer object.
    """
    if hasattr(optimizer, "step"):
        return optimizer
    if not isinstance(optimizer, str) or optimizer.lower() not in OPTIMIZERS:
        raise unknown_name_error("optimizer", optimizer, list(OPTIMIZERS))
    return OPTIMIZERS[optimizer.lower()](lr=lr)


# ------------------------------------------------------- learning-rate schedules
def constant(lr):
    """Schedule that keeps the learning rate fixed.

    Formula: lr(epoch) = lr
    Inputs:  lr: learning rate (> 0).
    Returns: a function epoch -> learning rate.
    """
    lr = check_learning_rate(lr)
    return lambda epoch: lr


def step_decay(lr, factor=0.5, every=10):
    """Schedule that multiplies the learning rate by `factor` every `every` epochs.

    Formula: lr(epoch) = lr * factor ** (epoch // every)
    Inputs:  lr: initial learning rate (> 0); factor: 0 < factor <= 1; every: epochs per drop (>= 1).
    Returns: a function epoch -> learning rate.
    """
    lr = check_learning_rate(lr)
    if not 0 < factor <= 1:
        raise ValueError(f"step_decay: factor must be in (0, 1], got {factor}.")
    if every < 1:
        raise ValueError(f"step_decay: every must be at least 1 epoch, got {every}.")
    return lambda epoch: lr * factor ** (epoch // every)


def exponential_decay(lr, rate=0.99):
    """Schedule that shrinks the learning rate by the factor `rate` every epoch.

    Formula: lr(epoch) = lr * rate ** epoch
    Inputs:  lr: initial learning rate (> 0); rate: 0 < rate <= 1.
    Returns: a function epoch -> learning rate.
    """
    lr = check_learning_rate(lr)
    if not 0 < rate <= 1:
        raise ValueError(f"exponential_decay: rate must be in (0, 1], got {rate}.")
    return lambda epoch: lr * rate**epoch
