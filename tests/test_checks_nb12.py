"""Notebook 12's checkers, tested three ways: solution, placeholder, typical mistakes."""

from course_utils import checks
from course_utils.model import MLP

SOLUTION_NAMES = {
    "Dense": "nn.Linear",
    "Dropout": "nn.Dropout",
    "relu": "nn.ReLU",
    "mse": "nn.MSELoss",
    "sigmoid + binary_cross_entropy": "nn.BCEWithLogitsLoss",
    "SGD": "torch.optim.SGD",
    "l2": "weight_decay",
}


def test_pytorch_names():
    assert checks.pytorch_names(SOLUTION_NAMES).status == "passed"
    spelled = {
        **SOLUTION_NAMES,
        "Dense": "torch.nn.Linear",
        "relu": "nn.ReLU()",
        "SGD": "optim.SGD",
    }
    assert checks.pytorch_names(spelled).status == "passed"
    assert checks.pytorch_names({key: ... for key in SOLUTION_NAMES}).status == "not done"
    assert checks.pytorch_names(...).status == "not done"
    result = checks.pytorch_names(
        {**SOLUTION_NAMES, "Dense": "nn.Dense", "sigmoid + binary_cross_entropy": "nn.BCELoss"}
    )
    text = repr(result)
    assert result.status == "failed" and "nn.Linear(n_in, n_out)" in text and "takes logits" in text
    result = checks.pytorch_names(
        {key: value for key, value in SOLUTION_NAMES.items() if key != "l2"}
    )
    assert result.status == "failed" and "l2: missing" in repr(result)
    assert checks.pytorch_names(["nn.Linear"]).status == "failed"


def n_parameters(layer_sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]))


def test_parameter_count():
    assert checks.parameter_count(n_parameters).status == "passed"
    assert (
        n_parameters([2, 4, 2, 1]) == MLP([2, 4, 2, 1]).n_parameters()
    )  # the solution agrees with MLP

    def placeholder(layer_sizes):
        return ...  # your code here

    assert checks.parameter_count(placeholder).status == "not done"

    def weights_only(layer_sizes):
        return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))

    result = checks.parameter_count(weights_only)
    assert result.status == "failed" and "weights alone" in repr(result)

    def inputs_counted(layer_sizes):
        return sum(a * b + a for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))

    assert checks.parameter_count(inputs_counted).status == "failed"


def output_shape(input_shape, layers):
    shape = tuple(input_shape)
    for n_in, n_out in layers:
        if shape[-1] != n_in:
            raise ValueError(f"last axis {shape[-1]} does not match n_in = {n_in}")
        shape = shape[:-1] + (n_out,)
    return shape


def test_linear_output_shape():
    assert checks.linear_output_shape(output_shape).status == "passed"

    def placeholder(input_shape, layers):
        return ...  # your code here

    assert checks.linear_output_shape(placeholder).status == "not done"

    def batch_and_last_only(input_shape, layers):
        shape = (input_shape[0], input_shape[-1])
        for n_in, n_out in layers:
            if shape[-1] != n_in:
                raise ValueError("mismatch")
            shape = (shape[0], n_out)
        return shape

    result = checks.linear_output_shape(batch_and_last_only)
    assert result.status == "failed" and "LAST axis only" in repr(result)

    def no_check(input_shape, layers):
        return tuple(input_shape[:-1]) + ((layers[-1][1],) if layers else (input_shape[-1],))

    result = checks.linear_output_shape(no_check)
    assert result.status == "failed" and "expected a ValueError" in repr(result)

    def transposed(input_shape, layers):
        return (output_shape(input_shape, layers)[-1],) + tuple(input_shape[:-1])

    assert checks.linear_output_shape(transposed).status == "failed"
