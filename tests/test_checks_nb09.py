"""Notebook 09's checkers, tested three ways: solution, placeholder, typical mistakes."""

import numpy as np

from course_utils import checks
from course_utils.model import MLP


def l2_solution(params, lam):
    penalty = 0.0
    grads = {}
    for name, value in params.items():
        if name.startswith("W"):
            penalty += lam / 2 * np.sum(value**2)
            grads[name] = lam * value
        else:
            grads[name] = np.zeros_like(value)
    return penalty, grads


def test_l2_solution_agrees_with_the_mlp():
    """The reference answer is the same term MLP.loss_value(l2=) adds, with the same gradient."""
    model = MLP([2, 3, 1], seed=4)
    X, y = np.random.default_rng(0).normal(size=(5, 2)), np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    penalty, grads = l2_solution(model.get_params(), 0.07)
    assert np.isclose(model.loss_value(X, y, l2=0.07) - model.loss_value(X, y), penalty)
    with_l2, without = model.gradients(X, y, l2=0.07), model.gradients(X, y)
    for name in grads:
        assert np.allclose(with_l2[name] - without[name], grads[name])


def test_l2_penalty():
    assert checks.l2_penalty(l2_solution).status == "passed"
    assert checks.l2_penalty(lambda params, lam: ...).status == "not done"

    def no_half(params, lam):
        penalty, grads = l2_solution(params, lam)
        return 2 * penalty, grads

    feedback = checks.l2_penalty(no_half)
    assert feedback.status == "failed" and "1/2" in repr(feedback)

    def with_biases(params, lam):
        return (
            lam / 2 * sum(np.sum(v**2) for v in params.values()),
            {name: lam * v for name, v in params.items()},
        )

    feedback = checks.l2_penalty(with_biases)
    assert feedback.status == "failed" and "biases" in repr(feedback)

    def gradient_twice(params, lam):
        penalty, grads = l2_solution(params, lam)
        return penalty, {name: 2 * g for name, g in grads.items()}

    feedback = checks.l2_penalty(gradient_twice)
    assert feedback.status == "failed" and "gradient of W1" in repr(feedback)

    def bias_gradient(params, lam):
        penalty, _ = l2_solution(params, lam)
        return penalty, {name: lam * v for name, v in params.items()}

    feedback = checks.l2_penalty(bias_gradient)
    assert feedback.status == "failed" and "zeros" in repr(feedback)
    assert checks.l2_penalty(lambda params, lam: l2_solution(params, lam)[0]).status == "failed"


def early_stopping_solution(val_losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses)


def test_early_stopping_solution_agrees_with_mlp_fit():
    """The reference rule stops where MLP.fit(early_stopping=patience) stops, on a real run."""
    from course_utils import experiments

    train, validation = experiments.overfitting_data()
    _, full = experiments.train_network(train, validation, seed=1, epochs=200)
    _, stopped = experiments.train_network(train, validation, seed=1, epochs=200, early_stopping=20)
    best, stop = early_stopping_solution(full.val_loss, 20)
    assert (best, stop) == (stopped.best_epoch, stopped.stopped_epoch)


def test_early_stopping_epoch():
    assert checks.early_stopping_epoch(early_stopping_solution).status == "passed"
    assert checks.early_stopping_epoch(lambda v, p: ...).status == "not done"

    def first_increase(val_losses, patience):
        for epoch in range(2, len(val_losses) + 1):
            if val_losses[epoch - 1] > val_losses[epoch - 2]:
                return epoch - 1, epoch
        return len(val_losses), len(val_losses)

    feedback = checks.early_stopping_epoch(first_increase)
    assert feedback.status == "failed" and "first increase" in repr(feedback)

    def zero_based(val_losses, patience):
        best, stop = early_stopping_solution(val_losses, patience)
        return best - 1, stop - 1

    feedback = checks.early_stopping_epoch(zero_based)
    assert feedback.status == "failed" and "counted from 0" in repr(feedback)

    def ties_count(val_losses, patience):
        best_loss, best_epoch = float("inf"), 0
        for epoch, loss in enumerate(val_losses, start=1):
            if loss <= best_loss:
                best_loss, best_epoch = loss, epoch
            elif epoch - best_epoch >= patience:
                return best_epoch, epoch
        return best_epoch, len(val_losses)

    feedback = checks.early_stopping_epoch(ties_count)
    assert feedback.status == "failed" and "strictly" in repr(feedback)
