"""Checkers for notebook 02 (the neuron)."""

import numpy as np

from course_utils.activations import identity, relu, sigmoid, step

from ._core import (
    Feedback,
    Mistake,
    as_number,
    check_cases,
    describe,
    is_placeholder,
    known_mistake,
)

__all__ = ["neuron_by_hand", "neuron_function", "nand_weights"]

# The neuron of the pen-and-paper exercise: x = (1, 2, -1), w = (0.5, -1, 2), b = 0.5, ReLU.
BY_HAND_X = np.array([1.0, 2.0, -1.0])
BY_HAND_W = np.array([0.5, -1.0, 2.0])
BY_HAND_B = 0.5
BY_HAND_Z = float(BY_HAND_X @ BY_HAND_W) + BY_HAND_B  # -3.0
BY_HAND_A = max(BY_HAND_Z, 0.0)  # 0.0

Z_MISTAKES = [
    Mistake("no bias", lambda: BY_HAND_Z - BY_HAND_B, "you have the weighted sum; add the bias b."),
    Mistake(
        "bias subtracted",
        lambda: BY_HAND_Z - 2 * BY_HAND_B,
        "add the bias b = 0.5, do not subtract it.",
    ),
    Mistake(
        "a sign slip",
        lambda: BY_HAND_Z + 4.0,  # 2 * (-1) or (-1) * 2 taken as +2
        "watch the signs: 2 * (-1) = -2 and (-1) * 2 = -2.",
    ),
    Mistake(
        "ReLU applied",
        lambda: BY_HAND_A,
        "that is a = ReLU(z); z is the value before the activation: x . w + b.",
    ),
]
Z_HINT = (
    "multiply each input by its weight, add the three products, then add b. "
    "Watch the signs: 2 * (-1) and (-1) * 2."
)


# The typical wrong a, computed from the learner's own z (`your_z`).
A_MISTAKES = [
    Mistake(
        "no ReLU",
        lambda your_z: BY_HAND_Z,
        "that is z itself; the ReLU turns every negative z into 0.",
    ),
    Mistake(
        "sigmoid",
        lambda your_z: float(sigmoid(BY_HAND_Z)),
        "the activation here is ReLU, not the sigmoid.",
    ),
    Mistake("absolute value", lambda your_z: abs(BY_HAND_Z), "ReLU is max(z, 0), not |z|."),
    Mistake(
        "ReLU of your z",
        lambda your_z: max(your_z, 0.0),
        "that is ReLU of your z, so a follows from z correctly: fix z first.",
    ),
]
A_HINT = "a = ReLU(z) = max(z, 0)."


def neuron_by_hand(z, a):
    """Check the pen-and-paper answer: z = x . w + b and a = ReLU(z) for the neuron above."""
    with Feedback("your z and a") as feedback:
        if is_placeholder(z) or is_placeholder(a):
            feedback.not_done(
                "not done yet: replace both `...` with numbers, then run this cell again."
            )
            return feedback
        your_z, _ = as_number(z)
        for name, answer, right, mistakes, inputs, hint in [
            ("z", z, BY_HAND_Z, Z_MISTAKES, (), Z_HINT),
            ("a", a, BY_HAND_A, A_MISTAKES, (your_z,), A_HINT),
        ]:
            number, problem = as_number(answer)
            if problem:
                feedback.fail(f"{name}: {problem}", "write one number, such as -1.5.")
            elif np.isclose(number, right, rtol=1e-6, atol=1e-6):
                feedback.ok(f"{name} = {describe(number)}")
            else:
                feedback.fail(
                    f"{name}: expected {right:g}, got {describe(number)}",
                    known_mistake(number, right, mistakes, inputs) or hint,
                )
    return feedback


NEURON_MISTAKES = [
    Mistake("no bias", lambda x, w, b, g=relu: g(x @ w), "add the bias: z = x @ w + b."),
    Mistake(
        "bias after the activation",
        lambda x, w, b, g=relu: g(x @ w) + b,
        "add b before the activation: g(x @ w + b), not g(x @ w) + b.",
    ),
    Mistake(
        "no activation",
        lambda x, w, b, g=relu: x @ w + b,
        "apply the activation g to z: return g(x @ w + b), with relu as the default "
        "(def neuron(x, w, b, g=relu)).",
    ),
    Mistake(
        "g ignored",
        lambda x, w, b, g=relu: relu(x @ w + b),
        "use the activation you are given: return g(x @ w + b); relu is only the default.",
    ),
    Mistake(
        "no sum",
        lambda x, w, b, g=relu: g(x * w + b),
        "the answer is one number: sum the products x * w (x @ w or np.dot(x, w) does both).",
    ),
]


def neuron_function(learner_fn):
    """Check `neuron(x, w, b, g=relu)`: the activation g of x . w + b, a single number."""
    x, w = np.array([1.0, 2.0, 3.0]), np.array([0.5, -0.25, 1.0])  # x . w = 3
    formula = "a = g(z) with z = x @ w + b (a dot product: multiply and add)."
    cases = [
        ("x @ w + b = 4, ReLU by default", (x, w, 1.0), 4.0, formula),
        (
            "a negative z gives 0 with ReLU",
            (x, w, -5.0),
            0.0,
            "use relu as the default activation: def neuron(x, w, b, g=relu).",
        ),
        ("a bias with zero weights", (x, np.zeros(3), 2.0), 2.0, formula),
        ("identity activation", (x, w, -5.0, identity), -2.0, formula),
        ("sigmoid activation", (x, w, -3.0, sigmoid), 0.5, formula),
        (
            "step activation",
            (np.array([1.0, 1.0]), np.array([1.0, 1.0]), -1.5, step),
            1.0,
            formula,
        ),
        ("one input", (np.array([2.0]), np.array([3.0]), 0.5, identity), 6.5, formula),
    ]
    return check_cases("neuron(x, w, b, g)", learner_fn, cases, NEURON_MISTAKES)


# A step neuron's outputs on the inputs (0, 0), (0, 1), (1, 0), (1, 1): NAND's, and the
# typical wrong ones (the gate the neuron computes instead), each with a hint.
INPUTS = [(0, 0), (0, 1), (1, 0), (1, 1)]
NAND = (1, 1, 1, 0)
GATE_MISTAKES = [
    Mistake(
        "AND",
        lambda: (0, 0, 0, 1),
        "your neuron computes AND. NAND is NOT AND: flip the signs of the AND neuron's weights "
        "and bias.",
    ),
    Mistake(
        "OR",
        lambda: (0, 1, 1, 1),
        "your neuron computes OR, which fires for (1, 1) too. NAND must give 0 there: negative "
        "weights, and a positive bias that (1, 1) cannot overcome.",
    ),
    Mistake(
        "NOR",
        lambda: (1, 0, 0, 0),
        "your neuron computes NOR, 1 only for (0, 0). NAND is 1 when one input is on, too: raise "
        "the bias so that one weight alone does not bring z below 0.",
    ),
    Mistake(
        "always 1",
        lambda: (1, 1, 1, 1),
        "your neuron outputs 1 for every input: for (1, 1), z = w1 + w2 + b must be below 0.",
    ),
    Mistake(
        "always 0",
        lambda: (0, 0, 0, 0),
        "your neuron outputs 0 for every input: for (0, 0), z = b must be >= 0.",
    ),
]


def nand_weights(w1, w2, b):
    """Check weights that make a step neuron compute NAND: output 0 only for the input (1, 1)."""
    with Feedback("your NAND neuron") as feedback:
        if any(is_placeholder(value) for value in (w1, w2, b)):
            feedback.not_done(
                "not done yet: replace the three `...` with numbers, then run this cell again."
            )
            return feedback
        numbers = {}
        for name, value in [("w1", w1), ("w2", w2), ("b", b)]:
            numbers[name], problem = as_number(value)
            if problem:
                feedback.fail(f"{name}: {problem}", "write one number, such as -1.5.")
        if feedback.status == "failed":
            return feedback
        zs = [x1 * numbers["w1"] + x2 * numbers["w2"] + numbers["b"] for x1, x2 in INPUTS]
        outputs = tuple(int(z >= 0) for z in zs)
        hint = known_mistake(outputs, NAND, GATE_MISTAKES) or (
            "the output must be 0 for (1, 1) and 1 for the others."
        )
        if outputs[:3] == NAND[:3] and zs[3] == 0:
            hint = (
                "at (1, 1) z is exactly 0, and the step gives 1 at z = 0 (z >= 0): "
                "make w1 + w2 + b negative."
            )
        for (x1, x2), z, output, expected in zip(INPUTS, zs, outputs, NAND):
            case = f"input ({x1}, {x2}): z = {z:g}, output {output}"
            if output == expected:
                feedback.ok(case)
            else:
                feedback.fail(f"{case}, expected {expected}", hint)
                hint = ""  # one hint is enough
    return feedback
