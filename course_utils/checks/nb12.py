"""Checkers for notebook 12 (where next): course_utils pieces in PyTorch, parameter counts, layer shapes."""

import numbers

from ._core import Feedback, call, describe, is_placeholder

__all__ = ["pytorch_names", "parameter_count", "linear_output_shape"]

# course_utils piece -> (accepted PyTorch names, after dropping "torch." and "nn."), hint
PYTORCH = {
    "Dense": ({"linear"}, "a fully connected layer is nn.Linear(n_in, n_out) in PyTorch."),
    "Dropout": ({"dropout"}, "PyTorch keeps the name: nn.Dropout(p)."),
    "relu": (
        {"relu"},
        "activations are layers too in PyTorch: nn.ReLU() (or torch.relu as a function).",
    ),
    "mse": ({"mseloss"}, "losses are classes ending in Loss: nn.MSELoss()."),
    "sigmoid + binary_cross_entropy": (
        {"bcewithlogitsloss"},
        "the fused form takes logits: nn.BCEWithLogitsLoss() (nn.BCELoss takes "
        "probabilities and is less stable).",
    ),
    "SGD": (
        {"optim.sgd", "sgd"},
        "optimizers live in torch.optim: torch.optim.SGD(model.parameters(), lr=...).",
    ),
    "l2": (
        {"weight_decay"},
        "L2 is an argument of the optimizer: torch.optim.SGD(..., weight_decay=...).",
    ),
}


def _normalise(name):
    text = str(name).strip().lower().replace(" ", "")
    for prefix in ("torch.nn.functional.", "torch.nn.", "torch.", "nn.", "f."):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text.split("(")[0].replace("=", "")


def pytorch_names(answer):
    """Check a dict mapping each course_utils piece (the keys of PYTORCH) to its PyTorch name."""
    feedback = Feedback("the PyTorch names of course_utils pieces")
    if is_placeholder(answer):
        feedback.not_done()
        return feedback
    if not isinstance(answer, dict):
        feedback.fail(
            f"expected a dict such as {{'Dense': 'nn.Linear', ...}}, got {type(answer).__name__}"
        )
        return feedback
    if all(is_placeholder(value) for value in answer.values()):
        feedback.not_done(
            "not done yet: replace each `...` with the PyTorch name, then run this cell again."
        )
        return feedback
    for piece, (accepted, hint) in PYTORCH.items():
        if piece not in answer:
            feedback.fail(f"{piece}: missing from your dict", hint)
            continue
        given = answer[piece]
        if is_placeholder(given):
            feedback.fail(f"{piece}: still `...`", hint)
        elif _normalise(given) in accepted:
            feedback.ok(f"{piece} -> {given}")
        else:
            feedback.fail(f"{piece}: {given!r} is not it", hint)
    return feedback


def _count(layer_sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]))


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
    feedback = Feedback("n_parameters(layer_sizes)")
    for description, args, expected, hint in cases:
        called, got = call(feedback, learner_fn, args, description)
        if feedback.status == "not done":
            return feedback
        if not called:
            continue
        if (
            isinstance(got, bool)
            or not isinstance(got, numbers.Integral)
            and not (isinstance(got, numbers.Real) and float(got).is_integer())
        ):
            feedback.fail(f"{description}: expected a whole number, got {describe(got)}", hint)
            continue
        got = int(got)
        weights_only = sum(a * b for a, b in zip(args[0][:-1], args[0][1:]))
        if got == expected:
            feedback.ok(f"{description}: {expected:,} parameters")
        elif got == weights_only:
            feedback.fail(
                f"{description}: expected {expected:,}, got {got:,}: that is the weights alone",
                "every layer also has one bias per output neuron.",
            )
        else:
            feedback.fail(f"{description}: expected {expected:,}, got {got:,}", hint)
    return feedback


def linear_output_shape(learner_fn):
    """Check `output_shape(input_shape, layers) -> tuple`: nn.Linear-style layers act on the last axis.

    A layer whose n_in differs from the current last axis must raise ValueError, as PyTorch raises an error.
    """
    cases = [
        (
            "a batch of 32 points through Linear(2, 4), Linear(4, 1)",
            ((32, 2), [(2, 4), (4, 1)]),
            (32, 1),
            "each Linear(n_in, n_out) turns the last axis from n_in into n_out; the batch axis stays.",
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
            "nn.Linear acts on the LAST axis only; every other axis (batch, tokens) passes through.",
        ),
        ("no layers at all", ((7, 3), []), (7, 3), "with no layer the shape does not change."),
        (
            "a mismatch: (4, 3) into Linear(2, 4)",
            ((4, 3), [(2, 4)]),
            ValueError,
            "when the last axis differs from the layer's n_in, raise ValueError (PyTorch raises an error too).",
        ),
        (
            "a mismatch in the second layer",
            ((4, 2), [(2, 4), (3, 1)]),
            ValueError,
            "check n_in of every layer against the current last axis, not only the first.",
        ),
    ]
    feedback = Feedback("output_shape(input_shape, layers)")
    for description, args, expected, hint in cases:
        try:
            got = learner_fn(*args)
        except NotImplementedError:
            feedback.not_done()
            return feedback
        except ValueError as error:
            if expected is ValueError:
                feedback.ok(f"{description}: raised ValueError ({error})")
            else:
                feedback.fail(
                    f"{description}: raised ValueError ({error}), expected {expected}", hint
                )
            continue
        except Exception as error:  # a learner's bug becomes feedback, never a traceback
            feedback.fail(
                f"{description}: your function raised {type(error).__name__}: {error}", hint
            )
            continue
        if is_placeholder(got):
            feedback.not_done()
            return feedback
        got = tuple(got) if isinstance(got, (list, tuple)) else got
        if expected is ValueError:
            feedback.fail(f"{description}: expected a ValueError, got {describe(got)}", hint)
        elif got == expected:
            feedback.ok(f"{description}: {expected}")
        else:
            feedback.fail(f"{description}: expected {expected}, got {describe(got)}", hint)
    return feedback
