"""The activation zoo: each activation g(z) with its derivative g'(z); an explorer (notebook 05).

Everything the explorer shows is computed by plain functions (tested without a browser);
`activation_explorer()` only wires them to a dropdown menu and a slider:

    activation_curves("relu", z)      -> (g(z), g'(z)), two arrays shaped like z
    plot_activation("relu", z_max=5)  -> the picture: g solid, g' dashed, on one Axes
"""

import numpy as np

from course_utils.activations import get_activation
from course_utils.plotting import plot_function_and_derivative

# The elementwise activations of course_utils.activations, in the order notebook 05 tells them.
ZOO = ["step", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus"]


def activation_curves(name, z):
    """The values g(z) and slopes g'(z) of an activation, for plotting.

    The step function's derivative raises in course_utils.activations (gradient descent cannot
    use it); here it is drawn as what it is: 0 everywhere, and undefined (nan) at z = 0.
    Inputs:  name: an elementwise activation name, e.g. "relu" (see ZOO); z: (m,) points.
    Returns: (g(z), g'(z)): two float arrays of shape (m,).
    """
    activation = get_activation(name)
    if activation.name == "softmax":
        raise ValueError(
            "activation_curves: softmax works on a whole row of logits, not on one z at a time, "
            "so it has no single curve. Plot it as bars of probabilities instead."
        )
    z = np.asarray(z, dtype=float)
    if activation.name == "step":
        return activation.function(z), np.where(z == 0, np.nan, 0.0)
    return activation.function(z), activation.derivative(z)


def plot_activation(name, z_max=5.0, ax=None):
    """Plot g(z) (solid) and g'(z) (dashed) for z from -z_max to z_max.

    Inputs:  name: an activation name from ZOO; z_max: half-width of the z range (> 0);
             ax: optional Axes.
    Returns: the matplotlib Axes.
    """
    if not z_max > 0:
        raise ValueError(f"plot_activation: z_max must be positive, got {z_max}.")
    z = np.linspace(-z_max, z_max, 401)  # 401 points: z = 0 is one of them
    values, slopes = activation_curves(name, z)
    return plot_function_and_derivative(lambda _: values, lambda _: slopes, z=z, ax=ax, name=name)


def activation_explorer(name="sigmoid", z_max=5.0):
    """A dropdown of activations and a slider for the z range; the plot follows live.

    Returns: an ipywidgets HBox (display it as the last line of a cell); where no kernel runs
             (GitHub, the site), its display is a picture of the plot.
    """
    import ipywidgets as widgets

    from .picture import PictureHBox, live_picture

    menu = widgets.Dropdown(options=ZOO, value=name, description="activation")
    slider = widgets.FloatSlider(value=z_max, min=1.0, max=20.0, step=0.5, description="z range ±")

    def draw_picture():
        return plot_activation(menu.value, slider.value).figure

    def describe():
        return f"Activation explorer: {menu.value} and its derivative for |z| <= {slider.value:g}"

    output = live_picture(draw_picture, [menu, slider])
    return PictureHBox([widgets.VBox([menu, slider]), output], draw_picture, describe)
