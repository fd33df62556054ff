"""Tests of course_utils.optim: SGD, Momentum, Adam and learning-rate schedules."""

import numpy as np
import pytest

from course_utils.optim import (
    SGD,
    Adam,
    Momentum,
    constant,
    exponential_decay,
    get_optimizer,
    step_decay,
)


def quadratic_problem():
    """A convex quadratic f(w) = 0.5 (w - c)^T A (w - c), condition number 10; minimum at c.

    Returns: (A, c, gradient function w -> A (w - c)).
    """
    A = np.diag([1.0, 10.0])
    c = np.array([3.0, -2.0])
    return A, c, lambda w: A @ (w - c)


def minimise(optimizer, steps):
    """Run optimizer.step on the quadratic from w = 0; return the final w."""
    _, _, gradient = quadratic_problem()
    w = np.zeros(2)
    for _ in range(steps):
        optimizer.step([w], [gradient(w)])
    return w


def test_sgd_step_is_p_minus_lr_g():
    W, b = np.array([[1.0, 2.0]]), np.array([0.5])
    SGD(lr=0.1).step([W, b], [np.array([[10.0, -20.0]]), np.array([1.0])])
    np.testing.assert_allclose(W, [[0.0, 4.0]], atol=1e-15)
    np.testing.assert_allclose(b, [0.4], atol=1e-15)


def test_momentum_accumulates_velocity():
    p = np.array([0.0])
    optimizer = Momentum(lr=0.1, beta=0.9)
    optimizer.step([p], [np.array([1.0])])  # v = -0.1
    optimizer.step([p], [np.array([1.0])])  # v = 0.9 * -0.1 - 0.1 = -0.19
    np.testing.assert_allclose(p, [-0.29], atol=1e-15)


def test_adam_first_step_has_size_lr():
    p = np.array([1.0, 1.0])
    Adam(lr=0.01).step(
        [p], [np.array([1e-3, -50.0])]
    )  # bias-corrected m_hat / sqrt(v_hat) = sign(g)
    np.testing.assert_allclose(p, [0.99, 1.01], atol=1e-7)


@pytest.mark.parametrize(
    "optimizer, steps",
    [(SGD(lr=0.15), 300), (Momentum(lr=0.05, beta=0.9), 300), (Adam(lr=0.1), 1000)],
)
def test_optimizers_converge_on_a_convex_quadratic(optimizer, steps):
    _, c, _ = quadratic_problem()
    np.testing.assert_allclose(minimise(optimizer, steps), c, atol=1e-4)


def test_adam_state_is_per_parameter():
    a, b = np.zeros(2), np.zeros((2, 3))
    optimizer = Adam(lr=0.1)
    optimizer.step([a, b], [np.ones(2), np.ones((2, 3))])
    assert [m.shape for m in optimizer.m] == [(2,), (2, 3)]
    assert optimizer.t == 1


@pytest.mark.parametrize("make", [SGD, Momentum, Adam])
@pytest.mark.parametrize("lr", [0, -0.1])
def test_learning_rate_must_be_positive(make, lr):
    with pytest.raises(
        ValueError, match=rf"learning rate lr must be a positive number such as 0.1, got lr={lr}"
    ):
        make(lr=lr)


def test_learning_rate_must_be_a_number():
    with pytest.raises(TypeError, match="must be a number"):
        SGD(lr="0.1")


def test_step_checks_shapes():
    with pytest.raises(
        ValueError, match=r"parameter 0 has shape \(2,\) but its gradient has shape \(3,\)"
    ):
        SGD(lr=0.1).step([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(ValueError, match="got 2 parameters but 1 gradients"):
        SGD(lr=0.1).step([np.zeros(2), np.zeros(2)], [np.zeros(2)])


def test_get_optimizer():
    assert isinstance(get_optimizer("adam", 0.01), Adam)
    assert get_optimizer("SGD", 0.5).lr == 0.5
    mine = Momentum(lr=0.2)
    assert get_optimizer(mine) is mine and mine.lr == 0.2
    with pytest.raises(ValueError, match="both set a learning rate"):
        get_optimizer(mine, 0.5)
    with pytest.raises(
        ValueError,
        match=r"Unknown optimizer 'adm'\. Valid: sgd, momentum, adam\. Did you mean 'adam'\?",
    ):
        get_optimizer("adm", 0.1)


def test_schedules():
    assert [constant(0.1)(epoch) for epoch in (0, 5, 100)] == [0.1, 0.1, 0.1]
    assert [step_decay(0.1, factor=0.5, every=10)(epoch) for epoch in (0, 9, 10, 25)] == [
        0.1,
        0.1,
        0.05,
        0.025,
    ]
    schedule = exponential_decay(0.1, rate=0.9)
    np.testing.assert_allclose([schedule(0), schedule(2)], [0.1, 0.081])
    with pytest.raises(ValueError, match="positive"):
        step_decay(-1.0)
    with pytest.raises(ValueError, match="factor must be in"):
        step_decay(0.1, factor=2.0)


def test_reprs():
    assert repr(SGD(lr=0.1)) == "SGD(lr=0.1)"
    assert repr(Momentum(lr=0.1)) == "Momentum(lr=0.1, beta=0.9)"
    assert repr(Adam()) == "Adam(lr=0.001, beta1=0.9, beta2=0.999)"


# ------------------------------------------------------- settings are checked
@pytest.mark.parametrize(
    "make, name",
    [
        (lambda value: Momentum(lr=0.1, beta=value), "beta"),
        (lambda value: Adam(beta1=value), "beta1"),
        (lambda value: Adam(beta2=value), "beta2"),
    ],
)
@pytest.mark.parametrize("value", [1.0, 1.5, -0.1])
def test_decay_rates_must_lie_in_0_to_1(make, name, value):
    """Momentum(beta=1.5) trained to a loss of 1e33, Adam(beta1=1) to NaN, without a word."""
    with pytest.raises(ValueError, match=rf"{name} must be"):
        make(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "0.9", None, True])
def test_decay_rates_must_be_finite_numbers(value):
    with pytest.raises(TypeError, match="beta must be a finite number"):
        Momentum(beta=value)


@pytest.mark.parametrize("eps", [-1, 0, float("nan")])
def test_adam_eps_must_be_positive(eps):
    with pytest.raises((ValueError, TypeError), match="eps must be"):
        Adam(eps=eps)


def test_schedule_settings_are_checked():
    with pytest.raises(TypeError, match="factor must be a finite number"):
        step_decay(0.1, factor="half")
    with pytest.raises(ValueError, match="every must be >= 1"):
        step_decay(0.1, every=0)
    with pytest.raises(ValueError, match="rate must be in"):
        exponential_decay(0.1, rate=1.5)


# ------------------------------------------------- momentum, as torch writes it
def test_momentum_is_torch_sgd_under_a_changing_learning_rate():
    """torch.optim.SGD(momentum=0.9): v <- beta v + g, p <- p - lr v, with lr changed mid-way.

    The old form v <- beta v - lr g, p <- p + v gives the same steps at a fixed lr only.
    """
    _, _, gradient = quadratic_problem()
    w, w_torch, v_torch = np.zeros(2), np.zeros(2), np.zeros(2)
    optimizer = Momentum(lr=0.1, beta=0.9)
    for step in range(20):
        lr = 0.1 if step < 10 else 0.01  # a step decay
        optimizer.lr = lr
        optimizer.step([w], [gradient(w)])
        v_torch = 0.9 * v_torch + gradient(w_torch)
        w_torch = w_torch - lr * v_torch
        np.testing.assert_allclose(w, w_torch, rtol=1e-14, atol=1e-15)


def test_momentum_at_a_fixed_learning_rate_is_the_form_of_notebook_07():
    """v' <- beta v' - lr g, p <- p + v' (notebook 07, Keras) is the same method at a fixed lr."""
    _, _, gradient = quadratic_problem()
    w, w_keras, velocity = np.zeros(2), np.zeros(2), np.zeros(2)
    optimizer = Momentum(lr=0.05, beta=0.9)
    for _ in range(50):
        optimizer.step([w], [gradient(w)])
        velocity = 0.9 * velocity - 0.05 * gradient(w_keras)
        w_keras = w_keras + velocity
    np.testing.assert_allclose(w, w_keras, rtol=1e-12)


# ------------------------------------------ learning-rate defaults and continuing
def test_each_optimizer_has_its_own_default_learning_rate():
    assert get_optimizer("sgd").lr == SGD().lr == 0.1
    assert get_optimizer("momentum").lr == Momentum().lr == 0.1
    assert get_optimizer("adam").lr == Adam().lr == 0.001


def test_get_optimizer_continues_an_optimizer_of_the_same_kind():
    previous = get_optimizer("adam", 0.01)
    previous.step([np.zeros(2)], [np.ones(2)])
    assert get_optimizer("ADAM", 0.05, current=previous) is previous
    assert previous.lr == 0.05 and previous.t == 1  # the state is kept, only lr changes
    assert get_optimizer("adam", current=previous).lr == 0.001  # None: the kind's default
    fresh = get_optimizer("momentum", 0.05, current=previous)
    assert isinstance(fresh, Momentum) and fresh.velocities is None
