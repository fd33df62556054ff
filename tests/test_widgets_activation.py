"""The logic behind notebook 05's activation explorer, tested without a browser."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import activations
from course_utils.widgets import activation_explorer
from course_utils.widgets.activation import ZOO, activation_curves, plot_activation


def test_the_zoo_lists_every_elementwise_activation_of_the_package():
    elementwise = set(activations.ACTIVATIONS) - {"identity", "softmax"}
    assert set(ZOO) == elementwise


@pytest.mark.parametrize("name", ZOO)
def test_curves_are_the_package_functions(name):
    z = np.linspace(-4, 4, 9)
    values, slopes = activation_curves(name, z)
    assert values.shape == slopes.shape == z.shape
    np.testing.assert_allclose(values, activations.get_activation(name).function(z))
    if name != "step":
        np.testing.assert_allclose(slopes, activations.get_activation(name).derivative(z))


def test_step_slope_is_zero_and_undefined_at_zero():
    _, slopes = activation_curves("step", np.array([-1.0, 0.0, 1.0]))
    assert slopes[0] == 0 and np.isnan(slopes[1]) and slopes[2] == 0


def test_softmax_and_unknown_names_are_refused_clearly():
    with pytest.raises(ValueError, match="softmax works on a whole row"):
        activation_curves("softmax", np.zeros(3))
    with pytest.raises(ValueError, match="Did you mean 'relu'"):
        activation_curves("reluu", np.zeros(3))


def test_plot_activation_draws_function_and_derivative():
    ax = plot_activation("tanh", z_max=3.0)
    solid, dashed = [line for line in ax.get_lines() if len(line.get_xdata()) == 401]
    np.testing.assert_allclose(solid.get_xdata()[[0, -1]], [-3.0, 3.0])
    np.testing.assert_allclose(solid.get_ydata(), np.tanh(solid.get_xdata()))
    np.testing.assert_allclose(dashed.get_ydata(), 1 - np.tanh(dashed.get_xdata()) ** 2)
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="z_max must be positive"):
        plot_activation("relu", z_max=0)


def test_explorer_builds_with_a_menu_of_the_zoo():
    box = activation_explorer("relu")
    menu = box.children[0].children[0]
    assert list(menu.options) == ZOO and menu.value == "relu"
    plt.close("all")
