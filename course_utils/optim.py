"""Optimisers (SGD, momentum, Adam) and learning-rate schedules.

An optimiser moves the parameters a little, against their gradients:

    optimizer.step(params, grads)

params and grads are lists of arrays of matching shapes (e.g. [W1, b1, W2, b2]
and [dW1, db1, dW2, db2]). Each parameter array is updated in place. Momentum
and Adam keep a state (velocities, running means) from step to step; MLP.fit
keeps its optimiser, so a second fit continues where the first stopped.

Every setting is checked when the optimiser is made: a decay rate of 1 or
more, or a negative eps, is refused at once with its name, instead of
training to nan.

A learning-rate schedule is a function epoch -> lr (epochs counted from 0).
"""

import numbers

import numpy as np

from course_utils._validation import check_number, unknown_name_error


def check_learning_rate(lr):
    """Return lr if it is a positive finite number, else raise a clear error.

    Formula: 0 < lr < infinity
    Inputs:  lr: the learning rate (a step size, e.g. 0.1).
    Returns: lr as a float.
    Notebook: 04 §1 (too small, about right, too large); 10 §2.6 (an explicit learning rate).
    """
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise TypeError(f"The learning rate lr must be a number such as 0.1, got {lr!r}.")
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(
            f"The learning rate lr must be a positive number such as 0.1, got lr={lr}. "
            "(lr = 0 never moves the weights; lr < 0 climbs the loss instead of descending.)"
        )
    return float(lr)


def check_decay_rate(value, name, where):
    """Return a decay rate such as momentum's beta if 0 <= value < 1, else raise a clear error.

    Formula: 0 <= value < 1   (a state s <- value * s + ... forgets the past; at 1 it never
             forgets and the steps grow without bound, or Adam's bias correction divides by 0)
    Inputs:  value: the rate; name: its name, e.g. "beta1"; where: the optimiser, e.g. "Adam".
    Returns: value as a float.
    Notebook: 07 §5 (momentum and Adam).
    """
    check_number(value, name, minimum=0, where=where)
    if value >= 1:
        raise ValueError(
            f"{where}: {name} must be < 1 (it is the share of the old state kept per step; "
            f"at {name} >= 1 nothing is ever forgotten and training blows up), got {name}={value}."
        )
    return float(value)


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

    Formula: p <- p - lr * g
    Inputs:  lr: learning rate > 0 (default 0.1).
    Notebook: 04 §6 (gradient descent + backpropagation); 10 §2.6 (the update).
    """

    default_lr = 0.1

    def __init__(self, lr=default_lr):
        self.lr = check_learning_rate(lr)

    def step(self, params, grads):
        """Update every parameter in place.

        Formula: p <- p - lr * g, for every pair
        Inputs:  params, grads: lists of arrays, params[i].shape == grads[i].shape.
        """
        _check_pairs(params, grads)
        for p, g in zip(params, grads):
            p -= self.lr * g

    def __repr__(self):
        return f"SGD(lr={self.lr:g})"


class Momentum:
    """Gradient descent with momentum: a velocity that remembers past gradients.

    Formula: v <- beta * v + g ;  p <- p - lr * v      (v starts at 0)
    This is torch.optim.SGD(momentum=beta). Notebook 07 and Keras write the same method as
    v' <- beta * v' - lr * g ;  p <- p + v'  (v' = -lr * v): at a fixed lr the two give the same
    steps. They differ only when lr changes (a schedule): here the new lr scales the whole
    velocity at once, there it applies to new gradients only and the old velocity fades out.
    Inputs:  lr: learning rate > 0 (default 0.1); beta: share of the velocity kept per step,
             0 <= beta < 1 (default 0.9; steps grow up to 1 / (1 - beta) = 10 times).
    Notebook: 07 §5 (better steps: momentum and Adam); 12 §2 (the PyTorch names).
    """

    default_lr = 0.1

    def __init__(self, lr=default_lr, beta=0.9):
        self.lr = check_learning_rate(lr)
        self.beta = check_decay_rate(beta, "beta", "Momentum")
        self.velocities = None  # one array per parameter, created at the first step

    def step(self, params, grads):
        """Update every parameter in place.

        Formula: v <- beta * v + g ;  p <- p - lr * v, for every pair
        Inputs:  params, grads: lists of arrays, params[i].shape == grads[i].shape.
        """
        _check_pairs(params, grads)
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.velocities):
            v *= self.beta
            v += g
            p -= self.lr * v

    def __repr__(self):
        return f"Momentum(lr={self.lr:g}, beta={self.beta:g})"


class Adam:
    """Adam: momentum plus a per-parameter step size from the recent gradient size.

    Formula, at step t = 1, 2, ... (m and v start at 0):
      m <- beta1 * m + (1 - beta1) * g          running mean of gradients
      v <- beta2 * v + (1 - beta2) * g^2        running mean of squared gradients
      m_hat = m / (1 - beta1^t),  v_hat = v / (1 - beta2^t)     (bias correction)
      p <- p - lr * m_hat / (sqrt(v_hat) + eps)
    Inputs:  lr: learning rate > 0 (default 0.001, Adam's usual default);
             beta1, beta2: decay rates, 0 <= beta < 1; eps > 0: keeps the division finite.
    Notebook: 07 §5 (better steps: momentum and Adam); 09 §1 (Adam and the L2 penalty).
    """

    default_lr = 1e-3

    def __init__(self, lr=default_lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = check_learning_rate(lr)
        self.beta1 = check_decay_rate(beta1, "beta1", "Adam")
        self.beta2 = check_decay_rate(beta2, "beta2", "Adam")
        check_number(eps, "eps", strictly_greater=0, where="Adam")
        self.eps = float(eps)
        self.t = 0
        self.m = None  # one array per parameter, created at the first step
        self.v = None

    def step(self, params, grads):
        """Update every parameter in place (the formula of the class docstring).

        Inputs:  params, grads: lists of arrays, params[i].shape == grads[i].shape.
        """
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


def get_optimizer(optimizer, lr=None, current=None):
    """The optimiser a training run should use: a new one, or one that continues.

    A name ("sgd", "momentum", "adam") gives a new optimiser of that kind, with lr or, for
    lr=None, that kind's default (SGD and momentum 0.1, Adam 0.001). If `current` (the
    optimiser of an earlier run) is already of that kind, it is continued instead: it keeps its
    state (velocities, Adam's running means and step count) and its other settings, and only
    its learning rate is set to lr (or that default). An optimiser object is returned unchanged;
    it keeps its own learning rate, so giving lr as well is refused as ambiguous.
    Inputs:  optimizer: a name, or an object with a step(params, grads) method;
             lr: learning rate > 0, or None; current: an optimiser object, or None.
    Returns: the optimiser object.
    Notebook: 07 §5 (fit(..., optimizer=...)).
    """
    if hasattr(optimizer, "step"):
        if lr is not None:
            raise ValueError(
                f"lr={lr!r} and optimizer={optimizer!r} both set a learning rate; give it once: "
                "optimizer=Adam(lr=...), or optimizer='adam' with lr=..."
            )
        return optimizer
    if not isinstance(optimizer, str) or optimizer.lower() not in OPTIMIZERS:
        raise unknown_name_error("optimizer", optimizer, list(OPTIMIZERS))
    kind = OPTIMIZERS[optimizer.lower()]
    lr = kind.default_lr if lr is None else check_learning_rate(lr)
    if type(current) is kind:
        current.lr = lr
        return current
    return kind(lr=lr)


# ------------------------------------------------------- learning-rate schedules
def constant(lr):
    """Schedule that keeps the learning rate fixed.

    Formula: lr(epoch) = lr
    Inputs:  lr: learning rate > 0.
    Returns: a function epoch -> learning rate.
    Notebook: none (schedules are an extension of 07 §2, the learning rate).
    """
    lr = check_learning_rate(lr)
    return lambda epoch: lr


def step_decay(lr, factor=0.5, every=10):
    """Schedule that multiplies the learning rate by `factor` every `every` epochs.

    Formula: lr(epoch) = lr * factor ** (epoch // every)
    Inputs:  lr: initial learning rate > 0; factor: 0 < factor <= 1; every: epochs per drop >= 1.
    Returns: a function epoch -> learning rate.
    Notebook: none (schedules are an extension of 07 §2, the learning rate).
    """
    lr = check_learning_rate(lr)
    check_number(factor, "factor", strictly_greater=0, where="step_decay")
    if factor > 1:
        raise ValueError(f"step_decay: factor must be in (0, 1], got {factor}.")
    check_number(every, "every", minimum=1, where="step_decay")
    return lambda epoch: lr * factor ** (epoch // every)


def exponential_decay(lr, rate=0.99):
    """Schedule that shrinks the learning rate by the factor `rate` every epoch.

    Formula: lr(epoch) = lr * rate ** epoch
    Inputs:  lr: initial learning rate > 0; rate: 0 < rate <= 1.
    Returns: a function epoch -> learning rate.
    Notebook: none (schedules are an extension of 07 §2, the learning rate).
    """
    lr = check_learning_rate(lr)
    check_number(rate, "rate", strictly_greater=0, where="exponential_decay")
    if rate > 1:
        raise ValueError(f"exponential_decay: rate must be in (0, 1], got {rate}.")
    return lambda epoch: lr * rate**epoch
