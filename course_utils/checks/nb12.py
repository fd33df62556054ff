"""Checkers for notebook 12 (where next): PyTorch names, parameter counts, layer shapes."""

import copy

from ._core import (
    Feedback,
    Mistake,
    as_shape,
    check_cases,
    describe,
    is_placeholder,
    shorten,
)

__all__ = ["pytorch_names", "parameter_count", "linear_output_shape"]

# course_utils piece -> (accepted PyTorch names, lower case, without "torch.", "nn." or
# "functional."), hint. A layer class and its functional form are both right.
PYTORCH = {
    "Dense": ({"linear"}, "a fully connected layer is nn.Linear(n_in, n_out) in PyTorch."),
    "Dropout": ({"dropout"}, "PyTorch keeps the name: nn.Dropout(p)."),
    "relu": (
        {"relu"},
        "activations are layers too in PyTorch: nn.ReLU() (or torch.relu as a function).",
    ),
    "mse": (
        {"mseloss", "mse_loss"},
        "losses are classes ending in Loss: nn.MSELoss() (F.mse_loss as a function).",
    ),
    "sigmoid + binary_cross_entropy": (
        {"bcewithlogitsloss", "binary_cross_entropy_with_logits"},
        "the fused form takes logits: nn.BCEWithLogitsLoss() (nn.BCELoss takes "
        "probabilities and is less stable).",
    ),
    "SGD": (
        {"sgd"},
        "optimizers live in torch.optim: torch.optim.SGD(model.parameters(), lr=...).",
    ),
    "l2": (
        {"weight_decay"},
        "L2 is an argument of the optimizer: torch.optim.SGD(..., weight_decay=...).",
    ),
}
PREFIXES = ("torch.", "nn.", "functional.", "f.", "optim.")


def _normalise(name):
    """'torch.nn.functional.mse_loss(...)' -> 'mse_loss'; 'weight_decay=0.01' -> 'weight_decay'."""
    text = name.strip().lower().replace(" ", "").split("(")[0].split("=")[0]
    while text.startswith(PREFIXES):
        text = text.split(".", 1)[1]
    return text


def pytorch_names(answer):
    """Check a dict mapping each course_utils piece (the keys of PYTORCH) to its PyTorch name."""
    with Feedback("the PyTorch names of course_utils pieces") as feedback:
        if is_placeholder(answer) and not isinstance(answer, dict):
            feedback.not_done()
        elif not isinstance(answer, dict):
            feedback.fail(
                f"expected a dict such as {{'Dense': 'nn.Linear', ...}}, got {describe(answer)}"
            )
        elif answer and all(value is Ellipsis for value in answer.values()):
            feedback.not_done(
                "not done yet: replace each `...` with the PyTorch name, then run this cell again."
            )
        else:
            for piece, (accepted, hint) in PYTORCH.items():
                given = answer.get(piece, None)
                if piece not in answer:
                    feedback.fail(f"{piece}: missing from your dict", hint)
                elif given is Ellipsis:
                    feedback.fail(f"{piece}: still `...`", hint)
                elif not isinstance(given, str):
                    feedback.fail(
                        f"{piece}: write the name as text, in quotes, got {describe(given)}", hint
                    )
                elif _normalise(given) in accepted:
                    feedback.ok(f"{piece} -> {given}")
                else:
                    feedback.fail(f"{piece}: {shorten(repr(given), 60)} is not it", hint)
    return feedback


def _count(layer_sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]))


def _pairs(layer_sizes):
    return list(zip(layer_sizes[:-1], layer_sizes[1:]))


PARAMETER_MISTAKES = [
    Mistake(
        "weights only",
        lambda sizes: sum(n_in * n_out for n_in, n_out in _pairs(sizes)),
        "that is the weights alone: every layer also has one bias per output neuron.",
    ),
    Mistake(
        "a bias per input",
        lambda sizes: sum(n_in * n_out + n_in for n_in, n_out in _pairs(sizes)),
        "a layer has one bias per OUTPUT neuron (n_out of them), not per input.",
    ),
    Mistake(
        "a bias for the input layer too",
        lambda sizes: _count(sizes) + sizes[0],
        "the inputs have no biases: only the layers after them (n_out per layer) do.",
    ),
    Mistake(
        "neurons counted",
        lambda sizes: sum(sizes),
        "that counts neurons; count the weights (n_in * n_out per layer) and biases (n_out).",
    ),
]


def parameter_count(learner_fn):
    """Check `n_parameters(layer_sizes) -> int`: weights and biases of a fully connected network."""
    cases = [
        (
            "the XOR network [2, 2, 1]",
            ([2, 2, 1],),
            9,
            "W1 is 2 x 2, b1 has 2 entries, W2 is 2 x 1, b2 has 1: 4 + 2 + 2 + 1.",
        ),
        (
            "the playground's default [2, 4, 2, 1]",
            ([2, 4, 2, 1],),
            25,
            "each layer has n_in * n_out weights plus n_out biases.",
        ),
        ("one neuron [3, 1]", ([3, 1],), 4, "3 weights and 1 bias."),
        (
            "an MNIST network [784, 128, 10]",
            ([784, 128, 10],),
            _count([784, 128, 10]),
            "784 * 128 + 128, plus 128 * 10 + 10.",
        ),
        (
            "a deep narrow network [2, 8, 8, 8, 8, 8, 8, 1]",
            ([2, 8, 8, 8, 8, 8, 8, 1],),
            _count([2, 8, 8, 8, 8, 8, 8, 1]),
            "sum over consecutive pairs of layer sizes.",
        ),
    ]
    return check_cases("n_parameters(layer_sizes)", learner_fn, cases, PARAMETER_MISTAKES)


def linear_output_shape(learner_fn):
    """Check `output_shape(input_shape, layers) -> tuple`: nn.Linear layers act on the last axis.

    A layer whose n_in differs from the current last axis must raise ValueError, as PyTorch
    raises an error.
    """
    cases = [
        (
            "a batch of 32 points through Linear(2, 4), Linear(4, 1)",
            ((32, 2), [(2, 4), (4, 1)]),
            (32, 1),
            "each Linear(n_in, n_out) turns the last axis from n_in into n_out; the batch axis "
            "stays.",
        ),
        (
            "one MNIST image (1, 784) through Linear(784, 128), Linear(128, 10)",
            ((1, 784), [(784, 128), (128, 10)]),
            (1, 10),
            "the last layer's n_out is the last axis of the output.",
        ),
        (
            "a batch of 5 sentences of 10 tokens with 8 numbers each, through Linear(8, 16)",
            ((5, 10, 8), [(8, 16)]),
            (5, 10, 16),
            "nn.Linear acts on the LAST axis only; every other axis (batch, tokens) passes "
            "through.",
        ),
        ("no layers at all", ((7, 3), []), (7, 3), "with no layer the shape does not change."),
        (
            "a mismatch: (4, 3) into Linear(2, 4)",
            ((4, 3), [(2, 4)]),
            ValueError,
            "when the last axis differs from the layer's n_in, raise ValueError (PyTorch raises an "
            "error too).",
        ),
        (
            "a mismatch in the second layer",
            ((4, 2), [(2, 4), (3, 1)]),
            ValueError,
            "check n_in of every layer against the current last axis, not only the first.",
        ),
    ]
    with Feedback("output_shape(input_shape, layers)") as feedback:
        for description, args, expected, hint in cases:
            called, got = feedback.call(
                learner_fn, copy.deepcopy(args), description, hint, allowed=(ValueError,)
            )
            if not called:
                continue
            if isinstance(got, ValueError):
                if expected is ValueError:
                    feedback.ok(f"{description}: raised ValueError ({shorten(got, 80)})")
                else:
                    feedback.fail(
                        f"{description}: raised ValueError ({shorten(got, 80)}), expected "
                        f"{expected}",
                        hint,
                    )
                continue
            shape, problem = as_shape(got)
            if expected is ValueError:
                feedback.fail(f"{description}: expected a ValueError, got {describe(got)}", hint)
            elif problem:
                feedback.fail(f"{description}: {problem}", hint)
            elif shape == expected:
                feedback.ok(f"{description}: {expected}")
            else:
                feedback.fail(f"{description}: expected {expected}, got {shape}", hint)
    return feedback
