"""Notebook 02's checkers, tested three ways: solution, placeholder, typical mistake."""

from course_utils import checks
from course_utils.activations import identity, relu


def test_neuron_by_hand():
    assert checks.neuron_by_hand(-3.0, 0.0).status == "passed"
    assert checks.neuron_by_hand(..., ...).status == "not done"
    assert checks.neuron_by_hand(-3.0, ...).status == "not done"
    no_bias = checks.neuron_by_hand(-3.5, 0.0)
    assert no_bias.status == "failed" and "add the bias" in repr(no_bias)
    no_relu = checks.neuron_by_hand(-3.0, -3.0)
    assert no_relu.status == "failed" and "ReLU turns every negative z into 0" in repr(no_relu)


def test_neuron_function():
    def solution(x, w, b, g=relu):
        return g(x @ w + b)

    assert checks.neuron_function(solution).status == "passed"

    def placeholder(x, w, b, g=relu):
        return ...  # your code here

    assert checks.neuron_function(placeholder).status == "not done"

    def no_bias(x, w, b, g=relu):
        return g(x @ w)

    result = checks.neuron_function(no_bias)
    assert result.status == "failed" and "add the bias" in repr(result)
    assert "default activation" not in repr(
        result
    )  # every failed case blames the bias, not the activation

    def no_activation(x, w, b, g=relu):
        return x @ w + b

    result = checks.neuron_function(no_activation)
    assert result.status == "failed" and "relu as the default" in repr(result)

    def no_sum(x, w, b, g=relu):
        return g(x * w + b)

    result = checks.neuron_function(no_sum)
    assert result.status == "failed" and "the answer is one number" in repr(result)

    def crashes(x, w, b, g=identity):
        raise TypeError("oops")

    assert checks.neuron_function(crashes).status == "failed"


def test_nand_weights():
    assert checks.nand_weights(-1.0, -1.0, 1.5).status == "passed"
    assert checks.nand_weights(-2, -2, 3).status == "passed"
    assert checks.nand_weights(..., ..., ...).status == "not done"
    and_weights = checks.nand_weights(1.0, 1.0, -1.5)
    assert and_weights.status == "failed" and "flip the signs" in repr(and_weights)
