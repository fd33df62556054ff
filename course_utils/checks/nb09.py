"""Checkers for notebook 09 (regularisation)."""

import operator

import numpy as np

from ._core import Feedback, Mistake, check_cases, compare, describe, known_mistake

__all__ = ["l2_penalty", "early_stopping_epoch"]


def _is_weight(name):
    return name.startswith("W")


def _l2_reference(params, lam, penalised=_is_weight, factor=0.5, grad_factor=1.0):
    """(factor * lam * sum of W**2 over the penalised parameters, their gradients).

    With the defaults, the course's L2 term: (lam / 2) * sum(W**2) over weights (names
    starting with "W") and its gradient lam * W (zeros for biases). The switches give
    the typical mistakes below.
    """
    penalty = factor * lam * sum(float(np.sum(v**2)) for n, v in params.items() if penalised(n))
    grads = {
        name: grad_factor * 2 * factor * lam * value if penalised(name) else np.zeros_like(value)
        for name, value in params.items()
    }
    return penalty, grads


L2_MISTAKES = [
    Mistake(
        "no 1/2",
        lambda params, lam: (_l2_reference(params, lam)[0] * 2, _l2_reference(params, lam)[1]),
        "the penalty is (lam / 2) * sum(W ** 2): the 1/2 makes its gradient exactly lam * W.",
    ),
    Mistake(
        "biases penalised",
        lambda params, lam: _l2_reference(params, lam, penalised=lambda name: True),
        "only the weights (names starting with 'W') are penalised, not the biases: a bias "
        "shifts a line without making the model more wiggly.",
    ),
    Mistake(
        "bias gradient lam * b",
        lambda params, lam: (
            _l2_reference(params, lam)[0],
            _l2_reference(params, lam, penalised=lambda name: True)[1],
        ),
        "a bias is not penalised, so its gradient is zeros: np.zeros_like(b).",
    ),
    Mistake(
        "gradient 2 lam W",
        lambda params, lam: (
            _l2_reference(params, lam)[0],
            _l2_reference(params, lam, grad_factor=2)[1],
        ),
        "the gradient of (lam / 2) * sum(W ** 2) is lam * W (the 2 of the square cancels the 1/2).",
    ),
    Mistake(
        "no lam",
        lambda params, lam: _l2_reference(params, 1.0),
        "multiply by the strength lam: (lam / 2) * sum(W ** 2), and lam * W for the gradient.",
    ),
    Mistake(
        "norm, not squared",
        lambda params, lam: (
            lam / 2 * sum(float(np.linalg.norm(v)) for n, v in params.items() if _is_weight(n)),
            _l2_reference(params, lam)[1],
        ),
        "the penalty uses the SQUARED weights: np.sum(W ** 2), not np.linalg.norm(W).",
    ),
]


def l2_penalty(learner_fn):
    """Check `l2_penalty(params, lam) -> (penalty, grads)`: L2 of the weights, its gradient."""
    rng = np.random.default_rng(9)
    cases = [
        ("one weight matrix", {"W1": np.array([[1.0, 2.0], [3.0, 4.0]])}, 0.1),
        (
            "weights and biases (biases are not penalised)",
            {
                "W1": np.array([[1.0, -1.0]]),
                "b1": np.array([5.0, -5.0]),
                "W2": np.array([[2.0], [0.5]]),
                "b2": np.array([3.0]),
            },
            0.2,
        ),
        (
            "lam = 0 gives no penalty",
            {"W1": np.array([[1.0, 2.0]]), "b1": np.array([1.0, 1.0])},
            0.0,
        ),
        (
            "a network's shapes (2 -> 4 -> 1)",
            {
                "W1": rng.normal(size=(2, 4)),
                "b1": rng.normal(size=4),
                "W2": rng.normal(size=(4, 1)),
                "b2": rng.normal(size=1),
            },
            0.03,
        ),
    ]
    with Feedback("l2_penalty(params, lam)") as feedback:
        for case, params, lam in cases:
            copies = {name: value.copy() for name, value in params.items()}
            called, answer = feedback.call(learner_fn, (copies, lam), case)
            if called:
                _judge_l2(feedback, case, answer, params, lam)
    return feedback


def _judge_l2(feedback, case, answer, params, lam):
    """Add one line for the learner's (penalty, grads), compared with _l2_reference."""
    expected_penalty, expected_grads = expected = _l2_reference(params, lam)
    if not isinstance(answer, (tuple, list)) or len(answer) != 2 or not isinstance(answer[1], dict):
        feedback.fail(
            f"{case}: expected a pair (penalty, grads) with grads a dict, got {describe(answer)}",
            "return penalty, grads  where grads = {name: gradient array, ...}.",
        )
        return
    penalty, grads = answer
    mistake = known_mistake(answer, expected, L2_MISTAKES, (params, lam))
    problem = compare(penalty, expected_penalty)
    if problem:
        feedback.fail(
            f"{case}: penalty {problem}",
            mistake or "add (lam / 2) * np.sum(W ** 2) over every weight matrix W.",
        )
        return
    if set(grads) != set(params):
        feedback.fail(
            f"{case}: grads has keys {sorted(map(str, grads))}, expected {sorted(params)}",
            "give a gradient for every parameter: lam * W for weights, zeros for biases.",
        )
        return
    wrong = [(name, compare(grads[name], expected_grads[name])) for name in params]
    wrong = [(name, problem) for name, problem in wrong if problem]
    if wrong:
        name, problem = wrong[0]
        feedback.fail(
            f"{case}: gradient of {name}: {problem}",
            mistake
            or (
                "a bias is not penalised, so its gradient is zeros: np.zeros_like(b)."
                if not _is_weight(name)
                else "the gradient of (lam / 2) * sum(W ** 2) is lam * W."
            ),
        )
        return
    feedback.ok(f"{case}: penalty {expected_penalty:.4g} and gradients match")


def _early_stopping(val_losses, patience, better=operator.lt, stop=operator.ge):
    """(best_epoch, stop_epoch), counted from 1, as MLP.fit(early_stopping=patience) decides.

    A new best needs better(loss, best_loss); training stops once
    stop(epoch - best_epoch, patience). The switches give the typical mistakes below.
    """
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if better(loss, best_loss):
            best_loss, best_epoch = loss, epoch
        elif stop(epoch - best_epoch, patience):
            return best_epoch, epoch
    return best_epoch, len(val_losses)


def _first_increase(val_losses, patience):
    for epoch in range(2, len(val_losses) + 1):
        if val_losses[epoch - 1] > val_losses[epoch - 2]:
            return epoch - 1, epoch
    return len(val_losses), len(val_losses)


def _minimum_of_the_whole_curve(val_losses, patience):
    best = int(np.argmin(val_losses)) + 1
    return best, min(best + patience, len(val_losses))


EARLY_STOPPING_MISTAKES = [
    Mistake(
        "counted from 0",
        lambda val_losses, patience: tuple(e - 1 for e in _early_stopping(val_losses, patience)),
        "these are the right epochs counted from 0; count from 1 instead: "
        "enumerate(val_losses, start=1), or add 1 to a Python index.",
    ),
    Mistake(
        "a tie counts",
        lambda val_losses, patience: _early_stopping(val_losses, patience, better=operator.le),
        "a new best must be strictly lower (<), as in MLP.fit; an equal loss does not reset the "
        "count.",
    ),
    Mistake(
        "stop at the first increase",
        _first_increase,
        "stop once `patience` epochs have passed without a new best (epoch - best_epoch >= "
        "patience), not at the first increase: a later improvement would never be seen.",
    ),
    Mistake(
        "one epoch late",
        lambda val_losses, patience: _early_stopping(val_losses, patience, stop=operator.gt),
        "stop as soon as epoch - best_epoch >= patience (>=, not >): with patience 3, the third "
        "epoch without improvement is the last one.",
    ),
    Mistake(
        "the minimum of the whole curve",
        _minimum_of_the_whole_curve,
        "np.argmin looks at every epoch, also those after training would have stopped. Early "
        "stopping only knows the losses so far: walk through them in order, keep the best so "
        "far, and stop when patience runs out.",
    ),
]


def early_stopping_epoch(learner_fn):
    """Check `early_stopping_epoch(val_losses, patience) -> (best_epoch, stop_epoch)`, from 1."""
    rule = (
        "keep the best loss so far and its epoch (counted from 1); a new best must be strictly "
        "lower; stop at the first epoch with epoch - best_epoch >= patience, else at the last."
    )
    cases = [
        ("a dip, then patience 3 runs out", ([1.0, 0.8, 0.7, 0.75, 0.72, 0.9, 0.6], 3)),
        ("always improving: run to the end", ([5.0, 4.0, 3.0, 2.0, 1.0], 2)),
        ("a tie is not an improvement", ([1.0, 0.5, 0.5, 0.5, 0.4], 2)),
        ("patience 1", ([1.0, 2.0, 0.0], 1)),
        ("a single epoch", ([0.3], 5)),
        ("a bumpy curve, patience 2", ([0.9, 0.7, 0.8, 0.6, 0.65, 0.62, 0.7, 0.5], 2)),
    ]
    cases = [(case, args, _early_stopping(*args), rule) for case, args in cases]
    return check_cases(
        "early_stopping_epoch(val_losses, patience)", learner_fn, cases, EARLY_STOPPING_MISTAKES
    )
