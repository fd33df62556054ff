"""Checkers for notebook 09 (regularisation)."""

import numpy as np

from ._core import Feedback, call, compare, describe

__all__ = ["l2_penalty", "early_stopping_epoch"]


def _l2_reference(params, lam):
    """(lam / 2) * sum of W**2 over weights (names starting with "W"), and its gradient (0 for biases)."""
    penalty = (
        lam
        / 2
        * sum(float(np.sum(value**2)) for name, value in params.items() if name.startswith("W"))
    )
    grads = {
        name: lam * value if name.startswith("W") else np.zeros_like(value)
        for name, value in params.items()
    }
    return penalty, grads


def l2_penalty(learner_fn):
    """Check `l2_penalty(params, lam) -> (penalty, grads)`: the L2 term over weights only, and its gradient."""
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
    feedback = Feedback("l2_penalty(params, lam)")
    for case, params, lam in cases:
        copies = {name: value.copy() for name, value in params.items()}
        called, answer = call(feedback, learner_fn, (copies, lam), case)
        if feedback.status == "not done":
            return feedback
        if not called:
            continue
        expected_penalty, expected_grads = _l2_reference(params, lam)
        if (
            not isinstance(answer, (tuple, list))
            or len(answer) != 2
            or not isinstance(answer[1], dict)
        ):
            feedback.fail(
                f"{case}: expected a pair (penalty, grads) with grads a dict, got {describe(answer)}",
                "return penalty, grads  where grads = {name: gradient array, ...}.",
            )
            continue
        penalty, grads = answer
        problem = compare(penalty, expected_penalty)
        if problem:
            weights_only = lam / 2 * sum(float(np.sum(v**2)) for v in params.values())
            hint = (
                "the penalty is (lam / 2) * sum(W ** 2): the 1/2 makes its gradient exactly lam * W."
                if compare(penalty, 2 * expected_penalty) is None and expected_penalty
                else "only the weights (names starting with 'W') are penalised, not the biases."
                if compare(penalty, weights_only) is None
                else "add (lam / 2) * np.sum(W ** 2) over every weight matrix W."
            )
            feedback.fail(f"{case}: penalty {problem}", hint)
            continue
        if set(grads) != set(params):
            feedback.fail(
                f"{case}: grads has keys {sorted(grads)}, expected {sorted(params)}",
                "give a gradient for every parameter: lam * W for weights, zeros for biases.",
            )
            continue
        wrong = [(name, compare(grads[name], expected_grads[name])) for name in params]
        wrong = [(name, problem) for name, problem in wrong if problem]
        if wrong:
            name, problem = wrong[0]
            hint = (
                "a bias is not penalised, so its gradient is zeros: np.zeros_like(b)."
                if name.startswith("b")
                else "the gradient of (lam / 2) * sum(W ** 2) is lam * W (the 2 of the square cancels the 1/2)."
            )
            feedback.fail(f"{case}: gradient of {name}: {problem}", hint)
            continue
        feedback.ok(f"{case}: penalty {float(penalty):.4g} and gradients match")
    return feedback


def early_stopping_epoch(learner_fn):
    """Check `early_stopping_epoch(val_losses, patience) -> (best_epoch, stop_epoch)`, epochs counted from 1."""
    cases = [
        (
            "a dip, then patience 3 runs out",
            ([1.0, 0.8, 0.7, 0.75, 0.72, 0.9, 0.6], 3),
            (3, 6),
            "stop once `patience` epochs have passed without a new best (epoch - best_epoch >= patience), "
            "not at the first increase; a later improvement is never seen.",
        ),
        (
            "always improving: run to the end",
            ([5.0, 4.0, 3.0, 2.0, 1.0], 2),
            (5, 5),
            "if the rule never fires, stop_epoch is the last epoch, len(val_losses).",
        ),
        (
            "a tie is not an improvement",
            ([1.0, 0.5, 0.5, 0.5, 0.4], 2),
            (2, 4),
            "a new best must be strictly lower (<), as in MLP.fit; an equal loss does not reset the count.",
        ),
        (
            "patience 1",
            ([1.0, 2.0, 0.0], 1),
            (1, 2),
            "epochs count from 1: the first value is epoch 1, so add 1 to a Python index.",
        ),
        (
            "a single epoch",
            ([0.3], 5),
            (1, 1),
            "with one value, epoch 1 is both the best and the last.",
        ),
        (
            "a bumpy curve, patience 2",
            ([0.9, 0.7, 0.8, 0.6, 0.65, 0.62, 0.7, 0.5], 2),
            (4, 6),
            "keep the best loss so far and the epoch it happened in; compare every new loss with that best.",
        ),
    ]
    feedback = Feedback("early_stopping_epoch(val_losses, patience)")
    for case, args, expected, hint in cases:
        called, got = call(feedback, learner_fn, args, case, hint)
        if feedback.status == "not done":
            return feedback
        if not called:
            continue
        difference = compare(got, expected)
        if not difference:
            feedback.ok(case)
            continue
        if (
            compare(got, (expected[0] - 1, expected[1] - 1)) is None
        ):  # the right epochs, counted from 0
            hint = (
                "these are the right epochs counted from 0; count from 1 instead: "
                "enumerate(val_losses, start=1), or add 1 to a Python index."
            )
        feedback.fail(f"{case}: {difference}", hint)
    return feedback
