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
    assert get_optimizer(mine, 0.5) is mine
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
