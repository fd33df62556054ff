"""The logic behind notebook 02's neuron explorer, tested without a browser."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.widgets import neuron_explorer
from course_utils.widgets.neuron import (
    boundary_segment,
    gate_data,
    neuron_accuracy,
    plot_neuron_classifier,
    step_neuron_predict,
)


def test_gate_data_is_the_truth_table():
    X, y = gate_data("and")
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert y.tolist() == [0, 0, 0, 1]
    assert gate_data("OR")[1].tolist() == [0, 1, 1, 1]
    assert gate_data("XOR")[1].tolist() == [0, 1, 1, 0]
    with pytest.raises(ValueError, match="Unknown gate 'nor'. Valid: AND, OR, NAND, XOR"):
        gate_data("nor")


def test_step_neuron_predicts_class_1_where_z_is_not_negative():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.0]])
    assert step_neuron_predict(X, (1.0, 1.0), -1.0).tolist() == [0, 1, 0]
    assert step_neuron_predict(X, (1.0, 0.0), -0.5).tolist() == [0, 1, 1]  # z = 0 counts as class 1


@pytest.mark.parametrize(
    "gate, w, b", [("AND", (1, 1), -1.5), ("OR", (1, 1), -0.5), ("NAND", (-1, -1), 1.5)]
)
def test_known_weights_solve_the_gates(gate, w, b):
    assert neuron_accuracy(*gate_data(gate), w, b) == 1.0


def test_no_weights_on_a_grid_solve_xor():
    X, y = gate_data("XOR")
    values = np.linspace(-3, 3, 25)
    best = max(neuron_accuracy(X, y, (w1, w2), b) for w1 in values for w2 in values for b in values)
    assert best == 0.75


def test_boundary_segment_ends_lie_on_the_line_and_the_box():
    w, b = np.array([1.0, 2.0]), -1.0
    start, end = boundary_segment(w, b, xlim=(-0.5, 1.5), ylim=(-0.5, 1.5))
    for point in (start, end):
        assert np.isclose(np.dot(w, point) + b, 0.0)
        assert -0.5 - 1e-9 <= point[0] <= 1.5 + 1e-9 and -0.5 - 1e-9 <= point[1] <= 1.5 + 1e-9
        assert (
            np.isclose(point[0], -0.5)
            or np.isclose(point[0], 1.5)
            or np.isclose(point[1], -0.5)
            or np.isclose(point[1], 1.5)
        )


def test_boundary_segment_special_cases():
    assert np.allclose(
        boundary_segment((1.0, 0.0), -0.5), [(0.5, -0.5), (0.5, 1.5)]
    )  # vertical line
    assert np.allclose(
        boundary_segment((0.0, 2.0), -1.0), [(-0.5, 0.5), (1.5, 0.5)]
    )  # horizontal line
    assert boundary_segment((0.0, 0.0), 1.0) is None  # no line at all
    assert boundary_segment((1.0, 1.0), -10.0) is None  # the line misses the box
    assert (
        boundary_segment((1.0, 1.0), -3.0) is None
    )  # touches the corner (1.5, 1.5) only: nothing to draw
    start, end = boundary_segment((1.0, 1.0), -2.0)  # a diagonal through two corners
    assert np.allclose(sorted([start, end]), [(0.5, 1.5), (1.5, 0.5)])


def test_plot_shows_regions_line_and_accuracy():
    X, y = gate_data("AND")
    ax = plot_neuron_classifier(X, y, (1.0, 1.0), -1.5)
    assert ax.get_title() == "w = (1.00, 1.00), b = -1.50: 4/4 correct"
    regions = ax.images[0].get_array()
    assert set(np.unique(regions)) == {0.0, 1.0}
    assert len(ax.lines) == 1  # the boundary
    ax = plot_neuron_classifier(*gate_data("XOR"), (0.0, 0.0), 1.0)
    assert ax.get_title().endswith("2/4 correct") and len(ax.lines) == 0
    plt.close("all")


def test_explorer_builds_and_redraws_without_a_browser():
    widget = neuron_explorer(gate="or", w1=0.5, w2=0.5, b=-0.2)
    controls, output = widget.children
    menu, w1, w2, b = controls.children
    assert menu.value == "OR" and (w1.value, w2.value, b.value) == (0.5, 0.5, -0.2)
    b.value = -2.0  # moving a slider re-runs the plotting function; it must not raise
    menu.value = "XOR"
    plt.close("all")


def test_plot_with_other_limits():
    X = np.array([[-0.8, 0.9], [0.7, -0.6]])
    ax = plot_neuron_classifier(X, np.array([0.0, 1.0]), (1.0, -1.0), 0.0, limits=(-1.1, 1.1))
    assert ax.get_xlim() == (-1.1, 1.1) and ax.get_ylim() == (-1.1, 1.1)
    assert ax.get_title().endswith("2/2 correct")
    plt.close("all")
