"""The logic behind notebook 01's ReLU hinges explorer, tested without a browser."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.widgets import hinge_explorer, hinge_sum, plot_hinges
from course_utils.widgets.hinges import (
    DEFAULT_INTERCEPT,
    DEFAULT_KNOTS,
    DEFAULT_SLOPES,
    max_error,
    target,
)

# Warnings are errors here too (pyproject.toml says so for the whole suite): a widget that warns
# shows the warning to every learner who moves a slider.
pytestmark = pytest.mark.filterwarnings("error")

# A setting found by hand with the sliders' steps: hinges at -1, -0.5, 0, 0.5 whose sum passes close
# to the target at every knot (the slope of each piece of the curve, and the change of slope at
# each knot).
GOOD_KNOTS = (-1.0, -0.5, 0.0, 0.5)
GOOD_SLOPES = (-2.5, 4.2, 0.5, -3.2)
GOOD_INTERCEPT = 0.35
GOOD_ERROR = 0.3  # its max error on [-1, 1] is 0.261


def test_hinge_sum_matches_a_hand_computation():
    # f(x) = 1 + 2 relu(x - 0) - 3 relu(x - 1)
    x = np.array([-2.0, 0.0, 0.5, 1.5, 3.0])
    # x = -2: 1; x = 0: 1; x = 0.5: 1 + 1 = 2; x = 1.5: 1 + 3 - 1.5 = 2.5; x = 3: 1 + 6 - 6 = 1
    np.testing.assert_allclose(
        hinge_sum(x, [0.0, 1.0], [2.0, -3.0], intercept=1.0), [1.0, 1.0, 2.0, 2.5, 1.0]
    )
    assert hinge_sum(0.5, [0.0], [2.0]) == pytest.approx(
        1.0
    )  # a number in, a number out; intercept 0
    assert hinge_sum(np.zeros((2, 3)), [-1.0], [1.0]).shape == (2, 3)  # shaped like x


def test_hinge_sum_is_the_notebook_formula():
    x = np.linspace(-1, 1, 201)
    knots, slopes = np.array([-1.0, -0.3, 0.4]), np.array([2.0, -1.5, -2.5])
    by_loop = sum(a * np.maximum(0.0, x - c) for c, a in zip(knots, slopes))
    np.testing.assert_allclose(hinge_sum(x, knots, slopes), by_loop)


def test_mismatched_knots_and_slopes_are_refused_clearly():
    with pytest.raises(ValueError, match="one slope per knot"):
        hinge_sum(np.zeros(3), [0.0, 1.0], [1.0])


def test_a_known_good_setting_approximates_the_target():
    error = max_error(GOOD_KNOTS, GOOD_SLOPES, GOOD_INTERCEPT)
    assert error < GOOD_ERROR
    x = np.linspace(-1, 1, 201)
    assert np.max(
        np.abs(hinge_sum(x, GOOD_KNOTS, GOOD_SLOPES, GOOD_INTERCEPT) - target(x))
    ) == pytest.approx(error)


def test_the_explorer_starts_far_from_the_target_so_there_is_something_to_do():
    assert max_error(DEFAULT_KNOTS, DEFAULT_SLOPES, DEFAULT_INTERCEPT) > 1.0


def test_plot_shows_target_hinges_sum_and_max_error():
    fig = plot_hinges(GOOD_KNOTS, GOOD_SLOPES, GOOD_INTERCEPT)
    (ax,) = fig.axes
    assert ax.get_title() == "4 hinges: max error 0.261"
    curves = [line for line in ax.get_lines() if len(line.get_xdata()) == 201]
    assert len(curves) == 1 + 4 + 1  # target, four hinges, their sum
    np.testing.assert_allclose(curves[0].get_ydata(), target(curves[0].get_xdata()))
    np.testing.assert_allclose(
        curves[-1].get_ydata(),
        hinge_sum(curves[-1].get_xdata(), GOOD_KNOTS, GOOD_SLOPES, GOOD_INTERCEPT),
    )
    plt.close(fig)


def test_explorer_builds_and_redraws_when_a_slider_moves(drawn_titles):
    plt.close("all")
    widget = hinge_explorer()
    controls, output = widget.children
    sliders = {slider.description: slider for slider in controls.children}
    assert list(sliders) == [
        "start f0",
        "knot c1",
        "slope a1",
        "knot c2",
        "slope a2",
        "knot c3",
        "slope a3",
        "knot c4",
        "slope a4",
    ]
    # Every starting value sits on its slider (a value off the range would be clipped silently).
    assert [sliders[f"knot c{k}"].value for k in range(1, 5)] == list(DEFAULT_KNOTS)
    assert [sliders[f"slope a{k}"].value for k in range(1, 5)] == list(DEFAULT_SLOPES)
    assert sliders["start f0"].value == DEFAULT_INTERCEPT
    # Moving the sliders to the good setting redraws the plot (the callback runs, must not raise).
    for k, (knot, slope) in enumerate(zip(GOOD_KNOTS, GOOD_SLOPES), start=1):
        sliders[f"knot c{k}"].value = knot
        sliders[f"slope a{k}"].value = slope
    assert drawn_titles[-1] == "4 hinges: max error 0.261"
    sliders["knot c4"].value = 1.0  # a hinge at the right edge adds nothing inside the range
    assert (
        drawn_titles[-1]
        == f"4 hinges: max error {max_error((-1, -0.5, 0, 1), GOOD_SLOPES, 0.35):.3f}"
    )
    plt.close("all")


def test_explorer_takes_three_hinges_and_refuses_bad_counts():
    widget = hinge_explorer(knots=(-1.0, 0.0, 0.5), slopes=(1.0, -1.0, 0.5), intercept=0.0)
    assert len(widget.children[0].children) == 1 + 2 * 3
    plt.close("all")
    with pytest.raises(ValueError, match="one slope per knot"):
        hinge_explorer(knots=(0.0, 0.5), slopes=(1.0,))
    with pytest.raises(ValueError, match="1 to 4 hinges"):
        hinge_explorer(knots=(0.0,) * 5, slopes=(1.0,) * 5)
