"""The logic behind notebook 07's learning-rate explorer, tested without a browser."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.widgets import descent_path, learning_rate_explorer, plot_descent
from course_utils.widgets.learning_rate import CURVATURE, MAX_LOSS, START, bowl_loss


def test_a_small_learning_rate_converges_monotonically():
    run = descent_path(0.3, steps=40)
    assert run.path.shape == (41, 2) and run.losses.shape == (41,) and not run.diverged
    np.testing.assert_allclose(run.path[0], START)
    np.testing.assert_allclose(run.losses, bowl_loss(run.path))
    assert np.all(np.diff(run.losses) < 0)
    assert run.losses[-1] < 0.1 * run.losses[0]


def test_one_step_multiplies_each_weight_by_one_minus_eta_times_its_curvature():
    run = descent_path(0.5, steps=1, start=(2.0, -1.0))
    np.testing.assert_allclose(
        run.path[1], [2.0 * (1 - 0.5 * CURVATURE[0]), -1.0 * (1 - 0.5 * CURVATURE[1])]
    )


def test_between_one_and_two_over_the_curvature_it_zig_zags_but_converges():
    run = descent_path(1.8 / max(CURVATURE), steps=50)
    assert not run.diverged and run.losses[-1] < run.losses[0]
    assert np.all(np.diff(np.sign(run.path[:, 1])) != 0)  # w2 changes sign at every step


@pytest.mark.parametrize("lr", [2.05 / max(CURVATURE), 3.0, 30.0])
def test_above_two_over_the_curvature_it_diverges_and_stops_at_the_bound(lr):
    run = descent_path(lr, steps=10_000)
    assert run.diverged and len(run.losses) < 10_001
    assert np.all(np.diff(np.abs(run.path[:, 1])) > 0)  # the steep weight grows at every step
    assert run.losses[-1] > 100 * run.losses[0]
    assert run.losses[-1] > MAX_LOSS and np.all(np.isfinite(run.path))


def test_the_bound_depends_on_the_curvature():
    assert descent_path(1.5, steps=200, curvature=(1.0, 1.0)).diverged is False
    assert descent_path(1.5, steps=200, curvature=(1.0, 2.0)).diverged is True


def test_zero_steps_and_bad_inputs():
    run = descent_path(0.1, steps=0)
    assert run.path.shape == (1, 2) and not run.diverged
    with pytest.raises(ValueError, match="must be positive"):
        descent_path(0.0, steps=5)
    with pytest.raises(ValueError, match="whole number"):
        descent_path(0.1, steps=2.5)
    with pytest.raises(ValueError, match="curvatures"):
        descent_path(0.1, steps=5, curvature=(0.0, 1.0))


def test_plot_draws_path_on_contours_and_the_loss_per_step():
    fig = plot_descent(0.3, steps=20)
    left, right = fig.axes[:2]
    path_line = left.get_lines()[0]
    assert len(path_line.get_xdata()) == 21
    assert left.collections  # the contours
    assert left.get_title().startswith("η = 0.3: loss")
    assert right.get_yscale() == "log" and len(right.get_lines()[0].get_ydata()) == 21
    plt.close(fig)
    fig = plot_descent(2.5, steps=50)
    assert "diverged" in fig.axes[0].get_title()
    plt.close(fig)


def test_explorer_builds_and_redraws_without_a_browser(drawn_titles):
    plt.close("all")
    widget = learning_rate_explorer(lr=0.1, steps=20)
    sliders, output = widget.children
    lr_slider, steps_slider = sliders.children
    rates = [rate for _, rate in lr_slider.options]
    assert rates[0] == 0.001 and rates[-1] == 3.0 and lr_slider.value == 0.1
    assert {0.01, 0.3, 1.0, 1.8, 2.0, 2.5} <= set(rates)  # every value notebook 07 names
    assert learning_rate_explorer(lr=0.25).children[0].children[0].value == 0.25  # added
    assert steps_slider.value == 20
    plt.close("all")
    lr_slider.value = 2.5  # moving a slider re-runs the plotting function; it must not raise
    assert "η = 2.5: diverged" in drawn_titles[-1]
    steps_slider.value = 5
    plt.close("all")
