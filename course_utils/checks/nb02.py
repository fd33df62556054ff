"""Checkers for notebook 02 (the neuron)."""

import numpy as np

from course_utils.activations import identity, relu, sigmoid, step

from ._core import Feedback, call, compare, describe, is_placeholder

__all__ = ["neuron_by_hand", "neuron_function", "nand_weights"]

# The neuron of the pen-and-paper exercise: x = (1, 2, -1), w = (0.5, -1, 2), b = 0.5, ReLU.
BY_HAND_X = np.array([1.0, 2.0, -1.0])
BY_HAND_W = np.array([0.5, -1.0, 2.0])
BY_HAND_B = 0.5


def neuron_by_hand(z, a):
    """Check the pen-and-paper answer: z = x . w + b and a = ReLU(z) for the neuron above."""
    feedback = Feedback("your z and a")
    if is_placeholder(z) or is_placeholder(a):
        feedback.not_done(
            "not done yet: replace both `...` with numbers, then run this cell again."
        )
        return feedback
    weighted_sum = float(BY_HAND_X @ BY_HAND_W)
    z_true = weighted_sum + BY_HAND_B
    a_true = max(z_true, 0.0)
    if compare(z, z_true) is None:
        feedback.ok(f"z = {describe(z)}")
    elif compare(z, weighted_sum) is None:
        feedback.fail(
            f"z: expected {z_true:g}, got {describe(z)}",
            "you have the weighted sum; add the bias b.",
        )
    else:
        feedback.fail(
            f"z: expected {z_true:g}, got {describe(z)}",
            "multiply each input by its weight, add the three products, then add b. "
            "Watch the signs: 2 * (-1) and (-1) * 2.",
        )
    if compare(a, a_true) is None:
        feedback.ok(f"a = {describe(a)}")
    elif compare(a, z_true) is None:
        feedback.fail(
            f"a: expected {a_true:g}, got {describe(a)}",
            "that is z itself; the ReLU turns every negative z into 0.",
        )
    else:
        feedback.fail(f"a: expected {a_true:g}, got {describe(a)}", "a = ReLU(z) = max(z, 0).")
    return feedback


def neuron_function(learner_fn):
    """Check `neuron(x, w, b, g=relu)`: the activation g of x . w + b, a single number."""
    x, w = np.array([1.0, 2.0, 3.0]), np.array([0.5, -0.25, 1.0])  # x . w = 3
    no_bias = "add the bias: z = x @ w + b."
    no_activation = "apply the activation to z: return g(x @ w + b)."
    cases = [
        (
            "x @ w + b = 4, ReLU by default",
            (x, w, 1.0),
            4.0,
            "z = x @ w + b (a dot product: multiply and add), then ReLU.",
        ),
        (
            "a negative z gives 0 with ReLU",
            (x, w, -5.0),
            0.0,
            "use relu as the default activation: def neuron(x, w, b, g=relu).",
        ),
        ("a bias with zero weights", (x, np.zeros(3), 2.0), 2.0, no_bias),
        ("identity activation", (x, w, -5.0, identity), -2.0, no_bias),
        ("sigmoid activation", (x, w, -3.0, sigmoid), 0.5, no_activation),
        (
            "step activation",
            (np.array([1.0, 1.0]), np.array([1.0, 1.0]), -1.5, step),
            1.0,
            no_activation,
        ),
        ("one input", (np.array([2.0]), np.array([3.0]), 0.5, identity), 6.5, no_bias),
    ]
    feedback = Feedback("neuron(x, w, b, g)")
    for description, args, expected, hint in cases:
        called, got = call(feedback, learner_fn, args, description)
        if feedback.status == "not done":
            return feedback
        if not called:
            continue
        if np.ndim(got) > 0 and np.size(got) == 1:  # a 1-element array is a fine answer too
            got = np.asarray(got).reshape(())
        difference = compare(got, expected)
        if difference and np.ndim(got) > 0:
            hint = "the answer is one number: sum the products x * w (x @ w or np.dot(x, w) does both)."
        elif difference and args[2] != 0:
            g = args[3] if len(args) > 3 else relu
            if (
                compare(got, g(args[0] @ args[1])) is None
            ):  # the answer without the bias: say so, whatever the case
                hint = no_bias
        if difference:
            feedback.fail(f"{description}: {difference}", hint)
        else:
            feedback.ok(description)
    return feedback


def nand_weights(w1, w2, b):
    """Check weights that make a step neuron compute NAND: output 0 only for the input (1, 1)."""
    feedback = Feedback("your NAND neuron")
    if any(is_placeholder(value) for value in (w1, w2, b)):
        feedback.not_done(
            "not done yet: replace the three `...` with numbers, then run this cell again."
        )
        return feedback
    for x1, x2 in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        z = x1 * float(w1) + x2 * float(w2) + float(b)
        output = 1 if z >= 0 else 0
        expected = 0 if (x1, x2) == (1, 1) else 1
        case = f"input ({x1}, {x2}): z = {z:g}, output {output}"
        if output == expected:
            feedback.ok(case)
        else:
            feedback.fail(
                f"{case}, expected {expected}",
                "NAND is NOT AND: flip the signs of the AND neuron's weights and bias."
                if expected == 0
                else "the output must be 1 (z >= 0) for this input.",
            )
    return feedback
